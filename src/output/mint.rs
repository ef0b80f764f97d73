//! `mint`'s output: one record per user (its tokens, or the error that stopped it) as NDJSON,
//! CSV or one JSON array for k6, written as each user finishes; and the progress line or the
//! one-line summary on stderr.
//!
//! Each record goes out in one write of whole lines, so an interrupted run leaves only whole
//! records behind. With `--output-file` the records are kept and written at the end, atomically
//! and private (tokens are secrets), interrupted or not.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

use crate::api::model::AuthenticationResult;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// 128 + SIGPIPE, the status of a process a closed pipe stopped.
const BROKEN_PIPE: u8 = 141;

/// `mint --output`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MintFormat {
    Ndjson,
    Csv,
    K6,
}

/// `mint --tokens`: which tokens go in a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Id,
    Access,
    Refresh,
}

impl TokenKind {
    fn field(self) -> &'static str {
        match self {
            TokenKind::Id => "id_token",
            TokenKind::Access => "access_token",
            TokenKind::Refresh => "refresh_token",
        }
    }
}

/// How one user ended.
pub(crate) enum Outcome<'a> {
    Tokens(&'a AuthenticationResult),
    /// The service's error code (or cogtok's kind of error) and the one-line message.
    Failed {
        error: &'a str,
        message: &'a str,
    },
}

/// Writes the records, to stdout as they come or to a file at the end.
pub(crate) struct RecordWriter {
    format: MintFormat,
    tokens: Vec<TokenKind>,
    file: Option<PathBuf>,
    /// With a file: the lines so far (secrets: tokens).
    kept: Vec<Secret>,
    written: usize,
}

impl RecordWriter {
    pub(crate) fn new(format: MintFormat, tokens: Vec<TokenKind>, file: Option<PathBuf>) -> Result<RecordWriter> {
        let mut writer = RecordWriter {
            format,
            tokens,
            file,
            kept: Vec::new(),
            written: 0,
        };
        let head = match format {
            MintFormat::Ndjson => String::new(),
            MintFormat::Csv => {
                let mut columns = vec!["username"];
                columns.extend(writer.tokens.iter().map(|t| t.field()));
                columns.extend(["expires_at", "error", "message"]);
                format!("{}\n", columns.join(","))
            }
            MintFormat::K6 => "[\n".to_string(),
        };
        writer.emit(&head)?;
        Ok(writer)
    }

    /// One user's record.
    pub(crate) fn record(&mut self, username: &str, outcome: &Outcome<'_>, now: i64) -> Result<()> {
        let mut object = Map::new();
        object.insert("username".into(), json!(username));
        match outcome {
            Outcome::Tokens(tokens) => {
                for kind in &self.tokens {
                    let token = match kind {
                        TokenKind::Id => tokens.id_token.as_ref(),
                        TokenKind::Access => Some(&tokens.access_token),
                        TokenKind::Refresh => tokens.refresh_token.as_ref(),
                    };
                    object.insert(kind.field().into(), json!(token.map(Secret::expose)));
                }
                object.insert("expires_at".into(), json!(tokens.expires_at(now)));
            }
            Outcome::Failed { error, message } => {
                object.insert("error".into(), json!(error));
                object.insert("message".into(), json!(message));
            }
        }
        let line = match self.format {
            MintFormat::Ndjson => json_line("", object),
            MintFormat::K6 => {
                let separator = if self.written == 0 { "  " } else { ", " };
                json_line(separator, object)
            }
            MintFormat::Csv => {
                let mut cells = vec![csv_cell(username)];
                for kind in &self.tokens {
                    cells.push(
                        object
                            .get(kind.field())
                            .and_then(Value::as_str)
                            .map(csv_cell)
                            .unwrap_or_default(),
                    );
                }
                cells.push(object.get("expires_at").map(|v| v.to_string()).unwrap_or_default());
                cells.push(
                    object
                        .get("error")
                        .and_then(Value::as_str)
                        .map(csv_cell)
                        .unwrap_or_default(),
                );
                cells.push(
                    object
                        .get("message")
                        .and_then(Value::as_str)
                        .map(csv_cell)
                        .unwrap_or_default(),
                );
                format!("{}\n", cells.join(","))
            }
        };
        self.written += 1;
        self.emit(&line)
    }

    /// Closes the output: k6's array, and the file when there is one.
    pub(crate) fn finish(mut self) -> Result<()> {
        if self.format == MintFormat::K6 {
            self.emit("]\n")?;
        }
        if let Some(path) = &self.file {
            let all = Secret::new(self.kept.iter().map(Secret::expose).collect::<String>());
            crate::private_file::write(path, all.expose())?;
        }
        Ok(())
    }

    fn emit(&mut self, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if self.file.is_some() {
            self.kept.push(Secret::new(text));
            return Ok(());
        }
        // One write of whole lines: stdout's line buffering passes them through at once.
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            // Nobody reads the tokens any more (`| head`): stop signing users in, quietly, with
            // the status a shell gives a process that SIGPIPE stopped.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::Exit(BROKEN_PIPE)),
            Err(e) => Err(Error::io("cannot write to standard output", &e)),
        }
    }
}

/// `prefix`, the object as compact JSON, and a line break. Serialised straight into a buffer of
/// the record's size: `format!("{}", Value)` goes through `core::fmt` a few bytes at a time and
/// regrows its string as it goes, which was a tenth of `mint`'s CPU per token.
fn json_line(prefix: &str, object: Map<String, Value>) -> String {
    // Two tokens of about a kilobyte each and a few short members.
    const TYPICAL_RECORD: usize = 4096;
    let mut line = Vec::with_capacity(TYPICAL_RECORD);
    line.extend_from_slice(prefix.as_bytes());
    serde_json::to_writer(&mut line, &Value::Object(object)).expect("a JSON value always serialises");
    line.push(b'\n');
    String::from_utf8(line).expect("serde_json writes UTF-8")
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The counts the progress line and the summary show.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) total: usize,
    pub(crate) done: usize,
    pub(crate) failed: usize,
    pub(crate) from_cache: usize,
    pub(crate) refreshed: usize,
    pub(crate) requests: u64,
    pub(crate) throttled: u64,
}

/// The progress line on a terminal (rewritten at most ten times a second); nothing otherwise.
pub(crate) struct Progress {
    terminal: bool,
    started: Instant,
    last_drawn: Option<Instant>,
}

const REDRAW_EVERY: Duration = Duration::from_millis(100);
const BAR_WIDTH: usize = 24;

impl Progress {
    pub(crate) fn new(terminal: bool) -> Progress {
        Progress {
            terminal,
            started: Instant::now(),
            last_drawn: None,
        }
    }

    /// Redraws the line when it is due (or `force`d).
    pub(crate) fn update(&mut self, tally: &Tally, force: bool) {
        if !self.terminal {
            return;
        }
        let now = Instant::now();
        if !force && self.last_drawn.is_some_and(|t| now - t < REDRAW_EVERY) {
            return;
        }
        self.last_drawn = Some(now);
        let finished = tally.done + tally.failed;
        let filled = (finished * BAR_WIDTH).checked_div(tally.total).unwrap_or(0);
        let elapsed = self.started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 { finished as f64 / elapsed } else { 0.0 };
        let eta = if rate > 0.0 {
            format!("{:.0}s", (tally.total - finished) as f64 / rate)
        } else {
            "?".to_string()
        };
        let line = format!(
            "\r[{}{}] {finished}/{} done, {} failed, {rate:.1}/s, ETA {eta}\x1b[K",
            "=".repeat(filled),
            " ".repeat(BAR_WIDTH - filled),
            tally.total,
            tally.failed,
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }

    /// Ends the progress line, then prints the summary (always).
    pub(crate) fn summary(&mut self, tally: &Tally, interrupted: bool) {
        if self.terminal {
            self.update(tally, true);
            let _ = std::io::stderr().write_all(b"\n");
        }
        let elapsed = self.started.elapsed().as_secs_f64();
        let signed_in = tally.done - tally.from_cache - tally.refreshed;
        let rate = if elapsed > 0.0 {
            tally.requests as f64 / elapsed
        } else {
            0.0
        };
        let left = tally.total - tally.done - tally.failed;
        crate::diagnostics::stderr_line(format_args!(
            "mint: {} of {} users got tokens ({signed_in} signed in, {} refreshed, {} from the cache), {} failed{}; {} requests in {elapsed:.1} s ({rate:.1}/s), {} throttled",
            tally.done,
            tally.total,
            tally.refreshed,
            tally.from_cache,
            tally.failed,
            if interrupted { format!(", {left} not started or cut off: interrupted") } else { String::new() },
            tally.requests,
            tally.throttled,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_cell("eyJ.a.b"), "eyJ.a.b");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
