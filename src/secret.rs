//! `Secret`: a string that never shows itself in `Debug`, `Display`, logs or error messages.
//!
//! Passwords, client secrets, AWS secret keys, session strings and tokens live in this type from
//! the moment they are read until the byte they are sent, so no `{:?}` anywhere can leak them.

use std::fmt;

use zeroize::Zeroize;

#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send or hash it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Drop for Secret {
    // Overwrite the bytes (the whole capacity) before the allocation is freed, so a secret does
    // not linger in freed heap memory; zeroize's volatile stores cannot be optimised away.
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

// Secrets are read from and written to JSON (requests, token answers); the redacting happens
// when anything is shown, never on the wire.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("hunter2-Passw0rd");
        let shown = format!("{s:?} {:?}", Some(&s));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(s.expose(), "hunter2-Passw0rd");
    }
}
