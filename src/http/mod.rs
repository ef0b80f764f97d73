//! One HTTP agent for every request cogtok sends: the cognito-idp API, and the credential
//! sources (STS, instance metadata, container credentials, SSO, OIDC issuers). It owns what they
//! share: rustls with the compiled-in roots, the system resolver, timeouts, a cap on answers, the
//! redacted `--debug` trace, and network failures as typed `Error::Network`s. What a request
//! means (its protocol, signing, retries) is its caller's business.

pub(crate) mod backoff;
mod network;
pub(crate) mod redact;
pub(crate) mod sigv4;
mod tls;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::endpoint::shown;
use crate::config::Settings;
use crate::error::{Error, ProtocolKind, Result};

pub(crate) const USER_AGENT: &str = concat!("cogtok/", env!("CARGO_PKG_VERSION"));
/// The answers cogtok reads are a few KiB; anything much larger is not one of them.
pub(crate) const MAX_BODY: usize = 1 << 20;

/// A request: method, URL, headers and body. `timeout` bounds the whole exchange when a source
/// needs a shorter one than the settings' (instance metadata answers in milliseconds or never).
pub(crate) struct Request {
    pub(crate) method: reqwest::Method,
    pub(crate) url: reqwest::Url,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) timeout: Option<Duration>,
    /// The answer's body is itself a secret that no member name marks (an OIDC token as
    /// `value`, the instance metadata session token as bare text): the trace shows only its length.
    pub(crate) secret_answer: bool,
}

impl Request {
    pub(crate) fn new(method: reqwest::Method, url: reqwest::Url) -> Request {
        Request {
            method,
            url,
            headers: Vec::new(),
            body: Vec::new(),
            timeout: None,
            secret_answer: false,
        }
    }

    /// Bounds the whole exchange (connect, send, read) to `timeout`.
    pub(crate) fn timeout(mut self, timeout: Duration) -> Request {
        self.timeout = Some(timeout);
        self
    }

    /// Marks the answer's body as a secret for the trace.
    pub(crate) fn secret_answer(mut self) -> Request {
        self.secret_answer = true;
        self
    }

    pub(crate) fn header(mut self, name: &str, value: impl Into<String>) -> Request {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    pub(crate) fn body(mut self, body: Vec<u8>) -> Request {
        self.body = body;
        self
    }
}

/// An answer, whatever its status.
pub(crate) struct Response {
    pub(crate) status: u16,
    /// Header names in lowercase.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// The first value of header `name` (lowercase).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

pub(crate) struct Agent {
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    debug: bool,
    connect_timeout: Duration,
    read_timeout: Duration,
}

impl Agent {
    pub(crate) fn new(settings: &Settings) -> Result<Agent> {
        let mut builder = reqwest::Client::builder();
        // A zero timeout is the AWS CLI's "none".
        if !settings.connect_timeout.is_zero() {
            builder = builder.connect_timeout(settings.connect_timeout);
        }
        if !settings.read_timeout.is_zero() {
            builder = builder.read_timeout(settings.read_timeout);
        }
        let client = builder
            .use_preconfigured_tls(tls::client_config(
                settings.ca_bundle.as_deref(),
                !settings.no_verify_ssl,
            )?)
            .user_agent(USER_AGENT)
            .dns_resolver(Arc::new(network::SystemResolver))
            // None of the protocols cogtok speaks redirects: a redirect is a proxy's or a
            // portal's, and following it could carry a credential elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::io("cannot start the I/O runtime", &e))?;
        Ok(Agent {
            client,
            runtime,
            debug: settings.debug,
            connect_timeout: settings.connect_timeout,
            read_timeout: settings.read_timeout,
        })
    }

    /// Sends `request` and reads the whole answer (at most `MAX_BODY` bytes). Only a failure to
    /// get an answer is an error here; an error status is the caller's to read.
    pub(crate) fn send(&self, request: Request) -> Result<Response> {
        self.runtime.block_on(self.send_async(request))
    }

    /// Runs `future` to completion on this agent's runtime: the one way from the synchronous
    /// callers (every command but `mint`) into the asynchronous sending below. Never called
    /// from inside a future this runtime runs (tokio refuses to nest).
    pub(crate) fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Waits `delay` (between retries).
    pub(crate) fn sleep(&self, delay: Duration) {
        // The timer must be made inside the runtime, hence the async block.
        self.runtime.block_on(async { tokio::time::sleep(delay).await });
    }

    /// [`Agent::send`] for callers already on the runtime (`mint`'s many sign-ins at once).
    pub(crate) async fn send_async(&self, request: Request) -> Result<Response> {
        if self.debug {
            self.trace(format_args!("> {} {}", request.method, shown(&request.url)));
            self.trace(format_args!("> user-agent: {USER_AGENT}"));
            for (k, v) in &request.headers {
                self.trace(format_args!("> {k}: {}", redact::redact_header(k, v)));
            }
            self.trace(format_args!("> body: {}", redact::redact_body(&request.body)));
        }
        let url = request.url.clone();
        let mut builder = self.client.request(request.method, request.url).body(request.body);
        for (k, v) in &request.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let total = request.timeout;
        let secret_answer = request.secret_answer;
        if let Some(t) = total {
            builder = builder.timeout(t);
        }
        let started = Instant::now();
        let failed = |e: reqwest::Error| self.network_error(&e, &url, total);
        let mut response = builder.send().await.map_err(failed)?;
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(failed)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(Error::protocol(
                    ProtocolKind::BodyTooLarge,
                    format!("the answer is larger than {} KiB", MAX_BODY / 1024),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        if self.debug {
            self.trace(format_args!("< {status} after {} ms", started.elapsed().as_millis()));
            for (k, v) in &headers {
                self.trace(format_args!("< {k}: {}", redact::redact_header(k, v)));
            }
            if secret_answer {
                self.trace(format_args!("< body: ({} bytes, a secret: not shown)", body.len()));
            } else {
                self.trace(format_args!("< body: {}", redact::redact_body(&body)));
            }
        }
        Ok(Response { status, headers, body })
    }

    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if self.debug {
            crate::diagnostics::debug(line);
        }
    }

    /// The one-line error for a request without an answer; `--debug` shows the HTTP client's
    /// whole account first.
    fn network_error(&self, e: &reqwest::Error, url: &reqwest::Url, total: Option<Duration>) -> Error {
        self.trace(format_args!("! {}", network::account(e, url)));
        let kind = network::classify(e);
        let timeouts = match total {
            Some(t) => (t, t),
            None => (self.connect_timeout, self.read_timeout),
        };
        Error::Network {
            kind,
            // As everywhere: without userinfo, query or fragment.
            endpoint: shown(url),
            cause: network::cause(e, kind, timeouts),
            attempts: 0,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;
    use crate::config::{Env, Overrides};
    use crate::error::NetworkKind;

    /// Settings for a local test server at `endpoint` with the given read timeout.
    pub(crate) fn local_settings(endpoint: &str, read_timeout: Duration) -> Settings {
        let overrides = Overrides {
            region: Some("us-east-1".into()),
            endpoint_url: Some(endpoint.into()),
            connect_timeout: Some(Duration::from_secs(10)),
            read_timeout: Some(read_timeout),
            ..Overrides::default()
        };
        Settings::resolve(&overrides, Env::from_pairs(&[("HOME", "/nonexistent")]), None).unwrap()
    }

    /// The kind and message of the failure of one POST to `endpoint`, checked to be one line.
    pub(crate) fn failure(endpoint: &str, read_timeout: Duration) -> (NetworkKind, String) {
        let agent = Agent::new(&local_settings(endpoint, read_timeout)).unwrap();
        let url = reqwest::Url::parse(endpoint).unwrap();
        match agent.send(Request::new(reqwest::Method::POST, url).body(b"{}".to_vec())) {
            Err(e @ Error::Network { kind, .. }) => {
                let message = e.to_string();
                assert!(!message.contains('\n'), "{message}");
                (kind, message)
            }
            Err(other) => panic!("expected a network error, got {other:?}"),
            Ok(r) => panic!("expected a network error, got HTTP {}", r.status),
        }
    }

    /// A local server that reads one request and writes `answer` on one connection.
    pub(crate) fn serve_once(answer: Vec<u8>) -> String {
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
}
