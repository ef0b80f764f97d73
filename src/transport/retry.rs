//! The AWS SDKs' standard retry mode, with cogtok's rule for operations that use something up:
//! which failures are tried again (`classify`, the one table), how long to wait (`delay`), and
//! the retry quota that stops retrying when most attempts fail (`Quota`).
//!
//! Sources: the AWS SDKs and Tools reference, "Retry behavior"; botocore's
//! `retries/standard.py` and `retries/quota.py`; aws-sdk-rust's `aws-smithy-runtime`
//! standard retry strategy (which also takes `x-amz-retry-after` as the delay).

use std::cell::Cell;
use std::time::Duration;

#[cfg(test)]
use crate::http::backoff::MAX_BACKOFF;
pub(super) use crate::http::backoff::{delay, random_fraction};

use crate::error::{Error, NetworkKind};

/// Error codes that mean "slow down": botocore's list (`standard.py`), less
/// `LimitExceededException`, which Cognito uses for limits that seconds do not lift (too many
/// password resets, too many devices), and less those of other services that Cognito never sends
/// (`TransactionInProgressException`, `BandwidthLimitExceeded`, `EC2ThrottledException`).
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
];

/// Transient error codes (botocore's list) that say the request was turned away unserved.
const UNSERVED_CODES: &[&str] = &["PriorRequestNotComplete"];

/// Transient error codes (botocore's list) after which the work may or may not have been done.
const MAYBE_SERVED_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// Operations that use something up (a session, a one-time code, a refresh token under
/// rotation) or create something: after a failure that may come after the service did the
/// work, a second attempt would fail for that reason alone, or do the work twice.
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

/// Why a failed attempt is tried again: named in the `--debug` trace, and priced by the quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reason {
    /// A throttling error code.
    Throttling,
    /// A transient error code or status (500, 502, 503, 504).
    ServerError,
    /// No answer: the network kind says why.
    Network(NetworkKind),
}

impl Reason {
    /// Tokens a retry takes from the quota: 10 after a timeout, 5 otherwise (the SDKs' numbers).
    pub(super) fn cost(self) -> u32 {
        match self {
            Reason::Network(NetworkKind::Timeout) => 10,
            _ => 5,
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Throttling => f.write_str("throttling"),
            Reason::ServerError => f.write_str("server error"),
            Reason::Network(kind) => write!(f, "network {}", format!("{kind:?}").to_lowercase()),
        }
    }
}

/// Whether a failure proves that the service did not do the work, or leaves it open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Served {
    No,
    Maybe,
}

/// The one table: the retry reason of `e`, if `operation` may be tried again after it.
///
/// | failure | retried for |
/// |---|---|
/// | a throttling code, `PriorRequestNotComplete`, HTTP 503 | every operation (turned away unserved) |
/// | no connection: DNS, refused, other connect failure | every operation (nothing was sent) |
/// | HTTP 500, 502, 504, `RequestTimeout(Exception)` | operations that use nothing up |
/// | a timeout (connect or read), a connection broken after sending | operations that use nothing up |
/// | TLS, anything else, any other 4xx | none |
pub(super) fn classify(operation: &str, e: &Error) -> Option<Reason> {
    let (reason, served) = match e {
        Error::Service { code, .. } if THROTTLING_CODES.contains(&code.as_str()) => (Reason::Throttling, Served::No),
        Error::Service { code, .. } if UNSERVED_CODES.contains(&code.as_str()) => (Reason::ServerError, Served::No),
        Error::Service { code, .. } if MAYBE_SERVED_CODES.contains(&code.as_str()) => {
            (Reason::ServerError, Served::Maybe)
        }
        Error::Service { status, .. } | Error::Http { status, .. } => match status {
            503 => (Reason::ServerError, Served::No),
            500 | 502 | 504 => (Reason::ServerError, Served::Maybe),
            _ => return None,
        },
        Error::Network { kind, .. } => match kind {
            NetworkKind::Dns | NetworkKind::Refused | NetworkKind::Connect => (Reason::Network(*kind), Served::No),
            NetworkKind::Timeout | NetworkKind::Disconnected => (Reason::Network(*kind), Served::Maybe),
            // A certificate that is not trusted stays untrusted; the rest is unknown.
            NetworkKind::Tls | NetworkKind::Other => return None,
        },
        _ => return None,
    };
    let repeatable = !CONSUMING_OPERATIONS.contains(&operation);
    (served == Served::No || repeatable).then_some(reason)
}

/// `x-amz-retry-after`: a whole number of milliseconds; anything else is ignored.
pub(super) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_millis)
}

/// The retry quota, a token bucket shared by all calls of one client: 500 tokens; a retry takes
/// its reason's cost or is not made; a success gives back the cost of the retry that led to it,
/// or 1 token when it needed none, never above 500.
pub(super) struct Quota {
    available: Cell<u32>,
}

impl Quota {
    pub(super) const CAPACITY: u32 = 500;
    const NO_RETRY_REFUND: u32 = 1;

    pub(super) fn new() -> Self {
        Quota {
            available: Cell::new(Self::CAPACITY),
        }
    }

    /// Takes `cost` tokens for a retry; false (and nothing taken) when fewer are left.
    pub(super) fn acquire(&self, cost: u32) -> bool {
        let left = self.available.get();
        if left < cost {
            return false;
        }
        self.available.set(left - cost);
        true
    }

    /// After a success: `last_retry_cost` is what the retry that succeeded took, if any.
    pub(super) fn on_success(&self, last_retry_cost: Option<u32>) {
        let refund = last_retry_cost.unwrap_or(Self::NO_RETRY_REFUND);
        self.available.set((self.available.get() + refund).min(Self::CAPACITY));
    }

    pub(super) fn available(&self) -> u32 {
        self.available.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, status: u16) -> Error {
        Error::Service {
            code: code.into(),
            message: String::new(),
            status,
            hint: None,
        }
    }

    fn http(status: u16) -> Error {
        Error::Http {
            status,
            detail: String::new(),
        }
    }

    fn network(kind: NetworkKind) -> Error {
        Error::Network {
            kind,
            endpoint: String::new(),
            cause: String::new(),
            attempts: 0,
        }
    }

    #[test]
    fn the_table_for_an_operation_that_uses_nothing_up() {
        let op = "AdminInitiateAuth";
        assert_eq!(
            classify(op, &service("TooManyRequestsException", 400)),
            Some(Reason::Throttling)
        );
        assert_eq!(
            classify(op, &service("ThrottlingException", 400)),
            Some(Reason::Throttling)
        );
        assert_eq!(
            classify(op, &service("PriorRequestNotComplete", 400)),
            Some(Reason::ServerError)
        );
        assert_eq!(
            classify(op, &service("RequestTimeoutException", 408)),
            Some(Reason::ServerError)
        );
        for status in [500, 502, 503, 504] {
            assert_eq!(classify(op, &http(status)), Some(Reason::ServerError), "{status}");
            assert_eq!(
                classify(op, &service("InternalErrorException", status)),
                Some(Reason::ServerError)
            );
        }
        for kind in [
            NetworkKind::Dns,
            NetworkKind::Refused,
            NetworkKind::Connect,
            NetworkKind::Timeout,
            NetworkKind::Disconnected,
        ] {
            assert_eq!(classify(op, &network(kind)), Some(Reason::Network(kind)), "{kind:?}");
        }
        assert_eq!(classify(op, &network(NetworkKind::Tls)), None);
        assert_eq!(classify(op, &network(NetworkKind::Other)), None);
        assert_eq!(classify(op, &service("NotAuthorizedException", 400)), None);
        assert_eq!(classify(op, &service("LimitExceededException", 400)), None);
        assert_eq!(classify(op, &http(403)), None);
        assert_eq!(classify(op, &http(501)), None);
        assert_eq!(classify(op, &Error::bad_answer("x")), None);
    }

    #[test]
    fn the_table_for_operations_that_use_a_session_or_a_code() {
        for op in [
            "RespondToAuthChallenge",
            "VerifySoftwareToken",
            "GetTokensFromRefreshToken",
        ] {
            // Turned away unserved, or never sent: tried again.
            assert_eq!(
                classify(op, &service("TooManyRequestsException", 400)),
                Some(Reason::Throttling)
            );
            assert_eq!(
                classify(op, &service("PriorRequestNotComplete", 400)),
                Some(Reason::ServerError)
            );
            assert_eq!(classify(op, &http(503)), Some(Reason::ServerError));
            for kind in [NetworkKind::Dns, NetworkKind::Refused, NetworkKind::Connect] {
                assert_eq!(
                    classify(op, &network(kind)),
                    Some(Reason::Network(kind)),
                    "{op} {kind:?}"
                );
            }
            // The first attempt may have used the session or the code up: never again.
            for status in [500, 502, 504] {
                assert_eq!(
                    classify(op, &service("InternalErrorException", status)),
                    None,
                    "{op} {status}"
                );
            }
            assert_eq!(classify(op, &service("RequestTimeout", 408)), None);
            assert_eq!(classify(op, &network(NetworkKind::Timeout)), None, "{op}");
            assert_eq!(classify(op, &network(NetworkKind::Disconnected)), None, "{op}");
        }
    }

    #[test]
    fn timeouts_cost_the_quota_more() {
        assert_eq!(Reason::Network(NetworkKind::Timeout).cost(), 10);
        assert_eq!(Reason::Network(NetworkKind::Disconnected).cost(), 5);
        assert_eq!(Reason::Throttling.cost(), 5);
        assert_eq!(Reason::ServerError.cost(), 5);
    }

    #[test]
    fn the_delay_is_full_jitter_of_an_exponential_capped_at_20_s() {
        let base = Duration::from_secs(1);
        assert_eq!(delay(1, base, 0.0, None), Duration::ZERO);
        assert_eq!(delay(1, base, 1.0, None), Duration::from_secs(1));
        assert_eq!(delay(2, base, 0.5, None), Duration::from_secs(1));
        assert_eq!(delay(3, base, 1.0, None), Duration::from_secs(4));
        assert_eq!(delay(5, base, 1.0, None), Duration::from_secs(16));
        assert_eq!(delay(6, base, 1.0, None), Duration::from_secs(20));
        assert_eq!(delay(6, base, 0.5, None), Duration::from_secs(10));
        assert_eq!(delay(40, base, 1.0, None), Duration::from_secs(20));
        assert_eq!(delay(2, Duration::from_millis(1), 1.0, None), Duration::from_millis(2));
    }

    #[test]
    fn the_server_s_retry_after_is_the_delay_up_to_20_s() {
        let base = Duration::from_secs(1);
        let asked = |ms| Some(Duration::from_millis(ms));
        assert_eq!(delay(1, base, 1.0, asked(250)), Duration::from_millis(250));
        assert_eq!(delay(3, base, 1.0, asked(0)), Duration::ZERO);
        assert_eq!(delay(1, base, 0.0, asked(90_000)), MAX_BACKOFF);
        assert_eq!(parse_retry_after(" 1500 "), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after("1.5"), None);
        assert_eq!(parse_retry_after("-3"), None);
        assert_eq!(parse_retry_after("Thu, 01 Jan 2026 00:00:00 GMT"), None);
    }

    #[test]
    fn the_quota_takes_costs_refunds_and_runs_out() {
        let quota = Quota::new();
        assert_eq!(quota.available(), 500);
        assert!(quota.acquire(5));
        assert!(quota.acquire(10));
        assert_eq!(quota.available(), 485);
        quota.on_success(Some(10));
        assert_eq!(quota.available(), 495);
        quota.on_success(None);
        assert_eq!(quota.available(), 496);
        quota.on_success(Some(5));
        quota.on_success(None);
        assert_eq!(quota.available(), 500, "never above the capacity");
        // 100 retries of cost 5 empty it; the 101st is refused and takes nothing.
        assert!((0..100).all(|_| quota.acquire(5)));
        assert!(!quota.acquire(5));
        assert_eq!(quota.available(), 0);
        quota.on_success(None);
        assert!(!quota.acquire(5));
        assert_eq!(quota.available(), 1);
    }
}
