//! What a sign-in is asked to do, as plain data: the flow, and what to answer challenges with.
//! The command line fills these (`cli`), the engine reads them; neither knows the other.

use std::path::PathBuf;

use crate::secret::Secret;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// USER_SRP_AUTH: the password never leaves the machine.
    Srp,
    /// USER_PASSWORD_AUTH: unsigned, needs no AWS credentials.
    Password,
    /// ADMIN_USER_PASSWORD_AUTH: SigV4-signed, needs IAM credentials.
    Admin,
    /// USER_AUTH: choice-based sign-in (password, SRP, or a one-time code by email or SMS).
    UserAuth,
    /// CUSTOM_AUTH: the pool's Lambda triggers ask the questions.
    Custom,
}

/// `--mfa-type`: the answer to SELECT_MFA_TYPE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MfaType {
    Totp,
    Sms,
    Email,
}

/// What the options give to answer challenges with, beside the secrets read when the sign-in
/// runs (the new password and the TOTP seed, in `engine::Answers`).
#[derive(Clone, Debug, Default)]
pub(crate) struct ChallengeOptions {
    /// `--attribute NAME=VALUE`: required attributes for NEW_PASSWORD_REQUIRED.
    pub(crate) attributes: Vec<(String, String)>,
    /// `--totp-secret-out`: where MFA_SETUP writes the new TOTP seed.
    pub(crate) totp_secret_out: Option<PathBuf>,
    pub(crate) mfa_code: Option<Secret>,
    pub(crate) otp_command: Option<String>,
    pub(crate) mfa_type: Option<MfaType>,
    /// `--preferred-challenge` of the USER_AUTH flow (PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP).
    pub(crate) preferred_challenge: Option<String>,
    /// `--custom-answer`, one per CUSTOM_CHALLENGE round, in order.
    pub(crate) custom_answers: Vec<Secret>,
    /// Never ask on the terminal (`mint`: one prompt would hold every other user's sign-in).
    pub(crate) never_prompt: bool,
}
