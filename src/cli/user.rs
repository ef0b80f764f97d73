//! Parsing of `cogtok user ensure|delete`: test users for CI, idempotent. The options and their
//! help are two tables: those of both subcommands, and those of `ensure` only.

use lexopt::prelude::*;

use super::login::{parse_attribute, PASSWORD_FORMS};
use super::options::{append, parse_options_only, render_options, store, text, OptionSpec};
use super::{Command, GlobalArgs, Parsed};
use crate::auth::secret_sources::SecretSource;
use crate::error::{Error, Result};

#[derive(Debug)]
pub(crate) enum UserAction {
    /// Create the user if missing, then set its password as permanent and its attributes.
    Ensure,
    /// Delete the user; already gone is fine.
    Delete,
}

#[derive(Debug)]
pub(crate) struct UserArgs {
    pub(crate) action: UserAction,
    pub(crate) user_pool_id: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) password: Option<SecretSource>,
    pub(crate) attributes: Vec<(String, String)>,
}

/// The options of `user ensure`; `user delete` takes the first table only.
pub(super) const ENSURE_TABLES: &[&[OptionSpec<UserArgs>]] = &[USER_OPTIONS, ENSURE_OPTIONS];
pub(super) const DELETE_TABLES: &[&[OptionSpec<UserArgs>]] = &[USER_OPTIONS];

/// The entries of the tables below are built on this type, so their setters know `UserArgs`.
type Spec = OptionSpec<UserArgs>;

const HELP_HEAD: &str = "\
cogtok user: test users for CI (SigV4-signed admin operations; need AWS credentials)

Usage:
  cogtok user ensure --user-pool-id P --username U [--password-env VAR] [--attribute NAME=VALUE ...]
      AdminCreateUser without an invitation (MessageAction SUPPRESS), then AdminSetUserPassword
      with Permanent=true: the user is CONFIRMED and never meets NEW_PASSWORD_REQUIRED.
      An existing user gets its password and attributes set.
  cogtok user delete --user-pool-id P --username U
      AdminDeleteUser; a user already gone is not an error.

Both print a small JSON object ({\"Username\", \"Created\"} or {\"Username\", \"Deleted\"}).

";

fn help() -> String {
    format!("{HELP_HEAD}{}", render_options(ENSURE_TABLES))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let (action, command, tables) = match parser.next()? {
        Some(Value(v)) if v == "ensure" => (UserAction::Ensure, "user ensure", ENSURE_TABLES),
        Some(Value(v)) if v == "delete" => (UserAction::Delete, "user delete", DELETE_TABLES),
        Some(Short('h') | Long("help")) => return Ok(Parsed::Help(help())),
        // As `cogtok` without a command: a usage error, not the help on stdout with exit 0.
        None => {
            return Err(Error::usage(
                "no user command given: use `cogtok user ensure` or `cogtok user delete`",
            ))
        }
        Some(Value(v)) => {
            return Err(Error::usage(format!(
                "unknown user command {}: use `cogtok user ensure` or `cogtok user delete`",
                crate::quote::quoted_os(&v)
            )))
        }
        Some(other) => return Err(other.unexpected().into()),
    };
    let mut args = UserArgs {
        action,
        user_pool_id: None,
        username: None,
        password: None,
        attributes: Vec::new(),
    };
    if parse_options_only(&mut parser, &mut globals, command, tables, &mut args)? {
        return Ok(Parsed::Help(help()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::User(args),
    })
}

const BOTH: &str = "Options of both";
const ENSURE_ONLY: &str = "Options of `user ensure`";

const USER_OPTIONS: &[OptionSpec<UserArgs>] = &[
    Spec::value("user-pool-id", "ID", |a, v| store(&mut a.user_pool_id, text(v)?))
        .env("COGTOK_USER_POOL_ID")
        .under(BOTH)
        .help("the user pool"),
    Spec::value("username", "U", |a, v| store(&mut a.username, text(v)?))
        .env("COGTOK_USERNAME")
        .under(BOTH)
        .help("the user's name"),
];

const ENSURE_OPTIONS: &[OptionSpec<UserArgs>] = &[
    Spec::secret("password", PASSWORD_FORMS, |a| &mut a.password)
        .env("COGTOK_PASSWORD")
        .under(ENSURE_ONLY)
        .help("the permanent password"),
    Spec::value("attribute", "NAME=VALUE", |a, v| {
        append(&mut a.attributes, parse_attribute(&text(v)?)?)
    })
    .under(ENSURE_ONLY)
    .help(
        "an attribute to set (repeatable); `--attribute email_verified=true`\n\
         marks the email as verified",
    ),
];

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    #[test]
    fn ensure_and_delete() {
        match parse_cli([
            "user",
            "ensure",
            "--user-pool-id",
            "us-east-1_A",
            "--username",
            "ci@example.com",
            "--password-env",
            "PW",
            "--attribute",
            "email_verified=true",
        ]) {
            Ok(Parsed::Run {
                command: Command::User(u),
                ..
            }) => {
                assert!(matches!(u.action, UserAction::Ensure));
                assert!(matches!(u.password, Some(SecretSource::Env(ref v)) if v == "PW"));
                assert_eq!(u.attributes, vec![("email_verified".to_string(), "true".to_string())]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_cli(["user", "delete", "--user-pool-id", "us-east-1_A", "--username", "u"]),
            Ok(Parsed::Run {
                command: Command::User(UserArgs {
                    action: UserAction::Delete,
                    ..
                }),
                ..
            })
        ));
        let e = parse_cli(["user", "delete", "--password-env", "PW"]).err().unwrap();
        assert!(
            e.to_string().contains("unknown option --password-env for user delete"),
            "{e}"
        );
        let e = parse_cli(["user", "rename"]).err().unwrap();
        assert!(e.to_string().contains("unknown user command"), "{e}");
        assert!(matches!(parse_cli(["user", "--help"]), Ok(Parsed::Help(_))));
    }

    #[test]
    fn no_user_command_is_a_usage_error_as_no_command_is() {
        let no_command = parse_cli(Vec::<&str>::new()).err().unwrap();
        let no_user_command = parse_cli(["user"]).err().unwrap();
        assert_eq!(no_user_command.exit_code(), no_command.exit_code());
        assert_eq!(no_user_command.exit_code(), 252);
        assert!(
            no_user_command.to_string().contains("no user command given"),
            "{no_user_command}"
        );
    }
}
