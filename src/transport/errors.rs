//! Turns an error answer into `Error::Service` (when it names a code) or `Error::Http`.
//!
//! The JSON protocol names the error in `__type` (maybe as `namespace#Code`) or in the
//! `x-amzn-ErrorType` header (maybe as `Code:http://...`); gateways in front of the service
//! answer with XML (`<Code>SignatureDoesNotMatch</Code>`) or HTML pages instead.
//!
//! Whatever text of the answer goes into the error is first cut of every secret the request
//! carried (`redact::scrub`), and the sign-in errors whose words do not say what to do get a
//! hint.

use std::cell::OnceCell;

use serde_json::Value;

use crate::error::Error;
use crate::http::redact;

/// The sign-in operations: those whose `NotAuthorizedException` means a refused password or
/// session rather than refused credentials.
const SIGN_IN_OPERATIONS: &[&str] = &[
    "InitiateAuth",
    "AdminInitiateAuth",
    "RespondToAuthChallenge",
    "AdminRespondToAuthChallenge",
];

const PASSWORD_HINT: &str = "wrong password, or the user is disabled or unconfirmed";
const USER_NOT_FOUND_HINT: &str = "no user by that name in this user pool: check the user name and --user-pool-id";
const SESSION_HINT: &str = "the session expired or was already used: sign in again; sessions last 3 minutes by default";

/// What was sent, as much as reading an error answer needs: the operation, the request (to
/// explain the error) and its secret values (to redact them). The request is read only when an
/// error answer needs it: for a success (nearly every request of a `mint` run) that reading was
/// a twentieth of the CPU of a sign-in.
pub(crate) struct Sent<'a> {
    pub(crate) operation: &'a str,
    body: &'a [u8],
    read: OnceCell<(Value, Vec<String>)>,
}

impl<'a> Sent<'a> {
    pub(crate) fn new(operation: &'a str, body: &'a [u8]) -> Self {
        Sent {
            operation,
            body,
            read: OnceCell::new(),
        }
    }

    /// The request as JSON (Null when it is not) and its secret values.
    fn read(&self) -> &(Value, Vec<String>) {
        self.read.get_or_init(|| {
            (
                serde_json::from_slice(self.body).unwrap_or(Value::Null),
                redact::secret_values(self.body),
            )
        })
    }

    /// `text` with every secret of the request redacted.
    pub(crate) fn scrub(&self, text: &str) -> String {
        redact::scrub(text, &self.read().1)
    }

    /// A string value of the request: `path` is member names, outermost first.
    fn value(&self, path: &[&str]) -> Option<&str> {
        path.iter()
            .try_fold(&self.read().0, |v, name| v.get(name))
            .and_then(Value::as_str)
    }

    /// What a sign-in error means, when the service's `message` (unredacted) does not say.
    fn hint(&self, code: &str, message: &str) -> Option<&'static str> {
        if !SIGN_IN_OPERATIONS.contains(&self.operation) {
            return None;
        }
        let lower = message.to_ascii_lowercase();
        let responds = self.operation.ends_with("RespondToAuthChallenge");
        let names_the_session = lower.contains("session")
            || self
                .value(&["Session"])
                .is_some_and(|s| !s.is_empty() && message.contains(s));
        let usernames = [
            self.value(&["AuthParameters", "USERNAME"]),
            self.value(&["ChallengeResponses", "USERNAME"]),
        ];
        let is_the_username = usernames.iter().flatten().any(|u| message.trim() == *u);
        match code {
            "NotAuthorizedException" if names_the_session => Some(SESSION_HINT),
            // Some servers (cognito-local) answer a wrong password with the user name alone.
            "NotAuthorizedException" if lower.contains("incorrect username or password") || is_the_username => {
                Some(PASSWORD_HINT)
            }
            "UserNotFoundException" => Some(USER_NOT_FOUND_HINT),
            "ResourceNotFoundException" if responds && names_the_session => Some(SESSION_HINT),
            _ => None,
        }
    }
}

pub(crate) fn error_from_response(status: u16, error_type_header: Option<&str>, body: &[u8], sent: &Sent) -> Error {
    let text = String::from_utf8_lossy(body);
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
        let code = map
            .get("__type")
            .or_else(|| map.get("code"))
            .or_else(|| map.get("Code"))
            .and_then(|v| v.as_str())
            .or(error_type_header);
        let message = ["message", "Message", "errorMessage"]
            .iter()
            .find_map(|k| map.get(*k).and_then(|v| v.as_str()))
            .unwrap_or("");
        if let Some(code) = code.map(clean_code).filter(|c| !c.is_empty()) {
            return Error::Service {
                hint: sent.hint(&code, message),
                code,
                // Redacted before it is cut, so that no part of a secret is left at the cut.
                message: crate::diagnostics::one_line(&sent.scrub(message), 500),
                status,
            };
        }
    }
    if let Some(code) = error_type_header.map(clean_code).filter(|c| !c.is_empty()) {
        return Error::Service {
            hint: sent.hint(&code, ""),
            code,
            message: String::new(),
            status,
        };
    }
    let text = sent.scrub(&text);
    if let Some(code) = xml_element(&text, "Code") {
        let message = xml_element(&text, "Message").unwrap_or_default();
        return Error::Service {
            code: clean_code(&code),
            message: format!("{} (HTTP {status})", crate::diagnostics::one_line(&message, 300))
                .trim_start()
                .to_string(),
            status,
            hint: None,
        };
    }
    let detail = if let Some(title) = xml_element(&text, "title") {
        format!("an HTML page titled {:?}", crate::diagnostics::one_line(&title, 120))
    } else if text.trim().is_empty() {
        "an empty body".to_string()
    } else {
        format!("{:?}", crate::diagnostics::one_line(&text, 120))
    };
    Error::Http { status, detail }
}

/// `com.amazonaws.cognito.identity.idp.model#NotAuthorizedException` → `NotAuthorizedException`;
/// `NotAuthorizedException:http://internal.amazon.com/...` → `NotAuthorizedException`.
fn clean_code(raw: &str) -> String {
    let after_hash = raw.rsplit('#').next().unwrap_or(raw);
    let before_colon = after_hash.split(':').next().unwrap_or(after_hash);
    let code: String = before_colon
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    // Cognito's longest code is under 50 characters; a hostile server's may be any length.
    crate::quote::shortened_long(&code).into_owned()
}

/// The text of the first `<name>…</name>` element, if any (enough for AWS error XML and titles).
fn xml_element(text: &str, name: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let open = format!("<{}>", name.to_ascii_lowercase());
    let close = format!("</{}>", name.to_ascii_lowercase());
    let start = lower.find(&open)? + open.len();
    let end = start + lower[start..].find(&close)?;
    let inner = text.get(start..end)?.trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error answer to an operation that is not a sign-in, for a request without secrets.
    fn answer(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Error {
        error_from_response(status, error_type_header, body, &Sent::new("AdminGetUser", b"{}"))
    }

    /// The line the user sees for an error answer `body` to `operation` sent with `request`.
    fn shown(operation: &str, request: &str, body: &str) -> String {
        let sent = Sent::new(operation, request.as_bytes());
        let e = error_from_response(400, None, body.as_bytes(), &sent);
        assert!(matches!(e, Error::Service { .. }), "{e:?}");
        e.to_string()
    }

    #[test]
    fn every_secret_the_request_carried_is_redacted_from_the_message() {
        let cases = [
            (
                "RespondToAuthChallenge",
                r#"{"Session":"164a672b-9f0e-4c3b-8d21-5e7a9b0c1d2e"}"#,
                "164a672b-9f0e-4c3b-8d21-5e7a9b0c1d2e",
            ),
            (
                "GetUser",
                r#"{"AccessToken":"eyJraWQiOiJ4In0.eyJzdWIiOiJ5In0.c2ln"}"#,
                "eyJraWQiOiJ4In0.eyJzdWIiOiJ5In0.c2ln",
            ),
            (
                "InitiateAuth",
                r#"{"AuthFlow":"REFRESH_TOKEN_AUTH","AuthParameters":{"REFRESH_TOKEN":"eyJjdHkiOiJKV1QifQ.a.b.c.d"}}"#,
                "eyJjdHkiOiJKV1QifQ.a.b.c.d",
            ),
            (
                "AdminSetUserPassword",
                r#"{"Username":"carol","Password":"fake-Passw0rd"}"#,
                "fake-Passw0rd",
            ),
            (
                "RespondToAuthChallenge",
                r#"{"ChallengeResponses":{"USERNAME":"carol","NEW_PASSWORD":"fake-N3w-Passw0rd"}}"#,
                "fake-N3w-Passw0rd",
            ),
            ("VerifySoftwareToken", r#"{"UserCode":"123456"}"#, "123456"),
            (
                "RespondToAuthChallenge",
                r#"{"ChallengeResponses":{"SMS_MFA_CODE":"654321"}}"#,
                "654321",
            ),
            (
                "SignUp",
                r#"{"Username":"carol","SecretHash":"q1Zb9xv3Xh+0v1gP3nJmJ7w2aQ7oE2c1f4hJpQ0zZ9E="}"#,
                "q1Zb9xv3Xh+0v1gP3nJmJ7w2aQ7oE2c1f4hJpQ0zZ9E=",
            ),
            (
                "InitiateAuth",
                r#"{"AuthParameters":{"USERNAME":"carol","SECRET_HASH":"dGhpcyBpcyBub3QgYSBoYXNo"}}"#,
                "dGhpcyBpcyBub3QgYSBoYXNo",
            ),
        ];
        for (operation, request, secret) in cases {
            let body = format!(r#"{{"__type":"InvalidParameterException","message":"bad value {secret} for carol"}}"#);
            let line = shown(operation, request, &body);
            assert!(!line.contains(secret), "{operation}: {line}");
            assert!(line.contains("bad value <redacted> for carol"), "{operation}: {line}");
        }
    }

    #[test]
    fn secrets_are_redacted_from_xml_and_unreadable_answers_too() {
        let sent = Sent::new("GetUser", br#"{"AccessToken":"eyJ.secret.token"}"#);
        let xml = b"<Error><Code>AccessDenied</Code><Message>token eyJ.secret.token refused</Message></Error>";
        let e = error_from_response(403, None, xml, &sent);
        assert_eq!(e.to_string(), "AccessDenied: token <redacted> refused (HTTP 403)");
        let e = error_from_response(500, None, b"crash on eyJ.secret.token", &sent);
        assert!(!e.to_string().contains("eyJ.secret"), "{e}");
    }

    #[test]
    fn a_secret_cut_by_the_length_limit_is_redacted_whole() {
        let session = "S".repeat(40);
        let request = format!(r#"{{"Session":"{session}"}}"#);
        let body = format!(r#"{{"__type":"X","message":"{}{session}"}}"#, "a".repeat(480));
        let line = shown("GetUser", &request, &body);
        assert!(!line.contains("SSSS"), "{line}");
    }

    #[test]
    fn a_refused_password_says_what_it_may_mean() {
        let request = r#"{"AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"carol@example.com","PASSWORD":"fake-Passw0rd"}}"#;
        for operation in ["InitiateAuth", "AdminInitiateAuth"] {
            assert_eq!(
                shown(operation, request, r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#),
                "NotAuthorizedException: Incorrect username or password. (wrong password, or the user is disabled or unconfirmed)"
            );
            // cognito-local's answer: the user name alone.
            assert_eq!(
                shown(
                    operation,
                    request,
                    r#"{"__type":"NotAuthorizedException","message":"carol@example.com"}"#
                ),
                "NotAuthorizedException: carol@example.com (wrong password, or the user is disabled or unconfirmed)"
            );
        }
        // SRP: the password is checked in the answer to PASSWORD_VERIFIER.
        let verifier = r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeResponses":{"USERNAME":"carol","PASSWORD_CLAIM_SIGNATURE":"c2lnbmF0dXJl"}}"#;
        assert!(shown(
            "RespondToAuthChallenge",
            verifier,
            r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#
        )
        .ends_with("(wrong password, or the user is disabled or unconfirmed)"));
        // Other refusals say what they are already; and outside the sign-in, no hint.
        for (operation, message) in [
            (
                "InitiateAuth",
                "Unable to verify secret hash for client 3n4b5urk1ft4fl3mg5e62d9ado",
            ),
            ("InitiateAuth", "Refresh Token has expired"),
            ("GetUser", "Incorrect username or password."),
        ] {
            let body = format!(r#"{{"__type":"NotAuthorizedException","message":"{message}"}}"#);
            assert_eq!(
                shown(operation, request, &body),
                format!("NotAuthorizedException: {message}")
            );
        }
    }

    #[test]
    fn an_unknown_user_and_an_old_session_say_what_to_do() {
        let request = r#"{"AuthParameters":{"USERNAME":"nobody"}}"#;
        assert_eq!(
            shown("AdminInitiateAuth", request, r#"{"__type":"UserNotFoundException","message":"User does not exist."}"#),
            "UserNotFoundException: User does not exist. (no user by that name in this user pool: check the user name and --user-pool-id)"
        );
        let session = "164a672b-9f0e-4c3b-8d21-5e7a9b0c1d2e";
        let request = format!(r#"{{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"{session}"}}"#);
        for operation in ["RespondToAuthChallenge", "AdminRespondToAuthChallenge"] {
            let body = format!(r#"{{"__type":"ResourceNotFoundException","message":"{session}"}}"#);
            assert_eq!(
                shown(operation, &request, &body),
                "ResourceNotFoundException: <redacted> (the session expired or was already used: sign in again; sessions last 3 minutes by default)"
            );
            let body =
                r#"{"__type":"NotAuthorizedException","message":"Invalid session for the user, session is expired."}"#;
            assert!(shown(operation, &request, body).ends_with("sessions last 3 minutes by default)"));
        }
        // A pool or client that does not exist is not a session's fault.
        let body = r#"{"__type":"ResourceNotFoundException","message":"User pool client abc does not exist."}"#;
        assert_eq!(
            shown("RespondToAuthChallenge", &request, body),
            "ResourceNotFoundException: User pool client abc does not exist."
        );
    }

    fn service(e: Error) -> (String, String, u16) {
        match e {
            Error::Service {
                code, message, status, ..
            } => (code, message, status),
            other => panic!("expected a service error, got {other:?}"),
        }
    }

    #[test]
    fn json_type_and_message() {
        let body = br#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#;
        assert_eq!(
            service(answer(400, None, body)),
            (
                "NotAuthorizedException".into(),
                "Incorrect username or password.".into(),
                400
            )
        );
    }

    #[test]
    fn namespaced_type_and_capitalised_message() {
        let body = br#"{"__type":"com.amazonaws.cognito.identity.idp.model#UserNotFoundException","Message":"User does not exist."}"#;
        let (code, message, _) = service(answer(400, None, body));
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("UserNotFoundException", "User does not exist.")
        );
    }

    #[test]
    fn header_only_error_type() {
        let e = answer(
            400,
            Some("TooManyRequestsException:http://internal.amazon.com/coral/"),
            b"",
        );
        assert_eq!(service(e).0, "TooManyRequestsException");
        let e = answer(
            400,
            Some("ResourceNotFoundException"),
            br#"{"message":"User pool us-east-1_x does not exist."}"#,
        );
        assert_eq!(
            service(e),
            (
                "ResourceNotFoundException".into(),
                "User pool us-east-1_x does not exist.".into(),
                400
            )
        );
    }

    #[test]
    fn xml_signature_error_from_an_auth_layer() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>
<Message>The request signature we calculated does not match the signature you provided.</Message></Error></ErrorResponse>"#;
        let (code, message, status) = service(answer(403, None, body));
        assert_eq!(code, "SignatureDoesNotMatch");
        assert_eq!(status, 403);
        assert!(message.starts_with("The request signature we calculated"), "{message}");
        assert!(message.ends_with("(HTTP 403)"), "{message}");
    }

    #[test]
    fn html_page_from_a_proxy_names_the_status_and_title() {
        let body = b"<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>";
        let e = answer(502, None, body);
        // Still an error answer, as botocore reads it: 254, as AWS CLI v2 exits.
        assert_eq!(e.exit_code(), 254);
        assert_eq!(
            e.to_string(),
            "HTTP 502 from the service: an HTML page titled \"502 Bad Gateway\""
        );
    }

    #[test]
    fn garbage_is_excerpted_on_one_line() {
        let body = "oops\n\x1b[31mbroken\u{0}".repeat(40);
        let e = answer(500, None, body.as_bytes());
        let s = e.to_string();
        assert!(
            s.starts_with("HTTP 500 from the service: \"oops [31mbroken oops"),
            "{s}"
        );
        assert!(!s.contains('\n') && !s.contains('\x1b'), "{s:?}");
        assert!(s.chars().count() < 200, "{s}");
        assert_eq!(
            answer(503, None, b"").to_string(),
            "HTTP 503 from the service: an empty body"
        );
    }
}
