//! Fuzz target `sts_xml`: STS AssumeRole / AssumeRoleWithWebIdentity XML answers, credentials and errors.
//! The layout of the input is described on `cogtok::fuzzing::sts_xml`; a panic there is a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cogtok::fuzzing::sts_xml(data));
