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

/// Longest expression we accept, in tokens: far beyond any real query, and it bounds the size
/// of the tree built before [`MAX_NESTING`] is checked.
const MAX_TOKENS: usize = 512;

/// Deepest nesting we accept, both for the parser's own recursion (`!!!!a`, brackets inside
/// brackets) and for the finished tree, which evaluation walks recursively. Left-associative
/// chains (`a || b || c`, `a[][][]`) are built by a loop, so only the tree check sees them.
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
    let mut p = Parser { toks, i: 0, depth: 0 };
    let root = p.expression(0)?;
    let t = p.peek(0);
    if t.tok != Tok::Eof {
        return Err(QueryError::at(t.pos, format!("unexpected {}", t.tok.describe())));
    }
    if depth(&root) > MAX_NESTING {
        return Err(QueryError::at(0, "the expression is nested too deeply"));
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

/// The depth of the tree, found with an explicit stack so that measuring a deep tree cannot
/// itself exhaust the call stack.
fn depth(root: &Node) -> usize {
    let mut max = 0;
    let mut stack = vec![(root, 1)];
    while let Some((n, d)) = stack.pop() {
        max = max.max(d);
        match n {
            Node::Identity | Node::Field(_) | Node::Literal(_) | Node::Index(_) | Node::Slice(..) => {}
            Node::Chain(v) | Node::IndexExpr(v) | Node::MultiList(v) => stack.extend(v.iter().map(|c| (c, d + 1))),
            Node::MultiHash(v) => stack.extend(v.iter().map(|(_, c)| (c, d + 1))),
            Node::Flatten(a) | Node::Not(a) => stack.push((a, d + 1)),
            Node::Projection(a, b)
            | Node::ValueProjection(a, b)
            | Node::Compare(_, a, b)
            | Node::Or(a, b)
            | Node::And(a, b) => stack.extend([(&**a, d + 1), (&**b, d + 1)]),
            Node::Filter(a, b, c) => stack.extend([(&**a, d + 1), (&**b, d + 1), (&**c, d + 1)]),
        }
    }
    max
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
            QueryError::at(t.pos, format!("expected {expected}, found {}", t.tok.describe()))
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
            return Err(QueryError::at(self.peek(0).pos, "the expression is nested too deeply"));
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
                    return Err(QueryError::at(self.peek(0).pos, "function calls are not supported"));
                }
                Ok(Node::Field(s))
            }
            Tok::Star => {
                let right = if *self.cur() == Tok::RBracket {
                    Node::Identity
                } else {
                    self.projection_rhs(Tok::Star.bp())?
                };
                Ok(Node::ValueProjection(Box::new(Node::Identity), Box::new(right)))
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
            other => Err(QueryError::at(t.pos, format!("unexpected {}", other.describe()))),
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
            Tok::Or => Ok(Node::Or(Box::new(left), Box::new(self.expression(Tok::Or.bp())?))),
            Tok::And => Ok(Node::And(Box::new(left), Box::new(self.expression(Tok::And.bp())?))),
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
            other => Err(QueryError::at(t.pos, format!("unexpected {}", other.describe()))),
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
        Ok(Node::Filter(Box::new(left), Box::new(right), Box::new(cond)))
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
            // The first step reads `v` in place, so `a.b` never copies the whole document.
            let Some((first, rest)) = nodes.split_first() else {
                return v.clone();
            };
            let mut cur = eval(first, v);
            for n in rest {
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
    Value::Array(items.map(|e| eval(right, e)).filter(|r| !r.is_null()).collect())
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
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| py_eq(x, y)),
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
    n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
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

#[cfg(test)]
mod tests {
    use super::*;

    // The tables between the markers are written by `python3 tools/output_vectors.py`, which
    // runs each expression through `jmespath.compile(expr).search(doc)`, the AWS CLI's own
    // `--query` engine, and records the result (None where compiling fails). Edit the script,
    // not the tables.
    // BEGIN GENERATED by tools/output_vectors.py from the AWS CLI and jmespath; do not edit.
    const DOCS: &[(&str, &str)] = &[
        ("challenge", "{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"AYABeFAKEsession-123==\",\"ChallengeParameters\":{\"USER_ID_FOR_SRP\":\"alice\",\"requiredAttributes\":\"[\\\"userAttributes.name\\\"]\",\"userAttributes\":\"{\\\"email_verified\\\":\\\"true\\\",\\\"email\\\":\\\"alice@example.com\\\"}\"}}"),
        ("auth", "{\"ChallengeParameters\":{},\"AuthenticationResult\":{\"AccessToken\":\"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\",\"RefreshToken\":\"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\"IdToken\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"}}"),
        ("get_user", "{\"Username\":\"alice\",\"UserAttributes\":[{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"},{\"Name\":\"name\",\"Value\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"Name\":\"custom:note\",\"Value\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}],\"UserCreateDate\":1732724400.123,\"UserLastModifiedDate\":1732724460.0,\"Enabled\":true,\"UserStatus\":\"CONFIRMED\",\"MFAOptions\":[],\"PreferredMfaSetting\":\"SOFTWARE_TOKEN_MFA\",\"UserMFASettingList\":[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]}"),
        ("create_user", "{\"User\":{\"Username\":\"bob\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"0f0e0d0c-1111-4222-8333-444455556666\"},{\"Name\":\"email\",\"Value\":\"bob@example.com\"}],\"UserCreateDate\":1700000000,\"UserLastModifiedDate\":1700000000.5,\"Enabled\":true,\"UserStatus\":\"FORCE_CHANGE_PASSWORD\",\"MFAOptions\":[{\"DeliveryMedium\":\"SMS\",\"AttributeName\":\"phone_number\"}]}}"),
        ("list_users", "{\"Users\":[{\"Username\":\"u1\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u1@example.com\"},{\"Name\":\"phone_number\",\"Value\":\"+15550100\"}],\"Enabled\":true,\"UserStatus\":\"CONFIRMED\"},{\"Username\":\"u2\",\"Attributes\":[],\"Enabled\":false,\"UserStatus\":\"UNCONFIRMED\"},{\"Username\":\"u3\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"u3@example.com\"}],\"Enabled\":true}],\"PaginationToken\":null}"),
        ("misc", "{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}"),
    ];
    /// (document, expression, result as compact JSON or None when jmespath rejects it)
    const VECTORS: &[(&str, &str, Option<&str>)] = &[
        ("auth", "AuthenticationResult.IdToken", Some("\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"")),
        ("auth", "AuthenticationResult", Some("{\"AccessToken\":\"eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\",\"RefreshToken\":\"eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ\",\"IdToken\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\"}")),
        ("auth", "AuthenticationResult.ExpiresIn", Some("3600")),
        ("auth", "ChallengeParameters", Some("{}")),
        ("auth", "Missing.Key", Some("null")),
        ("auth", "AuthenticationResult.IdToken.Nope", Some("null")),
        ("challenge", "ChallengeParameters.USER_ID_FOR_SRP", Some("\"alice\"")),
        ("challenge", "ChallengeName", Some("\"NEW_PASSWORD_REQUIRED\"")),
        ("challenge", "\"ChallengeName\"", Some("\"NEW_PASSWORD_REQUIRED\"")),
        ("misc", "\"a-b\"", Some("\"dash\"")),
        ("misc", "a.b.c", Some("1")),
        ("misc", "a . b . c", Some("1")),
        ("misc", "a.\"b\".c", Some("1")),
        ("misc", "\"\\u00fcn\\u00ef\"", Some("\"unicode key\"")),
        ("misc", "\"ünï\"", Some("\"unicode key\"")),
        ("misc", "\"q'uote\"", Some("\"apostrophe\"")),
        ("misc", "@", Some("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}")),
        ("misc", "a.@", None),
        ("get_user", "UserAttributes[0]", Some("{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"}")),
        ("get_user", "UserAttributes[-1].Value", Some("\"line1\\nline2\\u0001\u{7f}\u{2028}end\"")),
        ("get_user", "UserAttributes[10]", Some("null")),
        ("get_user", "UserAttributes[-10]", Some("null")),
        ("misc", "list[1:3]", Some("[1,2]")),
        ("misc", "list[::2]", Some("[0,2,4]")),
        ("misc", "list[::-1]", Some("[5,4,3,2,1,0]")),
        ("misc", "list[-2:]", Some("[4,5]")),
        ("misc", "list[5:1:-2]", Some("[5,3]")),
        ("misc", "list[:1 2]", Some("[0,1]")),
        ("misc", "list[100:]", Some("[]")),
        ("misc", "a[0]", Some("null")),
        ("misc", "nested[0][1]", Some("2")),
        ("misc", "nested[1][1][0]", Some("4")),
        ("misc", "objs[0:2].k", Some("[\"x\",\"y\"]")),
        ("misc", "objs[0][0:2]", Some("null")),
        ("misc", "[0]", Some("null")),
        ("misc", "list[0:6:0]", None),
        ("get_user", "UserAttributes[*].Name", Some("[\"sub\",\"email_verified\",\"email\",\"name\",\"custom:note\"]")),
        ("get_user", "UserAttributes[*].[Name, Value]", Some("[[\"sub\",\"7a1b2c3d-0000-4000-8000-123456789abc\"],[\"email_verified\",\"true\"],[\"email\",\"alice@example.com\"],[\"name\",\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"],[\"custom:note\",\"line1\\nline2\\u0001\u{7f}\u{2028}end\"]]")),
        ("get_user", "UserAttributes[*].{N: Name, V: Value}", Some("[{\"N\":\"sub\",\"V\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"N\":\"email_verified\",\"V\":\"true\"},{\"N\":\"email\",\"V\":\"alice@example.com\"},{\"N\":\"name\",\"V\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"N\":\"custom:note\",\"V\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}]")),
        ("get_user", "UserAttributes[*]", Some("[{\"Name\":\"sub\",\"Value\":\"7a1b2c3d-0000-4000-8000-123456789abc\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},{\"Name\":\"email\",\"Value\":\"alice@example.com\"},{\"Name\":\"name\",\"Value\":\"Zoë \\\"Z\\\" Ünïcødé\\ttab\"},{\"Name\":\"custom:note\",\"Value\":\"line1\\nline2\\u0001\u{7f}\u{2028}end\"}]")),
        ("get_user", "UserAttributes[*].Name | [0]", Some("\"sub\"")),
        ("get_user", "UserAttributes[*].Name[0]", Some("[]")),
        ("misc", "map.*", Some("[{\"v\":1},{\"v\":2},{}]")),
        ("misc", "map.*.v", Some("[1,2]")),
        ("misc", "objs[*].t", Some("[[\"p\",\"q\"],[\"r\"],[]]")),
        ("misc", "objs[*].t[]", Some("[\"p\",\"q\",\"r\"]")),
        ("misc", "objs[*].t[0]", Some("[\"p\",\"r\"]")),
        ("misc", "objs[*].n", Some("[1,2.5]")),
        ("misc", "objs[*].missing", Some("[]")),
        ("misc", "str[*]", Some("null")),
        ("misc", "a.*", Some("[{\"c\":1}]")),
        ("misc", "*.c", Some("[]")),
        ("misc", "a.*.c", Some("[1]")),
        ("list_users", "Users[*].Attributes[*].Value", Some("[[\"u1@example.com\",\"+15550100\"],[],[\"u3@example.com\"]]")),
        ("list_users", "Users[].Username", Some("[\"u1\",\"u2\",\"u3\"]")),
        ("list_users", "Users[*].Attributes[?Name=='email'].Value[]", Some("[\"u1@example.com\",\"u3@example.com\"]")),
        ("list_users", "Users[*].Attributes[?Name=='email'].Value | []", Some("[\"u1@example.com\",\"u3@example.com\"]")),
        ("list_users", "Users[*].[Username, UserStatus]", Some("[[\"u1\",\"CONFIRMED\"],[\"u2\",\"UNCONFIRMED\"],[\"u3\",null]]")),
        ("create_user", "User.Attributes[?Name=='email'].Value | [0]", Some("\"bob@example.com\"")),
        ("create_user", "User.MFAOptions[0].DeliveryMedium", Some("\"SMS\"")),
        ("create_user", "User.[Username, UserStatus, Enabled]", Some("[\"bob\",\"FORCE_CHANGE_PASSWORD\",true]")),
        ("create_user", "User.{name: Username, created: UserCreateDate}", Some("{\"name\":\"bob\",\"created\":1700000000}")),
        ("challenge", "ChallengeParameters.*", Some("[\"alice\",\"[\\\"userAttributes.name\\\"]\",\"{\\\"email_verified\\\":\\\"true\\\",\\\"email\\\":\\\"alice@example.com\\\"}\"]")),
        ("challenge", "[ChallengeName, Session]", Some("[\"NEW_PASSWORD_REQUIRED\",\"AYABeFAKEsession-123==\"]")),
        ("challenge", "ChallengeName == 'NEW_PASSWORD_REQUIRED' && Session", Some("\"AYABeFAKEsession-123==\"")),
        ("get_user", "UserMFASettingList[?@ == 'SMS_MFA'] | [0]", Some("\"SMS_MFA\"")),
        ("get_user", "MFAOptions[0]", Some("null")),
        ("get_user", "MFAOptions[*].AttributeName", Some("[]")),
        ("misc", "nested[]", Some("[1,2,3,[4],5]")),
        ("misc", "nested[][]", Some("[1,2,3,4,5]")),
        ("misc", "[]", Some("null")),
        ("misc", "nested | []", Some("[1,2,3,[4],5]")),
        ("misc", "a[]", Some("null")),
        ("get_user", "UserAttributes[?Name=='email'].Value | [0]", Some("\"alice@example.com\"")),
        ("get_user", "UserAttributes[?Name=='email'].Value", Some("[\"alice@example.com\"]")),
        ("get_user", "UserAttributes[?Name == `\"email\"`].Value", Some("[\"alice@example.com\"]")),
        ("get_user", "UserAttributes[?Name != 'email'].Name", Some("[\"sub\",\"email_verified\",\"name\",\"custom:note\"]")),
        ("get_user", "UserAttributes[?Name=='nope'].Value | [0]", Some("null")),
        ("get_user", "UserAttributes[?Value=='true']", Some("[{\"Name\":\"email_verified\",\"Value\":\"true\"}]")),
        ("get_user", "UserAttributes[?Name=='email' || Name=='sub'].Value", Some("[\"7a1b2c3d-0000-4000-8000-123456789abc\",\"alice@example.com\"]")),
        ("get_user", "UserAttributes[?Name=='email' && Value].Value", Some("[\"alice@example.com\"]")),
        ("get_user", "UserAttributes[?!(Name=='email')].Name", Some("[\"sub\",\"email_verified\",\"name\",\"custom:note\"]")),
        ("misc", "objs[?b].k", Some("[\"x\"]")),
        ("misc", "objs[?n > `1`].k", Some("[\"y\"]")),
        ("misc", "objs[?n >= `1`].k", Some("[\"x\",\"y\"]")),
        ("misc", "objs[?n < `2`].k", Some("[\"x\"]")),
        ("misc", "objs[?k <= 'x'].k", Some("[\"x\"]")),
        ("misc", "objs[?n == `2.5`].k", Some("[\"y\"]")),
        ("misc", "objs[?t == ['r']].k", Some("[\"y\"]")),
        ("misc", "objs[?t == `[]`].k", Some("[\"z\"]")),
        ("misc", "mixed[?@ == `1`]", Some("[1,1.0]")),
        ("misc", "mixed[?@ == `true`]", Some("[true]")),
        ("misc", "mixed[?@ == `0`]", Some("[0]")),
        ("misc", "mixed[?@ != `1`]", Some("[\"1\",true,0,false]")),
        ("misc", "mixed[?@]", Some("[1,\"1\",true,1.0,0]")),
        ("misc", "list[?@ > `2`]", Some("[3,4,5]")),
        ("misc", "[?a]", Some("null")),
        ("misc", "nested[?@][]", Some("[1,2,3,[4],5]")),
        ("misc", "`[1, true]` == `[true, 1]`", Some("true")),
        ("misc", "`[1]` == `[true]`", Some("true")),
        ("misc", "`1` == `1.0`", Some("true")),
        ("misc", "`{\"a\": 1, \"b\": 2}` == `{\"b\": 2, \"a\": 1}`", Some("true")),
        ("misc", "zero == f", Some("false")),
        ("misc", "one == t", Some("false")),
        ("misc", "str < 'a'", Some("true")),
        ("misc", "t < f", Some("null")),
        ("auth", "AuthenticationResult.[IdToken, ExpiresIn]", Some("[\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\",3600]")),
        ("auth", "[AuthenticationResult.TokenType, ChallengeParameters]", Some("[\"Bearer\",{}]")),
        ("auth", "AuthenticationResult.{id: IdToken, exp: ExpiresIn}", Some("{\"id\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\",\"exp\":3600}")),
        ("auth", "{\"id token\": AuthenticationResult.IdToken, kind: AuthenticationResult.TokenType}", Some("{\"id token\":\"eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln\",\"kind\":\"Bearer\"}")),
        ("auth", "{a: Nope, b: Nope, a: AuthenticationResult.TokenType}", Some("{\"a\":\"Bearer\",\"b\":null}")),
        ("auth", "Nope.[a, b]", Some("null")),
        ("auth", "Nope.{a: a}", Some("null")),
        ("misc", "zero.[@]", Some("[0]")),
        ("misc", "[list[0], a.b, nul]", Some("[0,{\"c\":1},null]")),
        ("misc", "nul || str || 'fallback'", Some("\"fallback\"")),
        ("misc", "empty || eobj || zero", Some("0")),
        ("misc", "t && 'yes'", Some("\"yes\"")),
        ("misc", "f && 'yes'", Some("false")),
        ("misc", "!zero", Some("false")),
        ("misc", "!str", Some("true")),
        ("misc", "!list", Some("false")),
        ("misc", "!nul", Some("true")),
        ("misc", "!!t", Some("true")),
        ("misc", "'it\\'s'", Some("\"it's\"")),
        ("misc", "'back\\\\slash'", Some("\"back\\\\\\\\slash\"")),
        ("misc", "'a\\nb'", Some("\"a\\\\nb\"")),
        ("misc", "`\"lit\"`", Some("\"lit\"")),
        ("misc", "`foo`", Some("\"foo\"")),
        ("misc", "` bar`", Some("\"bar\"")),
        ("misc", "`{\"k\": [1, 2.5, null]}`", Some("{\"k\":[1,2.5,null]}")),
        ("misc", "`back\\`tick`", Some("\"back`tick\"")),
        ("misc", "(a).b", Some("{\"c\":1}")),
        ("misc", "(a || list).b", Some("{\"c\":1}")),
        ("misc", "a.b.c | @", Some("1")),
        ("misc", "list | [1]", Some("1")),
        ("misc", "list[*] | [0]", Some("0")),
        ("misc", "", None),
        ("misc", "a.", None),
        ("misc", "a.[0]", None),
        ("misc", "a[b]", None),
        ("misc", "a b", None),
        ("misc", "[?a", None),
        ("misc", "'unclosed", None),
        ("misc", "\"unclosed", None),
        ("misc", "a = b", None),
        ("misc", "a-b", None),
        ("misc", "a.1", None),
        ("misc", "{a}", None),
        ("misc", "{a: b", None),
        ("misc", "[a, ]", None),
        ("misc", "a[*]b", None),
        ("misc", "a[1:2:3:4]", None),
        ("misc", "a ||", None),
        ("misc", "#", None),
        ("misc", "ünï", None),
        ("misc", "\"bad\\escape\"", None),
    ];
    /// (document, random expression, result as compact JSON or None when jmespath rejects it)
    const RANDOM_VECTORS: &[(&str, &str, Option<&str>)] = &[
        ("misc", "b[1:][] | k", Some("null")),
        ("misc", "f", Some("false")),
        ("misc", "\"a-b\"", Some("\"dash\"")),
        ("misc", "{q: c, \"r \": mixed}", Some("{\"q\":null,\"r \":[1,\"1\",true,null,1.0,0,false]}")),
        ("misc", "!v", Some("true")),
        ("misc", "`0`[?`2.5` >= t].zero[::2] && objs", Some("null")),
        ("misc", "`true`", Some("true")),
        ("misc", "{p: @[?@ >= 'x'], q: k}[*].a.[x]", Some("null")),
        ("misc", "eobj.nested", Some("null")),
        ("misc", "!x && 'y'[-2:][-2:]", Some("null")),
        ("misc", "n", Some("null")),
        ("misc", "{p: `[]`, \"r s\": @}[].c", Some("null")),
        ("misc", "f != `null`[].k", Some("true")),
        ("misc", "a", Some("{\"b\":{\"c\":1}}")),
        ("misc", "*.a", Some("[]")),
        ("misc", "`null` <= 'x'[::-1][1]", Some("null")),
        ("misc", "((@) )", Some("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}")),
        ("misc", "!@ || f[*][0]", Some("null")),
        ("misc", "{\"r s\": {q: `true` || (\"a-b\")}, p: {p: list, \"r s\": {p: n && one || *.n}}}", Some("{\"r s\":{\"q\":true},\"p\":{\"p\":[0,1,2,3,4,5],\"r s\":{\"p\":[]}}}")),
        ("misc", "c | 'x'[*]", Some("null")),
        ("misc", "@[*][0]", Some("null")),
        ("misc", "(zero.*.a).*.v", Some("null")),
        ("misc", "`[]`", Some("[]")),
        ("misc", "!'x'[?@ >= (n)].c", Some("null")),
        ("misc", "`ull`[1]", Some("null")),
        ("misc", "@[:2][?str] | t", Some("null")),
        ("misc", "[*].\"a-b\"", Some("null")),
        ("misc", "{\"r s\": ('x').{p: n.mixed}[], q: `\"z\"`}", Some("{\"r s\":null,\"q\":\"z\"}")),
        ("misc", "([n])", Some("[null]")),
        ("misc", "[(`0`).mixed || `1`.[f] < `\"z\"` | a].*", Some("null")),
        ("misc", "`\"z\"`[1]", Some("null")),
        ("misc", "n[*]", Some("null")),
        ("misc", "{q: {q: [*].t}[-2:], \"r s\": zero}", Some("{\"q\":null,\"r s\":0}")),
        ("misc", "`\"z\"`.*", Some("null")),
        ("misc", "v.*.v | @", Some("null")),
        ("misc", "(@)", Some("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}")),
        ("misc", "![{p: `2.5`[?k < nul].*}]", Some("false")),
        ("misc", "{q: x != {p: f[].zero}}", Some("{\"q\":true}")),
        ("misc", "one", Some("1")),
        ("misc", "str", Some("\"\"")),
        ("misc", "neste", Some("null")),
        ("misc", "`1`", Some("1")),
        ("misc", "[!@.f[][], !!b.*.v[::-1]]", Some("[null,null]")),
        ("misc", "y", Some("null")),
        ("misc", "`\"z\"`.*[:2]", Some("null")),
        ("misc", "x[::2].*", Some("null")),
        ("misc", "`null` | [*].v", Some("null")),
        ("misc", "[`1`]", Some("[1]")),
        ("misc", "[[*].one, a][?`{}` && (*.c) < one]", Some("[]")),
        ("misc", "[obs || !nul, [*].c[*][0]]", Some("[true,null]")),
        ("misc", "zero", Some("0")),
        ("misc", "k[]", Some("null")),
        ("misc", "k", Some("null")),
        ("misc", "empty", Some("[]")),
        ("misc", "`{}`.[a][?'x'] | x.{p: nested}", Some("null")),
        ("misc", "`{}`", Some("{}")),
        ("misc", "tr", Some("null")),
        ("misc", "[[nested | x], str, @[::-1].str][?!str[] >= 'y'].{p: one.{p: `nu*ll`[*].c} && `[]`.zero}", Some("[]")),
        ("misc", "map.*.objs || str[?`true` < `[]`].b", Some("null")),
        ("misc", "[*].nul && c.*.*.*.t", Some("null")),
        ("misc", "[*].a", Some("null")),
        ("misc", "'x'", Some("\"x\"")),
        ("misc", "eobj.x && k[*][0]", Some("null")),
        ("misc", "`[]`.{p: @}[0]", Some("null")),
        ("misc", "[(a.y[*]), @, `0`] || empty", Some("[null,{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"},0]")),
        ("misc", "(`\"z\"`).a[::2][*][0]", Some("null")),
        ("misc", "*.n", Some("[]")),
        ("misc", "!n[?`null` < str] != y.*", Some("false")),
        ("misc", "a[?eobj != objs][] | f.f[*][0].c.[@.*]", Some("null")),
        ("misc", "`null`[*].t", Some("null")),
        ("misc", "(mixed).[{\"r s\": one[?str != b].objs[::-1]}]", Some("[{\"r s\":null}]")),
        ("misc", "nul == `{}`[1][].y[].c[*]", Some("true")),
        ("misc", "*.objs", Some("[]")),
        ("misc", "`[1, 2]` >= eo1bj[*][0]", Some("null")),
        ("misc", "!n[]", Some("null")),
        ("misc", "map[*][0] || `null`", Some("null")),
        ("misc", "(a[?list != y].y)", Some("null")),
        ("misc", "*.b | `null`[].str", Some("null")),
        ("misc", "{\"r s\": mixed.*}", Some("{\"r s\":null}")),
        ("misc", "(@) < @[?b < mixed].f", Some("null")),
        ("misc", "`\"z\"`", Some("\"z\"")),
        ("misc", "`0`[*].map", Some("null")),
        ("misc", "!'x'[*].zero", Some("true")),
        ("misc", "[y[].\"a-b\", !a]", Some("[null,false]")),
        ("misc", "!!@", Some("true")),
        ("misc", "[`\"z\"`, mixed, nested]", Some("[\"z\",[1,\"1\",true,null,1.0,0,false],[[1,2],[3,[4]],5,null,[]]]")),
        ("misc", "nested", Some("[[1,2],[3,[4]],5,null,[]]")),
        ("misc", "{p: [\"a-b\", zero, mixed]}", Some("{\"p\":[\"dash\",0,[1,\"1\",true,null,1.0,0,false]]}")),
        ("misc", "[mixed]", Some("[[1,\"1\",true,null,1.0,0,false]]")),
        ("misc", "[*].mixed", Some("null")),
        ("misc", "n | `{}`.*.map.[{\"r s\": list, p: map}[?f != b]]", Some("[null]")),
        ("misc", "`[1, 2]` || 'y'", Some("[1,2]")),
        ("misc", "b", Some("null")),
        ("misc", "!nested", Some("false")),
        ("misc", "`nul`[-1] | \"a-b\" | `2.5`", Some("2.5")),
        ("misc", "objs || nested", Some("[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}]")),
        ("misc", "[*].str", Some("null")),
        ("misc", "t[].x", Some("null")),
        ("misc", "@[]", Some("null")),
        ("misc", "{p: @}.eobj[*][0]", Some("null")),
        ("misc", "nul | (c)[?eobj >= b[*]].empty", Some("null")),
        ("misc", "c && objs", Some("null")),
        ("misc", "str.f", Some("null")),
        ("misc", "[n, nested[*].*, empty[][*]]", Some("[null,[],[]]")),
        ("misc", "!@", Some("false")),
        ("misc", "!b.*.objs", Some("null")),
        ("misc", "a| t[*]", Some("null")),
        ("misc", "@[].mixed", Some("null")),
        ("misc", "obs", Some("null")),
        ("misc", "{\"r s\": str, p: x}", Some("{\"r s\":\"\",\"p\":null}")),
        ("misc", "(`2.5`)", Some("2.5")),
        ("misc", "`0`[*][0]", Some("null")),
        ("misc", "f.*", Some("null")),
        ("misc", "[k, 'x' > ``.{p: [str, `true`]}, @]", Some("[null,null,{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}]")),
        ("misc", "[a, @, mixed][*][0]", Some("[1]")),
        ("misc", "`[1, 2]` | `{}`.{p: \"a-b\"}.*.mixed", Some("[]")),
        ("misc", "{p: map}", Some("{\"p\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}}}")),
        ("misc", "[*].f > !![*].lit", Some("null")),
        ("misc", "*.n[?f == b].c", Some("[]")),
        ("misc", "{q: k || `[]`}", Some("{\"q\":[]}")),
        ("misc", "b.*.str", Some("null")),
        ("misc", "!\"a-b\"[*][1:]", Some("true")),
        ("misc", "{\"r s\": *.bone}", Some("{\"r s\":[]}")),
        ("misc", "`[1, 2]`[1]", Some("2")),
        ("misc", "'y'.*.y && nested", Some("null")),
        ("misc", "@[].map.[[*].nul].*.t[::2]", Some("null")),
        ("misc", "'y'", Some("\"y\"")),
        ("misc", "str[::2]", Some("null")),
        ("misc", "mixed", Some("[1,\"1\",true,null,1.0,0,false]")),
        ("misc", "*.v", Some("[]")),
        ("misc", "c", Some("null")),
        ("misc", "{\"r s\": eobj || `1`.a[], p: objs && f || mixed | `2.5`[*]} | @", Some("{\"r s\":null,\"p\":null}")),
        ("misc", "!`{}` != `[1, 2]`[1].x.*.map", Some("true")),
        ("misc", "`[1, 2]`", Some("[1,2]")),
        ("misc", "k || eobj", Some("{}")),
        ("misc", "[`nul`] | y", Some("null")),
        ("misc", "`{}`| y", Some("null")),
        ("misc", "nested[-2:]", Some("[[]]")),
        ("misc", "@", Some("{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"}")),
        ("misc", "!`[]`", Some("true")),
        ("misc", "`0`[] | `null`[::-1][?eobj >= a].*.c", Some("null")),
        ("misc", "`=2.5`", Some("\"=2.5\"")),
        ("misc", "!`true` < \"ab\".{p: 'y'}", Some("null")),
        ("misc", "map && b", Some("null")),
        ("misc", "(mixed)[].\"a-b\"", Some("[]")),
        ("misc", "`1` > `1`", Some("false")),
        ("misc", "x", Some("null")),
        ("misc", "(empty)", Some("[]")),
        ("misc", "`0`.*.f | !'x'.*", Some("null")),
        ("misc", "`true`[*][0].*.k", Some("null")),
        ("misc", "@ >= `[1, 2]`", Some("null")),
        ("misc", "`[]`[].t[-2:]", Some("[]")),
        ("misc", "[b[*].a, v >= list, nul | x]", Some("[null,null,null]")),
        ("misc", "`!{}`", Some("\"!{}\"")),
        ("misc", "eobj", Some("{}")),
        ("misc", "[eobj, f[*][*].b, empty.str[]][]", Some("[{}]")),
        ("misc", "[v && {q: b && `[]`}, [zero[?f < map], mixed.*, k | map] |`0`[1], 'y']", Some("[null,null,\"y\"]")),
        ("misc", "(k.{p: x}).*", Some("null")),
        ("misc", "`true`[-1]", Some("null")),
        ("misc", "!`[]`[?@][*].a", Some("null")),
        ("misc", "@.list[?str < nested].map[1]", Some("[]")),
        ("misc", "nul[?`\"z\"` < `null`].y[*][0][].v", Some("null")),
        ("misc", "[*].k", Some("null")),
        ("misc", "nested[?`n[ull`]", Some("[[1,2],[3,[4]],5,[]]")),
        ("misc", "!b[*][0]", Some("true")),
        ("misc", "[f] | (a.*).nested", Some("null")),
        ("misc", "nul.*", Some("null")),
        ("misc", "str || empty[*][0][-1][?!'y' > {p: one, q: x} >= 'x'][]", Some("[]")),
        ("misc", "@[?`tue` == @].nested", Some("null")),
        ("misc", "(nested)[].eobj", Some("[]")),
        ("misc", "{p: f, \"r s\": {\"r s\": [`null`[].c]}}", Some("{\"p\":false,\"r s\":{\"r s\":[null]}}")),
        ("misc", "@[1:]", Some("null")),
        ("misc", "!@[?mixed].n.*.mixed.*.nul", Some("null")),
        ("misc", "f == str | `0`[?`null`]", Some("null")),
        ("misc", "nul.v", Some("null")),
        ("misc", "one[?[str, x[], `true`].* >= n | x.{p: 'y'[?`[]` >= zero].f}.*]", Some("null")),
        ("misc", "{p: mixed[?f >= c].t[?v].b.y} | (eobj.* && c | y)", Some("null")),
        ("misc", "!zero.mixed", Some("null")),
        ("misc", "(\"a-b\").t", Some("null")),
        ("misc", "`.[1, 2]`[0]", Some("null")),
        ("misc", "`2.5`", Some("2.5")),
        ("misc", "!(map)", Some("false")),
        ("misc", "!'y'.\"a-b\"", Some("null")),
        ("misc", "zero[*]", Some("null")),
        ("misc", "`null`", Some("null")),
        ("misc", "`null`[*][0]", Some("null")),
        ("misc", "`1`[*].objs", Some("null")),
        ("misc", "[`2.5`]", Some("[2.5]")),
        ("misc", "list.mixed", Some("null")),
        ("misc", "objs", Some("[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}]")),
        ("misc", "@.*.t", Some("[]")),
        ("misc", "({p: b})", Some("{\"p\":null}")),
        ("misc", "[@, mixd, `1`]", Some("[{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"},null,1]")),
        ("misc", "k >= v.c > `1`[].x[1][*][0]", Some("null")),
        ("misc", "'x'[-1]", Some("null")),
        ("misc", "empty.*.y", Some("null")),
        ("misc", "`true` && [`true`[?`\"z\"` < `\"z\"`].n, 'y', `1`[?f < `\"z\"`].f][-2:].x", Some("[]")),
        ("misc", "`0`", Some("0")),
        ("misc", "{q: `0` | 'y'}[].x", Some("null")),
        ("misc", "[*].t[].*.\"a-b\".b", Some("null")),
        ("misc", "eobj < k.*[::2]", Some("null")),
        ("misc", "`0`[*].list", Some("null")),
        ("misc", "[*].list", Some("null")),
        ("misc", "zero == map[?@ < k] || y[?f >= c].y.k.\"a-b\"", Some("null")),
        ("misc", "{\"r s\": one, q: mixed}", Some("{\"r s\":1,\"q\":[1,\"1\",true,null,1.0,0,false]}")),
        ("misc", "(map[?@ == `1`])[?`1` != `null`[]].f[::-1].*", Some("null")),
        ("misc", "{\"r s\": 'x', q: map}", Some("{\"r s\":\"x\",\"q\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}}}")),
        ("misc", "`null` > [*].f.*[1:].map", Some("null")),
        ("misc", "[*.zero, `1` && f][*][0][1:]", Some("[]")),
        ("misc", "[@, eobj[] != @[0], k]", Some("[{\"a\":{\"b\":{\"c\":1}},\"list\":[0,1,2,3,4,5],\"nested\":[[1,2],[3,[4]],5,null,[]],\"objs\":[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}],\"map\":{\"x\":{\"v\":1},\"y\":{\"v\":2},\"z\":{}},\"a-b\":\"dash\",\"mixed\":[1,\"1\",true,null,1.0,0,false],\"empty\":[],\"eobj\":{},\"str\":\"\",\"zero\":0,\"one\":1,\"t\":true,\"f\":false,\"nul\":null,\"ünï\":\"unicode key\",\"q'uote\":\"apostrophe\"},false,null]")),
        ("misc", "*.obs", Some("[]")),
        ("misc", "{p: {\"r s\": (nul) > `\"z\"` | `1` || [].map == x[1]}, \"r s\": list}", Some("{\"p\":{\"r s\":1},\"r s\":[0,1,2,3,4,5]}")),
        ("misc", "*.c", Some("[]")),
        ("misc", "`true`.mixed", Some("null")),
        ("misc", "@[?y < zero].f", Some("null")),
        ("misc", "v[].k", Some("null")),
        ("misc", "v[::2]", Some("null")),
        ("misc", "!t", Some("false")),
        ("misc", "`true` | `[1, 2]`", Some("[1,2]")),
        ("misc", "`0`.n[]", Some("null")),
        ("misc", "(x).*.n[*]", Some("null")),
        ("misc", "*.t", Some("[]")),
        ("misc", "ne", Some("null")),
        ("misc", "n[:-1] | @[]", Some("null")),
        ("misc", "v[]", Some("null")),
        ("misc", "!{\"r s\": (f)}[*].k", Some("true")),
        ("misc", "*.b[*][0]", Some("[]")),
        ("misc", "*.zero.map", Some("[]")),
        ("misc", "one[?c < \"a-b\"][*].one", Some("null")),
        ("misc", "a != `[]`", Some("true")),
        ("misc", "(*.k != a[?mixed >= @][?v[?nested >= @] != eobj])", Some("true")),
        ("misc", "t", Some("true")),
        ("misc", "[{\"r s\": `[]`.[@] && `1`[-2:] || [f, 'y'] < @[], p: *.x | [k, `[]`].*}]", Some("[{\"r s\":null,\"p\":null}]")),
        ("misc", "(\"a-b\")[*].objs < `[]`", Some("null")),
        ("misc", "(t >= c)", Some("null")),
        ("misc", "`1`.[(c[])][-2:]", Some("[]")),
        ("misc", "[*].t", Some("null")),
        ("misc", "{p: str, q: f}", Some("{\"p\":\"\",\"q\":false}")),
        ("misc", "!nesbted | list[0].b", Some("null")),
        ("misc", "mixed.[mixed]", Some("[null]")),
        ("misc", "nu1l", Some("null")),
        ("misc", "[empty, objs, `{}`].\"a-b\"[?`true`[].map >= `{}`].map[*]", Some("null")),
        ("misc", "eobj && nested", Some("{}")),
        ("misc", "(`2.?5` | @)", Some("\"2.?5\"")),
        ("misc", "!`[1, 2]` <= {p: f}", Some("null")),
        ("misc", "b.*", Some("null")),
        ("misc", "`1`[?mixed]", Some("null")),
        ("misc", "objs[][]", Some("[{\"n\":1,\"k\":\"x\",\"b\":true,\"t\":[\"p\",\"q\"]},{\"n\":2.5,\"k\":\"y\",\"b\":false,\"t\":[\"r\"]},{\"k\":\"z\",\"t\":[]}]")),
        ("misc", "empty[].mixed[][?`\"z\"`[::2].nested.v >= !mixed]", Some("[]")),
        ("misc", "['y'.x, (@), `true` | \"a-b\"][?[str, c, y] >= mixed | y] && objs[].nul || `1`[*].empty | [{q: v}, [y]]", Some("null")),
        ("misc", "k '| nested", None),
        ("misc", "{!f", None),
        ("misc", "[,*].t", None),
        ("misc", "((\"a-b) && f | map)", None),
        ("misc", "*.x*[]", None),
        ("misc", "`1`.{n > neasted]", None),
        ("misc", "[[@][1=:]]", None),
        ("misc", "", None),
        ("misc", "{q: @.b}.", None),
        ("misc", "{p: {p: a}[?a != c].c, \"r s\": t.t([*]}", None),
        ("misc", "[`[]`, map*]", None),
        ("misc", "\"@", None),
        ("misc", "[*]=.a", None),
        ("misc", "@.*.{x[?n != v]][::2]", None),
        ("misc", "<[[c, v], eobj]", None),
        ("misc", "t[?`\"z\"` != `2.5`].", None),
        ("misc", "str|", None),
        ("misc", "t,", None),
        ("misc", "(!y", None),
        ("misc", "t < n.{[k]", None),
        ("misc", "list'", None),
        ("misc", "n[*]..list", None),
        ("misc", "!aempty.{one]", None),
        ("misc", "[*].b.{(`true`)][] >eobj.[map[0][*][0]]", None),
        ("misc", ",'y'", None),
        ("misc", "[list", None),
        ("misc", "\"list", None),
        ("misc", "t-", None),
        ("misc", "!*.f | list.{(mixed)] || (a | 'x'[*][0])[?y >= mixed]", None),
        ("misc", "![!x,( y]", None),
        ("misc", "zero && empty >= `2.5`].\"a-b\"", None),
        ("misc", "eobj | *.one.[p: [*].c | eobj}", None),
        ("misc", "a{q: @, \"r s\": b}", None),
        ("misc", "emp&ty", None),
        ("misc", "(<!@)", None),
        ("misc", "!k[?k].zero[?empty[?`0` == `[1, 2]`]].a < nested > nul.{y][*][0]", None),
        ("misc", "[n, a, 'y'],.nul", None),
        ("misc", "|@", None),
        ("misc", "x[", None),
        ("misc", "`null`.n.[p: [x, (n), str]}", None),
        ("misc", "{r s\": eobj[?k == nul], q: `null`[*][0]}.*.v[].n[].map", None),
        ("misc", "'y", None),
        ("misc", "[*]'.c", None),
        ("misc", "`\"z\"", None),
        ("misc", "mixed[*][]a.f", None),
        ("misc", "!*.o&bjs", None),
        ("misc", "[*)].zero", None),
        ("misc", "(`\"z\"`[*][0][1].[{p: x > k}] || 'x'[1][].eobj))", None),
        ("misc", "`2.5`.[p: [[empty, x]] && y.*.x[?b != x].a}", None),
        ("misc", "e(mpty", None),
        ("misc", "map[?`\"z\"` < `{}`][*][*][0] < (@.{n]).*", None),
        ("misc", "!![a", None),
        ("misc", "!@.{[*].\"a-b\"]", None),
        ("misc", "[*].", None),
        ("misc", "!`[]`[?eobj >= y'].nested[?x >= mixed].v", None),
        ("misc", "[*.]", None),
        ("misc", ".v", None),
        ("misc", "'y' && 'x' | str[:2].*.em,pty", None),
        ("misc", "('x'.[p: str.*.{p: \"a-b\"}}).{p: zero >= b[*][?mixed < zero[?b < f].\"a-b\"] | map >= eobj.empty && ([*].objs)}", None),
        ("misc", "(y", None),
    ];
    // END GENERATED

    fn doc(name: &str) -> Value {
        let (_, text) = DOCS
            .iter()
            .find(|(n, _)| *n == name)
            .expect("document named in the table");
        serde_json::from_str(text).expect("document is JSON")
    }

    fn check(table: &[(&str, &str, Option<&str>)]) {
        let mut failures = Vec::new();
        for (name, expr, want) in table {
            let got = parse(expr).map(|q| q.apply(&doc(name)));
            match (got, want) {
                (Ok(got), Some(want)) => {
                    let want: Value = serde_json::from_str(want).expect("expected value is JSON");
                    // Serialized, so that key order counts too.
                    let (got, want) = (got.to_string(), want.to_string());
                    if got != want {
                        failures.push(format!("{expr:?} on {name}: got {got}, jmespath gives {want}"));
                    }
                }
                (Err(_), None) => {}
                (Ok(got), None) => failures.push(format!("{expr:?}: accepted (giving {got}), jmespath rejects it")),
                (Err(e), Some(_)) => failures.push(format!("{expr:?}: rejected ({e}), jmespath accepts it")),
            }
        }
        crate::testing::assert_no_mismatches(&failures);
    }

    #[test]
    fn agrees_with_jmespath() {
        check(VECTORS);
    }

    #[test]
    fn agrees_with_jmespath_on_random_expressions() {
        check(RANDOM_VECTORS);
    }

    #[test]
    fn errors_are_one_line_with_a_column() {
        let cases = [
            ("", "invalid --query expression at column 1: the expression is empty"),
            ("a.", "invalid --query expression at column 3: incomplete expression, expected an identifier, '*', '[' or '{' after '.'"),
            ("a b", "invalid --query expression at column 3: unexpected identifier \"b\""),
            ("a[b]", "invalid --query expression at column 3: expected a number, ':' or '*' after '[', found identifier \"b\""),
            ("a = b", "invalid --query expression at column 3: unknown token '='"),
            ("'open", "invalid --query expression at column 1: unclosed ' delimiter"),
            ("length(a)", "invalid --query expression at column 7: function calls are not supported"),
            ("sort_by(a, &b)", "invalid --query expression at column 8: function calls are not supported"),
            ("a[::0]", "invalid --query expression at column 6: slice step cannot be zero"),
            ("ünï", "invalid --query expression at column 1: unknown token 'ü'"),
            ("a.\u{1b}[2J", "invalid --query expression at column 3: unknown token '\\u{1b}'"),
        ];
        for (expr, want) in cases {
            assert_eq!(parse(expr).map(|_| ()).unwrap_err().to_string(), want, "for {expr:?}");
        }
    }

    #[test]
    fn huge_expressions_are_refused_rather_than_overflowing_the_stack() {
        let deep = format!("{}a", "!".repeat(MAX_TOKENS - 2));
        assert!(parse(&deep).unwrap_err().to_string().contains("nested too deeply"));
        assert!(parse(&"!".repeat(100_000)).is_err());
        let parens = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&parens).is_err());
        let long = vec!["a"; 10_000].join(" || ");
        assert!(parse(&long).unwrap_err().to_string().contains("longer than"));
        // Left-deep chains are built by a loop; the depth check after parsing refuses them.
        let flat = format!("a{}", "[]".repeat(MAX_TOKENS - 2));
        assert!(parse(&flat).unwrap_err().to_string().contains("nested too deeply"));
        let ors = vec!["nul"; MAX_TOKENS / 2].join(" || ");
        assert!(parse(&ors).unwrap_err().to_string().contains("nested too deeply"));
        // The deepest accepted trees still evaluate (on the 2 MiB stack of a test thread).
        let flat = format!("a{}", "[]".repeat(MAX_NESTING / 2 - 1));
        assert_eq!(
            parse(&flat).unwrap().apply(&serde_json::json!({"a": [[1], 2]})),
            serde_json::json!([1, 2])
        );
        let ors = vec!["nul"; MAX_NESTING - 1].join(" || ");
        assert_eq!(parse(&ors).unwrap().apply(&doc("misc")), Value::Null);
        let nested = format!("{}[a]{}", "[".repeat(MAX_NESTING - 2), "]".repeat(MAX_NESTING - 2));
        assert!(parse(&nested).unwrap().apply(&doc("misc")).is_array());
    }

    #[test]
    fn arbitrary_input_never_panics() {
        // A fixed-seed xorshift keeps this reproducible without a dependency.
        let alphabet = [
            "a", "b", "@", ".", "*", "[", "]", "[]", "[?", "?", "{", "}", "(", ")", ",", ":", "|", "||", "&&", "&",
            "!", "==", "!=", "<", ">=", "-", "0", "1", "-1", "'s'", "`1`", "`", "'", "\"", "\\", " ", "ü", "\u{0}",
            "\n",
        ];
        let v = doc("misc");
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut expr = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                expr.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            match parse(&expr) {
                Ok(q) => drop(q.apply(&v)),
                Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
            }
        }
    }
}
