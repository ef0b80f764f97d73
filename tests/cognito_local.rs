//! The sign-in stories against a second, independent Cognito emulator: `cognito-local` from npm
//! (pinned in package-lock.json, installed by `make test`), started on 127.0.0.1 by
//! [`CognitoLocal::start`], each test with its own instance (about one second) and empty state.
//!
//! What cognito-local 5.3.0 does, read from its source (node_modules/cognito-local/lib) and
//! checked by these tests where marked (†); moto covers what it lacks:
//! - Requests: no signature and no credentials are checked, the region is never looked at, and
//!   unsigned admin requests are served too. Pool ids are `local_XXXXXXXX`. Unknown targets and
//!   unsupported flows answer HTTP 500 `{"__type": "CognitoLocal#Unsupported", "message":
//!   "Cognito Local unsupported feature: …"}`, which cogtok prints as `cogtok: Unsupported: …`
//!   and exits 254 (after retrying the 500; these tests set AWS_MAX_ATTEMPTS=1 there).
//!   Unsupported: AdminRespondToAuthChallenge †, GlobalSignOut †, GetTokensFromRefreshToken †,
//!   and every auth flow but USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and REFRESH_TOKEN(_AUTH):
//!   USER_SRP_AUTH †, CUSTOM_AUTH, USER_AUTH. The other operations cogtok's raw commands send
//!   are there.
//! - NEW_PASSWORD_REQUIRED (†): only InitiateAuth USER_PASSWORD_AUTH asks for it, and before it
//!   checks the password (a wrong temporary password gets the challenge too). Its
//!   ChallengeParameters are `USER_ID_FOR_SRP` (the internal username: the `sub` UUID when
//!   usernames are emails), `requiredAttributes` (always `"[]"`) and `userAttributes` (a JSON
//!   string of the user's attributes); the Session is a fresh UUID that RespondToAuthChallenge
//!   requires but never checks (it needs ChallengeResponses.USERNAME, and finds the user by
//!   username, sub or email). AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH never challenges: a FORCE_CHANGE_PASSWORD
//!   user gets tokens for the temporary password and stays FORCE_CHANGE_PASSWORD; it checks no MFA.
//! - Answers: AuthenticationResult has AccessToken, IdToken and RefreshToken only, no ExpiresIn
//!   and no TokenType (†), and after REFRESH_TOKEN_AUTH only AccessToken and IdToken (†). Dates
//!   are epoch seconds. Tokens are RS256 JWTs (kid `CognitoLocal`, iss `http://HOST:PORT/<pool>`);
//!   the ID token has `token_use: id`, `cognito:username`, `sub`, `email`, `aud` = client id; the
//!   access token `token_use: access`, `username`, `client_id` (†). The refresh token is a JWT too.
//! - Refresh tokens: only those from InitiateAuth/AdminInitiateAuth without a challenge are
//!   stored; the one that RespondToAuthChallenge returns cannot be used to refresh (so the
//!   refresh story starts from a confirmed user). RevokeToken removes a stored one (†).
//! - Errors (†): a wrong password is `InvalidPasswordException: Invalid password` (the real
//!   service says `NotAuthorizedException: Incorrect username or password.`); an unknown user is
//!   `NotAuthorizedException: User not authorized` (the real service: UserNotFoundException, or
//!   NotAuthorizedException with PreventUserExistenceErrors); an unknown refresh token is
//!   `NotAuthorizedException: User not authorized`; an unknown client is
//!   `ResourceNotFoundException: App Client <id> not found`.
//! - SECRET_HASH is never checked (†): a client secret is generated on request, but any hash, or
//!   none, is accepted. The SECRET_HASH checks run on moto (tests/moto.rs).
//! - TOTP (†): AssociateSoftwareToken and VerifySoftwareToken work with an access token (not
//!   with a Session, so no MFA_SETUP), and VerifySoftwareToken enables SOFTWARE_TOKEN_MFA; the
//!   pool's MfaConfiguration must be OPTIONAL or ON. The challenge comes only in the password
//!   flow; codes are checked (otplib, ±30 s). SMS_MFA needs MFAOptions; SELECT_MFA_TYPE exists.
//! - The password policy is not enforced, and there is no AdminSetUserMFAPreference.

mod common;

use common::{cogtok, jwt_claims, node_modules, CognitoLocal, Keys, Pool, TestCommand};
use serde_json::Value;

const TEMP_PASSWORD: &str = "Temp-Passw0rd!";
const NEW_PASSWORD: &str = "Perm-Passw0rd!";

/// Keys for the signed admin operations: cognito-local checks no signature, so made-up ones do.
fn fake_keys() -> Keys {
    Keys {
        access_key_id: "AKIACOGNITOLOCAL0000".into(),
        secret_access_key: "cognito-local-checks-no-signature".into(),
    }
}

/// cogtok against `cl`, region us-east-1 (cognito-local ignores it; cogtok wants one).
fn cogtok_at(cl: &CognitoLocal) -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["--endpoint-url", &cl.url]).env("AWS_REGION", "us-east-1");
    cmd
}

/// `cogtok login --flow FLOW` for `username` on `pool`; the admin flow with the pool id and the
/// fake keys. The caller adds the password.
fn login(cl: &CognitoLocal, pool: &Pool, flow: &str, username: &str) -> TestCommand {
    let mut cmd = cogtok_at(cl);
    cmd.args([
        "login",
        "--flow",
        flow,
        "--client-id",
        &pool.client_id,
        "--username",
        username,
    ]);
    if flow == "admin" {
        cmd.args(["--user-pool-id", &pool.user_pool_id]).keys(&fake_keys());
    }
    cmd
}

/// `v[name]`, which must be a JWT string.
#[track_caller]
fn jwt<'a>(v: &'a Value, name: &str) -> &'a str {
    let t = v[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} is not a string in {v:#}"));
    assert_eq!(t.split('.').count(), 3, "{name} is not a JWT: {t}");
    t
}

/// The keys of a JSON object, in order.
fn keys_of(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// An ID token cognito-local issued for `internal`/`email` on `pool`.
#[track_caller]
fn assert_id_token(cl: &CognitoLocal, pool: &Pool, token: &str, internal: &str, email: &str) {
    let c = jwt_claims(token);
    assert_eq!(c["token_use"], "id", "{c:#}");
    assert_eq!(c["cognito:username"], internal, "{c:#}");
    assert_eq!(c["sub"], internal, "{c:#}");
    assert_eq!(c["email"], email, "{c:#}");
    assert_eq!(c["aud"], pool.client_id.as_str(), "{c:#}");
    assert_eq!(c["iss"], format!("{}/{}", cl.url, pool.user_pool_id), "{c:#}");
    assert!(c["exp"].as_i64() > c["iat"].as_i64(), "{c:#}");
}

/// An access token cognito-local issued for `internal` through `pool`'s client.
#[track_caller]
fn assert_access_token(cl: &CognitoLocal, pool: &Pool, token: &str, internal: &str) {
    let c = jwt_claims(token);
    assert_eq!(c["token_use"], "access", "{c:#}");
    assert_eq!(c["username"], internal, "{c:#}");
    assert_eq!(c["sub"], internal, "{c:#}");
    assert_eq!(c["client_id"], pool.client_id.as_str(), "{c:#}");
    assert_eq!(c["iss"], format!("{}/{}", cl.url, pool.user_pool_id), "{c:#}");
}

/// Every `operation` request the server saw (at least one) came without a signature.
#[track_caller]
fn assert_all_unsigned(cl: &CognitoLocal, operation: &str) {
    for s in cl.served(operation, 1) {
        assert_eq!(s.authorization, None, "{operation} was signed: {s:?}");
    }
}

/// An internal username: the `sub` UUID (the pools' usernames are emails).
#[track_caller]
fn assert_uuid(s: &str) {
    assert!(
        s.len() == 36 && s.matches('-').count() == 4 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
        "not a UUID: {s:?}"
    );
}

/// The one line of a `--output id-token` / `access-token` run.
#[track_caller]
fn bare_token(out: &common::Output) -> &str {
    let line = out
        .stdout
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("no line: {}", out.describe()));
    assert!(
        !line.contains('\n') && line.split('.').count() == 3,
        "not one JWT: {}",
        out.describe()
    );
    line
}

#[test]
fn password_flow_answers_new_password_required_then_signs_in_with_the_new_password() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("password-story", false);
    let user = "alice@example.com";

    // The user, made with cogtok's own admin-create-user (signed, with made-up keys).
    let created = cogtok_at(&cl)
        .keys(&fake_keys())
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
        .not_leaking(TEMP_PASSWORD)
        .json();
    assert_eq!(created["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD", "{created:#}");
    let internal = created["User"]["Username"].as_str().expect("User.Username").to_string();
    assert_uuid(&internal);

    // Without an answer for the challenge: named, with the option that answers it.
    let unanswered = login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .run()
        .code(254)
        .stderr_contains("(NEW_PASSWORD_REQUIRED): pass --new-password-env VAR or --new-password-file PATH");
    assert_eq!(unanswered.stdout, "", "{}", unanswered.describe());
    assert_eq!(unanswered.stderr.lines().count(), 1, "{}", unanswered.describe());

    // The whole story in one command.
    let out = login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .env("NEWPW", NEW_PASSWORD)
        .args(["--new-password-env", "NEWPW", "--output", "json", "--debug"])
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD)
        .not_leaking(NEW_PASSWORD);
    let tokens = out.json();
    for name in ["AccessToken", "IdToken", "RefreshToken"] {
        let t = jwt(&tokens, name);
        assert!(!out.stderr.contains(t), "--debug leaked the {name}");
    }
    assert_id_token(&cl, &pool, jwt(&tokens, "IdToken"), &internal, user);
    assert_access_token(&cl, &pool, jwt(&tokens, "AccessToken"), &internal);
    let initiate = out
        .stderr
        .find("AWSCognitoIdentityProviderService.InitiateAuth")
        .unwrap_or_else(|| panic!("no InitiateAuth in the trace: {}", out.describe()));
    let respond = out
        .stderr
        .find("AWSCognitoIdentityProviderService.RespondToAuthChallenge")
        .unwrap_or_else(|| panic!("no RespondToAuthChallenge in the trace: {}", out.describe()));
    assert!(initiate < respond, "{}", out.describe());
    // The password flow needs no AWS credentials, and the server saw no signature.
    assert_all_unsigned(&cl, "InitiateAuth");
    assert_all_unsigned(&cl, "RespondToAuthChallenge");

    let got = cogtok_at(&cl)
        .keys(&fake_keys())
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

    // From then on, one command gives a token.
    let out = login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .args(["--output", "id-token"])
        .run()
        .success()
        .not_leaking(NEW_PASSWORD);
    assert_eq!(out.stderr, "", "{}", out.describe());
    assert_id_token(&cl, &pool, bare_token(&out), &internal, user);

    let out = login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .args(["--output", "header"])
        .run()
        .success();
    let token = out
        .stdout
        .strip_prefix("Authorization: Bearer ")
        .and_then(|t| t.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("not one header line: {}", out.describe()));
    assert_id_token(&cl, &pool, token, &internal, user);
}

#[test]
fn admin_flow_is_signed_and_cognito_local_asks_for_no_new_password() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("admin-story", false);
    let user = "bob@example.com";
    let internal = cl.create_user(&pool, user, TEMP_PASSWORD);

    // cognito-local's AdminInitiateAuth does not ask a FORCE_CHANGE_PASSWORD user for a new
    // password (the real service does: tests/moto.rs runs that story): the temporary password
    // gives tokens at once, and --new-password-env is not used.
    let out = login(&cl, &pool, "admin", user)
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .env("NEWPW", NEW_PASSWORD)
        .args(["--new-password-env", "NEWPW", "--output", "json"])
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD)
        .not_leaking(NEW_PASSWORD);
    let tokens = out.json();
    jwt(&tokens, "RefreshToken");
    assert_id_token(&cl, &pool, jwt(&tokens, "IdToken"), &internal, user);
    assert_access_token(&cl, &pool, jwt(&tokens, "AccessToken"), &internal);

    // The server got a SigV4 signature with the keys from the environment.
    let served = cl.served("AdminInitiateAuth", 1);
    let auth = served[0].authorization.as_deref().unwrap_or_else(|| {
        panic!("AdminInitiateAuth was sent unsigned: {served:?}");
    });
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIACOGNITOLOCAL0000/")
            && auth.contains("/us-east-1/cognito-idp/aws4_request")
            && auth.contains("Signature="),
        "{auth}"
    );
    assert!(cl.served("AdminRespondToAuthChallenge", 0).is_empty());
    let got = cogtok_at(&cl)
        .keys(&fake_keys())
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
    assert_eq!(got["UserStatus"], "FORCE_CHANGE_PASSWORD", "{got:#}");

    // cognito-local has no AdminRespondToAuthChallenge: cogtok names what the server said.
    let out = cogtok_at(&cl)
        .keys(&fake_keys())
        .env("AWS_MAX_ATTEMPTS", "1")
        .args([
            "admin-respond-to-auth-challenge",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        // Any session long enough for botocore's check (20 characters): cognito-local refuses
        // the operation before looking at it.
        .args([
            "--challenge-name",
            "NEW_PASSWORD_REQUIRED",
            "--session",
            "any-session-0123456789",
        ])
        .args([
            "--challenge-responses",
            &format!("NEW_PASSWORD={NEW_PASSWORD},USERNAME={internal}"),
        ])
        .run()
        .code(254)
        .not_leaking(NEW_PASSWORD);
    assert_eq!(
        out.stderr,
        "cogtok: Unsupported: Cognito Local unsupported feature: Unsupported x-amz-target header \
         \"AdminRespondToAuthChallenge\"\n",
        "{}",
        out.describe()
    );

    // The password flow does ask; once answered, the admin flow takes the new password only.
    login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .env("NEWPW", NEW_PASSWORD)
        .args(["--new-password-env", "NEWPW", "--output", "id-token"])
        .run()
        .success();
    let out = login(&cl, &pool, "admin", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .args(["--output", "access-token"])
        .run()
        .success()
        .not_leaking(NEW_PASSWORD);
    assert_access_token(&cl, &pool, bare_token(&out), &internal);
    login(&cl, &pool, "admin", user)
        .env("COGTOK_PASSWORD", TEMP_PASSWORD)
        .run()
        .code(254)
        .stderr_contains("cogtok: InvalidPasswordException: ");
    for s in cl.served("AdminInitiateAuth", 3) {
        assert!(s.authorization.is_some(), "an AdminInitiateAuth was unsigned: {s:?}");
    }
}

#[test]
fn raw_story_initiate_auth_then_respond_to_auth_challenge() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("raw-story", false);
    let user = "carol@example.com";
    let internal = cl.create_user(&pool, user, TEMP_PASSWORD);

    let challenge = cogtok_at(&cl)
        .args(["initiate-auth", "--client-id", &pool.client_id])
        .args(["--auth-flow", "USER_PASSWORD_AUTH"])
        .args([
            "--auth-parameters",
            &format!("USERNAME={user},PASSWORD={TEMP_PASSWORD}"),
        ])
        .run()
        .success()
        .not_leaking(TEMP_PASSWORD)
        .json();
    // In the AWS CLI's order (the API model's), not the server's (which sends Session last).
    assert_eq!(
        keys_of(&challenge),
        ["ChallengeName", "Session", "ChallengeParameters"],
        "{challenge:#}"
    );
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED", "{challenge:#}");
    let session = challenge["Session"].as_str().expect("a Session").to_string();
    assert!(!session.is_empty());
    let params = &challenge["ChallengeParameters"];
    assert_eq!(params["USER_ID_FOR_SRP"], internal.as_str(), "{challenge:#}");
    assert_eq!(params["requiredAttributes"], "[]", "{challenge:#}");
    let attributes: Value = serde_json::from_str(params["userAttributes"].as_str().expect("userAttributes"))
        .expect("userAttributes is a JSON string");
    assert_eq!(attributes["email"], user, "{attributes:#}");
    assert_eq!(attributes["sub"], internal.as_str(), "{attributes:#}");

    let answer = cogtok_at(&cl)
        .args(["respond-to-auth-challenge", "--client-id", &pool.client_id])
        .args(["--challenge-name", "NEW_PASSWORD_REQUIRED", "--session", &session])
        .args([
            "--challenge-responses",
            &format!("NEW_PASSWORD={NEW_PASSWORD},USERNAME={internal}"),
        ])
        .run()
        .success()
        .not_leaking(NEW_PASSWORD)
        .json();
    assert_eq!(
        keys_of(&answer),
        ["ChallengeParameters", "AuthenticationResult"],
        "{answer:#}"
    );
    assert_eq!(answer["ChallengeParameters"], serde_json::json!({}), "{answer:#}");
    let result = &answer["AuthenticationResult"];
    // No ExpiresIn and no TokenType from cognito-local; the rest in the model's order.
    assert_eq!(
        keys_of(result),
        ["AccessToken", "RefreshToken", "IdToken"],
        "{answer:#}"
    );
    assert_id_token(&cl, &pool, jwt(result, "IdToken"), &internal, user);
    assert_access_token(&cl, &pool, jwt(result, "AccessToken"), &internal);

    // The bare token, as `--query … --output text` gives it with the AWS CLI.
    let bare = cogtok_at(&cl)
        .args(["initiate-auth", "--client-id", &pool.client_id])
        .args(["--auth-flow", "USER_PASSWORD_AUTH"])
        .args(["--auth-parameters", &format!("USERNAME={user},PASSWORD={NEW_PASSWORD}")])
        .args(["--query", "AuthenticationResult.IdToken", "--output", "text"])
        .run()
        .success();
    assert_id_token(&cl, &pool, bare_token(&bare), &internal, user);

    // The access token works where the service takes one.
    let me = cogtok_at(&cl)
        .args(["get-user", "--access-token", jwt(result, "AccessToken")])
        .run()
        .success()
        .json();
    assert_eq!(me["Username"], internal.as_str(), "{me:#}");
    let email = me["UserAttributes"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["Name"] == "email"))
        .unwrap_or_else(|| panic!("no email attribute: {me:#}"));
    assert_eq!(email["Value"], user, "{me:#}");

    for op in ["InitiateAuth", "RespondToAuthChallenge", "GetUser"] {
        assert_all_unsigned(&cl, op);
    }
}

#[test]
fn refresh_gives_fresh_tokens_and_a_bogus_or_revoked_token_fails() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("refresh-story", false);
    let user = "dave@example.com";
    let internal = cl.create_user(&pool, user, TEMP_PASSWORD);
    // cognito-local keeps only the refresh tokens of a sign-in without a challenge.
    cl.set_permanent_password(&pool, user, NEW_PASSWORD);

    let first = login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .args(["--output", "json"])
        .run()
        .success()
        .json();
    let refresh_token = jwt(&first, "RefreshToken").to_string();

    let refresh = |token: &str| {
        let mut cmd = cogtok_at(&cl);
        cmd.args(["refresh", "--client-id", &pool.client_id, "--refresh-token-env", "RT"])
            .env("RT", token);
        cmd
    };
    let out = refresh(&refresh_token)
        .args(["--output", "json", "--debug"])
        .run()
        .success();
    let fresh = out.json();
    for name in ["AccessToken", "IdToken"] {
        let t = jwt(&fresh, name);
        assert_ne!(t, jwt(&first, name), "{name} was not renewed: {}", out.describe());
        assert!(!out.stderr.contains(t), "--debug leaked the new {name}");
    }
    assert!(
        !out.stderr.contains(&refresh_token),
        "--debug leaked the refresh token: {}",
        out.describe()
    );
    assert!(
        out.stderr.contains("\"AuthFlow\":\"REFRESH_TOKEN_AUTH\""),
        "{}",
        out.describe()
    );
    // Without rotation, the refresh token printed is the one given.
    assert_eq!(fresh["RefreshToken"], refresh_token.as_str(), "{fresh:#}");
    assert_id_token(&cl, &pool, jwt(&fresh, "IdToken"), &internal, user);
    assert_access_token(&cl, &pool, jwt(&fresh, "AccessToken"), &internal);
    assert_all_unsigned(&cl, "InitiateAuth");

    // A fresh access token works where the service takes one.
    let access = refresh(&refresh_token)
        .args(["--output", "access-token"])
        .run()
        .success();
    let me = cogtok_at(&cl)
        .args(["get-user", "--access-token", bare_token(&access)])
        .run()
        .success()
        .json();
    assert_eq!(me["Username"], internal.as_str(), "{me:#}");

    // A refresh token the server never issued: its error, named, on one line.
    let bogus = "not-a-refresh-token";
    let out = refresh(bogus).run().code(254).not_leaking(bogus);
    assert_eq!(
        out.stderr,
        "cogtok: NotAuthorizedException: User not authorized\n",
        "{}",
        out.describe()
    );
    assert_eq!(out.stdout, "", "{}", out.describe());

    // Revoked, the real one fails the same way.
    let revoked = cogtok_at(&cl)
        .args([
            "revoke-token",
            "--client-id",
            &pool.client_id,
            "--token",
            &refresh_token,
        ])
        .run()
        .success();
    assert_eq!(
        revoked.stdout,
        "",
        "an empty answer prints nothing: {}",
        revoked.describe()
    );
    assert_all_unsigned(&cl, "RevokeToken");
    refresh(&refresh_token)
        .run()
        .code(254)
        .stderr_contains("cogtok: NotAuthorizedException: ")
        .not_leaking(&refresh_token);
}

#[test]
fn wrong_password_unknown_user_and_unknown_client_are_service_errors() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("errors", false);
    let user = "erin@example.com";
    cl.create_user(&pool, user, TEMP_PASSWORD);
    cl.set_permanent_password(&pool, user, NEW_PASSWORD);
    let wrong = "Wrong-Passw0rd!";

    let one_line = |out: common::Output, want: &str| {
        assert_eq!(out.stderr, format!("{want}\n"), "{}", out.describe());
        assert_eq!(out.stdout, "", "{}", out.describe());
    };
    for flow in ["password", "admin"] {
        // cognito-local's code for a wrong password; the real service says
        // NotAuthorizedException: Incorrect username or password.
        let out = login(&cl, &pool, flow, user)
            .env("COGTOK_PASSWORD", wrong)
            .run()
            .code(254)
            .not_leaking(wrong);
        one_line(out, "cogtok: InvalidPasswordException: Invalid password");
        // The temporary password, replaced, is just as wrong.
        let out = login(&cl, &pool, flow, user)
            .env("COGTOK_PASSWORD", TEMP_PASSWORD)
            .run()
            .code(254);
        one_line(out, "cogtok: InvalidPasswordException: Invalid password");

        let out = login(&cl, &pool, flow, "nobody@example.com")
            .env("COGTOK_PASSWORD", NEW_PASSWORD)
            .run()
            .code(254)
            .not_leaking(NEW_PASSWORD);
        one_line(out, "cogtok: NotAuthorizedException: User not authorized");
    }

    let mut no_client = pool.clone();
    no_client.client_id = "no-such-client".into();
    let out = login(&cl, &no_client, "password", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .run()
        .code(254);
    one_line(
        out,
        "cogtok: ResourceNotFoundException: App Client no-such-client not found",
    );

    // The right password still works after all that.
    login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .args(["--output", "id-token"])
        .run()
        .success();
}

#[test]
fn totp_mfa_answered_from_the_seed() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool_with("mfa-story", false, serde_json::json!({"MfaConfiguration": "OPTIONAL"}));
    let user = "frank@example.com";
    let internal = cl.create_user(&pool, user, TEMP_PASSWORD);
    cl.set_permanent_password(&pool, user, NEW_PASSWORD);
    let sign_in = || {
        let mut cmd = login(&cl, &pool, "password", user);
        cmd.env("COGTOK_PASSWORD", NEW_PASSWORD);
        cmd
    };

    // Enrol an authenticator with the raw commands, as a user would with the AWS CLI.
    let access = sign_in().args(["--output", "access-token"]).run().success();
    let access = bare_token(&access).to_string();
    let seed = cogtok_at(&cl)
        .args(["associate-software-token", "--access-token", &access])
        .args(["--query", "SecretCode", "--output", "text"])
        .run()
        .success();
    let seed = seed.stdout.trim().to_string();
    assert!(seed.len() >= 16, "not a base32 seed: {seed:?}");
    let verified = cogtok_at(&cl)
        .args(["verify-software-token", "--access-token", &access])
        .args(["--user-code", &otplib_totp(&seed)])
        .run()
        .success()
        .json();
    assert_eq!(verified["Status"], "SUCCESS", "{verified:#}");

    sign_in()
        .run()
        .code(254)
        .stderr_contains("(SOFTWARE_TOKEN_MFA): pass --totp-secret-env VAR (the base32 seed) or --mfa-code CODE");
    sign_in()
        .args(["--mfa-code", "000000"])
        .run()
        .code(254)
        .stderr_contains("cogtok: CodeMismatchException: ");
    let out = sign_in()
        .env("SEED", &seed)
        .args(["--totp-secret-env", "SEED", "--output", "id-token"])
        .run()
        .success()
        .not_leaking(&seed);
    assert_id_token(&cl, &pool, bare_token(&out), &internal, user);
    let answers = cl.served("RespondToAuthChallenge", 2);
    assert!(answers.iter().all(|s| s.authorization.is_none()), "{answers:?}");
}

/// A TOTP code for `seed` now, from otplib in node_modules (what cognito-local checks codes
/// with; independent of cogtok's own TOTP).
fn otplib_totp(seed: &str) -> String {
    let script = "const o = require(process.argv[1]);\
        console.log(o.generateSync({secret: process.argv[2], algorithm: 'sha1', digits: 6, period: 30}))";
    let otplib = node_modules().join("otplib");
    let out = TestCommand::new("node")
        .arg("-e")
        .arg(script)
        .arg(&otplib)
        .arg(seed)
        .run()
        .success();
    let code = out.stdout.trim().to_string();
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{}",
        out.describe()
    );
    code
}

#[test]
fn client_secret_is_sent_never_printed_and_not_checked_by_cognito_local() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("secret-client", true);
    let secret = pool.client_secret.clone().expect("a client secret");
    let user = "grace@example.com";
    let internal = cl.create_user(&pool, user, TEMP_PASSWORD);

    // The password flow through NEW_PASSWORD_REQUIRED (SECRET_HASH in both steps), then the
    // admin flow with the new password.
    for (flow, password) in [("password", TEMP_PASSWORD), ("admin", NEW_PASSWORD)] {
        let out = login(&cl, &pool, flow, user)
            .env("COGTOK_PASSWORD", password)
            .env("NEWPW", NEW_PASSWORD)
            .env("CS", &secret)
            .args(["--client-secret-env", "CS", "--new-password-env", "NEWPW"])
            .args(["--output", "json", "--debug"])
            .run()
            .success()
            .not_leaking(&secret)
            .not_leaking(TEMP_PASSWORD)
            .not_leaking(NEW_PASSWORD);
        let sent = out.stderr.matches("\"SECRET_HASH\":\"<redacted>\"").count();
        assert_eq!(sent, if flow == "password" { 2 } else { 1 }, "{}", out.describe());
        assert_id_token(&cl, &pool, jwt(&out.json(), "IdToken"), &internal, user);
    }
    // cognito-local accepts any SECRET_HASH (moto checks it: tests/moto.rs).
    login(&cl, &pool, "password", user)
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .env("CS", "not-the-secret")
        .args(["--client-secret-env", "CS", "--output", "id-token"])
        .run()
        .success();
}

#[test]
fn what_cognito_local_lacks_is_named_not_hidden() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("gaps", false);
    let user = "heidi@example.com";
    let internal = cl.create_user(&pool, user, TEMP_PASSWORD);

    // NEW_PASSWORD_REQUIRED comes before the password is checked.
    let challenge = cogtok_at(&cl)
        .args(["initiate-auth", "--client-id", &pool.client_id])
        .args(["--auth-flow", "USER_PASSWORD_AUTH"])
        .args([
            "--auth-parameters",
            &format!("USERNAME={user},PASSWORD=not-the-password"),
        ])
        .run()
        .success()
        .json();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED", "{challenge:#}");
    assert_eq!(
        challenge["ChallengeParameters"]["USER_ID_FOR_SRP"],
        internal.as_str(),
        "{challenge:#}"
    );

    // HTTP 500 {"__type": "CognitoLocal#Unsupported", …}: exit 254 with the server's words.
    let unsupported = |args: &[&str], what: &str| {
        let out = cogtok_at(&cl).env("AWS_MAX_ATTEMPTS", "1").args(args).run().code(254);
        assert_eq!(
            out.stderr,
            format!("cogtok: Unsupported: Cognito Local unsupported feature: {what}\n"),
            "{}",
            out.describe()
        );
    };
    unsupported(
        &[
            "initiate-auth",
            "--client-id",
            &pool.client_id,
            "--auth-flow",
            "USER_SRP_AUTH",
            "--auth-parameters",
            &format!("USERNAME={user},SRP_A=0123abcd"),
        ],
        "InitAuth with AuthFlow=USER_SRP_AUTH",
    );
    // So `cogtok login` needs `--flow password` or `--flow admin` here: its default is SRP.
    let out = login(&cl, &pool, "srp", user)
        .args(["--user-pool-id", &pool.user_pool_id])
        .env("COGTOK_PASSWORD", NEW_PASSWORD)
        .env("AWS_MAX_ATTEMPTS", "1")
        .run()
        .code(254)
        .not_leaking(NEW_PASSWORD);
    assert_eq!(
        out.stderr,
        "cogtok: Unsupported: Cognito Local unsupported feature: InitAuth with AuthFlow=USER_SRP_AUTH\n",
        "{}",
        out.describe()
    );
    unsupported(
        &["global-sign-out", "--access-token", "eyJ.eyJ.sig"],
        "Unsupported x-amz-target header \"GlobalSignOut\"",
    );
    unsupported(
        &[
            "get-tokens-from-refresh-token",
            "--client-id",
            &pool.client_id,
            "--refresh-token",
            "eyJ.eyJ.sig",
        ],
        "Unsupported x-amz-target header \"GetTokensFromRefreshToken\"",
    );
    let srp = cl.served("InitiateAuth", 2);
    assert!(srp.iter().any(|s| s.status == 500), "{srp:?}");
}

#[test]
fn each_instance_starts_empty_in_its_own_directory_on_loopback() {
    let a = CognitoLocal::start();
    let b = CognitoLocal::start();
    assert_ne!(a.port, b.port);
    for cl in [&a, &b] {
        assert_eq!(cl.url, format!("http://127.0.0.1:{}", cl.port));
    }
    let pool = a.create_pool("only-in-a", false);
    let list = |cl: &CognitoLocal| cl.must("ListUserPools", &serde_json::json!({"MaxResults": 60}));
    let in_a = list(&a);
    let ids: Vec<&str> = in_a["UserPools"]
        .as_array()
        .unwrap_or_else(|| panic!("{in_a:#}"))
        .iter()
        .filter_map(|p| p["Id"].as_str())
        .collect();
    assert_eq!(ids, [pool.user_pool_id.as_str()], "{in_a:#}");
    let in_b = list(&b);
    assert_eq!(in_b["UserPools"], serde_json::json!([]), "{in_b:#}");
    // Its state is in .cognito/ under its own working directory, nowhere else.
    let db = a
        .work_dir()
        .join(".cognito/db")
        .join(format!("{}.json", pool.user_pool_id));
    assert!(db.is_file(), "no {}", db.display());
    assert!(
        !common::repo_root().join(".cognito").exists(),
        "a .cognito/ in the repository"
    );
    // A bad request gets cognito-local's own JSON error, which the harness hands back.
    let (status, body) = a.call(
        "AdminGetUser",
        &serde_json::json!({"UserPoolId": "local_nope", "Username": "x"}),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["__type"], "ResourceNotFoundException", "{body}");
}
