//! Container credentials: ECS tasks, Fargate and CodeBuild (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`),
//! EKS Pod Identity and local credential servers (`AWS_CONTAINER_CREDENTIALS_FULL_URI`).
//!
//! The rules are aws-config's `ecs.rs`:
//!
//! - The relative URI wins; it is a path under `http://169.254.170.2`.
//! - A full URI must be `https://`, or name a host whose addresses are ALL allowed: loopback,
//!   the ECS endpoint 169.254.170.2, or the EKS Pod Identity agent's 169.254.170.23 and
//!   `fd00:ec2::23`. A name is resolved to check this (botocore checks names against
//!   `localhost` and the same addresses without resolving; aws-config's rule is the stricter
//!   one for names that resolve elsewhere, and it is what we follow). Anything else is refused
//!   before a request is sent, so the token never leaves for an unexpected host.
//! - `Authorization` comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, read again on every
//!   request (the EKS agent rotates it), else from `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Unlike
//!   both SDKs, one trailing newline of the file is dropped (`echo token > file` is common and a
//!   header cannot hold a newline anyway); any other CR or LF is refused.
//! - The answer is `{AccessKeyId, SecretAccessKey, Token, Expiration}`, all four required (both
//!   SDKs); an error answer's `code` and `message` are shown, nothing else of it.
//! - Timeouts: aws-config's 2 s to connect and 5 s to read, here one 5 s bound per attempt (the
//!   agent bounds whole exchanges); 3 attempts for 5xx answers, timeouts and dropped connections
//!   (aws-config's standard retry).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};
use std::time::Duration;

use super::{Context, Resolved};
use crate::config::endpoint::shown;
use crate::config::Env;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::secret::Secret;

const ECS_BASE: &str = "http://169.254.170.2";
const RELATIVE_URI: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL_URI: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const TOKEN: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
const TOKEN_FILE: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
const ATTEMPTS: u32 = 3;

const ECS_V4: IpAddr = IpAddr::V4(Ipv4Addr::new(169, 254, 170, 2));
const EKS_V4: IpAddr = IpAddr::V4(Ipv4Addr::new(169, 254, 170, 23));
const EKS_V6: IpAddr = IpAddr::V6(Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x23));

pub(super) fn describe() -> &'static str {
    "the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI)"
}

/// Credentials from the container endpoint, or `None` when neither variable is set. Also the
/// `credential_source = EcsContainer` of a role profile.
pub(crate) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    let env = &ctx.settings.env;
    let Some(url) = endpoint(env, &resolve_host)? else {
        return Ok(None);
    };
    // Errors name the endpoint without its path: ECS's relative URI is a per-task capability.
    let base = origin(&url);
    let what = format!("the container credentials endpoint {base}");
    let authorization = authorization(env)?;
    let response = super::send_retrying(ctx, ATTEMPTS, true, || {
        let request = Request::new(reqwest::Method::GET, url.clone())
            .header("accept", "application/json")
            .timeout(ATTEMPT_TIMEOUT);
        match &authorization {
            Some(token) => request.header("authorization", token.expose()),
            None => request,
        }
    })
    .map_err(|e| super::unreachable(&what, e))?;
    if response.status != 200 {
        return Err(Error::Credentials(format!(
            "{what} answered HTTP {}{}",
            response.status,
            super::error_detail(&response.body)
        )));
    }
    let credentials = parse(&response.body, &what)?;
    Ok(Some(Resolved {
        credentials,
        provider: format!("container credentials ({base})"),
    }))
}

/// The answer of a container endpoint, also the shape of an instance role's credentials.
pub(super) fn parse(body: &[u8], what: &str) -> Result<aws_credential_types::Credentials> {
    let bad = |detail: &str| Error::Credentials(format!("{what} gave an unusable answer: {detail}"));
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| bad(&format!("not JSON ({e})")))?;
    let field = |name: &str| v.get(name).and_then(|x| x.as_str()).filter(|s| !s.is_empty());
    let mut missing = ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"]
        .into_iter()
        .filter(|n| field(n).is_none());
    if let Some(name) = missing.next() {
        return Err(bad(&format!("no {name}")));
    }
    let expires = super::expiration(field("Expiration").unwrap_or_default(), what)?;
    super::expiring(
        field("AccessKeyId").unwrap_or_default(),
        field("SecretAccessKey").unwrap_or_default(),
        field("Token"),
        Some(expires),
        "container",
        what,
    )
}

/// `scheme://host[:port]` of a URL, for messages.
fn origin(url: &reqwest::Url) -> String {
    let full = shown(url);
    let after_scheme = full.find("://").map_or(0, |i| i + 3);
    match full[after_scheme..].find('/') {
        Some(i) => full[..after_scheme + i].to_string(),
        None => full,
    }
}

/// The URL to ask, `None` when the provider is not configured; an error for a full URI that
/// the rule refuses. `resolve` gives a host name's addresses (a seam for the tests).
fn endpoint(env: &Env, resolve: &dyn Fn(&str) -> std::io::Result<Vec<IpAddr>>) -> Result<Option<reqwest::Url>> {
    if let Some(relative) = env.get(RELATIVE_URI) {
        let joined = if relative.starts_with('/') {
            format!("{ECS_BASE}{relative}")
        } else {
            format!("{ECS_BASE}/{relative}")
        };
        return reqwest::Url::parse(&joined)
            .map(Some)
            .map_err(|e| Error::Credentials(format!("{RELATIVE_URI} is not a valid path ({e})")));
    }
    let Some(full) = env.get(FULL_URI) else {
        return Ok(None);
    };
    let refuse = |why: String| Error::Credentials(format!("{FULL_URI} refused: {why}"));
    let url = reqwest::Url::parse(full).map_err(|e| refuse(format!("not a URL ({e})")))?;
    match url.scheme() {
        "https" => return Ok(Some(url)),
        "http" => {}
        other => return Err(refuse(format!("scheme {other}: expected https:// or http://"))),
    }
    let Some(host) = url.host_str() else {
        return Err(refuse("no host".to_string()));
    };
    // host_str() gives IPv6 addresses in brackets.
    let literal = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    let allowed = match literal.parse::<IpAddr>() {
        Ok(ip) => is_allowed(&ip),
        Err(_) => {
            let addrs = resolve(host).map_err(|e| refuse(format!("cannot resolve {host} to check it ({e})")))?;
            !addrs.is_empty() && addrs.iter().all(is_allowed)
        }
    };
    if !allowed {
        return Err(refuse(format!(
            "over plain http, {} must be loopback, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 (every address a name resolves to); use https:// otherwise",
            origin(&url)
        )));
    }
    Ok(Some(url))
}

fn resolve_host(name: &str) -> std::io::Result<Vec<IpAddr>> {
    Ok((name, 0).to_socket_addrs()?.map(|a| a.ip()).collect())
}

/// aws-config's `is_full_uri_ip_allowed`.
fn is_allowed(ip: &IpAddr) -> bool {
    ip.is_loopback() || *ip == ECS_V4 || *ip == EKS_V4 || *ip == EKS_V6
}

/// The `Authorization` value: the token file, read now, wins over the variable.
fn authorization(env: &Env) -> Result<Option<Secret>> {
    let (value, from) = match (env.get(TOKEN_FILE), env.get(TOKEN)) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::Credentials(format!("cannot read {TOKEN_FILE} {path}: {e}")))?;
            let text = text.strip_suffix('\n').unwrap_or(&text);
            let text = text.strip_suffix('\r').unwrap_or(text);
            (Secret::new(text), TOKEN_FILE)
        }
        (None, Some(token)) => (Secret::new(token), TOKEN),
        (None, None) => return Ok(None),
    };
    if value.expose().chars().any(|c| c.is_control()) {
        return Err(Error::Credentials(format!(
            "the token of {from} holds a line break or another control character (not shown): it cannot be a header"
        )));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_dns(_: &str) -> std::io::Result<Vec<IpAddr>> {
        panic!("no lookup expected")
    }

    fn url_of(pairs: &[(&str, &str)], dns: &dyn Fn(&str) -> std::io::Result<Vec<IpAddr>>) -> Result<Option<String>> {
        endpoint(&Env::from_pairs(pairs), dns).map(|u| u.map(|u| u.to_string()))
    }

    #[test]
    fn the_relative_uri_wins_and_is_under_the_ecs_host() {
        assert_eq!(
            url_of(
                &[(RELATIVE_URI, "/v2/credentials/abc"), (FULL_URI, "http://192.168.1.1/")],
                &no_dns
            )
            .unwrap()
            .unwrap(),
            "http://169.254.170.2/v2/credentials/abc"
        );
        assert_eq!(url_of(&[], &no_dns).unwrap(), None);
    }

    #[test]
    fn full_uris_follow_aws_configs_rule() {
        for ok in [
            "https://creds.example.com/x",
            "http://127.0.0.1:8080/get-credentials",
            "http://127.9.9.9/",
            "http://[::1]:9/",
            "http://169.254.170.2:8080/get-credentials",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]:8080/get-credentials",
        ] {
            assert!(url_of(&[(FULL_URI, ok)], &no_dns).unwrap().is_some(), "{ok}");
        }
        for refused in [
            "http://192.168.10.120/creds",
            "http://169.254.171.23/creds",
            "http://169.254.169.254/latest",
            "http://[fd00:ec2::2]/creds",
            "ftp://127.0.0.1/x",
            "/credentials",
        ] {
            let err = url_of(&[(FULL_URI, refused)], &no_dns).err().unwrap();
            assert_eq!(err.exit_code(), 253);
            assert!(
                err.to_string()
                    .starts_with("AWS_CONTAINER_CREDENTIALS_FULL_URI refused: "),
                "{err}"
            );
        }
    }

    #[test]
    fn a_name_must_resolve_only_to_allowed_addresses() {
        let local = |_: &str| Ok(vec!["127.0.0.1".parse().unwrap(), "169.254.170.23".parse().unwrap()]);
        assert!(url_of(&[(FULL_URI, "http://localhost:8888/")], &local)
            .unwrap()
            .is_some());
        let mixed = |_: &str| Ok(vec!["127.0.0.1".parse().unwrap(), "192.168.0.1".parse().unwrap()]);
        assert!(url_of(&[(FULL_URI, "http://localhost:8888/")], &mixed).is_err());
        let none = |_: &str| Ok(Vec::new());
        assert!(url_of(&[(FULL_URI, "http://nothing.invalid/")], &none).is_err());
    }

    #[test]
    fn the_token_file_wins_and_loses_one_newline() {
        let dir = std::env::temp_dir().join(format!("cogtok-container-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("token");
        std::fs::write(&file, "from-file\n").unwrap();
        let env = Env::from_pairs(&[(TOKEN_FILE, file.to_str().unwrap()), (TOKEN, "from-env")]);
        assert_eq!(authorization(&env).unwrap().unwrap().expose(), "from-file");
        std::fs::write(&file, "two\nlines").unwrap();
        let err = authorization(&env).err().unwrap();
        assert!(!err.to_string().contains("two"), "{err}");
        let env = Env::from_pairs(&[(TOKEN, "from-env")]);
        assert_eq!(authorization(&env).unwrap().unwrap().expose(), "from-env");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn answers_need_all_four_members() {
        let good =
            br#"{"AccessKeyId":"AKID","SecretAccessKey":"SECRET","Token":"TOKEN","Expiration":"2999-02-13T23:31:30Z"}"#;
        let c = parse(good, "x").unwrap();
        assert_eq!((c.access_key_id(), c.session_token()), ("AKID", Some("TOKEN")));
        let err = parse(br#"{"AccessKeyId":"AKID","SecretAccessKey":"SECRET","Token":"T"}"#, "x")
            .err()
            .unwrap();
        assert_eq!(err.to_string(), "x gave an unusable answer: no Expiration");
        assert!(parse(b"SECRET", "x").err().unwrap().to_string().contains("not JSON"));
    }
}
