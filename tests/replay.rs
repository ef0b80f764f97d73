//! Replays the recorded exchanges in `fixtures/exchanges/<command>/<case>.json` (format in
//! fixtures/README.md) against the built binary.
//!
//! For each fixture: a local server on 127.0.0.1 serves the recorded answers and checks every
//! request cogtok sends (target, body, signature or none, headers); cogtok runs as a user would
//! run it, with a cleared environment, a fresh HOME (also its working directory, holding the
//! fixture's `home_files`), stdin on /dev/null and `--endpoint-url http://127.0.0.1:PORT`
//! before the fixture's arguments; then its exit code, stdout, stderr and the files it left
//! under HOME (`expect.files`) are checked. All failures are gathered and reported together.
//!
//! `REPLAY_FILTER=substring` runs only the fixtures whose path contains it;
//! `REPLAY_VERBOSE=1` prints every run, passing or not.

#[path = "replay/fixture.rs"]
mod fixture;
#[path = "replay/matcher.rs"]
mod matcher;
#[path = "replay/server.rs"]
mod server;
#[path = "replay/sigv4.rs"]
mod sigv4;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fixture::Fixture;
use server::{Recorded, Server};

const BIN: &str = env!("CARGO_BIN_EXE_cogtok");
/// A run that takes longer than this is killed (retries with backoff stay well under it).
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const WORKERS: usize = 4;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("exchanges")
}

/// Every `*.json` below `dir`, sorted.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn selected_fixtures() -> Vec<PathBuf> {
    let filter = std::env::var("REPLAY_FILTER").unwrap_or_default();
    walk(&fixture_root())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(&filter))
        .collect()
}

/// What one run of the binary produced.
struct Run {
    command: String,
    exit: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// A fresh, empty directory for HOME.
fn temp_home() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("cogtok-replay-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary HOME");
    dir
}

fn run_binary(fx: &Fixture, endpoint: &str, home: &Path) -> Run {
    let mut args = vec!["--endpoint-url".to_string(), endpoint.to_string()];
    args.extend(fx.args.iter().cloned());
    let mut cmd = Command::new(BIN);
    // HOME is also the working directory: relative paths in the arguments (`--device-file
    // device.json`) are files under HOME, where `home_files` and `expect.files` look.
    cmd.current_dir(home)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("NO_PROXY", "*")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // Retries wait 1 ms × 2^n (with jitter) instead of seconds; read by debug builds only.
        .env("COGTOK_TEST_BACKOFF_BASE_MS", "1")
        // `--endpoint-url` is the user pools' alone: the identity pools' endpoint is the same
        // server, as their own variable sets it.
        .env("AWS_ENDPOINT_URL_COGNITO_IDENTITY", endpoint);
    if fx.credentials {
        cmd.env("AWS_ACCESS_KEY_ID", sigv4::ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", sigv4::SECRET_KEY)
            .env("AWS_REGION", sigv4::REGION);
    }
    cmd.envs(&fx.env)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let env_shown: Vec<String> = fx.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let command = format!(
        "{}{}cogtok {}",
        env_shown.join(" "),
        if env_shown.is_empty() { "" } else { " " },
        args.iter().map(|a| shell_word(a)).collect::<Vec<_>>().join(" ")
    );
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Run {
                command,
                exit: None,
                stdout: String::new(),
                stderr: format!("(could not start {BIN}: {e})"),
                timed_out: false,
            }
        }
    };
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let err = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > RUN_TIMEOUT => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    Run {
        command,
        exit: status.and_then(|s| s.code()),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        timed_out,
    }
}

fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The expectations that are not about the server.
fn check_output(fx: &Fixture, run: &Run) -> Vec<String> {
    let e = &fx.expect;
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("killed after {} s", RUN_TIMEOUT.as_secs()));
    }
    if run.exit != Some(e.exit) {
        problems.push(format!("exit code: expected {}, got {:?}", e.exit, run.exit));
    }
    if let Some(want) = &e.stdout {
        if &run.stdout != want {
            problems.push(format!("stdout: expected exactly {want:?}"));
        }
    }
    if let Some(want) = &e.stdout_json {
        let rendered = matcher::render_json(want);
        if run.stdout != rendered {
            match serde_json::from_str::<serde_json::Value>(&run.stdout) {
                Ok(got) => {
                    let diffs = matcher::ordered_differences(want, &got, "stdout");
                    if diffs.is_empty() {
                        problems.push(
                            "stdout: the right JSON, but not as the AWS CLI prints it (4-space indent, final newline)"
                                .into(),
                        );
                    }
                    problems.extend(diffs.into_iter().map(|d| format!("stdout JSON: {d}")));
                }
                Err(err) => problems.push(format!("stdout: not JSON ({err})")),
            }
            problems.push(format!("stdout: expected\n{}", indent(&rendered)));
        }
    }
    if let Some(templates) = &e.stdout_template {
        let all = templates.all();
        if !all.iter().any(|t| matcher::template_matches(t, &run.stdout)) {
            problems.push(format!(
                "stdout: matches none of the templates:\n{}",
                all.iter().map(|t| indent(t)).collect::<Vec<_>>().join("\n  or\n")
            ));
        }
    }
    for needle in &e.stderr_contains {
        if !run.stderr.contains(needle.as_str()) {
            problems.push(format!("stderr: should contain {needle:?}"));
        }
    }
    for needle in &e.stderr_not_contains {
        if run.stderr.contains(needle.as_str()) {
            problems.push(format!("stderr: should not contain {needle:?}"));
        }
    }
    if let Some(n) = e.stderr_lines {
        let got = run.stderr.lines().count();
        if got != n {
            problems.push(format!("stderr: expected {n} line(s), got {got}"));
        }
    }
    let both = format!("{}\n{}", run.stdout, run.stderr);
    let mut never: Vec<&str> = e.never_contains.iter().map(String::as_str).collect();
    never.push(sigv4::SECRET_KEY);
    for secret in never {
        if both.contains(secret) {
            let shown: String = secret.chars().take(12).collect();
            problems.push(format!("a secret shows in the output: {shown}..."));
        }
    }
    // The README's contract: errors are one line `cogtok: ...`, never a panic.
    if run.stderr.contains("panicked at") || run.stderr.contains("RUST_BACKTRACE") {
        problems.push("stderr: cogtok panicked".into());
    }
    if e.exit != 0 && run.exit == Some(e.exit) {
        let last = run.stderr.lines().last().unwrap_or("");
        if !last.starts_with("cogtok: ") {
            problems.push(format!(
                "stderr: the error line should start with \"cogtok: \", got {last:?}"
            ));
        }
    }
    problems
}

/// Puts the fixture's `home_files` in HOME, mode 0600 as cogtok writes its own.
fn write_home_files(fx: &Fixture, home: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for (rel, content) in &fx.home_files {
        let path = home.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, content)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// `expect.files`: what the run left under HOME. What a file holds is not printed whole (it
/// may be a generated secret); a mismatch says what differs.
fn check_files(fx: &Fixture, home: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut problems = Vec::new();
    for (rel, want) in &fx.expect.files {
        let path = home.join(rel);
        let meta = std::fs::metadata(&path);
        if want.absent {
            if meta.is_ok() {
                problems.push(format!("file {rel}: should not exist"));
            }
            continue;
        }
        let text = match (meta, std::fs::read_to_string(&path)) {
            (Ok(m), Ok(text)) => {
                let mode = m.permissions().mode() & 0o7777;
                if let Some(bits) = want.mode_bits() {
                    if mode != bits {
                        problems.push(format!("file {rel}: mode {mode:04o}, expected {bits:04o}"));
                    }
                }
                text
            }
            (Err(e), _) | (_, Err(e)) => {
                problems.push(format!("file {rel}: not written ({e})"));
                continue;
            }
        };
        if let Some(exact) = &want.text {
            if &text != exact {
                problems.push(format!(
                    "file {rel}: expected exactly {exact:?}, got {} bytes that differ",
                    text.len()
                ));
            }
        }
        if let Some(template) = &want.template {
            if !matcher::template_matches(template, &text) {
                problems.push(format!("file {rel}: does not match the template {template:?}"));
            }
        }
        if let Some(expected) = &want.json {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(got) => problems.extend(matcher::match_value(expected, &got, &format!("file {rel}"))),
                Err(e) => problems.push(format!("file {rel}: not JSON ({e})")),
            }
        }
    }
    problems
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cuts long output for the report.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}\n    ... ({} more characters)", text.chars().count() - max)
}

enum Outcome {
    Passed,
    Failed(String),
}

/// Runs one fixture file; the report text on failure.
fn replay_one(path: &Path) -> (Option<String>, Outcome) {
    let fx = match fixture::load(path) {
        Ok(fx) => fx,
        Err(e) => return (None, Outcome::Failed(format!("  {e}"))),
    };
    let recorded: Vec<Recorded> = fx.exchanges.iter().map(Recorded::from_fixture).collect();
    let server = match Server::start(recorded, "cogtok/") {
        Ok(s) => s,
        Err(e) => {
            return (
                fx.pending.clone(),
                Outcome::Failed(format!("  cannot start the replay server: {e}")),
            )
        }
    };
    let home = temp_home();
    if let Err(e) = write_home_files(&fx, &home) {
        let _ = std::fs::remove_dir_all(&home);
        return (
            fx.pending.clone(),
            Outcome::Failed(format!("  cannot prepare HOME: {e}")),
        );
    }
    let run = run_binary(&fx, &server.url(), &home);
    let report = server.finish();
    let file_problems = check_files(&fx, &home);
    let _ = std::fs::remove_dir_all(&home);

    let mut problems: Vec<String> = report.mismatches.clone();
    problems.extend(report.unconsumed.iter().cloned());
    problems.extend(check_output(&fx, &run));
    problems.extend(file_problems);
    if problems.is_empty() {
        return (fx.pending.clone(), Outcome::Passed);
    }
    let mut text = String::new();
    text.push_str(&format!("  about: {}\n", fx.description));
    text.push_str(&format!("  command: {}\n", cut(&run.command, 600)));
    text.push_str(&format!(
        "  exit: {:?}   requests served: {}\n",
        run.exit, report.requests
    ));
    for p in &problems {
        text.push_str(&format!("  - {}\n", p.replace('\n', "\n    ")));
    }
    text.push_str(&format!("  stdout:\n{}\n", indent(&cut(&run.stdout, 3000))));
    text.push_str(&format!("  stderr:\n{}\n", indent(&cut(&run.stderr, 3000))));
    (fx.pending.clone(), Outcome::Failed(text))
}

#[test]
fn recorded_exchanges_replay() {
    let files = selected_fixtures();
    assert!(
        !files.is_empty(),
        "no fixtures under {} (REPLAY_FILTER too narrow?)",
        fixture_root().display()
    );
    let verbose = std::env::var_os("REPLAY_VERBOSE").is_some();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(PathBuf, Option<String>, Outcome)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(path) = files.get(i) else { break };
                let (pending, outcome) = replay_one(path);
                results.lock().unwrap().push((path.clone(), pending, outcome));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));

    let root = fixture_root();
    let (mut passed, mut failed, mut pending_failed) = (0, 0, 0);
    let mut report = String::new();
    let mut pending_notes = String::new();
    for (path, pending, outcome) in &results {
        let name = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        match (outcome, pending) {
            (Outcome::Passed, None) => {
                passed += 1;
                if verbose {
                    eprintln!("ok      {name}");
                }
            }
            (Outcome::Passed, Some(why)) => {
                passed += 1;
                pending_notes.push_str(&format!(
                    "pending fixture {name} ({why}) passes now: remove its \"pending\"\n"
                ));
            }
            (Outcome::Failed(text), None) => {
                failed += 1;
                report.push_str(&format!("\nFAILED  {name}\n{text}"));
            }
            (Outcome::Failed(text), Some(why)) => {
                pending_failed += 1;
                pending_notes.push_str(&format!("pending {name} ({why}): fails, not counted\n"));
                if verbose {
                    eprintln!("pending {name}\n{text}");
                }
            }
        }
    }
    eprint!("{pending_notes}");
    eprintln!(
        "replay: {passed} passed, {failed} failed, {pending_failed} pending (not counted), of {} fixtures",
        results.len()
    );
    if failed > 0 {
        panic!("{failed} fixture(s) failed:\n{report}\nreplay: {passed} passed, {failed} failed");
    }
}

/// The fixture files parse and their placeholders are valid, without running anything.
#[test]
fn fixtures_are_well_formed() {
    let files = walk(&fixture_root());
    assert!(!files.is_empty(), "no fixtures under {}", fixture_root().display());
    let errors: Vec<String> = files
        .iter()
        .filter_map(|p| fixture::load(p).err().map(|e| format!("{}: {e}", p.display())))
        .collect();
    assert!(errors.is_empty(), "malformed fixtures:\n{}", errors.join("\n"));
    // Every raw command the README lists has at least one fixture, and so do login and refresh.
    let commands: std::collections::BTreeSet<String> = files
        .iter()
        .filter_map(|p| p.parent()?.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for command in [
        "admin-initiate-auth",
        "admin-respond-to-auth-challenge",
        "initiate-auth",
        "respond-to-auth-challenge",
        "admin-create-user",
        "admin-set-user-password",
        "admin-get-user",
        "admin-delete-user",
        "admin-confirm-sign-up",
        "sign-up",
        "confirm-sign-up",
        "get-user",
        "global-sign-out",
        "revoke-token",
        "get-tokens-from-refresh-token",
        "associate-software-token",
        "verify-software-token",
        "login",
        "refresh",
    ] {
        assert!(commands.contains(command), "no fixture for {command}");
    }
}

/// For poking at a fixture by hand: serves `REPLAY_SERVE=<fixture file>` for
/// `REPLAY_SERVE_SECS` seconds (default 60), prints the URL, then prints what the server saw.
/// `REPLAY_SERVE=fixtures/exchanges/get-user/success.json cargo test --test replay serve_fixture -- --ignored --nocapture`
#[test]
#[ignore = "manual: serves one fixture for curl or the AWS CLI"]
fn serve_fixture() {
    let path = std::env::var("REPLAY_SERVE").expect("REPLAY_SERVE=<fixture file>");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let fx = fixture::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let secs: u64 = std::env::var("REPLAY_SERVE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let prefix = std::env::var("REPLAY_USER_AGENT").unwrap_or_else(|_| "cogtok/".into());
    let server =
        Server::start(fx.exchanges.iter().map(Recorded::from_fixture).collect(), &prefix).expect("start the server");
    println!("serving {} at {} for {secs} s", path.display(), server.url());
    std::thread::sleep(Duration::from_secs(secs));
    let report = server.finish();
    println!("{report:#?}");
}
