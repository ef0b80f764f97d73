//! Fuzz target `params`: an option's JSON or shorthand value checked against an operation's input member, and `--cli-input-json`.
//! The layout of the input is described on `cogtok::fuzzing::params`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::params(data));
