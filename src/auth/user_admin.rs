//! Test users made to exist with a permanent password (so sign-ins never meet
//! NEW_PASSWORD_REQUIRED), or made to be gone; both idempotent. `user ensure|delete` runs one,
//! `mint --ensure` many at once. Every call here is an Admin* operation: SigV4-signed.

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::Client;

/// One user to ensure.
pub(crate) struct EnsureUser<'a> {
    pub(crate) pool: &'a str,
    pub(crate) username: &'a str,
    pub(crate) password: &'a Secret,
    /// Attributes to have, as NAME=VALUE pairs: set at creation, updated when they differ.
    pub(crate) attributes: &'a [(String, String)],
}

impl EnsureUser<'_> {
    /// Makes the user exist with the password, permanent; says whether it was created.
    pub(crate) async fn run(&self, client: &Client<'_>) -> Result<bool> {
        let (pool, username) = (self.pool, self.username);
        // Look first rather than create and read the error: with an email as username, a
        // second AdminCreateUser can fail on the alias (AliasExistsException) before it
        // reaches UsernameExistsException, and the two do not mean the same thing.
        let current = match client
            .call_json_async::<Value>("AdminGetUser", &json!({"UserPoolId": pool, "Username": username}))
            .await
        {
            Ok(user) => Some(user),
            Err(Error::Service { code, .. }) if code == "UserNotFoundException" => None,
            Err(e) => return Err(e),
        };
        let mut created = current.is_none();
        if let Some(user) = current {
            // Only what differs: rewriting an email, even to itself, can reset its
            // verification, and is a needless change for an idempotent command.
            let changed: Vec<Value> = self
                .attributes
                .iter()
                .filter(|(name, value)| current_attribute(&user, name) != Some(value.as_str()))
                .map(|(n, v)| json!({"Name": n, "Value": v}))
                .collect();
            if !changed.is_empty() {
                client
                    .call_json_async::<Value>(
                        "AdminUpdateUserAttributes",
                        &json!({"UserPoolId": pool, "Username": username, "UserAttributes": changed}),
                    )
                    .await?;
            }
        } else {
            let attributes: Vec<Value> = self
                .attributes
                .iter()
                .map(|(n, v)| json!({"Name": n, "Value": v}))
                .collect();
            let create = json!({
                "UserPoolId": pool,
                "Username": username,
                // The seed's "don't send an invitation": a test user gets no email or SMS.
                "MessageAction": "SUPPRESS",
                "TemporaryPassword": self.password.expose(),
                "UserAttributes": attributes,
            });
            match client.call_json_async::<Value>("AdminCreateUser", &create).await {
                Ok(_) => {}
                // A parallel CI step created it between the look and the create: fine.
                Err(Error::Service { code, .. }) if code == "UsernameExistsException" => created = false,
                Err(e) => return Err(e),
            }
        }
        // Permanent: the user is CONFIRMED and signs in without NEW_PASSWORD_REQUIRED.
        let set = client
            .call_json_async::<Value>(
                "AdminSetUserPassword",
                &json!({"UserPoolId": pool, "Username": username, "Password": self.password.expose(), "Permanent": true}),
            )
            .await;
        match set {
            Ok(_) => {}
            // A pool with a password history refuses to set the same password again: for a
            // user that was already there, that is the second run of `ensure` finding its
            // own work done. (A user created just now has no history to collide with.)
            Err(Error::Service { code, .. }) if code == "PasswordHistoryPolicyViolationException" && !created => {
                crate::diagnostics::warn(&format!(
                    "the pool's password history refused to set {username}'s password again: the user keeps a password it had recently (this one, when `user ensure` set it before)"
                ))
            }
            Err(e) => return Err(e),
        }
        Ok(created)
    }
}

/// Deletes the user; says whether there was one to delete.
pub(crate) async fn delete(client: &Client<'_>, pool: &str, username: &str) -> Result<bool> {
    match client
        .call_json_async::<Value>("AdminDeleteUser", &json!({"UserPoolId": pool, "Username": username}))
        .await
    {
        Ok(_) => Ok(true),
        Err(Error::Service { code, .. }) if code == "UserNotFoundException" => Ok(false),
        Err(e) => Err(e),
    }
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
