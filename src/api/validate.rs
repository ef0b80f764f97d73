//! The checks botocore makes on a request before sending it (`botocore/validate.py`): required
//! members at every depth, and the model's `min` on a string's or a list's length and on an
//! integer's value. Not `max`, `pattern` or `enum`: botocore leaves those to the service, and
//! checking them here would refuse requests the AWS CLI sends.
//!
//! The messages are botocore's, word for word, with its names for where the value is
//! (`UserAttributes[0].Name`, `AuthParameters.USERNAME`); they quote lengths and numbers, never
//! a string value, which may be a secret.

use serde_json::{Map, Value};

use super::shape::{Member, Shape};

/// Every problem botocore would report for `body`, the input of an operation whose members are
/// `input`, in botocore's order: the top-level members in model order (as the AWS CLI builds
/// the request), nested members in the order they were given.
pub(crate) fn validate(input: &[Member], body: &Map<String, Value>) -> Vec<String> {
    let mut errors = Vec::new();
    for m in input.iter().filter(|m| m.required && !body.contains_key(m.name)) {
        errors.push(format!("Missing required parameter in input: \"{}\"", m.name));
    }
    for m in input {
        if let Some(v) = body.get(m.name) {
            check_member(m, v, m.name, &mut errors);
        }
    }
    errors
}

fn check_member(member: &Member, value: &Value, name: &str, errors: &mut Vec<String>) {
    if let Some(min) = member.min.map(i64::from) {
        // botocore's two wordings: a length for strings and lists, a value for numbers.
        let below = match (member.shape, value) {
            (Shape::String, Value::String(s)) => {
                let n = s.chars().count();
                ((n as i64) < min).then(|| ("Invalid length", n.to_string(), "length"))
            }
            (Shape::List(_), Value::Array(items)) => {
                ((items.len() as i64) < min).then(|| ("Invalid length", items.len().to_string(), "length"))
            }
            (Shape::Integer | Shape::Long, Value::Number(n)) => n
                .as_f64()
                .filter(|v| *v < min as f64)
                .map(|_| ("Invalid value", n.to_string(), "value")),
            _ => None,
        };
        if let Some((invalid, shown, kind)) = below {
            errors.push(format!(
                "{invalid} for parameter {name}, value: {shown}, valid min {kind}: {min}"
            ));
        }
    }
    check_shape(member.shape, value, name, errors);
}

fn check_shape(shape: &Shape, value: &Value, name: &str, errors: &mut Vec<String>) {
    match (shape, value) {
        (Shape::Structure(members), Value::Object(map)) => {
            for m in members.iter().filter(|m| m.required && !map.contains_key(m.name)) {
                errors.push(format!("Missing required parameter in {name}: \"{}\"", m.name));
            }
            for (key, v) in map {
                if let Some(m) = members.iter().find(|m| m.name == key) {
                    check_member(m, v, &format!("{name}.{key}"), errors);
                }
            }
        }
        (Shape::List(element), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                check_shape(element, v, &format!("{name}[{i}]"), errors);
            }
        }
        (Shape::Map(values), Value::Object(map)) => {
            for (key, v) in map {
                check_shape(values, v, &format!("{name}.{key}"), errors);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops;
    use serde_json::json;

    fn problems(command: &str, body: Value) -> Vec<String> {
        let Value::Object(body) = body else { unreachable!() };
        validate(ops::find(command).unwrap().input, &body)
    }

    /// The expected lines are the AWS CLI's (v1.45 in .venv; v2 has the same validator), e.g.
    /// `aws cognito-idp respond-to-auth-challenge --session abc --challenge-name SMS_MFA
    /// --client-id ""`.
    #[test]
    fn lengths_below_the_models_min_are_reported_as_botocore_does() {
        assert_eq!(
            problems(
                "respond-to-auth-challenge",
                json!({"Session": "abc", "ChallengeName": "SMS_MFA", "ClientId": ""})
            ),
            [
                "Invalid length for parameter ClientId, value: 0, valid min length: 1",
                "Invalid length for parameter Session, value: 3, valid min length: 20",
            ]
        );
        assert_eq!(
            problems("admin-get-user", json!({"UserPoolId": "us-east-1_A", "Username": ""})),
            ["Invalid length for parameter Username, value: 0, valid min length: 1"]
        );
        assert_eq!(
            problems(
                "admin-create-user",
                json!({"UserPoolId": "us-east-1_A", "Username": "u", "UserAttributes": [{"Name": "", "Value": "x"}]})
            ),
            ["Invalid length for parameter UserAttributes[0].Name, value: 0, valid min length: 1"]
        );
        assert!(problems(
            "verify-software-token",
            json!({"UserCode": "123456", "Session": "s".repeat(20)})
        )
        .is_empty());
    }

    #[test]
    fn required_members_are_checked_at_every_depth() {
        assert_eq!(
            problems(
                "admin-create-user",
                json!({"UserPoolId": "us-east-1_A", "Username": "u", "UserAttributes": [{"Value": "x"}]})
            ),
            ["Missing required parameter in UserAttributes[0]: \"Name\""]
        );
        assert_eq!(
            problems("get-user", json!({})),
            ["Missing required parameter in input: \"AccessToken\""]
        );
    }

    #[test]
    fn no_string_value_is_ever_quoted() {
        let secret = "hunter2SECRET";
        let all = problems(
            "revoke-token",
            json!({"Token": secret, "ClientId": "c", "ClientSecret": secret}),
        );
        assert_eq!(
            all,
            ["Invalid length for parameter ClientSecret, value: 13, valid min length: 24"]
        );
    }
}
