//! A raw command: the request body as the options built it, sent as is, the answer printed
//! as the AWS CLI prints it.

use serde_json::Value;

use crate::api::paginate::Pager;
use crate::cli::{GlobalArgs, RawArgs};
use crate::config::{self, Env, Settings};
use crate::error::{Error, Result};
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
    let format = output_format(globals.output, &settings)?;
    let timestamps = settings.timestamp_format()?;
    if args.skeleton_output {
        // --generate-cli-skeleton output: the AWS CLI answers a stubbed call with the output
        // shape's skeleton and prints it as an answer; nothing is sent.
        let skeleton = match args.spec.output {
            crate::api::shape::Shape::Structure(members) => crate::api::skeleton::skeleton(members, true),
            _ => Value::Object(Default::default()),
        };
        return output::print_raw(&skeleton, args.spec, query.as_ref(), format, timestamps);
    }
    let client = Client::new(&settings)?;
    let (Some(paginator), Some(paging)) = (args.spec.paginator, &args.paging) else {
        let answer: Value = client.call_json(args.spec.operation, &Value::Object(args.body))?;
        client.leave_at_exit();
        return output::print_raw(&answer, args.spec, query.as_ref(), format, timestamps);
    };
    // The AWS CLI's paging: request after request with the answer's token, until the service
    // gives none or --max-items is reached; then everything is printed at once.
    let mut body = args.body;
    let mut pager = Pager::new(paginator, paging, &mut body).map_err(Error::usage)?;
    let mut pages = Vec::new();
    loop {
        let mut page: Value = client.call_json(args.spec.operation, &Value::Object(body.clone()))?;
        let more = pager.page(&mut page, &mut body).map_err(Error::bad_answer)?;
        pages.push(page);
        if !more {
            break;
        }
    }
    client.leave_at_exit();
    let how = output::Pages {
        spec: args.spec,
        paginator,
        resume_token: pager.resume_token.as_deref(),
    };
    output::print_pages(pages, how, query.as_ref(), format, timestamps)
}

/// `--output`, else `AWS_DEFAULT_OUTPUT`, else the profile's `output`, else json: the AWS CLI's
/// order. A value cogtok cannot print is refused before anything is sent.
fn output_format(flag: Option<RawOutput>, settings: &Settings) -> Result<RawOutput> {
    if let Some(f) = flag {
        return Ok(f);
    }
    match settings.default_output()? {
        None => Ok(RawOutput::Json),
        Some((value, from)) => match RawOutput::CHOICES.iter().find(|(word, _)| *word == value) {
            Some((_, f)) => Ok(*f),
            None => Err(Error::config(format!(
                "invalid output {} in {from}: expected json, text or table",
                crate::quote::quoted(&value)
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    fn settings(pairs: &[(&str, &str)]) -> Settings {
        let mut all = vec![("HOME", "/nonexistent"), ("AWS_REGION", "us-east-1")];
        all.extend_from_slice(pairs);
        Settings::resolve(&Overrides::default(), Env::from_pairs(&all), None).unwrap()
    }

    #[test]
    fn output_is_the_flag_then_the_environment_then_json() {
        let env_table = settings(&[("AWS_DEFAULT_OUTPUT", "table")]);
        assert_eq!(
            output_format(Some(RawOutput::Text), &env_table).unwrap(),
            RawOutput::Text
        );
        assert_eq!(output_format(None, &env_table).unwrap(), RawOutput::Table);
        assert_eq!(output_format(None, &settings(&[])).unwrap(), RawOutput::Json);
        // An empty variable is unset, as in the AWS CLI.
        assert_eq!(
            output_format(None, &settings(&[("AWS_DEFAULT_OUTPUT", "")])).unwrap(),
            RawOutput::Json
        );
    }

    #[test]
    fn an_output_cogtok_cannot_print_is_refused_before_sending() {
        let err = output_format(None, &settings(&[("AWS_DEFAULT_OUTPUT", "yaml")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid output \"yaml\" in AWS_DEFAULT_OUTPUT: expected json, text or table"
        );
        // The flag wins over a bad variable, as it replaces it.
        let bad = settings(&[("AWS_DEFAULT_OUTPUT", "yaml")]);
        assert_eq!(output_format(Some(RawOutput::Json), &bad).unwrap(), RawOutput::Json);
    }
}
