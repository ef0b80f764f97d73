//! `cogtok exec`: signs in (or takes the cached tokens), then replaces itself with the command,
//! the tokens in its environment. Replacing the process (exec) rather than waiting on a child
//! passes signals straight to the command and makes its exit status cogtok's.

use std::os::unix::process::CommandExt;
use std::time::{SystemTime, UNIX_EPOCH};

use super::login::Login;
use crate::cli::{ExecArgs, GlobalArgs};
use crate::config::Env;
use crate::error::{Error, Result};
use crate::secret::Secret;

pub(super) fn run(globals: &GlobalArgs, args: ExecArgs, env: Env) -> Result<()> {
    let login = Login::prepare(globals, args.login, env)?;
    let tokens = login.tokens()?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut command = std::process::Command::new(&args.program);
    command.args(&args.args);
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
    // `exec` only returns when the command could not be started.
    let e = command.exec();
    let program = args.program.to_string_lossy();
    let code_hint = match e.kind() {
        std::io::ErrorKind::NotFound => "not found",
        std::io::ErrorKind::PermissionDenied => "permission denied",
        _ => "cannot be run",
    };
    Err(Error::Io(format!("{program}: {code_hint} ({e})")))
}
