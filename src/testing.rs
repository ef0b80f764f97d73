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
