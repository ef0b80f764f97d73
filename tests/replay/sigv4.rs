//! Verifies the SigV4 header signature of a request, as the service would, with the fake
//! credentials the runner gives cogtok. Independent of cogtok's own signing code: it rebuilds
//! the canonical request from what arrived on the wire.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The fake credentials set when a fixture says `"credentials": true`.
pub const ACCESS_KEY: &str = "AKIDREPLAYEXAMPLE0000";
pub const SECRET_KEY: &str = "replay+fake/secret/KEY/never/valid/EXAMPLE00";
pub const REGION: &str = "us-east-1";
const SERVICE: &str = "cognito-idp";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], msg: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct Authorization<'a> {
    key: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix("AWS4-HMAC-SHA256 Credential=")?;
    let (credential, rest) = rest.split_once(", SignedHeaders=")?;
    let (signed_headers, signature) = rest.split_once(", Signature=")?;
    let mut scope = credential.split('/');
    let (key, date, region, service, terminator) = (
        scope.next()?,
        scope.next()?,
        scope.next()?,
        scope.next()?,
        scope.next()?,
    );
    let well_formed = scope.next().is_none()
        && terminator == "aws4_request"
        && date.len() == 8
        && date.bytes().all(|b| b.is_ascii_digit())
        && signature.len() == 64
        && signature
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && !signed_headers.is_empty()
        && signed_headers
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b';');
    well_formed.then_some(Authorization {
        key,
        date,
        region,
        service,
        signed_headers,
        signature,
    })
}

/// Problems with the request's signature; empty when it verifies. `headers` are the request's
/// headers with lowercase names (values of repeated headers joined by ",").
pub fn check(method: &str, path: &str, headers: &[(String, String)], body: &[u8]) -> Vec<String> {
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let Some(auth_value) = get("authorization") else {
        return vec!["signed request: no Authorization header".into()];
    };
    let Some(auth) = parse_authorization(auth_value) else {
        return vec![format!("signed request: malformed Authorization header {auth_value:?}")];
    };
    let mut out = Vec::new();
    if auth.key != ACCESS_KEY {
        out.push(format!(
            "signed request: credential key {:?}, expected {ACCESS_KEY:?}",
            auth.key
        ));
    }
    if auth.region != REGION {
        out.push(format!("signed request: region {:?}, expected {REGION:?}", auth.region));
    }
    if auth.service != SERVICE {
        out.push(format!(
            "signed request: service {:?}, expected {SERVICE:?}",
            auth.service
        ));
    }
    let amz_date = get("x-amz-date").unwrap_or("");
    let d = amz_date.as_bytes();
    let date_ok = d.len() == 16
        && d[..8].iter().all(u8::is_ascii_digit)
        && d[8] == b'T'
        && d[9..15].iter().all(u8::is_ascii_digit)
        && d[15] == b'Z';
    if !date_ok {
        out.push(format!(
            "signed request: X-Amz-Date {amz_date:?} is not YYYYMMDDTHHMMSSZ"
        ));
        return out;
    }
    if &amz_date[..8] != auth.date {
        out.push(format!(
            "signed request: credential date {} differs from X-Amz-Date {amz_date}",
            auth.date
        ));
    }
    let names: Vec<&str> = auth.signed_headers.split(';').collect();
    for required in ["content-type", "host", "x-amz-date", "x-amz-target"] {
        if !names.contains(&required) {
            out.push(format!(
                "signed request: SignedHeaders {:?} lacks {required}",
                auth.signed_headers
            ));
        }
    }
    let mut sorted = names.clone();
    sorted.sort_unstable();
    if sorted != names {
        out.push(format!(
            "signed request: SignedHeaders {:?} is not sorted",
            auth.signed_headers
        ));
    }
    let mut canonical_headers = String::new();
    for name in &names {
        let Some(value) = get(name) else {
            out.push(format!("signed request: signed header {name} was not sent"));
            return out;
        };
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let payload_hash = match get("x-amz-content-sha256") {
        Some(h) => h.to_string(),
        None => hex(&Sha256::digest(body)),
    };
    let canonical = format!(
        "{method}\n{path}\n\n{canonical_headers}\n{}\n{payload_hash}",
        auth.signed_headers
    );
    let scope = format!("{}/{}/{}/aws4_request", auth.date, auth.region, auth.service);
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{SECRET_KEY}").as_bytes(), auth.date);
    for part in [auth.region, auth.service, "aws4_request"] {
        key = hmac(&key, part);
    }
    let want = hex(&hmac(&key, &to_sign));
    if want != auth.signature {
        out.push(
            "signed request: the signature does not verify with the fake secret key (canonical request below)".into(),
        );
        out.push(format!("canonical request:\n{canonical}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request signed by botocore (`SigV4Auth(creds, "cognito-idp", "us-east-1")`) with the
    /// fake credentials: an independent implementation's answer.
    fn botocore_vector() -> (Vec<(String, String)>, &'static [u8]) {
        let headers = [
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amz-target", "AWSCognitoIdentityProviderService.AdminGetUser"),
            ("user-agent", "cogtok/0.1.0"),
            ("x-amz-date", "20261127T163207Z"),
            ("host", "127.0.0.1:45678"),
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDREPLAYEXAMPLE0000/20261127/us-east-1/cognito-idp/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
                 Signature=49150fc0bdee95622dc59d9c6c87a54d58c3fdab500d1495f8d3c5d5a5c46ef2",
            ),
        ];
        let headers = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        (headers, br#"{"UserPoolId":"us-east-1_Example1","Username":"alice"}"#)
    }

    #[test]
    fn verifies_a_botocore_signature() {
        let (headers, body) = botocore_vector();
        assert_eq!(check("POST", "/", &headers, body), Vec::<String>::new());
    }

    #[test]
    fn rejects_a_changed_body_host_or_target() {
        let (headers, body) = botocore_vector();
        assert!(!check(
            "POST",
            "/",
            &headers,
            br#"{"UserPoolId":"us-east-1_Example1","Username":"bob"}"#
        )
        .is_empty());
        for (name, value) in [
            ("host", "127.0.0.1"),
            ("x-amz-target", "AWSCognitoIdentityProviderService.AdminDeleteUser"),
        ] {
            let changed: Vec<(String, String)> = headers
                .iter()
                .map(|(k, v)| (k.clone(), if k == name { value.to_string() } else { v.clone() }))
                .collect();
            assert!(!check("POST", "/", &changed, body).is_empty(), "{name}");
        }
    }

    #[test]
    fn rejects_missing_or_malformed_authorization() {
        let (headers, body) = botocore_vector();
        let without: Vec<_> = headers.iter().filter(|(k, _)| k != "authorization").cloned().collect();
        assert_eq!(
            check("POST", "/", &without, body),
            vec!["signed request: no Authorization header".to_string()]
        );
        let malformed: Vec<_> = headers
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    if k == "authorization" {
                        "AWS4-HMAC-SHA256 nonsense".to_string()
                    } else {
                        v.clone()
                    },
                )
            })
            .collect();
        assert!(check("POST", "/", &malformed, body)[0].contains("malformed"));
    }
}
