//! `cogtok credentials` (which provider, never the keys) and `--web-identity github|gitlab|auto`:
//! a CI job's own OIDC token exchanged with STS AssumeRoleWithWebIdentity, whose credentials must
//! sign a cognito-idp call that moto (enforcing SigV4 and IAM, on 127.0.0.1) accepts. GitHub's
//! token endpoint is played by a small server here that checks what the runner's would.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::{cogtok, Moto, TestCommand};

const USER: &str = "ci@example.com";
/// What the runner's token endpoint hands out; moto checks no token, so any JWT-shaped text does.
const OIDC_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmNvZ3RvayJ9.Z2l0aHViLXNpZ25hdHVyZQ";
/// `ACTIONS_ID_TOKEN_REQUEST_TOKEN`: the bearer the runner gives the job for that endpoint.
const REQUEST_TOKEN: &str = "runner-request-token-0123456789";

/// A stand-in for GitHub Actions' ID token endpoint on 127.0.0.1: answers `{"value": TOKEN}` to
/// a GET carrying the runner's bearer, 401 otherwise; records each request line.
struct GithubTokenEndpoint {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl GithubTokenEndpoint {
    fn start() -> GithubTokenEndpoint {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://127.0.0.1:{}/_apis/token?api-version=2.0",
            listener.local_addr().unwrap().port()
        );
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            // Bounded: a test makes a handful of requests.
            for stream in listener.incoming().take(16).flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let mut authorized = false;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                    let lower = header.to_ascii_lowercase();
                    if lower.starts_with("authorization:")
                        && header.trim_end().ends_with(&format!("bearer {REQUEST_TOKEN}"))
                    {
                        authorized = true;
                    }
                }
                seen.lock().unwrap().push(line.trim_end().to_string());
                let (status, body) = if authorized {
                    ("200 OK", format!("{{\"count\":1,\"value\":\"{OIDC_TOKEN}\"}}"))
                } else {
                    ("401 Unauthorized", "{\"message\":\"bad bearer\"}".to_string())
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.read(&mut [0u8; 1]);
            }
        });
        GithubTokenEndpoint { url, requests }
    }
}

/// `cogtok admin-get-user` at moto with no AWS keys anywhere: STS and cognito-idp both at moto.
fn admin_get_user(moto: &Moto, pool_id: &str) -> TestCommand {
    let mut cmd = cogtok();
    cmd.env("AWS_ENDPOINT_URL", &moto.url)
        .env("AWS_REGION", "us-east-1")
        .env("COGTOK_TEST_BACKOFF_BASE_MS", "1")
        .args(["admin-get-user", "--user-pool-id", pool_id, "--username", USER]);
    cmd
}

#[test]
fn web_identity_github_fetches_the_runners_token_and_signs_with_the_role() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("ci-oidc", false);
    moto.create_user(&pool, USER, "Temp-Passw0rd!");
    let github = GithubTokenEndpoint::start();

    // The one unsigned action is AssumeRoleWithWebIdentity; the cognito-idp call is checked.
    moto.allow_unauthenticated(1);
    let out = admin_get_user(&moto, &pool.user_pool_id)
        .args(["--web-identity", "github", "--role-arn", &moto.role_arn, "--debug"])
        .env("ACTIONS_ID_TOKEN_REQUEST_URL", &github.url)
        .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN)
        .env("GITHUB_RUN_ID", "4242")
        .run()
        .success()
        .not_leaking(OIDC_TOKEN)
        .not_leaking(REQUEST_TOKEN);
    assert!(out.stdout.contains(USER), "{}", out.describe());
    assert!(
        out.stderr
            .contains("credentials from --web-identity github: assumed role"),
        "{}",
        out.describe()
    );
    assert!(
        out.stderr.contains("RoleSessionName=cogtok-github-4242"),
        "{}",
        out.describe()
    );
    let requests = github.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(
        requests[0].contains("api-version=2.0") && requests[0].contains("audience=sts.amazonaws.com"),
        "{requests:?}"
    );

    // `auto` finds the GitHub runner by its variables.
    moto.allow_unauthenticated(1);
    admin_get_user(&moto, &pool.user_pool_id)
        .args(["--web-identity", "auto"])
        .env("AWS_ROLE_ARN", &moto.role_arn)
        .env("ACTIONS_ID_TOKEN_REQUEST_URL", &github.url)
        .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN)
        .run()
        .success();
}

#[test]
fn web_identity_gitlab_takes_the_id_tokens_variable() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("ci-gitlab", false);
    moto.create_user(&pool, USER, "Temp-Passw0rd!");
    moto.allow_unauthenticated(1);
    admin_get_user(&moto, &pool.user_pool_id)
        .args(["--web-identity", "gitlab", "--role-arn", &moto.role_arn])
        .args(["--web-identity-token-env", "AWS_ID_TOKEN"])
        .env("AWS_ID_TOKEN", OIDC_TOKEN)
        .env("CI_JOB_ID", "77")
        .run()
        .success()
        .not_leaking(OIDC_TOKEN);
}

#[test]
fn web_identity_without_what_it_needs_says_what_to_do() {
    // No runner variables at all: nothing is contacted, one line each, exit 253.
    let unreachable = "http://127.0.0.1:9";
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--web-identity",
                "github",
                "--role-arn",
                "arn:aws:iam::123456789012:role/ci",
            ],
            "give the job `permissions: id-token: write`",
        ),
        (
            &[
                "--web-identity",
                "gitlab",
                "--role-arn",
                "arn:aws:iam::123456789012:role/ci",
            ],
            "the variable GITLAB_OIDC_TOKEN is not set: declare it under `id_tokens:`",
        ),
        (
            &[
                "--web-identity",
                "auto",
                "--role-arn",
                "arn:aws:iam::123456789012:role/ci",
            ],
            "--web-identity auto: this is neither a GitHub Actions job",
        ),
    ];
    for (args, expected) in cases {
        let mut cmd = cogtok();
        cmd.env("AWS_ENDPOINT_URL", unreachable).env("AWS_REGION", "us-east-1");
        let out = cmd
            .args(*args)
            .arg("credentials")
            .run()
            .code(253)
            .stderr_contains(expected);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
    }
    // The role must be named: a usage error before anything runs.
    cogtok()
        .env("AWS_REGION", "us-east-1")
        .args(["--web-identity", "github", "credentials"])
        .run()
        .code(252)
        .stderr_contains("--web-identity needs the role to assume: pass --role-arn ARN or set AWS_ROLE_ARN");
    // And a runner whose token endpoint refuses the bearer.
    let github = GithubTokenEndpoint::start();
    cogtok()
        .env("AWS_REGION", "us-east-1")
        .env("ACTIONS_ID_TOKEN_REQUEST_URL", &github.url)
        .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "not-the-runners")
        .args([
            "--web-identity",
            "github",
            "--role-arn",
            "arn:aws:iam::123456789012:role/ci",
            "credentials",
        ])
        .run()
        .code(253)
        .stderr_contains("--web-identity github: no OIDC token from the runner: HTTP 401");
}

#[test]
fn credentials_names_the_provider_and_never_the_keys() {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    let out = cogtok()
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .arg("credentials")
        .run()
        .success()
        .not_leaking(secret)
        .not_leaking("AKIAIOSFODNN7EXAMPLE");
    assert_eq!(
        out.json(),
        serde_json::json!({"Provider": "environment", "Region": "eu-west-1", "Expiration": null})
    );

    // A profile with static keys, chosen with --profile.
    let mut cmd = cogtok();
    let aws = cmd.home().join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(
        aws.join("credentials"),
        format!("[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {secret}\n"),
    )
    .unwrap();
    let out = cmd
        .env("AWS_REGION", "eu-west-1")
        .args(["--profile", "ci", "credentials"])
        .run()
        .success()
        .not_leaking(secret);
    assert_eq!(out.json()["Provider"], "profile ci (static keys)");

    // None anywhere: where it looked, exit 253.
    cogtok()
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .arg("credentials")
        .run()
        .code(253)
        .stderr_contains("no AWS credentials for this signed operation: looked in the environment");
}
