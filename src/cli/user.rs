//! Parsing of `cogtok user ensure|delete`: test users for CI, idempotent.

use lexopt::prelude::*;

use super::login::{parse_attribute, ALL_FORMS};
use super::options::{parse_options, take_secret};
use super::{help, Command, GlobalArgs, Parsed, SecretSource};
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

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let action = match parser.next()? {
        Some(Value(v)) if v == "ensure" => UserAction::Ensure,
        Some(Value(v)) if v == "delete" => UserAction::Delete,
        Some(Short('h') | Long("help")) | None => return Ok(Parsed::Help(help::USER.to_string())),
        Some(Value(v)) => {
            return Err(Error::usage(format!(
                "unknown user command {:?}: use `cogtok user ensure` or `cogtok user delete`",
                v.to_string_lossy()
            )))
        }
        Some(other) => return Err(other.unexpected().into()),
    };
    let command = if matches!(action, UserAction::Ensure) {
        "user ensure"
    } else {
        "user delete"
    };
    let ensure = matches!(action, UserAction::Ensure);
    let mut args = UserArgs {
        action,
        user_pool_id: None,
        username: None,
        password: None,
        attributes: Vec::new(),
    };
    let asked_help = parse_options(&mut parser, &mut globals, command, |name, parser| {
        if ensure && take_secret(name, "password", ALL_FORMS, &mut args.password, parser)? {
            return Ok(true);
        }
        match name {
            "user-pool-id" => args.user_pool_id = Some(parser.value()?.string()?),
            "username" => args.username = Some(parser.value()?.string()?),
            "attribute" if ensure => args.attributes.push(parse_attribute(&parser.value()?.string()?)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    if asked_help {
        return Ok(Parsed::Help(help::USER.to_string()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::User(args),
    })
}

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
        assert!(matches!(parse_cli(["user"]), Ok(Parsed::Help(_))));
    }
}
