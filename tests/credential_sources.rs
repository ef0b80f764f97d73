//! The credential sources of the SDKs' chain, end to end: the real binary signs `AdminGetUser`
//! with credentials handed out by small std-only servers on 127.0.0.1 standing in for EC2
//! instance metadata (IMDSv2), a container credentials endpoint (ECS / EKS Pod Identity) and the
//! SSO portal, or printed by a `credential_process` script. Keys without a session token
//! (credential_process) are moto's `admin` user's, checked by a moto enforcing SigV4 and IAM;
//! keys with one go to a stand-in that verifies the signature of the replay tests' fake keys
//! (tests/replay/sigv4.rs) and the session token, since moto checks session tokens against its
//! own STS. Failures are one line, exit 253, and never show a secret.
//!
//! Nothing here reaches 169.254.169.254: every command has `AWS_EC2_METADATA_DISABLED=true`
//! (from `common::cogtok`) or a loopback `AWS_EC2_METADATA_SERVICE_ENDPOINT`.

mod common;
#[path = "replay/sigv4.rs"]
mod sigv4;

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::fake_http::{ok, signature_checking_cognito, status, FakeServer, Reply};
use common::{cogtok, temp_dir, Keys, Moto, Output, TestCommand};
use sha1::{Digest, Sha1};

const SESSION_TOKEN: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
const IMDS_TOKEN: &str = "AQAEAEXAMPLEIMDSTOKEN==";
const USER: &str = "ci@example.com";

// ---------------------------------------------------------------------------------------------
// Helpers

fn iso_in(seconds: i64) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let t = now + seconds;
    let (days, sod) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

/// The container/IMDS answer for `keys`, expiring in `seconds`.
fn credentials_json(keys: &Keys, seconds: i64) -> String {
    serde_json::json!({
        "Code": "Success",
        "Type": "AWS-HMAC",
        "AccessKeyId": keys.access_key_id,
        "SecretAccessKey": keys.secret_access_key,
        "Token": SESSION_TOKEN,
        "Expiration": iso_in(seconds),
    })
    .to_string()
}

/// What the signed call goes to: a moto that checks SigV4 and IAM (for keys without a session
/// token: moto checks session tokens against its own STS), or a stand-in that checks the SigV4
/// signature of the replay tests' fake keys and the session token.
struct Target {
    url: String,
    pool_id: String,
    keys: Keys,
    _moto: Option<Moto>,
    _fake: Option<FakeServer>,
}

fn moto_target() -> Target {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("credential-sources", false);
    moto.create_user(&pool, USER, "Temp-Passw0rd!");
    Target {
        url: moto.url.clone(),
        pool_id: pool.user_pool_id,
        keys: moto.admin.clone(),
        _moto: Some(moto),
        _fake: None,
    }
}

fn fake_target() -> Target {
    let fake = signature_checking_cognito(sigv4::check, SESSION_TOKEN, USER);
    Target {
        url: fake.url.clone(),
        pool_id: "us-east-1_Fake".to_string(),
        keys: Keys {
            access_key_id: sigv4::ACCESS_KEY.to_string(),
            secret_access_key: sigv4::SECRET_KEY.to_string(),
        },
        _moto: None,
        _fake: Some(fake),
    }
}

/// `admin-get-user` (SigV4-signed) for the target's user, with no keys in the environment.
fn get_user(target: &Target) -> TestCommand {
    let mut cmd = cogtok();
    cmd.args([
        "--endpoint-url",
        &target.url,
        "admin-get-user",
        "--user-pool-id",
        &target.pool_id,
    ])
    .args(["--username", USER])
    .env("AWS_REGION", "us-east-1")
    .env("AWS_MAX_ATTEMPTS", "1")
    .timeout(Duration::from_secs(30));
    cmd
}

/// A signed call whose credentials must fail first: the endpoint listens nowhere.
fn unreachable_call() -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["admin-get-user", "--user-pool-id", "us-east-1_x", "--username", "u"])
        .args(["--endpoint-url", "http://127.0.0.1:9"])
        .env("AWS_REGION", "us-east-1");
    cmd
}

#[track_caller]
fn signed_ok(out: Output, target: &Target) -> Output {
    let out = out
        .success()
        .not_leaking(&target.keys.secret_access_key)
        .not_leaking(SESSION_TOKEN);
    let attributes = out.json()["UserAttributes"].to_string();
    assert!(attributes.contains(USER), "{}", out.describe());
    out
}

/// A credentials failure: exit 253, one line on stderr containing `needle`, no secret.
#[track_caller]
fn credentials_failure(out: Output, needle: &str, secrets: &[&str]) -> String {
    let mut out = out.code(253).stderr_contains(needle);
    for s in secrets {
        out = out.not_leaking(s);
    }
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
    out.stderr.clone()
}

// ---------------------------------------------------------------------------------------------
// EC2 instance metadata (IMDSv2)

/// An IMDSv2 that wants its token on every GET (401 otherwise), names one role, and answers the
/// role's first credentials request only after `first_delay`.
fn imds(keys: &Keys, first_delay: Duration) -> FakeServer {
    let credentials = credentials_json(keys, 6 * 3600);
    let asked = Arc::new(Mutex::new(0));
    FakeServer::start(move |r, _| match (r.method.as_str(), r.target.as_str()) {
        ("PUT", "/latest/api/token") if r.header("x-aws-ec2-metadata-token-ttl-seconds") == Some("21600") => {
            ok(IMDS_TOKEN)
        }
        ("PUT", _) => status(400, ""),
        _ if r.header("x-aws-ec2-metadata-token") != Some(IMDS_TOKEN) => status(401, ""),
        ("GET", "/latest/meta-data/iam/security-credentials/") => ok("cogtok-ci-role\n"),
        ("GET", "/latest/meta-data/iam/security-credentials/cogtok-ci-role") => {
            let mut n = asked.lock().unwrap();
            *n += 1;
            let delay = if *n == 1 { first_delay } else { Duration::ZERO };
            Reply::Answer(200, credentials.clone(), delay)
        }
        _ => status(404, ""),
    })
}

#[test]
fn imds_v2_gives_the_instance_roles_credentials_even_after_a_slow_answer() {
    let target = fake_target();
    // The first credentials answer comes after 1.5 s, past the 1 s bound: the retry gets it.
    let server = imds(&target.keys, Duration::from_millis(1500));
    let out = get_user(&target)
        .env_remove("AWS_EC2_METADATA_DISABLED")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)
        .arg("--debug")
        .run();
    let out = signed_ok(out, &target).not_leaking(IMDS_TOKEN);
    assert!(
        out.stderr
            .contains("credentials from EC2 instance metadata (role cogtok-ci-role)"),
        "{}",
        out.describe()
    );
    let seen = server.seen();
    let order: Vec<String> = seen.iter().map(|s| format!("{} {}", s.method, s.target)).collect();
    assert_eq!(
        order,
        [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/cogtok-ci-role",
            "GET /latest/meta-data/iam/security-credentials/cogtok-ci-role",
        ],
        "{}",
        out.describe()
    );
}

#[test]
fn imds_token_put_without_an_answer_gives_the_hop_limit_hint() {
    // What a container on an instance with hop limit 1 sees: the PUT's answer never arrives,
    // GETs are answered (401 without a token).
    let server = FakeServer::start(|r, _| {
        if r.method == "PUT" {
            Reply::Never
        } else {
            status(401, "")
        }
    });
    let started = Instant::now();
    let out = unreachable_call()
        .env_remove("AWS_EC2_METADATA_DISABLED")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)
        .run();
    let line = credentials_failure(
        out,
        "the instance's metadata hop limit must be 2: aws ec2 modify-instance-metadata-options",
        &[],
    );
    assert!(line.contains("--http-put-response-hop-limit 2"), "{line}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn without_any_source_the_error_lists_where_it_looked_and_is_quick() {
    // A metadata endpoint that refuses connections is "not on EC2": no scary timeout.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let started = Instant::now();
    let out = unreachable_call()
        .env_remove("AWS_EC2_METADATA_DISABLED")
        .env(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            format!("http://127.0.0.1:{closed}"),
        )
        .run();
    let line = credentials_failure(
        out,
        "no AWS credentials for this signed operation: looked in the environment",
        &[],
    );
    for place in [
        "the container credentials endpoint",
        "EC2 instance metadata at http://127.0.0.1:",
    ] {
        assert!(line.contains(place), "{line}");
    }
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // And turned off, it says so.
    let out = unreachable_call().run();
    credentials_failure(
        out,
        "EC2 instance metadata (turned off by AWS_EC2_METADATA_DISABLED)",
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// Container credentials (ECS, EKS Pod Identity)

#[test]
fn container_endpoint_with_a_token_file_read_again_each_run_then_from_the_environment() {
    let target = fake_target();
    let credentials = credentials_json(&target.keys, 3600);
    // The first request gets a 500: retried.
    let server = FakeServer::start(move |r, n| match (r.target.as_str(), r.header("authorization")) {
        (_, _) if n == 0 => status(500, r#"{"code":"InternalError","message":"try again"}"#),
        ("/v1/credentials", Some("Bearer pod-token-1" | "Bearer pod-token-2" | "env-token")) => ok(credentials.clone()),
        _ => status(403, r#"{"code":"AccessDenied","message":"bad token"}"#),
    });
    let dir = temp_dir();
    let token_file = dir.join("eks-pod-identity-token");
    let full_uri = format!("{}/v1/credentials", server.url);
    for token in ["Bearer pod-token-1", "Bearer pod-token-2"] {
        fs::write(&token_file, format!("{token}\n")).unwrap();
        let out = get_user(&target)
            .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri)
            .env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file)
            .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token")
            .arg("--debug")
            .run();
        let out = signed_ok(out, &target).not_leaking("pod-token");
        assert!(
            out.stderr
                .contains("credentials from container credentials (http://127.0.0.1:"),
            "{}",
            out.describe()
        );
    }
    let out = get_user(&target)
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token")
        .run();
    signed_ok(out, &target);
    let tokens: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.header("authorization").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        tokens,
        [
            "Bearer pod-token-1",
            "Bearer pod-token-1",
            "Bearer pod-token-2",
            "env-token"
        ]
    );

    // A refused token: the endpoint's code and message, not the token.
    let out = get_user(&target)
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token")
        .run();
    credentials_failure(out, "answered HTTP 403: AccessDenied: bad token", &["wrong-token"]);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn container_full_uris_outside_the_allowed_hosts_are_refused_before_any_request() {
    for uri in [
        "http://192.0.2.10/creds",
        "http://169.254.169.254/latest",
        "http://[fd00:ec2::2]/creds",
    ] {
        let out = unreachable_call()
            .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri)
            .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "secret-pod-token")
            .timeout(Duration::from_secs(10))
            .run();
        credentials_failure(
            out,
            "AWS_CONTAINER_CREDENTIALS_FULL_URI refused: over plain http",
            &["secret-pod-token"],
        );
    }
}

// ---------------------------------------------------------------------------------------------
// credential_process

fn write_script(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn with_profile(cmd: &mut TestCommand, profile: &str, config: &str) {
    let aws = cmd.home().join(".aws");
    fs::create_dir_all(&aws).unwrap();
    fs::write(aws.join("config"), config).unwrap();
    cmd.env("AWS_PROFILE", profile);
}

#[test]
fn credential_process_success_failure_bad_json_and_expired() {
    let target = moto_target();
    let dir = temp_dir();
    let document = serde_json::json!({
        "Version": 1,
        "AccessKeyId": target.keys.access_key_id,
        "SecretAccessKey": target.keys.secret_access_key,
        "Expiration": iso_in(3600),
    });
    let good = write_script(&dir, "good", &format!("cat <<'EOF'\n{document}\nEOF"));
    let mut cmd = get_user(&target);
    with_profile(
        &mut cmd,
        "ci",
        &format!("[profile ci]\ncredential_process = {good} --role ci\n"),
    );
    let out = signed_ok(cmd.arg("--debug").run(), &target);
    assert!(
        out.stderr.contains("credentials from profile ci (credential_process)"),
        "{}",
        out.describe()
    );

    let failing = write_script(
        &dir,
        "failing",
        "echo 'helper: MFA device needed' >&2\necho 'STDOUT-SECRET'\nexit 3",
    );
    let mut cmd = get_user(&target);
    with_profile(
        &mut cmd,
        "ci",
        &format!("[profile ci]\ncredential_process = {failing}\n"),
    );
    credentials_failure(
        cmd.run(),
        "the credential_process of profile ci failed with exit status 3: helper: MFA device needed",
        &["STDOUT-SECRET"],
    );

    let garbage = write_script(&dir, "garbage", "echo 'AKIDSECRETSTDOUT wJalrSECRET'");
    let mut cmd = get_user(&target);
    with_profile(
        &mut cmd,
        "ci",
        &format!("[profile ci]\ncredential_process = {garbage}\n"),
    );
    credentials_failure(
        cmd.run(),
        "the credential_process of profile ci printed no JSON document",
        &["AKIDSECRETSTDOUT", "wJalrSECRET"],
    );

    let expired_doc = serde_json::json!({
        "Version": 1,
        "AccessKeyId": target.keys.access_key_id,
        "SecretAccessKey": target.keys.secret_access_key,
        "Expiration": iso_in(-60),
    });
    let expired = write_script(&dir, "expired", &format!("cat <<'EOF'\n{expired_doc}\nEOF"));
    let mut cmd = get_user(&target);
    with_profile(
        &mut cmd,
        "ci",
        &format!("[profile ci]\ncredential_process = {expired}\n"),
    );
    credentials_failure(
        cmd.run(),
        "the credential_process of profile ci gave credentials that expired at ",
        &[&target.keys.secret_access_key],
    );
    let _ = fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------------------------
// SSO

fn sha1_hex(text: &str) -> String {
    Sha1::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const SSO_TOKEN: &str = "aoaAAAAAGexampleSsoAccessToken";
const SSO_CONFIG: &str = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = CogtokAdmin\n\n\
                          [sso-session corp]\nsso_start_url = https://d-abc123.awsapps.com/start\nsso_region = eu-west-1\n";

fn sso_command(target: &Target, portal: &str, token_expires_in: Option<i64>) -> TestCommand {
    let mut cmd = get_user(target);
    with_profile(&mut cmd, "dev", SSO_CONFIG);
    cmd.env("AWS_ENDPOINT_URL_SSO", portal);
    if let Some(seconds) = token_expires_in {
        let cache = cmd.home().join(".aws/sso/cache");
        fs::create_dir_all(&cache).unwrap();
        let doc = serde_json::json!({
            "startUrl": "https://d-abc123.awsapps.com/start",
            "region": "eu-west-1",
            "accessToken": SSO_TOKEN,
            "expiresAt": iso_in(seconds),
            "refreshToken": "not-used",
        });
        fs::write(cache.join(format!("{}.json", sha1_hex("corp"))), doc.to_string()).unwrap();
    }
    cmd
}

#[test]
fn sso_profiles_use_the_cached_token_and_say_how_to_log_in_otherwise() {
    let target = fake_target();
    let expiration_ms = (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 3600) * 1000;
    let answer = serde_json::json!({"roleCredentials": {
        "accessKeyId": target.keys.access_key_id,
        "secretAccessKey": target.keys.secret_access_key,
        "sessionToken": SESSION_TOKEN,
        "expiration": expiration_ms,
    }})
    .to_string();
    let portal = FakeServer::start(move |r, _| match r.header("x-amz-sso_bearer_token") {
        Some(SSO_TOKEN) if r.target.starts_with("/federation/credentials?") => ok(answer.clone()),
        _ => status(401, r#"{"message":"Session token not found or invalid"}"#),
    });

    let out = sso_command(&target, &portal.url, Some(3600)).arg("--debug").run();
    let out = signed_ok(out, &target).not_leaking(SSO_TOKEN);
    assert!(
        out.stderr
            .contains("credentials from profile dev (SSO role CogtokAdmin in account 123456789012)"),
        "{}",
        out.describe()
    );
    let seen = portal.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].target,
        "/federation/credentials?role_name=CogtokAdmin&account_id=123456789012"
    );

    let out = sso_command(&target, &portal.url, Some(-60)).run();
    let line = credentials_failure(out, "the SSO token of profile dev expired at ", &[SSO_TOKEN]);
    assert!(line.contains("run `aws sso login --profile dev`"), "{line}");

    let out = sso_command(&target, &portal.url, None).run();
    let line = credentials_failure(out, "no SSO token for profile dev (", &[]);
    assert!(
        line.trim_end()
            .ends_with("is missing): run `aws sso login --profile dev`"),
        "{line}"
    );
    assert_eq!(portal.seen().len(), 1, "no request without a valid token");
}
