//! Web identity: an OIDC token in a file exchanged for a role's credentials with STS
//! `AssumeRoleWithWebIdentity`. From the environment (`AWS_WEB_IDENTITY_TOKEN_FILE`,
//! `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME`: EKS IRSA, and CI runners that write their OIDC token
//! to a file), and for profiles with `web_identity_token_file`. The file is read again on every
//! fetch: the kubelet rotates it, and the credentials outlive no token they came from.

use std::path::Path;

use aws_credential_types::Credentials;

use super::{sts, Context, Resolved};
use crate::error::{Error, Result};
use crate::secret::Secret;

pub(super) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    let env = &ctx.settings.env;
    let Some(token_file) = env.get("AWS_WEB_IDENTITY_TOKEN_FILE") else {
        // A role without a token file is not this provider's (aws-config: not loaded).
        return Ok(None);
    };
    let Some(role_arn) = env.get("AWS_ROLE_ARN") else {
        return Err(Error::Credentials(
            "web identity: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not: set the role to assume"
                .to_string(),
        ));
    };
    let credentials = assume(ctx, role_arn, Path::new(token_file), env.get("AWS_ROLE_SESSION_NAME"))
        .map_err(|e| super::profile::prefixed("web identity (AWS_WEB_IDENTITY_TOKEN_FILE)", e))?;
    Ok(Some(Resolved {
        credentials,
        provider: format!("web identity token file {token_file} (AWS_WEB_IDENTITY_TOKEN_FILE), role {role_arn}"),
    }))
}

/// Reads the token in `token_file` and assumes `role_arn` with it.
pub(super) fn assume(
    ctx: &Context,
    role_arn: &str,
    token_file: &Path,
    session_name: Option<&str>,
) -> Result<Credentials> {
    let shown = crate::quote::path(token_file);
    let text = std::fs::read_to_string(token_file)
        .map_err(|e| Error::Credentials(format!("cannot read the web identity token file {shown}: {e}")))?;
    // A trailing newline is no part of a JWT; STS would refuse the token with it.
    let token = Secret::new(text.trim());
    if token.expose().is_empty() {
        return Err(Error::Credentials(format!(
            "the web identity token file {shown} is empty"
        )));
    }
    let session_name = session_name.map_or_else(sts::default_session_name, str::to_string);
    sts::assume_role_with_web_identity(ctx, role_arn, &session_name, &token, None)
}
