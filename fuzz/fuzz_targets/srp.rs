//! Fuzz target `srp`: the SRP challenge the server sends (SALT, SRP_B, SECRET_BLOCK) and the claim's reading and hashing of them.
//! The layout of the input is described on `cogtok::fuzzing::srp`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::srp(data));
