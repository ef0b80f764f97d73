//! `cogtok verify`: checks a token as an API would (the RS256 signature against the pool's
//! JWKS, then the claims) and prints its claims. The JWKS comes from `--jwks FILE` (offline), or
//! from the cache, or from the pool's URL; it is fetched again only when the token names a key
//! the cached set lacks, at most once per 10 seconds, or when the cached set is an hour old.

use super::Identity;
use crate::auth::secret_sources::{self, SecretKind, SecretSource};
use crate::cache::jwks::CachedJwks;
use crate::cache::Cache;
use crate::cli::{GlobalArgs, VerifyArgs};
use crate::config::{Env, Settings};
use crate::error::{Error, ProtocolKind, Result};
use crate::http::{Agent, Request};
use crate::jwt::verify::{self, Expect, Failure};

const TOKEN: SecretKind = SecretKind {
    noun: "token",
    default_env: "COGTOK_TOKEN",
    options: "TOKEN, --token-env VAR, --token-file PATH or standard input",
};

/// A cached key set that lacks the token's key is not fetched again sooner than this
/// (aws-jwt-verify's penalty box): a stream of forged `kid`s cannot make cogtok hammer the pool.
const REFETCH_AFTER: i64 = 10;
/// A cached key set older than this is fetched again: a key the pool removed stops verifying.
const MAX_AGE: i64 = 3600;

fn invalid(failure: Failure) -> Error {
    Error::Invalid(failure.to_string())
}

pub(super) fn run(globals: &GlobalArgs, args: VerifyArgs, env: Env) -> Result<()> {
    let identity = Identity::resolve(&args.user_pool_id, &args.client_id, &None, &env)?;
    let client_ids = match (&identity.client_id, args.any_client) {
        (Some(_), true) => return Err(Error::usage("pass --client-id or --any-client, not both")),
        (Some(c), false) => vec![c.clone()],
        (None, true) => Vec::new(),
        (None, false) => {
            return Err(Error::usage(
                "no app client to check: pass --client-id ID (or set COGTOK_CLIENT_ID), or --any-client",
            ))
        }
    };
    let pool = identity.user_pool_id.clone();
    let issuers = match (&args.issuer, &pool) {
        (Some(issuer), _) => vec![issuer.trim_end_matches('/').to_string()],
        (None, Some(pool)) => verify::pool_issuers(pool),
        (None, None) => {
            return Err(Error::usage(
                "no user pool: pass --user-pool-id ID (or set COGTOK_USER_POOL_ID), or --issuer URL",
            ))
        }
    };
    let expect = Expect {
        issuers,
        token_use: args.token_use,
        client_ids,
        scopes: args.scopes.clone(),
        groups: args.groups.clone(),
        acr: args.acr.clone(),
        max_age: args.max_age,
        grace: args.grace.unwrap_or(0),
    };
    let source = args.token.as_ref().unwrap_or(&SecretSource::Stdin);
    let token = secret_sources::read_optional(Some(source), &TOKEN, &env)?
        .ok_or_else(|| Error::usage(format!("no token: pass {}", TOKEN.options)))?;
    let decoded = verify::decode(token.expose()).map_err(invalid)?;
    let kid = verify::key_id(&decoded).map_err(invalid)?;
    let jwks = match args.jwks.as_deref() {
        Some(file) if !file.starts_with("https://") && !file.starts_with("http://") => read_jwks_file(file)?,
        given => {
            let url = match (given, &pool) {
                (Some(url), _) => url.to_string(),
                (None, Some(pool)) => pool.clone(),
                (None, None) => return Err(Error::usage("no JWKS: pass --jwks FILE|URL or --user-pool-id ID")),
            };
            let cache_dir = args.cache_dir.clone();
            let settings = Settings::resolve(&globals.overrides, env, pool.as_deref())?;
            let url = if given.is_some() {
                url
            } else {
                format!(
                    "{}/{url}/.well-known/jwks.json",
                    settings.endpoint.trim_end_matches('/')
                )
            };
            let cache = match Cache::new(cache_dir.as_deref(), &settings.env) {
                Ok(c) => Some(c),
                Err(e) if cache_dir.is_some() => return Err(e),
                Err(_) => None,
            };
            key_set(&settings, cache.as_ref(), &url, kid)?
        }
    };
    verify::verify_signature(&decoded, &jwks).map_err(invalid)?;
    verify::check_claims(&decoded.claims, &expect, crate::clock::now_unix()).map_err(invalid)?;
    crate::output::print_claims(&decoded.claims)
}

fn read_jwks_file(path: &str) -> Result<serde_json::Value> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::config(format!("cannot read the JWKS file {path}: {e}")))?;
    parse_jwks(text.as_bytes()).map_err(|why| Error::config(format!("the JWKS file {path} {why}")))
}

fn parse_jwks(bytes: &[u8]) -> Result<serde_json::Value, &'static str> {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(v) if v.get("keys").is_some_and(serde_json::Value::is_array) => Ok(v),
        Ok(_) => Err("has no \"keys\" list"),
        Err(_) => Err("is not JSON"),
    }
}

/// The key set at `url`: the cached one when it is fresh and has `kid` (or was fetched less
/// than 10 s ago), else a fetched one, then kept.
fn key_set(settings: &Settings, cache: Option<&Cache>, url: &str, kid: &str) -> Result<serde_json::Value> {
    let now = crate::clock::now_unix();
    if let Some(cached) = cache.and_then(|c| c.load_jwks(url)) {
        let age = now.saturating_sub(cached.fetched_at);
        if (0..MAX_AGE).contains(&age) && (verify::has_kid(&cached.jwks, kid) || age < REFETCH_AFTER) {
            return Ok(cached.jwks);
        }
    }
    let parsed = reqwest::Url::parse(url).map_err(|e| Error::usage(format!("invalid JWKS URL: {e}")))?;
    let shown = crate::config::endpoint::shown(&parsed);
    let agent = Agent::new(settings)?;
    let response = agent.send(Request::new(reqwest::Method::GET, parsed))?;
    if response.status != 200 {
        return Err(Error::protocol(
            ProtocolKind::BadAnswer,
            format!("the JWKS at {shown} answered HTTP {}", response.status),
        ));
    }
    let jwks = parse_jwks(&response.body)
        .map_err(|why| Error::protocol(ProtocolKind::BadAnswer, format!("the JWKS at {shown} {why}")))?;
    if let Some(cache) = cache {
        cache.store_jwks(
            url,
            &CachedJwks {
                fetched_at: now,
                jwks: jwks.clone(),
            },
        );
    }
    Ok(jwks)
}
