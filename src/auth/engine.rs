//! The sign-in loop: InitiateAuth (or AdminInitiateAuth), then one RespondToAuthChallenge per
//! challenge until the service hands out tokens.
//!
//! Every step after the first is about the user's internal username, which the service
//! returns in USER_ID_FOR_SRP or USERNAME: SECRET_HASH and USERNAME in the answers use it, not
//! the login name (an email or alias), which is the most repeated bug of other tools.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::auth::secret_hash::secret_hash;
use crate::auth::{challenges, inputs, totp};
use crate::cli::{Flow, MfaType};
use crate::error::{Error, Result};
use crate::model::{AuthResponse, AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest};
use crate::secret::Secret;
use crate::transport::Client;

/// A bound on challenge rounds: real chains are 1 to 4 long; a server that keeps asking is
/// broken, and cogtok must not loop forever.
const MAX_ROUNDS: usize = 8;

/// What the options give to answer challenges.
#[derive(Default)]
pub(crate) struct Answers {
    pub(crate) new_password: Option<Secret>,
    pub(crate) attributes: Vec<(String, String)>,
    /// The decoded TOTP seed (`--totp-secret-env`).
    pub(crate) totp_key: Option<totp::Key>,
    /// Where MFA_SETUP writes the new TOTP seed.
    pub(crate) totp_secret_out: Option<PathBuf>,
    pub(crate) mfa_code: Option<Secret>,
    pub(crate) otp_command: Option<String>,
    pub(crate) mfa_type: Option<MfaType>,
}

/// The answer to one challenge: the responses (without USERNAME and SECRET_HASH, which
/// `respond` adds) and, when answering took extra calls (MFA_SETUP), the session they returned.
struct Reply {
    responses: BTreeMap<String, Secret>,
    session: Option<Secret>,
    /// The TOTP window the code was computed for, to retry once if it turned meanwhile.
    totp_window: Option<u64>,
}

impl Reply {
    fn with(responses: BTreeMap<String, Secret>) -> Reply {
        Reply {
            responses,
            session: None,
            totp_window: None,
        }
    }
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
            let reply = self.answer(&challenge)?;
            answer = match (self.respond(&challenge, &reply), reply.totp_window) {
                // The code was right when computed, but its 30-second window turned before the
                // service checked it: one more try with the next window's code.
                (Err(Error::Service { code, .. }), Some(window))
                    if code == "CodeMismatchException" && current_window() != window =>
                {
                    let reply = self.answer(&challenge)?;
                    self.respond(&challenge, &reply)?
                }
                (result, _) => result?,
            };
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

    fn respond(&self, challenge: &Challenge, reply: &Reply) -> Result<AuthResponse> {
        let mut responses = reply.responses.clone();
        let username = challenge.username(self.username);
        responses.insert("USERNAME".to_string(), Secret::new(username));
        if let Some(cs) = self.client_secret {
            responses.insert("SECRET_HASH".to_string(), secret_hash(cs, username, self.client_id));
        }
        let request = RespondToAuthChallengeRequest {
            user_pool_id: self.admin_pool(),
            client_id: self.client_id,
            challenge_name: &challenge.name,
            challenge_responses: responses,
            session: reply
                .session
                .as_ref()
                .or(challenge.session.as_ref())
                .map(Secret::expose),
        };
        let operation = if self.admin_pool().is_some() {
            "AdminRespondToAuthChallenge"
        } else {
            "RespondToAuthChallenge"
        };
        self.send(operation, &request)
    }

    /// The answer to `challenge` from the options, or the error that names what is missing.
    fn answer(&self, challenge: &Challenge) -> Result<Reply> {
        match challenge.name.as_str() {
            "NEW_PASSWORD_REQUIRED" => self.answer_new_password(challenge).map(Reply::with),
            "SOFTWARE_TOKEN_MFA" => self.answer_software_token(challenge),
            "SMS_MFA" => self.answer_code(challenge, "SMS_MFA_CODE"),
            "SMS_OTP" => self.answer_code(challenge, "SMS_OTP_CODE"),
            "EMAIL_OTP" => self.answer_code(challenge, "EMAIL_OTP_CODE"),
            "SELECT_MFA_TYPE" => self.answer_select_mfa_type(challenge),
            "MFA_SETUP" => self.answer_mfa_setup(challenge),
            other => Err(challenges::unanswerable(other)),
        }
    }

    /// SOFTWARE_TOKEN_MFA: a code computed from the seed, else one given by the options.
    fn answer_software_token(&self, challenge: &Challenge) -> Result<Reply> {
        if let Some(key) = &self.answers.totp_key {
            let (code, window) = fresh_totp(key);
            let mut responses = BTreeMap::new();
            responses.insert("SOFTWARE_TOKEN_MFA_CODE".to_string(), code);
            return Ok(Reply {
                responses,
                session: None,
                totp_window: Some(window),
            });
        }
        self.answer_code(challenge, "SOFTWARE_TOKEN_MFA_CODE")
    }

    /// A one-time code from `--mfa-code`, `--otp-command` or the terminal, under `key`.
    fn answer_code(&self, challenge: &Challenge, key: &str) -> Result<Reply> {
        let code = match (&self.answers.mfa_code, &self.answers.otp_command) {
            (Some(code), _) => code.clone(),
            (None, Some(command)) => inputs::run_otp_command(command)?,
            (None, None) => match inputs::prompt_code(&challenge.name)? {
                Some(code) => code,
                None => return Err(challenges::unanswerable(&challenge.name)),
            },
        };
        let mut responses = BTreeMap::new();
        responses.insert(key.to_string(), code);
        Ok(Reply::with(responses))
    }

    /// SELECT_MFA_TYPE: `--mfa-type`, else the first offered type the options can answer.
    fn answer_select_mfa_type(&self, challenge: &Challenge) -> Result<Reply> {
        let offered = json_list(challenge.parameters.get("MFAS_CAN_CHOOSE").map(String::as_str));
        let wanted: Vec<&str> = match self.answers.mfa_type {
            Some(MfaType::Totp) => vec!["SOFTWARE_TOKEN_MFA"],
            Some(MfaType::Sms) => vec!["SMS_MFA"],
            Some(MfaType::Email) => vec!["EMAIL_OTP"],
            None => {
                let mut can = Vec::new();
                if self.answers.totp_key.is_some() {
                    can.push("SOFTWARE_TOKEN_MFA");
                }
                if self.answers.mfa_code.is_some() || self.answers.otp_command.is_some() {
                    can.extend(["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]);
                }
                can
            }
        };
        let choice = offered
            .iter()
            .find(|o| wanted.contains(&o.as_str()))
            .ok_or_else(|| Error::Challenge {
                challenge: challenge.name.clone(),
                what: format!("the user must choose an MFA method among {}", offered.join(", ")),
                hint: "pass --mfa-type totp|sms|email with --totp-secret-env VAR, --mfa-code CODE or --otp-command CMD"
                    .to_string(),
            })?;
        let mut responses = BTreeMap::new();
        responses.insert("ANSWER".to_string(), Secret::new(choice.as_str()));
        Ok(Reply::with(responses))
    }

    /// MFA_SETUP for TOTP: AssociateSoftwareToken, keep the new seed, VerifySoftwareToken with a
    /// computed code, then answer the challenge with the session that verification returned.
    fn answer_mfa_setup(&self, challenge: &Challenge) -> Result<Reply> {
        let offered = json_list(challenge.parameters.get("MFAS_CAN_SETUP").map(String::as_str));
        if !offered.is_empty() && !offered.iter().any(|o| o == "SOFTWARE_TOKEN_MFA") {
            return Err(Error::Challenge {
                challenge: challenge.name.clone(),
                what: format!(
                    "the user must set up MFA ({}), which cogtok cannot enrol",
                    offered.join(", ")
                ),
                hint: "set the user's MFA up another way, or allow TOTP MFA in the pool".to_string(),
            });
        }
        let Some(out) = &self.answers.totp_secret_out else {
            return Err(Error::Challenge {
                challenge: challenge.name.clone(),
                what: "the user must set up an authenticator app, and its new seed must be kept".to_string(),
                hint: "pass --totp-secret-out FILE (cogtok writes the seed there, mode 0600)".to_string(),
            });
        };
        let session = challenge.session.as_ref().map(Secret::expose);
        let associated: SecretCodeAnswer =
            self.send_json("AssociateSoftwareToken", &serde_json::json!({ "Session": session }))?;
        let seed = associated.secret_code;
        inputs::write_secret_file(out, &format!("{}\n", seed.expose()))?;
        let key = totp::Key::from_base32(&seed)?;
        let (code, _) = fresh_totp(&key);
        let verified: VerifyAnswer = self.send_json(
            "VerifySoftwareToken",
            &serde_json::json!({
                "Session": associated.session.as_ref().map(Secret::expose),
                "UserCode": code.expose(),
                "FriendlyDeviceName": "cogtok",
            }),
        )?;
        if verified.status.as_deref() != Some("SUCCESS") {
            return Err(Error::protocol(format!(
                "VerifySoftwareToken answered status {:?}",
                verified.status
            )));
        }
        Ok(Reply {
            responses: BTreeMap::new(),
            session: verified.session,
            totp_window: None,
        })
    }

    fn answer_new_password(&self, challenge: &Challenge) -> Result<BTreeMap<String, Secret>> {
        let Some(new_password) = &self.answers.new_password else {
            return Err(challenges::unanswerable(&challenge.name));
        };
        let required = required_attributes(challenge.parameters.get("requiredAttributes").map(String::as_str));
        let missing: Vec<&str> = required
            .iter()
            .map(String::as_str)
            .filter(|name| !self.answers.attributes.iter().any(|(n, _)| n == name))
            .collect();
        if !missing.is_empty() {
            let flags: Vec<String> = missing.iter().map(|n| format!("--attribute {n}=VALUE")).collect();
            return Err(Error::Challenge {
                challenge: challenge.name.clone(),
                what: format!("the user must choose a new password and give {}", missing.join(", ")),
                hint: format!("pass {}", flags.join(" ")),
            });
        }
        let mut responses = BTreeMap::new();
        responses.insert("NEW_PASSWORD".to_string(), new_password.clone());
        for (name, value) in &self.answers.attributes {
            responses.insert(format!("userAttributes.{name}"), Secret::new(value.as_str()));
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
        self.send_json(operation, request)
    }

    fn send_json<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        operation: &str,
        request: &T,
    ) -> Result<R> {
        let body =
            serde_json::to_vec(request).map_err(|e| Error::protocol(format!("cannot encode the request: {e}")))?;
        let answer = self.client.call(operation, &body)?;
        serde_json::from_slice(&answer).map_err(|e| Error::protocol(format!("{operation}: {e}")))
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SecretCodeAnswer {
    secret_code: Secret,
    #[serde(default)]
    session: Option<Secret>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VerifyAnswer {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    session: Option<Secret>,
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn current_window() -> u64 {
    now_unix() / totp::STEP_SECONDS
}

/// A TOTP code that will still be valid when the service checks it: in the last two seconds
/// of a window, wait for the next one rather than send a code about to expire.
fn fresh_totp(key: &totp::Key) -> (Secret, u64) {
    let now = now_unix();
    let left = totp::STEP_SECONDS - now % totp::STEP_SECONDS;
    let at = if left <= 2 {
        std::thread::sleep(std::time::Duration::from_secs(left));
        now + left
    } else {
        now
    };
    (key.code_at(at), at / totp::STEP_SECONDS)
}

/// Challenge parameters that carry lists as JSON strings (`MFAS_CAN_CHOOSE`, `MFAS_CAN_SETUP`).
fn json_list(raw: Option<&str>) -> Vec<String> {
    raw.and_then(|r| serde_json::from_str::<Vec<String>>(r).ok())
        .unwrap_or_default()
}

/// `requiredAttributes` is a JSON array in a string: `["userAttributes.email"]`.
fn required_attributes(raw: Option<&str>) -> Vec<String> {
    json_list(raw)
        .into_iter()
        .map(|a| a.strip_prefix("userAttributes.").map(str::to_string).unwrap_or(a))
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
