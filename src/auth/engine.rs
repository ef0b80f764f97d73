//! The sign-in loop: InitiateAuth (or AdminInitiateAuth), then one RespondToAuthChallenge per
//! challenge until the service hands out tokens.
//!
//! Every step after the first is about the user's internal username, which the service
//! returns in USER_ID_FOR_SRP or USERNAME: SECRET_HASH and USERNAME in the answers use it, not
//! the login name (an email or alias), which is the most repeated bug of other tools.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::api::model::{AuthResponse, AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest};
use crate::auth::device::Device;
use crate::auth::options::{ChallengeOptions, Flow, MfaType};
use crate::auth::secret_hash::secret_hash;
use crate::auth::srp::{self, ServerChallenge, SrpClient};
use crate::auth::{challenges, secret_sources, totp};
use crate::clock;
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::Client;

/// A bound on challenge rounds: real chains are 1 to 4 long; a server that keeps asking is
/// broken, and cogtok must not loop forever.
const MAX_ROUNDS: usize = 8;

/// Everything a sign-in may answer challenges with: the options as given, and the secrets read
/// for this run (a new password, the decoded TOTP seed).
pub(crate) struct Answers<'a> {
    pub(crate) given: &'a ChallengeOptions,
    pub(crate) new_password: Option<Secret>,
    /// The decoded TOTP seed (`--totp-secret-env`).
    pub(crate) totp_key: Option<totp::Key>,
}

/// What one sign-in carries from one step to the next.
#[derive(Default)]
struct SignInState {
    /// The user's SRP handshake: its A went out with USER_SRP_AUTH (or SELECT_CHALLENGE), and
    /// PASSWORD_VERIFIER's proof needs its secret exponent.
    user: Option<SrpClient>,
    /// The device's SRP handshake, from DEVICE_SRP_AUTH to DEVICE_PASSWORD_VERIFIER.
    device: Option<SrpClient>,
    /// How many `--custom-answer`s were used.
    custom_rounds: usize,
    /// The last internal username a challenge named.
    internal_username: Option<String>,
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
    /// Needed by every flow but custom and USER_AUTH with a one-time code.
    pub(crate) password: Option<&'a Secret>,
    pub(crate) client_secret: Option<&'a Secret>,
    pub(crate) answers: &'a Answers<'a>,
    /// The remembered device (`--device-file`), if any.
    pub(crate) device: Option<&'a Device>,
}

/// A challenge as the service sent it.
struct Challenge {
    name: String,
    session: Option<Secret>,
    parameters: BTreeMap<String, String>,
    /// USER_AUTH's SELECT_CHALLENGE lists the choices here, not in the parameters.
    available: Vec<String>,
    /// The internal username this step is about: the one the challenge names, else the last
    /// one a challenge named (an SMS_MFA after PASSWORD_VERIFIER names none), else the login name.
    user: String,
}

/// The internal username a challenge names, if it names one.
fn internal_username(parameters: &BTreeMap<String, String>) -> Option<&str> {
    ["USER_ID_FOR_SRP", "USERNAME"]
        .iter()
        .filter_map(|k| parameters.get(*k))
        .map(String::as_str)
        .find(|u| !u.is_empty())
}

impl SignIn<'_> {
    pub(crate) async fn run(&self) -> Result<AuthenticationResult> {
        let mut state = SignInState::default();
        let mut answer = self.initiate(&mut state).await?;
        for round in 0..=MAX_ROUNDS {
            if let Some(tokens) = answer.authentication_result {
                return Ok(tokens);
            }
            if round == MAX_ROUNDS {
                break;
            }
            if let Some(user) = internal_username(&answer.challenge_parameters) {
                state.internal_username = Some(user.to_string());
            }
            let user = state
                .internal_username
                .clone()
                .unwrap_or_else(|| self.username.to_string());
            let name = answer
                .challenge_name
                .ok_or_else(|| Error::bad_answer("the answer has neither tokens nor a challenge"))?;
            // The name is echoed in messages: a hostile server's may be any length. Real names
            // are short, so cutting never changes one cogtok answers.
            let challenge = Challenge {
                name: crate::quote::shortened(&name).into_owned(),
                session: answer.session,
                parameters: answer.challenge_parameters,
                available: answer.available_challenges,
                user,
            };
            let reply = self.answer(&challenge, &mut state).await?;
            answer = match (self.respond(&challenge, &reply).await, reply.totp_window) {
                // The code was right when computed, but its 30-second window turned before the
                // service checked it: one more try with the next window's code.
                (Err(Error::Service { code, .. }), Some(window))
                    if code == "CodeMismatchException" && current_window() != window =>
                {
                    let reply = self.answer(&challenge, &mut state).await?;
                    self.respond(&challenge, &reply).await?
                }
                (result, _) => result?,
            };
        }
        Err(Error::bad_answer(format!(
            "still no tokens after {MAX_ROUNDS} challenges"
        )))
    }

    async fn initiate(&self, state: &mut SignInState) -> Result<AuthResponse> {
        let mut auth_parameters = BTreeMap::new();
        auth_parameters.insert("USERNAME".to_string(), Secret::new(self.username));
        let (operation, auth_flow) = match self.flow {
            Flow::Admin => ("AdminInitiateAuth", "ADMIN_USER_PASSWORD_AUTH"),
            Flow::Password => ("InitiateAuth", "USER_PASSWORD_AUTH"),
            Flow::Srp => ("InitiateAuth", "USER_SRP_AUTH"),
            Flow::UserAuth => ("InitiateAuth", "USER_AUTH"),
            Flow::Custom => ("InitiateAuth", "CUSTOM_AUTH"),
        };
        match self.flow {
            Flow::Admin | Flow::Password => {
                auth_parameters.insert("PASSWORD".to_string(), self.password("PASSWORD")?.clone());
            }
            Flow::Srp => {
                auth_parameters.insert("SRP_A".to_string(), Secret::new(self.start_srp(state)?));
            }
            Flow::UserAuth => {
                if let Some(preferred) = self.answers.given.preferred_challenge.as_deref() {
                    auth_parameters.insert("PREFERRED_CHALLENGE".to_string(), Secret::new(preferred));
                    if preferred == "PASSWORD" {
                        auth_parameters.insert("PASSWORD".to_string(), self.password("PASSWORD")?.clone());
                    } else if preferred == "PASSWORD_SRP" {
                        auth_parameters.insert("SRP_A".to_string(), Secret::new(self.start_srp(state)?));
                    }
                }
            }
            Flow::Custom => {}
        }
        if let Some(cs) = self.client_secret {
            auth_parameters.insert(
                "SECRET_HASH".to_string(),
                secret_hash(cs, self.username, self.client_id),
            );
        }
        if let Some(device) = self.device {
            auth_parameters.insert("DEVICE_KEY".to_string(), Secret::new(device.device_key.as_str()));
        }
        let request = InitiateAuthRequest {
            user_pool_id: self.admin_pool(),
            client_id: self.client_id,
            auth_flow,
            auth_parameters,
        };
        self.client.call_json_async(operation, &request).await
    }

    /// A new SRP handshake for the user: its A, to send as SRP_A.
    fn start_srp(&self, state: &mut SignInState) -> Result<String> {
        self.pool_name()?;
        let client = SrpClient::new().map_err(srp_error)?;
        let a = client.srp_a();
        state.user = Some(client);
        Ok(a)
    }

    /// The pool's name, the part of its id after `_`, over which SRP computes its proof.
    fn pool_name(&self) -> Result<&str> {
        self.user_pool_id.and_then(srp::pool_name).ok_or_else(|| {
            Error::usage("SRP needs the user pool id (its proof is computed over the pool's name): pass --user-pool-id ID or set COGTOK_USER_POOL_ID")
        })
    }

    /// The password, or the error that names what asked for it.
    fn password(&self, for_what: &str) -> Result<&Secret> {
        self.password.ok_or_else(|| {
            Error::usage(format!(
                "{for_what} needs the password: pass --password-env VAR, --password-file PATH, --password-stdin or set COGTOK_PASSWORD"
            ))
        })
    }

    async fn respond(&self, challenge: &Challenge, reply: &Reply) -> Result<AuthResponse> {
        let mut responses = reply.responses.clone();
        let username = challenge.user.as_str();
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
        self.client.call_json_async(operation, &request).await
    }

    /// The answer to `challenge` from the options, or the error that names what is missing.
    async fn answer(&self, challenge: &Challenge, state: &mut SignInState) -> Result<Reply> {
        match challenge.name.as_str() {
            "PASSWORD_VERIFIER" => self.answer_password_verifier(challenge, state),
            "SELECT_CHALLENGE" => self.answer_select_challenge(challenge, state),
            "CUSTOM_CHALLENGE" => self.answer_custom(challenge, state),
            "DEVICE_SRP_AUTH" => self.answer_device_srp(challenge, state),
            "DEVICE_PASSWORD_VERIFIER" => self.answer_device_verifier(challenge, state),
            "NEW_PASSWORD_REQUIRED" => self.answer_new_password(challenge).map(Reply::with),
            "SOFTWARE_TOKEN_MFA" => self.answer_software_token(challenge).await,
            "SMS_MFA" => self.answer_code(challenge, "SMS_MFA_CODE"),
            "SMS_OTP" => self.answer_code(challenge, "SMS_OTP_CODE"),
            "EMAIL_OTP" => self.answer_code(challenge, "EMAIL_OTP_CODE"),
            "SELECT_MFA_TYPE" => self.answer_select_mfa_type(challenge),
            "MFA_SETUP" => self.answer_mfa_setup(challenge).await,
            other => Err(challenges::unanswerable(other)),
        }
    }

    /// PASSWORD_VERIFIER: the SRP proof that the user knows the password, over the handshake
    /// whose A went out first.
    fn answer_password_verifier(&self, challenge: &Challenge, state: &mut SignInState) -> Result<Reply> {
        let client = state
            .user
            .as_ref()
            .ok_or_else(|| Error::bad_answer("PASSWORD_VERIFIER without an SRP handshake (no SRP_A was sent)"))?;
        let server = server_challenge(challenge)?;
        let timestamp = clock::srp_timestamp(clock::unix_seconds(SystemTime::now()));
        let user_id = challenge.user.as_str();
        let signature = client
            .password_claim(
                self.pool_name()?,
                user_id,
                self.password("PASSWORD_VERIFIER")?,
                &server,
                &timestamp,
            )
            .map_err(srp_error)?;
        let responses = self.proof_responses(signature, &server, timestamp);
        Ok(Reply::with(responses))
    }

    /// SELECT_CHALLENGE (USER_AUTH): `--preferred-challenge` when offered, else the first
    /// offered method the options can answer, SRP first since it keeps the password local.
    fn answer_select_challenge(&self, challenge: &Challenge, state: &mut SignInState) -> Result<Reply> {
        let has_code = self.answers.given.mfa_code.is_some() || self.answers.given.otp_command.is_some();
        let mut wanted: Vec<&str> = Vec::new();
        if let Some(p) = self.answers.given.preferred_challenge.as_deref() {
            wanted.push(p);
        }
        if self.password.is_some() {
            if self.pool_name().is_ok() {
                wanted.push("PASSWORD_SRP");
            }
            wanted.push("PASSWORD");
        }
        if has_code {
            wanted.extend(["EMAIL_OTP", "SMS_OTP"]);
        }
        let choice = wanted.into_iter().find(|w| challenge.available.iter().any(|a| a == w)).ok_or_else(|| {
            Error::Challenge {
                challenge: challenge.name.clone(),
                what: format!("the user must choose a sign-in method among {}", challenge.available.join(", ")),
                hint: "pass --preferred-challenge with the password (--password-env VAR) or a code (--mfa-code CODE, --otp-command CMD)"
                    .to_string(),
            }
        })?;
        let mut responses = BTreeMap::new();
        responses.insert("ANSWER".to_string(), Secret::new(choice));
        match choice {
            "PASSWORD" => {
                responses.insert("PASSWORD".to_string(), self.password("PASSWORD")?.clone());
            }
            "PASSWORD_SRP" => {
                responses.insert("SRP_A".to_string(), Secret::new(self.start_srp(state)?));
            }
            _ => {}
        }
        Ok(Reply::with(responses))
    }

    /// CUSTOM_CHALLENGE: the next `--custom-answer`, one per round.
    fn answer_custom(&self, challenge: &Challenge, state: &mut SignInState) -> Result<Reply> {
        let Some(answer) = self.answers.given.custom_answers.get(state.custom_rounds) else {
            let given = self.answers.given.custom_answers.len();
            return Err(Error::Challenge {
                challenge: challenge.name.clone(),
                what: format!(
                    "the pool's Lambda triggers ask custom question {} (answers given: {given})",
                    given + 1
                ),
                hint: "pass one more --custom-answer VALUE".to_string(),
            });
        };
        state.custom_rounds += 1;
        let mut responses = BTreeMap::new();
        responses.insert("ANSWER".to_string(), answer.clone());
        Ok(Reply::with(responses))
    }

    /// DEVICE_SRP_AUTH: start the remembered device's own SRP handshake.
    fn answer_device_srp(&self, challenge: &Challenge, state: &mut SignInState) -> Result<Reply> {
        if self.device.is_none() {
            return Err(challenges::unanswerable(&challenge.name));
        }
        let client = SrpClient::new().map_err(srp_error)?;
        let mut responses = BTreeMap::new();
        responses.insert("SRP_A".to_string(), Secret::new(client.srp_a()));
        self.add_device_key(&mut responses);
        state.device = Some(client);
        Ok(Reply::with(responses))
    }

    /// DEVICE_PASSWORD_VERIFIER: the device's proof, over its group key, key and password.
    fn answer_device_verifier(&self, challenge: &Challenge, state: &mut SignInState) -> Result<Reply> {
        let (Some(device), Some(client)) = (self.device, state.device.as_ref()) else {
            return Err(challenges::unanswerable(&challenge.name));
        };
        let server = server_challenge(challenge)?;
        let timestamp = clock::srp_timestamp(clock::unix_seconds(SystemTime::now()));
        let signature = client
            .device_password_claim(
                &device.device_group_key,
                &device.device_key,
                &device.device_password,
                &server,
                &timestamp,
            )
            .map_err(srp_error)?;
        let responses = self.proof_responses(signature, &server, timestamp);
        Ok(Reply::with(responses))
    }

    /// The answer to a (DEVICE_)PASSWORD_VERIFIER: the proof, the SECRET_BLOCK it signed sent
    /// back unchanged, the exact TIMESTAMP it signed, and the device key when there is one.
    fn proof_responses(
        &self,
        signature: Secret,
        server: &ServerChallenge<'_>,
        timestamp: String,
    ) -> BTreeMap<String, Secret> {
        let mut responses = BTreeMap::new();
        responses.insert("PASSWORD_CLAIM_SIGNATURE".to_string(), signature);
        responses.insert(
            "PASSWORD_CLAIM_SECRET_BLOCK".to_string(),
            Secret::new(server.secret_block_b64),
        );
        responses.insert("TIMESTAMP".to_string(), Secret::new(timestamp));
        self.add_device_key(&mut responses);
        responses
    }

    fn add_device_key(&self, responses: &mut BTreeMap<String, Secret>) {
        if let Some(device) = self.device {
            responses.insert("DEVICE_KEY".to_string(), Secret::new(device.device_key.as_str()));
        }
    }

    /// SOFTWARE_TOKEN_MFA: a code computed from the seed, else one given by the options.
    async fn answer_software_token(&self, challenge: &Challenge) -> Result<Reply> {
        if let Some(key) = &self.answers.totp_key {
            let (code, window) = fresh_totp(key).await;
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
        let code = match (&self.answers.given.mfa_code, &self.answers.given.otp_command) {
            (Some(code), _) => code.clone(),
            (None, Some(command)) => secret_sources::run_otp_command(command)?,
            (None, None) if self.answers.given.never_prompt => return Err(challenges::unanswerable(&challenge.name)),
            (None, None) => match secret_sources::prompt_code(&challenge.name)? {
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
        let wanted: Vec<&str> = match self.answers.given.mfa_type {
            Some(MfaType::Totp) => vec!["SOFTWARE_TOKEN_MFA"],
            Some(MfaType::Sms) => vec!["SMS_MFA"],
            Some(MfaType::Email) => vec!["EMAIL_OTP"],
            None => {
                let mut can = Vec::new();
                if self.answers.totp_key.is_some() {
                    can.push("SOFTWARE_TOKEN_MFA");
                }
                if self.answers.given.mfa_code.is_some() || self.answers.given.otp_command.is_some() {
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
    async fn answer_mfa_setup(&self, challenge: &Challenge) -> Result<Reply> {
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
        let Some(out) = &self.answers.given.totp_secret_out else {
            return Err(Error::Challenge {
                challenge: challenge.name.clone(),
                what: "the user must set up an authenticator app, and its new seed must be kept".to_string(),
                hint: "pass --totp-secret-out FILE (cogtok writes the seed there, mode 0600)".to_string(),
            });
        };
        let session = challenge.session.as_ref().map(Secret::expose);
        let associated: SecretCodeAnswer = self
            .client
            .call_json_async("AssociateSoftwareToken", &serde_json::json!({ "Session": session }))
            .await?;
        let seed = associated.secret_code;
        crate::private_file::write(out, &format!("{}\n", seed.expose()))?;
        let key = totp::Key::from_base32(&seed)?;
        let (code, _) = fresh_totp(&key).await;
        let verified: VerifyAnswer = self
            .client
            .call_json_async(
                "VerifySoftwareToken",
                &serde_json::json!({
                    "Session": associated.session.as_ref().map(Secret::expose),
                    "UserCode": code.expose(),
                    "FriendlyDeviceName": "cogtok",
                }),
            )
            .await?;
        if verified.status.as_deref() != Some("SUCCESS") {
            return Err(Error::bad_answer(format!(
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
            .filter(|name| !self.answers.given.attributes.iter().any(|(n, _)| n == name))
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
        for (name, value) in &self.answers.given.attributes {
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

fn current_window() -> u64 {
    unix_seconds() / totp::STEP_SECONDS
}

/// A TOTP code that will still be valid when the service checks it: in the last two seconds
/// of a window, wait for the next one rather than send a code about to expire.
async fn fresh_totp(key: &totp::Key) -> (Secret, u64) {
    let now = unix_seconds();
    let left = totp::STEP_SECONDS - now % totp::STEP_SECONDS;
    let at = if left <= 2 {
        // Asleep on the runtime, not the thread: `mint`'s other sign-ins go on meanwhile.
        tokio::time::sleep(std::time::Duration::from_secs(left)).await;
        now + left
    } else {
        now
    };
    (key.code_at(at), at / totp::STEP_SECONDS)
}

fn unix_seconds() -> u64 {
    crate::clock::now_unix().max(0) as u64
}

/// SALT, SRP_B and SECRET_BLOCK of a (DEVICE_)PASSWORD_VERIFIER challenge.
fn server_challenge(challenge: &Challenge) -> Result<ServerChallenge<'_>> {
    let get = |name: &str| {
        challenge
            .parameters
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| Error::bad_answer(format!("{} without {name}", challenge.name)))
    };
    Ok(ServerChallenge {
        salt_hex: get("SALT")?,
        srp_b_hex: get("SRP_B")?,
        secret_block_b64: get("SECRET_BLOCK")?,
    })
}

/// The SRP math fails on a malformed or malicious server value, or without random numbers.
fn srp_error(e: srp::SrpError) -> Error {
    Error::bad_answer(format!("SRP: {e}"))
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
    fn challenges_name_the_internal_username() {
        let mut parameters = BTreeMap::new();
        assert_eq!(internal_username(&parameters), None);
        parameters.insert("USERNAME".to_string(), "internal-1".to_string());
        assert_eq!(internal_username(&parameters), Some("internal-1"));
        parameters.insert("USER_ID_FOR_SRP".to_string(), "srp-id".to_string());
        assert_eq!(internal_username(&parameters), Some("srp-id"));
        parameters.insert("USER_ID_FOR_SRP".to_string(), String::new());
        assert_eq!(
            internal_username(&parameters),
            Some("internal-1"),
            "an empty value names nobody"
        );
    }
}
