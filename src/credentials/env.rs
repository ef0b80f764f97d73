//! Credentials from the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
//! `AWS_SESSION_TOKEN` (a blank variable counts as unset, as in aws-config).

use aws_credential_types::Credentials;

use super::{Context, Resolved};
use crate::error::{Error, Result};

pub(super) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    let env = &ctx.settings.env;
    match (env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => Ok(Some(Resolved {
            credentials: Credentials::new(
                id,
                secret,
                env.get("AWS_SESSION_TOKEN").map(str::to_string),
                None,
                "environment",
            ),
            provider: "environment".to_string(),
        })),
        (Some(_), None) => Err(Error::Credentials(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not".to_string(),
        )),
        (None, Some(_)) => Err(Error::Credentials(
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not".to_string(),
        )),
        (None, None) => Ok(None),
    }
}
