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

use crate::api::shape::Shape;
use crate::config::TimestampFormat;
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
/// then the query, then the format; timestamps as `cli_timestamp_format` says.
pub(crate) fn print_raw(
    answer: &Value,
    output: &Shape,
    query: Option<&Query>,
    format: RawOutput,
    timestamps: TimestampFormat,
) -> Result<()> {
    let answer = reshape::reshape(answer, output, timestamps);
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
