//! Evaluation: the tree applied to a document, with Python's equality and ordering.

use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use super::parser::{Cmp, Node};
use super::EvalError;

pub(super) type Eval = Result<Value, EvalError>;

pub(super) fn eval(node: &Node, v: &Value) -> Eval {
    Ok(match node {
        Node::Identity => v.clone(),
        Node::Field(k) => v.get(k.as_str()).cloned().unwrap_or(Value::Null),
        Node::Literal(lit) => lit.clone(),
        Node::Chain(nodes) | Node::IndexExpr(nodes) => {
            // The first step reads `v` in place, so `a.b` never copies the whole document.
            let Some((first, rest)) = nodes.split_first() else {
                return Ok(v.clone());
            };
            let mut cur = eval(first, v)?;
            for n in rest {
                cur = eval(n, &cur)?;
            }
            cur
        }
        Node::Index(i) => match v {
            Value::Array(a) => {
                let len = a.len() as i64;
                let i = if *i < 0 { i.saturating_add(len) } else { *i };
                usize::try_from(i)
                    .ok()
                    .and_then(|i| a.get(i))
                    .cloned()
                    .unwrap_or(Value::Null)
            }
            _ => Value::Null,
        },
        Node::Slice(start, stop, step) => match v {
            Value::Array(a) => Value::Array(slice(a, *start, *stop, *step)),
            _ => Value::Null,
        },
        Node::Projection(left, right) => match eval(left, v)? {
            Value::Array(a) => project(a.iter(), right)?,
            _ => Value::Null,
        },
        Node::ValueProjection(left, right) => match eval(left, v)? {
            Value::Object(m) => project(m.values(), right)?,
            _ => Value::Null,
        },
        Node::Filter(left, right, cond) => match eval(left, v)? {
            Value::Array(a) => {
                let mut kept = Vec::new();
                for e in &a {
                    if is_true(&eval(cond, e)?) {
                        kept.push(e);
                    }
                }
                project(kept.into_iter(), right)?
            }
            _ => Value::Null,
        },
        Node::Flatten(inner) => match eval(inner, v)? {
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for e in a {
                    match e {
                        Value::Array(inner) => out.extend(inner),
                        other => out.push(other),
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Node::Compare(op, l, r) => compare(*op, &eval(l, v)?, &eval(r, v)?)?,
        Node::Or(l, r) => {
            let left = eval(l, v)?;
            if is_true(&left) {
                left
            } else {
                eval(r, v)?
            }
        }
        Node::And(l, r) => {
            let left = eval(l, v)?;
            if is_true(&left) {
                eval(r, v)?
            } else {
                left
            }
        }
        // Numbers are always true, so `!0` is false; everything else follows truthiness.
        Node::Not(inner) => Value::Bool(!is_true(&eval(inner, v)?)),
        Node::MultiList(items) => {
            if v.is_null() {
                return Ok(Value::Null);
            }
            let mut out = Vec::with_capacity(items.len());
            for n in items {
                out.push(eval(n, v)?);
            }
            Value::Array(out)
        }
        Node::MultiHash(pairs) => {
            if v.is_null() {
                return Ok(Value::Null);
            }
            let mut m = Map::new();
            for (k, n) in pairs {
                m.insert(k.clone(), eval(n, v)?);
            }
            Value::Object(m)
        }
        Node::Function(f, args) => f.call(args, v)?,
        // jmespath hands such a value on as an object no JSON can hold, so the AWS CLI fails
        // when printing it; we fail at once.
        Node::Expref(_) => {
            return Err(EvalError(
                "an expression reference (&) is only valid as a function's argument".to_string(),
            ))
        }
    })
}

fn project<'a>(items: impl Iterator<Item = &'a Value>, right: &Node) -> Eval {
    let mut out = Vec::new();
    for e in items {
        let r = eval(right, e)?;
        if !r.is_null() {
            out.push(r);
        }
    }
    Ok(Value::Array(out))
}

/// Python's `list[start:stop:step]`, including negative bounds and steps.
fn slice(a: &[Value], start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Vec<Value> {
    let len = a.len() as i64;
    let step = step.unwrap_or(1);
    // Bounds are clamped the way CPython's PySlice_AdjustIndices does.
    let adjust = |x: i64, lo: i64, hi: i64| {
        let x = if x < 0 { x.saturating_add(len) } else { x };
        x.clamp(lo, hi)
    };
    let mut out = Vec::new();
    if step > 0 {
        let mut i = start.map_or(0, |s| adjust(s, 0, len));
        let stop = stop.map_or(len, |s| adjust(s, 0, len));
        while i < stop {
            if let Some(e) = usize::try_from(i).ok().and_then(|i| a.get(i)) {
                out.push(e.clone());
            }
            i = i.saturating_add(step);
        }
    } else if step < 0 {
        let mut i = start.map_or(len - 1, |s| adjust(s, -1, len - 1));
        let stop = stop.map_or(-1, |s| adjust(s, -1, len - 1));
        while i > stop {
            if let Some(e) = usize::try_from(i).ok().and_then(|i| a.get(i)) {
                out.push(e.clone());
            }
            i = i.saturating_add(step);
        }
    }
    out
}

/// JMESPath truthiness: false, null, "", [] and {} are false; every number is true.
pub(super) fn is_true(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
        Value::Number(_) => true,
    }
}

fn compare(op: Cmp, l: &Value, r: &Value) -> Eval {
    Ok(match op {
        Cmp::Eq => Value::Bool(jmes_eq(l, r)),
        Cmp::Ne => Value::Bool(!jmes_eq(l, r)),
        _ => {
            // Ordering is defined for two numbers or two strings; anything else is null, but a
            // number against a string is Python's TypeError, which the AWS CLI prints.
            let ord = match (l, r) {
                (Value::Number(a), Value::Number(b)) => num_cmp(a, b),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                (Value::Number(_), Value::String(_)) | (Value::String(_), Value::Number(_)) => {
                    let sym = match op {
                        Cmp::Lt => "<",
                        Cmp::Lte => "<=",
                        Cmp::Gt => ">",
                        _ => ">=",
                    };
                    return Err(not_supported(sym, l, r));
                }
                _ => None,
            };
            match ord {
                None => Value::Null,
                Some(o) => Value::Bool(match op {
                    Cmp::Lt => o == Ordering::Less,
                    Cmp::Lte => o != Ordering::Greater,
                    Cmp::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                }),
            }
        }
    })
}

/// Python's TypeError for an ordering between a number and a string.
pub(super) fn not_supported(sym: &str, l: &Value, r: &Value) -> EvalError {
    EvalError(format!(
        "'{sym}' not supported between instances of '{}' and '{}'",
        py_type(l),
        py_type(r)
    ))
}

/// The name of the Python type json.loads gives for `v`, which jmespath's messages quote.
pub(super) fn py_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// jmespath's `==`: Python equality, except that a boolean never equals a number at the top
/// level (Python alone would say `true == 1`).
fn jmes_eq(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Bool(_), Value::Number(_)) | (Value::Number(_), Value::Bool(_)) => false,
        _ => py_eq(l, r),
    }
}

/// Python's `==` on parsed JSON: numbers by value whatever their type, `True == 1` inside
/// containers, objects regardless of key order.
pub(super) fn py_eq(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => num_cmp(a, b) == Some(Ordering::Equal),
        (Value::Bool(b), Value::Number(n)) | (Value::Number(n), Value::Bool(b)) => {
            num_cmp(n, &Number::from(u8::from(*b))) == Some(Ordering::Equal)
        }
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| py_eq(x, y)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| py_eq(x, y)))
        }
        _ => false,
    }
}

/// Compares two JSON numbers exactly, as Python compares ints and floats.
pub(super) fn num_cmp(a: &Number, b: &Number) -> Option<Ordering> {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        (Some(x), None) => int_float_cmp(x, b.as_f64()?),
        (None, Some(y)) => int_float_cmp(y, a.as_f64()?).map(Ordering::reverse),
        (None, None) => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

fn as_int(n: &Number) -> Option<i128> {
    n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
}

fn int_float_cmp(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // Every i128 we can hold (from i64/u64) lies well inside ±1e20, so a float beyond that
    // decides by its sign; within it, floor(f) converts to i128 exactly.
    if f > 1e20 {
        return Some(Ordering::Less);
    }
    if f < -1e20 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    Some(match i.cmp(&(fl as i128)) {
        Ordering::Equal if f != fl => Ordering::Less,
        o => o,
    })
}
