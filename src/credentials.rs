//! The AWS credential provider chain, resolved only when a request must be signed.
//!
//! Each source is tried in order; the first that has credentials wins, and when none does the
//! error says everywhere cogtok looked. Sources to come (assume-role, web identity, container
//! and instance credentials, credential_process) are further `Source` variants.

use aws_credential_types::Credentials;

use crate::config::Settings;
use crate::error::{Error, Result};

/// Where credentials can come from, in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
    Environment,
    /// Static keys of the selected profile in the shared credentials and config files.
    Profile,
}

const CHAIN: &[Source] = &[Source::Environment, Source::Profile];

/// Resolves credentials for signing, or explains where it looked.
pub(crate) fn resolve(settings: &Settings) -> Result<Credentials> {
    // As in botocore, a profile given with --profile negates the environment's keys; one
    // given with AWS_PROFILE does not.
    let chain: &[Source] = if settings.profile_from_flag {
        &[Source::Profile]
    } else {
        CHAIN
    };
    let mut looked = Vec::new();
    for &source in chain {
        if let Some(creds) = from_source(source, settings, &mut looked)? {
            return Ok(creds);
        }
    }
    Err(Error::Credentials(format!(
        "no AWS credentials for this signed operation: looked in {}",
        looked.join(", ")
    )))
}

fn from_source(source: Source, settings: &Settings, looked: &mut Vec<String>) -> Result<Option<Credentials>> {
    match source {
        Source::Environment => {
            looked.push("the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)".to_string());
            let env = &settings.env;
            match (env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")) {
                (Some(id), Some(secret)) => Ok(Some(Credentials::new(
                    id,
                    secret,
                    env.get("AWS_SESSION_TOKEN").map(str::to_string),
                    None,
                    "environment",
                ))),
                (Some(_), None) => Err(Error::Credentials(
                    "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not".to_string(),
                )),
                (None, Some(_)) => Err(Error::Credentials(
                    "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not".to_string(),
                )),
                (None, None) => Ok(None),
            }
        }
        Source::Profile => {
            let files = settings.files()?;
            looked.push(format!("profile {} in {}", settings.profile_name, files.describe()));
            let Some(profile) = settings.profile()? else {
                return Ok(None);
            };
            match (profile.get("aws_access_key_id"), profile.get("aws_secret_access_key")) {
                (Some(id), Some(secret)) => Ok(Some(Credentials::new(
                    id,
                    secret,
                    profile.get("aws_session_token").map(str::to_string),
                    None,
                    "profile",
                ))),
                (Some(_), None) | (None, Some(_)) => Err(Error::Credentials(format!(
                    "profile {} has only one of aws_access_key_id and aws_secret_access_key",
                    settings.profile_name
                ))),
                (None, None) => {
                    if let Some(kind) = [
                        "role_arn",
                        "sso_session",
                        "sso_start_url",
                        "credential_process",
                        "web_identity_token_file",
                    ]
                    .into_iter()
                    .find(|k| profile.get(k).is_some())
                    {
                        return Err(Error::Credentials(format!(
                            "profile {} uses {kind}, which cogtok does not support yet: export static keys (for example with `aws configure export-credentials`)",
                            settings.profile_name
                        )));
                    }
                    Ok(None)
                }
            }
        }
    }
}
