//! `cogtok login --flow srp` against a server that verifies the SRP proofs
//! (`tests/support/srp_server.py`, written apart from the client in Python).
//!
//! moto does not check PASSWORD_CLAIM_SIGNATURE, and the recorded exchanges match it by
//! pattern, so without these tests a client could sign over the login name instead of
//! USER_ID_FOR_SRP, send a TIMESTAMP in another format, or pad a value differently, and no test
//! would notice. Here every sign-in is verified against a stored verifier:
//!
//! - the login is an email alias and USER_ID_FOR_SRP a uuid-like internal username, which the
//!   verifier belongs to;
//! - the TIMESTAMP signed is the one sent, and must be in Cognito's format, near now;
//! - each salt shape (top bit set, top bit clear, odd hex length, leading zero bytes with the
//!   next byte's top bit clear or set) meets each SRP_B shape, so padHex's "00" and its
//!   dropping of leading zeros are both exercised on both values;
//! - a client secret (SECRET_HASH over the login at InitiateAuth, over the internal username
//!   after), a wrong password and a wrong secret;
//! - device tracking: ConfirmDevice, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER verified
//!   against the device verifier cogtok registered, over each SRP_B shape.

mod common;

use common::{cogtok, jwt_claims, Output, SrpServer, TestCommand};
use serde_json::{json, Value};

const POOL_ID: &str = "us-east-1_SrpVer1fy";
const PUBLIC_CLIENT: &str = "srpverifypublicclient0000a";
const SECRET_CLIENT: &str = "srpverifysecretclient0000b";
const CLIENT_SECRET: &str = "srp-verify-client-secret-0123456789abcdef";
const DEVICE_CLIENT: &str = "srpverifydeviceclient0000c";
const PASSWORD: &str = "Correct-Horse-Battery-9!";

/// The shapes of srp_server.py's `shape`: how a value looks to padHex.
const SHAPES: [&str; 5] = [
    "high-bit",
    "plain",
    "odd-length",
    "leading-zero",
    "leading-zero-high-bit",
];

/// The internal username (USER_ID_FOR_SRP) of the user whose salt has `salt_shape`.
fn internal(salt_shape: &str) -> String {
    let n = SHAPES.iter().position(|s| *s == salt_shape).unwrap();
    format!("7d3c9a5e-0b1f-4c2d-9e8a-00000000000{n}")
}

/// The login name of that user: an email alias, never the internal username.
fn alias(salt_shape: &str) -> String {
    format!("salt-{salt_shape}@example.com")
}

/// One user per salt shape, each answering its successive handshakes with every SRP_B shape in
/// turn (its own and its device's); three clients: public, with a secret, tracking devices.
fn config() -> Value {
    let users: Vec<Value> = SHAPES
        .iter()
        .map(|salt| {
            json!({
                "username": internal(salt),
                "aliases": [alias(salt)],
                "password": PASSWORD,
                "salt": salt,
                "srp_b": SHAPES,
                "device_srp_b": SHAPES,
            })
        })
        .collect();
    json!({
        "user_pool_id": POOL_ID,
        "clients": {
            PUBLIC_CLIENT: {"secret": null, "device_tracking": false},
            SECRET_CLIENT: {"secret": CLIENT_SECRET, "device_tracking": false},
            DEVICE_CLIENT: {"secret": null, "device_tracking": true},
        },
        "users": users,
    })
}

/// `cogtok login --flow srp` on `server` as `login` with `password`, through `client_id`.
fn login(server: &SrpServer, client_id: &str, login: &str, password: &str) -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["--endpoint-url", &server.url, "login", "--flow", "srp"])
        .args(["--user-pool-id", POOL_ID, "--client-id", client_id, "--username", login])
        .args(["--password-env", "PW"])
        .env("PW", password);
    cmd
}

/// The run succeeded with tokens for `user` (the internal username).
#[track_caller]
fn assert_tokens_for(out: Output, user: &str) {
    let out = out.success().not_leaking(PASSWORD);
    let v = out.json();
    for name in ["AccessToken", "IdToken", "RefreshToken"] {
        assert!(v[name].is_string(), "no {name}: {}", out.describe());
    }
    let claims = jwt_claims(v["IdToken"].as_str().unwrap());
    assert_eq!(claims["cognito:username"], user, "{}", out.describe());
}

/// The server verified a PASSWORD_VERIFIER proof for `user` with these shapes.
#[track_caller]
fn assert_verified(server: &SrpServer, user: &str, salt: &str, srp_b: &str) {
    let line = format!("verified PASSWORD_VERIFIER user='{user}' SALT={salt} SRP_B={srp_b}");
    assert!(
        server.log_text().contains(&line),
        "no {line:?} in the server's log:\n{}",
        server.log_text()
    );
}

/// Sign in as the user whose salt has `salt_shape` once per SRP_B shape; each proof must verify.
fn every_srp_b_with_salt(salt_shape: &str) {
    let server = SrpServer::start(&config());
    let user = internal(salt_shape);
    for srp_b in SHAPES {
        let out = login(&server, PUBLIC_CLIENT, &alias(salt_shape), PASSWORD).run();
        assert_tokens_for(out, &user);
        assert_verified(&server, &user, salt_shape, srp_b);
    }
}

/// The server's own checks bite, whatever today's date: a zero-padded day differs from
/// Cognito's format only on days 1 to 9, so the sign-ins below catch a client that pads it only
/// then (the unit test `timestamps_match_pycognito` catches it any day).
#[test]
fn the_server_refuses_what_cognito_refuses() {
    SrpServer::self_test();
}

#[test]
fn salt_with_the_top_bit_set() {
    every_srp_b_with_salt("high-bit");
}

#[test]
fn salt_with_the_top_bit_clear() {
    every_srp_b_with_salt("plain");
}

#[test]
fn salt_of_odd_hex_length() {
    every_srp_b_with_salt("odd-length");
}

#[test]
fn salt_with_a_leading_zero_byte() {
    every_srp_b_with_salt("leading-zero");
}

#[test]
fn salt_with_a_leading_zero_byte_then_the_top_bit_set() {
    every_srp_b_with_salt("leading-zero-high-bit");
}

#[test]
fn the_internal_username_as_login_name_works_too() {
    let server = SrpServer::start(&config());
    let user = internal("plain");
    assert_tokens_for(login(&server, PUBLIC_CLIENT, &user, PASSWORD).run(), &user);
    assert_verified(&server, &user, "plain", "high-bit");
}

#[test]
fn a_wrong_password_is_refused() {
    let server = SrpServer::start(&config());
    let wrong = "Wrong-Horse-Battery-9!";
    let out = login(&server, PUBLIC_CLIENT, &alias("high-bit"), wrong)
        .run()
        .code(254)
        .not_leaking(wrong);
    assert_eq!(
        out.stderr,
        "cogtok: NotAuthorizedException: Incorrect username or password. (wrong password, or the user is disabled or unconfirmed)\n",
        "{}",
        out.describe()
    );
    let log = server.log_text();
    assert!(log.contains("PASSWORD_CLAIM_SIGNATURE does not verify"), "{log}");
    assert!(!log.contains("verified PASSWORD_VERIFIER"), "{log}");
}

#[test]
fn a_client_secret_hashes_the_login_then_the_internal_username() {
    let server = SrpServer::start(&config());
    let user = internal("leading-zero");
    let out = login(&server, SECRET_CLIENT, &alias("leading-zero"), PASSWORD)
        .args(["--client-secret-env", "CS"])
        .env("CS", CLIENT_SECRET)
        .run()
        .not_leaking(CLIENT_SECRET);
    assert_tokens_for(out, &user);
    assert_verified(&server, &user, "leading-zero", "high-bit");

    let out = login(&server, SECRET_CLIENT, &alias("leading-zero"), PASSWORD)
        .args(["--client-secret-env", "CS"])
        .env("CS", "not-the-secret")
        .run()
        .code(254);
    assert_eq!(
        out.stderr,
        format!("cogtok: NotAuthorizedException: Unable to verify secret hash for client {SECRET_CLIENT}\n"),
        "{}",
        out.describe()
    );
}

#[test]
fn a_remembered_device_proves_its_secret() {
    let server = SrpServer::start(&config());
    let user = internal("odd-length");
    let dir = common::temp_dir();
    let device_file = dir.join("device.json");
    let with_device = |password: &str| {
        let mut cmd = login(&server, DEVICE_CLIENT, &alias("odd-length"), password);
        cmd.arg("--device-file").arg(&device_file);
        cmd.run()
    };

    // First sign-in: the result carries NewDeviceMetadata; cogtok confirms the device.
    assert_tokens_for(with_device(PASSWORD), &user);
    let log = server.log_text();
    assert!(log.contains("ConfirmDevice device="), "no ConfirmDevice:\n{log}");
    let device: Value = serde_json::from_str(&std::fs::read_to_string(&device_file).unwrap()).unwrap();
    let device_key = device["DeviceKey"].as_str().expect("DeviceKey in the device file");

    // Later sign-ins: the user's proof, then the device's, over every SRP_B shape.
    for srp_b in SHAPES {
        assert_tokens_for(with_device(PASSWORD), &user);
        let line = format!("verified DEVICE_PASSWORD_VERIFIER user='{user}' device='{device_key}' SRP_B={srp_b}");
        assert!(
            server.log_text().contains(&line),
            "no {line:?} in:\n{}",
            server.log_text()
        );
    }

    // A device whose password is not the one registered is refused.
    let mut tampered = device.clone();
    tampered["DevicePassword"] = json!("bm90IHRoZSBkZXZpY2UgcGFzc3dvcmQgdGhhdCB3YXMgcmVnaXN0ZXJlZA==");
    std::fs::write(&device_file, tampered.to_string()).unwrap();
    let out = with_device(PASSWORD).code(254);
    assert_eq!(
        out.stderr,
        "cogtok: NotAuthorizedException: Incorrect username or password. (wrong password, or the user is disabled or unconfirmed)\n",
        "{}",
        out.describe()
    );
    assert!(
        server
            .log_text()
            .contains("DEVICE_PASSWORD_VERIFIER: PASSWORD_CLAIM_SIGNATURE does not verify"),
        "{}",
        server.log_text()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
