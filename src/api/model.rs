//! Lean request and answer structs for the operations `login` sends itself; only the fields
//! it uses. (Raw commands pass the service's JSON through untouched.)

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// InitiateAuth, or AdminInitiateAuth when `user_pool_id` is set.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct InitiateAuthRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) user_pool_id: Option<&'a str>,
    pub(crate) client_id: &'a str,
    pub(crate) auth_flow: &'a str,
    pub(crate) auth_parameters: BTreeMap<String, Secret>,
}

/// RespondToAuthChallenge, or AdminRespondToAuthChallenge when `user_pool_id` is set.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RespondToAuthChallengeRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) user_pool_id: Option<&'a str>,
    pub(crate) client_id: &'a str,
    pub(crate) challenge_name: &'a str,
    pub(crate) challenge_responses: BTreeMap<String, Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) session: Option<&'a str>,
}

/// The answer of every (Admin)InitiateAuth and (Admin)RespondToAuthChallenge: tokens, or the
/// next challenge with its session.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AuthResponse {
    #[serde(default)]
    pub(crate) challenge_name: Option<String>,
    #[serde(default)]
    pub(crate) session: Option<Secret>,
    #[serde(default, deserialize_with = "string_map")]
    pub(crate) challenge_parameters: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) authentication_result: Option<AuthenticationResult>,
    /// USER_AUTH: the methods SELECT_CHALLENGE offers.
    #[serde(default)]
    pub(crate) available_challenges: Vec<String>,
}

/// The tokens. Fields are in the API model's member order, so `--output json` prints them as
/// the AWS CLI does.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AuthenticationResult {
    pub(crate) access_token: Secret,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) expires_in: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) token_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) refresh_token: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id_token: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) new_device_metadata: Option<NewDeviceMetadata>,
}

/// A device the service offers to remember, in the model's member order.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct NewDeviceMetadata {
    pub(crate) device_key: String,
    pub(crate) device_group_key: String,
}

/// ChallengeParameters is a map of strings; lists inside it (`MFAS_CAN_SETUP`) are JSON text.
/// An emulator that sends a real JSON list instead is read as that list's JSON text, so both
/// forms reach the challenge code the same way.
fn string_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let raw: Option<BTreeMap<String, serde_json::Value>> = Deserialize::deserialize(d)?;
    Ok(raw
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => (k, s),
            other => (k, other.to_string()),
        })
        .collect())
}

impl AuthenticationResult {
    /// When the tokens expire, in unix seconds: `now + ExpiresIn`, or the access token's `exp`
    /// when the answer has no ExpiresIn (emulators leave it out).
    pub(crate) fn expires_at(&self, now: i64) -> Option<i64> {
        self.expires_in
            .map(|s| now.saturating_add(s))
            .or_else(|| crate::jwt::claims(self.access_token.expose())?.get("exp")?.as_i64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_serialise_with_the_api_member_names() {
        let mut params = BTreeMap::new();
        params.insert("USERNAME".to_string(), Secret::new("alice"));
        let req = InitiateAuthRequest {
            user_pool_id: None,
            client_id: "c",
            auth_flow: "USER_PASSWORD_AUTH",
            auth_parameters: params,
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"ClientId":"c","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice"}}"#
        );
    }

    #[test]
    fn challenge_parameters_take_lists_as_json_text() {
        let a: AuthResponse = serde_json::from_str(
            r#"{"ChallengeName":"MFA_SETUP","ChallengeParameters":{"MFAS_CAN_SETUP":["SOFTWARE_TOKEN_MFA"],"N":1}}"#,
        )
        .unwrap();
        assert_eq!(a.challenge_parameters["MFAS_CAN_SETUP"], r#"["SOFTWARE_TOKEN_MFA"]"#);
        assert_eq!(a.challenge_parameters["N"], "1");
        let b: AuthResponse = serde_json::from_str(r#"{"ChallengeParameters":null}"#).unwrap();
        assert!(b.challenge_parameters.is_empty());
    }

    #[test]
    fn answers_parse_challenges_and_tokens() {
        let challenge: AuthResponse = serde_json::from_str(
            r#"{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"AYAB","ChallengeParameters":{"USER_ID_FOR_SRP":"u-1","requiredAttributes":"[]"}}"#,
        )
        .unwrap();
        assert_eq!(challenge.challenge_name.as_deref(), Some("NEW_PASSWORD_REQUIRED"));
        assert_eq!(challenge.session.as_ref().map(Secret::expose), Some("AYAB"));
        assert!(challenge.authentication_result.is_none());
        let tokens: AuthResponse = serde_json::from_str(
            r#"{"ChallengeParameters":{},"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"r","IdToken":"i"}}"#,
        )
        .unwrap();
        let result = tokens.authentication_result.unwrap();
        assert_eq!(
            serde_json::to_string(&result).unwrap(),
            r#"{"AccessToken":"a","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"r","IdToken":"i"}"#
        );
    }
}
