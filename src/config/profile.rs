//! The AWS shared config and credentials files: a minimal INI reader and profile lookup.
//!
//! Follows botocore's rules: `~/.aws/config` names sections `[default]` or `[profile NAME]`,
//! `~/.aws/credentials` names them `[NAME]`; keys of the credentials file win over the config
//! file's; indented lines belong to a nested sub-section (such as `s3 =`) and are skipped;
//! whole-line comments start with `#` or `;`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::env::Env;
use crate::error::{Error, Result};

/// One profile's keys, from both files. Values may be secrets: this type has no `Debug`.
#[derive(Default)]
pub(crate) struct Profile {
    keys: HashMap<String, String>,
}

impl Profile {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.keys.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// Both shared files, read once, and where they were looked for (for error messages).
pub(crate) struct ProfileFiles {
    pub(crate) config_path: Option<PathBuf>,
    pub(crate) credentials_path: Option<PathBuf>,
    config: HashMap<String, HashMap<String, String>>,
    /// The credentials file, or why it could not be read: that matters only to a run that needs
    /// credentials, so an unreadable file (a root-owned mount in a container) does not stop an
    /// unsigned sign-in.
    credentials: std::result::Result<HashMap<String, HashMap<String, String>>, String>,
}

impl ProfileFiles {
    pub(crate) fn load(env: &Env) -> Result<Self> {
        let home = env.home();
        let config_path = env
            .get("AWS_CONFIG_FILE")
            .map(expand_home(&home))
            .or_else(|| home.as_ref().map(|h| h.join(".aws").join("config")));
        let credentials_path = env
            .get("AWS_SHARED_CREDENTIALS_FILE")
            .map(expand_home(&home))
            .or_else(|| home.as_ref().map(|h| h.join(".aws").join("credentials")));
        let config = read_sections(config_path.as_deref(), true)?;
        let credentials = read_sections(credentials_path.as_deref(), false).map_err(|e| e.to_string());
        Ok(ProfileFiles {
            config_path,
            credentials_path,
            config,
            credentials,
        })
    }

    #[cfg(test)]
    pub(crate) fn from_texts(config: &str, credentials: &str) -> Self {
        ProfileFiles {
            config_path: Some(PathBuf::from("config")),
            credentials_path: Some(PathBuf::from("credentials")),
            config: parse_sections(config, true),
            credentials: Ok(parse_sections(credentials, false)),
        }
    }

    /// Profile `name` of the config file alone: the settings that are not credentials (region,
    /// endpoints, CA bundle, attempts) live there.
    pub(crate) fn config_profile(&self, name: &str) -> Option<Profile> {
        self.config.get(name).map(|keys| Profile { keys: keys.clone() })
    }

    /// The merged profile `name` of both files, or `None` when neither has it; an error when
    /// the credentials file exists but cannot be read.
    pub(crate) fn profile(&self, name: &str) -> Result<Option<Profile>> {
        let credentials = self.credentials.as_ref().map_err(|e| Error::config(e.clone()))?;
        let from_config = self.config.get(name);
        let from_credentials = credentials.get(name);
        if from_config.is_none() && from_credentials.is_none() {
            return Ok(None);
        }
        let mut keys = from_config.cloned().unwrap_or_default();
        keys.extend(from_credentials.cloned().unwrap_or_default());
        Ok(Some(Profile { keys }))
    }

    /// "~/.aws/credentials and ~/.aws/config", for messages that say where cogtok looked.
    pub(crate) fn describe(&self) -> String {
        let show = |p: &Option<PathBuf>| p.as_ref().map_or("(no HOME)".to_string(), |p| p.display().to_string());
        format!("{} and {}", show(&self.credentials_path), show(&self.config_path))
    }
}

fn expand_home(home: &Option<PathBuf>) -> impl Fn(&str) -> PathBuf + '_ {
    move |p: &str| match (p.strip_prefix("~/"), home) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(p),
    }
}

fn read_sections(path: Option<&Path>, is_config: bool) -> Result<HashMap<String, HashMap<String, String>>> {
    let Some(path) = path else {
        return Ok(HashMap::new());
    };
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(parse_sections(&text, is_config)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HashMap::new()),
        Err(e) => Err(Error::config(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Parses INI text into profile name → keys. In the config file only `[default]` and
/// `[profile NAME]` are profiles (other sections such as `[sso-session x]` are skipped).
fn parse_sections(text: &str, is_config: bool) -> HashMap<String, HashMap<String, String>> {
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut current: Option<String> = None;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let name = header.trim_end_matches(']').trim();
            current = section_profile_name(name, is_config);
            if let Some(n) = &current {
                sections.entry(n.clone()).or_default();
            }
            continue;
        }
        // Indented lines are values of a nested sub-section (`s3 =` then `  max_concurrent_requests = 10`).
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let (Some(name), Some((key, value))) = (&current, trimmed.split_once('=')) else {
            continue;
        };
        sections
            .entry(name.clone())
            .or_default()
            .insert(key.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    sections
}

fn section_profile_name(header: &str, is_config: bool) -> Option<String> {
    if !is_config {
        return Some(header.to_string());
    }
    if header == "default" {
        return Some("default".to_string());
    }
    let rest = header.strip_prefix("profile")?;
    // "profile" must be followed by whitespace: "[profilefoo]" is not a profile.
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
[default]
region = eu-west-1
output = json

# a comment
[profile ci]
region=ap-northeast-1
s3 =
  max_concurrent_requests = 10
aws_access_key_id = AKIDCONFIG

[profilebroken]
region = us-west-2

[sso-session corp]
sso_region = us-east-1
";
    const CREDENTIALS: &str = "\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret/default+key
; another comment
[ci]
aws_access_key_id = AKIDCI
aws_secret_access_key = secret-ci
aws_session_token = token-ci
";

    #[test]
    fn merges_config_and_credentials_with_credentials_winning() {
        let files = ProfileFiles::from_texts(CONFIG, CREDENTIALS);
        let ci = files.profile("ci").unwrap().expect("ci profile");
        assert_eq!(ci.get("region"), Some("ap-northeast-1"));
        assert_eq!(ci.get("aws_access_key_id"), Some("AKIDCI"));
        assert_eq!(ci.get("aws_session_token"), Some("token-ci"));
        assert_eq!(ci.get("max_concurrent_requests"), None, "nested keys are skipped");
        let default = files.profile("default").unwrap().expect("default profile");
        assert_eq!(default.get("region"), Some("eu-west-1"));
        assert_eq!(default.get("aws_secret_access_key"), Some("secret/default+key"));
    }

    #[test]
    fn only_profile_sections_are_profiles_in_the_config_file() {
        let files = ProfileFiles::from_texts(CONFIG, "");
        assert!(files.profile("profilebroken").unwrap().is_none());
        assert!(files.profile("broken").unwrap().is_none());
        assert!(files.profile("corp").unwrap().is_none());
        assert!(files.profile("sso-session corp").unwrap().is_none());
        assert!(files.profile("missing").unwrap().is_none());
    }

    #[test]
    fn missing_files_are_empty_not_errors() {
        let env = Env::from_pairs(&[("HOME", "/nonexistent-cogtok-home")]);
        let files = ProfileFiles::load(&env).expect("load");
        assert!(files.profile("default").unwrap().is_none());
        assert!(files.describe().contains("/nonexistent-cogtok-home/.aws/credentials"));
    }
}
