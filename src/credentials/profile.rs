//! Credentials from the selected profile of the shared config and credentials files: static
//! keys, roles assumed with `role_arn` (from `source_profile` or `credential_source`, chained),
//! and `web_identity_token_file`. `profile_chain.rs` plans which profiles and roles; this file
//! carries the plan out, base first, then each `AssumeRole` with the credentials of the one before.

use super::profile_chain::{plan, Base, NamedSource, Plan};
use super::{sts, web_identity, Context, Resolved};
use crate::error::{Error, Result};

pub(super) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    let settings = ctx.settings;
    // An explicit profile that exists in neither file is an error here, the implicit default is not.
    if settings.profile()?.is_none() {
        return Ok(None);
    }
    match plan(settings.files()?, &settings.profile_name) {
        Ok(Some(plan)) => execute(ctx, &plan).map(Some),
        Ok(None) => Ok(None),
        Err(e) => Err(e.into_error()),
    }
}

fn execute(ctx: &Context, plan: &Plan) -> Result<Resolved> {
    let base = &plan.base;
    let in_profile = |e: Error| prefixed(&format!("profile {}", base.profile()), e);
    let mut resolved = match base {
        Base::StaticKeys { profile, credentials } => Resolved {
            credentials: credentials.clone(),
            provider: format!("profile {profile} (static keys)"),
        },
        Base::Source { profile, source } => {
            let from = from_credential_source(ctx, *source).map_err(in_profile)?;
            Resolved {
                credentials: from.credentials,
                provider: format!(
                    "profile {profile}: credential_source {} ({})",
                    source.name(),
                    from.provider
                ),
            }
        }
        Base::WebIdentity {
            profile,
            role_arn,
            token_file,
            session_name,
        } => Resolved {
            credentials: web_identity::assume(ctx, role_arn, token_file.as_ref(), session_name.as_deref())
                .map_err(in_profile)?,
            provider: format!("profile {profile}: web identity token file {token_file}, role {role_arn}"),
        },
        Base::Sso { profile } => super::sso::load(ctx, profile, &profile_keys(ctx, profile)?)?,
        Base::Process { profile } => {
            let keys = profile_keys(ctx, profile)?;
            let command = keys.get("credential_process").unwrap_or_default();
            super::process::load(profile, command)?
        }
    };
    for hop in &plan.hops {
        let session_name = hop.session_name.clone().unwrap_or_else(sts::default_session_name);
        let credentials = sts::assume_role(
            ctx,
            &resolved.credentials,
            &hop.role_arn,
            &session_name,
            hop.external_id.as_deref(),
            hop.duration_seconds,
        )
        .map_err(|e| prefixed(&format!("profile {}", hop.profile), e))?;
        resolved = Resolved {
            credentials,
            provider: format!(
                "profile {}: role {} with credentials from {}",
                hop.profile, hop.role_arn, resolved.provider
            ),
        };
    }
    Ok(resolved)
}

/// The credentials a `credential_source` names.
fn from_credential_source(ctx: &Context, source: NamedSource) -> Result<Resolved> {
    match source {
        NamedSource::Environment => super::env::load(ctx)?.ok_or_else(|| {
            Error::Credentials(
                "credential_source Environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set".to_string(),
            )
        }),
        NamedSource::Ec2InstanceMetadata => super::imds::load(ctx)?.ok_or_else(|| {
            Error::Credentials(
                "credential_source Ec2InstanceMetadata: no instance metadata service answered (not on EC2, or AWS_EC2_METADATA_DISABLED)"
                    .to_string(),
            )
        }),
        NamedSource::EcsContainer => super::container::load(ctx)?.ok_or_else(|| {
            Error::Credentials(
                "credential_source EcsContainer: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set"
                    .to_string(),
            )
        }),
    }
}

/// The keys of profile `name` (the plan named it, so it exists).
fn profile_keys(ctx: &Context, name: &str) -> Result<crate::config::profile::Profile> {
    ctx.settings
        .files()?
        .profile(name)?
        .ok_or_else(|| Error::Credentials(format!("profile {name} is gone from the shared files")))
}

/// A credential failure with the provider in front: "profile ci: STS AssumeRole …". Other
/// kinds of error (a configuration error of the settings) keep their kind.
pub(super) fn prefixed(provider: &str, e: Error) -> Error {
    match e {
        Error::Credentials(m) => Error::Credentials(format!("{provider}: {m}")),
        other => other,
    }
}
