//! Fuzz target `answer`: every operation's service answer: success (sign-in structs, paging, json/text/table output) and error mapping.
//! The layout of the input is described on `cogtok::fuzzing::answer`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::answer(data));
