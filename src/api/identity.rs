//! The cognito-identity API (identity pools), as far as `aws-credentials` speaks it: the lean
//! request and answer structs of GetId, GetCredentialsForIdentity and GetOpenIdToken, written
//! after the model `fixtures/aws-models/cognito-identity-2014-06-30.json` (member names, which
//! members are required, which are `sensitive`), and the credentials they lead to.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// `X-Amz-Target: AWSCognitoIdentityService.<Operation>`.
pub(crate) const TARGET_PREFIX: &str = "AWSCognitoIdentityService";
/// The service name of SigV4's credential scope and of the endpoint host.
pub(crate) const SIGNING_NAME: &str = "cognito-identity";

pub(crate) const GET_ID: &str = "GetId";
pub(crate) const GET_CREDENTIALS_FOR_IDENTITY: &str = "GetCredentialsForIdentity";
pub(crate) const GET_OPEN_ID_TOKEN: &str = "GetOpenIdToken";

/// The operations cogtok sends that the model marks `"auth": ["smithy.api#noAuth"]` ("This is a
/// public API. You do not need any credentials to call this API."): all three. Sorted, for the
/// transport's binary search; `tools/check_fixtures.py` checks the recorded exchanges against
/// the model's marks.
pub(crate) const UNSIGNED_OPERATIONS: &[&str] = &[GET_CREDENTIALS_FOR_IDENTITY, GET_ID, GET_OPEN_ID_TOKEN];

/// The `Logins` map: provider name (`cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC`,
/// `token.actions.githubusercontent.com`) → that provider's token (`IdentityProviderToken`,
/// sensitive). Empty for a guest (unauthenticated) identity, and then not sent at all.
pub(crate) type Logins = BTreeMap<String, Secret>;

/// GetId: the identity of these logins in the pool, made on first use.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetIdRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) account_id: Option<&'a str>,
    pub(crate) identity_pool_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) logins: &'a Logins,
}

/// GetId's answer. The model makes `IdentityId` optional; without it there is nothing to go on.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetIdResponse {
    pub(crate) identity_id: String,
}

/// GetCredentialsForIdentity: the enhanced (simplified) flow, in which the identity pool picks
/// the role and assumes it.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetCredentialsForIdentityRequest<'a> {
    pub(crate) identity_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) logins: &'a Logins,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) custom_role_arn: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetCredentialsForIdentityResponse {
    #[serde(default)]
    pub(crate) identity_id: Option<String>,
    pub(crate) credentials: WireCredentials,
}

/// The model's `Credentials` as the JSON protocol carries it: `Expiration` is a timestamp, so
/// epoch seconds, possibly fractional or in scientific notation (`1.7672292E9`).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WireCredentials {
    pub(crate) access_key_id: String,
    pub(crate) secret_key: Secret,
    pub(crate) session_token: Secret,
    pub(crate) expiration: f64,
}

/// GetOpenIdToken: the basic (classic) flow's first half, an OpenID Connect token for the
/// identity, valid for 10 minutes, which STS AssumeRoleWithWebIdentity takes.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetOpenIdTokenRequest<'a> {
    pub(crate) identity_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) logins: &'a Logins,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetOpenIdTokenResponse {
    #[serde(default)]
    pub(crate) identity_id: Option<String>,
    pub(crate) token: Secret,
}

/// What `aws-credentials` hands out, whichever flow got it: the identity and its temporary AWS
/// credentials. Also the cache's record of them (`cache::identity`), hence serde.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct IdentityCredentials {
    pub(crate) identity_id: String,
    /// Not a secret (it names the key, as in CloudTrail), but the AWS CLI and the SDKs mask it
    /// alike; it is printed only in the output asked for.
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: Secret,
    pub(crate) session_token: Secret,
    /// Unix seconds.
    pub(crate) expiration: i64,
}

impl IdentityCredentials {
    /// Seconds left before they expire (saturating: a cache file may hold any number).
    pub(crate) fn ttl(&self, now: i64) -> i64 {
        self.expiration.saturating_sub(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_operations_are_sorted_for_the_binary_search() {
        assert!(UNSIGNED_OPERATIONS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_guest_request_sends_no_logins_and_secrets_never_show_in_debug() {
        let none = Logins::new();
        let body = serde_json::to_string(&GetIdRequest {
            account_id: None,
            identity_pool_id: "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            logins: &none,
        })
        .unwrap();
        assert_eq!(
            body,
            r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}"#
        );
        let answer: GetCredentialsForIdentityResponse = serde_json::from_str(
            r#"{"Credentials":{"AccessKeyId":"ASIAEXAMPLE","Expiration":1.7672292E9,"SecretKey":"s3cr3t/KEY","SessionToken":"IQoJsess"},"IdentityId":"us-east-1:x"}"#,
        )
        .unwrap();
        assert_eq!(answer.credentials.expiration, 1_767_229_200.0);
        let shown = format!("{:?}", answer.credentials.secret_key);
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
}
