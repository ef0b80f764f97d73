//! What cogtok prints: the raw commands' JSON or text exactly as the AWS CLI prints it, and
//! `login`'s token formats.

mod github;
mod json;
mod query;
mod reshape;
mod text;
mod token_formats;

use std::io::Write;

use serde_json::Value;

use crate::api::paginate;
use crate::api::shape::{Paginator, Shape};
use crate::error::{Error, Result};
pub(crate) use github::GithubFiles;
pub(crate) use query::Query;
pub(crate) use token_formats::{print_tokens, TokenOutput};

/// `--output` of the raw commands: the AWS CLI's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawOutput {
    Json,
    Text,
}

/// Parses `--query` before any request is sent, so a typo costs no sign-in.
pub(crate) fn parse_query(expr: &str) -> Result<Query> {
    query::parse(expr).map_err(|e| Error::usage(e.to_string()))
}

/// Prints a raw command's answer as the AWS CLI does: shaped by the operation's output shape,
/// then the query, then the format.
pub(crate) fn print_raw(answer: &Value, output: &Shape, query: Option<&Query>, format: RawOutput) -> Result<()> {
    print_shaped(reshape::reshape(answer, output), query, format)
}

/// Prints a paginated command's pages as the AWS CLI does. JSON: one document, botocore's
/// `build_full_result` (the result lists concatenated, `NextToken` when `--max-items` stopped
/// early), then the query. Text: each page's result list on its own, the query applied to each,
/// then `NEXTTOKEN\t<token>` as its own document.
pub(crate) fn print_pages(
    pages: Vec<Value>,
    paginator: &Paginator,
    resume_token: Option<&str>,
    output: &Shape,
    query: Option<&Query>,
    format: RawOutput,
) -> Result<()> {
    let pages = pages.iter().map(|p| reshape::reshape(p, output));
    if format != RawOutput::Text {
        let full = paginate::full_result(pages.collect(), paginator, resume_token);
        return print_shaped(full, query, format);
    }
    for page in pages {
        let mut current = serde_json::Map::new();
        let items = page.get(paginator.result_key).cloned().unwrap_or(Value::Null);
        current.insert(paginator.result_key.to_string(), items);
        print_shaped(Value::Object(current), query, format)?;
    }
    if let Some(token) = resume_token {
        let next = serde_json::json!({"NextToken": {"NextToken": token}});
        print_shaped(next, query, format)?;
    }
    Ok(())
}

/// Prints an answer already in the shape of the output model: the query, then the format.
fn print_shaped(answer: Value, query: Option<&Query>, format: RawOutput) -> Result<()> {
    let shown = match query {
        Some(q) => q.apply(&answer),
        None => answer,
    };
    let mut out = Vec::new();
    let written = match format {
        RawOutput::Json if json::prints_nothing(&shown) => Ok(()),
        RawOutput::Json => json::format_json(&shown, &mut out),
        RawOutput::Text => text::format_text(&shown, &mut out),
    };
    written.map_err(|e| Error::io("cannot format the output", &e))?;
    write_stdout(&out)
}

/// Writes all of `bytes` to standard output. A closed pipe (`cogtok … | head -c1`) is not an
/// error worth a message.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write to standard output", &e)),
    }
}

/// Pretty JSON as the AWS CLI prints it, for `login --output json`.
pub(crate) fn to_pretty_json(v: &Value) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    json::format_json(v, &mut out).map_err(|e| Error::io("cannot format the output", &e))?;
    Ok(out)
}
