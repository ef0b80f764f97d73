//! `cogtok login`: checks every input before the first request, then takes the tokens from the
//! cache, a refresh or a sign-in (in that order, with `--cache`), remembers a new device when
//! asked to, and prints them. `exec` shares all of it but the printing.

use std::rc::Rc;

use super::Identity;
use crate::api::model::AuthenticationResult;
use crate::auth::device::{self, Device};
use crate::auth::engine::{Answers, SignIn};
use crate::auth::options::Flow;
use crate::auth::refresh::Refresh;
use crate::auth::secret_sources::{self, SecretSource, CLIENT_SECRET, NEW_PASSWORD, PASSWORD, TOTP_SECRET};
use crate::auth::{srp, totp};
use crate::cache::{Cache, Entry};
use crate::cli::{GlobalArgs, LoginArgs};
use crate::config::{Env, Settings};
use crate::error::{Error, Result};
use crate::output::TokenOutput;
use crate::output::{self, GithubFiles};
use crate::transport::Client;

/// Tokens left with more than this many seconds are used from the cache as they are.
const DEFAULT_MIN_TTL: u64 = 300;

pub(super) fn run(globals: &GlobalArgs, args: LoginArgs, env: Env) -> Result<()> {
    let format = args.output.unwrap_or(TokenOutput::Json);
    let github = GithubFiles::for_output(format, args.export, &env)?;
    let login = Login::prepare(globals, args, env)?;
    let tokens = login.tokens()?;
    output::print_tokens(&tokens, format, github.as_ref())
}

/// A sign-in whose inputs were all checked: what `login` and `exec` run, and what `mint` runs
/// for each of its users ([`Login::for_user`]).
pub(super) struct Login {
    settings: Rc<Settings>,
    args: LoginArgs,
    flow: Flow,
    user_pool_id: Option<String>,
    client_id: String,
    username: String,
    cache: Option<Rc<Cache>>,
}

/// Where a run's tokens came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    Cache,
    Refresh,
    SignIn,
}

/// One user's part of a `mint` run: the login name and the secrets its row gave.
pub(super) struct UserSecrets {
    pub(super) username: String,
    pub(super) password: Option<SecretSource>,
    pub(super) new_password: Option<SecretSource>,
    pub(super) totp_secret: Option<SecretSource>,
}

impl Login {
    pub(super) fn prepare(globals: &GlobalArgs, args: LoginArgs, env: Env) -> Result<Login> {
        Self::prepare_for(globals, args, env, true)
    }

    /// `needs_username`: false for `mint`, whose users come from a file.
    pub(super) fn prepare_for(globals: &GlobalArgs, args: LoginArgs, env: Env, needs_username: bool) -> Result<Login> {
        let flow = match (args.flow, env.get("COGTOK_FLOW")) {
            (Some(flow), _) => flow,
            (None, Some(word)) if !word.is_empty() => crate::cli::flow_from_env(word)?,
            (None, _) => Flow::Srp,
        };
        let identity = Identity::resolve(&args.user_pool_id, &args.client_id, &args.username, &env)?;
        let client_id = identity.client_id()?;
        let username = if needs_username {
            identity.username()?
        } else {
            String::new()
        };
        let user_pool_id = identity.user_pool_id;
        match flow {
            Flow::Admin if user_pool_id.is_none() => {
                return Err(Error::usage(
                    "--flow admin needs the user pool: pass --user-pool-id ID or set COGTOK_USER_POOL_ID",
                ))
            }
            Flow::Srp if user_pool_id.as_deref().and_then(srp::pool_name).is_none() => {
                return Err(Error::usage(
                    "--flow srp (the default) needs the user pool id, whose name goes into the SRP proof: pass --user-pool-id ID or set COGTOK_USER_POOL_ID",
                ))
            }
            _ => {}
        }
        let cache = if args.cache || env.flag("COGTOK_CACHE") || env.get("COGTOK_CACHE") == Some("1") {
            Some(Rc::new(Cache::new(args.cache_dir.as_deref(), &env)?))
        } else {
            None
        };
        let settings = Rc::new(Settings::resolve(&globals.overrides, env, user_pool_id.as_deref())?);
        Ok(Login {
            settings,
            args,
            flow,
            user_pool_id,
            client_id,
            username,
            cache,
        })
    }

    pub(super) fn settings(&self) -> &Settings {
        &self.settings
    }

    pub(super) fn flow(&self) -> Flow {
        self.flow
    }

    pub(super) fn user_pool_id(&self) -> Option<&str> {
        self.user_pool_id.as_deref()
    }

    /// The same sign-in for another user: settings, client, flow, challenge options and cache
    /// shared; the username and the secrets the user's row gave in place of the run's.
    pub(super) fn for_user(&self, user: UserSecrets) -> Login {
        let mut args = self.args.clone();
        args.username = Some(user.username.clone());
        args.password = user.password.or(args.password);
        args.new_password = user.new_password.or(args.new_password);
        args.totp_secret = user.totp_secret.or(args.totp_secret);
        Login {
            settings: Rc::clone(&self.settings),
            args,
            flow: self.flow,
            user_pool_id: self.user_pool_id.clone(),
            client_id: self.client_id.clone(),
            username: user.username,
            cache: self.cache.clone(),
        }
    }

    /// Fresh tokens (see [`Login::tokens_with`]), from synchronous code.
    pub(super) fn tokens(&self) -> Result<AuthenticationResult> {
        let client = Client::new(&self.settings)?;
        let tokens = self.tokens_on(&client);
        client.leave_at_exit();
        tokens
    }

    /// [`Login::tokens`] on `client`, a client of these settings' user pool endpoint whose agent
    /// the caller goes on with (`aws-credentials`).
    pub(super) fn tokens_on(&self, client: &Client<'_>) -> Result<AuthenticationResult> {
        if self.flow == Flow::Admin {
            client.prepare_for("AdminInitiateAuth")?;
        }
        client.block_on(self.tokens_with(client)).map(|(tokens, _)| tokens)
    }

    pub(super) fn client_id(&self) -> &str {
        &self.client_id
    }

    pub(super) fn username(&self) -> &str {
        &self.username
    }

    /// Fresh tokens. With the cache: the cached ones while they have more than `--min-ttl`
    /// seconds left (no request at all), else a refresh with the cached refresh token, else a
    /// sign-in.
    pub(super) async fn tokens_with(&self, client: &Client<'_>) -> Result<(AuthenticationResult, Source)> {
        match self.cached_or_refreshed(client).await? {
            Some(found) => Ok(found),
            None => Ok((self.sign_in_and_keep(client).await?, Source::SignIn)),
        }
    }

    /// The cache's part of [`Login::tokens_with`]: the cached tokens, or refreshed ones;
    /// `None` when a sign-in is needed (no cache, nothing cached, or the refresh was refused).
    pub(super) async fn cached_or_refreshed(
        &self,
        client: &Client<'_>,
    ) -> Result<Option<(AuthenticationResult, Source)>> {
        let Some(cache) = &self.cache else {
            return Ok(None);
        };
        let identity = self.cache_identity();
        let now = crate::clock::now_unix();
        let min_ttl = i64::try_from(self.args.min_ttl.unwrap_or(DEFAULT_MIN_TTL)).unwrap_or(i64::MAX);
        let Some(entry) = cache.load(&identity) else {
            return Ok(None);
        };
        if entry.ttl(now) > min_ttl {
            return Ok(Some((entry.to_tokens(now), Source::Cache)));
        }
        match self.refresh(client, &entry).await {
            Ok(Some(tokens)) => {
                cache.store(&identity, &Entry::from_tokens(&tokens, now));
                Ok(Some((tokens, Source::Refresh)))
            }
            Ok(None) => Ok(None),
            // The service refused the refresh token (revoked, expired, the user signed out
            // everywhere): sign in again, as the user would. Anything else (the network, a
            // secret that cannot be read, throttling) would fail the sign-in too, so it is the
            // answer.
            Err(e @ Error::Service { .. }) if !crate::transport::is_throttling(&e) => {
                crate::diagnostics::warn(&format!(
                    "the cached refresh token of {} was refused ({e}); signing in again",
                    crate::quote::shortened(&self.username)
                ));
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// A sign-in, its tokens kept in the cache when there is one.
    pub(super) async fn sign_in_and_keep(&self, client: &Client<'_>) -> Result<AuthenticationResult> {
        let tokens = self.sign_in(client).await?;
        if let Some(cache) = &self.cache {
            cache.store(
                &self.cache_identity(),
                &Entry::from_tokens(&tokens, crate::clock::now_unix()),
            );
        }
        Ok(tokens)
    }

    /// Who the cache file is about. The endpoint is part of who issued the tokens: an
    /// emulator's and AWS's must not mix.
    fn cache_identity(&self) -> [&str; 5] {
        [
            self.user_pool_id.as_deref().unwrap_or(""),
            &self.client_id,
            &self.username,
            flow_name(self.flow),
            &self.settings.endpoint,
        ]
    }

    async fn refresh(&self, client: &Client<'_>, entry: &Entry) -> Result<Option<AuthenticationResult>> {
        let Some(refresh_token) = &entry.refresh_token else {
            return Ok(None);
        };
        let client_secret =
            secret_sources::read_optional(self.args.client_secret.as_ref(), &CLIENT_SECRET, &self.settings.env)?;
        let device = self.device()?;
        let refresh = Refresh {
            client,
            client_id: &self.client_id,
            refresh_token,
            client_secret: client_secret.as_ref(),
            username: entry.username.as_deref(),
            rotate: false,
            device_key: device.as_ref().map(|d| d.device_key.as_str()),
        };
        Ok(Some(refresh.run().await?))
    }

    fn device(&self) -> Result<Option<Device>> {
        match &self.args.device_file {
            Some(path) => Device::load(path),
            None => Ok(None),
        }
    }

    /// The sign-in itself; secrets are read only now, so a cache hit never asks for them.
    async fn sign_in(&self, client: &Client<'_>) -> Result<AuthenticationResult> {
        let env = &self.settings.env;
        let args = &self.args;
        // Custom and choice-based flows may sign in with no password at all (a one-time code, a
        // Lambda's question): there it is read if given, never prompted for.
        let password = match self.flow {
            Flow::Srp | Flow::Password | Flow::Admin => Some(secret_sources::read_required(
                args.password.as_ref(),
                &PASSWORD,
                env,
                &self.username,
            )?),
            Flow::UserAuth | Flow::Custom => secret_sources::read_optional(args.password.as_ref(), &PASSWORD, env)?,
        };
        let client_secret = secret_sources::read_optional(args.client_secret.as_ref(), &CLIENT_SECRET, env)?;
        let totp_seed = secret_sources::read_optional(args.totp_secret.as_ref(), &TOTP_SECRET, env)?;
        let answers = Answers {
            given: &args.challenges,
            new_password: secret_sources::read_optional(args.new_password.as_ref(), &NEW_PASSWORD, env)?,
            // Decoded before any request, so that a bad seed fails first.
            totp_key: totp_seed.as_ref().map(totp::Key::from_base32).transpose()?,
        };
        let known_device = self.device()?;
        let sign_in = SignIn {
            client,
            flow: self.flow,
            user_pool_id: self.user_pool_id.as_deref(),
            client_id: &self.client_id,
            username: &self.username,
            password: password.as_ref(),
            client_secret: client_secret.as_ref(),
            answers: &answers,
            device: known_device.as_ref(),
        };
        let tokens = sign_in.run().await?;
        if let Some(path) = &args.device_file {
            // Never fails: the tokens are what the user asked for; a device is a bonus.
            device::remember(client, &tokens, path).await;
        }
        Ok(tokens)
    }
}

fn flow_name(flow: Flow) -> &'static str {
    match flow {
        Flow::Srp => "srp",
        Flow::Password => "password",
        Flow::Admin => "admin",
        Flow::UserAuth => "user-auth",
        Flow::Custom => "custom",
    }
}
