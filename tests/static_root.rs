//! The static binary of `make static`, given by `COGTOK_STATIC_BIN` (`make test` sets it):
//!
//! - it is at most 2,500,000 bytes (README: Static binary and figures) and truly static (no interpreter, no
//!   DT_NEEDED; `ldd` and `file` agree);
//! - copied alone into an empty directory used as root (`chroot`), with no `/etc`, no `HOME`
//!   and only environment variables, it signs in over HTTP to `http://127.0.0.1:PORT` (a moto
//!   checking SigV4), over HTTPS to a local TLS server whose CA is given by `AWS_CA_BUNDLE`,
//!   refuses an untrusted certificate (exit 255, one line), and goes through `HTTP_PROXY` /
//!   `HTTPS_PROXY` unless `NO_PROXY` says otherwise;
//! - it signs with a role assumed from a web identity token file in the root (EKS IRSA), at a
//!   moto checking SigV4 and IAM;
//! - it gets a user's AWS credentials from an identity pool (`aws-credentials`, both flows) at a
//!   moto, with environment variables only;
//! - it signs with credentials from a container endpoint on 127.0.0.1 (EKS Pod Identity: a
//!   token file inside the root);
//! - with only `/etc/hosts` and `/etc/resolv.conf` in the root (what Docker gives a `FROM
//!   scratch` container), it resolves host names from both;
//! - the container image's root filesystem, assembled as the Dockerfile's final stage says
//!   (FROM scratch, the binary alone at /cogtok, USER, ENTRYPOINT; no container daemon needed),
//!   runs as that non-root user: `--version`, and a sign-in over HTTPS trusting the CA of a
//!   mounted AWS_CA_BUNDLE file with its cache on a volume the user owns, refused without it
//!   (there is no CA store in the image).
//!
//! The chroot tests need root: they are `#[ignore]`d, so that `cargo test` reports them as not
//! run rather than passed, and `make test` runs them with `--ignored` when it is root (CI is;
//! `.ci/run` refuses to run as anyone else). Run by hand without root, they fail with the reason.
//! The size and linkage tests run everywhere. A missing `COGTOK_STATIC_BIN` is a failure, never
//! a skip.

mod common;
#[path = "replay/sigv4.rs"]
mod sigv4;

use common::fake_http::{ok, signature_checking_cognito, FakeServer};
use common::{jwt_claims, temp_dir, venv, Moto, Output, TestCommand};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The README's budget for the static binary, stripped, with every feature in.
const SIZE_BUDGET: u64 = 2_500_000;
const PASSWORD: &str = "Perm-Passw0rd!";

// ---------------------------------------------------------------------------------------------
// The binary

/// `$COGTOK_STATIC_BIN`, the binary of `make static`. Panics, saying how to get it, when the
/// variable is missing or names no file.
fn static_bin() -> PathBuf {
    let hint = "these tests check the binary of `make static`. Run `make test` (it runs `make static` \
                first and sets COGTOK_STATIC_BIN), or `make static` then \
                `COGTOK_STATIC_BIN=$PWD/$(cat target/static-bin) cargo test --test static_root`";
    let path = match std::env::var_os("COGTOK_STATIC_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => panic!("COGTOK_STATIC_BIN is not set: {hint}"),
    };
    if !path.is_file() {
        panic!("COGTOK_STATIC_BIN={} is not a file: {hint}", path.display());
    }
    path
}

#[test]
fn static_binary_fits_the_size_budget() {
    let bin = static_bin();
    let size = fs::metadata(&bin).unwrap().len();
    let flavor = if bin.to_string_lossy().contains("musl") {
        "musl"
    } else {
        "glibc +crt-static (about 0.9 MB more than musl: install the x86_64-unknown-linux-musl target)"
    };
    loud(&format!(
        "static binary: {} is {size} bytes ({flavor}); budget {SIZE_BUDGET}",
        bin.display()
    ));
    assert!(
        size <= SIZE_BUDGET,
        "the static binary {} is {size} bytes, {} over the budget of {SIZE_BUDGET} bytes (README: Static binary and figures); \
         it is {flavor}. See where the bytes go with `cargo bloat --release --crates` (cargo install \
         cargo-bloat) and keep new code lean",
        bin.display(),
        size - SIZE_BUDGET
    );
}

#[test]
fn static_binary_is_statically_linked() {
    let bin = static_bin();
    let problems = elf_dynamic_dependencies(&bin);
    assert!(
        problems.is_empty(),
        "{} is not static: {}",
        bin.display(),
        problems.join("; ")
    );

    // ldd is in libc-bin (always there on Debian); it names a static-pie "statically linked"
    // and a static non-PIE "not a dynamic executable".
    let ldd = Command::new("ldd")
        .arg(&bin)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ldd: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&ldd.stdout),
        String::from_utf8_lossy(&ldd.stderr)
    );
    assert!(
        said.contains("statically linked") || said.contains("not a dynamic executable"),
        "ldd {} says it is dynamic: {said}",
        bin.display()
    );

    // `file` is not always installed; when it is, it must agree.
    match Command::new("file").arg("-b").arg(&bin).output() {
        Ok(out) => {
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(
                said.contains("statically linked") || said.contains("static-pie linked"),
                "file {} says: {said}",
                bin.display()
            );
        }
        Err(e) => loud(&format!(
            "`file` is not installed ({e}); checked the ELF headers and ldd only"
        )),
    }
}

/// What makes an ELF file depend on others: a PT_INTERP (the dynamic loader) or DT_NEEDED
/// entries (shared libraries). Empty for a static or static-pie executable.
fn elf_dynamic_dependencies(path: &Path) -> Vec<String> {
    let data = fs::read(path).unwrap();
    assert!(
        data.len() > 64 && &data[..4] == b"\x7fELF" && data[4] == 2 && data[5] == 1,
        "{} is not a 64-bit little-endian ELF file",
        path.display()
    );
    let u16_at = |o: usize| u16::from_le_bytes(data[o..o + 2].try_into().unwrap()) as usize;
    let u32_at = |o: usize| u32::from_le_bytes(data[o..o + 4].try_into().unwrap());
    let u64_at = |o: usize| u64::from_le_bytes(data[o..o + 8].try_into().unwrap()) as usize;
    let (phoff, phentsize, phnum) = (u64_at(0x20), u16_at(0x36), u16_at(0x38));
    let mut problems = Vec::new();
    for i in 0..phnum {
        let ph = phoff + i * phentsize;
        let (p_type, offset, filesz) = (u32_at(ph), u64_at(ph + 8), u64_at(ph + 32));
        match p_type {
            // PT_INTERP
            3 => {
                let interp = String::from_utf8_lossy(&data[offset..offset + filesz]);
                problems.push(format!("it asks for the loader {}", interp.trim_end_matches('\0')));
            }
            // PT_DYNAMIC: a static-pie has one (for its relocations), but needs nothing.
            2 => {
                for entry in data[offset..offset + filesz].chunks_exact(16) {
                    let tag = i64::from_le_bytes(entry[..8].try_into().unwrap());
                    if tag == 0 {
                        break;
                    }
                    if tag == 1 {
                        problems.push("it has DT_NEEDED entries (shared libraries)".to_string());
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The empty root

/// Writes straight to the test's stderr, past libtest's output capture: for what must be seen
/// even when the test passes.
fn loud(message: &str) {
    let _ = writeln!(std::io::stderr(), "static_root: {message}");
}

/// Fails the test, with the reason, unless we may chroot (root).
fn require_root() {
    // The binary must be given either way: a missing COGTOK_STATIC_BIN fails, even here.
    static_bin();
    let uid = fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX);
    assert_eq!(
        uid, 0,
        "the empty-root tests need root for chroot (uid is {uid}): run `sudo make test`; \
         without root, `make test` leaves them ignored"
    );
}

fn chroot_program() -> PathBuf {
    for dir in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
        let p = Path::new(dir).join("chroot");
        if p.exists() {
            return p;
        }
    }
    panic!("no chroot program in /usr/sbin, /sbin, /usr/bin or /bin (Debian: coreutils)");
}

/// A directory holding the static binary as `/cogtok` and nothing else until [`EmptyRoot::add`];
/// removed when dropped, unless the test is failing.
struct EmptyRoot {
    dir: PathBuf,
}

impl EmptyRoot {
    fn new() -> EmptyRoot {
        let dir = temp_dir().join("root");
        fs::create_dir(&dir).unwrap();
        let target = dir.join("cogtok");
        fs::copy(static_bin(), &target).unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).unwrap();
        EmptyRoot { dir }
    }

    /// Puts a file at `path` (absolute, inside the root), making its directories.
    fn add(&self, path: &str, contents: impl AsRef<[u8]>) -> &Self {
        let p = self.dir.join(path.trim_start_matches('/'));
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, contents).unwrap();
        self
    }

    /// `chroot ROOT /cogtok` with an environment of exactly what the caller adds: no PATH, no
    /// HOME, and none of the test runner's variables.
    fn cogtok(&self) -> TestCommand {
        let mut cmd = TestCommand::new(chroot_program());
        cmd.arg(&self.dir)
            .arg("/cogtok")
            .env_remove("HOME")
            .env_remove("PATH")
            .timeout(Duration::from_secs(30));
        cmd
    }

    /// As `cogtok`, with `AWS_EC2_METADATA_DISABLED=true` for the runs that sign: if their
    /// credentials failed, the chain must end here rather than at 169.254.169.254.
    fn cogtok_signing(&self) -> TestCommand {
        let mut cmd = self.cogtok();
        cmd.env("AWS_EC2_METADATA_DISABLED", "true");
        cmd
    }

    /// Every path in the root, for failure messages.
    fn listing(&self) -> Vec<String> {
        fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
            for e in fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                out.push(format!("/{}", p.strip_prefix(base).unwrap().display()));
                if p.is_dir() {
                    walk(&p, base, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.dir, &self.dir, &mut out);
        out.sort();
        out
    }
}

impl Drop for EmptyRoot {
    fn drop(&mut self) {
        if !thread::panicking() {
            let _ = fs::remove_dir_all(self.dir.parent().unwrap());
        }
    }
}

/// The output's stderr, which must be exactly one line.
#[track_caller]
fn one_line_of_stderr(out: &Output) -> &str {
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "stderr should be one line\n{}", out.describe());
    lines[0]
}

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_runs_with_an_empty_environment() {
    require_root();
    let root = EmptyRoot::new();
    assert_eq!(root.listing(), ["/cogtok"]);
    let out = root.cogtok().arg("--version").run().success();
    assert!(out.stdout.starts_with("cogtok "), "{}", out.describe());
    // No region anywhere (no /etc, no HOME, no variable): a configuration error, exit 253,
    // in one line, not a crash.
    let out = root
        .cogtok()
        .args(["initiate-auth", "--client-id", "c", "--auth-flow", "USER_PASSWORD_AUTH"])
        .args(["--auth-parameters", "USERNAME=u,PASSWORD=p"])
        .run()
        .code(253);
    one_line_of_stderr(&out);
}

// ---------------------------------------------------------------------------------------------
// HTTP to an IP endpoint: moto, checking SigV4

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_signs_in_over_http_with_environment_variables_only() {
    require_root();
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("empty-root", false);
    let user = "root@example.com";
    moto.create_user(&pool, user, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, user, PASSWORD);
    let root = EmptyRoot::new();
    assert_eq!(root.listing(), ["/cogtok"]);

    // USER_PASSWORD_AUTH: unsigned, no credentials at all.
    let password_login = || {
        let mut cmd = root.cogtok();
        cmd.args(["login", "--flow", "password", "--client-id", &pool.client_id])
            .args(["--username", user, "--output", "id-token"])
            .env("AWS_ENDPOINT_URL", &moto.url)
            .env("AWS_REGION", "us-east-1")
            .env("COGTOK_PASSWORD", PASSWORD);
        cmd
    };
    let out = password_login().run().success().not_leaking(PASSWORD);
    let claims = jwt_claims(out.stdout.trim_end());
    assert_eq!(claims["email"], user, "{}", out.describe());

    // AdminInitiateAuth: SigV4 from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, checked by moto.
    let out = root
        .cogtok_signing()
        .args(["admin-initiate-auth", "--user-pool-id", &pool.user_pool_id])
        .args([
            "--client-id",
            &pool.client_id,
            "--auth-flow",
            "ADMIN_USER_PASSWORD_AUTH",
        ])
        .arg("--auth-parameters")
        .arg(format!("USERNAME={user},PASSWORD={PASSWORD}"))
        .env("AWS_ENDPOINT_URL", &moto.url)
        .env("AWS_REGION", "us-east-1")
        .keys(&moto.admin)
        .run()
        .success();
    let answer = out.json();
    assert!(
        answer["AuthenticationResult"]["AccessToken"].is_string(),
        "{}",
        out.describe()
    );

    // HTTP_PROXY: the request goes through the proxy, in absolute form.
    let proxy = RecordingProxy::start();
    password_login().env("HTTP_PROXY", proxy.url()).run().success();
    let seen = proxy.seen();
    let expected = format!("POST {}/ HTTP/1.1", moto.url);
    assert!(
        seen.iter().any(|l| l == &expected),
        "the proxy did not see {expected:?}; it saw {seen:?}"
    );
    // The lower-case spelling too (curl's; reqwest reads both).
    let before = proxy.seen().len();
    password_login().env("http_proxy", proxy.url()).run().success();
    assert!(
        proxy.seen().len() > before,
        "http_proxy was not used: {:?}",
        proxy.seen()
    );

    // NO_PROXY: straight to the server, the proxy sees nothing.
    let before = proxy.seen().len();
    password_login()
        .env("HTTP_PROXY", proxy.url())
        .env("NO_PROXY", "127.0.0.1")
        .run()
        .success();
    assert_eq!(
        proxy.seen().len(),
        before,
        "NO_PROXY=127.0.0.1 was not honoured: {:?}",
        proxy.seen()
    );
}

// ---------------------------------------------------------------------------------------------
// HTTPS: a local TLS server with a throwaway CA, answering a recorded Cognito exchange

/// The recorded USER_PASSWORD_AUTH exchange the TLS server plays, and the id token it carries.
fn recorded_answer() -> (Value, String) {
    let path = common::repo_root().join("fixtures/exchanges/initiate-auth/user-password-auth.json");
    let fixture: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let response = fixture["exchanges"][0]["response"].clone();
    let id_token = response["body"]["AuthenticationResult"]["IdToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no IdToken in the first answer", path.display()))
        .to_string();
    (response, id_token)
}

/// The client and user of that fixture.
const FIXTURE_CLIENT: &str = "3n4b5urk1ft4fl3mg5e62d9ado";
const FIXTURE_USER: &str = "alice";
const FIXTURE_PASSWORD: &str = "fake-Passw0rd";

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_signs_in_over_https_with_aws_ca_bundle() {
    require_root();
    let (answer, id_token) = recorded_answer();
    let server = TlsServer::start(&answer, &[]);
    let root = EmptyRoot::new();
    root.add("/certs/ca.pem", fs::read(&server.ca_pem).unwrap());
    assert_eq!(root.listing(), ["/certs", "/certs/ca.pem", "/cogtok"]);
    let endpoint = format!("https://127.0.0.1:{}", server.port);
    let login = || {
        let mut cmd = root.cogtok();
        cmd.args(["login", "--flow", "password", "--client-id", FIXTURE_CLIENT])
            .args(["--username", FIXTURE_USER, "--output", "id-token"])
            .env("AWS_ENDPOINT_URL", &endpoint)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("COGTOK_PASSWORD", FIXTURE_PASSWORD);
        cmd
    };

    // The CA from AWS_CA_BUNDLE, read from inside the root.
    let out = login()
        .env("AWS_CA_BUNDLE", "/certs/ca.pem")
        .run()
        .success()
        .not_leaking(FIXTURE_PASSWORD);
    assert_eq!(out.stdout, format!("{id_token}\n"), "{}", out.describe());
    server.expect_requests(1);

    // No AWS_CA_BUNDLE: the certificate is not trusted by the compiled-in roots (and nothing
    // from /etc/ssl, which is not there anyway): exit 255, one line that says why.
    let out = login().run().code(255);
    let line = one_line_of_stderr(&out);
    assert!(
        line.starts_with("cogtok: ") && line.to_lowercase().contains("certificate"),
        "the refusal should name the certificate: {}",
        out.describe()
    );
    server.expect_requests(1);

    // HTTPS_PROXY: a CONNECT tunnel through the proxy, TLS inside it with the same CA.
    let proxy = RecordingProxy::start();
    let out = login()
        .env("AWS_CA_BUNDLE", "/certs/ca.pem")
        .env("HTTPS_PROXY", proxy.url())
        .run()
        .success();
    assert_eq!(out.stdout, format!("{id_token}\n"), "{}", out.describe());
    let expected = format!("CONNECT 127.0.0.1:{} HTTP/1.1", server.port);
    assert!(
        proxy.seen().iter().any(|l| l == &expected),
        "the proxy did not see {expected:?}; it saw {:?}",
        proxy.seen()
    );
    server.expect_requests(2);

    // NO_PROXY (here the lower-case spelling): no tunnel.
    let before = proxy.seen().len();
    login()
        .env("AWS_CA_BUNDLE", "/certs/ca.pem")
        .env("HTTPS_PROXY", proxy.url())
        .env("no_proxy", "localhost,127.0.0.1")
        .run()
        .success();
    assert_eq!(
        proxy.seen().len(),
        before,
        "NO_PROXY was not honoured: {:?}",
        proxy.seen()
    );
    server.expect_requests(3);
}

// ---------------------------------------------------------------------------------------------
// Credentials from a container endpoint (ECS / EKS Pod Identity)

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_signs_with_container_credentials_and_a_token_file() {
    require_root();
    const SESSION_TOKEN: &str = "FwoGZXIvYXdzEXAMPLESTATICROOT";
    const USER: &str = "root@example.com";
    // The Cognito stand-in checks the signature of the replay tests' fake keys and the token.
    let cognito = signature_checking_cognito(sigv4::check, SESSION_TOKEN, USER);
    let credentials = serde_json::json!({
        "AccessKeyId": sigv4::ACCESS_KEY,
        "SecretAccessKey": sigv4::SECRET_KEY,
        "Token": SESSION_TOKEN,
        "Expiration": "2999-01-01T00:00:00Z",
    })
    .to_string();
    let endpoint = FakeServer::start(move |r, _| match r.header("authorization") {
        Some("pod-identity-token") => ok(credentials.clone()),
        _ => common::fake_http::status(403, r#"{"code":"AccessDenied","message":"no token"}"#),
    });
    let root = EmptyRoot::new();
    // The EKS Pod Identity token file, read from inside the root.
    root.add("/var/run/secrets/eks-pod-identity-token", "pod-identity-token");
    let out = root
        .cogtok_signing()
        .args(["admin-get-user", "--user-pool-id", "us-east-1_Fake", "--username", USER])
        .env("AWS_ENDPOINT_URL", &cognito.url)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            format!("{}/v1/credentials", endpoint.url),
        )
        .env(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "/var/run/secrets/eks-pod-identity-token",
        )
        .run()
        .success()
        .not_leaking(sigv4::SECRET_KEY)
        .not_leaking(SESSION_TOKEN)
        .not_leaking("pod-identity-token");
    assert!(out.stdout.contains(USER), "{}", out.describe());
    assert_eq!(endpoint.seen().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Credentials from a web identity token file (EKS IRSA)

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_signs_with_a_role_assumed_from_a_web_identity_token_file() {
    require_root();
    const USER: &str = "irsa@example.com";
    const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c3RhdGljLXJvb3Q";
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("empty-root-irsa", false);
    moto.create_user(&pool, USER, "Temp-Passw0rd!");
    let root = EmptyRoot::new();
    // Where EKS mounts the projected service-account token, inside the root.
    root.add("/var/run/secrets/eks.amazonaws.com/serviceaccount/token", TOKEN);
    // AssumeRoleWithWebIdentity is unsigned: the one action moto lets through unchecked. The
    // cognito-idp call after it must carry the role's signature, which moto's IAM check accepts.
    moto.allow_unauthenticated(1);
    let out = root
        .cogtok_signing()
        .args([
            "admin-get-user",
            "--user-pool-id",
            &pool.user_pool_id,
            "--username",
            USER,
        ])
        .env("AWS_ENDPOINT_URL", &moto.url)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ROLE_ARN", &moto.role_arn)
        .env(
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
        )
        .run()
        .success()
        .not_leaking(TOKEN);
    assert!(out.stdout.contains(USER), "{}", out.describe());
}

// ---------------------------------------------------------------------------------------------
// AWS credentials from an identity pool

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_gets_aws_credentials_from_an_identity_pool() {
    require_root();
    const USER: &str = "idpool@example.com";
    // Without enforcement: moto answers an unsigned GetCredentialsForIdentity only so.
    let moto = Moto::start_open();
    let pool = moto.create_pool("empty-root-idpool", false);
    moto.create_user(&pool, USER, "Temp-Passw0rd!");
    moto.set_permanent_password(&pool, USER, PASSWORD);
    let identity_pool = moto.create_identity_pool("empty_root", &pool);
    let root = EmptyRoot::new();
    let aws_credentials = |flow: &[&str]| {
        let mut cmd = root.cogtok();
        cmd.args(["aws-credentials", "--identity-pool-id", &identity_pool])
            .args(["--user-pool-id", &pool.user_pool_id, "--client-id", &pool.client_id])
            .args([
                "--username",
                USER,
                "--flow",
                "password",
                "--output",
                "credential-process",
            ])
            .args(flow)
            .env("AWS_ENDPOINT_URL", &moto.url)
            .env("COGTOK_PASSWORD", PASSWORD);
        cmd.run().success().not_leaking(PASSWORD)
    };
    // The enhanced flow: moto's GetCredentialsForIdentity keys.
    let out = aws_credentials(&[]);
    let process = out.json();
    assert_eq!(process["Version"], 1, "{}", out.describe());
    assert_eq!(process["AccessKeyId"], "TESTACCESSKEY12345", "{}", out.describe());
    // The basic flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity for the role.
    let out = aws_credentials(&["--basic-flow", "--role-arn", &moto.role_arn]);
    let process = out.json();
    let key = process["AccessKeyId"].as_str().unwrap_or_default();
    assert!(key.starts_with("ASIA"), "STS's temporary key: {}", out.describe());
    assert!(process["Expiration"].as_str().is_some_and(|e| e.ends_with('Z')));
}

// ---------------------------------------------------------------------------------------------
// Host names: /etc/hosts and /etc/resolv.conf only

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn empty_root_resolves_names_from_etc_hosts_and_resolv_conf() {
    require_root();
    let (answer, id_token) = recorded_answer();
    let server = TlsServer::start(&answer, &["cognito.hosts.test", "cognito.dns.test"]);
    let dns = DnsServer::start(&[("cognito.dns.test", Ipv4Addr::LOCALHOST)]);
    // What Docker bind-mounts into a FROM scratch container, and nothing else.
    let root = EmptyRoot::new();
    root.add("/etc/hosts", "127.0.0.1\tlocalhost\n127.0.0.1\tcognito.hosts.test\n")
        .add(
            "/etc/resolv.conf",
            format!("nameserver {}\noptions timeout:2 attempts:1\n", dns.ip),
        )
        .add("/ca.pem", fs::read(&server.ca_pem).unwrap());
    let login = |host: &str| {
        let mut cmd = root.cogtok();
        cmd.args(["login", "--flow", "password", "--client-id", FIXTURE_CLIENT])
            .args(["--username", FIXTURE_USER, "--output", "id-token"])
            .env("AWS_ENDPOINT_URL", format!("https://{host}:{}", server.port))
            .env("AWS_REGION", "us-east-1")
            .env("AWS_CA_BUNDLE", "/ca.pem")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("COGTOK_PASSWORD", FIXTURE_PASSWORD);
        cmd
    };

    // From /etc/hosts (the certificate names it too: the name is checked, not only resolved).
    let out = login("cognito.hosts.test").run().success();
    assert_eq!(out.stdout, format!("{id_token}\n"), "{}", out.describe());

    // From the DNS server named in /etc/resolv.conf.
    let out = login("cognito.dns.test").run().success();
    assert_eq!(out.stdout, format!("{id_token}\n"), "{}", out.describe());
    let queries = dns.queries();
    assert!(
        queries
            .iter()
            .any(|(name, qtype)| name == "cognito.dns.test" && *qtype == 1),
        "no A query for cognito.dns.test reached {}: {queries:?}",
        dns.ip
    );
    server.expect_requests(2);

    // A name nobody knows: exit 255, one line.
    let out = login("nowhere.dns.test").run().code(255);
    one_line_of_stderr(&out);
    server.expect_requests(2);
}

// ---------------------------------------------------------------------------------------------
// The container image: the Dockerfile's final stage, assembled without a container daemon

/// What the Dockerfile's final stage makes: `FROM scratch`, the files it copies (path in the
/// image), the user it runs as, and its entrypoint. Only the instructions a scratch stage can
/// hold are understood; any other fails the test, which must then learn it.
struct ImageSpec {
    copies: Vec<String>,
    user: (u32, u32),
    entrypoint: Vec<String>,
}

fn image_spec() -> ImageSpec {
    let text = fs::read_to_string(common::repo_root().join("Dockerfile")).unwrap();
    // Instructions, with continued lines joined and comments dropped.
    let mut instructions: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || (line.is_empty() && current.is_empty()) {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(part) => current.push_str(part),
            None => {
                current.push_str(line);
                instructions.push(std::mem::take(&mut current));
            }
        }
    }
    let last_from = instructions
        .iter()
        .rposition(|i| i.starts_with("FROM "))
        .expect("the Dockerfile has a FROM");
    assert_eq!(
        instructions[last_from], "FROM scratch",
        "the image's last stage is FROM scratch"
    );
    let (mut copies, mut user, mut entrypoint) = (Vec::new(), None, None);
    for instruction in &instructions[last_from + 1..] {
        let (word, rest) = instruction.split_once(' ').unwrap_or((instruction, ""));
        match word {
            "LABEL" => {}
            "COPY" => {
                let parts: Vec<&str> = rest.split_whitespace().collect();
                assert!(
                    parts.len() == 3 && parts[0] == "--from=build",
                    "COPY in the final stage: only `COPY --from=build SRC DEST` is understood: {instruction}"
                );
                copies.push(parts[2].to_string());
            }
            "USER" => {
                let (u, g) = rest
                    .split_once(':')
                    .expect("USER uid:gid (numeric: scratch has no passwd)");
                user = Some((u.parse().expect("a numeric uid"), g.parse().expect("a numeric gid")));
            }
            "ENTRYPOINT" => {
                entrypoint = Some(serde_json::from_str::<Vec<String>>(rest).expect("ENTRYPOINT in exec form"));
            }
            _ => panic!("the final stage has an instruction this test does not model: {instruction}"),
        }
    }
    ImageSpec {
        copies,
        user: user.expect("the image sets USER"),
        entrypoint: entrypoint.expect("the image sets ENTRYPOINT"),
    }
}

#[test]
#[ignore = "needs root for chroot; `make test` runs it as root"]
fn image_root_filesystem_runs_as_its_user_with_no_shell_and_no_ca_store() {
    require_root();
    let image = image_spec();
    // The build stage copies out `make static`'s binary (Dockerfile: `make static`, then
    // target/static-bin's path): the binary these tests are given.
    assert_eq!(image.copies, ["/cogtok"], "the image holds the binary alone");
    assert_eq!(image.entrypoint, ["/cogtok"]);
    let (uid, gid) = image.user;
    assert_ne!(uid, 0, "the image runs as a user other than root");
    let root = EmptyRoot::new();
    assert_eq!(root.listing(), ["/cogtok"]);
    // `docker run IMAGE ARGS`: the entrypoint with ARGS, as USER, nothing else in the root.
    let run = |args: &[&str]| {
        let mut cmd = TestCommand::new(chroot_program());
        cmd.arg(format!("--userspec={uid}:{gid}"))
            .arg(&root.dir)
            .args(&image.entrypoint)
            .args(args)
            .env_remove("HOME")
            .env_remove("PATH")
            .timeout(Duration::from_secs(30));
        cmd
    };
    let out = run(&["--version"]).run().success();
    assert!(
        out.stdout.starts_with("cogtok ") && out.stdout.trim_end().ends_with("-linux-musl)"),
        "{}",
        out.describe()
    );
    for absent in ["/bin/sh", "/etc/ssl", "/etc/passwd"] {
        assert!(!root.dir.join(&absent[1..]).exists(), "{absent} is in the image");
    }

    // A sign-in over HTTPS as that user: the CA from AWS_CA_BUNDLE, a file mounted into the
    // container; the token cache on a volume the user owns (which shows the uid it ran as).
    let (answer, id_token) = recorded_answer();
    let server = TlsServer::start(&answer, &[]);
    root.add("/run/secrets/ca.pem", fs::read(&server.ca_pem).unwrap());
    let cache = root.dir.join("cache");
    fs::create_dir(&cache).unwrap();
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::chown(&cache, Some(uid), Some(gid)).unwrap();
    let login = || {
        let mut cmd = run(&["login", "--flow", "password", "--output", "id-token"]);
        cmd.args(["--client-id", FIXTURE_CLIENT, "--username", FIXTURE_USER])
            .args(["--cache", "--cache-dir", "/cache"])
            .env("AWS_ENDPOINT_URL", format!("https://127.0.0.1:{}", server.port))
            .env("AWS_REGION", "us-east-1")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("COGTOK_PASSWORD", FIXTURE_PASSWORD);
        cmd
    };
    let out = login()
        .env("AWS_CA_BUNDLE", "/run/secrets/ca.pem")
        .run()
        .success()
        .not_leaking(FIXTURE_PASSWORD);
    assert_eq!(out.stdout, format!("{id_token}\n"), "{}", out.describe());
    server.expect_requests(1);
    let cached: Vec<_> = fs::read_dir(&cache).unwrap().flatten().collect();
    assert_eq!(cached.len(), 1, "one cache file: {cached:?}");
    let meta = cached[0].metadata().unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o777),
        (uid, gid, 0o600),
        "the cache file is the image user's, 0600"
    );

    // Without AWS_CA_BUNDLE, and with the cache emptied: the image has no CA store, and the
    // compiled-in Mozilla roots do not know this CA: refused, one line, exit 255.
    fs::remove_file(cached[0].path()).unwrap();
    let out = login().run().code(255);
    assert!(
        one_line_of_stderr(&out).to_lowercase().contains("certificate"),
        "{}",
        out.describe()
    );
    server.expect_requests(1);
}

// ---------------------------------------------------------------------------------------------
// A TLS server in the venv's Python: a throwaway CA and a certificate for 127.0.0.1 (and the
// given names) made with `cryptography` (in the venv through moto), answering every POST with
// one recorded answer and printing one line per request.

const TLS_SERVER_PY: &str = r#"
import datetime, http.server, ipaddress, json, os, socketserver, ssl, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

out_dir, answer_path, names = sys.argv[1], sys.argv[2], sys.argv[3:]
answer = json.load(open(answer_path))
now = datetime.datetime.now(datetime.timezone.utc)

def subject(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

def pem(path, data):
    with open(os.path.join(out_dir, path), "wb") as f:
        f.write(data)

ca_key = ec.generate_private_key(ec.SECP256R1())
ca = (x509.CertificateBuilder()
      .subject_name(subject("cogtok throwaway test CA")).issuer_name(subject("cogtok throwaway test CA"))
      .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
      .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
      .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
      .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                   data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                   crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
      .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
      .sign(ca_key, hashes.SHA256()))
key = ec.generate_private_key(ec.SECP256R1())
sans = [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))] + [x509.DNSName(n) for n in names]
cert = (x509.CertificateBuilder()
        .subject_name(subject("127.0.0.1")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256()))
pem("ca.pem", ca.public_bytes(serialization.Encoding.PEM))
pem("server.pem", cert.public_bytes(serialization.Encoding.PEM))
pem("server.key", key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(os.path.join(out_dir, "server.pem"), os.path.join(out_dir, "server.key"))

def say(*words):
    print(*words, flush=True)

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        self.request.settimeout(20)
        self.request = ctx.wrap_socket(self.request, server_side=True)
        super().setup()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            json.loads(body)
            kind = "json"
        except ValueError:
            kind = "not-json"
        say("REQUEST", self.command, self.path, self.headers.get("X-Amz-Target", "-"),
            "signed" if self.headers.get("Authorization") else "unsigned", kind)
        data = json.dumps(answer["body"], separators=(",", ":")).encode()
        self.send_response(answer["status"])
        for k, v in answer["headers"].items():
            if k.lower() not in ("content-length", "connection", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        e = sys.exc_info()[1]
        say("ERROR", type(e).__name__, str(e).replace("\n", " "))

httpd = Server(("127.0.0.1", 0), Handler)
say("READY", httpd.server_address[1])
httpd.serve_forever()
"#;

struct TlsServer {
    port: u16,
    dir: PathBuf,
    ca_pem: PathBuf,
    lines: Arc<Mutex<Vec<String>>>,
    child: Child,
}

impl TlsServer {
    /// Starts the server, answering every request with `answer` (`{status, headers, body}`),
    /// with a certificate for 127.0.0.1 and `names`.
    fn start(answer: &Value, names: &[&str]) -> TlsServer {
        let dir = temp_dir();
        let script = dir.join("tls_server.py");
        fs::write(&script, TLS_SERVER_PY).unwrap();
        let answer_path = dir.join("answer.json");
        fs::write(&answer_path, serde_json::to_vec(answer).unwrap()).unwrap();
        let mut child = Command::new(venv().join("bin").join("python"))
            .arg(&script)
            .arg(&dir)
            .arg(&answer_path)
            .args(names)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &dir)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the venv's python");
        let lines = Arc::new(Mutex::new(Vec::new()));
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let lines = lines.clone();
            thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(|l| l.ok()) {
                    lines.lock().unwrap().push(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            let ready = lines
                .lock()
                .unwrap()
                .iter()
                .find_map(|l| l.strip_prefix("READY ").and_then(|p| p.parse::<u16>().ok()));
            if let Some(port) = ready {
                break port;
            }
            let exited = child.try_wait().unwrap();
            if exited.is_some() || Instant::now() > deadline {
                let _ = child.kill();
                panic!(
                    "the TLS test server did not start ({exited:?}):\n{}",
                    lines.lock().unwrap().join("\n")
                );
            }
            thread::sleep(Duration::from_millis(20));
        };
        TlsServer {
            port,
            ca_pem: dir.join("ca.pem"),
            dir,
            lines,
            child,
        }
    }

    /// Asserts that exactly `n` requests came so far, each an unsigned InitiateAuth with a JSON
    /// body on `POST /`.
    #[track_caller]
    fn expect_requests(&self, n: usize) {
        let lines = self.lines.lock().unwrap().clone();
        let requests: Vec<&String> = lines.iter().filter(|l| l.starts_with("REQUEST ")).collect();
        assert_eq!(requests.len(), n, "the TLS server's log:\n{}", lines.join("\n"));
        for r in requests {
            assert_eq!(
                r.as_str(),
                "REQUEST POST / AWSCognitoIdentityProviderService.InitiateAuth unsigned json",
                "the TLS server's log:\n{}",
                lines.join("\n")
            );
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!("--- TLS test server log ---\n{}", self.lines.lock().unwrap().join("\n"));
        } else {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A recording HTTP proxy: CONNECT tunnels and absolute-form requests, one thread per
// connection, each request line (of a new connection) recorded.

struct RecordingProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl RecordingProxy {
    fn start() -> RecordingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (seen.clone(), stop.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let seen = seen2.clone();
                thread::spawn(move || {
                    if let Err(e) = proxy_connection(conn, &seen) {
                        seen.lock().unwrap().push(format!("proxy error: {e}"));
                    }
                });
            }
        });
        RecordingProxy { addr, seen, stop }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request lines seen so far (and any "proxy error: …").
    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn proxy_connection(mut client: TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(20)))?;
    // The request head (the request line and headers), and whatever came after it.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = client.read(&mut chunk)?;
        if n == 0 || buf.len() > 64 * 1024 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let request_line = head.lines().next().unwrap_or_default().to_string();
    seen.lock().unwrap().push(request_line.clone());
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut upstream;
    if method == "CONNECT" {
        upstream = TcpStream::connect(target)?;
        client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
        upstream.write_all(&buf[head_end..])?;
    } else {
        // Absolute form, `POST http://host:port/path HTTP/1.1`: forwarded as it is (HTTP/1.1
        // servers accept it), then the connection is piped.
        let authority = target
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .ok_or_else(|| std::io::Error::other(format!("not a proxy request: {request_line:?}")))?;
        upstream = TcpStream::connect(authority)?;
        upstream.write_all(&buf)?;
    }
    client.set_read_timeout(None)?;
    let (mut c2, mut u2) = (client.try_clone()?, upstream.try_clone()?);
    let back = thread::spawn(move || {
        let _ = std::io::copy(&mut u2, &mut c2);
        let _ = c2.shutdown(Shutdown::Write);
    });
    let _ = std::io::copy(&mut client, &mut upstream);
    let _ = upstream.shutdown(Shutdown::Write);
    let _ = back.join();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// A DNS server on UDP port 53 of its own loopback address (127.53.x.y, so that tests running in
// parallel never share one): A records for the given names, an empty answer for their other
// types, NXDOMAIN for every other name. Needs root (port 53), as the chroot does.

struct DnsServer {
    ip: Ipv4Addr,
    queries: Arc<Mutex<Vec<(String, u16)>>>,
    stop: Arc<AtomicBool>,
}

impl DnsServer {
    fn start(records: &[(&str, Ipv4Addr)]) -> DnsServer {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let mut attempt = 0;
        let (socket, ip) = loop {
            let n = std::process::id() % 200 * 250 + NEXT.fetch_add(1, Ordering::Relaxed);
            let ip = Ipv4Addr::new(127, 53, (n / 250 % 250) as u8 + 1, (n % 250) as u8 + 1);
            match UdpSocket::bind((ip, 53)) {
                Ok(s) => break (s, ip),
                // Taken (another run of these tests): the next address.
                Err(_) if attempt < 20 => attempt += 1,
                Err(e) => panic!("cannot bind a DNS server on {ip}:53: {e}"),
            }
        };
        socket.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        let records: Vec<(String, Ipv4Addr)> = records.iter().map(|(n, ip)| (n.to_string(), *ip)).collect();
        let queries = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (queries2, stop2) = (queries.clone(), stop.clone());
        thread::spawn(move || {
            let mut packet = [0u8; 512];
            while !stop2.load(Ordering::SeqCst) {
                let Ok((n, from)) = socket.recv_from(&mut packet) else {
                    continue;
                };
                if let Some((reply, name, qtype)) = dns_reply(&packet[..n], &records) {
                    queries2.lock().unwrap().push((name, qtype));
                    let _ = socket.send_to(&reply, from);
                }
            }
        });
        DnsServer { ip, queries, stop }
    }

    fn queries(&self) -> Vec<(String, u16)> {
        self.queries.lock().unwrap().clone()
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The answer to one query: (packet, queried name, query type).
fn dns_reply(query: &[u8], records: &[(String, Ipv4Addr)]) -> Option<(Vec<u8>, String, u16)> {
    if query.len() < 12 || u16::from_be_bytes([query[4], query[5]]) != 1 {
        return None;
    }
    let mut i = 12;
    let mut labels = Vec::new();
    while *query.get(i)? != 0 {
        let len = query[i] as usize;
        labels.push(String::from_utf8_lossy(query.get(i + 1..i + 1 + len)?).to_lowercase());
        i += 1 + len;
    }
    let question_end = i + 5;
    let qtype = u16::from_be_bytes([*query.get(i + 1)?, *query.get(i + 2)?]);
    let question = query.get(12..question_end)?;
    let name = labels.join(".");
    let known: Vec<Ipv4Addr> = records.iter().filter(|(n, _)| *n == name).map(|(_, ip)| *ip).collect();
    let answers: Vec<Ipv4Addr> = if qtype == 1 { known.clone() } else { Vec::new() };
    let rcode: u16 = if known.is_empty() { 3 } else { 0 };
    // QR, the query's opcode and RD, RA, and the rcode.
    let flags = 0x8080 | (u16::from_be_bytes([query[2], query[3]]) & 0x7900) | rcode;
    let mut reply = Vec::with_capacity(64);
    reply.extend_from_slice(&query[..2]);
    reply.extend_from_slice(&flags.to_be_bytes());
    reply.extend_from_slice(&1u16.to_be_bytes());
    reply.extend_from_slice(&(answers.len() as u16).to_be_bytes());
    reply.extend_from_slice(&[0, 0, 0, 0]);
    reply.extend_from_slice(question);
    for ip in answers {
        // A pointer to the question's name, type A, class IN, TTL 60 s, 4 bytes of address.
        reply.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
        reply.extend_from_slice(&ip.octets());
    }
    Some((reply, name, qtype))
}
