//! Tells why a request got no answer (`NetworkKind`) from the types in reqwest's error chain.
//!
//! Most kinds have a type to find: reqwest marks timeouts, the operating system's `io::Error`
//! carries `ConnectionRefused` or `ConnectionReset`, and rustls puts its `rustls::Error` inside
//! the `io::Error` of the handshake. A DNS failure has none: hyper-util wraps the resolver's
//! error in its private `ConnectError` ("dns error") and the `io::Error` from getaddrinfo has
//! no stable kind. So cogtok resolves names itself, the way reqwest's default resolver does,
//! and wraps each failure in `ResolveFailed`, a type the chain can be searched for.

use std::error::Error as StdError;
use std::io;
use std::net::ToSocketAddrs;
use std::time::Duration;

use crate::error::NetworkKind;

/// The system resolver, as reqwest's default: getaddrinfo on tokio's blocking pool.
pub(super) struct SystemResolver;

impl reqwest::dns::Resolve for SystemResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found = tokio::task::spawn_blocking(move || (host.as_str(), 0).to_socket_addrs())
                .await
                .unwrap_or_else(|e| Err(io::Error::new(io::ErrorKind::Interrupted, e.to_string())));
            match found {
                Ok(addrs) => Ok(Box::new(addrs) as reqwest::dns::Addrs),
                Err(e) => Err(Box::new(ResolveFailed(e)) as Box<dyn StdError + Send + Sync>),
            }
        })
    }
}

/// A host name that did not resolve; reads as the resolver's own message.
#[derive(Debug)]
struct ResolveFailed(io::Error);

impl std::fmt::Display for ResolveFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl StdError for ResolveFailed {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.0)
    }
}

/// The errors of reqwest's chain, outermost first.
fn chain<'e>(e: &'e reqwest::Error) -> impl Iterator<Item = &'e (dyn StdError + 'static)> {
    std::iter::successors(
        Some(e as &(dyn StdError + 'static)),
        |&s: &&'e (dyn StdError + 'static)| {
            match s.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
                // `io::Error::source()` skips the error it wraps (it returns that error's source),
                // and the wrapped error is where rustls puts its own, sometimes two `io::Error`s deep.
                Some(wrapped) => Some(wrapped as &(dyn StdError + 'static)),
                None => s.source(),
            }
        },
    )
}

pub(super) fn classify(e: &reqwest::Error) -> NetworkKind {
    // Before the chain: a connect timeout also shows as an `io::Error` of the connector.
    if e.is_timeout() {
        return NetworkKind::Timeout;
    }
    if let Some(kind) = chain(e).find_map(kind_of) {
        return kind;
    }
    if e.is_connect() {
        NetworkKind::Connect
    } else {
        NetworkKind::Other
    }
}

/// The HTTP client's whole account of the failure, one line, for `--debug`: every error of the
/// chain, with the URL as shown everywhere (no userinfo, query or fragment).
pub(super) fn account(e: &reqwest::Error, url: &reqwest::Url) -> String {
    let mut text = String::new();
    for s in chain(e) {
        let s = s.to_string();
        if !text.contains(&s) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&s);
        }
    }
    let url = e.url().unwrap_or(url);
    let text = text.replace(url.as_str(), &crate::config::endpoint::shown(url));
    crate::diagnostics::one_line(&text, 400)
}

/// Why the request got no answer, in a few words and with what to do where there is something:
/// the end of the line `could not reach ENDPOINT: …`. reqwest's own account (a chain of five
/// errors, the URL twice) is for `--debug`.
pub(super) fn cause(e: &reqwest::Error, kind: NetworkKind, timeouts: (Duration, Duration)) -> String {
    let (connect_timeout, read_timeout) = timeouts;
    // The innermost error is the most precise: the operating system's or rustls's own words.
    let innermost = chain(e).last().map(ToString::to_string).unwrap_or_default();
    let innermost = crate::diagnostics::one_line(&innermost, 120);
    match kind {
        NetworkKind::Dns => format!("the host name did not resolve ({innermost})"),
        NetworkKind::Refused => "connection refused".to_string(),
        NetworkKind::Connect => format!("cannot connect ({innermost})"),
        NetworkKind::Timeout if e.is_connect() => format!(
            "no connection within the connect timeout of {} s (--cli-connect-timeout)",
            connect_timeout.as_secs_f64()
        ),
        NetworkKind::Timeout => format!(
            "no answer within the read timeout of {} s (--cli-read-timeout)",
            read_timeout.as_secs_f64()
        ),
        NetworkKind::Tls => match chain(e).find_map(|s| s.downcast_ref::<rustls::Error>()) {
            Some(rustls::Error::InvalidCertificate(why)) => format!(
                "the server's certificate is not trusted ({why:?}): for a private CA pass --ca-bundle PATH or set AWS_CA_BUNDLE"
            ),
            Some(other) => format!("the TLS handshake failed ({other}): does the endpoint speak https?"),
            None => format!("the TLS handshake failed ({innermost})"),
        },
        NetworkKind::Disconnected => {
            let reset = chain(e).any(|s| {
                s.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::ConnectionReset)
            });
            if reset {
                "the connection was reset before the answer was complete".to_string()
            } else {
                "the connection closed before the answer was complete".to_string()
            }
        }
        NetworkKind::Other => innermost,
    }
}

fn kind_of(e: &(dyn StdError + 'static)) -> Option<NetworkKind> {
    if e.is::<ResolveFailed>() {
        return Some(NetworkKind::Dns);
    }
    if e.is::<rustls::Error>() {
        return Some(NetworkKind::Tls);
    }
    match e.downcast_ref::<io::Error>()?.kind() {
        io::ErrorKind::ConnectionRefused => Some(NetworkKind::Refused),
        io::ErrorKind::TimedOut => Some(NetworkKind::Timeout),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => Some(NetworkKind::Disconnected),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    //! Each kind against a real socket on 127.0.0.1, or a name under `.invalid` (RFC 6761: it
    //! never resolves), through the same `Agent` every request uses. No other host is contacted.

    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::time::Duration;

    use crate::error::NetworkKind;
    use crate::http::tests::{failure, serve_once};

    /// A port that was just free: nothing listens there.
    fn closed_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    #[test]
    fn a_closed_port_is_refused() {
        let port = closed_port();
        let (kind, message) = failure(&format!("http://127.0.0.1:{port}"), Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Refused, "{message}");
        assert_eq!(
            message,
            format!("could not reach http://127.0.0.1:{port}/: connection refused")
        );
    }

    #[test]
    fn a_server_that_never_answers_is_a_timeout() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        // Accepts and holds the connection, and never writes a byte.
        std::thread::spawn(move || {
            let held = listener.accept();
            std::thread::sleep(Duration::from_secs(5));
            drop(held);
        });
        let (kind, message) = failure(&format!("http://127.0.0.1:{port}"), Duration::from_millis(200));
        assert_eq!(kind, NetworkKind::Timeout, "{message}");
        assert_eq!(
            message,
            format!(
                "could not reach http://127.0.0.1:{port}/: no answer within the read timeout of 0.2 s (--cli-read-timeout)"
            )
        );
    }

    #[test]
    fn plain_http_spoken_to_with_https_is_tls() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        // Answers the ClientHello as a web server answers garbage: with plain HTTP.
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut hello = [0u8; 512];
                let _ = stream.read(&mut hello);
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        let (kind, message) = failure(&format!("https://127.0.0.1:{port}"), Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Tls, "{message}");
        let prefix = format!("could not reach https://127.0.0.1:{port}/: the TLS handshake failed (");
        assert!(message.starts_with(&prefix), "{message}");
        assert!(message.ends_with("): does the endpoint speak https?"), "{message}");
    }

    #[test]
    fn a_name_that_does_not_resolve_is_dns() {
        let (kind, message) = failure("https://nonexistent.invalid", Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Dns, "{message}");
        assert!(
            message.starts_with("could not reach https://nonexistent.invalid/: the host name did not resolve ("),
            "{message}"
        );
        assert!(
            !message.contains("dns error") && !message.contains("error sending request"),
            "{message}"
        );
    }

    #[test]
    fn a_connection_closed_before_the_answer_is_disconnected() {
        // A head that promises more body than comes, then the end of the connection.
        let endpoint = serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":".to_vec());
        let (kind, message) = failure(&endpoint, Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Disconnected, "{message}");
        assert!(
            message.ends_with("/: the connection closed before the answer was complete"),
            "{message}"
        );
    }
}
