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

pub(super) fn classify(e: &reqwest::Error) -> NetworkKind {
    // Before the chain: a connect timeout also shows as an `io::Error` of the connector.
    if e.is_timeout() {
        return NetworkKind::Timeout;
    }
    let mut source: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(kind) = kind_of(s) {
            return kind;
        }
        source = match s.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            // `io::Error::source()` skips the error it wraps (it returns that error's source),
            // and the wrapped error is where rustls puts its own, sometimes two `io::Error`s deep.
            Some(wrapped) => Some(wrapped as &(dyn StdError + 'static)),
            None => s.source(),
        };
    }
    if e.is_connect() {
        NetworkKind::Connect
    } else {
        NetworkKind::Other
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
        let (kind, message) = failure(&format!("http://127.0.0.1:{}", closed_port()), Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Refused, "{message}");
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
        assert!(message.contains("timed out after 0.2 s"), "{message}");
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
    }

    #[test]
    fn a_name_that_does_not_resolve_is_dns() {
        let (kind, message) = failure("https://nonexistent.invalid", Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Dns, "{message}");
        assert!(message.contains("dns error"), "{message}");
    }

    #[test]
    fn a_connection_closed_before_the_answer_is_disconnected() {
        // A head that promises more body than comes, then the end of the connection.
        let endpoint = serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":".to_vec());
        let (kind, message) = failure(&endpoint, Duration::from_secs(5));
        assert_eq!(kind, NetworkKind::Disconnected, "{message}");
    }
}
