//! Lines for the user on standard error: errors, warnings and `--debug` traces. It sits at the
//! bottom of the house so that every layer (transport, cache, auth) can warn without reaching up
//! into `output`.

use std::io::Write;

/// Writes one line to standard error. Unlike `eprintln!`, a closed standard error (a pipe whose
/// reader is gone) is ignored rather than a panic: a message that cannot be shown is lost, but
/// the run goes on and ends with its own exit code.
pub(crate) fn stderr_line(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A warning: one line on standard error, and the run goes on.
pub(crate) fn warn(message: &str) {
    stderr_line(format_args!("cogtok: warning: {message}"));
}

/// One line of the `--debug` trace; the caller has redacted every secret.
pub(crate) fn debug(line: std::fmt::Arguments<'_>) {
    stderr_line(format_args!("cogtok: debug: {line}"));
}

/// Collapses whitespace and control characters and cuts to `max` characters, so that an
/// error line stays one line however the server formatted it.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > max {
        out = out.chars().take(max).collect::<String>() + "…";
    }
    out
}
