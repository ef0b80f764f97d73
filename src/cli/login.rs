//! Parsing of `cogtok login`: the whole sign-in in one command (DESIGN.md §1). Only what was
//! typed is checked here; `COGTOK_*` defaults and secret sources are read when it runs.

use std::path::PathBuf;

use lexopt::prelude::*;

use super::options::{parse_options, take_secret, Form};
use super::{help, Command, GlobalArgs, Parsed};
use crate::error::{Error, Result};
use crate::secret::Secret;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// USER_SRP_AUTH: the password never leaves the machine.
    Srp,
    /// USER_PASSWORD_AUTH: unsigned, needs no AWS credentials.
    Password,
    /// ADMIN_USER_PASSWORD_AUTH: SigV4-signed, needs IAM credentials.
    Admin,
    /// USER_AUTH: choice-based sign-in (password, SRP, or a one-time code by email or SMS).
    UserAuth,
    /// CUSTOM_AUTH: the pool's Lambda triggers ask the questions.
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenOutput {
    Json,
    IdToken,
    AccessToken,
    RefreshToken,
    Env,
    Header,
    /// GitHub Actions: `::add-mask::` each token, the values to `$GITHUB_OUTPUT`.
    Github,
}

/// Where a secret comes from. Reading it happens later, when the command runs.
#[derive(Debug)]
pub(crate) enum SecretSource {
    Env(String),
    File(PathBuf),
    Stdin,
    Value(Secret),
}

#[derive(Debug, Default)]
pub(crate) struct LoginArgs {
    pub(crate) user_pool_id: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) password: Option<SecretSource>,
    pub(crate) client_secret: Option<SecretSource>,
    pub(crate) new_password: Option<SecretSource>,
    pub(crate) flow: Option<Flow>,
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) totp_secret: Option<SecretSource>,
    pub(crate) totp_secret_out: Option<PathBuf>,
    pub(crate) mfa_code: Option<Secret>,
    pub(crate) otp_command: Option<String>,
    pub(crate) mfa_type: Option<MfaType>,
    pub(crate) preferred_challenge: Option<String>,
    pub(crate) custom_answers: Vec<Secret>,
    pub(crate) device_file: Option<PathBuf>,
    pub(crate) output: Option<TokenOutput>,
    /// `--export`: with `--output github`, also set the tokens in `$GITHUB_ENV`.
    pub(crate) export: bool,
    /// `--cache` (or COGTOK_CACHE=1): reuse tokens that are still fresh, refresh them, sign in last.
    pub(crate) cache: bool,
    pub(crate) cache_dir: Option<PathBuf>,
    pub(crate) min_ttl: Option<u64>,
}

/// `--mfa-type`: the answer to SELECT_MFA_TYPE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MfaType {
    Totp,
    Sms,
    Email,
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = LoginArgs::default();
    if parse_options(&mut parser, &mut globals, "login", |name, parser| {
        args.take(name, parser)
    })? {
        return Ok(Parsed::Help(help::LOGIN.to_string()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Login(args),
    })
}

impl LoginArgs {
    /// Takes login option `name` (shared by `login` and `exec`); false for any other option.
    pub(super) fn take(&mut self, name: &str, parser: &mut lexopt::Parser) -> Result<bool> {
        let args = self;
        if take_secret(name, "password", ALL_FORMS, &mut args.password, parser)?
            || take_secret(
                name,
                "client-secret",
                &[Form::Env, Form::File],
                &mut args.client_secret,
                parser,
            )?
            || take_secret(
                name,
                "new-password",
                &[Form::Env, Form::File],
                &mut args.new_password,
                parser,
            )?
            || take_secret(name, "totp-secret", &[Form::Env], &mut args.totp_secret, parser)?
        {
            return Ok(true);
        }
        match name {
            "user-pool-id" => args.user_pool_id = Some(parser.value()?.string()?),
            "client-id" => args.client_id = Some(parser.value()?.string()?),
            "username" => args.username = Some(parser.value()?.string()?),
            "flow" => args.flow = Some(parse_flow(&parser.value()?.string()?)?),
            "attribute" => args.attributes.push(parse_attribute(&parser.value()?.string()?)?),
            "totp-secret-out" => args.totp_secret_out = Some(parser.value()?.into()),
            "mfa-code" => args.mfa_code = Some(Secret::new(parser.value()?.string()?)),
            "otp-command" => args.otp_command = Some(parser.value()?.string()?),
            "mfa-type" => args.mfa_type = Some(parse_mfa_type(&parser.value()?.string()?)?),
            "preferred-challenge" => {
                args.preferred_challenge = Some(parse_preferred_challenge(&parser.value()?.string()?)?)
            }
            "custom-answer" => args.custom_answers.push(Secret::new(parser.value()?.string()?)),
            "device-file" => args.device_file = Some(parser.value()?.into()),
            "output" => args.output = Some(parse_output(&parser.value()?.string()?)?),
            "cache" => args.cache = true,
            "cache-dir" => args.cache_dir = Some(parser.value()?.into()),
            "min-ttl" => args.min_ttl = Some(parse_min_ttl(&parser.value()?.string()?)?),
            "export" => args.export = true,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

fn parse_min_ttl(value: &str) -> Result<u64> {
    value
        .parse::<u64>()
        .map_err(|_| Error::usage(format!("argument --min-ttl: expected whole seconds, got {value:?}")))
}

/// Every form of a secret: the password's.
pub(super) const ALL_FORMS: &[Form] = &[Form::Env, Form::File, Form::Stdin, Form::Literal];

fn parse_flow(value: &str) -> Result<Flow> {
    match value {
        "srp" => Ok(Flow::Srp),
        "password" => Ok(Flow::Password),
        "admin" => Ok(Flow::Admin),
        "user-auth" => Ok(Flow::UserAuth),
        "custom" => Ok(Flow::Custom),
        other => Err(Error::usage(format!(
            "argument --flow: invalid choice {other:?} (choose from srp, password, admin, user-auth, custom)"
        ))),
    }
}

fn parse_preferred_challenge(value: &str) -> Result<String> {
    match value {
        "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP" => Ok(value.to_string()),
        other => Err(Error::usage(format!(
            "argument --preferred-challenge: invalid choice {other:?} (choose from PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP)"
        ))),
    }
}

fn parse_mfa_type(value: &str) -> Result<MfaType> {
    match value {
        "totp" => Ok(MfaType::Totp),
        "sms" => Ok(MfaType::Sms),
        "email" => Ok(MfaType::Email),
        other => Err(Error::usage(format!(
            "argument --mfa-type: invalid choice {other:?} (choose from totp, sms, email)"
        ))),
    }
}

pub(super) fn parse_output(value: &str) -> Result<TokenOutput> {
    Ok(match value {
        "json" => TokenOutput::Json,
        "id-token" => TokenOutput::IdToken,
        "access-token" => TokenOutput::AccessToken,
        "refresh-token" => TokenOutput::RefreshToken,
        "env" => TokenOutput::Env,
        "header" => TokenOutput::Header,
        "github" => TokenOutput::Github,
        other => {
            return Err(Error::usage(format!(
                "argument --output: invalid choice {other:?} (choose from json, id-token, access-token, refresh-token, env, header, github)"
            )))
        }
    })
}

/// `--attribute NAME=VALUE`: the value may itself contain `=`.
pub(super) fn parse_attribute(value: &str) -> Result<(String, String)> {
    match value.split_once('=') {
        Some((name, v)) if !name.is_empty() => Ok((name.to_string(), v.to_string())),
        _ => Err(Error::usage(format!(
            "argument --attribute: expected NAME=VALUE, got {value:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    fn login(args: &[&str]) -> LoginArgs {
        let mut all = vec!["login"];
        all.extend_from_slice(args);
        match parse_cli(all) {
            Ok(Parsed::Run {
                command: Command::Login(l),
                ..
            }) => l,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    fn error(args: &[&str]) -> String {
        let mut all = vec!["login"];
        all.extend_from_slice(args);
        match parse_cli(all) {
            Err(e) => {
                assert_eq!(e.exit_code(), 252);
                e.to_string()
            }
            other => panic!("{args:?} should fail: {other:?}"),
        }
    }

    #[test]
    fn the_one_shot_seed_story() {
        let l = login(&[
            "--flow",
            "admin",
            "--user-pool-id",
            "us-east-1_Abc",
            "--client-id",
            "c",
            "--username",
            "alice",
            "--password-env",
            "PW",
            "--new-password-file",
            "/run/secrets/new",
            "--attribute",
            "name=Alice B=C",
            "--client-secret-env",
            "CS",
            "--output",
            "id-token",
            "--region",
            "us-east-1",
        ]);
        assert_eq!(l.flow, Some(Flow::Admin));
        assert!(matches!(l.password, Some(SecretSource::Env(ref v)) if v == "PW"));
        assert!(matches!(l.new_password, Some(SecretSource::File(ref p)) if p.to_str() == Some("/run/secrets/new")));
        assert!(matches!(l.client_secret, Some(SecretSource::Env(ref v)) if v == "CS"));
        assert_eq!(l.attributes, vec![("name".to_string(), "Alice B=C".to_string())]);
        assert_eq!(l.output, Some(TokenOutput::IdToken));
    }

    #[test]
    fn mfa_options() {
        let l = login(&[
            "--totp-secret-env",
            "SEED",
            "--totp-secret-out",
            "seed.txt",
            "--mfa-code",
            "123456",
            "--otp-command",
            "cat /tmp/code",
            "--mfa-type",
            "email",
        ]);
        assert!(matches!(l.totp_secret, Some(SecretSource::Env(ref v)) if v == "SEED"));
        assert_eq!(l.totp_secret_out.as_deref(), Some(std::path::Path::new("seed.txt")));
        assert_eq!(l.mfa_code.as_ref().map(Secret::expose), Some("123456"));
        assert_eq!(l.otp_command.as_deref(), Some("cat /tmp/code"));
        assert_eq!(l.mfa_type, Some(MfaType::Email));
    }

    #[test]
    fn a_password_given_on_the_command_line_never_shows_in_debug() {
        let l = login(&["--password", "hunter2-secret"]);
        assert!(!format!("{l:?}").contains("hunter2"));
    }

    #[test]
    fn bad_login_options() {
        assert!(error(&["--password-env", "A", "--password-stdin"]).contains("pass only one of --password-env"));
        assert!(error(&["--flow", "magic"]).contains("invalid choice \"magic\""));
        assert!(error(&["--output", "text"]).contains("invalid choice \"text\""));
        assert!(error(&["--attribute", "novalue"]).contains("NAME=VALUE"));
        assert!(error(&["--mfa-type", "pigeon"]).contains("invalid choice \"pigeon\""));
        assert!(error(&["--query", "x"]).contains("unknown option --query for login"));
        assert!(error(&["stray"]).contains("unexpected argument"));
    }
}
