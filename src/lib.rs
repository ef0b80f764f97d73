//! cogtok as a library: the module tree and the one entry point the binary calls.
//!
//! cogtok is a command-line program; this library exists so that the fuzz targets in `fuzz/`
//! reach the parsers (through `fuzzing`, compiled only with the `fuzzing` feature). Without that
//! feature it exports `run_main` alone, and the release binary is the same code as before.
//! See ARCHITECTURE.md for the layout and the README for the contract.
#![forbid(unsafe_code)]

mod api;
mod auth;
mod cache;
mod cli;
mod clock;
mod commands;
mod config;
mod credentials;
mod diagnostics;
mod error;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod http;
mod jwt;
mod output;
mod private_file;
mod quote;
mod secret;
#[cfg(test)]
mod testing;
mod transport;

use std::process::ExitCode;

use cli::Parsed;
use error::Result;

/// The whole program, as `main` runs it: parse, run, and map the one error to its exit code.
pub fn run_main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error::Error::Exit(code)) => ExitCode::from(code),
        Err(e) => {
            // One line, always: the messages are built without newlines, but a service message
            // could still carry one.
            let line = e.to_string().replace(['\n', '\r'], " ");
            diagnostics::stderr_line(format_args!("cogtok: {line}"));
            ExitCode::from(e.exit_code())
        }
    }
}

/// `cogtok --version`: one line, `cogtok <version> (<commit> <target>)`, the commit and the
/// target from build.rs (the commit is `unknown` in a build with no git and no
/// .cargo_vcs_info.json, and ends in `-dirty` when `make` built uncommitted changes).
fn version_line() -> String {
    format!(
        "cogtok {} ({} {})\n",
        env!("CARGO_PKG_VERSION"),
        env!("COGTOK_COMMIT"),
        env!("COGTOK_TARGET")
    )
}

fn run() -> Result<()> {
    match cli::parse(std::env::args_os().skip(1))? {
        Parsed::Help(text) => output::write_stdout(text.as_bytes()),
        Parsed::Version => output::write_stdout(version_line().as_bytes()),
        Parsed::Run { globals, command } => commands::run(globals, command, config::Env::from_process()),
    }
}
