//! `login --output …`: the token formats a script wants (README: `cogtok login`).

use super::github::{self, GithubFiles};
use crate::api::model::AuthenticationResult;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// `--output` of `login` and `refresh`: how the tokens are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenOutput {
    Json,
    IdToken,
    AccessToken,
    RefreshToken,
    Env,
    Header,
    /// GitHub Actions: `::add-mask::` each token, the values to `$GITHUB_OUTPUT`.
    Github,
}

/// Prints `tokens` in `format`; `github` holds the step's files for `--output github`.
pub(crate) fn print_tokens(
    tokens: &AuthenticationResult,
    format: TokenOutput,
    github: Option<&GithubFiles>,
) -> Result<()> {
    let text = match (format, github) {
        (TokenOutput::Github, Some(files)) => return github_output(tokens, files, crate::clock::now_unix()),
        (TokenOutput::Github, None) => return Err(Error::config("--output github needs GITHUB_OUTPUT")),
        _ => render(tokens, format, crate::clock::now_unix())?,
    };
    super::write_stdout(text.expose().as_bytes())
}

/// `token --output …`: an access token alone (client credentials). As [`print_tokens`], but the
/// header carries the access token, there being no ID token.
pub(crate) fn print_client_tokens(
    tokens: &AuthenticationResult,
    format: TokenOutput,
    github: Option<&GithubFiles>,
) -> Result<()> {
    if format == TokenOutput::Header {
        let text = Secret::new(format!("Authorization: Bearer {}\n", tokens.access_token.expose()));
        return super::write_stdout(text.expose().as_bytes());
    }
    print_tokens(tokens, format, github)
}

/// `verify`: a valid token's claims, as pretty JSON.
pub(crate) fn print_claims(claims: &serde_json::Map<String, serde_json::Value>) -> Result<()> {
    super::write_stdout(&super::to_pretty_json(&serde_json::Value::Object(claims.clone()))?)
}

fn github_output(tokens: &AuthenticationResult, files: &GithubFiles, now: i64) -> Result<()> {
    let expires_at = tokens.expires_at(now).map(|t| t.to_string());
    let id = tokens.id_token.as_ref().map(Secret::expose);
    let access = Some(tokens.access_token.expose());
    let refresh = tokens.refresh_token.as_ref().map(Secret::expose);
    let entries = [
        ("id_token", "COGNITO_ID_TOKEN", id),
        ("access_token", "COGNITO_ACCESS_TOKEN", access),
        ("refresh_token", "COGNITO_REFRESH_TOKEN", refresh),
        ("expires_at", "COGNITO_EXPIRES_AT", expires_at.as_deref()),
    ];
    let masked: Vec<&str> = [id, access, refresh].into_iter().flatten().collect();
    super::write_stdout(github::masks(&masked).expose().as_bytes())?;
    github::append_values(files, &entries)
}

/// The output as one secret string (it holds tokens), for `now` in unix seconds.
fn render(tokens: &AuthenticationResult, format: TokenOutput, now: i64) -> Result<Secret> {
    let text = match format {
        TokenOutput::Json => {
            let value = serde_json::to_value(tokens).map_err(|e| Error::encode(&e))?;
            String::from_utf8_lossy(&super::to_pretty_json(&value)?).into_owned()
        }
        TokenOutput::IdToken => format!("{}\n", need(&tokens.id_token, "ID token")?),
        TokenOutput::AccessToken => format!("{}\n", tokens.access_token.expose()),
        TokenOutput::RefreshToken => format!("{}\n", need(&tokens.refresh_token, "refresh token")?),
        TokenOutput::Header => format!("Authorization: Bearer {}\n", need(&tokens.id_token, "ID token")?),
        TokenOutput::Github => return Err(Error::config("--output github needs GITHUB_OUTPUT")),
        TokenOutput::Env => {
            let mut lines = String::new();
            if let Some(id) = &tokens.id_token {
                lines.push_str(&format!("COGNITO_ID_TOKEN={}\n", shell_quote(id.expose())));
            }
            lines.push_str(&format!(
                "COGNITO_ACCESS_TOKEN={}\n",
                shell_quote(tokens.access_token.expose())
            ));
            if let Some(refresh) = &tokens.refresh_token {
                lines.push_str(&format!("COGNITO_REFRESH_TOKEN={}\n", shell_quote(refresh.expose())));
            }
            if let Some(expires_at) = tokens.expires_at(now) {
                lines.push_str(&format!("COGNITO_EXPIRES_AT={expires_at}\n"));
            }
            lines
        }
    };
    Ok(Secret::new(text))
}

fn need<'t>(token: &'t Option<Secret>, what: &str) -> Result<&'t str> {
    token
        .as_ref()
        .map(Secret::expose)
        .ok_or_else(|| Error::bad_answer(format!("the service returned no {what}")))
}

/// Single-quotes a value for POSIX shells: `'` becomes `'\''`.
pub(super) fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(refresh: bool) -> AuthenticationResult {
        serde_json::from_value(serde_json::json!({
            "AccessToken": "acc.ess.tok", "ExpiresIn": 3600, "TokenType": "Bearer",
            "RefreshToken": if refresh { serde_json::json!("ref.resh") } else { serde_json::Value::Null },
            "IdToken": "id.tok.en"
        }))
        .unwrap()
    }

    #[test]
    fn every_format() {
        let t = tokens(true);
        let r = |f| render(&t, f, 1_800_000_000).unwrap().expose().to_string();
        assert_eq!(r(TokenOutput::IdToken), "id.tok.en\n");
        assert_eq!(r(TokenOutput::AccessToken), "acc.ess.tok\n");
        assert_eq!(r(TokenOutput::RefreshToken), "ref.resh\n");
        assert_eq!(r(TokenOutput::Header), "Authorization: Bearer id.tok.en\n");
        assert_eq!(
            r(TokenOutput::Env),
            "COGNITO_ID_TOKEN='id.tok.en'\nCOGNITO_ACCESS_TOKEN='acc.ess.tok'\nCOGNITO_REFRESH_TOKEN='ref.resh'\nCOGNITO_EXPIRES_AT=1800003600\n"
        );
        assert_eq!(
            r(TokenOutput::Json),
            "{\n    \"AccessToken\": \"acc.ess.tok\",\n    \"ExpiresIn\": 3600,\n    \"TokenType\": \"Bearer\",\n    \"RefreshToken\": \"ref.resh\",\n    \"IdToken\": \"id.tok.en\"\n}\n"
        );
    }

    #[test]
    fn a_missing_token_is_an_error_not_an_empty_line() {
        let t = tokens(false);
        let e = render(&t, TokenOutput::RefreshToken, 0).err().unwrap();
        assert_eq!(
            e.to_string(),
            "unexpected answer from the service: the service returned no refresh token"
        );
    }

    #[test]
    fn shell_quoting_survives_quotes() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
    }
}
