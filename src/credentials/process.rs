//! Credentials from a profile's `credential_process`: a command that prints them as JSON.
//!
//! As aws-config's `credential_process.rs`: the command runs under `sh -c` (botocore instead
//! splits it into words with shlex and runs it without a shell; the two agree on plain
//! `/path/helper --flag value` commands, and `sh -c` also takes `$VARS` and `~`). So in a
//! `FROM scratch` image without `/bin/sh`, the command cannot run: the error says so. Standard
//! input is closed, standard error is read; the output is the Version 1 document
//! `{Version: 1, AccessKeyId, SecretAccessKey, SessionToken?, Expiration?}`, its member names
//! matched without regard to case (aws-config; botocore minds the case). Credentials that have
//! already expired are refused (botocore). No timeout, as in both SDKs.
//!
//! What the command prints on standard output holds secrets and is never shown; on failure, its
//! exit status and its standard error (one line, at most 300 characters) are.

use std::process::{Command, Stdio};

use super::Resolved;
use crate::error::{Error, Result};

const SHOWN_STDERR: usize = 300;

pub(super) fn load(profile_name: &str, command: &str) -> Result<Resolved> {
    let what = format!("the credential_process of profile {profile_name}");
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                " (it runs with `sh -c`, and there is no sh here)"
            } else {
                ""
            };
            Error::Credentials(format!("cannot run {what}: {e}{hint}"))
        })?;
    if !output.status.success() {
        let stderr = crate::diagnostics::one_line(&String::from_utf8_lossy(&output.stderr), SHOWN_STDERR);
        let status = match output.status.code() {
            Some(code) => format!("exit status {code}"),
            None => format!("{}", output.status),
        };
        return Err(Error::Credentials(if stderr.is_empty() {
            format!("{what} failed with {status}")
        } else {
            format!("{what} failed with {status}: {stderr}")
        }));
    }
    let credentials = parse(&output.stdout, &what)?;
    Ok(Resolved {
        credentials,
        provider: format!("profile {profile_name} (credential_process)"),
    })
}

fn parse(stdout: &[u8], what: &str) -> Result<aws_credential_types::Credentials> {
    let bad = |detail: String| Error::Credentials(format!("{what} printed {detail} (its output is not shown)"));
    let v: serde_json::Value = serde_json::from_slice(stdout).map_err(|e| bad(format!("no JSON document: {e}")))?;
    let Some(members) = v.as_object() else {
        return Err(bad("JSON that is not an object".to_string()));
    };
    let member = |name: &str| {
        members
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let text = |name: &str| member(name).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    match member("Version").and_then(serde_json::Value::as_i64) {
        Some(1) => {}
        Some(n) => return Err(bad(format!("Version {n}; only Version 1 is known"))),
        None => return Err(bad("no Version (1)".to_string())),
    }
    let (Some(id), Some(secret)) = (text("AccessKeyId"), text("SecretAccessKey")) else {
        return Err(bad("no AccessKeyId or no SecretAccessKey".to_string()));
    };
    let expires = text("Expiration").map(|e| super::expiration(e, what)).transpose()?;
    super::expiring(id, secret, text("SessionToken"), expires, "credential_process", what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_documents_parse_with_any_case() {
        let c = parse(
            br#"{"version":1,"accesskeyid":"AKID","SecretAccessKey":"SECRET","SessionToken":"TOK","Expiration":"2999-05-02T18:36:00+00:00"}"#,
            "p",
        )
        .unwrap();
        assert_eq!(
            (c.access_key_id(), c.secret_access_key(), c.session_token()),
            ("AKID", "SECRET", Some("TOK"))
        );
        assert!(c.expiry().is_some());
        let c = parse(br#"{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"SECRET"}"#, "p").unwrap();
        assert_eq!((c.session_token(), c.expiry()), (None, None));
    }

    #[test]
    fn bad_documents_are_refused_without_showing_them() {
        for (doc, says) in [
            (
                &br#"{"Version":2,"AccessKeyId":"AKID","SecretAccessKey":"SECRET"}"#[..],
                "Version 2",
            ),
            (br#"{"AccessKeyId":"AKID","SecretAccessKey":"SECRET"}"#, "no Version"),
            (br#"{"Version":1,"AccessKeyId":"AKID"}"#, "no SecretAccessKey"),
            (b"AKID SECRET", "no JSON document"),
            (
                br#"{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"SECRET","Expiration":"2001-01-01T00:00:00Z"}"#,
                "expired at 2001-01-01T00:00:00+00:00",
            ),
        ] {
            let err = parse(doc, "p").err().unwrap().to_string();
            assert!(err.contains(says), "{err}");
            assert!(!err.contains("SECRET") && !err.contains("AKID"), "{err}");
        }
    }
}
