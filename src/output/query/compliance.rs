//! The official JMESPath compliance suite (tests/data/jmespath/, see its README for where it
//! comes from): every case of every file, through our parser and evaluator.
//!
//! A case gives a document, an expression and either the result or the kind of error. Results
//! are compared with Python's `==` (as jmespath's own `test_compliance.py` does), so `1` and
//! `1.0` agree; error kinds are matched to the stage where we raise them: `syntax` when parsing,
//! `unknown-function` and `invalid-arity` when parsing too (jmespath finds them when evaluating,
//! see the module's comment), `invalid-type` when evaluating, `invalid-value` (a zero slice
//! step) at either.

use std::path::Path;

use serde_json::Value;

use super::eval::py_eq;
use super::parse;

/// Cases we knowingly fail, as (file, expression, why). None today.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

#[test]
fn every_case_of_the_jmespath_compliance_suite_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jmespath");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/jmespath exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 16, "the suite has 16 files");
    let (mut passed, mut failures) = (0, Vec::new());
    for path in &files {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(path).expect("readable");
        let groups: Vec<Value> = serde_json::from_str(&text).expect("a compliance file is JSON");
        for group in &groups {
            let given = &group["given"];
            for case in group["cases"].as_array().expect("cases") {
                let expr = case["expression"].as_str().expect("expression");
                let outcome = check(given, expr, case);
                let excused = EXCEPTIONS.iter().any(|(f, e, _)| *f == file && *e == expr);
                match outcome {
                    Ok(()) if excused => failures.push(format!("{file}: {expr:?} passes: drop its exception")),
                    Ok(()) => passed += 1,
                    Err(_) if excused => {}
                    Err(why) => failures.push(format!("{file}: {expr:?}: {why}")),
                }
            }
        }
    }
    // The figure the README quotes.
    assert_eq!(passed, 908, "cases passed (failures: {failures:#?})");
    crate::testing::assert_no_mismatches(&failures);
}

fn check(given: &Value, expr: &str, case: &Value) -> Result<(), String> {
    let parsed = parse(expr);
    if let Some(kind) = case.get("error").and_then(Value::as_str) {
        let stage = match &parsed {
            Err(e) if e.is_syntax() => "syntax",
            Err(_) => "function",
            Ok(q) => match q.apply(given) {
                Err(_) => "runtime",
                Ok(v) => return Err(format!("gives {v}, the suite expects a {kind} error")),
            },
        };
        let ok = match kind {
            "syntax" => stage == "syntax",
            "unknown-function" | "invalid-arity" => stage == "function",
            "invalid-type" => stage == "runtime",
            "invalid-value" => true,
            _ => false,
        };
        return if ok {
            Ok(())
        } else {
            Err(format!("fails at the {stage} stage, the suite expects a {kind} error"))
        };
    }
    let q = parsed.map_err(|e| format!("rejected: {e}"))?;
    let got = q.apply(given).map_err(|e| format!("fails: {e}"))?;
    match case.get("result") {
        Some(want) if !py_eq(&got, want) => Err(format!("gives {got}, the suite expects {want}")),
        // Benchmark cases give no result: evaluating without an error is the test.
        _ => Ok(()),
    }
}
