//! `--query`: JMESPath expressions, parsed once up front and then applied to a response before
//! it is printed.
//!
//! The AWS CLI evaluates `--query` with the Python `jmespath` package (1.x), so this module copies
//! that package's behaviour rather than the letter of the specification wherever the two differ:
//! the same binding powers (which decide where a projection stops), the same lexing of raw
//! strings and literals, Python's equality (`1 == 1.0`, but `true != 1` at the top level), ints
//! and floats kept apart as Python keeps them (`sum` of ints is an int, `avg` a float), the same
//! quirk that a slice written straight after an index (`a[0][1:]`) does not start a projection,
//! and the same error messages. The whole grammar and all 26 built-in functions are here, and the
//! official compliance suite (tests/data/jmespath/) runs in `tests/jmespath_compliance.rs`.
//!
//! Errors come in the three kinds the AWS CLI has: a syntax error (a usage error, before any
//! request), a call of an unknown function or with the wrong number of arguments (jmespath only
//! finds those while evaluating, after the request; we find them while parsing, so no request is
//! wasted, but give its message), and a wrong argument type, which depends on the document and
//! so is found by [`Query::apply`].
//!
//! Split by stage: `lexer`, `parser`, `eval` (the tree applied to a document), `functions`.

use std::fmt;

use serde_json::Value;

#[cfg(test)]
mod compliance;
mod eval;
mod functions;
mod lexer;
mod parser;

use eval::eval;
use lexer::{lex, Tok};
use parser::{depth, Node, Parser};

/// Longest expression we accept, in tokens: far beyond any real query (the compliance suite's
/// longest, a chain of 104 projections, has 521), and it bounds the size of the tree built
/// before [`MAX_NESTING`] is checked.
pub(super) const MAX_TOKENS: usize = 1024;

/// Deepest nesting we accept, both for the parser's own recursion (`!!!!a`, brackets inside
/// brackets) and for the finished tree, which evaluation walks recursively. Left-associative
/// chains (`a || b || c`, `a[][][]`) are built by a loop, so only the tree check sees them.
/// 128 takes the compliance suite's deepest expression and still evaluates within the 2 MiB
/// stack of a test thread in a debug build.
pub(super) const MAX_NESTING: usize = 128;

/// A parsed `--query` expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Query {
    root: Node,
}

/// Why a `--query` expression was rejected. `Display` is one line: for a syntax error, lowercase
/// and naming the column (1-based, counted in characters) where the problem was found; for a
/// bad function call, jmespath's own message (`Unknown function: nope()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryError {
    column: usize,
    message: String,
    function: bool,
}

impl QueryError {
    fn at(pos: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column: pos + 1,
            message: message.into(),
            function: false,
        }
    }

    /// An unknown function or a wrong number of arguments, which the grammar allows.
    fn function(message: String) -> QueryError {
        QueryError {
            column: 0,
            message,
            function: true,
        }
    }

    /// Whether the expression is not JMESPath at all (the AWS CLI's "Bad value for --query", a
    /// usage error), as opposed to a call that jmespath rejects when it evaluates it.
    pub(crate) fn is_syntax(&self) -> bool {
        !self.function
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.function {
            return f.write_str(&self.message);
        }
        write!(
            f,
            "invalid --query expression at column {}: {}",
            self.column, self.message
        )
    }
}

impl std::error::Error for QueryError {}

/// Why applying a query to a document failed: a function got an argument of the wrong type, or
/// an ordering compared a number with a string. `Display` is jmespath's (or Python's) message,
/// which is what the AWS CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EvalError(pub(super) String);

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EvalError {}

/// Parses `expr` into a [`Query`], or says where and why it is not a valid expression.
pub(crate) fn parse(expr: &str) -> Result<Query, QueryError> {
    if expr.is_empty() {
        return Err(QueryError::at(0, "the expression is empty"));
    }
    let toks = lex(expr)?;
    let mut p = Parser::new(toks);
    let root = p.expression(0)?;
    let t = p.peek(0);
    if t.tok != Tok::Eof {
        return Err(QueryError::at(t.pos, format!("unexpected {}", t.tok.describe())));
    }
    if depth(&root) > MAX_NESTING {
        return Err(QueryError::at(0, "the expression is nested too deeply"));
    }
    // Reported only once the whole text parsed: a syntax error anywhere comes first, as it does
    // in the AWS CLI, which compiles the expression before sending anything.
    if let Some(e) = p.function_error {
        return Err(e);
    }
    Ok(Query { root })
}

impl Query {
    /// Evaluates the expression against `v`. Anything that does not match (a missing key, an
    /// index past the end, a projection over a non-list) gives `null`, as JMESPath does; a
    /// function given the wrong type of argument is an error.
    pub(crate) fn apply(&self, v: &Value) -> Result<Value, EvalError> {
        eval(&self.root, v)
    }
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
        ("get_user", "length(UserAttributes)", Some("5")),
        ("get_user", "UserAttributes[?starts_with(Name, 'email')].Value", Some("[\"true\",\"alice@example.com\"]")),
        ("get_user", "UserAttributes[?ends_with(Name, 'verified')] | [0].Value", Some("\"true\"")),
        ("get_user", "UserAttributes[?contains(Name, 'mail')].Name", Some("[\"email_verified\",\"email\"]")),
        ("get_user", "sort_by(UserAttributes, &Name)[].Name", Some("[\"custom:note\",\"email\",\"email_verified\",\"name\",\"sub\"]")),
        ("get_user", "reverse(sort_by(UserAttributes, &Name))[0].Name", Some("\"sub\"")),
        ("get_user", "max_by(UserAttributes, &Name).Name", Some("\"sub\"")),
        ("get_user", "min_by(UserAttributes, &Name).Name", Some("\"custom:note\"")),
        ("get_user", "join(', ', UserMFASettingList)", Some("\"SOFTWARE_TOKEN_MFA, SMS_MFA\"")),
        ("get_user", "contains(UserMFASettingList, 'SMS_MFA')", Some("true")),
        ("get_user", "keys(@)", Some("[\"Username\",\"UserAttributes\",\"UserCreateDate\",\"UserLastModifiedDate\",\"Enabled\",\"UserStatus\",\"MFAOptions\",\"PreferredMfaSetting\",\"UserMFASettingList\"]")),
        ("get_user", "type(UserCreateDate)", Some("\"number\"")),
        ("get_user", "to_string(UserCreateDate)", Some("\"1732724400.123\"")),
        ("get_user", "to_string(UserAttributes[3])", Some("\"{\\\"Name\\\":\\\"name\\\",\\\"Value\\\":\\\"Zo\\\\u00eb \\\\\\\"Z\\\\\\\" \\\\u00dcn\\\\u00efc\\\\u00f8d\\\\u00e9\\\\ttab\\\"}\"")),
        ("get_user", "map(&length(Value), UserAttributes)", Some("[36,4,17,19,17]")),
        ("get_user", "length(UserAttributes[3].Value)", Some("19")),
        ("get_user", "floor(UserCreateDate)", Some("1732724400")),
        ("get_user", "ceil(UserCreateDate)", Some("1732724401")),
        ("get_user", "merge({a: Username}, {b: Enabled}, {a: UserStatus})", Some("{\"a\":\"CONFIRMED\",\"b\":true}")),
        ("get_user", "not_null(Missing, MFAOptions, Username)", Some("[]")),
        ("get_user", "to_array(Username)", Some("[\"alice\"]")),
        ("auth", "values(AuthenticationResult) | length(@)", Some("5")),
        ("auth", "to_number(AuthenticationResult.ExpiresIn)", Some("3600")),
        ("list_users", "length(Users[?Enabled])", Some("2")),
        ("list_users", "Users[*].length(Attributes)", Some("[2,0,1]")),
        ("list_users", "sort_by(Users, &length(Attributes))[].Username", Some("[\"u2\",\"u3\",\"u1\"]")),
        ("list_users", "max_by(Users, &length(Attributes)).Username", Some("\"u1\"")),
        ("list_users", "Users[?length(Attributes) > `0`].{user: Username, n: length(Attributes)}", Some("[{\"user\":\"u1\",\"n\":2},{\"user\":\"u3\",\"n\":1}]")),
        ("list_users", "map(&Attributes[?Name == 'email'].Value | [0], Users)", Some("[\"u1@example.com\",null,\"u3@example.com\"]")),
        ("list_users", "sum(map(&length(Attributes), Users))", Some("3")),
        ("list_users", "avg(map(&length(Attributes), Users))", Some("1.0")),
        ("misc", "sum(list)", Some("15")),
        ("misc", "sum(`[]`)", Some("0")),
        ("misc", "sum(`[1, 2.5]`)", Some("3.5")),
        ("misc", "sum(`[0.1, 0.2]`)", Some("0.30000000000000004")),
        ("misc", "avg(list)", Some("2.5")),
        ("misc", "avg(`[1, 2]`)", Some("1.5")),
        ("misc", "avg(`[2, 2]`)", Some("2.0")),
        ("misc", "avg(empty)", Some("null")),
        ("misc", "max(list)", Some("5")),
        ("misc", "min(`[2, 1.0, 1]`)", Some("1.0")),
        ("misc", "max(`[1, 1.0]`)", Some("1")),
        ("misc", "max(`[\"b\", \"a\"]`)", Some("\"b\"")),
        ("misc", "max(empty)", Some("null")),
        ("misc", "abs(`-3`)", Some("3")),
        ("misc", "abs(`-2.5`)", Some("2.5")),
        ("misc", "abs(`-0.0`)", Some("0.0")),
        ("misc", "ceil(`-0.5`)", Some("0")),
        ("misc", "floor(`2.0`)", Some("2")),
        ("misc", "floor(`-2.5`)", Some("-3")),
        ("misc", "`-0`", Some("0")),
        ("misc", "[`-0`, `-0.0`, `0.0`, `-0e0`]", Some("[0,-0.0,0.0,-0.0]")),
        ("misc", "to_number('1.0')", Some("1.0")),
        ("misc", "to_number('1')", Some("1")),
        ("misc", "to_number(' -12 ')", Some("-12")),
        ("misc", "to_number('1_000')", Some("1000")),
        ("misc", "to_number('1e3')", Some("1000.0")),
        ("misc", "to_number('.5')", Some("0.5")),
        ("misc", "to_number('-0')", Some("0")),
        ("misc", "to_number('abc')", Some("null")),
        ("misc", "to_number(`true`)", Some("null")),
        ("misc", "to_number(`2.5`)", Some("2.5")),
        ("misc", "to_string(`1e16`)", Some("\"1e+16\"")),
        ("misc", "to_string(`[1, 2.0, \"\\u00fc\\n\", {\"k\": null}]`)", Some("\"[1,2.0,\\\"\\\\u00fc\\\\n\\\",{\\\"k\\\":null}]\"")),
        ("misc", "to_string('x')", Some("\"x\"")),
        ("misc", "sort(`[3, 1.5, 2]`)", Some("[1.5,2,3]")),
        ("misc", "sort(`[\"b\", \"a\", \"\\u00e9\"]`)", Some("[\"a\",\"b\",\"é\"]")),
        ("misc", "sort(empty)", Some("[]")),
        ("misc", "sort_by(objs, &k)[].n", Some("[1,2.5]")),
        ("misc", "sort_by(empty, &k)", Some("[]")),
        ("misc", "reverse('abcü')", Some("\"ücba\"")),
        ("misc", "reverse(list)", Some("[5,4,3,2,1,0]")),
        ("misc", "length('ünï')", Some("3")),
        ("misc", "type(@)", Some("\"object\"")),
        ("misc", "[type(nul), type(t), type(str), type(list), type(one), type(`2.5`)]", Some("[\"null\",\"boolean\",\"string\",\"array\",\"number\",\"number\"]")),
        ("misc", "contains(mixed, `true`)", Some("true")),
        ("misc", "contains(list, `1.0`)", Some("true")),
        ("misc", "contains('abc', 'b')", Some("true")),
        ("misc", "objs[?contains(t, 'q')].k", Some("[\"x\"]")),
        ("misc", "map(&n, objs)", Some("[1,2.5,null]")),
        ("misc", "map(&[k, n], objs)", Some("[[\"x\",1],[\"y\",2.5],[\"z\",null]]")),
        ("misc", "keys(map)", Some("[\"x\",\"y\",\"z\"]")),
        ("misc", "values(map)", Some("[{\"v\":1},{\"v\":2},{}]")),
        ("misc", "merge(`{}`)", Some("{}")),
        ("misc", "not_null(nul, `null`)", Some("null")),
        ("misc", "join('', `[]`)", Some("\"\"")),
        ("misc", "length(a b)", None),
        ("misc", "length(a,)", Some("1")),
        ("misc", "(length)(list)", Some("6")),
        ("misc", "list.length(@)", Some("6")),
        ("misc", "nested[].length(@)", None),
        ("misc", "length(", None),
        ("misc", "\"length\"(list)", None),
        ("misc", "a.b(c)", None),
        ("misc", "(a.b)(c)", None),
    ];
    /// (document, expression, the message the AWS CLI prints when the query fails, exit 255)
    const ERROR_VECTORS: &[(&str, &str, &str)] = &[
        ("misc", "length(`1`)", "In function length(), invalid type for value: 1, expected one of: ['string', 'array', 'object'], received: \"number\""),
        ("misc", "length(one)", "In function length(), invalid type for value: 1, expected one of: ['string', 'array', 'object'], received: \"number\""),
        ("misc", "nope(a)", "Unknown function: nope()"),
        ("misc", "length(a, b)", "Expected 1 argument for function length(), received 2"),
        ("misc", "not_null()", "Expected at least 1 argument for function not_null(), received 0"),
        ("misc", "merge()", "Expected at least 1 argument for function merge(), received 0"),
        ("misc", "sort_by(objs)", "Expected 2 arguments for function sort_by(), received 1"),
        ("misc", "sum(mixed)", "In function sum(), invalid type for value: 1, expected one of: ['array-number'], received: \"str\""),
        ("misc", "sum(`[1, \"a\"]`)", "In function sum(), invalid type for value: a, expected one of: ['array-number'], received: \"str\""),
        ("misc", "sort(mixed)", "In function sort(), invalid type for value: 1, expected one of: ['array-string', 'array-number'], received: \"str\""),
        ("misc", "sort(`[\"a\", 1]`)", "In function sort(), invalid type for value: 1, expected one of: ['array-string', 'array-number'], received: \"int\""),
        ("misc", "max(`[true]`)", "In function max(), invalid type for value: True, expected one of: ['array-number', 'array-string'], received: \"bool\""),
        ("misc", "abs('x')", "In function abs(), invalid type for value: x, expected one of: ['number'], received: \"string\""),
        ("misc", "keys(list)", "In function keys(), invalid type for value: [0, 1, 2, 3, 4, 5], expected one of: ['object'], received: \"array\""),
        ("misc", "join(',', list)", "In function join(), invalid type for value: 0, expected one of: ['array-string'], received: \"int\""),
        ("misc", "join(`1`, `[]`)", "In function join(), invalid type for value: 1, expected one of: ['string'], received: \"number\""),
        ("misc", "starts_with(str, one)", "In function starts_with(), invalid type for value: 1, expected one of: ['string'], received: \"number\""),
        ("misc", "avg(objs)", "In function avg(), invalid type for value: {'n': 1, 'k': 'x', 'b': True, 't': ['p', 'q']}, expected one of: ['array-number'], received: \"dict\""),
        ("misc", "sort_by(objs, &n)", "In function sort_by(), invalid type for value: None, expected one of: ['number'], received: \"null\""),
        ("misc", "sort_by(objs, &t)", "In function sort_by(), invalid type for value: {'n': 1, 'k': 'x', 'b': True, 't': ['p', 'q']}, expected one of: ['string', 'number'], received: \"array\""),
        ("misc", "sort_by(`[1, 2]`, &@)[0] | sort_by(mixed, &@)", "In function sort_by(), invalid type for value: None, expected one of: ['array'], received: \"null\""),
        ("misc", "max_by(objs, &n)", "In function max_by(), invalid type for value: None, expected one of: ['number', 'string'], received: \"null\""),
        ("misc", "min_by(objs, &t)", "In function min_by(), invalid type for value: ['p', 'q'], expected one of: ['number', 'string'], received: \"array\""),
        ("misc", "max_by(`[{\"a\": 1}, {\"a\": \"x\"}]`, &a)", "'>' not supported between instances of 'str' and 'int'"),
        ("misc", "min_by(`[{\"a\": \"x\"}, {\"a\": 1}]`, &a)", "'<' not supported between instances of 'int' and 'str'"),
        ("misc", "contains('abc', `1`)", "'in <string>' requires string as left operand, not int"),
        ("misc", "map(list, &a)", "In function map(), invalid type for value: [0, 1, 2, 3, 4, 5], expected one of: ['expref'], received: \"array\""),
        ("misc", "to_number(length(@))  < 'a'", "'<' not supported between instances of 'int' and 'str'"),
        ("misc", "one < 'a'", "'<' not supported between instances of 'int' and 'str'"),
        ("misc", "'a' >= `2.5`", "'>=' not supported between instances of 'str' and 'float'"),
        ("misc", "abs(`{\"k\": [\"v\", true, null, 1.5, \"it's\"]}`)", "In function abs(), invalid type for value: {'k': ['v', True, None, 1.5, \"it's\"]}, expected one of: ['number'], received: \"object\""),
        ("get_user", "UserAttributes[?contains(Value, `1`)]", "'in <string>' requires string as left operand, not int"),
        ("get_user", "length(UserCreateDate)", "In function length(), invalid type for value: 1732724400.123, expected one of: ['string', 'array', 'object'], received: \"number\""),
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
            // `None` is also what the table holds when jmespath fails while evaluating (ERROR_VECTORS
            // has the messages), so a failure at either stage counts as a rejection here.
            let got = parse(expr)
                .map_err(|e| e.to_string())
                .and_then(|q| q.apply(&doc(name)).map_err(|e| e.to_string()));
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
    fn fails_as_the_aws_cli_does() {
        let mut failures = Vec::new();
        for (name, expr, want) in ERROR_VECTORS {
            let got = match parse(expr) {
                Err(e) if e.is_syntax() => format!("a syntax error ({e})"),
                Err(e) => e.to_string(),
                Ok(q) => match q.apply(&doc(name)) {
                    Err(e) => e.to_string(),
                    Ok(v) => format!("a result ({v})"),
                },
            };
            if got != *want {
                failures.push(format!("{expr:?}: got {got}, the AWS CLI prints {want}"));
            }
        }
        crate::testing::assert_no_mismatches(&failures);
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
            ("length(a, b)", "Expected 1 argument for function length(), received 2"),
            ("merge()", "Expected at least 1 argument for function merge(), received 0"),
            ("sort_by(a)", "Expected 2 arguments for function sort_by(), received 1"),
            ("nope(a)", "Unknown function: nope()"),
            ("nope(a) | [", "invalid --query expression at column 12: incomplete expression"),
            ("\"length\"(a)", "invalid --query expression at column 9: a quoted identifier cannot name a function"),
            ("(a.b)(c)", "invalid --query expression at column 6: invalid function name before '('"),
            ("a.b(c)", "Unknown function: b()"),
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
            parse(&flat)
                .unwrap()
                .apply(&serde_json::json!({"a": [[1], 2]}))
                .unwrap(),
            serde_json::json!([1, 2])
        );
        let ors = vec!["nul"; MAX_NESTING - 1].join(" || ");
        assert_eq!(parse(&ors).unwrap().apply(&doc("misc")).unwrap(), Value::Null);
        let calls = format!("{}`-1`{}", "abs(".repeat(MAX_NESTING - 2), ")".repeat(MAX_NESTING - 2));
        assert_eq!(
            parse(&calls).unwrap().apply(&doc("misc")).unwrap(),
            serde_json::json!(1)
        );
        let sorts = format!(
            "{}a{}",
            "sort_by([`1`], &".repeat(MAX_NESTING / 2 - 1),
            ")".repeat(MAX_NESTING / 2 - 1)
        );
        // Each key is itself a sort_by (an array, so a type error), evaluated all the way down.
        assert!(parse(&sorts).unwrap().apply(&doc("misc")).is_err());
        let nested = format!("{}[a]{}", "[".repeat(MAX_NESTING - 2), "]".repeat(MAX_NESTING - 2));
        assert!(parse(&nested).unwrap().apply(&doc("misc")).unwrap().is_array());
    }

    #[test]
    fn arbitrary_input_never_panics() {
        // A fixed-seed xorshift keeps this reproducible without a dependency.
        let alphabet = [
            "a",
            "b",
            "@",
            ".",
            "*",
            "[",
            "]",
            "[]",
            "[?",
            "?",
            "{",
            "}",
            "(",
            ")",
            ",",
            ":",
            "|",
            "||",
            "&&",
            "&",
            "!",
            "==",
            "!=",
            "<",
            ">=",
            "-",
            "0",
            "1",
            "-1",
            "'s'",
            "`1`",
            "`",
            "'",
            "\"",
            "\\",
            " ",
            "ü",
            "\u{0}",
            "\n",
            "length(",
            "sort_by(",
            "max_by(",
            "&",
            "to_number(",
            "join(",
            "merge(",
            "map(&",
            "abs(",
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
