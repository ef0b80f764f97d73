//! The seed's story against a real local server: moto, started on 127.0.0.1 with SigV4 and IAM
//! enforcement, and the AWS CLI as the parity oracle for the raw commands.
//!
//! Each test starts its own moto (about two seconds) and runs a whole story in it, so that a
//! failure names the step and the server log is at hand.

mod common;

use common::{aws_cli, cogtok, Keys, Moto, Output, Pool, TestCommand};
use serde_json::Value;

const TEMP_PASSWORD: &str = "Temp-Passw0rd!";
const NEW_PASSWORD: &str = "Perm-Passw0rd!";

/// cogtok against `moto`, signing with `keys`, region us-east-1.
fn cogtok_at(moto: &Moto, keys: Option<&Keys>) -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["--endpoint-url", &moto.url]).env("AWS_REGION", "us-east-1");
    if let Some(k) = keys {
        cmd.keys(k);
    }
    cmd
}

fn assert_jwt(token: &Value, what: &str) {
    let t = token
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {token}"));
    assert_eq!(t.split('.').count(), 3, "{what} is not a JWT: {t}");
}

#[test]
fn seed_story_with_raw_commands_signed_and_checked_by_moto() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("raw-story", false);
    let user = "alice@example.com";

    let created = cogtok_at(&moto, Some(&moto.admin))
        .args([
            "admin-create-user",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            user,
        ])
        .args(["--temporary-password", TEMP_PASSWORD, "--message-action", "SUPPRESS"])
        .args([
            "--user-attributes",
            &format!("Name=email,Value={user}"),
            "Name=email_verified,Value=true",
        ])
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD);
    let created = created.json();
    assert_eq!(created["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD", "{created:#}");

    let challenge = cogtok_at(&moto, Some(&moto.admin))
        .args([
            "admin-initiate-auth",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--auth-flow", "ADMIN_USER_PASSWORD_AUTH"])
        .args([
            "--auth-parameters",
            &format!("USERNAME={user},PASSWORD={TEMP_PASSWORD}"),
        ])
        .run()
        .success()
        .json();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED", "{challenge:#}");
    let session = challenge["Session"].as_str().expect("a Session").to_string();
    let internal = challenge["ChallengeParameters"]["USER_ID_FOR_SRP"]
        .as_str()
        .unwrap_or(user)
        .to_string();

    let tokens = cogtok_at(&moto, Some(&moto.admin))
        .args([
            "admin-respond-to-auth-challenge",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--challenge-name", "NEW_PASSWORD_REQUIRED"])
        .args([
            "--challenge-responses",
            &format!("NEW_PASSWORD={NEW_PASSWORD},USERNAME={internal}"),
        ])
        .args(["--session", &session])
        .run()
        .success()
        .json();
    let result = &tokens["AuthenticationResult"];
    for t in ["AccessToken", "IdToken"] {
        assert_jwt(&result[t], t);
    }
    assert_eq!(result["TokenType"], "Bearer");
    assert!(result["ExpiresIn"].as_i64().is_some_and(|s| s > 0), "{tokens:#}");

    // The bare token, as `--query … --output text` gives it with the AWS CLI.
    let bare = cogtok_at(&moto, Some(&moto.admin))
        .args([
            "admin-initiate-auth",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--auth-flow", "ADMIN_USER_PASSWORD_AUTH"])
        .args(["--auth-parameters", &format!("USERNAME={user},PASSWORD={NEW_PASSWORD}")])
        .args(["--query", "AuthenticationResult.IdToken", "--output", "text"])
        .run()
        .success();
    let line = bare.stdout.strip_suffix('\n').expect("one line");
    assert!(
        !line.contains('\n') && line.split('.').count() == 3,
        "{}",
        bare.describe()
    );

    let got = cogtok_at(&moto, Some(&moto.admin))
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

    cogtok_at(&moto, Some(&moto.admin))
        .args([
            "admin-delete-user",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            user,
        ])
        .run()
        .success();
    let gone = cogtok_at(&moto, Some(&moto.admin))
        .args([
            "admin-get-user",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            user,
        ])
        .run()
        .code(254)
        .stderr_contains("cogtok: UserNotFoundException: ");
    assert_eq!(gone.stderr.lines().count(), 1, "{}", gone.describe());
}

#[test]
fn seed_story_in_one_login_then_iam_and_signature_errors() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("login-story", false);
    let user = "bob@example.com";
    moto.create_user(&pool, user, TEMP_PASSWORD);

    let login = |keys: &Keys| {
        let mut cmd = cogtok_at(&moto, Some(keys));
        cmd.args(["login", "--flow", "admin", "--user-pool-id", &pool.user_pool_id])
            .args(["--client-id", &pool.client_id, "--username", user])
            .env("COGTOK_PASSWORD", TEMP_PASSWORD)
            .env("NEWPW", NEW_PASSWORD);
        cmd
    };

    // Without an answer for the challenge: named, with the option that answers it.
    login(&moto.admin)
        .run()
        .code(254)
        .stderr_contains("(NEW_PASSWORD_REQUIRED): pass --new-password-env VAR or --new-password-file PATH");

    // The whole story in one command.
    let out = login(&moto.admin)
        .args(["--new-password-env", "NEWPW", "--debug"])
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD)
        .not_leaking(NEW_PASSWORD);
    let tokens: Value = serde_json::from_str(&out.stdout).expect("JSON tokens");
    for t in ["AccessToken", "IdToken", "RefreshToken"] {
        assert!(tokens[t].is_string(), "{t} missing: {}", out.describe());
        let token = tokens[t].as_str().unwrap();
        assert!(!out.stderr.contains(token), "--debug leaked the {t}");
    }
    assert!(
        out.stderr.contains("AdminRespondToAuthChallenge"),
        "the trace names each step: {}",
        out.describe()
    );

    // The password is permanent now: no challenge, bare token out.
    let out = cogtok_at(&moto, Some(&moto.admin))
        .args(["login", "--flow", "admin", "--user-pool-id", &pool.user_pool_id])
        .args([
            "--client-id",
            &pool.client_id,
            "--username",
            user,
            "--password-stdin",
            "--output",
            "id-token",
        ])
        .stdin(format!("{NEW_PASSWORD}\n"))
        .run()
        .success();
    assert_eq!(out.stdout.matches('.').count(), 2, "{}", out.describe());

    // A key whose IAM policy does not allow the action. Cognito answers AccessDeniedException
    // in JSON; moto answers an XML `AccessDenied` (HTTP 403), read from its <Code>.
    let denied = login(&moto.noperm)
        .run()
        .code(254)
        .stderr_contains("cogtok: AccessDenied: ")
        .stderr_contains("is not authorized to perform: cognito-idp:AdminInitiateAuth");
    assert_eq!(denied.stderr.lines().count(), 1, "{}", denied.describe());

    // A wrong secret key: moto recomputes the signature with botocore and refuses it.
    let bad = login(&moto.admin.with_wrong_secret())
        .run()
        .code(254)
        .stderr_contains("cogtok: SignatureDoesNotMatch");
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.describe());

    // No credentials at all for a signed flow: exit 253, saying where cogtok looked.
    cogtok_at(&moto, None)
        .args(["login", "--flow", "admin", "--user-pool-id", &pool.user_pool_id])
        .args(["--client-id", &pool.client_id, "--username", user])
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .run()
        .code(253)
        .stderr_contains("no AWS credentials")
        .stderr_contains(".aws/credentials");
}

/// A TOTP code for `seed` now, computed by Python (an implementation independent of cogtok's).
fn python_totp(seed: &str) -> String {
    let script = "import base64,hmac,hashlib,struct,sys,time\n\
        k=base64.b32decode(sys.argv[1]+'='*(-len(sys.argv[1])%8),casefold=True)\n\
        h=hmac.new(k,struct.pack('>Q',int(time.time())//30),hashlib.sha1).digest()\n\
        o=h[-1]&15\n\
        print('%06d'%((struct.unpack('>I',h[o:o+4])[0]&0x7fffffff)%1000000))";
    let out = TestCommand::new(common::venv().join("bin/python"))
        .args(["-c", script, seed])
        .run()
        .success();
    out.stdout.trim().to_string()
}

#[test]
fn totp_mfa_with_a_client_secret_both_checked_by_moto() {
    // moto checks TOTP codes with MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP, and SECRET_HASH in the
    // MFA answer (it does not check it in ADMIN_USER_PASSWORD_AUTH itself). The MFA steps are
    // unsigned operations, so this runs on a moto without enforcement.
    let moto = Moto::start(false, &[("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")]);
    let pool = moto.create_pool("mfa-story", true);
    let secret = pool.client_secret.clone().expect("a client secret");
    let user = "carol@example.com";
    moto.create_user(&pool, user, TEMP_PASSWORD);
    moto.set_permanent_password(&pool, user, NEW_PASSWORD);
    aws_cli(&moto, &moto.admin)
        .args([
            "--endpoint-url",
            &moto.url,
            "cognito-idp",
            "set-user-pool-mfa-config",
            "--user-pool-id",
            &pool.user_pool_id,
        ])
        .args([
            "--software-token-mfa-configuration",
            "Enabled=true",
            "--mfa-configuration",
            "OPTIONAL",
        ])
        .run()
        .success();

    let login = || {
        let mut cmd = cogtok_at(&moto, Some(&moto.admin));
        cmd.args(["login", "--flow", "admin", "--user-pool-id", &pool.user_pool_id])
            .args(["--client-id", &pool.client_id, "--username", user])
            .env("COGTOK_PASSWORD", NEW_PASSWORD)
            .env("CS", &secret)
            .args(["--client-secret-env", "CS"]);
        cmd
    };
    let access = login()
        .args(["--output", "access-token"])
        .run()
        .success()
        .not_leaking(&secret);
    let access = access.stdout.trim().to_string();

    // Enrol an authenticator with the raw commands, as a user would with the AWS CLI.
    let seed = cogtok_at(&moto, None)
        .args([
            "associate-software-token",
            "--access-token",
            &access,
            "--query",
            "SecretCode",
            "--output",
            "text",
        ])
        .run()
        .success();
    let seed = seed.stdout.trim().to_string();
    let verified = cogtok_at(&moto, None)
        .args([
            "verify-software-token",
            "--access-token",
            &access,
            "--user-code",
            &python_totp(&seed),
        ])
        .run()
        .success()
        .json();
    assert_eq!(verified["Status"], "SUCCESS", "{verified:#}");
    aws_cli(&moto, &moto.admin)
        .args([
            "--endpoint-url",
            &moto.url,
            "cognito-idp",
            "admin-set-user-mfa-preference",
            "--user-pool-id",
            &pool.user_pool_id,
        ])
        .args([
            "--username",
            user,
            "--software-token-mfa-settings",
            "Enabled=true,PreferredMfa=true",
        ])
        .run()
        .success();

    // The challenge without an answer is named with its options.
    login()
        .run()
        .code(254)
        .stderr_contains("(SOFTWARE_TOKEN_MFA): pass --totp-secret-env VAR (the base32 seed) or --mfa-code CODE");
    // A wrong code: the service's CodeMismatchException.
    login()
        .args(["--mfa-code", "000000"])
        .run()
        .code(254)
        .stderr_contains("CodeMismatchException");
    // The seed: cogtok computes the code; SECRET_HASH is checked in the answer too.
    let out = login()
        .env("SEED", &seed)
        .args(["--totp-secret-env", "SEED", "--output", "id-token"])
        .run()
        .success()
        .not_leaking(&seed)
        .not_leaking(&secret);
    assert_eq!(out.stdout.matches('.').count(), 2, "{}", out.describe());
    // Refresh with a client secret: SECRET_HASH over the username the sign-in ended with, which
    // moto checks. (Cognito uses the internal username, the tokens' cognito:username; moto
    // records the USERNAME of the last challenge answer, here the login name, since its
    // challenges carry no USER_ID_FOR_SRP.)
    let tokens = login()
        .env("SEED", &seed)
        .args(["--totp-secret-env", "SEED"])
        .run()
        .success()
        .json();
    let refresh = |username: &str| {
        let mut cmd = cogtok_at(&moto, None);
        cmd.args([
            "refresh",
            "--client-id",
            &pool.client_id,
            "--refresh-token-env",
            "RT",
            "--client-secret-env",
            "CS",
        ])
        .args(["--username", username, "--output", "access-token"])
        .env("RT", tokens["RefreshToken"].as_str().unwrap())
        .env("CS", &secret);
        cmd
    };
    let fresh = refresh(user).run().success().not_leaking(&secret);
    assert_eq!(fresh.stdout.matches('.').count(), 2, "{}", fresh.describe());
    refresh("someone-else")
        .run()
        .code(254)
        .stderr_contains("NotAuthorizedException");
    // Without the username, SECRET_HASH cannot be computed: said before any request.
    cogtok_at(&moto, None)
        .args([
            "refresh",
            "--client-id",
            &pool.client_id,
            "--refresh-token-env",
            "RT",
            "--client-secret-env",
            "CS",
        ])
        .env("RT", tokens["RefreshToken"].as_str().unwrap())
        .env("CS", &secret)
        .run()
        .code(252)
        .stderr_contains("pass --username U");

    // The wrong client secret is refused at the MFA step.
    login()
        .env("CS", "not-the-secret")
        .env("SEED", &seed)
        .args(["--totp-secret-env", "SEED"])
        .run()
        .code(254)
        .stderr_contains("NotAuthorizedException");
}

#[test]
fn password_flow_is_unsigned_and_needs_no_aws_credentials() {
    // moto with enforcement demands a signature on RespondToAuthChallenge, which the real
    // service serves unsigned; this story runs on a moto without enforcement.
    let moto = Moto::start_open();
    let pool = moto.create_pool("password-story", false);
    let user = "dave@example.com";
    moto.create_user(&pool, user, TEMP_PASSWORD);
    let out = cogtok_at(&moto, None)
        .args([
            "login",
            "--flow",
            "password",
            "--client-id",
            &pool.client_id,
            "--username",
            user,
        ])
        .args(["--new-password-file", "/dev/stdin", "--output", "header", "--debug"])
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .stdin(format!("{NEW_PASSWORD}\n"))
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD)
        .not_leaking(NEW_PASSWORD);
    assert!(out.stdout.starts_with("Authorization: Bearer ey"), "{}", out.describe());
    assert!(
        !out.stderr.contains("authorization: AWS4"),
        "an unsigned flow sent a signature: {}",
        out.describe()
    );
    assert!(
        out.stderr
            .contains("AWSCognitoIdentityProviderService.RespondToAuthChallenge"),
        "{}",
        out.describe()
    );
}

/// Replaces values that differ from run to run (tokens, sessions, ids, dates) with their kind,
/// keeping keys, order and layout.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let volatile = [
                        "Session",
                        "AccessToken",
                        "IdToken",
                        "RefreshToken",
                        "Username",
                        "UserCreateDate",
                        "UserLastModifiedDate",
                        "sub",
                        "USER_ID_FOR_SRP",
                        "Value",
                    ];
                    let shown = match v {
                        Value::String(_) if volatile.contains(&k.as_str()) => Value::String(format!("<{k}>")),
                        other => normalise(other),
                    };
                    (k.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

/// Both outputs parse as JSON, print with the same layout (4-space indent, same key order),
/// and agree once volatile values are masked.
fn assert_same_shape(ours: &Output, theirs: &Output) {
    let (a, b) = (ours.json(), theirs.json());
    assert_eq!(
        serde_json::to_string_pretty(&normalise(&a)).unwrap(),
        serde_json::to_string_pretty(&normalise(&b)).unwrap(),
        "\ncogtok: {}\naws: {}",
        ours.describe(),
        theirs.describe()
    );
    // The layout itself: indentation and separators as the AWS CLI prints them.
    let layout = |s: &str| s.lines().map(|l| l.len() - l.trim_start().len()).collect::<Vec<_>>();
    assert_eq!(layout(&ours.stdout), layout(&theirs.stdout), "indentation differs");
}

#[test]
fn raw_commands_print_what_the_aws_cli_prints() {
    let moto = Moto::start_enforcing();
    let pool: Pool = moto.create_pool("parity", false);
    let both = |args: &[String]| -> (Output, Output) {
        let ours = cogtok_at(&moto, Some(&moto.admin)).args(args).run();
        let theirs = aws_cli(&moto, &moto.admin)
            .args(["--endpoint-url", &moto.url, "cognito-idp"])
            .args(args)
            .run();
        (ours, theirs)
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let p = pool.user_pool_id.as_str();
    let c = pool.client_id.as_str();

    for (user, who) in [("erin@example.com", "cogtok"), ("frank@example.com", "aws")] {
        let args = s(&[
            "admin-create-user",
            "--user-pool-id",
            p,
            "--username",
            user,
            "--temporary-password",
            TEMP_PASSWORD,
            "--message-action",
            "SUPPRESS",
            "--user-attributes",
            &format!("Name=email,Value={user}"),
            "Name=email_verified,Value=true",
        ]);
        let out = if who == "cogtok" {
            cogtok_at(&moto, Some(&moto.admin)).args(&args).run()
        } else {
            aws_cli(&moto, &moto.admin)
                .args(["--endpoint-url", &moto.url, "cognito-idp"])
                .args(&args)
                .run()
        };
        out.success();
    }
    // The same user read by both: identical bytes, timestamps included.
    let (ours, theirs) = both(&s(&[
        "admin-get-user",
        "--user-pool-id",
        p,
        "--username",
        "erin@example.com",
    ]));
    assert_eq!(ours.stdout, theirs.success().stdout, "{}", ours.describe());
    let (ours, theirs) = both(&s(&[
        "admin-get-user",
        "--user-pool-id",
        p,
        "--username",
        "erin@example.com",
        "--output",
        "text",
    ]));
    assert_eq!(ours.stdout, theirs.success().stdout, "{}", ours.describe());
    let (ours, theirs) = both(&s(&[
        "admin-get-user",
        "--user-pool-id",
        p,
        "--username",
        "erin@example.com",
        "--query",
        "UserAttributes[?Name=='email'].Value | [0]",
    ]));
    assert_eq!(ours.stdout, theirs.success().stdout, "{}", ours.describe());
    // Tables: the whole answer, and a query's list, as the AWS CLI draws them on a pipe.
    for extra in [
        &["--output", "table"][..],
        &["--output", "table", "--query", "UserAttributes[*].Name"],
    ] {
        let mut args = s(&["admin-get-user", "--user-pool-id", p, "--username", "erin@example.com"]);
        args.extend(s(extra));
        let (ours, theirs) = both(&args);
        assert_eq!(ours.stdout, theirs.success().stdout, "{}", ours.describe());
    }

    // The challenge, then the tokens: same structure and layout.
    let auth = |user: &str| {
        s(&[
            "admin-initiate-auth",
            "--user-pool-id",
            p,
            "--client-id",
            c,
            "--auth-flow",
            "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters",
            &format!("USERNAME={user},PASSWORD={TEMP_PASSWORD}"),
        ])
    };
    let ours = cogtok_at(&moto, Some(&moto.admin))
        .args(auth("erin@example.com"))
        .run()
        .success();
    let theirs = aws_cli(&moto, &moto.admin)
        .args(["--endpoint-url", &moto.url, "cognito-idp"])
        .args(auth("frank@example.com"))
        .run()
        .success();
    assert_same_shape(&ours, &theirs);

    let respond = |user: &str, session: &str| {
        s(&[
            "admin-respond-to-auth-challenge",
            "--user-pool-id",
            p,
            "--client-id",
            c,
            "--challenge-name",
            "NEW_PASSWORD_REQUIRED",
            "--challenge-responses",
            &format!("NEW_PASSWORD={NEW_PASSWORD},USERNAME={user}"),
            "--session",
            session,
        ])
    };
    let (s1, s2) = (
        ours.json()["Session"].as_str().unwrap().to_string(),
        theirs.json()["Session"].as_str().unwrap().to_string(),
    );
    let ours = cogtok_at(&moto, Some(&moto.admin))
        .args(respond("erin@example.com", &s1))
        .run()
        .success();
    let theirs = aws_cli(&moto, &moto.admin)
        .args(["--endpoint-url", &moto.url, "cognito-idp"])
        .args(respond("frank@example.com", &s2))
        .run()
        .success();
    assert_same_shape(&ours, &theirs);

    // An empty answer prints nothing in both.
    let (ours, theirs) = both(&s(&[
        "admin-set-user-password",
        "--user-pool-id",
        p,
        "--username",
        "erin@example.com",
        "--password",
        NEW_PASSWORD,
        "--permanent",
    ]));
    assert_eq!(
        (ours.success().stdout, theirs.success().stdout),
        (String::new(), String::new())
    );

    // A service error: the same error code (AWS CLI v1 exits 255 where v2 and cogtok exit 254).
    let (ours, theirs) = both(&s(&[
        "admin-get-user",
        "--user-pool-id",
        p,
        "--username",
        "nobody@example.com",
    ]));
    ours.code(254).stderr_contains("UserNotFoundException");
    theirs.code(255).stderr_contains("UserNotFoundException");
}

#[test]
fn srp_sign_in_through_new_password_and_totp_enrolment_then_totp_mfa() {
    // The whole "done when" story of the challenge engine on one server: the default SRP flow
    // with a client secret, NEW_PASSWORD_REQUIRED, MFA_SETUP (the pool requires MFA) with the
    // seed written to a file, then a second sign-in answering SOFTWARE_TOKEN_MFA from that seed.
    // moto does not check the SRP proof (the known-answer tests in src/auth/srp.rs and the
    // verifying server of tests/srp_verify.rs do), but it checks SECRET_HASH on USER_SRP_AUTH and
    // in the MFA answer, and the TOTP codes.
    let moto = Moto::start(false, &[("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")]);
    let pool = moto.create_pool("srp-story", true);
    let secret = pool.client_secret.clone().expect("a client secret");
    aws_cli(&moto, &moto.admin)
        .args([
            "--endpoint-url",
            &moto.url,
            "cognito-idp",
            "set-user-pool-mfa-config",
            "--user-pool-id",
            &pool.user_pool_id,
        ])
        .args([
            "--software-token-mfa-configuration",
            "Enabled=true",
            "--mfa-configuration",
            "ON",
        ])
        .run()
        .success();
    let user = "grace@example.com";
    moto.create_user(&pool, user, TEMP_PASSWORD);

    let mut first = cogtok_at(&moto, None);
    let seed_file = first.home().join("totp-seed.txt");
    first
        .args([
            "login",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
            "--username",
            user,
        ])
        .args(["--client-secret-env", "CS", "--new-password-env", "NEWPW", "--debug"])
        .arg("--totp-secret-out")
        .arg(&seed_file)
        .env("CS", &secret)
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .env("NEWPW", NEW_PASSWORD);
    let out = first
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD)
        .not_leaking(NEW_PASSWORD)
        .not_leaking(&secret);
    for step in [
        "USER_SRP_AUTH",
        "PASSWORD_VERIFIER",
        "NEW_PASSWORD_REQUIRED",
        "AssociateSoftwareToken",
        "VerifySoftwareToken",
        "MFA_SETUP",
    ] {
        assert!(out.stderr.contains(step), "no {step} in the trace: {}", out.describe());
    }
    assert!(out.json()["IdToken"].is_string(), "{}", out.describe());
    let seed = std::fs::read_to_string(&seed_file).expect("the seed file");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&seed_file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the seed file must be private");
    }
    assert!(
        !out.stdout.contains(seed.trim()) && !out.stderr.contains(seed.trim()),
        "the seed leaked"
    );

    // Second sign-in: SRP, then SOFTWARE_TOKEN_MFA answered with a code computed from the seed.
    let second = cogtok_at(&moto, None)
        .args([
            "login",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
            "--username",
            user,
        ])
        .args([
            "--client-secret-env",
            "CS",
            "--totp-secret-env",
            "SEED",
            "--output",
            "id-token",
            "--debug",
        ])
        .env("CS", &secret)
        .env("SEED", seed.trim())
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .run()
        .success()
        .not_leaking(seed.trim());
    assert!(second.stderr.contains("SOFTWARE_TOKEN_MFA"), "{}", second.describe());
    assert_eq!(second.stdout.matches('.').count(), 2, "{}", second.describe());

    // Without the pool id SRP cannot compute its proof: said before any request.
    cogtok_at(&moto, None)
        .args(["login", "--client-id", &pool.client_id, "--username", user])
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .run()
        .code(252)
        .stderr_contains("needs the user pool id");
}

/// The AWS CLI without a server: for what it decides before sending (parameter validation,
/// skeletons). Its endpoint is a closed port, so nothing could be sent if it tried.
fn aws_cli_offline() -> TestCommand {
    let mut cmd = TestCommand::new(common::venv().join("bin").join("aws"));
    cmd.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "example")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("LANG", "C.UTF-8")
        .args(["--endpoint-url", "http://127.0.0.1:9", "cognito-idp"]);
    cmd
}

/// botocore's checks before sending, in its words: cogtok joins the AWS CLI's lines with "; "
/// into its one line and exits 252 (AWS CLI v2's code; the v1 oracle exits 255).
#[test]
fn parameter_validation_is_worded_as_the_aws_cli_words_it() {
    let cases: &[&[&str]] = &[
        &[
            "respond-to-auth-challenge",
            "--client-id",
            "",
            "--challenge-name",
            "SMS_MFA",
            "--session",
            "abc",
        ],
        &["admin-get-user", "--user-pool-id", "us-east-1_Abc", "--username", ""],
        &["verify-software-token", "--user-code", "12345", "--session", "s"],
        &[
            "revoke-token",
            "--token",
            "t",
            "--client-id",
            "c",
            "--client-secret",
            "short",
        ],
        &[
            "admin-create-user",
            "--user-pool-id",
            "us-east-1_Abc",
            "--username",
            "u",
            "--user-attributes",
            "Name=,Value=x",
        ],
    ];
    for args in cases {
        let theirs = aws_cli_offline().args(*args).run();
        let lines: Vec<&str> = theirs.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines.first(),
            Some(&"Parameter validation failed:"),
            "{}",
            theirs.describe()
        );
        let want = format!("cogtok: Parameter validation failed: {}\n", lines[1..].join("; "));
        let ours = cogtok()
            .args(["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"])
            .args(*args)
            .run();
        assert_eq!(ours.code, 252, "{}", ours.describe());
        assert_eq!(ours.stderr, want, "{}", ours.describe());
    }
}

/// `--generate-cli-skeleton`: the AWS CLI's bytes, for commands without an enum member
/// (botocore picks an enum's value at random; cogtok takes the first) and, for the output,
/// without a list of strings (botocore names those elements by their shape, which the tables do
/// not keep: `["StringType"]` where cogtok prints `[""]`).
#[test]
fn skeletons_are_the_aws_clis() {
    let cases: &[&[&str]] = &[
        &["get-user", "--generate-cli-skeleton"],
        &["admin-get-user", "--generate-cli-skeleton", "input"],
        &["sign-up", "--generate-cli-skeleton"],
        &[
            "get-tokens-from-refresh-token",
            "--refresh-token",
            "r",
            "--client-id",
            "c",
            "--generate-cli-skeleton",
            "output",
        ],
    ];
    for args in cases {
        let theirs = aws_cli_offline().args(*args).run();
        assert_eq!(theirs.code, 0, "{}", theirs.describe());
        let ours = cogtok()
            .args(["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"])
            .args(*args)
            .run();
        assert_eq!(ours.code, 0, "{}", ours.describe());
        assert_eq!(ours.stdout, theirs.stdout, "{args:?}");
    }
}
