//! A raw command: the request body as the options built it, sent as is, the answer printed
//! as the AWS CLI prints it.

use serde_json::Value;

use crate::cli::{GlobalArgs, RawArgs};
use crate::config::{self, Env, Settings};
use crate::error::Result;
use crate::output;
use crate::output::RawOutput;
use crate::transport::Client;

pub(super) fn run(globals: &GlobalArgs, args: RawArgs, env: Env) -> Result<()> {
    let pool_id = args.body.get("UserPoolId").and_then(Value::as_str).map(str::to_string);
    if let Some(p) = &pool_id {
        config::check_pool_id(p)?;
    }
    let query = globals.query.as_deref().map(output::parse_query).transpose()?;
    let settings = Settings::resolve(&globals.overrides, env, pool_id.as_deref())?;
    let timestamps = settings.timestamp_format()?;
    let answer: Value = if args.skeleton_output {
        // --generate-cli-skeleton output: the AWS CLI answers a stubbed call with the output
        // shape's skeleton and prints it as an answer; nothing is sent.
        match args.spec.output {
            crate::api::shape::Shape::Structure(members) => crate::api::skeleton::skeleton(members, true),
            _ => Value::Object(Default::default()),
        }
    } else {
        let client = Client::new(&settings)?;
        client.call_json(args.spec.operation, &Value::Object(args.body))?
    };
    output::print_raw(
        &answer,
        args.spec.output,
        query.as_ref(),
        globals.output.unwrap_or(RawOutput::Json),
        timestamps,
    )
}
