//! `cogtok token` against the OAuth 2.0 token endpoint. Neither moto 5.2.1 nor cognito-local
//! 5.3.0 serves the client credentials grant (moto has no /oauth2/token; cognito-local's answers
//! `unsupported_grant_type` to anything but authorization_code and refresh_token), so the
//! endpoint here is a small server of this file that follows the Amazon Cognito developer
//! guide's "token endpoint" page: a form POST, the client authenticated by
//! `Authorization: Basic base64(client_id:client_secret)` or by `client_id` and `client_secret`
//! in the form, `grant_type=client_credentials`, `scope` (space-separated; none means every
//! scope the client may have), `aws_client_metadata` (JSON); the answer `access_token`,
//! `expires_in`, `token_type`, or HTTP 400 with `{"error": …}`: invalid_request,
//! invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope.
//! GetClientToken is covered by the recorded exchanges in fixtures/exchanges/token/.

mod common;

use base64::Engine;
use common::{cogtok, temp_dir, Output};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

const CLIENT: &str = "m2mclient1234567890abcdefg";
const SECRET: &str = "m2m1secret2for3the4token5endpoint6tests7abcdefghij";
/// A client with a secret but without the client credentials grant.
const NO_GRANT_CLIENT: &str = "nograntclient1234567890abc";
const TOKEN: &str = "eyJraWQiOiJtMm0iLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtMm0ifQ.c2lnbmF0dXJlLW9mLXRoZS1tMm0tdG9rZW4";

/// One request as the endpoint saw it.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    authorization: Option<String>,
    content_type: Option<String>,
    form: HashMap<String, String>,
}

struct Endpoint {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

fn form_decode(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The endpoint's decision for one request: status and JSON body.
fn answer(seen: &Seen) -> (u16, String) {
    let error = |e: &str| (400, format!("{{\"error\":\"{e}\"}}"));
    if seen.content_type.as_deref() != Some("application/x-www-form-urlencoded") {
        return error("invalid_request");
    }
    // The client: from the Basic header, else from the form.
    let (id, secret) = match &seen.authorization {
        Some(h) => {
            let Some(b64) = h.strip_prefix("Basic ") else {
                return error("invalid_client");
            };
            let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b64) else {
                return error("invalid_client");
            };
            let raw = String::from_utf8(raw).unwrap_or_default();
            let Some((id, secret)) = raw.split_once(':') else {
                return error("invalid_client");
            };
            if seen.form.contains_key("client_secret") {
                // Two client authentications at once.
                return error("invalid_request");
            }
            if seen.form.get("client_id").is_some_and(|form_id| form_id != id) {
                return error("invalid_client");
            }
            (id.to_string(), secret.to_string())
        }
        None => match (seen.form.get("client_id"), seen.form.get("client_secret")) {
            (Some(id), Some(secret)) => (id.clone(), secret.clone()),
            _ => return error("invalid_client"),
        },
    };
    if secret != SECRET || (id != CLIENT && id != NO_GRANT_CLIENT) {
        return error("invalid_client");
    }
    match seen.form.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some("authorization_code" | "refresh_token") => return error("invalid_grant"),
        Some(_) => return error("unsupported_grant_type"),
        None => return error("invalid_request"),
    }
    if id == NO_GRANT_CLIENT {
        return error("unauthorized_client");
    }
    let allowed = ["api/read", "api/write"];
    if let Some(scope) = seen.form.get("scope") {
        if scope.split(' ').any(|s| !allowed.contains(&s)) {
            return error("invalid_scope");
        }
    }
    if let Some(meta) = seen.form.get("aws_client_metadata") {
        if !serde_json::from_str::<serde_json::Value>(meta).is_ok_and(|v| v.is_object()) {
            return error("invalid_request");
        }
    }
    (
        200,
        format!("{{\"access_token\":\"{TOKEN}\",\"expires_in\":3600,\"token_type\":\"Bearer\"}}"),
    )
}

impl Endpoint {
    fn start() -> Endpoint {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://127.0.0.1:{}/oauth2/token",
            listener.local_addr().unwrap().port()
        );
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let path = line.split(' ').nth(1).unwrap_or("").to_string();
                let mut headers = HashMap::new();
                loop {
                    line.clear();
                    reader.read_line(&mut line).unwrap();
                    let l = line.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = l.split_once(':') {
                        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                    }
                }
                let len: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
                let mut body = vec![0; len];
                reader.read_exact(&mut body).unwrap();
                let body = String::from_utf8(body).unwrap();
                let form = body
                    .split('&')
                    .filter_map(|p| p.split_once('='))
                    .map(|(k, v)| (form_decode(k), form_decode(v)))
                    .collect();
                let seen = Seen {
                    path,
                    authorization: headers.get("authorization").cloned(),
                    content_type: headers.get("content-type").cloned(),
                    form,
                };
                let (status, body) = answer(&seen);
                log.lock().unwrap().push(seen);
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Endpoint { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn token(endpoint: &Endpoint, client: &str, secret: &str, extra: &[&str]) -> Output {
    let mut cmd = cogtok();
    cmd.args([
        "token",
        "--client-id",
        client,
        "--client-secret-env",
        "CS",
        "--token-url",
        &endpoint.url,
    ])
    .args(extra)
    .env("CS", secret)
    .env("AWS_REGION", "us-east-1");
    cmd.run()
}

#[test]
fn client_secret_basic_with_scopes() {
    let e = Endpoint::start();
    let out = token(
        &e,
        CLIENT,
        SECRET,
        &[
            "--scope",
            "api/read",
            "--scope",
            "api/write",
            "--output",
            "access-token",
        ],
    )
    .success()
    .not_leaking(SECRET);
    assert_eq!(out.stdout, format!("{TOKEN}\n"));
    let seen = e.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(r.path, "/oauth2/token");
    let expected = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT}:{SECRET}"));
    assert_eq!(r.authorization.as_deref(), Some(format!("Basic {expected}").as_str()));
    assert_eq!(r.form["grant_type"], "client_credentials");
    assert_eq!(r.form["scope"], "api/read api/write");
    assert!(
        !r.form.contains_key("client_secret"),
        "Basic: the secret is not in the form too"
    );
    // The other outputs: json, env, header.
    let json = token(&e, CLIENT, SECRET, &[]).success().json();
    assert_eq!(
        json,
        serde_json::json!({"AccessToken": TOKEN, "ExpiresIn": 3600, "TokenType": "Bearer"})
    );
    let env = token(&e, CLIENT, SECRET, &["--output", "env"]).success();
    assert!(
        env.stdout
            .starts_with(&format!("COGNITO_ACCESS_TOKEN='{TOKEN}'\nCOGNITO_EXPIRES_AT=")),
        "{}",
        env.describe()
    );
    let header = token(&e, CLIENT, SECRET, &["--output", "header"]).success();
    assert_eq!(header.stdout, format!("Authorization: Bearer {TOKEN}\n"));
}

#[test]
fn client_secret_post_with_client_metadata() {
    let e = Endpoint::start();
    token(
        &e,
        CLIENT,
        SECRET,
        &[
            "--auth-method",
            "post",
            "--client-metadata",
            "env=ci",
            "--scope",
            "api/read",
        ],
    )
    .success()
    .not_leaking(SECRET);
    let r = &e.seen()[0];
    assert_eq!(r.authorization, None);
    assert_eq!(r.form["client_id"], CLIENT);
    assert_eq!(r.form["client_secret"], SECRET);
    assert_eq!(r.form["aws_client_metadata"], r#"{"env":"ci"}"#);
}

#[test]
fn every_oauth_error_is_one_line_exit_254() {
    let e = Endpoint::start();
    let cases: &[(&str, &str, &[&str], &str)] = &[
        (
            CLIENT,
            "wrong-secret-wrong-secret",
            &[],
            "invalid_client (wrong client id or secret",
        ),
        ("unknownclient", SECRET, &["--auth-method", "post"], "invalid_client"),
        (
            CLIENT,
            SECRET,
            &["--scope", "api/admin"],
            "invalid_scope (a scope that no resource server defines",
        ),
        (
            NO_GRANT_CLIENT,
            SECRET,
            &[],
            "unauthorized_client (the app client is not allowed",
        ),
    ];
    for (client, secret, extra, line) in cases {
        let out = token(&e, client, secret, extra)
            .code(254)
            .not_leaking(secret)
            .not_leaking(TOKEN);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
        assert!(out.stderr.contains(line), "expected {line:?}: {}", out.describe());
    }
    // The endpoint's other documented errors reach the user the same way (decided by the
    // server above; cogtok itself never sends these requests).
    for (seen_form, error) in [
        (vec![("grant_type", "authorization_code")], "invalid_grant"),
        (vec![("grant_type", "password")], "unsupported_grant_type"),
        (vec![], "invalid_request"),
    ] {
        let mut form: HashMap<String, String> = seen_form
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        form.insert("client_id".into(), CLIENT.into());
        form.insert("client_secret".into(), SECRET.into());
        let seen = Seen {
            path: "/oauth2/token".into(),
            authorization: None,
            content_type: Some("application/x-www-form-urlencoded".into()),
            form,
        };
        assert_eq!(answer(&seen).1, format!("{{\"error\":\"{error}\"}}"));
    }
}

#[test]
fn the_cache_keeps_the_token_per_client_scopes_and_endpoint() {
    let e = Endpoint::start();
    let cache = temp_dir().join("cache");
    let cache = cache.to_str().unwrap();
    let run = |scopes: &[&str]| {
        let mut extra = vec!["--cache", "--cache-dir", cache, "--output", "access-token"];
        for s in scopes {
            extra.extend(["--scope", s]);
        }
        token(&e, CLIENT, SECRET, &extra).success()
    };
    run(&["api/read", "api/write"]);
    run(&["api/write", "api/read"]);
    assert_eq!(e.seen().len(), 1, "the same scopes in another order: from the cache");
    run(&["api/read"]);
    assert_eq!(e.seen().len(), 2, "other scopes: another token");
    // The cache file holds the token, never the secret.
    for f in std::fs::read_dir(cache).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(!text.contains(SECRET));
    }
}

#[test]
fn the_debug_trace_and_the_inputs_are_checked() {
    let e = Endpoint::start();
    token(&e, CLIENT, SECRET, &["--debug"]).success().not_leaking(SECRET);
    // The secret is not sent in the clear off this machine.
    let mut cmd = cogtok();
    cmd.args(["token", "--client-id", CLIENT, "--client-secret-env", "CS"])
        .args(["--token-url", "http://auth.example.com/oauth2/token"])
        .env("CS", SECRET)
        .env("AWS_REGION", "us-east-1");
    cmd.run().code(252).stderr_contains("in the clear");
    let mut cmd = cogtok();
    cmd.args(["token", "--client-id", CLIENT, "--auth-method", "post"])
        .env("CS", SECRET)
        .env("AWS_REGION", "us-east-1");
    cmd.run().code(252).stderr_contains("--domain or --token-url");
}
