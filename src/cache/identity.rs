//! What `aws-credentials --cache` keeps between runs, beside the tokens: an identity pool's
//! identity id per pool and user (GetId would hand a guest a new identity each run, and costs a
//! request for anyone), and the AWS credentials until 5 minutes before they expire (so that the
//! AWS CLI's `credential_process` costs no request on most calls). Files as the tokens' (0600,
//! atomic, refused when not private); the callers' keys say whose they are.

use serde::{Deserialize, Serialize};

use super::Cache;
use crate::api::identity::IdentityCredentials;

const VERSION: u32 = 1;

/// Credentials with this many seconds left or fewer are not served from the cache, but asked for
/// anew: an SDK given credentials about to expire would have to come back at once (aws-config
/// refreshes 5 minutes early; botocore starts 10 to 15 minutes early, and then simply runs
/// `credential_process` again, which the cache answers without a request until this margin).
pub(crate) const MIN_CREDENTIALS_TTL: i64 = 5 * 60;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct IdentityIdRecord {
    version: u32,
    identity_id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsRecord {
    version: u32,
    credentials: IdentityCredentials,
}

impl Cache {
    /// The identity id kept under `key`, if any.
    pub(crate) fn load_identity_id(&self, key: &[&str]) -> Option<String> {
        self.read::<IdentityIdRecord>(key, "identity id cache file", "asking for it again")
            .filter(|r| r.version == VERSION && !r.identity_id.is_empty())
            .map(|r| r.identity_id)
    }

    pub(crate) fn store_identity_id(&self, key: &[&str], identity_id: &str) {
        let record = IdentityIdRecord {
            version: VERSION,
            identity_id: identity_id.to_string(),
        };
        self.write(key, &record, "the identity id");
    }

    /// The credentials kept under `key` while they have more than [`MIN_CREDENTIALS_TTL`]
    /// seconds left at `now`.
    pub(crate) fn load_aws_credentials(&self, key: &[&str], now: i64) -> Option<IdentityCredentials> {
        self.read::<CredentialsRecord>(key, "credentials cache file", "asking for new ones")
            .filter(|r| r.version == VERSION && r.credentials.ttl(now) > MIN_CREDENTIALS_TTL)
            .map(|r| r.credentials)
    }

    pub(crate) fn store_aws_credentials(&self, key: &[&str], credentials: &IdentityCredentials) {
        let record = CredentialsRecord {
            version: VERSION,
            credentials: credentials.clone(),
        };
        self.write(key, &record, "the AWS credentials");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn cache(name: &str) -> (Cache, std::path::PathBuf) {
        let root = std::env::temp_dir().join(format!("cogtok-identity-cache-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        (
            Cache {
                dir: root.join("cogtok"),
            },
            root,
        )
    }

    fn credentials(expiration: i64) -> IdentityCredentials {
        IdentityCredentials {
            identity_id: "us-east-1:0f1e".to_string(),
            access_key_id: "ASIAEXAMPLE".to_string(),
            secret_access_key: Secret::new("s3cr3t"),
            session_token: Secret::new("IQoJsession"),
            expiration,
        }
    }

    #[test]
    fn identity_ids_are_kept_per_key() {
        let (cache, root) = cache("ids");
        let alice = ["identity-id", "pool", "alice"];
        assert_eq!(cache.load_identity_id(&alice), None);
        cache.store_identity_id(&alice, "us-east-1:0f1e");
        assert_eq!(cache.load_identity_id(&alice).as_deref(), Some("us-east-1:0f1e"));
        assert_eq!(cache.load_identity_id(&["identity-id", "pool", "bob"]), None);
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn credentials_are_served_until_five_minutes_before_they_expire() {
        use std::os::unix::fs::PermissionsExt;
        let (cache, root) = cache("credentials");
        let key = ["aws-credentials", "pool", "alice"];
        let now = 1_800_000_000;
        cache.store_aws_credentials(&key, &credentials(now + 3600));
        let kept = cache.load_aws_credentials(&key, now).expect("an hour left");
        assert_eq!(kept.secret_access_key.expose(), "s3cr3t");
        assert_eq!(kept.session_token.expose(), "IQoJsession");
        assert!(cache.load_aws_credentials(&key, now + 3600 - 301).is_some());
        assert!(
            cache.load_aws_credentials(&key, now + 3600 - 300).is_none(),
            "5 minutes left"
        );
        assert!(cache.load_aws_credentials(&key, now + 7200).is_none(), "expired");
        let mode = std::fs::metadata(cache.path(&key)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let _ = std::fs::remove_dir_all(root);
    }
}
