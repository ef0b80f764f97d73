//! The cognito-idp JSON protocol client: one `Client::call(operation, body)` that signs when the
//! API requires it, sends with timeouts, retries what is safe to retry for that operation, caps
//! the answer and turns error answers into `Error`s.
//!
//! Requests are `POST /` with `Content-Type: application/x-amz-json-1.1` and
//! `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`.

mod errors;
mod network;
mod redact;
pub(crate) mod sigv4;
mod tls;

use std::cell::OnceCell;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;

use crate::api::ops::UNSIGNED_OPERATIONS;
use crate::config::endpoint::shown;
use crate::config::Settings;
use crate::error::{Error, NetworkKind, ProtocolKind, Result};

const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService";
const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
const USER_AGENT: &str = concat!("cogtok/", env!("CARGO_PKG_VERSION"));
/// Cognito's answers are a few KiB; anything much larger is not a Cognito answer.
const MAX_BODY: usize = 1 << 20;

/// Whether `operation` must be SigV4-signed: all but the ones the API model marks unsigned
/// (the generated `UNSIGNED_OPERATIONS`, sorted).
pub(crate) fn is_signed(operation: &str) -> bool {
    UNSIGNED_OPERATIONS.binary_search(&operation).is_err()
}

/// Error codes that mean "slow down": retried with backoff, as the AWS SDKs' standard mode does.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
];

pub(crate) struct Client<'s> {
    settings: &'s Settings,
    http: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    url: reqwest::Url,
    credentials: OnceCell<Credentials>,
}

impl<'s> Client<'s> {
    pub(crate) fn new(settings: &'s Settings) -> Result<Self> {
        let url =
            reqwest::Url::parse(&settings.endpoint).map_err(|e| Error::config(format!("invalid endpoint URL: {e}")))?;
        let mut builder = reqwest::Client::builder();
        // A zero timeout is the AWS CLI's "none".
        if !settings.connect_timeout.is_zero() {
            builder = builder.connect_timeout(settings.connect_timeout);
        }
        if !settings.read_timeout.is_zero() {
            builder = builder.read_timeout(settings.read_timeout);
        }
        let http = builder
            .use_preconfigured_tls(tls::client_config(settings.ca_bundle.as_deref())?)
            .user_agent(USER_AGENT)
            .dns_resolver(Arc::new(network::SystemResolver))
            // The JSON protocol never redirects: a redirect is a proxy's or a portal's, not Cognito's.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::io("cannot start the I/O runtime", &e))?;
        Ok(Client {
            settings,
            http,
            runtime,
            url,
            credentials: OnceCell::new(),
        })
    }

    /// Sends `request` as JSON and reads the answer as `T`.
    pub(crate) fn call_json<T: serde::de::DeserializeOwned>(
        &self,
        operation: &str,
        request: &impl serde::Serialize,
    ) -> Result<T> {
        let body = serde_json::to_vec(request)
            .map_err(|e| Error::protocol(ProtocolKind::Encode, format!("cannot encode the request: {e}")))?;
        serde_json::from_slice(&self.call(operation, &body)?)
            .map_err(|e| Error::bad_answer(format!("{operation}: {e}")))
    }

    /// Sends `operation` with the JSON `body` and returns the JSON answer's bytes.
    pub(crate) fn call(&self, operation: &str, body: &[u8]) -> Result<Vec<u8>> {
        let signed = is_signed(operation);
        // Credentials are resolved before the first signed request only: unsigned flows
        // never look at ~/.aws.
        let credentials = if signed { Some(self.credentials()?) } else { None };
        let max_attempts = self.settings.max_attempts;
        let mut attempt = 1;
        loop {
            let result = self.runtime.block_on(self.send_once(operation, credentials, body));
            match result {
                Err(e) if attempt < max_attempts && is_retryable(operation, &e) => {
                    let delay = backoff(attempt);
                    self.trace(format_args!(
                        "attempt {attempt} failed ({e}); retrying in {} ms",
                        delay.as_millis()
                    ));
                    self.runtime.block_on(async { tokio::time::sleep(delay).await });
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    fn credentials(&self) -> Result<&Credentials> {
        if let Some(c) = self.credentials.get() {
            return Ok(c);
        }
        let resolved = crate::credentials::resolve(self.settings)?;
        Ok(self.credentials.get_or_init(|| resolved))
    }

    async fn send_once(&self, operation: &str, credentials: Option<&Credentials>, body: &[u8]) -> Result<Vec<u8>> {
        let target = format!("{TARGET_PREFIX}.{operation}");
        let mut headers: Vec<(String, String)> = vec![
            ("content-type".into(), CONTENT_TYPE.into()),
            ("x-amz-target".into(), target),
        ];
        if let Some(creds) = credentials {
            let unsigned: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let signature = sigv4::sign_headers(
                creds,
                &self.settings.region,
                SystemTime::now(),
                "POST",
                self.url.as_str(),
                &unsigned,
                body,
            )?;
            headers.extend(signature);
        }
        if self.settings.debug {
            self.trace(format_args!("> POST {}", shown(&self.url)));
            self.trace(format_args!("> user-agent: {USER_AGENT}"));
            for (k, v) in &headers {
                self.trace(format_args!("> {k}: {}", redact::redact_header(k, v)));
            }
            self.trace(format_args!("> body: {}", redact::redact_body(body)));
        }
        let mut request = self.http.post(self.url.clone()).body(body.to_vec());
        for (k, v) in &headers {
            request = request.header(k.as_str(), v.as_str());
        }
        let started = Instant::now();
        let mut response = request.send().await.map_err(|e| network_error(&e, self.settings))?;
        let status = response.status().as_u16();
        let error_type = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut answer = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| network_error(&e, self.settings))? {
            if answer.len() + chunk.len() > MAX_BODY {
                return Err(Error::protocol(
                    ProtocolKind::BodyTooLarge,
                    format!("the answer is larger than {} KiB", MAX_BODY / 1024),
                ));
            }
            answer.extend_from_slice(&chunk);
        }
        if self.settings.debug {
            self.trace(format_args!("< {status} after {} ms", started.elapsed().as_millis()));
            for (k, v) in response.headers() {
                let v = String::from_utf8_lossy(v.as_bytes());
                self.trace(format_args!("< {k}: {}", redact::redact_header(k.as_str(), &v)));
            }
            self.trace(format_args!("< body: {}", redact::redact_body(&answer)));
        }
        if (200..300).contains(&status) {
            if answer.iter().all(u8::is_ascii_whitespace) {
                answer = b"{}".to_vec();
            }
            // A success status with a body that is not JSON is a proxy or a captive portal,
            // not Cognito: say so with the status, before any caller tries to read it.
            if serde_json::from_slice::<serde::de::IgnoredAny>(&answer).is_err() {
                let excerpt = errors::one_line(&String::from_utf8_lossy(&answer), 120);
                return Err(Error::protocol(
                    ProtocolKind::NotJson,
                    format!("HTTP {status} with a body that is not JSON: {excerpt:?}"),
                ));
            }
            return Ok(answer);
        }
        Err(errors::error_from_response(status, error_type.as_deref(), &answer))
    }

    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if self.settings.debug {
            crate::diagnostics::debug(line);
        }
    }
}

fn network_error(e: &reqwest::Error, settings: &Settings) -> Error {
    // reqwest's Display stops at "error sending request"; the cause chain says why.
    let mut detail = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !detail.contains(&text) {
            if !detail.is_empty() {
                detail.push_str(": ");
            }
            detail.push_str(&text);
        }
        source = s.source();
    }
    // reqwest's errors name the URL: shown without userinfo, query or fragment, as everywhere.
    if let Some(url) = e.url() {
        detail = detail.replace(url.as_str(), &shown(url));
    }
    let kind = network::classify(e);
    let detail = if kind == NetworkKind::Timeout {
        let which = if e.is_connect() {
            settings.connect_timeout
        } else {
            settings.read_timeout
        };
        format!("timed out after {} s ({detail})", which.as_secs_f64())
    } else {
        errors::one_line(&detail, 400)
    };
    Error::Network { kind, detail }
}

/// Operations that use something up (a session, a one-time code, a refresh token under
/// rotation) or create something: after a 500, 502 or 504 the first attempt may have done its
/// work, and a second would fail for that reason alone.
const CONSUMING_OPERATIONS: &[&str] = &[
    "RespondToAuthChallenge",
    "AdminRespondToAuthChallenge",
    "VerifySoftwareToken",
    "AssociateSoftwareToken",
    "AdminCreateUser",
    "SignUp",
    "ConfirmSignUp",
    "AdminConfirmSignUp",
    "GetTokensFromRefreshToken",
    "ConfirmDevice",
];

/// Whether `e` is worth another attempt of `operation`. Throttling, 503, an unresolved name and
/// a refused connection mean the request was not served, so every operation retries them;
/// other server errors only where doing the work twice is harmless.
fn is_retryable(operation: &str, e: &Error) -> bool {
    let repeatable = !CONSUMING_OPERATIONS.contains(&operation);
    let server_error = |status: u16| status == 503 || (repeatable && matches!(status, 500 | 502 | 504));
    match e {
        Error::Service { code, status, .. } => THROTTLING_CODES.contains(&code.as_str()) || server_error(*status),
        Error::Http { status, .. } => server_error(*status),
        // The request was never sent, so a retry cannot repeat it. A timeout or a broken
        // connection may come after the service did the work.
        Error::Network { kind, .. } => matches!(kind, NetworkKind::Refused | NetworkKind::Dns),
        _ => false,
    }
}

/// Exponential backoff with full jitter (the AWS SDKs' standard mode), capped at 20 s.
fn backoff(attempt: u32) -> Duration {
    // The jitter needs no strength: without random bytes it is simply no wait.
    let mut bytes = [0u8; 2];
    let _ = getrandom::getrandom(&mut bytes);
    let fraction = f64::from(u16::from_ne_bytes(bytes)) / f64::from(u16::MAX);
    let base = 2f64.powi(attempt as i32 - 1).min(20.0);
    Duration::from_secs_f64(fraction * base)
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;
    use crate::config::Env;
    use crate::config::Overrides;

    /// Settings for a local test server at `endpoint`, with one attempt: the tests that use it
    /// are about what one failure is, not about the retries.
    fn local_settings(endpoint: &str, read_timeout: Duration) -> Settings {
        let globals = Overrides {
            region: Some("us-east-1".into()),
            endpoint_url: Some(endpoint.into()),
            connect_timeout: Some(Duration::from_secs(10)),
            read_timeout: Some(read_timeout),
            ..Overrides::default()
        };
        let mut settings = Settings::resolve(&globals, Env::from_pairs(&[("HOME", "/nonexistent")]), None).unwrap();
        settings.max_attempts = 1;
        settings
    }

    /// The error of one `InitiateAuth` (unsigned: no credentials are looked for) to `endpoint`,
    /// checked to be one line.
    fn call_error(endpoint: &str, read_timeout: Duration) -> Error {
        let settings = local_settings(endpoint, read_timeout);
        let client = Client::new(&settings).unwrap();
        let e = client.call("InitiateAuth", b"{}").expect_err("the call should fail");
        assert!(!e.to_string().contains('\n'), "{e:?}");
        e
    }

    /// The kind and message of a network failure of one call to `endpoint`.
    pub(super) fn failure(endpoint: &str, read_timeout: Duration) -> (NetworkKind, String) {
        match call_error(endpoint, read_timeout) {
            e @ Error::Network { kind, .. } => (kind, e.to_string()),
            other => panic!("expected a network error, got {other:?}"),
        }
    }

    /// A local server that reads one request and writes `answer` on one connection.
    pub(super) fn serve_once(answer: Vec<u8>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(&answer);
            }
        });
        format!("http://127.0.0.1:{port}")
    }

    fn protocol_kind(e: Error) -> ProtocolKind {
        match e {
            Error::Protocol { kind, .. } => kind,
            other => panic!("expected a protocol error, got {other:?}"),
        }
    }

    #[test]
    fn an_oversized_answer_is_body_too_large() {
        let mut answer = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", MAX_BODY + 2).into_bytes();
        answer.extend(std::iter::repeat_n(b' ', MAX_BODY + 2));
        let e = call_error(&serve_once(answer), Duration::from_secs(5));
        assert_eq!(
            e.to_string(),
            "unexpected answer from the service: the answer is larger than 1024 KiB"
        );
        assert_eq!(protocol_kind(e), ProtocolKind::BodyTooLarge);
    }

    #[test]
    fn a_success_that_is_not_json_is_not_json() {
        let page = "<html><title>Sign in to the Wi-Fi</title></html>";
        let answer = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{page}", page.len());
        let e = call_error(&serve_once(answer.into_bytes()), Duration::from_secs(5));
        assert!(e.to_string().contains("HTTP 200 with a body that is not JSON"), "{e}");
        assert_eq!(protocol_kind(e), ProtocolKind::NotJson);
    }

    #[test]
    fn unsigned_operations_are_sorted_for_the_binary_search() {
        // The list itself comes from the model (tools/gen_ops.py; CI runs `--check`).
        assert!(UNSIGNED_OPERATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_signed("AdminInitiateAuth"));
        assert!(!is_signed("InitiateAuth"));
        assert!(!is_signed("VerifySoftwareToken"));
    }

    #[test]
    fn the_generated_commands_agree_on_signing() {
        for op in crate::api::ops::OPS {
            assert_eq!(op.signed, is_signed(op.operation), "{}", op.command);
        }
    }

    #[test]
    fn retries_throttling_and_gateway_errors_but_not_client_errors() {
        let service = |code: &str, status| Error::Service {
            code: code.into(),
            message: String::new(),
            status,
        };
        let http = |status| Error::Http {
            status,
            detail: String::new(),
        };
        assert!(is_retryable(
            "AdminInitiateAuth",
            &service("TooManyRequestsException", 400)
        ));
        assert!(is_retryable(
            "AdminInitiateAuth",
            &service("InternalErrorException", 500)
        ));
        assert!(is_retryable("AdminInitiateAuth", &http(502)));
        assert!(!is_retryable(
            "AdminInitiateAuth",
            &service("NotAuthorizedException", 400)
        ));
        assert!(!is_retryable("AdminInitiateAuth", &http(403)));
        let network = |kind| Error::Network {
            kind,
            detail: String::new(),
        };
        for kind in [
            NetworkKind::Connect,
            NetworkKind::Timeout,
            NetworkKind::Tls,
            NetworkKind::Disconnected,
            NetworkKind::Other,
        ] {
            assert!(!is_retryable("AdminInitiateAuth", &network(kind)), "{kind:?}");
        }
        assert!(is_retryable("AdminInitiateAuth", &network(NetworkKind::Dns)));
        // A session or a code may already be used up by the first attempt.
        assert!(!is_retryable("RespondToAuthChallenge", &http(502)));
        assert!(!is_retryable(
            "VerifySoftwareToken",
            &service("InternalErrorException", 500)
        ));
        assert!(is_retryable("RespondToAuthChallenge", &http(503)));
        assert!(is_retryable(
            "RespondToAuthChallenge",
            &service("TooManyRequestsException", 400)
        ));
        assert!(is_retryable("RespondToAuthChallenge", &network(NetworkKind::Refused)));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 1..10 {
            let d = backoff(attempt);
            assert!(d <= Duration::from_secs(20), "{d:?}");
            assert!(
                d <= Duration::from_secs_f64(2f64.powi(attempt as i32 - 1)),
                "{attempt}: {d:?}"
            );
        }
    }
}
