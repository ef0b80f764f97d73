//! The fixture format (fixtures/README.md): one JSON file per case, read strictly so that a
//! misspelt key is an error rather than a silently skipped check.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::matcher;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub description: String,
    /// Set for a case the binary is not expected to pass yet (a roadmap item): its failures
    /// are reported but do not fail the test.
    #[serde(default)]
    pub pending: Option<String>,
    pub args: Vec<String>,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub credentials: bool,
    /// Files put in the run's HOME (also its working directory) before cogtok starts: path
    /// relative to HOME -> content, written with mode 0600.
    #[serde(default)]
    pub home_files: BTreeMap<String, String>,
    /// Error codes the command answers itself (read by tools/check_fixtures.py only).
    #[serde(default)]
    #[allow(dead_code)]
    pub handled_errors: Vec<String>,
    pub exchanges: Vec<Exchange>,
    pub expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    pub request: Request,
    pub response: Response,
    /// Answers to the first attempts of this request, each of which cogtok must retry: the
    /// request must come exactly `earlier_attempts.len() + 1` times, the last answered by
    /// `response`.
    #[serde(default)]
    pub earlier_attempts: Vec<Response>,
    /// The same request may come up to this many more times as new rounds of a flow (not
    /// retries), each answered by `response`.
    #[serde(default)]
    pub repeats_up_to: u32,
    /// Members of the answer that the API model does not know, on purpose (tools only).
    #[serde(default)]
    #[allow(dead_code)]
    pub unmodelled_members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub target: String,
    pub signed: bool,
    pub body: Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub status: u16,
    #[serde(default)]
    pub headers: serde_json::Map<String, Value>,
    #[serde(default)]
    pub body: Option<Value>,
    #[serde(default)]
    pub body_text: Option<String>,
}

impl Response {
    fn validate(&self, at: &str) -> Result<(), String> {
        if self.body.is_some() && self.body_text.is_some() {
            return Err(format!("{at}: body or body_text, not both"));
        }
        if self.headers.values().any(|v| !v.is_string()) {
            return Err(format!("{at}.headers: values must be strings"));
        }
        Ok(())
    }

    /// The bytes on the wire: `body_text` as is, or `body` as compact JSON in its own order.
    pub fn body_bytes(&self) -> Vec<u8> {
        match (&self.body_text, &self.body) {
            (Some(text), _) => text.as_bytes().to_vec(),
            (None, Some(body)) => serde_json::to_vec(body).expect("serializing a JSON value cannot fail"),
            (None, None) => Vec::new(),
        }
    }

    /// Header pairs in the fixture's order.
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Templates {
    One(String),
    Many(Vec<String>),
}

impl Templates {
    pub fn all(&self) -> Vec<&str> {
        match self {
            Templates::One(t) => vec![t.as_str()],
            Templates::Many(ts) => ts.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub exit: i32,
    #[serde(default)]
    pub stdout: Option<String>,
    #[serde(default)]
    pub stdout_json: Option<Value>,
    #[serde(default)]
    pub stdout_template: Option<Templates>,
    #[serde(default)]
    pub stderr_contains: Vec<String>,
    #[serde(default)]
    pub stderr_not_contains: Vec<String>,
    #[serde(default)]
    pub stderr_lines: Option<usize>,
    #[serde(default)]
    pub never_contains: Vec<String>,
    /// Files the run must leave in its HOME: path relative to HOME -> what it must hold.
    #[serde(default)]
    pub files: BTreeMap<String, FileExpect>,
}

/// What one file under HOME must be after the run: exactly one of `text` (exact content),
/// `template` (content with placeholders), `json` (parsed, then matched like a request body)
/// or `absent: true`; and, for a file that exists, optionally its `mode` ("0600").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileExpect {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub json: Option<Value>,
    #[serde(default)]
    pub absent: bool,
    #[serde(default)]
    pub mode: Option<String>,
}

impl FileExpect {
    /// The mode as a number (`"0600"` -> 0o600).
    pub fn mode_bits(&self) -> Option<u32> {
        self.mode.as_deref().and_then(|m| u32::from_str_radix(m, 8).ok())
    }
}

/// A path under HOME: relative, without `..`, so that no fixture reaches outside the run.
fn check_home_path(path: &str, what: &str) -> Result<(), String> {
    let p = Path::new(path);
    if path.is_empty() || p.is_absolute() || p.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
        return Err(format!("{what}: {path:?} must be a plain path relative to HOME"));
    }
    Ok(())
}

/// Reads and checks one fixture file.
pub fn load(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let fixture: Fixture = serde_json::from_str(&text).map_err(|e| format!("not a fixture: {e}"))?;
    fixture.validate()?;
    Ok(fixture)
}

impl Fixture {
    fn validate(&self) -> Result<(), String> {
        if self.args.is_empty() {
            return Err("args: empty".into());
        }
        for (i, ex) in self.exchanges.iter().enumerate() {
            // The user pools' API, and the identity pools' (`aws-credentials`).
            let prefixes = ["AWSCognitoIdentityProviderService.", "AWSCognitoIdentityService."];
            if !prefixes.iter().any(|p| ex.request.target.starts_with(p)) {
                return Err(format!(
                    "exchanges[{i}].request.target: {:?} is neither a cognito-idp nor a cognito-identity target",
                    ex.request.target
                ));
            }
            ex.response.validate(&format!("exchanges[{i}].response"))?;
            for (n, earlier) in ex.earlier_attempts.iter().enumerate() {
                let at = format!("exchanges[{i}].earlier_attempts[{n}]");
                earlier.validate(&at)?;
                if (200..300).contains(&earlier.status) {
                    return Err(format!("{at}: a success is never retried"));
                }
            }
            if !ex.earlier_attempts.is_empty() && ex.repeats_up_to > 0 {
                return Err(format!("exchanges[{i}]: earlier_attempts or repeats_up_to, not both"));
            }
            validate_placeholders(&ex.request.body, &format!("exchanges[{i}].request.body"))?;
        }
        let e = &self.expect;
        let outputs = [e.stdout.is_some(), e.stdout_json.is_some(), e.stdout_template.is_some()];
        if outputs.iter().filter(|x| **x).count() > 1 {
            return Err("expect: at most one of stdout, stdout_json, stdout_template".into());
        }
        if e.stdout_json.as_ref().is_some_and(has_float) {
            // serde_json and Python print floats differently (1e16 / 1e+16): use "stdout".
            return Err("expect.stdout_json: holds a float; give the exact text as \"stdout\"".into());
        }
        if let Some(t) = &e.stdout_template {
            for template in t.all() {
                matcher::validate_template(template).map_err(|m| format!("expect.stdout_template: {m}"))?;
            }
        }
        for path in self.home_files.keys() {
            check_home_path(path, "home_files")?;
        }
        for (path, f) in &e.files {
            let at = format!("expect.files.{path}");
            check_home_path(path, &at)?;
            let kinds = [f.text.is_some(), f.template.is_some(), f.json.is_some(), f.absent];
            if kinds.iter().filter(|k| **k).count() != 1 {
                return Err(format!("{at}: exactly one of text, template, json, absent"));
            }
            if let Some(t) = &f.template {
                matcher::validate_template(t).map_err(|m| format!("{at}.template: {m}"))?;
            }
            if let Some(j) = &f.json {
                validate_placeholders(j, &format!("{at}.json"))?;
            }
            if let Some(m) = &f.mode {
                if f.absent || !(3..=4).contains(&m.len()) || f.mode_bits().is_none() {
                    return Err(format!("{at}.mode: an octal mode like \"0600\" for a file that exists"));
                }
            }
        }
        Ok(())
    }
}

fn has_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64(),
        Value::Array(items) => items.iter().any(has_float),
        Value::Object(map) => map.values().any(has_float),
        _ => false,
    }
}

fn validate_placeholders(v: &Value, path: &str) -> Result<(), String> {
    match v {
        Value::String(s) => matcher::validate_template(s).map_err(|m| format!("{path}: {m}")),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| validate_placeholders(x, &format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .try_for_each(|(k, x)| validate_placeholders(x, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}
