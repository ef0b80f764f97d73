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

/// What is wrong with a JSON document, in serde_json's category and position but without the
/// value it quotes: `invalid type: string "eyJ…", expected i64` could be a token. "expected a
/// number at line 1 column 418".
pub(crate) fn json_problem(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Data => data_problem(&e.to_string()),
        serde_json::error::Category::Eof => "the document ends too soon".to_string(),
        serde_json::error::Category::Syntax => "not valid JSON".to_string(),
        serde_json::error::Category::Io => "cannot be read".to_string(),
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

/// serde's data error without the value it found: "invalid type: string \"soon\", expected i64"
/// → "expected a number"; "missing field `AccessToken`" stays (a name from cogtok's own types).
pub(crate) fn data_problem(message: &str) -> String {
    // serde_json appends the position; the caller gives its own.
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    if message.starts_with("missing field ") || message.starts_with("duplicate field ") {
        return one_line(message, 80);
    }
    let expected = message
        .rsplit_once(", expected ")
        .map(|(_, e)| e)
        .or_else(|| message.strip_prefix("expected "));
    match expected {
        Some(e) => format!("expected {}", plain_expectation(e)),
        None => "a value of the wrong kind".to_string(),
    }
}

/// serde's names for what it wanted, in words: `i64` → "a number", `a sequence` → "a list".
fn plain_expectation(expected: &str) -> String {
    let e = expected.trim();
    let number = [
        "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "usize", "isize",
    ];
    if number.contains(&e) || e.contains("integer") || e.contains("number") {
        "a number".to_string()
    } else if e == "a sequence" || e.starts_with("a sequence") || e.starts_with("an array") {
        "a list".to_string()
    } else if e.starts_with("struct ") || e == "a map" || e.starts_with("a map") {
        "an object".to_string()
    } else if e == "a boolean" || e == "bool" {
        "true or false".to_string()
    } else {
        one_line(e, 60)
    }
}
