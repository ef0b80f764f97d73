//! `aws-credentials --output …`: an identity's AWS credentials in the forms their consumers
//! read: the AWS CLI's and SDKs' `credential_process` (Version 1 JSON), a shell's `eval`, a
//! GitHub Actions job's later steps, or JSON for a script.

use std::path::Path;

use serde_json::{json, Value};

use super::github;
use crate::api::identity::IdentityCredentials;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// `--output` of `aws-credentials`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CredentialsOutput {
    /// `{"IdentityId", "Credentials": {…}}`, as `aws cognito-identity
    /// get-credentials-for-identity` prints its answer.
    Json,
    /// The `credential_process` protocol: `{"Version": 1, "AccessKeyId", "SecretAccessKey",
    /// "SessionToken", "Expiration"}`.
    CredentialProcess,
    /// `export AWS_ACCESS_KEY_ID='…'` lines, as `aws configure export-credentials --format env`.
    Env,
    /// GitHub Actions: `::add-mask::` each key, then the variables appended to `$GITHUB_ENV`.
    Github,
}

/// Prints `credentials` in `format`; `github_env` is the `$GITHUB_ENV` file for `github`.
pub(crate) fn print_aws_credentials(
    credentials: &IdentityCredentials,
    format: CredentialsOutput,
    github_env: Option<&Path>,
) -> Result<()> {
    if format == CredentialsOutput::Github {
        let path = github_env.ok_or_else(|| Error::config("--output github needs GITHUB_ENV"))?;
        return github_output(credentials, path);
    }
    super::write_stdout(format_aws_credentials(credentials, format)?.expose().as_bytes())
}

/// The masks first, flushed, then the values to the file: a later failure cannot leave a key
/// unmasked in the job's log. The access key id is masked too, as
/// aws-actions/configure-aws-credentials masks it.
fn github_output(credentials: &IdentityCredentials, path: &Path) -> Result<()> {
    let entries = variables(credentials);
    let masked: Vec<&str> = entries[..3].iter().map(|(_, value)| *value).collect();
    super::write_stdout(github::masks(&masked).expose().as_bytes())?;
    github::append_env(path, &entries[..3])
}

/// The AWS SDKs' variables for these credentials, in the order the AWS CLI's
/// `export-credentials` prints them.
fn variables(credentials: &IdentityCredentials) -> [(&'static str, &str); 3] {
    [
        ("AWS_ACCESS_KEY_ID", credentials.access_key_id.as_str()),
        ("AWS_SECRET_ACCESS_KEY", credentials.secret_access_key.expose()),
        ("AWS_SESSION_TOKEN", credentials.session_token.expose()),
    ]
}

/// `Expiration` as RFC 3339 in UTC with `Z` (`2026-01-01T01:00:00Z`), which every SDK's
/// `credential_process` reader takes.
pub(crate) fn rfc3339(unix: i64) -> String {
    match crate::clock::iso8601_from_unix(unix as f64) {
        Some(iso) => iso.trim_end_matches("+00:00").to_string() + "Z",
        None => unix.to_string(),
    }
}

/// The output as one secret string (it holds the keys); `github` is not one (it writes a file).
pub(crate) fn format_aws_credentials(credentials: &IdentityCredentials, format: CredentialsOutput) -> Result<Secret> {
    let c = credentials;
    let text = match format {
        CredentialsOutput::Json => {
            // The AWS CLI's rendering of the timestamp (ISO 8601, +00:00), as for raw commands.
            let expiration = crate::clock::iso8601_from_unix(c.expiration as f64)
                .map_or_else(|| Value::from(c.expiration), Value::from);
            pretty(&json!({
                "IdentityId": c.identity_id,
                "Credentials": {
                    "AccessKeyId": c.access_key_id,
                    "SecretKey": c.secret_access_key.expose(),
                    "SessionToken": c.session_token.expose(),
                    "Expiration": expiration,
                }
            }))?
        }
        CredentialsOutput::CredentialProcess => pretty(&json!({
            "Version": 1,
            "AccessKeyId": c.access_key_id,
            "SecretAccessKey": c.secret_access_key.expose(),
            "SessionToken": c.session_token.expose(),
            "Expiration": rfc3339(c.expiration),
        }))?,
        CredentialsOutput::Env => {
            let mut lines = String::new();
            for (name, value) in variables(c) {
                lines.push_str(&format!("export {name}={}\n", super::token_formats::shell_quote(value)));
            }
            lines.push_str(&format!("export AWS_CREDENTIAL_EXPIRATION={}\n", rfc3339(c.expiration)));
            lines
        }
        CredentialsOutput::Github => return Err(Error::config("--output github needs GITHUB_ENV")),
    };
    Ok(Secret::new(text))
}

fn pretty(value: &Value) -> Result<String> {
    Ok(String::from_utf8_lossy(&super::to_pretty_json(value)?).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials() -> IdentityCredentials {
        IdentityCredentials {
            identity_id: "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0".to_string(),
            access_key_id: "ASIAEXAMPLEKEY".to_string(),
            secret_access_key: Secret::new("wJalr'XUtn/K7MDENG"),
            session_token: Secret::new("IQoJb3JpZ2lu"),
            expiration: 1_767_229_200,
        }
    }

    fn shown(format: CredentialsOutput) -> String {
        format_aws_credentials(&credentials(), format)
            .unwrap()
            .expose()
            .to_string()
    }

    #[test]
    fn every_format() {
        assert_eq!(
            shown(CredentialsOutput::Json),
            "{\n    \"IdentityId\": \"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\",\n    \"Credentials\": {\n        \
             \"AccessKeyId\": \"ASIAEXAMPLEKEY\",\n        \"SecretKey\": \"wJalr'XUtn/K7MDENG\",\n        \
             \"SessionToken\": \"IQoJb3JpZ2lu\",\n        \"Expiration\": \"2026-01-01T01:00:00+00:00\"\n    }\n}\n"
        );
        assert_eq!(
            shown(CredentialsOutput::CredentialProcess),
            "{\n    \"Version\": 1,\n    \"AccessKeyId\": \"ASIAEXAMPLEKEY\",\n    \"SecretAccessKey\": \"wJalr'XUtn/K7MDENG\",\n    \
             \"SessionToken\": \"IQoJb3JpZ2lu\",\n    \"Expiration\": \"2026-01-01T01:00:00Z\"\n}\n"
        );
        assert_eq!(
            shown(CredentialsOutput::Env),
            "export AWS_ACCESS_KEY_ID='ASIAEXAMPLEKEY'\nexport AWS_SECRET_ACCESS_KEY='wJalr'\\''XUtn/K7MDENG'\n\
             export AWS_SESSION_TOKEN='IQoJb3JpZ2lu'\nexport AWS_CREDENTIAL_EXPIRATION=2026-01-01T01:00:00Z\n"
        );
    }

    #[test]
    fn github_masks_on_stdout_and_the_variables_in_github_env() {
        let dir = std::env::temp_dir().join(format!("cogtok-gh-aws-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("env");
        std::fs::write(&path, "EARLIER=1\n").unwrap();
        github_output(&credentials(), &path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "EARLIER=1\nAWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY\nAWS_SECRET_ACCESS_KEY=wJalr'XUtn/K7MDENG\n\
             AWS_SESSION_TOKEN=IQoJb3JpZ2lu\n"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn debug_never_shows_the_keys() {
        let shown = format!("{:?}", credentials());
        assert!(!shown.contains("wJalr") && !shown.contains("IQoJ"), "{shown}");
    }
}
