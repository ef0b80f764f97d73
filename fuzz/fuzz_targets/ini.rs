//! Fuzz target `ini`: the shared config and credentials files (INI), and the profile lookups on them.
//! The layout of the input is described on `cogtok::fuzzing::ini`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::ini(data));
