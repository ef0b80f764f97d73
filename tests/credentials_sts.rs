//! The credential providers that go through STS, against moto on 127.0.0.1 enforcing SigV4 and
//! IAM: a profile's `role_arn` with `source_profile`, `web_identity_token_file` in a profile and
//! in the environment (EKS IRSA), AccessDenied from STS (exit 253, one line, no retry), and a
//! loop of profiles. Each assumed role's credentials must sign a cognito-idp call that moto's
//! IAM check accepts: the source user may only call sts:AssumeRole, the role only cognito-idp.

mod common;

use std::fs;

use common::{cogtok, Moto, Pool, TestCommand};

const USER: &str = "ci@example.com";

fn pool_with_user(moto: &Moto) -> Pool {
    let pool = moto.create_pool("sts-tests", false);
    moto.create_user(&pool, USER, "Temp-Passw0rd!");
    pool
}

/// `cogtok admin-get-user` against moto, with the shared config file `config` and no keys in
/// the environment; STS and cognito-idp both at moto through `AWS_ENDPOINT_URL`.
fn admin_get_user(moto: &Moto, pool: &Pool, config: &str) -> TestCommand {
    let mut cmd = cogtok();
    let aws = cmd.home().join(".aws");
    fs::create_dir_all(&aws).unwrap();
    fs::write(aws.join("config"), config).unwrap();
    cmd.env("AWS_ENDPOINT_URL", &moto.url)
        .env("AWS_REGION", "us-east-1")
        .env("COGTOK_TEST_BACKOFF_BASE_MS", "1")
        .args([
            "admin-get-user",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            USER,
        ]);
    cmd
}

/// How many requests moto answered with `status`, from its log (one line per request).
fn answered(moto: &Moto, status: u16) -> usize {
    let log = fs::read_to_string(moto.log_path()).unwrap_or_default();
    let needle = format!("HTTP/1.1\" {status} ");
    log.lines().filter(|l| l.contains(&needle)).count()
}

#[test]
fn a_profile_role_assumed_with_a_source_profiles_keys_signs_cognito_calls() {
    let moto = Moto::start_enforcing();
    let pool = pool_with_user(&moto);
    let config = format!(
        "[profile ci]\nrole_arn = {}\nsource_profile = base\nrole_session_name = ci-run\nduration_seconds = 900\n\n\
         [profile base]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
        moto.role_arn, moto.assumer.access_key_id, moto.assumer.secret_access_key
    );
    let out = admin_get_user(&moto, &pool, &config)
        .env("AWS_PROFILE", "ci")
        .arg("--debug")
        .run()
        .success()
        .not_leaking(&moto.assumer.secret_access_key);
    assert_eq!(
        out.json()["Username"].as_str().map(str::len),
        Some(36),
        "{}",
        out.describe()
    );
    assert!(
        out.stderr.contains(&format!(
            "credentials from profile ci: role {} with credentials from profile base (static keys)",
            moto.role_arn
        )),
        "{}",
        out.describe()
    );
    // The STS exchange is in the trace, its secrets are not.
    assert!(
        out.stderr.contains("Action=AssumeRole&Version=2011-06-15"),
        "{}",
        out.describe()
    );
    assert!(
        out.stderr.contains("<SecretAccessKey><redacted></SecretAccessKey>"),
        "{}",
        out.describe()
    );
    assert!(
        out.stderr.contains("<SessionToken><redacted></SessionToken>"),
        "{}",
        out.describe()
    );

    // The source user alone may not call cognito-idp: the role did.
    admin_get_user(&moto, &pool, &config)
        .env("AWS_PROFILE", "base")
        .run()
        .code(254)
        .stderr_contains("AccessDenied");
}

#[test]
fn access_denied_by_sts_is_one_line_naming_the_profile_and_is_not_retried() {
    let moto = Moto::start_enforcing();
    let pool = pool_with_user(&moto);
    let config = format!(
        "[profile ci]\nrole_arn = {}\nsource_profile = base\n\n\
         [profile base]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
        moto.role_arn, moto.noperm.access_key_id, moto.noperm.secret_access_key
    );
    let before = answered(&moto, 403);
    let out = admin_get_user(&moto, &pool, &config)
        .env("AWS_PROFILE", "ci")
        .run()
        .code(253)
        .not_leaking(&moto.noperm.secret_access_key);
    let line = out.stderr.trim_end();
    assert_eq!(line.lines().count(), 1, "{}", out.describe());
    assert!(
        line.starts_with(&format!(
            "cogtok: profile ci: STS AssumeRole for {}: AccessDenied: ",
            moto.role_arn
        )),
        "{}",
        out.describe()
    );
    assert!(line.contains("trust policy"), "{}", out.describe());
    assert_eq!(
        answered(&moto, 403) - before,
        1,
        "AccessDenied must not be retried:\n{}",
        moto.log_tail(10)
    );
}

#[test]
fn web_identity_from_a_profile_and_from_the_environment_signs_cognito_calls() {
    let moto = Moto::start_enforcing();
    let pool = pool_with_user(&moto);
    let dir = common::temp_dir();
    let token_file = dir.join("token.jwt");
    // moto checks no token; the trailing newline is trimmed as a kubelet's file would need.
    fs::write(&token_file, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\n").unwrap();

    let profile = format!(
        "[profile irsa]\nrole_arn = {}\nweb_identity_token_file = {}\nrole_session_name = pod-1\n",
        moto.role_arn,
        token_file.display()
    );
    // The one unsigned action, AssumeRoleWithWebIdentity; the cognito-idp call is checked.
    moto.allow_unauthenticated(1);
    let out = admin_get_user(&moto, &pool, &profile)
        .env("AWS_PROFILE", "irsa")
        .arg("--debug")
        .run()
        .success()
        .not_leaking("c2lnbmF0dXJl");
    assert!(
        out.stderr.contains("Action=AssumeRoleWithWebIdentity"),
        "{}",
        out.describe()
    );
    assert!(out.stderr.contains("WebIdentityToken=<redacted>"), "{}", out.describe());
    // The STS call goes unsigned: the first signature is the cognito-idp call's, after it.
    let sts_at = out.stderr.find("Action=AssumeRoleWithWebIdentity").unwrap();
    let signed_at = out.stderr.find("> authorization: AWS4").unwrap();
    assert!(signed_at > sts_at, "unsigned STS call: {}", out.describe());

    moto.allow_unauthenticated(1);
    let out = admin_get_user(&moto, &pool, "")
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", &token_file)
        .env("AWS_ROLE_ARN", &moto.role_arn)
        .env("AWS_ROLE_SESSION_NAME", "pod-2")
        .arg("--debug")
        .run()
        .success()
        .not_leaking("c2lnbmF0dXJl");
    assert!(
        out.stderr.contains("credentials from web identity token file"),
        "{}",
        out.describe()
    );
    assert!(out.stderr.contains("RoleSessionName=pod-2") || out.stderr.contains("RoleSessionName=<redacted>"));

    // A token file that went away: one line naming the provider and the file.
    moto.allow_unauthenticated(1);
    let gone = dir.join("gone.jwt");
    let out = admin_get_user(&moto, &pool, "")
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", &gone)
        .env("AWS_ROLE_ARN", &moto.role_arn)
        .run()
        .code(253)
        .stderr_contains("web identity (AWS_WEB_IDENTITY_TOKEN_FILE): cannot read the web identity token file");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn a_loop_of_profiles_is_one_clear_line() {
    let mut cmd = cogtok();
    let aws = cmd.home().join(".aws");
    fs::create_dir_all(&aws).unwrap();
    fs::write(
        aws.join("config"),
        "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n",
    )
    .unwrap();
    let out = cmd
        .env("AWS_PROFILE", "a")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .args(["admin-get-user", "--user-pool-id", "us-east-1_Abc", "--username", "u"])
        .run()
        .code(253);
    assert_eq!(
        out.stderr.trim_end(),
        "cogtok: profiles form a loop of source_profile: a -> b -> a: break it",
        "{}",
        out.describe()
    );
}
