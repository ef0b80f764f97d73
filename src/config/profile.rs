//! The AWS shared config and credentials files: an INI reader with the AWS SDK for Rust's rules, and profile lookup.
//!
//! The rules are those of aws-config (the parser now lives in aws-runtime's `env_config`), checked
//! against its own test data in tests/data/aws-config/ (see the table tests at the end):
//!
//! - Each line is blank, a comment (`#` or `;` in the first column), a section header (`[` in the
//!   first column), a continuation (a space or tab in the first column) or a property `key = value`.
//! - Headers: `[default]`, `[profile NAME]`, `[sso-session NAME]` and `[services NAME]` in the
//!   config file, `[NAME]` in the credentials file. Whitespace inside the brackets is trimmed
//!   (`[  profile  ci ]`); a `#` or `;` anywhere on a header line starts a comment, even right
//!   after `]`; a header without `]` is an error. Names are `[A-Za-z0-9_-/.%@:+]+`: a section with
//!   another name, another prefix, no prefix in the config file (except `default`) or a prefix in
//!   the credentials file is ignored, but its lines are still checked.
//! - Properties: a `#` or `;` starts a comment only after whitespace (`value;x` keeps `;x`). Keys
//!   are ASCII-lowercased; a key that is not a valid name is ignored, `= value` and a line without
//!   `=` are errors. A later key replaces an earlier one; sections of the same name merge.
//! - Continuations are trimmed and appended to the previous property's value after `\n`, comment
//!   characters included. After an empty value (`s3 =`) they are sub-properties and must be
//!   `key = value`; the property keeps them as text (`"\nmax_concurrent_requests = 10"`).
//! - In the config file `[profile default]` wins over `[default]` wherever either appears: then
//!   every `[default]` section is ignored. Keys of the credentials file win over the config file's.
//!
//! Errors name the file and line and never quote the line: values can be secrets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::env::Env;
use crate::error::{Error, Result};

/// One section's properties: lowercased key → value as written (continuations joined by `\n`).
type Properties = HashMap<String, String>;

/// One profile's keys, from both files. Values may be secrets: this type has no `Debug`.
#[derive(Default)]
pub(crate) struct Profile {
    keys: Properties,
}

impl Profile {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.keys.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// The kinds of section cogtok keeps apart: a `[sso-session x]` is not a profile named `x`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum SectionKind {
    Profile,
    SsoSession,
    Services,
}

/// The sections of one file, by kind and name.
#[derive(Default)]
struct Sections {
    profiles: HashMap<String, Properties>,
    sso_sessions: HashMap<String, Properties>,
    services: HashMap<String, Properties>,
}

impl Sections {
    fn of_kind(&self, kind: SectionKind) -> &HashMap<String, Properties> {
        match kind {
            SectionKind::Profile => &self.profiles,
            SectionKind::SsoSession => &self.sso_sessions,
            SectionKind::Services => &self.services,
        }
    }

    fn of_kind_mut(&mut self, kind: SectionKind) -> &mut HashMap<String, Properties> {
        match kind {
            SectionKind::Profile => &mut self.profiles,
            SectionKind::SsoSession => &mut self.sso_sessions,
            SectionKind::Services => &mut self.services,
        }
    }
}

/// Both shared files, read once, and where they were looked for (for error messages).
pub(crate) struct ProfileFiles {
    pub(crate) config_path: Option<PathBuf>,
    pub(crate) credentials_path: Option<PathBuf>,
    config: Sections,
    /// The credentials file, or why it could not be read or parsed: that matters only to a run
    /// that needs credentials, so an unreadable file (a root-owned mount in a container) or a
    /// typo in it does not stop an unsigned sign-in.
    credentials: std::result::Result<Sections, String>,
}

impl ProfileFiles {
    pub(crate) fn load(env: &Env) -> Result<Self> {
        let (config_path, credentials_path) = locations(env);
        let config = read_sections(config_path.as_deref(), FileKind::Config)?;
        let credentials = read_sections(credentials_path.as_deref(), FileKind::Credentials).map_err(|e| e.to_string());
        Ok(ProfileFiles {
            config_path,
            credentials_path,
            config,
            credentials,
        })
    }

    /// As `load`, from texts named `config` and `credentials` in messages (tests, fuzz targets).
    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn from_texts(config: &str, credentials: &str) -> Result<Self> {
        let (config_path, credentials_path) = (PathBuf::from("config"), PathBuf::from("credentials"));
        Ok(ProfileFiles {
            config: parse_file(config, FileKind::Config, &config_path)?,
            credentials: parse_file(credentials, FileKind::Credentials, &credentials_path).map_err(|e| e.to_string()),
            config_path: Some(config_path),
            credentials_path: Some(credentials_path),
        })
    }

    /// Profile `name` of the config file alone: the settings that are not credentials (region,
    /// endpoints, CA bundle, attempts) live there.
    pub(crate) fn config_profile(&self, name: &str) -> Option<Profile> {
        self.config_section(SectionKind::Profile, name)
    }

    /// Section `[KIND name]` of the config file (the credentials file holds profiles only).
    pub(crate) fn config_section(&self, kind: SectionKind, name: &str) -> Option<Profile> {
        self.config
            .of_kind(kind)
            .get(name)
            .map(|keys| Profile { keys: keys.clone() })
    }

    /// Whether either file has profile `name`. The config file is enough when it has it, so
    /// that a broken credentials file does not fail a run that needs no credentials.
    pub(crate) fn has_profile(&self, name: &str) -> Result<bool> {
        if self.config.profiles.contains_key(name) {
            return Ok(true);
        }
        Ok(self.credentials()?.profiles.contains_key(name))
    }

    /// The merged profile `name` of both files, or `None` when neither has it; an error when
    /// the credentials file exists but cannot be read or parsed.
    pub(crate) fn profile(&self, name: &str) -> Result<Option<Profile>> {
        let from_config = self.config.profiles.get(name);
        let from_credentials = self.credentials()?.profiles.get(name);
        if from_config.is_none() && from_credentials.is_none() {
            return Ok(None);
        }
        let mut keys = from_config.cloned().unwrap_or_default();
        keys.extend(from_credentials.cloned().unwrap_or_default());
        Ok(Some(Profile { keys }))
    }

    fn credentials(&self) -> Result<&Sections> {
        self.credentials.as_ref().map_err(|e| Error::config(e.clone()))
    }

    /// "~/.aws/credentials and ~/.aws/config", for messages that say where cogtok looked.
    pub(crate) fn describe(&self) -> String {
        let show = |p: &Option<PathBuf>| p.as_ref().map_or("(no HOME)".to_string(), |p| crate::quote::path(p));
        format!("{} and {}", show(&self.credentials_path), show(&self.config_path))
    }
}

/// Where the config and credentials files are: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`
/// (a leading `~/` is the home directory), else `.aws/config` and `.aws/credentials` under it.
fn locations(env: &Env) -> (Option<PathBuf>, Option<PathBuf>) {
    let home = env.home();
    let config_path = env
        .get("AWS_CONFIG_FILE")
        .map(expand_home(&home))
        .or_else(|| home.as_ref().map(|h| h.join(".aws").join("config")));
    let credentials_path = env
        .get("AWS_SHARED_CREDENTIALS_FILE")
        .map(expand_home(&home))
        .or_else(|| home.as_ref().map(|h| h.join(".aws").join("credentials")));
    (config_path, credentials_path)
}

fn expand_home(home: &Option<PathBuf>) -> impl Fn(&str) -> PathBuf + '_ {
    move |p: &str| match (p.strip_prefix("~/"), home) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(p),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Config,
    Credentials,
}

fn read_sections(path: Option<&Path>, kind: FileKind) -> Result<Sections> {
    let Some(path) = path else {
        return Ok(Sections::default());
    };
    match std::fs::read_to_string(path) {
        Ok(text) => parse_file(&text, kind, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Sections::default()),
        Err(e) => Err(Error::config(format!("cannot read {}: {e}", crate::quote::path(path)))),
    }
}

fn parse_file(text: &str, kind: FileKind, path: &Path) -> Result<Sections> {
    parse(text, kind).map_err(|e| Error::config(format!("{} line {}: {}", crate::quote::path(path), e.line, e.message)))
}

/// A syntax error: the 1-based line and what is wrong, in words that never quote the line.
#[derive(Debug)]
struct ParseError {
    line: usize,
    message: &'static str,
}

/// Only these two count as whitespace, as in aws-config: a line that starts with another kind of
/// space is a property line.
const WHITESPACE: &[char] = &[' ', '\t'];
const COMMENT: &[char] = &['#', ';'];

/// Where the properties being read go.
enum Target {
    /// A section this file does not use, or with an invalid name: its lines are checked, then dropped.
    Ignored,
    /// `[default]` of the config file, used only if there is no `[profile default]`.
    BareDefault,
    Section(SectionKind, String),
}

/// Parses one file into its sections.
fn parse(text: &str, kind: FileKind) -> std::result::Result<Sections, ParseError> {
    let mut sections = Sections::default();
    let mut bare_default: Option<Properties> = None;
    // `None` until the first header; then where properties go, and the property that
    // continuation lines extend with whether it opened sub-properties (`s3 =`).
    let mut target: Option<Target> = None;
    let mut property: Option<(String, bool)> = None;
    // Not in aws-config: a byte-order mark (Windows editors write one) would make line 1 a
    // property line and the whole file an error.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        let fail = |message| ParseError {
            line: index + 1,
            message,
        };
        // aws-config looks at the first column only: an indented `# x` is a continuation.
        // (botocore's ConfigParser strips the line first and takes it as a comment.)
        if line.trim_matches(WHITESPACE).is_empty() || line.starts_with(COMMENT) {
            continue;
        }
        if line.starts_with('[') {
            let name = strip_comment(line, false)
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .ok_or(fail("a section header must end with ']'"))?;
            let new_target = section_target(name, kind);
            match &new_target {
                Target::Ignored => {}
                Target::BareDefault => {
                    bare_default.get_or_insert_with(Properties::new);
                }
                Target::Section(kind, name) => {
                    sections.of_kind_mut(*kind).entry(name.clone()).or_default();
                }
            }
            target = Some(new_target);
            property = None;
            continue;
        }
        let Some(target) = &target else {
            return Err(fail("a property must follow a section header such as [default]"));
        };
        let properties = match target {
            Target::Ignored => None,
            Target::BareDefault => bare_default.as_mut(),
            Target::Section(kind, name) => sections.of_kind_mut(*kind).get_mut(name),
        };
        if line.starts_with(WHITESPACE) {
            // botocore takes an indented line right after a header as a property; aws-config,
            // followed here, as a continuation of nothing: an error rather than a silent skip.
            let Some((key, opens_sub_properties)) = &property else {
                return Err(fail(
                    "an indented line continues a property, and none precedes it (unindent a key)",
                ));
            };
            if *opens_sub_properties {
                parse_property(line).map_err(|e| fail(e.message(true)))?;
            }
            if let Some(value) = properties.and_then(|p| p.get_mut(key)) {
                value.push('\n');
                value.push_str(line.trim_matches(WHITESPACE));
            }
        } else {
            let (key, value) = parse_property(line).map_err(|e| fail(e.message(false)))?;
            property = Some((key.clone(), value.is_empty()));
            if let (Some(properties), true) = (properties, is_name(&key)) {
                properties.insert(key, value.to_string());
            }
        }
    }
    if let Some(default) = bare_default {
        sections.profiles.entry("default".to_string()).or_insert(default);
    }
    Ok(sections)
}

/// The section a header's inside (`profile ci`) names in a file of `kind`.
fn section_target(header: &str, kind: FileKind) -> Target {
    let header = header.trim_matches(WHITESPACE);
    let (prefix, name) = match header.split_once(WHITESPACE) {
        Some((prefix, name)) => (Some(prefix), name.trim_matches(WHITESPACE)),
        None => (None, header),
    };
    // aws-config accepts an empty name (`[]` in the credentials file is a profile named ""),
    // which no --profile or AWS_PROFILE can select: ignored here.
    if !is_name(name) {
        return Target::Ignored;
    }
    let section = |kind| Target::Section(kind, name.to_string());
    match (kind, prefix) {
        (FileKind::Credentials, None) => section(SectionKind::Profile),
        (FileKind::Credentials, Some(_)) => Target::Ignored,
        (FileKind::Config, None) if name == "default" => Target::BareDefault,
        (FileKind::Config, None) => Target::Ignored,
        (FileKind::Config, Some("profile")) => section(SectionKind::Profile),
        (FileKind::Config, Some("sso-session")) => section(SectionKind::SsoSession),
        (FileKind::Config, Some("services")) => section(SectionKind::Services),
        // aws-config keeps other prefixes' sub-properties; nothing in cogtok reads them.
        (FileKind::Config, Some(_)) => Target::Ignored,
    }
}

/// A profile, section or property name: `[A-Za-z0-9_-/.%@:+]+`.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.' | '%' | '@' | ':' | '+'))
}

/// The line without its comment and surrounding whitespace. On header lines any `#` or `;`
/// starts a comment; on property lines only one after whitespace, so `key = a;b` keeps `a;b`.
/// (botocore keeps `# x` after a value: its ConfigParser has no inline comments.)
fn strip_comment(line: &str, comments_need_whitespace: bool) -> &str {
    let line = line.trim_matches(WHITESPACE);
    let mut after_whitespace = false;
    let end = line
        .char_indices()
        .find_map(|(i, c)| {
            let starts_comment = COMMENT.contains(&c) && (after_whitespace || !comments_need_whitespace);
            after_whitespace = c.is_whitespace();
            starts_comment.then_some(i)
        })
        .unwrap_or(line.len());
    line[..end].trim_matches(WHITESPACE)
}

enum PropertyError {
    NoEquals,
    NoName,
}

impl PropertyError {
    fn message(&self, sub_property: bool) -> &'static str {
        match (self, sub_property) {
            (PropertyError::NoEquals, false) => "expected a property 'key = value'",
            (PropertyError::NoEquals, true) => "expected a sub-property 'key = value' under the property above",
            (PropertyError::NoName, false) => "a property has no name before '='",
            (PropertyError::NoName, true) => "a sub-property has no name before '='",
        }
    }
}

/// `key = value` (comment removed) → lowercased key and trimmed value.
fn parse_property(line: &str) -> std::result::Result<(String, &str), PropertyError> {
    let (key, value) = strip_comment(line, true)
        .split_once('=')
        .ok_or(PropertyError::NoEquals)?;
    let key = key.trim_matches(WHITESPACE);
    if key.is_empty() {
        return Err(PropertyError::NoName);
    }
    Ok((key.to_ascii_lowercase(), value.trim_matches(WHITESPACE)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const CONFIG: &str = "\
[default]
region = eu-west-1
output = json

# a comment
[profile ci] # the CI account
region=ap-northeast-1
s3 =
  max_concurrent_requests = 10
aws_access_key_id = AKIDCONFIG

[profilebroken]
region = us-west-2

[sso-session corp]
sso_region = us-east-1

[services local]
cognito-idp =
  endpoint_url = http://localhost:9229
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
        let files = ProfileFiles::from_texts(CONFIG, CREDENTIALS).unwrap();
        let ci = files.profile("ci").unwrap().expect("ci profile");
        assert_eq!(ci.get("region"), Some("ap-northeast-1"));
        assert_eq!(ci.get("aws_access_key_id"), Some("AKIDCI"));
        assert_eq!(ci.get("aws_session_token"), Some("token-ci"));
        assert_eq!(ci.get("s3"), Some("\nmax_concurrent_requests = 10"));
        assert_eq!(
            ci.get("max_concurrent_requests"),
            None,
            "sub-properties stay inside their property"
        );
        let default = files.profile("default").unwrap().expect("default profile");
        assert_eq!(default.get("region"), Some("eu-west-1"));
        assert_eq!(default.get("aws_secret_access_key"), Some("secret/default+key"));
    }

    #[test]
    fn a_comment_after_a_header_is_not_part_of_the_name() {
        let files =
            ProfileFiles::from_texts("[profile ci] # comment\nregion = us-east-2\n[ profile  qa ];x\n", "").unwrap();
        assert_eq!(files.config_profile("ci").unwrap().get("region"), Some("us-east-2"));
        assert!(files.config_profile("ci] # comment").is_none());
        assert!(files.config_profile("qa").is_some());
    }

    #[test]
    fn an_indented_first_key_is_an_error_naming_the_file_and_line() {
        let err = ProfileFiles::from_texts("[default]\n  region = us-east-1\n", "")
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "config line 2: an indented line continues a property, and none precedes it (unindent a key)"
        );
        assert_eq!(err.exit_code(), 253);
    }

    #[test]
    fn a_broken_credentials_header_fails_only_what_needs_credentials() {
        let files = ProfileFiles::from_texts(
            "[profile ci]\nregion = eu-west-3\n",
            "# keys\n\n[default\naws_access_key_id = AKID\n",
        )
        .unwrap();
        assert_eq!(files.config_profile("ci").unwrap().get("region"), Some("eu-west-3"));
        assert!(files.has_profile("ci").unwrap(), "the config file is enough");
        for err in [
            files.profile("ci").err().unwrap(),
            files.has_profile("other").err().unwrap(),
        ] {
            assert_eq!(
                err.to_string(),
                "credentials line 3: a section header must end with ']'"
            );
        }
    }

    #[test]
    fn errors_never_quote_the_line() {
        let err = ProfileFiles::from_texts("", "[default]\naws_secret_access_key wJalrXUtnFEMI\n")
            .unwrap()
            .profile("default")
            .err()
            .unwrap();
        assert_eq!(err.to_string(), "credentials line 2: expected a property 'key = value'");
    }

    #[test]
    fn unknown_and_invalid_keys_are_ignored() {
        let files =
            ProfileFiles::from_texts("[default]\nsome_future_key = 1\nin valid = 2\nREGION = us-west-1\n", "").unwrap();
        let default = files.config_profile("default").unwrap();
        assert_eq!(default.get("region"), Some("us-west-1"), "keys are lowercased");
        assert_eq!(default.get("some_future_key"), Some("1"));
        assert_eq!(default.get("in valid"), None);
    }

    #[test]
    fn other_section_kinds_are_kept_apart_from_profiles() {
        let files = ProfileFiles::from_texts(CONFIG, "").unwrap();
        for name in [
            "profilebroken",
            "broken",
            "corp",
            "sso-session corp",
            "local",
            "missing",
        ] {
            assert!(files.profile(name).unwrap().is_none(), "{name}");
        }
        let corp = files.config_section(SectionKind::SsoSession, "corp").unwrap();
        assert_eq!(corp.get("sso_region"), Some("us-east-1"));
        let local = files.config_section(SectionKind::Services, "local").unwrap();
        assert_eq!(local.get("cognito-idp"), Some("\nendpoint_url = http://localhost:9229"));
    }

    #[test]
    fn missing_files_are_empty_not_errors() {
        let env = Env::from_pairs(&[("HOME", "/nonexistent-cogtok-home")]);
        let files = ProfileFiles::load(&env).expect("load");
        assert!(files.profile("default").unwrap().is_none());
        assert!(files.describe().contains("/nonexistent-cogtok-home/.aws/credentials"));
    }

    /// Cases of profile-parser-tests.json that do not apply, with why. (None so far: cogtok keeps
    /// `[sso-session]` sections apart as the SDK does.)
    const SKIPPED_PARSER_CASES: &[(&str, &str)] = &[];

    /// Cases of file-location-tests.json that do not apply, with why.
    const SKIPPED_LOCATION_CASES: &[(&str, &str)] = &[
        (
            "User home is loaded from $HOME with highest priority on windows platforms.",
            "Windows paths: the tests run on Unix, where `\\` does not separate path components",
        ),
        (
            "User home is loaded from $USERPROFILE on windows platforms when $HOME is not set.",
            "Windows paths: the tests run on Unix, where `\\` does not separate path components",
        ),
        (
            "User home is loaded from $HOMEDRIVE$HOMEPATH on windows platforms when $HOME and $USERPROFILE are not set.",
            "Windows only; cogtok does not read HOMEDRIVE and HOMEPATH",
        ),
        (
            "The default credentials location can be overridden by the user on windows platforms.",
            "Windows paths (two cases share this name)",
        ),
    ];

    fn test_data(name: &str) -> Vec<Value> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/aws-config")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let data: Value = serde_json::from_str(&text).unwrap();
        data["tests"].as_array().unwrap().clone()
    }

    /// Both files as the SDK's test harness sees them: profiles merged, sso-sessions of the config file.
    type Merged = (HashMap<String, Properties>, HashMap<String, Properties>);

    fn parse_both(config: &str, credentials: &str) -> std::result::Result<Merged, ParseError> {
        let config = parse(config, FileKind::Config)?;
        let credentials = parse(credentials, FileKind::Credentials)?;
        let mut profiles = config.profiles;
        for (name, properties) in credentials.profiles {
            profiles.entry(name).or_default().extend(properties);
        }
        Ok((profiles, config.sso_sessions))
    }

    fn expected_sections(value: &Value) -> HashMap<String, Properties> {
        let Some(sections) = value.as_object() else {
            return HashMap::new();
        };
        sections
            .iter()
            .map(|(name, properties)| {
                let properties = properties.as_object().unwrap();
                let properties = properties
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()));
                (name.clone(), properties.collect())
            })
            .collect()
    }

    #[test]
    fn aws_config_profile_parser_cases() {
        let (mut ran, mut skipped) = (0, 0);
        for case in test_data("profile-parser-tests.json") {
            let name = case["name"].as_str().unwrap();
            if SKIPPED_PARSER_CASES.iter().any(|(n, _)| *n == name) {
                skipped += 1;
                continue;
            }
            let input = |key: &str| case["input"][key].as_str().unwrap_or("").to_string();
            let got = parse_both(&input("configFile"), &input("credentialsFile"));
            let output = &case["output"];
            if output.get("errorContaining").is_some() {
                assert!(got.is_err(), "{name}: expected an error");
            } else {
                let (profiles, sso_sessions) = got.unwrap_or_else(|e| panic!("{name}: line {}: {}", e.line, e.message));
                // The older format of the data has `profiles` at the top of `output`.
                let expected = output.get("config").unwrap_or(output);
                assert_eq!(profiles, expected_sections(&expected["profiles"]), "{name}: profiles");
                assert_eq!(
                    sso_sessions,
                    expected_sections(&expected["sso_sessions"]),
                    "{name}: sso-sessions"
                );
            }
            ran += 1;
        }
        assert_eq!((ran, skipped), (65, SKIPPED_PARSER_CASES.len()));
    }

    #[test]
    fn aws_config_file_location_cases() {
        let mut ran = 0;
        for case in test_data("file-location-tests.json") {
            let name = case["name"].as_str().unwrap();
            if case["platform"] == "windows" {
                assert!(
                    SKIPPED_LOCATION_CASES.iter().any(|(n, _)| *n == name),
                    "{name} is not listed as skipped"
                );
                continue;
            }
            let pairs: Vec<(&str, &str)> = case["environment"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
                .collect();
            // The `profile` field is Settings' choice of profile, tested in config/mod.rs.
            let (config, credentials) = locations(&Env::from_pairs(&pairs));
            assert_eq!(
                config.unwrap(),
                PathBuf::from(case["configLocation"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(
                credentials.unwrap(),
                PathBuf::from(case["credentialsLocation"].as_str().unwrap()),
                "{name}"
            );
            ran += 1;
        }
        assert_eq!(ran, 4);
    }
}
