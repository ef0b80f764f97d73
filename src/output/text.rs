//! `--output text`: the AWS CLI's tab-separated format, row for row.
//!
//! The rules, as the AWS CLI applies them: an object prints one row of its scalar values,
//! tab-joined in sorted key order and led by its identifier (the key it was found under,
//! uppercased) when it has one, then each nested list or object under its key. A list of
//! objects shares one column set, the sorted union of every element's scalar keys, so a missing
//! key prints as an empty field. A list of scalars is one tab-joined row at the top level, one
//! `IDENTIFIER\tvalue` row per element below it. Scalars print as Python's `str()` does:
//! `True`, `False`, `None`, floats by `repr`.

use std::fmt;
use std::io::{self, Write};

use serde_json::{Map, Value};

use super::json::py_number;

/// A list holding objects next to values of another kind. The AWS CLI's text formatter
/// crashes on such a list (`'str' object has no attribute 'items'`) after printing the rows
/// before it; we print the same rows and then return this.
#[derive(Debug)]
struct MixedList;

impl fmt::Display for MixedList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("--output text cannot print a list that mixes objects with other values")
    }
}

impl std::error::Error for MixedList {}

/// Writes `v` as the AWS CLI's `--output text` does. An empty object or list prints nothing.
/// Fails with [`io::ErrorKind::InvalidData`] on a list that mixes objects with other values,
/// which the AWS CLI cannot print either; the rows before it are written first, as there.
pub(crate) fn format_text(v: &Value, out: &mut impl Write) -> io::Result<()> {
    let mut buf = String::new();
    let result = item(v, None, None, &mut buf);
    out.write_all(buf.as_bytes())?;
    result.map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

fn item(
    v: &Value,
    ident: Option<&str>,
    keys: Option<&[&str]>,
    buf: &mut String,
) -> Result<(), MixedList> {
    match v {
        Value::Object(m) => object(m, ident, keys, buf),
        Value::Array(a) => list(a, ident, buf),
        scalar => {
            buf.push_str(&py_str(scalar));
            buf.push('\n');
            Ok(())
        }
    }
}

fn list(a: &[Value], ident: Option<&str>, buf: &mut String) -> Result<(), MixedList> {
    if a.iter().any(Value::is_object) {
        // Every element must be an object: the column set is gathered from all of them before
        // the first row is printed.
        let mut keys: Vec<&str> = Vec::new();
        for e in a {
            let Value::Object(m) = e else {
                return Err(MixedList);
            };
            keys.extend(
                m.iter()
                    .filter(|(_, v)| !is_container(v))
                    .map(|(k, _)| k.as_str()),
            );
        }
        keys.sort_unstable();
        keys.dedup();
        for e in a {
            item(e, ident, Some(&keys), buf)?;
        }
    } else if a.iter().any(Value::is_array) {
        // Scalars first (as one group), then each nested list, whatever the original order.
        let scalars: Vec<&Value> = a.iter().filter(|e| !e.is_array()).collect();
        if !scalars.is_empty() {
            scalar_list(&scalars, ident, buf);
        }
        for e in a.iter().filter(|e| e.is_array()) {
            item(e, ident, None, buf)?;
        }
    } else if !a.is_empty() {
        scalar_list(&a.iter().collect::<Vec<_>>(), ident, buf);
    }
    Ok(())
}

fn scalar_list(items: &[&Value], ident: Option<&str>, buf: &mut String) {
    match ident {
        Some(id) => {
            let id = id.to_uppercase();
            for v in items {
                buf.push_str(&id);
                buf.push('\t');
                buf.push_str(&py_str(v));
                buf.push('\n');
            }
        }
        None => {
            let row: Vec<String> = items.iter().map(|v| py_str(v)).collect();
            buf.push_str(&row.join("\t"));
            buf.push('\n');
        }
    }
}

/// One object: its row of scalars, then its nested values. `keys` is the column set shared by
/// the elements of a list of objects; an element's value for such a key is printed with `str()`
/// even when it is itself a list or object in this element (`{'a': 1}`), and a missing one as
/// an empty field.
fn object(
    m: &Map<String, Value>,
    ident: Option<&str>,
    keys: Option<&[&str]>,
    buf: &mut String,
) -> Result<(), MixedList> {
    let mut fields: Vec<String> = Vec::new();
    let mut nested: Vec<(&str, &Value)> = Vec::new();
    match keys {
        None => {
            let mut sorted: Vec<(&String, &Value)> = m.iter().collect();
            sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
            for (k, v) in sorted {
                if is_container(v) {
                    nested.push((k, v));
                } else {
                    fields.push(py_str(v));
                }
            }
        }
        Some(keys) => {
            fields.extend(
                keys.iter()
                    .map(|k| m.get(*k).map(py_str).unwrap_or_default()),
            );
            let mut rest: Vec<(&String, &Value)> = m
                .iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .collect();
            rest.sort_unstable_by(|a, b| a.0.cmp(b.0));
            nested.extend(rest.into_iter().map(|(k, v)| (k.as_str(), v)));
        }
    }
    if !fields.is_empty() {
        if let Some(id) = ident {
            buf.push_str(&id.to_uppercase());
            buf.push('\t');
        }
        buf.push_str(&fields.join("\t"));
        buf.push('\n');
    }
    for (k, v) in nested {
        item(v, Some(k), None, buf)?;
    }
    Ok(())
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

/// Python's `str()` of a parsed JSON value.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => {
            let mut s = String::new();
            py_repr(other, &mut s);
            s
        }
    }
}

/// Python's `repr()` of a parsed JSON value: `None`, `True`, `{'k': [1, 'x']}`.
fn py_repr(v: &Value, buf: &mut String) {
    match v {
        Value::Null => buf.push_str("None"),
        Value::Bool(true) => buf.push_str("True"),
        Value::Bool(false) => buf.push_str("False"),
        Value::Number(n) => buf.push_str(&py_number(n)),
        Value::String(s) => py_repr_str(s, buf),
        Value::Array(a) => {
            buf.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    buf.push_str(", ");
                }
                py_repr(e, buf);
            }
            buf.push(']');
        }
        Value::Object(m) => {
            buf.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    buf.push_str(", ");
                }
                py_repr_str(k, buf);
                buf.push_str(": ");
                py_repr(e, buf);
            }
            buf.push('}');
        }
    }
}

/// Python's `repr()` of a string: single quotes unless the text has a `'` and no `"`;
/// backslash escapes for the quote, `\\`, `\t`, `\n`, `\r` and characters that are not
/// printable.
fn py_repr_str(s: &str, buf: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    buf.push(quote);
    for c in s.chars() {
        match c {
            c if c == quote || c == '\\' => {
                buf.push('\\');
                buf.push(c);
            }
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            c if py_printable(c) => buf.push(c),
            c if (c as u32) < 0x100 => buf.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => buf.push_str(&format!("\\u{:04x}", c as u32)),
            c => buf.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    buf.push(quote);
}

/// Python's `str.isprintable()` for one character, for the characters that are assigned and
/// not printable: controls, format characters, separators other than the space, private use
/// and noncharacters. Python also escapes unassigned code points, which would need the whole
/// Unicode table; they only matter in the rare `repr` above, so we print them as they are.
fn py_printable(c: char) -> bool {
    let c = c as u32;
    if c < 0x7f {
        return c >= 0x20;
    }
    !matches!(
        c,
        0x7f..=0xa0
            | 0xad
            | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x890..=0x891
            | 0x8e2
            | 0x1680
            | 0x180e
            | 0x2000..=0x200f
            | 0x2028..=0x202f
            | 0x205f..=0x2064
            | 0x2066..=0x206f
            | 0x3000
            | 0xd800..=0xf8ff
            | 0xfdd0..=0xfdef
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0x110bd
            | 0x110cd
            | 0x13430..=0x13438
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0001
            | 0xe0020..=0xe007f
            | 0xf0000..=0x10ffff
    ) && c & 0xfffe != 0xfffe
}
