//! `mint --users FILE`: the users to sign in, as CSV with a header row or as NDJSON (one JSON
//! object a line), told apart by the first character. Outside input, so: messages name the line
//! and the column, never a value (a password column is a secret), every size is capped, and
//! the same username twice is refused (two sign-ins of one user at once would race each other
//! for the same cache file and the same per-user quota).
//!
//! Columns (CSV header names or NDJSON keys, case as written here): `username` (required),
//! `password`, `password_env`, `password_file`, `new_password`, `new_password_env`,
//! `new_password_file`, `totp_secret`, `totp_secret_env`. At most one of a secret's forms per
//! user; a user without any takes the run's (`--password-env VAR` …). Other columns are
//! ignored, so that a load test's own data may sit in the same file.

use std::path::PathBuf;

use crate::auth::secret_sources::SecretSource;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The most users one file may hold: far above any load test's, far below what memory fears.
pub(crate) const MAX_USERS: usize = 1_000_000;
/// Cognito's own limit on a username's length.
const MAX_USERNAME: usize = 128;

/// One user of the file.
#[derive(Debug)]
pub(crate) struct UserRow {
    /// The line of the file it is on (1-based), for messages.
    pub(crate) line: usize,
    pub(crate) username: String,
    pub(crate) password: Option<SecretSource>,
    pub(crate) new_password: Option<SecretSource>,
    pub(crate) totp_secret: Option<SecretSource>,
}

/// Which secret a column gives, and in which form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Username,
    Secret(Slot, Form),
    Ignored,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Password,
    NewPassword,
    TotpSecret,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Value,
    Env,
    File,
}

/// Every known column, by its name: the one table both the parser and messages read.
const COLUMNS: &[(&str, Column)] = &[
    ("username", Column::Username),
    ("password", Column::Secret(Slot::Password, Form::Value)),
    ("password_env", Column::Secret(Slot::Password, Form::Env)),
    ("password_file", Column::Secret(Slot::Password, Form::File)),
    ("new_password", Column::Secret(Slot::NewPassword, Form::Value)),
    ("new_password_env", Column::Secret(Slot::NewPassword, Form::Env)),
    ("new_password_file", Column::Secret(Slot::NewPassword, Form::File)),
    ("totp_secret", Column::Secret(Slot::TotpSecret, Form::Value)),
    ("totp_secret_env", Column::Secret(Slot::TotpSecret, Form::Env)),
];

/// The column `name` is, and its static name (for messages that outlive the input).
fn column(name: &str) -> (Column, &'static str) {
    COLUMNS
        .iter()
        .find(|(known, _)| *known == name)
        .map_or((Column::Ignored, "a column"), |&(known, column)| (column, known))
}

/// Reads the users from the file's bytes; `source` names the file in messages.
pub(crate) fn parse(bytes: &[u8], source: &str) -> Result<Vec<UserRow>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        bad(source, line, "it is not UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = if text.trim_start().starts_with('{') {
        parse_ndjson(text, source)?
    } else {
        parse_csv(text, source)?
    };
    if rows.is_empty() {
        return Err(Error::usage(format!("{source} holds no users")));
    }
    let mut names: Vec<(&str, usize)> = rows.iter().map(|r| (r.username.as_str(), r.line)).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|w| w[0].0 == w[1].0) {
        let (first, second) = (pair[0].1.min(pair[1].1), pair[0].1.max(pair[1].1));
        return Err(bad(
            source,
            second,
            &format!("the username of line {first} again: each user once"),
        ));
    }
    Ok(rows)
}

/// The line error: where, and what is wrong, never the value.
fn bad(source: &str, line: usize, what: &str) -> Error {
    Error::usage(format!("{source} line {line}: {what}"))
}

/// One user from its columns' values, in the order of `columns`.
fn row(source: &str, line: usize, fields: Vec<(Column, &str, String)>) -> Result<UserRow> {
    let mut user = UserRow {
        line,
        username: String::new(),
        password: None,
        new_password: None,
        totp_secret: None,
    };
    for (column, name, value) in fields {
        match column {
            Column::Ignored => {}
            Column::Username => user.username = value,
            // An empty cell is "not given": a CSV with a password column may leave some empty.
            Column::Secret(..) if value.is_empty() => {}
            Column::Secret(slot, form) => {
                let place = match slot {
                    Slot::Password => &mut user.password,
                    Slot::NewPassword => &mut user.new_password,
                    Slot::TotpSecret => &mut user.totp_secret,
                };
                if place.is_some() {
                    return Err(bad(
                        source,
                        line,
                        &format!("{name} and another form of the same secret: give one"),
                    ));
                }
                *place = Some(match form {
                    Form::Value => SecretSource::Value(Secret::new(value)),
                    Form::Env => SecretSource::Env(value),
                    Form::File => SecretSource::File(PathBuf::from(value)),
                });
            }
        }
    }
    if user.username.is_empty() {
        return Err(bad(source, line, "no username"));
    }
    if user.username.chars().count() > MAX_USERNAME || user.username.chars().any(char::is_control) {
        return Err(bad(
            source,
            line,
            &format!(
                "the username is not one Cognito takes (at most {MAX_USERNAME} characters, no control characters)"
            ),
        ));
    }
    Ok(user)
}

fn check_count(source: &str, rows: &[UserRow], line: usize) -> Result<()> {
    if rows.len() >= MAX_USERS {
        return Err(bad(source, line, &format!("more than {MAX_USERS} users")));
    }
    Ok(())
}

fn parse_ndjson(text: &str, source: &str) -> Result<Vec<UserRow>> {
    let mut rows = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        check_count(source, &rows, line)?;
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(raw).map_err(|e| {
            bad(
                source,
                line,
                &format!("not a JSON object ({})", crate::diagnostics::json_problem(&e)),
            )
        })?;
        let mut fields = Vec::new();
        for (key, value) in &object {
            let (column, name) = column(key);
            if column == Column::Ignored {
                continue;
            }
            let Some(value) = value.as_str() else {
                return Err(bad(
                    source,
                    line,
                    &format!("{} is not a string", crate::quote::quoted(key)),
                ));
            };
            // The key names a known column, so it is short and safe to show.
            fields.push((column, name, value.to_string()));
        }
        rows.push(row(source, line, fields)?);
    }
    Ok(rows)
}

fn parse_csv(text: &str, source: &str) -> Result<Vec<UserRow>> {
    let mut records = CsvRecords { rest: text, line: 1 };
    let Some((_, header)) = records.next_record().map_err(|(line, what)| bad(source, line, what))? else {
        return Err(Error::usage(format!("{source} holds no users")));
    };
    let columns: Vec<(Column, &'static str)> = header.iter().map(|h| column(&h.trim().to_ascii_lowercase())).collect();
    if !columns.iter().any(|(c, _)| *c == Column::Username) {
        return Err(bad(
            source,
            1,
            "the header row has no username column (CSV needs a header: username,password,...)",
        ));
    }
    let mut rows = Vec::new();
    while let Some((line, record)) = records.next_record().map_err(|(line, what)| bad(source, line, what))? {
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        check_count(source, &rows, line)?;
        if record.len() != columns.len() {
            return Err(bad(
                source,
                line,
                &format!("{} fields where the header has {}", record.len(), columns.len()),
            ));
        }
        let fields = columns
            .iter()
            .zip(record)
            .map(|((column, name), value)| {
                let value = if *column == Column::Username {
                    value.trim().to_string()
                } else {
                    value
                };
                (*column, *name, value)
            })
            .collect();
        rows.push(row(source, line, fields)?);
    }
    Ok(rows)
}

/// RFC 4180 records: fields split at commas, quoted fields with `""` for a quote and with
/// commas and line breaks inside, records ending at LF or CRLF.
struct CsvRecords<'a> {
    rest: &'a str,
    line: usize,
}

impl CsvRecords<'_> {
    /// The next record and the line it starts on; `Err((line, what))` for a broken quote.
    #[allow(clippy::type_complexity)]
    fn next_record(&mut self) -> std::result::Result<Option<(usize, Vec<String>)>, (usize, &'static str)> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let start_line = self.line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = self.rest.char_indices().peekable();
        let mut quoted = false;
        let mut at_field_start = true;
        let mut end = self.rest.len();
        while let Some((i, c)) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek().map(|(_, n)| *n) == Some('"') => {
                        field.push('"');
                        chars.next();
                    }
                    '"' => {
                        quoted = false;
                        match chars.peek().map(|(_, n)| *n) {
                            None | Some(',') | Some('\n') | Some('\r') => {}
                            Some(_) => return Err((self.line, "text after a closing quote")),
                        }
                    }
                    '\n' => {
                        self.line += 1;
                        field.push(c);
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if at_field_start => {
                    quoted = true;
                    at_field_start = false;
                }
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' if chars.peek().map(|(_, n)| *n) == Some('\n') => {}
                '\n' => {
                    self.line += 1;
                    end = i + 1;
                    break;
                }
                _ => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        if quoted {
            return Err((start_line, "a quoted field is not closed"));
        }
        fields.push(field);
        self.rest = &self.rest[end..];
        Ok(Some((start_line, fields)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(text: &str) -> Vec<UserRow> {
        parse(text.as_bytes(), "users.csv").unwrap()
    }

    fn error(text: &str) -> String {
        parse(text.as_bytes(), "users.csv").unwrap_err().to_string()
    }

    fn value(source: &Option<SecretSource>) -> Option<&str> {
        match source {
            Some(SecretSource::Value(s)) => Some(s.expose()),
            _ => None,
        }
    }

    #[test]
    fn csv_with_a_header_gives_each_user_its_secrets_in_their_forms() {
        let rows = users(
            "Username,password,totp_secret,role\r\nalice,pw-a,JBSWY3DPEHPK3PXP,admin\r\nbob,,,reader\n\n\"c,arol\",\"p\"\"w\",,\"multi\nline\"\n",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[0].username.as_str(), rows[0].line), ("alice", 2));
        assert_eq!(value(&rows[0].password), Some("pw-a"));
        assert_eq!(value(&rows[0].totp_secret), Some("JBSWY3DPEHPK3PXP"));
        assert!(rows[1].password.is_none() && rows[1].totp_secret.is_none());
        assert_eq!((rows[2].username.as_str(), rows[2].line), ("c,arol", 5));
        assert_eq!(value(&rows[2].password), Some("p\"w"));
    }

    #[test]
    fn ndjson_takes_references_and_ignores_other_keys() {
        let rows = users(
            "{\"username\":\"a\",\"password_env\":\"PW_A\",\"n\":1}\n\n{\"username\":\"b\",\"password_file\":\"/run/pw\",\"new_password\":\"New-1!\"}\n",
        );
        assert!(matches!(&rows[0].password, Some(SecretSource::Env(v)) if v == "PW_A"));
        assert!(matches!(&rows[1].password, Some(SecretSource::File(p)) if p.to_str() == Some("/run/pw")));
        assert_eq!(value(&rows[1].new_password), Some("New-1!"));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn errors_name_the_line_and_never_the_value() {
        let e = error("username,password\nalice,hunter2\nalice,hunter3\n");
        assert_eq!(e, "users.csv line 3: the username of line 2 again: each user once");
        let e = error("username,password\nalice,hunter2,extra\n");
        assert_eq!(e, "users.csv line 2: 3 fields where the header has 2");
        assert!(!e.contains("hunter2"));
        let e = error("{\"username\":\"a\",\"password\":\"hunter2\",\"password_env\":\"X\"}\n");
        assert!(e.contains("line 1: password") && e.contains("give one"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        let e = error("{\"username\":\"a\",\"password\":12345678}\n");
        assert_eq!(e, "users.csv line 1: \"password\" is not a string");
        let e = error("{\"username\":\"a\", \"password\":\"hunter2\"\n");
        assert!(e.starts_with("users.csv line 1: not a JSON object"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        assert!(error("password\nhunter2\n").contains("no username column"));
        assert!(error("username\n\"alice\n").contains("line 2: a quoted field is not closed"));
        assert!(error("username\n\"al\"ice\n").contains("text after a closing quote"));
        assert_eq!(error("username\n"), "users.csv holds no users");
        assert_eq!(error(""), "users.csv holds no users");
        assert!(error(&format!("username\n{}\n", "x".repeat(129))).contains("at most 128"));
        assert!(parse(b"username\n\xff\n", "users.csv")
            .unwrap_err()
            .to_string()
            .contains("line 2: it is not UTF-8"));
        assert_eq!(parse(b"username\n", "x").unwrap_err().exit_code(), 252);
    }
}
