//! `--output json`: the bytes the AWS CLI prints, i.e. Python's
//! `json.dump(v, indent=4, ensure_ascii=False)` plus a newline. The ISO 8601 rendering of
//! Cognito's epoch timestamps (`cli_timestamp_format = iso8601`) is `clock::iso8601_from_unix`;
//! the AWS CLI's answers for it are tested here, with the other output vectors.
//!
//! Numbers are printed the way Python prints them, not the way serde_json does: a float goes
//! through Python's `repr` (`1e+16`, `1e-05`, `1732724400.0`), which [`py_number`] also provides
//! for the text format.

use std::io::{self, Write};

use serde_json::{Number, Value};

#[cfg(test)]
use crate::clock::iso8601_from_unix;

/// The AWS CLI prints nothing at all, not even a newline, when the (queried) result is an
/// empty object: its JSON formatter skips `response == {}` so that operations without a body
/// (AdminSetUserPassword, AdminDeleteUser, ...) stay silent. `[]`, `null` and `""` still print.
pub(crate) fn prints_nothing(v: &Value) -> bool {
    matches!(v, Value::Object(m) if m.is_empty())
}

/// Writes `v` as the AWS CLI's `--output json` does: 4-space indent, `,` at line ends and
/// `": "` after keys, `{}` and `[]` for empty containers, keys in their stored order, non-ASCII
/// text as is, then a newline. Writes nothing for an empty object (see [`prints_nothing`]).
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
    buf.reserve(s.len() + 2);
    buf.push('"');
    // Runs of characters that need no escape go in whole: tokens are kilobytes of them, and a
    // push per character was a fifth of a whole `admin-initiate-auth` run's instructions. Every
    // character escaped is ASCII, so the bytes can be scanned: a UTF-8 sequence's bytes are all
    // above 0x7f, and a run never ends inside one.
    let mut run_start = 0;
    for (at, &b) in s.as_bytes().iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            b if b < b' ' => "",
            _ => continue,
        };
        buf.push_str(&s[run_start..at]);
        if escaped.is_empty() {
            buf.push_str(&format!("\\u{b:04x}"));
        } else {
            buf.push_str(escaped);
        }
        run_start = at + 1;
    }
    buf.push_str(&s[run_start..]);
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

/// A Cognito epoch timestamp as shown: its ISO 8601 form, or, where Python's `datetime` cannot
/// hold it (and the AWS CLI fails), the number as Python prints it.
#[cfg(test)]
fn iso8601_from_epoch(secs: f64) -> String {
    iso8601_from_unix(secs).unwrap_or_else(|| py_float_repr(secs))
}

/// Rewrites, at any depth, every numeric member whose name is in `names` (`UserCreateDate`,
/// `UserLastModifiedDate`, ...) into its ISO 8601 string. Numbers Python could not
/// turn into a date are left as they are.
#[cfg(test)]
fn convert_timestamps(v: &mut Value, names: &[&str]) {
    match v {
        Value::Object(m) => {
            for (k, e) in m.iter_mut() {
                if let Value::Number(n) = e {
                    if names.contains(&k.as_str()) {
                        if let Some(s) = n.as_f64().and_then(iso8601_from_unix) {
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

#[cfg(test)]
mod tests {
    use super::*;

    // The tables between the markers are written by `python3 tools/output_vectors.py`:
    // outputs come from the AWS CLI's `JSONFormatter`, timestamps from the `iso_format` parser
    // it installs for `cli_timestamp_format = iso8601` (run with TZ=UTC), floats from Python's
    // `repr`. Edit the script, not the tables.
    // BEGIN GENERATED by tools/output_vectors.py from the AWS CLI and jmespath; do not edit.
    /// (input as JSON, the AWS CLI's `--output json`)
    const VECTORS: &[(&str, &str)] = &[
        ("{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"AYABeFAKEsession-123==\",\"ChallengeParameters\":{\"USER_ID_FOR_SRP\":\"alice\",\"requiredAttributes\":\"[\\\"userAttributes.name\\\"]\",\"userAttributes\":\"{\\\"email_verified\\\":\\\"true\\\",\\\"email\\\":\\\"alice@example.com\\\"}\"}}", "{\n    \"ChallengeName\": \"NEW_PASSWORD_REQUIRED\",\n    \"Session\": \"AYABeFAKEsession-123==\",\n    \"ChallengeParameters\": {\n        \"USER_ID_FOR_SRP\": \"alice\",\n        \"requiredAttributes\": \"[\\\"userAttributes.name\\\"]\",\n        \"userAttributes\": \"{\\\"email_verified\\\":\\\"true\\\",\\\"email\\\":\\\"alice@example.com\\\"}\"\n    }\n}\n"),
        ("{\"ChallengeParameters\":{},\"AuthenticationResult\":{\"AccessToken\":\"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\",\"RefreshToken\":\"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\"IdToken\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"}}", "{\n    \"ChallengeParameters\": {},\n    \"AuthenticationResult\": {\n        \"AccessToken\": \"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\n        \"ExpiresIn\": 3600,\n        \"TokenType\": \"Bearer\",\n        \"RefreshToken\": \"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\n        \"IdToken\": \"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"\n    }\n}\n"),
        ("{\"Username\":\"alice\",\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"},{\"Name\":\"name\",\"Value\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"Name\":\"custom:note\",\"Value\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}],\"UserCreateDate\":1732724400.123,\"UserLastModifiedDate\":1732724460.0,\"Enabled\":true,\"UserStatus\":\"CONFIRMED\",\"MFAOptions\":[],\"PreferredMfaSetting\":\"SOFTWARE_TOKEN_MFA\",\"UserMFASettingList\":[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]}", "{\n    \"Username\": \"alice\",\n    \"UserAttributes\": [\n        {\n            \"Name\": \"sub\",\n            \"Value\": \"7a1b2c3d-0000-4000-8000-123456789abc\"\n        },\n        {\n            \"Name\": \"email_verified\",\n            \"Value\": \"true\"\n        },\n        {\n            \"Name\": \"email\",\n            \"Value\": \"alice@example.com\"\n        },\n        {\n            \"Name\": \"name\",\n            \"Value\": \"Zoë \\\"Z\\\" Ünïcødé\\ttab\"\n        },\n        {\n            \"Name\": \"custom:note\",\n            \"Value\": \"line1\\nline2\\u0001\u{7f}\u{2028}end\"\n        }\n    ],\n    \"UserCreateDate\": 1732724400.123,\n    \"UserLastModifiedDate\": 1732724460.0,\n    \"Enabled\": true,\n    \"UserStatus\": \"CONFIRMED\",\n    \"MFAOptions\": [],\n    \"PreferredMfaSetting\": \"SOFTWARE_TOKEN_MFA\",\n    \"UserMFASettingList\": [\n        \"SOFTWARE_TOKEN_MFA\",\n        \"SMS_MFA\"\n    ]\n}\n"),
        ("{\"User\":{\"Username\":\"bob\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"0f0e0d0c-1111-4222-8333-444455556666\"},{\"Name\":\"email\",\"Value\":\"bob@example.com\"}],\"UserCreateDate\":1700000000,\"UserLastModifiedDate\":1700000000.5,\"Enabled\":true,\"UserStatus\":\"FORCE_CHANGE_PASSWORD\",\"MFAOptions\":[{\"DeliveryMedium\":\"SMS\",\"AttributeName\":\"phone_number\"}]}}", "{\n    \"User\": {\n        \"Username\": \"bob\",\n        \"Attributes\": [\n            {\n                \"Name\": \"sub\",\n                \"Value\": \"0f0e0d0c-1111-4222-8333-444455556666\"\n            },\n            {\n                \"Name\": \"email\",\n                \"Value\": \"bob@example.com\"\n            }\n        ],\n        \"UserCreateDate\": 1700000000,\n        \"UserLastModifiedDate\": 1700000000.5,\n        \"Enabled\": true,\n        \"UserStatus\": \"FORCE_CHANGE_PASSWORD\",\n        \"MFAOptions\": [\n            {\n                \"DeliveryMedium\": \"SMS\",\n                \"AttributeName\": \"phone_number\"\n            }\n        ]\n    }\n}\n"),
        ("{\"Users\":[{\"Username\":\"u1\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u1@example.com\"},{\"Name\":\"phone_number\",\"Value\":\"+15550100\"}],\"Enabled\":true,\"UserStatus\":\"CONFIRMED\"},{\"Username\":\"u2\",\"Attributes\":[],\"Enabled\":false,\"UserStatus\":\"UNCONFIRMED\"},{\"Username\":\"u3\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u3@example.com\"}],\"Enabled\":true}],\"PaginationToken\":null}", "{\n    \"Users\": [\n        {\n            \"Username\": \"u1\",\n            \"Attributes\": [\n                {\n                    \"Name\": \"email\",\n                    \"Value\": \"u1@example.com\"\n                },\n                {\n                    \"Name\": \"phone_number\",\n                    \"Value\": \"+15550100\"\n                }\n            ],\n            \"Enabled\": true,\n            \"UserStatus\": \"CONFIRMED\"\n        },\n        {\n            \"Username\": \"u2\",\n            \"Attributes\": [],\n            \"Enabled\": false,\n            \"UserStatus\": \"UNCONFIRMED\"\n        },\n        {\n            \"Username\": \"u3\",\n            \"Attributes\": [\n                {\n                    \"Name\": \"email\",\n                    \"Value\": \"u3@example.com\"\n                }\n            ],\n            \"Enabled\": true\n        }\n    ],\n    \"PaginationToken\": null\n}\n"),
        ("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}", "{\n    \"a\": {\n        \"b\": {\n            \"c\": 1\n        }\n    },\n    \"list\": [\n        0,\n        1,\n        2,\n        3,\n        4,\n        5\n    ],\n    \"nested\": [\n        [\n            1,\n            2\n        ],\n        [\n            3,\n            [\n                4\n            ]\n        ],\n        5,\n        null,\n        []\n    ],\n    \"objs\": [\n        {\n            \"n\": 1,\n            \"k\": \"x\",\n            \"b\": true,\n            \"t\": [\n                \"p\",\n                \"q\"\n            ]\n        },\n        {\n            \"n\": 2.5,\n            \"k\": \"y\",\n            \"b\": false,\n            \"t\": [\n                \"r\"\n            ]\n        },\n        {\n            \"k\": \"z\",\n            \"t\": []\n        }\n    ],\n    \"map\": {\n        \"x\": {\n            \"v\": 1\n        },\n        \"y\": {\n            \"v\": 2\n        },\n        \"z\": {}\n    },\n    \"a-b\": \"dash\",\n    \"mixed\": [\n        1,\n        \"1\",\n        true,\n        null,\n        1.0,\n        0,\n        false\n    ],\n    \"empty\": [],\n    \"eobj\": {},\n    \"str\": \"\",\n    \"zero\": 0,\n    \"one\": 1,\n    \"t\": true,\n    \"f\": false,\n    \"nul\": null,\n    \"ünï\": \"unicode key\",\n    \"q'uote\": \"apostrophe\"\n}\n"),
        ("{}", ""),
        ("[]", "[]\n"),
        ("null", "null\n"),
        ("\"\"", "\"\"\n"),
        ("\"bare string\"", "\"bare string\"\n"),
        ("0", "0\n"),
        ("-1.0", "-1.0\n"),
        ("{\"k\":{}}", "{\n    \"k\": {}\n}\n"),
        ("{\"k\":[],\"l\":[{}],\"m\":[[]]}", "{\n    \"k\": [],\n    \"l\": [\n        {}\n    ],\n    \"m\": [\n        []\n    ]\n}\n"),
        ("{\"ctl\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f}\u{80}\u{2028}\u{2029}\"}", "{\n    \"ctl\": \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f}\u{80}\u{2028}\u{2029}\"\n}\n"),
        ("{\"esc\":\"quote\\\" backslash\\\\ slash/ tab\\t\"}", "{\n    \"esc\": \"quote\\\" backslash\\\\ slash/ tab\\t\"\n}\n"),
        ("{\"unicode\":\"Zoë ✓ 日本 😀\",\"ключ\":\"значение\"}", "{\n    \"unicode\": \"Zoë ✓ 日本 😀\",\n    \"ключ\": \"значение\"\n}\n"),
        ("{\"floats\":[0.1,1e+16,1e-05,0.0001,123456789.123,1e+22,5e-324,1.7976931348623157e+308,2.5,100.0,1732724400.123]}", "{\n    \"floats\": [\n        0.1,\n        1e+16,\n        1e-05,\n        0.0001,\n        123456789.123,\n        1e+22,\n        5e-324,\n        1.7976931348623157e+308,\n        2.5,\n        100.0,\n        1732724400.123\n    ]\n}\n"),
        ("{\"ints\":[0,-1,9007199254740993,18446744073709551615,-9223372036854775808]}", "{\n    \"ints\": [\n        0,\n        -1,\n        9007199254740993,\n        18446744073709551615,\n        -9223372036854775808\n    ]\n}\n"),
        ("{\"bools\":[true,false,null]}", "{\n    \"bools\": [\n        true,\n        false,\n        null\n    ]\n}\n"),
        ("[[[[]]]]", "[\n    [\n        [\n            []\n        ]\n    ]\n]\n"),
        ("{\"\":\"empty key\"}", "{\n    \"\": \"empty key\"\n}\n"),
    ];
    /// (input as JSON, its `--output json` with UserCreateDate and UserLastModifiedDate as iso8601 timestamps)
    const TIMESTAMP_VECTORS: &[(&str, &str)] = &[
        ("{\"Username\":\"alice\",\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"},{\"Name\":\"name\",\"Value\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"Name\":\"custom:note\",\"Value\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}],\"UserCreateDate\":1732724400.123,\"UserLastModifiedDate\":1732724460.0,\"Enabled\":true,\"UserStatus\":\"CONFIRMED\",\"MFAOptions\":[],\"PreferredMfaSetting\":\"SOFTWARE_TOKEN_MFA\",\"UserMFASettingList\":[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]}", "{\n    \"Username\": \"alice\",\n    \"UserAttributes\": [\n        {\n            \"Name\": \"sub\",\n            \"Value\": \"7a1b2c3d-0000-4000-8000-123456789abc\"\n        },\n        {\n            \"Name\": \"email_verified\",\n            \"Value\": \"true\"\n        },\n        {\n            \"Name\": \"email\",\n            \"Value\": \"alice@example.com\"\n        },\n        {\n            \"Name\": \"name\",\n            \"Value\": \"Zoë \\\"Z\\\" Ünïcødé\\ttab\"\n        },\n        {\n            \"Name\": \"custom:note\",\n            \"Value\": \"line1\\nline2\\u0001\u{7f}\u{2028}end\"\n        }\n    ],\n    \"UserCreateDate\": \"2024-11-27T16:20:00.123000+00:00\",\n    \"UserLastModifiedDate\": \"2024-11-27T16:21:00+00:00\",\n    \"Enabled\": true,\n    \"UserStatus\": \"CONFIRMED\",\n    \"MFAOptions\": [],\n    \"PreferredMfaSetting\": \"SOFTWARE_TOKEN_MFA\",\n    \"UserMFASettingList\": [\n        \"SOFTWARE_TOKEN_MFA\",\n        \"SMS_MFA\"\n    ]\n}\n"),
        ("{\"User\":{\"Username\":\"bob\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"0f0e0d0c-1111-4222-8333-444455556666\"},{\"Name\":\"email\",\"Value\":\"bob@example.com\"}],\"UserCreateDate\":1700000000,\"UserLastModifiedDate\":1700000000.5,\"Enabled\":true,\"UserStatus\":\"FORCE_CHANGE_PASSWORD\",\"MFAOptions\":[{\"DeliveryMedium\":\"SMS\",\"AttributeName\":\"phone_number\"}]}}", "{\n    \"User\": {\n        \"Username\": \"bob\",\n        \"Attributes\": [\n            {\n                \"Name\": \"sub\",\n                \"Value\": \"0f0e0d0c-1111-4222-8333-444455556666\"\n            },\n            {\n                \"Name\": \"email\",\n                \"Value\": \"bob@example.com\"\n            }\n        ],\n        \"UserCreateDate\": \"2023-11-14T22:13:20+00:00\",\n        \"UserLastModifiedDate\": \"2023-11-14T22:13:20.500000+00:00\",\n        \"Enabled\": true,\n        \"UserStatus\": \"FORCE_CHANGE_PASSWORD\",\n        \"MFAOptions\": [\n            {\n                \"DeliveryMedium\": \"SMS\",\n                \"AttributeName\": \"phone_number\"\n            }\n        ]\n    }\n}\n"),
        ("{\"ChallengeParameters\":{},\"AuthenticationResult\":{\"AccessToken\":\"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\",\"RefreshToken\":\"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\"IdToken\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"}}", "{\n    \"ChallengeParameters\": {},\n    \"AuthenticationResult\": {\n        \"AccessToken\": \"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\n        \"ExpiresIn\": 3600,\n        \"TokenType\": \"Bearer\",\n        \"RefreshToken\": \"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\n        \"IdToken\": \"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"\n    }\n}\n"),
    ];
    /// (epoch seconds, iso_format under TZ=UTC, or None where the AWS CLI fails)
    const EPOCH_VECTORS: &[(f64, Option<&str>)] = &[
        (1732724400.123, Some("2024-11-27T16:20:00.123000+00:00")),
        (1732724460.0, Some("2024-11-27T16:21:00+00:00")),
        (1700000000.0, Some("2023-11-14T22:13:20+00:00")),
        (1700000000.5, Some("2023-11-14T22:13:20.500000+00:00")),
        (0.0, Some("1970-01-01T00:00:00+00:00")),
        (-1.5, Some("1969-12-31T23:59:58.500000+00:00")),
        (-1e-07, Some("1970-01-01T00:00:00+00:00")),
        (1000000000.0, Some("2001-09-09T01:46:40+00:00")),
        (951782400.0, Some("2000-02-29T00:00:00+00:00")),
        (951868799.999999, Some("2000-02-29T23:59:59.999999+00:00")),
        (4107542400.0, Some("2100-03-01T00:00:00+00:00")),
        (1732724400.1234565, Some("2024-11-27T16:20:00.123456+00:00")),
        (1732724400.9999995, Some("2024-11-27T16:20:01+00:00")),
        (5e-07, Some("1970-01-01T00:00:00+00:00")),
        (1.5e-06, Some("1970-01-01T00:00:00.000002+00:00")),
        (2.5e-06, Some("1970-01-01T00:00:00.000002+00:00")),
        (1.0000005, Some("1970-01-01T00:00:01.000001+00:00")),
        (253402300799.0, Some("9999-12-31T23:59:59+00:00")),
        (253402300800.0, None),
        (253402300800.0, None),
        (-62135596800.0, Some("0001-01-01T00:00:00+00:00")),
        (-62135596800.5, None),
        (1e+20, None),
        (1582934400.25, Some("2020-02-29T00:00:00.250000+00:00")),
        (946684799.999999, Some("1999-12-31T23:59:59.999999+00:00")),
    ];
    /// (f64 bits, Python's repr)
    const FLOAT_VECTORS: &[(u64, &str)] = &[
        (0x0000000000000000, "0.0"),
        (0x8000000000000000, "-0.0"),
        (0x3ff0000000000000, "1.0"),
        (0x3fb999999999999a, "0.1"),
        (0x430c6bf526340000, "1000000000000000.0"),
        (0x4341c37937e07fff, "9999999999999998.0"),
        (0x4341c37937e08000, "1e+16"),
        (0x3f1a36e2eb1c432d, "0.0001"),
        (0x3ee4f8b588e368f1, "1e-05"),
        (0x3e8421f5f40d8376, "1.5e-07"),
        (0x437b69b4ba630f35, "1.2345678901234568e+17"),
        (0x0000000000000001, "5e-324"),
        (0x0010000000000000, "2.2250738585072014e-308"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0x97b1165f0971b7c4, "-1.462980312373184e-194"),
        (0xd13c513a42f8eda1, "-2.14887221083256e+83"),
        (0x8a8318174d645fa6, "-4.967444733350924e-258"),
        (0x25abd89bd67e4d92, "3.2137837932763184e-127"),
        (0x48a7c8252abc5619, "1.0358442265734499e+42"),
        (0x3cbb7daa64c184fa, "3.8151261663263933e-16"),
        (0xf15ce760f3e452f2, "-1.176337340099148e+238"),
        (0xeca9bad1449e78e4, "-2.7718043970410968e+215"),
        (0xcbc16f01162794bf, "-8.549417629074037e+56"),
        (0x76e9c8092966493d, "6.494601838434851e+264"),
        (0xf4d6d23508bd9d96, "-6.692576386377742e+254"),
        (0x29ec148cead50263, "9.565174737222938e-107"),
        (0x343a2c9fbed3e91c, "4.1698085557745604e-57"),
        (0x959575fe0a734d03, "-1.0695252496482799e-204"),
        (0xbdcdc219fe72c33b, "-5.4129867086933864e-11"),
        (0x7d791a3ca63cf5f9, "2.5651485333552566e+296"),
        (0xb79db4df2694e1f7, "-8.52535600801264e-41"),
        (0xcc9ff851b6ab9f1a, "-1.284345105324339e+61"),
        (0x0727d4dad921bf95, "3.441634034226505e-274"),
        (0x72488b810dfafe39, "3.2733200123737125e+242"),
        (0xef4d6ee6dda4dd1e, "-1.3945187805310274e+228"),
        (0xe14c1d7e84488709, "-4.940934138403662e+160"),
        (0xbc2c8e3e93afd954, "-7.740022367536776e-19"),
        (0xf9fc2f72a562d07c, "-3.997047593632806e+279"),
        (0x8b9b7cefad989a70, "-9.37318743744561e-253"),
        (0x4630de19bf77d38d, "1.336387399736463e+30"),
        (0xb25a55f4796ce0e9, "-3.907390761144547e-66"),
        (0x86ad910108d213b7, "-1.6679105865998446e-276"),
        (0x79c919c108050a4e, "4.4494890096961825e+278"),
        (0x3dbf2458c92830e1, "2.8323465597467276e-11"),
        (0x82e2e271c93de18f, "-9.240189227040617e-295"),
        (0x627e79c72b420dd8, "2.8079621346661803e+166"),
        (0x4087c813f045f6e0, "761.009735628697"),
        (0xe973d4d0d37e6749, "-9.487429747376489e+199"),
        (0x466b3aa827a0018a, "1.7258510440930825e+31"),
        (0x68b49734b70da03b, "2.4049563984911885e+196"),
        (0x233911c082f5e35d, "5.262898292683284e-139"),
        (0xa06bcdfe753340fd, "-1.6590132623248474e-152"),
        (0x3c51acd4e4479493, "3.832681452982717e-18"),
        (0xc53c9fd548740684, "-3.4604713597278623e+25"),
        (0x412da81b91da1d6d, "971789.78486721"),
        (0xc127fe5f8c56d5d0, "-786223.7741"),
        (0xc128a54c33333333, "-807590.1"),
        (0xc116bf1066666666, "-372676.1"),
        (0xc0d8dc1333333333, "-25456.3"),
        (0xc12a2cd400000000, "-857706.0"),
        (0x4123ac7d4f5c28f6, "644670.655"),
        (0xc11b28c1f47fc181, "-444976.4887686"),
        (0x410daba200000000, "243060.25"),
        (0xc12dc92c92da1230, "-976022.28682"),
        (0xc127b3b6edb69e8d, "-776667.4642839"),
        (0x412c7b3b4bcd33fb, "933277.64804995"),
        (0x40dc8b1868db8bac, "29228.3814"),
        (0xc123fd3579581062, "-655002.737"),
        (0x41270cd29b2fec57, "755305.3031"),
        (0xc1286d06860d4563, "-800387.26182"),
        (0xc12c0e7f1295e9e2, "-919359.5363"),
        (0xc12bf940cccccccd, "-916640.4"),
        (0xc123862e00000000, "-639767.0"),
        (0x411cd477810624dd, "472349.876"),
    ];
    // END GENERATED

    fn render(v: &Value) -> String {
        let mut out = Vec::new();
        format_json(v, &mut out).expect("writing to a Vec");
        String::from_utf8(out).expect("output is UTF-8")
    }

    #[test]
    fn agrees_with_the_aws_cli() {
        for (input, want) in VECTORS {
            let v: Value = serde_json::from_str(input).expect("input is JSON");
            assert_eq!(render(&v), *want, "for {input}");
        }
    }

    #[test]
    fn empty_object_prints_nothing() {
        assert!(prints_nothing(&serde_json::json!({})));
        assert_eq!(render(&serde_json::json!({})), "");
        for v in [
            serde_json::json!([]),
            Value::Null,
            serde_json::json!(""),
            serde_json::json!({"a": {}}),
        ] {
            assert!(!prints_nothing(&v));
            assert!(render(&v).ends_with('\n'));
        }
    }

    #[test]
    fn timestamps_agree_with_the_aws_cli() {
        let names = ["UserCreateDate", "UserLastModifiedDate"];
        for (input, want) in TIMESTAMP_VECTORS {
            let mut v: Value = serde_json::from_str(input).expect("input is JSON");
            convert_timestamps(&mut v, &names);
            assert_eq!(render(&v), *want, "for {input}");
        }
        for (secs, want) in EPOCH_VECTORS {
            assert_eq!(iso8601_from_unix(*secs).as_deref(), *want, "for {secs:?}");
            let shown = iso8601_from_epoch(*secs);
            assert_eq!(shown, want.map_or_else(|| py_float_repr(*secs), str::to_string));
        }
    }

    #[test]
    fn unrepresentable_timestamps_are_left_alone() {
        let mut v = serde_json::json!({"UserCreateDate": 1e20, "x": [{"UserCreateDate": "text"}]});
        let before = v.clone();
        convert_timestamps(&mut v, &["UserCreateDate"]);
        assert_eq!(v, before);
        assert_eq!(iso8601_from_epoch(f64::NAN), "nan");
        assert_eq!(iso8601_from_epoch(f64::INFINITY), "inf");
        assert_eq!(iso8601_from_epoch(-1e300), "-1e+300");
    }

    #[test]
    fn floats_print_like_python_repr() {
        for (bits, want) in FLOAT_VECTORS {
            assert_eq!(
                py_float_repr(f64::from_bits(*bits)),
                *want,
                "for {:e}",
                f64::from_bits(*bits)
            );
        }
    }
}
