//! What `--debug` may show: request and response traces with every secret replaced.
//!
//! Bodies are redacted by member name: any value, whatever its type, under a name that speaks
//! of a password, secret, token, session, code or signature; and the values of the identity
//! pools' `Logins` map, whose keys are provider names and whose values are tokens. Headers:
//! `Authorization` keeps its scope but not its signature, and any header named for a token,
//! secret or cookie is hidden.
//!
//! Errors: the service may echo what it was sent (cognito-local answers an old session with the
//! session itself as the message), so every secret value of the request is also cut out of the
//! text of an error answer before it becomes an `Error` (`secret_values`, `scrub`).

use serde_json::Value;

pub(crate) const REDACTED: &str = "<redacted>";

/// True for JSON member names whose values must never be shown.
fn is_secret_member(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "password",
        "secret",
        "token",
        "session",
        "code",
        "signature",
        "answer",
        "srp_a",
        "srp_b",
        "salt",
        "device_key",
        "accesskeyid",
        // A device's LastIPAddress (list-devices) is sensitive in the model.
        "ipaddress",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
        && lower != "tokentype"
        && lower != "rolesessionname"
        && !lower.starts_with("codedeliverydetails")
}

/// True for maps whose keys may be shown but whose every value is a secret: cognito-identity's
/// `Logins` (provider name → that provider's token).
fn is_secret_map(name: &str) -> bool {
    name.eq_ignore_ascii_case("logins")
}

/// A copy of `value` with the values of secret members replaced (numbers and lists too: a code
/// sent as a number is still a code).
pub(crate) fn redact_json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let shown = match v {
                        Value::Null => Value::Null,
                        _ if is_secret_member(k) => Value::String(REDACTED.to_string()),
                        Value::Object(entries) if is_secret_map(k) => Value::Object(
                            entries
                                .keys()
                                .map(|name| (name.clone(), Value::String(REDACTED.to_string())))
                                .collect(),
                        ),
                        other => redact_json(other),
                    };
                    (k.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

/// Secret values shorter than this are not cut out of error texts: a one- or two-character
/// value would mangle every word it occurs in, and tells nothing on its own. Cognito's shortest
/// secrets are six-digit codes and passwords of at least six characters.
const MIN_SCRUBBED: usize = 4;

/// Every value under a secret member of the JSON `body` (as the trace hides them: strings,
/// numbers, at any depth) of at least `MIN_SCRUBBED` characters, longest first, so that a
/// secret containing another is replaced whole.
pub(crate) fn secret_values(body: &[u8]) -> Vec<String> {
    fn leaves(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) => out.push(s.clone()),
            Value::Number(n) => out.push(n.to_string()),
            Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
            Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
            Value::Bool(_) | Value::Null => {}
        }
    }
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if is_secret_member(k) || is_secret_map(k) {
                        leaves(v, out);
                    } else {
                        walk(v, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        walk(&value, &mut out);
    }
    out.retain(|s| s.chars().count() >= MIN_SCRUBBED);
    out.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out.dedup();
    out
}

/// `text` with every one of `secrets` replaced by `<redacted>`.
pub(crate) fn scrub(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_string();
    for secret in secrets {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), REDACTED);
        }
    }
    text
}

/// A body for the trace: JSON with the values of secret members replaced, a form
/// (`application/x-www-form-urlencoded`, STS's requests) with the values of secret fields
/// replaced, XML or HTML (STS's answers, gateway pages) with the text of secret elements
/// replaced, and anything else as an excerpt.
pub(crate) fn redact_body(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty)".to_string();
    }
    if let Ok(v) = serde_json::from_slice::<Value>(body) {
        return redact_json(&v).to_string();
    }
    let text = String::from_utf8_lossy(body);
    if text.trim_start().starts_with('<') {
        return format!(
            "({} bytes, not JSON) {}",
            body.len(),
            crate::diagnostics::one_line(&redact_markup(&text), 300)
        );
    }
    if is_form(&text) {
        return redact_form(&text);
    }
    format!(
        "({} bytes, not JSON) {}",
        body.len(),
        crate::diagnostics::one_line(&text, 300)
    )
}

/// `k=v&k=v` with nothing that a form would have escaped.
fn is_form(text: &str) -> bool {
    text.contains('=') && !text.contains(char::is_whitespace)
}

fn redact_form(text: &str) -> String {
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if is_secret_member(k) => format!("{k}={REDACTED}"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The markup with the text of every secret element (`<SecretAccessKey>…</SecretAccessKey>`)
/// replaced; elements are matched by name only, which is all STS's answers need.
fn redact_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..=close];
        out.push_str(tag);
        rest = &rest[close + 1..];
        let name = tag[1..tag.len() - 1].split_whitespace().next().unwrap_or("");
        if name.starts_with('/') || name.ends_with('/') || !is_secret_member(name) {
            continue;
        }
        if let Some(end) = rest.find(&format!("</{name}>")) {
            out.push_str(REDACTED);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// A header value for the trace. Authorization keeps its scope and signed headers, not its
/// signature; tokens are hidden; unknown headers are shown (they carry no secrets we send).
pub(crate) fn redact_header(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" {
        return match value.split_once("Signature=") {
            Some((head, _)) => format!("{head}Signature={REDACTED}"),
            None => REDACTED.to_string(),
        };
    }
    if lower.contains("token") || lower.contains("secret") || lower == "cookie" || lower == "set-cookie" {
        return REDACTED.to_string();
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_forms_and_markup_are_replaced() {
        let form = b"Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fci&WebIdentityToken=eyJhbGciOi.x.y";
        let shown = redact_body(form);
        assert!(!shown.contains("eyJhbGciOi"), "{shown}");
        assert!(
            shown.contains("RoleArn=arn%3Aaws") && shown.contains("WebIdentityToken=<redacted>"),
            "{shown}"
        );
        let xml = b"<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>\n<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG</SecretAccessKey><SessionToken>FwoGZXIvYXdzEJr</SessionToken><Expiration>2026-12-05T17:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";
        let shown = redact_body(xml);
        for secret in ["ASIAEXAMPLE", "wJalrXUtnFEMI", "FwoGZXIvYXdzEJr"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(
            shown.contains("<Expiration>2026-12-05T17:00:00Z</Expiration>"),
            "{shown}"
        );
        let page = redact_body(b"<html><title>502 Bad Gateway</title></html>");
        assert!(page.contains("502 Bad Gateway"), "{page}");
    }

    /// AssumeRoleWithWebIdentity's answer: the keys, the session token and the token's subject go.
    #[test]
    fn web_identity_answers_keep_only_what_is_not_secret() {
        let xml = b"<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>\
<SubjectFromWebIdentityToken>system:serviceaccount:ci:runner</SubjectFromWebIdentityToken>\
<Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>s3cr3t/+</SecretAccessKey>\
<SessionToken>IQoJb3</SessionToken><Expiration>2026-12-05T17:00:00Z</Expiration></Credentials>\
<Provider>oidc.eks.eu-west-1.amazonaws.com</Provider></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>";
        let shown = redact_body(xml);
        for secret in ["ASIAWEB", "s3cr3t", "IQoJb3", "serviceaccount"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(shown.contains("<Expiration>2026-12-05T17:00:"), "{shown}");
    }

    #[test]
    fn secrets_in_bodies_are_replaced_at_any_depth() {
        let body = br#"{"AuthParameters":{"USERNAME":"alice","PASSWORD":"p@ss","SECRET_HASH":"h=="},
            "ChallengeResponses":{"NEW_PASSWORD":"n3w","SOFTWARE_TOKEN_MFA_CODE":"123456"},
            "Session":"AYABeC","AuthenticationResult":{"AccessToken":"eyJ.a.b","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"r","IdToken":"eyJ.c.d"},
            "TemporaryPassword":"tmp","Token":"tok","SecretCode":"ABCD","UserAttributes":[{"Name":"email","Value":"a@b.c"}]}"#;
        let shown = redact_body(body);
        for secret in [
            "p@ss", "h==", "n3w", "123456", "AYABeC", "eyJ", "\"r\"", "tmp", "tok\"", "ABCD",
        ] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        let odd = redact_body(br#"{"ChallengeResponses":{"SMS_MFA_CODE":123456},"X":{"PASSWORD":["hunter2"]}}"#);
        assert!(!odd.contains("123456") && !odd.contains("hunter2"), "{odd}");
        for kept in ["alice", "3600", "Bearer", "a@b.c"] {
            assert!(shown.contains(kept), "{kept} missing from {shown}");
        }
    }

    /// The model marks these sensitive as personal or identifying data, not as secrets; the
    /// trace shows them because they are what a user debugs (which user, which client, which
    /// attribute value).
    const SHOWN_ON_PURPOSE: &[&str] = &["ClientId", "Username", "Value"];

    /// Every member the API model marks sensitive, in the input and output of every command,
    /// is one whose name the trace hides (but for the few shown on purpose).
    #[test]
    fn every_sensitive_member_of_the_model_is_hidden() {
        use crate::api::shape::Shape;
        fn walk(shape: &Shape, missed: &mut Vec<&'static str>) {
            match shape {
                Shape::Structure(members) => {
                    for m in members.iter() {
                        // Strings hidden by name; containers are walked (AttributeType's Value
                        // is sensitive only for some attributes, and shown for the others).
                        let scalar = !matches!(m.shape, Shape::Structure(_) | Shape::List(_) | Shape::Map(_));
                        if m.sensitive && scalar && !is_secret_member(m.name) && !SHOWN_ON_PURPOSE.contains(&m.name) {
                            missed.push(m.name);
                        }
                        walk(m.shape, missed);
                    }
                }
                Shape::List(inner) | Shape::Map(inner) => walk(inner, missed),
                _ => {}
            }
        }
        let mut missed = Vec::new();
        for op in crate::api::ops::OPS {
            walk(&Shape::Structure(op.input), &mut missed);
            walk(op.output, &mut missed);
        }
        missed.sort_unstable();
        missed.dedup();
        assert!(missed.is_empty(), "sensitive members shown by --debug: {missed:?}");
    }

    #[test]
    fn authorization_keeps_its_scope_but_not_its_signature() {
        let v = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123";
        let shown = redact_header("Authorization", v);
        assert!(shown.contains("Credential=AKIDEXAMPLE/20261127"), "{shown}");
        assert!(!shown.contains("abcdef0123"), "{shown}");
        assert_eq!(redact_header("X-Amz-Security-Token", "FQoG"), REDACTED);
        assert_eq!(
            redact_header("Content-Type", "application/x-amz-json-1.1"),
            "application/x-amz-json-1.1"
        );
    }

    #[test]
    fn secret_values_are_those_the_trace_hides_and_long_enough_to_cut() {
        let body = br#"{"AuthParameters":{"USERNAME":"carol","PASSWORD":"p@ssw0rd","SECRET_HASH":"h4sh=="},
            "ChallengeResponses":{"SMS_MFA_CODE":123456,"ANSWER":"ab"},"Session":"AYABeC0ffee",
            "ClientMetadata":{"k":"visible"}}"#;
        assert_eq!(secret_values(body), ["AYABeC0ffee", "p@ssw0rd", "123456", "h4sh=="]);
        assert!(secret_values(b"not json").is_empty());
        let secrets = secret_values(body);
        assert_eq!(
            scrub("Session AYABeC0ffee for carol, code 123456 abc", &secrets),
            "Session <redacted> for carol, code <redacted> abc"
        );
        // Longest first: a secret inside another does not leave the rest of the longer one.
        let nested = secret_values(br#"{"Password":"abcd","NewPassword":"abcdefgh"}"#);
        assert_eq!(scrub("was abcdefgh", &nested), "was <redacted>");
    }

    /// cognito-identity: the tokens of `Logins` go, the provider names stay (they say which
    /// provider the pool was asked about); every credential of the answers goes.
    #[test]
    fn identity_pool_requests_and_answers_keep_only_what_is_not_secret() {
        let request = br#"{"IdentityPoolId":"us-east-1:0f1e2d3c","Logins":{"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC":"eyJraWQ.id-token.sig","token.actions.githubusercontent.com":"eyJhbGc.ci.sig"}}"#;
        let shown = redact_body(request);
        assert_eq!(
            shown,
            r#"{"IdentityPoolId":"us-east-1:0f1e2d3c","Logins":{"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC":"<redacted>","token.actions.githubusercontent.com":"<redacted>"}}"#
        );
        assert_eq!(
            secret_values(request),
            ["eyJraWQ.id-token.sig", "eyJhbGc.ci.sig"],
            "an error that echoes a login token has it cut out"
        );
        let answer = br#"{"Credentials":{"AccessKeyId":"ASIAIDPOOL","Expiration":1.7672292E9,"SecretKey":"wJalr/s3cr3t+KEY","SessionToken":"IQoJb3JpZ2lu"},"IdentityId":"us-east-1:0f1e"}"#;
        let shown = redact_body(answer);
        for secret in ["ASIAIDPOOL", "wJalr", "IQoJb3JpZ2lu"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(shown.contains(r#""IdentityId":"us-east-1:0f1e""#), "{shown}");
        let open_id = redact_body(br#"{"IdentityId":"us-east-1:0f1e","Token":"eyJraWQ.open-id.sig"}"#);
        assert!(!open_id.contains("open-id"), "{open_id}");
    }

    #[test]
    fn non_json_bodies_are_summarised() {
        assert_eq!(redact_body(b""), "(empty)");
        assert!(redact_body(b"<html>x</html>").starts_with("(14 bytes, not JSON)"));
    }
}
