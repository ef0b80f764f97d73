//! `cogtok aws-credentials` and `exec --aws-credentials` against moto's cognito-identity on
//! 127.0.0.1, with an identity pool whose provider is a moto user pool.
//!
//! moto 5.2 serves GetId and GetOpenIdToken unsigned under IAM enforcement, but answers an
//! unsigned GetCredentialsForIdentity with HTTP 500; and it checks no `Logins` token and hands
//! out a fresh IdentityId on every GetId. So the enhanced flow runs on a moto without
//! enforcement, and a recording proxy in front of it checks what moto does not: the `Logins`
//! key and token, the identity id sent again instead of a second GetId, the AWS CLI's requests
//! signed with the keys cogtok handed it. The basic flow runs on an enforcing moto: the AWS CLI
//! takes the role's credentials from `credential_process` and makes a call that moto's IAM
//! check accepts. What moto cannot do (credentials that last an hour, an identity that is gone)
//! a stand-in server on 127.0.0.1 does; the documented errors are recorded fixtures
//! (`fixtures/exchanges/aws-credentials/`, `tests/replay.rs`).

mod common;

use std::fs;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use common::fake_http::{ok, status, FakeServer};
use common::recording_proxy::{Recorded, RecordingProxy};
use common::{aws_cli, cogtok, jwt_claims, temp_dir, Moto, Pool, TestCommand};
use serde_json::Value;

const USER: &str = "idp@example.com";
const PASSWORD: &str = "Perm-Passw0rd!";
/// What moto's GetCredentialsForIdentity hands out, whoever asks.
const MOTO_ACCESS_KEY: &str = "TESTACCESSKEY12345";
const MOTO_SECRET_KEY: &str = "ABCSECRETKEY";
const MOTO_SESSION_TOKEN: &str = "ABC12345";

/// A moto with a user pool, an app client, a user with a permanent password, and an identity
/// pool whose provider they are.
struct Setup {
    moto: Moto,
    pool: Pool,
    identity_pool: String,
}

impl Setup {
    fn new(enforcing: bool) -> Setup {
        let moto = if enforcing {
            Moto::start_enforcing()
        } else {
            Moto::start_open()
        };
        let pool = moto.create_pool("idpool-tests", false);
        moto.create_user(&pool, USER, "Temp-Passw0rd!");
        moto.set_permanent_password(&pool, USER, PASSWORD);
        let identity_pool = moto.create_identity_pool("idpool_tests", &pool);
        Setup {
            moto,
            pool,
            identity_pool,
        }
    }

    fn upstream(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.moto.port))
    }

    /// The provider name the identity pool knows the user pool by.
    fn provider(&self) -> String {
        format!("cognito-idp.us-east-1.amazonaws.com/{}", self.pool.user_pool_id)
    }

    /// `cogtok aws-credentials` for the user, signing in with USER_PASSWORD_AUTH, every service
    /// at `endpoint` (moto, or a proxy in front of it).
    fn sign_in_command(&self, endpoint: &str, extra: &[&str]) -> TestCommand {
        let mut cmd = cogtok();
        cmd.env("AWS_ENDPOINT_URL", endpoint)
            .env("AWS_REGION", "us-east-1")
            .env("COGTOK_PASSWORD", PASSWORD)
            .args(["aws-credentials", "--identity-pool-id", &self.identity_pool])
            .args(["--user-pool-id", &self.pool.user_pool_id])
            .args(["--client-id", &self.pool.client_id, "--username", USER])
            .args(["--flow", "password"])
            .args(extra);
        cmd
    }
}

/// The operations of `recorded`, in order.
fn operations(recorded: &[Recorded]) -> Vec<String> {
    recorded.iter().map(Recorded::operation).collect()
}

/// The one request for `operation`.
#[track_caller]
fn request<'a>(recorded: &'a [Recorded], operation: &str) -> &'a Recorded {
    let found: Vec<&Recorded> = recorded.iter().filter(|r| r.operation() == operation).collect();
    assert_eq!(found.len(), 1, "{operation} in {:?}", operations(recorded));
    found[0]
}

/// A fresh cache directory (made by cogtok, 0700) under a fresh temporary one.
fn cache_dir() -> PathBuf {
    temp_dir().join("cache")
}

#[test]
fn the_enhanced_flow_sends_the_id_token_under_the_user_pools_provider_and_reuses_the_identity() {
    let setup = Setup::new(false);
    let proxy = RecordingProxy::start(setup.upstream());
    let cache = cache_dir();
    let cache_arg = cache.to_str().unwrap();
    let run = || {
        setup
            .sign_in_command(&proxy.url, &["--cache", "--cache-dir", cache_arg])
            .run()
            .success()
            .not_leaking(PASSWORD)
    };
    let out = run();
    let first = out.json();
    let identity_id = first["IdentityId"].as_str().expect("IdentityId").to_string();
    assert!(identity_id.starts_with("us-east-1:"), "{}", out.describe());
    let credentials = &first["Credentials"];
    assert_eq!(credentials["AccessKeyId"], MOTO_ACCESS_KEY, "{}", out.describe());
    assert_eq!(credentials["SecretKey"], MOTO_SECRET_KEY);
    assert_eq!(credentials["SessionToken"], MOTO_SESSION_TOKEN);
    assert!(
        credentials["Expiration"]
            .as_str()
            .is_some_and(|e| e.ends_with("+00:00")),
        "{}",
        out.describe()
    );

    let sent = proxy.take();
    assert_eq!(
        operations(&sent),
        ["InitiateAuth", "GetId", "GetCredentialsForIdentity"],
        "{}",
        out.describe()
    );
    assert!(sent.iter().all(|r| !r.signed), "every call is unsigned: {sent:?}");
    let get_id = request(&sent, "GetId").json();
    assert_eq!(get_id["IdentityPoolId"], setup.identity_pool.as_str());
    let logins = get_id["Logins"].as_object().expect("Logins");
    assert_eq!(logins.keys().collect::<Vec<_>>(), [&setup.provider()]);
    let token = logins[&setup.provider()].as_str().unwrap();
    let claims = jwt_claims(token);
    assert_eq!(claims["token_use"], "id", "the ID token, not the access token");
    assert_eq!(claims["aud"], setup.pool.client_id.as_str());
    let get_credentials = request(&sent, "GetCredentialsForIdentity").json();
    assert_eq!(get_credentials["IdentityId"], identity_id.as_str());
    assert_eq!(get_credentials["Logins"], get_id["Logins"]);

    // Again: the tokens from login's cache, the identity id from ours; moto's credentials last
    // 90 s, under the 5 minutes a cached one must have left, so they are asked for again.
    let out = run();
    let sent = proxy.take();
    assert_eq!(operations(&sent), ["GetCredentialsForIdentity"], "{}", out.describe());
    assert_eq!(
        sent[0].json()["IdentityId"],
        identity_id.as_str(),
        "the identity id is reused"
    );
    assert_eq!(out.json()["IdentityId"], identity_id.as_str());

    // The cache is private and holds no password.
    use std::os::unix::fs::PermissionsExt;
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert!(!fs::read_to_string(&path).unwrap().contains(PASSWORD));
    }
}

#[test]
fn the_aws_cli_signs_with_the_credentials_of_credential_process() {
    let setup = Setup::new(false);
    let proxy = RecordingProxy::start(setup.upstream());
    let bin = env!("CARGO_BIN_EXE_cogtok");
    let mut cli = aws_cli(&setup.moto, &setup.moto.admin);
    let config = cli.home().join("aws-config");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "[profile cognito-user]\nregion = us-east-1\ncredential_process = {bin} aws-credentials --identity-pool-id {} \
         --user-pool-id {} --client-id {} --username {USER} --flow password --cache --output credential-process\n",
        setup.identity_pool, setup.pool.user_pool_id, setup.pool.client_id
    ));
    fs::write(&config, text).unwrap();
    let out = cli
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_ENDPOINT_URL", &proxy.url)
        .env("COGTOK_PASSWORD", PASSWORD)
        .args(["--profile", "cognito-user", "sts", "get-caller-identity"])
        .run()
        .success();
    assert!(out.json()["Account"].is_string(), "{}", out.describe());
    let sent = proxy.finish();
    // moto's credentials last 90 s, inside botocore's 10-minute mandatory refresh window, so the
    // AWS CLI runs the process again before it signs: from the cache, with the same identity.
    let ops = operations(&sent);
    assert!(
        ops.len() >= 4
            && ops[..3] == ["InitiateAuth", "GetId", "GetCredentialsForIdentity"]
            && ops[3..ops.len() - 1].iter().all(|op| op == "GetCredentialsForIdentity")
            && ops[ops.len() - 1] == "GetCallerIdentity",
        "{ops:?}\n{}",
        out.describe()
    );
    let identities: Vec<Value> = sent
        .iter()
        .filter(|r| r.operation() == "GetCredentialsForIdentity")
        .map(|r| r.json()["IdentityId"].clone())
        .collect();
    assert!(identities.windows(2).all(|w| w[0] == w[1]), "{identities:?}");
    let call = request(&sent, "GetCallerIdentity");
    let authorization = call.header("authorization").unwrap_or_default();
    assert!(
        authorization.starts_with(&format!("AWS4-HMAC-SHA256 Credential={MOTO_ACCESS_KEY}/")),
        "the AWS CLI signed with another key: {authorization}"
    );
    assert_eq!(call.header("x-amz-security-token"), Some(MOTO_SESSION_TOKEN));
}

#[test]
fn the_basic_flow_gets_role_credentials_from_sts_that_moto_iam_accepts() {
    let setup = Setup::new(true);
    let bin = env!("CARGO_BIN_EXE_cogtok");
    let mut cli = aws_cli(&setup.moto, &setup.moto.admin);
    let config = cli.home().join("aws-config");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "[profile cognito-user]\nregion = us-east-1\ncredential_process = {bin} aws-credentials --identity-pool-id {} \
         --user-pool-id {} --client-id {} --username {USER} --flow password --basic-flow --role-arn {} \
         --output credential-process\n",
        setup.identity_pool, setup.pool.user_pool_id, setup.pool.client_id, setup.moto.role_arn
    ));
    fs::write(&config, text).unwrap();
    // moto serves InitiateAuth, GetId and GetOpenIdToken unsigned, but not the unsigned
    // AssumeRoleWithWebIdentity: these four go unchecked. The AWS CLI's ListUsers after them is
    // checked, signature and IAM policy: only the role's credentials may make it.
    setup.moto.allow_unauthenticated(4);
    let out = cli
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_ENDPOINT_URL", &setup.moto.url)
        .env("COGTOK_PASSWORD", PASSWORD)
        .args(["--profile", "cognito-user", "cognito-idp", "list-users"])
        .args(["--user-pool-id", &setup.pool.user_pool_id])
        .run()
        .success();
    let users = out.json()["Users"].to_string();
    assert!(users.contains(USER), "{}", out.describe());
    // Now enforced again, the same call with moto's enhanced-flow keys, which its IAM does not
    // know, is refused: the success above was the role's.
    let out = cogtok()
        .env("AWS_ENDPOINT_URL", &setup.moto.url)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", MOTO_ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", MOTO_SECRET_KEY)
        .env("AWS_SESSION_TOKEN", MOTO_SESSION_TOKEN)
        .args(["list-users", "--user-pool-id", &setup.pool.user_pool_id])
        .run()
        .code(254);
    assert!(out.stderr.contains("InvalidClientTokenId"), "{}", out.describe());
}

#[test]
fn a_given_id_token_goes_under_its_issuer_and_debug_shows_no_secret() {
    let setup = Setup::new(false);
    let token = cogtok()
        .env("AWS_ENDPOINT_URL", &setup.moto.url)
        .env("AWS_REGION", "us-east-1")
        .env("COGTOK_PASSWORD", PASSWORD)
        .args(["login", "--flow", "password", "--client-id", &setup.pool.client_id])
        .args(["--username", USER, "--output", "id-token"])
        .run()
        .success()
        .stdout
        .trim_end()
        .to_string();
    let proxy = RecordingProxy::start(setup.upstream());
    // No --user-pool-id: the provider name is the token's issuer without https://.
    let out = cogtok()
        .env("AWS_ENDPOINT_URL_COGNITO_IDENTITY", &proxy.url)
        .env("ID_TOKEN", &token)
        .args(["aws-credentials", "--identity-pool-id", &setup.identity_pool])
        .args(["--id-token-env", "ID_TOKEN", "--output", "env", "--debug"])
        .run()
        .success()
        .stdout_contains(&format!("export AWS_SECRET_ACCESS_KEY='{MOTO_SECRET_KEY}'\n"));
    for secret in [token.as_str(), MOTO_SECRET_KEY, MOTO_SESSION_TOKEN] {
        assert!(
            !out.stderr.contains(secret),
            "--debug shows a secret\n{}",
            out.describe()
        );
    }
    assert!(
        out.stderr
            .contains(&format!(r#""Logins":{{"{}":"<redacted>"}}"#, setup.provider())),
        "{}",
        out.describe()
    );
    assert!(out.stderr.contains(r#""SecretKey":"<redacted>""#), "{}", out.describe());
    let sent = proxy.finish();
    assert_eq!(operations(&sent), ["GetId", "GetCredentialsForIdentity"]);
    assert_eq!(
        request(&sent, "GetId").json()["Logins"][setup.provider()],
        token.as_str()
    );
}

#[test]
fn a_guest_has_no_logins_and_exec_gives_the_command_the_keys() {
    let setup = Setup::new(false);
    let proxy = RecordingProxy::start(setup.upstream());
    let cache = cache_dir();
    let run = || {
        cogtok()
            .env("AWS_ENDPOINT_URL", &proxy.url)
            .env("COGNITO_ID_TOKEN", "left-over-from-an-outer-exec")
            .args(["exec", "--aws-credentials", "--identity-pool-id", &setup.identity_pool])
            .args(["--unauthenticated", "--cache", "--cache-dir", cache.to_str().unwrap()])
            .args(["--", "sh", "-c"])
            .arg(
                "printf '%s|%s|%s|%s|%s\\n' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \
                 \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\" \"${COGNITO_ID_TOKEN-unset}\"",
            )
            .run()
            .success()
    };
    let out = run();
    let fields: Vec<&str> = out.stdout.trim_end().split('|').collect();
    assert_eq!(
        fields[..3],
        [MOTO_ACCESS_KEY, MOTO_SECRET_KEY, MOTO_SESSION_TOKEN],
        "{}",
        out.describe()
    );
    assert!(fields[3].ends_with('Z') && fields[3].len() == 20, "{}", out.describe());
    assert_eq!(fields[4], "unset", "no COGNITO_* tokens with --aws-credentials");
    let sent = proxy.take();
    assert_eq!(operations(&sent), ["GetId", "GetCredentialsForIdentity"]);
    for r in &sent {
        assert!(r.json().get("Logins").is_none(), "a guest sends no Logins: {}", r.body);
    }
    // A guest's identity is kept too: asking GetId again would make the pool a new one.
    run();
    assert_eq!(operations(&proxy.take()), ["GetCredentialsForIdentity"]);

    // --output github: masks on stdout, the variables in $GITHUB_ENV, no key elsewhere.
    let github_env = temp_dir().join("github_env");
    let out = cogtok()
        .env("AWS_ENDPOINT_URL", &proxy.url)
        .env("GITHUB_ENV", &github_env)
        .args(["aws-credentials", "--identity-pool-id", &setup.identity_pool])
        .args(["--unauthenticated", "--output", "github"])
        .run()
        .success();
    assert_eq!(
        out.stdout,
        format!("::add-mask::{MOTO_ACCESS_KEY}\n::add-mask::{MOTO_SECRET_KEY}\n::add-mask::{MOTO_SESSION_TOKEN}\n")
    );
    assert_eq!(
        fs::read_to_string(&github_env).unwrap(),
        format!(
            "AWS_ACCESS_KEY_ID={MOTO_ACCESS_KEY}\nAWS_SECRET_ACCESS_KEY={MOTO_SECRET_KEY}\nAWS_SESSION_TOKEN={MOTO_SESSION_TOKEN}\n"
        )
    );
}

/// A fake JWT (unsigned: moto checks none) from `issuer` for `subject`.
fn runner_jwt(issuer: &str, subject: &str) -> String {
    let part = |json: &str| {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let bytes = json.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            }
        }
        out
    };
    format!(
        "{}.{}.c2lnbmF0dXJl",
        part(r#"{"alg":"RS256","kid":"runner"}"#),
        part(&format!(
            r#"{{"iss":"{issuer}","sub":"{subject}","aud":"cognito-identity.amazonaws.com"}}"#
        ))
    )
}

#[test]
fn a_ci_jobs_own_token_goes_under_its_issuer_host() {
    let setup = Setup::new(false);
    let proxy = RecordingProxy::start(setup.upstream());
    let github_token = runner_jwt(
        "https://token.actions.githubusercontent.com",
        "repo:octo/app:ref:refs/heads/main",
    );
    let answer = format!(r#"{{"value":"{github_token}"}}"#);
    let runner = FakeServer::start(move |_, _| ok(answer.clone()));
    let github = |extra: &[&str]| {
        cogtok()
            .env("AWS_ENDPOINT_URL", &proxy.url)
            .env(
                "ACTIONS_ID_TOKEN_REQUEST_URL",
                format!("{}/token?api-version=2.0", runner.url),
            )
            .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runner-bearer-secret")
            .args(["aws-credentials", "--identity-pool-id", &setup.identity_pool])
            .args(["--web-identity", "github"])
            .args(extra)
            .run()
            .success()
            .not_leaking(&github_token)
            .not_leaking("runner-bearer-secret")
    };
    github(&["--output", "credential-process"]);
    let asked = runner.seen();
    assert_eq!(asked.len(), 1);
    assert!(
        asked[0].target.contains("audience=cognito-identity.amazonaws.com"),
        "the identity pools' audience by default: {}",
        asked[0].target
    );
    assert_eq!(asked[0].header("authorization"), Some("bearer runner-bearer-secret"));
    let sent = proxy.take();
    let logins = request(&sent, "GetId").json()["Logins"].clone();
    assert_eq!(
        logins,
        serde_json::json!({ "token.actions.githubusercontent.com": github_token })
    );
    github(&["--audience", "sts.amazonaws.com"]);
    assert!(runner.seen()[1].target.contains("audience=sts.amazonaws.com"));
    proxy.take();

    let gitlab_token = runner_jwt("https://gitlab.com", "project_path:group/app:ref_type:branch:ref:main");
    cogtok()
        .env("AWS_ENDPOINT_URL", &proxy.url)
        .env("GITLAB_CI", "true")
        .env("COGNITO_OIDC", &gitlab_token)
        .args(["aws-credentials", "--identity-pool-id", &setup.identity_pool])
        .args(["--web-identity", "auto", "--web-identity-token-env", "COGNITO_OIDC"])
        .run()
        .success()
        .not_leaking(&gitlab_token);
    let sent = proxy.finish();
    assert_eq!(
        request(&sent, "GetId").json()["Logins"],
        serde_json::json!({ "gitlab.com": gitlab_token })
    );
}

/// What the stand-in was asked: each request's target and JSON body.
type Log = Arc<Mutex<Vec<(String, Value)>>>;

/// A cognito-identity stand-in: GetId hands out `ids` in turn; GetCredentialsForIdentity answers
/// with credentials expiring `lifetime` seconds from now, or ResourceNotFoundException for an
/// identity id in `gone`. Every request's target and body are kept.
fn identity_service(ids: &'static [&'static str], lifetime: i64, gone: &'static [&'static str]) -> (FakeServer, Log) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&log);
    let given = Arc::new(Mutex::new(0usize));
    let server = FakeServer::start(move |r, _| {
        let target = r.header("x-amz-target").unwrap_or_default().to_string();
        let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        kept.lock().unwrap().push((target.clone(), body.clone()));
        match target.as_str() {
            "AWSCognitoIdentityService.GetId" => {
                let mut n = given.lock().unwrap();
                let id = ids[(*n).min(ids.len() - 1)];
                *n += 1;
                ok(format!(r#"{{"IdentityId":"{id}"}}"#))
            }
            "AWSCognitoIdentityService.GetOpenIdToken" => {
                let id = body["IdentityId"].as_str().unwrap_or_default();
                ok(format!(
                    r#"{{"IdentityId":"{id}","Token":"eyJraWQiOiJvcGVuLWlkIn0.eyJzdWIiOiJ4In0.c2ln"}}"#
                ))
            }
            "AWSCognitoIdentityService.GetCredentialsForIdentity" => {
                let id = body["IdentityId"].as_str().unwrap_or_default();
                if gone.contains(&id) {
                    return status(
                        400,
                        &format!(r#"{{"__type":"ResourceNotFoundException","message":"Identity '{id}' not found."}}"#),
                    );
                }
                let expiration = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_secs() as i64
                    + lifetime;
                ok(format!(
                    r#"{{"Credentials":{{"AccessKeyId":"ASIASTANDIN","Expiration":{expiration}.0,"SecretKey":"stand-in-secret","SessionToken":"stand-in-session"}},"IdentityId":"{id}"}}"#
                ))
            }
            other => status(
                400,
                &format!(r#"{{"__type":"UnknownOperationException","message":"{other}"}}"#),
            ),
        }
    });
    (server, log)
}

fn guest_run(endpoint: &str, cache: &std::path::Path) -> TestCommand {
    let mut cmd = cogtok();
    cmd.env("AWS_ENDPOINT_URL_COGNITO_IDENTITY", endpoint)
        .args([
            "aws-credentials",
            "--identity-pool-id",
            "eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        ])
        .args(["--unauthenticated", "--cache", "--cache-dir", cache.to_str().unwrap()])
        .args(["--output", "credential-process"]);
    cmd
}

fn targets(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.lock().unwrap())
        .into_iter()
        .map(|(t, _)| t.trim_start_matches("AWSCognitoIdentityService.").to_string())
        .collect()
}

#[test]
fn credentials_are_used_from_the_cache_until_five_minutes_before_they_expire() {
    // An hour: the second run asks nothing at all.
    let (server, log) = identity_service(&["eu-west-1:aaaa"], 3600, &[]);
    let cache = cache_dir();
    let first = guest_run(&server.url, &cache).run().success();
    assert_eq!(targets(&log), ["GetId", "GetCredentialsForIdentity"]);
    let second = guest_run(&server.url, &cache).run().success();
    assert_eq!(targets(&log), Vec::<String>::new(), "no request at all");
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.json()["Version"], 1);

    // Four minutes and a half: asked for again, with the identity id kept.
    let (server, log) = identity_service(&["eu-west-1:bbbb"], 270, &[]);
    let cache = cache_dir();
    guest_run(&server.url, &cache).run().success();
    assert_eq!(targets(&log), ["GetId", "GetCredentialsForIdentity"]);
    guest_run(&server.url, &cache).run().success();
    assert_eq!(targets(&log), ["GetCredentialsForIdentity"]);
}

#[test]
fn a_kept_identity_that_is_gone_is_asked_for_again_once() {
    let (server, log) = identity_service(&["eu-west-1:aaaa", "eu-west-1:bbbb"], 60, &["eu-west-1:aaaa"]);
    let cache = cache_dir();
    // The first run's GetId gives an identity that GetCredentialsForIdentity does not know:
    // the service's error, one line, exit 254; the identity id was kept all the same.
    let out = guest_run(&server.url, &cache).run().code(254);
    assert_eq!(
        out.stderr,
        "cogtok: ResourceNotFoundException: Identity 'eu-west-1:aaaa' not found.\n"
    );
    assert_eq!(targets(&log), ["GetId", "GetCredentialsForIdentity"]);
    // The next run tries the kept one, then asks GetId again, once.
    let out = guest_run(&server.url, &cache).run().success();
    assert_eq!(
        targets(&log),
        ["GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity"],
        "{}",
        out.describe()
    );
    assert_eq!(out.stderr, "");
    guest_run(&server.url, &cache).run().success();
    let requests = std::mem::take(&mut *log.lock().unwrap());
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].1["IdentityId"], "eu-west-1:bbbb", "the new one is kept");
}

#[test]
fn the_basic_flows_sts_refusal_is_the_services_error() {
    let (server, log) = identity_service(&["eu-west-1:aaaa"], 3600, &[]);
    let sts = FakeServer::start(|_, _| {
        status(
            403,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform \
             sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>",
        )
    });
    let out = cogtok()
        .env("AWS_ENDPOINT_URL_COGNITO_IDENTITY", &server.url)
        .env("AWS_ENDPOINT_URL_STS", &sts.url)
        .args([
            "aws-credentials",
            "--identity-pool-id",
            "eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        ])
        .args([
            "--unauthenticated",
            "--basic-flow",
            "--role-arn",
            "arn:aws:iam::123456789012:role/guest",
        ])
        .run()
        .code(254)
        .not_leaking("c2ln");
    assert_eq!(
        out.stderr,
        "cogtok: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity (check that the role's trust \
         policy allows sts:AssumeRoleWithWebIdentity for this token's issuer, audience and subject)\n"
    );
    assert_eq!(targets(&log), ["GetId", "GetOpenIdToken"]);
    let sent = sts.seen();
    assert_eq!(sent.len(), 1, "AccessDenied is not retried");
    let form = String::from_utf8_lossy(&sent[0].body).into_owned();
    assert!(form.starts_with("Action=AssumeRoleWithWebIdentity&"), "{form}");
    assert!(
        form.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fguest"),
        "{form}"
    );
    assert!(
        form.contains("WebIdentityToken=eyJraWQiOiJvcGVuLWlkIn0.eyJzdWIiOiJ4In0.c2ln"),
        "{form}"
    );
    assert!(sent[0].header("authorization").is_none(), "unsigned");
}

#[test]
fn inputs_are_checked_before_any_request() {
    let run = |args: &[&str]| {
        let mut cmd = cogtok();
        cmd.env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
            .arg("aws-credentials")
            .args(args);
        cmd.run()
    };
    let pool = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    let cases: &[(&[&str], i32, &str)] = &[
        (&[], 252, "no identity pool: pass --identity-pool-id ID"),
        (
            &["--identity-pool-id", "us-east-1_AbC"],
            252,
            "invalid identity pool id",
        ),
        (
            &["--identity-pool-id", pool, "--basic-flow"],
            252,
            "--basic-flow needs the role",
        ),
        (
            &[
                "--identity-pool-id",
                pool,
                "--role-arn",
                "arn:aws:iam::123456789012:role/app",
            ],
            252,
            "--role-arn goes with --basic-flow",
        ),
        (
            &[
                "--identity-pool-id",
                pool,
                "--unauthenticated",
                "--web-identity",
                "github",
            ],
            252,
            "pass only one of --web-identity, --unauthenticated",
        ),
        (
            &["--identity-pool-id", pool, "--unauthenticated", "--username", "u"],
            252,
            "--username is for a user who signs in, not with --unauthenticated",
        ),
        (
            &["--identity-pool-id", pool, "--audience", "x"],
            252,
            "--audience goes with --web-identity",
        ),
        (
            &["--identity-pool-id", pool, "--output", "github", "--unauthenticated"],
            253,
            "GITHUB_ENV",
        ),
        (
            &["--identity-pool-id", pool, "--web-identity", "github"],
            253,
            "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set",
        ),
    ];
    for (args, code, says) in cases {
        let out = run(args).code(*code);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
        assert!(out.stderr.contains(says), "{}", out.describe());
        assert_eq!(out.stdout, "");
    }
}
