//! Machine-to-machine access tokens (`cogtok token`): the client credentials grant, through
//! the cognito-idp operation GetClientToken or the user pool domain's OAuth 2.0 token endpoint
//! (`POST /oauth2/token`, `grant_type=client_credentials`). Both give an access token only.

use serde::Deserialize;

use crate::api::model::AuthenticationResult;
use crate::error::{Error, ProtocolKind, Result};
use crate::http::{Agent, Request};
use crate::secret::Secret;
use crate::transport::Client;

/// How the client authenticates to the token endpoint (RFC 6749 §2.3.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum AuthMethod {
    /// `client_secret_basic`: `Authorization: Basic base64(client_id:client_secret)`.
    #[default]
    Basic,
    /// `client_secret_post`: `client_id` and `client_secret` in the form.
    Post,
}

/// One client credentials grant: who asks, for which scopes (none: all the client may have).
pub(crate) struct Grant<'a> {
    pub(crate) client_id: &'a str,
    pub(crate) client_secret: &'a Secret,
    pub(crate) scopes: &'a [String],
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ClientTokenAnswer {
    client_authentication_result: Option<ClientAuthenticationResult>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ClientAuthenticationResult {
    access_token: Secret,
    expires_in: Option<i64>,
    token_type: Option<String>,
}

fn tokens(access_token: Secret, expires_in: Option<i64>, token_type: Option<String>) -> AuthenticationResult {
    AuthenticationResult {
        access_token,
        expires_in,
        token_type,
        refresh_token: None,
        id_token: None,
        new_device_metadata: None,
    }
}

impl Grant<'_> {
    /// GetClientToken: ClientId, Secret and Scopes in, ClientAuthenticationResult out.
    pub(crate) fn get_client_token(&self, client: &Client) -> Result<AuthenticationResult> {
        let mut body = serde_json::json!({
            "ClientId": self.client_id,
            "Secret": self.client_secret.expose(),
        });
        if !self.scopes.is_empty() {
            body["Scopes"] = serde_json::json!(self.scopes);
        }
        let answer: ClientTokenAnswer = client.call_json("GetClientToken", &body)?;
        let result = answer
            .client_authentication_result
            .ok_or_else(|| Error::bad_answer("GetClientToken: no ClientAuthenticationResult"))?;
        Ok(tokens(result.access_token, result.expires_in, result.token_type))
    }

    /// The token endpoint at `url`, with `metadata` as `aws_client_metadata` (a JSON object).
    pub(crate) fn token_endpoint(
        &self,
        agent: &Agent,
        url: reqwest::Url,
        method: AuthMethod,
        metadata: &[(String, String)],
    ) -> Result<AuthenticationResult> {
        let mut form = vec![("grant_type", "client_credentials".to_string())];
        let mut request = Request::new(reqwest::Method::POST, url)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .secret_answer();
        match method {
            // Cognito's documentation: `Basic Base64Encode(client_id:client_secret)`, without the
            // form-encoding RFC 6749 adds first; its ids and secrets are [\w+]+ anyway.
            AuthMethod::Basic => {
                use base64::Engine;
                let pair = format!("{}:{}", self.client_id, self.client_secret.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                request = request.header("authorization", format!("Basic {encoded}"));
                form.push(("client_id", self.client_id.to_string()));
            }
            AuthMethod::Post => {
                form.push(("client_id", self.client_id.to_string()));
                form.push(("client_secret", self.client_secret.expose().to_string()));
            }
        }
        if !self.scopes.is_empty() {
            form.push(("scope", self.scopes.join(" ")));
        }
        if !metadata.is_empty() {
            let object: serde_json::Map<String, serde_json::Value> =
                metadata.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect();
            form.push(("aws_client_metadata", serde_json::Value::Object(object).to_string()));
        }
        let body: Vec<String> = form.iter().map(|(k, v)| format!("{k}={}", form_encode(v))).collect();
        let body = Secret::new(body.join("&"));
        let response = agent.send(request.body(body.expose().as_bytes().to_vec()))?;
        let json: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
        if !(200..300).contains(&response.status) {
            return Err(endpoint_error(response.status, json.as_ref(), self.client_secret));
        }
        let json =
            json.ok_or_else(|| Error::protocol(ProtocolKind::NotJson, "the token endpoint's answer is not JSON"))?;
        let access_token = json
            .get("access_token")
            .and_then(|v| v.as_str())
            .ok_or_else(|| Error::bad_answer("the token endpoint's answer has no access_token"))?;
        Ok(tokens(
            Secret::new(access_token),
            json.get("expires_in").and_then(serde_json::Value::as_i64),
            json.get("token_type").and_then(|v| v.as_str()).map(str::to_string),
        ))
    }
}

/// The token endpoint's error (RFC 6749 §5.2: `error`, `error_description`) as a service error
/// (exit 254), with what it usually means; never with the secret, should the server echo it.
fn endpoint_error(status: u16, json: Option<&serde_json::Value>, secret: &Secret) -> Error {
    let field = |name: &str| json.and_then(|j| j.get(name)).and_then(|v| v.as_str());
    let Some(code) = field("error") else {
        return Error::Http {
            status,
            detail: "the token endpoint's answer names no OAuth error".to_string(),
        };
    };
    let scrub = |text: &str| crate::http::redact::scrub(text, &[secret.expose().to_string()]);
    let hint = match code {
        "invalid_client" => Some("wrong client id or secret, or the client has no secret"),
        "invalid_scope" => Some("a scope that no resource server defines, or the client may not ask for"),
        "unauthorized_client" => Some("the app client is not allowed the client credentials grant"),
        "unsupported_grant_type" => Some("this endpoint does not serve the client credentials grant"),
        _ => None,
    };
    Error::Service {
        code: scrub(code),
        message: crate::diagnostics::one_line(&scrub(field("error_description").unwrap_or("")), 300),
        status,
        hint,
    }
}

/// `application/x-www-form-urlencoded` (WHATWG): unreserved bytes as they are, space as `+`.
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The pool's domain for `--domain auto`: its custom domain if it has one, else its prefix
/// domain, from DescribeUserPool (a signed operation).
pub(crate) fn pool_domain(client: &Client, user_pool_id: &str, region: &str) -> Result<String> {
    let answer: serde_json::Value =
        client.call_json("DescribeUserPool", &serde_json::json!({ "UserPoolId": user_pool_id }))?;
    let pool = &answer["UserPool"];
    let field = |name: &str| pool.get(name).and_then(|v| v.as_str()).filter(|d| !d.is_empty());
    if let Some(custom) = field("CustomDomain") {
        return Ok(custom.to_string());
    }
    match field("Domain") {
        Some(prefix) => Ok(prefix_domain(prefix, region)),
        None => Err(Error::config(format!(
            "the user pool {user_pool_id} has no domain: create one, or use GetClientToken (leave out --domain)"
        ))),
    }
}

/// A prefix domain's host name.
pub(crate) fn prefix_domain(prefix: &str, region: &str) -> String {
    format!("{prefix}.auth.{region}.amazoncognito.com")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_encoded() {
        assert_eq!(form_encode("api/read api/write"), "api%2Fread+api%2Fwrite");
        assert_eq!(form_encode(r#"{"a":"b"}"#), "%7B%22a%22%3A%22b%22%7D");
    }

    #[test]
    fn oauth_errors_are_one_line_service_errors_without_the_secret() {
        let secret = Secret::new("s3cr3t-value-long");
        let json = serde_json::json!({"error": "invalid_client", "error_description": "bad s3cr3t-value-long\nx"});
        let e = endpoint_error(400, Some(&json), &secret);
        assert_eq!(e.exit_code(), 254);
        let text = e.to_string();
        assert!(!text.contains("s3cr3t") && !text.contains('\n'), "{text}");
        assert!(text.starts_with("invalid_client: bad "), "{text}");
        assert!(matches!(
            endpoint_error(502, None, &secret),
            Error::Http { status: 502, .. }
        ));
    }
}
