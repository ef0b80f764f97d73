//! The lexer: `--query` text into tokens, with the positions that error messages name.

use serde_json::Value;

use super::{QueryError, MAX_TOKENS};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Dot,
    Star,
    RBracket,
    Comma,
    Colon,
    At,
    LParen,
    RParen,
    LBrace,
    RBrace,
    Ident(String),
    QuotedIdent(String),
    Literal(Value),
    Number(i64),
    /// `[]`
    Flatten,
    /// `[?`
    Filter,
    LBracket,
    Pipe,
    Or,
    And,
    /// `&`, only meaningful as a function argument.
    Expref,
    Not,
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    Eof,
}

impl Tok {
    /// The binding powers of Python jmespath's Pratt parser. Everything below 10 ends a
    /// projection, which is what makes `a[*].b | [0]` index the projected list.
    pub(super) fn bp(&self) -> u8 {
        match self {
            Tok::Pipe => 1,
            Tok::Or => 2,
            Tok::And => 3,
            Tok::Eq | Tok::Ne | Tok::Lt | Tok::Lte | Tok::Gt | Tok::Gte => 5,
            Tok::Flatten => 9,
            Tok::Star => 20,
            Tok::Filter => 21,
            Tok::Dot => 40,
            Tok::Not => 45,
            Tok::LBrace => 50,
            Tok::LBracket => 55,
            Tok::LParen => 60,
            _ => 0,
        }
    }

    pub(super) fn describe(&self) -> String {
        let s = match self {
            Tok::Dot => "'.'",
            Tok::Star => "'*'",
            Tok::RBracket => "']'",
            Tok::Comma => "','",
            Tok::Colon => "':'",
            Tok::At => "'@'",
            Tok::LParen => "'('",
            Tok::RParen => "')'",
            Tok::LBrace => "'{'",
            Tok::RBrace => "'}'",
            Tok::Ident(s) | Tok::QuotedIdent(s) => return format!("identifier {}", crate::quote::quoted(s)),
            Tok::Literal(_) => "literal",
            Tok::Number(n) => return format!("number {n}"),
            Tok::Flatten => "'[]'",
            Tok::Filter => "'[?'",
            Tok::LBracket => "'['",
            Tok::Pipe => "'|'",
            Tok::Or => "'||'",
            Tok::And => "'&&'",
            Tok::Expref => "'&'",
            Tok::Not => "'!'",
            Tok::Eq => "'=='",
            Tok::Ne => "'!='",
            Tok::Lt => "'<'",
            Tok::Lte => "'<='",
            Tok::Gt => "'>'",
            Tok::Gte => "'>='",
            Tok::Eof => "end of expression",
        };
        s.to_string()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub(super) tok: Tok,
    /// 0-based character offset, for error messages.
    pub(super) pos: usize,
}

pub(super) fn lex(expr: &str) -> Result<Vec<Token>, QueryError> {
    let cs: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if out.len() >= MAX_TOKENS {
            return Err(QueryError::at(
                i,
                format!("the expression is longer than {MAX_TOKENS} tokens"),
            ));
        }
        let start = i;
        let c = cs[i];
        let next = cs.get(i + 1).copied();
        let simple = match c {
            '.' => Some(Tok::Dot),
            '*' => Some(Tok::Star),
            ']' => Some(Tok::RBracket),
            ',' => Some(Tok::Comma),
            ':' => Some(Tok::Colon),
            '@' => Some(Tok::At),
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            '{' => Some(Tok::LBrace),
            '}' => Some(Tok::RBrace),
            _ => None,
        };
        let tok = if let Some(t) = simple {
            i += 1;
            t
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            Tok::Ident(cs[start..i].iter().collect())
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            i += 1;
            continue;
        } else if c == '[' {
            match next {
                Some(']') => {
                    i += 2;
                    Tok::Flatten
                }
                Some('?') => {
                    i += 2;
                    Tok::Filter
                }
                _ => {
                    i += 1;
                    Tok::LBracket
                }
            }
        } else if c == '\'' {
            // A raw string: only `\'` is unescaped, every other backslash stays as written.
            let body = consume_until(&cs, &mut i, '\'')?;
            Tok::Literal(Value::String(body.replace("\\'", "'")))
        } else if c == '`' {
            let body = consume_until(&cs, &mut i, '`')?.replace("\\`", "`");
            Tok::Literal(json_literal(&body).ok_or_else(|| QueryError::at(start, "invalid JSON literal"))?)
        } else if c == '"' {
            let body = consume_until(&cs, &mut i, '"')?;
            match serde_json::from_str::<String>(&format!("\"{body}\"")) {
                Ok(s) => Tok::QuotedIdent(s),
                Err(_) => return Err(QueryError::at(start, "invalid quoted identifier")),
            }
        } else if c.is_ascii_digit() || (c == '-' && next.is_some_and(|d| d.is_ascii_digit())) {
            i += 1;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            let text: String = cs[start..i].iter().collect();
            // Python's integers are unbounded; saturating keeps an absurd index or slice bound
            // out of range, which is what it would be there too.
            let n = text
                .parse::<i64>()
                .unwrap_or(if c == '-' { i64::MIN } else { i64::MAX });
            Tok::Number(n)
        } else if let Some((one, two, second)) = two_char(c) {
            if next == Some(second) {
                i += 2;
                two
            } else if let Some(t) = one {
                i += 1;
                t
            } else {
                return Err(QueryError::at(start, format!("unknown token {c:?}")));
            }
        } else {
            return Err(QueryError::at(start, format!("unknown token {c:?}")));
        };
        out.push(Token { tok, pos: start });
    }
    out.push(Token {
        tok: Tok::Eof,
        pos: cs.len(),
    });
    Ok(out)
}

/// Operators that may be one or two characters: (the one-character token, if `c` alone is one,
/// the two-character token, its second character).
fn two_char(c: char) -> Option<(Option<Tok>, Tok, char)> {
    Some(match c {
        '|' => (Some(Tok::Pipe), Tok::Or, '|'),
        '&' => (Some(Tok::Expref), Tok::And, '&'),
        '<' => (Some(Tok::Lt), Tok::Lte, '='),
        '>' => (Some(Tok::Gt), Tok::Gte, '='),
        '!' => (Some(Tok::Not), Tok::Ne, '='),
        '=' => (None, Tok::Eq, '='),
        _ => return None,
    })
}

/// Reads from the opening delimiter at `*i` to the closing one. A backslash keeps itself and
/// the character after it (so `\'` does not close a raw string); the callers decide which
/// escapes to undo, exactly as jmespath does.
fn consume_until(cs: &[char], i: &mut usize, delim: char) -> Result<String, QueryError> {
    let start = *i;
    let mut buf = String::new();
    *i += 1;
    loop {
        let Some(&c) = cs.get(*i) else {
            return Err(QueryError::at(start, format!("unclosed {delim} delimiter")));
        };
        if c == delim {
            *i += 1;
            return Ok(buf);
        }
        if c == '\\' {
            buf.push('\\');
            *i += 1;
            let Some(&e) = cs.get(*i) else {
                return Err(QueryError::at(start, format!("unclosed {delim} delimiter")));
            };
            buf.push(e);
        } else {
            buf.push(c);
        }
        *i += 1;
    }
}

/// A `` `...` `` literal is JSON; text that is not JSON is still taken as a string, the
/// deprecated form jmespath keeps accepting (`` `foo` `` is `"foo"`).
fn json_literal(body: &str) -> Option<Value> {
    serde_json::from_str(&int_negative_zero(body))
        .ok()
        .or_else(|| serde_json::from_str(&format!("\"{}\"", body.trim_start())).ok())
}

/// `body` with every integer `-0` outside strings written `0`. serde_json reads `-0` as the float
/// -0.0, which prints as `-0.0`, where Python reads the int 0 and the AWS CLI prints `0`; `-0.0`
/// and `-0e0` are floats in both and stay as they are.
fn int_negative_zero(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains("-0") {
        return body.into();
    }
    let cs: Vec<char> = body.chars().collect();
    let mut out = String::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for (i, &c) in cs.iter().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '-'
            && cs.get(i + 1) == Some(&'0')
            && !cs
                .get(i + 2)
                .is_some_and(|n| n.is_ascii_digit() || matches!(n, '.' | 'e' | 'E'))
        {
            continue;
        }
        out.push(c);
    }
    out.into()
}
