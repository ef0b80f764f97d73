//! TOTP codes (RFC 6238 over RFC 4226 HOTP): what an authenticator app shows for a base32 seed.
//! Cognito's SOFTWARE_TOKEN_MFA uses SHA-1, 6 digits and 30-second steps.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::secret::Secret;

pub(crate) const STEP_SECONDS: u64 = 30;

/// A decoded TOTP seed. No `Debug`: it is a secret.
pub(crate) struct Key(Vec<u8>);

impl Key {
    pub(crate) fn from_base32(seed: &Secret) -> Result<Key> {
        decode_seed(seed).map(Key)
    }

    /// The 6-digit code for the 30-second window holding `unix_seconds`.
    pub(crate) fn code_at(&self, unix_seconds: u64) -> Secret {
        Secret::new(hotp_sha1(&self.0, unix_seconds / STEP_SECONDS, 6))
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// Decodes an RFC 4648 base32 seed as authenticator apps accept it: case-insensitive, spaces
/// and `-` ignored, `=` padding optional.
fn decode_seed(seed: &Secret) -> Result<Vec<u8>> {
    let mut bits: u64 = 0;
    let mut nbits = 0;
    let mut out = Vec::new();
    for c in seed.expose().chars() {
        let v = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u64 - 'A' as u64,
            c @ '2'..='7' => c as u64 - '2' as u64 + 26,
            ' ' | '-' | '=' => continue,
            _ => {
                return Err(Error::config(
                    "the TOTP secret is not base32 (letters A-Z and digits 2-7)",
                ))
            }
        };
        bits = (bits << 5) | v;
        nbits += 5;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
            bits &= (1 << nbits) - 1;
        }
    }
    if out.is_empty() {
        return Err(Error::config("the TOTP secret is empty"));
    }
    Ok(out)
}

/// The HOTP value of `key` at `counter`, with `digits` digits (RFC 4226 §5.3).
fn hotp_sha1(key: &[u8], counter: u64, digits: u32) -> String {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[hash.len() - 1] & 0x0f) as usize;
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    format!("{:0width$}", binary % 10u32.pow(digits), width = digits as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows (8 digits), key "12345678901234567890".
    #[test]
    fn rfc6238_vectors() {
        let key = b"12345678901234567890";
        let rows = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (t, want) in rows {
            assert_eq!(hotp_sha1(key, t / STEP_SECONDS, 8), want, "T={t}");
        }
        // The 6-digit code is the last six digits of the same value.
        assert_eq!(Key(key.to_vec()).code_at(59).expose(), "287082");
    }

    /// RFC 4226 Appendix D: HOTP counters 0..9 of the same key.
    #[test]
    fn rfc4226_vectors() {
        let want = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
        ];
        for (counter, code) in want.iter().enumerate() {
            assert_eq!(hotp_sha1(b"12345678901234567890", counter as u64, 6), *code);
        }
    }

    #[test]
    fn base32_seeds_as_authenticator_apps_take_them() {
        // "12345678901234567890" in base32, as Cognito's SecretCode would be written.
        let seed = Secret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(decode_seed(&seed).unwrap(), b"12345678901234567890");
        let spaced = Secret::new("gezd gnbv gy3t qojq gezd gnbv gy3t qojq");
        assert_eq!(decode_seed(&spaced).unwrap(), b"12345678901234567890");
        assert_eq!(decode_seed(&Secret::new("MZXW6===")).unwrap(), b"foo");
        let err = decode_seed(&Secret::new("not-base32!")).err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert!(!err.to_string().contains("not-base32"), "never echo a secret: {err}");
    }
}
