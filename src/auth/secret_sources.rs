//! Reading the secrets and one-time codes a sign-in needs from where the user said they are: an
//! environment variable, a file, standard input, the command line, the `COGTOK_*` default, a
//! no-echo prompt when a terminal is attached, or `--otp-command`. (Writing secrets to files is
//! `private_file`'s job.)

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use crate::config::Env;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// A secret file holds a password or a client secret: far less than this. A larger one (or
/// `/dev/zero`) is a mistake, refused before it fills the memory.
const MAX_SECRET_FILE: u64 = 64 * 1024;

/// How long a pipe or FIFO named as a secret file may take to deliver it: long enough for a
/// secrets manager's command, short enough that a FIFO nobody writes does not hang a CI job.
const SECRET_FILE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

/// Where a secret comes from. Reading it happens later, when the command runs.
#[derive(Clone, Debug)]
pub(crate) enum SecretSource {
    Env(String),
    File(PathBuf),
    Stdin,
    Value(Secret),
}

/// What a secret is for, to name it in messages and prompts.
pub(crate) struct SecretKind {
    /// "password", "app client secret", "new password".
    pub(crate) noun: &'static str,
    /// The `COGTOK_*` variable used when no option is given.
    pub(crate) default_env: &'static str,
    /// The options that give it, for the error when it is missing.
    pub(crate) options: &'static str,
}

pub(crate) const PASSWORD: SecretKind = SecretKind {
    noun: "password",
    default_env: "COGTOK_PASSWORD",
    options: "--password-env VAR, --password-file PATH, --password-stdin or --password P",
};
pub(crate) const CLIENT_SECRET: SecretKind = SecretKind {
    noun: "app client secret",
    default_env: "COGTOK_CLIENT_SECRET",
    options: "--client-secret-env VAR or --client-secret-file PATH",
};
pub(crate) const NEW_PASSWORD: SecretKind = SecretKind {
    noun: "new password",
    default_env: "COGTOK_NEW_PASSWORD",
    options: "--new-password-env VAR or --new-password-file PATH",
};

pub(crate) const TOTP_SECRET: SecretKind = SecretKind {
    noun: "TOTP secret",
    default_env: "COGTOK_TOTP_SECRET",
    options: "--totp-secret-env VAR",
};

/// The secret from `source`, or from the kind's `COGTOK_*` variable; `None` when neither is
/// given.
pub(crate) fn read_optional(source: Option<&SecretSource>, kind: &SecretKind, env: &Env) -> Result<Option<Secret>> {
    let secret = match source {
        Some(SecretSource::Value(s)) => s.clone(),
        Some(SecretSource::Env(var)) => match env.get(var) {
            Some(v) => Secret::new(v),
            None => {
                return Err(Error::config(format!(
                    "the {} variable {} is not set or is empty",
                    kind.noun,
                    crate::quote::shortened(var)
                )))
            }
        },
        Some(SecretSource::File(path)) => {
            // A pipe is legitimate here (`/dev/stdin`, `<(vault read …)`): read, but not forever.
            let cannot = |e: &dyn std::fmt::Display| {
                Error::config(format!(
                    "cannot read the {} file {}: {e}",
                    kind.noun,
                    crate::quote::path(path)
                ))
            };
            let bytes =
                crate::private_file::read_input(path, MAX_SECRET_FILE, SECRET_FILE_PATIENCE).map_err(|e| cannot(&e))?;
            let text = String::from_utf8(bytes).map_err(|_| cannot(&"it is not UTF-8 text"))?;
            Secret::new(strip_one_newline(text))
        }
        Some(SecretSource::Stdin) => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::io(format!("cannot read the {} from standard input", kind.noun), &e))?;
            Secret::new(strip_one_newline(text))
        }
        None => match env.get(kind.default_env) {
            Some(v) => Secret::new(v),
            None => return Ok(None),
        },
    };
    if secret.expose().is_empty() {
        return Err(Error::config(format!("the {} is empty", kind.noun)));
    }
    Ok(Some(secret))
}

/// Like `read_optional`, then a no-echo prompt on the terminal, then a usage error naming the
/// options.
pub(crate) fn read_required(
    source: Option<&SecretSource>,
    kind: &SecretKind,
    env: &Env,
    prompt_for: &str,
) -> Result<Secret> {
    if let Some(s) = read_optional(source, kind, env)? {
        return Ok(s);
    }
    if std::io::stdin().is_terminal() {
        let answer = rpassword::prompt_password(format!("{} for {prompt_for}: ", capitalise(kind.noun)))
            .map_err(|e| Error::io(format!("cannot read the {} from the terminal", kind.noun), &e))?;
        if !answer.is_empty() {
            return Ok(Secret::new(answer));
        }
    }
    Err(Error::usage(format!(
        "no {}: pass {} or set {}",
        kind.noun, kind.options, kind.default_env
    )))
}

/// A one-time code from the terminal, or `None` when no terminal is attached.
pub(crate) fn prompt_code(challenge: &str) -> Result<Option<Secret>> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let answer = rpassword::prompt_password(format!("Code for {challenge}: "))
        .map_err(|e| Error::io("cannot read the code from the terminal", &e))?;
    let answer = answer.trim().to_string();
    Ok((!answer.is_empty()).then(|| Secret::new(answer)))
}

/// `--otp-command CMD`: runs `sh -c CMD` and takes its trimmed standard output as the code
/// (for test inboxes and SMS gateways that a script can read).
pub(crate) fn run_otp_command(command: &str) -> Result<Secret> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::config(format!("cannot run the --otp-command: {e}")))?;
    if !output.status.success() {
        return Err(Error::config(format!("the --otp-command failed ({})", output.status)));
    }
    let code = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if code.is_empty() {
        return Err(Error::config("the --otp-command printed no code"));
    }
    Ok(Secret::new(code))
}

/// Files and pipes end with a newline that is not part of the secret; only one is removed, so a
/// secret that really ends in whitespace survives.
fn strip_one_newline(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn sources_in_order_and_defaults() {
        let env = Env::from_pairs(&[("PW", "from-var"), ("COGTOK_PASSWORD", "from-default")]);
        let got = |s: Option<&SecretSource>| {
            read_optional(s, &PASSWORD, &env)
                .unwrap()
                .map(|s| s.expose().to_string())
        };
        assert_eq!(got(Some(&SecretSource::Env("PW".into()))).as_deref(), Some("from-var"));
        assert_eq!(
            got(Some(&SecretSource::Value(Secret::new("lit")))).as_deref(),
            Some("lit")
        );
        assert_eq!(got(None).as_deref(), Some("from-default"));
        let none = Env::from_pairs(&[]);
        assert!(read_optional(None, &PASSWORD, &none).unwrap().is_none());
    }

    #[test]
    fn files_lose_one_trailing_newline_only() {
        let path: PathBuf = std::env::temp_dir().join(format!("cogtok-pw-{}", std::process::id()));
        std::fs::write(&path, "pass word \r\n").unwrap();
        let env = Env::from_pairs(&[]);
        let s = read_optional(Some(&SecretSource::File(path.clone())), &PASSWORD, &env)
            .unwrap()
            .unwrap();
        assert_eq!(s.expose(), "pass word ");
        std::fs::write(&path, "pw\n\n").unwrap();
        let s = read_optional(Some(&SecretSource::File(path.clone())), &PASSWORD, &env)
            .unwrap()
            .unwrap();
        assert_eq!(s.expose(), "pw\n");
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn otp_commands_give_their_trimmed_output() {
        assert_eq!(run_otp_command("echo ' 123456 '").unwrap().expose(), "123456");
        assert_eq!(run_otp_command("exit 3").err().unwrap().exit_code(), 253);
        assert!(run_otp_command("true")
            .err()
            .unwrap()
            .to_string()
            .contains("printed no code"));
    }

    #[test]
    fn missing_sources_are_clear_errors_without_values() {
        let env = Env::from_pairs(&[]);
        let e = read_optional(Some(&SecretSource::Env("NOPE".into())), &NEW_PASSWORD, &env)
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "the new password variable NOPE is not set or is empty");
        assert_eq!(e.exit_code(), 253);
        let e = read_optional(Some(&SecretSource::File("/nonexistent/pw".into())), &PASSWORD, &env)
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .starts_with("cannot read the password file /nonexistent/pw"),
            "{e}"
        );
    }
}
