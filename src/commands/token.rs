//! `cogtok token`: a machine-to-machine access token. Checks the inputs, takes the token from
//! the cache while it is fresh (M2M tokens are billed per request), else asks GetClientToken or
//! the token endpoint, and prints it as `login` prints tokens.

use super::Identity;
use crate::api::model::AuthenticationResult;
use crate::auth::client_credentials::{self, Grant};
use crate::auth::secret_sources::{self, CLIENT_SECRET};
use crate::cache::{Cache, Entry};
use crate::cli::{GlobalArgs, TokenArgs};
use crate::config::{endpoint, Env, Settings};
use crate::error::{Error, Result};
use crate::http::Agent;
use crate::output::{self, GithubFiles, TokenOutput};
use crate::transport::Client;

/// Tokens left with more than this many seconds are used from the cache as they are.
const DEFAULT_MIN_TTL: u64 = 300;

/// Where the token comes from.
enum Source {
    GetClientToken,
    /// The token endpoint: a URL, or `--domain auto`, resolved only when a request is needed.
    Url(String),
    AutoDomain(String),
}

pub(super) fn run(globals: &GlobalArgs, args: TokenArgs, env: Env) -> Result<()> {
    let format = args.output.unwrap_or(TokenOutput::Json);
    let github = GithubFiles::for_output(format, args.export, &env)?;
    let identity = Identity::resolve(&args.user_pool_id, &args.client_id, &None, &env)?;
    let client_id = identity.client_id()?;
    let cache = if args.cache || env.flag("COGTOK_CACHE") || env.get("COGTOK_CACHE") == Some("1") {
        Some(Cache::new(args.cache_dir.as_deref(), &env)?)
    } else {
        None
    };
    let mut settings = Settings::resolve(&globals.overrides, env, identity.user_pool_id.as_deref())?;
    let source = match (&args.token_url, args.domain.as_deref()) {
        (Some(_), Some(_)) => return Err(Error::usage("pass --domain or --token-url, not both")),
        (Some(url), None) => Source::Url(url.clone()),
        (None, Some("auto")) => Source::AutoDomain(identity.user_pool_id()?),
        (None, Some(domain)) => Source::Url(domain_url(domain, &settings.region)?),
        (None, None) => {
            if args.auth_method.is_some() || !args.client_metadata.is_empty() {
                return Err(Error::usage(
                    "--auth-method and --client-metadata are for the token endpoint: pass --domain or --token-url",
                ));
            }
            Source::GetClientToken
        }
    };
    if let Source::Url(url) = &source {
        check_url(url, globals.overrides.allow_plain_http)?;
    }
    // Who issued the token is part of its identity: an emulator's and AWS's must not mix.
    let issuer = match &source {
        Source::GetClientToken => format!("GetClientToken {}", settings.endpoint),
        Source::Url(url) => url.clone(),
        Source::AutoDomain(pool) => format!("domain of {pool} {}", settings.endpoint),
    };
    // `COGTOK_SCOPE` (space-separated, as OAuth writes scopes) when no --scope is given.
    let scopes: Vec<String> = match (args.scopes.is_empty(), settings.env.get("COGTOK_SCOPE")) {
        (true, Some(list)) => list.split_whitespace().map(str::to_string).collect(),
        _ => args.scopes.clone(),
    };
    let mut sorted = scopes.clone();
    sorted.sort();
    let scope_key = sorted.join(" ");
    let key = ["m2m", &client_id, &scope_key, &issuer];
    let now = crate::clock::now_unix();
    if let Some(entry) = cache.as_ref().and_then(|c| c.load(&key)) {
        let min_ttl = i64::try_from(args.min_ttl.unwrap_or(DEFAULT_MIN_TTL)).unwrap_or(i64::MAX);
        if entry.ttl(now) > min_ttl {
            return output::print_client_tokens(&entry.to_tokens(now), format, github.as_ref());
        }
    }
    let secret = secret_sources::read_optional(args.client_secret.as_ref(), &CLIENT_SECRET, &settings.env)?
        .ok_or_else(|| Error::usage(format!("no app client secret: pass {}", CLIENT_SECRET.options)))?;
    let grant = Grant {
        client_id: &client_id,
        client_secret: &secret,
        scopes: &scopes,
    };
    let tokens = fetch(
        &grant,
        &source,
        &args,
        &mut settings,
        globals.overrides.allow_plain_http,
    )?;
    if let Some(cache) = &cache {
        cache.store(&key, &Entry::from_tokens(&tokens, now));
    }
    output::print_client_tokens(&tokens, format, github.as_ref())
}

fn fetch(
    grant: &Grant<'_>,
    source: &Source,
    args: &TokenArgs,
    settings: &mut Settings,
    allow_plain_http: bool,
) -> Result<AuthenticationResult> {
    let url = match source {
        Source::GetClientToken => {
            // The model does not mark GetClientToken unsigned, but its documentation says the
            // service evaluates no IAM credentials for it (the client secret is the credential),
            // as for InitiateAuth: it is sent unsigned, so a CI job needs no AWS keys.
            settings.no_sign_request = true;
            return grant.get_client_token(&Client::new(settings)?);
        }
        Source::Url(url) => url.clone(),
        Source::AutoDomain(pool) => {
            let domain = client_credentials::pool_domain(&Client::new(settings)?, pool, &settings.region)?;
            let url = format!("https://{domain}/oauth2/token");
            check_url(&url, allow_plain_http)?;
            url
        }
    };
    let url = reqwest::Url::parse(&url).map_err(|e| Error::usage(format!("invalid token endpoint URL: {e}")))?;
    let agent = Agent::new(settings)?;
    grant.token_endpoint(&agent, url, args.auth_method.unwrap_or_default(), &args.client_metadata)
}

/// `--domain`: a host name (custom domain, or a whole prefix domain), or a bare prefix in
/// `region`.
fn domain_url(domain: &str, region: &str) -> Result<String> {
    if domain.is_empty() || domain.contains(['/', ':', '@', '?', '#']) {
        return Err(Error::usage(
            "argument --domain: expected a host name or a domain prefix, like my-app",
        ));
    }
    if domain.contains('.') {
        return Ok(format!("https://{domain}/oauth2/token"));
    }
    Ok(format!(
        "https://{}/oauth2/token",
        client_credentials::prefix_domain(domain, region)
    ))
}

/// The token endpoint receives the client secret: https, or plain http to this machine (an
/// emulator), or anywhere with `--allow-plain-http`.
fn check_url(url: &str, allow_plain_http: bool) -> Result<()> {
    let parsed = reqwest::Url::parse(url).map_err(|e| Error::usage(format!("invalid token endpoint URL: {e}")))?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if allow_plain_http || endpoint::is_loopback(parsed.host_str().unwrap_or("")) => Ok(()),
        _ => Err(Error::usage(format!(
            "the token endpoint {} would receive the client secret in the clear: use https (or --allow-plain-http)",
            endpoint::shown(&parsed)
        ))),
    }
}
