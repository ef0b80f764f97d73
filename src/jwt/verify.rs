//! JWT verification as an API checks a Cognito token (`cogtok verify`): the RS256 signature
//! against a JWKS, then the claims. Pure functions of the token, the key set, the expectations and
//! the clock; fetching and caching the JWKS is the caller's. The checks follow awslabs'
//! aws-jwt-verify for Cognito, and go further where the README says (`exp` required, `use` and
//! `alg` of the JWK, step-up claims).

use base64::Engine;
use serde_json::{Map, Value};

/// Why a token was refused: each names the failed check in one line, never the token.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Not three base64url parts of JSON objects.
    Malformed(&'static str),
    /// The header's `alg` is not RS256 (none, HS256, …), or differs from the key's.
    Algorithm(String),
    /// No `kid` in the header, or none of the JWKS's keys has it.
    UnknownKid(String),
    /// The key is unusable for signatures (`use` not `sig`, not RSA, no modulus).
    Key(String),
    Signature,
    /// A claim failed its check: the message names the claim and what was expected.
    Claim(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Malformed(why) => write!(f, "invalid token: not a JWT ({why})"),
            Failure::Algorithm(why) => write!(f, "invalid token: signature algorithm: {why}"),
            Failure::UnknownKid(why) => write!(f, "invalid token: kid: {why}"),
            Failure::Key(why) => write!(f, "invalid token: signing key: {why}"),
            Failure::Signature => f.write_str("invalid token: signature: does not verify with the pool's key"),
            Failure::Claim(why) => write!(f, "invalid token: {why}"),
        }
    }
}

/// `id` or `access`: Cognito's `token_use`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenUse {
    Id,
    Access,
}

impl TokenUse {
    fn word(self) -> &'static str {
        match self {
            TokenUse::Id => "id",
            TokenUse::Access => "access",
        }
    }
}

/// What the claims must say. Empty lists check nothing; `client_ids` empty means the client is
/// not checked (the caller decides whether that is allowed).
#[derive(Default, Debug)]
pub(crate) struct Expect {
    /// Any one of these is the right `iss`.
    pub(crate) issuers: Vec<String>,
    pub(crate) token_use: Option<TokenUse>,
    pub(crate) client_ids: Vec<String>,
    /// At least one of them in `scope` (space-separated), as aws-jwt-verify.
    pub(crate) scopes: Vec<String>,
    /// At least one of them in `cognito:groups`.
    pub(crate) groups: Vec<String>,
    /// `acr` must be this value.
    pub(crate) acr: Option<String>,
    /// `auth_time` no more than this many seconds ago.
    pub(crate) max_age: Option<i64>,
    /// Seconds of clock skew allowed on `exp`, `nbf` and `max_age`.
    pub(crate) grace: i64,
}

/// A token split and decoded, not yet trusted.
pub(crate) struct Decoded<'t> {
    pub(crate) header: Map<String, Value>,
    pub(crate) claims: Map<String, Value>,
    signing_input: &'t str,
    signature: Vec<u8>,
}

fn b64(part: &str) -> Option<Vec<u8>> {
    // JWTs are unpadded base64url (RFC 7515 §2); padding is refused rather than guessed at.
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).ok()
}

fn object(part: &str) -> Option<Map<String, Value>> {
    match serde_json::from_slice(&b64(part)?).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

pub(crate) fn decode(token: &str) -> Result<Decoded<'_>, Failure> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(Failure::Malformed("expected three dot-separated parts"));
    };
    let header = object(h).ok_or(Failure::Malformed("the header is not base64url JSON"))?;
    let claims = object(p).ok_or(Failure::Malformed("the payload is not base64url JSON"))?;
    let signature = b64(s).ok_or(Failure::Malformed("the signature is not base64url"))?;
    Ok(Decoded {
        header,
        claims,
        signing_input: &token[..h.len() + 1 + p.len()],
        signature,
    })
}

/// The header's algorithm, which must be RS256, then its `kid`, which the caller needs to know
/// whether its JWKS is stale. The algorithm comes first: `none` and the HMAC family (whose "key"
/// would be the public modulus) are refused before any key is looked at.
pub(crate) fn key_id<'d>(decoded: &'d Decoded<'_>) -> Result<&'d str, Failure> {
    match decoded.header.get("alg").and_then(Value::as_str) {
        Some("RS256") => {}
        Some(other) => return Err(Failure::Algorithm(format!("{other:?} is not RS256"))),
        None => return Err(Failure::Algorithm("the header has no alg".into())),
    }
    decoded
        .header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::UnknownKid("the header names no key".into()))
}

/// Whether `jwks` (a JWK Set document) has a key `kid`.
pub(crate) fn has_kid(jwks: &Value, kid: &str) -> bool {
    find_key(jwks, kid).is_some()
}

fn find_key<'j>(jwks: &'j Value, kid: &str) -> Option<&'j Map<String, Value>> {
    jwks.get("keys")?
        .as_array()?
        .iter()
        .filter_map(Value::as_object)
        .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))
}

/// Checks the header's algorithm and the signature with the key the header names.
pub(crate) fn verify_signature(decoded: &Decoded<'_>, jwks: &Value) -> Result<(), Failure> {
    let kid = key_id(decoded)?;
    let key = find_key(jwks, kid).ok_or_else(|| Failure::UnknownKid(format!("{kid:?} is not in the pool's JWKS")))?;
    let field = |name: &str| key.get(name).and_then(Value::as_str);
    if field("kty") != Some("RSA") {
        return Err(Failure::Key(format!("key {kid:?} is not an RSA key")));
    }
    if let Some(usage) = field("use") {
        if usage != "sig" {
            return Err(Failure::Key(format!("key {kid:?} has use {usage:?}, not \"sig\"")));
        }
    }
    if let Some(alg) = field("alg") {
        if alg != "RS256" {
            return Err(Failure::Algorithm(format!(
                "key {kid:?} is for {alg:?}, the token says RS256"
            )));
        }
    }
    let (Some(n), Some(e)) = (field("n").and_then(b64), field("e").and_then(b64)) else {
        return Err(Failure::Key(format!("key {kid:?} has no valid n and e")));
    };
    let public = ring::signature::RsaPublicKeyComponents { n: &n, e: &e };
    public
        .verify(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            decoded.signing_input.as_bytes(),
            &decoded.signature,
        )
        .map_err(|_| Failure::Signature)
}

fn claim_str<'c>(claims: &'c Map<String, Value>, name: &str) -> Option<&'c str> {
    claims.get(name).and_then(Value::as_str)
}

/// A numeric date claim: absent is `None`, anything but a number is refused.
fn claim_time(claims: &Map<String, Value>, name: &str) -> Result<Option<i64>, Failure> {
    match claims.get(name) {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|t| t.is_finite())
            .map(|t| Some(t as i64))
            .ok_or_else(|| Failure::Claim(format!("{name}: not a number"))),
    }
}

/// The claim as a list of strings: a string is a list of one (`aud` may be either).
fn claim_list<'c>(claims: &'c Map<String, Value>, name: &str) -> Vec<&'c str> {
    match claims.get(name) {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Checks the claims against `expect` at `now` (unix seconds), in aws-jwt-verify's order:
/// times, issuer, scope, then Cognito's group, token use and client.
pub(crate) fn check_claims(claims: &Map<String, Value>, expect: &Expect, now: i64) -> Result<(), Failure> {
    let grace = expect.grace;
    // aws-jwt-verify checks exp only when present; a Cognito token always has one, so a token
    // without it is refused.
    let exp = claim_time(claims, "exp")?.ok_or_else(|| Failure::Claim("exp: missing".into()))?;
    if exp.saturating_add(grace) < now {
        return Err(Failure::Claim(format!("exp: expired {} s ago", now - exp)));
    }
    if let Some(nbf) = claim_time(claims, "nbf")? {
        if nbf.saturating_sub(grace) > now {
            return Err(Failure::Claim(format!("nbf: not valid for another {} s", nbf - now)));
        }
    }
    let iss = claim_str(claims, "iss").unwrap_or("");
    if !expect.issuers.iter().any(|i| i == iss) {
        return Err(Failure::Claim(format!(
            "iss: {iss:?} is not {}",
            expect
                .issuers
                .iter()
                .map(|i| format!("{i:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        )));
    }
    if !expect.scopes.is_empty() {
        let granted: Vec<&str> = claim_str(claims, "scope").unwrap_or("").split(' ').collect();
        if !expect.scopes.iter().any(|s| granted.contains(&s.as_str())) {
            return Err(Failure::Claim(format!("scope: none of {}", expect.scopes.join(", "))));
        }
    }
    if !expect.groups.is_empty() {
        let groups = claim_list(claims, "cognito:groups");
        if !expect.groups.iter().any(|g| groups.contains(&g.as_str())) {
            return Err(Failure::Claim(format!(
                "cognito:groups: none of {}",
                expect.groups.join(", ")
            )));
        }
    }
    let token_use = claim_str(claims, "token_use");
    let used = match token_use {
        Some("id") => TokenUse::Id,
        Some("access") => TokenUse::Access,
        other => return Err(Failure::Claim(format!("token_use: {other:?} is neither id nor access"))),
    };
    if let Some(wanted) = expect.token_use {
        if wanted != used {
            return Err(Failure::Claim(format!(
                "token_use: an {} token, not an {} token",
                used.word(),
                wanted.word()
            )));
        }
    }
    if !expect.client_ids.is_empty() {
        let (name, given) = match used {
            TokenUse::Id => ("aud", claim_list(claims, "aud")),
            TokenUse::Access => ("client_id", claim_str(claims, "client_id").into_iter().collect()),
        };
        if !expect.client_ids.iter().any(|c| given.contains(&c.as_str())) {
            return Err(Failure::Claim(format!(
                "{name}: not the app client {}",
                expect.client_ids.join(" or ")
            )));
        }
    }
    if let Some(acr) = &expect.acr {
        let given = claim_str(claims, "acr");
        if given != Some(acr.as_str()) {
            return Err(Failure::Claim(format!("acr: {given:?}, not {acr:?}")));
        }
    }
    if let Some(max_age) = expect.max_age {
        let auth_time = claim_time(claims, "auth_time")?.ok_or_else(|| Failure::Claim("auth_time: missing".into()))?;
        if now.saturating_sub(auth_time) > max_age.saturating_add(grace) {
            return Err(Failure::Claim(format!(
                "auth_time: signed in {} s ago, more than --max-age {max_age}",
                now - auth_time
            )));
        }
    }
    Ok(())
}

/// The issuers a Cognito pool's tokens may carry: the classic host and the `issuer-` host.
pub(crate) fn pool_issuers(pool_id: &str) -> Vec<String> {
    let region = pool_id.split('_').next().unwrap_or("");
    ["cognito-idp", "issuer-cognito-idp"]
        .iter()
        .map(|host| format!("https://{host}.{region}.amazonaws.com/{pool_id}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn expect() -> Expect {
        Expect {
            issuers: pool_issuers("eu-west-1_Abc"),
            client_ids: vec!["c1".into()],
            ..Expect::default()
        }
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn an_id_token_audience_may_be_a_list_and_the_issuer_either_form() {
        let iss = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc";
        let c = claims(serde_json::json!({"iss": iss, "aud": ["x", "c1"], "token_use": "id", "exp": NOW}));
        assert_eq!(check_claims(&c, &expect(), NOW), Ok(()));
        let c = claims(serde_json::json!({"iss": iss, "aud": "x", "token_use": "id", "exp": NOW}));
        assert_eq!(
            check_claims(&c, &expect(), NOW),
            Err(Failure::Claim("aud: not the app client c1".into()))
        );
    }

    #[test]
    fn times_are_numbers_and_exp_is_required() {
        let iss = &pool_issuers("eu-west-1_Abc")[0];
        let c = claims(serde_json::json!({"iss": iss, "client_id": "c1", "token_use": "access", "exp": "soon"}));
        assert_eq!(
            check_claims(&c, &expect(), NOW),
            Err(Failure::Claim("exp: not a number".into()))
        );
        let c = claims(serde_json::json!({"iss": iss, "client_id": "c1", "token_use": "access", "exp": NOW - 1}));
        assert!(check_claims(&c, &expect(), NOW).is_err());
        let graced = Expect { grace: 1, ..expect() };
        assert_eq!(check_claims(&c, &graced, NOW), Ok(()));
        let mut step_up = Expect {
            max_age: Some(60),
            ..expect()
        };
        let c = claims(
            serde_json::json!({"iss": iss, "client_id": "c1", "token_use": "access", "exp": NOW + 9, "auth_time": NOW - 61}),
        );
        assert!(check_claims(&c, &step_up, NOW).is_err());
        step_up.grace = 1;
        assert_eq!(check_claims(&c, &step_up, NOW), Ok(()));
    }

    #[test]
    fn malformed_tokens_and_algorithms_are_named() {
        assert!(matches!(decode("a.b"), Err(Failure::Malformed(_))));
        assert!(matches!(decode("e30.e30.!!"), Err(Failure::Malformed(_))));
        let d = decode("eyJhbGciOiJub25lIn0.e30.").unwrap(); // {"alg":"none"}.{}
        assert_eq!(key_id(&d), Err(Failure::Algorithm("\"none\" is not RS256".into())));
    }
}
