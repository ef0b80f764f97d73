//! SECRET_HASH: Base64(HMAC-SHA256(key = app client secret, message = username + client id)).
//!
//! The username is the one the current step is about: the login name for InitiateAuth, the
//! internal username the service returned (USER_ID_FOR_SRP / USERNAME) for every later step.

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::secret::Secret;

pub(crate) fn secret_hash(client_secret: &Secret, username: &str, client_id: &str) -> Secret {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(client_secret.expose().as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    Secret::new(base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors made with Python: base64.b64encode(hmac.new(secret, (user + client).encode(),
    /// hashlib.sha256).digest()).
    #[test]
    fn matches_python_hmac() {
        let cases = [
            (
                "secret",
                "alice",
                "client",
                "RTsve+FQ659UKyESgvLg9GYmZEL+QjzQsW/OjL77/b0=",
            ),
            (
                "1example23456789abcdefghijklmnopqrstuvwxyz0123456789",
                "alice@example.com",
                "1example23456789",
                "Itzf9TWrigf7sOAQo+bI4IYj13vi8mU1bAKnUAby/mQ=",
            ),
            (
                "s",
                "3f2d7b4c-0e6a-4f5e-9a1b-2c3d4e5f6a7b",
                "abc",
                "60iouDfDAYqjMOpny4DPFQP4bh2n+qveJA1HZ2JqayQ=",
            ),
            ("s", "ünïcødé", "abc", "cbuWHgDDWY+cM1jN8B/pFLY1cAWciiSN8bS3XQIM69Q="),
        ];
        for (secret, user, client, want) in cases {
            assert_eq!(secret_hash(&Secret::new(secret), user, client).expose(), want, "{user}");
        }
    }
}
