//! Fuzz target `cache_entry`: the token cache file's JSON entry.
//! The layout of the input is described on `cogtok::fuzzing::cache_entry`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::cache_entry(data));
