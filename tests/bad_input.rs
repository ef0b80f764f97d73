//! The bad-input battery (issue 15): the real binary fed wrong, hostile and absurd input across
//! commands (options, values, files, environment, config, cache, server answers). Every case
//! asserts the exit code, a stderr of at most three short lines naming the problem, no panic,
//! nothing on stdout that looks like success, and no secret or token anywhere in the output.
//! The cache cases where cogtok rightly ignores a planted file and signs in afresh assert that
//! instead: one warning line, the fresh tokens (never the planted ones), a private file after.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{cogtok, temp_dir, Output, TestCommand};

/// Values that must never appear in any output: the password, the client secret, and the
/// tokens a server or a planted file holds.
const PASSWORD: &str = "Pw-Hunter2-never-shown";
const SECRETS: &[&str] = &[
    PASSWORD,
    "TOKENSECRET",
    "PLANTEDTOKEN",
    "SEEDSECRET",
    "CLIENTSECRETVALUE",
];
/// How long a stderr line may be: the longest fixed messages (plain-http, the credential chain)
/// are under this; an echoed 128 KiB input would not be.
const MAX_LINE: usize = 512;
/// Just under 128 KiB, the issue's hostile length: Linux refuses a single argument or
/// environment string of 128 KiB or more (MAX_ARG_STRLEN).
const HUGE: usize = 131_008;

/// `prefix` padded to `HUGE` bytes.
fn huge(prefix: &str) -> String {
    format!("{prefix}{}", "a".repeat(HUGE - prefix.len()))
}

/// How the messages give a cut value's length: "(131,008 bytes)".
fn bytes_note(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("({out} bytes)")
}

/// A valid-looking token whose every part is marked secret.
fn token(tag: &str) -> String {
    format!("eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImFsaWNlIn0.{tag}TOKENSECRET")
}

fn good_answer() -> String {
    format!(
        r#"{{"AuthenticationResult":{{"AccessToken":"{}","ExpiresIn":3600,"TokenType":"Bearer","IdToken":"{}","RefreshToken":"R-TOKENSECRET"}},"ChallengeParameters":{{}}}}"#,
        token("a"),
        token("i")
    )
}

/// A server on 127.0.0.1 that answers every request with `response`: raw bytes, status line
/// and all, so that bodies may be invalid UTF-8, truncated or lie about their length.
fn raw_server(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let response = response.clone();
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let mut stream = stream;
                let _ = stream.write_all(&response);
                let _ = stream.flush();
                // Closing ends a body shorter than its Content-Length.
            });
        }
    });
    url
}

fn http(status: u16, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn server(status: u16, body: impl AsRef<[u8]>) -> String {
    raw_server(http(status, body.as_ref()))
}

/// `login --flow password` against `url`, one attempt.
fn login_at(url: &str) -> TestCommand {
    let mut c = cogtok();
    c.args([
        "login",
        "--flow",
        "password",
        "--client-id",
        "client1",
        "--username",
        "alice",
    ])
    .args([
        "--user-pool-id",
        "us-east-1_Test",
        "--region",
        "us-east-1",
        "--endpoint-url",
        url,
    ])
    .env("COGTOK_PASSWORD", PASSWORD)
    .env("AWS_MAX_ATTEMPTS", "1")
    .timeout(Duration::from_secs(30));
    c
}

/// `login` whose sign-in would go to a closed port: for failures before any request.
fn login() -> TestCommand {
    login_at("http://127.0.0.1:9")
}

/// A raw command that needs no credentials, against a closed port.
fn raw(args: &[&str]) -> TestCommand {
    raw_without(args, &[])
}

/// `raw` without some of its settings (`--region`, `--endpoint-url`, `AWS_MAX_ATTEMPTS`), for cases where the
/// environment or config file gives them.
fn raw_without(args: &[&str], without: &[&str]) -> TestCommand {
    let mut c = cogtok();
    c.args(args).arg("--no-sign-request");
    if !without.contains(&"--region") {
        c.args(["--region", "us-east-1"]);
    }
    if !without.contains(&"--endpoint-url") {
        c.args(["--endpoint-url", "http://127.0.0.1:9"]);
    }
    if !without.contains(&"AWS_MAX_ATTEMPTS") {
        c.env("AWS_MAX_ATTEMPTS", "1");
    }
    c.timeout(Duration::from_secs(30));
    c
}

/// `cmd` with one more environment variable.
fn env(mut cmd: TestCommand, k: &str, v: &str) -> TestCommand {
    cmd.env(k, v);
    cmd
}

const GET_USER: &[&str] = &["admin-get-user", "--user-pool-id", "us-east-1_A", "--username", "u"];

fn with<F: FnOnce(&mut TestCommand)>(mut c: TestCommand, f: F) -> TestCommand {
    f(&mut c);
    c
}

fn write_file(dir: &Path, name: &str, contents: impl AsRef<[u8]>, mode: u32) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

fn mkfifo(path: &Path) {
    assert!(std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success());
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

struct Case {
    category: &'static str,
    name: String,
    command: TestCommand,
    code: i32,
    /// A word or phrase that names the problem, found in stderr.
    names: String,
}

fn case(category: &'static str, name: impl Into<String>, command: TestCommand, code: i32, names: &str) -> Case {
    Case {
        category,
        name: name.into(),
        command,
        code,
        names: names.to_string(),
    }
}

/// The checks every failing case shares; the problems, or none.
fn check(c: &Case, out: &Output) -> Vec<String> {
    let mut problems = Vec::new();
    if out.code != c.code {
        problems.push(format!("exit code {} (wanted {})", out.code, c.code));
    }
    let lines: Vec<&str> = out.stderr.lines().collect();
    if lines.is_empty() || lines.len() > 3 {
        problems.push(format!("{} stderr lines", lines.len()));
    }
    if let Some(long) = lines.iter().find(|l| l.len() > MAX_LINE) {
        problems.push(format!("a stderr line of {} bytes", long.len()));
    }
    if !out.stderr.contains(&c.names) {
        problems.push(format!("stderr does not name {:?}", c.names));
    }
    if out.stderr.contains("panicked") || out.stderr.contains("RUST_BACKTRACE") {
        problems.push("a panic".into());
    }
    if !out.stdout.trim().is_empty() {
        problems.push(format!("stdout is not empty: {:.80}", out.stdout));
    }
    for secret in SECRETS {
        if out.stdout.contains(secret) || out.stderr.contains(secret) {
            problems.push(format!("the secret {secret} is shown"));
        }
    }
    problems
}

fn options_cases() -> Vec<Case> {
    let mut v = vec![
        case("options", "no command", cogtok(), 252, "no command"),
        case(
            "options",
            "unknown command",
            with(cogtok(), |c| {
                c.arg("sign-in");
            }),
            252,
            "unknown command \"sign-in\"",
        ),
        case(
            "options",
            "unknown global option",
            with(cogtok(), |c| {
                c.arg("--frobnicate");
            }),
            252,
            "unknown option --frobnicate",
        ),
        case(
            "options",
            "unknown login option",
            with(login(), |c| {
                c.arg("--query");
            }),
            252,
            "unknown option --query for login",
        ),
        case(
            "options",
            "unknown short option",
            with(cogtok(), |c| {
                c.arg("-x");
            }),
            252,
            "unknown option -x",
        ),
        case(
            "options",
            "flow not a choice",
            with(login(), |c| {
                c.args(["--flow", "magic"]);
            }),
            252,
            "invalid choice \"magic\"",
        ),
        case(
            "options",
            "output not a choice",
            with(login(), |c| {
                c.args(["--output", "yaml"]);
            }),
            252,
            "invalid choice \"yaml\"",
        ),
        case(
            "options",
            "mfa-type not a choice",
            with(login(), |c| {
                c.args(["--mfa-type", "fax"]);
            }),
            252,
            "invalid choice \"fax\"",
        ),
        case(
            "options",
            "min-ttl not a number",
            with(login(), |c| {
                c.args(["--min-ttl", "soon"]);
            }),
            252,
            "--min-ttl",
        ),
        case(
            "options",
            "min-ttl negative",
            with(login(), |c| {
                c.args(["--min-ttl", "-5"]);
            }),
            252,
            "--min-ttl",
        ),
        case(
            "options",
            "attribute without =",
            with(login(), |c| {
                c.args(["--attribute", "name"]);
            }),
            252,
            "NAME=VALUE",
        ),
        case(
            "options",
            "connect timeout not a number",
            with(login(), |c| {
                c.args(["--cli-connect-timeout", "abc"]);
            }),
            252,
            "--cli-connect-timeout",
        ),
        case(
            "options",
            "read timeout infinite",
            with(login(), |c| {
                c.args(["--cli-read-timeout", "inf"]);
            }),
            252,
            "--cli-read-timeout",
        ),
        case(
            "options",
            "read timeout negative",
            with(login(), |c| {
                c.args(["--cli-read-timeout", "-1"]);
            }),
            252,
            "--cli-read-timeout",
        ),
        case(
            "options",
            "a switch given a value",
            with(login(), |c| {
                c.arg(format!("--password-stdin={PASSWORD}"));
            }),
            252,
            "takes no value",
        ),
        case(
            "options",
            "an option without its value",
            with(cogtok(), |c| {
                c.args(["login", "--username"]);
            }),
            252,
            "--username",
        ),
        case(
            "options",
            "raw positional argument",
            raw(&["admin-get-user", "stray"]),
            252,
            "unexpected argument \"stray\"",
        ),
        case(
            "options",
            "raw missing required",
            raw(&["admin-get-user", "--user-pool-id", "us-east-1_A"]),
            252,
            "--username",
        ),
        case(
            "options",
            "user without subcommand",
            with(cogtok(), |c| {
                c.arg("user");
            }),
            252,
            "no user command",
        ),
        case(
            "options",
            "user unknown subcommand",
            with(cogtok(), |c| {
                c.args(["user", "frob"]);
            }),
            252,
            "unknown user command \"frob\"",
        ),
        case(
            "options",
            "skeleton not a choice",
            raw(&["admin-get-user", "--generate-cli-skeleton=yaml"]),
            252,
            "invalid choice: \"yaml\"",
        ),
        case(
            "options",
            "max-items not a number",
            raw(&["list-users", "--user-pool-id", "us-east-1_A", "--max-items", "ten"]),
            252,
            "--max-items",
        ),
        case(
            "options",
            "color not a choice",
            with(login(), |c| {
                c.args(["--color", "blue"]);
            }),
            252,
            "invalid choice \"blue\"",
        ),
        case(
            "options",
            "web-identity not a choice",
            with(login(), |c| {
                c.args(["--web-identity", "jenkins"]);
            }),
            252,
            "invalid choice \"jenkins\"",
        ),
        case(
            "options",
            "password on the command line and from a file",
            with(login(), |c| {
                c.args(["--password", PASSWORD, "--password-file", "/nonexistent"]);
            }),
            252,
            "password",
        ),
    ];
    // Non-UTF-8 bytes in an argument: named, never echoed raw.
    use std::os::unix::ffi::OsStrExt;
    v.push(case(
        "options",
        "an argument that is not UTF-8",
        with(login(), |c| {
            c.arg("--username").arg(std::ffi::OsStr::from_bytes(b"al\xffice"));
        }),
        252,
        "UTF-8",
    ));
    v
}

/// Every place an input is quoted, fed 128 KiB: the line stays short and says the length.
fn echo_cases() -> Vec<Case> {
    let long = huge("us-east-1_");
    let note = bytes_note(HUGE);
    let length = note.as_str();
    let l = long.as_str();
    // Two keys in one argument: each half as long.
    let key = "k".repeat(HUGE / 2 - 8);
    vec![
        case(
            "echo",
            "command",
            with(cogtok(), |c| {
                c.arg(l);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "global option name",
            with(cogtok(), |c| {
                c.arg(format!("--{l}"));
            }),
            252,
            length,
        ),
        case(
            "echo",
            "login option name",
            with(login(), |c| {
                c.arg(format!("--{l}"));
            }),
            252,
            length,
        ),
        case(
            "echo",
            "raw option name",
            raw(&["admin-get-user", &format!("--{l}")]),
            252,
            length,
        ),
        case(
            "echo",
            "user pool id",
            with(login(), |c| {
                c.args(["--user-pool-id", l]);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "region",
            with(login(), |c| {
                c.args(["--region", l]);
            }),
            253,
            length,
        ),
        case(
            "echo",
            "flow choice",
            with(login(), |c| {
                c.args(["--flow", l]);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "output choice",
            raw(&["admin-get-user", "--output", l]),
            252,
            length,
        ),
        case(
            "echo",
            "min-ttl",
            with(login(), |c| {
                c.args(["--min-ttl", l]);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "attribute",
            with(login(), |c| {
                c.args(["--attribute", l]);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "timeout",
            with(login(), |c| {
                c.args(["--cli-connect-timeout", l]);
            }),
            252,
            length,
        ),
        case("echo", "raw positional", raw(&["admin-get-user", l]), 252, length),
        case(
            "echo",
            "user subcommand",
            with(cogtok(), |c| {
                c.args(["user", l]);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "skeleton choice",
            raw(&["admin-get-user", "--generate-cli-skeleton", l]),
            252,
            length,
        ),
        case(
            "echo",
            "max-items",
            raw(&["list-users", "--user-pool-id", "us-east-1_A", "--max-items", l]),
            252,
            length,
        ),
        case(
            "echo",
            "endpoint URL",
            with(login(), |c| {
                c.args(["--endpoint-url", l]);
            }),
            252,
            length,
        ),
        case(
            "echo",
            "cli-input-json member",
            raw(&["admin-get-user", "--cli-input-json", &format!("{{\"{l}\":1}}")]),
            252,
            length,
        ),
        case(
            "echo",
            "shorthand key",
            raw(&[
                "admin-initiate-auth",
                "--user-pool-id",
                "us-east-1_A",
                "--client-id",
                "c",
                "--auth-flow",
                "ADMIN_NO_SRP_AUTH",
                "--auth-parameters",
                &format!("{key}=1,{key}=2"),
            ]),
            252,
            &bytes_note(key.len()),
        ),
        case(
            "echo",
            "password variable name",
            with(login(), |c| {
                c.args(["--password-env", l]);
            }),
            253,
            length,
        ),
        case(
            "echo",
            "profile name",
            with(login(), |c| {
                c.args(["--profile", l]);
            }),
            253,
            length,
        ),
        case(
            "echo",
            "AWS_REGION",
            env(raw_without(GET_USER, &["--region"]), "AWS_REGION", l),
            253,
            length,
        ),
        case(
            "echo",
            "AWS_MAX_ATTEMPTS",
            with(login(), |c| {
                c.env("AWS_MAX_ATTEMPTS", l);
            }),
            253,
            length,
        ),
        case(
            "echo",
            "AWS_RETRY_MODE",
            with(login(), |c| {
                c.env("AWS_RETRY_MODE", l);
            }),
            253,
            length,
        ),
        case(
            "echo",
            "AWS_DEFAULT_OUTPUT",
            env(raw(GET_USER), "AWS_DEFAULT_OUTPUT", l),
            253,
            length,
        ),
        case(
            "echo",
            "password file path",
            with(login(), |c| {
                c.args(["--password-file", &format!("/nonexistent/{l}")]);
            }),
            253,
            "bytes)",
        ),
        case(
            "echo",
            "device file path",
            with(login(), |c| {
                c.args(["--device-file", &format!("/nonexistent/{l}")]);
            }),
            253,
            "bytes)",
        ),
    ]
}

fn value_cases() -> Vec<Case> {
    vec![
        case(
            "values",
            "pool id without region",
            with(login(), |c| {
                c.args(["--user-pool-id", "NoUnderscore"]);
            }),
            252,
            "invalid user pool id",
        ),
        case(
            "values",
            "pool id with spaces",
            raw(&["admin-get-user", "--user-pool-id", "us-east-1 A", "--username", "u"]),
            252,
            "invalid user pool id",
        ),
        case(
            "values",
            "region with a slash",
            with(login(), |c| {
                c.args(["--region", "us-east-1/../x"]);
            }),
            253,
            "invalid region",
        ),
        case(
            "values",
            "endpoint without scheme",
            with(login(), |c| {
                c.args(["--endpoint-url", "127.0.0.1:5000"]);
            }),
            252,
            "no scheme",
        ),
        case(
            "values",
            "endpoint ftp",
            with(login(), |c| {
                c.args(["--endpoint-url", "ftp://example.com/"]);
            }),
            252,
            "invalid endpoint URL",
        ),
        case(
            "values",
            "endpoint with a password",
            with(login(), |c| {
                c.args(["--endpoint-url", &format!("https://u:{PASSWORD}@example.com/")]);
            }),
            252,
            "not shown",
        ),
        case(
            "values",
            "plain http off loopback",
            with(login(), |c| {
                c.args(["--endpoint-url", "http://10.1.2.3/"]);
            }),
            252,
            "plain-http",
        ),
        case(
            "values",
            "cli-input-json not JSON",
            raw(&["admin-get-user", "--cli-input-json", "{nope"]),
            252,
            "--cli-input-json",
        ),
        case(
            "values",
            "cli-input-json unknown member",
            raw(&["admin-get-user", "--cli-input-json", "{\"Bogus\":1}"]),
            252,
            "Unknown parameter in input: \"Bogus\"",
        ),
        case(
            "values",
            "shorthand cut short",
            raw(&[
                "admin-initiate-auth",
                "--user-pool-id",
                "us-east-1_A",
                "--client-id",
                "c",
                "--auth-flow",
                "ADMIN_NO_SRP_AUTH",
                "--auth-parameters",
                &format!("USERNAME=u,PASSWORD={PASSWORD}'"),
            ]),
            252,
            "--auth-parameters",
        ),
        case(
            "values",
            "shorthand duplicate key",
            raw(&[
                "admin-initiate-auth",
                "--user-pool-id",
                "us-east-1_A",
                "--client-id",
                "c",
                "--auth-flow",
                "ADMIN_NO_SRP_AUTH",
                "--auth-parameters",
                "a=1,a=2",
            ]),
            252,
            "second instance of key \"a\"",
        ),
        case(
            "values",
            "JSON parameter of the wrong type",
            raw(&[
                "admin-initiate-auth",
                "--user-pool-id",
                "us-east-1_A",
                "--client-id",
                "c",
                "--auth-flow",
                "ADMIN_NO_SRP_AUTH",
                "--auth-parameters",
                "{\"USERNAME\":{}}",
            ]),
            252,
            "invalid type",
        ),
        case(
            "values",
            "integer parameter not a number",
            raw(&["list-users", "--user-pool-id", "us-east-1_A", "--limit", "many"]),
            252,
            "--limit",
        ),
        case(
            "values",
            "query syntax",
            raw(&[
                "admin-get-user",
                "--user-pool-id",
                "us-east-1_A",
                "--username",
                "u",
                "--query",
                "a[?",
            ]),
            252,
            "--query",
        ),
        case(
            "values",
            "query unknown function",
            raw(&[
                "admin-get-user",
                "--user-pool-id",
                "us-east-1_A",
                "--username",
                "u",
                "--query",
                "frob(@)",
            ]),
            255,
            "frob",
        ),
        case(
            "values",
            "list parameter unknown member",
            raw(&[
                "admin-create-user",
                "--user-pool-id",
                "us-east-1_A",
                "--username",
                "u",
                "--user-attributes",
                "Name=a,Foo=1",
            ]),
            252,
            "unknown parameter",
        ),
    ]
}

fn file_cases() -> Vec<Case> {
    let dir = temp_dir();
    let empty = write_file(&dir, "empty", "", 0o600);
    let binary = write_file(&dir, "binary", b"\xff\xfe\x00pw", 0o600);
    let fifo = dir.join("fifo");
    mkfifo(&fifo);
    let device_dir = temp_dir();
    let planted_device = write_file(
        &device_dir,
        "device-0666.json",
        r#"{"DeviceKey":"k","DeviceGroupKey":"g","DevicePassword":"PLANTEDTOKEN"}"#,
        0o666,
    );
    let readable_device = write_file(
        &device_dir,
        "device-0644.json",
        r#"{"DeviceKey":"k","DeviceGroupKey":"g","DevicePassword":"PLANTEDTOKEN"}"#,
        0o644,
    );
    let garbage_device = write_file(
        &device_dir,
        "garbage.json",
        "{\"DevicePassword\": \"PLANTEDTOKEN\"",
        0o600,
    );
    let link_device = device_dir.join("link.json");
    std::os::unix::fs::symlink(&garbage_device, &link_device).unwrap();
    let fifo_device = device_dir.join("fifo.json");
    mkfifo(&fifo_device);
    let not_utf8_param = write_file(&dir, "param.bin", b"\xff\xfe", 0o600);
    let garbage_ca = write_file(&dir, "ca.pem", "not a certificate", 0o600);
    let mut v = vec![
        case(
            "files",
            "password file missing",
            with(login(), |c| {
                c.args(["--password-file", "/nonexistent/pw"]);
            }),
            253,
            "cannot read the password file",
        ),
        case(
            "files",
            "password file is a directory",
            with(login(), |c| {
                c.args(["--password-file", dir.to_str().unwrap()]);
            }),
            253,
            "directory",
        ),
        case(
            "files",
            "password file is /dev/zero",
            with(login(), |c| {
                c.args(["--password-file", "/dev/zero"]);
            }),
            253,
            "larger than",
        ),
        case(
            "files",
            "password file empty",
            with(login(), |c| {
                c.args(["--password-file", empty.to_str().unwrap()]);
            }),
            253,
            "empty",
        ),
        case(
            "files",
            "password file not UTF-8",
            with(login(), |c| {
                c.args(["--password-file", binary.to_str().unwrap()]);
            }),
            253,
            "not UTF-8",
        ),
        case(
            "files",
            "password FIFO nobody writes (patience, no hang)",
            with(login(), |c| {
                c.args(["--password-file", fifo.to_str().unwrap()]);
            }),
            253,
            "nothing more to read",
        ),
        case(
            "files",
            "client secret file missing",
            with(login(), |c| {
                c.args(["--client-secret-file", "/nonexistent/cs"]);
            }),
            253,
            "app client secret file",
        ),
        case(
            "files",
            "new password file is /dev/zero",
            with(login(), |c| {
                c.args(["--new-password-file", "/dev/zero"]);
            }),
            253,
            "larger than",
        ),
        case(
            "files",
            "device file writable by others",
            with(login(), |c| {
                c.args(["--device-file", planted_device.to_str().unwrap()]);
            }),
            253,
            "writable by other users (mode 666)",
        ),
        case(
            "files",
            "device file readable by others",
            with(login(), |c| {
                c.args(["--device-file", readable_device.to_str().unwrap()]);
            }),
            253,
            "readable by other users (mode 644)",
        ),
        case(
            "files",
            "device file is a symlink",
            with(login(), |c| {
                c.args(["--device-file", link_device.to_str().unwrap()]);
            }),
            253,
            "symbolic link",
        ),
        case(
            "files",
            "device file is a FIFO",
            with(login(), |c| {
                c.args(["--device-file", fifo_device.to_str().unwrap()]);
            }),
            253,
            "is a FIFO",
        ),
        case(
            "files",
            "device file is a directory",
            with(login(), |c| {
                c.args(["--device-file", device_dir.to_str().unwrap()]);
            }),
            253,
            "is a directory",
        ),
        case(
            "files",
            "device file is /dev/null",
            with(login(), |c| {
                c.args(["--device-file", "/dev/null"]);
            }),
            253,
            "is a device",
        ),
        case(
            "files",
            "device file is not JSON",
            with(login(), |c| {
                c.args(["--device-file", garbage_device.to_str().unwrap()]);
            }),
            253,
            "not a cogtok device file",
        ),
        case(
            "files",
            "cli-input-json file missing",
            raw(&["admin-get-user", "--cli-input-json", "file:///nonexistent/in.json"]),
            252,
            "cannot read",
        ),
        case(
            "files",
            "paramfile missing",
            raw(&[
                "admin-get-user",
                "--user-pool-id",
                "us-east-1_A",
                "--username",
                "file:///nonexistent/u",
            ]),
            252,
            "unable to load paramfile",
        ),
        case(
            "files",
            "paramfile not UTF-8",
            raw(&[
                "admin-get-user",
                "--user-pool-id",
                "us-east-1_A",
                "--username",
                &format!("file://{}", not_utf8_param.display()),
            ]),
            252,
            "not valid UTF-8",
        ),
        case(
            "files",
            "CA bundle missing",
            with(login(), |c| {
                c.args(["--ca-bundle", "/nonexistent/ca.pem"]);
            }),
            253,
            "CA bundle",
        ),
        case(
            "files",
            "CA bundle not PEM",
            with(login(), |c| {
                c.args(["--ca-bundle", garbage_ca.to_str().unwrap()]);
            }),
            253,
            "CA bundle",
        ),
    ];
    if is_root() {
        let theirs = write_file(
            &device_dir,
            "theirs.json",
            r#"{"DeviceKey":"k","DeviceGroupKey":"g","DevicePassword":"PLANTEDTOKEN"}"#,
            0o600,
        );
        assert!(std::process::Command::new("chown")
            .arg("4242")
            .arg(&theirs)
            .status()
            .unwrap()
            .success());
        v.push(case(
            "files",
            "device file of another user",
            with(login(), |c| {
                c.args(["--device-file", theirs.to_str().unwrap()]);
            }),
            253,
            "belongs to another user (uid 4242)",
        ));
    }
    v
}

fn environment_cases() -> Vec<Case> {
    let g = |k: &str, v: &str| env(raw(GET_USER), k, v);
    vec![
        case(
            "environment",
            "AWS_MAX_ATTEMPTS zero",
            with(login(), |c| {
                c.env("AWS_MAX_ATTEMPTS", "0");
            }),
            253,
            "max_attempts",
        ),
        case(
            "environment",
            "AWS_MAX_ATTEMPTS words",
            with(login(), |c| {
                c.env("AWS_MAX_ATTEMPTS", "three");
            }),
            253,
            "max_attempts",
        ),
        case(
            "environment",
            "AWS_RETRY_MODE unknown",
            with(login(), |c| {
                c.env("AWS_RETRY_MODE", "eager");
            }),
            253,
            "retry_mode",
        ),
        case(
            "environment",
            "AWS_DEFAULT_OUTPUT unknown",
            g("AWS_DEFAULT_OUTPUT", "yaml"),
            253,
            "invalid output \"yaml\"",
        ),
        case(
            "environment",
            "AWS_PROFILE missing",
            with(login(), |c| {
                c.env("AWS_PROFILE", "nope");
            }),
            253,
            "config profile (nope)",
        ),
        case(
            "environment",
            "password variable unset",
            with(login(), |c| {
                c.args(["--password-env", "NOT_SET_ANYWHERE"]);
            }),
            253,
            "NOT_SET_ANYWHERE",
        ),
        case(
            "environment",
            "password variable empty",
            with(login(), |c| {
                c.env("EMPTY_PW", "").args(["--password-env", "EMPTY_PW"]);
            }),
            253,
            "EMPTY_PW",
        ),
        case(
            "environment",
            "COGTOK_USER_POOL_ID invalid",
            with(cogtok(), |c| {
                c.env("COGTOK_USER_POOL_ID", "bad")
                    .env("COGTOK_CLIENT_ID", "c")
                    .env("COGTOK_USERNAME", "u")
                    .env("COGTOK_PASSWORD", PASSWORD)
                    .args(["login", "--region", "us-east-1"]);
            }),
            252,
            "invalid user pool id",
        ),
        case(
            "environment",
            "AWS_ENDPOINT_URL without scheme",
            env(
                raw_without(GET_USER, &["--endpoint-url"]),
                "AWS_ENDPOINT_URL",
                "localhost:5000",
            ),
            253,
            "no scheme",
        ),
        case(
            "environment",
            "AWS_CONFIG_FILE is a directory",
            with(login(), |c| {
                c.env("AWS_CONFIG_FILE", "/");
            }),
            253,
            "/",
        ),
        case(
            "environment",
            "no client id anywhere",
            with(cogtok(), |c| {
                c.args(["login", "--username", "u", "--region", "us-east-1"])
                    .env("COGTOK_PASSWORD", PASSWORD);
            }),
            252,
            "client",
        ),
        case(
            "environment",
            "gitlab token variable unset",
            with(login(), |c| {
                c.args([
                    "--flow",
                    "admin",
                    "--web-identity",
                    "gitlab",
                    "--role-arn",
                    "arn:aws:iam::123456789012:role/x",
                ]);
            }),
            253,
            "--web-identity gitlab",
        ),
    ]
}

fn config_cases() -> Vec<Case> {
    let with_config = |text: &str, cmd: TestCommand| {
        let dir = temp_dir();
        let path = dir.join("config");
        std::fs::write(&path, text).unwrap();
        env(cmd, "AWS_CONFIG_FILE", path.to_str().unwrap())
    };
    let get = || raw(GET_USER);
    vec![
        case(
            "config",
            "output unknown",
            with_config("[default]\noutput = yaml\n", get()),
            253,
            "invalid output \"yaml\"",
        ),
        case(
            "config",
            "timestamp format unknown",
            with_config("[default]\ncli_timestamp_format = roman\n", get()),
            253,
            "cli_timestamp_format",
        ),
        case(
            "config",
            "max_attempts negative",
            with_config(
                "[default]\nmax_attempts = -1\n",
                raw_without(GET_USER, &["AWS_MAX_ATTEMPTS"]),
            ),
            253,
            "max_attempts",
        ),
        case(
            "config",
            "retry_mode unknown",
            with_config("[default]\nretry_mode = eager\n", get()),
            253,
            "retry_mode",
        ),
        case(
            "config",
            "region invalid",
            with_config("[default]\nregion = mars!\n", raw_without(GET_USER, &["--region"])),
            253,
            "invalid region",
        ),
        case(
            "config",
            "services section missing",
            with_config(
                "[default]\nservices = nope\n",
                raw_without(GET_USER, &["--endpoint-url"]),
            ),
            253,
            "services",
        ),
        case(
            "config",
            "section header unclosed",
            with_config("[default\nregion = us-east-1\n", get()),
            253,
            "line 1",
        ),
        case(
            "config",
            "endpoint_url without scheme",
            with_config(
                "[default]\nendpoint_url = localhost:5000\n",
                raw_without(GET_USER, &["--endpoint-url"]),
            ),
            253,
            "no scheme",
        ),
        case(
            "config",
            "profile named but absent",
            with_config(
                "[default]\nregion = us-east-1\n",
                with(login(), |c| {
                    c.args(["--profile", "ghost"]);
                }),
            ),
            253,
            "config profile (ghost)",
        ),
        case(
            "config",
            "a huge value",
            with_config(&format!("[default]\noutput = {}\n", huge("y")), get()),
            253,
            &bytes_note(HUGE),
        ),
    ]
}

fn answer_cases() -> Vec<Case> {
    let a = |status: u16, body: &str| login_at(&server(status, body));
    let result = |inner: &str| format!(r#"{{"AuthenticationResult":{{{inner}}}}}"#);
    let access = format!(r#""AccessToken":"{}""#, token("a"));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let big_claim = format!(
        r#"{{"AuthenticationResult":{{"AccessToken":"eyJhbGciOiJub25lIn0.{}.TOKENSECRET","ExpiresIn":3600}}}}"#,
        "A".repeat(10 << 20)
    );
    let mut truncated = good_answer();
    truncated.truncate(truncated.len() / 2);
    let mut invalid_utf8 = good_answer().into_bytes();
    invalid_utf8[30] = 0xff;
    let liar = {
        let body = good_answer();
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len() + 100
        )
        .into_bytes();
        r.extend_from_slice(body.as_bytes());
        r
    };
    vec![
        case(
            "answers",
            "ExpiresIn a string",
            a(200, &result(&format!(r#"{access},"ExpiresIn":"soon""#))),
            255,
            "AuthenticationResult.ExpiresIn: expected a number",
        ),
        case(
            "answers",
            "AccessToken a number",
            a(200, &result(r#""AccessToken":12345"#)),
            255,
            "AuthenticationResult.AccessToken: expected a string",
        ),
        case(
            "answers",
            "AccessToken missing",
            a(200, &result(r#""ExpiresIn":3600,"IdToken":"x.TOKENSECRET""#)),
            255,
            "missing field `AccessToken`",
        ),
        case(
            "answers",
            "AuthenticationResult a list",
            a(200, r#"{"AuthenticationResult":["TOKENSECRET"]}"#),
            255,
            "AuthenticationResult",
        ),
        case(
            "answers",
            "ExpiresIn an object hiding a token",
            a(200, &result(&format!(r#"{access},"ExpiresIn":{{"t":"TOKENSECRET"}}"#))),
            255,
            "AuthenticationResult.ExpiresIn",
        ),
        case(
            "answers",
            "ChallengeParameters a string",
            a(
                200,
                r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":"TOKENSECRET"}"#,
            ),
            255,
            "ChallengeParameters",
        ),
        case(
            "answers",
            "the answer a list",
            a(200, "[1,2,3]"),
            255,
            "unexpected answer",
        ),
        case(
            "answers",
            "the answer a string",
            a(200, "\"TOKENSECRET\""),
            255,
            "unexpected answer",
        ),
        case("answers", "empty object", a(200, "{}"), 255, "unexpected answer"),
        case("answers", "empty body", a(200, ""), 255, "unexpected answer"),
        case(
            "answers",
            "truncated JSON with tokens",
            a(200, &truncated),
            255,
            "cut short or malformed",
        ),
        case(
            "answers",
            "invalid UTF-8 in the JSON",
            login_at(&server(200, &invalid_utf8)),
            255,
            "not valid JSON",
        ),
        case(
            "answers",
            "Content-Length that lies",
            login_at(&raw_server(liar)),
            255,
            "could not reach",
        ),
        case("answers", "deep nesting", a(200, &deep), 255, "unexpected answer"),
        case(
            "answers",
            "a JWT with a 10 MB claim",
            a(200, &big_claim),
            255,
            "larger than",
        ),
        case(
            "answers",
            "HTML page with 200",
            a(200, "<html><title>Captive portal</title></html>"),
            255,
            "not JSON",
        ),
        case(
            "answers",
            "unknown challenge",
            a(
                200,
                r#"{"ChallengeName":"TELEPATHY","Session":"TOKENSECRET","ChallengeParameters":{}}"#,
            ),
            254,
            "TELEPATHY",
        ),
        case(
            "answers",
            "huge challenge name",
            a(
                200,
                &format!(
                    r#"{{"ChallengeName":"{}","ChallengeParameters":{{}}}}"#,
                    "X".repeat(HUGE)
                ),
            ),
            254,
            "bytes)",
        ),
        case(
            "answers",
            "400 with a huge error code",
            a(400, &format!(r#"{{"__type":"{}","message":"m"}}"#, "E".repeat(HUGE))),
            254,
            "bytes)",
        ),
        case(
            "answers",
            "400 echoing the password",
            a(
                400,
                &format!(r#"{{"__type":"NotAuthorizedException","message":"bad password {PASSWORD}"}}"#),
            ),
            254,
            "NotAuthorizedException",
        ),
        case(
            "answers",
            "400 with control characters",
            a(
                400,
                "{\"__type\":\"InvalidParameterException\",\"message\":\"line1\\nline2\\r\\u0000\\u001b[31mred\"}",
            ),
            254,
            "InvalidParameterException",
        ),
        case(
            "answers",
            "400 without a code",
            a(400, r#"{"message":"no code here"}"#),
            254,
            "HTTP 400",
        ),
        case(
            "answers",
            "500 HTML",
            a(500, "<html><title>Internal error</title></html>"),
            254,
            "HTTP 500",
        ),
        case(
            "answers",
            "503 huge body",
            a(503, &"x".repeat(900_000)),
            254,
            "HTTP 503",
        ),
        case(
            "answers",
            "raw command non-JSON",
            with(cogtok(), |c| {
                c.args([
                    "admin-get-user",
                    "--user-pool-id",
                    "us-east-1_A",
                    "--username",
                    "u",
                    "--region",
                    "us-east-1",
                    "--no-sign-request",
                ])
                .args(["--endpoint-url", &server(200, "<xml>a proxy page")])
                .env("AWS_MAX_ATTEMPTS", "1");
            }),
            255,
            "not JSON",
        ),
        case(
            "answers",
            "raw command body too large",
            with(cogtok(), |c| {
                c.args([
                    "admin-get-user",
                    "--user-pool-id",
                    "us-east-1_A",
                    "--username",
                    "u",
                    "--region",
                    "us-east-1",
                    "--no-sign-request",
                ])
                .args([
                    "--endpoint-url",
                    &server(200, format!("{{\"a\":\"{}\"}}", "T".repeat(2 << 20))),
                ])
                .env("AWS_MAX_ATTEMPTS", "1");
            }),
            255,
            "larger than",
        ),
    ]
}

/// The cache directory, the cache file `login --cache` made there for the fake identity, and
/// the server's URL: one successful run first, then the file is replaced by the case's plant.
fn primed_cache() -> (PathBuf, PathBuf, String) {
    let url = server(200, good_answer());
    let dir = temp_dir().join("cache");
    let out = login_at(&url)
        .args(["--cache", "--cache-dir", dir.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.describe());
    let files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    (dir, files[0].clone(), url)
}

const PLANTED: &str = r#"{"Version":1,"AccessToken":"PLANTEDTOKEN","IdToken":"PLANTEDTOKEN","ExpiresAt":99999999999}"#;

/// Cache plants that cogtok ignores with one warning, then signs in afresh and replaces.
/// A plant that writes `contents` with `mode` at the cache file's path.
fn file_plant(contents: impl AsRef<[u8]> + 'static, mode: u32) -> Box<dyn Fn(&Path)> {
    Box::new(move |p: &Path| {
        std::fs::write(p, &contents).unwrap();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    })
}

/// A cache case: its name, what the warning must say, and how to plant the file.
type Plant = (&'static str, &'static str, Box<dyn Fn(&Path)>);

fn cache_ignored_cases() -> Vec<Plant> {
    let mut v: Vec<Plant> = vec![
        (
            "planted 0666",
            "writable by other users (mode 666)",
            file_plant(PLANTED, 0o666),
        ),
        (
            "left 0644",
            "readable by other users (mode 644)",
            file_plant(PLANTED, 0o644),
        ),
        (
            "group-writable 0620",
            "writable by other users (mode 620)",
            file_plant(PLANTED, 0o620),
        ),
        (
            "a symlink to a planted file",
            "symbolic link",
            Box::new(|p: &Path| {
                let elsewhere = temp_dir().join("planted.json");
                std::fs::write(&elsewhere, PLANTED).unwrap();
                std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
                std::os::unix::fs::symlink(&elsewhere, p).unwrap();
            }),
        ),
        (
            "a dangling symlink",
            "symbolic link",
            Box::new(|p: &Path| {
                std::os::unix::fs::symlink("/nonexistent/target", p).unwrap();
            }),
        ),
        ("a FIFO (must not hang)", "is a FIFO", Box::new(|p: &Path| mkfifo(p))),
        (
            "garbage",
            "unreadable token cache file",
            file_plant("{\"AccessToken\":\"PLANTEDTOKEN\"", 0o600),
        ),
        ("huge", "larger than", file_plant("x".repeat(2 << 20), 0o600)),
        (
            "wrong types",
            "expected a number",
            file_plant(
                r#"{"Version":1,"AccessToken":"PLANTEDTOKEN","ExpiresAt":"later"}"#,
                0o600,
            ),
        ),
    ];
    if is_root() {
        v.push((
            "owned by another user",
            "belongs to another user (uid 4242)",
            Box::new(|p: &Path| {
                file_plant(PLANTED, 0o600)(p);
                assert!(std::process::Command::new("chown")
                    .arg("4242")
                    .arg(p)
                    .status()
                    .unwrap()
                    .success());
            }),
        ));
    }
    v
}

/// Cache setups that fail the run (the directory is not the user's to trust), or that leave
/// a directory at the file's path (ignored, and not replaced: two warnings, fresh tokens).
fn cache_refused_cases() -> Vec<Case> {
    let shared = temp_dir();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    let sticky = temp_dir();
    std::fs::set_permissions(&sticky, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let group = temp_dir();
    std::fs::set_permissions(&group, std::fs::Permissions::from_mode(0o770)).unwrap();
    let file = write_file(&temp_dir(), "not-a-dir", "x", 0o600);
    let c = |dir: &Path| {
        with(login(), |c| {
            c.args(["--cache", "--cache-dir", dir.to_str().unwrap()]);
        })
    };
    let mut v = vec![
        case(
            "cache",
            "cache dir 0777",
            c(&shared),
            253,
            "writable by other users (mode 777)",
        ),
        case(
            "cache",
            "cache dir 1777 (like /tmp)",
            c(&sticky),
            253,
            "writable by other users (mode 1777)",
        ),
        case(
            "cache",
            "cache dir 0770",
            c(&group),
            253,
            "writable by other users (mode 770)",
        ),
        case("cache", "cache dir is a file", c(&file), 253, "is not a directory"),
    ];
    if is_root() {
        let theirs = temp_dir();
        std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert!(std::process::Command::new("chown")
            .arg("4242")
            .arg(&theirs)
            .status()
            .unwrap()
            .success());
        v.push(case(
            "cache",
            "cache dir of another user",
            c(&theirs),
            253,
            "belongs to another user (uid 4242)",
        ));
    }
    v
}

/// `mint` whose sign-ins would go to a closed port: for failures before any request.
fn mint() -> TestCommand {
    let mut c = cogtok();
    c.args(["mint", "--flow", "password", "--client-id", "client1"])
        .args([
            "--user-pool-id",
            "us-east-1_Test",
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env("AWS_MAX_ATTEMPTS", "1")
        .timeout(Duration::from_secs(30));
    c
}

/// `mint --users FILE` with the file's bytes.
fn mint_users(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> TestCommand {
    let path = write_file(dir, name, contents, 0o600);
    with(mint(), |c| {
        c.arg("--users").arg(path);
    })
}

/// `mint`'s users and options (issue 10): each a usage error before any request, one line that
/// names the file's line or the options, and never a password from the file.
fn mint_cases() -> Vec<Case> {
    let dir = temp_dir();
    let users = |name: &str, contents: &[u8]| mint_users(&dir, name, contents);
    let pw = PASSWORD;
    vec![
        case(
            "mint",
            "users file without a username column",
            users("no-username.csv", format!("user,password\nalice,{pw}\n").as_bytes()),
            252,
            "line 1: the header row has no username column",
        ),
        case(
            "mint",
            "users file with a username twice",
            users(
                "twice.csv",
                format!("username,password\nalice,{pw}\nbob,{pw}\nalice,{pw}\n").as_bytes(),
            ),
            252,
            "line 4: the username of line 2 again",
        ),
        case(
            "mint",
            "users file with a line that is not JSON",
            users(
                "bad.ndjson",
                format!(
                    "{{\"username\":\"alice\",\"password\":\"{pw}\"}}\n{{\"username\":\"bob\",\"password\":\"{pw}\"\n"
                )
                .as_bytes(),
            ),
            252,
            "line 2: not a JSON object",
        ),
        case(
            "mint",
            "users file that is not UTF-8",
            users(
                "latin1.csv",
                &[b"username,password\nalice,".as_slice(), pw.as_bytes(), b"\nb\xf6b,x\n"].concat(),
            ),
            252,
            "line 3: it is not UTF-8",
        ),
        case(
            "mint",
            "users file with a quoted field not closed",
            users(
                "quote.csv",
                format!("username,password\nalice,{pw}\n\"bob,{pw}\ncarol,{pw}\n").as_bytes(),
            ),
            252,
            "line 3: a quoted field is not closed",
        ),
        case(
            "mint",
            "users file that holds no users",
            users("empty.csv", b"username,password\n"),
            252,
            "holds no users",
        ),
        case(
            "mint",
            "users file missing",
            with(mint(), |c| {
                c.args(["--users", "/nonexistent/users.csv"]);
            }),
            253,
            "cannot read the users file",
        ),
        case(
            "mint",
            "a user without a password, and none for the run",
            users("no-pw.csv", format!("username,password\nalice,{pw}\nbob,\n").as_bytes()),
            252,
            "user \"bob\" (line 3) has no password",
        ),
        case(
            "mint",
            "a run's client secret in a variable that is not set: one error before any request",
            with(
                users(
                    "cs.csv",
                    format!("username,password\nalice,{pw}\nbob,{pw}\n").as_bytes(),
                ),
                |c| {
                    c.args(["--client-secret-env", "COGTOK_TEST_NOT_SET_ANYWHERE"]);
                },
            ),
            253,
            "the app client secret variable COGTOK_TEST_NOT_SET_ANYWHERE is not set or is empty",
        ),
        case(
            "mint",
            "a row's password in a variable that is not set: named by its line, before any request",
            users(
                "pw-env.csv",
                b"username,password_env\nalice,COGTOK_TEST_NOT_SET_EITHER\n",
            ),
            253,
            "user on line 2: the password variable COGTOK_TEST_NOT_SET_EITHER is not set or is empty",
        ),
        case(
            "mint",
            "--users and --users-prefix",
            with(mint_users(&dir, "both.csv", "username\nalice\n"), |c| {
                c.args(["--users-prefix", "u", "--count", "2"]);
            }),
            252,
            "either --users FILE or --users-prefix P --count N, not both",
        ),
        case(
            "mint",
            "--count without --users-prefix",
            with(mint(), |c| {
                c.args(["--count", "5"]);
            }),
            252,
            "--count needs --users-prefix",
        ),
        case(
            "mint",
            "--users-prefix without --count",
            with(mint(), |c| {
                c.args(["--users-prefix", "load-"]);
            }),
            252,
            "--users-prefix needs --count",
        ),
        case("mint", "no users at all", mint(), 252, "mint needs users"),
        case(
            "mint",
            "--username",
            with(mint(), |c| {
                c.args(["--users-prefix", "u", "--count", "2", "--username", "alice"]);
            }),
            252,
            "mint does not take --username",
        ),
        case(
            "mint",
            "--users - with --password-stdin",
            with(mint(), |c| {
                c.args(["--users", "-", "--password-stdin"])
                    .stdin(format!("{{\"username\":\"alice\"}}\n{pw}\n"));
            }),
            252,
            "--users - and --password-stdin both want standard input",
        ),
        case(
            "mint",
            "--users-prefix with a control character",
            with(mint(), |c| {
                c.args(["--users-prefix", "load\n", "--count", "2"])
                    .env("COGTOK_PASSWORD", pw);
            }),
            252,
            "--users-prefix: expected 1 to 100 characters",
        ),
        case(
            "mint",
            "--ensure without the pool",
            with(cogtok(), |c| {
                c.args(["mint", "--flow", "password", "--client-id", "c"])
                    .args(["--users-prefix", "u", "--count", "2", "--ensure"])
                    .args(["--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"])
                    .env("COGTOK_PASSWORD", pw);
            }),
            252,
            "--ensure needs the user pool",
        ),
    ]
}

fn run_failing(cases: Vec<Case>, failures: &mut Vec<String>, counts: &mut Vec<(&'static str, usize)>) {
    for c in &cases {
        let started = Instant::now();
        let out = c.command.run();
        let mut problems = check(c, &out);
        if started.elapsed() > Duration::from_secs(20) {
            problems.push(format!("took {:?}", started.elapsed()));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "[{}] {}: {}\n  stderr: {:.600}",
                c.category,
                c.name,
                problems.join("; "),
                out.stderr
            ));
        }
        bump(counts, c.category);
    }
}

fn bump(counts: &mut Vec<(&'static str, usize)>, category: &'static str) {
    match counts.iter_mut().find(|(c, _)| *c == category) {
        Some((_, n)) => *n += 1,
        None => counts.push((category, 1)),
    }
}

#[test]
fn the_battery() {
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    run_failing(options_cases(), &mut failures, &mut counts);
    run_failing(echo_cases(), &mut failures, &mut counts);
    run_failing(value_cases(), &mut failures, &mut counts);
    run_failing(file_cases(), &mut failures, &mut counts);
    run_failing(environment_cases(), &mut failures, &mut counts);
    run_failing(config_cases(), &mut failures, &mut counts);
    run_failing(cache_refused_cases(), &mut failures, &mut counts);
    run_failing(mint_cases(), &mut failures, &mut counts);
    run_failing(answer_cases(), &mut failures, &mut counts);

    // The cache plants that are ignored: one warning naming the problem, a fresh sign-in whose
    // tokens are printed (never the planted ones), and a private regular file in its place.
    for (name, names, plant) in cache_ignored_cases() {
        let (dir, file, url) = primed_cache();
        std::fs::remove_file(&file).unwrap();
        plant(&file);
        let started = Instant::now();
        let out = login_at(&url)
            .args(["--cache", "--cache-dir", dir.to_str().unwrap()])
            .run();
        let mut problems = Vec::new();
        if out.code != 0 {
            problems.push(format!("exit code {}", out.code));
        }
        let lines: Vec<&str> = out.stderr.lines().collect();
        if lines.len() != 1 || !lines[0].contains("warning") || !lines[0].contains(names) {
            problems.push(format!("wanted one warning naming {names:?}"));
        }
        if out.stdout.contains("PLANTEDTOKEN") || out.stderr.contains("PLANTEDTOKEN") {
            problems.push("the planted token is shown".into());
        }
        if !out.stdout.contains(&token("a")) {
            problems.push("no fresh tokens".into());
        }
        match std::fs::symlink_metadata(&file) {
            Ok(m) if m.is_file() && m.mode() & 0o777 == 0o600 => {}
            other => problems.push(format!("not replaced by a private file: {other:?}")),
        }
        if started.elapsed() > Duration::from_secs(20) {
            problems.push(format!("took {:?}", started.elapsed()));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "[cache] {name}: {}\n  stderr: {:.600}",
                problems.join("; "),
                out.stderr
            ));
        }
        bump(&mut counts, "cache");
    }

    // A directory at the cache file's path: ignored (one warning) and left alone (a second: the
    // tokens could not be kept); the run still prints the fresh tokens.
    {
        let (dir, file, url) = primed_cache();
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir(&file).unwrap();
        let out = login_at(&url)
            .args(["--cache", "--cache-dir", dir.to_str().unwrap()])
            .run();
        let lines: Vec<&str> = out.stderr.lines().collect();
        if out.code != 0
            || lines.len() != 2
            || !out.stderr.contains("is a directory")
            || !out.stdout.contains(&token("a"))
        {
            failures.push(format!("[cache] a directory at the file's path: {}", out.describe()));
        }
        bump(&mut counts, "cache");
    }

    let total: usize = counts.iter().map(|(_, n)| n).sum();
    eprintln!("bad-input battery: {total} cases: {counts:?}");
    assert!(total >= 100, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
