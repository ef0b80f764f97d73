//! Parsing of `cogtok exec [login options] [--aws-credentials identity pool options] -- CMD
//! ARGS…`: the login options, then the command to run with the tokens (or, with
//! `--aws-credentials`, an identity pool's AWS credentials) in its environment. The options are
//! `login`'s sign-in table and `aws-credentials`' identity pool table.

use std::ffi::OsString;

use super::aws_credentials::EXEC_IDENTITY_POOL_OPTIONS;
use super::login::SIGN_IN_OPTIONS;
use super::options::{parse_options_in_two, render_options, OptionSpec, Stop};
use super::{unknown_option, Command, GlobalArgs, IdentityPoolArgs, LoginArgs, Parsed};
use crate::error::{Error, Result};

#[derive(Debug)]
pub(crate) struct ExecArgs {
    pub(crate) login: LoginArgs,
    /// `--aws-credentials` and its options: the command gets AWS credentials, not tokens.
    pub(crate) identity_pool: Option<IdentityPoolArgs>,
    pub(crate) program: OsString,
    pub(crate) args: Vec<OsString>,
}

/// `exec`'s options are `login`'s sign-in table: it prints nothing, so it has no `--output`.
pub(super) const EXEC_TABLES: &[&[OptionSpec<LoginArgs>]] = &[SIGN_IN_OPTIONS];

const HELP_HEAD: &str = "\
cogtok exec: sign in (or use the cache), then run a command with the tokens in its environment

Usage: cogtok exec [login options] -- CMD [ARGS...]
       cogtok exec [login options] --aws-credentials --identity-pool-id ID [options] -- CMD [ARGS...]

The login options are those of `cogtok login` (run `cogtok login --help`), --cache included,
--output and --export not. CMD runs in place of cogtok with COGNITO_ID_TOKEN,
COGNITO_ACCESS_TOKEN, COGNITO_REFRESH_TOKEN and COGNITO_EXPIRES_AT (unix seconds) in its
environment; its exit status and signals are cogtok's. Example:

  cogtok exec --user-pool-id P --client-id C --username U --cache -- \\
    sh -c 'curl -H \"Authorization: Bearer $COGNITO_ID_TOKEN\" https://api.example.com/'

With --aws-credentials, CMD gets the identity pool's AWS credentials instead (and no COGNITO_*
variables), as `cogtok aws-credentials` gets them (run `cogtok aws-credentials --help`):

";

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut login = LoginArgs::default();
    let mut identity_pool = IdentityPoolArgs::default();
    let stop = parse_options_in_two(
        &mut parser,
        &mut globals,
        (EXEC_TABLES, EXEC_IDENTITY_POOL_OPTIONS),
        (&mut login, &mut identity_pool),
    )?;
    match stop {
        Stop::Help => Ok(Parsed::Help(format!(
            "{HELP_HEAD}{}",
            render_options(EXEC_IDENTITY_POOL_OPTIONS)
        ))),
        Stop::Unknown(name) if name == "output" || name == "export" => Err(Error::usage(
            "exec prints nothing: the tokens go to the command's environment",
        )),
        Stop::Unknown(name) => Err(unknown_option(&name, Some("exec"))),
        // The first value (after `--`, or the first word that is not an option) is the
        // command; everything after it is its own, options included.
        Stop::Positional(program) => {
            let args = parser.raw_args()?.collect();
            let identity_pool = match (identity_pool.requested, identity_pool.any_given()) {
                (true, _) => Some(identity_pool),
                (false, false) => None,
                (false, true) => {
                    return Err(Error::usage(
                        "the identity pool options go with --aws-credentials: cogtok exec --aws-credentials --identity-pool-id ID ...",
                    ))
                }
            };
            Ok(Parsed::Run {
                globals,
                command: Command::Exec(ExecArgs {
                    login,
                    identity_pool,
                    program,
                    args,
                }),
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
    fn aws_credentials_take_the_identity_pool_options() {
        let parsed = parse_cli([
            "exec",
            "--aws-credentials",
            "--identity-pool-id",
            "us-east-1:0f1e",
            "--unauthenticated",
            "--",
            "aws",
            "s3",
            "ls",
        ]);
        match parsed {
            Ok(Parsed::Run {
                command: Command::Exec(e),
                ..
            }) => {
                let pool = e.identity_pool.expect("--aws-credentials");
                assert!(pool.unauthenticated);
                assert_eq!(pool.identity_pool_id.as_deref(), Some("us-east-1:0f1e"));
                assert_eq!(e.program, "aws");
            }
            other => panic!("{other:?}"),
        }
        let e = parse_cli(["exec", "--identity-pool-id", "us-east-1:0f1e", "--", "true"])
            .err()
            .unwrap();
        assert!(e.to_string().contains("go with --aws-credentials"), "{e}");
        let e = parse_cli(["exec", "--aws-credentials", "--output", "env", "--", "true"])
            .err()
            .unwrap();
        assert_eq!(e.exit_code(), 252);
    }

    #[test]
    fn a_command_is_required_and_output_is_refused() {
        let e = parse_cli(["exec", "--flow", "admin"]).err().unwrap();
        assert!(e.to_string().contains("exec needs a command"), "{e}");
        let e = parse_cli(["exec", "--output", "json", "--", "true"]).err().unwrap();
        assert_eq!(e.exit_code(), 252);
    }
}
