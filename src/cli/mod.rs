//! The command line: lexopt parsing into plain structs. Nothing comes from the network or the
//! process environment here (that is `config`'s job, after parsing); the one exception is the
//! AWS CLI's `file://` values, which are read while parsing, as the AWS CLI reads them.
//!
//! Global options may stand before or after the command, as with the AWS CLI.

mod aws_credentials;
mod credentials;
mod exec;
mod help;
mod login;
mod mint;

mod options;
mod paramfile;
pub(crate) mod params;
mod raw;
mod refresh;

mod shorthand;
mod token;
#[cfg(feature = "fuzzing")]
pub(crate) use shorthand::parse_with as parse_shorthand_with;
mod user;
pub(crate) mod users_file;
mod verify;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use lexopt::prelude::*;

use crate::config::{CiIdentity, Overrides};
use crate::error::{Error, Result};
use crate::output::RawOutput;
use crate::quote::{quoted, quoted_os, shortened};
pub(crate) use aws_credentials::{AwsCredentialsArgs, IdentityPoolArgs};
pub(crate) use exec::ExecArgs;
pub(crate) use login::{flow_from_env, LoginArgs};
pub(crate) use mint::MintArgs;
pub(crate) use raw::RawArgs;
pub(crate) use refresh::RefreshArgs;
pub(crate) use token::TokenArgs;
pub(crate) use user::{UserAction, UserArgs};
pub(crate) use verify::VerifyArgs;

/// Options every command takes (the README's global options): what they say of the settings,
/// for `config`, and how the raw commands print, for `output`.
#[derive(Default, Debug)]
pub(crate) struct GlobalArgs {
    pub(crate) overrides: Overrides,
    /// `--output json|text|table` of the raw commands (`login` has its own `--output`); when
    /// absent, `commands` takes `AWS_DEFAULT_OUTPUT` or the profile's `output`, else json.
    pub(crate) output: Option<RawOutput>,
    pub(crate) query: Option<String>,
    /// `--no-paginate`: a paginated command makes one call and prints its answer as it is.
    pub(crate) no_paginate: bool,
}

/// `--web-identity`'s choices: the global option's and `aws-credentials`' own.
pub(super) const CI_IDENTITIES: &[(&str, CiIdentity)] = &[
    ("github", CiIdentity::Github),
    ("gitlab", CiIdentity::Gitlab),
    ("auto", CiIdentity::Auto),
];

// One Command is built per run; boxing the larger variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Command {
    Raw(RawArgs),
    Login(LoginArgs),
    Refresh(RefreshArgs),
    Exec(ExecArgs),
    User(UserArgs),
    Credentials,
    Token(TokenArgs),
    Verify(VerifyArgs),
    Mint(MintArgs),
    AwsCredentials(AwsCredentialsArgs),
}

// Built once per run, like Command.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Parsed {
    /// Print this help text and exit 0.
    Help(String),
    Version,
    Run {
        globals: GlobalArgs,
        command: Command,
    },
}

pub(crate) fn parse(args: impl IntoIterator<Item = impl Into<OsString>>) -> Result<Parsed> {
    let mut parser = lexopt::Parser::from_args(args);
    let mut globals = GlobalArgs::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help(help::main_help())),
            Long("version") => return Ok(Parsed::Version),
            Long(name) => {
                let name = name.to_string();
                if !globals.take(&name, &mut parser, true)? {
                    return Err(unknown_option(&name, None));
                }
            }
            Value(command) => {
                let command = command.string()?;
                return parse_command(&command, parser, globals);
            }
            _ => return Err(arg.unexpected().into()),
        }
    }
    Err(Error::usage("no command given: run `cogtok --help` for the list"))
}

fn parse_command(command: &str, parser: lexopt::Parser, globals: GlobalArgs) -> Result<Parsed> {
    match command {
        "help" => Ok(Parsed::Help(help::main_help())),
        "login" => login::parse(parser, globals),
        "refresh" => refresh::parse(parser, globals),
        "exec" => exec::parse(parser, globals),
        "user" => user::parse(parser, globals),
        "credentials" => credentials::parse(parser, globals),
        "token" => token::parse(parser, globals),
        "verify" => verify::parse(parser, globals),
        "mint" => mint::parse(parser, globals),
        "aws-credentials" => aws_credentials::parse(parser, globals),
        _ => match crate::api::ops::find(command) {
            Some(spec) => raw::parse(spec, parser, globals),
            None => Err(Error::usage(format!(
                "unknown command {}: run `cogtok --help` for the list",
                quoted(command)
            ))),
        },
    }
}

impl GlobalArgs {
    /// Takes global option `name` if it is one; `raw` allows the raw commands' `--output`
    /// and `--query`. Returns false for options that are not global.
    fn take(&mut self, name: &str, parser: &mut lexopt::Parser, raw: bool) -> Result<bool> {
        match name {
            "region" => self.overrides.region = Some(parser.value()?.string()?),
            "profile" => self.overrides.profile = Some(parser.value()?.string()?),
            "endpoint-url" => self.overrides.endpoint_url = Some(parser.value()?.string()?),
            "debug" => self.overrides.debug = true,
            "fips" => self.overrides.fips = true,
            "allow-plain-http" => self.overrides.allow_plain_http = true,
            "ca-bundle" => self.overrides.ca_bundle = Some(PathBuf::from(parser.value()?)),
            "cli-connect-timeout" => self.overrides.connect_timeout = Some(parse_seconds(name, parser)?),
            "cli-read-timeout" => self.overrides.read_timeout = Some(parse_seconds(name, parser)?),
            "web-identity" => {
                let value = parser.value()?.string()?;
                self.overrides.web_identity = Some(options::choice("web-identity", &value, CI_IDENTITIES)?)
            }
            "role-arn" => self.overrides.role_arn = Some(parser.value()?.string()?),
            "web-identity-token-env" => self.overrides.web_identity_token_env = Some(parser.value()?.string()?),
            "output" if raw => {
                let value = parser.value()?.string()?;
                self.output = Some(options::choice("output", &value, RawOutput::CHOICES)?)
            }
            "query" if raw => self.query = Some(parser.value()?.string()?),
            "no-sign-request" => self.overrides.no_sign_request = true,
            "no-verify-ssl" => self.overrides.no_verify_ssl = true,
            // Accepted for drop-in compatibility with AWS CLI v2 scripts: cogtok prints no
            // colour (so `on` changes nothing) and no blob is in any input it sends.
            "color" => {
                let value = parser.value()?.string()?;
                options::choice("color", &value, &[("on", ()), ("off", ()), ("auto", ())])?
            }
            "cli-binary-format" => {
                let value = parser.value()?.string()?;
                options::choice(
                    "cli-binary-format",
                    &value,
                    &[("base64", ()), ("raw-in-base64-out", ())],
                )?
            }
            "no-paginate" => self.no_paginate = true,
            // Accepted for drop-in compatibility with AWS CLI v2 scripts: cogtok has no pager.
            "no-cli-pager" => {}
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Seconds, as the AWS CLI takes them; `0` means no timeout (a zero `Duration`).
fn parse_seconds(name: &str, parser: &mut lexopt::Parser) -> Result<Duration> {
    let raw = parser.value()?.string()?;
    match raw.parse::<f64>() {
        Ok(0.0) => Ok(Duration::ZERO),
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e6 => Ok(Duration::from_secs_f64(s)),
        _ => Err(Error::usage(format!(
            "argument --{name}: expected a number of seconds, got {}",
            quoted(&raw)
        ))),
    }
}

fn unknown_option(name: &str, command: Option<&str>) -> Error {
    let name = shortened(name);
    match command {
        Some(c) => Error::usage(format!("unknown option --{name} for {c}: run `cogtok {c} --help`")),
        None => Error::usage(format!("unknown option --{name}: run `cogtok --help`")),
    }
}

impl From<lexopt::Error> for Error {
    fn from(e: lexopt::Error) -> Self {
        // Some of lexopt's messages quote the value (`--password-stdin=VALUE`, a value that is
        // not UTF-8), which may be a secret: those are said without it.
        let message = match e {
            lexopt::Error::UnexpectedValue { option, .. } => format!("option {} takes no value", shortened(&option)),
            lexopt::Error::UnexpectedOption(option) => format!("unknown option {}", shortened(&option)),
            lexopt::Error::UnexpectedArgument(value) => format!("unexpected argument {}", quoted_os(&value)),
            lexopt::Error::MissingValue { option: Some(option) } => {
                format!("option {} needs a value", shortened(&option))
            }
            lexopt::Error::NonUnicodeValue(_) => "an argument is not valid UTF-8".to_string(),
            lexopt::Error::ParsingFailed { .. } => "an argument could not be parsed".to_string(),
            other => other.to_string(),
        };
        Error::Usage(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(args: &[&str]) -> (GlobalArgs, Command) {
        match parse(args.iter().copied()) {
            Ok(Parsed::Run { globals, command }) => (globals, command),
            other => panic!("{args:?}: {other:?}"),
        }
    }

    fn parse_err(args: &[&str]) -> String {
        match parse(args.iter().copied()) {
            Err(e) => {
                assert_eq!(e.exit_code(), 252, "{args:?}: {e}");
                e.to_string()
            }
            other => panic!("{args:?} should fail: {other:?}"),
        }
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        let (g, _) = parse_ok(&[
            "--region",
            "eu-west-1",
            "admin-get-user",
            "--user-pool-id",
            "eu-west-1_A",
            "--username",
            "u",
            "--debug",
            "--endpoint-url",
            "http://127.0.0.1:5000",
        ]);
        assert_eq!(g.overrides.region.as_deref(), Some("eu-west-1"));
        assert_eq!(g.overrides.endpoint_url.as_deref(), Some("http://127.0.0.1:5000"));
        assert!(g.overrides.debug);
        assert!(!g.overrides.allow_plain_http);
        let (g, _) = parse_ok(&["--allow-plain-http", "get-user", "--access-token", "t"]);
        assert!(g.overrides.allow_plain_http);
        let (g, _) = parse_ok(&["login", "--allow-plain-http", "--client-id", "c"]);
        assert!(g.overrides.allow_plain_http);
        let (g, _) = parse_ok(&[
            "get-user",
            "--access-token",
            "t",
            "--cli-read-timeout",
            "2.5",
            "--cli-connect-timeout",
            "0",
        ]);
        assert_eq!(g.overrides.read_timeout, Some(Duration::from_millis(2500)));
        assert_eq!(g.overrides.connect_timeout, Some(Duration::ZERO));
    }

    #[test]
    fn the_aws_cli_v2_global_options_are_taken() {
        let (g, _) = parse_ok(&[
            "get-user",
            "--access-token",
            "t",
            "--no-sign-request",
            "--no-verify-ssl",
            "--color",
            "off",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--no-cli-pager",
        ]);
        assert!(g.overrides.no_sign_request && g.overrides.no_verify_ssl);
        assert!(parse_err(&["get-user", "--access-token", "t", "--color", "pink"]).contains("--color"));
        assert!(parse_err(&["get-user", "--access-token", "t", "--cli-binary-format", "hex"]).contains("hex"));
        let skeleton = |args: &[&str]| match parse(args.iter().copied()) {
            Ok(Parsed::Help(text)) => text,
            other => panic!("{args:?}: {other:?}"),
        };
        // No option is required for the input skeleton, and its value may be left out.
        assert_eq!(
            skeleton(&["get-user", "--generate-cli-skeleton"]),
            "{\n    \"AccessToken\": \"\"\n}\n"
        );
        assert_eq!(
            skeleton(&["get-user", "--generate-cli-skeleton", "input"]),
            skeleton(&["get-user", "--generate-cli-skeleton=input"])
        );
        let (_, command) = parse_ok(&["get-user", "--generate-cli-skeleton", "output", "--access-token", "t"]);
        assert!(matches!(
            command,
            Command::Raw(RawArgs {
                skeleton_output: true,
                ..
            })
        ));
        assert!(parse_err(&["get-user", "--generate-cli-skeleton", "output"]).contains("--access-token"));
    }

    #[test]
    fn usage_errors_name_what_is_wrong() {
        assert!(parse_err(&[]).contains("no command given"));
        assert!(parse_err(&["frobnicate"]).contains("unknown command \"frobnicate\""));
        assert!(parse_err(&["--bogus", "login"]).contains("--bogus"));
        assert!(parse_err(&["get-user", "--access-token", "t", "--output", "yaml"])
            .contains("invalid choice \"yaml\" (choose from json, text, table)"));
        assert!(
            parse_err(&["get-user", "--access-token", "t", "--cli-read-timeout", "soon"])
                .contains("--cli-read-timeout")
        );
    }

    #[test]
    fn values_that_may_be_secrets_are_never_echoed() {
        let e = parse_err(&["login", "--password-stdin=hunter2SECRET"]);
        assert_eq!(e, "option --password-stdin takes no value");
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(b"hunter2-\xff-SECRET".to_vec());
        let e = parse([OsString::from("login"), OsString::from("--password"), bad])
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "an argument is not valid UTF-8");
    }

    #[test]
    fn help_and_version_come_before_anything_else() {
        assert!(matches!(parse(["--help"]), Ok(Parsed::Help(_))));
        assert!(matches!(parse(["help"]), Ok(Parsed::Help(_))));
        assert!(matches!(parse(["--version"]), Ok(Parsed::Version)));
        assert!(matches!(parse(["login", "--help"]), Ok(Parsed::Help(_))));
        assert!(matches!(parse(["admin-initiate-auth", "help"]), Ok(Parsed::Help(_))));
        assert!(matches!(parse(["admin-initiate-auth", "--help"]), Ok(Parsed::Help(_))));
    }
}
