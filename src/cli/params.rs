//! Turning the argv value(s) of one option into its JSON request member, as the AWS CLI does.
//!
//! The AWS CLI handles an option's value in four steps, and so does this module:
//! 1. `file://PATH` / `fileb://PATH` is replaced by the file's contents (`paramfile.rs`; for a
//!    list option only when it is the one token given).
//! 2. A structure, map or list-of-structures value that does not look like JSON is read as
//!    shorthand (`shorthand.rs`), one argv token per list element.
//! 3. Shorthand values, which are all strings, are adapted to the shape: integers and booleans
//!    are converted, and a single value where a list belongs becomes a one-element list.
//!    JSON values are not adapted: their types must already be right.
//! 4. The value is checked against the shape (types, unknown and missing structure members, as
//!    botocore's validator does) and serialized (timestamps as epoch seconds, blobs as base64).
//!
//! Errors name options, members, keys and file paths, never a value: values are often secrets.

use std::fmt;

use base64::prelude::{Engine as _, BASE64_STANDARD};
use serde_json::{Map, Value};

use crate::api::shape::{Member, Shape};
use crate::cli::paramfile::{read_paramfile, ParamFile};
use crate::cli::shorthand::{self, is_py_space, ShorthandError};
use crate::clock;

/// Why an option's value was rejected. `Display` gives one lowercase line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamError {
    /// The JSON member name and the option, once known (see `for_member`).
    context: Option<(&'static str, &'static str)>,
    /// Which of a list option's several argv tokens could not be parsed (0-based).
    token: Option<usize>,
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    /// A scalar option was given a number of values other than one.
    Count(usize),
    /// A `file://` or `fileb://` value could not be used; the message names the path.
    File(String),
    /// The value looked like JSON (it starts with `{` or `[`) but is not valid JSON.
    Json(String),
    /// A structure or map value (or list element) that does not start with `{`, where JSON is
    /// required: after a first token in JSON, or when the value is a JSON array.
    NotAnObject,
    Shorthand(ShorthandError),
    /// The value does not fit the shape; every problem found, in botocore's order.
    Invalid(Vec<Problem>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    /// Where, below the member: "" for the member itself, then `[0]`, `.Name`, `.KEY`...
    path: String,
    kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ProblemKind {
    MissingRequired(&'static str),
    Unknown {
        key: String,
        valid: Vec<&'static str>,
    },
    Type {
        got: &'static str,
        expected: &'static str,
    },
    /// A string that should have held an integer.
    NotAnInteger,
    /// A string that should have held a timestamp.
    NotATimestamp,
}

impl ParamError {
    fn new(kind: ErrorKind) -> Self {
        ParamError {
            context: None,
            token: None,
            kind,
        }
    }

    fn invalid(path: &str, kind: ProblemKind) -> Self {
        Self::new(ErrorKind::Invalid(vec![Problem {
            path: path.to_string(),
            kind,
        }]))
    }

    /// Notes that the error is about the `index`th of several argv tokens.
    fn in_token(mut self, index: usize, tokens: usize) -> Self {
        if tokens > 1 && !matches!(self.kind, ErrorKind::Invalid(_)) {
            self.token = Some(index);
        }
        self
    }

    /// Names the member and option the value was for, so the message can say which.
    /// (The tests use it to compare whole messages with the AWS CLI's; raw.rs adds its own prefix.)
    #[cfg(test)]
    pub(crate) fn for_member(mut self, member: &Member) -> Self {
        self.context = Some((member.name, member.option));
        self
    }
}

/// Without a member (`member_value`), the message is the detail alone, worded to follow the
/// caller's "error parsing parameter '--x': "; with one (`option_value`, `for_member`), it is a
/// whole line in the AWS CLI's manner, with botocore's parameter paths (`AuthParameters.KEY`).
impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems = match &self.kind {
            ErrorKind::Invalid(problems) => problems,
            detail => {
                if let Some((_, option)) = self.context {
                    write!(f, "error parsing parameter '--{option}': ")?;
                }
                if let Some(i) = self.token {
                    write!(f, "value {}: ", i + 1)?;
                }
                return match detail {
                    ErrorKind::Count(n) => write!(f, "expected one value, got {n}"),
                    ErrorKind::File(message) => f.write_str(message),
                    ErrorKind::Json(message) => write!(f, "invalid JSON: {message}"),
                    ErrorKind::NotAnObject => f.write_str("invalid JSON: expected an object"),
                    ErrorKind::Shorthand(e) => write!(f, "{e}"),
                    ErrorKind::Invalid(_) => Ok(()),
                };
            }
        };
        if self.context.is_some() {
            f.write_str("parameter validation failed: ")?;
        }
        for (i, p) in problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            // Where the problem is: the member's name and the path below it, or without a
            // member the path alone (`PASSWORD`, `[0].Name`), or nothing for the value itself.
            let at = match self.context {
                Some((name, _)) => Some(crate::quote::shortened(&format!("{name}{}", p.path)).into_owned()),
                None if p.path.is_empty() => None,
                None => Some(crate::quote::shortened(p.path.strip_prefix('.').unwrap_or(&p.path)).into_owned()),
            };
            let (what, detail) = match &p.kind {
                ProblemKind::MissingRequired(name) => ("missing required parameter", format!("\"{name}\"")),
                ProblemKind::Unknown { key, valid } => (
                    "unknown parameter",
                    format!("{}, must be one of: {}", crate::quote::quoted(key), valid.join(", ")),
                ),
                ProblemKind::Type { got, expected } => ("invalid type", format!("got {got}, expected {expected}")),
                ProblemKind::NotAnInteger => ("invalid value", "expected an integer".to_string()),
                ProblemKind::NotATimestamp => (
                    "invalid value",
                    "expected a timestamp (epoch seconds or ISO 8601)".to_string(),
                ),
            };
            // botocore says "... in X" for structure problems, "... for parameter X" otherwise.
            let preposition = match p.kind {
                ProblemKind::MissingRequired(_) | ProblemKind::Unknown { .. } => "in",
                _ => "for parameter",
            };
            match at {
                Some(at) => write!(f, "{what} {preposition} {at}: {detail}")?,
                None if preposition == "in" => write!(f, "{what} {detail}")?,
                None => write!(f, "{what}: {detail}")?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for ParamError {}

/// `member_value` for a command's option, with errors naming the option and member and using
/// botocore's parameter paths (`AuthParameters.PASSWORD`); a caller using it should not add its
/// own "error parsing parameter" prefix.
#[cfg(test)]
pub(crate) fn option_value(member: &Member, raw: &[String]) -> Result<Value, ParamError> {
    member_value(member.shape, raw).map_err(|e| e.for_member(member))
}

/// The JSON value for one option, from the argv value(s) given for it: one token for a scalar,
/// structure or map, any number (one per element, or one JSON array) for a list.
pub(crate) fn member_value(shape: &Shape, raw: &[String]) -> Result<Value, ParamError> {
    let arg = load(shape, raw)?;
    let text = match arg {
        Arg::Binary(bytes) => {
            // Only a blob can hold bytes; anywhere else the AWS CLI's validator rejects them.
            if let Shape::Blob = shape {
                return Ok(Value::String(encode_blob(&bytes)));
            }
            return Err(ParamError::invalid(
                "",
                ProblemKind::Type {
                    got: "binary data (fileb://)",
                    expected: shape.describe(),
                },
            ));
        }
        Arg::Text(text) => Some(text),
        Arg::Tokens => None,
    };
    // The AWS CLI decides between shorthand and JSON on the first token alone.
    let first = match &text {
        Some(text) => Some(text.as_str()),
        None => raw.first().map(String::as_str),
    };
    let looks_like_json = first.is_some_and(|s| {
        let s = s.trim_matches(is_py_space);
        s.starts_with('[') || s.starts_with('{')
    });
    let value = if !looks_like_json && shape.takes_shorthand() {
        let mut value = match &text {
            Some(text) => shorthand_value(shape, text)?,
            None => {
                let items = raw
                    .iter()
                    .enumerate()
                    .map(|(i, t)| shorthand_value(shape, t).map_err(|e| e.in_token(i, raw.len())));
                Value::Array(items.collect::<Result<_, _>>()?)
            }
        };
        coerce_top(shape, &mut value)?;
        value
    } else {
        match &text {
            Some(text) => unpack_text(shape, text, "")?,
            None => unpack_tokens(shape, raw)?,
        }
    };
    let mut problems = Vec::new();
    let value = check(shape, value, &mut String::new(), &mut problems);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(ParamError::new(ErrorKind::Invalid(problems)))
    }
}

/// Checks a value that came as JSON already (`--cli-input-json`) against `shape`, as botocore's
/// validator does for the AWS CLI: no coercion, every problem named.
pub(crate) fn validate_json(shape: &Shape, value: Value) -> Result<Value, ParamError> {
    let mut problems = Vec::new();
    let value = check(shape, value, &mut String::new(), &mut problems);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(ParamError::new(ErrorKind::Invalid(problems)))
    }
}

/// An option's value after paramfiles are read.
enum Arg {
    /// One string: a scalar, structure or map option's token, or a file's text.
    Text(String),
    /// A `fileb://` file's bytes.
    Binary(Vec<u8>),
    /// A list option's tokens, as given.
    Tokens,
}

/// Step 1: reads a `file://` / `fileb://` value. A list option's tokens are looked at only when
/// there is exactly one, as in the AWS CLI: `--user-attributes file://a file://b` sends the
/// two strings as they are.
fn load(shape: &Shape, raw: &[String]) -> Result<Arg, ParamError> {
    let single = match (shape, raw) {
        (_, [one]) => one,
        (Shape::List(_), _) => return Ok(Arg::Tokens),
        (_, _) => return Err(ParamError::new(ErrorKind::Count(raw.len()))),
    };
    match read_paramfile(single) {
        Ok(Some(ParamFile::Text(text))) => Ok(Arg::Text(text)),
        Ok(Some(ParamFile::Binary(bytes))) => Ok(Arg::Binary(bytes)),
        Ok(None) if matches!(shape, Shape::List(_)) => Ok(Arg::Tokens),
        Ok(None) => Ok(Arg::Text(single.clone())),
        Err(message) => Err(ParamError::new(ErrorKind::File(message))),
    }
}

/// Step 2, shorthand: one token (or file text) parsed as shorthand.
fn shorthand_value(shape: &Shape, text: &str) -> Result<Value, ParamError> {
    // The AWS CLI lets a structure whose only member is a string called `Value` be given as
    // the bare string (`--foo bar` for `{"Value": "bar"}`), when it contains no `=`.
    if let Shape::Structure([only]) = shape {
        if only.name == "Value" && matches!(only.shape, Shape::String) && !text.contains('=') {
            let mut map = Map::new();
            map.insert("Value".to_string(), Value::String(text.to_string()));
            return Ok(Value::Object(map));
        }
    }
    shorthand::parse(text).map_err(|e| ParamError::new(ErrorKind::Shorthand(e)))
}

/// Step 2, not shorthand: one string for `shape`, which is JSON for a container and taken as it
/// is for a scalar.
fn unpack_text(shape: &Shape, text: &str, path: &str) -> Result<Value, ParamError> {
    match shape {
        // The AWS CLI reads a document as JSON, whatever it starts with.
        Shape::Document => json(text),
        Shape::Structure(_) | Shape::Map(_) => {
            if text.trim_start_matches(is_py_space).starts_with('{') {
                json(text)
            } else {
                Err(ParamError::new(ErrorKind::NotAnObject))
            }
        }
        Shape::List(element) => {
            let trimmed = text.trim_start_matches(is_py_space);
            if trimmed.starts_with('[') {
                return json(text);
            }
            if trimmed.is_empty() {
                return Err(ParamError::new(ErrorKind::Json("the value is empty".to_string())));
            }
            // A string for a list that is not a JSON array: the AWS CLI iterates over it, making
            // one element of each character (`--desired-delivery-mediums file://m.txt` holding
            // `EMAIL` sends ["E","M","A","I","L"]). Kept so requests match the AWS CLI's.
            let mut items = Vec::new();
            for (i, c) in text.chars().enumerate() {
                items.push(unpack_text(element, &c.to_string(), &format!("{path}[{i}]"))?);
            }
            Ok(Value::Array(items))
        }
        _ => unpack_scalar(shape, text, path),
    }
}

/// Step 2, not shorthand, for a list option's tokens: one JSON array, or one element per token.
fn unpack_tokens(shape: &Shape, tokens: &[String]) -> Result<Value, ParamError> {
    let Shape::List(element) = shape else {
        return Err(ParamError::new(ErrorKind::Count(tokens.len())));
    };
    if let [one] = tokens {
        if one.trim_matches(is_py_space).starts_with('[') {
            return json(one);
        }
    }
    let mut items = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let item = unpack_text(element, token, &format!("[{i}]"));
        items.push(item.map_err(|e| e.in_token(i, tokens.len()))?);
    }
    Ok(Value::Array(items))
}

/// A scalar from its one token: integers are parsed, a boolean is false only for "false"
/// (any case) and the empty string, everything else stays a string until `check`.
fn unpack_scalar(shape: &Shape, text: &str, path: &str) -> Result<Value, ParamError> {
    match shape {
        Shape::Integer | Shape::Long => match py_int(text) {
            Some(n) => Ok(Value::Number(n.into())),
            None => Err(ParamError::invalid(path, ProblemKind::NotAnInteger)),
        },
        Shape::Boolean => Ok(Value::Bool(!text.is_empty() && !text.eq_ignore_ascii_case("false"))),
        _ => Ok(Value::String(text.to_string())),
    }
}

fn json(text: &str) -> Result<Value, ParamError> {
    // serde_json's messages name the line and column, never the input's text.
    serde_json::from_str(text).map_err(|e| ParamError::new(ErrorKind::Json(e.to_string())))
}

/// Python's `int(str)` for base 10: blanks around, an optional sign, ASCII digits with single
/// underscores between them. `None` when the text is not an integer or overflows 64 bits.
fn py_int(text: &str) -> Option<i64> {
    let t = text.trim_matches(is_py_space);
    let (negative, digits) = match (t.strip_prefix('-'), t.strip_prefix('+')) {
        (Some(digits), _) => (true, digits),
        (_, Some(digits)) => (false, digits),
        _ => (false, t),
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        if b == b'_' {
            continue;
        }
        if !b.is_ascii_digit() {
            return None;
        }
        let d = i64::from(b - b'0');
        // Accumulate negatively so i64::MIN is reachable.
        n = n.checked_mul(10)?.checked_sub(d)?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

/// Step 3 at the top of the value: like `coerce`, except that a non-list where a list belongs is
/// left alone (the AWS CLI's wrapping only reaches nested members) and fails in `check`.
fn coerce_top(shape: &Shape, value: &mut Value) -> Result<(), ParamError> {
    match (shape, value) {
        (Shape::List(element), Value::Array(items)) => {
            for (i, item) in items.iter_mut().enumerate() {
                coerce(element, item, &format!("[{i}]"))?;
            }
            Ok(())
        }
        (Shape::List(_), _) => Ok(()),
        (shape, value) => coerce(shape, value, ""),
    }
}

/// Step 3: adapts a shorthand value to the shape, as the AWS CLI does before validation.
fn coerce(shape: &Shape, value: &mut Value, path: &str) -> Result<(), ParamError> {
    match shape {
        Shape::Integer | Shape::Long => match value {
            Value::String(s) => match py_int(s) {
                Some(n) => *value = Value::Number(n.into()),
                None => return Err(ParamError::invalid(path, ProblemKind::NotAnInteger)),
            },
            other => {
                let got = describe_value(other);
                return Err(ParamError::invalid(
                    path,
                    ProblemKind::Type {
                        got,
                        expected: "an integer",
                    },
                ));
            }
        },
        Shape::Boolean => {
            // Only "true" and "false" (any case) convert; anything else fails in `check`.
            if let Value::String(s) = value {
                if s.eq_ignore_ascii_case("true") {
                    *value = Value::Bool(true);
                } else if s.eq_ignore_ascii_case("false") {
                    *value = Value::Bool(false);
                }
            }
        }
        Shape::List(element) => match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    coerce(element, item, &format!("{path}[{i}]"))?;
                }
            }
            // `Key=a` for a list member means ["a"]; the new element is not adapted further.
            other => *other = Value::Array(vec![other.take()]),
        },
        Shape::Map(element) => {
            if let Value::Object(map) = value {
                for (key, item) in map.iter_mut() {
                    coerce(element, item, &format!("{path}.{}", key.escape_debug()))?;
                }
            }
        }
        Shape::Structure(members) => {
            if let Value::Object(map) = value {
                for member in members.iter() {
                    if let Some(item) = map.get_mut(member.name) {
                        coerce(member.shape, item, &format!("{path}.{}", member.name))?;
                    }
                }
            }
        }
        Shape::String | Shape::Timestamp | Shape::Blob | Shape::Document => {}
    }
    Ok(())
}

/// What a JSON value is, for "got ..." in messages.
fn describe_value(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Step 4: checks `value` against `shape` the way botocore's validator does, collecting every
/// problem, and returns it serialized for the wire. `path` is where `value` is, below the member.
fn check(shape: &Shape, value: Value, path: &mut String, problems: &mut Vec<Problem>) -> Value {
    match (shape, value) {
        (Shape::String, v @ Value::String(_)) => v,
        // A document is any JSON value: botocore checks nothing in it.
        (Shape::Document, v) => v,
        // Python's bool is an int, so botocore lets true/false through as integers.
        (Shape::Integer | Shape::Long, Value::Number(n)) if n.is_i64() || n.is_u64() => Value::Number(n),
        (Shape::Integer | Shape::Long, v @ Value::Bool(_)) => v,
        (Shape::Boolean, v @ Value::Bool(_)) => v,
        (Shape::Timestamp, Value::String(s)) => match clock::parse_timestamp(s.trim_matches(is_py_space)) {
            Some(secs) => Value::Number(secs.into()),
            None => {
                problems.push(Problem {
                    path: path.clone(),
                    kind: ProblemKind::NotATimestamp,
                });
                Value::String(s)
            }
        },
        (Shape::Timestamp, Value::Number(n)) => match n.as_f64().and_then(clock::whole_unix_seconds) {
            Some(secs) => Value::Number(secs.into()),
            None => {
                problems.push(Problem {
                    path: path.clone(),
                    kind: ProblemKind::NotATimestamp,
                });
                Value::Number(n)
            }
        },
        (Shape::Blob, Value::String(s)) => Value::String(encode_blob(s.as_bytes())),
        (Shape::List(element), Value::Array(items)) => {
            let len = path.len();
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                out.push(check(element, item, path, problems));
                path.truncate(len);
            }
            Value::Array(out)
        }
        (Shape::Map(element), Value::Object(map)) => {
            let len = path.len();
            let mut out = Map::new();
            for (key, item) in map {
                path.push_str(&format!(".{}", key.escape_debug()));
                let item = check(element, item, path, problems);
                path.truncate(len);
                out.insert(key, item);
            }
            Value::Object(out)
        }
        (Shape::Structure(members), Value::Object(map)) => check_structure(members, map, path, problems),
        (_, v) => {
            let got = describe_value(&v);
            problems.push(Problem {
                path: path.clone(),
                kind: ProblemKind::Type {
                    got,
                    expected: shape.describe(),
                },
            });
            v
        }
    }
}

fn check_structure(
    members: &[Member],
    map: Map<String, Value>,
    path: &mut String,
    problems: &mut Vec<Problem>,
) -> Value {
    // botocore's order: missing required members, then unknown keys, then each known member
    // in the order given.
    for m in members.iter().filter(|m| m.required && !map.contains_key(m.name)) {
        problems.push(Problem {
            path: path.clone(),
            kind: ProblemKind::MissingRequired(m.name),
        });
    }
    for key in map.keys() {
        if !members.iter().any(|m| m.name == key) {
            let valid = members.iter().map(|m| m.name).collect();
            problems.push(Problem {
                path: path.clone(),
                kind: ProblemKind::Unknown {
                    key: key.clone(),
                    valid,
                },
            });
        }
    }
    let len = path.len();
    let mut out = Map::new();
    for (key, item) in map {
        let Some(member) = members.iter().find(|m| m.name == key) else {
            continue;
        };
        path.push('.');
        path.push_str(member.name);
        let item = check(member.shape, item, path, problems);
        path.truncate(len);
        out.insert(key, item);
    }
    Value::Object(out)
}

/// A blob as botocore sends it: Python's `base64.b64encode`, i.e. the standard alphabet (`+`,
/// `/`), `=` padding, no line breaks. Only ever encodes: a blob option's text is sent as its
/// bytes (as AWS CLI v1 does), so there is no base64 input to accept or refuse.
fn encode_blob(bytes: &[u8]) -> String {
    BASE64_STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops;

    /// Command, option, argv values, and the AWS CLI's result: the member's JSON, or what
    /// cogtok's message for the AWS CLI's error must contain.
    type Vector = (
        &'static str,
        &'static str,
        &'static [&'static str],
        Result<&'static str, &'static str>,
    );

    // Made by tools/shorthand_vectors.py, which runs each command line through the AWS CLI
    // (awscli 1.45.11) with a hook that records the request body instead of sending it.
    // BEGIN PARAM_VECTORS: output of `python3 tools/shorthand_vectors.py params`
    #[rustfmt::skip]
    const FILES: &[(&str, &[u8])] = &[
        ("pw.txt", b"hunter2\n"),
        ("crlf.txt", b"line1\r\nline2\rline3\n"),
        ("params.txt", b"USERNAME=alice,PASSWORD=abc=="),
        ("params.json", b"{\"USERNAME\": \"alice\", \"PASSWORD\": \"abc==\"}"),
        ("attrs.json", b"[{\"Name\": \"email\", \"Value\": \"a@b.c\"}]"),
        ("attrs.txt", b"Name=email,Value=a@b.c"),
        ("mediums.txt", b"EMAIL"),
        ("mediums.json", b"[\"EMAIL\", \"SMS\"]"),
        ("latin1.txt", b"caf\xe9"),
        ("empty.txt", b""),
        ("bom.json", b"\xef\xbb\xbf{\"A\": \"b\"}"),
    ];

    #[rustfmt::skip]
    const VECTORS: &[Vector] = &[
        ("initiate-auth", "auth-parameters", &["USERNAME=alice,PASSWORD=abc=="], Ok("{\"USERNAME\":\"alice\",\"PASSWORD\":\"abc==\"}")),
        ("initiate-auth", "auth-parameters", &["USERNAME=alice,PASSWORD=p@ss,w0rd"], Err("invalid type for parameter AuthParameters.PASSWORD")),
        ("initiate-auth", "auth-parameters", &["PASSWORD='p@ss,w0rd',USERNAME=alice"], Ok("{\"PASSWORD\":\"p@ss,w0rd\",\"USERNAME\":\"alice\"}")),
        ("initiate-auth", "auth-parameters", &["PASSWORD=p@ss\\,w0rd"], Ok("{\"PASSWORD\":\"p@ss,w0rd\"}")),
        ("initiate-auth", "auth-parameters", &["{\"USERNAME\": \"alice\", \"PASSWORD\": \"abc==\"}"], Ok("{\"USERNAME\":\"alice\",\"PASSWORD\":\"abc==\"}")),
        ("initiate-auth", "auth-parameters", &["  {\"A\": \"1\", \"A\": \"2\", \"B\": \"3\"}"], Ok("{\"A\":\"2\",\"B\":\"3\"}")),
        ("initiate-auth", "auth-parameters", &["{\"USERNAME\": 5}"], Err("invalid type for parameter AuthParameters.USERNAME")),
        ("initiate-auth", "auth-parameters", &["{\"USERNAME\": null}"], Err("invalid type for parameter AuthParameters.USERNAME")),
        ("initiate-auth", "auth-parameters", &["{\"USERNAME\": \"a\",}"], Err("error parsing parameter '--auth-parameters': … invalid JSON")),
        ("initiate-auth", "auth-parameters", &["[\"USERNAME\"]"], Err("error parsing parameter '--auth-parameters': … invalid JSON")),
        ("initiate-auth", "auth-parameters", &["A={b=c}"], Err("invalid type for parameter AuthParameters.A")),
        ("initiate-auth", "auth-parameters", &["A=[b]"], Err("invalid type for parameter AuthParameters.A")),
        ("initiate-auth", "auth-parameters", &["A="], Ok("{\"A\":\"\"}")),
        ("initiate-auth", "auth-parameters", &[""], Err("error parsing parameter '--auth-parameters'")),
        ("initiate-auth", "auth-parameters", &["USERNAME=a PASSWORD=b"], Ok("{\"USERNAME\":\"a PASSWORD=b\"}")),
        ("initiate-auth", "auth-parameters", &["USERNAME=a,USERNAME=b"], Err("error parsing parameter '--auth-parameters'")),
        ("initiate-auth", "auth-parameters", &["file://@DIR@/params.txt"], Ok("{\"USERNAME\":\"alice\",\"PASSWORD\":\"abc==\"}")),
        ("initiate-auth", "auth-parameters", &["file://@DIR@/params.json"], Ok("{\"USERNAME\":\"alice\",\"PASSWORD\":\"abc==\"}")),
        ("initiate-auth", "auth-parameters", &["file://@DIR@/bom.json"], Err("error parsing parameter '--auth-parameters'")),
        ("initiate-auth", "auth-parameters", &["file://@DIR@/nonexistent.txt"], Err("unable to load paramfile")),
        ("initiate-auth", "auth-parameters", &["PASSWORD@=file://@DIR@/pw.txt,USERNAME=u"], Ok("{\"PASSWORD\":\"hunter2\\n\",\"USERNAME\":\"u\"}")),
        ("initiate-auth", "auth-parameters", &["a=b", "c=d"], Err("expected one value")),
        ("admin-respond-to-auth-challenge", "challenge-responses", &["NEW_PASSWORD=N3w!pass==,USERNAME=alice,userAttributes.name=Al"], Ok("{\"NEW_PASSWORD\":\"N3w!pass==\",\"USERNAME\":\"alice\",\"userAttributes.name\":\"Al\"}")),
        ("initiate-auth", "analytics-metadata", &["AnalyticsEndpointId=abc"], Ok("{\"AnalyticsEndpointId\":\"abc\"}")),
        ("initiate-auth", "analytics-metadata", &["AnalyticsEndpointId=abc,Foo=bar"], Err("unknown parameter in AnalyticsMetadata: \"Foo\", must be one of: AnalyticsEndpointId")),
        ("initiate-auth", "analytics-metadata", &["{\"AnalyticsEndpointId\": \"abc\"}"], Ok("{\"AnalyticsEndpointId\":\"abc\"}")),
        ("initiate-auth", "analytics-metadata", &["abc"], Err("error parsing parameter '--analytics-metadata'")),
        ("admin-initiate-auth", "context-data", &["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders=[{headerName=a,headerValue=b}]"], Ok("{\"IpAddress\":\"1.2.3.4\",\"ServerName\":\"s\",\"ServerPath\":\"/p\",\"HttpHeaders\":[{\"headerName\":\"a\",\"headerValue\":\"b\"}]}")),
        ("admin-initiate-auth", "context-data", &["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders={headerName=a,headerValue=b}"], Ok("{\"IpAddress\":\"1.2.3.4\",\"ServerName\":\"s\",\"ServerPath\":\"/p\",\"HttpHeaders\":[{\"headerName\":\"a\",\"headerValue\":\"b\"}]}")),
        ("admin-initiate-auth", "context-data", &["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders=[]"], Ok("{\"IpAddress\":\"1.2.3.4\",\"ServerName\":\"s\",\"ServerPath\":\"/p\",\"HttpHeaders\":[]}")),
        ("admin-initiate-auth", "context-data", &["IpAddress=1.2.3.4,ServerName=s"], Err("missing required parameter in ContextData: \"ServerPath\"")),
        ("admin-initiate-auth", "context-data", &["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders=[{headerName=a,nope=b}]"], Err("unknown parameter in ContextData.HttpHeaders[0]: \"nope\", must be one of: headerName, headerValue")),
        ("admin-initiate-auth", "context-data", &["{\"IpAddress\": \"1.2.3.4\", \"ServerName\": \"s\", \"ServerPath\": \"/p\", \"HttpHeaders\": [{\"headerName\": \"a\"}]}"], Ok("{\"IpAddress\":\"1.2.3.4\",\"ServerName\":\"s\",\"ServerPath\":\"/p\",\"HttpHeaders\":[{\"headerName\":\"a\"}]}")),
        ("admin-initiate-auth", "context-data", &["{\"IpAddress\": \"1.2.3.4\", \"ServerName\": \"s\", \"ServerPath\": \"/p\", \"HttpHeaders\": {\"headerName\": \"a\"}}"], Err("invalid type for parameter ContextData.HttpHeaders")),
        ("admin-initiate-auth", "context-data", &["IpAddress=[a,b],ServerName=s,ServerPath=/p,HttpHeaders=[]"], Err("invalid type for parameter ContextData.IpAddress")),
        ("admin-create-user", "user-attributes", &["Name=email,Value=a@b.c", "Name=email_verified,Value=true"], Ok("[{\"Name\":\"email\",\"Value\":\"a@b.c\"},{\"Name\":\"email_verified\",\"Value\":\"true\"}]")),
        ("admin-create-user", "user-attributes", &["Name=email,Value=a@b.c,Name=phone_number,Value=+1"], Err("error parsing parameter '--user-attributes'")),
        ("admin-create-user", "user-attributes", &["[{\"Name\": \"email\", \"Value\": \"a@b.c\"}]"], Ok("[{\"Name\":\"email\",\"Value\":\"a@b.c\"}]")),
        ("admin-create-user", "user-attributes", &["  [{\"Name\": \"email\"}]  "], Ok("[{\"Name\":\"email\"}]")),
        ("admin-create-user", "user-attributes", &["{\"Name\": \"email\", \"Value\": \"a@b.c\"}"], Ok("[{\"Name\":\"email\",\"Value\":\"a@b.c\"}]")),
        ("admin-create-user", "user-attributes", &["{\"Name\": \"a\"}", "{\"Name\": \"b\"}"], Ok("[{\"Name\":\"a\"},{\"Name\":\"b\"}]")),
        ("admin-create-user", "user-attributes", &["{\"Name\": \"a\"}", "Name=b"], Err("error parsing parameter '--user-attributes': … invalid JSON")),
        ("admin-create-user", "user-attributes", &["Name=b", "{\"Name\": \"a\"}"], Err("error parsing parameter '--user-attributes'")),
        ("admin-create-user", "user-attributes", &["Value=x"], Err("missing required parameter in UserAttributes[0]: \"Name\"")),
        ("admin-create-user", "user-attributes", &["Name=a,Valu=x"], Err("unknown parameter in UserAttributes[0]: \"Valu\", must be one of: Name, Value")),
        ("admin-create-user", "user-attributes", &["Name=a,b,Value=x"], Err("invalid type for parameter UserAttributes[0].Name")),
        ("admin-create-user", "user-attributes", &["Name=custom:role,Value='a,b'"], Ok("[{\"Name\":\"custom:role\",\"Value\":\"a,b\"}]")),
        ("admin-create-user", "user-attributes", &["Name=email,Value="], Ok("[{\"Name\":\"email\",\"Value\":\"\"}]")),
        ("admin-create-user", "user-attributes", &[], Ok("[]")),
        ("admin-create-user", "user-attributes", &["file://@DIR@/attrs.json"], Ok("[{\"Name\":\"email\",\"Value\":\"a@b.c\"}]")),
        ("admin-create-user", "user-attributes", &["file://@DIR@/attrs.txt"], Err("invalid type for parameter UserAttributes")),
        ("admin-create-user", "user-attributes", &["file://@DIR@/attrs.txt", "Name=b"], Err("error parsing parameter '--user-attributes'")),
        ("admin-create-user", "user-attributes", &["[{\"Name\": \"a\"}]", "[{\"Name\": \"b\"}]"], Err("error parsing parameter '--user-attributes': … invalid JSON")),
        ("admin-create-user", "desired-delivery-mediums", &["EMAIL", "SMS"], Ok("[\"EMAIL\",\"SMS\"]")),
        ("admin-create-user", "desired-delivery-mediums", &["EMAIL,SMS"], Ok("[\"EMAIL,SMS\"]")),
        ("admin-create-user", "desired-delivery-mediums", &["[\"EMAIL\", \"SMS\"]"], Ok("[\"EMAIL\",\"SMS\"]")),
        ("admin-create-user", "desired-delivery-mediums", &["[\"EMAIL\"]", "SMS"], Ok("[\"[\\\"EMAIL\\\"]\",\"SMS\"]")),
        ("admin-create-user", "desired-delivery-mediums", &["[1]"], Err("invalid type for parameter DesiredDeliveryMediums[0]")),
        ("admin-create-user", "desired-delivery-mediums", &["file://@DIR@/mediums.txt"], Ok("[\"E\",\"M\",\"A\",\"I\",\"L\"]")),
        ("admin-create-user", "desired-delivery-mediums", &["file://@DIR@/mediums.json"], Ok("[\"EMAIL\",\"SMS\"]")),
        ("admin-create-user", "desired-delivery-mediums", &[], Ok("[]")),
        ("admin-create-user", "desired-delivery-mediums", &[""], Ok("[\"\"]")),
        ("initiate-auth", "auth-parameters", &["USERNAME=alice,PASSWORD=P@ss=w0rd==,SECRET_HASH=abc+/=="], Ok("{\"USERNAME\":\"alice\",\"PASSWORD\":\"P@ss=w0rd==\",\"SECRET_HASH\":\"abc+/==\"}")),
        ("initiate-auth", "auth-parameters", &["{}"], Ok("{}")),
        ("initiate-auth", "auth-parameters", &["   "], Err("error parsing parameter '--auth-parameters'")),
        ("initiate-auth", "auth-parameters", &["{\"ключ\": \"vé\"}"], Ok("{\"ключ\":\"vé\"}")),
        ("initiate-auth", "auth-parameters", &["file://@DIR@/empty.txt"], Err("error parsing parameter '--auth-parameters'")),
        ("initiate-auth", "client-metadata", &["{\"a\": {\"b\": \"c\"}}"], Err("invalid type for parameter ClientMetadata.a")),
        ("admin-initiate-auth", "context-data", &["IpAddress=1,ServerName=s,ServerPath=/,HttpHeaders=[{headerName=a,headerValue=b},{headerName=c,headerValue=d}]"], Ok("{\"IpAddress\":\"1\",\"ServerName\":\"s\",\"ServerPath\":\"/\",\"HttpHeaders\":[{\"headerName\":\"a\",\"headerValue\":\"b\"},{\"headerName\":\"c\",\"headerValue\":\"d\"}]}")),
        ("admin-initiate-auth", "context-data", &["{\"IpAddress\": \"1\", \"ServerName\": \"s\", \"ServerPath\": \"/\", \"HttpHeaders\": [], \"Bogus\": 1}"], Err("unknown parameter in ContextData: \"Bogus\", must be one of: IpAddress, ServerName, ServerPath, HttpHeaders, EncodedData")),
        ("admin-create-user", "user-attributes", &["Name=email,Value=a@b.c", ""], Err("error parsing parameter '--user-attributes'")),
        ("admin-create-user", "user-attributes", &["Name=a", "Name=a,Value=b,Name=c"], Err("error parsing parameter '--user-attributes'")),
        ("admin-create-user", "user-attributes", &["[]"], Ok("[]")),
        ("admin-create-user", "user-attributes", &["[{\"Name\": \"a\", \"Extra\": 1}]"], Err("unknown parameter in UserAttributes[0]: \"Extra\", must be one of: Name, Value")),
        ("admin-create-user", "user-attributes", &["[{\"Value\": 5, \"Foo\": 1}]"], Err("missing required parameter in UserAttributes[0]: \"Name\"")),
        ("admin-create-user", "user-attributes", &["Name=a,Value=b\\,c"], Ok("[{\"Name\":\"a\",\"Value\":\"b,c\"}]")),
        ("admin-create-user", "user-attributes", &["file://@DIR@/empty.txt"], Err("error parsing parameter '--user-attributes'")),
        ("admin-create-user", "desired-delivery-mediums", &[" [\"EMAIL\"] "], Ok("[\"EMAIL\"]")),
        ("admin-create-user", "desired-delivery-mediums", &["file://@DIR@/empty.txt"], Err("error parsing parameter '--desired-delivery-mediums'")),
        ("admin-create-user", "desired-delivery-mediums", &["EMAIL", "file://@DIR@/mediums.txt"], Ok("[\"EMAIL\",\"file://@DIR@/mediums.txt\"]")),
        ("admin-set-user-password", "password", &["abc==,x=[y]"], Ok("\"abc==,x=[y]\"")),
        ("admin-set-user-password", "password", &["file://@DIR@/pw.txt"], Ok("\"hunter2\\n\"")),
        ("admin-set-user-password", "password", &["file://@DIR@/crlf.txt"], Ok("\"line1\\nline2\\nline3\\n\"")),
        ("admin-set-user-password", "password", &["file://@DIR@/empty.txt"], Ok("\"\"")),
        ("admin-set-user-password", "password", &["file://@DIR@/latin1.txt"], Err("unable to load paramfile")),
        ("admin-set-user-password", "password", &["fileb://@DIR@/pw.txt"], Err("invalid type for parameter Password")),
        ("admin-set-user-password", "password", &["file://@DIR@/nonexistent.txt"], Err("unable to load paramfile")),
        ("admin-set-user-password", "password", &["FILE://x"], Ok("\"FILE://x\"")),
        ("admin-set-user-password", "password", &["{\"a\": 1}"], Ok("\"{\\\"a\\\": 1}\"")),
        ("admin-set-user-password", "password", &["päss 😀"], Ok("\"päss 😀\"")),
        ("sign-up", "username", &[" spaced "], Ok("\" spaced \"")),
    ];
    // END PARAM_VECTORS

    /// The files the vectors name, written to a fresh directory; `@DIR@` in a vector's
    /// arguments stands for it.
    fn vector_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("cogtok-params-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for (name, data) in FILES {
            let path = dir.join(name);
            std::fs::write(&path, data).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        dir
    }

    #[test]
    fn matches_the_aws_cli() {
        let dir = vector_dir();
        let dir = dir.to_string_lossy();
        let mut failures = Vec::new();
        for (command, option, values, expected) in VECTORS {
            let member = ops::find(command).and_then(|op| op.input.iter().find(|m| m.option == *option));
            let Some(member) = member else {
                failures.push(format!("{command} has no --{option}"));
                continue;
            };
            let raw: Vec<String> = values.iter().map(|v| v.replace("@DIR@", &dir)).collect();
            let got = option_value(member, &raw);
            let ok = match (expected, &got) {
                (Ok(json), Ok(value)) => serde_json::to_string(value).ok() == Some(json.replace("@DIR@", &dir)),
                (Err(pieces), Err(e)) => {
                    // The pieces must appear in order (" … " separates them).
                    let message = e.to_string();
                    let mut rest = message.as_str();
                    pieces.split(" … ").all(|piece| match rest.find(piece) {
                        Some(at) => {
                            rest = &rest[at + piece.len()..];
                            true
                        }
                        None => false,
                    })
                }
                _ => false,
            };
            if !ok {
                let got = got.map_err(|e| e.to_string());
                failures.push(format!("--{option} {values:?}: expected {expected:?}, got {got:?}"));
            }
        }
        let _ = std::fs::remove_dir_all(&*dir);
        crate::testing::assert_no_mismatches(&failures);
    }

    static LIST_OF_INTS: Shape = Shape::List(&Shape::Integer);
    static FLAGS: Shape = Shape::Structure(&[
        Member {
            name: "Count",
            option: "count",
            shape: &Shape::Integer,
            required: false,
            sensitive: false,
            values: &[],
            min: None,
        },
        Member {
            name: "On",
            option: "on",
            shape: &Shape::Boolean,
            required: false,
            sensitive: false,
            values: &[],
            min: None,
        },
        Member {
            name: "At",
            option: "at",
            shape: &Shape::Timestamp,
            required: false,
            sensitive: false,
            values: &[],
            min: None,
        },
        Member {
            name: "Data",
            option: "data",
            shape: &Shape::Blob,
            required: false,
            sensitive: false,
            values: &[],
            min: None,
        },
        Member {
            name: "Ids",
            option: "ids",
            shape: &LIST_OF_INTS,
            required: false,
            sensitive: false,
            values: &[],
            min: None,
        },
    ]);
    static WRAPPED: Shape = Shape::Structure(&[Member {
        name: "Value",
        option: "value",
        shape: &Shape::String,
        required: false,
        sensitive: false,
        values: &[],
        min: None,
    }]);

    fn value(shape: &Shape, raw: &[&str]) -> Result<Value, String> {
        let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
        member_value(shape, &raw).map_err(|e| e.to_string())
    }

    #[test]
    fn shorthand_scalars_are_converted_by_shape() {
        // These shapes do not occur in the Cognito commands. The expectations come from the
        // AWS CLI's ShorthandParser + BackCompatVisitor, botocore's ParamValidator and
        // JSONSerializer run on the same shapes built with botocore.model.ShapeResolver.
        assert_eq!(
            value(&FLAGS, &["Count=1_000,On=TRUE,At=2024-05-01T00:00:01Z,Data=hi,Ids=[7]"]),
            Ok(serde_json::json!({"Count": 1000, "On": true, "At": 1714521601, "Data": "aGk=", "Ids": [7]}))
        );
        assert_eq!(value(&FLAGS, &["Ids=[1,2]"]), Ok(serde_json::json!({"Ids": [1, 2]})));
        assert_eq!(value(&FLAGS, &["On=false"]), Ok(serde_json::json!({"On": false})));
        assert_eq!(
            value(&FLAGS, &["At=2024-05-01 12:30-0130"]),
            Ok(serde_json::json!({"At": 1714572000}))
        );
        assert_eq!(value(&FLAGS, &["At=-1.5"]), Ok(serde_json::json!({"At": -2})));
        // `Ids=7` becomes ["7"]: the AWS CLI wraps a single value into a list but does not
        // convert the new element, so validation then rejects the string.
        let err = value(&FLAGS, &["Ids=7"]).err().unwrap_or_default();
        assert_eq!(
            err,
            "invalid type for parameter Ids[0]: got a string, expected an integer"
        );
        let err = value(&FLAGS, &["On=yes"]).err().unwrap_or_default();
        assert_eq!(err, "invalid type for parameter On: got a string, expected a boolean");
        let err = value(&FLAGS, &["Count=many"]).err().unwrap_or_default();
        assert_eq!(err, "invalid value for parameter Count: expected an integer");
        let err = value(&FLAGS, &["Count=[1]"]).err().unwrap_or_default();
        assert!(err.contains("got a list, expected an integer"), "{err}");
        // JSON is not converted: its types must be right already.
        let err = value(&FLAGS, &[r#"{"Count": "1", "On": "true"}"#])
            .err()
            .unwrap_or_default();
        assert!(
            err.contains("Count: got a string") && err.contains("On: got a string"),
            "{err}"
        );
        assert_eq!(
            value(&FLAGS, &[r#"{"Count": 2, "At": 1.9}"#]),
            Ok(serde_json::json!({"Count": 2, "At": 1}))
        );
    }

    #[test]
    fn scalar_options() {
        assert_eq!(value(&Shape::Integer, &[" -42 "]), Ok(serde_json::json!(-42)));
        assert_eq!(
            value(&Shape::Long, &["9223372036854775807"]),
            Ok(serde_json::json!(i64::MAX))
        );
        assert_eq!(
            value(&Shape::Long, &["-9223372036854775808"]),
            Ok(serde_json::json!(i64::MIN))
        );
        for bad in ["", "1.5", "0x10", "1__0", "_1", "1_", "9223372036854775808", "- 1"] {
            assert!(value(&Shape::Integer, &[bad]).is_err(), "{bad:?}");
        }
        assert_eq!(value(&Shape::Boolean, &["FALSE"]), Ok(Value::Bool(false)));
        assert_eq!(value(&Shape::Boolean, &["no"]), Ok(Value::Bool(true)));
        assert_eq!(value(&Shape::String, &["a=b,c"]), Ok(serde_json::json!("a=b,c")));
        assert_eq!(value(&Shape::Blob, &["\u{e9}"]), Ok(serde_json::json!("w6k=")));
        // Timestamps are parsed by `clock::parse_timestamp` once Python's blanks are trimmed.
        assert_eq!(
            value(&Shape::Timestamp, &["\u{a0}1970-01-02T00:00:01Z\n"]),
            Ok(serde_json::json!(86_401))
        );
        assert_eq!(value(&Shape::Timestamp, &[" 1.9 "]), Ok(serde_json::json!(1)));
        assert!(value(&Shape::String, &[]).is_err_and(|e| e.contains("expected one value, got 0")));
        assert!(value(&Shape::String, &["a", "b"]).is_err_and(|e| e.contains("expected one value, got 2")));
        // The one-string-member structure shortcut: `--foo bar` for {"Value": "bar"}.
        assert_eq!(value(&WRAPPED, &["bar"]), Ok(serde_json::json!({"Value": "bar"})));
        assert_eq!(value(&WRAPPED, &["Value=x"]), Ok(serde_json::json!({"Value": "x"})));
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_blob(input.as_bytes()), expected);
        }
    }

    #[test]
    fn blobs_are_encoded_like_python_b64encode() {
        // Expected values from Python's base64.b64encode, which botocore uses for blobs: every
        // byte value (so `+` and `/` appear), no line breaks however long, `=` padding only at
        // the end. Bytes that are not UTF-8 (a fileb:// file) encode like any others.
        let every_byte: Vec<u8> = (0..=255).collect();
        assert_eq!(
            encode_blob(&every_byte),
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w=="
        );
        assert_eq!(encode_blob(b"\xfb\xff\xbf"), "+/+/");
        assert_eq!(encode_blob(b"\0"), "AA==");
        // A blob option's text is sent as its bytes, not decoded: text that is itself base64,
        // or has blanks or characters outside the alphabet, is encoded like any other text.
        assert_eq!(value(&Shape::Blob, &["Zm8="]), Ok(serde_json::json!("Wm04PQ==")));
        assert_eq!(value(&Shape::Blob, &[" a b\n"]), Ok(serde_json::json!("IGEgYgo=")));
        assert_eq!(value(&Shape::Blob, &[""]), Ok(serde_json::json!("")));
    }

    #[test]
    fn errors_name_the_option_but_never_the_value() {
        let Some(op) = ops::find("initiate-auth") else {
            panic!("no initiate-auth")
        };
        let Some(member) = op.input.iter().find(|m| m.option == "auth-parameters") else {
            panic!("no member")
        };
        for raw in [
            "PASSWORD=hunter2,x",
            "PASSWORD='hunter2",
            r#"{"PASSWORD": ["hunter2"]}"#,
            r#"{"PASSWORD": hunter2}"#,
        ] {
            let err = option_value(member, &[raw.to_string()])
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(!err.is_empty() && !err.contains("hunter2"), "{raw}: {err}");
            assert!(
                err.contains("--auth-parameters") || err.contains("AuthParameters"),
                "{err}"
            );
            assert!(!err.contains('\n'));
        }
    }

    #[test]
    fn no_input_makes_it_panic() {
        // Deterministic pseudo-random argv for every option of every command: whatever comes
        // back, it must come back (no panic, no stack overflow) and errors must be one line.
        let pieces = [
            "a",
            "=",
            ",",
            "[",
            "]",
            "{",
            "}",
            "'",
            "\"",
            "\\",
            " ",
            "\n",
            "@",
            "Name",
            "Value",
            "1",
            "-",
            "true",
            "é",
            "\u{1F600}",
            "\u{a0}",
            "file://",
            "fileb://",
            "/nonexistent",
            "$",
            "~",
            "null",
            ":",
        ];
        let mut state: u64 = 0x2016_0418;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        for op in ops::OPS {
            for member in op.input {
                for _ in 0..300 {
                    let tokens = next(3) + usize::from(next(4) == 0);
                    let raw: Vec<String> = (0..tokens)
                        .map(|_| (0..next(12)).map(|_| pieces[next(pieces.len())]).collect())
                        .collect();
                    if let Err(e) = option_value(member, &raw) {
                        assert!(!e.to_string().contains('\n'), "{raw:?}: {e}");
                    }
                }
            }
        }
    }

    #[test]
    fn without_a_member_the_message_is_the_detail_alone() {
        // How a caller that adds its own "error parsing parameter '--x': " sees the errors.
        let Some(op) = ops::find("admin-create-user") else {
            panic!("no admin-create-user")
        };
        let attrs = op.input.iter().find(|m| m.option == "user-attributes");
        let Some(attrs) = attrs else {
            panic!("no --user-attributes")
        };
        let detail = |raw: &[&str]| {
            let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
            member_value(attrs.shape, &raw).err().map(|e| e.to_string())
        };
        assert_eq!(
            detail(&["Name=a,Valu=x"]).as_deref(),
            Some("unknown parameter in [0]: \"Valu\", must be one of: Name, Value")
        );
        assert_eq!(
            detail(&["Value=x"]).as_deref(),
            Some("missing required parameter in [0]: \"Name\"")
        );
        assert_eq!(
            detail(&["Name=a", "Name"]).as_deref(),
            Some("value 2: expected '=' but the value ended (at character 5)")
        );
        assert_eq!(
            detail(&[r#"{"Name": "a"}"#]).as_deref(),
            None,
            "a single JSON object is a one-element list"
        );
        let map = Shape::Map(&Shape::String);
        let raw = ["USERNAME=a,PASSWORD=b,c".to_string()];
        assert_eq!(
            member_value(&map, &raw).err().map(|e| e.to_string()).as_deref(),
            Some("invalid type for parameter PASSWORD: got a list, expected a string")
        );
        let raw = ["[]".to_string()];
        assert_eq!(
            member_value(&map, &raw).err().map(|e| e.to_string()).as_deref(),
            Some("invalid JSON: expected an object")
        );
        let raw = ["5".to_string(), "6".to_string()];
        assert_eq!(
            member_value(&Shape::Integer, &raw[..1]).ok(),
            Some(serde_json::json!(5))
        );
        assert_eq!(
            member_value(&Shape::Integer, &raw)
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("expected one value, got 2")
        );
        assert_eq!(
            member_value(&Shape::Integer, &["x".to_string()])
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("invalid value: expected an integer")
        );
        // With the member, the same problem reads as the AWS CLI's validator puts it.
        let raw = ["Name=a,Valu=x".to_string()];
        assert_eq!(
            option_value(attrs, &raw).err().map(|e| e.to_string()).as_deref(),
            Some("parameter validation failed: unknown parameter in UserAttributes[0]: \"Valu\", must be one of: Name, Value")
        );
    }
}
