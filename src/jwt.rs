//! JWT claims, decoded without verification: cogtok only reads its own tokens (for the cache's
//! internal username), never trusts them for access decisions.

pub(crate) mod verify;

use base64::Engine;
use serde_json::Value;

/// The claims of a JWT's payload, or `None` when the token is not a JWT.
pub(crate) fn claims(token: &str) -> Option<serde_json::Map<String, Value>> {
    let payload = token.split('.').nth(1)?;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(payload).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// The user's internal username: `cognito:username` in an ID token, `username` in an access
/// token. SECRET_HASH on refresh is computed over it.
pub(crate) fn internal_username(token: &str) -> Option<String> {
    let claims = claims(token)?;
    ["cognito:username", "username"]
        .iter()
        .find_map(|k| claims.get(*k).and_then(Value::as_str))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::unsigned_jwt as jwt;

    #[test]
    fn reads_the_internal_username_from_either_token() {
        assert_eq!(
            internal_username(&jwt(r#"{"cognito:username":"3f2d-uuid","email":"a@b.c"}"#)).as_deref(),
            Some("3f2d-uuid")
        );
        assert_eq!(
            internal_username(&jwt(r#"{"username":"u-1","token_use":"access"}"#)).as_deref(),
            Some("u-1")
        );
        assert_eq!(internal_username(&jwt(r#"{"sub":"x"}"#)), None);
        assert_eq!(internal_username("not-a-jwt"), None);
        assert_eq!(internal_username("a.!!!.c"), None);
    }
}
