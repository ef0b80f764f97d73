//! What cogtok prints: the raw commands' JSON, text or table exactly as the AWS CLI prints it,
//! `login`'s token formats, `mint`'s records and `aws-credentials`' AWS credentials.

mod aws_credentials;
mod github;
mod json;
mod mint;
mod query;
mod reshape;
mod table;
mod text;
mod token_formats;
mod wide_chars;

use std::io::Write;

use serde_json::Value;

use crate::api::paginate;
use crate::api::shape::{OpSpec, Paginator};
use crate::config::TimestampFormat;
use crate::error::{Error, Result};
#[cfg(feature = "fuzzing")]
pub(crate) use aws_credentials::format_aws_credentials;
pub(crate) use aws_credentials::{print_aws_credentials, rfc3339, CredentialsOutput};
pub(crate) use github::{env_file as github_env_file, GithubFiles};
pub(crate) use mint::{MintFormat, Outcome, Progress, RecordWriter, Tally, TokenKind};
pub(crate) use query::Query;
pub(crate) use token_formats::{print_claims, print_client_tokens, print_tokens, TokenOutput};

/// `--output` of the raw commands: the AWS CLI's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawOutput {
    Json,
    Text,
    Table,
}

impl RawOutput {
    /// The names `--output`, `AWS_DEFAULT_OUTPUT` and the profile's `output` take.
    pub(crate) const CHOICES: &[(&str, RawOutput)] = &[
        ("json", RawOutput::Json),
        ("text", RawOutput::Text),
        ("table", RawOutput::Table),
    ];
}

/// Parses `--query` before any request is sent, so a typo costs no sign-in. A syntax error is
/// a usage error (252), the AWS CLI v2's "Bad value for --query". An unknown function or a wrong
/// number of arguments is found here too, though the AWS CLI only finds it after the request, so
/// it keeps that failure's exit code (255) and jmespath's message.
pub(crate) fn parse_query(expr: &str) -> Result<Query> {
    query::parse(expr).map_err(|e| {
        if e.is_syntax() {
            Error::usage(e.to_string())
        } else {
            query_failed(&e)
        }
    })
}

/// A query that failed on the answer (or a call jmespath refuses), exit code 255: the AWS CLI
/// prints the exception's message and exits 255.
fn query_failed(e: &dyn std::fmt::Display) -> Error {
    Error::Io {
        action: e.to_string(),
        kind: std::io::ErrorKind::InvalidData,
        detail: String::new(),
    }
}

/// Prints a raw command's answer as the AWS CLI does: shaped by the operation's output shape,
/// then the query, then the format (a table is titled by the operation's name); timestamps as
/// `cli_timestamp_format` says.
pub(crate) fn print_raw(
    answer: &Value,
    spec: &OpSpec,
    query: Option<&Query>,
    format: RawOutput,
    timestamps: TimestampFormat,
) -> Result<()> {
    write_stdout(&format_raw(answer, spec, query, format, timestamps)?)
}

/// How a paginated command's pages are printed: the operation, its paginator, and the token to
/// resume with when `--max-items` stopped early.
pub(crate) struct Pages<'a> {
    pub(crate) spec: &'a OpSpec,
    pub(crate) paginator: &'a Paginator,
    pub(crate) resume_token: Option<&'a str>,
}

/// Prints a paginated command's pages as the AWS CLI does. JSON (and tables): one document,
/// botocore's `build_full_result` (the result lists concatenated, `NextToken` when `--max-items`
/// stopped early), then the query. Text: each page's result list on its own, the query applied
/// to each, then `NEXTTOKEN\t<token>` as its own document.
pub(crate) fn print_pages(
    pages: Vec<Value>,
    how: Pages<'_>,
    query: Option<&Query>,
    format: RawOutput,
    timestamps: TimestampFormat,
) -> Result<()> {
    let title = how.spec.operation;
    let pages = pages.iter().map(|p| reshape::reshape(p, how.spec.output, timestamps));
    if format != RawOutput::Text {
        let full = paginate::full_result(pages.collect(), how.paginator, how.resume_token);
        return print_shaped(title, full, query, format);
    }
    for page in pages {
        let mut current = serde_json::Map::new();
        let items = page.get(how.paginator.result_key).cloned().unwrap_or(Value::Null);
        current.insert(how.paginator.result_key.to_string(), items);
        print_shaped(title, Value::Object(current), query, format)?;
    }
    if let Some(token) = how.resume_token {
        let next = serde_json::json!({"NextToken": {"NextToken": token}});
        print_shaped(title, next, query, format)?;
    }
    Ok(())
}

/// Prints an answer already in the shape of the output model: the query, then the format (a
/// table titled `title`).
fn print_shaped(title: &str, answer: Value, query: Option<&Query>, format: RawOutput) -> Result<()> {
    write_stdout(&format_shaped(title, answer, query, format)?)
}

/// `print_raw` into bytes instead of standard output (the fuzz targets call it too): the
/// reshaping, the query and the format.
pub(crate) fn format_raw(
    answer: &Value,
    spec: &OpSpec,
    query: Option<&Query>,
    format: RawOutput,
    timestamps: TimestampFormat,
) -> Result<Vec<u8>> {
    format_shaped(
        spec.operation,
        reshape::reshape(answer, spec.output, timestamps),
        query,
        format,
    )
}

/// What `print_shaped` prints.
fn format_shaped(title: &str, answer: Value, query: Option<&Query>, format: RawOutput) -> Result<Vec<u8>> {
    let shown = match query {
        Some(q) => q.apply(&answer).map_err(|e| query_failed(&e))?,
        None => answer,
    };
    let mut out = Vec::new();
    let written = match format {
        RawOutput::Json if json::prints_nothing(&shown) => Ok(()),
        RawOutput::Json => json::format_json(&shown, &mut out),
        RawOutput::Text => text::format_text(&shown, &mut out),
        RawOutput::Table => table::format_table(title, &shown, &mut out),
    };
    written.map_err(|e| Error::io("cannot format the output", &e))?;
    Ok(out)
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
