//! The token cache (`--cache`): tokens kept between runs so that CI steps do not sign in every
//! time (Cognito rate-limits sign-ins). One file per identity (endpoint, pool, client, username,
//! flow), mode 0600, written atomically; it never holds a password or a client secret. The same
//! directory keeps `verify`'s key sets (`jwks`) and `aws-credentials`' identity ids and AWS
//! credentials (`identity`), each record in a file of its own under the same rules. The
//! directory is created 0700 when missing and never chmod-ed: one that is another user's, or
//! that others can write to (`/tmp`), is refused, since they could plant or swap the files. A
//! file that is not private (a symbolic link, a FIFO or device, another user's, one that others
//! may write or read) or cannot be read is ignored with one warning and replaced by the fresh
//! sign-in's: beyond the directory check, the cache is never why a run fails, nor why it waits.

mod identity;
pub(crate) mod jwks;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::api::model::AuthenticationResult;
use crate::config::Env;
use crate::error::{Error, Result};
use crate::private_file;
use crate::secret::Secret;

const VERSION: u32 = 1;

/// A cache file is three tokens and a few numbers: well under this. A larger one is not ours.
const MAX_FILE: u64 = 1 << 20;

pub(crate) struct Cache {
    dir: PathBuf,
}

/// What one cache file holds.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Entry {
    version: u32,
    pub(crate) access_token: Secret,
    #[serde(default)]
    pub(crate) id_token: Option<Secret>,
    #[serde(default)]
    pub(crate) refresh_token: Option<Secret>,
    /// Unix seconds when the access and ID tokens expire.
    pub(crate) expires_at: i64,
    /// The internal username (for SECRET_HASH on refresh), read from the ID token.
    #[serde(default)]
    pub(crate) username: Option<String>,
}

impl Entry {
    pub(crate) fn from_tokens(tokens: &AuthenticationResult, now: i64) -> Entry {
        let username = tokens
            .id_token
            .as_ref()
            .and_then(|t| crate::jwt::internal_username(t.expose()))
            .or_else(|| crate::jwt::internal_username(tokens.access_token.expose()));
        Entry {
            version: VERSION,
            access_token: tokens.access_token.clone(),
            id_token: tokens.id_token.clone(),
            refresh_token: tokens.refresh_token.clone(),
            expires_at: tokens.expires_at(now).unwrap_or(now),
            username,
        }
    }

    /// Seconds left before the tokens expire.
    pub(crate) fn ttl(&self, now: i64) -> i64 {
        // Saturating: a cache file is outside input, and may hold any number.
        self.expires_at.saturating_sub(now)
    }

    /// The cached tokens as an answer would carry them, `ExpiresIn` counted from `now`.
    pub(crate) fn to_tokens(&self, now: i64) -> AuthenticationResult {
        AuthenticationResult {
            access_token: self.access_token.clone(),
            expires_in: Some(self.ttl(now).max(0)),
            token_type: Some("Bearer".to_string()),
            refresh_token: self.refresh_token.clone(),
            id_token: self.id_token.clone(),
            new_device_metadata: None,
        }
    }
}

impl Cache {
    /// `--cache-dir`, else `$XDG_CACHE_HOME/cogtok`, else `~/.cache/cogtok`.
    pub(crate) fn new(dir: Option<&Path>, env: &Env) -> Result<Cache> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => env
                .get("XDG_CACHE_HOME")
                .map(|x| PathBuf::from(x).join("cogtok"))
                .or_else(|| env.home().map(|h| h.join(".cache").join("cogtok")))
                .ok_or_else(|| Error::config("--cache needs a directory: pass --cache-dir DIR or set HOME"))?,
        };
        refuse_shared_dir(&dir)?;
        Ok(Cache { dir })
    }

    /// The file for one identity. The name is a hash, so that user names (emails) do not show
    /// in directory listings and any name is a valid file name.
    fn path(&self, identity: &[&str]) -> PathBuf {
        let mut hash = Sha256::new();
        for part in identity {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part.as_bytes());
        }
        let hex: String = hash.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.json"))
    }

    /// The entry for `identity`, or `None` (with one warning line when a file exists but is
    /// unusable). A file that is not private (a symbolic link, a FIFO, another user's, or one
    /// that others may write or read) is never used: the run signs in afresh and `store`
    /// replaces it. Nothing here waits: a FIFO at the path is refused, not opened for reading.
    pub(crate) fn load(&self, identity: &[&str]) -> Option<Entry> {
        self.read::<Entry>(identity, "token cache file", "signing in afresh")
            .filter(|entry| entry.version == VERSION)
    }

    /// Keeps `entry` for `identity`; a failure is a warning, since the tokens are still good.
    pub(crate) fn store(&self, identity: &[&str], entry: &Entry) {
        self.write(identity, entry, "the tokens");
    }

    /// The record kept for `identity`, read as `load` reads tokens; `file` names it in a warning
    /// ("token cache file"), `instead` says what the run does without it ("signing in afresh").
    fn read<T: serde::de::DeserializeOwned>(&self, identity: &[&str], file: &str, instead: &str) -> Option<T> {
        let (path, bytes) = self.read_bytes(identity, file, instead)?;
        match serde_json::from_slice::<T>(&bytes) {
            Ok(record) => Some(record),
            Err(e) => {
                unreadable(&path, file, &e);
                None
            }
        }
    }

    /// The bytes of the record's file, if it is there and private (the part of `read` that is
    /// the same for every record type, so that it is in the binary once).
    fn read_bytes(&self, identity: &[&str], file: &str, instead: &str) -> Option<(PathBuf, Vec<u8>)> {
        let path = self.path(identity);
        match private_file::read_private(&path, MAX_FILE) {
            Ok(Some(bytes)) => Some((path, bytes)),
            Ok(None) => None,
            Err(why) => {
                crate::diagnostics::warn(&format!(
                    "ignoring the {file} {}: it {why}; {instead}",
                    crate::quote::path(&path)
                ));
                None
            }
        }
    }

    /// Keeps `record` for `identity`; a failure is a warning naming `what` ("the tokens"), since
    /// what the run got is still good.
    fn write<T: Serialize>(&self, identity: &[&str], record: &T, what: &str) {
        let written = serde_json::to_string(record)
            .map_err(|e| Error::encode(&e))
            .and_then(|text| self.write_text(identity, &text));
        if let Err(e) = written {
            crate::diagnostics::warn(&format!("could not keep {what} in the cache: {e}"));
        }
    }

    fn write_text(&self, identity: &[&str], text: &str) -> Result<()> {
        create_private_dir(&self.dir)?;
        let path = self.path(identity);
        // `read` ignored whatever else was planted at the path (a link, a FIFO): the directory
        // is the user's own and no one else's to write, so it is removed (never followed) and
        // replaced. A directory there is left alone, and the write fails with a warning.
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            if !meta.is_dir() && !meta.is_file() {
                let _ = std::fs::remove_file(&path);
            }
        }
        private_file::write(&path, text)
    }
}

/// The warning for a record file that is not JSON of the record's shape: serde_json's category
/// and position, never the value (which could be a token).
fn unreadable(path: &Path, file: &str, e: &serde_json::Error) {
    crate::diagnostics::warn(&format!(
        "ignoring the unreadable {file} {}: {}",
        crate::quote::path(path),
        crate::diagnostics::json_problem(e)
    ));
}

/// Refuses an existing directory that is not the user's own, or that users other than its owner
/// may write to: the cache's files would be theirs to plant or replace. Its mode is the user's
/// business, so it is never changed.
fn refuse_shared_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(());
    };
    let problem = if !meta.is_dir() {
        "is not a directory".to_string()
    } else if private_file::current_uid().is_some_and(|uid| uid != meta.uid()) {
        format!("belongs to another user (uid {})", meta.uid())
    } else if meta.mode() & 0o022 != 0 {
        format!("is writable by other users (mode {:o})", meta.mode() & 0o7777)
    } else {
        return Ok(());
    };
    Err(Error::config(format!(
        "the token cache directory {} {problem}: pass --cache-dir with a directory only you can \
         write to (cogtok creates it 0700)",
        crate::quote::path(dir)
    )))
}

/// Creates the cache directory, and the missing ones above it, with mode 0700; an existing one is
/// left as it is.
fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(format!("cannot create {}", crate::quote::path(dir)), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens() -> AuthenticationResult {
        serde_json::from_value(serde_json::json!({
            "AccessToken": "a.b.c", "ExpiresIn": 3600, "TokenType": "Bearer", "RefreshToken": "r", "IdToken": "i.d.t"
        }))
        .unwrap()
    }

    fn cache() -> (Cache, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "cogtok-cache-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        (
            Cache {
                dir: dir.join("cogtok"),
            },
            dir,
        )
    }

    #[test]
    fn round_trip_with_private_modes() {
        use std::os::unix::fs::PermissionsExt;
        let (cache, root) = cache();
        let id = ["us-east-1_A", "client", "alice", "srp"];
        assert!(cache.load(&id).is_none());
        cache.store(&id, &Entry::from_tokens(&tokens(), 1_000));
        let entry = cache.load(&id).expect("stored");
        assert_eq!(entry.expires_at, 4_600);
        assert_eq!(entry.ttl(1_100), 3_500);
        assert_eq!(entry.to_tokens(1_100).expires_in, Some(3_500));
        let file = cache.path(&id);
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(
            std::fs::metadata(&cache.dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert!(
            cache.load(&["us-east-1_A", "client", "bob", "srp"]).is_none(),
            "another identity"
        );
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn a_corrupt_file_is_ignored() {
        let (cache, root) = cache();
        let id = ["p", "c", "u", "f"];
        std::fs::create_dir_all(&cache.dir).unwrap();
        std::fs::write(cache.path(&id), "{\"Version\":1,\"AccessT").unwrap();
        assert!(cache.load(&id).is_none());
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn any_expiry_in_a_file_is_safe() {
        let (cache, root) = cache();
        let id = ["p", "c", "u", "f"];
        std::fs::create_dir_all(&cache.dir).unwrap();
        private_file::write(
            &cache.path(&id),
            r#"{"Version":1,"AccessToken":"a","ExpiresAt":-9223372036854775808}"#,
        )
        .unwrap();
        let entry = cache.load(&id).expect("well-formed");
        assert!(entry.ttl(1_800_000_000) < 0, "long expired");
        assert_eq!(entry.to_tokens(1_800_000_000).expires_in, Some(0));
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn a_directory_others_can_write_is_refused_and_never_chmodded() {
        use std::os::unix::fs::PermissionsExt;
        let (_, root) = cache();
        std::fs::create_dir_all(&root).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        for shared in [0o1777, 0o777, 0o775, 0o757] {
            std::fs::set_permissions(&root, std::fs::Permissions::from_mode(shared)).unwrap();
            let e = Cache::new(Some(&root), &Env::from_pairs(&[])).err().expect("refused");
            assert_eq!(e.exit_code(), 253);
            assert!(e.to_string().contains("writable by other users"), "{e}");
            assert_eq!(mode(&root), shared, "the mode is left alone");
        }
        // A directory of the user's own choosing that others may read keeps its mode; the
        // files in it are 0600 all the same.
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let cache = Cache::new(Some(&root), &Env::from_pairs(&[])).expect("private enough");
        let id = ["p", "c", "u", "f"];
        cache.store(&id, &Entry::from_tokens(&tokens(), 1_000));
        assert!(cache.load(&id).is_some());
        assert_eq!(mode(&root), 0o755, "never chmod a directory cogtok did not create");
        assert_eq!(mode(&cache.path(&id)), 0o600);
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn planted_files_are_ignored_then_replaced_by_a_private_one() {
        use std::os::unix::fs::PermissionsExt;
        let (cache, root) = cache();
        let id = ["p", "c", "u", "f"];
        std::fs::create_dir_all(&cache.dir).unwrap();
        let path = cache.path(&id);
        let planted = r#"{"Version":1,"AccessToken":"planted","ExpiresAt":99999999999}"#;
        let elsewhere = root.join("elsewhere");
        std::fs::write(&elsewhere, planted).unwrap();
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
        let plant: [(&str, &dyn Fn()); 4] = [
            ("0666", &|| {
                std::fs::write(&path, planted).unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
            }),
            ("0644", &|| {
                std::fs::write(&path, planted).unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            }),
            ("symlink", &|| std::os::unix::fs::symlink(&elsewhere, &path).unwrap()),
            ("fifo", &|| {
                assert!(std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .unwrap()
                    .success());
            }),
        ];
        for (what, plant) in plant {
            let _ = std::fs::remove_file(&path);
            plant();
            assert!(cache.load(&id).is_none(), "{what}: ignored");
            cache.store(&id, &Entry::from_tokens(&tokens(), 1_000));
            let meta = std::fs::symlink_metadata(&path).unwrap();
            assert!(meta.is_file(), "{what}: replaced by a regular file");
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{what}");
            assert_eq!(cache.load(&id).expect(what).access_token.expose(), "a.b.c");
        }
        assert_eq!(
            std::fs::read_to_string(&elsewhere).unwrap(),
            planted,
            "a link is never written through"
        );
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn identities_do_not_collide_by_concatenation() {
        let (cache, _) = cache();
        assert_ne!(cache.path(&["ab", "c"]), cache.path(&["a", "bc"]));
    }
}
