//! `cogtok login`: checks every input before the first request, then runs the flow engine,
//! remembers a new device when asked to, and prints the tokens.

use crate::auth::device::{self, Device};
use crate::auth::engine::{Answers, SignIn};
use crate::auth::inputs::{self, CLIENT_SECRET, NEW_PASSWORD, PASSWORD, TOTP_SECRET};
use crate::auth::{srp, totp};
use crate::cli::{Flow, GlobalArgs, LoginArgs, TokenOutput};
use crate::config::{self, Env, Settings};
use crate::error::{Error, Result};
use crate::output;
use crate::transport::Client;

pub(super) fn run(globals: &GlobalArgs, args: LoginArgs, env: Env) -> Result<()> {
    let flow = args.flow.unwrap_or(Flow::Srp);
    let from_env = |name: &str| env.get(name).map(str::to_string);
    let user_pool_id = args.user_pool_id.clone().or_else(|| from_env("COGTOK_USER_POOL_ID"));
    let client_id = args
        .client_id
        .clone()
        .or_else(|| from_env("COGTOK_CLIENT_ID"))
        .ok_or_else(|| Error::usage("no app client: pass --client-id ID or set COGTOK_CLIENT_ID"))?;
    let username = args
        .username
        .clone()
        .or_else(|| from_env("COGTOK_USERNAME"))
        .ok_or_else(|| Error::usage("no username: pass --username U or set COGTOK_USERNAME"))?;
    if let Some(p) = &user_pool_id {
        config::check_pool_id(p)?;
    }
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
    let settings = Settings::resolve(globals, env, user_pool_id.as_deref())?;
    // Custom and choice-based flows may sign in with no password at all (a one-time code, a
    // Lambda's question): there it is read if given, never prompted for.
    let password = match flow {
        Flow::Srp | Flow::Password | Flow::Admin => Some(inputs::read_required(
            args.password.as_ref(),
            &PASSWORD,
            &settings.env,
            &username,
        )?),
        Flow::UserAuth | Flow::Custom => inputs::read_optional(args.password.as_ref(), &PASSWORD, &settings.env)?,
    };
    let client_secret = inputs::read_optional(args.client_secret.as_ref(), &CLIENT_SECRET, &settings.env)?;
    let totp_seed = inputs::read_optional(args.totp_secret.as_ref(), &TOTP_SECRET, &settings.env)?;
    let answers = Answers {
        new_password: inputs::read_optional(args.new_password.as_ref(), &NEW_PASSWORD, &settings.env)?,
        attributes: args.attributes,
        // Decoded now, so that a bad seed fails before any request.
        totp_key: totp_seed.as_ref().map(totp::Key::from_base32).transpose()?,
        totp_secret_out: args.totp_secret_out,
        mfa_code: args.mfa_code,
        otp_command: args.otp_command,
        mfa_type: args.mfa_type,
        preferred_challenge: args.preferred_challenge,
        custom_answers: args.custom_answers,
    };
    let known_device = match &args.device_file {
        Some(path) => Device::load(path)?,
        None => None,
    };
    let client = Client::new(&settings)?;
    let tokens = SignIn {
        client: &client,
        flow,
        user_pool_id: user_pool_id.as_deref(),
        client_id: &client_id,
        username: &username,
        password: password.as_ref(),
        client_secret: client_secret.as_ref(),
        answers: &answers,
        device: known_device.as_ref(),
    }
    .run()?;
    if let Some(path) = &args.device_file {
        device::remember(&client, &tokens, path)?;
    }
    output::print_tokens(&tokens, args.output.unwrap_or(TokenOutput::Json))
}
