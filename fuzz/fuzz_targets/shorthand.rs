//! Fuzz target `shorthand`: AWS CLI shorthand values (`K=V,K=[a,b]`, quoting, `@=file://`).
//! The layout of the input is described on `cogtok::fuzzing::shorthand`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::shorthand(data));
