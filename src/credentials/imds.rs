//! The role credentials of an EC2 instance, from the instance metadata service (IMDSv2).
//!
//! As aws-config's `imds` client and credentials provider:
//!
//! - `AWS_EC2_METADATA_DISABLED=true` turns it off.
//! - The endpoint: `AWS_EC2_METADATA_SERVICE_ENDPOINT`, the profile's
//!   `ec2_metadata_service_endpoint`, else by mode (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`, the
//!   profile's `ec2_metadata_service_endpoint_mode`: `IPv4` → `http://169.254.169.254`, `IPv6` →
//!   `http://[fd00:ec2::254]`; another mode is an error).
//! - `PUT /latest/api/token` with a TTL of 21600 s, then with the token `GET
//!   /latest/meta-data/iam/security-credentials/` (the role's name) and `…/<role>`. A 401 fetches
//!   a new token once. IMDSv2 only: no IMDSv1 fallback (aws-config has none; botocore falls back
//!   on a 403/404/405 to the token PUT).
//! - 1 s per attempt (the SDKs' 1 s connect and 1 s read, as one bound per exchange since the
//!   agent bounds whole exchanges); up to 4 attempts (aws-config's default) for 5xx answers,
//!   timeouts and dropped connections once the service has answered the token PUT.
//!
//! Where cogtok differs, so that a run that is not on EC2 at all is fast and quiet (the chain's
//! error then lists where it looked): the token PUT is tried once when it gets no answer, as
//! botocore does (aws-config tries 4 times), and any failure to reach the endpoint, or a 4xx to
//! the PUT (another cloud's metadata service), means "not on EC2" rather than an error. When the
//! PUT times out, one GET without a token tells "not on EC2" (no answer either) from the most
//! reported problem of IMDSv2, a container on an instance whose hop limit is 1: the PUT's answer
//! is dropped one hop short while GETs are answered, and the error says what to change.
//! A role whose credentials cannot be had (404 for the role list: no instance profile) is also
//! "not configured", as in aws-config. aws-config's "static stability" (reusing expired
//! credentials when IMDS is down) is not done: a run is short.

use std::time::Duration;

use super::{Context, Resolved};
use crate::error::{Error, NetworkKind, Result};
use crate::http::{Request, Response};
use crate::secret::Secret;

const DISABLED: &str = "AWS_EC2_METADATA_DISABLED";
const ENDPOINT: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
const ENDPOINT_MODE: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE";
const IPV4: &str = "http://169.254.169.254";
const IPV6: &str = "http://[fd00:ec2::254]";
const TOKEN_PATH: &str = "/latest/api/token";
const ROLES_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const TOKEN_TTL_SECONDS: &str = "21600";
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(1);
const ATTEMPTS: u32 = 4;
pub(super) const HOP_LIMIT_HINT: &str = "in a container on EC2, the instance's metadata hop limit must be 2: \
     aws ec2 modify-instance-metadata-options --instance-id ID --http-put-response-hop-limit 2";

pub(super) fn describe(ctx: &Context) -> Result<String> {
    if ctx.settings.env.flag(DISABLED) {
        return Ok(format!("EC2 instance metadata (turned off by {DISABLED})"));
    }
    Ok(format!("EC2 instance metadata at {}", endpoint(ctx)?))
}

/// The instance role's credentials, or `None` when IMDS is turned off, not there, or the
/// instance has no role. Also the `credential_source = Ec2InstanceMetadata` of a role profile.
pub(crate) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    if ctx.settings.env.flag(DISABLED) {
        return Ok(None);
    }
    let base = endpoint(ctx)?;
    guard_tests(&base);
    let Some(mut token) = token(ctx, &base)? else {
        return Ok(None);
    };
    let Some(roles) = get(ctx, &base, ROLES_PATH, &mut token)? else {
        return Ok(None);
    };
    let Some(role) = roles.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string) else {
        return Ok(None);
    };
    let what = format!("EC2 instance metadata at {base} (role {role})");
    let Some(answer) = get(ctx, &base, &format!("{ROLES_PATH}{role}"), &mut token)? else {
        return Err(Error::Credentials(format!("{what} has no credentials (HTTP 404)")));
    };
    let v: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
    if let Some(code) = v.get("Code").and_then(|c| c.as_str()).filter(|c| *c != "Success") {
        // aws-config's hint for the one code it knows.
        let hint = if code == "AssumeRoleUnauthorizedAccess" {
            ": does the role trust ec2.amazonaws.com?"
        } else {
            ""
        };
        return Err(Error::Credentials(format!(
            "{what} answered {code}{}{hint}",
            super::error_detail(answer.as_bytes())
                .strip_prefix(&format!(": {code}"))
                .unwrap_or_default()
        )));
    }
    let credentials = super::container::parse(answer.as_bytes(), &what)?;
    Ok(Some(Resolved {
        credentials,
        provider: format!("EC2 instance metadata (role {role})"),
    }))
}

/// The endpoint, without a trailing `/`.
fn endpoint(ctx: &Context) -> Result<String> {
    let env = &ctx.settings.env;
    let profile_value = |key: &str| -> Result<Option<String>> {
        let files = ctx.settings.files()?;
        let profile = files.config_profile(&ctx.settings.profile_name);
        Ok(profile.and_then(|p| p.get(key).map(str::to_string)))
    };
    let given = match env.get(ENDPOINT) {
        Some(v) => Some((v.to_string(), ENDPOINT)),
        None => profile_value("ec2_metadata_service_endpoint")?.map(|v| (v, "ec2_metadata_service_endpoint")),
    };
    if let Some((url, from)) = given {
        return match reqwest::Url::parse(&url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => {
                Ok(u.as_str().trim_end_matches('/').to_string())
            }
            _ => Err(Error::Credentials(format!(
                "{from} is not an http:// or https:// URL: {:?}",
                crate::diagnostics::one_line(&url, 80)
            ))),
        };
    }
    let mode = match env.get(ENDPOINT_MODE) {
        Some(v) => Some((v.to_string(), ENDPOINT_MODE)),
        None => profile_value("ec2_metadata_service_endpoint_mode")?.map(|v| (v, "ec2_metadata_service_endpoint_mode")),
    };
    match mode {
        None => Ok(IPV4.to_string()),
        Some((m, from)) => mode_endpoint(&m)
            .map(str::to_string)
            .ok_or_else(|| Error::Credentials(format!("invalid {from} {m:?}: expected IPv4 or IPv6"))),
    }
}

fn mode_endpoint(mode: &str) -> Option<&'static str> {
    match mode.trim() {
        m if m.eq_ignore_ascii_case("ipv4") => Some(IPV4),
        m if m.eq_ignore_ascii_case("ipv6") => Some(IPV6),
        _ => None,
    }
}

/// Unit tests must never reach a real metadata service: a test that gets here with the default
/// endpoint is a bug in the test, not a slow pass.
fn guard_tests(base: &str) {
    if cfg!(test) {
        let host = reqwest::Url::parse(base)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        assert!(
            crate::config::endpoint::is_loopback(&host),
            "a unit test reached the instance metadata service at {base}: set {DISABLED}=true or a loopback {ENDPOINT}"
        );
    }
}

fn url(base: &str, path: &str) -> reqwest::Url {
    // The endpoint parsed already, and the paths are ours or a role name (`[\w+=,.@-]+`).
    reqwest::Url::parse(&format!("{base}{path}")).expect("a valid metadata URL")
}

/// A session token, or `None` when there is no IMDSv2 here.
fn token(ctx: &Context, base: &str) -> Result<Option<Secret>> {
    let result = super::send_retrying(ctx, ATTEMPTS, false, || {
        Request::new(reqwest::Method::PUT, url(base, TOKEN_PATH))
            .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
            .timeout(ATTEMPT_TIMEOUT)
            .secret_answer()
    });
    match result {
        Ok(Response { status: 200, body, .. }) => {
            let token = String::from_utf8(body).unwrap_or_default();
            let token = token.trim();
            if token.is_empty() || token.chars().any(|c| c.is_control()) {
                return Err(Error::Credentials(format!(
                    "EC2 instance metadata at {base} answered the token PUT with no usable token"
                )));
            }
            Ok(Some(Secret::new(token)))
        }
        Ok(r) if r.status >= 500 => Err(Error::Credentials(format!(
            "EC2 instance metadata at {base} answered HTTP {} to the token PUT {ATTEMPTS} times",
            r.status
        ))),
        // 403: IMDS turned off, or the token refused; 400/404/405: another metadata service.
        Ok(_) => Ok(None),
        Err(Error::Network {
            kind: NetworkKind::Timeout,
            ..
        }) => hop_limit_check(ctx, base),
        Err(Error::Network { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// After the token PUT timed out: if a plain GET is answered, the PUT's answer was dropped on
/// the way (hop limit 1 and a container), else there is no metadata service here.
fn hop_limit_check(ctx: &Context, base: &str) -> Result<Option<Secret>> {
    let probe = Request::new(reqwest::Method::GET, url(base, "/latest/meta-data/")).timeout(ATTEMPT_TIMEOUT);
    match ctx.agent.send(probe) {
        Ok(_) => Err(Error::Credentials(format!(
            "EC2 instance metadata at {base} answers GETs but not the session-token PUT (no answer within {} s): {HOP_LIMIT_HINT}",
            ATTEMPT_TIMEOUT.as_secs()
        ))),
        Err(Error::Network { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The text at `path`, `None` for a 404. A 401 (the token expired or was refused) fetches a new
/// token once.
fn get(ctx: &Context, base: &str, path: &str, token: &mut Secret) -> Result<Option<String>> {
    let what = format!("EC2 instance metadata at {base}");
    let mut refreshed = false;
    loop {
        let response = super::send_retrying(ctx, ATTEMPTS, true, || {
            Request::new(reqwest::Method::GET, url(base, path))
                .header("x-aws-ec2-metadata-token", token.expose())
                .timeout(ATTEMPT_TIMEOUT)
        })
        .map_err(|e| super::unreachable(&what, e))?;
        match response.status {
            200 => {
                return String::from_utf8(response.body)
                    .map(Some)
                    .map_err(|_| Error::Credentials(format!("{what} answered {path} with text that is not UTF-8")))
            }
            404 => return Ok(None),
            401 if !refreshed => {
                refreshed = true;
                *token = self::token(ctx, base)?.ok_or_else(|| {
                    Error::Credentials(format!("{what} refused its own session token and gave no new one"))
                })?;
            }
            status => {
                return Err(Error::Credentials(format!(
                    "{what} answered HTTP {status} for {path}{}",
                    super::error_detail(&response.body)
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Env, Overrides, Settings};

    fn endpoint_with(pairs: &[(&str, &str)], config: &str) -> Result<String> {
        let dir = std::env::temp_dir().join(format!("cogtok-imds-{}-{}", std::process::id(), pairs.len()));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        let mut all = vec![("HOME", dir.to_str().unwrap()), ("AWS_REGION", "us-east-1")];
        all.extend_from_slice(pairs);
        let settings = Settings::resolve(&Overrides::default(), Env::from_pairs(&all), None).unwrap();
        let agent = crate::http::Agent::new(&settings).unwrap();
        endpoint(&Context {
            settings: &settings,
            agent: &agent,
        })
    }

    #[test]
    fn the_endpoint_is_the_variable_then_the_profile_then_the_mode() {
        assert_eq!(endpoint_with(&[], "").unwrap(), IPV4);
        assert_eq!(
            endpoint_with(&[(ENDPOINT_MODE, "ipv6")], "").unwrap(),
            "http://[fd00:ec2::254]"
        );
        assert_eq!(
            endpoint_with(&[], "[default]\nec2_metadata_service_endpoint_mode = IPv6\n").unwrap(),
            IPV6
        );
        assert_eq!(
            endpoint_with(
                &[(ENDPOINT, "http://127.0.0.1:1234/")],
                "[default]\nec2_metadata_service_endpoint = http://x\n"
            )
            .unwrap(),
            "http://127.0.0.1:1234"
        );
        assert_eq!(
            endpoint_with(&[], "[default]\nec2_metadata_service_endpoint = http://localhost:9\n").unwrap(),
            "http://localhost:9"
        );
        let err = endpoint_with(&[(ENDPOINT_MODE, "IPv5")], "").err().unwrap();
        assert_eq!(
            err.to_string(),
            "invalid AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE \"IPv5\": expected IPv4 or IPv6"
        );
        assert_eq!(err.exit_code(), 253);
    }

    #[test]
    fn modes_are_case_insensitive() {
        assert_eq!(mode_endpoint("IPv4"), Some(IPV4));
        assert_eq!(mode_endpoint("IPV6"), Some(IPV6));
        assert_eq!(mode_endpoint("v6"), None);
    }
}
