//! Fuzz target `users_file`: a `mint --users` file, CSV with a header row or NDJSON.
//! The layout of the input is described on `cogtok::fuzzing::users_file`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::users_file(data));
