//! Credentials of an IAM Identity Center (SSO) profile, from the token that `aws sso login` left
//! in `~/.aws/sso/cache/`.
//!
//! The profile has `sso_account_id` and `sso_role_name`, and either `sso_session` naming an
//! `[sso-session NAME]` section (with `sso_start_url` and `sso_region`) or, the legacy form,
//! `sso_start_url` and `sso_region` itself. The cache file is `<sha1 hex>.json` of the session
//! name, or of the start URL for the legacy form (aws-config and botocore agree); its
//! `accessToken` is sent while `expiresAt` is in the future. Then `GET
//! https://portal.sso.{sso_region}.amazonaws.com/federation/credentials?role_name=…&account_id=…`
//! with `x-amz-sso_bearer_token` gives the role's credentials (`expiration` in milliseconds).
//!
//! cogtok neither logs in (no browser, no device code) nor refreshes the token with its
//! `refreshToken` as the SDKs do for `sso_session` profiles (that needs the SSO OIDC API and a
//! write to the cache): a missing or expired token is one line telling the user to run `aws sso
//! login --profile NAME`. The endpoint can be changed with `AWS_ENDPOINT_URL_SSO` (the tests do);
//! the global `AWS_ENDPOINT_URL` is not used for it, since cogtok users point that one at a
//! local Cognito, which serves no SSO.

use std::time::Duration;

use sha1::{Digest, Sha1};

use super::{Context, Resolved};
use crate::config::endpoint;
use crate::config::profile::{Profile, SectionKind};
use crate::error::{Error, Result};
use crate::http::Request;

const ENDPOINT_VAR: &str = "AWS_ENDPOINT_URL_SSO";
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
const ATTEMPTS: u32 = 3;

/// Where a profile's SSO settings point.
struct SsoConfig {
    /// The cache file's key: the session name, or the start URL of a legacy profile.
    cache_key: String,
    region: String,
    account_id: String,
    role_name: String,
}

pub(super) fn load(ctx: &Context, profile_name: &str, profile: &Profile) -> Result<Resolved> {
    let config = sso_config(ctx, profile_name, profile)?;
    let login = format!("run `aws sso login --profile {profile_name}`");
    let home = ctx.settings.env.home().ok_or_else(|| {
        Error::Credentials(format!(
            "profile {profile_name} uses SSO, and there is no HOME to find its token in"
        ))
    })?;
    let path = home.join(".aws/sso/cache").join(cache_file_name(&config.cache_key));
    let text = match std::fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Credentials(format!(
                "no SSO token for profile {profile_name} ({} is missing): {login}",
                crate::quote::path(&path)
            )))
        }
        Err(e) => {
            return Err(Error::Credentials(format!(
                "cannot read {}: {e}",
                crate::quote::path(&path)
            )))
        }
    };
    let token = cached_token(&text, crate::clock::now_unix()).map_err(|why| {
        Error::Credentials(format!(
            "the SSO token of profile {profile_name} {why}: {login} (cogtok does not refresh SSO tokens)"
        ))
    })?;
    let url = portal_url(ctx, &config)?;
    let what = format!("the SSO portal {}", endpoint::shown(&url));
    let response = super::send_retrying(ctx, ATTEMPTS, true, || {
        Request::new(reqwest::Method::GET, url.clone())
            .header("x-amz-sso_bearer_token", token.as_str())
            .timeout(ATTEMPT_TIMEOUT)
    })
    .map_err(|e| super::unreachable(&what, e))?;
    match response.status {
        200 => {}
        401 | 403 => {
            return Err(Error::Credentials(format!(
                "{what} refused the SSO token of profile {profile_name} (HTTP {}{}): {login}",
                response.status,
                super::error_detail(&response.body)
            )))
        }
        status => {
            return Err(Error::Credentials(format!(
                "{what} answered HTTP {status}{}",
                super::error_detail(&response.body)
            )))
        }
    }
    let credentials = role_credentials(&response.body, &what)?;
    Ok(Resolved {
        credentials,
        provider: format!(
            "profile {profile_name} (SSO role {} in account {})",
            config.role_name, config.account_id
        ),
    })
}

fn sso_config(ctx: &Context, profile_name: &str, profile: &Profile) -> Result<SsoConfig> {
    let missing = |key: &str, place: &str| {
        Error::Credentials(format!("profile {profile_name} uses SSO, and {place} has no {key}"))
    };
    let in_profile = format!("profile {profile_name}");
    let (cache_key, region) = match profile.get("sso_session") {
        Some(session) => {
            let section = ctx
                .settings
                .files()?
                .config_section(SectionKind::SsoSession, session)
                .ok_or_else(|| {
                    Error::Credentials(format!(
                        "profile {profile_name} names sso_session {session}, and the config file has no [sso-session {session}]"
                    ))
                })?;
            let place = format!("[sso-session {session}]");
            let start_url = section
                .get("sso_start_url")
                .ok_or_else(|| missing("sso_start_url", &place))?;
            let region = section.get("sso_region").ok_or_else(|| missing("sso_region", &place))?;
            // botocore refuses a profile whose own legacy keys contradict its session.
            for (key, value) in [("sso_start_url", start_url), ("sso_region", region)] {
                if profile.get(key).is_some_and(|v| v != value) {
                    return Err(Error::Credentials(format!(
                        "profile {profile_name} has an {key} that differs from the one of [sso-session {session}]"
                    )));
                }
            }
            (session.to_string(), region.to_string())
        }
        None => (
            profile
                .get("sso_start_url")
                .ok_or_else(|| missing("sso_start_url", &in_profile))?
                .to_string(),
            profile
                .get("sso_region")
                .ok_or_else(|| missing("sso_region", &in_profile))?
                .to_string(),
        ),
    };
    if !endpoint::is_valid_region(&region) {
        return Err(Error::Credentials(format!(
            "profile {profile_name} has an invalid sso_region {region:?}"
        )));
    }
    Ok(SsoConfig {
        cache_key,
        region,
        account_id: profile
            .get("sso_account_id")
            .ok_or_else(|| missing("sso_account_id", &in_profile))?
            .to_string(),
        role_name: profile
            .get("sso_role_name")
            .ok_or_else(|| missing("sso_role_name", &in_profile))?
            .to_string(),
    })
}

/// `<sha1 hex of the key>.json`.
fn cache_file_name(key: &str) -> String {
    let digest = Sha1::digest(key.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.json")
}

/// The cached token if it is still valid at `now`, else why not (without its value).
fn cached_token(text: &[u8], now: i64) -> std::result::Result<String, String> {
    let v: serde_json::Value =
        serde_json::from_slice(text).map_err(|_| "is not in a readable cache file".to_string())?;
    let token = v
        .get("accessToken")
        .and_then(|t| t.as_str())
        .filter(|t| !t.is_empty() && !t.chars().any(|c| c.is_control()))
        .ok_or("is missing from its cache file")?;
    let expires_at = v.get("expiresAt").and_then(|t| t.as_str()).ok_or("has no expiresAt")?;
    // The AWS CLI v1 wrote `2024-05-01T12:00:00UTC`; v2 and the SDKs write `…Z`.
    let iso = match expires_at.strip_suffix("UTC") {
        Some(head) => format!("{head}Z"),
        None => expires_at.to_string(),
    };
    let at = crate::clock::parse_timestamp(&iso).ok_or("has an expiresAt that is not a time")?;
    if at <= now {
        let shown = crate::clock::iso8601_from_unix(at as f64).unwrap_or_default();
        return Err(format!("expired at {shown}"));
    }
    Ok(token.to_string())
}

fn portal_url(ctx: &Context, config: &SsoConfig) -> Result<reqwest::Url> {
    let env = &ctx.settings.env;
    let custom = env
        .get(ENDPOINT_VAR)
        .filter(|_| !env.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
    let base = match custom {
        Some(url) => endpoint::check_custom(url, endpoint::Source::Env(ENDPOINT_VAR), false)?.url,
        None => format!("https://portal.sso.{}.amazonaws.com/", config.region),
    };
    let mut url = reqwest::Url::parse(&base)
        .and_then(|u| u.join("federation/credentials"))
        .map_err(|e| Error::config(format!("invalid SSO endpoint: {e}")))?;
    url.query_pairs_mut()
        .append_pair("role_name", &config.role_name)
        .append_pair("account_id", &config.account_id);
    Ok(url)
}

fn role_credentials(body: &[u8], what: &str) -> Result<aws_credential_types::Credentials> {
    let bad = |detail: &str| Error::Credentials(format!("{what} gave an unusable answer: {detail}"));
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|_| bad("not JSON"))?;
    let c = v.get("roleCredentials").ok_or_else(|| bad("no roleCredentials"))?;
    let field = |name: &str| c.get(name).and_then(|x| x.as_str()).filter(|s| !s.is_empty());
    let (Some(id), Some(secret)) = (field("accessKeyId"), field("secretAccessKey")) else {
        return Err(bad("no accessKeyId or secretAccessKey"));
    };
    let expires = c
        .get("expiration")
        .and_then(serde_json::Value::as_i64)
        .map(|ms| ms.div_euclid(1000));
    super::expiring(id, secret, field("sessionToken"), expires, "sso", what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_files_are_named_by_the_sha1_of_the_session_or_the_start_url() {
        // botocore's and aws-config's test vectors.
        assert_eq!(
            cache_file_name("https://d-abc123.awsapps.com/start"),
            "40a89917e3175433e361b710a9d43528d7f1890a.json"
        );
        assert_eq!(
            cache_file_name("admin"),
            "d033e22ae348aeb5660fc2140aec35850c4da997.json"
        );
    }

    #[test]
    fn tokens_are_used_until_they_expire() {
        let doc = br#"{"startUrl":"https://x","region":"us-east-1","accessToken":"sso-t0ken","expiresAt":"2030-01-01T00:00:00Z"}"#;
        let before = crate::clock::parse_timestamp("2029-12-31T23:59:59Z").unwrap();
        assert_eq!(cached_token(doc, before).unwrap(), "sso-t0ken");
        let err = cached_token(doc, before + 1).err().unwrap();
        assert_eq!(err, "expired at 2030-01-01T00:00:00+00:00");
        let v1 = br#"{"accessToken":"t","expiresAt":"2030-01-01T00:00:00UTC"}"#;
        assert_eq!(cached_token(v1, before).unwrap(), "t");
        assert!(cached_token(b"{}", before).is_err());
        assert!(cached_token(b"not json", before).is_err());
    }

    #[test]
    fn role_credentials_take_milliseconds() {
        let body = br#"{"roleCredentials":{"accessKeyId":"ASIA","secretAccessKey":"SECRET","sessionToken":"TOK","expiration":32503680000000}}"#;
        let c = role_credentials(body, "portal").unwrap();
        assert_eq!(
            c.expiry(),
            Some(std::time::UNIX_EPOCH + Duration::from_secs(32_503_680_000))
        );
        assert!(role_credentials(br#"{"roleCredentials":{}}"#, "portal").is_err());
    }
}
