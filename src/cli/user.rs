//! Parsing of `cogtok user ensure|delete`: test users for CI, idempotent.

use lexopt::prelude::*;

use super::login::{parse_attribute, set_source};
use super::{help, unknown_option, Command, GlobalArgs, Parsed, SecretSource};
use crate::error::{Error, Result};
use crate::secret::Secret;

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

const PASSWORD_OPTIONS: &str = "--password-env, --password-file, --password-stdin and --password";

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
    let mut args = UserArgs {
        action,
        user_pool_id: None,
        username: None,
        password: None,
        attributes: Vec::new(),
    };
    let ensure = matches!(args.action, UserAction::Ensure);
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help(help::USER.to_string())),
            Long(name) => {
                let name = name.to_string();
                match name.as_str() {
                    "user-pool-id" => args.user_pool_id = Some(parser.value()?.string()?),
                    "username" => args.username = Some(parser.value()?.string()?),
                    "password-env" if ensure => set_source(
                        &mut args.password,
                        PASSWORD_OPTIONS,
                        SecretSource::Env(parser.value()?.string()?),
                    )?,
                    "password-file" if ensure => set_source(
                        &mut args.password,
                        PASSWORD_OPTIONS,
                        SecretSource::File(parser.value()?.into()),
                    )?,
                    "password-stdin" if ensure => {
                        set_source(&mut args.password, PASSWORD_OPTIONS, SecretSource::Stdin)?
                    }
                    "password" if ensure => set_source(
                        &mut args.password,
                        PASSWORD_OPTIONS,
                        SecretSource::Value(Secret::new(parser.value()?.string()?)),
                    )?,
                    "attribute" if ensure => args.attributes.push(parse_attribute(&parser.value()?.string()?)?),
                    _ => {
                        if !globals.take(&name, &mut parser, false)? {
                            return Err(unknown_option(&name, Some(command)));
                        }
                    }
                }
            }
            Value(v) => {
                return Err(Error::usage(format!(
                    "unexpected argument {:?} for {command}",
                    v.to_string_lossy()
                )))
            }
            _ => return Err(arg.unexpected().into()),
        }
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
