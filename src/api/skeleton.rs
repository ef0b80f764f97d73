//! `--generate-cli-skeleton`: botocore's `ArgumentGenerator` over the model tables. For the
//! input, empty strings, 0, true, one element per list and a `KeyName` entry per map; for the
//! output (`use_member_names`), each string is its member's name.
//!
//! One deliberate difference: botocore picks an enum's value with `random.choice`, so its
//! skeleton changes from run to run; cogtok always takes the first value the model lists.

use serde_json::{Map, Value};

use super::shape::{Member, Shape};

/// The skeleton of a structure's `members`; `member_names` as for an output skeleton.
pub(crate) fn skeleton(members: &[Member], member_names: bool) -> Value {
    let mut out = Map::new();
    for m in members {
        out.insert(m.name.to_string(), value(m.shape, m.values, m.name, member_names));
    }
    Value::Object(out)
}

fn value(shape: &Shape, values: &[&str], name: &str, member_names: bool) -> Value {
    match shape {
        Shape::Structure(members) => skeleton(members, member_names),
        // A document is a structure without members to botocore: `{}`.
        Shape::Document => Value::Object(Map::new()),
        // botocore names a list's elements by their shape's name, which the tables do not keep.
        Shape::List(element) => Value::Array(vec![value(element, values, "", member_names)]),
        Shape::Map(v) => {
            let mut map = Map::new();
            map.insert("KeyName".to_string(), value(v, &[], "", member_names));
            Value::Object(map)
        }
        Shape::String if member_names => Value::String(name.to_string()),
        Shape::String => Value::String(values.first().copied().unwrap_or_default().to_string()),
        Shape::Integer | Shape::Long => Value::from(0),
        Shape::Boolean => Value::Bool(true),
        // botocore's naive datetime(1970, 1, 1), which the AWS CLI prints without an offset.
        Shape::Timestamp => Value::String("1970-01-01T00:00:00".to_string()),
        Shape::Blob => Value::String(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops;
    use serde_json::json;

    /// `aws cognito-idp admin-create-user --generate-cli-skeleton` (AWS CLI v1.45), with the
    /// first enum values where botocore picks one at random.
    #[test]
    fn the_input_skeleton_is_botocores() {
        let spec = ops::find("admin-create-user").unwrap();
        assert_eq!(
            skeleton(spec.input, false),
            json!({
                "UserPoolId": "", "Username": "",
                "UserAttributes": [{"Name": "", "Value": ""}],
                "ValidationData": [{"Name": "", "Value": ""}],
                "TemporaryPassword": "", "ForceAliasCreation": true, "MessageAction": "RESEND",
                "DesiredDeliveryMediums": ["SMS"], "ClientMetadata": {"KeyName": ""}
            })
        );
    }
}
