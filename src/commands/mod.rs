//! The commands: each takes its parsed arguments and the environment, resolves settings,
//! talks to the service and prints.

mod aws_credentials;
mod credentials;
mod exec;
mod login;
mod mint;
mod raw;
mod refresh;
mod token;
mod user;
mod verify;

use crate::cli::{Command, GlobalArgs};
use crate::config::Env;
use crate::error::Result;

/// Who a command is about: the pool, app client and user options, each falling back to its
/// `COGTOK_*` variable. A pool id is checked against the API's pattern here, before any request.
pub(super) struct Identity {
    pub(super) user_pool_id: Option<String>,
    pub(super) client_id: Option<String>,
    username: Option<String>,
}

impl Identity {
    pub(super) fn resolve(
        user_pool_id: &Option<String>,
        client_id: &Option<String>,
        username: &Option<String>,
        env: &Env,
    ) -> Result<Identity> {
        let pick = |given: &Option<String>, var: &str| given.clone().or_else(|| env.get(var).map(str::to_string));
        let identity = Identity {
            user_pool_id: pick(user_pool_id, "COGTOK_USER_POOL_ID"),
            client_id: pick(client_id, "COGTOK_CLIENT_ID"),
            username: pick(username, "COGTOK_USERNAME"),
        };
        if let Some(p) = &identity.user_pool_id {
            crate::config::check_pool_id(p)?;
        }
        Ok(identity)
    }

    pub(super) fn user_pool_id(&self) -> Result<String> {
        need(
            &self.user_pool_id,
            "no user pool: pass --user-pool-id ID or set COGTOK_USER_POOL_ID",
        )
    }

    pub(super) fn client_id(&self) -> Result<String> {
        need(
            &self.client_id,
            "no app client: pass --client-id ID or set COGTOK_CLIENT_ID",
        )
    }

    pub(super) fn username(&self) -> Result<String> {
        need(&self.username, "no username: pass --username U or set COGTOK_USERNAME")
    }

    pub(super) fn optional_username(&self) -> Option<String> {
        self.username.clone()
    }
}

fn need(value: &Option<String>, missing: &str) -> Result<String> {
    value.clone().ok_or_else(|| crate::error::Error::usage(missing))
}

pub(crate) fn run(globals: GlobalArgs, command: Command, env: Env) -> Result<()> {
    match command {
        Command::Raw(args) => raw::run(&globals, args, env),
        Command::Login(args) => login::run(&globals, args, env),
        Command::Refresh(args) => refresh::run(&globals, args, env),
        Command::Exec(args) => exec::run(&globals, args, env),
        Command::User(args) => user::run(&globals, args, env),
        Command::Credentials => credentials::run(&globals, env),
        Command::Token(args) => token::run(&globals, args, env),
        Command::Verify(args) => verify::run(&globals, args, env),
        Command::Mint(args) => mint::run(&globals, args, env),
        Command::AwsCredentials(args) => aws_credentials::run(&globals, args, env),
    }
}
