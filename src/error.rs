//! The one error type of cogtok: what went wrong, its one-line message and its exit code.
//!
//! Exit codes follow the AWS CLI v2 scheme (README: `cogtok login`): 252 usage, 253 configuration or
//! credentials, 254 the service answered with an error, 255 anything else, 130 interrupted.
//! Messages never carry a secret: variants hold only names, codes and service messages, and the
//! transport redacts from those every secret value the request carried.

use std::fmt;
use std::io;

#[derive(Debug)]
pub(crate) enum Error {
    /// The command line could not be parsed or is incomplete.
    Usage(String),
    /// Region, endpoint, profile or a local input file is missing or invalid.
    Config(String),
    /// No usable AWS credentials for an operation that must be signed.
    Credentials(String),
    /// The service answered with an error code (`__type`, `x-amzn-ErrorType` or an XML `<Code>`).
    /// `message` is the service's, with every secret the request carried redacted; `hint` says
    /// what it means where the service's words do not (shown after them, in parentheses).
    Service {
        code: String,
        message: String,
        status: u16,
        hint: Option<&'static str>,
    },
    /// The sign-in needs an answer that the options do not give.
    Challenge {
        challenge: String,
        what: String,
        hint: String,
    },
    /// The server answered with an error status and a body that names no error code. Still the
    /// service's answer as botocore sees it (`An error occurred (502) when calling the X
    /// operation`): exit 254, as AWS CLI v2.
    Http { status: u16, detail: String },
    /// The request did not get an answer. `endpoint` is the URL as shown everywhere (no userinfo,
    /// query or fragment); `cause` says why in a few words, with what to do where there is
    /// something; `attempts` is how many requests were made (0 while the transport still counts).
    Network {
        kind: NetworkKind,
        endpoint: String,
        cause: String,
        attempts: u32,
    },
    /// An answer that cogtok cannot use, or a document of its own it cannot encode.
    Protocol {
        #[allow(dead_code, reason = "for callers to match on; cogtok itself only prints the detail")]
        kind: ProtocolKind,
        detail: String,
    },
    /// A local I/O failure. `action` says what failed and on which path ("cannot write
    /// /x/y"); `kind` comes from the `std::io::Error` where there is one.
    Io {
        action: String,
        #[allow(dead_code, reason = "for callers to match on; cogtok itself only prints the detail")]
        kind: io::ErrorKind,
        detail: String,
    },
    /// `cogtok verify`: the token is not valid; the message names the failed check. Exit 1,
    /// as a test (`if cogtok verify …`) expects of a negative answer.
    Invalid(String),
    /// `exec` could not start its command: 127 when it is not found, 126 when it cannot run.
    Spawn { message: String, code: u8 },
    /// A run that has said all it had to (`mint`'s summary line) and only sets the exit status:
    /// nothing more is printed.
    Exit(u8),
}

impl Error {
    pub(crate) fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    pub(crate) fn config(msg: impl Into<String>) -> Self {
        Error::Config(msg.into())
    }

    pub(crate) fn protocol(kind: ProtocolKind, detail: impl Into<String>) -> Self {
        Error::Protocol {
            kind,
            detail: detail.into(),
        }
    }

    /// The service's answer parsed but lacks what the flow needs, or makes no sense in it.
    pub(crate) fn bad_answer(detail: impl Into<String>) -> Self {
        Error::protocol(ProtocolKind::BadAnswer, detail)
    }

    /// A value of cogtok's own (request, cache entry, output) that serde could not encode.
    pub(crate) fn encode(e: &serde_json::Error) -> Self {
        Error::protocol(ProtocolKind::Encode, e.to_string())
    }

    /// `action` is what failed, with its path: "cannot write /x/y".
    pub(crate) fn io(action: impl Into<String>, e: &io::Error) -> Self {
        Error::Io {
            action: action.into(),
            kind: e.kind(),
            detail: e.to_string(),
        }
    }

    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 252,
            Error::Config(_) | Error::Credentials(_) => 253,
            Error::Service { .. } | Error::Challenge { .. } | Error::Http { .. } => 254,
            Error::Network { .. } | Error::Protocol { .. } | Error::Io { .. } => 255,
            Error::Spawn { code, .. } | Error::Exit(code) => *code,
            Error::Invalid(_) => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Config(m) | Error::Credentials(m) | Error::Invalid(m) => f.write_str(m),
            Error::Service {
                code, message, hint, ..
            } => {
                f.write_str(code)?;
                if !message.is_empty() {
                    write!(f, ": {message}")?;
                }
                match hint {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
            Error::Challenge { challenge, what, hint } => write!(f, "{what} ({challenge}): {hint}"),
            Error::Http { status, detail } => write!(f, "HTTP {status} from the service: {detail}"),
            Error::Network {
                endpoint,
                cause,
                attempts,
                ..
            } => {
                write!(f, "could not reach {endpoint}: {cause}")?;
                match attempts {
                    0 => Ok(()),
                    1 => f.write_str(" (1 attempt)"),
                    n => write!(f, " ({n} attempts)"),
                }
            }
            Error::Protocol { detail, .. } => write!(f, "unexpected answer from the service: {detail}"),
            Error::Io { action, detail, .. } if detail.is_empty() => f.write_str(action),
            Error::Io { action, detail, .. } => write!(f, "{action}: {detail}"),
            Error::Spawn { message, .. } => f.write_str(message),
            Error::Exit(code) => write!(f, "exit status {code}"),
        }
    }
}

impl std::error::Error for Error {}

/// Why a request got no answer, told from the HTTP client's error types (transport/network.rs),
/// never from its wording. Retrying depends on it: only some kinds prove that nothing was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NetworkKind {
    /// The endpoint's host name did not resolve.
    Dns,
    /// The host refused the connection: nothing listens on that port.
    Refused,
    /// The connection could not be made for another reason (no route, address unavailable).
    Connect,
    /// No connection within the connect timeout, or no answer within the read timeout.
    Timeout,
    /// The TLS handshake failed: the peer does not speak TLS, or its certificate is not trusted.
    Tls,
    /// The connection broke once made: reset, aborted, or closed before the answer was complete.
    Disconnected,
    /// Any other failure the HTTP client reports.
    Other,
}

/// What is wrong with an answer (or, for `Encode`, with a value of cogtok's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProtocolKind {
    /// The answer is larger than any Cognito answer: cogtok stopped reading it.
    BodyTooLarge,
    /// A success status with a body that is not JSON: a proxy or a captive portal.
    NotJson,
    /// JSON without the expected shape, or without a field the flow needs.
    BadAnswer,
    /// serde could not encode a request, a cache entry or an output document.
    Encode,
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_aws_cli_v2_scheme() {
        assert_eq!(Error::usage("x").exit_code(), 252);
        assert_eq!(Error::config("x").exit_code(), 253);
        assert_eq!(Error::Credentials("x".into()).exit_code(), 253);
        let service = Error::Service {
            code: "NotAuthorizedException".into(),
            message: "m".into(),
            status: 400,
            hint: None,
        };
        assert_eq!(service.exit_code(), 254);
        let challenge = Error::Challenge {
            challenge: "SMS_MFA".into(),
            what: "w".into(),
            hint: "h".into(),
        };
        assert_eq!(challenge.exit_code(), 254);
        assert_eq!(
            Error::Http {
                status: 502,
                detail: "d".into()
            }
            .exit_code(),
            254
        );
        let network = Error::Network {
            kind: NetworkKind::Refused,
            endpoint: "http://127.0.0.1:9/".into(),
            cause: "connection refused".into(),
            attempts: 3,
        };
        assert_eq!(
            network.to_string(),
            "could not reach http://127.0.0.1:9/: connection refused (3 attempts)"
        );
        assert_eq!(network.exit_code(), 255);
        assert_eq!(Error::bad_answer("p").exit_code(), 255);
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(Error::io("cannot write /x", &denied).exit_code(), 255);
    }

    #[test]
    fn io_errors_keep_the_kind_and_read_as_action_then_cause() {
        let e = Error::io("cannot write /tmp/x", &io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(matches!(
            e,
            Error::Io {
                kind: io::ErrorKind::PermissionDenied,
                ..
            }
        ));
        assert_eq!(e.to_string(), "cannot write /tmp/x: permission denied");
    }

    #[test]
    fn service_errors_name_the_type_then_the_message() {
        let e = Error::Service {
            code: "NotAuthorizedException".into(),
            message: "Incorrect username or password.".into(),
            status: 400,
            hint: None,
        };
        assert_eq!(e.to_string(), "NotAuthorizedException: Incorrect username or password.");
        let bare = Error::Service {
            code: "ThrottlingException".into(),
            message: String::new(),
            status: 400,
            hint: None,
        };
        assert_eq!(bare.to_string(), "ThrottlingException");
        let hinted = Error::Service {
            code: "NotAuthorizedException".into(),
            message: "carol@example.com".into(),
            status: 400,
            hint: Some("wrong password, or the user is disabled or unconfirmed"),
        };
        assert_eq!(
            hinted.to_string(),
            "NotAuthorizedException: carol@example.com (wrong password, or the user is disabled or unconfirmed)"
        );
    }

    #[test]
    fn challenge_errors_name_the_challenge_and_the_option() {
        let e = Error::Challenge {
            challenge: "NEW_PASSWORD_REQUIRED".into(),
            what: "the user must choose a new password".into(),
            hint: "pass --new-password-env VAR or --new-password-file PATH".into(),
        };
        assert_eq!(
            e.to_string(),
            "the user must choose a new password (NEW_PASSWORD_REQUIRED): pass --new-password-env VAR or --new-password-file PATH"
        );
    }
}
