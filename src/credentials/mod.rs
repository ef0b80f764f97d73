//! The AWS credential provider chain of the SDKs, resolved only when a request must be signed.
//!
//! Providers are tried in aws-config's order; the first that yields credentials wins. A provider
//! that is not configured here says `Ok(None)` and the chain moves on; any other failure stops
//! the chain with one line naming the provider and what to fix (exit 253). Each provider lives
//! in its own file; they share the `Context` (settings, and the HTTP agent for the providers
//! that fetch).

pub(crate) mod ci_oidc;
pub(crate) mod container;
mod env;
pub(crate) mod imds;
mod process;
mod profile;
mod profile_chain;
mod sso;
pub(crate) mod sts;
mod web_identity;

use std::time::{Duration, UNIX_EPOCH};

use aws_credential_types::Credentials;

use crate::config::Settings;
use crate::error::{Error, NetworkKind, Result};
use crate::http::{Agent, Request, Response};

/// What a provider needs: the settings (environment, profile files, region) and the agent for
/// the providers that fetch (STS, metadata endpoints, SSO).
pub(crate) struct Context<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) agent: &'a Agent,
}

/// Credentials and where they came from, in words for `cogtok credentials` and `--debug`
/// ("environment", "profile ci: assume role arn:… with credentials from profile base").
/// Never the keys.
pub(crate) struct Resolved {
    pub(crate) credentials: Credentials,
    pub(crate) provider: String,
}

/// A provider of the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Provider {
    /// `--web-identity github|gitlab|auto`: the CI runner's own OIDC token for `--role-arn`.
    CiWebIdentity,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
    Environment,
    /// The selected profile of the shared config and credentials files: static keys, roles
    /// (`role_arn` with `source_profile` or `credential_source`), `web_identity_token_file`,
    /// `credential_process`, SSO.
    Profile,
    /// `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` (EKS IRSA).
    WebIdentity,
    /// The container credentials endpoint: ECS, Fargate, CodeBuild, EKS Pod Identity.
    Container,
    /// The EC2 instance metadata service (IMDSv2): last, as it may cost a timeout.
    Imds,
}

/// aws-config's default chain: environment, profile, web identity, container, instance metadata.
const CHAIN: &[Provider] = &[
    Provider::Environment,
    Provider::Profile,
    Provider::WebIdentity,
    Provider::Container,
    Provider::Imds,
];

impl Provider {
    /// Where it looked, for the error when no provider has credentials.
    fn describe(self, ctx: &Context) -> Result<String> {
        Ok(match self {
            Provider::CiWebIdentity => "--web-identity".to_string(),
            Provider::Environment => "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)".to_string(),
            Provider::Profile => format!(
                "profile {} in {}",
                ctx.settings.profile_name,
                ctx.settings.files()?.describe()
            ),
            Provider::WebIdentity => "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)".to_string(),
            Provider::Container => container::describe().to_string(),
            Provider::Imds => imds::describe(ctx)?,
        })
    }

    fn load(self, ctx: &Context) -> Result<Option<Resolved>> {
        match self {
            Provider::CiWebIdentity => ci_oidc::load(ctx),
            Provider::Environment => env::load(ctx),
            Provider::Profile => profile::load(ctx),
            Provider::WebIdentity => web_identity::load(ctx),
            Provider::Container => container::load(ctx),
            Provider::Imds => imds::load(ctx),
        }
    }
}

/// Resolves credentials for signing, or explains where it looked.
pub(crate) fn resolve(ctx: &Context) -> Result<Resolved> {
    // `--web-identity` is an explicit request: it is the only source, never a fallback.
    // As in botocore and aws-config, a profile given with --profile negates the environment's
    // keys; one given with AWS_PROFILE does not.
    let chain: &[Provider] = if ctx.settings.ci_identity.is_some() {
        &[Provider::CiWebIdentity]
    } else if ctx.settings.profile_from_flag {
        &[Provider::Profile]
    } else {
        CHAIN
    };
    let mut looked = Vec::new();
    for &provider in chain {
        looked.push(provider.describe(ctx)?);
        if let Some(resolved) = provider.load(ctx)? {
            return Ok(resolved);
        }
    }
    Err(Error::Credentials(format!(
        "no AWS credentials for this signed operation: looked in {}",
        looked.join(", ")
    )))
}

/// Credentials from a provider's answer, refused when they have already expired (botocore
/// refuses them too; aws-config would sign with them and let the service say no).
/// `expires` is in unix seconds; `what` names the source in the message.
fn expiring(
    id: &str,
    secret: &str,
    token: Option<&str>,
    expires: Option<i64>,
    provider_name: &'static str,
    what: &str,
) -> Result<Credentials> {
    if let Some(at) = expires {
        if at <= crate::clock::now_unix() {
            let shown = crate::clock::iso8601_from_unix(at as f64).unwrap_or_else(|| at.to_string());
            return Err(Error::Credentials(format!(
                "{what} gave credentials that expired at {shown}"
            )));
        }
    }
    let expiry = expires.map(|at| UNIX_EPOCH + Duration::from_secs(at.max(0) as u64));
    Ok(Credentials::new(
        id,
        secret,
        token.map(str::to_string),
        expiry,
        provider_name,
    ))
}

/// An `Expiration` of an answer (RFC 3339, `2026-12-05T17:00:00Z`) in unix seconds.
fn expiration(text: &str, what: &str) -> Result<i64> {
    crate::clock::parse_timestamp(text.trim()).ok_or_else(|| {
        Error::Credentials(format!(
            "{what} gave an Expiration that is not an ISO 8601 time: {:?}",
            crate::diagnostics::one_line(text, 40)
        ))
    })
}

/// Sends the request `build` makes, up to `attempts` times while the answer is a 5xx, or, when
/// `retry_failures`, while the exchange timed out or broke (what aws-config's standard retry
/// classifier calls transient). A short backoff between attempts: these endpoints are local.
fn send_retrying(ctx: &Context, attempts: u32, retry_failures: bool, build: impl Fn() -> Request) -> Result<Response> {
    let mut attempt = 1;
    loop {
        let result = ctx.agent.send(build());
        let transient = match &result {
            Ok(r) => r.status >= 500,
            Err(Error::Network { kind, .. }) => {
                retry_failures && matches!(kind, NetworkKind::Timeout | NetworkKind::Disconnected)
            }
            Err(_) => false,
        };
        if !transient || attempt >= attempts {
            return result;
        }
        ctx.agent.sleep(Duration::from_millis(100 << (attempt - 1)));
        attempt += 1;
    }
}

/// A failure to reach a credentials endpoint, as a credentials error (exit 253) naming it.
fn unreachable(what: &str, e: Error) -> Error {
    match e {
        Error::Network { cause, .. } => Error::Credentials(format!("{what}: no answer: {cause}")),
        other => other,
    }
}

/// The `message` (or `Message`) and `code` of an endpoint's error answer, if it is JSON that
/// has them: never the rest of the body.
fn error_detail(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return String::new();
    };
    let pick = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| v.get(*n).and_then(|x| x.as_str()).map(str::to_string))
    };
    let code = pick(&["code", "Code", "__type"]).unwrap_or_default();
    let message = pick(&["message", "Message"]).unwrap_or_default();
    let joined = match (code.is_empty(), message.is_empty()) {
        (false, false) => format!(": {code}: {message}"),
        (false, true) => format!(": {code}"),
        (true, false) => format!(": {message}"),
        (true, true) => String::new(),
    };
    crate::diagnostics::one_line(&joined, 300)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Env, Overrides};

    fn resolve_with(pairs: &[(&str, &str)]) -> (Result<Resolved>, Duration) {
        let mut all = vec![("HOME", "/nonexistent-cogtok-home"), ("AWS_REGION", "us-east-1")];
        all.extend_from_slice(pairs);
        let settings = Settings::resolve(&Overrides::default(), Env::from_pairs(&all), None).unwrap();
        let agent = Agent::new(&settings).unwrap();
        let started = std::time::Instant::now();
        let result = resolve(&Context {
            settings: &settings,
            agent: &agent,
        });
        (result, started.elapsed())
    }

    #[test]
    fn with_nothing_configured_the_chain_says_where_it_looked_without_a_metadata_request() {
        // IMDS turned off: no request at all (imds::guard_tests would fail the test if the
        // default endpoint were reached).
        let (result, took) = resolve_with(&[("AWS_EC2_METADATA_DISABLED", "true")]);
        let err = result.err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert_eq!(
            err.to_string(),
            "no AWS credentials for this signed operation: looked in the environment (AWS_ACCESS_KEY_ID, \
             AWS_SECRET_ACCESS_KEY), profile default in /nonexistent-cogtok-home/.aws/credentials and \
             /nonexistent-cogtok-home/.aws/config, web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN), the container credentials endpoint \
             (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI), EC2 instance \
             metadata (turned off by AWS_EC2_METADATA_DISABLED)"
        );
        assert!(took < Duration::from_millis(500), "{took:?}");
    }

    #[test]
    fn a_metadata_endpoint_that_refuses_connections_is_not_an_error() {
        // A loopback port nobody listens on: refused at once, so "not on EC2".
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let endpoint = format!("http://127.0.0.1:{port}");
        let (result, took) = resolve_with(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint)]);
        let err = result.err().unwrap().to_string();
        assert!(err.ends_with(&format!("EC2 instance metadata at {endpoint}")), "{err}");
        assert!(took < Duration::from_secs(1), "{took:?}");
    }

    #[test]
    fn expired_credentials_are_refused_and_expiry_is_kept() {
        let past = crate::clock::now_unix() - 10;
        let err = expiring("AKID", "s3cr3t", None, Some(past), "test", "the test source")
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .starts_with("the test source gave credentials that expired at "),
            "{err}"
        );
        assert!(!err.to_string().contains("s3cr3t"));
        let future = crate::clock::now_unix() + 3600;
        let c = expiring("AKID", "s3cr3t", Some("tok"), Some(future), "test", "x").unwrap();
        assert_eq!(c.expiry(), Some(UNIX_EPOCH + Duration::from_secs(future as u64)));
        assert_eq!(c.session_token(), Some("tok"));
        assert_eq!(expiration("2009-02-13T23:31:30Z", "x").unwrap(), 1_234_567_890);
        assert!(expiration("tomorrow", "x").is_err());
    }

    #[test]
    fn error_details_show_only_code_and_message() {
        assert_eq!(
            error_detail(br#"{"code":"AccessDenied","message":"no role","Token":"t0k"}"#),
            ": AccessDenied: no role"
        );
        assert_eq!(error_detail(b"<html>t0k</html>"), "");
    }
}
