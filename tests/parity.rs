//! The parity suite: every case of `tests/data/parity/cases.txt` runs the same argv through the
//! AWS CLI of `.venv` and through cogtok against one enforcing moto (SigV4 and IAM checked), each
//! through a recording proxy of its own, and compares stdout byte for byte (volatile values
//! masked), the exit code (the AWS CLI v1's mapped to v2's scheme), the gist of stderr and the
//! request bodies each sent. It prints the figures per category, the table of the README.
//!
//! State: the read-only cases run first (in a few threads), on resources made before any case
//! runs, so both tools see the same answers and nothing needs masking but what the service makes
//! up anew on each call. Then the cases that change state, each on twin resources of its own
//! (`{twin}`: `pa007@example.com` for the AWS CLI, `pc007@example.com` for cogtok, the same
//! length, so that text and table layouts stay comparable once one is rewritten as the other).

mod common;

use common::recording_proxy::{Recorded, RecordingProxy as Proxy};
use common::{aws_cli, cogtok, Moto, Output, TestCommand};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

const CASES: &str = include_str!("data/parity/cases.txt");
/// The password of the users made for the suite (a permanent one: no challenge at sign-in).
const PASSWORD: &str = "Perm-Passw0rd!";
/// Threads running cases: each case runs two processes one after the other; the machine is
/// shared, and moto serves one request at a time anyway.
const WORKERS: usize = 3;

// ---------------------------------------------------------------------------------------------
// The case table

/// One case of the table.
#[derive(Clone, Debug)]
struct Case {
    line: usize,
    category: String,
    /// `None`: everything must match; `Some(why)`: a documented deliberate difference (the
    /// README's compatibility list), reported and counted, not failed.
    deliberate: Option<String>,
    argv: Vec<String>,
    env: Vec<(String, String)>,
    /// The name of a `[config NAME]` block that replaces the base config file.
    config: Option<String>,
    /// No `--endpoint-url` on the command line (the config must name the endpoint).
    no_endpoint: bool,
    /// Twin users are created for each tool before the case (`@twin-user`).
    twin_user: bool,
    /// Run without AWS keys in the environment (`@no-keys`).
    no_keys: bool,
}

impl Case {
    /// A case that changes state runs on twins, after the read-only ones: its argv, or a file
    /// it reads, names `{twin}`.
    fn mutating(&self, files: &BTreeMap<String, String>) -> bool {
        let twin = |text: &str| text.contains("{twin}");
        self.twin_user
            || self.argv.iter().any(|a| {
                twin(a)
                    || files
                        .iter()
                        .any(|(name, body)| a.contains(&format!("{{file:{name}}}")) && twin(body))
            })
    }
}

struct Table {
    cases: Vec<Case>,
    files: BTreeMap<String, String>,
    configs: BTreeMap<String, String>,
}

/// Parses the case table: `[file NAME]` / `[config NAME]` blocks up to `[end]`, and case lines
/// `category | same|deliberate: why | [@directive …] argv`, argv split as a shell would
/// (single and double quotes, backslash escapes outside single quotes).
fn parse_table(text: &str) -> Table {
    let mut t = Table {
        cases: Vec::new(),
        files: BTreeMap::new(),
        configs: BTreeMap::new(),
    };
    let mut lines = text.lines().enumerate();
    while let Some((i, raw)) = lines.next() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (kind, name) = head.split_once(' ').expect("[file NAME] or [config NAME]");
            let mut body = String::new();
            for (_, l) in lines.by_ref() {
                if l.trim() == "[end]" {
                    break;
                }
                body.push_str(l);
                body.push('\n');
            }
            let map = match kind {
                "file" => &mut t.files,
                "config" => &mut t.configs,
                other => panic!("line {}: unknown block [{other}]", i + 1),
            };
            map.insert(name.to_string(), body);
            continue;
        }
        let mut parts = line.splitn(3, " | ");
        let (category, kind, rest) = match (parts.next(), parts.next(), parts.next()) {
            (Some(c), Some(k), Some(r)) => (c.trim(), k.trim(), r),
            _ => panic!("line {}: want `category | kind | argv`: {line}", i + 1),
        };
        let deliberate = match kind {
            "same" => None,
            k => Some(
                k.strip_prefix("deliberate:")
                    .unwrap_or_else(|| panic!("line {}: kind `same` or `deliberate: why`", i + 1))
                    .trim()
                    .to_string(),
            ),
        };
        let mut case = Case {
            line: i + 1,
            category: category.to_string(),
            deliberate,
            argv: Vec::new(),
            env: Vec::new(),
            config: None,
            no_endpoint: false,
            twin_user: false,
            no_keys: false,
        };
        for word in shell_words(rest) {
            if case.argv.is_empty() {
                if let Some(kv) = word.strip_prefix("@env:") {
                    let (k, v) = kv.split_once('=').expect("@env:K=V");
                    case.env.push((k.to_string(), v.to_string()));
                    continue;
                }
                if let Some(name) = word.strip_prefix("@config:") {
                    case.config = Some(name.to_string());
                    continue;
                }
                match word.as_str() {
                    "@no-endpoint" => {
                        case.no_endpoint = true;
                        continue;
                    }
                    "@twin-user" => {
                        case.twin_user = true;
                        continue;
                    }
                    "@no-keys" => {
                        case.no_keys = true;
                        continue;
                    }
                    _ => {}
                }
            }
            case.argv.push(word);
        }
        t.cases.push(case);
    }
    t
}

fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    cur.push(c);
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => cur.push(chars.next().unwrap_or('\\')),
                        c => cur.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                cur.push(chars.next().unwrap_or('\\'));
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

// ---------------------------------------------------------------------------------------------
// Exit codes, masking, the gist of stderr

/// The AWS CLI v1 exit code of a run in AWS CLI v2's scheme, which cogtok follows.
///
/// - v1: 0 success; 2 the command line did not parse (argparse: an unknown option, a missing
///   required option, an invalid choice); 255 everything else: parameter validation, input that
///   does not parse, a missing region, a service error, a failure after the answer.
/// - v2: 0 success; 252 the command line or a value on it is invalid (parameter validation
///   included); 253 the environment or configuration is invalid (no region, no credentials);
///   254 the service answered with an error; 255 anything else.
///
/// So v1's 2 is 252, and v1's 255 is told apart by what was sent: an error answer makes it 254,
/// a success answer 255 (the failure came after it); with nothing sent, a connection that
/// failed is 255, the configuration errors botocore raises (no region, no credentials, a
/// profile or an output format that does not exist) 253, and the rest (parameter validation,
/// input that does not parse) 252.
fn v1_to_v2(code: i32, sent: &[Recorded], stderr: &str) -> i32 {
    let says = |messages: &[&str]| messages.iter().any(|m| stderr.contains(m));
    match code {
        0 => 0,
        2 => 252,
        255 if sent.iter().any(|r| r.status >= 400) => 254,
        255 if !sent.is_empty() => 255,
        255 if says(&["Could not connect to the endpoint URL"]) => 255,
        255 if says(&[
            "You must specify a region",
            "Unable to locate credentials",
            "could not be found",
            "Unknown output type",
        ]) =>
        {
            253
        }
        255 => 252,
        other => other,
    }
}

/// Replaces what the service makes up on each call, keeping each value's length and so the
/// layout of every format: ISO 8601 times with `9`s (digits stay digits), UUIDs (`sub`, device
/// keys, sessions) with `u`s, JWTs with `t`s. A JSON string stays a string of the same length,
/// so keys, order, types and indentation are compared as they are.
fn mask(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        let n = iso_time_len(&b[i..])
            .map(|n| (n, b'9'))
            .or_else(|| uuid_len(&b[i..]).map(|n| (n, b'u')))
            .or_else(|| jwt_len(&b[i..]).map(|n| (n, b't')));
        match n {
            Some((n, c)) => {
                for o in &mut out[i..i + n] {
                    *o = if c == b'9' && !o.is_ascii_digit() { *o } else { c };
                }
                i += n;
            }
            None => i += 1,
        }
    }
    String::from_utf8(out).expect("ASCII replacements keep UTF-8")
}

/// `2024-05-01T12:34:56` and an optional fraction and offset.
fn iso_time_len(b: &[u8]) -> Option<usize> {
    let shape = b"dddd-dd-ddTdd:dd:dd";
    if b.len() < shape.len()
        || !shape
            .iter()
            .zip(b)
            .all(|(s, c)| if *s == b'd' { c.is_ascii_digit() } else { s == c })
    {
        return None;
    }
    let mut n = shape.len();
    if b.get(n) == Some(&b'.') {
        n += 1;
        while b.get(n).is_some_and(u8::is_ascii_digit) {
            n += 1;
        }
    }
    if matches!(b.get(n), Some(b'+' | b'-')) && b.len() >= n + 6 {
        n += 6;
    } else if b.get(n) == Some(&b'Z') {
        n += 1;
    }
    Some(n)
}

fn uuid_len(b: &[u8]) -> Option<usize> {
    let groups = [8, 4, 4, 4, 12];
    let mut n = 0;
    for (k, g) in groups.iter().enumerate() {
        if b.len() < n + g || !b[n..n + g].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        n += g;
        if k < 4 {
            if b.get(n) != Some(&b'-') {
                return None;
            }
            n += 1;
        }
    }
    Some(n)
}

fn jwt_len(b: &[u8]) -> Option<usize> {
    if !b.starts_with(b"eyJ") {
        return None;
    }
    let n = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')))
        .unwrap_or(b.len());
    (b[..n].iter().filter(|c| **c == b'.').count() == 2).then_some(n)
}

/// What an AWS CLI error must also say in cogtok's: the service's error code, the options it
/// names, and its kind of error. Words, not sentences: cogtok words its one line its own way.
fn gist(aws_stderr: &str) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(rest) = aws_stderr.split("An error occurred (").nth(1) {
        if let Some(code) = rest.split(')').next() {
            words.push(code.to_string());
        }
    }
    for phrase in ["Parameter validation failed", "Invalid JSON"] {
        if aws_stderr.contains(phrase) {
            words.push(phrase.to_string());
        }
    }
    // `Invalid choice: 'no-such-command'` names the value; `argument --x: Invalid choice, …`
    // the option (taken below).
    match aws_stderr.split("Invalid choice: '").nth(1) {
        Some(rest) => words.push(rest.split('\'').next().unwrap_or_default().to_string()),
        // An unknown command: cogtok says so in those words.
        None if aws_stderr.contains("argument operation: Invalid choice") => words.push("command".to_string()),
        None if aws_stderr.contains("Invalid choice") => words.push("Invalid choice".to_string()),
        None => {}
    }
    // The options named on the error line (not those of the usage lines argparse prints).
    for line in aws_stderr
        .lines()
        .filter(|l| !l.starts_with("usage:") && !l.starts_with("  "))
    {
        for w in line.split(|c: char| c.is_whitespace() || ",:'\"()".contains(c)) {
            if w.len() > 2 && w.starts_with("--") && !words.iter().any(|x| x == w) {
                words.push(w.to_string());
            }
        }
    }
    words
}

// ---------------------------------------------------------------------------------------------
// Running the cases

/// What the cases refer to: made once, before any case, with the bootstrap's admin keys.
struct World {
    moto: Moto,
    upstream: SocketAddr,
    vars: Vec<(String, String)>,
    access_token: String,
}

/// One tool's run of one case.
struct Run {
    out: Output,
    sent: Vec<Recorded>,
}

#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Aws,
    Cogtok,
}

impl World {
    fn setup() -> World {
        let moto = Moto::start_enforcing();
        let upstream = SocketAddr::from(([127, 0, 0, 1], moto.port));
        let pool = moto.create_pool("parity", false);
        let admin = |args: &[&str]| -> Value {
            let out = aws_cli(&moto, &moto.admin)
                .args(["--endpoint-url", &moto.url, "cognito-idp"])
                .args(args)
                .run()
                .success();
            if out.stdout.trim().is_empty() {
                Value::Null
            } else {
                out.json()
            }
        };
        let p = pool.user_pool_id.clone();
        let second = moto.create_pool("parity-two", false);
        for (user, extra) in [
            ("alice@example.com", "Name=name,Value=Alice Liddell"),
            ("bob@example.com", "Name=name,Value=Bob Müller"),
            ("carol@example.com", "Name=name,Value=碳 Carol"),
        ] {
            admin(&[
                "admin-create-user",
                "--user-pool-id",
                &p,
                "--username",
                user,
                "--message-action",
                "SUPPRESS",
                "--user-attributes",
                &format!("Name=email,Value={user}"),
                "Name=email_verified,Value=true",
                extra,
            ]);
            moto.set_permanent_password(&pool, user, PASSWORD);
        }
        admin(&[
            "create-group",
            "--user-pool-id",
            &p,
            "--group-name",
            "admins",
            "--description",
            "The admins",
            "--precedence",
            "1",
        ]);
        admin(&["create-group", "--user-pool-id", &p, "--group-name", "readers"]);
        for (user, group) in [
            ("alice@example.com", "admins"),
            ("bob@example.com", "admins"),
            ("bob@example.com", "readers"),
        ] {
            admin(&[
                "admin-add-user-to-group",
                "--user-pool-id",
                &p,
                "--username",
                user,
                "--group-name",
                group,
            ]);
        }
        let auth = admin(&[
            "admin-initiate-auth",
            "--user-pool-id",
            &p,
            "--client-id",
            &pool.client_id,
            "--auth-flow",
            "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters",
            &format!("USERNAME=alice@example.com,PASSWORD={PASSWORD}"),
        ]);
        let access_token = auth["AuthenticationResult"]["AccessToken"]
            .as_str()
            .expect("AccessToken")
            .to_string();
        let vars = vec![
            ("{pool}".to_string(), p.clone()),
            ("{pool2}".to_string(), second.user_pool_id.clone()),
            ("{client}".to_string(), pool.client_id.clone()),
            ("{client2}".to_string(), second.client_id.clone()),
            ("{password}".to_string(), PASSWORD.to_string()),
        ];
        World {
            moto,
            upstream,
            vars,
            access_token,
        }
    }

    /// The case's text with the placeholders filled in for `tool`.
    fn fill(&self, text: &str, tool: Tool, case: &Case, proxy: &str, dir: &Path) -> String {
        let mut s = text.to_string();
        for (k, v) in &self.vars {
            s = s.replace(k, v);
        }
        s = s
            .replace("{access}", &self.access_token)
            .replace("{endpoint}", proxy)
            .replace("{twin}", &twin(tool, case));
        while let Some(start) = s.find("{file:") {
            let end = start + s[start..].find('}').expect("{file:NAME}");
            let name = &s[start + 6..end];
            s = format!("{}{}{}", &s[..start], dir.join(name).display(), &s[end + 1..]);
        }
        s
    }

    fn run(&self, table: &Table, case: &Case, tool: Tool) -> Run {
        let proxy = Proxy::start(self.upstream);
        let dir = common::temp_dir();
        for (name, body) in &table.files {
            fs::write(dir.join(name), self.fill(body, tool, case, &proxy.url, &dir)).unwrap();
        }
        let config = match &case.config {
            Some(name) => self.fill(
                table
                    .configs
                    .get(name)
                    .unwrap_or_else(|| panic!("line {}: no [config {name}]", case.line)),
                tool,
                case,
                &proxy.url,
                &dir,
            ),
            None => "[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n".to_string(),
        };
        fs::write(dir.join("config"), config).unwrap();
        fs::write(dir.join("credentials"), "").unwrap();
        if case.twin_user {
            let user = twin(tool, case);
            aws_cli(&self.moto, &self.moto.admin)
                .args(["--endpoint-url", &self.moto.url, "cognito-idp", "admin-create-user"])
                .args([
                    "--user-pool-id",
                    &self.vars[0].1,
                    "--username",
                    &user,
                    "--message-action",
                    "SUPPRESS",
                ])
                .arg("--user-attributes")
                .arg(format!("Name=email,Value={user}"))
                .run()
                .success();
        }
        let argv: Vec<String> = case
            .argv
            .iter()
            .map(|a| self.fill(a, tool, case, &proxy.url, &dir))
            .collect();
        let mut cmd: TestCommand = match tool {
            Tool::Aws => {
                let mut c = TestCommand::new(common::venv().join("bin").join("aws"));
                if !case.no_endpoint {
                    c.args(["--endpoint-url", &proxy.url]);
                }
                c.arg("cognito-idp");
                c
            }
            Tool::Cogtok => {
                let mut c = cogtok();
                if !case.no_endpoint {
                    c.args(["--endpoint-url", &proxy.url]);
                }
                c
            }
        };
        cmd.args(&argv)
            .env("AWS_CONFIG_FILE", dir.join("config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("AWS_PAGER", "")
            .env("NO_PROXY", "*")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_MAX_ATTEMPTS", "1")
            .current_dir(&dir);
        if !case.no_keys {
            cmd.keys(&self.moto.admin);
        }
        for (k, v) in &case.env {
            cmd.env(k, self.fill(v, tool, case, &proxy.url, &dir));
        }
        let out = cmd.run();
        let sent = proxy.finish();
        let _ = fs::remove_dir_all(&dir);
        Run { out, sent }
    }
}

/// The twin user of a case: the same length for both tools.
fn twin(tool: Tool, case: &Case) -> String {
    let who = if tool == Tool::Aws { "pa" } else { "pc" };
    format!("{who}{:04}@example.com", case.line)
}

/// Compares one case's two runs; the differences, empty when they agree.
fn compare(case: &Case, theirs: &Run, ours: &Run) -> Vec<String> {
    let mut diffs = Vec::new();
    // cogtok's twin rewritten as the AWS CLI's, then the volatile values masked in both.
    let (a, b) = (twin(Tool::Aws, case), twin(Tool::Cogtok, case));
    let norm = |s: &str| mask(&s.replace(&b, &a));
    let (their_out, our_out) = (norm(&theirs.out.stdout), norm(&ours.out.stdout));
    if their_out != our_out {
        diffs.push(format!(
            "stdout differs:\n--- aws ---\n{their_out}--- cogtok ---\n{our_out}---"
        ));
    }
    let want = v1_to_v2(theirs.out.code, &theirs.sent, &theirs.out.stderr);
    if want != ours.out.code {
        diffs.push(format!(
            "exit code: aws {} (v2: {want}), cogtok {}",
            theirs.out.code, ours.out.code
        ));
    }
    if theirs.out.code != 0 {
        let missing: Vec<String> = gist(&theirs.out.stderr)
            .into_iter()
            .filter(|w| !ours.out.stderr.to_lowercase().contains(&w.to_lowercase()))
            .collect();
        if !missing.is_empty() {
            diffs.push(format!("stderr gist {missing:?} missing"));
        }
    } else if ours.out.code == 0 && !ours.out.stderr.is_empty() && theirs.out.stderr.is_empty() {
        diffs.push(format!("cogtok wrote to stderr: {}", ours.out.stderr));
    }
    // The requests: same operations in the same order, signed alike, the same JSON bodies (key
    // order aside: botocore's follows the order the parameters were given in, which is no
    // contract; serde_json's maps compare as maps).
    let requests = |r: &Run| -> Vec<(String, bool, Value)> {
        r.sent
            .iter()
            .map(|q| {
                let body = q.body.replace(&b, &a);
                let v = serde_json::from_str(&body).unwrap_or(Value::String(body));
                (q.target.clone(), q.signed, v)
            })
            .collect()
    };
    let (rt, ro) = (requests(theirs), requests(ours));
    if rt != ro {
        diffs.push(format!(
            "requests differ:\n--- aws ---\n{rt:#?}\n--- cogtok ---\n{ro:#?}"
        ));
    }
    diffs
}

#[derive(Default)]
struct Tally {
    cases: usize,
    identical: usize,
    deliberate: usize,
    failed: usize,
}

#[test]
fn the_aws_cli_and_cogtok_agree_case_by_case() {
    let table = parse_table(CASES);
    let only = std::env::var("PARITY_ONLY").ok();
    let world = World::setup();
    let (reads, writes): (Vec<&Case>, Vec<&Case>) = table.cases.iter().partition(|c| !c.mutating(&table.files));
    let results: Mutex<Vec<(Case, Vec<String>)>> = Mutex::new(Vec::new());
    for phase in [reads, writes] {
        let next = AtomicUsize::new(0);
        thread::scope(|s| {
            for _ in 0..WORKERS {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(case) = phase.get(i) else { break };
                    if only
                        .as_deref()
                        .is_some_and(|o| !o.split(',').any(|n| n == case.line.to_string()))
                    {
                        continue;
                    }
                    let theirs = world.run(&table, case, Tool::Aws);
                    let ours = world.run(&table, case, Tool::Cogtok);
                    let mut diffs = compare(case, &theirs, &ours);
                    if !diffs.is_empty() {
                        diffs.push(format!("--- aws ---\n{}", theirs.out.describe()));
                        diffs.push(format!("--- cogtok ---\n{}", ours.out.describe()));
                    }
                    results.lock().unwrap().push(((*case).clone(), diffs));
                });
            }
        });
    }
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(c, _)| c.line);
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut report = String::new();
    for (case, diffs) in &results {
        let t = tally.entry(case.category.clone()).or_default();
        t.cases += 1;
        match (&case.deliberate, diffs.is_empty()) {
            (None, true) => t.identical += 1,
            (Some(why), false) => {
                t.deliberate += 1;
                let _ = writeln!(
                    report,
                    "deliberate (line {}, {why}): {}",
                    case.line,
                    case.argv.join(" ")
                );
            }
            (Some(why), true) => {
                t.failed += 1;
                let _ = writeln!(
                    report,
                    "FAIL line {}: marked deliberate ({why}) but now identical: unmark it",
                    case.line
                );
            }
            (None, false) => {
                t.failed += 1;
                let _ = writeln!(
                    report,
                    "FAIL line {} [{}]:\n{}\n",
                    case.line,
                    case.category,
                    diffs.join("\n")
                );
            }
        }
    }
    let mut figures = String::from("| category | cases | identical | deliberate differences |\n|---|---|---|---|\n");
    let mut total = Tally::default();
    for (name, t) in &tally {
        let _ = writeln!(figures, "| {name} | {} | {} | {} |", t.cases, t.identical, t.deliberate);
        total.cases += t.cases;
        total.identical += t.identical;
        total.deliberate += t.deliberate;
        total.failed += t.failed;
    }
    let _ = writeln!(
        figures,
        "| all | {} | {} | {} |",
        total.cases, total.identical, total.deliberate
    );
    println!("{report}\n{figures}");
    assert_eq!(total.failed, 0, "{} case(s) failed:\n{report}", total.failed);
    if only.is_none() {
        assert!(
            total.cases >= 300,
            "the suite has {} cases, fewer than 300",
            total.cases
        );
    }
}

#[test]
fn exit_codes_map_from_v1_to_v2() {
    let ok = Recorded {
        target: String::new(),
        signed: true,
        headers: Vec::new(),
        body: String::new(),
        status: 200,
    };
    let err = Recorded {
        status: 400,
        ..ok.clone()
    };
    assert_eq!(v1_to_v2(0, std::slice::from_ref(&ok), ""), 0);
    assert_eq!(
        v1_to_v2(2, &[], "aws: error: the following arguments are required"),
        252
    );
    assert_eq!(v1_to_v2(255, &[err], "An error occurred (UserNotFoundException)"), 254);
    assert_eq!(v1_to_v2(255, &[ok], "In function length(), invalid type"), 255);
    assert_eq!(v1_to_v2(255, &[], "Parameter validation failed:"), 252);
    assert_eq!(v1_to_v2(255, &[], "You must specify a region."), 253);
    assert_eq!(
        v1_to_v2(
            255,
            &[],
            "Could not connect to the endpoint URL: \"http://127.0.0.1:9/\""
        ),
        255
    );
    assert_eq!(
        gist("aws: error: argument operation: Invalid choice: 'nope', maybe"),
        ["nope"]
    );
    assert_eq!(
        gist("\nAn error occurred (UserNotFoundException) when calling the AdminGetUser operation: x"),
        ["UserNotFoundException"]
    );
}

#[test]
fn masking_keeps_lengths_and_types() {
    let s = r#"{"UserCreateDate": "2024-05-01T12:34:56.123000+00:00", "sub": "0f8fad5b-d9cb-469f-a165-70867728950e", "T": "eyJa.b-c.d_e"}"#;
    let m = mask(s);
    assert_eq!(m.len(), s.len());
    assert!(m.contains("\"9999-99-99T99:99:99.999999+99:99\""), "{m}");
    assert!(m.contains(&format!("\"{}\"", "u".repeat(36))), "{m}");
    assert!(m.contains("\"tttttttttttt\""), "{m}");
    assert_eq!(shell_words(r#"a 'b c' "d\"e" f\ g"#), ["a", "b c", "d\"e", "f g"]);
}
