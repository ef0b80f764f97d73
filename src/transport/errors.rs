//! Turns an error answer into `Error::Service` (when it names a code) or `Error::Http`.
//!
//! The JSON protocol names the error in `__type` (maybe as `namespace#Code`) or in the
//! `x-amzn-ErrorType` header (maybe as `Code:http://...`); gateways in front of the service
//! answer with XML (`<Code>SignatureDoesNotMatch</Code>`) or HTML pages instead.

use crate::error::Error;

pub(crate) fn error_from_response(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Error {
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
                code,
                message: crate::diagnostics::one_line(message, 500),
                status,
            };
        }
    }
    if let Some(code) = error_type_header.map(clean_code).filter(|c| !c.is_empty()) {
        return Error::Service {
            code,
            message: String::new(),
            status,
        };
    }
    if let Some(code) = xml_element(&text, "Code") {
        let message = xml_element(&text, "Message").unwrap_or_default();
        return Error::Service {
            code: clean_code(&code),
            message: format!("{} (HTTP {status})", crate::diagnostics::one_line(&message, 300))
                .trim_start()
                .to_string(),
            status,
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
    before_colon
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect()
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

    fn service(e: Error) -> (String, String, u16) {
        match e {
            Error::Service { code, message, status } => (code, message, status),
            other => panic!("expected a service error, got {other:?}"),
        }
    }

    #[test]
    fn json_type_and_message() {
        let body = br#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#;
        assert_eq!(
            service(error_from_response(400, None, body)),
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
        let (code, message, _) = service(error_from_response(400, None, body));
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("UserNotFoundException", "User does not exist.")
        );
    }

    #[test]
    fn header_only_error_type() {
        let e = error_from_response(
            400,
            Some("TooManyRequestsException:http://internal.amazon.com/coral/"),
            b"",
        );
        assert_eq!(service(e).0, "TooManyRequestsException");
        let e = error_from_response(
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
        let (code, message, status) = service(error_from_response(403, None, body));
        assert_eq!(code, "SignatureDoesNotMatch");
        assert_eq!(status, 403);
        assert!(message.starts_with("The request signature we calculated"), "{message}");
        assert!(message.ends_with("(HTTP 403)"), "{message}");
    }

    #[test]
    fn html_page_from_a_proxy_names_the_status_and_title() {
        let body = b"<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>";
        let e = error_from_response(502, None, body);
        assert_eq!(e.exit_code(), 255);
        assert_eq!(
            e.to_string(),
            "HTTP 502 from the service: an HTML page titled \"502 Bad Gateway\""
        );
    }

    #[test]
    fn garbage_is_excerpted_on_one_line() {
        let body = "oops\n\x1b[31mbroken\u{0}".repeat(40);
        let e = error_from_response(500, None, body.as_bytes());
        let s = e.to_string();
        assert!(
            s.starts_with("HTTP 500 from the service: \"oops [31mbroken oops"),
            "{s}"
        );
        assert!(!s.contains('\n') && !s.contains('\x1b'), "{s:?}");
        assert!(s.chars().count() < 200, "{s}");
        assert_eq!(
            error_from_response(503, None, b"").to_string(),
            "HTTP 503 from the service: an empty body"
        );
    }
}
