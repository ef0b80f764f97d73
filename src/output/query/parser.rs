//! The parser: tokens into a tree, by the same Pratt rules (binding powers) as Python jmespath.

use serde_json::Value;

use super::functions::Func;
use super::lexer::{Tok, Token};
use super::{QueryError, MAX_NESTING};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmp {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
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
    /// A call of a built-in function, its arguments in order.
    Function(Func, Vec<Node>),
    /// `&expr`: the expression itself, for `sort_by`, `map` and the like to apply per element.
    Expref(Box<Node>),
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
pub(super) fn depth(root: &Node) -> usize {
    let mut max = 0;
    let mut stack = vec![(root, 1)];
    while let Some((n, d)) = stack.pop() {
        max = max.max(d);
        match n {
            Node::Identity | Node::Field(_) | Node::Literal(_) | Node::Index(_) | Node::Slice(..) => {}
            Node::Chain(v) | Node::IndexExpr(v) | Node::MultiList(v) | Node::Function(_, v) => {
                stack.extend(v.iter().map(|c| (c, d + 1)))
            }
            Node::MultiHash(v) => stack.extend(v.iter().map(|(_, c)| (c, d + 1))),
            Node::Flatten(a) | Node::Not(a) | Node::Expref(a) => stack.push((a, d + 1)),
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

pub(super) struct Parser {
    toks: Vec<Token>,
    i: usize,
    depth: usize,
    /// The first unknown function or wrong argument count, reported once parsing succeeded.
    pub(super) function_error: Option<QueryError>,
}

impl Parser {
    pub(super) fn new(toks: Vec<Token>) -> Parser {
        Parser {
            toks,
            i: 0,
            depth: 0,
            function_error: None,
        }
    }

    pub(super) fn peek(&self, n: usize) -> &Token {
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

    pub(super) fn expression(&mut self, rbp: u8) -> Result<Node, QueryError> {
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
                    return Err(QueryError::at(
                        self.peek(0).pos,
                        "a quoted identifier cannot name a function",
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
            Tok::Expref => Ok(Node::Expref(Box::new(self.expression(0)?))),
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
            Tok::LParen => self.call(left, t.pos),
            other => Err(QueryError::at(t.pos, format!("unexpected {}", other.describe()))),
        }
    }

    /// `name(args)`, after the `(`. As in jmespath, only a bare field names a function, and the
    /// commas between arguments may be left out (`f(a b)` is `f(a, b)`, `f(a,)` is `f(a)`).
    fn call(&mut self, left: Node, paren: usize) -> Result<Node, QueryError> {
        let Node::Field(name) = left else {
            return Err(QueryError::at(paren, "invalid function name before '('"));
        };
        let mut args = Vec::new();
        while *self.cur() != Tok::RParen {
            args.push(self.expression(0)?);
            if *self.cur() == Tok::Comma {
                self.i += 1;
            }
        }
        self.i += 1;
        match Func::resolve(&name, args.len()) {
            Ok(f) => Ok(Node::Function(f, args)),
            Err(message) => {
                self.function_error.get_or_insert(QueryError::function(message));
                Ok(Node::Literal(Value::Null))
            }
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
