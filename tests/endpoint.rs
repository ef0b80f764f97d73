//! The custom endpoint's rules, through the built binary: plain http only to loopback unless
//! the user opts in, no userinfo (and never shown), and one clear line for a missing scheme.
//!
//! Nothing here contacts a host that is not loopback: the refused and opted-in endpoints are
//! names under `.invalid` (RFC 6761: they never resolve), and the servers are on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;

use common::{cogtok, Output, TestCommand};

/// What the tests put in the userinfo and the query: it must never be printed.
const SECRET: &str = "hunter2SECRET";
const USER: &str = "aliceUSER";

/// An unsigned raw call (no credentials are looked for), one attempt, with the trace on.
fn initiate_auth() -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["initiate-auth", "--client-id", "c", "--auth-flow", "USER_PASSWORD_AUTH"])
        .args(["--auth-parameters", "USERNAME=u,PASSWORD=p", "--debug"])
        .env("AWS_REGION", "us-east-1")
        .env("AWS_MAX_ATTEMPTS", "1");
    cmd
}

/// The one line of stderr, checked to be the only one and to be cogtok's.
#[track_caller]
fn one_line(out: &Output) -> &str {
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line of stderr\n{}", out.describe());
    assert!(lines[0].starts_with("cogtok: "), "{}", out.describe());
    lines[0]
}

#[track_caller]
fn no_request(out: &Output) {
    assert!(!out.stderr.contains("> POST"), "a request was made\n{}", out.describe());
}

/// A port on 127.0.0.1 that was just free: nothing listens there.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A server on 127.0.0.1 that answers one request with `{}` and returns its port.
fn serve_once() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 8192];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}",
            );
        }
    });
    port
}

#[test]
fn plain_http_to_a_host_that_is_not_loopback_is_refused_before_any_request() {
    let out = initiate_auth()
        .args(["--endpoint-url", "http://cognito.example.invalid:8080"])
        .run()
        .code(252);
    let line = one_line(&out);
    assert_eq!(
        line,
        "cogtok: refusing the plain-http endpoint \"http://cognito.example.invalid:8080/\" (--endpoint-url): \
         cognito.example.invalid is not loopback, so passwords, tokens and request signatures would cross the \
         network unencrypted; use https://, or on a test network pass --allow-plain-http (or set \
         COGTOK_ALLOW_PLAIN_HTTP=1)"
    );
    assert!(out.stdout.is_empty(), "{}", out.describe());

    // From the environment it is configuration: 253, naming the variable.
    for var in ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] {
        let out = initiate_auth()
            .env(var, "http://10.0.0.1.example.invalid/")
            .run()
            .code(253);
        assert!(one_line(&out).contains(&format!("({var})")), "{}", out.describe());
    }
}

#[test]
fn the_opt_in_lets_plain_http_through_with_one_warning() {
    let runs = [
        initiate_auth()
            .args([
                "--allow-plain-http",
                "--endpoint-url",
                "http://cognito.example.invalid:8080",
            ])
            .run(),
        initiate_auth()
            .env("COGTOK_ALLOW_PLAIN_HTTP", "1")
            .env("AWS_ENDPOINT_URL", "http://cognito.example.invalid:8080")
            .run(),
    ];
    for (out, by) in runs.into_iter().zip(["--allow-plain-http", "COGTOK_ALLOW_PLAIN_HTTP"]) {
        // The name under .invalid does not resolve: a network error, after the warning.
        let out = out.code(255);
        let warnings: Vec<&str> = out.stderr.lines().filter(|l| l.contains("warning")).collect();
        assert_eq!(
            warnings,
            [format!(
                "cogtok: warning: plain-http endpoint \"http://cognito.example.invalid:8080/\" allowed by {by}: \
                 passwords, tokens and request signatures travel unencrypted"
            )],
            "{}",
            out.describe()
        );
        assert!(
            out.stderr.contains("> POST http://cognito.example.invalid:8080/"),
            "{}",
            out.describe()
        );
        let last = out.stderr.lines().last().unwrap_or_default();
        assert!(
            last.starts_with(
                "cogtok: could not reach http://cognito.example.invalid:8080/: the host name did not resolve ("
            ),
            "{}",
            out.describe()
        );
    }
}

#[test]
fn plain_http_to_loopback_needs_no_opt_in_and_warns_nothing() {
    let port = closed_port();
    for endpoint in [format!("http://127.0.0.1:{port}"), format!("http://127.1:{port}")] {
        let out = initiate_auth().args(["--endpoint-url", &endpoint]).run().code(255);
        assert!(!out.stderr.contains("warning"), "{}", out.describe());
        assert!(out.stderr.contains("> POST http://127.0.0.1:"), "{}", out.describe());
        assert!(
            out.stderr
                .lines()
                .last()
                .unwrap_or_default()
                .ends_with(": connection refused (1 attempt)"),
            "{}",
            out.describe()
        );
    }
}

#[test]
fn an_endpoint_without_a_scheme_says_to_add_one() {
    let out = initiate_auth()
        .args(["--endpoint-url", "127.0.0.1:5702"])
        .run()
        .code(252);
    assert_eq!(
        one_line(&out),
        "cogtok: invalid endpoint URL \"127.0.0.1:5702\" (--endpoint-url): no scheme; add http:// or https:// in front"
    );
    no_request(&out);
    let out = initiate_auth()
        .env("AWS_ENDPOINT_URL", "localhost:5702")
        .run()
        .code(253);
    assert_eq!(
        one_line(&out),
        "cogtok: invalid endpoint URL \"localhost:5702\" (AWS_ENDPOINT_URL): no scheme; add http:// or https:// in front"
    );
}

/// Userinfo is refused wherever the endpoint comes from, opted in or not, and neither the user
/// name nor the password shows in any output: the refusal, the trace or another error.
#[test]
fn userinfo_in_an_endpoint_is_refused_and_never_printed() {
    let port = closed_port();
    let endpoints = [
        format!("http://{USER}:{SECRET}@127.0.0.1:{port}/"),
        format!("https://{USER}:{SECRET}@cognito.example.invalid/"),
        format!("http://{USER}:{SECRET}@cognito.example.invalid:8080/"),
        format!("https://{SECRET}@cognito.example.invalid/"),
        // Not URLs the parser takes; shown with everything up to the last `@` left out.
        format!("{USER}:{SECRET}@127.0.0.1:{port}"),
        format!("https://{USER}:{SECRET}/x@cognito.example.invalid/"),
        format!("ftp://{USER}:{SECRET}@127.0.0.1/"),
    ];
    for endpoint in &endpoints {
        let mut runs = Vec::new();
        for opt_in in [false, true] {
            let mut flag = initiate_auth();
            flag.args(["--endpoint-url", endpoint]);
            let mut env = initiate_auth();
            env.env("AWS_ENDPOINT_URL", endpoint);
            for mut cmd in [flag, env] {
                if opt_in {
                    cmd.arg("--allow-plain-http");
                }
                runs.push(cmd.run());
            }
        }
        for out in runs {
            assert!(out.code == 252 || out.code == 253, "{}", out.describe());
            one_line(&out);
            no_request(&out);
            out.not_leaking(SECRET).not_leaking(USER);
        }
    }
    let out = initiate_auth().args(["--endpoint-url", &endpoints[0]]).run().code(252);
    assert_eq!(
        one_line(&out),
        format!(
            "cogtok: endpoint URL \"http://127.0.0.1:{port}/\" (--endpoint-url) holds a user name or password \
             (not shown): AWS endpoints take none; remove it"
        )
    );
}

/// The trace and network errors show the endpoint as scheme://host:port/path: a query (which
/// the request does carry) is left out of both.
#[test]
fn the_trace_and_network_errors_show_no_query() {
    let port = serve_once();
    let out = initiate_auth()
        .args([
            "--endpoint-url",
            &format!("http://127.0.0.1:{port}/cognito/?token={SECRET}"),
        ])
        .run()
        .success();
    assert!(
        out.stderr
            .contains(&format!("> POST http://127.0.0.1:{port}/cognito/\n")),
        "{}",
        out.describe()
    );
    out.not_leaking(SECRET);

    let port = closed_port();
    let out = initiate_auth()
        .args(["--endpoint-url", &format!("http://127.0.0.1:{port}/?token={SECRET}")])
        .run()
        .code(255);
    let last = out.stderr.lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with(&format!(
            "cogtok: could not reach http://127.0.0.1:{port}/: connection refused ("
        )),
        "{}",
        out.describe()
    );
    out.not_leaking(SECRET);
}
