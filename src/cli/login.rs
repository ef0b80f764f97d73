//! Parsing of `cogtok login`: the whole sign-in in one command (README: `cogtok login`). Its options, with
//! their help, are the tables below (the sign-in part is `exec`'s too). Only what was typed is
//! checked here; `COGTOK_*` defaults and secret sources are read when it runs.

use std::path::PathBuf;

use super::options::{append, choice, parse_options_only, render_options, store, text, Form, OptionSpec};
use super::{Command, GlobalArgs, Parsed};
use crate::auth::options::{ChallengeOptions, Flow, MfaType};
use crate::auth::secret_sources::SecretSource;
use crate::error::{Error, Result};
use crate::output::TokenOutput;
use crate::secret::Secret;

#[derive(Clone, Debug, Default)]
pub(crate) struct LoginArgs {
    pub(crate) user_pool_id: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) password: Option<SecretSource>,
    pub(crate) client_secret: Option<SecretSource>,
    pub(crate) new_password: Option<SecretSource>,
    pub(crate) flow: Option<Flow>,
    /// What the options say to answer challenges with (the engine's own type).
    pub(crate) challenges: ChallengeOptions,
    pub(crate) totp_secret: Option<SecretSource>,
    pub(crate) device_file: Option<PathBuf>,
    pub(crate) output: Option<TokenOutput>,
    /// `--export`: with `--output github`, also set the tokens in `$GITHUB_ENV`.
    pub(crate) export: bool,
    /// `--cache` (or COGTOK_CACHE=1): reuse tokens that are still fresh, refresh them, sign in last.
    pub(crate) cache: bool,
    pub(crate) cache_dir: Option<PathBuf>,
    pub(crate) min_ttl: Option<u64>,
}

/// `login`'s options: those it shares with `exec`, then the printing of the tokens.
pub(super) const LOGIN_TABLES: &[&[OptionSpec<LoginArgs>]] = &[SIGN_IN_OPTIONS, TOKEN_OUTPUT_OPTIONS];

/// The entries of the tables below are built on this type, so their setters know `LoginArgs`.
type Spec = OptionSpec<LoginArgs>;

const HELP_HEAD: &str = "\
cogtok login: sign in and print the tokens, answering every challenge from the options

Usage: cogtok login [options]

";

const HELP_TAIL: &str = "
Global options as in `cogtok --help` (--region, --profile, --endpoint-url, --debug, ...).
";

pub(super) fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(LOGIN_TABLES))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = LoginArgs::default();
    if parse_options_only(&mut parser, &mut globals, "login", LOGIN_TABLES, &mut args)? {
        return Ok(Parsed::Help(help()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Login(args),
    })
}

const PASSWORD_SECTION: &str = "Password (one of; else a prompt when a terminal is attached)";
const CLIENT_SECRET_SECTION: &str = "App client secret (SECRET_HASH is computed at every step)";
const CHALLENGES: &str = "Challenges";
const CACHE: &str = "Cache";
const OUTPUT: &str = "Output";

/// Every form of a secret: the password's.
pub(super) const PASSWORD_FORMS: &[Form] = &[Form::Env, Form::File, Form::Stdin, Form::Literal("P")];
/// The secrets that have no business on a command line, where `ps` shows them.
pub(super) const FILE_OR_ENV: &[Form] = &[Form::Env, Form::File];

/// The sign-in: the options of both `login` and `exec`.
pub(super) const SIGN_IN_OPTIONS: &[OptionSpec<LoginArgs>] = &[
    Spec::value("user-pool-id", "ID", |a, v| store(&mut a.user_pool_id, text(v)?))
        .env("COGTOK_USER_POOL_ID")
        .help("the user pool; needed by srp and admin"),
    Spec::value("client-id", "ID", |a, v| store(&mut a.client_id, text(v)?))
        .env("COGTOK_CLIENT_ID")
        .help("the app client"),
    Spec::value("username", "U", |a, v| store(&mut a.username, text(v)?))
        .env("COGTOK_USERNAME")
        .help("the login name: username, email or alias"),
    Spec::value("flow", "F", |a, v| {
        store(&mut a.flow, choice("flow", &text(v)?, FLOWS)?)
    })
    .env("COGTOK_FLOW")
    .help(
        "srp (default): USER_SRP_AUTH, the password never leaves the machine\n\
         password: USER_PASSWORD_AUTH; admin: ADMIN_USER_PASSWORD_AUTH\n\
         (SigV4-signed, needs AWS credentials); user-auth: USER_AUTH\n\
         (choice-based); custom: CUSTOM_AUTH (Lambda triggers)",
    ),
    Spec::secret("password", PASSWORD_FORMS, |a| &mut a.password)
        .env("COGTOK_PASSWORD")
        .under(PASSWORD_SECTION)
        .help("the password"),
    Spec::secret("client-secret", FILE_OR_ENV, |a| &mut a.client_secret)
        .env("COGTOK_CLIENT_SECRET")
        .under(CLIENT_SECRET_SECTION)
        .help("the app client's secret"),
    Spec::secret("new-password", FILE_OR_ENV, |a| &mut a.new_password)
        .env("COGTOK_NEW_PASSWORD")
        .under(CHALLENGES)
        .help("NEW_PASSWORD_REQUIRED"),
    Spec::value("attribute", "NAME=VALUE", |a, v| {
        append(&mut a.challenges.attributes, parse_attribute(&text(v)?)?)
    })
    .under(CHALLENGES)
    .help("a required attribute for NEW_PASSWORD_REQUIRED (repeatable)"),
    Spec::secret("totp-secret", &[Form::Env], |a| &mut a.totp_secret)
        .env("COGTOK_TOTP_SECRET")
        .under(CHALLENGES)
        .help("SOFTWARE_TOKEN_MFA: the base32 seed; cogtok computes the code"),
    Spec::value("mfa-code", "CODE", |a, v| {
        store(&mut a.challenges.mfa_code, Secret::new(text(v)?))
    })
    .under(CHALLENGES)
    .help("a one-time code (SMS_MFA, EMAIL_OTP, SMS_OTP, SOFTWARE_TOKEN_MFA)"),
    Spec::value("otp-command", "CMD", |a, v| {
        store(&mut a.challenges.otp_command, text(v)?)
    })
    .under(CHALLENGES)
    .help("a command whose standard output is the one-time code"),
    Spec::value("mfa-type", "totp|sms|email", |a, v| {
        store(&mut a.challenges.mfa_type, choice("mfa-type", &text(v)?, MFA_TYPES)?)
    })
    .under(CHALLENGES)
    .help("SELECT_MFA_TYPE (default: the first the options can answer)"),
    Spec::value("totp-secret-out", "FILE", |a, v| {
        store(&mut a.challenges.totp_secret_out, v.into())
    })
    .under(CHALLENGES)
    .help("MFA_SETUP: enrol a TOTP authenticator; its seed goes to FILE (0600)"),
    Spec::value("preferred-challenge", "C", |a, v| {
        let challenge = choice("preferred-challenge", &text(v)?, PREFERRED_CHALLENGES)?;
        store(&mut a.challenges.preferred_challenge, challenge.to_string())
    })
    .under(CHALLENGES)
    .help("user-auth: PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP"),
    Spec::value("custom-answer", "VALUE", |a, v| {
        append(&mut a.challenges.custom_answers, Secret::new(text(v)?))
    })
    .under(CHALLENGES)
    .help("CUSTOM_CHALLENGE, once per round (repeatable)"),
    Spec::value("device-file", "FILE", |a, v| store(&mut a.device_file, v.into()))
        .under(CHALLENGES)
        .help(
            "remember this device (ConfirmDevice) and answer DEVICE_SRP_AUTH\n\
             with it on later sign-ins; keys and password kept in FILE (0600)",
        ),
    Spec::switch("cache", |a| a.cache = true)
        .env("COGTOK_CACHE")
        .under(CACHE)
        .help(
            "reuse cached tokens while they have more than --min-ttl seconds\n\
             left (no request at all), else refresh them, else sign in;\n\
             never caches a password or secret",
        ),
    Spec::value("cache-dir", "DIR", |a, v| store(&mut a.cache_dir, v.into()))
        .under(CACHE)
        .help("default $XDG_CACHE_HOME/cogtok, else ~/.cache/cogtok"),
    Spec::value("min-ttl", "SECONDS", |a, v| {
        store(&mut a.min_ttl, parse_min_ttl(&text(v)?)?)
    })
    .under(CACHE)
    .help("default 300"),
];

/// The printing of the tokens: `login` only (`exec` prints nothing).
const TOKEN_OUTPUT_OPTIONS: &[OptionSpec<LoginArgs>] = &[
    Spec::value("output", TOKEN_OUTPUT_PLACEHOLDER, |a, v| {
        store(&mut a.output, choice("output", &text(v)?, TOKEN_OUTPUTS)?)
    })
    .under(OUTPUT)
    .help(
        "json (default): the AuthenticationResult object;\n\
         env: COGNITO_ID_TOKEN=... lines for `eval`;\n\
         header: `Authorization: Bearer <id token>`;\n\
         github: `::add-mask::` each token, and id_token, access_token,\n\
         refresh_token, expires_at appended to $GITHUB_OUTPUT",
    ),
    Spec::switch("export", |a| a.export = true)
        .under(OUTPUT)
        .help(EXPORT_HELP),
];

/// `COGTOK_FLOW`: the flow when `--flow` is not given (so that a CI step, the GitHub Action
/// among them, can pass every setting through its environment); the same words as `--flow`.
pub(crate) fn flow_from_env(value: &str) -> Result<Flow> {
    choice("flow", value, FLOWS).map_err(|_| {
        let words: Vec<&str> = FLOWS.iter().map(|(word, _)| *word).collect();
        Error::usage(format!(
            "COGTOK_FLOW={}: not a flow (choose from {})",
            crate::quote::quoted(value),
            words.join(", ")
        ))
    })
}

const FLOWS: &[(&str, Flow)] = &[
    ("srp", Flow::Srp),
    ("password", Flow::Password),
    ("admin", Flow::Admin),
    ("user-auth", Flow::UserAuth),
    ("custom", Flow::Custom),
];

const MFA_TYPES: &[(&str, MfaType)] = &[
    ("totp", MfaType::Totp),
    ("sms", MfaType::Sms),
    ("email", MfaType::Email),
];

/// The challenge names USER_AUTH offers, kept as the service spells them.
const PREFERRED_CHALLENGES: &[(&str, &str)] = &[
    ("PASSWORD", "PASSWORD"),
    ("PASSWORD_SRP", "PASSWORD_SRP"),
    ("EMAIL_OTP", "EMAIL_OTP"),
    ("SMS_OTP", "SMS_OTP"),
];

/// `--output` of `login` and `refresh`.
pub(super) const TOKEN_OUTPUTS: &[(&str, TokenOutput)] = &[
    ("json", TokenOutput::Json),
    ("id-token", TokenOutput::IdToken),
    ("access-token", TokenOutput::AccessToken),
    ("refresh-token", TokenOutput::RefreshToken),
    ("env", TokenOutput::Env),
    ("header", TokenOutput::Header),
    ("github", TokenOutput::Github),
];
pub(super) const TOKEN_OUTPUT_PLACEHOLDER: &str = "json|id-token|access-token|refresh-token|env|header|github";
pub(super) const EXPORT_HELP: &str = "with --output github: also COGNITO_*_TOKEN to $GITHUB_ENV";

pub(super) fn parse_min_ttl(value: &str) -> Result<u64> {
    value.parse::<u64>().map_err(|_| {
        Error::usage(format!(
            "argument --min-ttl: expected whole seconds, got {}",
            crate::quote::quoted(value)
        ))
    })
}

/// `--attribute NAME=VALUE`: the value may itself contain `=`.
pub(super) fn parse_attribute(value: &str) -> Result<(String, String)> {
    match value.split_once('=') {
        Some((name, v)) if !name.is_empty() => Ok((name.to_string(), v.to_string())),
        _ => Err(Error::usage(format!(
            "argument --attribute: expected NAME=VALUE, got {}",
            crate::quote::quoted(value)
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
        assert_eq!(
            l.challenges.attributes,
            vec![("name".to_string(), "Alice B=C".to_string())]
        );
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
        assert_eq!(
            l.challenges.totp_secret_out.as_deref(),
            Some(std::path::Path::new("seed.txt"))
        );
        assert_eq!(l.challenges.mfa_code.as_ref().map(Secret::expose), Some("123456"));
        assert_eq!(l.challenges.otp_command.as_deref(), Some("cat /tmp/code"));
        assert_eq!(l.challenges.mfa_type, Some(MfaType::Email));
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
