//! `cogtok user ensure|delete`: a test user that exists with a permanent password (so CI never
//! meets NEW_PASSWORD_REQUIRED), or that is gone. Both are idempotent.

use serde_json::json;

use super::Identity;
use crate::auth::secret_sources::{self, PASSWORD};
use crate::auth::user_admin::{self, EnsureUser};
use crate::cli::{GlobalArgs, UserAction, UserArgs};
use crate::config::{Env, Settings};
use crate::error::Result;
use crate::output;
use crate::transport::Client;

pub(super) fn run(globals: &GlobalArgs, args: UserArgs, env: Env) -> Result<()> {
    let identity = Identity::resolve(&args.user_pool_id, &None, &args.username, &env)?;
    let pool = identity.user_pool_id()?;
    let username = identity.username()?;
    let settings = Settings::resolve(&globals.overrides, env, Some(&pool))?;
    let client = Client::new(&settings)?;
    let answer = match args.action {
        UserAction::Ensure => {
            let password = secret_sources::read_required(args.password.as_ref(), &PASSWORD, &settings.env, &username)?;
            client.prepare_for("AdminGetUser")?;
            let ensure = EnsureUser {
                pool: &pool,
                username: &username,
                password: &password,
                attributes: &args.attributes,
            };
            let created = client.block_on(ensure.run(&client))?;
            json!({"Username": username, "Created": created})
        }
        UserAction::Delete => {
            client.prepare_for("AdminDeleteUser")?;
            let deleted = client.block_on(user_admin::delete(&client, &pool, &username))?;
            json!({"Username": username, "Deleted": deleted})
        }
    };
    output::write_stdout(&output::to_pretty_json(&answer)?)
}
