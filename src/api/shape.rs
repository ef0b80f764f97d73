//! Static descriptions of API shapes and operations, the vocabulary `ops.rs` is generated in.
//!
//! Everything here is `'static` data built at compile time: describing an operation costs no
//! allocation and no start-up work, and a shape refers to its parts by plain references.

/// The type of a value in a request or response, as the API model describes it.
///
/// Only what the parameter code needs is kept: the type and, for containers, the element shape.
/// A member's `min` is on the `Member`, checked before sending as botocore checks it; `max` and
/// `pattern` are left to the service, as botocore leaves them; `enum` values are on the
/// `Member`, for `--help` (the service checks them too).
// Not every variant is in an input of the commands cogtok offers today (Long, Blob), but the
// generator emits them when the model has them and params.rs handles them.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) enum Shape {
    String,
    Integer,
    Long,
    Boolean,
    Timestamp,
    Blob,
    /// A list; the shape of its elements.
    List(&'static Shape),
    /// A map with string keys; the shape of its values.
    Map(&'static Shape),
    /// A structure; its members in model order.
    Structure(&'static [Member]),
    /// Any JSON value (a Smithy document, e.g. managed login branding's `Settings`): sent and
    /// printed as it is. The AWS CLI takes it as JSON only, never shorthand.
    Document,
}

/// One member of a structure (or one option of a command, for an operation's input).
#[derive(Debug)]
pub(crate) struct Member {
    /// The JSON member name, as sent on the wire (e.g. `UserPoolId`, or `headerName`).
    pub name: &'static str,
    /// The AWS CLI option name without the leading dashes (e.g. `user-pool-id`).
    pub option: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
    /// The member or its shape is marked sensitive in the model: never print its value.
    /// (Read by the test that checks `--debug` hides every sensitive member.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub sensitive: bool,
    /// The values the model allows (its `enum`): of the member's string, or of the elements of
    /// its list; empty when any string goes. Listed by `--help`, not checked: the service does.
    pub values: &'static [&'static str],
    /// The model's `min` where botocore checks it before sending: the least length of a string
    /// or a list, the least value of an integer.
    /// (u32: every `min` of the model is a small non-negative number, and the member table is
    /// the bulk of the binary's data.)
    pub min: Option<u32>,
}

/// One `aws cognito-idp` command and the operation behind it.
#[derive(Debug)]
pub(crate) struct OpSpec {
    /// The AWS CLI command name, e.g. `admin-initiate-auth`.
    pub command: &'static str,
    /// The API operation, e.g. `AdminInitiateAuth` (the `X-Amz-Target` suffix).
    pub operation: &'static str,
    /// False when the service takes the operation without SigV4 (model auth `none`).
    pub signed: bool,
    /// The input structure's members, in model order.
    pub input: &'static [Member],
    /// The output shape: the AWS CLI prints structure members in its order, drops members it
    /// does not know, and turns timestamps (epoch seconds on the wire) into ISO 8601.
    pub output: &'static Shape,
    /// How the AWS CLI pages through the answers (botocore's paginator), for `list-*` commands.
    pub paginator: Option<&'static Paginator>,
}

/// botocore's paginator of an operation, in the one form Cognito's all have: the answer's
/// `output_token` goes back as the request's `input_token` until it is absent, and the
/// `result_key` lists of all pages are concatenated; `limit_key` is the page size.
#[derive(Debug)]
pub(crate) struct Paginator {
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub limit_key: &'static str,
    pub result_key: &'static str,
}

impl Shape {
    /// What a value of this shape is called in error messages ("a string", "a list", ...).
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Shape::String => "a string",
            Shape::Integer | Shape::Long => "an integer",
            Shape::Boolean => "a boolean",
            Shape::Timestamp => "a timestamp",
            Shape::Blob => "binary data",
            Shape::List(_) => "a list",
            Shape::Map(_) => "a map",
            Shape::Structure(_) => "a structure",
            Shape::Document => "a JSON document",
        }
    }

    /// Whether the AWS CLI reads this shape with shorthand syntax: structures, maps and lists of
    /// those. A list of scalars takes one argv token per element and never splits on commas.
    pub(crate) fn takes_shorthand(&self) -> bool {
        match self {
            Shape::Structure(_) | Shape::Map(_) => true,
            Shape::List(element) => {
                matches!(element, Shape::Structure(_) | Shape::Map(_) | Shape::List(_))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static HEADER: Shape = Shape::Structure(&[Member {
        name: "headerName",
        option: "header-name",
        shape: &Shape::String,
        required: false,
        sensitive: false,
        values: &[],
        min: None,
    }]);
    static HEADERS: Shape = Shape::List(&HEADER);

    #[test]
    fn shorthand_applies_to_containers_of_containers_only() {
        assert!(HEADER.takes_shorthand());
        assert!(HEADERS.takes_shorthand());
        assert!(Shape::Map(&Shape::String).takes_shorthand());
        assert!(Shape::List(&Shape::List(&Shape::String)).takes_shorthand());
        assert!(!Shape::List(&Shape::String).takes_shorthand());
        assert!(!Shape::List(&Shape::Integer).takes_shorthand());
        assert!(!Shape::String.takes_shorthand());
        assert!(!Shape::Boolean.takes_shorthand());
    }

    #[test]
    fn descriptions_name_the_type() {
        assert_eq!(HEADERS.describe(), "a list");
        assert_eq!(HEADER.describe(), "a structure");
        assert_eq!(Shape::Long.describe(), "an integer");
    }
}
