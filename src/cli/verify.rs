//! Parsing of `cogtok verify [TOKEN]`: check a token as an API would. One option table, which
//! is also its `--help`; the token is the one positional argument (or `--token-env`, or stdin).

use std::path::PathBuf;

use super::options::{append, choice, parse_options, render_options, store, text, Form, OptionSpec, Stop};
use super::{unknown_option, Command, GlobalArgs, Parsed};
use crate::auth::secret_sources::SecretSource;
use crate::error::{Error, Result};
use crate::jwt::verify::TokenUse;
use crate::secret::Secret;

#[derive(Debug, Default)]
pub(crate) struct VerifyArgs {
    /// The token: positional, `--token-env VAR`, `--token-file`, or (when none) standard input.
    pub(crate) token: Option<SecretSource>,
    pub(crate) user_pool_id: Option<String>,
    pub(crate) client_id: Option<String>,
    /// `--any-client`: the client is not checked (aws-jwt-verify's `clientId: null`).
    pub(crate) any_client: bool,
    pub(crate) token_use: Option<TokenUse>,
    pub(crate) scopes: Vec<String>,
    pub(crate) groups: Vec<String>,
    pub(crate) acr: Option<String>,
    pub(crate) max_age: Option<i64>,
    pub(crate) grace: Option<i64>,
    /// `--jwks FILE` (offline) or `--jwks URL`.
    pub(crate) jwks: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) cache_dir: Option<PathBuf>,
}

const HELP_HEAD: &str = "\
cogtok verify: check a token as an API would; prints its claims as JSON when valid

Usage: cogtok verify [TOKEN] [options]     (TOKEN, --token-env VAR, or standard input)

Exit 0: valid; 1: invalid (one line names the failed check); 255: the JWKS could not be fetched.

";

const HELP_TAIL: &str = "
Global options as in `cogtok --help` (--region, --endpoint-url, --debug, ...).
";

fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(&[VERIFY_OPTIONS]))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = VerifyArgs::default();
    loop {
        match parse_options(&mut parser, &mut globals, &[VERIFY_OPTIONS], &mut args)? {
            Stop::End => break,
            Stop::Help => return Ok(Parsed::Help(help())),
            Stop::Unknown(name) => return Err(unknown_option(&name, Some("verify"))),
            Stop::Positional(value) => {
                if args.token.is_some() {
                    // Never echoed: it may be a token.
                    return Err(Error::usage("verify takes one token: pass it once"));
                }
                args.token = Some(SecretSource::Value(Secret::new(text(value)?)));
            }
        }
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Verify(args),
    })
}

type Spec = OptionSpec<VerifyArgs>;

const CHECKS: &str = "What the token must say";
const KEYS: &str = "Keys and issuer";

const TOKEN_USES: &[(&str, TokenUse)] = &[("id", TokenUse::Id), ("access", TokenUse::Access)];

fn seconds(option: &str, value: &str) -> Result<i64> {
    value.parse::<i64>().ok().filter(|s| *s >= 0).ok_or_else(|| {
        Error::usage(format!(
            "argument --{option}: expected whole seconds, got {}",
            crate::quote::quoted(value)
        ))
    })
}

pub(super) const VERIFY_OPTIONS: &[OptionSpec<VerifyArgs>] = &[
    Spec::secret("token", &[Form::Env, Form::File], |a| &mut a.token)
        .help("the token, when not the argument (else standard input)"),
    Spec::value("user-pool-id", "ID", |a, v| store(&mut a.user_pool_id, text(v)?))
        .env("COGTOK_USER_POOL_ID")
        .help("the pool: its issuer and JWKS"),
    Spec::value("client-id", "ID", |a, v| store(&mut a.client_id, text(v)?))
        .env("COGTOK_CLIENT_ID")
        .under(CHECKS)
        .help("aud of an ID token, client_id of an access token"),
    Spec::switch("any-client", |a| a.any_client = true)
        .under(CHECKS)
        .help("do not check the client"),
    Spec::value("token-use", "id|access", |a, v| {
        store(&mut a.token_use, choice("token-use", &text(v)?, TOKEN_USES)?)
    })
    .under(CHECKS)
    .help("token_use (default: either)"),
    Spec::value("scope", "S", |a, v| append(&mut a.scopes, text(v)?))
        .under(CHECKS)
        .help("a scope the token must have (repeatable: any one of them)"),
    Spec::value("group", "G", |a, v| append(&mut a.groups, text(v)?))
        .under(CHECKS)
        .help("a cognito:groups entry (repeatable: any one of them)"),
    Spec::value("acr", "VALUE", |a, v| store(&mut a.acr, text(v)?))
        .under(CHECKS)
        .help("the acr claim (step-up authentication)"),
    Spec::value("max-age", "SECONDS", |a, v| {
        store(&mut a.max_age, seconds("max-age", &text(v)?)?)
    })
    .under(CHECKS)
    .help("auth_time at most this long ago"),
    Spec::value("grace", "SECONDS", |a, v| {
        store(&mut a.grace, seconds("grace", &text(v)?)?)
    })
    .under(CHECKS)
    .help("clock skew allowed on exp, nbf and --max-age (default 0)"),
    Spec::value("jwks", "FILE|URL", |a, v| store(&mut a.jwks, text(v)?))
        .under(KEYS)
        .help(
            "the key set: a file (offline), or a URL; default the pool's\n\
             <endpoint>/<pool>/.well-known/jwks.json, cached",
        ),
    Spec::value("issuer", "URL", |a, v| store(&mut a.issuer, text(v)?))
        .under(KEYS)
        .help("the iss to expect (emulators); default the pool's two forms"),
    Spec::value("cache-dir", "DIR", |a, v| store(&mut a.cache_dir, v.into()))
        .under(KEYS)
        .help("where the JWKS is cached; default $XDG_CACHE_HOME/cogtok"),
];

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    #[test]
    fn verify_options() {
        let args = [
            "verify",
            "a.b.c",
            "--client-id",
            "c",
            "--token-use",
            "access",
            "--scope",
            "s",
            "--group",
            "g",
            "--max-age",
            "60",
            "--grace",
            "5",
            "--jwks",
            "k.json",
        ];
        match parse_cli(args) {
            Ok(Parsed::Run {
                command: Command::Verify(v),
                ..
            }) => {
                assert!(matches!(v.token, Some(SecretSource::Value(ref t)) if t.expose() == "a.b.c"));
                assert_eq!(v.token_use, Some(TokenUse::Access));
                assert_eq!((v.max_age, v.grace), (Some(60), Some(5)));
                assert_eq!(v.jwks.as_deref(), Some("k.json"));
            }
            other => panic!("{other:?}"),
        }
        let e = parse_cli(["verify", "a.b.c", "x.y.z"]).err().unwrap();
        assert_eq!(e.to_string(), "verify takes one token: pass it once");
        let e = parse_cli(["verify", "--grace", "-1"]).err().unwrap();
        assert!(e.to_string().contains("--grace"), "{e}");
    }
}
