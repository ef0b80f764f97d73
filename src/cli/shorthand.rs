//! The AWS CLI shorthand syntax (`K=V,K=V`, `[a,b]`, `{k=v}`, quoting, `\,`), parsed into JSON.
//!
//! This is a recursive-descent parser written to accept exactly what the AWS CLI's own shorthand
//! parser accepts and to build the same values from it, so that a command line written for
//! `aws cognito-idp` means the same thing to cogtok. Its odd corners are kept on purpose: a
//! value may contain `=` (`PASSWORD=abc==`), a comma starts a list only when what follows is not
//! the next `key=` (`a=b,c` is `{"a": ["b", "c"]}`), trailing blanks of a bare value are dropped,
//! and a few inputs backtrack in surprising ways. The tests hold the AWS CLI's answers for
//! these.
//!
//! The result is made of strings, arrays and objects only; turning `"5"` into a number for an
//! integer member is the job of `params.rs`, which knows the shape. Positions count characters
//! (Unicode scalar values), as the AWS CLI does. Error messages never quote the input: it may
//! hold a password.

use std::fmt;

use serde_json::{Map, Value};

/// Why a shorthand value was rejected, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShorthandError {
    /// What went wrong, lowercase, without any of the input's text except a key name.
    pub message: String,
    /// Character offset (0-based) in the input where parsing stopped; the input's length when
    /// it ended too early.
    pub position: usize,
}

impl fmt::Display for ShorthandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position + 1)
    }
}

impl std::error::Error for ShorthandError {}

/// Parses one shorthand value, such as the argument of `--auth-parameters`, into a JSON object.
///
/// A key written `key@=file://path` takes the contents of that file as its value (the AWS CLI's
/// newer paramfile-in-shorthand form); the file is read with the same rules as a whole
/// `file://` argument.
pub(crate) fn parse(input: &str) -> Result<Value, ShorthandError> {
    parse_with(input, &crate::cli::paramfile::shorthand_paramfile)
}

/// The file loader `parse` uses for `key@=file://...` values: `Ok(None)` when the value names
/// no file, `Ok(Some(contents))` when it does, `Err(message)` when the file cannot be used.
pub(crate) type FileLoader = dyn Fn(&str) -> Result<Option<String>, String>;

/// `parse` with an explicit file loader (for tests).
pub(crate) fn parse_with(input: &str, load: &FileLoader) -> Result<Value, ShorthandError> {
    let mut parser = Parser {
        input: input.chars().collect(),
        index: 0,
        resolve_files: false,
        depth: 0,
        load,
    };
    match parser.parameter() {
        Ok(map) => Ok(Value::Object(map)),
        Err(Fail::Syntax(e) | Fail::Fatal(e)) => Err(e),
    }
}

/// Nesting of `[...]` / `{...}` beyond this is refused. The AWS CLI stops near 300 levels
/// (Python's recursion limit); cogtok stops earlier so that no input can exhaust the stack.
const MAX_DEPTH: usize = 100;

/// A parse failure. `Syntax` failures may be recovered from by backtracking (see `csv_value`);
/// `Fatal` ones (a paramfile that cannot be read, nesting too deep) always end the parse, as
/// they do in the AWS CLI, whose backtracking catches only its syntax error type.
enum Fail {
    Syntax(ShorthandError),
    Fatal(ShorthandError),
}

type Parsed<T> = Result<T, Fail>;

struct Parser<'a> {
    input: Vec<char>,
    index: usize,
    /// Whether the key being parsed was written `key@=`. Like the AWS CLI's parser this is one
    /// flag for the whole parse, set by each key and never restored when a nested `{...}` ends,
    /// so `k@=[file://a,{x=1},file://b]` reads `a` but not `b`.
    resolve_files: bool,
    depth: usize,
    load: &'a FileLoader,
}

/// Blanks the AWS CLI skips between tokens: Python's `string.whitespace` (ASCII only).
fn is_skipped_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// Python's `str.isspace`, which the AWS CLI's `\s` and `rstrip()` use: Unicode White_Space
/// plus the four ASCII information separators U+001C..U+001F. Spelled out so that it does not
/// drift with the Unicode tables of the Rust toolchain.
pub(crate) fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Characters allowed in a key: `[A-Za-z0-9_.#/:-]`.
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#' | '/' | ':')
}

// The three character classes of bare (unquoted) words. All of them stop at U+FFFF: the AWS
// CLI's patterns end their ranges there, so a character outside the Basic Multilingual Plane
// (an emoji, say) cannot appear in a bare value and must be quoted.

/// First character of a bare word: not a blank, quote, `,`, `=`, `[` or `{`.
fn is_word_start(c: char) -> bool {
    matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='Z' | '\\'..='z' | '|'..='\u{ffff}')
}

/// Later characters of a first value (after `key=`, or inside `[...]` / `{...}`): anything but
/// quotes, `,`, `]` and `}`; `=`, `[` and `{` are allowed, and so are blanks.
fn is_first_follow(c: char) -> bool {
    is_py_space(c) || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='\\' | '^'..='|' | '~'..='\u{ffff}')
}

/// Later characters of the second and following values of a comma list (`a=b,c,d`): anything
/// but quotes, `,` and `=`. That `=` is what lets `a=b,c=d` end the list before `c`.
fn is_second_follow(c: char) -> bool {
    is_py_space(c) || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='\u{ffff}')
}

impl Parser<'_> {
    fn current(&self) -> Option<char> {
        self.input.get(self.index).copied()
    }

    fn at_eof(&self) -> bool {
        self.index >= self.input.len()
    }

    fn error(&self, message: String) -> ShorthandError {
        ShorthandError {
            message,
            position: self.index,
        }
    }

    fn skip_blanks(&mut self) {
        while self.current().is_some_and(is_skipped_blank) {
            self.index += 1;
        }
    }

    /// Consumes `c` (skipping blanks around it when `blanks`). On failure the blanks before it
    /// stay consumed, which later error positions depend on.
    fn expect(&mut self, c: char, blanks: bool) -> Parsed<()> {
        if blanks {
            self.skip_blanks();
        }
        match self.current() {
            Some(actual) if actual == c => {
                self.index += 1;
                if blanks {
                    self.skip_blanks();
                }
                Ok(())
            }
            Some(_) => Err(Fail::Syntax(self.error(format!("expected '{c}'")))),
            None => Err(Fail::Syntax(self.error(format!("expected '{c}' but the value ended")))),
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Fail::Fatal(self.error("the value is nested too deeply".to_string())));
        }
        Ok(())
    }

    /// parameter = keyval *("," keyval)
    fn parameter(&mut self) -> Parsed<Map<String, Value>> {
        let mut params = Map::new();
        let (key, value) = self.keyval()?;
        params.insert(key, value);
        let mut last_index = self.index;
        while !self.at_eof() {
            self.expect(',', true)?;
            let (key, value) = self.keyval()?;
            if params.contains_key(&key) {
                // Almost always `a=1,b=2,a=3` written for two list elements `a=1,b=2 a=3`.
                return Err(Fail::Syntax(ShorthandError {
                    message: format!(
                        "second instance of key {}; this is often a \",\" where a space \
                         should separate two list elements",
                        crate::quote::quoted(&key)
                    ),
                    position: last_index + 1,
                }));
            }
            params.insert(key, value);
            last_index = self.index;
        }
        Ok(params)
    }

    /// keyval = key "=" [values] / key "@=" [values read from files]
    fn keyval(&mut self) -> Parsed<(String, Value)> {
        let key = self.key();
        self.at_sign();
        self.expect('=', true)?;
        let values = self.values()?;
        Ok((key, values))
    }

    /// The optional `@` of `key@=`; sets `resolve_files` for what follows.
    fn at_sign(&mut self) {
        self.resolve_files = self.expect('@', true).is_ok();
    }

    /// A possibly empty run of key characters.
    fn key(&mut self) -> String {
        let start = self.index;
        while self.current().is_some_and(is_key_char) {
            self.index += 1;
        }
        self.input[start..self.index].iter().collect()
    }

    /// values = csv-list / explicit-list / hash-literal; nothing at all is the empty string.
    fn values(&mut self) -> Parsed<Value> {
        match self.current() {
            None => Ok(Value::String(String::new())),
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            Some(_) => self.csv_value(),
        }
    }

    /// `foo=bar` gives "bar", `foo=bar,baz` gives ["bar", "baz"], and in `foo=a,b,c=d` the list
    /// ends before `c`: that value fails to parse as a list element (it is followed by `=`), so
    /// the parser backtracks to the comma before it, which `parameter` then reads as the
    /// separator of the next key.
    fn csv_value(&mut self) -> Parsed<Value> {
        let first = self.first_value()?;
        self.skip_blanks();
        if self.current() != Some(',') {
            return Ok(first);
        }
        self.expect(',', true)?;
        let mut list = vec![first];
        loop {
            match self.next_list_element() {
                Ok((value, more)) => {
                    list.push(value);
                    if !more {
                        break;
                    }
                }
                Err(Fail::Syntax(e)) => {
                    if self.at_eof() {
                        return Err(Fail::Syntax(e));
                    }
                    self.backtrack_to_comma();
                    break;
                }
                Err(fatal) => return Err(fatal),
            }
        }
        if list.len() == 1 {
            return Ok(list.swap_remove(0));
        }
        Ok(Value::Array(list))
    }

    /// One more element of a comma list and whether another follows it.
    fn next_list_element(&mut self) -> Parsed<(Value, bool)> {
        let value = self.second_value()?;
        self.skip_blanks();
        if self.at_eof() {
            return Ok((value, false));
        }
        self.expect(',', true)?;
        Ok((value, true))
    }

    /// Moves back to the nearest comma at or before the current position. This scans raw
    /// characters, so it can land on a comma inside a quoted or `\,`-escaped value; the AWS CLI
    /// does the same, and so does cogtok.
    fn backtrack_to_comma(&mut self) {
        while self.index > 0 && self.input.get(self.index) != Some(&',') {
            self.index -= 1;
        }
    }

    /// explicit-list = "[" [value *("," value)] "]"
    fn explicit_list(&mut self) -> Parsed<Value> {
        self.enter()?;
        self.expect('[', true)?;
        let mut values = Vec::new();
        while self.current() != Some(']') {
            values.push(self.explicit_value()?);
            self.skip_blanks();
            if self.current() != Some(']') {
                self.expect(',', false)?;
                self.skip_blanks();
            }
        }
        self.expect(']', false)?;
        self.depth -= 1;
        Ok(Value::Array(values))
    }

    /// hash-literal = "{" [key "=" value *("," key "=" value)] "}"; a repeated key keeps its
    /// first position and its last value.
    fn hash_literal(&mut self) -> Parsed<Value> {
        self.enter()?;
        self.expect('{', true)?;
        let mut map = Map::new();
        while self.current() != Some('}') {
            let key = self.key();
            self.at_sign();
            self.expect('=', true)?;
            let value = self.explicit_value()?;
            self.skip_blanks();
            if self.current() != Some('}') {
                self.expect(',', false)?;
                self.skip_blanks();
            }
            map.insert(key, value);
        }
        self.expect('}', false)?;
        self.depth -= 1;
        Ok(Value::Object(map))
    }

    /// An element of `[...]` or a value in `{...}`.
    fn explicit_value(&mut self) -> Parsed<Value> {
        match self.current() {
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            _ => self.first_value(),
        }
    }

    /// first-value = bare word / single-quoted / double-quoted; no word at all is "".
    fn first_value(&mut self) -> Parsed<Value> {
        match self.current() {
            Some(q @ ('\'' | '"')) => self.quoted(q),
            _ => match self.bare_word(is_first_follow) {
                Some(word) => self.resolved(word),
                None => Ok(Value::String(String::new())),
            },
        }
    }

    /// Like `first_value`, but a bare word here cannot contain `=` and must not be empty.
    fn second_value(&mut self) -> Parsed<Value> {
        match self.current() {
            Some(q @ ('\'' | '"')) => self.quoted(q),
            _ => match self.bare_word(is_second_follow) {
                Some(word) => self.resolved(word),
                None => Err(Fail::Syntax(self.error("expected a value after ','".to_string()))),
            },
        }
    }

    /// A bare word: a start character then any `follow` characters, where `\,` counts as one
    /// character and stands for a comma. Trailing blanks are consumed but not kept. `None`
    /// (nothing consumed) when no word starts here.
    fn bare_word(&mut self, follow: fn(char) -> bool) -> Option<String> {
        let mut word = String::new();
        let mut i = self.index;
        loop {
            let class = if i == self.index { is_word_start } else { follow };
            match self.input.get(i) {
                Some('\\') if self.input.get(i + 1) == Some(&',') => {
                    word.push(',');
                    i += 2;
                }
                Some(&c) if class(c) => {
                    word.push(c);
                    i += 1;
                }
                _ => break,
            }
        }
        if i == self.index {
            return None;
        }
        self.index = i;
        let kept = word.trim_end_matches(is_py_space).len();
        word.truncate(kept);
        Some(word)
    }

    /// A value between `q` quotes. Inside, `\q` is a quote and `\\` a backslash; any other
    /// backslash stays as written. When no unescaped closing quote follows, the quote of the
    /// last `\q` closes the value instead (so `'a\'` is `a\`), as the AWS CLI's pattern matches
    /// it; with neither, the value is unterminated.
    fn quoted(&mut self, q: char) -> Parsed<Value> {
        let start = self.index + 1;
        let mut last_escaped_quote = None;
        let mut i = start;
        let end = loop {
            match self.input.get(i) {
                Some('\\') if self.input.get(i + 1) == Some(&q) => {
                    last_escaped_quote = Some(i + 1);
                    i += 2;
                }
                Some(&c) if c == q => break i,
                Some(_) => i += 1,
                None => match last_escaped_quote {
                    Some(quote) => break quote,
                    None => {
                        let kind = if q == '\'' { "single" } else { "double" };
                        return Err(Fail::Syntax(self.error(format!("unterminated {kind}-quoted value"))));
                    }
                },
            }
        };
        let raw: String = self.input[start..end].iter().collect();
        self.index = end + 1;
        let unescaped = raw.replace(&format!("\\{q}"), &q.to_string()).replace("\\\\", "\\");
        self.resolved(unescaped)
    }

    /// The value itself, or the contents of the file it names after `key@=`.
    fn resolved(&mut self, value: String) -> Parsed<Value> {
        if !self.resolve_files {
            return Ok(Value::String(value));
        }
        match (self.load)(&value) {
            Ok(Some(contents)) => Ok(Value::String(contents)),
            Ok(None) => Ok(Value::String(value)),
            Err(message) => Err(Fail::Fatal(self.error(message))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A loader for `@=` tests: `file://NAME` is `<NAME contents>`, `file://missing` fails.
    fn fake_files(value: &str) -> Result<Option<String>, String> {
        match value.strip_prefix("file://") {
            Some("missing") => Err("unable to load paramfile file://missing".to_string()),
            Some(name) => Ok(Some(format!("<{name} contents>"))),
            None => Ok(None),
        }
    }

    fn run(input: &str) -> Result<Value, ShorthandError> {
        parse_with(input, &fake_files)
    }

    // Expected values produced by the AWS CLI itself: tools/shorthand_vectors.py feeds each
    // input to awscli.shorthand.ShorthandParser().parse() (awscli 1.45.11) and prints this
    // table; `Ok` holds the result as JSON, `Err` the error's position (the AWS CLI's index)
    // and the message cogtok gives for the AWS CLI's error. Do not edit by hand: add inputs to
    // the script and run `python3 tools/shorthand_vectors.py update`.
    /// An input and the AWS CLI's result: the JSON, or the error's position and message.
    type Vector = (&'static str, Result<&'static str, (usize, &'static str)>);

    #[rustfmt::skip]
    const VECTORS: &[Vector] = &[
        // BEGIN SHORTHAND_VECTORS: output of `python3 tools/shorthand_vectors.py shorthand`
        ("a=b", Ok("{\"a\":\"b\"}")),
        ("a=b,c=d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("Name=email,Value=a@b.c", Ok("{\"Name\":\"email\",\"Value\":\"a@b.c\"}")),
        ("USERNAME=alice,PASSWORD=hunter2", Ok("{\"USERNAME\":\"alice\",\"PASSWORD\":\"hunter2\"}")),
        ("PASSWORD=abc==", Ok("{\"PASSWORD\":\"abc==\"}")),
        ("USERNAME=u,PASSWORD=abc==,SECRET_HASH=q1w2/e3+r4==", Ok("{\"USERNAME\":\"u\",\"PASSWORD\":\"abc==\",\"SECRET_HASH\":\"q1w2/e3+r4==\"}")),
        ("PASSWORD==abc", Err((9, "expected ','"))),
        ("a=b=c=d", Ok("{\"a\":\"b=c=d\"}")),
        ("a==", Err((2, "expected ','"))),
        ("a=b,c", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a=b,c,d", Ok("{\"a\":[\"b\",\"c\",\"d\"]}")),
        ("a=b,c,d=e", Ok("{\"a\":[\"b\",\"c\"],\"d\":\"e\"}")),
        ("a=b,c,d=e,f", Ok("{\"a\":[\"b\",\"c\"],\"d\":[\"e\",\"f\"]}")),
        ("NEW_PASSWORD=p@ss,w0rd", Ok("{\"NEW_PASSWORD\":[\"p@ss\",\"w0rd\"]}")),
        ("a=b=c,d", Ok("{\"a\":[\"b=c\",\"d\"]}")),
        ("a=b,,c=d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("a=b,c=", Ok("{\"a\":\"b\",\"c\":\"\"}")),
        ("a=b,c=,d=e", Ok("{\"a\":\"b\",\"c\":\"\",\"d\":\"e\"}")),
        ("a=", Ok("{\"a\":\"\"}")),
        ("a=,b=c", Ok("{\"a\":\"\",\"b\":\"c\"}")),
        ("a=,", Err((3, "expected a value after ','"))),
        ("a=b,", Err((4, "expected a value after ','"))),
        ("a=b, ", Err((5, "expected a value after ','"))),
        ("=b", Ok("{\"\":\"b\"}")),
        ("a", Err((1, "expected '=' but the value ended"))),
        ("", Err((0, "expected '=' but the value ended"))),
        ("   ", Err((3, "expected '=' but the value ended"))),
        (",", Err((0, "expected '='"))),
        (" a = b ", Err((1, "expected '='"))),
        ("a=b , c=d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("a = b , c = d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("a=b c=d", Ok("{\"a\":\"b c=d\"}")),
        ("a = b c", Ok("{\"a\":\"b c\"}")),
        ("a=b\tc", Ok("{\"a\":\"b\\tc\"}")),
        ("a=b\n,c=d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("a=b,\nc=d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("a=b,c\n", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a= b,c ", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a=b ,c", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a='b,c'", Ok("{\"a\":\"b,c\"}")),
        ("a=\"b,c\"", Ok("{\"a\":\"b,c\"}")),
        ("a='it\\'s'", Ok("{\"a\":\"it's\"}")),
        ("a=\"say \\\"hi\\\"\"", Ok("{\"a\":\"say \\\"hi\\\"\"}")),
        ("a='x\\\\y'", Ok("{\"a\":\"x\\\\y\"}")),
        ("a='x\\y'", Ok("{\"a\":\"x\\\\y\"}")),
        ("a=''", Ok("{\"a\":\"\"}")),
        ("a='',b=\"\"", Ok("{\"a\":\"\",\"b\":\"\"}")),
        ("a='b' ,c='d'", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("a=b,'c'", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a=b,'c',d=e", Ok("{\"a\":[\"b\",\"c\"],\"d\":\"e\"}")),
        ("a='abc", Err((2, "unterminated single-quoted value"))),
        ("a=\"abc", Err((2, "unterminated double-quoted value"))),
        ("a='a\\'", Ok("{\"a\":\"a\\\\\"}")),
        ("a='ab\\'cd\\'ef", Err((11, "expected ','"))),
        ("a=b'c", Err((3, "expected ','"))),
        ("a='b'c", Err((5, "expected ','"))),
        ("a=b,'x", Err((4, "expected '='"))),
        ("a=b,\"x,y\"z=w", Err((8, "expected '='"))),
        ("'a'=b", Err((0, "expected '='"))),
        ("a='p=q,r'", Ok("{\"a\":\"p=q,r\"}")),
        ("a=b\\,c", Ok("{\"a\":\"b,c\"}")),
        ("a=b\\,c,d=e", Ok("{\"a\":\"b,c\",\"d\":\"e\"}")),
        ("a=b,c\\,d", Ok("{\"a\":[\"b\",\"c,d\"]}")),
        ("a=b,c\\,d=e", Ok("{\"a\":\"b\",\"d\":\"e\"}")),
        ("a=\\,", Ok("{\"a\":\",\"}")),
        ("a=\\\\,b", Ok("{\"a\":\"\\\\,b\"}")),
        ("a=b\\c", Ok("{\"a\":\"b\\\\c\"}")),
        ("a=b\\\\,c", Ok("{\"a\":\"b\\\\,c\"}")),
        ("a=b\\", Ok("{\"a\":\"b\\\\\"}")),
        ("a=[b,c]", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a=[]", Ok("{\"a\":[]}")),
        ("a=[,]", Ok("{\"a\":[\"\"]}")),
        ("a=[b,]", Ok("{\"a\":[\"b\"]}")),
        ("a=[ b , c ]", Ok("{\"a\":[\"b\",\"c\"]}")),
        ("a=[b c]", Ok("{\"a\":[\"b c\"]}")),
        ("a=[[b],[c,d]]", Ok("{\"a\":[[\"b\"],[\"c\",\"d\"]]}")),
        ("a=[{b=c},{d=e}]", Ok("{\"a\":[{\"b\":\"c\"},{\"d\":\"e\"}]}")),
        ("a=['x,y',\"z\"]", Ok("{\"a\":[\"x,y\",\"z\"]}")),
        ("a=[b", Err((4, "expected ',' but the value ended"))),
        ("a=[b,c", Err((6, "expected ',' but the value ended"))),
        ("a=[b],c=d", Ok("{\"a\":[\"b\"],\"c\":\"d\"}")),
        ("a=[b]c", Err((5, "expected ','"))),
        ("a=[=]", Err((3, "expected ','"))),
        ("a=b]", Err((3, "expected ','"))),
        ("a= [b]", Ok("{\"a\":[\"b\"]}")),
        ("a={b=c}", Ok("{\"a\":{\"b\":\"c\"}}")),
        ("a={b=c,d=e}", Ok("{\"a\":{\"b\":\"c\",\"d\":\"e\"}}")),
        ("a={}", Ok("{\"a\":{}}")),
        ("a={ b = c , d = e }", Ok("{\"a\":{\"b\":\"c\",\"d\":\"e\"}}")),
        ("a={b=[c,d]}", Ok("{\"a\":{\"b\":[\"c\",\"d\"]}}")),
        ("a={b={c=d}}", Ok("{\"a\":{\"b\":{\"c\":\"d\"}}}")),
        ("a={b=c,b=d}", Ok("{\"a\":{\"b\":\"d\"}}")),
        ("a={b=c", Err((6, "expected ',' but the value ended"))),
        ("a={b}", Err((4, "expected '='"))),
        ("a={b=c d}", Ok("{\"a\":{\"b\":\"c d\"}}")),
        ("a={b=c}d", Err((7, "expected ','"))),
        ("a={=c}", Ok("{\"a\":{\"\":\"c\"}}")),
        ("a={b=c}}", Err((7, "expected ','"))),
        ("a=b,a=c", Err((4, "second instance of key \"a\"; this is often a \",\" where a space should separate two list elements"))),
        ("Name=email,Value=x,Name=phone", Err((19, "second instance of key \"Name\"; this is often a \",\" where a space should separate two list elements"))),
        ("a=b,c=d,a=e", Err((8, "second instance of key \"a\"; this is often a \",\" where a space should separate two list elements"))),
        ("a-b.c#d/e:f_g=h", Ok("{\"a-b.c#d/e:f_g\":\"h\"}")),
        ("a b=c", Err((2, "expected '='"))),
        ("a@=b", Ok("{\"a\":\"b\"}")),
        ("a @ = b", Ok("{\"a\":\"b\"}")),
        ("a@b=c", Err((2, "expected '='"))),
        ("a@", Err((2, "expected '=' but the value ended"))),
        ("a=héllo", Ok("{\"a\":\"héllo\"}")),
        ("a=日本語,b=ü", Ok("{\"a\":\"日本語\",\"b\":\"ü\"}")),
        ("a=😀", Err((2, "expected ','"))),
        ("a='😀'", Ok("{\"a\":\"😀\"}")),
        ("a=b😀", Err((3, "expected ','"))),
        ("a=\u{a0}b", Ok("{\"a\":\"\u{a0}b\"}")),
        ("a=b\u{a0}", Ok("{\"a\":\"b\"}")),
        ("a=b\u{2003},c=d", Ok("{\"a\":\"b\",\"c\":\"d\"}")),
        ("ключ=v", Err((0, "expected '='"))),
        ("a=b\u{1c}", Ok("{\"a\":\"b\"}")),
        ("a=b\u{0}c", Err((3, "expected ','"))),
        ("a=b$c%d&e", Ok("{\"a\":\"b$c%d&e\"}")),
        ("a=~!b", Ok("{\"a\":\"~!b\"}")),
        ("a=}", Ok("{\"a\":\"}\"}")),
        ("a=]", Ok("{\"a\":\"]\"}")),
        ("a=|x", Ok("{\"a\":\"|x\"}")),
        ("a=b{c", Ok("{\"a\":\"b{c\"}")),
        ("a=b[c", Ok("{\"a\":\"b[c\"}")),
        ("a=b}c", Err((3, "expected ','"))),
        ("a=b]c", Err((3, "expected ','"))),
        ("a=<b>", Ok("{\"a\":\"<b>\"}")),
        ("a=b,c]d,e", Ok("{\"a\":[\"b\",\"c]d\",\"e\"]}")),
        ("a=b,c}d", Ok("{\"a\":[\"b\",\"c}d\"]}")),
        ("a=b,[c]", Err((4, "expected '='"))),
        ("USERNAME=bob,PASSWORD=P@ssw0rd!#$%^&*()", Ok("{\"USERNAME\":\"bob\",\"PASSWORD\":\"P@ssw0rd!#$%^&*()\"}")),
        // END SHORTHAND_VECTORS
    ];

    #[test]
    fn matches_the_aws_cli() {
        let mut failures = Vec::new();
        for (input, expected) in VECTORS {
            let got = run(input);
            let ok = match (expected, &got) {
                (Ok(json), Ok(value)) => {
                    serde_json::from_str::<Value>(json).ok().as_ref() == Some(value)
                        && serde_json::to_string(value).ok().as_deref() == Some(*json)
                }
                (Err((position, message)), Err(e)) => e.position == *position && e.message == *message,
                _ => false,
            };
            if !ok {
                failures.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
            }
        }
        crate::testing::assert_no_mismatches(&failures);
    }

    /// Differential check against many random inputs: run
    /// `python3 tools/shorthand_vectors.py fuzz 50000 > /tmp/fuzz.jsonl`, then
    /// `COGTOK_SHORTHAND_FUZZ=/tmp/fuzz.jsonl cargo test shorthand -- --ignored`.
    #[test]
    #[ignore = "needs COGTOK_SHORTHAND_FUZZ, made by tools/shorthand_vectors.py fuzz"]
    fn matches_the_aws_cli_on_random_inputs() {
        let Ok(path) = std::env::var("COGTOK_SHORTHAND_FUZZ") else {
            panic!("set COGTOK_SHORTHAND_FUZZ to the output of shorthand_vectors.py fuzz");
        };
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut failures = Vec::new();
        let mut count = 0;
        for line in text.lines() {
            let case: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            let input = case["input"].as_str().unwrap_or_default();
            let got = run(input);
            count += 1;
            let ok = match (&case["ok"], &got) {
                (Value::String(json), Ok(value)) => serde_json::to_string(value).ok().as_ref() == Some(json),
                (Value::Null, Err(e)) => {
                    case["err"][0].as_u64() == Some(e.position as u64) && case["err"][1].as_str() == Some(&e.message)
                }
                _ => false,
            };
            if !ok {
                failures.push(format!("{input:?}: expected {case}, got {got:?}"));
            }
        }
        assert!(count > 0, "no cases in {path}");
        let shown: Vec<&String> = failures.iter().take(30).collect();
        assert!(failures.is_empty(), "{} of {count} differ:\n{shown:#?}", failures.len());
    }

    #[test]
    fn key_order_is_kept() {
        let value = run("Z=1,a=2,M=3").unwrap_or_default();
        let keys: Vec<&String> = value.as_object().map(|m| m.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["Z", "a", "M"]);
    }

    #[test]
    fn at_equals_reads_files_with_the_quirky_flag() {
        assert_eq!(
            run("a@=file://x,b=file://y").ok(),
            Some(serde_json::json!({"a": "<x contents>", "b": "file://y"}))
        );
        assert_eq!(
            run("a@='file://q'").ok(),
            Some(serde_json::json!({"a": "<q contents>"}))
        );
        // The flag is per parse, not per nesting level: the hash's key resets it.
        assert_eq!(
            run("k@=[file://a,{x=file://b},file://c]").ok(),
            Some(serde_json::json!({"k": ["<a contents>", {"x": "file://b"}, "file://c"]}))
        );
        let err = run("a@=file://missing").err();
        assert_eq!(
            err.map(|e| (e.position, e.message)),
            Some((17, "unable to load paramfile file://missing".to_string()))
        );
        assert_eq!(
            run("a@=file://a,file://b").ok(),
            Some(serde_json::json!({"a": ["<a contents>", "<b contents>"]}))
        );
        assert_eq!(
            run("a@={x=file://a}").ok(),
            Some(serde_json::json!({"a": {"x": "file://a"}}))
        );
        // A file error is not a syntax error: backtracking does not swallow it.
        assert!(run("a@=x,file://missing,c=d").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("a={}", "[".repeat(100_000));
        assert!(run(&deep).is_err_and(|e| e.message.contains("nested too deeply")));
        let ok = format!("a={}{}", "[".repeat(50), "]".repeat(50));
        assert!(run(&ok).is_ok());
    }

    #[test]
    fn errors_never_quote_the_input() {
        for input in [
            "PASSWORD=hunter2'",
            "a=b,PASSWORD=\"hunter2",
            "PASSWORD=hunter2}x",
            "hunter2",
        ] {
            let err = run(input).err();
            assert!(
                err.as_ref().is_some_and(|e| !e.to_string().contains("hunter2")),
                "{input}: {err:?}"
            );
        }
    }

    #[test]
    fn display_is_one_line_with_a_one_based_column() {
        let err = run("a=b]c").err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some("expected ',' (at character 4)".to_string())
        );
    }
}
