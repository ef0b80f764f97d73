//! Parsing of `cogtok exec [login options] -- CMD ARGS…`: the login options, then the command
//! to run with the tokens in its environment. The options are `login`'s sign-in table.

use std::ffi::OsString;

use super::login::SIGN_IN_OPTIONS;
use super::options::{parse_options, OptionSpec, Stop};
use super::{unknown_option, Command, GlobalArgs, LoginArgs, Parsed};
use crate::error::{Error, Result};

#[derive(Debug)]
pub(crate) struct ExecArgs {
    pub(crate) login: LoginArgs,
    pub(crate) program: OsString,
    pub(crate) args: Vec<OsString>,
}

/// `exec`'s options are `login`'s sign-in table: it prints nothing, so it has no `--output`.
pub(super) const EXEC_TABLES: &[&[OptionSpec<LoginArgs>]] = &[SIGN_IN_OPTIONS];

const HELP: &str = "\
cogtok exec: sign in (or use the cache), then run a command with the tokens in its environment

Usage: cogtok exec [login options] -- CMD [ARGS...]

The login options are those of `cogtok login` (run `cogtok login --help`), --cache included,
--output and --export not. CMD runs in place of cogtok with COGNITO_ID_TOKEN,
COGNITO_ACCESS_TOKEN, COGNITO_REFRESH_TOKEN and COGNITO_EXPIRES_AT (unix seconds) in its
environment; its exit status and signals are cogtok's. Example:

  cogtok exec --user-pool-id P --client-id C --username U --cache -- \\
    sh -c 'curl -H \"Authorization: Bearer $COGNITO_ID_TOKEN\" https://api.example.com/'
";

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut login = LoginArgs::default();
    match parse_options(&mut parser, &mut globals, EXEC_TABLES, &mut login)? {
        Stop::Help => Ok(Parsed::Help(HELP.to_string())),
        Stop::Unknown(name) if name == "output" || name == "export" => Err(Error::usage(
            "exec prints nothing: the tokens go to the command's environment",
        )),
        Stop::Unknown(name) => Err(unknown_option(&name, Some("exec"))),
        // The first value (after `--`, or the first word that is not an option) is the
        // command; everything after it is its own, options included.
        Stop::Positional(program) => {
            let args = parser.raw_args()?.collect();
            Ok(Parsed::Run {
                globals,
                command: Command::Exec(ExecArgs { login, program, args }),
            })
        }
        Stop::End => Err(Error::usage(
            "exec needs a command: cogtok exec [login options] -- CMD [ARGS...]",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    #[test]
    fn login_options_then_the_command_with_its_own_options() {
        let parsed = parse_cli([
            "exec",
            "--flow",
            "admin",
            "--cache",
            "--",
            "curl",
            "-H",
            "x: y",
            "--fail",
            "https://api",
        ]);
        match parsed {
            Ok(Parsed::Run {
                command: Command::Exec(e),
                ..
            }) => {
                assert_eq!(e.login.flow, Some(crate::auth::options::Flow::Admin));
                assert!(e.login.cache);
                assert_eq!(e.program, "curl");
                assert_eq!(e.args, ["-H", "x: y", "--fail", "https://api"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_command_is_required_and_output_is_refused() {
        let e = parse_cli(["exec", "--flow", "admin"]).err().unwrap();
        assert!(e.to_string().contains("exec needs a command"), "{e}");
        let e = parse_cli(["exec", "--output", "json", "--", "true"]).err().unwrap();
        assert_eq!(e.exit_code(), 252);
    }
}
