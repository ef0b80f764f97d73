//! Parsing of `cogtok refresh`: fresh tokens from a refresh token (REFRESH_TOKEN_AUTH, or
//! GetTokensFromRefreshToken with rotation).

use lexopt::ValueExt;

use super::login::parse_output;
use super::options::{parse_options, take_secret, Form};
use super::{help, Command, GlobalArgs, Parsed, SecretSource, TokenOutput};
use crate::error::Result;

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

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = RefreshArgs::default();
    if parse_options(&mut parser, &mut globals, "refresh", |name, parser| {
        args.take(name, parser)
    })? {
        return Ok(Parsed::Help(help::REFRESH.to_string()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Refresh(args),
    })
}

impl RefreshArgs {
    fn take(&mut self, name: &str, parser: &mut lexopt::Parser) -> Result<bool> {
        if take_secret(
            name,
            "refresh-token",
            &[Form::Env, Form::File, Form::Stdin],
            &mut self.refresh_token,
            parser,
        )? || take_secret(
            name,
            "client-secret",
            &[Form::Env, Form::File],
            &mut self.client_secret,
            parser,
        )? {
            return Ok(true);
        }
        match name {
            "user-pool-id" => self.user_pool_id = Some(parser.value()?.string()?),
            "client-id" => self.client_id = Some(parser.value()?.string()?),
            "username" => self.username = Some(parser.value()?.string()?),
            "rotate" => self.rotate = true,
            "export" => self.export = true,
            "device-file" => self.device_file = Some(parser.value()?.into()),
            "output" => self.output = Some(parse_output(&parser.value()?.string()?)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
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
