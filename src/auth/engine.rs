//! The sign-in loop: InitiateAuth (or AdminInitiateAuth), then one RespondToAuthChallenge per
//! challenge until the service hands out tokens.
//!
//! Every step after the first is about the user's internal username, which the service
//! returns in USER_ID_FOR_SRP or USERNAME: SECRET_HASH and USERNAME in the answers use it, not
//! the login name (an email or alias), which is the most repeated bug of other tools.

use std::collections::BTreeMap;

use crate::auth::challenges;
use crate::auth::secret_hash::secret_hash;
use crate::cli::Flow;
use crate::error::{Error, Result};
use crate::model::{
    AuthResponse, AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest,
};
use crate::secret::Secret;
use crate::transport::Client;

/// A bound on challenge rounds: real chains are 1 to 4 long; a server that keeps asking is
/// broken, and cogtok must not loop forever.
const MAX_ROUNDS: usize = 8;

/// What the options give to answer challenges.
pub(crate) struct Answers {
    pub(crate) new_password: Option<Secret>,
    pub(crate) attributes: Vec<(String, String)>,
}

pub(crate) struct SignIn<'a> {
    pub(crate) client: &'a Client<'a>,
    pub(crate) flow: Flow,
    /// Set for the admin flow: it selects the Admin* operations.
    pub(crate) user_pool_id: Option<&'a str>,
    pub(crate) client_id: &'a str,
    pub(crate) username: &'a str,
    pub(crate) password: &'a Secret,
    pub(crate) client_secret: Option<&'a Secret>,
    pub(crate) answers: &'a Answers,
}

/// A challenge as the service sent it.
struct Challenge {
    name: String,
    session: Option<Secret>,
    parameters: BTreeMap<String, String>,
}

impl Challenge {
    /// The internal username the later steps are about.
    fn username<'s>(&'s self, login_name: &'s str) -> &'s str {
        self.parameters
            .get("USER_ID_FOR_SRP")
            .or_else(|| self.parameters.get("USERNAME"))
            .map(String::as_str)
            .filter(|u| !u.is_empty())
            .unwrap_or(login_name)
    }
}

impl SignIn<'_> {
    pub(crate) fn run(&self) -> Result<AuthenticationResult> {
        let mut answer = self.initiate()?;
        for _ in 0..MAX_ROUNDS {
            if let Some(tokens) = answer.authentication_result {
                return Ok(tokens);
            }
            let name = answer
                .challenge_name
                .ok_or_else(|| Error::protocol("the answer has neither tokens nor a challenge"))?;
            let challenge = Challenge {
                name,
                session: answer.session,
                parameters: answer.challenge_parameters,
            };
            let responses = self.answer(&challenge)?;
            answer = self.respond(&challenge, responses)?;
        }
        Err(Error::protocol(format!(
            "still no tokens after {MAX_ROUNDS} challenges"
        )))
    }

    fn initiate(&self) -> Result<AuthResponse> {
        let (operation, auth_flow) = match self.flow {
            Flow::Admin => ("AdminInitiateAuth", "ADMIN_USER_PASSWORD_AUTH"),
            Flow::Password => ("InitiateAuth", "USER_PASSWORD_AUTH"),
            Flow::Srp => {
                return Err(Error::usage(
                    "the SRP flow is not available yet: pass --flow password or --flow admin",
                ))
            }
        };
        let mut auth_parameters = BTreeMap::new();
        auth_parameters.insert("USERNAME".to_string(), Secret::new(self.username));
        auth_parameters.insert("PASSWORD".to_string(), self.password.clone());
        if let Some(cs) = self.client_secret {
            auth_parameters.insert(
                "SECRET_HASH".to_string(),
                secret_hash(cs, self.username, self.client_id),
            );
        }
        let request = InitiateAuthRequest {
            user_pool_id: self.admin_pool(),
            client_id: self.client_id,
            auth_flow,
            auth_parameters,
        };
        self.send(operation, &request)
    }

    fn respond(
        &self,
        challenge: &Challenge,
        mut responses: BTreeMap<String, Secret>,
    ) -> Result<AuthResponse> {
        let username = challenge.username(self.username);
        responses.insert("USERNAME".to_string(), Secret::new(username));
        if let Some(cs) = self.client_secret {
            responses.insert(
                "SECRET_HASH".to_string(),
                secret_hash(cs, username, self.client_id),
            );
        }
        let request = RespondToAuthChallengeRequest {
            user_pool_id: self.admin_pool(),
            client_id: self.client_id,
            challenge_name: &challenge.name,
            challenge_responses: responses,
            session: challenge.session.as_ref().map(Secret::expose),
        };
        let operation = if self.admin_pool().is_some() {
            "AdminRespondToAuthChallenge"
        } else {
            "RespondToAuthChallenge"
        };
        self.send(operation, &request)
    }

    /// The answers to `challenge`, without USERNAME and SECRET_HASH (added by `respond`).
    fn answer(&self, challenge: &Challenge) -> Result<BTreeMap<String, Secret>> {
        match challenge.name.as_str() {
            "NEW_PASSWORD_REQUIRED" => self.answer_new_password(challenge),
            other => Err(challenges::unanswerable(other)),
        }
    }

    fn answer_new_password(&self, challenge: &Challenge) -> Result<BTreeMap<String, Secret>> {
        let Some(new_password) = &self.answers.new_password else {
            return Err(challenges::unanswerable(&challenge.name));
        };
        let required = required_attributes(
            challenge
                .parameters
                .get("requiredAttributes")
                .map(String::as_str),
        );
        let missing: Vec<&str> = required
            .iter()
            .map(String::as_str)
            .filter(|name| !self.answers.attributes.iter().any(|(n, _)| n == name))
            .collect();
        if !missing.is_empty() {
            let flags: Vec<String> = missing
                .iter()
                .map(|n| format!("--attribute {n}=VALUE"))
                .collect();
            return Err(Error::Challenge {
                challenge: challenge.name.clone(),
                what: format!(
                    "the user must choose a new password and give {}",
                    missing.join(", ")
                ),
                hint: format!("pass {}", flags.join(" ")),
            });
        }
        let mut responses = BTreeMap::new();
        responses.insert("NEW_PASSWORD".to_string(), new_password.clone());
        for (name, value) in &self.answers.attributes {
            responses.insert(
                format!("userAttributes.{name}"),
                Secret::new(value.as_str()),
            );
        }
        Ok(responses)
    }

    fn admin_pool(&self) -> Option<&str> {
        match self.flow {
            Flow::Admin => self.user_pool_id,
            _ => None,
        }
    }

    fn send<T: serde::Serialize>(&self, operation: &str, request: &T) -> Result<AuthResponse> {
        let body = serde_json::to_vec(request)
            .map_err(|e| Error::protocol(format!("cannot encode the request: {e}")))?;
        let answer = self.client.call(operation, &body)?;
        serde_json::from_slice(&answer).map_err(|e| Error::protocol(format!("{operation}: {e}")))
    }
}

/// `requiredAttributes` is a JSON array in a string: `["userAttributes.email"]`.
fn required_attributes(raw: Option<&str>) -> Vec<String> {
    let Some(raw) = raw else { return Vec::new() };
    serde_json::from_str::<Vec<String>>(raw)
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            a.strip_prefix("userAttributes.")
                .map(str::to_string)
                .unwrap_or(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_attributes_lose_their_prefix() {
        assert_eq!(
            required_attributes(Some(r#"["userAttributes.email","userAttributes.name"]"#)),
            vec!["email", "name"]
        );
        assert!(required_attributes(Some("[]")).is_empty());
        assert!(required_attributes(None).is_empty());
        assert!(required_attributes(Some("not json")).is_empty());
    }

    #[test]
    fn later_steps_use_the_internal_username() {
        let mut parameters = BTreeMap::new();
        let c = Challenge {
            name: "X".into(),
            session: None,
            parameters: parameters.clone(),
        };
        assert_eq!(c.username("alice@example.com"), "alice@example.com");
        parameters.insert("USERNAME".into(), "internal-1".into());
        let c = Challenge {
            name: "X".into(),
            session: None,
            parameters: parameters.clone(),
        };
        assert_eq!(c.username("alice@example.com"), "internal-1");
        parameters.insert("USER_ID_FOR_SRP".into(), "srp-id".into());
        let c = Challenge {
            name: "X".into(),
            session: None,
            parameters,
        };
        assert_eq!(c.username("alice@example.com"), "srp-id");
    }
}
