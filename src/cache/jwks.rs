//! The JWKS cache of `cogtok verify`: a pool's key set kept between runs, so that each check
//! of a token costs no request. One file per JWKS URL in the token cache's directory (so under
//! the same refusal of shared directories: a planted key set would make forged tokens valid).

use serde::{Deserialize, Serialize};

use super::{create_private_dir, Cache};
use crate::error::Error;

/// What one file holds: the key set and when it was fetched.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CachedJwks {
    /// Unix seconds.
    pub(crate) fetched_at: i64,
    pub(crate) jwks: serde_json::Value,
}

impl Cache {
    fn jwks_path(&self, url: &str) -> std::path::PathBuf {
        self.path(&["jwks", url])
    }

    /// The cached key set for `url`, if any; an unreadable file is as none (it is fetched again).
    pub(crate) fn load_jwks(&self, url: &str) -> Option<CachedJwks> {
        let text = std::fs::read_to_string(self.jwks_path(url)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Keeps the key set; a failure is a warning, since the key set in hand is still good.
    pub(crate) fn store_jwks(&self, url: &str, entry: &CachedJwks) {
        let stored = create_private_dir(&self.dir).and_then(|()| {
            let text = serde_json::to_string(entry).map_err(|e| Error::encode(&e))?;
            crate::private_file::write(&self.jwks_path(url), &text)
        });
        if let Err(e) = stored {
            crate::diagnostics::warn(&format!("could not keep the JWKS in the cache: {e}"));
        }
    }
}
