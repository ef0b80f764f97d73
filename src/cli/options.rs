//! What the option parsing of `login`, `exec`, `refresh` and `user` shares: the loop over the
//! command's options, and the several forms a secret can be given in.

use lexopt::prelude::*;

use super::{unknown_option, GlobalArgs, SecretSource};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The options of a command: `take` takes its own, then the global ones are tried; `-h` asks
/// for help (`Ok(true)`); positional values are refused.
pub(super) fn parse_options(
    parser: &mut lexopt::Parser,
    globals: &mut GlobalArgs,
    command: &str,
    mut take: impl FnMut(&str, &mut lexopt::Parser) -> Result<bool>,
) -> Result<bool> {
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(true),
            Long(name) => {
                let name = name.to_string();
                if !take(&name, parser)? && !globals.take(&name, parser, false)? {
                    return Err(unknown_option(&name, Some(command)));
                }
            }
            Value(v) => {
                return Err(Error::usage(format!(
                    "unexpected argument {:?} for {command}: run `cogtok {command} --help`",
                    v.to_string_lossy()
                )))
            }
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(false)
}

/// The forms a secret option comes in: `--STEM-env VAR`, `--STEM-file PATH`, `--STEM-stdin`,
/// and `--STEM VALUE` on the command line (for AWS CLI parity only).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Env,
    File,
    Stdin,
    Literal,
}

/// Takes `name` into `slot` if it is one of `stem`'s `forms`; only one form may be given.
pub(super) fn take_secret(
    name: &str,
    stem: &str,
    forms: &[Form],
    slot: &mut Option<SecretSource>,
    parser: &mut lexopt::Parser,
) -> Result<bool> {
    let form = match name.strip_prefix(stem) {
        Some("-env") => Form::Env,
        Some("-file") => Form::File,
        Some("-stdin") => Form::Stdin,
        Some("") => Form::Literal,
        _ => return Ok(false),
    };
    if !forms.contains(&form) {
        return Ok(false);
    }
    if slot.is_some() {
        let names: Vec<String> = forms
            .iter()
            .map(|f| match f {
                Form::Env => format!("--{stem}-env"),
                Form::File => format!("--{stem}-file"),
                Form::Stdin => format!("--{stem}-stdin"),
                Form::Literal => format!("--{stem}"),
            })
            .collect();
        return Err(Error::usage(format!("pass only one of {}", names.join(", "))));
    }
    *slot = Some(match form {
        Form::Env => SecretSource::Env(parser.value()?.string()?),
        Form::File => SecretSource::File(parser.value()?.into()),
        Form::Stdin => SecretSource::Stdin,
        Form::Literal => SecretSource::Value(Secret::new(parser.value()?.string()?)),
    });
    Ok(true)
}
