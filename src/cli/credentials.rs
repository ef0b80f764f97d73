//! Parsing of `cogtok credentials`: which AWS credential provider the chain picks here. It has
//! no options of its own: the global ones (`--profile`, `--web-identity`, `--role-arn`, …) are
//! what it is about.

use super::options::{parse_options_only, render_options, OptionSpec};
use super::{Command, GlobalArgs, Parsed};
use crate::error::Result;

const HELP_HEAD: &str = "\
cogtok credentials: which AWS credential provider signs cogtok's requests here, and until when
(never the keys). Exit 253, with where it looked, when there are none.

Usage: cogtok credentials [global options]
";

const HELP_TAIL: &str = "
Global options as in `cogtok --help` (--profile, --region, --web-identity, --role-arn, --debug, ...).
";

/// No options of its own.
const CREDENTIALS_OPTIONS: &[OptionSpec<()>] = &[];

pub(super) fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(&[CREDENTIALS_OPTIONS]))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    if parse_options_only(
        &mut parser,
        &mut globals,
        "credentials",
        &[CREDENTIALS_OPTIONS],
        &mut (),
    )? {
        return Ok(Parsed::Help(help()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Credentials,
    })
}
