//! Fuzz target `query`: JMESPath `--query` expressions, parsed and applied to a JSON document.
//! The layout of the input is described on `cogtok::fuzzing::query`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::query(data));
