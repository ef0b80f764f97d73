//! The AWS JSON 1.1 protocol client: one `Client::call(operation, body)` that signs when the
//! API requires it, sends with timeouts, retries what is safe to retry for that operation, caps
//! the answer and turns error answers into `Error`s. One client speaks to one service
//! (`service::COGNITO_IDP`, the user pools, by default; `COGNITO_IDENTITY`, the identity pools,
//! for `aws-credentials`).
//!
//! Requests are `POST /` with `Content-Type: application/x-amz-json-1.1` and
//! `X-Amz-Target: <the service's prefix>.<Operation>`.

mod errors;
#[cfg(feature = "fuzzing")]
pub(crate) use errors::{error_from_response, Sent};
mod limiter;
mod retry;
mod service;

pub(crate) use limiter::Limiter;
use limiter::UserPace;
pub(crate) use service::{Service, COGNITO_IDENTITY, COGNITO_IDP};

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;

use crate::config::Settings;
use crate::error::{Error, ProtocolKind, Result};
use crate::http::{sigv4, Agent, Request};

const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
/// Credentials that expire sooner than this are fetched again before a request is signed
/// (aws-config's default expiry buffer is shorter; a long `mint` run must never sign with
/// credentials that lapse in flight).
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// Whether `e` is the service saying "slow down" (TooManyRequestsException and the like), still
/// there after the retries.
pub(crate) fn is_throttling(e: &Error) -> bool {
    retry::classify("", e) == Some(retry::Reason::Throttling)
}

pub(crate) struct Client<'s> {
    settings: &'s Settings,
    /// The service this client speaks to, and where.
    service: &'static Service,
    url: Rc<reqwest::Url>,
    /// What every sibling (`mint`'s one client per user) shares: one agent (runtime and
    /// connection pool), one retry quota, one set of credentials, one rate limiter.
    shared: Rc<Shared>,
    /// This user's spacing under the limiter (`mint` only).
    pace: UserPace,
    /// The jitter's random fraction in [0, 1]; fixed in tests.
    random: fn() -> f64,
}

struct Shared {
    agent: Agent,
    credentials: RefCell<Option<Credentials>>,
    /// The standard mode's retry quota, shared by every call of this client.
    quota: retry::Quota,
    /// `mint`'s client-side rate limiter; none for the one-user commands.
    limiter: Option<Limiter>,
}

/// A failed attempt: the error, and the server's `x-amz-retry-after` if it sent one.
struct Failed {
    error: Error,
    retry_after: Option<Duration>,
}

impl From<Error> for Failed {
    fn from(error: Error) -> Self {
        Failed {
            error,
            retry_after: None,
        }
    }
}

impl<'s> Client<'s> {
    /// A client of the user pools' API at the settings' endpoint.
    pub(crate) fn new(settings: &'s Settings) -> Result<Self> {
        Self::build(settings, &COGNITO_IDP, &settings.endpoint, None)
    }

    /// A client whose every request first waits for its slot in `limiter` (`mint`).
    pub(crate) fn with_limiter(settings: &'s Settings, limiter: Limiter) -> Result<Self> {
        Self::build(settings, &COGNITO_IDP, &settings.endpoint, Some(limiter))
    }

    /// A client of `service` at `endpoint` (a URL the settings resolved and checked).
    pub(crate) fn for_service(settings: &'s Settings, service: &'static Service, endpoint: &str) -> Result<Self> {
        Self::build(settings, service, endpoint, None)
    }

    fn build(
        settings: &'s Settings,
        service: &'static Service,
        endpoint: &str,
        limiter: Option<Limiter>,
    ) -> Result<Self> {
        let url = parse_endpoint(settings, endpoint)?;
        let agent = Agent::new(settings)?;
        Ok(Client {
            settings,
            service,
            url: Rc::new(url),
            shared: Rc::new(Shared {
                agent,
                credentials: RefCell::new(None),
                quota: retry::Quota::new(),
                limiter,
            }),
            pace: UserPace::default(),
            random: retry::random_fraction,
        })
    }

    /// Done with the client, and the process is about to exit: its runtime and connection pool
    /// are left for the kernel to reclaim at exit rather than torn down (task by task, socket
    /// by socket), which was about a tenth of a one-call run's CPU. The AWS credentials it holds
    /// go with the process's memory, which no one reads after the exit.
    pub(crate) fn leave_at_exit(self) {
        std::mem::forget(self);
    }

    /// A client for one more user of the same run: everything shared but the user's spacing.
    pub(crate) fn sibling(&self) -> Client<'s> {
        Client {
            settings: self.settings,
            service: self.service,
            url: Rc::clone(&self.url),
            shared: Rc::clone(&self.shared),
            pace: UserPace::default(),
            random: self.random,
        }
    }

    /// A client of another service at `endpoint` for the same run: one agent (one runtime, one
    /// connection pool), one retry quota and one set of credentials for both.
    pub(crate) fn sibling_for(&self, service: &'static Service, endpoint: &str) -> Result<Client<'s>> {
        Ok(Client {
            settings: self.settings,
            service,
            url: Rc::new(parse_endpoint(self.settings, endpoint)?),
            shared: Rc::clone(&self.shared),
            pace: UserPace::default(),
            random: self.random,
        })
    }

    /// The settings this client was made with.
    pub(crate) fn settings(&self) -> &'s Settings {
        self.settings
    }

    /// The agent this client sends with, for the requests of other protocols a flow makes on
    /// the way (STS in `aws-credentials --basic-flow`, a CI runner's OIDC token).
    pub(crate) fn agent(&self) -> &Agent {
        &self.shared.agent
    }

    /// Runs `future` (a sign-in, a refresh) on this client's runtime, from synchronous code.
    pub(crate) fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.shared.agent.block_on(future)
    }

    pub(crate) fn limiter(&self) -> Option<&Limiter> {
        self.shared.limiter.as_ref()
    }

    /// Sends `request` as JSON and reads the answer as `T`.
    pub(crate) fn call_json<T: serde::de::DeserializeOwned>(
        &self,
        operation: &str,
        request: &impl serde::Serialize,
    ) -> Result<T> {
        let body = encode(request)?;
        let answer = self.call(operation, &body)?;
        decode(operation, &answer)
    }

    /// [`Client::call_json`] from async code (the sign-in engine).
    pub(crate) async fn call_json_async<T: serde::de::DeserializeOwned>(
        &self,
        operation: &str,
        request: &impl serde::Serialize,
    ) -> Result<T> {
        let credentials = self.credentials_for_async(operation)?;
        let body = encode(request)?;
        let answer = self.call_with(operation, &body, credentials.as_ref()).await?;
        decode(operation, &answer)
    }

    /// Sends `operation` with the JSON `body` and returns the JSON answer's bytes. Not generic:
    /// one runtime entry for every answer type of the synchronous callers (a `block_on` per
    /// future type would cost the binary its size each).
    pub(crate) fn call(&self, operation: &str, body: &[u8]) -> Result<Vec<u8>> {
        let credentials = self.credentials_for(operation)?;
        self.block_on(self.call_with(operation, body, credentials.as_ref()))
    }

    /// Resolves the credentials now if `operation` is signed, from synchronous code, so that
    /// the async calls to come find them in hand (the async path would resolve them on a thread
    /// of its own).
    pub(crate) fn prepare_for(&self, operation: &str) -> Result<()> {
        self.credentials_for(operation).map(drop)
    }

    /// Whether this client signs `operation`: --no-sign-request sends even a signed operation
    /// as it is, and never looks for keys.
    fn signs(&self, operation: &str) -> bool {
        self.service.is_signed(operation) && !self.settings.no_sign_request
    }

    /// The credentials to sign `operation` with, if it is signed. Resolved before the first
    /// signed request only: unsigned flows never look at ~/.aws.
    fn credentials_for(&self, operation: &str) -> Result<Option<Credentials>> {
        if !self.signs(operation) {
            return Ok(None);
        }
        if let Some(c) = self.fresh_credentials() {
            return Ok(Some(c));
        }
        self.resolve_credentials(&self.shared.agent).map(Some)
    }

    /// [`Client::credentials_for`] from inside the runtime, which the credential providers'
    /// own requests cannot re-enter: when they must run, they run on a thread of their own with
    /// an agent of their own. The run's other requests wait meanwhile, as they must: they would
    /// be signed with the same credentials.
    fn credentials_for_async(&self, operation: &str) -> Result<Option<Credentials>> {
        if !self.signs(operation) {
            return Ok(None);
        }
        if let Some(c) = self.fresh_credentials() {
            return Ok(Some(c));
        }
        let settings = self.settings;
        let resolved = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let agent = Agent::new(settings)?;
                    crate::credentials::resolve(&crate::credentials::Context {
                        settings,
                        agent: &agent,
                    })
                })
                .join()
                .unwrap_or_else(|_| Err(Error::config("the credential providers' thread stopped")))
        })?;
        Ok(Some(self.keep(resolved)))
    }

    /// The credentials in hand, unless they expire within `REFRESH_BEFORE_EXPIRY` (assumed
    /// roles, container and instance credentials).
    fn fresh_credentials(&self) -> Option<Credentials> {
        let fresh = |c: &&Credentials| {
            c.expiry()
                .is_none_or(|at| at > SystemTime::now() + REFRESH_BEFORE_EXPIRY)
        };
        self.shared.credentials.borrow().as_ref().filter(fresh).cloned()
    }

    fn resolve_credentials(&self, agent: &Agent) -> Result<Credentials> {
        let resolved = crate::credentials::resolve(&crate::credentials::Context {
            settings: self.settings,
            agent,
        })?;
        Ok(self.keep(resolved))
    }

    /// Keeps credentials just resolved for the calls to come.
    fn keep(&self, resolved: crate::credentials::Resolved) -> Credentials {
        self.trace(format_args!("credentials from {}", resolved.provider));
        *self.shared.credentials.borrow_mut() = Some(resolved.credentials.clone());
        resolved.credentials
    }

    /// One operation with the standard mode's retries (and, for `mint`, the limiter's slots).
    async fn call_with(&self, operation: &str, body: &[u8], credentials: Option<&Credentials>) -> Result<Vec<u8>> {
        let sent = errors::Sent::new(operation, body);
        let max_attempts = self.settings.max_attempts;
        let quota = &self.shared.quota;
        let mut attempt = 1;
        let mut last_retry_cost = None;
        loop {
            let sent_at = match self.limiter() {
                Some(limiter) => Some(limiter.acquire(operation, Some(&self.pace)).await),
                None => None,
            };
            let outcome = self.send_once(&sent, credentials, body).await;
            if let (Some(limiter), Some(sent_at)) = (self.limiter(), sent_at) {
                let throttled = matches!(&outcome, Err(f) if retry::classify(operation, &f.error) == Some(retry::Reason::Throttling));
                limiter.on_answer(operation, sent_at, throttled);
            }
            let failed = match outcome {
                Ok(answer) => {
                    quota.on_success(last_retry_cost);
                    return Ok(answer);
                }
                Err(failed) => failed,
            };
            let Some(reason) = retry::classify(operation, &failed.error) else {
                return Err(counted(failed.error, attempt));
            };
            if attempt >= max_attempts {
                self.trace(format_args!(
                    "attempt {attempt} of {max_attempts} failed ({reason}): no attempts left"
                ));
                return Err(counted(failed.error, attempt));
            }
            // With the limiter (`mint`), a throttle already slows every request down: the quota,
            // shared by hundreds of users' sign-ins, is not what stops a throttled one from
            // trying again (it would run dry in the first overload and fail users for good).
            let paced_throttle = self.limiter().is_some() && reason == retry::Reason::Throttling;
            let charged = if paced_throttle { 0 } else { reason.cost() };
            if !paced_throttle && !quota.acquire(charged) {
                self.trace(format_args!(
                    "attempt {attempt} of {max_attempts} failed ({reason}): the retry quota is used up ({} of {} tokens left)",
                    quota.available(),
                    retry::Quota::CAPACITY
                ));
                return Err(counted(failed.error, attempt));
            }
            last_retry_cost = Some(charged);
            let delay = retry::delay(attempt, self.settings.backoff_base, (self.random)(), failed.retry_after);
            self.trace(format_args!(
                "attempt {attempt} of {max_attempts} failed ({reason}: {}); retrying in {} ms{}",
                failed.error,
                delay.as_millis(),
                if failed.retry_after.is_some() {
                    " as x-amz-retry-after asks"
                } else {
                    ""
                }
            ));
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn send_once(
        &self,
        sent: &errors::Sent<'_>,
        credentials: Option<&Credentials>,
        body: &[u8],
    ) -> Result<Vec<u8>, Failed> {
        let url = &self.url;
        let mut request = Request::new(reqwest::Method::POST, reqwest::Url::clone(url))
            .header("content-type", CONTENT_TYPE)
            .header(
                "x-amz-target",
                format!("{}.{}", self.service.target_prefix, sent.operation),
            )
            .body(body.to_vec());
        if let Some(creds) = credentials {
            let unsigned: Vec<(&str, &str)> = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let signature = sigv4::sign_headers(
                creds,
                &sigv4::Scope {
                    region: &self.settings.region,
                    service: self.service.signing_name,
                    time: SystemTime::now(),
                },
                "POST",
                url.as_str(),
                &unsigned,
                body,
            )?;
            request.headers.extend(signature);
        }
        let mut response = self.shared.agent.send_async(request).await?;
        let mut answer = std::mem::take(&mut response.body);
        let status = response.status;
        if (200..300).contains(&status) {
            if answer.iter().all(u8::is_ascii_whitespace) {
                answer = b"{}".to_vec();
            }
            // A success status with a body that is not JSON is a proxy or a captive portal,
            // not Cognito: say so with the status, before any caller tries to read it.
            if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&answer) {
                // What looks like JSON cut short or garbled may be Cognito's own answer, tokens
                // and all: only its size and the problem are shown. Anything else (an HTML page)
                // is shown in part, for the user to recognise the proxy.
                let starts_as_json = answer
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|b| b"{[".contains(b));
                let detail = if starts_as_json {
                    format!(
                        "HTTP {status} with JSON that is cut short or malformed ({} bytes: {})",
                        answer.len(),
                        crate::diagnostics::json_problem(&e)
                    )
                } else {
                    let excerpt = crate::diagnostics::one_line(&sent.scrub(&String::from_utf8_lossy(&answer)), 120);
                    format!("HTTP {status} with a body that is not JSON: {excerpt:?}")
                };
                return Err(Error::protocol(ProtocolKind::NotJson, detail).into());
            }
            return Ok(answer);
        }
        Err(Failed {
            error: errors::error_from_response(status, response.header("x-amzn-errortype"), &answer, sent),
            retry_after: response.header("x-amz-retry-after").and_then(retry::parse_retry_after),
        })
    }

    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if self.settings.debug {
            crate::diagnostics::debug(line);
        }
    }
}

/// A request as its JSON body.
fn encode(request: &impl serde::Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(request)
        .map_err(|e| Error::protocol(ProtocolKind::Encode, format!("cannot encode the request: {e}")))
}

/// The JSON `answer` to `operation` as `T`; when it does not fit, the member's path and what was
/// expected, never the value: it could be a token.
fn decode<T: serde::de::DeserializeOwned>(operation: &str, answer: &[u8]) -> Result<T> {
    serde_json::from_slice(answer).map_err(|e| {
        Error::bad_answer(format!(
            "{operation}: {}",
            crate::diagnostics::json_problem_in(answer, &e)
        ))
    })
}

/// The endpoint as a URL; with `--no-verify-ssl`, the AWS CLI's warning for its host (once per
/// client: one host each).
fn parse_endpoint(settings: &Settings, endpoint: &str) -> Result<reqwest::Url> {
    let url = reqwest::Url::parse(endpoint).map_err(|e| Error::config(format!("invalid endpoint URL: {e}")))?;
    if settings.no_verify_ssl && url.scheme() == "https" {
        // urllib3's words, which the AWS CLI prints with --no-verify-ssl.
        crate::diagnostics::warn(&format!(
            "Unverified HTTPS request is being made to host '{}'. Adding certificate verification is strongly advised.",
            url.host_str().unwrap_or_default()
        ));
    }
    Ok(url)
}

/// `error` with the number of requests made, when it is a network error: the one line then
/// says how hard cogtok tried.
fn counted(error: Error, made: u32) -> Error {
    match error {
        Error::Network {
            kind, endpoint, cause, ..
        } => Error::Network {
            kind,
            endpoint,
            cause,
            attempts: made,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::error::NetworkKind;
    use crate::http::tests::serve_once;
    use crate::http::MAX_BODY;
    use std::sync::Arc;

    /// Settings for a local test server at `endpoint`, with one attempt: the tests that use it
    /// are about what one failure is, not about the retries.
    fn local_settings(endpoint: &str, read_timeout: Duration) -> Settings {
        let mut settings = crate::http::tests::local_settings(endpoint, read_timeout);
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
        use crate::api::ops::UNSIGNED_OPERATIONS;
        assert!(UNSIGNED_OPERATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(COGNITO_IDP.is_signed("AdminInitiateAuth"));
        assert!(!COGNITO_IDP.is_signed("InitiateAuth"));
        assert!(!COGNITO_IDP.is_signed("VerifySoftwareToken"));
        for op in ["GetId", "GetCredentialsForIdentity", "GetOpenIdToken"] {
            assert!(!COGNITO_IDENTITY.is_signed(op), "{op}");
        }
        assert!(COGNITO_IDENTITY.is_signed("CreateIdentityPool"));
    }

    #[test]
    fn the_generated_commands_agree_on_signing() {
        for op in crate::api::ops::OPS {
            assert_eq!(op.signed, COGNITO_IDP.is_signed(op.operation), "{}", op.command);
        }
    }

    #[test]
    fn a_sibling_for_another_service_sends_its_target_to_its_endpoint() {
        use std::io::{BufRead, BufReader};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                head.push(line.trim_end().to_ascii_lowercase());
            }
            let length: usize = head
                .iter()
                .find_map(|l| l.strip_prefix("content-length: "))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut stream = stream;
            let answer = r#"{"IdentityId":"us-east-1:0f1e"}"#;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{answer}",
                answer.len()
            )
            .unwrap();
            head
        });
        let settings = local_settings("http://127.0.0.1:9", Duration::from_secs(5));
        let idp = Client::new(&settings).unwrap();
        let identity = idp
            .sibling_for(&COGNITO_IDENTITY, &format!("http://127.0.0.1:{port}/"))
            .unwrap();
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Answer {
            identity_id: String,
        }
        let answer: Answer = identity
            .call_json("GetId", &serde_json::json!({"IdentityPoolId": "us-east-1:0f1e"}))
            .unwrap();
        assert_eq!(answer.identity_id, "us-east-1:0f1e");
        let head = seen.join().unwrap();
        assert!(
            head.contains(&"x-amz-target: awscognitoidentityservice.getid".to_string()),
            "{head:?}"
        );
        assert!(
            !head.iter().any(|l| l.starts_with("authorization")),
            "unsigned: {head:?}"
        );
    }

    /// What a fault server does with one connection.
    #[derive(Clone, Copy)]
    enum Fault {
        /// Reads part of the request and closes with the rest unread: the kernel sends a reset.
        Reset,
        /// Reads the request and holds the connection, silent, past the client's read timeout.
        Silence,
        /// Answers 503 with an empty body.
        Unavailable,
    }

    /// A server on 127.0.0.1 that meets its first connections with `faults`, one each, and
    /// answers every later one `{}`; and the count of connections it accepted.
    fn fault_server(faults: Vec<Fault>) -> (String, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&accepted);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let fault = faults.get(counter.fetch_add(1, Ordering::SeqCst)).copied();
                // One thread per connection: a silent one must not hold up the next.
                std::thread::spawn(move || {
                    let mut request = [0u8; 4096];
                    match fault {
                        Some(Fault::Reset) => {
                            let _ = stream.read(&mut request[..16]);
                            // Let the rest of the request arrive, so that closing resets.
                            std::thread::sleep(Duration::from_millis(50));
                        }
                        Some(Fault::Silence) => {
                            let _ = stream.read(&mut request);
                            std::thread::sleep(Duration::from_millis(1500));
                        }
                        Some(Fault::Unavailable) => {
                            let _ = stream.read(&mut request);
                            let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
                        }
                        None => {
                            let _ = stream.read(&mut request);
                            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                        }
                    }
                });
            }
        });
        (format!("http://127.0.0.1:{port}"), accepted)
    }

    /// Settings with the standard three attempts and a 1 ms backoff base, so that no test sleeps.
    fn retrying_settings(endpoint: &str, read_timeout: Duration) -> Settings {
        let mut settings = local_settings(endpoint, read_timeout);
        settings.max_attempts = 3;
        settings.backoff_base = Duration::from_millis(1);
        settings
    }

    /// One call of `operation` (unsigned) to a fault server; the result and the connections made.
    fn call_through(operation: &str, faults: Vec<Fault>, read_timeout: Duration) -> (Result<Vec<u8>>, usize) {
        let (endpoint, accepted) = fault_server(faults);
        let settings = retrying_settings(&endpoint, read_timeout);
        let mut client = Client::new(&settings).unwrap();
        client.random = || 1.0;
        let result = client.call(operation, b"{}");
        (result, accepted.load(Ordering::SeqCst))
    }

    fn network_kind(result: Result<Vec<u8>>) -> NetworkKind {
        match result {
            Err(Error::Network { kind, .. }) => kind,
            other => panic!("expected a network error, got {other:?}"),
        }
    }

    #[test]
    fn a_reset_is_retried_for_an_operation_that_uses_nothing_up() {
        let (result, connections) =
            call_through("InitiateAuth", vec![Fault::Reset, Fault::Reset], Duration::from_secs(5));
        assert_eq!(result.unwrap(), b"{}");
        assert_eq!(connections, 3);
    }

    #[test]
    fn a_reset_is_not_retried_for_an_operation_that_uses_a_session() {
        let (result, connections) = call_through("RespondToAuthChallenge", vec![Fault::Reset], Duration::from_secs(5));
        assert_eq!(network_kind(result), NetworkKind::Disconnected);
        assert_eq!(connections, 1);
    }

    #[test]
    fn a_read_timeout_is_retried_for_an_operation_that_uses_nothing_up() {
        let faults = vec![Fault::Silence, Fault::Silence];
        let (result, connections) = call_through("GetUser", faults, Duration::from_millis(150));
        assert_eq!(result.unwrap(), b"{}");
        assert_eq!(connections, 3);
    }

    #[test]
    fn a_read_timeout_is_not_retried_for_an_operation_that_uses_a_code() {
        let (result, connections) =
            call_through("VerifySoftwareToken", vec![Fault::Silence], Duration::from_millis(150));
        assert_eq!(network_kind(result), NetworkKind::Timeout);
        assert_eq!(connections, 1);
    }

    #[test]
    fn max_attempts_bounds_the_retries_and_the_last_error_is_returned() {
        let faults = vec![Fault::Unavailable; 5];
        let (result, connections) = call_through("InitiateAuth", faults, Duration::from_secs(5));
        assert!(matches!(result, Err(Error::Http { status: 503, .. })), "{result:?}");
        assert_eq!(connections, 3);
    }

    #[test]
    fn the_quota_is_shared_by_the_calls_of_one_client() {
        let (endpoint, accepted) = fault_server(vec![Fault::Unavailable; 4]);
        // A generous read timeout: on a loaded machine a 503 that comes late must not count as
        // a timeout, whose retry costs 10 rather than 5.
        let settings = retrying_settings(&endpoint, Duration::from_secs(60));
        let client = Client::new(&settings).unwrap();
        // Three attempts, two retries of cost 5; then one retry and a success that refunds it.
        assert!(client.call("InitiateAuth", b"{}").is_err());
        assert_eq!(client.shared.quota.available(), 490);
        assert_eq!(client.call("InitiateAuth", b"{}").unwrap(), b"{}");
        assert_eq!(client.shared.quota.available(), 490);
        assert_eq!(client.call("InitiateAuth", b"{}").unwrap(), b"{}");
        assert_eq!(client.shared.quota.available(), 491);
        assert_eq!(accepted.load(Ordering::SeqCst), 6);
        // An empty quota ends the retries: one attempt only.
        let (endpoint, accepted) = fault_server(vec![Fault::Unavailable; 3]);
        let settings = retrying_settings(&endpoint, Duration::from_secs(5));
        let client = Client::new(&settings).unwrap();
        assert!(client.shared.quota.acquire(retry::Quota::CAPACITY - 4));
        assert!(client.call("InitiateAuth", b"{}").is_err());
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }
}
