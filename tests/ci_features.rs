//! What CI jobs use around the sign-in, against a real moto: test users (`user ensure`),
//! GitHub Actions outputs, the token cache, and `exec`.

mod common;

use common::{cogtok, Moto, TestCommand};

const PASSWORD: &str = "Ci-Passw0rd!";

fn cogtok_at(moto: &Moto) -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["--endpoint-url", &moto.url])
        .env("AWS_REGION", "us-east-1")
        .keys(&moto.admin);
    cmd
}

#[test]
fn user_ensure_then_admin_login_needs_no_password_change() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("ensure", false);
    let user = "ci@example.com";
    let ensure = || {
        let mut cmd = cogtok_at(&moto);
        cmd.args([
            "user",
            "ensure",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            user,
        ])
        .args([
            "--password-env",
            "PW",
            "--attribute",
            &format!("email={user}"),
            "--attribute",
            "email_verified=true",
        ])
        .env("PW", PASSWORD);
        cmd
    };
    let first = ensure().run().success().not_leaking(PASSWORD).json();
    assert_eq!(first["Created"], true, "{first}");
    let again = ensure().run().success().json();
    assert_eq!(again["Created"], false, "idempotent: {again}");

    let got = cogtok_at(&moto)
        .args([
            "admin-get-user",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            user,
        ])
        .run()
        .success()
        .json();
    assert_eq!(got["UserStatus"], "CONFIRMED", "{got:#}");
    let verified = got["UserAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["Name"] == "email_verified" && a["Value"] == "true");
    assert!(verified, "{got:#}");

    // No NEW_PASSWORD_REQUIRED: no --new-password option needed.
    let token = cogtok_at(&moto)
        .args([
            "login",
            "--flow",
            "admin",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--username", user, "--output", "id-token"])
        .env("COGTOK_PASSWORD", PASSWORD)
        .run()
        .success();
    assert_eq!(token.stdout.matches('.').count(), 2, "{}", token.describe());

    let delete = || {
        let mut cmd = cogtok_at(&moto);
        cmd.args([
            "user",
            "delete",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            user,
        ]);
        cmd
    };
    assert_eq!(delete().run().success().json()["Deleted"], true);
    assert_eq!(
        delete().run().success().json()["Deleted"],
        false,
        "already gone is fine"
    );
}

#[test]
fn github_output_masks_every_token_and_fills_the_step_files() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("github", false);
    let user = "gh@example.com";
    moto.create_user(&pool, user, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, user, PASSWORD);

    let mut cmd = cogtok_at(&moto);
    let (output_file, env_file) = (cmd.home().join("github_output"), cmd.home().join("github_env"));
    cmd.args([
        "login",
        "--flow",
        "admin",
        "--user-pool-id",
        &pool.user_pool_id,
        "--client-id",
        &pool.client_id,
    ])
    .args(["--username", user, "--output", "github", "--export"])
    .env("COGTOK_PASSWORD", PASSWORD)
    .env("GITHUB_OUTPUT", &output_file)
    .env("GITHUB_ENV", &env_file);
    let out = cmd.run().success();
    let outputs = std::fs::read_to_string(&output_file).expect("GITHUB_OUTPUT written");
    let envs = std::fs::read_to_string(&env_file).expect("GITHUB_ENV written");
    let value = |text: &str, name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .to_string()
    };
    let tokens = [
        value(&outputs, "id_token"),
        value(&outputs, "access_token"),
        value(&outputs, "refresh_token"),
    ];
    assert!(value(&outputs, "expires_at").parse::<i64>().is_ok());
    // Standard output is the job log: nothing but the masks, one per token, before any use.
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.describe());
    for (line, token) in lines.iter().zip(&tokens) {
        assert_eq!(*line, format!("::add-mask::{token}"));
    }
    assert!(!out.stderr.contains(&tokens[0]), "{}", out.describe());
    assert_eq!(value(&envs, "COGNITO_ID_TOKEN"), tokens[0]);
    assert_eq!(value(&envs, "COGNITO_ACCESS_TOKEN"), tokens[1]);

    // Outside GitHub Actions the files are missing: said before any sign-in.
    cogtok_at(&moto)
        .args([
            "login",
            "--flow",
            "admin",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--username", user, "--output", "github"])
        .env("COGTOK_PASSWORD", PASSWORD)
        .run()
        .code(253)
        .stderr_contains("GITHUB_OUTPUT");
}

#[test]
fn the_cache_serves_fresh_tokens_without_a_request_then_refreshes_then_signs_in() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("cache", false);
    let user = "cache@example.com";
    moto.create_user(&pool, user, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, user, PASSWORD);
    let cache_dir = common::temp_dir().join("cache");
    let login = |endpoint: &str| {
        let mut cmd = cogtok();
        cmd.args(["--endpoint-url", endpoint, "--debug"])
            .env("AWS_REGION", "us-east-1")
            .keys(&moto.admin)
            .args([
                "login",
                "--flow",
                "admin",
                "--user-pool-id",
                &pool.user_pool_id,
                "--client-id",
                &pool.client_id,
            ])
            .args(["--username", user, "--cache", "--output", "access-token"])
            .arg("--cache-dir")
            .arg(&cache_dir)
            .env("COGTOK_PASSWORD", PASSWORD);
        cmd
    };
    let first = login(&moto.url).run().success();
    assert!(first.stderr.contains("AdminInitiateAuth"), "{}", first.describe());

    // A second run in a row makes no request at all.
    let second = login(&moto.url).run().success();
    assert_eq!(second.stdout, first.stdout, "the cached token");
    assert!(
        !second.stderr.contains("> POST"),
        "a request was made: {}",
        second.describe()
    );
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&cache_dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        for f in std::fs::read_dir(&cache_dir).unwrap() {
            let f = f.unwrap().path();
            assert_eq!(
                std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
                0o600,
                "{}",
                f.display()
            );
            let text = std::fs::read_to_string(&f).unwrap();
            assert!(!text.contains(PASSWORD), "the cache holds no password");
        }
    }

    // The same user at another endpoint (an emulator, then AWS) is another cache entry: the
    // tokens of one are never served for the other.
    let elsewhere = login("http://127.0.0.1:9").run();
    assert_eq!(elsewhere.code, 255, "{}", elsewhere.describe());
    assert!(elsewhere.stdout.is_empty(), "{}", elsewhere.describe());

    // A refresh that fails for a reason of ours (an unreadable client secret) is that error,
    // not "the refresh token was refused" followed by a sign-in.
    let unreadable = login(&moto.url)
        .args(["--min-ttl", "7200", "--client-secret-file", "/nonexistent/secret"])
        .run();
    assert_eq!(unreadable.code, 253, "{}", unreadable.describe());
    assert!(!unreadable.stderr.contains("was refused"), "{}", unreadable.describe());

    // Less than --min-ttl left: the refresh token, no sign-in.
    let refreshed = login(&moto.url).args(["--min-ttl", "7200"]).run().success();
    assert!(
        refreshed.stderr.contains("REFRESH_TOKEN_AUTH"),
        "{}",
        refreshed.describe()
    );
    // The refresh is all: no sign-in with the password.
    assert!(
        !refreshed.stderr.contains("ADMIN_USER_PASSWORD_AUTH"),
        "{}",
        refreshed.describe()
    );
    assert_ne!(refreshed.stdout, first.stdout, "a fresh access token");

    // A corrupt cache file is a warning, never a failure: the run signs in again.
    for f in std::fs::read_dir(&cache_dir).unwrap() {
        std::fs::write(f.unwrap().path(), "{ torn").unwrap();
    }
    let recovered = login(&moto.url)
        .run()
        .success()
        .stderr_contains("cogtok: warning: ignoring the unreadable token cache file");
    assert!(
        recovered.stderr.contains("ADMIN_USER_PASSWORD_AUTH"),
        "{}",
        recovered.describe()
    );
}

#[test]
fn exec_passes_the_tokens_and_returns_the_commands_exit_code() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("exec", false);
    let user = "exec@example.com";
    moto.create_user(&pool, user, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, user, PASSWORD);
    let mut cmd = cogtok_at(&moto);
    let seen = cmd.home().join("seen");
    cmd.args(["exec", "--flow", "admin", "--user-pool-id", &pool.user_pool_id, "--client-id", &pool.client_id])
        .args(["--username", user, "--", "sh", "-c"])
        .arg(format!(
            "printf '%s\\n%s\\n%s\\n%s\\n' \"$COGNITO_ID_TOKEN\" \"$COGNITO_ACCESS_TOKEN\" \"$COGNITO_EXPIRES_AT\" \"$COGTOK_PASSWORD$COGTOK_CLIENT_SECRET\" > '{}'; exit 7",
            seen.display()
        ))
        .env("COGTOK_PASSWORD", PASSWORD)
        .env("COGTOK_CLIENT_SECRET", "not-for-the-command");
    let out = cmd.run().code(7);
    assert!(out.stdout.is_empty(), "{}", out.describe());
    let seen = std::fs::read_to_string(&seen).expect("the command ran");
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(lines[0].matches('.').count(), 2, "ID token: {seen}");
    assert_eq!(lines[1].matches('.').count(), 2, "access token: {seen}");
    assert!(lines[2].parse::<i64>().is_ok(), "expiry: {seen}");
    assert_eq!(
        lines.get(3).copied().unwrap_or(""),
        "",
        "cogtok's own secrets must not reach the command: {seen}"
    );

    cogtok_at(&moto)
        .args([
            "exec",
            "--flow",
            "admin",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--username", user, "--", "/nonexistent/program"])
        .env("COGTOK_PASSWORD", PASSWORD)
        .run()
        .code(127)
        .stderr_contains("/nonexistent/program: not found");
}
