//! The AWS credential provider chain of the SDKs, resolved only when a request must be signed.
//!
//! Providers are tried in aws-config's order; the first that yields credentials wins. A provider
//! that is not configured here says `Ok(None)` and the chain moves on; any other failure stops
//! the chain with one line naming the provider and what to fix (exit 253). Each provider lives
//! in its own file; they share the `Context` (settings, and the HTTP agent for the providers
//! that fetch).

mod ci_oidc;
mod env;
mod profile;
mod profile_chain;
pub(crate) mod sts;
mod web_identity;

use aws_credential_types::Credentials;

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::http::Agent;

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
    /// (`role_arn` with `source_profile` or `credential_source`), `web_identity_token_file`.
    Profile,
    /// `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` (EKS IRSA).
    WebIdentity,
}

/// aws-config's default chain: environment, profile, web identity (then container and instance
/// metadata, from another branch).
const CHAIN: &[Provider] = &[Provider::Environment, Provider::Profile, Provider::WebIdentity];

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
        })
    }

    fn load(self, ctx: &Context) -> Result<Option<Resolved>> {
        match self {
            Provider::CiWebIdentity => ci_oidc::load(ctx),
            Provider::Environment => env::load(ctx),
            Provider::Profile => profile::load(ctx),
            Provider::WebIdentity => web_identity::load(ctx),
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
