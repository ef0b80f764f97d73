//! `cogtok exec`: signs in (or takes the cached tokens), then replaces itself with the command,
//! the tokens in its environment. Replacing the process (exec) rather than waiting on a child
//! passes signals straight to the command and makes its exit status cogtok's.

use std::os::unix::process::CommandExt;

use super::login::Login;
use crate::auth::secret_sources::SecretSource;
use crate::cli::{ExecArgs, GlobalArgs};
use crate::config::Env;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The `COGTOK_*` variables that hold secrets: the command gets the tokens, not these.
const SECRET_DEFAULTS: &[&str] = &[
    "COGTOK_PASSWORD",
    "COGTOK_NEW_PASSWORD",
    "COGTOK_CLIENT_SECRET",
    "COGTOK_TOTP_SECRET",
    "COGTOK_REFRESH_TOKEN",
];

pub(super) fn run(globals: &GlobalArgs, args: ExecArgs, env: Env) -> Result<()> {
    // The variables the secrets were read from (`--password-env VAR` …) are cogtok's inputs,
    // not the command's: an arbitrary command may log its environment.
    let login_args = &args.login;
    let secret_vars: Vec<String> = [
        &login_args.password,
        &login_args.client_secret,
        &login_args.new_password,
        &login_args.totp_secret,
    ]
    .into_iter()
    .filter_map(|source| match source {
        Some(SecretSource::Env(var)) => Some(var.clone()),
        _ => None,
    })
    .chain(SECRET_DEFAULTS.iter().map(|v| v.to_string()))
    .collect();
    let login = Login::prepare(globals, args.login, env)?;
    let tokens = login.tokens()?;
    let now = crate::clock::now_unix();
    let mut command = std::process::Command::new(&args.program);
    command.args(&args.args);
    for var in &secret_vars {
        command.env_remove(var);
    }
    let mut set = |name: &str, value: Option<&Secret>| match value {
        Some(v) => {
            command.env(name, v.expose());
        }
        // A variable left over from an outer `cogtok exec` must not pass for this user's.
        None => {
            command.env_remove(name);
        }
    };
    set("COGNITO_ID_TOKEN", tokens.id_token.as_ref());
    set("COGNITO_ACCESS_TOKEN", Some(&tokens.access_token));
    set("COGNITO_REFRESH_TOKEN", tokens.refresh_token.as_ref());
    match tokens.expires_at(now) {
        Some(t) => command.env("COGNITO_EXPIRES_AT", t.to_string()),
        None => command.env_remove("COGNITO_EXPIRES_AT"),
    };
    // `exec` only returns when the command could not be started. The exit codes are the
    // shells' (and env's, sudo's): 127 not found, 126 found but not runnable.
    let e = command.exec();
    let program = args.program.to_string_lossy();
    let (what, code) = match e.kind() {
        std::io::ErrorKind::NotFound => ("not found", 127),
        std::io::ErrorKind::PermissionDenied => ("permission denied", 126),
        _ => ("cannot be run", 126),
    };
    Err(Error::Spawn {
        message: format!("{program}: {what} ({e})"),
        code,
    })
}
