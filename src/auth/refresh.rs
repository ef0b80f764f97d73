//! Token refresh: REFRESH_TOKEN_AUTH through InitiateAuth, or GetTokensFromRefreshToken when
//! the client rotates refresh tokens (asked for with `--rotate`, or when the service says
//! REFRESH_TOKEN_AUTH is refused because rotation is on).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::api::model::{AuthResponse, AuthenticationResult, InitiateAuthRequest};
use crate::auth::secret_hash::secret_hash;
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::Client;

pub(crate) struct Refresh<'a> {
    pub(crate) client: &'a Client<'a>,
    pub(crate) client_id: &'a str,
    pub(crate) refresh_token: &'a Secret,
    pub(crate) client_secret: Option<&'a Secret>,
    /// The internal username, for SECRET_HASH.
    pub(crate) username: Option<&'a str>,
    pub(crate) rotate: bool,
    /// The remembered device: a pool that tracks devices refuses a refresh without its key.
    pub(crate) device_key: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RotatedAnswer {
    authentication_result: Option<AuthenticationResult>,
}

impl Refresh<'_> {
    /// Fresh tokens. Without rotation the service sends no refresh token: the one given is
    /// still valid and is put in the result, so every output format is complete.
    pub(crate) async fn run(&self) -> Result<AuthenticationResult> {
        let mut tokens = if self.rotate {
            self.rotate().await?
        } else {
            match self.refresh_token_auth().await {
                Err(Error::Service { code, message, .. }) if refused_for_rotation(&code, &message) => {
                    self.rotate().await?
                }
                other => other?,
            }
        };
        if tokens.refresh_token.is_none() {
            tokens.refresh_token = Some(self.refresh_token.clone());
        }
        Ok(tokens)
    }

    async fn refresh_token_auth(&self) -> Result<AuthenticationResult> {
        let mut auth_parameters = BTreeMap::new();
        auth_parameters.insert("REFRESH_TOKEN".to_string(), self.refresh_token.clone());
        if let Some(cs) = self.client_secret {
            let username = self.username.ok_or_else(|| {
                Error::usage(
                    "a client secret needs the username for SECRET_HASH: pass --username U (the internal username, the token's cognito:username)",
                )
            })?;
            auth_parameters.insert("SECRET_HASH".to_string(), secret_hash(cs, username, self.client_id));
        }
        if let Some(key) = self.device_key {
            auth_parameters.insert("DEVICE_KEY".to_string(), Secret::new(key));
        }
        let request = InitiateAuthRequest {
            user_pool_id: None,
            client_id: self.client_id,
            auth_flow: "REFRESH_TOKEN_AUTH",
            auth_parameters,
        };
        let answer: AuthResponse = self.client.call_json_async("InitiateAuth", &request).await?;
        match (answer.authentication_result, answer.challenge_name) {
            (Some(tokens), _) => Ok(tokens),
            (None, Some(challenge)) => Err(crate::auth::challenges::unanswerable(&challenge)),
            (None, None) => Err(Error::bad_answer(
                "InitiateAuth answered neither tokens nor a challenge",
            )),
        }
    }

    async fn rotate(&self) -> Result<AuthenticationResult> {
        let request = serde_json::json!({
            "ClientId": self.client_id,
            "RefreshToken": self.refresh_token.expose(),
            "ClientSecret": self.client_secret.map(Secret::expose),
            "DeviceKey": self.device_key,
        });
        let answer: RotatedAnswer = self
            .client
            .call_json_async("GetTokensFromRefreshToken", &strip_nulls(request))
            .await?;
        answer
            .authentication_result
            .ok_or_else(|| Error::bad_answer("GetTokensFromRefreshToken answered no tokens"))
    }
}

/// REFRESH_TOKEN_AUTH is not allowed for clients that rotate refresh tokens; the service's
/// message says so (the code alone is too general to tell).
fn refused_for_rotation(code: &str, message: &str) -> bool {
    matches!(code, "NotAuthorizedException" | "InvalidParameterException")
        && message.to_ascii_lowercase().contains("rotation")
}

fn strip_nulls(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            serde_json::Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_rotation_refusal_switches_operation() {
        assert!(refused_for_rotation(
            "NotAuthorizedException",
            "Refresh token rotation is enabled for this client"
        ));
        assert!(!refused_for_rotation("NotAuthorizedException", "Invalid Refresh Token"));
        assert!(!refused_for_rotation("TooManyRequestsException", "rotation"));
    }
}
