//! Parsing of `cogtok refresh`: fresh tokens from a refresh token (REFRESH_TOKEN_AUTH, or
//! GetTokensFromRefreshToken with rotation). Its options and their help are one table.

use super::login::{EXPORT_HELP, FILE_OR_ENV, TOKEN_OUTPUTS, TOKEN_OUTPUT_PLACEHOLDER};
use super::options::{choice, parse_options_only, render_options, store, text, Form, OptionSpec};
use super::{Command, GlobalArgs, Parsed};
use crate::auth::secret_sources::SecretSource;
use crate::error::Result;
use crate::output::TokenOutput;

#[derive(Debug, Default)]
pub(crate) struct RefreshArgs {
    pub(crate) user_pool_id: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) refresh_token: Option<SecretSource>,
    pub(crate) client_secret: Option<SecretSource>,
    pub(crate) rotate: bool,
    pub(crate) device_file: Option<std::path::PathBuf>,
    /// `--export`: with `--output github`, also set the tokens in `$GITHUB_ENV`.
    pub(crate) export: bool,
    pub(crate) output: Option<TokenOutput>,
}

const HELP_HEAD: &str = "\
cogtok refresh: fresh tokens from a refresh token

Usage: cogtok refresh [options]

";

const HELP_TAIL: &str = "
Global options as in `cogtok --help` (--region, --endpoint-url, --debug, ...).
";

fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(&[REFRESH_OPTIONS]))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = RefreshArgs::default();
    if parse_options_only(&mut parser, &mut globals, "refresh", &[REFRESH_OPTIONS], &mut args)? {
        return Ok(Parsed::Help(help()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Refresh(args),
    })
}

/// The entries of the tables below are built on this type, so their setters know `RefreshArgs`.
type Spec = OptionSpec<RefreshArgs>;

pub(super) const REFRESH_OPTIONS: &[OptionSpec<RefreshArgs>] = &[
    Spec::value("client-id", "ID", |a, v| store(&mut a.client_id, text(v)?))
        .env("COGTOK_CLIENT_ID")
        .help("the app client"),
    Spec::secret("refresh-token", &[Form::Env, Form::File, Form::Stdin], |a| {
        &mut a.refresh_token
    })
    .env("COGTOK_REFRESH_TOKEN")
    .help("the refresh token"),
    Spec::secret("client-secret", FILE_OR_ENV, |a| &mut a.client_secret)
        .env("COGTOK_CLIENT_SECRET")
        .help("the app client's secret"),
    Spec::value("username", "U", |a, v| store(&mut a.username, text(v)?))
        .env("COGTOK_USERNAME")
        .help(
            "with a client secret: the internal username SECRET_HASH is\n\
             computed over (the tokens' cognito:username)",
        ),
    Spec::value("user-pool-id", "ID", |a, v| store(&mut a.user_pool_id, text(v)?))
        .env("COGTOK_USER_POOL_ID")
        .help("gives the region when nothing else does"),
    Spec::value("device-file", "PATH", |a, v| store(&mut a.device_file, v.into())).help(
        "the remembered device of `cogtok login --device-file`: its key\n\
         goes with the refresh (pools that track devices require it)",
    ),
    Spec::switch("rotate", |a| a.rotate = true).help(
        "GetTokensFromRefreshToken: for clients with refresh token\n\
         rotation (used anyway when the service refuses REFRESH_TOKEN_AUTH\n\
         because rotation is on); the answer carries a new refresh token",
    ),
    Spec::value("output", TOKEN_OUTPUT_PLACEHOLDER, |a, v| {
        store(&mut a.output, choice("output", &text(v)?, TOKEN_OUTPUTS)?)
    })
    .help(
        "as for `cogtok login`; without rotation the refresh token given\n\
         is the one printed",
    ),
    Spec::switch("export", |a| a.export = true).help(EXPORT_HELP),
];

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    #[test]
    fn refresh_options() {
        let args = [
            "refresh",
            "--client-id",
            "c",
            "--refresh-token-env",
            "RT",
            "--username",
            "u-1",
            "--rotate",
            "--output",
            "env",
        ];
        match parse_cli(args) {
            Ok(Parsed::Run {
                command: Command::Refresh(r),
                ..
            }) => {
                assert_eq!(r.client_id.as_deref(), Some("c"));
                assert!(matches!(r.refresh_token, Some(SecretSource::Env(ref v)) if v == "RT"));
                assert_eq!(r.username.as_deref(), Some("u-1"));
                assert!(r.rotate);
                assert_eq!(r.output, Some(TokenOutput::Env));
            }
            other => panic!("{other:?}"),
        }
        let e = parse_cli(["refresh", "--refresh-token-env", "A", "--refresh-token-stdin"])
            .err()
            .unwrap();
        assert!(e.to_string().contains("pass only one of --refresh-token-env"), "{e}");
        let e = parse_cli(["refresh", "--new-password-env", "X"]).err().unwrap();
        assert!(
            e.to_string().contains("unknown option --new-password-env for refresh"),
            "{e}"
        );
    }
}
