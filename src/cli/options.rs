//! The options of `login`, `refresh`, `exec` and `user`: each command has one table of
//! [`OptionSpec`]s (in its own file) that both the parser and `--help` read, in the manner of
//! ripgrep's flag definitions, so an option cannot be parsed without being documented or
//! documented under another name than the one parsed. Here: the table's types, the loop over a
//! command's options, the several forms a secret can be given in, and the help renderer.

use std::ffi::OsString;

use lexopt::prelude::*;

use super::{unknown_option, GlobalArgs};
use crate::auth::secret_sources::SecretSource;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// One option of a command: what the parser matches, how the value is stored, and its help.
pub(super) struct OptionSpec<A> {
    /// The name without `--`; for a secret, the stem its forms are named after.
    pub(super) name: &'static str,
    pub(super) takes: Takes<A>,
    /// The `COGTOK_*` variable used when the option is absent. It is read when the command
    /// runs (parsing never looks at the environment); here it is for `--help`.
    pub(super) env: Option<&'static str>,
    /// The heading the option is listed under; "" for the untitled first group.
    pub(super) section: &'static str,
    /// One or more lines (split at `\n`), printed in the help's second column.
    pub(super) help: &'static str,
}

/// What an option takes, with the function that stores it in the command's arguments.
pub(super) enum Takes<A> {
    /// `--NAME` alone.
    Switch(fn(&mut A)),
    /// `--NAME PLACEHOLDER`: `set` checks the value and stores it.
    Value {
        placeholder: &'static str,
        set: fn(&mut A, OsString) -> Result<()>,
    },
    /// A secret, in `forms`; `slot` is the field it goes to (one form at most may be given).
    Secret {
        forms: &'static [Form],
        slot: fn(&mut A) -> &mut Option<SecretSource>,
    },
}

/// The forms a secret option comes in: `--STEM-env VAR`, `--STEM-file PATH`, `--STEM-stdin`,
/// and `--STEM VALUE` on the command line (for AWS CLI parity only), VALUE being the
/// placeholder `--help` shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Env,
    File,
    Stdin,
    Literal(&'static str),
}

impl Form {
    /// The option name of this form of `stem`, with `--`.
    fn name(self, stem: &str) -> String {
        match self {
            Form::Env => format!("--{stem}-env"),
            Form::File => format!("--{stem}-file"),
            Form::Stdin => format!("--{stem}-stdin"),
            Form::Literal(_) => format!("--{stem}"),
        }
    }

    /// The name with its placeholder, as `--help` shows it.
    fn usage(self, stem: &str) -> String {
        let name = self.name(stem);
        match self {
            Form::Env => format!("{name} VAR"),
            Form::File => format!("{name} PATH"),
            Form::Stdin => name,
            Form::Literal(placeholder) => format!("{name} {placeholder}"),
        }
    }

    /// The form `name` is of `stem`, if it is one of them at all.
    fn of(name: &str, stem: &str, forms: &[Form]) -> Option<Form> {
        let suffix = name.strip_prefix(stem)?;
        forms.iter().copied().find(|form| match form {
            Form::Env => suffix == "-env",
            Form::File => suffix == "-file",
            Form::Stdin => suffix == "-stdin",
            Form::Literal(_) => suffix.is_empty(),
        })
    }
}

/// The tables are built with these, one entry a few lines: `OptionSpec::value(name,
/// placeholder, setter)`, then `.env(…)`, `.under(…)` and `.help(…)` as the option needs.
impl<A> OptionSpec<A> {
    pub(super) const fn switch(name: &'static str, set: fn(&mut A)) -> Self {
        Self::new(name, Takes::Switch(set))
    }

    pub(super) const fn value(
        name: &'static str,
        placeholder: &'static str,
        set: fn(&mut A, OsString) -> Result<()>,
    ) -> Self {
        Self::new(name, Takes::Value { placeholder, set })
    }

    pub(super) const fn secret(
        stem: &'static str,
        forms: &'static [Form],
        slot: fn(&mut A) -> &mut Option<SecretSource>,
    ) -> Self {
        Self::new(stem, Takes::Secret { forms, slot })
    }

    const fn new(name: &'static str, takes: Takes<A>) -> Self {
        OptionSpec {
            name,
            takes,
            env: None,
            section: "",
            help: "",
        }
    }

    pub(super) const fn env(mut self, var: &'static str) -> Self {
        self.env = Some(var);
        self
    }

    /// Lists the option under the heading `section`.
    pub(super) const fn under(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }

    pub(super) const fn help(mut self, help: &'static str) -> Self {
        self.help = help;
        self
    }

    /// Every option name the entry stands for, with `--` (a secret has one per form).
    pub(super) fn names(&self) -> Vec<String> {
        match &self.takes {
            Takes::Secret { forms, .. } => forms.iter().map(|form| form.name(self.name)).collect(),
            _ => vec![format!("--{}", self.name)],
        }
    }

    /// The left column of `--help`: the names with their placeholders.
    fn usage(&self) -> String {
        match &self.takes {
            Takes::Switch(_) => format!("--{}", self.name),
            Takes::Value { placeholder, .. } => format!("--{} {placeholder}", self.name),
            Takes::Secret { forms, .. } => {
                let forms: Vec<String> = forms.iter().map(|form| form.usage(self.name)).collect();
                forms.join(" | ")
            }
        }
    }

    /// Takes `--name` (and its value) into `args` if this entry is that option.
    fn take(&self, name: &str, parser: &mut lexopt::Parser, args: &mut A) -> Result<bool> {
        match &self.takes {
            Takes::Switch(set) if name == self.name => set(args),
            Takes::Value { set, .. } if name == self.name => set(args, parser.value()?)?,
            Takes::Secret { forms, slot } => {
                let Some(form) = Form::of(name, self.name, forms) else {
                    return Ok(false);
                };
                let slot = slot(args);
                if slot.is_some() {
                    // Names only: the value given first may be the secret itself.
                    return Err(Error::usage(format!("pass only one of {}", self.names().join(", "))));
                }
                *slot = Some(match form {
                    Form::Env => SecretSource::Env(parser.value()?.string()?),
                    Form::File => SecretSource::File(parser.value()?.into()),
                    Form::Stdin => SecretSource::Stdin,
                    Form::Literal(_) => SecretSource::Value(Secret::new(parser.value()?.string()?)),
                });
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Why [`parse_options`] stopped.
pub(super) enum Stop {
    /// The arguments ran out.
    End,
    /// `-h` or `--help`.
    Help,
    /// A value that is not an option's: `exec`'s command, an error elsewhere.
    Positional(OsString),
    /// `--NAME`, in none of the tables nor global; the caller says what is wrong with it.
    Unknown(String),
}

/// Reads a command's options into `args` from its tables (a command may combine a shared
/// table with its own), global options included, until something else comes.
pub(super) fn parse_options<A>(
    parser: &mut lexopt::Parser,
    globals: &mut GlobalArgs,
    tables: Tables<'_, A>,
    args: &mut A,
) -> Result<Stop> {
    parse_with(parser, globals, |name, parser| take_from(name, parser, tables, args))
}

/// [`parse_options`] over two kinds of tables: `mint` and `aws-credentials` take `login`'s
/// sign-in options (into `LoginArgs`) and their own (into their arguments). Both kinds come
/// before the global options, so that a command's own option may bear a global one's name
/// (`aws-credentials --web-identity`, `--role-arn`).
pub(super) fn parse_options_in_two<A, B>(
    parser: &mut lexopt::Parser,
    globals: &mut GlobalArgs,
    tables: (Tables<'_, A>, Tables<'_, B>),
    args: (&mut A, &mut B),
) -> Result<Stop> {
    let (a, b) = args;
    parse_with(parser, globals, |name, parser| {
        Ok(take_from(name, parser, tables.0, a)? || take_from(name, parser, tables.1, b)?)
    })
}

/// The loop under both: `take` tries a command's own options, then the global ones are tried.
fn parse_with(
    parser: &mut lexopt::Parser,
    globals: &mut GlobalArgs,
    mut take: impl FnMut(&str, &mut lexopt::Parser) -> Result<bool>,
) -> Result<Stop> {
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Stop::Help),
            Long(name) => {
                let name = name.to_string();
                if !take(&name, parser)? && !globals.take(&name, parser, false)? {
                    return Ok(Stop::Unknown(name));
                }
            }
            Value(value) => return Ok(Stop::Positional(value)),
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(Stop::End)
}

/// A command's option tables over its arguments `A`, searched in order.
pub(super) type Tables<'t, A> = &'t [&'t [OptionSpec<A>]];

/// Takes `--name` (and its value) into `args` if one of `tables` has it.
fn take_from<A>(name: &str, parser: &mut lexopt::Parser, tables: Tables<'_, A>, args: &mut A) -> Result<bool> {
    for spec in tables.iter().copied().flatten() {
        if spec.take(name, parser, args)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// [`parse_options`] for a command that takes options only; true when help was asked for.
pub(super) fn parse_options_only<A>(
    parser: &mut lexopt::Parser,
    globals: &mut GlobalArgs,
    command: &str,
    tables: Tables<'_, A>,
    args: &mut A,
) -> Result<bool> {
    options_only(parse_options(parser, globals, tables, args), command)
}

/// [`parse_options_in_two`] for a command that takes options only; true when help was asked for.
pub(super) fn parse_options_only_in_two<A, B>(
    parser: &mut lexopt::Parser,
    globals: &mut GlobalArgs,
    command: &str,
    tables: (Tables<'_, A>, Tables<'_, B>),
    args: (&mut A, &mut B),
) -> Result<bool> {
    options_only(parse_options_in_two(parser, globals, tables, args), command)
}

/// Why an options-only command's parsing stopped, as its answer: help, done, or the error.
fn options_only(stop: Result<Stop>, command: &str) -> Result<bool> {
    match stop? {
        Stop::End => Ok(false),
        Stop::Help => Ok(true),
        Stop::Unknown(name) => Err(unknown_option(&name, Some(command))),
        Stop::Positional(value) => Err(Error::usage(format!(
            "unexpected argument {} for {command}: run `cogtok {command} --help`",
            crate::quote::quoted_os(&value)
        ))),
    }
}

/// Where the help column starts: two spaces, then the names padded to this width (with at
/// least one space after them).
const NAMES_WIDTH: usize = 29;
/// How long a help line may grow when the `COGTOK_*` fallback is added to its end.
const HELP_WIDTH: usize = 68;

/// The options part of a command's `--help`: each section's heading, then per option its
/// names and its help lines, the `COGTOK_*` fallback last.
pub(super) fn render_options<A>(tables: &[&[OptionSpec<A>]]) -> String {
    let mut text = String::new();
    let mut section = "";
    for spec in tables.iter().copied().flatten() {
        if spec.section != section {
            section = spec.section;
            text.push_str(&format!("{section}:\n"));
        }
        let mut lines: Vec<String> = spec.help.lines().map(str::to_string).collect();
        if let Some(var) = spec.env {
            let fallback = match spec.takes {
                Takes::Switch(_) => format!("(also {var}=1)"),
                _ => format!("(default {var})"),
            };
            match lines.last_mut() {
                Some(last) if last.len() + 1 + fallback.len() <= HELP_WIDTH => *last = format!("{last} {fallback}"),
                _ => lines.push(fallback),
            }
        }
        // Names too long for their column get a line of their own, the help below them.
        let indent = format!("\n{:w$}", "", w = NAMES_WIDTH + 2);
        let usage = spec.usage();
        if usage.len() < NAMES_WIDTH {
            text.push_str(&format!("  {usage:<NAMES_WIDTH$}"));
        } else {
            text.push_str(&format!("  {usage}{indent}"));
        }
        text.push_str(&lines.join(&indent));
        text.push('\n');
    }
    text
}

/// The value of an option that takes one of a few words, with the AWS CLI's error for others.
pub(super) fn choice<T: Copy>(option: &str, value: &str, choices: &[(&str, T)]) -> Result<T> {
    match choices.iter().find(|(word, _)| *word == value) {
        Some((_, chosen)) => Ok(*chosen),
        None => {
            let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
            Err(Error::usage(format!(
                "argument --{option}: invalid choice {} (choose from {})",
                crate::quote::quoted(value),
                words.join(", ")
            )))
        }
    }
}

/// A value as text; lexopt's error for one that is not UTF-8 never quotes it.
pub(super) fn text(value: OsString) -> Result<String> {
    Ok(value.string()?)
}

/// Stores a value in its field: the tables' setters are one line each.
pub(super) fn store<T>(field: &mut Option<T>, value: T) -> Result<()> {
    *field = Some(value);
    Ok(())
}

/// Adds a value to a repeatable option's list.
pub(super) fn append<T>(list: &mut Vec<T>, value: T) -> Result<()> {
    list.push(value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::aws_credentials::{AWS_CREDENTIALS_TABLES, EXEC_IDENTITY_POOL_OPTIONS};
    use super::super::exec::EXEC_TABLES;
    use super::super::login::LOGIN_TABLES;
    use super::super::mint::MINT_TABLES;
    use super::super::refresh::REFRESH_OPTIONS;
    use super::super::token::TOKEN_OPTIONS;
    use super::super::user::{DELETE_TABLES, ENSURE_TABLES};
    use super::super::verify::VERIFY_OPTIONS;
    use super::super::{parse, Parsed};
    use super::*;

    const README: &str = include_str!("../../README.md");

    /// A value the option accepts: the few that are checked get a real one.
    fn plausible(name: &str, placeholder: &str) -> String {
        match name {
            "flow" => "admin".to_string(),
            "preferred-challenge" => "EMAIL_OTP".to_string(),
            "min-ttl" | "max-age" | "grace" | "rate" | "ensure-rate" | "count" | "concurrency" => "60".to_string(),
            "tokens" => "refresh".to_string(),
            "attribute" => "email_verified=true".to_string(),
            "role-arn" | "custom-role-arn" => "arn:aws:iam::123456789012:role/app".to_string(),
            "account-id" => "123456789012".to_string(),
            _ => placeholder.split('|').next().unwrap_or(placeholder).to_lowercase(),
        }
    }

    /// Each way of giving each option, as the words of a command line.
    fn uses<A>(spec: &OptionSpec<A>) -> Vec<Vec<String>> {
        match &spec.takes {
            Takes::Switch(_) => vec![vec![format!("--{}", spec.name)]],
            Takes::Value { placeholder, .. } => {
                vec![vec![format!("--{}", spec.name), plausible(spec.name, placeholder)]]
            }
            Takes::Secret { forms, .. } => forms
                .iter()
                .map(|form| {
                    let name = form.name(spec.name);
                    match form {
                        Form::Env => vec![name, "SOME_VAR".to_string()],
                        Form::File => vec![name, "/run/secrets/some-file".to_string()],
                        Form::Stdin => vec![name],
                        Form::Literal(_) => vec![name, "not-really-secret".to_string()],
                    }
                })
                .collect(),
        }
    }

    /// The part of the README from `heading` to the next `## ` heading.
    fn readme_section(heading: &str) -> &'static str {
        let start = README
            .find(heading)
            .unwrap_or_else(|| panic!("README has no {heading:?}"));
        let rest = &README[start + heading.len()..];
        &rest[..rest.find("\n## ").unwrap_or(rest.len())]
    }

    /// Whether `text` names `--option` itself, not just a longer option it begins
    /// (`--password` in `--password-env`).
    fn mentions(text: &str, option: &str) -> bool {
        text.match_indices(option).any(|(at, _)| {
            let next = text[at + option.len()..].chars().next();
            !matches!(next, Some(c) if c.is_ascii_alphanumeric() || c == '-')
        })
    }

    /// Every option of `tables`, used alone after `before` (and before `after`), parses and
    /// is stored; every option name is distinct, and is in the README's `heading` section.
    fn check<A>(before: &[&str], after: &[&str], tables: &[&[OptionSpec<A>]], heading: &str) {
        let command_line = |option: &[String]| {
            let mut argv: Vec<String> = before.iter().map(|s| s.to_string()).collect();
            argv.extend_from_slice(option);
            argv.extend(after.iter().map(|s| s.to_string()));
            argv
        };
        let without_options = format!("{:?}", parse(command_line(&[])));
        let section = readme_section(heading);
        let mut seen = Vec::new();
        for spec in tables.iter().copied().flatten() {
            for option in uses(spec) {
                let argv = command_line(&option);
                match parse(&argv) {
                    Ok(parsed @ Parsed::Run { .. }) => assert_ne!(
                        format!("{parsed:?}"),
                        without_options,
                        "{argv:?}: the option was not stored"
                    ),
                    other => panic!("{argv:?}: {other:?}"),
                }
            }
            for name in spec.names() {
                assert!(mentions(section, &name), "README's {heading:?} does not mention {name}");
                assert!(!seen.contains(&name), "{before:?}: {name} is in the tables twice");
                seen.push(name);
            }
        }
    }

    #[test]
    fn every_option_of_every_table_parses_and_is_in_the_readme() {
        check(&["login"], &[], LOGIN_TABLES, "## `cogtok login`");
        check(&["refresh"], &[], &[REFRESH_OPTIONS], "## `cogtok refresh`");
        // exec's options are login's, and the README documents them there.
        check(&["exec"], &["--", "true"], EXEC_TABLES, "## `cogtok login`");
        check(&["user", "ensure"], &[], ENSURE_TABLES, "## In CI");
        check(&["user", "delete"], &[], DELETE_TABLES, "## In CI");
        check(&["token"], &[], &[TOKEN_OPTIONS], "## `cogtok token`");
        check(&["verify"], &[], &[VERIFY_OPTIONS], "## `cogtok verify`");
        check(&["mint"], &[], MINT_TABLES, "## `cogtok mint`");
        check(
            &["aws-credentials"],
            &[],
            AWS_CREDENTIALS_TABLES,
            "## `cogtok aws-credentials`",
        );
        // exec's --aws-credentials, then the identity pool options it takes with it.
        check(
            &["exec"],
            &["--", "true"],
            &EXEC_IDENTITY_POOL_OPTIONS[..1],
            "## `cogtok aws-credentials`",
        );
        check(
            &["exec", "--aws-credentials"],
            &["--", "true"],
            &EXEC_IDENTITY_POOL_OPTIONS[1..],
            "## `cogtok aws-credentials`",
        );
    }

    #[test]
    fn help_lists_every_option_of_the_tables() {
        let help = render_options(LOGIN_TABLES);
        for spec in LOGIN_TABLES.iter().copied().flatten() {
            for name in spec.names() {
                assert!(mentions(&help, &name), "{name} is not in login's help");
            }
        }
        assert!(help.contains("Challenges:\n  --new-password-env VAR | --new-password-file PATH\n"));
        assert!(help.contains("  --client-id ID               the app client (default COGTOK_CLIENT_ID)\n"));
    }

    #[test]
    fn one_choice_parser_words_every_choice_error_alike() {
        let sizes = [("s", 1), ("m", 2)];
        assert_eq!(choice("size", "m", &sizes).ok(), Some(2));
        let e = choice("size", "xl", &sizes).err().unwrap();
        assert_eq!(
            e.to_string(),
            "argument --size: invalid choice \"xl\" (choose from s, m)"
        );
        assert_eq!(e.exit_code(), 252);
    }
}
