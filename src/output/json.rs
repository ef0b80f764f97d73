//! `--output json`: the bytes the AWS CLI prints, i.e. Python's
//! `json.dump(v, indent=4, ensure_ascii=False)` plus a newline, and the ISO 8601 rendering of
//! Cognito's epoch timestamps (`cli_timestamp_format = iso8601`).
//!
//! Numbers are printed the way Python prints them, not the way serde_json does: a float goes
//! through Python's `repr` (`1e+16`, `1e-05`, `1732724400.0`), which [`py_number`] also provides
//! for the text format.

use std::io::{self, Write};

use serde_json::{Number, Value};

/// The AWS CLI prints nothing at all, not even a newline, when the (queried) result is an
/// empty object: its JSON formatter skips `response == {}` so that operations without a body
/// (AdminSetUserPassword, AdminDeleteUser, ...) stay silent. `[]`, `null` and `""` still print.
pub(crate) fn prints_nothing(v: &Value) -> bool {
    matches!(v, Value::Object(m) if m.is_empty())
}

/// Writes `v` as the AWS CLI's `--output json` does: 4-space indent, `", "`-free separators
/// (`,` at line ends, `": "` after keys), keys in their stored order, non-ASCII text as is,
/// then a newline. Writes nothing for an empty object (see [`prints_nothing`]).
pub(crate) fn format_json(v: &Value, out: &mut impl Write) -> io::Result<()> {
    if prints_nothing(v) {
        return Ok(());
    }
    let mut buf = String::new();
    write_value(v, 0, &mut buf);
    buf.push('\n');
    out.write_all(buf.as_bytes())
}

fn write_value(v: &Value, level: usize, buf: &mut String) {
    match v {
        Value::Null => buf.push_str("null"),
        Value::Bool(true) => buf.push_str("true"),
        Value::Bool(false) => buf.push_str("false"),
        Value::Number(n) => buf.push_str(&py_number(n)),
        Value::String(s) => write_string(s, buf),
        Value::Array(a) if a.is_empty() => buf.push_str("[]"),
        Value::Object(m) if m.is_empty() => buf.push_str("{}"),
        Value::Array(a) => {
            buf.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                newline(level + 1, buf);
                write_value(e, level + 1, buf);
            }
            newline(level, buf);
            buf.push(']');
        }
        Value::Object(m) => {
            buf.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                newline(level + 1, buf);
                write_string(k, buf);
                buf.push_str(": ");
                write_value(e, level + 1, buf);
            }
            newline(level, buf);
            buf.push('}');
        }
    }
}

fn newline(level: usize, buf: &mut String) {
    buf.push('\n');
    for _ in 0..level {
        buf.push_str("    ");
    }
}

/// Python's string escaping with `ensure_ascii=False`: quote, backslash and the C0 controls
/// only (short forms where JSON has them, else `\u00XX` in lowercase hex). DEL, C1 controls,
/// U+2028/2029 and everything else are written raw.
fn write_string(s: &str, buf: &mut String) {
    buf.push('"');
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            '\t' => buf.push_str("\\t"),
            '\u{8}' => buf.push_str("\\b"),
            '\u{c}' => buf.push_str("\\f"),
            c if c < ' ' => buf.push_str(&format!("\\u{:04x}", c as u32)),
            c => buf.push(c),
        }
    }
    buf.push('"');
}

/// A JSON number as Python prints it (`str()`, `repr()` and `json.dumps` agree on numbers):
/// integers in full, floats by [`py_float_repr`].
pub(crate) fn py_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        py_float_repr(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip (which Rust's `{:e}` also
/// produces), positional when the decimal exponent is in -4..16 with at least one digit after
/// the point, else scientific with a signed, at least two-digit exponent (`1e+16`, `1.5e-07`).
pub(crate) fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut s = String::from(sign);
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let point = exp as usize + 1;
            if digits.len() <= point {
                s.push_str(&digits);
                s.push_str(&"0".repeat(point - digits.len()));
                s.push_str(".0");
            } else {
                s.push_str(&digits[..point]);
                s.push('.');
                s.push_str(&digits[point..]);
            }
        } else {
            s.push_str("0.");
            s.push_str(&"0".repeat((-exp - 1) as usize));
            s.push_str(&digits);
        }
    } else {
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push_str(if exp < 0 { "e-" } else { "e+" });
        s.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    s
}

/// Renders a Cognito epoch timestamp (seconds, possibly fractional) as the AWS CLI does with
/// `cli_timestamp_format = iso8601` in a UTC zone: Python's `datetime.isoformat()`, e.g.
/// `2026-11-27T16:20:00.123000+00:00`, without the fraction when it rounds to 0 µs.
///
/// Outside the years 1-9999 (and for NaN or infinity) Python's `datetime` cannot represent the
/// value and the AWS CLI fails; we return the number as Python prints it instead.
pub(crate) fn iso8601_from_epoch(secs: f64) -> String {
    epoch_to_iso8601(secs).unwrap_or_else(|| py_float_repr(secs))
}

/// Earliest and latest whole seconds Python's `datetime` holds: 0001-01-01T00:00:00 and
/// 9999-12-31T23:59:59.
const MIN_EPOCH: f64 = -62_135_596_800.0;
const MAX_EPOCH: f64 = 253_402_300_799.0;

fn epoch_to_iso8601(secs: f64) -> Option<String> {
    if !secs.is_finite() {
        return None;
    }
    // CPython's datetime.fromtimestamp: split off the whole seconds (modf), scale the fraction
    // to microseconds and round half to even, carrying into the seconds.
    let mut whole = secs.trunc();
    let mut micros = ((secs - whole) * 1e6).round_ties_even();
    if micros >= 1e6 {
        micros -= 1e6;
        whole += 1.0;
    } else if micros < 0.0 {
        micros += 1e6;
        whole -= 1.0;
    }
    if !(MIN_EPOCH..=MAX_EPOCH).contains(&whole) {
        return None;
    }
    // In range, both conversions are exact.
    let whole = whole as i64;
    let micros = micros as u32;
    let (y, m, d) = civil_from_days(whole.div_euclid(86_400));
    let sod = whole.rem_euclid(86_400);
    let mut s = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    );
    if micros != 0 {
        s.push_str(&format!(".{micros:06}"));
    }
    s.push_str("+00:00");
    Some(s)
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), after Howard Hinnant's
/// `civil_from_days`: count in 400-year eras that start on March 1st, so the leap day is the
/// last day of its year.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Rewrites, at any depth, every numeric member whose name is in `names` (`UserCreateDate`,
/// `UserLastModifiedDate`, ...) into its [`iso8601_from_epoch`] string. Numbers Python could not
/// turn into a date are left as they are.
pub(crate) fn convert_timestamps(v: &mut Value, names: &[&str]) {
    match v {
        Value::Object(m) => {
            for (k, e) in m.iter_mut() {
                if let Value::Number(n) = e {
                    if names.contains(&k.as_str()) {
                        if let Some(s) = n.as_f64().and_then(epoch_to_iso8601) {
                            *e = Value::String(s);
                        }
                    }
                } else {
                    convert_timestamps(e, names);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|e| convert_timestamps(e, names)),
        _ => {}
    }
}
