//! The challenges Cognito can send, and for each one that `login` cannot answer from the
//! options given, the line that says what the user must do and which option does it.

use crate::error::Error;

/// The error for a challenge that the options cannot answer.
pub(crate) fn unanswerable(challenge: &str) -> Error {
    let (what, hint) = match challenge {
        "NEW_PASSWORD_REQUIRED" => (
            "the user must choose a new password",
            "pass --new-password-env VAR or --new-password-file PATH",
        ),
        "SOFTWARE_TOKEN_MFA" => (
            "the user must give a code from an authenticator app",
            "pass --totp-secret-env VAR (the base32 seed) or --mfa-code CODE",
        ),
        "SMS_MFA" | "SMS_OTP" => (
            "the user must give the code sent by SMS",
            "pass --mfa-code CODE or --otp-command CMD",
        ),
        "EMAIL_OTP" => (
            "the user must give the code sent by email",
            "pass --mfa-code CODE or --otp-command CMD",
        ),
        "SELECT_MFA_TYPE" => (
            "the user must choose an MFA method",
            "pass --mfa-type totp|sms|email with the option that answers it",
        ),
        "MFA_SETUP" => (
            "the user must set up MFA before signing in",
            "pass --totp-secret-out FILE to enrol an authenticator app",
        ),
        "SELECT_CHALLENGE" => (
            "the user must choose a sign-in method",
            "pass --preferred-challenge PASSWORD|PASSWORD_SRP|EMAIL_OTP|SMS_OTP with the password or a code",
        ),
        "CUSTOM_CHALLENGE" => (
            "the pool's Lambda triggers ask a custom question",
            "pass --custom-answer VALUE (once per round)",
        ),
        "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER" => (
            "the pool asks for a remembered device's proof",
            "pass --device-file FILE, the file a sign-in that remembered this device wrote",
        ),
        "PASSWORD_VERIFIER" => (
            "the service asks for an SRP password proof",
            "use --flow srp (the default), which sends the SRP handshake this proof belongs to",
        ),
        _ => (
            "the service sent a challenge cogtok does not know",
            "answer it with respond-to-auth-challenge",
        ),
    };
    Error::Challenge {
        challenge: challenge.to_string(),
        what: what.to_string(),
        hint: hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unanswerable_challenge_is_named_with_exit_254() {
        for name in [
            "NEW_PASSWORD_REQUIRED",
            "SOFTWARE_TOKEN_MFA",
            "SMS_MFA",
            "EMAIL_OTP",
            "MFA_SETUP",
            "WEIRD_NEW_THING",
        ] {
            let e = unanswerable(name);
            assert_eq!(e.exit_code(), 254);
            assert!(e.to_string().contains(&format!("({name})")), "{e}");
        }
        assert_eq!(
            unanswerable("NEW_PASSWORD_REQUIRED").to_string(),
            "the user must choose a new password (NEW_PASSWORD_REQUIRED): pass --new-password-env VAR or --new-password-file PATH"
        );
    }
}
