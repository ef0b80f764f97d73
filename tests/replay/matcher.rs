//! Matching what cogtok sent and printed against a fixture: JSON request bodies with
//! `<<placeholders>>`, text templates, and the AWS CLI's JSON rendering.
//!
//! A placeholder inside an expected string matches a run of characters of one class:
//! `<<any>>` (anything, possibly nothing), `<<digits>>`, `<<hex>>`, `<<alpha>>`, `<<base64>>`
//! and `<<base64url>>` (one or more), and `<<q>>`, an optional single quote (for shell-quoted
//! text). The whole-value string `"<<any>>"` matches any JSON value.
//! tools/fixturelib.py implements the same rules for the Python tools.

use serde_json::Value;

/// One piece of a template.
#[derive(Debug, PartialEq)]
enum Part<'a> {
    Literal(&'a str),
    Class(Class),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Any,
    Digits,
    Hex,
    Alpha,
    Base64,
    Base64Url,
    OptionalQuote,
}

impl Class {
    fn from_name(name: &str) -> Option<Class> {
        Some(match name {
            "any" => Class::Any,
            "digits" => Class::Digits,
            "hex" => Class::Hex,
            "alpha" => Class::Alpha,
            "base64" => Class::Base64,
            "base64url" => Class::Base64Url,
            "q" => Class::OptionalQuote,
            _ => return None,
        })
    }

    fn admits(self, c: char) -> bool {
        match self {
            Class::Any => true,
            Class::Digits => c.is_ascii_digit(),
            Class::Hex => c.is_ascii_hexdigit(),
            Class::Alpha => c.is_ascii_alphabetic(),
            Class::Base64 => c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='),
            Class::Base64Url => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '='),
            Class::OptionalQuote => c == '\'',
        }
    }

    fn maximum(self) -> usize {
        if self == Class::OptionalQuote {
            1
        } else {
            usize::MAX
        }
    }

    fn minimum(self) -> usize {
        if matches!(self, Class::Any | Class::OptionalQuote) {
            0
        } else {
            1
        }
    }
}

/// Splits a template into literals and placeholders; an unknown `<<name>>` is an error.
fn parse(template: &str) -> Result<Vec<Part<'_>>, String> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("<<") {
        let Some(len) = rest[start + 2..].find(">>") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) || name.is_empty() {
            // Not placeholder syntax: keep one '<' as text and look further on.
            parts.push(Part::Literal(&rest[..start + 1]));
            rest = &rest[start + 1..];
            continue;
        }
        let class = Class::from_name(name).ok_or_else(|| format!("unknown placeholder <<{name}>> in {template:?}"))?;
        if start > 0 {
            parts.push(Part::Literal(&rest[..start]));
        }
        parts.push(Part::Class(class));
        rest = &rest[start + 2 + len + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest));
    }
    Ok(parts)
}

/// True if the string contains placeholder syntax (`<<name>>`).
pub fn is_template(s: &str) -> bool {
    parse(s)
        .map(|parts| parts.iter().any(|p| matches!(p, Part::Class(_))))
        .unwrap_or(true)
}

/// Checks that a template is well formed.
pub fn validate_template(template: &str) -> Result<(), String> {
    parse(template).map(|_| ())
}

/// True if `text` matches `template`. Backtracks over the length of each placeholder run.
pub fn template_matches(template: &str, text: &str) -> bool {
    let Ok(parts) = parse(template) else {
        return false;
    };
    let chars: Vec<char> = text.chars().collect();
    fn go(parts: &[Part<'_>], chars: &[char], pos: usize) -> bool {
        let Some((first, rest)) = parts.split_first() else {
            return pos == chars.len();
        };
        match first {
            Part::Literal(lit) => {
                let lit: Vec<char> = lit.chars().collect();
                chars.len() >= pos + lit.len()
                    && chars[pos..pos + lit.len()] == lit[..]
                    && go(rest, chars, pos + lit.len())
            }
            Part::Class(class) => {
                let mut end = pos;
                while end < chars.len() && end - pos < class.maximum() && class.admits(chars[end]) {
                    end += 1;
                }
                (pos + class.minimum()..=end)
                    .rev()
                    .any(|stop| stop >= pos && go(rest, chars, stop))
            }
        }
    }
    go(&parts, &chars, 0)
}

/// Mismatches between an expected JSON value (with placeholders) and an actual one. Objects
/// compare by member names (order ignored), arrays element by element, strings exactly or by
/// template. `path` names the value in the messages (`body.AuthParameters.USERNAME`).
pub fn match_value(expected: &Value, actual: &Value, path: &str) -> Vec<String> {
    match (expected, actual) {
        (Value::String(e), _) if e == "<<any>>" => vec![],
        (Value::Object(e), Value::Object(a)) => {
            let mut out = Vec::new();
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => out.extend(match_value(ev, av, &format!("{path}.{k}"))),
                    None => out.push(format!("{path}.{k}: missing (expected {})", short(ev))),
                }
            }
            for (k, av) in a {
                if !e.contains_key(k) {
                    out.push(format!("{path}.{k}: unexpected member (got {})", short(av)));
                }
            }
            out
        }
        (Value::Array(e), Value::Array(a)) => {
            let mut out = Vec::new();
            if e.len() != a.len() {
                out.push(format!("{path}: expected {} elements, got {}", e.len(), a.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                out.extend(match_value(ev, av, &format!("{path}[{i}]")));
            }
            out
        }
        (Value::String(e), Value::String(a)) if is_template(e) => {
            if template_matches(e, a) {
                vec![]
            } else {
                vec![format!("{path}: expected a match for {e:?}, got {}", short(actual))]
            }
        }
        (e, a) if e == a => vec![],
        (e, a) => vec![format!("{path}: expected {}, got {}", short(e), short(a))],
    }
}

/// A value for a message: JSON, cut to a readable length.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// JSON as the AWS CLI prints it: 4-space indent, members in the value's order, non-ASCII as
/// UTF-8, a final newline (Python's `json.dumps(v, indent=4, ensure_ascii=False)` + "\n").
pub fn render_json(value: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut ser).expect("serializing a JSON value cannot fail");
    let mut text = String::from_utf8(out).expect("serde_json writes UTF-8");
    text.push('\n');
    text
}

/// Differences between two JSON values where the order of object members counts.
pub fn ordered_differences(expected: &Value, actual: &Value, path: &str) -> Vec<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let ek: Vec<&String> = e.keys().collect();
            let ak: Vec<&String> = a.keys().collect();
            let mut out = Vec::new();
            if ek != ak {
                out.push(format!("{path}: members {ek:?}, got {ak:?}"));
            }
            for (k, ev) in e {
                if let Some(av) = a.get(k) {
                    out.extend(ordered_differences(ev, av, &format!("{path}.{k}")));
                }
            }
            out
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .flat_map(|(i, (ev, av))| ordered_differences(ev, av, &format!("{path}[{i}]")))
            .collect(),
        (e, a) if e == a => vec![],
        (e, a) => vec![format!("{path}: expected {}, got {}", short(e), short(a))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_match_by_class() {
        assert!(template_matches("<<digits>>", "123456"));
        assert!(!template_matches("<<digits>>", ""));
        assert!(!template_matches("<<digits>>", "12a"));
        assert!(template_matches("<<hex>>", "deadBEEF09"));
        assert!(!template_matches("<<hex>>", "xyz"));
        assert!(template_matches("<<base64>>", "ab+/cd=="));
        assert!(!template_matches("<<base64>>", "ab-_"));
        assert!(template_matches("<<base64url>>", "ab-_cd"));
        assert!(template_matches("<<any>>", ""));
        assert!(template_matches("plain", "plain"));
        assert!(template_matches("X=<<q>>abc<<q>>", "X='abc'"));
        assert!(template_matches("X=<<q>>abc<<q>>", "X=abc"));
        assert!(!template_matches("X=<<q>>abc<<q>>", "X=''abc"));
        assert!(!template_matches("plain", "plainer"));
    }

    #[test]
    fn templates_backtrack_and_mix_literals() {
        let timestamp = "<<alpha>> <<alpha>> <<digits>> <<digits>>:<<digits>>:<<digits>> UTC <<digits>>";
        assert!(template_matches(timestamp, "Tue Jan 6 03:04:05 UTC 2026"));
        assert!(!template_matches(timestamp, "Tue Jan 6 03:04:05 GMT 2026"));
        // <<any>> must give back characters for the literal after it.
        assert!(template_matches("a<<any>>b<<any>>c", "aXbYbZc"));
        assert!(template_matches("X=<<digits>>\n", "X=1700000000\n"));
        assert!(!template_matches("X=<<digits>>\n", "X=17000000x\n"));
        // Not placeholder syntax: taken literally.
        assert!(template_matches("a<<B>>c", "a<<B>>c"));
    }

    #[test]
    fn unknown_placeholders_are_errors() {
        assert!(validate_template("<<nope>>").is_err());
        assert!(validate_template("<<digits>> and <<hex>>").is_ok());
        assert!(!template_matches("<<nope>>", "<<nope>>"));
    }

    #[test]
    fn objects_match_regardless_of_member_order() {
        let e = json!({"A": 1, "B": {"C": "x", "D": [1, 2]}});
        let a = json!({"B": {"D": [1, 2], "C": "x"}, "A": 1});
        assert!(match_value(&e, &a, "body").is_empty());
    }

    #[test]
    fn mismatches_name_the_member() {
        let e = json!({"A": "x", "B": true, "C": [1, 2]});
        let a = json!({"A": "y", "C": [1], "D": null});
        let got = match_value(&e, &a, "body");
        assert!(
            got.iter().any(|m| m.starts_with("body.A: expected \"x\", got \"y\"")),
            "{got:?}"
        );
        assert!(got.iter().any(|m| m.starts_with("body.B: missing")), "{got:?}");
        assert!(
            got.iter().any(|m| m.starts_with("body.C: expected 2 elements, got 1")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|m| m.starts_with("body.D: unexpected member")),
            "{got:?}"
        );
    }

    #[test]
    fn types_are_not_coerced() {
        assert!(!match_value(&json!({"P": true}), &json!({"P": "true"}), "b").is_empty());
        assert!(!match_value(&json!({"N": "1"}), &json!({"N": 1}), "b").is_empty());
        assert!(!match_value(&json!({"N": 1}), &json!({"N": 1.0}), "b").is_empty());
    }

    #[test]
    fn placeholders_inside_bodies() {
        let e = json!({"SRP_A": "<<hex>>", "SIG": "<<base64>>", "ANY": "<<any>>", "CODE": "<<digits>>"});
        let a = json!({"SRP_A": "abc123", "SIG": "q+/=", "ANY": {"deep": [1]}, "CODE": "012345"});
        assert!(match_value(&e, &a, "body").is_empty());
        let bad = json!({"SRP_A": "xyz", "SIG": "q+/=", "ANY": 1, "CODE": 12345});
        assert_eq!(match_value(&e, &bad, "body").len(), 2);
    }

    #[test]
    fn renders_like_the_aws_cli() {
        let v: Value = serde_json::from_str(r#"{"B": {}, "A": [], "Z": "Zoë", "N": [1, {"x": false}]}"#).unwrap();
        let want = "{\n    \"B\": {},\n    \"A\": [],\n    \"Z\": \"Zoë\",\n    \"N\": [\n        1,\n        {\n            \"x\": false\n        }\n    ]\n}\n";
        assert_eq!(render_json(&v), want);
    }

    #[test]
    fn ordered_differences_see_member_order() {
        let e: Value = serde_json::from_str(r#"{"A": 1, "B": 2}"#).unwrap();
        let a: Value = serde_json::from_str(r#"{"B": 2, "A": 1}"#).unwrap();
        assert_eq!(e, a, "serde_json's equality ignores order");
        assert_eq!(ordered_differences(&e, &a, "stdout").len(), 1);
        assert!(ordered_differences(&e, &e, "stdout").is_empty());
    }
}
