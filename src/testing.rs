//! Helpers shared by the unit tests of several layers (compiled only for tests).

/// Fails with every mismatch of a vector table at once, one per line, rather than the first.
pub(crate) fn assert_no_mismatches(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A JWT with `payload` as its claims and no real signature: for the code that only reads
/// claims (never for `verify`).
pub(crate) fn unsigned_jwt(payload: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!("{}.{}.sig", b64.encode(r#"{"alg":"RS256"}"#), b64.encode(payload))
}
