//! The time now, in unix seconds: token expiry, the cache's freshness and TOTP windows.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970; a clock set before 1970 reads as 0 rather than failing.
pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
