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
    format!("{} at line {} column {}", problem_words(e), e.line(), e.column())
}

/// `json_problem` for a document whose text is at hand: the member path instead of the position,
/// as `serde_path_to_error` would give it, e.g. "AuthenticationResult.ExpiresIn: expected a
/// number". The path is found by scanning `text` up to serde_json's error position.
pub(crate) fn json_problem_in(text: &[u8], e: &serde_json::Error) -> String {
    if e.classify() != serde_json::error::Category::Data {
        return json_problem(e);
    }
    // A missing or duplicate field, or a list of the wrong length, is the container's problem,
    // not its last member's.
    let of_object = {
        let m = e.to_string();
        ["missing field ", "duplicate field ", "invalid length "]
            .iter()
            .any(|p| m.starts_with(p))
    };
    let at = offset_of(text, e.line(), e.column());
    match member_path(&text[..at.min(text.len())], of_object) {
        path if path.is_empty() => format!("the answer: {}", problem_words(e)),
        path => format!("{path}: {}", problem_words(e)),
    }
}

fn problem_words(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Data => data_problem(&e.to_string()),
        serde_json::error::Category::Eof => "the document ends too soon".to_string(),
        serde_json::error::Category::Syntax => "not valid JSON".to_string(),
        serde_json::error::Category::Io => "cannot be read".to_string(),
    }
}

/// The byte offset just before serde_json's (1-based line, byte column) position: the last byte
/// it read is left out, so that the closing `}` of the object at fault is not yet closed.
fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column).saturating_sub(1)
}

/// The path (`AuthenticationResult.ExpiresIn`, `Users[3].Attributes`) of the member being read
/// where `prefix` (a JSON document cut short) ends. `of_object`: the innermost object or list
/// itself, not the member last read in it. Member names come from the server: each is cut when long.
fn member_path(prefix: &[u8], of_object: bool) -> String {
    enum Frame {
        Object { key: Option<String>, awaiting_key: bool },
        Array { index: usize },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < prefix.len() {
        match prefix[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, awaiting_key }) => {
                    *key = None;
                    *awaiting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < prefix.len() && prefix[i] != b'"' {
                    i += if prefix[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, awaiting_key }) = stack.last_mut() {
                    if *awaiting_key {
                        let name = String::from_utf8_lossy(&prefix[start..i.min(prefix.len())]);
                        *key = Some(crate::quote::shortened(&name).into_owned());
                        *awaiting_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    let inner = stack.len().saturating_sub(1);
    for (depth, frame) in stack.iter().enumerate() {
        if of_object && depth == inner {
            break;
        }
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    crate::quote::shortened_long(&path).into_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problem<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        json_problem_in(text.as_bytes(), &e)
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Answer {
        authentication_result: Option<Tokens>,
        #[serde(default)]
        users: Vec<Tokens>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Tokens {
        access_token: String,
        expires_in: Option<i64>,
        #[serde(default)]
        flags: Vec<bool>,
    }

    #[test]
    fn a_bad_member_is_named_by_its_path_never_its_value() {
        let cases = [
            (
                r#"{"AuthenticationResult":{"AccessToken":"eyJsecret","ExpiresIn":"soon"}}"#,
                "AuthenticationResult.ExpiresIn: expected a number",
            ),
            (
                "{\n  \"AuthenticationResult\": {\n    \"ExpiresIn\": 3600,\n    \"AccessToken\": 7\n  }\n}",
                "AuthenticationResult.AccessToken: expected a string",
            ),
            (
                r#"{"AuthenticationResult":{"ExpiresIn":3600,"TokenType":"Bearer"}}"#,
                "AuthenticationResult: missing field `AccessToken`",
            ),
            (
                r#"{"Users":[{"AccessToken":"a"},{"AccessToken":"b","Flags":[true,"yes"]}]}"#,
                "Users[1].Flags[1]: expected true or false",
            ),
            (
                r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":{"x":"eyJsecret"}}}"#,
                "AuthenticationResult.ExpiresIn: expected a number",
            ),
            (
                r#"{"a\"b":1,"AuthenticationResult":[]}"#,
                "AuthenticationResult: expected an object",
            ),
            ("7", "the answer: expected an object"),
        ];
        for (text, want) in cases {
            assert_eq!(problem::<Answer>(text), want, "{text}");
        }
        let huge = format!(r#"{{"{}":1,"AuthenticationResult":"x"}}"#, "K".repeat(100_000));
        assert!(problem::<Answer>(&huge).len() < 100);
    }
}
