//! `--web-identity github|gitlab|auto`: AWS credentials for a CI job with no AWS keys at all.
//! The runner's own OIDC token (GitHub Actions fetches it on request; GitLab CI puts an
//! `id_tokens` token in a variable) is exchanged with STS AssumeRoleWithWebIdentity for
//! `--role-arn`, the way aws-actions/configure-aws-credentials does, without a Node runtime.
//! `aws-credentials --web-identity` takes the same token ([`runner_token`]) to an identity pool
//! instead, for its own audience.

use super::{Context, Resolved};
use crate::config::CiIdentity;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::secret::Secret;

/// The audience STS expects in a web identity token (GitHub's default for AWS).
const STS_AUDIENCE: &str = "sts.amazonaws.com";

pub(super) fn load(ctx: &Context) -> Result<Option<Resolved>> {
    let Some(request) = &ctx.settings.ci_identity else {
        return Ok(None);
    };
    let RunnerToken { runner, token } = runner_token(ctx, request.source, &request.token_env, STS_AUDIENCE)?;
    let session = session_name(ctx, runner);
    let credentials = super::sts::assume_role_with_web_identity(ctx, &request.role_arn, &session, &token, None)?;
    Ok(Some(Resolved {
        credentials,
        provider: format!("--web-identity {runner}: assumed role {}", request.role_arn),
    }))
}

/// A CI runner's OIDC token, and which runner gave it (`github`, `gitlab`).
pub(crate) struct RunnerToken {
    pub(crate) runner: &'static str,
    pub(crate) token: Secret,
}

/// The runner's OIDC token for `audience`: fetched from GitHub Actions, or read from GitLab's
/// `id_tokens` variable `gitlab_var` (whose audience the job's `.gitlab-ci.yml` sets: `audience`
/// is then only named in the message when it is missing).
pub(crate) fn runner_token(ctx: &Context, source: CiIdentity, gitlab_var: &str, audience: &str) -> Result<RunnerToken> {
    let env = &ctx.settings.env;
    let source = match source {
        CiIdentity::Auto if env.get("ACTIONS_ID_TOKEN_REQUEST_URL").is_some() => CiIdentity::Github,
        CiIdentity::Auto if env.get("GITLAB_CI").is_some() => CiIdentity::Gitlab,
        CiIdentity::Auto => {
            return Err(Error::Credentials(
                "--web-identity auto: this is neither a GitHub Actions job with `permissions: id-token: write` \
                 (no ACTIONS_ID_TOKEN_REQUEST_URL) nor a GitLab CI job (no GITLAB_CI)"
                    .to_string(),
            ))
        }
        other => other,
    };
    match source {
        CiIdentity::Github => Ok(RunnerToken {
            runner: "github",
            token: github_token(ctx, audience)?,
        }),
        _ => {
            let token = env.get(gitlab_var).ok_or_else(|| {
                Error::Credentials(format!(
                    "--web-identity gitlab: the variable {} is not set: declare it under `id_tokens:` in .gitlab-ci.yml \
                     with `aud: {audience}` (or name yours with --web-identity-token-env)",
                    crate::quote::shortened(gitlab_var)
                ))
            })?;
            Ok(RunnerToken {
                runner: "gitlab",
                token: Secret::new(token),
            })
        }
    }
}

/// GitHub Actions' token for `audience`: GET `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with
/// `Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answered `{"value": "<jwt>"}`.
fn github_token(ctx: &Context, audience: &str) -> Result<Secret> {
    let env = &ctx.settings.env;
    let missing = || {
        Error::Credentials(
            "--web-identity github: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: \
             give the job `permissions: id-token: write`"
                .to_string(),
        )
    };
    let (Some(url), Some(bearer)) = (
        env.get("ACTIONS_ID_TOKEN_REQUEST_URL"),
        env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"),
    ) else {
        return Err(missing());
    };
    let mut url = reqwest::Url::parse(url).map_err(|e| {
        Error::Credentials(format!(
            "--web-identity github: ACTIONS_ID_TOKEN_REQUEST_URL is not a URL: {e}"
        ))
    })?;
    url.query_pairs_mut().append_pair("audience", audience);
    let fail = |detail: String| {
        Error::Credentials(format!(
            "--web-identity github: no OIDC token from the runner: {detail}"
        ))
    };
    let response = ctx
        .agent
        .send(
            Request::new(reqwest::Method::GET, url)
                .header("authorization", format!("bearer {bearer}"))
                .secret_answer(),
        )
        .map_err(|e| fail(e.to_string()))?;
    if !(200..300).contains(&response.status) {
        return Err(fail(format!("HTTP {}", response.status)));
    }
    #[derive(serde::Deserialize)]
    struct Answer {
        value: Secret,
    }
    let answer: Answer =
        serde_json::from_slice(&response.body).map_err(|_| fail("the answer has no token in `value`".to_string()))?;
    Ok(answer.value)
}

/// `cogtok-<runner>-<run id>` where the runner names its run (shown in CloudTrail), else the time.
fn session_name(ctx: &Context, runner: &str) -> String {
    let env = &ctx.settings.env;
    let run = env
        .get("GITHUB_RUN_ID")
        .or_else(|| env.get("CI_JOB_ID"))
        .map(str::to_string)
        .unwrap_or_else(|| crate::clock::now_unix().to_string());
    // RoleSessionName: [\w+=,.@-]{2,64}.
    let name: String = format!("cogtok-{runner}-{run}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "+=,.@-_".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    name
}
