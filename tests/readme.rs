//! The README as a test: its links and paths exist, and its shell examples run as shown.
//!
//! - Every relative Markdown link of the README (and of the repository's other top-level docs)
//!   points at a file or heading that exists, and every repository path the README names in
//!   backticks (`tests/support/demo.sh`, `tools/*_vectors.py`) exists.
//! - Every ```` ```sh ```` block of the README runs, in order, as a reader would run them in one
//!   shell: each in `bash -euo pipefail`, in the repository's root, starting from the variables
//!   the blocks before it set (run with `set -a`, so that `export -p` carries them), with the built binary and `.venv/bin` on PATH, a fresh HOME
//!   shared by all blocks, and no AWS or COGTOK variables from outside. The blocks start the demo
//!   server themselves (`eval "$(make -s demo-server)"`); it is stopped at the end.
//! - A block after `<!-- not run: REASON -->` is not run (the reason is required).
//! - A block after `<!-- readme-test: exit=N [server=…] -->` (Troubleshooting) must exit with N
//!   and print on stderr exactly the ```` ```text ```` block that follows it (the fresh HOME is
//!   written `~`). It runs on a copy of the state, so what it unsets stays set. `server=plain-moto`
//!   runs it against a moto as it ships, enforcing signatures (tests/common), with the same pool
//!   layout, user and password; `server=recorded:PATH` against a local server that answers
//!   every request with the last answer of the recorded exchange at PATH.

mod common;

use common::{repo_root, temp_dir, Moto, TestCommand};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

const README: &str = "README.md";

/// A fenced block of the README.
#[derive(Debug)]
struct Block {
    /// The info string after the opening fence (`sh`, `text`, ``).
    info: String,
    body: String,
    /// 1-based line of the opening fence.
    line: usize,
    /// The `<!-- … -->` comment on the line right before the fence, without its markers.
    directive: Option<String>,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let lines: Vec<&str> = markdown.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let directive = i
            .checked_sub(1)
            .map(|p| lines[p].trim())
            .and_then(|l| l.strip_prefix("<!--"))
            .and_then(|l| l.strip_suffix("-->"))
            .map(|d| d.trim().to_string());
        let start = i;
        i += 1;
        let mut body = String::new();
        while i < lines.len() && !lines[i].starts_with("```") {
            body.push_str(lines[i]);
            body.push('\n');
            i += 1;
        }
        assert!(i < lines.len(), "README line {}: the block is never closed", start + 1);
        out.push(Block {
            info: info.trim().to_string(),
            body,
            line: start + 1,
            directive,
        });
        i += 1;
    }
    out
}

/// What the test does with a `sh` block.
#[derive(Debug)]
enum Plan {
    Run,
    NotRun,
    /// Exit code, server, and the stderr quoted in the `text` block after it.
    Fails {
        exit: i32,
        server: Server,
        stderr: String,
    },
}

#[derive(Debug)]
enum Server {
    Demo,
    PlainMoto,
    Recorded(PathBuf),
}

fn plan(all: &[Block], at: usize) -> Plan {
    let block = &all[at];
    let Some(d) = &block.directive else { return Plan::Run };
    if let Some(reason) = d.strip_prefix("not run:") {
        assert!(
            !reason.trim().is_empty(),
            "README line {}: `not run:` without a reason",
            block.line
        );
        return Plan::NotRun;
    }
    let Some(spec) = d.strip_prefix("readme-test:") else {
        panic!("README line {}: unknown comment before a sh block: {d:?}", block.line);
    };
    let (mut exit, mut server) = (None, Server::Demo);
    for word in spec.split_whitespace() {
        match word.split_once('=') {
            Some(("exit", n)) => exit = Some(n.parse().expect("exit=N")),
            Some(("server", "plain-moto")) => server = Server::PlainMoto,
            Some(("server", s)) if s.starts_with("recorded:") => {
                server = Server::Recorded(repo_root().join(&s["recorded:".len()..]))
            }
            _ => panic!("README line {}: unknown readme-test setting {word:?}", block.line),
        }
    }
    let quoted = all
        .get(at + 1)
        .filter(|b| b.info == "text")
        .unwrap_or_else(|| panic!("README line {}: no ```text block with the message after it", block.line));
    Plan::Fails {
        exit: exit.unwrap_or_else(|| panic!("README line {}: readme-test without exit=N", block.line)),
        server,
        stderr: quoted.body.trim_end().to_string(),
    }
}

/// The reader's shell: a HOME, a work directory for the scripts, and the exported state.
struct Shell {
    home: PathBuf,
    dir: PathBuf,
    state: PathBuf,
    path: String,
    demo_dir: PathBuf,
    step: usize,
}

impl Shell {
    fn new() -> Shell {
        let dir = temp_dir();
        let home = dir.join("home");
        fs::create_dir(&home).unwrap();
        let state = dir.join("state.sh");
        fs::write(&state, "").unwrap();
        let bin = Path::new(env!("CARGO_BIN_EXE_cogtok")).parent().unwrap().to_path_buf();
        let venv_bin = common::venv().join("bin");
        let outer = std::env::var("PATH").unwrap_or_default();
        Shell {
            home,
            state,
            path: format!("{}:{}:{outer}", bin.display(), venv_bin.display()),
            demo_dir: dir.join("demo-server"),
            dir,
            step: 0,
        }
    }

    /// Run `body` after the state and `prelude`; with `save`, its exported variables become
    /// the state.
    fn run(&mut self, body: &str, prelude: &str, save: bool) -> common::Output {
        self.step += 1;
        let script = self.dir.join(format!("block-{}.sh", self.step));
        let new_state = self.dir.join("state.new.sh");
        // `set -a`: every variable a block sets is exported, so that `export -p` carries it to
        // the next block, as a reader's shell keeps `SESSION=$(…)` without an export.
        let mut text = format!("set -a\nsource '{}'\n{prelude}\n{body}\n", self.state.display());
        if save {
            text.push_str(&format!("export -p > '{}'\n", new_state.display()));
        }
        fs::write(&script, text).unwrap();
        let out = TestCommand::new("bash")
            .args(["-euo", "pipefail"])
            .arg(&script)
            .env("PATH", &self.path)
            .env("HOME", &self.home)
            .env("LANG", "C.UTF-8")
            // Belt and braces: the demo server's exports turn instance metadata off too, and a
            // test must never send a packet to 169.254.169.254.
            .env("AWS_EC2_METADATA_DISABLED", "true")
            // Where `make demo-server` keeps its state: not the checkout's .tmp/, which a
            // reader's own demo server may be using.
            .env("DEMO_DIR", &self.demo_dir)
            .current_dir(repo_root())
            .timeout(Duration::from_secs(60))
            .run();
        if save && out.code == 0 {
            fs::rename(&new_state, &self.state).unwrap();
        }
        out
    }

    /// A variable of the state ("" when unset).
    fn var(&mut self, name: &str) -> String {
        let out = self.run(&format!("printf %s \"${{{name}-}}\""), "", false);
        assert_eq!(out.code, 0, "{}", out.describe());
        out.stdout
    }
}

impl Drop for Shell {
    /// Stops the demo server the blocks started, whatever happened.
    fn drop(&mut self) {
        let out = TestCommand::new("bash")
            .arg(repo_root().join("tests/support/demo.sh"))
            .arg("--stop")
            .env("DEMO_DIR", &self.demo_dir)
            .run();
        if out.code != 0 {
            eprintln!("stopping the demo server failed:\n{}", out.describe());
        }
        if !thread::panicking() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A local server answering every request with the last answer of a recorded exchange
/// (fixtures/exchanges/…): status, headers and JSON body as Cognito sent them.
fn recorded_server(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let answer = &fixture["exchanges"]
        .as_array()
        .and_then(|a| a.last())
        .expect("exchanges")["response"];
    let body = answer["body"].to_string();
    let mut head = format!("HTTP/1.1 {} Recorded\r\n", answer["status"].as_u64().expect("status"));
    for (k, v) in answer["headers"].as_object().expect("headers") {
        head.push_str(&format!("{k}: {}\r\n", v.as_str().unwrap()));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    let response = head + &body;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = reader.get_mut().write_all(response.as_bytes());
        }
    });
    url
}

#[test]
fn readme_shell_examples_run_as_shown() {
    let readme = fs::read_to_string(repo_root().join(README)).unwrap();
    let all = blocks(&readme);
    let mut shell = Shell::new();
    let (mut ran, mut checked) = (0, 0);
    // Servers started for single blocks live until the end of the test.
    let mut motos = Vec::new();
    for at in 0..all.len() {
        let block = &all[at];
        if block.info.split_whitespace().next() != Some("sh") {
            continue;
        }
        let shown = format!("README line {}:\n```sh\n{}```", block.line, block.body);
        match plan(&all, at) {
            Plan::NotRun => {}
            Plan::Run => {
                let out = shell.run(&block.body, "", true);
                if out.code != 0 {
                    panic!("this example failed:\n{shown}\n{}", out.describe());
                }
                ran += 1;
                if block.body.contains("demo-server") && shell.var("AWS_ENDPOINT_URL").is_empty() {
                    panic!(
                        "the demo server did not start: no AWS_ENDPOINT_URL after\n{shown}\n{}",
                        out.describe()
                    );
                }
            }
            Plan::Fails { exit, server, stderr } => {
                let prelude = match server {
                    Server::Demo => String::new(),
                    Server::PlainMoto => {
                        let moto = Moto::start_enforcing();
                        let pool = moto.create_pool("readme", false);
                        let (user, password) = (shell.var("TEST_USER"), shell.var("NEW"));
                        assert!(!user.is_empty(), "no TEST_USER from the story for {shown}");
                        moto.create_user(&pool, &user, "Readme-Temp0rary!");
                        moto.set_permanent_password(&pool, &user, &password);
                        let prelude = format!(
                            "export AWS_ENDPOINT_URL='{}' POOL='{}' CLIENT='{}' \
                             AWS_ACCESS_KEY_ID='{}' AWS_SECRET_ACCESS_KEY='{}'",
                            moto.url,
                            pool.user_pool_id,
                            pool.client_id,
                            moto.admin.access_key_id,
                            moto.admin.secret_access_key
                        );
                        motos.push(moto);
                        prelude
                    }
                    Server::Recorded(path) => format!("export AWS_ENDPOINT_URL='{}'", recorded_server(&path)),
                };
                let out = shell.run(&block.body, &prelude, false);
                let home = shell.home.display().to_string();
                let got = out.stderr.trim_end().replace(&home, "~");
                if out.code != exit || got != stderr {
                    panic!(
                        "this example should exit {exit} and print the message quoted after it:\n\
                         {shown}\nquoted:  {stderr}\nprinted: {got}\n{}",
                        out.describe()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(
        ran >= 7 && checked >= 5,
        "only {ran} examples run and {checked} messages checked"
    );
}

// ---------------------------------------------------------------------------------------------
// Links and paths

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The relative link targets of a Markdown text, outside code blocks: `[text](target)`.
fn links(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out.retain(|t| !t.contains("://") && !t.starts_with("mailto:"));
    out
}

#[test]
fn relative_links_point_at_files_and_headings_that_exist() {
    let root = repo_root();
    for doc in [
        "README.md",
        "ARCHITECTURE.md",
        "fixtures/README.md",
        "fixtures/aws-models/README.md",
    ] {
        let path = root.join(doc);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{doc}: {e}"));
        for target in links(&text) {
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file_path = if file.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(file)
            };
            assert!(
                file_path.exists(),
                "{doc} links to {target}, and {} is not in the repository",
                file_path.display()
            );
            if !fragment.is_empty() && file_path.extension().is_some_and(|e| e == "md") {
                let linked = fs::read_to_string(&file_path).unwrap();
                let found = linked
                    .lines()
                    .filter_map(|l| l.strip_prefix('#'))
                    .any(|h| anchor(h.trim_start_matches('#')) == fragment);
                assert!(found, "{doc} links to {target}: no heading with that anchor");
            }
        }
    }
}

/// `*` in a path component matches any run of characters.
fn wildcard(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.starts_with(head) && (0..=name.len() - head.len()).any(|i| wildcard(tail, &name[head.len() + i..]))
        }
    }
}

fn exists(root: &Path, path: &str) -> bool {
    let mut dirs = vec![root.to_path_buf()];
    for part in path.trim_end_matches('/').split('/') {
        let mut next = Vec::new();
        for dir in &dirs {
            if part.contains('*') {
                for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                    if wildcard(part, &entry.file_name().to_string_lossy()) {
                        next.push(entry.path());
                    }
                }
            } else if dir.join(part).exists() {
                next.push(dir.join(part));
            }
        }
        dirs = next;
    }
    !dirs.is_empty()
}

#[test]
fn paths_the_readme_names_exist() {
    let root = repo_root();
    let readme = fs::read_to_string(root.join(README)).unwrap();
    // What is not in the repository but made by the build or `make`: git-ignored.
    let ignored: Vec<String> = fs::read_to_string(root.join(".gitignore"))
        .unwrap()
        .lines()
        .map(|l| l.trim().trim_matches('/').to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let file_name = |t: &str| {
        t.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && stem.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
                && [
                    "md", "rs", "py", "sh", "toml", "json", "lock", "txt", "ld", "yml", "yaml",
                ]
                .contains(&ext)
        })
    };
    let mut named = 0;
    for token in readme.split('`').skip(1).step_by(2) {
        if token.is_empty() || token.contains(char::is_whitespace) || token.contains("://") {
            continue;
        }
        let first = token.split('/').next().unwrap();
        // A path inside the repository: its first part is a top-level entry that is not
        // ignored (`src/…`, `tests/`), or a bare file name (`ARCHITECTURE.md`).
        let in_repo = if token.contains('/') {
            !first.is_empty()
                && !first.starts_with(['$', '~', '-'])
                && !ignored.iter().any(|i| i == first)
                && root.join(first).exists()
        } else {
            file_name(token)
        };
        if in_repo {
            named += 1;
            assert!(
                exists(&root, token),
                "README names `{token}`, which is not in the repository"
            );
        }
    }
    assert!(
        named >= 20,
        "only {named} repository paths found in the README: is the scan broken?"
    );
}

#[test]
fn the_scanners_see_what_they_should() {
    assert!(wildcard("*_vectors.py", "srp_vectors.py") && !wildcard("*_vectors.py", "srp.py"));
    assert_eq!(
        anchor(" Raw commands: a drop-in for `aws cognito-idp`"),
        "raw-commands-a-drop-in-for-aws-cognito-idp"
    );
    assert_eq!(
        links("see [x](A.md#b) and [y](https://e.com) `[z](c)`"),
        ["A.md#b", "c"]
    );
    let b = blocks("<!-- not run: why -->\n```sh\necho\n```\n");
    assert_eq!(b[0].directive.as_deref(), Some("not run: why"));
}
