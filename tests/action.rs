//! The GitHub Action (`action.yml`), run outside GitHub the way a runner runs a composite
//! action: its steps are read from action.yml (parsed by PyYAML from .venv), each `shell: bash`
//! step's `run:` script runs in bash with the step's `env:` (its `${{ inputs.* }}`,
//! `${{ runner.* }}` and `${{ steps.*.outputs.* }}` expressions evaluated here), a
//! GITHUB_OUTPUT file per step, GITHUB_ENV, GITHUB_PATH (whose folders go on PATH for the steps
//! after), RUNNER_OS=Linux, RUNNER_ARCH=X64, RUNNER_TOOL_CACHE and RUNNER_TEMP; the action's
//! outputs are then evaluated from the steps' outputs. The one `uses:` step (actions/cache) is
//! not run: the install script's own tool-cache lookup (a kept tarball, checked again) stands
//! for a cache hit.
//!
//! - action.yml takes every input through `env:` only (no `${{ }}` in a `run:` script), maps
//!   the outputs, and installs the version Cargo.toml says;
//! - the install step downloads from a release folder (file://) laid out as `make release`
//!   lays it out (the binary is `COGTOK_STATIC_BIN` when set, as `make test` sets it, else the
//!   binary cargo built), verifies the tarball against SHA256SUMS and refuses a tampered one or
//!   one without a checksum, refuses a bad version or a runner it has no binary for, and uses
//!   the tool cache's tarball for a version it already has, checked again (one changed in the
//!   cache is refused and replaced);
//! - the login step signs in at a moto on 127.0.0.1 (checking SigV4 and IAM) and the token step
//!   at a GetClientToken stand-in on 127.0.0.1; the outputs id-token, access-token and
//!   expires-at are the tokens; every secret input and every token has its `::add-mask::` line
//!   in the log and appears nowhere else in it; and no sign-in input (the ten the action
//!   documents) is ever in the argument list of a process of the run: every process carrying
//!   the run's marker variable has its `/proc/<pid>/cmdline` read in a loop while the steps run,
//!   and a `cogtok` shim first on PATH records the exact argv the action gives cogtok.

mod common;

use common::fake_http::{status, FakeServer, Reply};
use common::{jwt_claims, repo_root, temp_dir, venv, Moto, TestCommand};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const TARGET: &str = "x86_64-unknown-linux-musl";
/// The inputs that carry what a sign-in needs (issue 17's list): none of their values may be in
/// a process's argument list. `command`, `export`, `version` and `release-url` choose what runs
/// and from where; they are not in this list (`login`, a version number and the release folder
/// are on command lines by design).
const SIGN_IN_INPUTS: [&str; 10] = [
    "user-pool-id",
    "client-id",
    "username",
    "password",
    "client-secret",
    "totp-secret",
    "flow",
    "scope",
    "region",
    "endpoint-url",
];
/// The inputs that are secrets: masked by the action, never in the log otherwise.
const SECRET_INPUTS: [&str; 3] = ["password", "client-secret", "totp-secret"];

/// Writes past libtest's capture: what must be seen even when the test passes.
fn loud(message: &str) {
    let _ = writeln!(std::io::stderr(), "action: {message}");
}

// ---------------------------------------------------------------------------------------------
// action.yml

/// action.yml as JSON, parsed by PyYAML (in .venv through moto).
fn action() -> Value {
    let out = TestCommand::new(venv().join("bin").join("python"))
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
        ])
        .arg(repo_root().join("action.yml"))
        .run()
        .success();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("action.yml as JSON: {e}\n{}", out.describe()))
}

fn steps(action: &Value) -> &Vec<Value> {
    assert_eq!(action["runs"]["using"], "composite", "action.yml: runs.using");
    action["runs"]["steps"].as_array().expect("action.yml: runs.steps")
}

#[test]
fn action_yml_takes_inputs_through_env_only() {
    let action = action();
    let inputs = action["inputs"].as_object().expect("inputs");
    for name in SIGN_IN_INPUTS
        .iter()
        .chain(&["command", "export", "version", "release-url"])
    {
        assert!(inputs.contains_key(*name), "action.yml has no input {name}");
        assert!(
            inputs[*name]["description"].as_str().is_some_and(|d| !d.is_empty()),
            "input {name} has no description"
        );
    }
    assert_eq!(
        inputs["version"]["default"], VERSION,
        "action.yml's default version must be Cargo.toml's: a release tags both"
    );
    for (output, from) in [
        ("id-token", "id_token"),
        ("access-token", "access_token"),
        ("expires-at", "expires_at"),
    ] {
        assert_eq!(
            action["outputs"][output]["value"],
            format!("${{{{ steps.run.outputs.{from} }}}}"),
            "output {output}"
        );
    }
    let mut used = Vec::new();
    for step in steps(&action) {
        if let Some(uses) = step["uses"].as_str() {
            assert!(uses.starts_with("actions/cache@"), "an unexpected action: {uses}");
            continue;
        }
        assert_eq!(step["shell"], "bash", "{step}");
        let run = step["run"].as_str().expect("run");
        // An expression in the script text is expanded before bash sees it: an input's value
        // would become shell code. Values go through env: only.
        assert!(!run.contains("${{"), "a run: script with an expression in it: {run:?}");
        let script = run
            .strip_prefix("bash \"$GITHUB_ACTION_PATH/")
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or_else(|| panic!("a run: that is not one of the action's scripts: {run:?}"));
        let text = fs::read_to_string(repo_root().join(script)).unwrap_or_else(|e| panic!("{script}: {e}"));
        assert!(
            text.contains("\nset -euo pipefail\n"),
            "{script} lacks set -euo pipefail"
        );
        for value in step["env"].as_object().into_iter().flat_map(|m| m.values()) {
            let value = value.as_str().unwrap_or_default();
            if let Some(name) = value.strip_prefix("${{ inputs.").and_then(|v| v.strip_suffix(" }}")) {
                used.push(name.to_string());
            }
        }
    }
    for name in inputs.keys() {
        assert!(
            used.contains(name),
            "input {name} reaches no step's env: (it would be silently ignored)"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A release folder and a runner

/// The binary the release folder ships: `make static`'s when `make test` gives it.
fn release_binary() -> PathBuf {
    match std::env::var_os("COGTOK_STATIC_BIN") {
        Some(p) if !p.is_empty() => {
            let p = PathBuf::from(p);
            assert!(p.is_file(), "COGTOK_STATIC_BIN={} is not a file", p.display());
            p
        }
        _ => {
            loud("COGTOK_STATIC_BIN is not set: the release folder ships the binary cargo built");
            PathBuf::from(env!("CARGO_BIN_EXE_cogtok"))
        }
    }
}

/// `<dir>/v<version>/` as `make release` lays it out for x86_64 (tools/release.sh): the tarball
/// with a folder of its own name holding cogtok, README.md and the licences, and SHA256SUMS
/// (with a line for another target too). Returns the `release-url` (file://…).
fn release_folder(dir: &Path, binary: &Path) -> String {
    let name = format!("cogtok-{VERSION}-{TARGET}");
    let stage = dir.join("stage").join(&name);
    fs::create_dir_all(&stage).unwrap();
    fs::copy(binary, stage.join("cogtok")).unwrap();
    fs::set_permissions(stage.join("cogtok"), fs::Permissions::from_mode(0o755)).unwrap();
    for doc in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        fs::copy(repo_root().join(doc), stage.join(doc)).unwrap();
    }
    let versioned = dir.join("releases").join(format!("v{VERSION}"));
    fs::create_dir_all(&versioned).unwrap();
    TestCommand::new("tar")
        .arg("-czf")
        .arg(versioned.join(format!("{name}.tar.gz")))
        .arg("-C")
        .arg(dir.join("stage"))
        .arg(&name)
        .run()
        .success();
    write_sums(&versioned);
    format!("file://{}", dir.join("releases").display())
}

/// SHA256SUMS over the folder's tarballs, plus a line for a target not built here.
fn write_sums(versioned: &Path) {
    let out = TestCommand::new("sh")
        .args(["-c", "sha256sum -- *.tar.gz"])
        .current_dir(versioned)
        .run()
        .success();
    let other = format!(
        "{}  cogtok-{VERSION}-aarch64-unknown-linux-musl.tar.gz\n",
        "ab".repeat(32)
    );
    fs::write(versioned.join("SHA256SUMS"), format!("{}{other}", out.stdout)).unwrap();
}

/// One run of the action's steps.
struct ActionRun {
    /// Each step's id (or its name) and its exit code; None when skipped or not run (`uses:`).
    steps: Vec<(String, Option<i32>)>,
    outputs: BTreeMap<String, String>,
    /// Every step's stdout and stderr, as the job's log would have them (before masking).
    log: String,
    /// The argument lists of the run's processes, as /proc showed them during the run.
    argvs: Vec<Vec<String>>,
    /// What the `cogtok` shim recorded: each argv the action gave cogtok.
    cogtok_argvs: Vec<Vec<String>>,
    github_env: String,
}

/// A runner's machine: tool cache, temp folder and the job's files, kept across runs.
struct Runner {
    dir: PathBuf,
    arch: &'static str,
    os: &'static str,
}

impl Runner {
    fn new() -> Runner {
        let dir = temp_dir();
        for sub in ["tool-cache", "temp"] {
            fs::create_dir(dir.join(sub)).unwrap();
        }
        Runner {
            dir,
            arch: "X64",
            os: "Linux",
        }
    }

    /// Runs every step of action.yml with these inputs (the rest take their defaults) and, for
    /// every process, the variables of `job_env` (the workflow's `env:`).
    fn run(&self, inputs: &[(&str, &str)], job_env: &[(&str, &str)]) -> ActionRun {
        static RUNS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = RUNS.fetch_add(1, Ordering::Relaxed);
        let action = action();
        let declared = action["inputs"].as_object().unwrap();
        let mut values: HashMap<String, String> = HashMap::new();
        for (name, spec) in declared {
            values.insert(name.clone(), spec["default"].as_str().unwrap_or_default().to_string());
        }
        for (name, value) in inputs {
            assert!(declared.contains_key(*name), "action.yml has no input {name}");
            values.insert(name.to_string(), value.to_string());
        }
        let work = self.dir.join(format!("run-{n}"));
        fs::create_dir(&work).unwrap();
        let (path_file, env_file) = (work.join("github_path"), work.join("github_env"));
        fs::write(&path_file, "").unwrap();
        fs::write(&env_file, "").unwrap();
        let shim = self.cogtok_shim(&work);
        let marker = format!("{}-{n}-{}", std::process::id(), nanos());
        let watcher = Watcher::start(&marker);

        let mut run = ActionRun {
            steps: Vec::new(),
            outputs: BTreeMap::new(),
            log: String::new(),
            argvs: Vec::new(),
            cogtok_argvs: Vec::new(),
            github_env: String::new(),
        };
        let mut step_outputs: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut failed = false;
        for (i, step) in steps(&action).iter().enumerate() {
            let id = step["id"].as_str().map(str::to_string);
            let label = id.clone().unwrap_or_else(|| format!("step {i}"));
            let expand = |text: &str| self.expand(text, &values, &step_outputs);
            if step["uses"].is_string() || failed {
                run.steps.push((label, None));
                continue;
            }
            if let Some(condition) = step["if"].as_str() {
                if !condition_holds(condition, &values) {
                    run.steps.push((label, None));
                    continue;
                }
            }
            let script = work.join(format!("step-{i}.sh"));
            fs::write(&script, step["run"].as_str().unwrap()).unwrap();
            let output_file = work.join(format!("github_output-{i}"));
            fs::write(&output_file, "").unwrap();
            // GITHUB_PATH's folders come first, the latest first, as the runner puts them;
            // the shim before them all.
            let mut path: Vec<String> = fs::read_to_string(&path_file)
                .unwrap()
                .lines()
                .rev()
                .map(str::to_string)
                .collect();
            path.insert(0, shim.parent().unwrap().display().to_string());
            path.push(std::env::var("PATH").unwrap_or_default());
            let mut cmd = TestCommand::new("bash");
            cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
                .arg(&script)
                .env("PATH", path.join(":"))
                .env("GITHUB_ACTION_PATH", repo_root())
                .env("GITHUB_OUTPUT", &output_file)
                .env("GITHUB_ENV", &env_file)
                .env("GITHUB_PATH", &path_file)
                .env("GITHUB_ACTIONS", "true")
                .env("RUNNER_OS", self.os)
                .env("RUNNER_ARCH", self.arch)
                .env("RUNNER_TOOL_CACHE", self.dir.join("tool-cache"))
                .env("RUNNER_TEMP", self.dir.join("temp"))
                .env("COGTOK_ACTION_TEST_RUN", &marker)
                .env("COGTOK_SHIM_LOG", work.join("cogtok-argv"))
                .env("AWS_EC2_METADATA_DISABLED", "true")
                .env("NO_PROXY", "*")
                .current_dir(&work)
                .timeout(Duration::from_secs(120));
            for (k, v) in job_env {
                cmd.env(k, v);
            }
            // GITHUB_ENV of the steps before.
            for (k, v) in parse_github_file(&fs::read_to_string(&env_file).unwrap()) {
                cmd.env(k, v);
            }
            for (k, v) in step["env"].as_object().into_iter().flatten() {
                cmd.env(k, expand(v.as_str().unwrap_or_default()));
            }
            let out = cmd.run();
            run.log.push_str(&out.stdout);
            run.log.push_str(&out.stderr);
            run.steps.push((label, Some(out.code)));
            if let Some(id) = id {
                let outputs = parse_github_file(&fs::read_to_string(&output_file).unwrap());
                step_outputs.insert(id, outputs.into_iter().collect());
            }
            failed = out.code != 0;
        }
        run.argvs = watcher.stop();
        for (name, spec) in action["outputs"].as_object().unwrap() {
            let value = self.expand(spec["value"].as_str().unwrap(), &values, &step_outputs);
            run.outputs.insert(name.clone(), value);
        }
        run.github_env = fs::read_to_string(&env_file).unwrap();
        let shim_log = fs::read(work.join("cogtok-argv")).unwrap_or_default();
        run.cogtok_argvs = shim_log
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                l.split(|b| *b == 0)
                    .filter(|a| !a.is_empty())
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect()
            })
            .collect();
        run
    }

    /// A `cogtok` first on PATH that appends its argv (NUL-separated, one line per run) to
    /// $COGTOK_SHIM_LOG, then becomes the next `cogtok` on PATH: the installed one.
    fn cogtok_shim(&self, work: &Path) -> PathBuf {
        let dir = work.join("shim");
        fs::create_dir(&dir).unwrap();
        let shim = dir.join("cogtok");
        fs::write(
            &shim,
            "#!/usr/bin/env bash\nset -euo pipefail\n\
             { printf '%s\\0' \"$0\" \"$@\"; printf '\\n'; } >> \"$COGTOK_SHIM_LOG\"\n\
             me=\"$(dirname \"$0\")\"\n\
             PATH=\"$(printf %s \"$PATH\" | tr : '\\n' | grep -vxF \"$me\" | paste -sd:)\"\n\
             exec cogtok \"$@\"\n",
        )
        .unwrap();
        fs::set_permissions(&shim, fs::Permissions::from_mode(0o755)).unwrap();
        shim
    }

    /// Evaluates the `${{ … }}` expressions of a value: inputs, runner and step outputs.
    fn expand(
        &self,
        text: &str,
        inputs: &HashMap<String, String>,
        steps: &HashMap<String, HashMap<String, String>>,
    ) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("an unclosed ${{") + start;
            let expr = rest[start + 3..end].trim();
            let value = if let Some(name) = expr.strip_prefix("inputs.") {
                inputs.get(name).cloned().unwrap_or_else(|| panic!("no input {name}"))
            } else if let Some(path) = expr.strip_prefix("steps.") {
                let (id, output) = path.split_once(".outputs.").expect("steps.ID.outputs.NAME");
                steps.get(id).and_then(|o| o.get(output)).cloned().unwrap_or_default()
            } else {
                match expr {
                    "runner.os" => self.os.to_string(),
                    "runner.arch" => self.arch.to_string(),
                    "runner.tool_cache" => self.dir.join("tool-cache").display().to_string(),
                    "runner.temp" => self.dir.join("temp").display().to_string(),
                    _ => panic!("this test cannot evaluate ${{{{ {expr} }}}} (action.yml changed: teach it)"),
                }
            };
            out.push_str(&value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        if !thread::panicking() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn nanos() -> u32 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

/// `inputs.NAME != 'VALUE'` or `==`: the conditions action.yml uses.
fn condition_holds(condition: &str, inputs: &HashMap<String, String>) -> bool {
    let (lhs, rhs, equal) = if let Some((l, r)) = condition.split_once(" != ") {
        (l, r, false)
    } else if let Some((l, r)) = condition.split_once(" == ") {
        (l, r, true)
    } else {
        panic!("this test cannot evaluate if: {condition} (action.yml changed: teach it)")
    };
    let name = lhs.trim().strip_prefix("inputs.").expect("if: inputs.NAME …");
    let value = rhs.trim().trim_matches('\'');
    (inputs[name] == value) == equal
}

/// The `name=value` and `name<<DELIMITER … DELIMITER` entries of GITHUB_OUTPUT or GITHUB_ENV.
fn parse_github_file(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let mut value = Vec::new();
            for l in lines.by_ref() {
                if l == delimiter {
                    break;
                }
                value.push(l);
            }
            out.push((name.to_string(), value.join("\n")));
        } else if let Some((name, value)) = line.split_once('=') {
            out.push((name.to_string(), value.to_string()));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Watching /proc

/// Reads, in a loop, the argument list of every process whose environment carries
/// `COGTOK_ACTION_TEST_RUN=<marker>` (every process of one run: the step's bash, what it
/// starts, cogtok), until stopped.
struct Watcher {
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Vec<String>>>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Watcher {
    fn start(marker: &str) -> Watcher {
        let needle = format!("COGTOK_ACTION_TEST_RUN={marker}\0").into_bytes();
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop2, seen2) = (stop.clone(), seen.clone());
        let handle = thread::spawn(move || {
            let mut known: HashMap<u32, Vec<u8>> = HashMap::new();
            while !stop2.load(Ordering::SeqCst) {
                for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
                    let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                        continue;
                    };
                    let Ok(environ) = fs::read(entry.path().join("environ")) else {
                        continue;
                    };
                    if !environ.windows(needle.len()).any(|w| w == needle.as_slice()) {
                        continue;
                    }
                    let Ok(cmdline) = fs::read(entry.path().join("cmdline")) else {
                        continue;
                    };
                    // A pid's cmdline changes at exec: record each one it shows.
                    if known.get(&pid) != Some(&cmdline) {
                        let argv = cmdline
                            .split(|b| *b == 0)
                            .filter(|a| !a.is_empty())
                            .map(|a| String::from_utf8_lossy(a).into_owned())
                            .collect();
                        seen2.lock().unwrap().push(argv);
                        known.insert(pid, cmdline);
                    }
                }
                thread::sleep(Duration::from_millis(1));
            }
        });
        Watcher {
            stop,
            seen,
            handle: Some(handle),
        }
    }

    fn stop(mut self) -> Vec<Vec<String>> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            h.join().unwrap();
        }
        self.seen.lock().unwrap().clone()
    }
}

// ---------------------------------------------------------------------------------------------
// Checks on a run

impl ActionRun {
    fn describe(&self) -> String {
        format!(
            "steps: {:?}\noutputs: {:?}\n--- log ---\n{}\n--- processes seen ---\n{}\n--- end ---",
            self.steps,
            self.outputs,
            self.log,
            self.argvs.iter().map(|a| a.join(" ")).collect::<Vec<_>>().join("\n")
        )
    }

    #[track_caller]
    fn step_code(&self, id: &str) -> Option<i32> {
        self.steps
            .iter()
            .find(|(label, _)| label == id)
            .unwrap_or_else(|| panic!("no step {id}\n{}", self.describe()))
            .1
    }

    /// No value of `values` in the argument list of any process seen, nor in what cogtok got.
    #[track_caller]
    fn no_argv_holds(&self, values: &[(&str, &str)]) {
        assert!(
            !self.cogtok_argvs.is_empty(),
            "the cogtok shim recorded no run\n{}",
            self.describe()
        );
        for argv in self.argvs.iter().chain(&self.cogtok_argvs) {
            for (input, value) in values {
                assert!(
                    !value.is_empty() && !argv.iter().any(|a| a.contains(value)),
                    "the input {input} ({value:?}) is in a process's argument list: {argv:?}\n{}",
                    self.describe()
                );
            }
        }
    }

    /// Each secret has its `::add-mask::` line in the log, and is nowhere else in it.
    #[track_caller]
    fn masked(&self, what: &str, secret: &str) {
        assert!(!secret.is_empty(), "{what} is empty");
        let mask = format!("::add-mask::{secret}");
        assert!(
            self.log.lines().any(|l| l == mask),
            "no ::add-mask:: line for {what}\n{}",
            self.describe()
        );
        let rest: Vec<&str> = self.log.lines().filter(|l| !l.starts_with("::add-mask::")).collect();
        assert!(
            !rest.iter().any(|l| l.contains(secret)),
            "{what} is in the log outside its ::add-mask:: line\n{}",
            self.describe()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The install step

#[test]
fn install_step_verifies_the_checksum_and_caches_by_version() {
    let binary = release_binary();
    let dir = temp_dir();
    let url = release_folder(&dir, &binary);
    let install_only = |runner: &Runner, url: &str| runner.run(&[("command", "install"), ("release-url", url)], &[]);

    // A fresh runner: downloaded, verified, kept in the tool cache, unpacked and put on PATH.
    let runner = Runner::new();
    let run = install_only(&runner, &url);
    assert_eq!(run.step_code("install"), Some(0), "{}", run.describe());
    assert_eq!(run.step_code("run"), None, "command: install runs nothing else");
    let name = format!("cogtok-{VERSION}-{TARGET}");
    let kept = runner
        .dir
        .join("tool-cache")
        .join("cogtok")
        .join(VERSION)
        .join(TARGET)
        .join(format!("{name}.tar.gz"));
    assert!(kept.is_file(), "the verified tarball is kept in the tool cache");
    assert!(run.log.contains("checksum verified: "), "{}", run.describe());
    let bin_dir = run
        .log
        .lines()
        .find_map(|l| l.split_once("cogtok is on PATH: ").map(|(_, d)| d.trim().to_string()))
        .unwrap_or_else(|| panic!("no folder put on PATH: {}", run.describe()));
    let said = TestCommand::new(Path::new(&bin_dir).join("cogtok"))
        .arg("--version")
        .run()
        .success();
    assert!(
        said.stdout.starts_with(&format!("cogtok {VERSION} (")),
        "{}",
        said.describe()
    );
    assert!(run.log.contains(said.stdout.trim_end()), "{}", run.describe());

    // Again, with the release's tarball gone (SHA256SUMS still there): the tool cache's copy,
    // checked against SHA256SUMS again.
    let release_tarball = dir
        .join("releases")
        .join(format!("v{VERSION}"))
        .join(format!("{name}.tar.gz"));
    let moved = dir.join("moved.tar.gz");
    fs::rename(&release_tarball, &moved).unwrap();
    let run = install_only(&runner, &url);
    assert_eq!(run.step_code("install"), Some(0), "{}", run.describe());
    assert!(
        run.log.contains("is in the tool cache, and matches SHA256SUMS"),
        "{}",
        run.describe()
    );
    assert!(run.log.contains("checksum verified: "), "{}", run.describe());

    // A tool cache something else wrote into (a later step of an earlier job): its tarball no
    // longer matches, so it is not used; here the release has no tarball to fetch instead, so
    // the step fails, with nothing put on PATH.
    let mut poisoned = fs::read(&kept).unwrap();
    let last = poisoned.len() - 20;
    poisoned[last] ^= 0xff;
    fs::write(&kept, &poisoned).unwrap();
    let run = install_only(&runner, &url);
    assert_eq!(run.step_code("install"), Some(1), "{}", run.describe());
    assert!(run.log.contains("could not download"), "{}", run.describe());
    assert!(!run.log.contains("cogtok is on PATH"), "{}", run.describe());
    // With the release's tarball back, the step downloads it again and replaces the bad copy.
    fs::rename(&moved, &release_tarball).unwrap();
    let run = install_only(&runner, &url);
    assert_eq!(run.step_code("install"), Some(0), "{}", run.describe());
    assert!(run.log.contains("downloading"), "{}", run.describe());
    assert_ne!(fs::read(&kept).unwrap(), poisoned, "the bad copy replaced");

    // Another version is not taken from the cache: it must be downloaded (and is not there).
    let run = runner.run(
        &[("command", "install"), ("release-url", &url), ("version", "9.9.9")],
        &[],
    );
    assert_eq!(run.step_code("install"), Some(1), "{}", run.describe());
    assert!(
        run.log.contains("::error title=cogtok install::could not download"),
        "{}",
        run.describe()
    );

    // A tampered tarball (one byte of the binary changed, the tarball rebuilt, SHA256SUMS
    // kept): refused, nothing installed, nothing put on PATH.
    let versioned = dir.join("releases").join(format!("v{VERSION}"));
    let sums = fs::read_to_string(versioned.join("SHA256SUMS")).unwrap();
    let staged = dir.join("stage").join(&name).join("cogtok");
    let mut bytes = fs::read(&staged).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    fs::write(&staged, &bytes).unwrap();
    TestCommand::new("tar")
        .arg("-czf")
        .arg(versioned.join(format!("{name}.tar.gz")))
        .arg("-C")
        .arg(dir.join("stage"))
        .arg(&name)
        .run()
        .success();
    fs::write(versioned.join("SHA256SUMS"), &sums).unwrap();
    let fresh = Runner::new();
    let run = install_only(&fresh, &url);
    assert_eq!(run.step_code("install"), Some(1), "{}", run.describe());
    assert!(
        run.log.contains(&format!(
            "::error title=cogtok install::{name}.tar.gz does not match its checksum in SHA256SUMS: not installed"
        )),
        "{}",
        run.describe()
    );
    assert!(
        !fresh
            .dir
            .join("tool-cache")
            .join("cogtok")
            .join(VERSION)
            .join(TARGET)
            .join(format!("{name}.tar.gz"))
            .exists(),
        "a tampered tarball was kept"
    );
    assert!(!run.log.contains("cogtok is on PATH"), "{}", run.describe());

    // A SHA256SUMS without this tarball's line: refused.
    let others: String = sums
        .lines()
        .filter(|l| !l.ends_with(&format!("{name}.tar.gz")))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(versioned.join("SHA256SUMS"), others).unwrap();
    let run = install_only(&Runner::new(), &url);
    assert_eq!(run.step_code("install"), Some(1), "{}", run.describe());
    assert!(
        run.log.contains(&format!("has no checksum for {name}.tar.gz")),
        "{}",
        run.describe()
    );

    // Not a version: refused before any download (it would be a path and a URL).
    let run = Runner::new().run(
        &[("command", "install"), ("release-url", &url), ("version", "../../etc")],
        &[],
    );
    assert_eq!(run.step_code("install"), Some(1), "{}", run.describe());
    assert!(run.log.contains("is not a release version"), "{}", run.describe());

    // A runner there is no binary for.
    let mut mac = Runner::new();
    mac.os = "macOS";
    mac.arch = "ARM64";
    let run = install_only(&mac, &url);
    assert_eq!(run.step_code("install"), Some(1), "{}", run.describe());
    assert!(run.log.contains("this one is macOS ARM64"), "{}", run.describe());
    let _ = fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// The sign-in steps

#[test]
fn login_step_signs_in_with_no_input_on_a_command_line() {
    let binary = release_binary();
    let dir = temp_dir();
    let url = release_folder(&dir, &binary);
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("action", true);
    let user = "action-user@example.com";
    let password = "Act10n-Passw0rd!z";
    moto.create_user(&pool, user, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, user, password);
    let secret = pool.client_secret.clone().expect("a client secret");
    // A seed that is never asked for (the user has no MFA): still masked and kept off argv.
    let totp = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    let inputs = [
        ("user-pool-id", pool.user_pool_id.as_str()),
        ("client-id", pool.client_id.as_str()),
        ("username", user),
        ("password", password),
        ("client-secret", secret.as_str()),
        ("totp-secret", totp),
        ("flow", "password"),
        ("region", "us-east-1"),
        ("endpoint-url", moto.url.as_str()),
    ];
    let mut with_release = inputs.to_vec();
    with_release.push(("release-url", &url));
    with_release.push(("export", "true"));

    let runner = Runner::new();
    let run = runner.run(&with_release, &[]);
    assert_eq!(run.step_code("install"), Some(0), "{}", run.describe());
    assert_eq!(run.step_code("run"), Some(0), "{}", run.describe());

    let (id, access) = (&run.outputs["id-token"], &run.outputs["access-token"]);
    assert_eq!(jwt_claims(id)["email"], user, "{}", run.describe());
    assert_eq!(jwt_claims(access)["token_use"], "access", "{}", run.describe());
    let expires: i64 = run.outputs["expires-at"].parse().expect("expires-at in unix seconds");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(
        expires > now + 60 && expires <= now + 3700,
        "expires-at {expires}, now {now}"
    );
    // export: true puts them in GITHUB_ENV for the job's later steps.
    let env: HashMap<String, String> = parse_github_file(&run.github_env).into_iter().collect();
    assert_eq!(&env["COGNITO_ID_TOKEN"], id);
    assert_eq!(&env["COGNITO_ACCESS_TOKEN"], access);
    let refresh = env["COGNITO_REFRESH_TOKEN"].clone();

    for (name, value) in [
        ("password", password),
        ("client-secret", secret.as_str()),
        ("totp-secret", totp),
        ("the id token", id.as_str()),
        ("the access token", access.as_str()),
        ("the refresh token", refresh.as_str()),
    ] {
        run.masked(name, value);
    }
    for (name, value) in inputs.iter().filter(|(n, _)| SECRET_INPUTS.contains(n)) {
        assert!(!run.github_env.contains(value), "{name} is in GITHUB_ENV");
    }
    run.no_argv_holds(&inputs);
    assert_eq!(
        run.cogtok_argvs.last().unwrap()[1..],
        ["login", "--output", "github", "--export"],
        "{}",
        run.describe()
    );
    assert!(
        run.argvs
            .iter()
            .any(|a| a.iter().any(|w| w.ends_with("/cogtok")) && a.contains(&"login".to_string())),
        "the watcher never saw cogtok login running: it proved nothing\n{}",
        run.describe()
    );
    loud(&format!(
        "login: {} processes seen, none with an input in its arguments",
        run.argvs.len()
    ));
    let _ = fs::remove_dir_all(&dir);
}

/// A GetClientToken stand-in on 127.0.0.1 (the answer as recorded in
/// fixtures/exchanges/token/), which takes its time so that the watcher sees cogtok waiting.
fn client_token_server(client: &'static str, secret: &'static str, token: String) -> FakeServer {
    FakeServer::start(move |seen, _| {
        let body: Value = serde_json::from_slice(&seen.body).unwrap_or(Value::Null);
        if seen.header("x-amz-target") != Some("AWSCognitoIdentityProviderService.GetClientToken")
            || body["ClientId"] != client
            || body["Secret"] != secret
            || body["Scopes"] != serde_json::json!(["api/read", "api/write"])
        {
            return status(
                400,
                r#"{"__type":"NotAuthorizedException","message":"not this request"}"#,
            );
        }
        let answer = serde_json::json!({
            "ClientAuthenticationResult": {"AccessToken": token, "ExpiresIn": 3600, "TokenType": "Bearer"}
        });
        Reply::Answer(200, answer.to_string(), Duration::from_millis(300))
    })
}

#[test]
fn token_step_gets_an_m2m_token_with_no_input_on_a_command_line() {
    const CLIENT: &str = "actionm2mclient0123456789";
    const SECRET: &str = "action1m2m2secret3never4on5a6command7line8abcdefgh";
    let binary = release_binary();
    let dir = temp_dir();
    let url = release_folder(&dir, &binary);
    let claims = serde_json::json!({"sub": CLIENT, "token_use": "access", "scope": "api/read api/write"});
    let b64 = |v: &Value| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let token = format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(&serde_json::json!({"alg": "RS256", "kid": "action"})),
        b64(&claims)
    );
    let server = client_token_server(CLIENT, SECRET, token.clone());
    let inputs = [
        ("client-id", CLIENT),
        ("client-secret", SECRET),
        ("scope", "api/read api/write"),
        ("region", "eu-west-3"),
        ("endpoint-url", server.url.as_str()),
    ];
    let mut all = inputs.to_vec();
    all.push(("command", "token"));
    all.push(("release-url", &url));
    let run = Runner::new().run(&all, &[]);
    assert_eq!(run.step_code("run"), Some(0), "{}", run.describe());
    assert_eq!(&run.outputs["access-token"], &token);
    assert_eq!(run.outputs["id-token"], "", "token has no id token");
    assert!(run.outputs["expires-at"].parse::<i64>().is_ok(), "{}", run.describe());
    run.masked("client-secret", SECRET);
    run.masked("the access token", &token);
    run.no_argv_holds(&inputs);
    assert_eq!(run.cogtok_argvs.last().unwrap()[1..], ["token", "--output", "github"]);
    assert!(
        run.argvs
            .iter()
            .any(|a| a.iter().any(|w| w.ends_with("/cogtok")) && a.contains(&"token".to_string())),
        "the watcher never saw cogtok token running: it proved nothing\n{}",
        run.describe()
    );
    assert_eq!(server.seen().len(), 1, "one request");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn run_step_refuses_what_it_cannot_do_in_one_error_line() {
    let binary = release_binary();
    let dir = temp_dir();
    let url = release_folder(&dir, &binary);
    let runner = Runner::new();
    let run = runner.run(&[("command", "sign-up"), ("release-url", &url)], &[]);
    assert_eq!(run.step_code("run"), Some(1), "{}", run.describe());
    assert!(
        run.log
            .contains("::error title=cogtok::command must be login, token or install, not 'sign-up'"),
        "{}",
        run.describe()
    );
    // A flow that is not one: cogtok's own usage error, naming COGTOK_FLOW (exit 252).
    let run = runner.run(
        &[
            ("release-url", &url),
            ("flow", "magic"),
            ("client-id", "c"),
            ("username", "u"),
            ("password", "p-never-shown"),
        ],
        &[],
    );
    assert_eq!(run.step_code("run"), Some(252), "{}", run.describe());
    assert!(
        run.log.contains(
            "cogtok: COGTOK_FLOW=\"magic\": not a flow (choose from srp, password, admin, user-auth, custom)"
        ),
        "{}",
        run.describe()
    );
    run.masked("password", "p-never-shown");
    let _ = fs::remove_dir_all(&dir);
}
