//! `cogtok refresh`: checks its inputs, then turns a refresh token into fresh tokens.

use super::Identity;
use crate::auth::device::Device;
use crate::auth::refresh::Refresh;
use crate::auth::secret_sources::{self, SecretKind, CLIENT_SECRET};
use crate::cli::{GlobalArgs, RefreshArgs};
use crate::config::{Env, Settings};
use crate::error::{Error, Result};
use crate::output::TokenOutput;
use crate::output::{self, GithubFiles};
use crate::transport::Client;

const REFRESH_TOKEN: SecretKind = SecretKind {
    noun: "refresh token",
    default_env: "COGTOK_REFRESH_TOKEN",
    options: "--refresh-token-env VAR, --refresh-token-file PATH or --refresh-token-stdin",
};

pub(super) fn run(globals: &GlobalArgs, args: RefreshArgs, env: Env) -> Result<()> {
    let format = args.output.unwrap_or(TokenOutput::Json);
    let github = GithubFiles::for_output(format, args.export, &env)?;
    let identity = Identity::resolve(&args.user_pool_id, &args.client_id, &args.username, &env)?;
    let client_id = identity.client_id()?;
    let username = identity.optional_username();
    let settings = Settings::resolve(&globals.overrides, env, identity.user_pool_id.as_deref())?;
    let refresh_token = secret_sources::read_optional(args.refresh_token.as_ref(), &REFRESH_TOKEN, &settings.env)?
        .ok_or_else(|| Error::usage(format!("no refresh token: pass {}", REFRESH_TOKEN.options)))?;
    let client_secret = secret_sources::read_optional(args.client_secret.as_ref(), &CLIENT_SECRET, &settings.env)?;
    let device = match &args.device_file {
        Some(path) => Device::load(path)?,
        None => None,
    };
    let client = Client::new(&settings)?;
    let refresh = Refresh {
        client: &client,
        client_id: &client_id,
        refresh_token: &refresh_token,
        client_secret: client_secret.as_ref(),
        username: username.as_deref(),
        rotate: args.rotate,
        device_key: device.as_ref().map(|d| d.device_key.as_str()),
    };
    let tokens = client.block_on(refresh.run())?;
    output::print_tokens(&tokens, format, github.as_ref())
}
