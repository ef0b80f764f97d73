//! The fuzz targets' way in: one entry point per parser, each taking the fuzzer's bytes.
//!
//! Compiled only with the `fuzzing` feature (fuzz/Cargo.toml turns it on), so release builds do
//! not change. Each entry point feeds the bytes to a parser the way cogtok meets that input (a
//! command-line value, a file, a service answer) and then uses what came out as the program
//! would: formats the error message, prints the value. The contract under test is that none of
//! this panics, hangs or grows without bound, whatever the bytes; a panic is a bug in the parser,
//! never in the fuzz target. Where one input needs several parts (an operation and its answer, a
//! query and its document) the layout is the one the seed corpora in fuzz/corpus/ use, described
//! on each function. Nothing here touches the file system, the network or the environment.

use std::hint::black_box;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::api::identity::{
    GetCredentialsForIdentityResponse, GetIdResponse, GetOpenIdTokenResponse, IdentityCredentials,
};
use crate::api::model::AuthResponse;
use crate::api::ops::OPS;
use crate::api::paginate::{self, PageOptions, Pager};
use crate::api::shape::OpSpec;
use crate::auth::identity_pool;
use crate::auth::srp::{self, ServerChallenge};
use crate::cache::Entry;
use crate::config::profile::{ProfileFiles, SectionKind};
use crate::config::TimestampFormat;
use crate::output::{CredentialsOutput, RawOutput};
use crate::secret::Secret;

/// "Now" for the parsers that count from it: the start, the present and both ends of the range,
/// where the arithmetic could overflow.
const NOWS: [i64; 4] = [0, 1_767_225_600, i64::MAX, i64::MIN];

/// Uses a result, so that the work that made it is not optimised away.
fn keep<T>(value: T) {
    black_box(value);
}

/// The text of a command-line value or a file: cogtok reads those as UTF-8 (argv goes through
/// lexopt's `into_string`, files through `read_to_string`), so other bytes never reach a parser.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The operation the first byte picks (modulo the table), and the rest of the input.
fn operation(data: &[u8]) -> Option<(&'static OpSpec, &[u8])> {
    let (first, rest) = data.split_first()?;
    Some((&OPS[usize::from(*first) % OPS.len()], rest))
}

/// One AWS CLI shorthand value (`--auth-parameters USERNAME=a,PASSWORD=b`), as UTF-8 text.
///
/// A `key@=file://PATH` value gets PATH back as the file's contents (and `fileb://` the loader's
/// error), so the paramfile branch runs without reading files.
pub fn shorthand(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let load = |value: &str| -> Result<Option<String>, String> {
        if let Some(path) = value.strip_prefix("file://") {
            Ok(Some(path.to_string()))
        } else if value.starts_with("fileb://") {
            Err("a fileb:// value cannot be used in shorthand".to_string())
        } else {
            Ok(None)
        }
    };
    match crate::cli::parse_shorthand_with(input, &load) {
        Ok(value) => keep(serde_json::to_string(&value)),
        Err(e) => {
            // The position is documented as at most the input's length in characters.
            assert!(e.position <= input.chars().count(), "position past the end: {e:?}");
            keep(e.to_string());
        }
    }
}

/// One option's value(s) for an operation's input member, as JSON or shorthand, checked against
/// the member's shape: byte 0 picks the operation, byte 1 the member, and the rest is the
/// argv tokens, separated by NUL (a list option takes several).
///
/// The same text is also read as `--cli-input-json` (the whole request as JSON, validated
/// against the operation's input). Values naming a paramfile (`file://`, `fileb://`) are
/// skipped: they read files, and the shorthand target covers the `@=` form.
pub fn params(data: &[u8]) {
    let Some((op, rest)) = operation(data) else { return };
    let Some((pick, rest)) = rest.split_first() else { return };
    let Some(input) = text(rest) else { return };
    if input.contains("file://") || input.contains("fileb://") {
        return;
    }
    if !op.input.is_empty() {
        let member = &op.input[usize::from(*pick) % op.input.len()];
        let tokens: Vec<String> = input.split('\0').map(str::to_string).collect();
        match crate::cli::params::member_value(member.shape, &tokens) {
            Ok(value) => keep(serde_json::to_string(&value)),
            Err(e) => keep(e.to_string()),
        }
    }
    if let Ok(Value::Object(body)) = serde_json::from_str::<Value>(input) {
        keep(crate::api::validate::validate(op.input, &body));
    }
}

/// A `--query` expression and the document it is applied to, separated by the first NUL; without
/// a NUL the expression is applied to a small fixed answer. A document that is not JSON is
/// skipped (answers are JSON before a query sees them).
pub fn query(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let (expression, document) = match input.split_once('\0') {
        Some((e, d)) => match serde_json::from_str::<Value>(d) {
            Ok(v) => (e, v),
            Err(_) => return,
        },
        None => (input, fixed_answer()),
    };
    let Ok(query) = crate::output::parse_query(expression) else {
        return;
    };
    match query.apply(&document) {
        Ok(value) => keep(serde_json::to_string(&value)),
        Err(e) => keep(e.to_string()),
    }
}

/// A ListUsers-like answer for expressions given without a document.
fn fixed_answer() -> Value {
    static ANSWER: OnceLock<Value> = OnceLock::new();
    ANSWER
        .get_or_init(|| {
            serde_json::json!({
                "Users": [
                    {"Username": "alice", "Enabled": true, "UserCreateDate": 1.7e9,
                     "Attributes": [{"Name": "email", "Value": "a@example.com"}, {"Name": "sub", "Value": "1"}]},
                    {"Username": "bob", "Enabled": false, "Attributes": []}
                ],
                "NextToken": "abc", "Count": 2, "Ratio": -0.5, "Nothing": null
            })
        })
        .clone()
}

/// The shared config and credentials files: the config file's text, then NUL, then the
/// credentials file's (none when there is no NUL). Every profile, SSO session and services
/// section the texts name in brackets is then looked up, as a run would.
pub fn ini(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let (config, credentials) = input.split_once('\0').unwrap_or((input, ""));
    let files = match ProfileFiles::from_texts(config, credentials) {
        Ok(files) => files,
        Err(e) => {
            keep(e.to_string());
            return;
        }
    };
    let mut names: Vec<&str> = vec!["default"];
    for header in input.split('[').skip(1) {
        let inside = header.split(']').next().unwrap_or_default();
        names.push(inside.split_whitespace().last().unwrap_or_default());
    }
    for name in names {
        for kind in [SectionKind::Profile, SectionKind::SsoSession, SectionKind::Services] {
            if let Some(section) = files.config_section(kind, name) {
                keep(section.get("region"));
            }
        }
        keep(files.has_profile(name).map_err(|e| e.to_string()));
        if let Ok(Some(profile)) = files.profile(name) {
            keep(profile.get("aws_access_key_id"));
        }
    }
    keep(files.describe());
}

/// A service answer to one operation: byte 0 picks the operation, byte 1 how it came (bits 0-1
/// the status: 200, 400, 403 or 500; bit 2 an `x-amzn-ErrorType` header; bits 3-4 the output
/// format; bit 5 wire timestamps), and the rest is the body.
///
/// A success is read as the transport reads it (whitespace is `{}`, the rest must be JSON), then
/// as the sign-in structs when the operation has them, paged as the AWS CLI pages it, and printed
/// in the chosen format. An error status goes through the error mapping with a sign-in request's
/// secrets to redact, and its message is formatted.
pub fn answer(data: &[u8]) {
    let Some((op, rest)) = operation(data) else { return };
    let Some((how, body)) = rest.split_first() else { return };
    let status = [200, 400, 403, 500][usize::from(how & 3)];
    if status != 200 {
        let header = (how & 4 != 0).then_some("NotAuthorizedException:http://internal.amazon.com/");
        let request = br#"{"AuthParameters":{"USERNAME":"alice","PASSWORD":"hunter2"},"Session":"s3ss10n"}"#;
        let sent = crate::transport::Sent::new(op.operation, request);
        let error = crate::transport::error_from_response(status, header, body, &sent);
        keep((error.to_string(), error.exit_code()));
        return;
    }
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let Ok(answer) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    if let Ok(auth) = serde_json::from_slice::<AuthResponse>(body) {
        if let Some(tokens) = &auth.authentication_result {
            for now in NOWS {
                keep(tokens.expires_at(now));
            }
            keep(serde_json::to_string(tokens));
        }
    }
    // The same bytes as an identity pool's answer (`aws-credentials`), read and printed.
    keep(serde_json::from_slice::<GetIdResponse>(body).map(|a| a.identity_id));
    keep(serde_json::from_slice::<GetOpenIdTokenResponse>(body).map(|a| a.identity_id));
    if let Ok(identity) = serde_json::from_slice::<GetCredentialsForIdentityResponse>(body) {
        if let Ok(credentials) = identity_pool::credentials_from_answer(identity, "us-east-1:0f1e2d3c") {
            aws_credentials(&credentials);
        }
    }
    let format = [RawOutput::Json, RawOutput::Text, RawOutput::Table, RawOutput::Json][usize::from((how >> 3) & 3)];
    let timestamps = if how & 32 != 0 {
        TimestampFormat::Wire
    } else {
        TimestampFormat::Iso8601
    };
    if let Some(paginator) = op.paginator {
        let options = PageOptions {
            max_items: Some(3),
            ..PageOptions::default()
        };
        let mut request = Map::new();
        if let Ok(mut pager) = Pager::new(paginator, &options, &mut request) {
            let mut page = answer.clone();
            if pager.page(&mut page, &mut request).is_ok() {
                let full = paginate::full_result(vec![page, answer.clone()], paginator, pager.resume_token.as_deref());
                keep(crate::output::format_raw(&full, op, None, format, timestamps).map_err(|e| e.to_string()));
            }
        }
    }
    keep(crate::output::format_raw(&answer, op, None, format, timestamps).map_err(|e| e.to_string()));
}

/// A JWT as the service hands it (or as a cache file holds it): the claims and the internal
/// username are read from it.
pub fn jwt(data: &[u8]) {
    let Some(token) = text(data) else { return };
    keep(crate::jwt::claims(token));
    keep(crate::jwt::internal_username(token));
}

/// An STS answer body (AssumeRole, AssumeRoleWithWebIdentity): the credentials of a success and
/// the code and message of an error, read from the same bytes.
pub fn sts_xml(data: &[u8]) {
    keep(crate::credentials::sts::read_answer(data));
}

/// AWS credentials as `aws-credentials` prints them, in every format but `github` (a file).
fn aws_credentials(credentials: &IdentityCredentials) {
    for now in NOWS {
        keep(credentials.ttl(now));
    }
    for format in [
        CredentialsOutput::Json,
        CredentialsOutput::CredentialProcess,
        CredentialsOutput::Env,
    ] {
        keep(crate::output::format_aws_credentials(credentials, format).map(|s| s.expose().len()));
    }
}

/// A token cache file: read as an entry, then used as a cached sign-in uses it; the same bytes
/// as `aws-credentials`' kept credentials, used as a cache hit uses them.
pub fn cache_entry(data: &[u8]) {
    if let Ok(credentials) = serde_json::from_slice::<IdentityCredentials>(data) {
        aws_credentials(&credentials);
    }
    let Ok(entry) = serde_json::from_slice::<Entry>(data) else {
        return;
    };
    for now in NOWS {
        keep(entry.ttl(now));
        keep(serde_json::to_string(&entry.to_tokens(now)));
    }
    keep(serde_json::to_string(&entry));
}

/// What PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER hand the SRP client, NUL-separated:
/// the user pool id, USER_ID_FOR_SRP, SALT, SRP_B, SECRET_BLOCK (a missing field is empty).
///
/// The claim is computed up to its two modular exponentiations (see `srp::read_challenge`): the
/// full claim runs at a few hundred a second, too slow to fuzz; tests/srp_verify.rs and the
/// unit tests check it against pycognito and the servers.
pub fn srp(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let mut fields = input.split('\0');
    let mut next = || fields.next().unwrap_or_default();
    let (pool_id, user, salt_hex, srp_b_hex, secret_block_b64) = (next(), next(), next(), next(), next());
    let challenge = ServerChallenge {
        salt_hex,
        srp_b_hex,
        secret_block_b64,
    };
    let password = Secret::new("Passw0rd!");
    // As for a user (the pool's name is the realm) and as for a device (its group key is).
    let realm = srp::pool_name(pool_id).unwrap_or_default();
    keep(srp::read_challenge(realm, user, &password, &challenge));
    keep(srp::read_challenge(pool_id, user, &password, &challenge));
}

/// A `mint --users` file: CSV with a header row, or NDJSON, told apart by the first character;
/// any bytes (the parser itself refuses what is not UTF-8). Every user read is used as a run
/// uses it, and the parser's promises are checked: at least one user, each username given,
/// short, without control characters and there once, the lines in order and in the file; an
/// error is one usage line.
pub fn users_file(data: &[u8]) {
    match crate::cli::users_file::parse(data, "users.csv") {
        Ok(rows) => {
            assert!(!rows.is_empty(), "no users and no error");
            let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
            let mut names = std::collections::HashSet::new();
            let mut last_line = 0;
            for row in &rows {
                let name = &row.username;
                assert!(!name.is_empty() && name.chars().count() <= 128, "username {name:?}");
                assert!(!name.chars().any(char::is_control), "username {name:?}");
                assert!(names.insert(name.as_str()), "username {name:?} twice");
                assert!(
                    row.line > last_line && row.line <= lines,
                    "line {} after {last_line}",
                    row.line
                );
                last_line = row.line;
                keep(crate::quote::quoted(name));
                keep((&row.password, &row.new_password, &row.totp_secret));
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(
                !message.contains(['\n', '\r']),
                "a message of more than one line: {message:?}"
            );
            assert_eq!(e.exit_code(), 252, "{message}");
        }
    }
}
