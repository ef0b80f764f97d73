//! The AWS SDKs' standard backoff, shared by every retry loop (cognito-idp calls in `transport`,
//! STS calls in `credentials`): full jitter, capped at 20 s.

use std::time::Duration;

/// The longest wait before a retry, whatever the attempt or the server asks.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// The wait before retry number `retry` (1 for the first): `fraction` × min(2^(retry-1) ×
/// `base`, 20 s), full jitter with `fraction` in [0, 1]; or the server's `x-amz-retry-after`,
/// capped at 20 s, as aws-sdk-rust does.
pub(crate) fn delay(retry: u32, base: Duration, fraction: f64, retry_after: Option<Duration>) -> Duration {
    if let Some(asked) = retry_after {
        return asked.min(MAX_BACKOFF);
    }
    let exponential = base.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
    exponential.min(MAX_BACKOFF).mul_f64(fraction.clamp(0.0, 1.0))
}

/// A uniform fraction in [0, 1] for the jitter. It needs no strength: without random bytes it
/// is simply no wait.
pub(crate) fn random_fraction() -> f64 {
    let mut bytes = [0u8; 4];
    let _ = getrandom::getrandom(&mut bytes);
    f64::from(u32::from_ne_bytes(bytes)) / f64::from(u32::MAX)
}
