//! Parsing of the raw commands (`cogtok admin-initiate-auth …`): the AWS CLI's option names,
//! generated from the API model (`ops.rs`), into the JSON request body.

use lexopt::prelude::*;
use serde_json::{Map, Value};

use super::{help, params, unknown_option, Command, GlobalArgs, Parsed};
use crate::api::paginate::PageOptions;
use crate::api::shape::OpSpec;
use crate::api::shape::Shape;
use crate::error::{Error, Result};

#[derive(Debug)]
pub(crate) struct RawArgs {
    pub(crate) spec: &'static OpSpec,
    /// The request body, members in the order the options were given.
    pub(crate) body: Map<String, Value>,
    /// `--generate-cli-skeleton output`: print the output shape's skeleton, send nothing.
    pub(crate) skeleton_output: bool,
    /// Set when the command pages as the AWS CLI does (it has a paginator, and neither
    /// `--no-paginate` nor its own token or limit option was given): the paging options.
    pub(crate) paging: Option<PageOptions>,
}

pub(super) fn parse(spec: &'static OpSpec, mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut body = Map::new();
    let mut skeleton: Option<Map<String, Value>> = None;
    let mut generate: Option<bool> = None;
    let mut paging = PageOptions::default();
    // Options of the command that the AWS CLI adds to paginated operations.
    let mut paging_given: Vec<&str> = Vec::new();
    let mut manual_paging = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help(help::raw_help(spec))),
            Value(v) if v == "help" => return Ok(Parsed::Help(help::raw_help(spec))),
            Long(name) => {
                let name = name.to_string();
                if globals.take(&name, &mut parser, true)? {
                    continue;
                }
                if name == "generate-cli-skeleton" {
                    generate = Some(skeleton_for_output(&mut parser)?);
                    continue;
                }
                if name == "cli-input-json" {
                    skeleton = Some(cli_input_json(&parser.value()?.string()?)?);
                    continue;
                }
                if spec.paginator.is_some() {
                    // The AWS CLI's own options of a paginated command, as botocore names them.
                    let given = match name.as_str() {
                        "max-items" => {
                            paging.max_items = Some(page_number(&name, &mut parser)?);
                            "--max-items"
                        }
                        "page-size" => {
                            paging.page_size = Some(page_number(&name, &mut parser)?);
                            "--page-size"
                        }
                        "starting-token" => {
                            paging.starting_token = Some(parser.value()?.string()?);
                            "--starting-token"
                        }
                        _ => "",
                    };
                    if !given.is_empty() {
                        paging_given.push(given);
                        continue;
                    }
                }
                let (member, negated) = match find_member(spec, &name) {
                    Some(found) => found,
                    None => return Err(unknown_option(&name, Some(spec.command))),
                };
                let value = if matches!(member.shape, Shape::Boolean) {
                    Value::Bool(!negated)
                } else {
                    let raw: Vec<String> = if matches!(member.shape, Shape::List(_)) {
                        parser.values()?.map(|v| v.string()).collect::<Result<_, _>>()?
                    } else {
                        vec![parser.value()?.string()?]
                    };
                    params::member_value(member.shape, &raw)
                        .map_err(|e| Error::usage(format!("error parsing parameter '--{}': {e}", member.option)))?
                };
                if spec
                    .paginator
                    .is_some_and(|p| member.name == p.input_token || member.name == p.limit_key)
                {
                    // The service's own token or limit given: the AWS CLI then makes one call,
                    // as with --no-paginate.
                    manual_paging = true;
                }
                body.insert(member.name.to_string(), value);
            }
            Value(v) => {
                return Err(Error::usage(format!(
                    "unexpected argument {} for {}: run `cogtok {} --help`",
                    crate::quote::quoted_os(&v),
                    spec.command,
                    spec.command
                )))
            }
            _ => return Err(arg.unexpected().into()),
        }
    }
    // The input skeleton needs no option at all, as in the AWS CLI; the output one is printed
    // where the answer would be, after the same checks as a real call.
    if generate == Some(false) {
        let text = crate::output::to_pretty_json(&crate::api::skeleton::skeleton(spec.input, false))?;
        return Ok(Parsed::Help(String::from_utf8_lossy(&text).into_owned()));
    }
    // Options given on the command line win over --cli-input-json, as in the AWS CLI.
    let from_json = skeleton.is_some();
    let mut unknown = Vec::new();
    if let Some(base) = skeleton {
        let (mut base, strangers) = check_input_json(spec, base)?;
        unknown = strangers;
        base.extend(body);
        body = base;
    }
    let missing: Vec<String> = spec
        .input
        .iter()
        .filter(|m| m.required && !body.contains_key(m.name))
        .map(|m| format!("--{}", m.option))
        .collect();
    // With --cli-input-json the AWS CLI leaves the required members to botocore's validation
    // below, which words them `Missing required parameter in input: "Username"`.
    if !missing.is_empty() && !from_json {
        return Err(Error::usage(format!(
            "the following arguments are required for {}: {}",
            spec.command,
            missing.join(", ")
        )));
    }
    // botocore's checks before sending (required members inside structures, the model's
    // minimum lengths): its lines, joined into cogtok's one line, and exit 252 as in AWS CLI v2.
    let mut problems = crate::api::validate::validate(spec.input, &body);
    // botocore names the members --cli-input-json has in excess after the missing ones.
    let at = problems
        .iter()
        .take_while(|p| p.starts_with("Missing required parameter in input"))
        .count();
    problems.splice(at..at, unknown);
    if !problems.is_empty() {
        return Err(Error::usage(format!(
            "Parameter validation failed: {}",
            problems.join("; ")
        )));
    }
    let pages = spec.paginator.is_some() && !globals.no_paginate && !manual_paging;
    if !pages && !paging_given.is_empty() {
        // Named in botocore's order, whatever the order given.
        let named: Vec<&str> = ["--starting-token", "--page-size", "--max-items"]
            .into_iter()
            .filter(|o| paging_given.contains(o))
            .collect();
        return Err(Error::usage(format!(
            "Cannot specify --no-paginate along with pagination arguments: {}",
            named.join(", ")
        )));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::Raw(RawArgs {
            spec,
            body,
            skeleton_output: generate == Some(true),
            paging: pages.then_some(paging),
        }),
    })
}

/// `--generate-cli-skeleton [input|output]` (`input` when no value follows): true for output.
fn skeleton_for_output(parser: &mut lexopt::Parser) -> Result<bool> {
    let value = match parser.optional_value() {
        Some(v) => Some(v.string()?),
        None => match parser.try_raw_args() {
            // argparse takes the next word as the value unless it looks like an option, so a
            // wrong one is an invalid choice (there are no positional arguments to leave it to).
            Some(mut raw) => match raw.peek().and_then(|v| v.to_str()) {
                Some(v) if !v.starts_with('-') => {
                    let v = v.to_string();
                    raw.next();
                    Some(v)
                }
                _ => None,
            },
            None => None,
        },
    };
    match value.as_deref() {
        None | Some("input") => Ok(false),
        Some("output") => Ok(true),
        Some(other) => Err(Error::usage(format!(
            "argument --generate-cli-skeleton: invalid choice: {} (choose from 'input', 'output')",
            crate::quote::quoted(other)
        ))),
    }
}

/// `--max-items N` or `--page-size N`: an integer, as Python's `int()` reads it.
fn page_number(name: &str, parser: &mut lexopt::Parser) -> Result<i64> {
    let raw = parser.value()?.string()?;
    match raw.trim().parse::<i64>() {
        Ok(n) => Ok(n),
        Err(_) => Err(Error::usage(format!(
            "argument --{name}: invalid int value: '{}'",
            crate::quote::shortened(&raw)
        ))),
    }
}

/// The member an option names: `--permanent` or `--no-permanent` for booleans.
fn find_member(spec: &OpSpec, name: &str) -> Option<(&'static crate::api::shape::Member, bool)> {
    if let Some(m) = spec.input.iter().find(|m| m.option == name) {
        return Some((m, false));
    }
    let positive = name.strip_prefix("no-")?;
    spec.input
        .iter()
        .find(|m| m.option == positive && matches!(m.shape, Shape::Boolean))
        .map(|m| (m, true))
}

/// Every member of `--cli-input-json` must be one of the operation's, of the right type: the
/// AWS CLI refuses anything else before sending, and so does cogtok. The members it does not
/// know come back as botocore's validation lines (`Unknown parameter in input: "Bogus", must be
/// one of: …`), reported with the other problems of the request.
fn check_input_json(spec: &OpSpec, input: Map<String, Value>) -> Result<(Map<String, Value>, Vec<String>)> {
    let mut checked = Map::new();
    let mut unknown = Vec::new();
    for (name, value) in input {
        let Some(member) = spec.input.iter().find(|m| m.name == name) else {
            let known: Vec<&str> = spec.input.iter().map(|m| m.name).collect();
            unknown.push(format!(
                "Unknown parameter in input: {}, must be one of: {}",
                crate::quote::quoted(&name),
                known.join(", ")
            ));
            continue;
        };
        let value = params::validate_json(member.shape, value)
            .map_err(|e| Error::usage(format!("error parsing parameter '--cli-input-json': {name}: {e}")))?;
        checked.insert(name, value);
    }
    Ok((checked, unknown))
}

/// `--cli-input-json '{...}'` or `file://request.json`: the whole request as JSON.
fn cli_input_json(raw: &str) -> Result<Map<String, Value>> {
    let text = match raw.strip_prefix("file://") {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            Error::usage(format!(
                "error parsing parameter '--cli-input-json': cannot read {}: {e}",
                crate::quote::quoted(path)
            ))
        })?,
        None => raw.to_string(),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::usage(
            "error parsing parameter '--cli-input-json': expected a JSON object",
        )),
        Err(e) => Err(Error::usage(format!(
            "error parsing parameter '--cli-input-json': invalid JSON: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;
    use serde_json::json;

    fn body(args: &[&str]) -> Value {
        match parse_cli(args.iter().copied()) {
            Ok(Parsed::Run {
                command: Command::Raw(raw),
                ..
            }) => Value::Object(raw.body),
            other => panic!("{args:?}: {other:?}"),
        }
    }

    fn usage_error(args: &[&str]) -> String {
        match parse_cli(args.iter().copied()) {
            Err(e) if e.exit_code() == 252 => e.to_string(),
            other => panic!("{args:?} should be a usage error: {other:?}"),
        }
    }

    #[test]
    fn the_seed_story_parses_like_the_aws_cli() {
        let b = body(&[
            "admin-initiate-auth",
            "--user-pool-id",
            "us-east-1_Abc",
            "--client-id",
            "client1",
            "--auth-flow",
            "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters",
            "USERNAME=alice,PASSWORD=Temp=Passw0rd!",
        ]);
        assert_eq!(
            b,
            json!({"UserPoolId": "us-east-1_Abc", "ClientId": "client1", "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                   "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Temp=Passw0rd!"}})
        );
        let b = body(&[
            "admin-respond-to-auth-challenge",
            "--user-pool-id",
            "us-east-1_Abc",
            "--client-id",
            "c",
            "--challenge-name",
            "NEW_PASSWORD_REQUIRED",
            "--challenge-responses",
            r#"{"NEW_PASSWORD":"N3w,pass","USERNAME":"alice"}"#,
            "--session",
            "AYABeE0123456789abcdef=",
        ]);
        assert_eq!(
            b["ChallengeResponses"],
            json!({"NEW_PASSWORD": "N3w,pass", "USERNAME": "alice"})
        );
        assert_eq!(b["Session"], json!("AYABeE0123456789abcdef="));
    }

    #[test]
    fn lists_booleans_and_negations() {
        let b = body(&[
            "admin-create-user",
            "--user-pool-id",
            "us-east-1_Abc",
            "--username",
            "bob",
            "--user-attributes",
            "Name=email,Value=bob@example.com",
            "Name=email_verified,Value=true",
            "--message-action",
            "SUPPRESS",
            "--desired-delivery-mediums",
            "EMAIL",
            "SMS",
            "--force-alias-creation",
        ]);
        assert_eq!(
            b["UserAttributes"],
            json!([{"Name": "email", "Value": "bob@example.com"}, {"Name": "email_verified", "Value": "true"}])
        );
        assert_eq!(b["DesiredDeliveryMediums"], json!(["EMAIL", "SMS"]));
        assert_eq!(b["ForceAliasCreation"], json!(true));
        let b = body(&[
            "admin-set-user-password",
            "--user-pool-id",
            "us-east-1_Abc",
            "--username",
            "bob",
            "--password",
            "P",
            "--no-permanent",
        ]);
        assert_eq!(b["Permanent"], json!(false));
    }

    #[test]
    fn cli_input_json_is_overridden_by_options() {
        let b = body(&[
            "admin-get-user",
            "--cli-input-json",
            r#"{"UserPoolId":"us-east-1_Abc","Username":"from-json"}"#,
            "--username",
            "from-flag",
        ]);
        assert_eq!(b, json!({"UserPoolId": "us-east-1_Abc", "Username": "from-flag"}));
    }

    #[test]
    fn a_comma_without_a_key_after_it_is_refused_for_a_string_value() {
        // `PASSWORD=Temp,w0rd` makes PASSWORD a list in the AWS CLI's shorthand, which a map of
        // strings cannot take: the AWS CLI refuses it too. Quote the value or use JSON.
        let e = usage_error(&[
            "initiate-auth",
            "--client-id",
            "c",
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--auth-parameters",
            "USERNAME=a,PASSWORD=Temp,w0rd",
        ]);
        assert!(e.starts_with("error parsing parameter '--auth-parameters'"), "{e}");
        assert!(!e.contains("w0rd"), "the value must not be echoed: {e}");
        let b = body(&[
            "initiate-auth",
            "--client-id",
            "c",
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--auth-parameters",
            "USERNAME=a,PASSWORD='Temp,w0rd'",
        ]);
        assert_eq!(b["AuthParameters"], json!({"USERNAME": "a", "PASSWORD": "Temp,w0rd"}));
    }

    #[test]
    fn cli_input_json_is_checked_against_the_model() {
        let e = usage_error(&[
            "get-user",
            "--cli-input-json",
            r#"{"AccessToken":"t","Bogus":{"PASSWORD":["x"]}}"#,
        ]);
        assert_eq!(
            e,
            "Parameter validation failed: Unknown parameter in input: \"Bogus\", must be one of: AccessToken"
        );
        // The missing members first, then the unknown ones, as botocore lists them.
        let e = usage_error(&[
            "admin-get-user",
            "--cli-input-json",
            r#"{"UserPoolId": "us-east-1_a", "Bogus": 1}"#,
        ]);
        assert_eq!(
            e,
            "Parameter validation failed: Missing required parameter in input: \"Username\"; \
             Unknown parameter in input: \"Bogus\", must be one of: UserPoolId, Username"
        );
        let e = usage_error(&[
            "respond-to-auth-challenge",
            "--cli-input-json",
            r#"{"ClientId":"c","ChallengeName":"SMS_MFA","ChallengeResponses":{"SMS_MFA_CODE":123456}}"#,
        ]);
        assert!(e.contains("ChallengeResponses"), "{e}");
        assert!(!e.contains("123456"), "{e}");
    }

    /// argparse takes the word after `--generate-cli-skeleton` as its value unless it is an
    /// option: a wrong one is an invalid choice, not a stray argument.
    #[test]
    fn a_wrong_skeleton_kind_is_an_invalid_choice() {
        let e = usage_error(&[
            "list-users",
            "--user-pool-id",
            "us-east-1_a",
            "--generate-cli-skeleton",
            "sideways",
        ]);
        assert!(
            e.starts_with("argument --generate-cli-skeleton: invalid choice: \"sideways\""),
            "{e}"
        );
    }

    /// The AWS CLI's lines (botocore's validator), joined with "; " into one.
    #[test]
    fn values_the_model_refuses_are_refused_before_sending() {
        let e = usage_error(&[
            "respond-to-auth-challenge",
            "--client-id",
            "",
            "--challenge-name",
            "SMS_MFA",
            "--session",
            "abc",
        ]);
        assert_eq!(
            e,
            "Parameter validation failed: Invalid length for parameter ClientId, value: 0, valid min length: 1; \
             Invalid length for parameter Session, value: 3, valid min length: 20"
        );
        let e = usage_error(&["admin-get-user", "--user-pool-id", "us-east-1_A", "--username", ""]);
        assert_eq!(
            e,
            "Parameter validation failed: Invalid length for parameter Username, value: 0, valid min length: 1"
        );
    }

    #[test]
    fn missing_and_unknown_options_are_named() {
        let e = usage_error(&["admin-initiate-auth", "--client-id", "c"]);
        assert!(
            e.contains("--user-pool-id") && e.contains("--auth-flow") && !e.contains("--client-id"),
            "{e}"
        );
        let e = usage_error(&["get-user", "--access-token", "t", "--frob", "x"]);
        assert!(e.contains("unknown option --frob for get-user"), "{e}");
        let e = usage_error(&["get-user", "stray"]);
        assert!(e.contains("unexpected argument \"stray\""), "{e}");
        let e = usage_error(&["get-user", "--access-token"]);
        assert!(e.contains("--access-token"), "{e}");
    }
}
