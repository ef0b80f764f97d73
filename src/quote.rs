//! Input values as messages show them: quoted like `{:?}`, but cut to a short prefix and their
//! length, so that a 128 KiB argument, variable or path still gives a one-line error. At the
//! bottom of the house so that every layer that names an input (cli, config, private_file) can.

/// Values longer than this many characters are cut (`quoted`, `shortened`).
const MAX: usize = 40;
/// How many characters of a cut value are shown.
const PREFIX: usize = 32;
/// Paths, and values that the AWS CLI's messages show whole, get more room: a deep but real path
/// is shown in full, and only an absurd one is cut.
const MAX_LONG: usize = 256;

/// An input value quoted for a message, as `{:?}` would, but never long: a value of more than
/// 40 characters shows its first 32 and its length (`"us-east-1_aaaa…" (131,008 bytes)`), so
/// that a hostile or mistaken 128 KiB argument still gives a one-line error.
pub(crate) fn quoted(value: &str) -> String {
    if value.chars().count() <= MAX {
        return format!("{value:?}");
    }
    let prefix: String = value.chars().take(PREFIX).collect();
    let debug = format!("{prefix:?}");
    format!("{}…\" ({} bytes)", &debug[..debug.len() - 1], thousands(value.len()))
}

/// `quoted` for a value that may not be UTF-8 (an argument, a path).
pub(crate) fn quoted_os(value: &std::ffi::OsStr) -> String {
    quoted(&value.to_string_lossy())
}

/// `quoted` without the quotes, for a name shown bare (`unknown option --NAME`); control
/// characters are escaped so that the message stays one line.
pub(crate) fn shortened(value: &str) -> std::borrow::Cow<'_, str> {
    cut(value, MAX, PREFIX)
}

/// `shortened` with room for a long but real value (a path, a JMESPath value).
pub(crate) fn shortened_long(value: &str) -> std::borrow::Cow<'_, str> {
    cut(value, MAX_LONG, MAX_LONG - 32)
}

/// A path as messages show it: `shortened_long`, no quotes (as paths are shown elsewhere).
pub(crate) fn path(p: &std::path::Path) -> String {
    shortened_long(&p.display().to_string()).into_owned()
}

fn cut(value: &str, max: usize, prefix: usize) -> std::borrow::Cow<'_, str> {
    let long = value.chars().count() > max;
    if !long && !value.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::new();
    for c in value.chars().take(if long { prefix } else { max }) {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    if long {
        out.push_str(&format!("… ({} bytes)", thousands(value.len())));
    }
    std::borrow::Cow::Owned(out)
}

/// 131008 → "131,008".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_debug_quoted_and_long_ones_cut_with_their_length() {
        assert_eq!(quoted("us-east-1"), "\"us-east-1\"");
        assert_eq!(quoted("a\nb"), "\"a\\nb\"");
        let long = format!("us-east-1_{}", "a".repeat(130_998));
        assert_eq!(
            quoted(&long),
            format!("\"us-east-1_{}…\" (131,008 bytes)", "a".repeat(22))
        );
        assert_eq!(
            shortened(&long),
            format!("us-east-1_{}… (131,008 bytes)", "a".repeat(22))
        );
        assert_eq!(shortened("--short"), "--short");
        assert_eq!(shortened("a\nb"), "a\\nb");
        assert_eq!(quoted(&"'".repeat(50)), format!("\"{}…\" (50 bytes)", "'".repeat(32)));
        let deep = format!("/home/u/{}", "d/".repeat(100));
        assert_eq!(path(std::path::Path::new(&deep)), deep, "a real path is shown whole");
        // Multi-byte characters are never split, and control characters stay escaped.
        let wide = "é\n".repeat(100);
        assert!(quoted(&wide).ends_with("…\" (300 bytes)"), "{}", quoted(&wide));
        assert!(!quoted(&wide).contains('\n'));
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }
}
