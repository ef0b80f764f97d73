//! A small STS client for the providers that assume roles: `AssumeRole` (SigV4-signed with the
//! source credentials) and `AssumeRoleWithWebIdentity` (unsigned), in STS's query protocol: a
//! form POST `Action=…&Version=2011-06-15&…` to the endpoint `Settings::sts_endpoint` resolves,
//! and an XML answer.
//!
//! The answers are small and of a fixed shape, so a hand-written scanner reads them (no XML
//! crate: the binary has a size budget). For the credential chain every failure is an
//! `Error::Credentials` (exit 253): "STS AssumeRole for arn:…: AccessDenied: …, and what to
//! check"; the callers put the provider in front. For `aws-credentials --basic-flow`, whose own
//! job the STS call is, STS is the service: its error answers are `Error::Service` (254) and a
//! network failure is the network's (255), as for cognito-idp. Throttling, 5xx, `IDPCommunicationError`, `InvalidIdentityToken` (web identity
//! only, as botocore retries it) and network failures that may be transient are retried with
//! the settings' attempts and backoff; any other 4xx (`AccessDenied`, `ExpiredToken`,
//! `MalformedPolicyDocument`) never is.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;

use super::Context;
use crate::error::{Error, NetworkKind, Result};
use crate::http::{backoff, sigv4, Request};
use crate::secret::Secret;

const VERSION: &str = "2011-06-15";
const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";
/// Error codes that say "slow down": retried.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
];

/// `AssumeRole` with `source` credentials; `session_name` as STS takes it (2-64 characters of
/// `[\w+=,.@-]`), `duration` in seconds (STS's default, an hour, when `None`).
pub(crate) fn assume_role(
    ctx: &Context,
    source: &Credentials,
    role_arn: &str,
    session_name: &str,
    external_id: Option<&str>,
    duration: Option<u32>,
) -> Result<Credentials> {
    let mut params = vec![("RoleArn", role_arn), ("RoleSessionName", session_name)];
    if let Some(id) = external_id {
        params.push(("ExternalId", id));
    }
    let duration = duration.map(|d| d.to_string());
    if let Some(d) = &duration {
        params.push(("DurationSeconds", d));
    }
    call(ctx, Call::AssumeRole { source }, role_arn, &params).map_err(Failure::for_chain)
}

/// `AssumeRoleWithWebIdentity` with an OIDC `token` (unsigned: the token is the proof).
pub(crate) fn assume_role_with_web_identity(
    ctx: &Context,
    role_arn: &str,
    session_name: &str,
    token: &Secret,
    duration: Option<u32>,
) -> Result<Credentials> {
    let mut params = vec![
        ("RoleArn", role_arn),
        ("RoleSessionName", session_name),
        ("WebIdentityToken", token.expose()),
    ];
    let duration = duration.map(|d| d.to_string());
    if let Some(d) = &duration {
        params.push(("DurationSeconds", d));
    }
    call(ctx, Call::WebIdentity, role_arn, &params).map_err(Failure::for_chain)
}

/// `AssumeRoleWithWebIdentity` as a command's own request (`aws-credentials --basic-flow`, with
/// the identity pool's OpenID token): the same call, its failures as the service's.
pub(crate) fn assume_role_with_web_identity_for_command(
    ctx: &Context,
    role_arn: &str,
    session_name: &str,
    token: &Secret,
) -> Result<Credentials> {
    let params = [
        ("RoleArn", role_arn),
        ("RoleSessionName", session_name),
        ("WebIdentityToken", token.expose()),
    ];
    call(ctx, Call::WebIdentity, role_arn, &params).map_err(Failure::for_command)
}

/// cogtok's default `RoleSessionName`: `cogtok-<unix seconds>` (aws-config writes
/// `aws-sdk-rust-<millis>`, botocore `botocore-session-<secs>`): CloudTrail then shows which
/// tool made the session.
pub(crate) fn default_session_name() -> String {
    format!("cogtok-{}", crate::clock::now_unix())
}

enum Call<'a> {
    AssumeRole { source: &'a Credentials },
    WebIdentity,
}

impl Call<'_> {
    fn action(&self) -> &'static str {
        match self {
            Call::AssumeRole { .. } => "AssumeRole",
            Call::WebIdentity => "AssumeRoleWithWebIdentity",
        }
    }
}

/// Why one attempt failed, and whether another may succeed.
struct Failure {
    /// The line the credential chain shows after "STS <Action> for <arn>: ".
    message: String,
    retry: bool,
    /// The same failure as a command shows it: the service's error answer, the network's
    /// error, or an answer that is not STS's. (Boxed: the error path need not make every
    /// result the size of an `Error`.)
    as_command: Box<Error>,
}

/// The last attempt's failure, with what was called.
struct Failed {
    what: String,
    failure: Failure,
}

impl Failure {
    /// A failure that is neither an error answer nor the network's: the same words both ways.
    fn other(message: String) -> Failure {
        Failure {
            as_command: Box::new(Error::bad_answer(format!("STS: {message}"))),
            message,
            retry: false,
        }
    }

    fn for_chain(failed: Failed) -> Error {
        Error::Credentials(format!("{}: {}", failed.what, failed.failure.message))
    }

    fn for_command(failed: Failed) -> Error {
        *failed.failure.as_command
    }
}

fn call(
    ctx: &Context,
    kind: Call,
    role_arn: &str,
    params: &[(&str, &str)],
) -> std::result::Result<Credentials, Failed> {
    let what = format!("STS {} for {role_arn}", kind.action());
    let failed = |failure: Failure| Failed {
        what: what.clone(),
        failure,
    };
    let settings = ctx.settings;
    let endpoint = settings.sts_endpoint().map_err(|e| {
        failed(Failure {
            message: e.to_string(),
            retry: false,
            as_command: Box::new(e),
        })
    })?;
    let url =
        reqwest::Url::parse(&endpoint).map_err(|e| failed(Failure::other(format!("invalid STS endpoint: {e}"))))?;
    let mut body = format!("Action={}&Version={VERSION}", kind.action());
    for (k, v) in params {
        body.push('&');
        body.push_str(k);
        body.push('=');
        body.push_str(&form_encode(v));
    }
    let mut attempt = 1;
    loop {
        let failure = match attempt_once(ctx, &kind, &url, body.as_bytes()) {
            Ok(credentials) => return Ok(credentials),
            Err(failure) => failure,
        };
        if !failure.retry || attempt >= settings.max_attempts {
            return Err(failed(failure));
        }
        ctx.agent.sleep(backoff(attempt, settings.backoff_base));
        attempt += 1;
    }
}

fn attempt_once(ctx: &Context, kind: &Call, url: &reqwest::Url, body: &[u8]) -> Result<Credentials, Failure> {
    let mut request = Request::new(reqwest::Method::POST, url.clone())
        .header("content-type", FORM)
        .body(body.to_vec());
    if let Call::AssumeRole { source } = kind {
        let unsigned: Vec<(&str, &str)> = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        // The global endpoint (region aws-global) signs for us-east-1, as its rules say.
        let region = match ctx.settings.region.as_str() {
            "aws-global" => "us-east-1",
            region => region,
        };
        let scope = sigv4::Scope {
            region,
            service: "sts",
            time: SystemTime::now(),
        };
        let signature = sigv4::sign_headers(source, &scope, "POST", url.as_str(), &unsigned, body)
            .map_err(|e| Failure::other(e.to_string()))?;
        for (k, v) in signature {
            request = request.header(&k, v);
        }
    }
    let response = match ctx.agent.send(request) {
        Ok(r) => r,
        Err(e @ Error::Network { kind: net, .. }) => {
            return Err(Failure {
                // "could not reach https://sts…/: connection refused", as for cognito-idp.
                message: e.to_string(),
                retry: matches!(
                    net,
                    NetworkKind::Dns
                        | NetworkKind::Refused
                        | NetworkKind::Connect
                        | NetworkKind::Timeout
                        | NetworkKind::Disconnected
                ),
                as_command: Box::new(e),
            });
        }
        Err(other) => {
            return Err(Failure {
                message: other.to_string(),
                retry: false,
                as_command: Box::new(other),
            })
        }
    };
    let text = String::from_utf8_lossy(&response.body);
    if response.status == 200 {
        return parse_credentials(&text).map_err(Failure::other);
    }
    let status = response.status;
    let parsed = parse_error(&text);
    let as_command = match &parsed {
        Some((code, message)) => Error::Service {
            code: code.clone(),
            message: crate::diagnostics::one_line(message, 300),
            status,
            hint: hint(code, kind),
        },
        None => Error::Http {
            status,
            detail: "an answer that is not STS's error XML".to_string(),
        },
    };
    let (code, message) = parsed.unwrap_or_else(|| (format!("HTTP {status}"), String::new()));
    let retry = response.status >= 500
        || THROTTLING_CODES.contains(&code.as_str())
        || code == "IDPCommunicationError"
        || (code == "InvalidIdentityToken" && matches!(kind, Call::WebIdentity));
    let mut line = if message.is_empty() {
        code.clone()
    } else {
        format!("{code}: {}", crate::diagnostics::one_line(&message, 300))
    };
    if let Some(hint) = hint(&code, kind) {
        line.push_str(" (");
        line.push_str(hint);
        line.push(')');
    }
    Err(Failure {
        message: line,
        retry,
        as_command: Box::new(as_command),
    })
}

/// What to fix, for the failures a user can fix.
fn hint(code: &str, kind: &Call) -> Option<&'static str> {
    Some(match (code, kind) {
        ("AccessDenied", Call::AssumeRole { .. }) => {
            "check that the role's trust policy names the source identity and that the source may call sts:AssumeRole on the role"
        }
        ("AccessDenied", Call::WebIdentity) => {
            "check that the role's trust policy allows sts:AssumeRoleWithWebIdentity for this token's issuer, audience and subject"
        }
        ("InvalidIdentityToken" | "ExpiredTokenException", Call::WebIdentity) => {
            "check the token: its issuer must be an IAM OIDC provider of the account, and it must not have expired"
        }
        ("ExpiredToken" | "ExpiredTokenException" | "InvalidClientTokenId" | "SignatureDoesNotMatch", Call::AssumeRole { .. }) => {
            "the source credentials are not valid: renew them"
        }
        ("RegionDisabledException", _) => "activate STS in this region in the account settings, or use another region",
        _ => return None,
    })
}

/// The wait before retry `n` (1 for the first): the transport's standard-mode backoff (full
/// jitter of `base` × 2^(n-1), at most 20 s).
fn backoff(n: u32, base: Duration) -> Duration {
    backoff::delay(n, base, backoff::random_fraction(), None)
}

/// `application/x-www-form-urlencoded` as botocore writes STS forms: RFC 3986's unreserved
/// characters as they are, every other byte as `%XX`.
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The credentials of a successful answer (`…Result/Credentials`).
fn parse_credentials(xml: &str) -> std::result::Result<Credentials, String> {
    let credentials = element(xml, "Credentials").ok_or("the answer holds no Credentials")?;
    let field = |name: &str| {
        element(credentials, name)
            .map(unescape)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("the answer's Credentials lack {name}"))
    };
    let expiration = field("Expiration")?;
    let secs = crate::clock::parse_timestamp(&expiration)
        .filter(|s| *s >= 0)
        .ok_or_else(|| format!("the answer's Expiration {expiration:?} is not an ISO 8601 time"))?;
    Ok(Credentials::new(
        field("AccessKeyId")?,
        field("SecretAccessKey")?,
        Some(field("SessionToken")?),
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs as u64)),
        "sts",
    ))
}

/// `<ErrorResponse><Error><Type/><Code/><Message/></Error>` → (code, message).
fn parse_error(xml: &str) -> Option<(String, String)> {
    let error = element(xml, "Error")?;
    let code = unescape(element(error, "Code")?);
    let message = element(error, "Message").map(unescape).unwrap_or_default();
    Some((code, message))
}

/// The text between the first `<name>` (or `<name …>`) and the next `</name>`. Enough for STS's
/// answers: their elements do not nest inside one of the same name, and their text has no CDATA.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    let start = loop {
        let at = from + xml[from..].find('<')? + 1;
        let rest = &xml[at..];
        match rest.strip_prefix(name).and_then(|after| after.chars().next()) {
            Some('>') => break at + name.len() + 1,
            Some(c) if c.is_whitespace() => break at + rest.find('>')? + 1,
            _ => from = at,
        }
    };
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    Some(&xml[start..end])
}

/// XML's five named entities and numeric references.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(|n| n.ok())
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What `attempt_once` reads of an answer body, both ways (a 200's credentials, an error's code
/// and message), for the fuzz targets. `Some` when it read credentials.
#[cfg(feature = "fuzzing")]
pub(crate) fn read_answer(body: &[u8]) -> Option<Credentials> {
    let text = String::from_utf8_lossy(body);
    if let Some((code, message)) = parse_error(&text) {
        let _ = crate::diagnostics::one_line(&message, 300);
        let _ = hint(&code, &Call::WebIdentity);
    }
    parse_credentials(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_read_from_the_answer() {
        let xml = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>wJal/K7+&amp;x</SecretAccessKey>
      <SessionToken>FwoG&#x2F;Zz</SessionToken>
      <Expiration>2026-12-05T17:00:00.123Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>"#;
        let c = parse_credentials(xml).unwrap();
        assert_eq!(c.access_key_id(), "ASIAEXAMPLE");
        assert_eq!(c.secret_access_key(), "wJal/K7+&x");
        assert_eq!(c.session_token(), Some("FwoG/Zz"));
        let expiry = c.expiry().unwrap();
        assert_eq!(crate::clock::unix_seconds(expiry), 1_796_490_000);
    }

    #[test]
    fn answers_without_credentials_are_refused_without_quoting_them() {
        let err = parse_credentials("<x><Credentials><AccessKeyId>ASIA</AccessKeyId></Credentials></x>").unwrap_err();
        assert_eq!(err, "the answer's Credentials lack Expiration");
        let err = parse_credentials(
            "<Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken><Expiration>soon</Expiration></Credentials>",
        )
        .unwrap_err();
        assert!(err.contains("not an ISO 8601 time"), "{err}");
        assert_eq!(
            parse_credentials("<html>oops</html>").unwrap_err(),
            "the answer holds no Credentials"
        );
    }

    #[test]
    fn errors_are_read_from_the_error_response() {
        let xml = r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
    <Message>User: arn:aws:iam::1:user/u is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r &amp; more</Message>
  </Error><RequestId>x</RequestId></ErrorResponse>"#;
        let (code, message) = parse_error(xml).unwrap();
        assert_eq!(code, "AccessDenied");
        assert!(message.ends_with("role/r & more"), "{message}");
        assert_eq!(parse_error("<Errors/>"), None);
    }

    #[test]
    fn element_names_must_match_whole() {
        let xml = "<SessionTokenX>no</SessionTokenX><SessionToken a=\"1\">yes</SessionToken>";
        assert_eq!(element(xml, "SessionToken"), Some("yes"));
        assert_eq!(element("<A>unclosed", "A"), None);
    }

    #[test]
    fn forms_escape_all_but_the_unreserved_characters() {
        assert_eq!(
            form_encode("arn:aws:iam::1:role/a b+c~d_e.f-g"),
            "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc~d_e.f-g"
        );
        assert_eq!(form_encode("é"), "%C3%A9");
    }

    #[test]
    fn the_backoff_grows_and_is_capped() {
        let base = Duration::from_secs(1);
        assert!(backoff(1, base) <= base);
        assert!(backoff(3, base) <= Duration::from_secs(4));
        assert!(backoff(30, base) <= crate::http::backoff::MAX_BACKOFF);
        assert_eq!(backoff(2, Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn a_session_name_by_default_names_cogtok() {
        let name = default_session_name();
        assert!(name.starts_with("cogtok-") && name.len() <= 64, "{name}");
    }
}
