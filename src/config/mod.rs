//! Settings resolved from the command line, the environment and the shared AWS files:
//! region, endpoint, profile, timeouts and extra CA roots (the README's global options).
//!
//! Parsing (`cli`) only validates what the user typed; everything that depends on the
//! environment or on files is decided here, once, before any request is built.

pub(crate) mod endpoint;
pub(crate) mod env;
pub(crate) mod profile;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use crate::error::{Error, Result};
pub(crate) use env::Env;
use profile::{Profile, ProfileFiles};

pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub(crate) const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The standard retry mode's base delay: the first retry waits up to 1 s, the second up to 2 s.
pub(crate) const DEFAULT_BACKOFF_BASE: Duration = Duration::from_secs(1);

/// `AWS_RETRY_MODE` / the profile's `retry_mode`. cogtok retries the same way in all three: see
/// the README's retry section for why `legacy` and `adaptive` are taken as `standard`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryMode {
    Standard,
    Legacy,
    Adaptive,
}

/// `cli_timestamp_format`: how a raw command prints the model's timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimestampFormat {
    /// `2025-11-24T16:00:00+00:00`, AWS CLI v2's default.
    Iso8601,
    /// `wire` (or v1's `none`): the epoch seconds as the service sent them.
    Wire,
}

/// The value of sub-property `key` in a property's text (`\nendpoint_url = http://…`), as the
/// config reader keeps the lines under `cognito_identity_provider =`.
fn sub_property(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|line| {
            let (k, v) = line.split_once('=')?;
            (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().to_string())
        })
        .filter(|v| !v.is_empty())
}

/// The command line's say on the settings: the global options, each overriding its environment
/// variable and profile key.
#[derive(Default, Debug)]
pub(crate) struct Overrides {
    pub(crate) region: Option<String>,
    pub(crate) profile: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) debug: bool,
    pub(crate) fips: bool,
    /// `--allow-plain-http`: a plain-http endpoint on a host that is not loopback.
    pub(crate) allow_plain_http: bool,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) ca_bundle: Option<PathBuf>,
    /// `--web-identity`: sign with a role assumed with the CI runner's own OIDC token.
    pub(crate) web_identity: Option<CiIdentity>,
    /// `--role-arn`: the role `--web-identity` assumes (else `AWS_ROLE_ARN`).
    pub(crate) role_arn: Option<String>,
    /// `--web-identity-token-env VAR`: where GitLab's `id_tokens` put the token.
    pub(crate) web_identity_token_env: Option<String>,
    /// `--no-sign-request`: send every operation unsigned, without looking for credentials.
    pub(crate) no_sign_request: bool,
    /// `--no-verify-ssl`: take any server certificate (with the AWS CLI's warning).
    pub(crate) no_verify_ssl: bool,
}

/// Whose OIDC token `--web-identity` exchanges for AWS credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CiIdentity {
    /// GitHub Actions: fetched from `ACTIONS_ID_TOKEN_REQUEST_URL` (needs `id-token: write`).
    Github,
    /// GitLab CI: an `id_tokens` variable.
    Gitlab,
    /// Whichever runner this is.
    Auto,
}

/// A resolved `--web-identity` request: the runner, the role, and GitLab's token variable.
#[derive(Clone, Debug)]
pub(crate) struct CiIdentityRequest {
    pub(crate) source: CiIdentity,
    pub(crate) role_arn: String,
    pub(crate) token_env: String,
}

/// GitLab's `id_tokens` variable when `--web-identity-token-env` is not given (the name GitLab's
/// documentation uses).
pub(crate) const DEFAULT_GITLAB_TOKEN_ENV: &str = "GITLAB_OIDC_TOKEN";

pub(crate) struct Settings {
    pub(crate) env: Env,
    pub(crate) region: String,
    pub(crate) endpoint: String,
    pub(crate) profile_name: String,
    /// True when the user chose the profile (flag or AWS_PROFILE): then it must exist.
    pub(crate) profile_explicit: bool,
    /// True when the profile came from `--profile`: then environment keys are not used.
    pub(crate) profile_from_flag: bool,
    pub(crate) debug: bool,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) ca_bundle: Option<PathBuf>,
    pub(crate) no_sign_request: bool,
    pub(crate) no_verify_ssl: bool,
    pub(crate) max_attempts: u32,
    pub(crate) retry_mode: RetryMode,
    /// The backoff's base delay: 1 s, except in a debug build whose environment sets
    /// `COGTOK_TEST_BACKOFF_BASE_MS` (the replay tests, which must not sleep seconds).
    pub(crate) backoff_base: Duration,
    /// FIPS and dual-stack endpoints (flag, environment or profile): the STS endpoint follows them too.
    use_fips: bool,
    use_dualstack: bool,
    /// What allowed a plain-http endpoint to a host that is not loopback, if anything.
    plain_http_opt_in: Option<&'static str>,
    pub(crate) ci_identity: Option<CiIdentityRequest>,
    files: OnceLock<ProfileFiles>,
}

impl Settings {
    /// Resolves every setting. `pool_id` is the command's user pool, if any: its prefix is
    /// the region of last resort.
    pub(crate) fn resolve(globals: &Overrides, env: Env, pool_id: Option<&str>) -> Result<Settings> {
        Self::resolve_for(globals, env, pool_id.and_then(region_of_pool_id))
    }

    /// [`Settings::resolve`] with `last_region` as the region of last resort, the one a pool's
    /// id names (a user pool's, or an identity pool's: `us-east-1:…`).
    pub(crate) fn resolve_for(globals: &Overrides, env: Env, last_region: Option<&str>) -> Result<Settings> {
        let (profile_name, profile_explicit) = match (&globals.profile, env.get("AWS_PROFILE")) {
            (Some(p), _) => (p.clone(), true),
            (None, Some(p)) => (p.to_string(), true),
            (None, None) => (env.get("AWS_DEFAULT_PROFILE").unwrap_or("default").to_string(), false),
        };
        let mut settings = Settings {
            region: String::new(),
            endpoint: String::new(),
            profile_name,
            profile_explicit,
            profile_from_flag: globals.profile.is_some(),
            debug: globals.debug,
            connect_timeout: globals.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: globals.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT),
            ca_bundle: None,
            no_sign_request: globals.no_sign_request,
            no_verify_ssl: globals.no_verify_ssl,
            max_attempts: 3,
            retry_mode: RetryMode::Standard,
            backoff_base: DEFAULT_BACKOFF_BASE,
            use_fips: false,
            use_dualstack: false,
            plain_http_opt_in: None,
            ci_identity: None,
            files: OnceLock::new(),
            env,
        };
        if settings.profile_explicit {
            // The AWS CLI refuses a named profile that does not exist before doing anything.
            let files = settings.files()?;
            if !files.has_profile(&settings.profile_name)? {
                return Err(settings.profile_not_found(files));
            }
        }
        settings.region = settings.resolve_region(globals.region.as_deref(), last_region)?;
        settings.endpoint = settings.resolve_endpoint(globals)?;
        settings.ca_bundle = match &globals.ca_bundle {
            Some(p) => Some(p.clone()),
            None => match settings.env.get("AWS_CA_BUNDLE") {
                Some(p) => Some(PathBuf::from(p)),
                None => settings.profile_value("ca_bundle")?.map(PathBuf::from),
            },
        };
        settings.max_attempts = settings.resolve_max_attempts()?;
        settings.retry_mode = settings.resolve_retry_mode()?;
        settings.backoff_base = settings.resolve_backoff_base();
        settings.ci_identity = settings.resolve_ci_identity(globals)?;
        Ok(settings)
    }

    /// `--web-identity` with its role, which must be named: cogtok never guesses a role.
    fn resolve_ci_identity(&self, globals: &Overrides) -> Result<Option<CiIdentityRequest>> {
        let Some(source) = globals.web_identity else {
            return Ok(None);
        };
        let role_arn = match (&globals.role_arn, self.env.get("AWS_ROLE_ARN")) {
            (Some(arn), _) => arn.clone(),
            (None, Some(arn)) => arn.to_string(),
            (None, None) => {
                return Err(Error::usage(
                    "--web-identity needs the role to assume: pass --role-arn ARN or set AWS_ROLE_ARN",
                ))
            }
        };
        Ok(Some(CiIdentityRequest {
            source,
            role_arn,
            token_env: globals
                .web_identity_token_env
                .clone()
                .unwrap_or_else(|| DEFAULT_GITLAB_TOKEN_ENV.to_string()),
        }))
    }

    /// The shared files, read on first use only: most runs in CI never need them.
    pub(crate) fn files(&self) -> Result<&ProfileFiles> {
        if let Some(files) = self.files.get() {
            return Ok(files);
        }
        let files = ProfileFiles::load(&self.env)?;
        Ok(self.files.get_or_init(|| files))
    }

    /// The selected profile; `None` when it is the implicit default and does not exist.
    pub(crate) fn profile(&self) -> Result<Option<Profile>> {
        let files = self.files()?;
        match files.profile(&self.profile_name)? {
            Some(p) => Ok(Some(p)),
            None if self.profile_explicit => Err(self.profile_not_found(files)),
            None => Ok(None),
        }
    }

    fn profile_not_found(&self, files: &ProfileFiles) -> Error {
        Error::config(format!(
            "the config profile ({}) could not be found in {}",
            crate::quote::shortened(&self.profile_name),
            files.describe()
        ))
    }

    /// A setting of the selected profile, from the config file (never the credentials file).
    fn profile_value(&self, key: &str) -> Result<Option<String>> {
        let profile = self.files()?.config_profile(&self.profile_name);
        Ok(profile.and_then(|p| p.get(key).map(str::to_string)))
    }

    /// The raw commands' output format when `--output` is not given: `AWS_DEFAULT_OUTPUT`, else
    /// the profile's `output`, as the AWS CLI reads them; with where it came from, for the
    /// message when the caller cannot use it.
    pub(crate) fn default_output(&self) -> Result<Option<(String, &'static str)>> {
        if let Some(v) = self.env.get("AWS_DEFAULT_OUTPUT") {
            return Ok(Some((v.to_string(), "AWS_DEFAULT_OUTPUT")));
        }
        Ok(self.profile_value("output")?.map(|v| (v, "the profile's output")))
    }

    fn resolve_region(&self, flag: Option<&str>, last_region: Option<&str>) -> Result<String> {
        let region =
            match flag
                .or(self.env.get("AWS_REGION"))
                .or(self.env.get("AWS_DEFAULT_REGION"))
            {
                Some(r) => r.to_string(),
                None => match self.profile_value("region")? {
                    Some(r) => r,
                    None => match last_region {
                        Some(r) => r.to_string(),
                        None => return Err(Error::config(
                            "no region: pass --region or --user-pool-id, set AWS_REGION, or set region in the profile",
                        )),
                    },
                },
            };
        if !endpoint::is_valid_region(&region) {
            return Err(Error::config(format!(
                "invalid region {}: expected something like us-east-1",
                crate::quote::quoted(&region)
            )));
        }
        Ok(region)
    }

    fn resolve_endpoint(&mut self, globals: &Overrides) -> Result<String> {
        self.use_fips =
            globals.fips || self.env.flag("AWS_USE_FIPS_ENDPOINT") || self.profile_flag("use_fips_endpoint")?;
        self.use_dualstack =
            self.env.flag("AWS_USE_DUALSTACK_ENDPOINT") || self.profile_flag("use_dualstack_endpoint")?;
        self.plain_http_opt_in = if globals.allow_plain_http {
            Some("--allow-plain-http")
        } else {
            let var = self.env.get("COGTOK_ALLOW_PLAIN_HTTP");
            var.filter(|v| *v == "1" || v.eq_ignore_ascii_case("true"))
                .map(|_| "COGTOK_ALLOW_PLAIN_HTTP")
        };
        let custom = match &globals.endpoint_url {
            Some(url) => Some((url.clone(), endpoint::Source::Flag)),
            None => self.configured_endpoint(
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                "cognito_identity_provider",
            )?,
        };
        match custom {
            Some((url, source)) => self.check_custom_endpoint(&url, source),
            None => endpoint::default_endpoint(&self.region, self.use_fips, self.use_dualstack).map_err(Error::config),
        }
    }

    fn check_custom_endpoint(&self, url: &str, source: endpoint::Source) -> Result<String> {
        if self.use_fips {
            return Err(Error::config("FIPS and a custom endpoint URL cannot be used together"));
        }
        let checked = endpoint::check_custom(url, source, self.plain_http_opt_in.is_some())?;
        if checked.in_clear {
            crate::diagnostics::warn(&format!(
                "plain-http endpoint {} allowed by {}: passwords, tokens and request signatures travel unencrypted",
                crate::quote::quoted(&checked.shown),
                self.plain_http_opt_in.unwrap_or_default()
            ));
        }
        Ok(checked.url)
    }

    /// The STS endpoint, for the credential providers that assume roles: configured as
    /// cognito-idp's is (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the `sts` entry of the
    /// profile's `[services]` section, the profile's `endpoint_url`), else the regional endpoint
    /// of the STS rules. `--endpoint-url` is cognito-idp's alone. A custom URL passes the same
    /// checks as cognito-idp's.
    pub(crate) fn sts_endpoint(&self) -> Result<String> {
        match self.configured_endpoint("AWS_ENDPOINT_URL_STS", "sts")? {
            Some((url, source)) => self.check_custom_endpoint(&url, source),
            None => {
                endpoint::sts_default_endpoint(&self.region, self.use_fips, self.use_dualstack).map_err(Error::config)
            }
        }
    }

    /// The cognito-identity endpoint for an identity pool of `region`: configured as cognito-idp's
    /// is (`AWS_ENDPOINT_URL_COGNITO_IDENTITY`, `AWS_ENDPOINT_URL`, the `cognito_identity` entry of
    /// the profile's `[services]` section, the profile's `endpoint_url`), else the regional
    /// endpoint of its rules. `--endpoint-url` is cognito-idp's alone. An identity pool is served
    /// only in its own region (its id's prefix), so that is the region, whatever the settings'.
    pub(crate) fn cognito_identity_endpoint(&self, region: &str) -> Result<String> {
        match self.configured_endpoint("AWS_ENDPOINT_URL_COGNITO_IDENTITY", "cognito_identity")? {
            Some((url, source)) => self.check_custom_endpoint(&url, source),
            None => endpoint::cognito_identity_default_endpoint(region, self.use_fips, self.use_dualstack)
                .map_err(Error::config),
        }
    }

    /// The endpoint the environment or the config file configures for a service, in botocore's
    /// order: the service's variable (`service_var`), `AWS_ENDPOINT_URL`, the `services_key`
    /// entry of the profile's `[services NAME]` section, then the profile's `endpoint_url`. None
    /// of them when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, else the profile's
    /// `ignore_configured_endpoint_urls`, is true (only `--endpoint-url` counts then).
    fn configured_endpoint(
        &self,
        service_var: &'static str,
        services_key: &str,
    ) -> Result<Option<(String, endpoint::Source)>> {
        let ignore = match self.env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
            Some(v) => v.eq_ignore_ascii_case("true"),
            None => self.profile_flag("ignore_configured_endpoint_urls")?,
        };
        if ignore {
            return Ok(None);
        }
        let from_env = [service_var, "AWS_ENDPOINT_URL"]
            .into_iter()
            .find_map(|var| Some((self.env.get(var)?.to_string(), endpoint::Source::Env(var))));
        if from_env.is_some() {
            return Ok(from_env);
        }
        let files = self.files()?;
        let Some(profile) = files.config_profile(&self.profile_name) else {
            return Ok(None);
        };
        // botocore's key is the service id in snake case, as the environment variable's suffix
        // is it in upper case: `cognito_identity_provider`, not the `cognito-idp` of the CLI.
        let from_services = match profile.get("services") {
            None => None,
            Some(name) => match files.config_section(profile::SectionKind::Services, name) {
                Some(services) => services
                    .get(services_key)
                    .and_then(|entry| sub_property(entry, "endpoint_url")),
                // The AWS CLI refuses a profile that names a services section it cannot find.
                None => {
                    return Err(Error::config(format!(
                        "the profile is configured to use the services section but the {} services configuration does not exist",
                        crate::quote::quoted(name)
                    )))
                }
            },
        };
        let url = from_services.or_else(|| profile.get("endpoint_url").map(str::to_string));
        Ok(url.map(|u| (u, endpoint::Source::Profile)))
    }

    /// How the raw commands print timestamps: the profile's `cli_timestamp_format` (the AWS CLI
    /// reads it from the config file only), ISO 8601 by default as in AWS CLI v2.
    pub(crate) fn timestamp_format(&self) -> Result<TimestampFormat> {
        match self.profile_value("cli_timestamp_format")?.as_deref().map(str::trim) {
            None | Some("iso8601") => Ok(TimestampFormat::Iso8601),
            Some("wire" | "none") => Ok(TimestampFormat::Wire),
            Some(v) => Err(Error::config(format!(
                "unknown cli_timestamp_format value: {}, valid values are \"none\", \"wire\" or \"iso8601\"",
                crate::quote::quoted(v)
            ))),
        }
    }

    fn profile_flag(&self, key: &str) -> Result<bool> {
        Ok(self.profile_value(key)?.is_some_and(|v| v.eq_ignore_ascii_case("true")))
    }

    fn resolve_max_attempts(&self) -> Result<u32> {
        let raw = match self.env.get("AWS_MAX_ATTEMPTS") {
            Some(v) => Some(v.to_string()),
            None => self.profile_value("max_attempts")?,
        };
        match raw {
            None => Ok(3),
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(Error::config(format!(
                    "invalid max_attempts {}: expected a whole number of at least 1",
                    crate::quote::quoted(&v)
                ))),
            },
        }
    }

    fn resolve_retry_mode(&self) -> Result<RetryMode> {
        let raw = match self.env.get("AWS_RETRY_MODE") {
            Some(v) => Some(v.to_string()),
            None => self.profile_value("retry_mode")?,
        };
        match raw.as_deref().map(str::trim) {
            None | Some("standard") => Ok(RetryMode::Standard),
            Some("legacy") => Ok(RetryMode::Legacy),
            Some("adaptive") => Ok(RetryMode::Adaptive),
            Some(v) => Err(Error::config(format!(
                "invalid retry_mode {}: expected standard, legacy or adaptive",
                crate::quote::quoted(v)
            ))),
        }
    }

    fn resolve_backoff_base(&self) -> Duration {
        // A test seam that a release build does not have: the replay tests run the binary and
        // need retries without seconds of sleep; the delay formula itself is unit-tested.
        if cfg!(debug_assertions) {
            if let Some(ms) = self.env.get("COGTOK_TEST_BACKOFF_BASE_MS").and_then(|v| v.parse().ok()) {
                return Duration::from_millis(ms);
            }
        }
        DEFAULT_BACKOFF_BASE
    }
}

/// The region a pool id names: `eu-west-1_AbC123` → `eu-west-1`.
pub(crate) fn region_of_pool_id(pool_id: &str) -> Option<&str> {
    pool_id
        .split_once('_')
        .map(|(region, _)| region)
        .filter(|r| !r.is_empty())
}

/// Checks a pool id against the API's pattern `[\w-]+_[0-9a-zA-Z]+` (1 to 55 characters)
/// before any request, so a typo fails fast with a clear line.
pub(crate) fn check_pool_id(pool_id: &str) -> Result<()> {
    let valid = (1..=55).contains(&pool_id.len())
        && pool_id.rsplit_once('_').is_some_and(|(head, tail)| {
            !head.is_empty()
                && !tail.is_empty()
                && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && tail.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if valid {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "invalid user pool id {}: expected REGION_ID, like us-east-1_AbCdEf123",
            crate::quote::quoted(pool_id)
        )))
    }
}

/// Checks an identity pool id against the API's pattern `[\w-]+:[0-9a-f-]+` (1 to 55
/// characters) before any request, and returns its region, the part before `:` (which must be
/// one: it goes into the endpoint's host name).
pub(crate) fn check_identity_pool_id(pool_id: &str) -> Result<&str> {
    let region = (1..=55)
        .contains(&pool_id.len())
        .then(|| pool_id.split_once(':'))
        .flatten()
        .filter(|(region, guid)| {
            endpoint::is_valid_region(region)
                && !guid.is_empty()
                && guid
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c) || c == '-')
        })
        .map(|(region, _)| region);
    region.ok_or_else(|| {
        Error::usage(format!(
            "invalid identity pool id {}: expected REGION:GUID, like us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            crate::quote::quoted(pool_id)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globals() -> Overrides {
        Overrides::default()
    }

    fn home_with(config: &str, credentials: &str) -> (PathBuf, Env) {
        let dir = std::env::temp_dir().join(format!("cogtok-config-test-{}-{}", std::process::id(), rand_suffix()));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        std::fs::write(dir.join(".aws/credentials"), credentials).unwrap();
        let env = Env::from_pairs(&[("HOME", dir.to_str().unwrap())]);
        (dir, env)
    }

    fn rand_suffix() -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        N.fetch_add(1, Ordering::Relaxed)
    }

    #[test]
    fn region_order_is_flag_then_env_then_profile_then_pool_id() {
        let (_dir, env) = home_with("[default]\nregion = eu-central-1\n", "");
        let from_profile = Settings::resolve(&globals(), env.clone(), Some("ap-south-1_Abc")).unwrap();
        assert_eq!(from_profile.region, "eu-central-1");

        let env2 = Env::from_pairs(&[("AWS_DEFAULT_REGION", "us-west-2"), ("HOME", "/nonexistent")]);
        assert_eq!(Settings::resolve(&globals(), env2, None).unwrap().region, "us-west-2");

        let env3 = Env::from_pairs(&[("AWS_DEFAULT_REGION", "us-west-2"), ("AWS_REGION", "us-east-2")]);
        assert_eq!(
            Settings::resolve(&globals(), env3.clone(), None).unwrap().region,
            "us-east-2"
        );

        let mut g = globals();
        g.region = Some("ca-central-1".into());
        assert_eq!(Settings::resolve(&g, env3, None).unwrap().region, "ca-central-1");

        let bare = Env::from_pairs(&[("HOME", "/nonexistent")]);
        assert_eq!(
            Settings::resolve(&globals(), bare.clone(), Some("ap-northeast-1_AbCdEf123"))
                .unwrap()
                .region,
            "ap-northeast-1"
        );
        let err = Settings::resolve(&globals(), bare, None).err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert!(err.to_string().contains("no region"), "{err}");
    }

    #[test]
    fn endpoint_order_is_flag_then_service_env_then_global_env_then_default() {
        let env = Env::from_pairs(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"),
            ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:2222"),
        ]);
        let mut g = globals();
        assert_eq!(
            Settings::resolve(&g, env.clone(), None).unwrap().endpoint,
            "http://127.0.0.1:2222/"
        );
        g.endpoint_url = Some("http://localhost:3333".into());
        assert_eq!(
            Settings::resolve(&g, env, None).unwrap().endpoint,
            "http://localhost:3333/"
        );

        let env = Env::from_pairs(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"),
        ]);
        assert_eq!(
            Settings::resolve(&globals(), env, None).unwrap().endpoint,
            "http://127.0.0.1:1111/"
        );

        let env = Env::from_pairs(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ]);
        assert_eq!(
            Settings::resolve(&globals(), env, None).unwrap().endpoint,
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
    }

    /// botocore's order, checked against the AWS CLI v1 (`--debug` says "Found endpoint for
    /// cognito-idp via: config_service"): the environment, the profile's services section, the
    /// profile's endpoint_url; the ignore switch from the environment, else the profile.
    #[test]
    fn endpoint_from_the_config_file_comes_after_the_environment() {
        let config = "[default]\nregion = eu-west-1\nservices = local\nendpoint_url = http://127.0.0.1:7\n\
                      [profile flat]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:7\n\
                      [profile off]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:7\nignore_configured_endpoint_urls = true\n\
                      [profile lost]\nregion = eu-west-1\nservices = nowhere\n\
                      [services local]\ncognito_identity_provider =\n  endpoint_url = http://127.0.0.1:9\nsts =\n  endpoint_url = http://127.0.0.1:8\n";
        let (_dir, env) = home_with(config, "");
        let home = env.get("HOME").unwrap().to_string();
        let resolve = |profile: Option<&str>, pairs: &[(&str, &str)]| {
            let mut all = vec![("HOME", home.as_str())];
            all.extend_from_slice(pairs);
            let mut g = globals();
            g.profile = profile.map(str::to_string);
            Settings::resolve(&g, Env::from_pairs(&all), None).map(|s| s.endpoint)
        };
        assert_eq!(resolve(None, &[]).unwrap(), "http://127.0.0.1:9/");
        assert_eq!(resolve(Some("flat"), &[]).unwrap(), "http://127.0.0.1:7/");
        assert_eq!(
            resolve(None, &[("AWS_ENDPOINT_URL", "http://127.0.0.1:1111")]).unwrap(),
            "http://127.0.0.1:1111/"
        );
        let ignore = ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assert_eq!(
            resolve(None, &[ignore]).unwrap(),
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            resolve(Some("off"), &[]).unwrap(),
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
        // The variable, when set, wins over the profile's switch either way.
        let keep = ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
        assert_eq!(resolve(Some("off"), &[keep]).unwrap(), "http://127.0.0.1:7/");
        let err = resolve(Some("lost"), &[]).unwrap_err();
        assert_eq!(err.exit_code(), 253);
        assert!(
            err.to_string()
                .contains("\"nowhere\" services configuration does not exist"),
            "{err}"
        );
        // --endpoint-url wins over everything, the ignore switch included.
        let mut g = globals();
        g.endpoint_url = Some("http://localhost:3333".into());
        let env = Env::from_pairs(&[("HOME", home.as_str()), ignore]);
        assert_eq!(
            Settings::resolve(&g, env, None).unwrap().endpoint,
            "http://localhost:3333/"
        );
        // A bad URL in the file is a configuration error naming where it came from.
        let (_dir2, env) = home_with(
            "[default]\nregion = eu-west-1\nendpoint_url = http://cognito.example.invalid\n",
            "",
        );
        let err = Settings::resolve(&globals(), env, None).err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert!(err.to_string().contains("(endpoint_url in the config file)"), "{err}");
    }

    #[test]
    fn the_identity_pool_endpoint_is_configured_as_the_user_pools_and_defaults_to_its_region() {
        let config = "[default]\nregion = eu-west-1\nservices = local\n\
                      [services local]\ncognito_identity =\n  endpoint_url = http://127.0.0.1:9\n";
        let (_dir, env) = home_with(config, "");
        let home = env.get("HOME").unwrap().to_string();
        let identity = |pairs: &[(&str, &str)]| {
            let mut all = vec![("HOME", home.as_str())];
            all.extend_from_slice(pairs);
            let settings = Settings::resolve(&globals(), Env::from_pairs(&all), None).unwrap();
            settings.cognito_identity_endpoint("ap-south-1")
        };
        assert_eq!(identity(&[]).unwrap(), "http://127.0.0.1:9/");
        // cognito-idp's own entry is absent from the section: its default is untouched.
        let settings = Settings::resolve(&globals(), Env::from_pairs(&[("HOME", home.as_str())]), None).unwrap();
        assert_eq!(settings.endpoint, "https://cognito-idp.eu-west-1.amazonaws.com/");
        assert_eq!(
            identity(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:7")]).unwrap(),
            "http://127.0.0.1:7/"
        );
        assert_eq!(
            identity(&[
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:7"),
                ("AWS_ENDPOINT_URL_COGNITO_IDENTITY", "http://localhost:8")
            ])
            .unwrap(),
            "http://localhost:8/"
        );
        // The user pools' variable is not the identity pools'.
        assert_eq!(
            identity(&[
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:6")
            ])
            .unwrap(),
            "https://cognito-identity.ap-south-1.amazonaws.com/"
        );
        let err = identity(&[("AWS_ENDPOINT_URL_COGNITO_IDENTITY", "http://identity.example.invalid")]).unwrap_err();
        assert_eq!(err.exit_code(), 253);
        assert!(err.to_string().contains("(AWS_ENDPOINT_URL_COGNITO_IDENTITY)"), "{err}");
        // An identity pool's id gives the region when nothing else does.
        let bare = Env::from_pairs(&[("HOME", "/nonexistent")]);
        assert_eq!(
            Settings::resolve_for(&globals(), bare, Some("ca-central-1"))
                .unwrap()
                .region,
            "ca-central-1"
        );
    }

    #[test]
    fn cli_timestamp_format_is_iso8601_unless_the_profile_says_wire() {
        let format = |config: &str| {
            let (_dir, env) = home_with(config, "");
            Settings::resolve(&globals(), env, None).unwrap().timestamp_format()
        };
        assert_eq!(
            format("[default]\nregion = us-east-1\n").unwrap(),
            TimestampFormat::Iso8601
        );
        for wire in ["wire", "none"] {
            let config = format!("[default]\nregion = us-east-1\ncli_timestamp_format = {wire}\n");
            assert_eq!(format(&config).unwrap(), TimestampFormat::Wire);
        }
        let err = format("[default]\nregion = us-east-1\ncli_timestamp_format = unix\n").unwrap_err();
        assert_eq!(err.exit_code(), 253);
        assert_eq!(
            err.to_string(),
            "unknown cli_timestamp_format value: \"unix\", valid values are \"none\", \"wire\" or \"iso8601\""
        );
    }

    #[test]
    fn plain_http_off_loopback_needs_the_flag_or_the_variable() {
        let endpoint = (
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            "http://cognito.example.invalid:8080",
        );
        let env = Env::from_pairs(&[("AWS_REGION", "eu-west-1"), endpoint]);
        let err = Settings::resolve(&globals(), env, None).err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert!(
            err.to_string().contains("(AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)"),
            "{err}"
        );
        for yes in ["1", "true", "TRUE"] {
            let env = Env::from_pairs(&[("AWS_REGION", "eu-west-1"), endpoint, ("COGTOK_ALLOW_PLAIN_HTTP", yes)]);
            let s = Settings::resolve(&globals(), env, None).unwrap();
            assert_eq!(s.endpoint, "http://cognito.example.invalid:8080/");
        }
        let env = Env::from_pairs(&[("AWS_REGION", "eu-west-1"), endpoint, ("COGTOK_ALLOW_PLAIN_HTTP", "0")]);
        assert!(Settings::resolve(&globals(), env.clone(), None).is_err());
        let mut g = globals();
        g.allow_plain_http = true;
        assert!(Settings::resolve(&g, env, None).is_ok());
    }

    #[test]
    fn fips_comes_from_flag_env_or_profile_and_refuses_custom_endpoints() {
        let env = Env::from_pairs(&[("AWS_REGION", "us-east-1"), ("AWS_USE_FIPS_ENDPOINT", "true")]);
        assert_eq!(
            Settings::resolve(&globals(), env.clone(), None).unwrap().endpoint,
            "https://cognito-idp-fips.us-east-1.amazonaws.com/"
        );
        let mut g = globals();
        g.endpoint_url = Some("http://127.0.0.1:9".into());
        assert_eq!(Settings::resolve(&g, env, None).err().unwrap().exit_code(), 253);

        let (_dir, env) = home_with("[default]\nregion = us-gov-west-1\nuse_fips_endpoint = true\n", "");
        assert_eq!(
            Settings::resolve(&globals(), env, None).unwrap().endpoint,
            "https://cognito-idp-fips.us-gov-west-1.amazonaws.com/"
        );
    }

    #[test]
    fn an_unreadable_credentials_file_only_matters_when_signing() {
        let dir = std::env::temp_dir().join(format!("cogtok-unreadable-{}-{}", std::process::id(), rand_suffix()));
        std::fs::create_dir_all(dir.join(".aws/credentials")).unwrap(); // a directory: unreadable as a file
        std::fs::write(dir.join(".aws/config"), "[default]\nregion = eu-north-1\n").unwrap();
        let env = Env::from_pairs(&[("HOME", dir.to_str().unwrap())]);
        let settings = Settings::resolve(&globals(), env, None).expect("unsigned runs resolve");
        assert_eq!(settings.region, "eu-north-1");
        let agent = crate::http::Agent::new(&settings).unwrap();
        let ctx = crate::credentials::Context {
            settings: &settings,
            agent: &agent,
        };
        let err = crate::credentials::resolve(&ctx).err().expect("signing needs the file");
        assert_eq!(err.exit_code(), 253);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_malformed_credentials_file_only_matters_when_signing_and_says_where() {
        let (dir, env) = home_with("[profile ci]\nregion = eu-west-3\n", "[ci\naws_access_key_id = AKID\n");
        let mut g = globals();
        g.profile = Some("ci".into());
        let settings = Settings::resolve(&g, env, None).expect("unsigned runs resolve");
        assert_eq!(settings.region, "eu-west-3");
        let agent = crate::http::Agent::new(&settings).unwrap();
        let ctx = crate::credentials::Context {
            settings: &settings,
            agent: &agent,
        };
        let err = crate::credentials::resolve(&ctx).err().expect("signing needs the file");
        let credentials = dir.join(".aws/credentials");
        assert_eq!(
            err.to_string(),
            format!("{} line 1: a section header must end with ']'", credentials.display())
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_named_profile_must_exist() {
        let (_dir, env) = home_with("[profile ci]\nregion = eu-west-3\n", "");
        let mut g = globals();
        g.profile = Some("ci".into());
        assert_eq!(Settings::resolve(&g, env.clone(), None).unwrap().region, "eu-west-3");
        g.profile = Some("nope".into());
        let err = Settings::resolve(&g, env, None).err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert!(
            err.to_string()
                .starts_with("the config profile (nope) could not be found"),
            "{err}"
        );
    }

    #[test]
    fn timeouts_and_attempts_have_defaults_and_overrides() {
        let env = Env::from_pairs(&[("AWS_REGION", "us-east-1")]);
        let s = Settings::resolve(&globals(), env, None).unwrap();
        assert_eq!(
            (s.connect_timeout, s.read_timeout, s.max_attempts),
            (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, 3)
        );
        let env = Env::from_pairs(&[("AWS_REGION", "us-east-1"), ("AWS_MAX_ATTEMPTS", "1")]);
        assert_eq!(Settings::resolve(&globals(), env, None).unwrap().max_attempts, 1);
        let env = Env::from_pairs(&[("AWS_REGION", "us-east-1"), ("AWS_MAX_ATTEMPTS", "zero")]);
        assert_eq!(Settings::resolve(&globals(), env, None).err().unwrap().exit_code(), 253);
    }

    #[test]
    fn retry_mode_is_standard_unless_set_and_must_be_known() {
        let mode = |value: Option<&str>| {
            let mut pairs = vec![("AWS_REGION", "us-east-1")];
            pairs.extend(value.map(|v| ("AWS_RETRY_MODE", v)));
            Settings::resolve(&globals(), Env::from_pairs(&pairs), None).map(|s| s.retry_mode)
        };
        assert_eq!(mode(None).unwrap(), RetryMode::Standard);
        assert_eq!(mode(Some("standard")).unwrap(), RetryMode::Standard);
        assert_eq!(mode(Some("legacy")).unwrap(), RetryMode::Legacy);
        assert_eq!(mode(Some("adaptive")).unwrap(), RetryMode::Adaptive);
        let err = mode(Some("fast")).err().unwrap();
        assert_eq!(err.exit_code(), 253);
        assert_eq!(
            err.to_string(),
            "invalid retry_mode \"fast\": expected standard, legacy or adaptive"
        );
        let (_dir, env) = home_with("[default]\nregion = us-east-1\nretry_mode = adaptive\n", "");
        let s = Settings::resolve(&globals(), env, None).unwrap();
        assert_eq!((s.retry_mode, s.max_attempts), (RetryMode::Adaptive, 3));
    }

    #[test]
    fn ca_bundle_comes_from_flag_then_env_then_profile() {
        let env = Env::from_pairs(&[("AWS_REGION", "us-east-1"), ("AWS_CA_BUNDLE", "/etc/corp.pem")]);
        assert_eq!(
            Settings::resolve(&globals(), env.clone(), None).unwrap().ca_bundle,
            Some(PathBuf::from("/etc/corp.pem"))
        );
        let mut g = globals();
        g.ca_bundle = Some(PathBuf::from("/tmp/test.pem"));
        assert_eq!(
            Settings::resolve(&g, env, None).unwrap().ca_bundle,
            Some(PathBuf::from("/tmp/test.pem"))
        );
    }

    #[test]
    fn default_output_is_env_then_profile() {
        let (_dir, env) = home_with("[default]\noutput = table\n[profile p]\noutput = text\n", "");
        let with_region = Env::from_pairs(&[("HOME", env.get("HOME").unwrap()), ("AWS_REGION", "us-east-1")]);
        let s = Settings::resolve(&globals(), with_region.clone(), None).unwrap();
        assert_eq!(
            s.default_output().unwrap(),
            Some(("table".into(), "the profile's output"))
        );
        let mut g = globals();
        g.profile = Some("p".into());
        let s = Settings::resolve(&g, with_region, None).unwrap();
        assert_eq!(
            s.default_output().unwrap(),
            Some(("text".into(), "the profile's output"))
        );
        let env = Env::from_pairs(&[
            ("HOME", env.get("HOME").unwrap()),
            ("AWS_REGION", "us-east-1"),
            ("AWS_DEFAULT_OUTPUT", "json"),
        ]);
        let s = Settings::resolve(&g, env, None).unwrap();
        assert_eq!(s.default_output().unwrap(), Some(("json".into(), "AWS_DEFAULT_OUTPUT")));
        let bare = Env::from_pairs(&[("HOME", "/nonexistent"), ("AWS_REGION", "us-east-1")]);
        assert_eq!(
            Settings::resolve(&globals(), bare, None)
                .unwrap()
                .default_output()
                .unwrap(),
            None
        );
    }

    #[test]
    fn pool_ids_follow_the_api_pattern_without_over_validating() {
        for ok in [
            "us-east-1_AbCdEf123",
            "ap-northeast-1_AbCdEf123",
            "local_5vBnTj0S",
            "us-east-1_0123456789abcdef0123456789abcdef",
        ] {
            assert!(check_pool_id(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "us-east-1",
            "us-east-1_",
            "_abc",
            "us east-1_abc",
            "us-east-1_abc-def",
            "us-east-1_ab/c",
        ] {
            let err = check_pool_id(bad)
                .err()
                .unwrap_or_else(|| panic!("{bad} should be refused"));
            assert_eq!(err.exit_code(), 252);
        }
        assert_eq!(region_of_pool_id("eu-west-1_AbC123"), Some("eu-west-1"));
        assert_eq!(
            check_identity_pool_id("eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").unwrap(),
            "eu-west-1"
        );
        for bad in [
            "",
            "eu-west-1",
            "eu-west-1:",
            ":0f1e",
            "eu-west-1:0F1E",
            "eu west-1:0f1e",
            "eu-west-1_AbC123",
        ] {
            let err = check_identity_pool_id(bad)
                .err()
                .unwrap_or_else(|| panic!("{bad} should be refused"));
            assert_eq!(err.exit_code(), 252);
        }
        assert_eq!(region_of_pool_id("nounderscore"), None);
    }
}
