//! The AWS CLI's paramfiles: a `file://PATH` or `fileb://PATH` option value stands for the
//! contents of that file. Read here for whole option values (`params.rs`) and for shorthand's
//! `key@=file://PATH` (`shorthand.rs`), so that both read files by the same rules.

/// The contents of a `file://` (text) or `fileb://` (bytes) value.
pub(crate) enum ParamFile {
    Text(String),
    Binary(Vec<u8>),
}

/// Reads the file a `file://PATH` or `fileb://PATH` value names; `Ok(None)` for any other value.
///
/// As in the AWS CLI: `~` and `$VAR` / `${VAR}` in PATH are expanded; the contents are used
/// whole, a final newline included; `file://` text must be UTF-8 and has its line endings
/// turned into `\n` (Python's text mode). Prefixes are case-sensitive (`FILE://x` is a plain
/// string). Unlike AWS CLI v1, `http://` and `https://` values are never fetched (v2 does not
/// either). The error message names the path, never the contents.
pub(crate) fn read_paramfile(value: &str) -> Result<Option<ParamFile>, String> {
    let (binary, rest) = if let Some(rest) = value.strip_prefix("file://") {
        (false, rest)
    } else if let Some(rest) = value.strip_prefix("fileb://") {
        (true, rest)
    } else {
        return Ok(None);
    };
    let path = expand_vars(&expand_user(rest), &env_var);
    // Paths are shown escaped so that the message stays on one line whatever they hold.
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "unable to load paramfile {}: {e}",
            crate::quote::shortened(value).escape_debug()
        )
    })?;
    if binary {
        return Ok(Some(ParamFile::Binary(bytes)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(ParamFile::Text(universal_newlines(text)))),
        Err(_) => Err(format!(
            "unable to load paramfile ({}): its text is not valid UTF-8; for a binary file, use \
             the fileb:// prefix",
            crate::quote::shortened(&path).escape_debug()
        )),
    }
}

/// The loader `shorthand::parse` uses for `key@=file://...`: text only, since a shorthand
/// value is a string.
pub(crate) fn shorthand_paramfile(value: &str) -> Result<Option<String>, String> {
    match read_paramfile(value)? {
        None => Ok(None),
        Some(ParamFile::Text(text)) => Ok(Some(text)),
        Some(ParamFile::Binary(_)) => {
            Err("a fileb:// value cannot be used in shorthand; use file:// or JSON".to_string())
        }
    }
}

/// `\r\n` and lone `\r` become `\n`, as when Python reads a file in text mode.
fn universal_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Python's `os.path.expanduser` for `~` and `~/...` (from `$HOME`). `~user` is left as it is:
/// cogtok does not read the password database.
fn expand_user(path: &str) -> String {
    let rest = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => return path.to_string(),
    };
    match std::env::var("HOME") {
        Ok(home) => {
            let joined = format!("{}{rest}", home.trim_end_matches('/'));
            if joined.is_empty() {
                "/".to_string()
            } else {
                joined
            }
        }
        Err(_) => path.to_string(),
    }
}

/// Python's `os.path.expandvars`: `$NAME` and `${NAME}` (NAME of ASCII letters, digits and `_`
/// for the first form, anything but `}` for the second) become the variable's value; unset
/// variables stay as written, and substituted text is not expanded again. `lookup` reads a
/// variable (`env_var` outside tests).
fn expand_vars(path: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    if !path.contains('$') {
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, len) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(end) => (&braced[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], end)
        };
        let value = if len > 0 { lookup(name) } else { None };
        match value {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[dollar..dollar + 1 + len]),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// An environment variable as a string; `None` when unset, not UTF-8, or for a name the
/// platform cannot look up (empty, or containing `=` or NUL).
fn env_var(name: &str) -> Option<String> {
    if name.is_empty() || name.contains(['=', '\0']) {
        return None;
    }
    std::env::var(name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_expand_like_python() {
        // Expected values from Python's posixpath.expandvars / expanduser.
        let lookup = |name: &str| (name == "D").then(|| "/tmp/x".to_string());
        assert_eq!(expand_vars("$D/a", &lookup), "/tmp/x/a");
        assert_eq!(expand_vars("${D}b", &lookup), "/tmp/xb");
        assert_eq!(expand_vars("$Db/a$", &lookup), "$Db/a$");
        assert_eq!(expand_vars("${}${a=b}${unclosed", &lookup), "${}${a=b}${unclosed");
        assert_eq!(expand_vars("\u{20ac}$D\u{20ac}$", &lookup), "\u{20ac}/tmp/x\u{20ac}$");
        assert_eq!(expand_vars("$$D", &lookup), "$/tmp/x");
        if let Ok(home) = std::env::var("HOME") {
            assert_eq!(expand_user("~/f"), format!("{}/f", home.trim_end_matches('/')));
        }
        assert_eq!(expand_user("~someone/f"), "~someone/f");
        assert_eq!(expand_user("a/~/f"), "a/~/f");
    }

    #[test]
    fn files_keep_their_newlines_but_normalize_line_endings() {
        assert_eq!(universal_newlines("a\r\nb\rc\n\n".to_string()), "a\nb\nc\n\n");
        let missing = read_paramfile("file:///nonexistent/cogtok");
        assert!(matches!(missing, Err(m) if m.contains("file:///nonexistent/cogtok")));
        assert!(matches!(read_paramfile("https://example.com/x"), Ok(None)));
        assert!(matches!(shorthand_paramfile("plain"), Ok(None)));
    }
}
