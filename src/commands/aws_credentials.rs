//! `cogtok aws-credentials`: an identity pool's AWS credentials for a user who signs in (every
//! `login` option), an ID token in hand, a CI job's own OIDC token, or a guest; printed for
//! `credential_process`, `eval`, GitHub Actions or a script. `exec --aws-credentials` shares all
//! of it but the printing ([`IdentityRun`]).
//!
//! With `--cache`: the credentials are used from the cache while they have more than 5 minutes
//! left (no request at all, no sign-in), the identity id is kept per pool and user (one GetId,
//! ever), and the sign-in's tokens are `login`'s cache's.

use super::login::Login;
use crate::api::identity::{IdentityCredentials, Logins};
use crate::auth::identity_pool::{self, Flow, IdentityPool};
use crate::auth::secret_sources::{self, SecretKind, SecretSource};
use crate::cache::Cache;
use crate::cli::{AwsCredentialsArgs, GlobalArgs, IdentityPoolArgs, LoginArgs};
use crate::config::{CiIdentity, Env, Settings, DEFAULT_GITLAB_TOKEN_ENV};
use crate::credentials::ci_oidc;
use crate::error::{Error, Result};
use crate::output::{self, CredentialsOutput};
use crate::secret::Secret;
use crate::transport::{Client, COGNITO_IDENTITY};

/// The audience of the GitHub token unless `--audience` says otherwise: the one identity pools'
/// OpenID Connect providers are set up with in AWS's documentation (and the one
/// catnekaise/cognito-idpool-auth asks for).
const DEFAULT_AUDIENCE: &str = "cognito-identity.amazonaws.com";

/// `--id-token-env VAR`, `--id-token-file F`, `--id-token-stdin`. (Always given when read: there
/// is no `COGTOK_*` default for it.)
const ID_TOKEN: SecretKind = SecretKind {
    noun: "ID token",
    default_env: "COGTOK_ID_TOKEN",
    options: "--id-token-env VAR, --id-token-file PATH or --id-token-stdin",
};

pub(super) fn run(globals: &GlobalArgs, args: AwsCredentialsArgs, env: Env) -> Result<()> {
    let format = args.pool.output.unwrap_or(CredentialsOutput::Json);
    // Checked before any request, as every output's prerequisites are.
    let github_env = match format {
        CredentialsOutput::Github => Some(output::github_env_file(&env)?),
        _ => None,
    };
    let run = IdentityRun::prepare(globals, args.login, args.pool, env)?;
    let credentials = run.credentials()?;
    output::print_aws_credentials(&credentials, format, github_env.as_deref())
}

/// Whose identity the credentials are for.
enum Who {
    /// A user signs in, as `login` does.
    SignIn(Box<Login>),
    /// An ID token in hand, and the user pool it came from when the options say.
    IdToken {
        settings: Settings,
        source: SecretSource,
        user_pool_id: Option<String>,
    },
    /// The CI runner's own OIDC token.
    Runner {
        settings: Settings,
        source: CiIdentity,
        gitlab_var: String,
        audience: String,
    },
    /// A guest: an unauthenticated identity.
    Guest { settings: Settings },
}

impl Who {
    fn settings(&self) -> &Settings {
        match self {
            Who::SignIn(login) => login.settings(),
            Who::IdToken { settings, .. } | Who::Runner { settings, .. } | Who::Guest { settings } => settings,
        }
    }
}

/// A run whose inputs were all checked: what `aws-credentials` and `exec --aws-credentials` run.
pub(super) struct IdentityRun {
    who: Who,
    pool_id: String,
    /// The identity pool's region, its id's prefix: the endpoint's.
    region: String,
    account_id: Option<String>,
    flow: Flow,
    cache: Option<Cache>,
}

/// The `Logins` entry of a run, or where it will come from.
enum Proof<'a> {
    /// The ID token of the sign-in (or of `login`'s cache), once it is needed.
    SignIn(&'a Login),
    /// A token in hand, for this provider.
    Token {
        provider: String,
        token: Secret,
    },
    Guest,
}

impl IdentityRun {
    pub(super) fn prepare(globals: &GlobalArgs, login: LoginArgs, pool: IdentityPoolArgs, env: Env) -> Result<Self> {
        let pool_id = pool
            .identity_pool_id
            .clone()
            .or_else(|| env.get("COGTOK_IDENTITY_POOL_ID").map(str::to_string))
            .ok_or_else(|| {
                Error::usage("no identity pool: pass --identity-pool-id ID or set COGTOK_IDENTITY_POOL_ID")
            })?;
        let region = crate::config::check_identity_pool_id(&pool_id)?.to_string();
        let flow = flow_of(&pool)?;
        let cache = if login.cache || env.flag("COGTOK_CACHE") || env.get("COGTOK_CACHE") == Some("1") {
            Some(Cache::new(login.cache_dir.as_deref(), &env)?)
        } else {
            None
        };
        let who = who_of(globals, login, &pool, &region, env)?;
        Ok(IdentityRun {
            who,
            pool_id,
            region,
            account_id: pool.account_id,
            flow,
            cache,
        })
    }

    /// The credentials: from the cache while they have more than 5 minutes left, else from the
    /// identity pool (the identity id from the cache when it has it).
    pub(super) fn credentials(&self) -> Result<IdentityCredentials> {
        let settings = self.who.settings();
        let endpoint = settings.cognito_identity_endpoint(&self.region)?;
        // One agent for the run: a sign-in's user pool client, and the identity pool's.
        let idp = match &self.who {
            Who::SignIn(_) => Some(Client::new(settings)?),
            _ => None,
        };
        let identity = match &idp {
            Some(idp) => idp.sibling_for(&COGNITO_IDENTITY, &endpoint)?,
            None => Client::for_service(settings, &COGNITO_IDENTITY, &endpoint)?,
        };
        let (subject, proof) = self.subject_and_proof(&identity)?;
        // What the identity id and the credentials are kept under: the endpoint (an emulator's
        // and AWS's never mix), the pool, whose identity, and for the credentials the flow and
        // its role.
        let account = self.account_id.as_deref().unwrap_or("");
        let mut id_key = vec!["identity-id", &endpoint, &self.pool_id, account];
        id_key.extend(subject.iter().map(String::as_str));
        let (flow_name, role) = match &self.flow {
            Flow::Enhanced { custom_role_arn } => ("enhanced", custom_role_arn.as_deref().unwrap_or("")),
            Flow::Basic { role_arn } => ("basic", role_arn.as_str()),
        };
        let mut credentials_key = vec!["aws-credentials", flow_name, role];
        credentials_key.extend(id_key.iter().skip(1));
        // A token in hand is more than its subject: a pool's rules and its principal tags may
        // pick the role and the session's tags from any claim (a GitHub workflow, an
        // environment, a group). Credentials are kept for that very claim set, less the claims
        // that change at every issue; the identity id stays the subject's.
        let claims = match &proof {
            Proof::Token { token, .. } => lasting_claims(token.expose()),
            _ => String::new(),
        };
        credentials_key.push(&claims);
        let now = crate::clock::now_unix();
        if let Some(cached) = self
            .cache
            .as_ref()
            .and_then(|c| c.load_aws_credentials(&credentials_key, now))
        {
            trace(
                settings,
                format_args!("AWS credentials from the cache, {} s left", cached.ttl(now)),
            );
            return Ok(cached);
        }
        let logins = match proof {
            Proof::SignIn(login) => {
                let idp = idp
                    .as_ref()
                    .ok_or_else(|| Error::config("no user pool client for the sign-in"))?;
                sign_in_logins(login, idp)?
            }
            Proof::Token { provider, token } => one_login(provider, token),
            Proof::Guest => Logins::new(),
        };
        let pool = IdentityPool {
            client: &identity,
            pool_id: &self.pool_id,
            account_id: self.account_id.as_deref(),
            logins: &logins,
        };
        let credentials = match self.cache.as_ref().and_then(|c| c.load_identity_id(&id_key)) {
            None => pool.credentials(&self.get_id(&pool, &id_key)?, &self.flow)?,
            Some(kept) => match pool.credentials(&kept, &self.flow) {
                Ok(credentials) => credentials,
                // The identity may be gone, or belong to other logins now: ask for it again,
                // once. (Were the logins what was refused, GetId refuses them too, with the
                // service's words, which are then the error.)
                Err(e) if identity_pool::may_refuse_the_identity(&e) => {
                    trace(
                        settings,
                        format_args!("the kept identity id {kept} was refused ({e}); asking GetId again"),
                    );
                    pool.credentials(&self.get_id(&pool, &id_key)?, &self.flow)?
                }
                Err(e) => return Err(e),
            },
        };
        if let Some(cache) = &self.cache {
            cache.store_identity_id(&id_key, &credentials.identity_id);
            cache.store_aws_credentials(&credentials_key, &credentials);
        }
        Ok(credentials)
    }

    /// GetId, its answer kept at once: a guest asking again after a failure later on must not
    /// make the pool another identity.
    fn get_id(&self, pool: &IdentityPool<'_, '_>, id_key: &[&str]) -> Result<String> {
        let identity_id = pool.get_id()?;
        if let Some(cache) = &self.cache {
            cache.store_identity_id(id_key, &identity_id);
        }
        Ok(identity_id)
    }

    /// Whose identity, in words the cache can key on, and the proof of it. An ID token given is
    /// read, and a runner's token fetched, here: who they are for is in them.
    fn subject_and_proof(&self, identity: &Client<'_>) -> Result<(Vec<String>, Proof<'_>)> {
        let settings = self.who.settings();
        Ok(match &self.who {
            Who::SignIn(login) => (
                vec![
                    "user".to_string(),
                    settings.endpoint.clone(),
                    login.user_pool_id().unwrap_or("").to_string(),
                    login.client_id().to_string(),
                    login.username().to_string(),
                ],
                Proof::SignIn(login),
            ),
            Who::IdToken {
                source, user_pool_id, ..
            } => {
                let token = secret_sources::read_optional(Some(source), &ID_TOKEN, &settings.env)?
                    .ok_or_else(|| Error::usage(format!("no ID token: pass {}", ID_TOKEN.options)))?;
                let provider = match user_pool_id {
                    Some(pool) => identity_pool::user_pool_provider(pool),
                    None => identity_pool::issuer_provider(token.expose()),
                }
                .ok_or_else(|| {
                    Error::usage("the ID token names no issuer: pass --user-pool-id ID, the user pool that issued it")
                })?;
                token_proof("token", provider, token)
            }
            Who::Runner {
                source,
                gitlab_var,
                audience,
                ..
            } => {
                let ctx = crate::credentials::Context {
                    settings,
                    agent: identity.agent(),
                };
                let runner = ci_oidc::runner_token(&ctx, *source, gitlab_var, audience)?;
                let provider = identity_pool::issuer_provider(runner.token.expose()).ok_or_else(|| {
                    Error::Credentials(format!(
                        "--web-identity {}: the runner's OIDC token names no issuer (iss)",
                        runner.runner
                    ))
                })?;
                token_proof("ci", provider, runner.token)
            }
            Who::Guest { .. } => (vec!["guest".to_string()], Proof::Guest),
        })
    }
}

/// A token's claims as one string (serde_json's map is sorted), without those that change at
/// every issue of the same identity's token: times, token ids and a CI run's ids. Empty when
/// the token has no readable claims (it is then kept under its own hash, as its subject).
fn lasting_claims(token: &str) -> String {
    const EVERY_ISSUE: &[&str] = &[
        "iat",
        "nbf",
        "exp",
        "jti",
        "auth_time",
        "origin_jti",
        "event_id",
        "run_id",
        "run_number",
        "run_attempt",
        "pipeline_id",
        "job_id",
    ];
    let Some(mut claims) = crate::jwt::claims(token) else {
        return String::new();
    };
    claims.retain(|name, _| !EVERY_ISSUE.contains(&name.as_str()));
    serde_json::Value::Object(claims).to_string()
}

/// A token's subject (its issuer's `sub`; the token itself, which only a hash of the key ever
/// keeps, when it has none) and the token as the proof.
fn token_proof(kind: &str, provider: String, token: Secret) -> (Vec<String>, Proof<'static>) {
    let subject = identity_pool::token_subject(token.expose()).unwrap_or_else(|| token.expose().to_string());
    (
        vec![kind.to_string(), provider.clone(), subject],
        Proof::Token { provider, token },
    )
}

/// The sign-in's ID token under its user pool's provider name (from `--user-pool-id`, else the
/// token's issuer).
fn sign_in_logins(login: &Login, idp: &Client<'_>) -> Result<Logins> {
    let tokens = login.tokens_on(idp)?;
    let id_token = tokens
        .id_token
        .ok_or_else(|| Error::bad_answer("the sign-in returned no ID token, which the identity pool needs"))?;
    let provider = login
        .user_pool_id()
        .and_then(identity_pool::user_pool_provider)
        .or_else(|| identity_pool::issuer_provider(id_token.expose()))
        .ok_or_else(|| Error::bad_answer("the ID token names no issuer: pass --user-pool-id ID"))?;
    Ok(one_login(provider, id_token))
}

/// `Logins` with one provider. (By `insert`, which the sign-in's parameter maps instantiate
/// already: `from` would bring the binary a sorted bulk build of its own.)
fn one_login(provider: String, token: Secret) -> Logins {
    let mut logins = Logins::new();
    logins.insert(provider, token);
    logins
}

/// The flow the options ask for, checked: the basic flow needs its role; the enhanced flow
/// takes none but a choice among the pool's.
fn flow_of(pool: &IdentityPoolArgs) -> Result<Flow> {
    match (pool.basic_flow, &pool.role_arn, &pool.custom_role_arn) {
        (true, Some(role_arn), None) => Ok(Flow::Basic {
            role_arn: role_arn.clone(),
        }),
        (true, None, _) => Err(Error::usage(
            "--basic-flow needs the role to assume: pass --role-arn ARN",
        )),
        (true, Some(_), Some(_)) => Err(Error::usage(
            "--custom-role-arn is the enhanced flow's: with --basic-flow, --role-arn names the role",
        )),
        (false, Some(_), _) => Err(Error::usage(
            "--role-arn goes with --basic-flow; in the enhanced flow the pool picks the role, and --custom-role-arn chooses among those it allows",
        )),
        (false, None, custom) => Ok(Flow::Enhanced {
            custom_role_arn: custom.clone(),
        }),
    }
}

/// Who the options say the identity is for; a user who signs in unless one of the others is
/// given, and then never the login options with it.
fn who_of(globals: &GlobalArgs, login: LoginArgs, pool: &IdentityPoolArgs, region: &str, env: Env) -> Result<Who> {
    let others = [
        pool.id_token
            .is_some()
            .then_some("--id-token-env/--id-token-file/--id-token-stdin"),
        pool.web_identity.is_some().then_some("--web-identity"),
        pool.unauthenticated.then_some("--unauthenticated"),
    ];
    let given: Vec<&str> = others.into_iter().flatten().collect();
    if given.len() > 1 {
        return Err(Error::usage(format!("pass only one of {}", given.join(", "))));
    }
    if pool.audience.is_some() && pool.web_identity.is_none() {
        return Err(Error::usage("--audience goes with --web-identity"));
    }
    let Some(other) = given.first() else {
        return Ok(Who::SignIn(Box::new(Login::prepare(globals, login, env)?)));
    };
    let sign_in_options = [
        login.username.is_some().then_some("--username"),
        login.client_id.is_some().then_some("--client-id"),
        login.password.is_some().then_some("the password"),
        login.flow.is_some().then_some("--flow"),
        login.client_secret.is_some().then_some("the client secret"),
        (login.user_pool_id.is_some() && pool.id_token.is_none()).then_some("--user-pool-id"),
    ];
    if let Some(option) = sign_in_options.into_iter().flatten().next() {
        return Err(Error::usage(format!(
            "{option} is for a user who signs in, not with {other}"
        )));
    }
    if let Some(p) = &login.user_pool_id {
        crate::config::check_pool_id(p)?;
    }
    // The region of last resort: the user pool's for a sign-in, else the identity pool's.
    let last_region = login
        .user_pool_id
        .as_deref()
        .and_then(crate::config::region_of_pool_id)
        .unwrap_or(region)
        .to_string();
    let gitlab_var = globals
        .overrides
        .web_identity_token_env
        .clone()
        .unwrap_or_else(|| DEFAULT_GITLAB_TOKEN_ENV.to_string());
    let settings = Settings::resolve_for(&globals.overrides, env, Some(&last_region))?;
    Ok(match (&pool.id_token, pool.web_identity) {
        (Some(source), _) => Who::IdToken {
            settings,
            source: source.clone(),
            user_pool_id: login.user_pool_id,
        },
        (None, Some(source)) => Who::Runner {
            settings,
            source,
            gitlab_var,
            audience: pool.audience.clone().unwrap_or_else(|| DEFAULT_AUDIENCE.to_string()),
        },
        (None, None) => Who::Guest { settings },
    })
}

fn trace(settings: &Settings, line: std::fmt::Arguments<'_>) {
    if settings.debug {
        crate::diagnostics::debug(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::unsigned_jwt;

    #[test]
    fn kept_credentials_follow_every_lasting_claim_of_a_token_in_hand() {
        let first = unsigned_jwt(
            r#"{"sub":"repo:o/r:ref:refs/heads/main","job_workflow_ref":"o/r/.github/workflows/deploy.yml@refs/heads/main","iat":1,"exp":2,"jti":"a","run_id":"7"}"#,
        );
        let reissued = unsigned_jwt(
            r#"{"sub":"repo:o/r:ref:refs/heads/main","job_workflow_ref":"o/r/.github/workflows/deploy.yml@refs/heads/main","iat":5,"exp":9,"jti":"b","run_id":"8"}"#,
        );
        let other_workflow = unsigned_jwt(
            r#"{"sub":"repo:o/r:ref:refs/heads/main","job_workflow_ref":"o/r/.github/workflows/lint.yml@refs/heads/main","iat":1,"exp":2,"jti":"a","run_id":"7"}"#,
        );
        assert_eq!(lasting_claims(&first), lasting_claims(&reissued));
        assert_ne!(lasting_claims(&first), lasting_claims(&other_workflow));
        assert_eq!(lasting_claims("not-a-jwt"), "");
    }
}
