//! The 26 built-in functions of JMESPath, as Python jmespath 1.x defines them: the same
//! signatures, the same type checks in the same order, the same results (ints stay ints, `avg`
//! is a float, `max` keeps the first of equals) and the same error messages, which the AWS CLI
//! prints as they are.

use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use super::eval::{eval, not_supported, num_cmp, py_eq, py_type, Eval};
use super::parser::Node;
use super::EvalError;
use crate::output::json::py_float_repr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Func {
    Abs,
    Avg,
    Ceil,
    Contains,
    EndsWith,
    Floor,
    Join,
    Keys,
    Length,
    Map,
    Max,
    MaxBy,
    Merge,
    Min,
    MinBy,
    NotNull,
    Reverse,
    Sort,
    SortBy,
    StartsWith,
    Sum,
    ToArray,
    ToNumber,
    ToString,
    Type,
    Values,
}

/// One parameter's allowed types, spelled as jmespath spells them (`array-number` is an array
/// of numbers); empty allows anything.
type Param = &'static [&'static str];

/// name, function, parameters, whether the last parameter repeats (`merge`, `not_null`).
const TABLE: &[(&str, Func, &[Param], bool)] = &[
    ("abs", Func::Abs, &[&["number"]], false),
    ("avg", Func::Avg, &[&["array-number"]], false),
    ("ceil", Func::Ceil, &[&["number"]], false),
    ("contains", Func::Contains, &[&["array", "string"], &[]], false),
    ("ends_with", Func::EndsWith, &[&["string"], &["string"]], false),
    ("floor", Func::Floor, &[&["number"]], false),
    ("join", Func::Join, &[&["string"], &["array-string"]], false),
    ("keys", Func::Keys, &[&["object"]], false),
    ("length", Func::Length, &[&["string", "array", "object"]], false),
    ("map", Func::Map, &[&["expref"], &["array"]], false),
    ("max", Func::Max, &[&["array-number", "array-string"]], false),
    ("max_by", Func::MaxBy, &[&["array"], &["expref"]], false),
    ("merge", Func::Merge, &[&["object"]], true),
    ("min", Func::Min, &[&["array-number", "array-string"]], false),
    ("min_by", Func::MinBy, &[&["array"], &["expref"]], false),
    ("not_null", Func::NotNull, &[&[]], true),
    ("reverse", Func::Reverse, &[&["array", "string"]], false),
    ("sort", Func::Sort, &[&["array-string", "array-number"]], false),
    ("sort_by", Func::SortBy, &[&["array"], &["expref"]], false),
    ("starts_with", Func::StartsWith, &[&["string"], &["string"]], false),
    ("sum", Func::Sum, &[&["array-number"]], false),
    ("to_array", Func::ToArray, &[&[]], false),
    ("to_number", Func::ToNumber, &[&[]], false),
    ("to_string", Func::ToString, &[&[]], false),
    ("type", Func::Type, &[&[]], false),
    ("values", Func::Values, &[&["object"]], false),
];

/// An evaluated argument: a value, or the expression behind `&`.
enum Arg<'n> {
    Val(Value),
    Expref(&'n Node),
}

impl Func {
    /// The function called `name` with `argc` arguments, or jmespath's message for why not.
    pub(super) fn resolve(name: &str, argc: usize) -> Result<Func, String> {
        let Some(&(_, f, params, variadic)) = TABLE.iter().find(|(n, ..)| *n == name) else {
            return Err(format!("Unknown function: {name}()"));
        };
        let want = params.len();
        let plural = if want == 1 { "argument" } else { "arguments" };
        if variadic && argc < want {
            return Err(format!(
                "Expected at least {want} {plural} for function {name}(), received {argc}"
            ));
        }
        if !variadic && argc != want {
            return Err(format!(
                "Expected {want} {plural} for function {name}(), received {argc}"
            ));
        }
        Ok(f)
    }

    fn entry(self) -> (&'static str, &'static [Param]) {
        TABLE
            .iter()
            .find(|(_, f, ..)| *f == self)
            .map_or(("", &[][..]), |&(n, _, p, _)| (n, p))
    }

    /// Evaluates the arguments against `v` (all of them, first to last, as jmespath does), checks
    /// their types, then calls the function.
    pub(super) fn call(self, nodes: &[Node], v: &Value) -> Eval {
        let mut args = Vec::with_capacity(nodes.len());
        for n in nodes {
            args.push(match n {
                Node::Expref(inner) => Arg::Expref(inner),
                n => Arg::Val(eval(n, v)?),
            });
        }
        let (name, params) = self.entry();
        // Like jmespath, only the declared parameters are checked: a variadic function's
        // extra arguments are not (merge then fails on them itself).
        for (arg, types) in args.iter().zip(params.iter()) {
            type_check(name, arg, types)?;
        }
        let mut vals = Vec::with_capacity(args.len());
        let mut exprefs = Vec::new();
        for a in args {
            match a {
                Arg::Val(x) => vals.push(x),
                Arg::Expref(n) => exprefs.push(n),
            }
        }
        self.run(name, vals, &exprefs)
    }

    fn run(self, name: &str, mut vals: Vec<Value>, exprefs: &[&Node]) -> Eval {
        let first = vals.first().cloned().unwrap_or(Value::Null);
        Ok(match self {
            Func::Abs => match as_num(&first) {
                Num::Int(i) => int(i.abs()),
                Num::Float(f) => float(f.abs()),
            },
            Func::Avg => {
                let n = as_array(&first).len();
                match sum(as_array(&first)) {
                    _ if n == 0 => Value::Null,
                    // Python's true division: exact for the ints JSON gives us below 2^53.
                    Num::Int(i) => float(i as f64 / n as f64),
                    Num::Float(f) => float(f / n as f64),
                }
            }
            Func::Ceil => round(&first, f64::ceil),
            Func::Floor => round(&first, f64::floor),
            Func::Contains => {
                let search = vals.get(1).unwrap_or(&Value::Null);
                match (&first, search) {
                    (Value::String(s), Value::String(t)) => Value::Bool(s.contains(t.as_str())),
                    (Value::String(_), other) => {
                        return Err(EvalError(format!(
                            "'in <string>' requires string as left operand, not {}",
                            py_type(other)
                        )))
                    }
                    (subject, search) => Value::Bool(as_array(subject).iter().any(|e| py_eq(e, search))),
                }
            }
            Func::EndsWith => Value::Bool(as_str(&first).ends_with(as_str(&vals[1]))),
            Func::StartsWith => Value::Bool(as_str(&first).starts_with(as_str(&vals[1]))),
            Func::Join => {
                let parts: Vec<&str> = as_array(&vals[1]).iter().map(as_str).collect();
                Value::String(parts.join(as_str(&first)))
            }
            Func::Keys => Value::Array(as_object(&first).keys().cloned().map(Value::String).collect()),
            Func::Values => Value::Array(as_object(&first).values().cloned().collect()),
            Func::Length => Value::from(match &first {
                // Python counts code points.
                Value::String(s) => s.chars().count(),
                Value::Array(a) => a.len(),
                Value::Object(m) => m.len(),
                _ => 0,
            }),
            Func::Map => {
                let mut out = Vec::new();
                // map keeps nulls, unlike a projection.
                for e in as_array(&vals[0]) {
                    out.push(eval(exprefs[0], e)?);
                }
                Value::Array(out)
            }
            Func::Max | Func::Min => {
                let want = if self == Func::Max {
                    Ordering::Greater
                } else {
                    Ordering::Less
                };
                let a = as_array(&first);
                let mut best: Option<&Value> = None;
                // Python's max/min: the first of equal values wins.
                for e in a {
                    if best.is_none_or(|b| order(e, b) == want) {
                        best = Some(e);
                    }
                }
                best.cloned().unwrap_or(Value::Null)
            }
            Func::MaxBy | Func::MinBy => {
                let (want, sym) = if self == Func::MaxBy {
                    (Ordering::Greater, ">")
                } else {
                    (Ordering::Less, "<")
                };
                let mut best: Option<(&Value, Value)> = None;
                for e in as_array(&first) {
                    let k = key(name, exprefs[0], e, &["number", "string"])?;
                    let better = match &best {
                        None => true,
                        Some((_, bk)) => match (&k, bk) {
                            (Value::String(_), Value::Number(_)) | (Value::Number(_), Value::String(_)) => {
                                return Err(not_supported(sym, &k, bk))
                            }
                            _ => order(&k, bk) == want,
                        },
                    };
                    if better {
                        best = Some((e, k));
                    }
                }
                best.map_or(Value::Null, |(e, _)| e.clone())
            }
            Func::Merge => {
                let mut out = Map::new();
                for a in &vals {
                    match a {
                        Value::Object(m) => out.extend(m.iter().map(|(k, v)| (k.clone(), v.clone()))),
                        other => return Err(type_error(name, other, jmes_type(other), &["object"])),
                    }
                }
                Value::Object(out)
            }
            Func::NotNull => vals.into_iter().find(|x| !x.is_null()).unwrap_or(Value::Null),
            Func::Reverse => match first {
                Value::String(s) => Value::String(s.chars().rev().collect()),
                Value::Array(mut a) => {
                    a.reverse();
                    Value::Array(a)
                }
                other => other,
            },
            Func::Sort => match first {
                Value::Array(mut a) => {
                    // Stable, as Python's sorted.
                    a.sort_by(order);
                    Value::Array(a)
                }
                other => other,
            },
            Func::SortBy => {
                let a = as_array(&first);
                let Some(head) = a.first() else {
                    return Ok(first);
                };
                // The first element's key decides the type every other key must have.
                let t = jmes_type(&eval(exprefs[0], head)?);
                if t != "number" && t != "string" {
                    return Err(type_error(name, head, t, &["string", "number"]));
                }
                let mut keyed = Vec::with_capacity(a.len());
                for e in a {
                    keyed.push((key(name, exprefs[0], e, &[t])?, e));
                }
                keyed.sort_by(|x, y| order(&x.0, &y.0));
                Value::Array(keyed.into_iter().map(|(_, e)| e.clone()).collect())
            }
            Func::Sum => match sum(as_array(&first)) {
                Num::Int(i) => int(i),
                Num::Float(f) => float(f),
            },
            Func::ToArray => match first {
                Value::Array(a) => Value::Array(a),
                other => Value::Array(vec![other]),
            },
            Func::ToNumber => match first {
                Value::Number(n) => Value::Number(n),
                Value::String(s) => to_number(&s),
                _ => Value::Null,
            },
            Func::ToString => match vals.swap_remove(0) {
                Value::String(s) => Value::String(s),
                other => {
                    let mut s = String::new();
                    dumps(&other, &mut s);
                    Value::String(s)
                }
            },
            Func::Type => Value::String(jmes_type(&first).to_string()),
        })
    }
}

/// jmespath's `_type_check_single`: the argument's own type first (named in JMESPath's terms),
/// then for `array-…` types its elements (named by their Python type, as jmespath does).
fn type_check(name: &str, arg: &Arg<'_>, types: Param) -> Result<(), EvalError> {
    let Arg::Val(v) = arg else {
        if types.contains(&"expref") {
            return Ok(());
        }
        return Err(EvalError(format!(
            "In function {name}(), invalid type for value: <expression>, expected one of: {}, received: \"expref\"",
            py_list(types)
        )));
    };
    if types.is_empty() {
        return Ok(());
    }
    let t = jmes_type(v);
    if !types.iter().any(|s| s.split('-').next() == Some(t)) {
        return Err(type_error(name, v, t, types));
    }
    let subtypes: Vec<&str> = types
        .iter()
        .filter_map(|s| s.split_once('-').map(|(_, sub)| sub))
        .collect();
    let Value::Array(items) = v else {
        return Ok(());
    };
    let allowed = match subtypes.as_slice() {
        [] => return Ok(()),
        [one] => *one,
        many => {
            // Several element types: the first element picks which one all must have.
            let Some(head) = items.first() else {
                return Ok(());
            };
            match many.iter().find(|s| **s == jmes_type(head)) {
                Some(s) => *s,
                None => return Err(type_error(name, head, py_type(head), types)),
            }
        }
    };
    match items.iter().find(|e| jmes_type(e) != allowed) {
        Some(e) => Err(type_error(name, e, py_type(e), types)),
        None => Ok(()),
    }
}

/// A key of `sort_by`, `max_by` or `min_by`: the expression applied to `e`, of an allowed type.
fn key(name: &str, expr: &Node, e: &Value, allowed: &[&str]) -> Eval {
    let k = eval(expr, e)?;
    let t = jmes_type(&k);
    if allowed.contains(&t) {
        Ok(k)
    } else {
        Err(type_error(name, &k, t, allowed))
    }
}

fn type_error(name: &str, v: &Value, received: &str, expected: &[&str]) -> EvalError {
    EvalError(format!(
        "In function {name}(), invalid type for value: {}, expected one of: {}, received: \"{received}\"",
        crate::quote::shortened_long(&py_str(v)),
        py_list(expected)
    ))
}

fn jmes_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Two numbers or two strings, in Python's order (strings by code point, which is UTF-8's).
fn order(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y).unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

fn as_array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn as_str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn as_object(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// A number as Python holds it: an int or a float.
enum Num {
    Int(i128),
    Float(f64),
}

fn as_num(v: &Value) -> Num {
    match v {
        Value::Number(n) => match n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from)) {
            Some(i) => Num::Int(i),
            None => Num::Float(n.as_f64().unwrap_or(0.0)),
        },
        _ => Num::Int(0),
    }
}

/// Python's `sum`: exact over ints, then left to right in floats from the first float on.
fn sum(items: &[Value]) -> Num {
    let mut acc = Num::Int(0);
    for e in items {
        acc = match (acc, as_num(e)) {
            (Num::Int(a), Num::Int(b)) => a.checked_add(b).map_or(Num::Float(a as f64 + b as f64), Num::Int),
            (Num::Int(a), Num::Float(b)) => Num::Float(a as f64 + b),
            (Num::Float(a), Num::Int(b)) => Num::Float(a + b as f64),
            (Num::Float(a), Num::Float(b)) => Num::Float(a + b),
        };
    }
    acc
}

/// An int result. Python's ints are unbounded; one beyond 64 bits becomes a float here.
fn int(i: i128) -> Value {
    if let Ok(x) = i64::try_from(i) {
        Value::from(x)
    } else if let Ok(x) = u64::try_from(i) {
        Value::from(x)
    } else {
        float(i as f64)
    }
}

/// A float result; JSON has no NaN or infinity, so those are null.
fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// `math.ceil` / `math.floor`: an int from a float, an int unchanged.
fn round(v: &Value, f: fn(f64) -> f64) -> Value {
    match as_num(v) {
        Num::Int(i) => int(i),
        Num::Float(x) => {
            let r = f(x);
            if r.abs() < 1e38 {
                int(r as i128)
            } else {
                float(r)
            }
        }
    }
}

/// `to_number` on a string: Python's `int(s)`, else `float(s)`, else null. Both strip
/// whitespace and allow `_` between digits; `float` also takes `1e5`, `.5`, `inf` and `nan`
/// (which JSON cannot hold: null).
fn to_number(s: &str) -> Value {
    let t = s.trim();
    let underscores_ok = {
        let b = t.as_bytes();
        b.iter().enumerate().all(|(i, c)| {
            *c != b'_' || (i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
    };
    if !underscores_ok {
        return Value::Null;
    }
    let t = t.replace('_', "");
    let digits = t.strip_prefix(['+', '-']).unwrap_or(&t);
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        if let Ok(i) = t.parse::<i128>() {
            return int(i);
        }
    }
    match t.parse::<f64>() {
        Ok(f) => float(f),
        Err(_) => Value::Null,
    }
}

/// `json.dumps(v, separators=(',', ':'))`: compact, keys in order, floats by `repr`, and
/// (`ensure_ascii`) everything outside printable ASCII escaped.
fn dumps(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&crate::output::json::py_number(n)),
        Value::String(s) => crate::api::paginate::py_json_str(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                dumps(e, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                dumps(&Value::String(k.clone()), out);
                out.push(':');
                dumps(e, out);
            }
            out.push('}');
        }
    }
}

/// Python's `str()` of a parsed JSON value, as jmespath's messages show it: a string bare,
/// anything else as `repr`.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => py_repr(v),
    }
}

fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) if n.is_f64() => py_float_repr(n.as_f64().unwrap_or(0.0)),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, e)| format!("{}: {}", py_str_repr(k), py_repr(e)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr` of a str: single quotes unless only double quotes avoid escaping.
fn py_str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{a0}').contains(&c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// A Python list of strings, as `%s` shows it: `['string', 'array']`.
fn py_list(items: &[&str]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
    )
}
