//! `cogtok user ensure|delete`: a test user that exists with a permanent password (so CI never
//! meets NEW_PASSWORD_REQUIRED), or that is gone. Both are idempotent.

use serde_json::{json, Value};

use super::Identity;
use crate::auth::secret_sources::{self, PASSWORD};
use crate::cli::{GlobalArgs, UserAction, UserArgs};
use crate::config::{Env, Settings};
use crate::error::{Error, Result};
use crate::output;
use crate::transport::Client;

pub(super) fn run(globals: &GlobalArgs, args: UserArgs, env: Env) -> Result<()> {
    let identity = Identity::resolve(&args.user_pool_id, &None, &args.username, &env)?;
    let pool = identity.user_pool_id()?;
    let username = identity.username()?;
    let settings = Settings::resolve(&globals.overrides, env, Some(&pool))?;
    let answer = match args.action {
        UserAction::Ensure => {
            let password = secret_sources::read_required(args.password.as_ref(), &PASSWORD, &settings.env, &username)?;
            let client = Client::new(&settings)?;
            let attributes: Vec<Value> = args
                .attributes
                .iter()
                .map(|(n, v)| json!({"Name": n, "Value": v}))
                .collect();
            // Look first rather than create and read the error: with an email as username, a
            // second AdminCreateUser can fail on the alias (AliasExistsException) before it
            // reaches UsernameExistsException, and the two do not mean the same thing.
            let current =
                match client.call_json::<Value>("AdminGetUser", &json!({"UserPoolId": pool, "Username": username})) {
                    Ok(user) => Some(user),
                    Err(Error::Service { code, .. }) if code == "UserNotFoundException" => None,
                    Err(e) => return Err(e),
                };
            let mut created = current.is_none();
            if let Some(user) = current {
                // Only what differs: rewriting an email, even to itself, can reset its
                // verification, and is a needless change for an idempotent command.
                let changed: Vec<Value> = args
                    .attributes
                    .iter()
                    .filter(|(name, value)| current_attribute(&user, name) != Some(value.as_str()))
                    .map(|(n, v)| json!({"Name": n, "Value": v}))
                    .collect();
                if !changed.is_empty() {
                    client.call_json::<Value>(
                        "AdminUpdateUserAttributes",
                        &json!({"UserPoolId": pool, "Username": username, "UserAttributes": changed}),
                    )?;
                }
            } else {
                let create = json!({
                    "UserPoolId": pool,
                    "Username": username,
                    // The seed's "don't send an invitation": a test user gets no email or SMS.
                    "MessageAction": "SUPPRESS",
                    "TemporaryPassword": password.expose(),
                    "UserAttributes": attributes,
                });
                match client.call_json::<Value>("AdminCreateUser", &create) {
                    Ok(_) => {}
                    // A parallel CI step created it between the look and the create: fine.
                    Err(Error::Service { code, .. }) if code == "UsernameExistsException" => created = false,
                    Err(e) => return Err(e),
                }
            }
            // Permanent: the user is CONFIRMED and signs in without NEW_PASSWORD_REQUIRED.
            let set = client.call_json::<Value>(
                "AdminSetUserPassword",
                &json!({"UserPoolId": pool, "Username": username, "Password": password.expose(), "Permanent": true}),
            );
            match set {
                Ok(_) => {}
                // A pool with a password history refuses to set the same password again: for a
                // user that was already there, that is the second run of `ensure` finding its
                // own work done. (A user created just now has no history to collide with.)
                Err(Error::Service { code, .. }) if code == "PasswordHistoryPolicyViolationException" && !created => {
                    crate::diagnostics::warn(
                        "the pool's password history refused to set the password again: the user keeps a password it had recently (this one, when `user ensure` set it before)",
                    )
                }
                Err(e) => return Err(e),
            }
            json!({"Username": username, "Created": created})
        }
        UserAction::Delete => {
            let client = Client::new(&settings)?;
            let deleted = match client
                .call_json::<Value>("AdminDeleteUser", &json!({"UserPoolId": pool, "Username": username}))
            {
                Ok(_) => true,
                Err(Error::Service { code, .. }) if code == "UserNotFoundException" => false,
                Err(e) => return Err(e),
            };
            json!({"Username": username, "Deleted": deleted})
        }
    };
    output::write_stdout(&output::to_pretty_json(&answer)?)
}

/// The value of attribute `name` in an AdminGetUser answer.
fn current_attribute<'u>(user: &'u Value, name: &str) -> Option<&'u str> {
    user.get("UserAttributes")?
        .as_array()?
        .iter()
        .find(|a| a.get("Name").and_then(Value::as_str) == Some(name))?
        .get("Value")?
        .as_str()
}
