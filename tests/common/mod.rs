//! Shared harness for the integration tests: real local servers, the built binary, the AWS CLI.
//!
//! Include it from a test crate with `mod common;`. Standard library (and serde_json) only.
//!
//! - [`venv`]: the project's Python tools (`make venv`); a missing venv is a loud failure.
//! - [`Moto`]: a `moto_server` on 127.0.0.1, bootstrapped with two IAM users, either enforcing
//!   SigV4 and IAM on every action ([`Moto::start_enforcing`]) or not ([`Moto::start_open`]).
//! - [`node_modules`] and [`CognitoLocal`]: the pinned `cognito-local` from npm (`make node`),
//!   a second, independent Cognito emulator, on 127.0.0.1 with a fresh state per instance.
//! - [`SrpServer`]: `tests/support/srp_server.py`, a Cognito stand-in that verifies SRP proofs.
//! - [`cogtok`] and [`aws_cli`]: a [`TestCommand`] for the binary under test and for the AWS CLI
//!   (the parity oracle), each in an isolated environment with a fresh `HOME`.
//! - [`fake_http`]: a tiny server whose answers a closure decides (credential endpoints).
//! - [`recording_proxy`]: a proxy in front of moto that records every request it forwards.
//! - [`temp_dir`]: a fresh directory per call; [`jwt_claims`]: a token's claims, decoded here.
#![allow(dead_code)]

pub mod fake_http;
pub mod recording_proxy;

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's Python virtualenv: `$COGTOK_TEST_VENV`, else `<repo>/.venv`. Panics, saying
/// how to make it, when `bin/moto_server` or `bin/aws` is missing: tests never skip silently.
pub fn venv() -> PathBuf {
    let dir = match std::env::var_os("COGTOK_TEST_VENV") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => repo_root().join(".venv"),
    };
    for tool in ["moto_server", "aws", "python"] {
        let path = dir.join("bin").join(tool);
        if !path.exists() {
            panic!(
                "the test tools are not installed: {} is missing.\n\
                 Run `make test` (or `make venv` then `cargo test`) from the repository root; \
                 it creates .venv/ from tests/support/requirements.txt. \
                 COGTOK_TEST_VENV may point at another venv with the same packages.",
                path.display()
            );
        }
    }
    dir
}

/// A fresh, empty directory under `std::env::temp_dir()/cogtok-tests/`, unique per call
/// (process id, a counter and the clock). Not removed automatically.
pub fn temp_dir() -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let base = std::env::temp_dir().join("cogtok-tests");
    fs::create_dir_all(&base).expect("create the temp base dir");
    let dir = base.join(format!("{}-{}-{:08x}", std::process::id(), n, nanos));
    fs::create_dir(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}

/// An access key pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl Keys {
    fn from_json(v: &serde_json::Value) -> Keys {
        Keys {
            access_key_id: v["access_key_id"].as_str().expect("access_key_id").to_string(),
            secret_access_key: v["secret_access_key"].as_str().expect("secret_access_key").to_string(),
        }
    }

    /// The same key id with a wrong secret: moto answers SignatureDoesNotMatch.
    pub fn with_wrong_secret(&self) -> Keys {
        Keys {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: format!("{}-wrong", self.secret_access_key),
        }
    }
}

/// A user pool and an app client made with [`Moto::create_pool`].
#[derive(Clone, Debug)]
pub struct Pool {
    pub user_pool_id: String,
    pub client_id: String,
    /// Set when the client was made with a secret.
    pub client_secret: Option<String>,
}

/// A `moto_server` on 127.0.0.1, killed when dropped.
///
/// Both kinds are bootstrapped by `tests/support/moto_bootstrap.py` with three IAM users:
/// `admin` (inline policy `cognito-idp:*` on `*`), `noperm` (only `sts:GetCallerIdentity`) and
/// `assumer` (only `sts:AssumeRole`), and a role `role_arn` (`cognito-idp:*`) that `assumer`
/// may assume.
pub struct Moto {
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    pub port: u16,
    pub admin: Keys,
    pub noperm: Keys,
    pub assumer: Keys,
    pub role_arn: String,
    /// True for [`Moto::start_enforcing`]: every action but moto's public cognito-idp ones
    /// (InitiateAuth, SignUp, ConfirmSignUp, GetUser, ForgotPassword) needs a valid SigV4
    /// signature by a known key whose policies allow it.
    pub enforcing: bool,
    child: Child,
    dir: PathBuf,
    log: PathBuf,
}

const MOTO_READY_TIMEOUT: Duration = Duration::from_secs(20);

impl Moto {
    /// A moto that checks every SigV4 signature (botocore recomputes it) and every action
    /// against the caller's IAM policies once the bootstrap is done
    /// (`INITIAL_NO_AUTH_ACTION_COUNT` = the bootstrap's action count). Note: moto then answers
    /// an *unsigned* request for a non-public operation (RespondToAuthChallenge, GlobalSignOut,
    /// RevokeToken, …) with a bare HTTP 500; use [`Moto::start_open`] for unsigned flows.
    pub fn start_enforcing() -> Moto {
        Moto::start(true, &[])
    }

    /// A moto without any authentication or authorization: signatures are not checked and
    /// unsigned requests are served. The bootstrap's keys still exist (and resolve to the same
    /// account), so signed requests work as well.
    pub fn start_open() -> Moto {
        Moto::start(false, &[])
    }

    /// Start moto with extra environment variables for `moto_server`
    /// (e.g. `("MOTO_ALLOW_NONEXISTENT_REGION", "true")`).
    pub fn start(enforcing: bool, extra_env: &[(&str, &str)]) -> Moto {
        let venv = venv();
        let mut attempt = 0;
        loop {
            attempt += 1;
            match Moto::try_start(&venv, enforcing, extra_env) {
                Ok(moto) => return moto,
                // A port picked free can be taken before moto binds it: try another.
                Err(e) if attempt < 3 && e.contains("Address already in use") => continue,
                Err(e) => panic!("moto_server did not start:\n{e}"),
            }
        }
    }

    fn try_start(venv: &Path, enforcing: bool, extra_env: &[(&str, &str)]) -> Result<Moto, String> {
        let dir = temp_dir();
        let log = dir.join("moto.log");
        let home = dir.join("home");
        fs::create_dir(&home).unwrap();
        let port = free_port();
        let log_file = fs::File::create(&log).unwrap();
        let mut cmd = Command::new(venv.join("bin").join("moto_server"));
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("PYTHONUNBUFFERED", "1")
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file);
        if enforcing {
            cmd.env("INITIAL_NO_AUTH_ACTION_COUNT", bootstrap_action_count().to_string());
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("spawn {}: {e}", venv.join("bin/moto_server").display()))?;
        let url = format!("http://127.0.0.1:{port}");
        // From here on, Drop kills the child on every path.
        let mut moto = Moto {
            url,
            port,
            admin: Keys {
                access_key_id: String::new(),
                secret_access_key: String::new(),
            },
            noperm: Keys {
                access_key_id: String::new(),
                secret_access_key: String::new(),
            },
            assumer: Keys {
                access_key_id: String::new(),
                secret_access_key: String::new(),
            },
            role_arn: String::new(),
            enforcing,
            child,
            dir,
            log,
        };
        moto.wait_ready()?;
        let boot = moto.bootstrap()?;
        moto.admin = Keys::from_json(&boot["admin"]);
        moto.noperm = Keys::from_json(&boot["noperm"]);
        moto.assumer = Keys::from_json(&boot["assumer"]);
        moto.role_arn = boot["role_arn"].as_str().unwrap_or_default().to_string();
        if boot["enforcing"].as_bool() != Some(enforcing) {
            return Err(format!(
                "moto enforcement is {} after the bootstrap, wanted {enforcing}: does \
                 NO_AUTH_ACTIONS in tests/support/moto_bootstrap.py match what it does?\n{}",
                boot["enforcing"],
                moto.log_tail(40)
            ));
        }
        Ok(moto)
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + MOTO_READY_TIMEOUT;
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "moto_server exited with {status} before it was ready; its log:\n{}",
                    self.log_tail(40)
                ));
            }
            if let Some(status) = http_get_status(addr, "/moto-api/") {
                if status == 200 {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "moto_server was not ready on {} after {:?}; its log:\n{}",
                    self.url,
                    MOTO_READY_TIMEOUT,
                    self.log_tail(40)
                ));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn bootstrap(&self) -> Result<serde_json::Value, String> {
        let script = repo_root().join("tests/support/moto_bootstrap.py");
        let out = python_command()
            .arg(&script)
            .arg(&self.url)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("run {}: {e}", script.display()))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            return Err(format!(
                "{} failed ({}):\nstdout: {stdout}\nstderr: {}\nmoto log:\n{}",
                script.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr),
                self.log_tail(40)
            ));
        }
        serde_json::from_str(stdout.trim()).map_err(|e| format!("bootstrap printed no JSON ({e}): {stdout}"))
    }

    /// Lets the next `n` actions through without authentication, then enforces again (moto's
    /// `/moto-api/reset-auth`): for the unsigned STS calls (AssumeRoleWithWebIdentity) that an
    /// enforcing moto would otherwise fail with a 500.
    pub fn allow_unauthenticated(&self, n: u32) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to moto");
        let body = n.to_string();
        write!(
            stream,
            "POST /moto-api/reset-auth HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 200"), "reset-auth: {answer}");
    }

    /// The last `n` lines of the server's log (its stdout and stderr: one line per request,
    /// tracebacks of its 500s).
    pub fn log_tail(&self, n: usize) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }

    /// Path of the server's log file.
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// Create a user pool (username = email, as the demo pool) and an app client allowing
    /// ADMIN_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH, USER_SRP_AUTH and REFRESH_TOKEN_AUTH, with a
    /// client secret when `with_secret`. Uses the AWS CLI signed with the admin keys, so it
    /// works on both kinds of moto.
    pub fn create_pool(&self, name: &str, with_secret: bool) -> Pool {
        let pool = aws_cli(self, &self.admin)
            .args(["--endpoint-url", &self.url, "cognito-idp", "create-user-pool"])
            .args(["--pool-name", name, "--username-attributes", "email"])
            .args(["--auto-verified-attributes", "email"])
            .run()
            .success()
            .json();
        let user_pool_id = pool["UserPool"]["Id"].as_str().expect("UserPool.Id").to_string();
        let mut client = aws_cli(self, &self.admin);
        client
            .args(["--endpoint-url", &self.url, "cognito-idp", "create-user-pool-client"])
            .args([
                "--user-pool-id",
                &user_pool_id,
                "--client-name",
                &format!("{name}-client"),
            ])
            .args(["--explicit-auth-flows", "ALLOW_ADMIN_USER_PASSWORD_AUTH"])
            .args([
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_USER_SRP_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH",
            ]);
        client.arg(if with_secret {
            "--generate-secret"
        } else {
            "--no-generate-secret"
        });
        let client = client.run().success().json();
        let c = &client["UserPoolClient"];
        Pool {
            user_pool_id,
            client_id: c["ClientId"].as_str().expect("ClientId").to_string(),
            client_secret: c["ClientSecret"].as_str().map(str::to_string),
        }
    }

    /// AdminCreateUser with a temporary password, message suppressed, email verified: the user
    /// is in FORCE_CHANGE_PASSWORD, so the next sign-in gets NEW_PASSWORD_REQUIRED.
    pub fn create_user(&self, pool: &Pool, email: &str, temporary_password: &str) {
        aws_cli(self, &self.admin)
            .args(["--endpoint-url", &self.url, "cognito-idp", "admin-create-user"])
            .args(["--user-pool-id", &pool.user_pool_id, "--username", email])
            .args([
                "--temporary-password",
                temporary_password,
                "--message-action",
                "SUPPRESS",
            ])
            .arg("--user-attributes")
            .arg(format!("Name=email,Value={email}"))
            .arg("Name=email_verified,Value=true")
            .run()
            .success();
    }

    /// An identity pool (guests allowed) whose one provider is `pool`'s user pool and app
    /// client, under the provider name `cognito-idp.us-east-1.amazonaws.com/<pool id>`; its id.
    /// The admin user may call cognito-idp only, so on an enforcing moto the call is let through
    /// unchecked ([`Moto::allow_unauthenticated`]).
    pub fn create_identity_pool(&self, name: &str, pool: &Pool) -> String {
        if self.enforcing {
            self.allow_unauthenticated(1);
        }
        let out = aws_cli(self, &self.admin)
            .args(["--endpoint-url", &self.url, "cognito-identity", "create-identity-pool"])
            .args(["--identity-pool-name", name, "--allow-unauthenticated-identities"])
            .arg("--cognito-identity-providers")
            .arg(format!(
                "ProviderName=cognito-idp.us-east-1.amazonaws.com/{},ClientId={}",
                pool.user_pool_id, pool.client_id
            ))
            .run()
            .success()
            .json();
        out["IdentityPoolId"].as_str().expect("IdentityPoolId").to_string()
    }

    /// AdminSetUserPassword --permanent: the user is CONFIRMED and signs in without a challenge.
    pub fn set_permanent_password(&self, pool: &Pool, username: &str, password: &str) {
        aws_cli(self, &self.admin)
            .args(["--endpoint-url", &self.url, "cognito-idp", "admin-set-user-password"])
            .args(["--user-pool-id", &pool.user_pool_id, "--username", username])
            .args(["--password", password, "--permanent"])
            .run()
            .success();
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        show_log_or_clean_up("moto_server", &self.log, || self.log_tail(60), &self.dir);
    }
}

/// After a test server was stopped: when the test is failing, print the end of its log
/// (libtest shows it with the failing test's output); else remove its directory.
fn show_log_or_clean_up(name: &str, log: &Path, tail: impl FnOnce() -> String, dir: &Path) {
    if thread::panicking() {
        eprintln!(
            "--- {name} log ({}), last lines ---\n{}\n--- end of {name} log ---",
            log.display(),
            tail()
        );
    } else {
        let _ = fs::remove_dir_all(dir);
    }
}

/// A port that was free on 127.0.0.1 a moment ago.
fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().unwrap().port()
}

/// Status code of `GET path` with a plain HTTP/1.0 request, or None if there is no answer.
fn http_get_status(addr: SocketAddr, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    s.set_write_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let head = String::from_utf8_lossy(&buf[..buf.len().min(64)]).into_owned();
    // "HTTP/1.1 200 OK"
    head.split_whitespace().nth(1)?.parse().ok()
}

/// `NO_AUTH_ACTIONS = N` from moto_bootstrap.py: the value of INITIAL_NO_AUTH_ACTION_COUNT.
fn bootstrap_action_count() -> u32 {
    let script = repo_root().join("tests/support/moto_bootstrap.py");
    let text = fs::read_to_string(&script).unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    text.lines()
        .find_map(|l| l.strip_prefix("NO_AUTH_ACTIONS = "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no `NO_AUTH_ACTIONS = N` line in {}", script.display()))
}

/// `<venv>/bin/python` with a clean environment (PATH, a throwaway HOME).
fn python_command() -> Command {
    let mut cmd = Command::new(venv().join("bin").join("python"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", temp_dir())
        .env("LANG", "C.UTF-8");
    cmd
}

// ---------------------------------------------------------------------------------------------
// cognito-local

/// The project's Node packages: `$COGTOK_TEST_NODE_MODULES`, else `<repo>/node_modules`. Panics,
/// saying how to make them, when cognito-local is not installed there: tests never skip silently.
pub fn node_modules() -> PathBuf {
    let dir = match std::env::var_os("COGTOK_TEST_NODE_MODULES") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => repo_root().join("node_modules"),
    };
    let start = dir.join(COGNITO_LOCAL_MAIN);
    if !start.exists() {
        panic!(
            "cognito-local is not installed: {} is missing.\n\
             Run `make test` (or `make node` then `cargo test`) from the repository root; \
             it runs `npm ci` from package.json and package-lock.json (Node.js 20.19+ with npm). \
             COGTOK_TEST_NODE_MODULES may point at another node_modules with the same packages.",
            start.display()
        );
    }
    dir
}

/// cognito-local's entry point (its `bin`), inside node_modules.
const COGNITO_LOCAL_MAIN: &str = "cognito-local/lib/bin/start.js";
const COGNITO_LOCAL_READY_TIMEOUT: Duration = Duration::from_secs(20);

/// `cognito-local` (pinned in package-lock.json) on 127.0.0.1, killed when dropped.
///
/// It reads `HOST` and `PORT` (lib/server/config.js; its defaults are localhost:9229) and keeps
/// its state in `.cognito/` under its working directory (lib/server/defaults.js): each instance
/// gets a free port and a fresh temp dir as working directory, so it starts empty. It runs with
/// `DEBUG=1`, so that its log has one line per request (target, headers, status), which
/// [`CognitoLocal::served`] reads. It checks no signature and no credentials: any keys sign the
/// admin operations. Pool ids look like `local_XXXXXXXX`.
pub struct CognitoLocal {
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    pub port: u16,
    child: Child,
    dir: PathBuf,
    log: PathBuf,
}

/// One request cognito-local served, from its log.
#[derive(Clone, Debug)]
pub struct Served {
    /// The operation, from `X-Amz-Target` without the service prefix (`InitiateAuth`).
    pub operation: String,
    /// The `Authorization` header, if the request had one (a SigV4 signature).
    pub authorization: Option<String>,
    pub status: u16,
}

impl CognitoLocal {
    /// Start a cognito-local with an empty state. Panics with its log when it does not start.
    pub fn start() -> CognitoLocal {
        let node_modules = node_modules();
        let mut attempt = 0;
        loop {
            attempt += 1;
            match CognitoLocal::try_start(&node_modules) {
                Ok(cl) => return cl,
                // A port picked free can be taken before node binds it: try another.
                Err(e) if attempt < 3 && e.contains("EADDRINUSE") => continue,
                Err(e) => panic!("cognito-local did not start:\n{e}"),
            }
        }
    }

    fn try_start(node_modules: &Path) -> Result<CognitoLocal, String> {
        let dir = temp_dir();
        let log = dir.join("cognito-local.log");
        let home = dir.join("home");
        fs::create_dir(&home).unwrap();
        let port = free_port();
        let log_file = fs::File::create(&log).unwrap();
        let main = node_modules.join(COGNITO_LOCAL_MAIN);
        let child = Command::new("node")
            .arg(&main)
            .current_dir(&dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("LANG", "C.UTF-8")
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("DEBUG", "1")
            .env("AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE", "1")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot run `node {}`: {e}\nThe tests need Node.js 20.19+ (or 22.12+) on PATH.",
                    main.display()
                )
            })?;
        // From here on, Drop kills the child on every path.
        let mut cl = CognitoLocal {
            url: format!("http://127.0.0.1:{port}"),
            port,
            child,
            dir,
            log,
        };
        cl.wait_ready()?;
        Ok(cl)
    }

    /// Ready when `GET /health` answers 200 and the log says it listens on 127.0.0.1:PORT (so the
    /// answer is ours, and HOST was obeyed).
    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + COGNITO_LOCAL_READY_TIMEOUT;
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let banner = format!("Cognito Local running on http://127.0.0.1:{}", self.port);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "cognito-local exited with {status} before it was ready; its log:\n{}",
                    self.log_tail(40)
                ));
            }
            if http_get_status(addr, "/health") == Some(200) && self.log_text().contains(&banner) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "cognito-local was not ready on {} after {:?} (no 200 from /health, or no \
                     {banner:?} in its log); its log:\n{}",
                    self.url,
                    COGNITO_LOCAL_READY_TIMEOUT,
                    self.log_tail(40)
                ));
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// The log, without the colour codes pino-pretty always writes.
    fn log_text(&self) -> String {
        strip_ansi(&fs::read_to_string(&self.log).unwrap_or_default())
    }

    /// The last `n` lines of the server's log (stdout and stderr; with DEBUG=1, each request
    /// and each store write), each cut to 400 characters: the store dumps are long, and the
    /// whole log is at [`CognitoLocal::log_path`].
    pub fn log_tail(&self, n: usize) -> String {
        let text = self.log_text();
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::new();
        for line in &lines[lines.len().saturating_sub(n)..] {
            match line.char_indices().nth(400) {
                Some((cut, _)) => {
                    let _ = writeln!(out, "{} … ({} chars)", &line[..cut], line.len());
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// Path of the server's log file.
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// The server's working directory; its state is in `.cognito/` there.
    pub fn work_dir(&self) -> &Path {
        &self.dir
    }

    /// Send one `AWSCognitoIdentityProviderService.<operation>` request, unsigned, and return the
    /// HTTP status and the JSON answer. Panics (with the log) only if there is no HTTP answer.
    pub fn call(&self, operation: &str, body: &serde_json::Value) -> (u16, serde_json::Value) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let (status, text) = http_post_json(addr, operation, &body.to_string()).unwrap_or_else(|e| {
            panic!(
                "{operation} to cognito-local at {}: {e}\n--- its log ---\n{}",
                self.url,
                self.log_tail(40)
            )
        });
        let json = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!(
                "{operation}: cognito-local answered HTTP {status} with a body that is not JSON \
                 ({e}): {text}\n--- its log ---\n{}",
                self.log_tail(40)
            )
        });
        (status, json)
    }

    /// [`CognitoLocal::call`], which must succeed (HTTP 200).
    #[track_caller]
    pub fn must(&self, operation: &str, body: &serde_json::Value) -> serde_json::Value {
        let (status, json) = self.call(operation, body);
        if status != 200 {
            panic!(
                "{operation} {body} failed: HTTP {status} {json}\n--- cognito-local log ---\n{}",
                self.log_tail(40)
            );
        }
        json
    }

    /// Create a user pool (username = email, as in [`Moto::create_pool`]) and an app client
    /// allowing ADMIN_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH, USER_SRP_AUTH and
    /// REFRESH_TOKEN_AUTH, with a client secret when `with_secret`.
    pub fn create_pool(&self, name: &str, with_secret: bool) -> Pool {
        self.create_pool_with(name, with_secret, serde_json::json!({}))
    }

    /// [`CognitoLocal::create_pool`] with more CreateUserPool members (an object), e.g.
    /// `{"MfaConfiguration": "OPTIONAL"}`.
    pub fn create_pool_with(&self, name: &str, with_secret: bool, extra: serde_json::Value) -> Pool {
        let mut request = serde_json::json!({"PoolName": name, "UsernameAttributes": ["email"]});
        for (k, v) in extra.as_object().expect("extra CreateUserPool members: an object") {
            request[k] = v.clone();
        }
        let pool = self.must("CreateUserPool", &request);
        let user_pool_id = pool["UserPool"]["Id"].as_str().expect("UserPool.Id").to_string();
        let client = self.must(
            "CreateUserPoolClient",
            &serde_json::json!({
                "UserPoolId": user_pool_id,
                "ClientName": format!("{name}-client"),
                "ExplicitAuthFlows": [
                    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                    "ALLOW_USER_PASSWORD_AUTH",
                    "ALLOW_USER_SRP_AUTH",
                    "ALLOW_REFRESH_TOKEN_AUTH"
                ],
                "GenerateSecret": with_secret,
            }),
        );
        let c = &client["UserPoolClient"];
        Pool {
            user_pool_id,
            client_id: c["ClientId"].as_str().expect("ClientId").to_string(),
            client_secret: c["ClientSecret"].as_str().map(str::to_string),
        }
    }

    /// AdminCreateUser with a temporary password, message suppressed, email verified: the user
    /// is in FORCE_CHANGE_PASSWORD. Returns the internal username (the `sub`, a UUID, since the
    /// pool's usernames are emails).
    pub fn create_user(&self, pool: &Pool, email: &str, temporary_password: &str) -> String {
        let user = self.must(
            "AdminCreateUser",
            &serde_json::json!({
                "UserPoolId": pool.user_pool_id,
                "Username": email,
                "TemporaryPassword": temporary_password,
                "MessageAction": "SUPPRESS",
                "UserAttributes": [
                    {"Name": "email", "Value": email},
                    {"Name": "email_verified", "Value": "true"}
                ],
            }),
        );
        user["User"]["Username"].as_str().expect("User.Username").to_string()
    }

    /// AdminSetUserPassword with Permanent: the user is CONFIRMED and signs in without a
    /// challenge.
    pub fn set_permanent_password(&self, pool: &Pool, username: &str, password: &str) {
        self.must(
            "AdminSetUserPassword",
            &serde_json::json!({
                "UserPoolId": pool.user_pool_id,
                "Username": username,
                "Password": password,
                "Permanent": true,
            }),
        );
    }

    /// The requests for `operation` the server has logged, in order, after waiting up to 5 s
    /// for at least `at_least` of them (the log line is written once the answer is sent).
    #[track_caller]
    pub fn served(&self, operation: &str, at_least: usize) -> Vec<Served> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let all: Vec<Served> = self
                .log_text()
                .lines()
                .filter_map(parse_served)
                .filter(|s| s.operation == operation)
                .collect();
            if all.len() >= at_least {
                return all;
            }
            if Instant::now() > deadline {
                panic!(
                    "cognito-local logged {} {operation} request(s), expected at least {at_least}\n\
                     --- its log ---\n{}",
                    all.len(),
                    self.log_tail(40)
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for CognitoLocal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        show_log_or_clean_up("cognito-local", &self.log, || self.log_tail(60), &self.dir);
    }
}

/// A pino-http line of cognito-local's log (`… request completed {"reqId":…,"req":{…},"res":{…}}`,
/// or `request errored` for a 5xx) as a [`Served`]; None for other lines and for GET requests.
fn parse_served(line: &str) -> Option<Served> {
    let at = line
        .find("request completed")
        .or_else(|| line.find("request errored"))?;
    let json_at = at + line[at..].find('{')?;
    let v: serde_json::Value = serde_json::from_str(&line[json_at..]).ok()?;
    let headers = &v["req"]["headers"];
    let target = headers["x-amz-target"].as_str()?;
    Some(Served {
        operation: target.rsplit('.').next().unwrap_or(target).to_string(),
        authorization: headers["authorization"].as_str().map(str::to_string),
        status: v["res"]["statusCode"].as_u64()? as u16,
    })
}

/// `s` without ANSI escape sequences (`ESC [ … final-byte`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// POST an `application/x-amz-json-1.1` body with `X-Amz-Target:
/// AWSCognitoIdentityProviderService.<operation>` (HTTP/1.1, `Connection: close`, unsigned);
/// the status and the body of the answer.
fn http_post_json(addr: SocketAddr, operation: &str, body: &str) -> Result<(u16, String), String> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: AWSCognitoIdentityProviderService.{operation}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| format!("send: {e}"))?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| format!("read the answer: {e}"))?;
    let text = String::from_utf8_lossy(&buf);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("not an HTTP answer: {text:?}"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status line: {head:?}"))?;
    // Express sends a Content-Length (never chunked) for these JSON bodies.
    Ok((status, body.to_string()))
}

// ---------------------------------------------------------------------------------------------
// The SRP-verifying stand-in

const SRP_SERVER_READY_TIMEOUT: Duration = Duration::from_secs(30);

/// `tests/support/srp_server.py` on 127.0.0.1: a Cognito stand-in, independent of cogtok's code,
/// that verifies the SRP proofs of USER_SRP_AUTH and of remembered devices. Killed when dropped
/// (and it exits by itself when its standard input, held here, closes).
pub struct SrpServer {
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    pub port: u16,
    child: Child,
    /// Held open for the server's life: its end tells the server to exit.
    _stdin: std::process::ChildStdin,
    dir: PathBuf,
    log: PathBuf,
}

impl SrpServer {
    /// Start the server with `config` (users, clients, the padding shapes: see the script's
    /// docstring). It runs on the venv's Python in isolated mode without `site` (`-I -S`), so it
    /// uses the standard library only. Panics with the reason and the log when it does not
    /// print its port.
    pub fn start(config: &serde_json::Value) -> SrpServer {
        let dir = temp_dir();
        let config_path = dir.join("srp-server.json");
        fs::write(&config_path, config.to_string()).unwrap();
        let log = dir.join("srp-server.log");
        let log_file = fs::File::create(&log).unwrap();
        let script = repo_root().join("tests/support/srp_server.py");
        let mut child = python_command()
            .args(["-I", "-S"])
            .arg(&script)
            .arg(&config_path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        // The first line is the port; read it on a thread so that a hung server is a timeout.
        let (tx, rx) = std::sync::mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(SRP_SERVER_READY_TIMEOUT).unwrap_or_default();
        let port = line.trim().parse::<u16>().ok();
        let mut server = SrpServer {
            url: String::new(),
            port: port.unwrap_or(0),
            child,
            _stdin: stdin,
            dir,
            log,
        };
        if port.is_none() {
            // Drop kills the server and prints its log.
            panic!(
                "{} did not start: it printed {line:?} instead of its port within {:?}",
                script.display(),
                SRP_SERVER_READY_TIMEOUT,
            );
        }
        server.url = format!("http://127.0.0.1:{}", server.port);
        server
    }

    /// Run the script's `--self-test` (its checks of its own checks, at fixed dates); panics
    /// with its output when it fails.
    pub fn self_test() {
        let script = repo_root().join("tests/support/srp_server.py");
        let out = python_command()
            .args(["-I", "-S"])
            .arg(&script)
            .arg("--self-test")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("self-test passed"),
            "{} --self-test failed ({}):\n{stdout}\n{}",
            script.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The whole log: one line per request, saying what was verified or why it was refused.
    pub fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for SrpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The whole log: it says why each proof was refused.
        show_log_or_clean_up("srp_server", &self.log, || self.log_text(), &self.dir);
    }
}

// ---------------------------------------------------------------------------------------------
// Commands

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A command to run in an isolated environment: `env_clear()`, then `PATH`, a fresh `HOME`
/// (so no `~/.aws` is read) and whatever the constructor and `.env()` add. The HOME directory
/// is removed when the TestCommand is dropped: keep the TestCommand in a variable to look at
/// files the command wrote there.
pub struct TestCommand {
    program: PathBuf,
    args: Vec<OsString>,
    envs: Vec<(OsString, Option<OsString>)>,
    stdin: Option<Vec<u8>>,
    home: PathBuf,
    current_dir: Option<PathBuf>,
    timeout: Duration,
}

/// The binary under test, `cogtok`, with `PATH`, a fresh `HOME`, `NO_PROXY=*` and
/// `AWS_EC2_METADATA_DISABLED=true`: a test that signs without keys must never reach the real
/// instance metadata service at 169.254.169.254 (the IMDS tests remove it and set a loopback
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT`).
pub fn cogtok() -> TestCommand {
    let mut cmd = TestCommand::new(env!("CARGO_BIN_EXE_cogtok"));
    cmd.env("NO_PROXY", "*").env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

/// The AWS CLI from the venv, as the parity oracle: a fresh `HOME`, `AWS_CONFIG_FILE` with
/// `region = us-east-1`, `cli_timestamp_format = iso8601`, `output = json`, an empty
/// shared-credentials file, `keys` in `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, `TZ=UTC`.
/// The caller adds `--endpoint-url` (`moto.url`) and the command, e.g.
/// `aws_cli(&moto, &moto.admin).args(["--endpoint-url", &moto.url, "cognito-idp", …])`.
/// Note: this is AWS CLI v1, which exits 255 on a service error (v2, like cogtok, 254).
pub fn aws_cli(_moto: &Moto, keys: &Keys) -> TestCommand {
    let mut cmd = TestCommand::new(venv().join("bin").join("aws"));
    let config = cmd.home.join("aws-config");
    fs::write(
        &config,
        "[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\noutput = json\n",
    )
    .unwrap();
    let credentials = cmd.home.join("aws-credentials");
    fs::write(&credentials, "").unwrap();
    cmd.env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
        .keys(keys)
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8")
        .env("AWS_PAGER", "")
        .env("NO_PROXY", "*")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

impl TestCommand {
    pub fn new(program: impl Into<PathBuf>) -> TestCommand {
        let home = temp_dir();
        TestCommand {
            program: program.into(),
            args: Vec::new(),
            envs: Vec::new(),
            stdin: None,
            home,
            current_dir: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The fresh `HOME` of this command (write `.aws/config` etc. here).
    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn arg(&mut self, a: impl AsRef<OsStr>) -> &mut Self {
        self.args.push(a.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Set an environment variable.
    pub fn env(&mut self, k: impl AsRef<OsStr>, v: impl AsRef<OsStr>) -> &mut Self {
        self.envs.push((k.as_ref().to_owned(), Some(v.as_ref().to_owned())));
        self
    }

    /// Remove a variable set earlier (PATH and HOME included).
    pub fn env_remove(&mut self, k: impl AsRef<OsStr>) -> &mut Self {
        self.envs.push((k.as_ref().to_owned(), None));
        self
    }

    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.
    pub fn keys(&mut self, keys: &Keys) -> &mut Self {
        self.env("AWS_ACCESS_KEY_ID", &keys.access_key_id)
            .env("AWS_SECRET_ACCESS_KEY", &keys.secret_access_key)
    }

    /// Bytes for standard input (else stdin is /dev/null).
    pub fn stdin(&mut self, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = Some(bytes.into());
        self
    }

    pub fn current_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.current_dir = Some(dir.into());
        self
    }

    /// Kill the command after this long (default 60 s); the run then panics.
    pub fn timeout(&mut self, t: Duration) -> &mut Self {
        self.timeout = t;
        self
    }

    /// The command line, shell-quoted, with the environment that was added.
    pub fn command_line(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.envs {
            match v {
                Some(v) => {
                    let _ = write!(s, "{}={} ", k.to_string_lossy(), shell_quote(v));
                }
                None => {
                    let _ = write!(s, "-u {} ", k.to_string_lossy());
                }
            }
        }
        s.push_str(&shell_quote(self.program.as_os_str()));
        for a in &self.args {
            s.push(' ');
            s.push_str(&shell_quote(a));
        }
        s
    }

    /// Run to completion and collect stdout, stderr and the exit code. Panics only if the
    /// command cannot be started or outlives its timeout.
    pub fn run(&self) -> Output {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.envs {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        if let Some(dir) = &self.current_dir {
            cmd.current_dir(dir);
        }
        let command_line = self.command_line();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run `{command_line}`: {e}"));

        let stdin_thread = match (self.stdin.clone(), child.stdin.take()) {
            (Some(bytes), Some(mut pipe)) => Some(thread::spawn(move || {
                // The child may exit without reading everything: ignore a broken pipe.
                let _ = pipe.write_all(&bytes);
            })),
            _ => None,
        };
        let stdout = Capture::start(child.stdout.take().unwrap());
        let stderr = Capture::start(child.stderr.take().unwrap());

        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() > deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!(
                        "`{command_line}` did not finish within {:?}; killed\n\
                         --- stdout ---\n{}\n--- stderr ---\n{}",
                        self.timeout,
                        stdout.finish(Duration::ZERO),
                        stderr.finish(Duration::ZERO)
                    );
                }
                Ok(None) => thread::sleep(Duration::from_millis(5)),
                Err(e) => panic!("waiting for `{command_line}`: {e}"),
            }
        };
        if let Some(t) = stdin_thread {
            if t.is_finished() {
                let _ = t.join();
            }
        }
        // A grandchild that inherited the pipes could keep them open: do not wait for it long.
        let stdout = stdout.finish(Duration::from_secs(5));
        let stderr = stderr.finish(Duration::from_secs(5));
        Output {
            stdout,
            stderr,
            code: exit_code(status),
            command_line,
        }
    }
}

/// Reads a pipe to its end on a thread, into a buffer that can be taken before the end.
struct Capture {
    buf: Arc<Mutex<Vec<u8>>>,
    done: Arc<AtomicBool>,
}

impl Capture {
    fn start(mut pipe: impl Read + Send + 'static) -> Capture {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let done = Arc::new(AtomicBool::new(false));
        let (b, d) = (buf.clone(), done.clone());
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            loop {
                match pipe.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => b.lock().unwrap().extend_from_slice(&chunk[..n]),
                }
            }
            d.store(true, Ordering::SeqCst);
        });
        Capture { buf, done }
    }

    /// What was read, after waiting up to `grace` for the end of the pipe.
    fn finish(&self, grace: Duration) -> String {
        let deadline = Instant::now() + grace;
        while !self.done.load(Ordering::SeqCst) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(2));
        }
        String::from_utf8_lossy(&self.buf.lock().unwrap()).into_owned()
    }
}

impl Drop for TestCommand {
    /// Removes the command's HOME, unless the test is failing (then it is left to look at).
    fn drop(&mut self) {
        if !thread::panicking() {
            let _ = fs::remove_dir_all(&self.home);
        }
    }
}

#[cfg(unix)]
fn exit_code(status: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    // Killed by a signal: the shell's 128 + signal number.
    status.code().unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

#[cfg(not(unix))]
fn exit_code(status: std::process::ExitStatus) -> i32 {
    status.code().unwrap_or(-1)
}

fn shell_quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c)) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// What a [`TestCommand`] did.
#[derive(Clone, Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The exit code; 128 + N when killed by signal N.
    pub code: i32,
    /// The command line as run (shell-quoted, with the added environment).
    pub command_line: String,
}

impl Output {
    /// The whole story, for failure messages.
    pub fn describe(&self) -> String {
        format!(
            "command: {}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- end ---",
            self.command_line, self.code, self.stdout, self.stderr
        )
    }

    /// Assert exit code 0.
    #[track_caller]
    pub fn success(self) -> Self {
        self.code(0)
    }

    /// Assert exit code `n`.
    #[track_caller]
    pub fn code(self, n: i32) -> Self {
        if self.code != n {
            panic!("expected exit code {n}, got {}\n{}", self.code, self.describe());
        }
        self
    }

    /// Assert that stdout contains `needle`.
    #[track_caller]
    pub fn stdout_contains(self, needle: &str) -> Self {
        if !self.stdout.contains(needle) {
            panic!("stdout does not contain {needle:?}\n{}", self.describe());
        }
        self
    }

    /// Assert that stderr contains `needle`.
    #[track_caller]
    pub fn stderr_contains(self, needle: &str) -> Self {
        if !self.stderr.contains(needle) {
            panic!("stderr does not contain {needle:?}\n{}", self.describe());
        }
        self
    }

    /// Assert that neither stdout nor stderr contains `secret`.
    #[track_caller]
    pub fn not_leaking(self, secret: &str) -> Self {
        if self.stdout.contains(secret) || self.stderr.contains(secret) {
            panic!("the output contains the secret {secret:?}\n{}", self.describe());
        }
        self
    }

    /// stdout parsed as JSON (panics with the whole story if it is not JSON).
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.describe()))
    }
}

// ---------------------------------------------------------------------------------------------
// JWTs

/// The claims of a JWT: its middle part, base64url-decoded here (independently of cogtok's own
/// decoder) and parsed as JSON. Panics, naming the token's shape, when it is not a JWT.
#[track_caller]
pub fn jwt_claims(token: &str) -> serde_json::Value {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        panic!(
            "not a JWT (want three non-empty base64url parts separated by dots): {} part(s), {} chars",
            parts.len(),
            token.len()
        );
    }
    let bytes = base64url_decode(parts[1]).unwrap_or_else(|| panic!("the JWT's claims are not base64url: {token}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("the JWT's claims are not JSON ({e}): {token}"))
}

/// Unpadded (or padded) base64url; None on any other character.
fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
