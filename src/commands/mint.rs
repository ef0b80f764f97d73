//! `cogtok mint`: tokens for many users at once, for load tests. Each user runs `login`'s whole
//! sign-in (cache, refresh, every flow and challenge), all of them as futures on the one
//! runtime, through one connection pool, at most `--concurrency` at a time and paced by the
//! client-side limiter (`--rate`, adaptive to throttling). A record is printed per user as it
//! finishes; one user's failure never stops the others.

use std::io::IsTerminal;
use std::path::Path;

use futures_util::stream::{FuturesUnordered, StreamExt};

use super::login::{Login, Source, UserSecrets};
use crate::api::model::AuthenticationResult;
use crate::auth::options::Flow;
use crate::auth::secret_sources::{self, SecretKind, SecretSource, CLIENT_SECRET, NEW_PASSWORD, PASSWORD, TOTP_SECRET};
use crate::auth::user_admin::EnsureUser;
use crate::cli::users_file::{self, UserRow};
use crate::cli::{GlobalArgs, MintArgs};
use crate::config::Env;
use crate::error::{Error, Result};
use crate::output::{MintFormat, Outcome, Progress, RecordWriter, Tally, TokenKind};
use crate::secret::Secret;
use crate::transport::{Client, Limiter};

/// Cognito's default UserAuthentication quota is 120 a second per account and region: the
/// default stays under it, leaving room for whatever else the account signs in.
const DEFAULT_RATE: f64 = 100.0;
/// `--ensure`'s default: under the 25 a second of the UserUpdate category AdminSetUserPassword
/// falls in (AdminCreateUser's UserCreation allows 50).
const DEFAULT_ENSURE_RATE: f64 = 20.0;
/// A sign-in takes a round trip or a few; at about 200 ms each, `rate / 5` sign-ins under way
/// keep `rate` requests a second going.
const DEFAULT_CONCURRENCY_DIVISOR: f64 = 5.0;
/// A step of a user's (the cache, `--ensure`, the sign-in) still throttled after the
/// transport's own retries is tried again after a pause: this many tries in all.
const USER_ROUNDS: u32 = 4;
/// The most sign-ins under way by default, whatever the rate (each holds a connection).
const MAX_DEFAULT_CONCURRENCY: f64 = 256.0;
/// The users file is read whole: this is far above a million users' worth.
const MAX_USERS_FILE: u64 = 256 << 20;
/// How long `--users FILE` may take to arrive when it is a pipe.
const USERS_FILE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);
/// The AWS CLI's exit status when some of many transfers failed (`aws s3 cp --recursive`).
const SOME_FAILED: u8 = 1;
/// The shell's status for a run stopped by SIGINT.
const INTERRUPTED: u8 = 130;

pub(super) fn run(globals: &GlobalArgs, args: MintArgs, env: Env) -> Result<()> {
    reject_one_user_options(&args)?;
    let mut rows = users(&args)?;
    check_output_file(args.output_file.as_deref())?;
    // Every secret is read now, once, before the first request: an unset variable or a file
    // that cannot be read is one error (253) rather than a failed record per user, and no
    // sign-in reads a file or a pipe on the runtime while the others wait.
    let mut sign_in = args.login.clone();
    sign_in.client_secret = read_now(sign_in.client_secret.take(), &CLIENT_SECRET, &env)?;
    sign_in.new_password = read_now(sign_in.new_password.take(), &NEW_PASSWORD, &env)?;
    sign_in.totp_secret = read_now(sign_in.totp_secret.take(), &TOTP_SECRET, &env)?;
    if let Some(SecretSource::Value(seed)) = &sign_in.totp_secret {
        crate::auth::totp::Key::from_base32(seed)?;
    }
    for row in &mut rows {
        read_row_secrets(row, &env)?;
    }
    // A code the options do not give is a failed record for that user, never a prompt that
    // would hold every other user's sign-in.
    sign_in.challenges.never_prompt = true;
    let login = Login::prepare_for(globals, sign_in, env, false)?;
    if args.ensure && login.user_pool_id().is_none() {
        return Err(Error::usage(
            "--ensure needs the user pool: pass --user-pool-id ID or set COGTOK_USER_POOL_ID",
        ));
    }
    let default_password = run_password(&args, &rows, &login)?;
    let format = args.output.unwrap_or(MintFormat::Ndjson);
    let tokens = args
        .tokens
        .clone()
        .unwrap_or_else(|| vec![TokenKind::Id, TokenKind::Access]);
    let rate = args.rate.unwrap_or(DEFAULT_RATE);
    let concurrency = args.concurrency.unwrap_or_else(|| {
        (rate / DEFAULT_CONCURRENCY_DIVISOR)
            .ceil()
            .clamp(1.0, MAX_DEFAULT_CONCURRENCY) as usize
    });
    let limiter = Limiter::new(rate, args.ensure_rate.unwrap_or(DEFAULT_ENSURE_RATE));
    let client = Client::with_limiter(login.settings(), limiter)?;
    // Signed calls need credentials: resolved now, before the first of many futures needs them.
    if args.ensure {
        client.prepare_for("AdminGetUser")?;
    }
    if login.flow() == Flow::Admin {
        client.prepare_for("AdminInitiateAuth")?;
    }
    let mut writer = RecordWriter::new(format, tokens, args.output_file.clone())?;
    let mut tally = Tally {
        total: rows.len(),
        ..Tally::default()
    };
    let mut progress = Progress::new(std::io::stderr().is_terminal());
    let run = Run {
        login: &login,
        ensure: args.ensure,
        default_password: default_password.as_ref(),
        interrupt: Interrupt::register()?,
    };
    let interrupted = client.block_on(run.all(&client, &rows, concurrency, |row, result| {
        let now = crate::clock::now_unix();
        let written = match &result {
            Ok((tokens, source)) => {
                tally.done += 1;
                match source {
                    Source::Cache => tally.from_cache += 1,
                    Source::Refresh => tally.refreshed += 1,
                    Source::SignIn => {}
                }
                writer.record(&row.username, &Outcome::Tokens(tokens), now)
            }
            Err(e) => {
                tally.failed += 1;
                let message = error_message(e);
                writer.record(
                    &row.username,
                    &Outcome::Failed {
                        error: &error_name(e),
                        message: &message,
                    },
                    now,
                )
            }
        };
        progress.update(&tally, false);
        written
    }))?;
    if let Some(limiter) = client.limiter() {
        let counts = limiter.counts();
        tally.requests = counts.sent;
        tally.throttled = counts.throttled;
    }
    writer.finish()?;
    progress.summary(&tally, interrupted);
    if interrupted {
        return Err(Error::Exit(INTERRUPTED));
    }
    if tally.failed > 0 {
        return Err(Error::Exit(SOME_FAILED));
    }
    Ok(())
}

/// What every user's sign-in shares.
struct Run<'a> {
    login: &'a Login,
    ensure: bool,
    default_password: Option<&'a Secret>,
    interrupt: Interrupt,
}

/// Ctrl-C (SIGINT), as a socket that becomes readable: the handler, registered before the first
/// request, writes a byte to the other end. (The default action would kill the run mid-record.)
struct Interrupt {
    read: std::cell::Cell<Option<std::os::unix::net::UnixStream>>,
}

impl Interrupt {
    fn register() -> Result<Interrupt> {
        let cannot = |e: std::io::Error| Error::io("cannot catch Ctrl-C", &e);
        let (read, write) = std::os::unix::net::UnixStream::pair().map_err(cannot)?;
        read.set_nonblocking(true).map_err(cannot)?;
        write.set_nonblocking(true).map_err(cannot)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGINT, write).map_err(cannot)?;
        Ok(Interrupt {
            read: std::cell::Cell::new(Some(read)),
        })
    }

    /// The socket for the runtime to await (once: the run awaits it once).
    fn take_async(&self) -> Result<tokio::net::UnixStream> {
        let read = self
            .read
            .take()
            .ok_or_else(|| Error::config("Ctrl-C is already awaited"))?;
        tokio::net::UnixStream::from_std(read).map_err(|e| Error::io("cannot catch Ctrl-C", &e))
    }
}

type UserResult = Result<(AuthenticationResult, Source)>;

impl Run<'_> {
    /// Signs every user in, `concurrency` at a time, handing each result to `done` as it comes.
    /// Returns true when Ctrl-C stopped the run: the users under way are dropped (their
    /// requests cancelled), and nothing more is started.
    async fn all(
        &self,
        client: &Client<'_>,
        rows: &[UserRow],
        concurrency: usize,
        mut done: impl FnMut(&UserRow, UserResult) -> Result<()>,
    ) -> Result<bool> {
        let mut pending = rows.iter();
        let mut running = FuturesUnordered::new();
        let ctrl_c = self.interrupt.take_async()?;
        loop {
            while running.len() < concurrency {
                let Some(row) = pending.next() else { break };
                running.push(async move { (row, self.one(&client.sibling(), row).await) });
            }
            tokio::select! {
                next = running.next() => match next {
                    Some((row, result)) => done(row, result)?,
                    None => return Ok(false),
                },
                _ = ctrl_c.readable() => return Ok(true),
            }
        }
    }

    /// One user: from the cache when it can serve them; else ensured when asked, then signed
    /// in. A step that throttling stopped after the transport's retries is started again after
    /// a pause (never one a wrong password stopped: Cognito locks a user out after a few).
    async fn one(&self, client: &Client<'_>, row: &UserRow) -> UserResult {
        let user = self.login.for_user(UserSecrets {
            username: row.username.clone(),
            password: row
                .password
                .clone()
                .or_else(|| self.default_password.map(|p| SecretSource::Value(p.clone()))),
            new_password: row.new_password.clone(),
            totp_secret: row.totp_secret.clone(),
        });
        // The cache first: a user with fresh or refreshable tokens exists already, and needs
        // neither `--ensure`'s admin calls nor a sign-in.
        if let Some(found) = again_when_throttled(|| user.cached_or_refreshed(client)).await? {
            return Ok(found);
        }
        if self.ensure {
            let password = self.password_of(row, &user)?;
            let ensure = EnsureUser {
                pool: user.user_pool_id().unwrap_or_default(),
                username: &row.username,
                password: &password,
                attributes: &[],
            };
            again_when_throttled(|| ensure.run(client)).await?;
        }
        let tokens = again_when_throttled(|| user.sign_in_and_keep(client)).await?;
        Ok((tokens, Source::SignIn))
    }

    /// The password `--ensure` sets: the row's, else the run's.
    fn password_of(&self, row: &UserRow, user: &Login) -> Result<Secret> {
        match (&row.password, self.default_password) {
            (Some(source), _) => secret_sources::read_optional(Some(source), &PASSWORD, &user.settings().env)?
                .ok_or_else(|| Error::usage("--ensure needs each user's password")),
            (None, Some(p)) => Ok(p.clone()),
            (None, None) => Err(Error::usage("--ensure needs each user's password")),
        }
    }
}

/// Runs `step`, and again after a jittered pause while throttling still stopped it after the
/// transport's own retries, up to `USER_ROUNDS` times in all.
async fn again_when_throttled<T, F, Fut>(mut step: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let mut round = 1;
    loop {
        match step().await {
            Err(e) if crate::transport::is_throttling(&e) && round < USER_ROUNDS => {
                let delay = crate::http::backoff::delay(
                    round,
                    std::time::Duration::from_secs(1),
                    crate::http::backoff::random_fraction(),
                    None,
                );
                tokio::time::sleep(delay).await;
                round += 1;
            }
            other => return other,
        }
    }
}

/// The options that are about one user cannot apply to many.
fn reject_one_user_options(args: &MintArgs) -> Result<()> {
    let login = &args.login;
    let one_user = [
        (
            login.username.is_some(),
            "--username (mint's users come from --users or --users-prefix)",
        ),
        (
            login.device_file.is_some(),
            "--device-file (one device file cannot serve many users)",
        ),
        (
            login.challenges.totp_secret_out.is_some(),
            "--totp-secret-out (enrol each user's authenticator with `cogtok login`)",
        ),
        (login.output.is_some() || login.export, "login's --output and --export"),
    ];
    if let Some((_, what)) = one_user.iter().find(|(given, _)| *given) {
        return Err(Error::usage(format!("mint does not take {what}")));
    }
    if args.users.as_deref() == Some(Path::new("-")) && matches!(login.password, Some(SecretSource::Stdin)) {
        return Err(Error::usage(
            "--users - and --password-stdin both want standard input: give the password with --password-env VAR or --password-file PATH",
        ));
    }
    Ok(())
}

/// A run-wide secret, read now: its value, or nothing when neither the option nor its
/// `COGTOK_*` default gives one.
fn read_now(source: Option<SecretSource>, kind: &SecretKind, env: &Env) -> Result<Option<SecretSource>> {
    Ok(secret_sources::read_optional(source.as_ref(), kind, env)?.map(SecretSource::Value))
}

/// A row's secrets, read now (its variables and files), named by its line when one cannot be.
fn read_row_secrets(row: &mut UserRow, env: &Env) -> Result<()> {
    let line = row.line;
    let read = |source: &mut Option<SecretSource>, kind: &SecretKind| -> Result<()> {
        if let Some(given @ (SecretSource::Env(_) | SecretSource::File(_))) = source.as_ref() {
            let secret = secret_sources::read_optional(Some(given), kind, env)
                .map_err(|e| Error::config(format!("user on line {line}: {e}")))?
                .ok_or_else(|| Error::config(format!("user on line {line}: the {} is empty", kind.noun)))?;
            *source = Some(SecretSource::Value(secret));
        }
        Ok(())
    };
    read(&mut row.password, &PASSWORD)?;
    read(&mut row.new_password, &NEW_PASSWORD)?;
    read(&mut row.totp_secret, &TOTP_SECRET)?;
    // The seed is decoded now too, so that a bad one fails before any request.
    if let Some(SecretSource::Value(seed)) = &row.totp_secret {
        crate::auth::totp::Key::from_base32(seed).map_err(|e| Error::config(format!("user on line {line}: {e}")))?;
    }
    Ok(())
}

/// `--output-file` must be writable before the first sign-in: the records are written at the
/// end, and a run's tokens must not be lost to a typo in a path. Its directory must be there and
/// take a file (one is made and removed), and the path must not be anything but a file.
fn check_output_file(file: Option<&Path>) -> Result<()> {
    let Some(file) = file else { return Ok(()) };
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::config(format!(
            "--output-file: no directory {} to write {} in",
            crate::quote::path(dir),
            crate::quote::path(file)
        )));
    }
    if let Ok(meta) = std::fs::symlink_metadata(file) {
        if !meta.file_type().is_file() {
            return Err(Error::config(format!(
                "--output-file: {} is there and is not a file",
                crate::quote::path(file)
            )));
        }
    }
    let probe = dir.join(format!(".cogtok-mint-{}.probe", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(|e| {
            Error::io(
                format!("--output-file: cannot write in {}", crate::quote::path(dir)),
                &e,
            )
        })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// The users, from `--users FILE` or made from `--users-prefix` and `--count`.
fn users(args: &MintArgs) -> Result<Vec<UserRow>> {
    match (&args.users, &args.users_prefix, args.count) {
        (Some(path), None, None) => {
            let bytes = if path.as_os_str() == "-" {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(std::io::stdin().lock(), MAX_USERS_FILE + 1),
                    &mut bytes,
                )
                .map_err(|e| Error::io("cannot read the users from standard input", &e))?;
                if bytes.len() as u64 > MAX_USERS_FILE {
                    return Err(Error::usage(format!(
                        "the users on standard input are over {} MiB",
                        MAX_USERS_FILE >> 20
                    )));
                }
                bytes
            } else {
                crate::private_file::read_input(path, MAX_USERS_FILE, USERS_FILE_PATIENCE).map_err(|e| {
                    Error::config(format!("cannot read the users file {}: {e}", crate::quote::path(path)))
                })?
            };
            let name = if path.as_os_str() == "-" {
                "standard input".to_string()
            } else {
                crate::quote::path(path)
            };
            users_file::parse(&bytes, &name)
        }
        (None, Some(prefix), Some(count)) => {
            if prefix.is_empty() || prefix.chars().any(char::is_control) || prefix.chars().count() > 100 {
                return Err(Error::usage(
                    "--users-prefix: expected 1 to 100 characters, no control characters",
                ));
            }
            Ok((1..=count)
                .map(|i| UserRow {
                    line: i as usize,
                    username: numbered(prefix, i),
                    password: None,
                    new_password: None,
                    totp_secret: None,
                })
                .collect())
        }
        (None, Some(_), None) => Err(Error::usage("--users-prefix needs --count N")),
        (None, None, Some(_)) => Err(Error::usage("--count needs --users-prefix P")),
        (None, None, None) => Err(Error::usage(
            "mint needs users: pass --users FILE (CSV or NDJSON, `-` for stdin) or --users-prefix P --count N",
        )),
        (Some(_), _, _) => Err(Error::usage(
            "pass either --users FILE or --users-prefix P --count N, not both",
        )),
    }
}

/// User `i` of `--users-prefix`: the number in place of `{n}`, else after the prefix
/// (`load-{n}@example.com` for a pool whose usernames are emails).
fn numbered(prefix: &str, i: u32) -> String {
    if prefix.contains("{n}") {
        prefix.replace("{n}", &i.to_string())
    } else {
        format!("{prefix}{i}")
    }
}

/// The run's password, for the users whose row gives none: read once, before any request, and
/// required when a flow that needs one would otherwise have to ask (mint never prompts).
fn run_password(args: &MintArgs, rows: &[UserRow], login: &Login) -> Result<Option<Secret>> {
    let given = secret_sources::read_optional(args.login.password.as_ref(), &PASSWORD, &login.settings().env)?;
    let needs = args.ensure || matches!(login.flow(), Flow::Srp | Flow::Password | Flow::Admin);
    if given.is_none() && needs {
        if let Some(row) = rows.iter().find(|r| r.password.is_none()) {
            let whose = if args.users.is_some() {
                format!("user {} (line {}) has", crate::quote::quoted(&row.username), row.line)
            } else {
                "the users have".to_string()
            };
            return Err(Error::usage(format!(
                "{whose} no password: give it in the users file (password, password_env or password_file) or pass {} for all",
                PASSWORD.options
            )));
        }
    }
    Ok(given)
}

/// The `message` of a failed user's record: the service's words (and cogtok's hint) without
/// the code, which is `error`; else the whole one-line message.
fn error_message(e: &Error) -> String {
    match e {
        Error::Service {
            message,
            hint: Some(hint),
            ..
        } => format!("{message} ({hint})"),
        Error::Service { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// The `error` of a failed user's record: the service's error code, else the kind of failure.
fn error_name(e: &Error) -> String {
    match e {
        Error::Service { code, .. } => code.clone(),
        Error::Network { .. } => "NetworkError".to_string(),
        Error::Challenge { .. } => "ChallengeNotAnswered".to_string(),
        other => match other.exit_code() {
            252 => "UsageError".to_string(),
            253 => "ConfigError".to_string(),
            _ => "Error".to_string(),
        },
    }
}
