//! `--query`: the JMESPath expressions cogtok understands, parsed once up front and then applied
//! to a response before it is printed.
//!
//! The AWS CLI evaluates `--query` with the Python `jmespath` package (1.x), so this module copies
//! that package's behaviour rather than the letter of the specification wherever the two differ:
//! the same binding powers (which decide where a projection stops), the same lexing of raw
//! strings and literals, Python's equality (`1 == 1.0`, but `true != 1` at the top level), and
//! the same quirk that a slice written straight after an index (`a[0][1:]`) does not start a
//! projection. Everything in the grammar is supported except function calls and the `&`
//! expression references that only functions use; those are rejected when parsing, so `apply`
//! never fails.

use std::cmp::Ordering;
use std::fmt;

use serde_json::{Map, Number, Value};

/// Longest expression we accept, in tokens. Left-associative chains (`a || b || c`, `a[][][]`)
/// are built without recursion while parsing but are evaluated and dropped recursively, so the
/// token count bounds the tree depth and with it the stack used later.
const MAX_TOKENS: usize = 512;

/// Deepest recursion of the parser itself (`!!!!a`, nested brackets and projections).
const MAX_NESTING: usize = 100;

/// A parsed `--query` expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Query {
    root: Node,
}

/// Why a `--query` expression was rejected. `Display` is one lowercase line naming the column
/// (1-based, counted in characters) where the problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryError {
    column: usize,
    message: String,
}

impl QueryError {
    fn at(pos: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column: pos + 1,
            message: message.into(),
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid --query expression at column {}: {}",
            self.column, self.message
        )
    }
}

impl std::error::Error for QueryError {}

/// Parses `expr` into a [`Query`], or says where and why it is not a valid expression.
pub(crate) fn parse(expr: &str) -> Result<Query, QueryError> {
    if expr.is_empty() {
        return Err(QueryError::at(0, "the expression is empty"));
    }
    let toks = lex(expr)?;
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
    };
    let root = p.expression(0)?;
    let t = p.peek(0);
    if t.tok != Tok::Eof {
        return Err(QueryError::at(
            t.pos,
            format!("unexpected {}", t.tok.describe()),
        ));
    }
    Ok(Query { root })
}

impl Query {
    /// Evaluates the expression against `v`. Anything that does not match (a missing key, an
    /// index past the end, a projection over a non-list) gives `null`, as JMESPath does.
    pub(crate) fn apply(&self, v: &Value) -> Value {
        eval(&self.root, v)
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
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
    fn bp(&self) -> u8 {
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

    fn describe(&self) -> String {
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
            Tok::Ident(s) | Tok::QuotedIdent(s) => return format!("identifier {s:?}"),
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
struct Token {
    tok: Tok,
    /// 0-based character offset, for error messages.
    pos: usize,
}

fn lex(expr: &str) -> Result<Vec<Token>, QueryError> {
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
        let tok =
            if let Some(t) = simple {
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
                Tok::Literal(json_literal(&body).ok_or_else(|| {
                    QueryError::at(start, format!("invalid JSON literal `{body}`"))
                })?)
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
                    return Err(QueryError::at(start, format!("unknown token '{c}'")));
                }
            } else {
                return Err(QueryError::at(start, format!("unknown token '{c}'")));
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
    serde_json::from_str(body)
        .ok()
        .or_else(|| serde_json::from_str(&format!("\"{}\"", body.trim_start())).ok())
}

// ---------------------------------------------------------------------------------------------
// Parser

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// The current value (`@`, and the implicit left side of `[*]`, `[?...]`, `*`).
    Identity,
    Field(String),
    Literal(Value),
    /// Evaluate each in turn, feeding one's result to the next: `a.b`, `a | b`.
    Chain(Vec<Node>),
    /// The same evaluation as `Chain`, kept apart because jmespath appends a slice to an
    /// existing index expression (`a[0][1:]`) instead of projecting over it.
    IndexExpr(Vec<Node>),
    Index(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// `left[*]rhs`, `left[]rhs`, slices: rhs over each element of a list, nulls dropped.
    Projection(Box<Node>, Box<Node>),
    /// `left.*rhs`: rhs over each value of an object, nulls dropped.
    ValueProjection(Box<Node>, Box<Node>),
    /// `left[?cond]rhs`
    Filter(Box<Node>, Box<Node>, Box<Node>),
    Flatten(Box<Node>),
    Compare(Cmp, Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Not(Box<Node>),
    MultiList(Vec<Node>),
    MultiHash(Vec<(String, Node)>),
}

/// Appends `right` to a chain so that `a.b.c.d` stays flat (and shallow) rather than nesting.
fn chain(left: Node, right: Node) -> Node {
    match left {
        Node::Chain(mut v) => {
            v.push(right);
            Node::Chain(v)
        }
        left => Node::Chain(vec![left, right]),
    }
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self, n: usize) -> &Token {
        // The lexer always ends the list with Eof; reading past it keeps answering Eof.
        let last = self.toks.len().saturating_sub(1);
        &self.toks[(self.i + n).min(last)]
    }

    fn cur(&self) -> &Tok {
        &self.peek(0).tok
    }

    fn advance(&mut self) -> Token {
        let t = self.peek(0).clone();
        self.i += 1;
        t
    }

    fn unexpected(&self, expected: &str) -> QueryError {
        let t = self.peek(0);
        if t.tok == Tok::Eof {
            QueryError::at(t.pos, format!("incomplete expression, expected {expected}"))
        } else {
            QueryError::at(
                t.pos,
                format!("expected {expected}, found {}", t.tok.describe()),
            )
        }
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<(), QueryError> {
        if *self.cur() == tok {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn expression(&mut self, rbp: u8) -> Result<Node, QueryError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(QueryError::at(
                self.peek(0).pos,
                "the expression is nested too deeply",
            ));
        }
        let t = self.advance();
        let mut left = self.nud(t)?;
        while rbp < self.cur().bp() {
            let t = self.advance();
            left = self.led(t, left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    /// A token at the start of an expression.
    fn nud(&mut self, t: Token) -> Result<Node, QueryError> {
        match t.tok {
            Tok::Literal(v) => Ok(Node::Literal(v)),
            Tok::Ident(s) => Ok(Node::Field(s)),
            Tok::QuotedIdent(s) => {
                if *self.cur() == Tok::LParen {
                    return Err(QueryError::at(
                        self.peek(0).pos,
                        "function calls are not supported",
                    ));
                }
                Ok(Node::Field(s))
            }
            Tok::Star => {
                let right = if *self.cur() == Tok::RBracket {
                    Node::Identity
                } else {
                    self.projection_rhs(Tok::Star.bp())?
                };
                Ok(Node::ValueProjection(
                    Box::new(Node::Identity),
                    Box::new(right),
                ))
            }
            Tok::Filter => self.filter(Node::Identity),
            Tok::LBrace => self.multi_hash(),
            Tok::LParen => {
                let e = self.expression(0)?;
                self.expect(Tok::RParen, "')'")?;
                Ok(e)
            }
            Tok::Flatten => {
                let left = Node::Flatten(Box::new(Node::Identity));
                let right = self.projection_rhs(Tok::Flatten.bp())?;
                Ok(Node::Projection(Box::new(left), Box::new(right)))
            }
            Tok::Not => Ok(Node::Not(Box::new(self.expression(Tok::Not.bp())?))),
            Tok::LBracket => {
                if matches!(self.cur(), Tok::Number(_) | Tok::Colon) {
                    let right = self.index()?;
                    self.project_if_slice(Node::Identity, right)
                } else if *self.cur() == Tok::Star && self.peek(1).tok == Tok::RBracket {
                    self.i += 2;
                    let right = self.projection_rhs(Tok::Star.bp())?;
                    Ok(Node::Projection(Box::new(Node::Identity), Box::new(right)))
                } else {
                    self.multi_list()
                }
            }
            Tok::At => Ok(Node::Identity),
            Tok::Expref => Err(QueryError::at(
                t.pos,
                "expression references ('&') belong to function calls, which are not supported",
            )),
            Tok::Eof => Err(QueryError::at(t.pos, "incomplete expression")),
            other => Err(QueryError::at(
                t.pos,
                format!("unexpected {}", other.describe()),
            )),
        }
    }

    /// A token that continues the expression `left`.
    fn led(&mut self, t: Token, left: Node) -> Result<Node, QueryError> {
        match t.tok {
            Tok::Dot => {
                if *self.cur() == Tok::Star {
                    self.i += 1;
                    let right = self.projection_rhs(Tok::Dot.bp())?;
                    Ok(Node::ValueProjection(Box::new(left), Box::new(right)))
                } else {
                    let right = self.dot_rhs(Tok::Dot.bp())?;
                    Ok(chain(left, right))
                }
            }
            Tok::Pipe => {
                let right = self.expression(Tok::Pipe.bp())?;
                Ok(chain(left, right))
            }
            Tok::Or => Ok(Node::Or(
                Box::new(left),
                Box::new(self.expression(Tok::Or.bp())?),
            )),
            Tok::And => Ok(Node::And(
                Box::new(left),
                Box::new(self.expression(Tok::And.bp())?),
            )),
            Tok::Filter => self.filter(left),
            Tok::Eq | Tok::Ne | Tok::Lt | Tok::Lte | Tok::Gt | Tok::Gte => {
                let op = match t.tok {
                    Tok::Eq => Cmp::Eq,
                    Tok::Ne => Cmp::Ne,
                    Tok::Lt => Cmp::Lt,
                    Tok::Lte => Cmp::Lte,
                    Tok::Gt => Cmp::Gt,
                    _ => Cmp::Gte,
                };
                let right = self.expression(Tok::Eq.bp())?;
                Ok(Node::Compare(op, Box::new(left), Box::new(right)))
            }
            Tok::Flatten => {
                let left = Node::Flatten(Box::new(left));
                let right = self.projection_rhs(Tok::Flatten.bp())?;
                Ok(Node::Projection(Box::new(left), Box::new(right)))
            }
            Tok::LBracket => {
                if matches!(self.cur(), Tok::Number(_) | Tok::Colon) {
                    let right = self.index()?;
                    match left {
                        Node::IndexExpr(mut v) => {
                            v.push(right);
                            Ok(Node::IndexExpr(v))
                        }
                        left => self.project_if_slice(left, right),
                    }
                } else {
                    self.expect(Tok::Star, "a number, ':' or '*' after '['")?;
                    self.expect(Tok::RBracket, "']'")?;
                    let right = self.projection_rhs(Tok::Star.bp())?;
                    Ok(Node::Projection(Box::new(left), Box::new(right)))
                }
            }
            Tok::LParen => Err(QueryError::at(t.pos, "function calls are not supported")),
            other => Err(QueryError::at(
                t.pos,
                format!("unexpected {}", other.describe()),
            )),
        }
    }

    /// `[n]`, or a slice `[start:stop:step]`, after the `[`.
    fn index(&mut self) -> Result<Node, QueryError> {
        if *self.cur() == Tok::Colon || self.peek(1).tok == Tok::Colon {
            return self.slice();
        }
        let t = self.advance();
        let Tok::Number(n) = t.tok else {
            return Err(QueryError::at(t.pos, "expected a number"));
        };
        self.expect(Tok::RBracket, "']'")?;
        Ok(Node::Index(n))
    }

    fn slice(&mut self) -> Result<Node, QueryError> {
        let mut parts = [None, None, None];
        let mut k = 0;
        while *self.cur() != Tok::RBracket {
            let t = self.peek(0).clone();
            match t.tok {
                Tok::Colon => {
                    k += 1;
                    if k == 3 {
                        return Err(QueryError::at(t.pos, "a slice has at most three parts"));
                    }
                }
                // jmespath keeps the last number written in a part (`[:1 2]` is `[:2]`).
                Tok::Number(n) => parts[k] = Some(n),
                _ => return Err(self.unexpected("a number, ':' or ']' in a slice")),
            }
            self.i += 1;
        }
        self.expect(Tok::RBracket, "']'")?;
        if parts[2] == Some(0) {
            // Python raises at evaluation time; refusing now keeps `apply` infallible.
            return Err(QueryError::at(
                self.peek(0).pos.saturating_sub(1),
                "slice step cannot be zero",
            ));
        }
        Ok(Node::Slice(parts[0], parts[1], parts[2]))
    }

    fn project_if_slice(&mut self, left: Node, right: Node) -> Result<Node, QueryError> {
        let is_slice = matches!(right, Node::Slice(..));
        let idx = Node::IndexExpr(vec![left, right]);
        if is_slice {
            let rhs = self.projection_rhs(Tok::Star.bp())?;
            Ok(Node::Projection(Box::new(idx), Box::new(rhs)))
        } else {
            Ok(idx)
        }
    }

    fn filter(&mut self, left: Node) -> Result<Node, QueryError> {
        let cond = self.expression(0)?;
        self.expect(Tok::RBracket, "']' to close the filter")?;
        let right = if *self.cur() == Tok::Flatten {
            Node::Identity
        } else {
            self.projection_rhs(Tok::Filter.bp())?
        };
        Ok(Node::Filter(
            Box::new(left),
            Box::new(right),
            Box::new(cond),
        ))
    }

    /// What follows a projection: nothing (a token that stops it), an index or filter, or a
    /// `.` sub-expression.
    fn projection_rhs(&mut self, rbp: u8) -> Result<Node, QueryError> {
        match self.cur() {
            t if t.bp() < 10 => Ok(Node::Identity),
            Tok::LBracket | Tok::Filter => self.expression(rbp),
            Tok::Dot => {
                self.i += 1;
                self.dot_rhs(rbp)
            }
            _ => Err(self.unexpected("'.', '[' or '[?' after a projection")),
        }
    }

    fn dot_rhs(&mut self, rbp: u8) -> Result<Node, QueryError> {
        match self.cur() {
            Tok::Ident(_) | Tok::QuotedIdent(_) | Tok::Star => self.expression(rbp),
            Tok::LBracket => {
                self.i += 1;
                self.multi_list()
            }
            Tok::LBrace => {
                self.i += 1;
                self.multi_hash()
            }
            _ => Err(self.unexpected("an identifier, '*', '[' or '{' after '.'")),
        }
    }

    fn multi_list(&mut self) -> Result<Node, QueryError> {
        let mut items = Vec::new();
        loop {
            items.push(self.expression(0)?);
            if *self.cur() == Tok::RBracket {
                break;
            }
            self.expect(Tok::Comma, "',' or ']'")?;
        }
        self.i += 1;
        Ok(Node::MultiList(items))
    }

    fn multi_hash(&mut self) -> Result<Node, QueryError> {
        let mut pairs = Vec::new();
        loop {
            let key = match self.cur() {
                Tok::Ident(s) | Tok::QuotedIdent(s) => s.clone(),
                _ => return Err(self.unexpected("a key name")),
            };
            self.i += 1;
            self.expect(Tok::Colon, "':'")?;
            let value = self.expression(0)?;
            pairs.push((key, value));
            match self.cur() {
                Tok::Comma => self.i += 1,
                Tok::RBrace => {
                    self.i += 1;
                    return Ok(Node::MultiHash(pairs));
                }
                // jmespath loops back to read a key here, which then reports the error.
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

fn eval(node: &Node, v: &Value) -> Value {
    match node {
        Node::Identity => v.clone(),
        Node::Field(k) => v.get(k.as_str()).cloned().unwrap_or(Value::Null),
        Node::Literal(lit) => lit.clone(),
        Node::Chain(nodes) | Node::IndexExpr(nodes) => {
            let mut cur = v.clone();
            for n in nodes {
                cur = eval(n, &cur);
            }
            cur
        }
        Node::Index(i) => match v {
            Value::Array(a) => {
                let len = a.len() as i64;
                let i = if *i < 0 { i.saturating_add(len) } else { *i };
                usize::try_from(i)
                    .ok()
                    .and_then(|i| a.get(i))
                    .cloned()
                    .unwrap_or(Value::Null)
            }
            _ => Value::Null,
        },
        Node::Slice(start, stop, step) => match v {
            Value::Array(a) => Value::Array(slice(a, *start, *stop, *step)),
            _ => Value::Null,
        },
        Node::Projection(left, right) => match eval(left, v) {
            Value::Array(a) => project(a.iter(), right),
            _ => Value::Null,
        },
        Node::ValueProjection(left, right) => match eval(left, v) {
            Value::Object(m) => project(m.values(), right),
            _ => Value::Null,
        },
        Node::Filter(left, right, cond) => match eval(left, v) {
            Value::Array(a) => project(a.iter().filter(|e| is_true(&eval(cond, e))), right),
            _ => Value::Null,
        },
        Node::Flatten(inner) => match eval(inner, v) {
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for e in a {
                    match e {
                        Value::Array(inner) => out.extend(inner),
                        other => out.push(other),
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Node::Compare(op, l, r) => compare(*op, &eval(l, v), &eval(r, v)),
        Node::Or(l, r) => {
            let left = eval(l, v);
            if is_true(&left) {
                left
            } else {
                eval(r, v)
            }
        }
        Node::And(l, r) => {
            let left = eval(l, v);
            if is_true(&left) {
                eval(r, v)
            } else {
                left
            }
        }
        // Numbers are always true, so `!0` is false; everything else follows truthiness.
        Node::Not(inner) => Value::Bool(!is_true(&eval(inner, v))),
        Node::MultiList(items) => {
            if v.is_null() {
                return Value::Null;
            }
            Value::Array(items.iter().map(|n| eval(n, v)).collect())
        }
        Node::MultiHash(pairs) => {
            if v.is_null() {
                return Value::Null;
            }
            let mut m = Map::new();
            for (k, n) in pairs {
                m.insert(k.clone(), eval(n, v));
            }
            Value::Object(m)
        }
    }
}

fn project<'a>(items: impl Iterator<Item = &'a Value>, right: &Node) -> Value {
    Value::Array(
        items
            .map(|e| eval(right, e))
            .filter(|r| !r.is_null())
            .collect(),
    )
}

/// Python's `list[start:stop:step]`, including negative bounds and steps.
fn slice(a: &[Value], start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Vec<Value> {
    let len = a.len() as i64;
    let step = step.unwrap_or(1);
    // Bounds are clamped the way CPython's PySlice_AdjustIndices does.
    let adjust = |x: i64, lo: i64, hi: i64| {
        let x = if x < 0 { x.saturating_add(len) } else { x };
        x.clamp(lo, hi)
    };
    let mut out = Vec::new();
    if step > 0 {
        let mut i = start.map_or(0, |s| adjust(s, 0, len));
        let stop = stop.map_or(len, |s| adjust(s, 0, len));
        while i < stop {
            if let Some(e) = usize::try_from(i).ok().and_then(|i| a.get(i)) {
                out.push(e.clone());
            }
            i = i.saturating_add(step);
        }
    } else if step < 0 {
        let mut i = start.map_or(len - 1, |s| adjust(s, -1, len - 1));
        let stop = stop.map_or(-1, |s| adjust(s, -1, len - 1));
        while i > stop {
            if let Some(e) = usize::try_from(i).ok().and_then(|i| a.get(i)) {
                out.push(e.clone());
            }
            i = i.saturating_add(step);
        }
    }
    out
}

/// JMESPath truthiness: false, null, "", [] and {} are false; every number is true.
fn is_true(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
        Value::Number(_) => true,
    }
}

fn compare(op: Cmp, l: &Value, r: &Value) -> Value {
    match op {
        Cmp::Eq => Value::Bool(jmes_eq(l, r)),
        Cmp::Ne => Value::Bool(!jmes_eq(l, r)),
        _ => {
            // Ordering is defined for two numbers or two strings; anything else is null.
            // (Python raises a TypeError for a number against a string; null is our answer.)
            let ord = match (l, r) {
                (Value::Number(a), Value::Number(b)) => num_cmp(a, b),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                _ => None,
            };
            match ord {
                None => Value::Null,
                Some(o) => Value::Bool(match op {
                    Cmp::Lt => o == Ordering::Less,
                    Cmp::Lte => o != Ordering::Greater,
                    Cmp::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                }),
            }
        }
    }
}

/// jmespath's `==`: Python equality, except that a boolean never equals a number at the top
/// level (Python alone would say `true == 1`).
fn jmes_eq(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Bool(_), Value::Number(_)) | (Value::Number(_), Value::Bool(_)) => false,
        _ => py_eq(l, r),
    }
}

/// Python's `==` on parsed JSON: numbers by value whatever their type, `True == 1` inside
/// containers, objects regardless of key order.
fn py_eq(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => num_cmp(a, b) == Some(Ordering::Equal),
        (Value::Bool(b), Value::Number(n)) | (Value::Number(n), Value::Bool(b)) => {
            num_cmp(n, &Number::from(u8::from(*b))) == Some(Ordering::Equal)
        }
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| py_eq(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| py_eq(x, y)))
        }
        _ => false,
    }
}

/// Compares two JSON numbers exactly, as Python compares ints and floats.
fn num_cmp(a: &Number, b: &Number) -> Option<Ordering> {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        (Some(x), None) => int_float_cmp(x, b.as_f64()?),
        (None, Some(y)) => int_float_cmp(y, a.as_f64()?).map(Ordering::reverse),
        (None, None) => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

fn as_int(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

fn int_float_cmp(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // Every i128 we can hold (from i64/u64) lies well inside ±1e20, so a float beyond that
    // decides by its sign; within it, floor(f) converts to i128 exactly.
    if f > 1e20 {
        return Some(Ordering::Less);
    }
    if f < -1e20 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    Some(match i.cmp(&(fl as i128)) {
        Ordering::Equal if f != fl => Ordering::Less,
        o => o,
    })
}
