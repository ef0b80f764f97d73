//! `cogtok verify` against tokens signed here (tests/support/jwt_tokens.py: throwaway RSA keys
//! made per run with Python's `cryptography`, never committed), every failure case, with PyJWT
//! (pinned in tests/support/requirements.txt) as the reference verdict; against the tokens and
//! JWKS of moto and cognito-local; and the JWKS cache with a key rotation on a local server.

mod common;

use common::{cogtok, temp_dir, venv, CognitoLocal, Moto, Output, TestCommand};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const POOL: &str = "us-east-1_TestPool1";
const CLIENT: &str = "client-1";

/// The signed cases, written to a fresh directory with their JWKS files.
fn cases() -> (PathBuf, Value) {
    let dir = temp_dir();
    let script = common::repo_root().join("tests/support/jwt_tokens.py");
    let out = std::process::Command::new(venv().join("bin/python"))
        .arg(script)
        .args([dir.to_str().unwrap(), POOL, CLIENT])
        .output()
        .expect("python from .venv");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, serde_json::from_slice(&out.stdout).unwrap())
}

fn verify_offline(dir: &Path, jwks: &str, token: &str, extra: &[&str]) -> Output {
    let mut cmd = cogtok();
    cmd.args(["verify", "--user-pool-id", POOL, "--client-id", CLIENT])
        .arg("--jwks")
        .arg(dir.join(jwks))
        .args(extra)
        .env("TOKEN", token)
        .args(["--token-env", "TOKEN"]);
    cmd.run()
}

#[test]
fn every_case_against_an_offline_jwks_agrees_with_pyjwt() {
    let (dir, cases) = cases();
    let token = |name: &str| cases[name]["token"].as_str().unwrap().to_string();
    // (case, extra options, expected exit, what the one line names)
    let table: &[(&str, &[&str], i32, &str)] = &[
        ("valid-id", &[], 0, ""),
        (
            "valid-id",
            &["--token-use", "id", "--group", "admins", "--max-age", "60"],
            0,
            "",
        ),
        (
            "valid-access",
            &["--token-use", "access", "--scope", "api/write", "--acr", "mfa"],
            0,
            "",
        ),
        ("issuer-form", &[], 0, ""),
        ("bad-signature", &[], 1, "signature: does not verify"),
        ("tampered", &[], 1, "signature: does not verify"),
        ("wrong-iss", &[], 1, "iss: "),
        ("wrong-aud", &[], 1, "aud: not the app client client-1"),
        ("wrong-client-id", &[], 1, "client_id: not the app client client-1"),
        ("expired", &[], 1, "exp: expired"),
        ("expired", &["--grace", "300"], 0, ""),
        ("not-yet", &[], 1, "nbf: not valid"),
        ("not-yet", &["--grace", "300"], 0, ""),
        ("no-exp", &[], 1, "exp: missing"),
        ("alg-none", &[], 1, "signature algorithm: \"none\" is not RS256"),
        ("hs256", &[], 1, "signature algorithm: \"HS256\" is not RS256"),
        ("unknown-kid", &[], 1, "kid: \"key-x\" is not in the pool's JWKS"),
        ("rotated", &[], 1, "kid: \"key-b\" is not in the pool's JWKS"),
        ("no-token-use", &[], 1, "token_use: None is neither id nor access"),
        (
            "valid-id",
            &["--token-use", "access"],
            1,
            "token_use: an id token, not an access token",
        ),
        ("valid-access", &["--scope", "api/admin"], 1, "scope: none of api/admin"),
        (
            "valid-access",
            &["--group", "nobody"],
            1,
            "cognito:groups: none of nobody",
        ),
        ("valid-access", &["--acr", "phr"], 1, "acr: Some(\"mfa\"), not \"phr\""),
        ("old-sign-in", &["--max-age", "300"], 1, "auth_time: signed in"),
    ];
    for (case, extra, code, names) in table {
        let t = token(case);
        let out = verify_offline(&dir, "jwks-a.json", &t, extra)
            .code(*code)
            .not_leaking(&t);
        if *code == 0 {
            let claims = out.json();
            assert_eq!(claims["sub"], "u-1", "{case}: {}", out.describe());
        } else {
            assert_eq!(out.stderr.lines().count(), 1, "{case}: one line: {}", out.describe());
            assert!(
                out.stderr.contains(names),
                "{case}: expected {names:?}: {}",
                out.describe()
            );
            assert!(out.stdout.is_empty());
        }
        // PyJWT (which knows neither kid, token_use nor client_id) refuses nothing cogtok accepts.
        if *code == 0 && extra.is_empty() {
            assert_eq!(cases[case]["pyjwt"], "ok", "{case}: PyJWT refused what cogtok accepted");
        }
        if cases[case]["pyjwt"] != "ok" && extra.is_empty() {
            assert_eq!(
                *code, 1,
                "{case}: PyJWT refused it ({}), cogtok must too",
                cases[case]["pyjwt"]
            );
        }
    }
    // After the rotation the new key set verifies the new key's token; a key with use "enc"
    // is refused.
    verify_offline(&dir, "jwks-ab.json", &token("rotated"), &[]).success();
    verify_offline(&dir, "jwks-enc.json", &token("valid-id"), &[])
        .code(1)
        .stderr_contains("signing key: key \"key-a\" has use \"enc\", not \"sig\"");
    // The token from standard input; no client given is a usage error, --any-client skips it.
    let mut cmd = cogtok();
    cmd.args(["verify", "--user-pool-id", POOL, "--any-client", "--jwks"])
        .arg(dir.join("jwks-a.json"))
        .stdin(format!("{}\n", token("wrong-aud")));
    cmd.run().success();
    cogtok()
        .args(["verify", "--user-pool-id", POOL, "x.y.z"])
        .run()
        .code(252)
        .stderr_contains("--any-client");
    // Not a JWT at all.
    verify_offline(&dir, "jwks-a.json", "not-a-token", &[])
        .code(1)
        .stderr_contains("not a JWT");
}

/// A JWKS server whose document can be swapped, counting the requests it serves.
struct JwksServer {
    url: String,
    document: Arc<Mutex<String>>,
    served: Arc<Mutex<u32>>,
}

impl JwksServer {
    fn start(document: String) -> JwksServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://127.0.0.1:{}/{POOL}/.well-known/jwks.json",
            listener.local_addr().unwrap().port()
        );
        let document = Arc::new(Mutex::new(document));
        let served = Arc::new(Mutex::new(0));
        let (d, s) = (document.clone(), served.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                *s.lock().unwrap() += 1;
                let body = d.lock().unwrap().clone();
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        JwksServer { url, document, served }
    }

    fn served(&self) -> u32 {
        *self.served.lock().unwrap()
    }
}

#[test]
fn the_jwks_is_fetched_once_then_again_only_for_an_unknown_kid() {
    let (dir, cases) = cases();
    let token = |name: &str| cases[name]["token"].as_str().unwrap().to_string();
    let server = JwksServer::start(std::fs::read_to_string(dir.join("jwks-a.json")).unwrap());
    let cache = temp_dir().join("cache");
    let run = |t: &str| {
        let mut cmd: TestCommand = cogtok();
        cmd.args([
            "verify",
            "--user-pool-id",
            POOL,
            "--client-id",
            CLIENT,
            "--jwks",
            &server.url,
        ])
        .arg("--cache-dir")
        .arg(&cache)
        .env("AWS_REGION", "us-east-1")
        .arg(t);
        cmd.run()
    };
    run(&token("valid-id")).success();
    run(&token("valid-access")).success();
    assert_eq!(server.served(), 1, "the second run uses the cached JWKS");
    // The pool rotates its keys: a token with the new kid is refused while the cached set is
    // less than 10 s old (no request), then fetched again once.
    *server.document.lock().unwrap() = std::fs::read_to_string(dir.join("jwks-ab.json")).unwrap();
    run(&token("rotated")).code(1).stderr_contains("kid: \"key-b\"");
    assert_eq!(server.served(), 1, "within 10 s of the last fetch: no request");
    std::thread::sleep(std::time::Duration::from_millis(10_500));
    run(&token("rotated")).success();
    assert_eq!(server.served(), 2);
    run(&token("rotated")).success();
    run(&token("valid-id")).success();
    assert_eq!(server.served(), 2, "the new set is cached");
    // A JWKS that cannot be fetched is 255, not 1.
    cogtok()
        .args([
            "verify",
            "--user-pool-id",
            POOL,
            "--client-id",
            CLIENT,
            "--jwks",
            "http://127.0.0.1:9/jwks.json",
        ])
        .env("AWS_REGION", "us-east-1")
        .arg(token("valid-id"))
        .run()
        .code(255)
        .stderr_contains("could not reach");
}

const PASSWORD: &str = "Perm-Passw0rd!";

#[test]
fn tokens_from_moto_verify_against_its_jwks() {
    let moto = Moto::start_open();
    let pool = moto.create_pool("verify", false);
    let user = "v@example.com";
    moto.create_user(&pool, user, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, user, PASSWORD);
    let at = |cmd: &mut TestCommand| {
        cmd.args(["--endpoint-url", &moto.url]).env("AWS_REGION", "us-east-1");
    };
    let mut login = cogtok();
    at(&mut login);
    login
        .args(["login", "--flow", "password", "--user-pool-id", &pool.user_pool_id])
        .args(["--client-id", &pool.client_id, "--username", user])
        .env("COGTOK_PASSWORD", PASSWORD);
    let tokens = login.run().success().json();
    for (member, token_use) in [("IdToken", "id"), ("AccessToken", "access")] {
        let token = tokens[member].as_str().unwrap();
        let verify = |client: &str| {
            let mut cmd = cogtok();
            at(&mut cmd);
            cmd.args(["verify", "--user-pool-id", &pool.user_pool_id, "--client-id", client])
                .args(["--token-use", token_use])
                .env("T", token)
                .args(["--token-env", "T"]);
            cmd.run()
        };
        let claims = verify(&pool.client_id).success().not_leaking(token).json();
        assert_eq!(claims["token_use"], token_use);
        verify("not-the-client").code(1).not_leaking(token);
    }
}

#[test]
fn tokens_from_cognito_local_verify_with_its_issuer() {
    let cl = CognitoLocal::start();
    let pool = cl.create_pool("verify", false);
    let user = "v@example.com";
    cl.create_user(&pool, user, "Temp-Passw0rd!");
    cl.set_permanent_password(&pool, user, PASSWORD);
    let mut login = cogtok();
    login
        .args(["--endpoint-url", &cl.url])
        .env("AWS_REGION", "us-east-1")
        .args([
            "login",
            "--flow",
            "password",
            "--client-id",
            &pool.client_id,
            "--username",
            user,
        ])
        .env("COGTOK_PASSWORD", PASSWORD);
    let tokens = login.run().success().json();
    let token = tokens["AccessToken"].as_str().unwrap();
    let issuer = common::jwt_claims(token)["iss"].as_str().unwrap().to_string();
    let verify = |issuer: Option<&str>| {
        let mut cmd = cogtok();
        cmd.args(["--endpoint-url", &cl.url])
            .env("AWS_REGION", "us-east-1")
            .args([
                "verify",
                "--user-pool-id",
                &pool.user_pool_id,
                "--client-id",
                &pool.client_id,
            ])
            .arg(token);
        if let Some(i) = issuer {
            cmd.args(["--issuer", i]);
        }
        cmd.run()
    };
    // Its iss is its own URL, not Cognito's: refused by default, accepted with --issuer.
    verify(None).code(1).stderr_contains("iss: ");
    let claims = verify(Some(&issuer)).success().json();
    assert_eq!(claims["token_use"], "access");
}
