//! Fuzz target `jwt`: JWT claims (the cache's internal username, ExpiresIn's fallback).
//! The layout of the input is described on `cogtok::fuzzing::jwt`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::jwt(data));
