//! cogtok: sign in to Amazon Cognito user pools and print the tokens.
//!
//! `main` only calls the library's `run_main` (src/lib.rs holds the module tree, so that the fuzz
//! targets reach the parsers); nothing else happens here. See ARCHITECTURE.md for the layout and
//! the README for the contract.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    cogtok::run_main()
}
