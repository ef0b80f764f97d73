//! The AWS CLI's pagination of the `list-*` commands, restated from botocore's `PageIterator`
//! (`botocore/paginate.py`): which request comes next, where `--max-items` cuts, and the
//! `NextToken` it prints, in botocore's own token format so that tokens pass between cogtok and
//! the AWS CLI either way.
//!
//! No I/O here: the command sends each request this says to send and hands back each answer.

use base64::prelude::{Engine as _, BASE64_STANDARD};
use serde_json::{Map, Value};

use crate::api::shape::Paginator;

/// The AWS CLI's paging options of one run (`--max-items`, `--starting-token`, `--page-size`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PageOptions {
    pub(crate) max_items: Option<i64>,
    pub(crate) starting_token: Option<String>,
    pub(crate) page_size: Option<i64>,
}

/// The key botocore adds to a token when `--max-items` cut a page short: how many of that
/// page's items were already printed.
const TRUNCATE_KEY: &str = "boto_truncate_amount";

/// One paginated run's state: feed it each answer with [`Pager::page`] until it says stop.
#[derive(Debug)]
pub(crate) struct Pager {
    paginator: &'static Paginator,
    max_items: Option<i64>,
    /// The service token the current request was sent with (None for the first page).
    token: Option<String>,
    /// How many items of the first page the starting token says were printed already.
    skip_first: usize,
    first: bool,
    total: i64,
    previous: Option<String>,
    /// The `NextToken` to print: set when `--max-items` stopped before the end.
    pub(crate) resume_token: Option<String>,
}

impl Pager {
    /// Starts a run: puts the starting token's service token and the page size into the first
    /// request's `body`, as botocore's `_inject_starting_params` does.
    pub(crate) fn new(
        paginator: &'static Paginator,
        options: &PageOptions,
        body: &mut Map<String, Value>,
    ) -> Result<Pager, String> {
        let (token, skip_first) = match &options.starting_token {
            Some(t) => decode(t, paginator.input_token)?,
            None => (None, 0),
        };
        if options.starting_token.is_some() {
            inject(body, paginator.input_token, token.as_deref());
        }
        if let Some(size) = options.page_size {
            body.insert(paginator.limit_key.to_string(), Value::from(size));
        }
        Ok(Pager {
            paginator,
            max_items: options.max_items,
            token,
            skip_first,
            first: true,
            total: 0,
            previous: None,
            resume_token: None,
        })
    }

    /// Takes one answer, cut in place to what is printed of it, and says whether another page
    /// is to be asked for: then `body` carries that request's token.
    pub(crate) fn page(&mut self, answer: &mut Value, body: &mut Map<String, Value>) -> Result<bool, String> {
        let key = self.paginator.result_key;
        let skip = if self.first { self.skip_first } else { 0 };
        if self.first && self.skip_first > 0 {
            // Resuming inside a page: drop what the previous run printed of it.
            if let Some(Value::Array(items)) = answer.get_mut(key) {
                items.drain(..self.skip_first.min(items.len()));
            }
        }
        self.first = false;
        let count = match answer.get(key) {
            Some(Value::Array(items)) => items.len() as i64,
            _ => 0,
        };
        if let Some(max) = self.max_items {
            let over = self.total + count - max;
            if over > 0 {
                let keep = (count - over) as usize;
                if let Some(Value::Array(items)) = answer.get_mut(key) {
                    items.truncate(keep);
                }
                // The token of this page's request, and how far into it the next run starts.
                self.resume_token = Some(encode(
                    self.paginator.input_token,
                    self.token.as_deref(),
                    Some(keep + skip),
                ));
                return Ok(false);
            }
        }
        self.total += count;
        // An empty string is no token, as in botocore.
        let next = match answer.get(self.paginator.output_token) {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => return Ok(false),
        };
        if self.max_items == Some(self.total) {
            self.resume_token = Some(encode(self.paginator.input_token, Some(&next), None));
            return Ok(false);
        }
        if self.previous.as_deref() == Some(next.as_str()) {
            return Err(format!(
                "The same next token was received twice: {{'{}': '{next}'}}",
                self.paginator.input_token
            ));
        }
        inject(body, self.paginator.input_token, Some(&next));
        self.previous = Some(next.clone());
        self.token = Some(next);
        Ok(true)
    }
}

/// botocore's `_inject_token_into_kwargs`: a token, unless it is None or the string "None",
/// replaces the member; otherwise the member goes.
fn inject(body: &mut Map<String, Value>, name: &str, token: Option<&str>) {
    match token {
        Some(t) if t != "None" => {
            body.insert(name.to_string(), Value::String(t.to_string()));
        }
        _ => {
            body.remove(name);
        }
    }
}

/// botocore's `TokenEncoder.encode` of `{input_token: token, "boto_truncate_amount": n}`:
/// Python's `json.dumps` (", " and ": " separators, non-ASCII as `\uXXXX`), then base64.
pub(crate) fn encode(input_token: &str, token: Option<&str>, truncate: Option<usize>) -> String {
    let mut json = String::from("{");
    py_json_str(input_token, &mut json);
    json.push_str(": ");
    match token {
        Some(t) => py_json_str(t, &mut json),
        None => json.push_str("null"),
    }
    if let Some(n) = truncate {
        json.push_str(", ");
        py_json_str(TRUNCATE_KEY, &mut json);
        json.push_str(&format!(": {n}"));
    }
    json.push('}');
    BASE64_STANDARD.encode(json.as_bytes())
}

/// A string as Python's `json.dumps` writes it by default (`ensure_ascii=True`): tokens must be
/// byte-exact with botocore's, and JMESPath's `to_string` is Python's `json.dumps` too. The
/// printing's `output/json.rs` has the `ensure_ascii=False` twin.
pub(crate) fn py_json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A `--starting-token`: the service token and how many items of its page to skip.
///
/// botocore's `TokenDecoder`: base64 (characters outside its alphabet ignored) of a JSON
/// object; anything else is an old-style token, `TOKEN` or `TOKEN___N`, so that the service's
/// own token also works as a starting token.
pub(crate) fn decode(starting: &str, input_token: &str) -> Result<(Option<String>, usize), String> {
    let bad = || format!("Bad starting token: {starting}");
    let cleaned: String = starting
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    let decoded = BASE64_STANDARD
        .decode(cleaned.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    let Some(decoded) = decoded else {
        return Ok(deprecated(starting));
    };
    let Value::Object(map) = decoded else {
        return Err(bad());
    };
    let mut token = None;
    let mut skip = 0;
    for (key, value) in map {
        match (key.as_str(), value) {
            (TRUNCATE_KEY, Value::Number(n)) => {
                skip = n.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(bad)?;
            }
            (k, Value::String(s)) if k == input_token => token = Some(s),
            (k, Value::Null) if k == input_token => token = None,
            _ => return Err(bad()),
        }
    }
    Ok((token, skip))
}

/// botocore's `_parse_starting_token_deprecated`, for one input token.
fn deprecated(starting: &str) -> (Option<String>, usize) {
    let (token, index) = match starting.split_once("___") {
        Some((token, index)) if !index.contains("___") => match index.trim().parse::<usize>() {
            Ok(n) => (token, n),
            Err(_) => (starting, 0),
        },
        _ => (starting, 0),
    };
    if token == "None" {
        (None, index)
    } else {
        (Some(token.to_string()), index)
    }
}

/// botocore's `build_full_result` for the AWS CLI's JSON output: the pages' result lists
/// concatenated under the result key (pages without it skipped; no key at all when none had it),
/// nothing else of the pages, and `NextToken` when `--max-items` stopped early.
pub(crate) fn full_result(pages: Vec<Value>, paginator: &Paginator, resume_token: Option<&str>) -> Value {
    let key = paginator.result_key;
    let mut merged: Option<Value> = None;
    for mut page in pages {
        let Some(value) = page.as_object_mut().and_then(|m| m.remove(key)) else {
            continue;
        };
        match (&mut merged, value) {
            (None, value) => merged = Some(value),
            (Some(Value::Array(all)), Value::Array(more)) => all.extend(more),
            _ => {}
        }
    }
    let mut out = Map::new();
    if let Some(m) = merged {
        out.insert(key.to_string(), m);
    }
    if let Some(t) = resume_token {
        out.insert("NextToken".to_string(), Value::String(t.to_string()));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static USERS: Paginator = Paginator {
        input_token: "PaginationToken",
        output_token: "PaginationToken",
        limit_key: "Limit",
        result_key: "Users",
    };

    #[test]
    fn tokens_are_the_aws_clis() {
        // Made by the AWS CLI 1.45.11 (botocore 1.43.11) against moto: `list-users
        // --max-items 2` cut the first page, and `--max-items 3` ended on a page boundary.
        assert_eq!(
            encode("PaginationToken", None, Some(2)),
            "eyJQYWdpbmF0aW9uVG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="
        );
        assert_eq!(
            decode(
                "eyJQYWdpbmF0aW9uVG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==",
                "PaginationToken"
            ),
            Ok((None, 2))
        );
    }

    #[test]
    fn tokens_round_trip_with_python_escapes() {
        let token = "a\"b\\c/d\u{e9}\u{1f600}\n";
        let encoded = encode("NextToken", Some(token), Some(7));
        let json = String::from_utf8(BASE64_STANDARD.decode(&encoded).unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"NextToken": "a\"b\\c/d\u00e9\ud83d\ude00\n", "boto_truncate_amount": 7}"#
        );
        assert_eq!(decode(&encoded, "NextToken"), Ok((Some(token.to_string()), 7)));
        assert_eq!(
            encode("NextToken", Some("x"), None),
            BASE64_STANDARD.encode(r#"{"NextToken": "x"}"#)
        );
    }

    #[test]
    fn old_style_and_service_tokens_are_taken_as_botocore_takes_them() {
        assert_eq!(
            decode("raw-service-token", "NextToken"),
            Ok((Some("raw-service-token".into()), 0))
        );
        assert_eq!(decode("abc___3", "NextToken"), Ok((Some("abc".into()), 3)));
        assert_eq!(decode("abc___x", "NextToken"), Ok((Some("abc___x".into()), 0)));
        assert_eq!(decode("None___4", "NextToken"), Ok((None, 4)));
        // A JSON object that is not a token of this operation is refused.
        let other = BASE64_STANDARD.encode(r#"{"Marker": "m"}"#);
        assert!(decode(&other, "NextToken").is_err_and(|e| e.starts_with("Bad starting token")));
    }

    fn users(names: &[&str], token: Option<&str>) -> Value {
        let mut page = json!({"Users": names.iter().map(|n| json!({"Username": n})).collect::<Vec<_>>()});
        if let Some(t) = token {
            page["PaginationToken"] = json!(t);
        }
        page
    }

    /// Runs a pager over `pages` (the service's answers in order) and returns the requests'
    /// bodies, the printed pages and the resume token.
    fn run(options: &PageOptions, pages: &[Value]) -> (Vec<Value>, Vec<Value>, Option<String>) {
        let mut body = Map::new();
        let mut pager = Pager::new(&USERS, options, &mut body).unwrap();
        let (mut sent, mut printed) = (Vec::new(), Vec::new());
        for page in pages {
            sent.push(Value::Object(body.clone()));
            let mut page = page.clone();
            let more = pager.page(&mut page, &mut body).unwrap();
            printed.push(page);
            if !more {
                break;
            }
        }
        (sent, printed, pager.resume_token)
    }

    #[test]
    fn max_items_cuts_and_resumes_where_it_stopped() {
        let pages = [users(&["a", "b", "c"], Some("t1")), users(&["d", "e"], None)];
        let opts = PageOptions {
            max_items: Some(2),
            page_size: Some(3),
            ..Default::default()
        };
        let (sent, printed, resume) = run(&opts, &pages);
        assert_eq!(sent, [json!({"Limit": 3})]);
        assert_eq!(printed, [users(&["a", "b"], Some("t1"))]);
        let resume = resume.unwrap();
        assert_eq!(decode(&resume, "PaginationToken"), Ok((None, 2)));
        // The next run asks for the same first page and skips the two printed.
        let opts = PageOptions {
            max_items: Some(2),
            starting_token: Some(resume),
            ..Default::default()
        };
        let (sent, printed, resume) = run(&opts, &pages);
        assert_eq!(sent, [json!({}), json!({"PaginationToken": "t1"})]);
        assert_eq!(printed, [users(&["c"], Some("t1")), users(&["d"], None)]);
        // One of the second page printed, after the first: its request's token and 1.
        assert_eq!(decode(&resume.unwrap(), "PaginationToken"), Ok((Some("t1".into()), 1)));
    }

    #[test]
    fn a_page_boundary_gives_the_services_token() {
        let pages = [users(&["a", "b"], Some("t1")), users(&["c"], None)];
        let opts = PageOptions {
            max_items: Some(2),
            ..Default::default()
        };
        let (_, _, resume) = run(&opts, &pages);
        assert_eq!(resume.unwrap(), BASE64_STANDARD.encode(r#"{"PaginationToken": "t1"}"#));
        // Without --max-items every page is read and nothing is left to resume.
        let (sent, printed, resume) = run(&PageOptions::default(), &pages);
        assert_eq!(sent.len(), 2);
        assert_eq!(resume, None);
        let full = full_result(printed, &USERS, None);
        assert_eq!(full, users(&["a", "b", "c"], None));
    }

    #[test]
    fn the_same_token_twice_stops_the_run() {
        let mut body = Map::new();
        let mut pager = Pager::new(&USERS, &PageOptions::default(), &mut body).unwrap();
        assert_eq!(pager.page(&mut users(&["a"], Some("t")), &mut body), Ok(true));
        let e = pager.page(&mut users(&["a"], Some("t")), &mut body).unwrap_err();
        assert!(e.contains("The same next token was received twice"), "{e}");
    }

    #[test]
    fn full_result_keeps_only_the_result_key_and_next_token() {
        let pages = vec![
            json!({"Users": [1], "PaginationToken": "t"}),
            json!({"Other": 1}),
            json!({"Users": [2]}),
        ];
        assert_eq!(
            full_result(pages, &USERS, Some("n")),
            json!({"Users": [1, 2], "NextToken": "n"})
        );
        assert_eq!(full_result(vec![json!({})], &USERS, None), json!({}));
    }
}
