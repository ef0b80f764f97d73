//! Parsing of `cogtok mint`: tokens for many users at once (load tests). It takes `login`'s
//! sign-in options, applied to every user, and its own below: where the users come from, how
//! fast to go, and what to print. The users file itself is read when the command runs
//! (`users_file`).

use std::path::PathBuf;

use super::login::SIGN_IN_OPTIONS;
use super::options::{choice, parse_options_only_in_two, render_options, store, text, OptionSpec};
use super::{Command, GlobalArgs, LoginArgs, Parsed};
use crate::error::{Error, Result};
use crate::output::{MintFormat, TokenKind};

#[derive(Clone, Debug, Default)]
pub(crate) struct MintArgs {
    /// The sign-in options, shared by every user (a user's row may give its own secrets).
    pub(crate) login: LoginArgs,
    /// `--users FILE` (`-` for standard input).
    pub(crate) users: Option<PathBuf>,
    pub(crate) users_prefix: Option<String>,
    pub(crate) count: Option<u32>,
    pub(crate) ensure: bool,
    pub(crate) output: Option<MintFormat>,
    pub(crate) tokens: Option<Vec<TokenKind>>,
    pub(crate) output_file: Option<PathBuf>,
    pub(crate) concurrency: Option<usize>,
    pub(crate) rate: Option<f64>,
    pub(crate) ensure_rate: Option<f64>,
}

type Spec = OptionSpec<MintArgs>;

const USERS: &str = "Users (--users, or --users-prefix with --count)";
const PACE: &str = "Pace";
const OUTPUT: &str = "Output";

/// The most users `--count` makes, as for a file.
const MAX_COUNT: u32 = super::users_file::MAX_USERS as u32;

pub(super) const MINT_OPTIONS: &[OptionSpec<MintArgs>] = &[
    Spec::value("users", "FILE", |a, v| store(&mut a.users, v.into()))
        .under(USERS)
        .help(
            "CSV with a header row, or NDJSON; `-` reads standard input.\n\
             Columns: username, password | password_env | password_file,\n\
             new_password(_env|_file), totp_secret(_env); others ignored",
        ),
    Spec::value("users-prefix", "P", |a, v| store(&mut a.users_prefix, text(v)?))
        .under(USERS)
        .help(
            "users P1, P2, ... P<count>, all with the run's password; the\n\
             number goes in place of {n} if P has one (load-{n}@example.com)",
        ),
    Spec::value("count", "N", |a, v| store(&mut a.count, parse_count(&text(v)?)?))
        .under(USERS)
        .help("how many users --users-prefix makes"),
    Spec::switch("ensure", |a| a.ensure = true).under(USERS).help(
        "create each user first if missing, with its password made permanent\n\
         (as `cogtok user ensure`; signed: needs AWS credentials)",
    ),
    Spec::value("concurrency", "N", |a, v| {
        store(&mut a.concurrency, parse_positive("concurrency", &text(v)?, 1024)?)
    })
    .under(PACE)
    .help("sign-ins under way at once (default: --rate / 5, from 1 to 256)"),
    Spec::value("rate", "R", |a, v| store(&mut a.rate, parse_rate("rate", &text(v)?)?))
        .under(PACE)
        .help(
            "sign-in requests a second, at most (default 100, under Cognito's\n\
             120 UserAuthentication quota); challenge answers get 3 x R;\n\
             slower while the service throttles (adaptive)",
        ),
    Spec::value("ensure-rate", "R", |a, v| {
        store(&mut a.ensure_rate, parse_rate("ensure-rate", &text(v)?)?)
    })
    .under(PACE)
    .help("--ensure's admin requests a second, at most (default 20)"),
    Spec::value("output", "ndjson|csv|k6", |a, v| {
        store(&mut a.output, choice("output", &text(v)?, MINT_FORMATS)?)
    })
    .under(OUTPUT)
    .help(
        "ndjson (default): one JSON object a line, as each user finishes;\n\
         csv: a header row, then one row a user; k6: one JSON array\n\
         (k6's open() + JSON.parse)",
    ),
    Spec::value("tokens", "LIST", |a, v| store(&mut a.tokens, parse_tokens(&text(v)?)?))
        .under(OUTPUT)
        .help("which tokens to print: id, access, refresh (default id,access)"),
    Spec::value("output-file", "FILE", |a, v| store(&mut a.output_file, v.into()))
        .under(OUTPUT)
        .help("write there (mode 0600, atomically, at the end) instead of stdout"),
];

pub(super) const MINT_TABLES: &[&[OptionSpec<MintArgs>]] = &[MINT_OPTIONS];

const MINT_FORMATS: &[(&str, MintFormat)] = &[
    ("ndjson", MintFormat::Ndjson),
    ("csv", MintFormat::Csv),
    ("k6", MintFormat::K6),
];

const HELP_HEAD: &str = "\
cogtok mint: sign many users in at once and print their tokens (load tests)

Usage: cogtok mint --users FILE [options]
       cogtok mint --users-prefix P --count N [--ensure] [options]

";

const HELP_TAIL: &str = "
Sign-in options: those of `cogtok login` (run `cogtok login --help`), for every user: --flow,
--user-pool-id, --client-id, --password-env VAR (for users whose row has no password),
--client-secret-env VAR, --new-password-env VAR, --cache, ... --username, --device-file and
--totp-secret-out are one user's and are refused here.

Exit status: 0 when every user got tokens; 1 when some did not (each failure is a line of the
output, with the service's error code); 130 when interrupted (what was printed is whole).
Global options as in `cogtok --help` (--region, --profile, --endpoint-url, --debug, ...).
";

pub(super) fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(MINT_TABLES))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = MintArgs::default();
    let mut login = LoginArgs::default();
    if parse_options_only_in_two(
        &mut parser,
        &mut globals,
        "mint",
        (&[SIGN_IN_OPTIONS], MINT_TABLES),
        (&mut login, &mut args),
    )? {
        return Ok(Parsed::Help(help()));
    }
    args.login = login;
    Ok(Parsed::Run {
        globals,
        command: Command::Mint(args),
    })
}

fn parse_count(value: &str) -> Result<u32> {
    parse_positive("count", value, MAX_COUNT as usize).map(|n| n as u32)
}

fn parse_positive(option: &str, value: &str, max: usize) -> Result<usize> {
    match value.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(Error::usage(format!(
            "argument --{option}: expected a whole number from 1 to {max}, not {}",
            crate::quote::quoted(value)
        ))),
    }
}

fn parse_rate(option: &str, value: &str) -> Result<f64> {
    match value.parse::<f64>() {
        Ok(r) if r.is_finite() && (0.1..=100_000.0).contains(&r) => Ok(r),
        _ => Err(Error::usage(format!(
            "argument --{option}: expected requests a second from 0.1 to 100000, not {}",
            crate::quote::quoted(value)
        ))),
    }
}

fn parse_tokens(value: &str) -> Result<Vec<TokenKind>> {
    let mut kinds = Vec::new();
    for word in value.split(',') {
        let kind = choice(
            "tokens",
            word.trim(),
            &[
                ("id", TokenKind::Id),
                ("access", TokenKind::Access),
                ("refresh", TokenKind::Refresh),
            ],
        )?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    fn mint(args: &[&str]) -> Result<MintArgs> {
        let argv: Vec<&str> = std::iter::once("mint").chain(args.iter().copied()).collect();
        match parse_cli(argv)? {
            Parsed::Run {
                command: Command::Mint(args),
                ..
            } => Ok(args),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sign_in_and_mint_options_mix_in_any_order() {
        let args = mint(&[
            "--rate",
            "50",
            "--client-id",
            "c",
            "--users",
            "u.csv",
            "--flow",
            "password",
            "--tokens",
            "access,id,access",
            "--password-env",
            "PW",
            "--output",
            "k6",
            "--concurrency",
            "8",
        ])
        .unwrap();
        assert_eq!(args.rate, Some(50.0));
        assert_eq!(args.login.client_id.as_deref(), Some("c"));
        assert_eq!(args.tokens, Some(vec![TokenKind::Access, TokenKind::Id]));
        assert_eq!(args.output, Some(MintFormat::K6));
        assert_eq!(args.concurrency, Some(8));
    }

    #[test]
    fn bad_values_are_usage_errors() {
        let e = |args: &[&str]| mint(args).unwrap_err().to_string();
        assert!(e(&["--rate", "0"]).contains("--rate"));
        assert!(e(&["--rate", "NaN"]).contains("--rate"));
        assert!(e(&["--count", "0"]).contains("--count"));
        assert!(e(&["--concurrency", "-1"]).contains("--concurrency"));
        assert!(e(&["--tokens", "id,bogus"]).contains("invalid choice \"bogus\""));
        assert!(e(&["--frobnicate"]).contains("--frobnicate"));
    }
}
