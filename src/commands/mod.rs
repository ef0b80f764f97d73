//! The commands: each takes its parsed arguments and the environment, resolves settings,
//! talks to the service and prints.

mod exec;
mod login;
mod raw;
mod refresh;
mod user;

use crate::cli::{Command, GlobalArgs};
use crate::config::Env;
use crate::error::Result;

pub(crate) fn run(globals: GlobalArgs, command: Command, env: Env) -> Result<()> {
    match command {
        Command::Raw(args) => raw::run(&globals, args, env),
        Command::Login(args) => login::run(&globals, args, env),
        Command::Refresh(args) => refresh::run(&globals, args, env),
        Command::Exec(args) => exec::run(&globals, args, env),
        Command::User(args) => user::run(&globals, args, env),
    }
}
