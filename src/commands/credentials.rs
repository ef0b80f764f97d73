//! `cogtok credentials`: resolves the credential chain as a signed request would, and prints
//! which provider answered and when its credentials expire. Never the keys: the output is safe
//! for a CI log.

use serde_json::json;

use crate::cli::GlobalArgs;
use crate::config::{Env, Settings};
use crate::credentials::{self, Context};
use crate::error::Result;
use crate::http::Agent;
use crate::output;

pub(super) fn run(globals: &GlobalArgs, env: Env) -> Result<()> {
    let settings = Settings::resolve(&globals.overrides, env, None)?;
    let agent = Agent::new(&settings)?;
    let resolved = credentials::resolve(&Context {
        settings: &settings,
        agent: &agent,
    })?;
    let expiration = resolved
        .credentials
        .expiry()
        .and_then(|at| crate::clock::iso8601_from_unix(crate::clock::unix_seconds(at) as f64));
    let answer = json!({
        "Provider": resolved.provider,
        "Region": settings.region,
        "Expiration": expiration,
    });
    output::write_stdout(&output::to_pretty_json(&answer)?)
}
