//! Parsing of `cogtok exec [login options] -- CMD ARGS…`: the login options, then the command
//! to run with the tokens in its environment.

use std::ffi::OsString;

use lexopt::prelude::*;

use super::{help, unknown_option, Command, GlobalArgs, LoginArgs, Parsed};
use crate::error::{Error, Result};

#[derive(Debug)]
pub(crate) struct ExecArgs {
    pub(crate) login: LoginArgs,
    pub(crate) program: OsString,
    pub(crate) args: Vec<OsString>,
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut login = LoginArgs::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help(help::EXEC.to_string())),
            Long("output") => {
                return Err(Error::usage(
                    "exec prints nothing: the tokens go to the command's environment",
                ))
            }
            Long(name) => {
                let name = name.to_string();
                if !login.take(&name, &mut parser)? && !globals.take(&name, &mut parser, false)? {
                    return Err(unknown_option(&name, Some("exec")));
                }
            }
            // The first value (after `--`, or the first word that is not an option) is the
            // command; everything after it is its own, options included.
            Value(program) => {
                let args = parser.raw_args()?.collect();
                return Ok(Parsed::Run {
                    globals,
                    command: Command::Exec(ExecArgs { login, program, args }),
                });
            }
            _ => return Err(arg.unexpected().into()),
        }
    }
    Err(Error::usage(
        "exec needs a command: cogtok exec [login options] -- CMD [ARGS...]",
    ))
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
                assert_eq!(e.login.flow, Some(super::super::Flow::Admin));
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
