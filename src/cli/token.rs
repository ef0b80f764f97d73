//! Parsing of `cogtok token`: a machine-to-machine access token for an app client (the client
//! credentials grant), from GetClientToken or the OAuth 2.0 token endpoint. One option table,
//! which is also its `--help`.

use std::path::PathBuf;

use super::login::{parse_min_ttl, EXPORT_HELP, FILE_OR_ENV};
use super::options::{append, choice, parse_options_only, render_options, store, text, OptionSpec};
use super::{Command, GlobalArgs, Parsed};
use crate::auth::client_credentials::AuthMethod;
use crate::auth::secret_sources::SecretSource;
use crate::error::Result;
use crate::output::TokenOutput;

#[derive(Debug, Default)]
pub(crate) struct TokenArgs {
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<SecretSource>,
    pub(crate) scopes: Vec<String>,
    /// `--domain`: the token endpoint's host, a prefix, or `auto` (DescribeUserPool).
    pub(crate) domain: Option<String>,
    pub(crate) user_pool_id: Option<String>,
    pub(crate) token_url: Option<String>,
    pub(crate) auth_method: Option<AuthMethod>,
    /// `--client-metadata KEY=VALUE`, sent as the endpoint's `aws_client_metadata`.
    pub(crate) client_metadata: Vec<(String, String)>,
    pub(crate) output: Option<TokenOutput>,
    pub(crate) export: bool,
    pub(crate) cache: bool,
    pub(crate) cache_dir: Option<PathBuf>,
    pub(crate) min_ttl: Option<u64>,
}

const HELP_HEAD: &str = "\
cogtok token: a machine-to-machine access token (client credentials)

Usage: cogtok token --client-id ID --client-secret-env VAR [--scope S ...] [options]

GetClientToken by default; the OAuth 2.0 token endpoint with --domain or --token-url.

";

const HELP_TAIL: &str = "
Global options as in `cogtok --help` (--region, --endpoint-url, --debug, ...).
";

fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(&[TOKEN_OPTIONS]))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut args = TokenArgs::default();
    if parse_options_only(&mut parser, &mut globals, "token", &[TOKEN_OPTIONS], &mut args)? {
        return Ok(Parsed::Help(help()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Token(args),
    })
}

type Spec = OptionSpec<TokenArgs>;

const ENDPOINT: &str = "The OAuth 2.0 token endpoint (instead of GetClientToken)";
const OUTPUT: &str = "Output and cache";

pub(super) const M2M_OUTPUTS: &[(&str, TokenOutput)] = &[
    ("json", TokenOutput::Json),
    ("access-token", TokenOutput::AccessToken),
    ("env", TokenOutput::Env),
    ("header", TokenOutput::Header),
    ("github", TokenOutput::Github),
];

const AUTH_METHODS: &[(&str, AuthMethod)] = &[("basic", AuthMethod::Basic), ("post", AuthMethod::Post)];

pub(super) const TOKEN_OPTIONS: &[OptionSpec<TokenArgs>] = &[
    Spec::value("client-id", "ID", |a, v| store(&mut a.client_id, text(v)?))
        .env("COGTOK_CLIENT_ID")
        .help("the app client (with a secret, and the client credentials grant)"),
    Spec::secret("client-secret", FILE_OR_ENV, |a| &mut a.client_secret)
        .env("COGTOK_CLIENT_SECRET")
        .help("the app client's secret"),
    Spec::value("scope", "S", |a, v| append(&mut a.scopes, text(v)?)).help(
        "a custom scope, resource-server/scope (repeatable); default:\n\
             COGTOK_SCOPE (space-separated), else every scope the client is allowed",
    ),
    Spec::value("domain", "DOMAIN", |a, v| store(&mut a.domain, text(v)?))
        .under(ENDPOINT)
        .help(
            "the pool's domain: a prefix (<prefix>.auth.<region>.amazoncognito.com),\n\
             a custom domain, or auto (DescribeUserPool, signed)",
        ),
    Spec::value("user-pool-id", "ID", |a, v| store(&mut a.user_pool_id, text(v)?))
        .env("COGTOK_USER_POOL_ID")
        .under(ENDPOINT)
        .help("the pool, for --domain auto; gives the region"),
    Spec::value("token-url", "URL", |a, v| store(&mut a.token_url, text(v)?))
        .under(ENDPOINT)
        .help("the token endpoint's whole URL (emulators)"),
    Spec::value("auth-method", "basic|post", |a, v| {
        store(&mut a.auth_method, choice("auth-method", &text(v)?, AUTH_METHODS)?)
    })
    .under(ENDPOINT)
    .help("client_secret_basic (default) or client_secret_post"),
    Spec::value("client-metadata", "KEY=VALUE", |a, v| {
        let pair = text(v)?;
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| crate::error::Error::usage("argument --client-metadata: expected KEY=VALUE"))?;
        append(&mut a.client_metadata, (k.to_string(), v.to_string()))
    })
    .under(ENDPOINT)
    .help("aws_client_metadata for the pre token generation trigger (repeatable)"),
    Spec::value("output", "json|access-token|env|header|github", |a, v| {
        store(&mut a.output, choice("output", &text(v)?, M2M_OUTPUTS)?)
    })
    .under(OUTPUT)
    .help(
        "as for `cogtok login`; header: `Authorization: Bearer <access token>`;\n\
         env: COGNITO_ACCESS_TOKEN and COGNITO_EXPIRES_AT",
    ),
    Spec::switch("export", |a| a.export = true)
        .under(OUTPUT)
        .help(EXPORT_HELP),
    Spec::switch("cache", |a| a.cache = true)
        .env("COGTOK_CACHE")
        .under(OUTPUT)
        .help("reuse a cached token (per client, scopes and endpoint) while it has\nmore than --min-ttl seconds left"),
    Spec::value("cache-dir", "DIR", |a, v| store(&mut a.cache_dir, v.into()))
        .under(OUTPUT)
        .help("default $XDG_CACHE_HOME/cogtok, else ~/.cache/cogtok"),
    Spec::value("min-ttl", "SECONDS", |a, v| {
        store(&mut a.min_ttl, parse_min_ttl(&text(v)?)?)
    })
    .under(OUTPUT)
    .help("default 300"),
];

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    #[test]
    fn token_options() {
        let args = [
            "token",
            "--client-id",
            "c",
            "--client-secret-env",
            "S",
            "--scope",
            "api/read",
            "--scope",
            "api/write",
            "--domain",
            "auto",
            "--user-pool-id",
            "us-east-1_A",
            "--auth-method",
            "post",
            "--client-metadata",
            "k=v=w",
            "--output",
            "header",
            "--cache",
        ];
        match parse_cli(args) {
            Ok(Parsed::Run {
                command: Command::Token(t),
                ..
            }) => {
                assert_eq!(t.scopes, ["api/read", "api/write"]);
                assert_eq!(t.domain.as_deref(), Some("auto"));
                assert_eq!(t.auth_method, Some(AuthMethod::Post));
                assert_eq!(t.client_metadata, [("k".to_string(), "v=w".to_string())]);
                assert_eq!(t.output, Some(TokenOutput::Header));
                assert!(t.cache && matches!(t.client_secret, Some(SecretSource::Env(ref v)) if v == "S"));
            }
            other => panic!("{other:?}"),
        }
        let e = parse_cli(["token", "--output", "id-token"]).err().unwrap();
        assert!(e.to_string().contains("invalid choice \"id-token\""), "{e}");
        let e = parse_cli(["token", "--client-secret", "x"]).err().unwrap();
        assert!(
            e.to_string().contains("unknown option --client-secret for token"),
            "{e}"
        );
    }
}
