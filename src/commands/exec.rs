//! `cogtok exec`: signs in (or takes the cached tokens), then replaces itself with the command,
//! the tokens in its environment; with `--aws-credentials`, an identity pool's AWS credentials
//! instead. Replacing the process (exec) rather than waiting on a child passes signals straight
//! to the command and makes its exit status cogtok's.

use std::os::unix::process::CommandExt;

use super::aws_credentials::IdentityRun;
use super::login::Login;
use crate::auth::secret_sources::SecretSource;
use crate::cli::{ExecArgs, GlobalArgs, IdentityPoolArgs, LoginArgs};
use crate::config::Env;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The variables of the tokens, which `--aws-credentials` takes away.
const COGNITO_VARIABLES: [&str; 4] = [
    "COGNITO_ID_TOKEN",
    "COGNITO_ACCESS_TOKEN",
    "COGNITO_REFRESH_TOKEN",
    "COGNITO_EXPIRES_AT",
];

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
    let id_token = args.identity_pool.as_ref().and_then(|p| p.id_token.as_ref());
    let secret_vars: Vec<String> = [
        &login_args.password,
        &login_args.client_secret,
        &login_args.new_password,
        &login_args.totp_secret,
    ]
    .into_iter()
    .filter_map(Option::as_ref)
    .chain(id_token)
    .filter_map(|source| match source {
        SecretSource::Env(var) => Some(var.clone()),
        _ => None,
    })
    .chain(SECRET_DEFAULTS.iter().map(|v| v.to_string()))
    .collect();
    let variables = match args.identity_pool {
        Some(pool) => aws_variables(globals, args.login, pool, env)?,
        None => token_variables(globals, args.login, env)?,
    };
    let mut command = std::process::Command::new(&args.program);
    command.args(&args.args);
    for var in &secret_vars {
        command.env_remove(var);
    }
    for (name, value) in &variables {
        match value {
            Some(v) => command.env(name, v.expose()),
            // A variable left over from an outer `cogtok exec` must not pass for this user's.
            None => command.env_remove(name),
        };
    }
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

/// A variable for the command: set to the value, or removed.
type Variable = (&'static str, Option<Secret>);

/// The tokens of the sign-in (or the cache): `COGNITO_*`.
fn token_variables(globals: &GlobalArgs, login: LoginArgs, env: Env) -> Result<Vec<Variable>> {
    let login = Login::prepare(globals, login, env)?;
    let tokens = login.tokens()?;
    let expires_at = tokens
        .expires_at(crate::clock::now_unix())
        .map(|t| Secret::new(t.to_string()));
    Ok(vec![
        ("COGNITO_ID_TOKEN", tokens.id_token.clone()),
        ("COGNITO_ACCESS_TOKEN", Some(tokens.access_token.clone())),
        ("COGNITO_REFRESH_TOKEN", tokens.refresh_token.clone()),
        ("COGNITO_EXPIRES_AT", expires_at),
    ])
}

/// `--aws-credentials`: the identity pool's credentials, as the AWS SDKs read them from the
/// environment, and none of the `COGNITO_*` tokens (a cached run has none to give).
fn aws_variables(globals: &GlobalArgs, login: LoginArgs, pool: IdentityPoolArgs, env: Env) -> Result<Vec<Variable>> {
    let credentials = IdentityRun::prepare(globals, login, pool, env)?.credentials()?;
    let mut variables = vec![
        (
            "AWS_ACCESS_KEY_ID",
            Some(Secret::new(credentials.access_key_id.clone())),
        ),
        ("AWS_SECRET_ACCESS_KEY", Some(credentials.secret_access_key.clone())),
        ("AWS_SESSION_TOKEN", Some(credentials.session_token.clone())),
        (
            "AWS_CREDENTIAL_EXPIRATION",
            Some(Secret::new(crate::output::rfc3339(credentials.expiration))),
        ),
    ];
    for name in COGNITO_VARIABLES {
        variables.push((name, None));
    }
    Ok(variables)
}
