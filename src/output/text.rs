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

fn item(v: &Value, ident: Option<&str>, keys: Option<&[&str]>, buf: &mut String) -> Result<(), MixedList> {
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
            keys.extend(m.iter().filter(|(_, v)| !is_container(v)).map(|(k, _)| k.as_str()));
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
            fields.extend(keys.iter().map(|k| m.get(*k).map(py_str).unwrap_or_default()));
            let mut rest: Vec<(&String, &Value)> = m.iter().filter(|(k, _)| !keys.contains(&k.as_str())).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    // The table between the markers is written by `python3 tools/output_vectors.py`, which
    // prints each input with `awscli.text.format_text`, the AWS CLI's own `--output text`
    // formatter (the flag records whether it raised after printing). Edit the script, not the
    // table.
    // BEGIN GENERATED by tools/output_vectors.py from the AWS CLI and jmespath; do not edit.
    /// (input as JSON, the AWS CLI's output, whether the AWS CLI failed after that output)
    const VECTORS: &[(&str, &str, bool)] = &[
        ("{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"AYABeFAKEsession-123==\",\"ChallengeParameters\":{\"USER_ID_FOR_SRP\":\"alice\",\"requiredAttributes\":\"[\\\"userAttributes.name\\\"]\",\"userAttributes\":\"{\\\"email_verified\\\":\\\"true\\\",\\\"email\\\":\\\"alice@example.com\\\"}\"}}", "NEW_PASSWORD_REQUIRED\tAYABeFAKEsession-123==\nCHALLENGEPARAMETERS\talice\t[\"userAttributes.name\"]\t{\"email_verified\":\"true\",\"email\":\"alice@example.com\"}\n", false),
        ("{\"ChallengeParameters\":{},\"AuthenticationResult\":{\"AccessToken\":\"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\",\"RefreshToken\":\"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\"IdToken\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"}}", "AUTHENTICATIONRESULT\teyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\t3600\teyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\teyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\tBearer\n", false),
        ("{\"Username\":\"alice\",\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"},{\"Name\":\"name\",\"Value\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"Name\":\"custom:note\",\"Value\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}],\"UserCreateDate\":1732724400.123,\"UserLastModifiedDate\":1732724460.0,\"Enabled\":true,\"UserStatus\":\"CONFIRMED\",\"MFAOptions\":[],\"PreferredMfaSetting\":\"SOFTWARE_TOKEN_MFA\",\"UserMFASettingList\":[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]}", "True\tSOFTWARE_TOKEN_MFA\t1732724400.123\t1732724460.0\tCONFIRMED\talice\nUSERATTRIBUTES\tsub\t7a1b2c3d-0000-4000-8000-123456789abc\nUSERATTRIBUTES\temail_verified\ttrue\nUSERATTRIBUTES\temail\talice@example.com\nUSERATTRIBUTES\tname\tZoë \"Z\" Ünïcødé\ttab\nUSERATTRIBUTES\tcustom:note\tline1\nline2\u{1}\u{7f}\u{2028}end\nUSERMFASETTINGLIST\tSOFTWARE_TOKEN_MFA\nUSERMFASETTINGLIST\tSMS_MFA\n", false),
        ("{\"User\":{\"Username\":\"bob\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"0f0e0d0c-1111-4222-8333-444455556666\"},{\"Name\":\"email\",\"Value\":\"bob@example.com\"}],\"UserCreateDate\":1700000000,\"UserLastModifiedDate\":1700000000.5,\"Enabled\":true,\"UserStatus\":\"FORCE_CHANGE_PASSWORD\",\"MFAOptions\":[{\"DeliveryMedium\":\"SMS\",\"AttributeName\":\"phone_number\"}]}}", "USER\tTrue\t1700000000\t1700000000.5\tFORCE_CHANGE_PASSWORD\tbob\nATTRIBUTES\tsub\t0f0e0d0c-1111-4222-8333-444455556666\nATTRIBUTES\temail\tbob@example.com\nMFAOPTIONS\tphone_number\tSMS\n", false),
        ("{\"Users\":[{\"Username\":\"u1\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u1@example.com\"},{\"Name\":\"phone_number\",\"Value\":\"+15550100\"}],\"Enabled\":true,\"UserStatus\":\"CONFIRMED\"},{\"Username\":\"u2\",\"Attributes\":[],\"Enabled\":false,\"UserStatus\":\"UNCONFIRMED\"},{\"Username\":\"u3\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u3@example.com\"}],\"Enabled\":true}],\"PaginationToken\":null}", "None\nUSERS\tTrue\tCONFIRMED\tu1\nATTRIBUTES\temail\tu1@example.com\nATTRIBUTES\tphone_number\t+15550100\nUSERS\tFalse\tUNCONFIRMED\tu2\nUSERS\tTrue\t\tu3\nATTRIBUTES\temail\tu3@example.com\n", false),
        ("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}", "dash\tFalse\tNone\t1\tapostrophe\t\tTrue\t0\tunicode key\nB\t1\nLIST\t0\nLIST\t1\nLIST\t2\nLIST\t3\nLIST\t4\nLIST\t5\nX\t1\nY\t2\nMIXED\t1\nMIXED\t1\nMIXED\tTrue\nMIXED\tNone\nMIXED\t1.0\nMIXED\t0\nMIXED\tFalse\nNESTED\t5\nNESTED\tNone\nNESTED\t1\nNESTED\t2\nNESTED\t3\nNESTED\t4\nOBJS\tTrue\tx\t1\nT\tp\nT\tq\nOBJS\tFalse\ty\t2.5\nT\tr\nOBJS\t\tz\t\n", false),
        ("{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"AYABeFAKEsession-123==\",\"ChallengeParameters\":{\"USER_ID_FOR_SRP\":\"alice\",\"requiredAttributes\":\"[\\\"userAttributes.name\\\"]\",\"userAttributes\":\"{\\\"email_verified\\\":\\\"true\\\",\\\"email\\\":\\\"alice@example.com\\\"}\"}}", "NEW_PASSWORD_REQUIRED\tAYABeFAKEsession-123==\nCHALLENGEPARAMETERS\talice\t[\"userAttributes.name\"]\t{\"email_verified\":\"true\",\"email\":\"alice@example.com\"}\n", false),
        ("{\"ChallengeParameters\":{},\"AuthenticationResult\":{\"AccessToken\":\"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\",\"RefreshToken\":\"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\"IdToken\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"}}", "AUTHENTICATIONRESULT\teyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\t3600\teyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\teyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\tBearer\n", false),
        ("{\"Username\":\"alice\",\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"},{\"Name\":\"name\",\"Value\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"Name\":\"custom:note\",\"Value\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}],\"UserCreateDate\":\"2024-11-27T16:20:00.123000+00:00\",\"UserLastModifiedDate\":\"2024-11-27T16:21:00+00:00\",\"Enabled\":true,\"UserStatus\":\"CONFIRMED\",\"MFAOptions\":[],\"PreferredMfaSetting\":\"SOFTWARE_TOKEN_MFA\",\"UserMFASettingList\":[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]}", "True\tSOFTWARE_TOKEN_MFA\t2024-11-27T16:20:00.123000+00:00\t2024-11-27T16:21:00+00:00\tCONFIRMED\talice\nUSERATTRIBUTES\tsub\t7a1b2c3d-0000-4000-8000-123456789abc\nUSERATTRIBUTES\temail_verified\ttrue\nUSERATTRIBUTES\temail\talice@example.com\nUSERATTRIBUTES\tname\tZoë \"Z\" Ünïcødé\ttab\nUSERATTRIBUTES\tcustom:note\tline1\nline2\u{1}\u{7f}\u{2028}end\nUSERMFASETTINGLIST\tSOFTWARE_TOKEN_MFA\nUSERMFASETTINGLIST\tSMS_MFA\n", false),
        ("{\"User\":{\"Username\":\"bob\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"0f0e0d0c-1111-4222-8333-444455556666\"},{\"Name\":\"email\",\"Value\":\"bob@example.com\"}],\"UserCreateDate\":\"2023-11-14T22:13:20+00:00\",\"UserLastModifiedDate\":\"2023-11-14T22:13:20.500000+00:00\",\"Enabled\":true,\"UserStatus\":\"FORCE_CHANGE_PASSWORD\",\"MFAOptions\":[{\"DeliveryMedium\":\"SMS\",\"AttributeName\":\"phone_number\"}]}}", "USER\tTrue\t2023-11-14T22:13:20+00:00\t2023-11-14T22:13:20.500000+00:00\tFORCE_CHANGE_PASSWORD\tbob\nATTRIBUTES\tsub\t0f0e0d0c-1111-4222-8333-444455556666\nATTRIBUTES\temail\tbob@example.com\nMFAOPTIONS\tphone_number\tSMS\n", false),
        ("{\"Users\":[{\"Username\":\"u1\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u1@example.com\"},{\"Name\":\"phone_number\",\"Value\":\"+15550100\"}],\"Enabled\":true,\"UserStatus\":\"CONFIRMED\"},{\"Username\":\"u2\",\"Attributes\":[],\"Enabled\":false,\"UserStatus\":\"UNCONFIRMED\"},{\"Username\":\"u3\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u3@example.com\"}],\"Enabled\":true}],\"PaginationToken\":null}", "None\nUSERS\tTrue\tCONFIRMED\tu1\nATTRIBUTES\temail\tu1@example.com\nATTRIBUTES\tphone_number\t+15550100\nUSERS\tFalse\tUNCONFIRMED\tu2\nUSERS\tTrue\t\tu3\nATTRIBUTES\temail\tu3@example.com\n", false),
        ("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}", "dash\tFalse\tNone\t1\tapostrophe\t\tTrue\t0\tunicode key\nB\t1\nLIST\t0\nLIST\t1\nLIST\t2\nLIST\t3\nLIST\t4\nLIST\t5\nX\t1\nY\t2\nMIXED\t1\nMIXED\t1\nMIXED\tTrue\nMIXED\tNone\nMIXED\t1.0\nMIXED\t0\nMIXED\tFalse\nNESTED\t5\nNESTED\tNone\nNESTED\t1\nNESTED\t2\nNESTED\t3\nNESTED\t4\nOBJS\tTrue\tx\t1\nT\tp\nT\tq\nOBJS\tFalse\ty\t2.5\nT\tr\nOBJS\t\tz\t\n", false),
        ("\"eyJraWQiOiJpZCJ9.token\"", "eyJraWQiOiJpZCJ9.token\n", false),
        ("\"\"", "\n", false),
        ("\"tab\\tand\\nnewline\"", "tab\tand\nnewline\n", false),
        ("null", "None\n", false),
        ("true", "True\n", false),
        ("false", "False\n", false),
        ("3600", "3600\n", false),
        ("-7", "-7\n", false),
        ("2.5", "2.5\n", false),
        ("1e+16", "1e+16\n", false),
        ("1.5e-07", "1.5e-07\n", false),
        ("100.0", "100.0\n", false),
        ("1732724400.123", "1732724400.123\n", false),
        ("18446744073709551615", "18446744073709551615\n", false),
        ("[]", "", false),
        ("{}", "", false),
        ("[\"a\",\"b\",3,null,true]", "a\tb\t3\tNone\tTrue\n", false),
        ("[1,[2,3],4,[[5],[]]]", "1\t4\n2\t3\n5\n", false),
        ("[[],[]]", "", false),
        ("[{\"b\":1,\"a\":\"x\"},{\"a\":\"y\",\"c\":null}]", "x\t1\t\ny\t\tNone\n", false),
        ("[{\"a\":1},{\"a\":{\"b\":\"it's\"}},{\"a\":[\"q\\\"uote\",\"both'\\\"\"]}]", "1\n{'b': \"it's\"}\n['q\"uote', 'both\\'\"']\n", false),
        ("[{\"A\":[]},{\"A\":[{\"x\":1}]}]", "A\t1\n", false),
        ("{\"outer\":{\"inner\":{\"leaf\":\"v\"},\"n\":1},\"list\":[{\"k\":\"v\"}],\"scal\":[\"s1\",\"s2\"]}", "LIST\tv\nOUTER\t1\nINNER\tv\nSCAL\ts1\nSCAL\ts2\n", false),
        ("{\"straße\":[\"x\"],\"ünï\":{\"k\":1}}", "STRASSE\tx\nÜNÏ\t1\n", false),
        ("{\"k\":{\"ctl\":\"\\u0000\\u0007\u{9f}\u{a0}\u{ad}\u{2028}\u{e000}😀\"}}", "K\t\u{0}\u{7}\u{9f}\u{a0}\u{ad}\u{2028}\u{e000}😀\n", false),
        ("[{\"k\":{\"ctl\":\"\\u0000\\t\\\\é\u{200b}\u{feff}😀\"}},{\"k\":2}]", "{'ctl': '\\x00\\t\\\\é\\u200b\\ufeff😀'}\n2\n", false),
        ("[{\"a\":1},\"not an object\",{\"a\":2}]", "", true),
        ("{\"ok\":\"printed\",\"z\":[[\"x\"],{\"a\":1}]}", "printed\n", true),
        ("{\"ok\":\"printed\",\"z\":[{\"a\":1},[\"x\"]]}", "printed\n", true),
        ("{\"k\":[1,[2,3],\"s\"]}", "K\t1\nK\ts\nK\t2\nK\t3\n", false),
        ("{\"k\":[[{\"a\":1}],[[\"deep\"]]]}", "K\t1\nK\tdeep\n", false),
        ("[{\"a\":1},{\"a\":{\"x\":null,\"y\":true,\"z\":1.5e-07,\"w\":[1,false]}}]", "1\n{'x': None, 'y': True, 'z': 1.5e-07, 'w': [1, False]}\n", false),
        ("{\"only\":{\"nested\":{\"values\":[]}}}", "", false),
        ("\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"", "eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\n", false),
        ("\"alice@example.com\"", "alice@example.com\n", false),
        ("[\"sub\",\"email_verified\",\"email\",\"name\",\"custom:note\"]", "sub\temail_verified\temail\tname\tcustom:note\n", false),
        ("[[\"sub\",\"7a1b2c3d-0000-4000-8000-123456789abc\"],[\"email_verified\",\"true\"],[\"email\",\"alice@example.com\"],[\"name\",\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"],[\"custom:note\",\"line1\\nline2\\u0001\u{7f}\u{2028}end\"]]", "sub\t7a1b2c3d-0000-4000-8000-123456789abc\nemail_verified\ttrue\nemail\talice@example.com\nname\tZoë \"Z\" Ünïcødé\ttab\ncustom:note\tline1\nline2\u{1}\u{7f}\u{2028}end\n", false),
        ("[[\"u1\",true],[\"u2\",false],[\"u3\",true]]", "u1\tTrue\nu2\tFalse\nu3\tTrue\n", false),
        ("[[1,2],[3,[4]],5,null,[]]", "5\tNone\n1\t2\n3\n4\n", false),
        ("[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}]", "True\tx\t1\nT\tp\nT\tq\nFalse\ty\t2.5\nT\tr\n\tz\t\n", false),
    ];
    // END GENERATED

    #[test]
    fn agrees_with_the_aws_cli() {
        let mut failures = Vec::new();
        for (input, want, fails) in VECTORS {
            let v: Value = serde_json::from_str(input).expect("input is JSON");
            let mut out = Vec::new();
            let result = format_text(&v, &mut out);
            let got = String::from_utf8(out).expect("output is UTF-8");
            if got != *want || result.is_err() != *fails {
                failures.push(format!(
                    "{input}\n got {got:?} ({result:?})\nwant {want:?} (fails: {fails})"
                ));
            }
        }
        crate::testing::assert_no_mismatches(&failures);
    }

    #[test]
    fn mixed_list_error_is_invalid_data() {
        let v = serde_json::json!({"a": "x", "b": [{"k": 1}, 2]});
        let mut out = Vec::new();
        let err = format_text(&v, &mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            err.to_string(),
            "--output text cannot print a list that mixes objects with other values"
        );
        assert_eq!(out, b"x\n");
    }
}
