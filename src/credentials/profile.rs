//! Credentials from the selected profile of the shared config and credentials files.

use aws_credential_types::Credentials;

use super::{Context, Resolved};
use crate::error::{Error, Result};

pub(super) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    let settings = ctx.settings;
    let Some(profile) = settings.profile()? else {
        return Ok(None);
    };
    match (profile.get("aws_access_key_id"), profile.get("aws_secret_access_key")) {
        (Some(id), Some(secret)) => Ok(Some(Resolved {
            credentials: Credentials::new(
                id,
                secret,
                profile.get("aws_session_token").map(str::to_string),
                None,
                "profile",
            ),
            provider: format!("profile {} (static keys)", settings.profile_name),
        })),
        (Some(_), None) | (None, Some(_)) => Err(Error::Credentials(format!(
            "profile {} has only one of aws_access_key_id and aws_secret_access_key",
            settings.profile_name
        ))),
        (None, None) => {
            if let Some(kind) = ["role_arn", "web_identity_token_file"]
                .into_iter()
                .find(|k| profile.get(k).is_some())
            {
                return Err(Error::Credentials(format!(
                    "profile {} uses {kind}, which cogtok does not support yet: export static keys (for example with `aws configure export-credentials`)",
                    settings.profile_name
                )));
            }
            // aws-config's order after roles and web identity: SSO, then credential_process.
            if profile.get("sso_session").is_some() || profile.get("sso_start_url").is_some() {
                return super::sso::load(ctx, &settings.profile_name, &profile).map(Some);
            }
            if let Some(command) = profile.get("credential_process") {
                return super::process::load(&settings.profile_name, command).map(Some);
            }
            Ok(None)
        }
    }
}
