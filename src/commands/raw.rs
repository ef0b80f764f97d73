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
    let client = Client::new(&settings)?;
    let format = globals.output.unwrap_or(RawOutput::Json);
    let (Some(paginator), Some(paging)) = (args.spec.paginator, &args.paging) else {
        let answer: Value = client.call_json(args.spec.operation, &Value::Object(args.body))?;
        return output::print_raw(&answer, args.spec.output, query.as_ref(), format);
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
    let resume = pager.resume_token.as_deref();
    output::print_pages(pages, paginator, resume, args.spec.output, query.as_ref(), format)
}
