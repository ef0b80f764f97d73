//! Shapes a service answer the way the AWS CLI prints it: botocore parses the answer by the
//! operation's output shape, so structure members come out in model order, members the model
//! does not know are dropped, map entries keep the service's order, and timestamps (epoch
//! seconds on the wire) become ISO 8601 strings, unless `cli_timestamp_format` is `wire`.

use serde_json::{Map, Value};

use crate::api::shape::Shape;
use crate::clock::iso8601_from_unix;
use crate::config::TimestampFormat;

pub(crate) fn reshape(value: &Value, shape: &Shape, timestamps: TimestampFormat) -> Value {
    match (shape, value) {
        (Shape::Structure(members), Value::Object(map)) => {
            let mut out = Map::new();
            for m in members.iter() {
                if let Some(v) = map.get(m.name) {
                    out.insert(m.name.to_string(), reshape(v, m.shape, timestamps));
                }
            }
            Value::Object(out)
        }
        (Shape::Map(values), Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), reshape(v, values, timestamps)))
                .collect(),
        ),
        (Shape::List(element), Value::Array(items)) => {
            Value::Array(items.iter().map(|v| reshape(v, element, timestamps)).collect())
        }
        (Shape::Timestamp, Value::Number(n)) if timestamps == TimestampFormat::Iso8601 => {
            match n.as_f64().and_then(iso8601_from_unix) {
                Some(s) => Value::String(s),
                None => value.clone(),
            }
        }
        // A value of another type than the model says is shown as sent rather than lost.
        _ => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops;
    use serde_json::json;

    #[test]
    fn model_order_unknown_members_dropped_timestamps_converted() {
        let spec = ops::find("admin-get-user").unwrap();
        // The service sends members alphabetically, and may add members newer than the model.
        let answer = json!({
            "Enabled": true, "MFAOptions": [], "UserAttributes": [{"Value": "a@b.c", "Name": "email"}],
            "UserCreateDate": 1.764e9, "UserLastModifiedDate": 1764000000.5, "UserStatus": "CONFIRMED",
            "Username": "alice", "SomethingNew": 1
        });
        let shown = reshape(&answer, spec.output, TimestampFormat::Iso8601);
        assert_eq!(
            serde_json::to_string(&shown).unwrap(),
            r#"{"Username":"alice","UserAttributes":[{"Name":"email","Value":"a@b.c"}],"UserCreateDate":"2025-11-24T16:00:00+00:00","UserLastModifiedDate":"2025-11-24T16:00:00.500000+00:00","Enabled":true,"UserStatus":"CONFIRMED","MFAOptions":[]}"#
        );
    }

    #[test]
    fn wire_timestamps_are_printed_as_sent() {
        let spec = ops::find("admin-get-user").unwrap();
        let answer = json!({"UserCreateDate": 1764000000.5, "Username": "alice"});
        assert_eq!(
            serde_json::to_string(&reshape(&answer, spec.output, TimestampFormat::Wire)).unwrap(),
            r#"{"Username":"alice","UserCreateDate":1764000000.5}"#
        );
    }

    #[test]
    fn maps_keep_the_service_order() {
        let spec = ops::find("initiate-auth").unwrap();
        let answer = json!({"ChallengeParameters": {"z": "1", "a": "2"}, "ChallengeName": "CUSTOM_CHALLENGE"});
        assert_eq!(
            serde_json::to_string(&reshape(&answer, spec.output, TimestampFormat::Iso8601)).unwrap(),
            r#"{"ChallengeName":"CUSTOM_CHALLENGE","ChallengeParameters":{"z":"1","a":"2"}}"#
        );
    }
}
