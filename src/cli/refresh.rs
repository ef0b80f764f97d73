//! Parsing of `cogtok refresh`: fresh tokens from a refresh token (REFRESH_TOKEN_AUTH, or
//! GetTokensFromRefreshToken with rotation).

use lexopt::prelude::*;

use super::login::{parse_output, set_source};
use super::{help, unknown_option, Command, GlobalArgs, Parsed, SecretSource, TokenOutput};
use crate::error::{Error, Result};

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

const REFRESH_TOKEN_OPTIONS: &str = "--refresh-token-env, --refresh-token-file and --refresh-token-stdin";
const CLIENT_SECRET_OPTIONS: &str = "--client-secret-env and --client-secret-file";

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = RefreshArgs::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help(help::REFRESH.to_string())),
            Long(name) => {
                let name = name.to_string();
                match name.as_str() {
                    "user-pool-id" => args.user_pool_id = Some(parser.value()?.string()?),
                    "client-id" => args.client_id = Some(parser.value()?.string()?),
                    "username" => args.username = Some(parser.value()?.string()?),
                    "refresh-token-env" => set_source(
                        &mut args.refresh_token,
                        REFRESH_TOKEN_OPTIONS,
                        SecretSource::Env(parser.value()?.string()?),
                    )?,
                    "refresh-token-file" => set_source(
                        &mut args.refresh_token,
                        REFRESH_TOKEN_OPTIONS,
                        SecretSource::File(parser.value()?.into()),
                    )?,
                    "refresh-token-stdin" => {
                        set_source(&mut args.refresh_token, REFRESH_TOKEN_OPTIONS, SecretSource::Stdin)?
                    }
                    "client-secret-env" => set_source(
                        &mut args.client_secret,
                        CLIENT_SECRET_OPTIONS,
                        SecretSource::Env(parser.value()?.string()?),
                    )?,
                    "client-secret-file" => set_source(
                        &mut args.client_secret,
                        CLIENT_SECRET_OPTIONS,
                        SecretSource::File(parser.value()?.into()),
                    )?,
                    "rotate" => args.rotate = true,
                    "export" => args.export = true,
                    "device-file" => args.device_file = Some(parser.value()?.into()),
                    "output" => args.output = Some(parse_output(&parser.value()?.string()?)?),
                    _ => {
                        if !globals.take(&name, &mut parser, false)? {
                            return Err(unknown_option(&name, Some("refresh")));
                        }
                    }
                }
            }
            Value(v) => {
                return Err(Error::usage(format!(
                    "unexpected argument {:?} for refresh: run `cogtok refresh --help`",
                    v.to_string_lossy()
                )))
            }
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Refresh(args),
    })
}

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
