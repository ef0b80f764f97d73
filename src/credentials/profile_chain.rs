//! The plan of the profile provider: which profiles it reads, which roles it assumes in which
//! order, and where the first credentials come from. A pure function of the profile files, with
//! aws-config's rules (`profile/credentials/repr.rs`, checked against its `assume-role-tests.json`
//! in the table test below); `profile.rs` carries the plan out.
//!
//! - A profile with `role_arn` (and no `web_identity_token_file`) is a hop: it takes its source
//!   credentials from exactly one of `source_profile` (followed, possibly to itself) or
//!   `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`, spelt exactly so,
//!   as botocore and aws-config compare them).
//! - The selected profile's own static keys lose to its `role_arn`; a source profile's static
//!   keys win over its `role_arn` (they end the chain), as in aws-config and botocore.
//! - A profile without `role_arn` is the base: `credential_source`, else `web_identity_token_file`
//!   (with `role_arn`), else SSO, else `credential_process`, else static keys.
//! - A profile seen twice is a loop, except a profile that is its own `source_profile`: its base
//!   is read from it.

use aws_credential_types::Credentials;

use crate::config::profile::{Profile, ProfileFiles};
use crate::error::Error;

/// The credential sources a `credential_source` may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NamedSource {
    Environment,
    Ec2InstanceMetadata,
    EcsContainer,
}

impl NamedSource {
    pub(super) fn name(self) -> &'static str {
        match self {
            NamedSource::Environment => "Environment",
            NamedSource::Ec2InstanceMetadata => "Ec2InstanceMetadata",
            NamedSource::EcsContainer => "EcsContainer",
        }
    }
}

/// Where the first credentials of a chain come from; `profile` names the profile that said so.
pub(super) enum Base {
    /// `aws_access_key_id`, `aws_secret_access_key` and maybe `aws_session_token`.
    StaticKeys { profile: String, credentials: Credentials },
    /// `credential_source`.
    Source { profile: String, source: NamedSource },
    /// `web_identity_token_file` with `role_arn` (and maybe `role_session_name`).
    WebIdentity {
        profile: String,
        role_arn: String,
        token_file: String,
        session_name: Option<String>,
    },
    /// `sso_session` or `sso_start_url`.
    Sso { profile: String },
    /// `credential_process`.
    Process { profile: String },
}

impl Base {
    pub(super) fn profile(&self) -> &str {
        match self {
            Base::StaticKeys { profile, .. }
            | Base::Source { profile, .. }
            | Base::WebIdentity { profile, .. }
            | Base::Sso { profile }
            | Base::Process { profile } => profile,
        }
    }
}

/// One `AssumeRole` of the chain, with the settings of the profile that asks for it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Hop {
    pub(super) profile: String,
    pub(super) role_arn: String,
    pub(super) session_name: Option<String>,
    pub(super) external_id: Option<String>,
    /// `duration_seconds`: botocore's key (aws-config ignores it and asks for an hour).
    pub(super) duration_seconds: Option<u32>,
}

/// The base, then the hops in the order they are made.
pub(super) struct Plan {
    pub(super) base: Base,
    pub(super) hops: Vec<Hop>,
}

/// Why a chain cannot be planned; the user fixes the files.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PlanError {
    /// `source_profile` names a profile that exists in neither file.
    MissingSourceProfile {
        profile: String,
        source_profile: String,
    },
    /// `role_arn` with neither `source_profile` nor `credential_source`.
    NoSource {
        profile: String,
    },
    /// `role_arn` with both.
    BothSources {
        profile: String,
    },
    UnknownCredentialSource {
        profile: String,
        value: String,
    },
    /// One of the two static keys without the other.
    PartialKeys {
        profile: String,
        missing: &'static str,
    },
    /// A source profile with nothing to give credentials.
    NoCredentials {
        profile: String,
    },
    /// The profiles visited, the first repeated at the end.
    Loop {
        profiles: Vec<String>,
    },
    WebIdentityWithoutRole {
        profile: String,
    },
    BadDuration {
        profile: String,
    },
    /// The credentials file could not be read or parsed (its message, which names file and line).
    Files(String),
}

impl PlanError {
    pub(super) fn into_error(self) -> Error {
        Error::Credentials(match self {
            PlanError::MissingSourceProfile { profile, source_profile } => format!(
                "profile {profile}: its source_profile {source_profile} is in neither the config nor the credentials file"
            ),
            PlanError::NoSource { profile } => format!(
                "profile {profile} has role_arn but neither source_profile nor credential_source: add one of them"
            ),
            PlanError::BothSources { profile } => format!(
                "profile {profile} has both source_profile and credential_source: keep only one"
            ),
            PlanError::UnknownCredentialSource { profile, value } => format!(
                "profile {profile}: unknown credential_source {value:?}: expected Environment, Ec2InstanceMetadata or EcsContainer"
            ),
            PlanError::PartialKeys { profile, missing } => format!(
                "profile {profile} has only one of aws_access_key_id and aws_secret_access_key: {missing} is missing"
            ),
            PlanError::NoCredentials { profile } => format!(
                "profile {profile} is used as a source of credentials but has none: add aws_access_key_id and aws_secret_access_key, or role_arn with a source"
            ),
            PlanError::Loop { profiles } => format!(
                "profiles form a loop of source_profile: {}: break it",
                profiles.join(" -> ")
            ),
            PlanError::WebIdentityWithoutRole { profile } => {
                format!("profile {profile} has web_identity_token_file but no role_arn: add role_arn")
            }
            PlanError::BadDuration { profile } => format!(
                "profile {profile}: duration_seconds must be a whole number of seconds (900 to 43200)"
            ),
            PlanError::Files(message) => message,
        })
    }
}

/// The plan for profile `selected`: `Ok(None)` when the profile does not exist or gives no
/// credentials at all (the chain then moves on, as aws-config's does).
pub(super) fn plan(files: &ProfileFiles, selected: &str) -> std::result::Result<Option<Plan>, PlanError> {
    let get = |name: &str| files.profile(name).map_err(|e| PlanError::Files(e.to_string()));
    let mut name = selected.to_string();
    let mut visited: Vec<String> = Vec::new();
    let mut hops = Vec::new();
    let base = loop {
        let Some(profile) = get(&name)? else {
            return match visited.last() {
                None => Ok(None),
                Some(from) => Err(PlanError::MissingSourceProfile {
                    profile: from.clone(),
                    source_profile: name,
                }),
            };
        };
        if visited.contains(&name) {
            visited.push(name);
            return Err(PlanError::Loop { profiles: visited });
        }
        visited.push(name.clone());
        // A source profile's static keys end the chain, whatever else it says.
        if visited.len() > 1 {
            if let Ok(Some(credentials)) = static_keys(&profile, &name) {
                break Base::StaticKeys {
                    profile: name,
                    credentials,
                };
            }
        }
        let role_arn = profile
            .get("role_arn")
            .filter(|_| profile.get("web_identity_token_file").is_none());
        let Some(role_arn) = role_arn else {
            match base(&profile, &name) {
                // The selected profile has no credentials: not configured, the chain moves on.
                Err(PlanError::NoCredentials { .. }) if visited.len() == 1 => return Ok(None),
                other => break other?,
            }
        };
        let duration_seconds = match profile.get("duration_seconds") {
            None => None,
            Some(v) => Some(
                v.trim()
                    .parse::<u32>()
                    .map_err(|_| PlanError::BadDuration { profile: name.clone() })?,
            ),
        };
        hops.push(Hop {
            profile: name.clone(),
            role_arn: role_arn.to_string(),
            session_name: profile.get("role_session_name").map(str::to_string),
            external_id: profile.get("external_id").map(str::to_string),
            duration_seconds,
        });
        match (profile.get("source_profile"), profile.get("credential_source")) {
            (Some(_), Some(_)) => return Err(PlanError::BothSources { profile: name }),
            (None, None) => return Err(PlanError::NoSource { profile: name }),
            // Its own source, or a credential_source: the base is read from this profile.
            (Some(source), None) if source == name => break base(&profile, &name)?,
            (None, Some(_)) => break base(&profile, &name)?,
            (Some(source), None) => name = source.to_string(),
        }
    };
    hops.reverse();
    Ok(Some(Plan { base, hops }))
}

/// The base a profile without a role to assume gives.
fn base(profile: &Profile, name: &str) -> std::result::Result<Base, PlanError> {
    let profile_name = name.to_string();
    if let Some(value) = profile.get("credential_source") {
        let source = [
            NamedSource::Environment,
            NamedSource::Ec2InstanceMetadata,
            NamedSource::EcsContainer,
        ]
        .into_iter()
        .find(|s| s.name() == value)
        .ok_or_else(|| PlanError::UnknownCredentialSource {
            profile: profile_name.clone(),
            value: value.to_string(),
        })?;
        return Ok(Base::Source {
            profile: profile_name,
            source,
        });
    }
    if let Some(token_file) = profile.get("web_identity_token_file") {
        let role_arn = profile
            .get("role_arn")
            .ok_or_else(|| PlanError::WebIdentityWithoutRole {
                profile: profile_name.clone(),
            })?;
        return Ok(Base::WebIdentity {
            profile: profile_name,
            role_arn: role_arn.to_string(),
            token_file: token_file.to_string(),
            session_name: profile.get("role_session_name").map(str::to_string),
        });
    }
    if [
        "sso_session",
        "sso_start_url",
        "sso_account_id",
        "sso_role_name",
        "sso_region",
    ]
    .iter()
    .any(|k| profile.get(k).is_some())
    {
        return Ok(Base::Sso { profile: profile_name });
    }
    if profile.get("credential_process").is_some() {
        return Ok(Base::Process { profile: profile_name });
    }
    match static_keys(profile, name)? {
        Some(credentials) => Ok(Base::StaticKeys {
            profile: profile_name,
            credentials,
        }),
        None => Err(PlanError::NoCredentials { profile: profile_name }),
    }
}

/// The profile's static keys; `None` when it has neither, an error when it has one.
fn static_keys(profile: &Profile, name: &str) -> std::result::Result<Option<Credentials>, PlanError> {
    let partial = |missing| PlanError::PartialKeys {
        profile: name.to_string(),
        missing,
    };
    match (profile.get("aws_access_key_id"), profile.get("aws_secret_access_key")) {
        (Some(id), Some(secret)) => {
            let mut builder = Credentials::builder()
                .access_key_id(id)
                .secret_access_key(secret)
                .provider_name("profile");
            if let Some(token) = profile.get("aws_session_token") {
                builder = builder.session_token(token);
            }
            if let Some(account) = profile.get("aws_account_id") {
                builder = builder.account_id(account);
            }
            Ok(Some(builder.build()))
        }
        (Some(_), None) => Err(partial("aws_secret_access_key")),
        (None, Some(_)) => Err(partial("aws_access_key_id")),
        (None, None) => Ok(None),
    }
}

/// Profile files for the tests: the given profiles, as `[profile NAME]` sections of the config file.
#[cfg(test)]
pub(super) fn files_of(profiles: &[(&str, &[(&str, &str)])]) -> ProfileFiles {
    let mut config = String::new();
    for (name, keys) in profiles {
        config.push_str(&format!("[profile {name}]\n"));
        for (k, v) in *keys {
            config.push_str(&format!("{k} = {v}\n"));
        }
    }
    ProfileFiles::from_texts(&config, "").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// What a plan looks like in aws-config's test data: `ProfileChain` entries.
    fn as_chain(plan: &Plan) -> Value {
        let mut chain = Vec::new();
        chain.push(match &plan.base {
            Base::StaticKeys { credentials, .. } => {
                let mut v = serde_json::json!({
                    "access_key_id": credentials.access_key_id(),
                    "secret_access_key": credentials.secret_access_key(),
                });
                if let Some(account) = credentials.account_id() {
                    v["account_id"] = account.as_str().into();
                }
                serde_json::json!({ "AccessKey": v })
            }
            Base::Source { source, .. } => serde_json::json!({"NamedSource": source.name()}),
            Base::WebIdentity {
                role_arn,
                token_file,
                session_name,
                ..
            } => {
                let mut v = serde_json::json!({"role_arn": role_arn, "web_identity_token_file": token_file});
                if let Some(s) = session_name {
                    v["role_session_name"] = s.clone().into();
                }
                serde_json::json!({ "WebIdentityToken": v })
            }
            // Only that it is SSO: its settings are sso.rs's to read.
            Base::Sso { .. } => serde_json::json!("Sso"),
            Base::Process { .. } => serde_json::json!("CredentialProcess"),
        });
        for hop in &plan.hops {
            let mut v = serde_json::json!({"role_arn": hop.role_arn});
            if let Some(s) = &hop.session_name {
                v["role_session_name"] = s.clone().into();
            }
            if let Some(e) = &hop.external_id {
                v["external_id"] = e.clone().into();
            }
            chain.push(serde_json::json!({ "AssumeRole": v }));
        }
        Value::Array(chain)
    }

    /// aws-config's expected error messages and the kind of `PlanError` each is.
    fn error_matches(expected: &str, selected: &str, got: &std::result::Result<Option<Plan>, PlanError>) -> bool {
        match got {
            // aws-config's provider then says "not loaded" and its chain moves on, as ours does.
            Ok(None) => {
                expected == "No profiles were defined"
                    || expected == format!("profile `{selected}` did not contain credential information")
            }
            Ok(Some(_)) => false,
            Err(e) => match e {
                PlanError::NoSource { .. } => expected.contains("must contain `source_profile`"),
                PlanError::BothSources { .. } => expected.contains("both source_profile and credential_source"),
                PlanError::PartialKeys { missing, .. } => expected == format!("profile missing {missing}"),
                PlanError::NoCredentials { profile } => {
                    expected == format!("profile `{profile}` did not contain credential information")
                        || expected.contains("expected `aws_access_key_id` and `aws_secret_access_key`")
                }
                PlanError::MissingSourceProfile {
                    profile,
                    source_profile,
                } => expected == format!("could not find source profile {source_profile} referenced from {profile}"),
                PlanError::Loop { .. } => expected.contains("infinite loop"),
                PlanError::WebIdentityWithoutRole { .. } => expected.contains("`role_arn` was missing"),
                _ => false,
            },
        }
    }

    fn files_from_json(profiles: &Value) -> ProfileFiles {
        let mut config = String::new();
        for (name, keys) in profiles.as_object().unwrap() {
            config.push_str(&format!("[profile {name}]\n"));
            for (k, v) in keys.as_object().unwrap() {
                config.push_str(&format!("{k} = {}\n", v.as_str().unwrap()));
            }
        }
        ProfileFiles::from_texts(&config, "").unwrap()
    }

    /// Cases of assume-role-tests.json that do not apply, with why.
    const SKIPPED_ROLE_CASES: &[(&str, &str)] = &[
        (
            "invalid SSO credentials configuration: missing account ID",
            "SSO settings are checked by the SSO provider (sso.rs, another branch): the plan only says SSO",
        ),
        (
            "invalid SSO credentials configuration: missing role name",
            "SSO settings are checked by the SSO provider (sso.rs, another branch): the plan only says SSO",
        ),
        (
            "invalid SSO token configuration: sso_region must be in sso-session",
            "SSO settings are checked by the SSO provider (sso.rs, another branch): the plan only says SSO",
        ),
        (
            "invalid SSO token configuration: sso-session not found",
            "SSO settings are checked by the SSO provider (sso.rs, another branch): the plan only says SSO",
        ),
    ];

    #[test]
    fn aws_config_assume_role_cases() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/aws-config/assume-role-tests.json"
        );
        let cases: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (mut ran, mut skipped) = (0, 0);
        for case in cases.as_array().unwrap() {
            let docs = case["docs"].as_str().unwrap();
            if SKIPPED_ROLE_CASES.iter().any(|(d, _)| *d == docs) {
                skipped += 1;
                continue;
            }
            // The older data has `profile`, the newer `profiles`.
            let input = &case["input"];
            let files = files_from_json(input.get("profiles").unwrap_or(&input["profile"]));
            let selected = input["selected_profile"].as_str().unwrap();
            let got = plan(&files, selected);
            let output = &case["output"];
            if let Some(expected) = output["Error"].as_str() {
                assert!(
                    error_matches(expected, selected, &got),
                    "{docs}: expected {expected:?}, got {:?}",
                    got.as_ref().map(|p| p.as_ref().map(as_chain))
                );
            } else {
                let plan = got.unwrap_or_else(|e| panic!("{docs}: {e:?}")).expect(docs);
                let mut expected = output["ProfileChain"].clone();
                if let Some(sso) = expected[0].get("Sso") {
                    assert!(sso.is_object(), "{docs}");
                    expected[0] = "Sso".into();
                }
                assert_eq!(as_chain(&plan), expected, "{docs}");
            }
            ran += 1;
        }
        assert_eq!((ran, skipped), (24, SKIPPED_ROLE_CASES.len()));
    }

    fn error_of(profiles: &[(&str, &[(&str, &str)])], selected: &str) -> PlanError {
        match plan(&files_of(profiles), selected) {
            Err(e) => e,
            Ok(p) => panic!("expected an error, got {:?}", p.as_ref().map(as_chain)),
        }
    }

    const ROLE: (&str, &str) = ("role_arn", "arn:aws:iam::123456789012:role/ci");

    #[test]
    fn bad_role_profiles_are_errors_that_say_what_to_fix() {
        let e = error_of(&[("a", &[ROLE, ("source_profile", "gone")])], "a");
        assert_eq!(
            e.into_error().to_string(),
            "profile a: its source_profile gone is in neither the config nor the credentials file"
        );
        let e = error_of(
            &[
                (
                    "a",
                    &[ROLE, ("source_profile", "b"), ("credential_source", "Environment")],
                ),
                ("b", &[("aws_access_key_id", "AKID"), ("aws_secret_access_key", "s")]),
            ],
            "a",
        );
        assert_eq!(e, PlanError::BothSources { profile: "a".into() });
        let e = error_of(&[("a", &[ROLE, ("credential_source", "environment")])], "a");
        let message = e.into_error().to_string();
        assert!(
            message.contains("unknown credential_source \"environment\""),
            "{message}"
        );
        let e = error_of(
            &[
                ("a", &[ROLE, ("source_profile", "b")]),
                ("b", &[ROLE, ("source_profile", "c")]),
                ("c", &[ROLE, ("source_profile", "b")]),
            ],
            "a",
        );
        let error = e.into_error();
        assert_eq!(error.exit_code(), 253);
        assert_eq!(
            error.to_string(),
            "profiles form a loop of source_profile: a -> b -> c -> b: break it"
        );
        let e = error_of(
            &[
                ("a", &[ROLE, ("source_profile", "b"), ("duration_seconds", "1h")]),
                ("b", &[]),
            ],
            "a",
        );
        assert_eq!(e, PlanError::BadDuration { profile: "a".into() });
    }

    #[test]
    fn partial_keys_never_show_the_key() {
        let e = error_of(
            &[
                ("a", &[ROLE, ("source_profile", "b")]),
                ("b", &[("aws_secret_access_key", "wJalrXUtnFEMI")]),
            ],
            "a",
        );
        let message = e.into_error().to_string();
        assert!(!message.contains("wJalr"), "{message}");
        assert!(message.contains("aws_access_key_id is missing"), "{message}");
    }

    #[test]
    fn hops_carry_their_profiles_settings_and_a_profile_without_credentials_is_not_configured() {
        let files = files_of(&[
            (
                "a",
                &[
                    ROLE,
                    ("source_profile", "b"),
                    ("external_id", "x-1"),
                    ("duration_seconds", "900"),
                    ("role_session_name", "deploy"),
                ],
            ),
            ("b", &[("credential_source", "EcsContainer")]),
            ("plain", &[("region", "eu-west-1")]),
        ]);
        let plan = plan(&files, "a").unwrap().unwrap();
        assert!(matches!(
            plan.base,
            Base::Source {
                source: NamedSource::EcsContainer,
                ..
            }
        ));
        assert_eq!(plan.base.profile(), "b");
        assert_eq!(
            plan.hops,
            vec![Hop {
                profile: "a".into(),
                role_arn: ROLE.1.into(),
                session_name: Some("deploy".into()),
                external_id: Some("x-1".into()),
                duration_seconds: Some(900),
            }]
        );
        assert!(super::plan(&files, "plain").unwrap().is_none());
        assert!(super::plan(&files, "missing").unwrap().is_none());
    }
}
