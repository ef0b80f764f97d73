//! Identity pools: temporary AWS credentials for an identity, from Cognito's identity API.
//!
//! - The enhanced (simplified) flow: GetId, then GetCredentialsForIdentity; the pool picks the
//!   role (its authenticated or unauthenticated role, or one its rules or the token choose,
//!   `CustomRoleArn` among several) and assumes it itself.
//! - The basic (classic) flow: GetId, GetOpenIdToken, then STS AssumeRoleWithWebIdentity with
//!   that OpenID token for a role the caller names, through the credential chain's STS client.
//!
//! Both are unsigned: the `Logins` map is the proof, provider name → token. The provider of a
//! user pool is `cognito-idp.<region>.<dns suffix>/<pool id>`; of any OIDC issuer, its `iss`
//! without the scheme (`token.actions.githubusercontent.com`). A guest has no logins at all.
//! What to keep between runs is the caller's business (`cache` is a peer of this layer).

use crate::api::identity::{
    GetCredentialsForIdentityRequest, GetCredentialsForIdentityResponse, GetIdRequest, GetIdResponse,
    GetOpenIdTokenRequest, GetOpenIdTokenResponse, IdentityCredentials, Logins, GET_CREDENTIALS_FOR_IDENTITY, GET_ID,
    GET_OPEN_ID_TOKEN,
};
use crate::credentials::sts;
use crate::error::{Error, Result};
use crate::transport::Client;

/// How the identity's credentials are obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// GetCredentialsForIdentity, with the role the pool's rules or the token leave to choose.
    Enhanced { custom_role_arn: Option<String> },
    /// GetOpenIdToken, then STS AssumeRoleWithWebIdentity for `role_arn`.
    Basic { role_arn: String },
}

/// One identity pool, asked through `client` (a cognito-identity client) with `logins`.
pub(crate) struct IdentityPool<'c, 's> {
    pub(crate) client: &'c Client<'s>,
    pub(crate) pool_id: &'c str,
    /// GetId's `AccountId`: the pool's account, for pools that want it.
    pub(crate) account_id: Option<&'c str>,
    pub(crate) logins: &'c Logins,
}

impl IdentityPool<'_, '_> {
    /// GetId: the identity of these logins in the pool (made on its first use; for a guest, a
    /// new one each time, which is why callers keep it).
    pub(crate) fn get_id(&self) -> Result<String> {
        let request = GetIdRequest {
            account_id: self.account_id,
            identity_pool_id: self.pool_id,
            logins: self.logins,
        };
        let answer: GetIdResponse = self.client.call_json(GET_ID, &request)?;
        Ok(answer.identity_id)
    }

    /// The credentials of `identity_id` by `flow`.
    pub(crate) fn credentials(&self, identity_id: &str, flow: &Flow) -> Result<IdentityCredentials> {
        match flow {
            Flow::Enhanced { custom_role_arn } => self.enhanced(identity_id, custom_role_arn.as_deref()),
            Flow::Basic { role_arn } => self.basic(identity_id, role_arn),
        }
    }

    fn enhanced(&self, identity_id: &str, custom_role_arn: Option<&str>) -> Result<IdentityCredentials> {
        let request = GetCredentialsForIdentityRequest {
            identity_id,
            logins: self.logins,
            custom_role_arn,
        };
        let answer: GetCredentialsForIdentityResponse =
            self.client.call_json(GET_CREDENTIALS_FOR_IDENTITY, &request)?;
        credentials_from_answer(answer, identity_id)
    }

    fn basic(&self, identity_id: &str, role_arn: &str) -> Result<IdentityCredentials> {
        let request = GetOpenIdTokenRequest {
            identity_id,
            logins: self.logins,
        };
        let answer: GetOpenIdTokenResponse = self.client.call_json(GET_OPEN_ID_TOKEN, &request)?;
        let ctx = crate::credentials::Context {
            settings: self.client.settings(),
            agent: self.client.agent(),
        };
        let session_name = sts::default_session_name();
        let credentials = sts::assume_role_with_web_identity_for_command(&ctx, role_arn, &session_name, &answer.token)?;
        let session_token = credentials
            .session_token()
            .ok_or_else(|| Error::bad_answer("STS AssumeRoleWithWebIdentity: the answer has no SessionToken"))?;
        Ok(IdentityCredentials {
            identity_id: answer.identity_id.unwrap_or_else(|| identity_id.to_string()),
            access_key_id: credentials.access_key_id().to_string(),
            secret_access_key: crate::secret::Secret::new(credentials.secret_access_key()),
            session_token: crate::secret::Secret::new(session_token),
            // STS's answers always carry one; the parser refuses those without.
            expiration: credentials.expiry().map_or(0, crate::clock::unix_seconds),
        })
    }
}

/// The credentials of GetCredentialsForIdentity's `answer` for `identity_id` (the one asked
/// about, when the answer names none). An `Expiration` that is no time (NaN, beyond year 9999)
/// is an answer cogtok cannot use.
pub(crate) fn credentials_from_answer(
    answer: GetCredentialsForIdentityResponse,
    identity_id: &str,
) -> Result<IdentityCredentials> {
    let wire = answer.credentials;
    let expiration = crate::clock::whole_unix_seconds(wire.expiration).ok_or_else(|| {
        Error::bad_answer(format!(
            "{GET_CREDENTIALS_FOR_IDENTITY}: Credentials.Expiration: not a time ({})",
            wire.expiration
        ))
    })?;
    Ok(IdentityCredentials {
        identity_id: answer.identity_id.unwrap_or_else(|| identity_id.to_string()),
        access_key_id: wire.access_key_id,
        secret_access_key: wire.secret_key,
        session_token: wire.session_token,
        expiration,
    })
}

/// Whether the service's answer to a call with an identity id kept from an earlier run may mean
/// that the id is no longer good (the identity was deleted, or belongs to other logins now),
/// so that asking GetId again is worth one request.
pub(crate) fn may_refuse_the_identity(e: &Error) -> bool {
    matches!(e, Error::Service { code, .. } if code == "ResourceNotFoundException" || code == "NotAuthorizedException")
}

/// The `Logins` provider name of a user pool: `cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC`
/// (the partition's DNS suffix: `amazonaws.com.cn` in China), the issuer of its tokens without
/// `https://`. `None` for an id without a region.
pub(crate) fn user_pool_provider(user_pool_id: &str) -> Option<String> {
    let region = crate::config::region_of_pool_id(user_pool_id)?;
    Some(format!(
        "cognito-idp.{region}.{}/{user_pool_id}",
        crate::config::endpoint::dns_suffix(region)
    ))
}

/// The `Logins` provider name of a token's issuer: its `iss` claim without the scheme and any
/// trailing `/` (`https://token.actions.githubusercontent.com` →
/// `token.actions.githubusercontent.com`, `https://gitlab.com` → `gitlab.com`), as identity
/// pools name their OpenID Connect providers. `None` when the token is not a JWT with an `iss`.
pub(crate) fn issuer_provider(token: &str) -> Option<String> {
    let claims = crate::jwt::claims(token)?;
    let issuer = claims.get("iss")?.as_str()?;
    let name = issuer
        .strip_prefix("https://")
        .or_else(|| issuer.strip_prefix("http://"))
        .unwrap_or(issuer)
        .trim_end_matches('/');
    (!name.is_empty()).then(|| name.to_string())
}

/// Who a token is for, in the words of its issuer (`sub`): with the provider, what an identity id
/// is kept under. `None` when the token says nothing of it.
pub(crate) fn token_subject(token: &str) -> Option<String> {
    let claims = crate::jwt::claims(token)?;
    claims.get("sub")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::unsigned_jwt as jwt;

    #[test]
    fn provider_names_are_the_issuers_without_the_scheme() {
        assert_eq!(
            user_pool_provider("eu-west-1_AbC123").as_deref(),
            Some("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123")
        );
        assert_eq!(
            user_pool_provider("cn-north-1_AbC123").as_deref(),
            Some("cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC123")
        );
        assert_eq!(user_pool_provider("noregion"), None);
        let github =
            jwt(r#"{"iss":"https://token.actions.githubusercontent.com","sub":"repo:o/r:ref:refs/heads/main"}"#);
        assert_eq!(
            issuer_provider(&github).as_deref(),
            Some("token.actions.githubusercontent.com")
        );
        assert_eq!(token_subject(&github).as_deref(), Some("repo:o/r:ref:refs/heads/main"));
        let pool = jwt(r#"{"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X/"}"#);
        assert_eq!(
            issuer_provider(&pool).as_deref(),
            Some("cognito-idp.us-east-1.amazonaws.com/us-east-1_X")
        );
        assert_eq!(issuer_provider("opaque-token"), None);
        assert_eq!(issuer_provider(&jwt(r#"{"sub":"x"}"#)), None);
    }

    #[test]
    fn only_a_refusal_of_the_identity_is_worth_asking_again() {
        let service = |code: &str| Error::Service {
            code: code.to_string(),
            message: String::new(),
            status: 400,
            hint: None,
        };
        assert!(may_refuse_the_identity(&service("ResourceNotFoundException")));
        assert!(may_refuse_the_identity(&service("NotAuthorizedException")));
        assert!(!may_refuse_the_identity(&service("TooManyRequestsException")));
        assert!(!may_refuse_the_identity(&service(
            "InvalidIdentityPoolConfigurationException"
        )));
        assert!(!may_refuse_the_identity(&Error::usage("x")));
    }
}
