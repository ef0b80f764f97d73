//! Tests of the test harness itself (tests/common): the two kinds of moto, the AWS CLI oracle,
//! and TestCommand. They also pin down the moto behaviours the other tests rely on.

mod common;

use common::{aws_cli, cogtok, temp_dir, Moto, TestCommand};
use std::time::Duration;

fn list_user_pools(moto: &Moto, keys: &common::Keys) -> common::Output {
    aws_cli(moto, keys)
        .args([
            "--endpoint-url",
            &moto.url,
            "cognito-idp",
            "list-user-pools",
            "--max-results",
            "5",
        ])
        .run()
}

#[test]
fn enforcing_moto_checks_signatures_and_policies() {
    let moto = Moto::start_enforcing();
    assert!(moto.enforcing);
    assert!(moto.admin.access_key_id.starts_with("AKIA"), "{:?}", moto.admin);

    let out = list_user_pools(&moto, &moto.admin).success();
    assert!(out.json()["UserPools"].is_array(), "{}", out.describe());

    // moto answers auth failures with an XML ErrorResponse (Content-Type text/html) even on
    // this JSON protocol, so botocore cannot parse a code out of it: the AWS CLI v1 prints
    // "An error occurred (403) …" followed by the XML, and exits 255.
    list_user_pools(&moto, &moto.noperm)
        .code(255)
        .stderr_contains("(403)")
        .stderr_contains("<Code>AccessDenied</Code>")
        .stderr_contains("user/cogtok-noperm is not authorized to perform: cognito-idp:ListUserPools");

    list_user_pools(&moto, &moto.admin.with_wrong_secret())
        .code(255)
        .stderr_contains("<Code>SignatureDoesNotMatch</Code>");

    let unknown = common::Keys {
        access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
    };
    list_user_pools(&moto, &unknown)
        .code(255)
        .stderr_contains("<Code>InvalidClientTokenId</Code>");
}

#[test]
fn open_moto_serves_anything() {
    let moto = Moto::start_open();
    assert!(!moto.enforcing);
    list_user_pools(&moto, &moto.admin).success();
    list_user_pools(&moto, &moto.noperm).success();
    list_user_pools(&moto, &moto.admin.with_wrong_secret()).success();
}

/// The seed story through the AWS CLI oracle, signed, on an enforcing moto:
/// AdminCreateUser, AdminInitiateAuth -> NEW_PASSWORD_REQUIRED, AdminRespondToAuthChallenge.
#[test]
fn admin_new_password_story_through_the_aws_cli() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("story", false);
    assert!(pool.user_pool_id.starts_with("us-east-1_"), "{pool:?}");
    assert!(pool.client_secret.is_none());
    moto.create_user(&pool, "ann@example.com", "Temp-Passw0rd!");

    let aws = |args: &[&str]| {
        aws_cli(&moto, &moto.admin)
            .args(["--endpoint-url", &moto.url, "cognito-idp"])
            .args(args)
            .run()
    };
    let challenge = aws(&[
        "admin-initiate-auth",
        "--user-pool-id",
        &pool.user_pool_id,
        "--client-id",
        &pool.client_id,
        "--auth-flow",
        "ADMIN_USER_PASSWORD_AUTH",
        "--auth-parameters",
        "USERNAME=ann@example.com,PASSWORD=Temp-Passw0rd!",
    ])
    .success()
    .json();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    let session = challenge["Session"].as_str().expect("Session");

    let done = aws(&[
        "admin-respond-to-auth-challenge",
        "--user-pool-id",
        &pool.user_pool_id,
        "--client-id",
        &pool.client_id,
        "--challenge-name",
        "NEW_PASSWORD_REQUIRED",
        "--challenge-responses",
        "USERNAME=ann@example.com,NEW_PASSWORD=Perm-Passw0rd!",
        "--session",
        session,
    ])
    .success()
    .json();
    let result = &done["AuthenticationResult"];
    for field in ["AccessToken", "IdToken", "RefreshToken"] {
        assert!(result[field].is_string(), "{field} missing: {done}");
    }
    assert_eq!(result["TokenType"], "Bearer");
    assert_eq!(result["ExpiresIn"], 3600);

    // The noperm user may not do the admin flow.
    aws_cli(&moto, &moto.noperm)
        .args(["--endpoint-url", &moto.url, "cognito-idp", "admin-initiate-auth"])
        .args(["--user-pool-id", &pool.user_pool_id, "--client-id", &pool.client_id])
        .args(["--auth-flow", "ADMIN_USER_PASSWORD_AUTH"])
        .args(["--auth-parameters", "USERNAME=ann@example.com,PASSWORD=Perm-Passw0rd!"])
        .run()
        .code(255)
        .stderr_contains("cognito-idp:AdminInitiateAuth");
}

/// Unsigned flows: moto treats only InitiateAuth, SignUp, ConfirmSignUp, GetUser and
/// ForgotPassword as public. An unsigned RespondToAuthChallenge gets a bare 500 from an
/// enforcing moto, and is served by an open one.
#[test]
fn unsigned_respond_to_auth_challenge_needs_an_open_moto() {
    for enforcing in [true, false] {
        let moto = if enforcing {
            Moto::start_enforcing()
        } else {
            Moto::start_open()
        };
        let pool = moto.create_pool("unsigned", false);
        moto.create_user(&pool, "bob@example.com", "Temp-Passw0rd!");
        let unsigned = |args: &[&str]| {
            aws_cli(&moto, &moto.noperm)
                .env("AWS_MAX_ATTEMPTS", "1") // no retries of moto's 500
                .args(["--endpoint-url", &moto.url, "--no-sign-request", "cognito-idp"])
                .args(args)
                .run()
        };
        let challenge = unsigned(&[
            "initiate-auth",
            "--client-id",
            &pool.client_id,
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--auth-parameters",
            "USERNAME=bob@example.com,PASSWORD=Temp-Passw0rd!",
        ])
        .success()
        .json();
        assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
        // InitiateAuth names the user by its internal username (a UUID: the pool signs in
        // by email).
        let username = challenge["ChallengeParameters"]["USERNAME"].as_str().unwrap();
        assert_ne!(username, "bob@example.com");

        let respond = unsigned(&[
            "respond-to-auth-challenge",
            "--client-id",
            &pool.client_id,
            "--challenge-name",
            "NEW_PASSWORD_REQUIRED",
            "--challenge-responses",
            "USERNAME=bob@example.com,NEW_PASSWORD=Perm-Passw0rd!",
            "--session",
            challenge["Session"].as_str().unwrap(),
        ]);
        if enforcing {
            respond.code(255).stderr_contains("(500)");
            assert!(moto.log_tail(200).contains("KeyError: 'HTTP_AUTHORIZATION'"));
        } else {
            let tokens = respond.success().json();
            assert!(tokens["AuthenticationResult"]["IdToken"].is_string(), "{tokens}");
        }
    }
}

#[test]
fn test_command_isolates_and_captures() {
    let out = TestCommand::new("/bin/sh")
        .args([
            "-c",
            "cat; echo \"home=$HOME\"; echo \"aws=${AWS_PROFILE:-unset}\"; echo err >&2; exit 3",
        ])
        .env("X_TEST", "1")
        .stdin("from stdin\n")
        .run()
        .code(3);
    assert!(out.stdout.starts_with("from stdin\nhome="), "{}", out.describe());
    assert!(out.stdout.contains("cogtok-tests"), "{}", out.describe());
    assert!(out.stdout.contains("aws=unset"), "{}", out.describe());
    assert_eq!(out.stderr, "err\n");
    assert!(out.command_line.contains("X_TEST=1 /bin/sh -c"), "{}", out.command_line);

    // No stdin given: /dev/null, so a reader gets EOF at once.
    TestCommand::new("/bin/sh").args(["-c", "cat"]).run().success();

    let killed = std::panic::catch_unwind(|| {
        TestCommand::new("/bin/sh")
            .args(["-c", "exec sleep 30"])
            .timeout(Duration::from_millis(300))
            .run()
    });
    assert!(killed.is_err(), "a command past its timeout must fail the test");
}

#[test]
fn cogtok_command_runs_the_built_binary_in_a_clean_environment() {
    let cmd = cogtok();
    assert!(cmd.home().is_dir());
    assert!(
        std::fs::read_dir(cmd.home()).unwrap().next().is_none(),
        "HOME is not empty"
    );
    assert!(cmd.command_line().contains("NO_PROXY='*'"), "{}", cmd.command_line());
    assert!(std::path::Path::new(env!("CARGO_BIN_EXE_cogtok")).is_file());
}

#[test]
fn temp_dirs_are_fresh() {
    let a = temp_dir();
    let b = temp_dir();
    assert_ne!(a, b);
    assert!(a.is_dir() && b.is_dir());
    assert!(a.starts_with(std::env::temp_dir()));
}

/// The demo's headings as `bash` prints them with stdout `on_terminal` (a pseudo-terminal made by
/// util-linux `script`) or piped, with `no_color` as NO_COLOR.
fn demo_heading(on_terminal: bool, no_color: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let snippet = ". tests/support/style.sh && step Building";
    let mut cmd = if on_terminal {
        let mut c = std::process::Command::new("script");
        c.args(["-qec", &format!("bash -c '{snippet}'"), "/dev/null"]);
        c
    } else {
        let mut c = std::process::Command::new("bash");
        c.args(["-c", snippet]);
        c
    };
    let out = cmd
        .current_dir(root)
        .env("NO_COLOR", no_color)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("bash and script run");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn demo_headings_are_bold_only_on_a_terminal_without_no_color() {
    let piped = demo_heading(false, "");
    assert_eq!(piped, "\n==> Building\n");
    assert!(demo_heading(true, "").contains("\x1b[1m==> Building\x1b[0m"));
    let no_color = demo_heading(true, "1");
    assert!(
        no_color.contains("==> Building") && !no_color.contains('\x1b'),
        "{no_color:?}"
    );
}
