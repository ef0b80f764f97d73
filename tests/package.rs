//! The crate as `cargo package` would upload it (Cargo.toml's `include`): what a build and the
//! unit tests in src/ read, and nothing else.
//!
//! `cargo package --list` runs offline (it resolves nothing new with the lockfile there). The
//! list must hold the sources, build.rs, the manifest and lockfile, the README the unit tests
//! include and the licences; the only data are the three folders unit tests open at run time;
//! never the integration tests, the recorded exchanges, the API models, the fuzzing crate, a
//! virtualenv, node_modules or build output; and it stays small. The metadata crates.io shows
//! (repository, keywords, categories, readme, licence) is complete.

mod common;

use common::{repo_root, TestCommand};
use std::fs;

/// What may be in the package: exact names, and folders whose files may all be.
const FILES: &[&str] = &[
    "Cargo.toml",
    "Cargo.toml.orig",
    "Cargo.lock",
    ".cargo_vcs_info.json",
    "build.rs",
    "README.md",
    "LICENSE-MIT",
    "LICENSE-APACHE",
];
/// The unit tests' data: src/config/profile.rs and src/credentials/profile_chain.rs,
/// src/output/query/compliance.rs, src/http/sigv4.rs open these.
const FOLDERS: &[&str] = &[
    "src/",
    "tests/data/aws-config/",
    "tests/data/jmespath/",
    "fixtures/sigv4/",
];
/// The files' bytes on disk, all together: about 2.4 MB today (src/api/ops.rs, generated from
/// the API model, is most of it). A fixture or a corpus let in by mistake goes far over.
const MAX_BYTES: u64 = 3_000_000;

fn package_list() -> Vec<String> {
    // The test's cargo home (the crates' cache, for the offline resolve): TestCommand gives a
    // fresh HOME, where cargo would look for an empty one.
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(&std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let out = TestCommand::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline", "--locked"])
        .env("CARGO_HOME", cargo_home)
        .current_dir(repo_root())
        .run()
        .success();
    out.stdout.lines().map(str::to_string).collect()
}

#[test]
fn the_package_holds_what_a_build_needs_and_nothing_else() {
    let list = package_list();
    for required in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
        "src/lib.rs",
        "src/api/ops.rs",
    ] {
        assert!(
            list.iter().any(|f| f == required),
            "{required} is not in the package: {list:?}"
        );
    }
    for folder in &FOLDERS[1..] {
        assert!(
            list.iter().any(|f| f.starts_with(folder)),
            "nothing of {folder} is in the package, which unit tests read"
        );
    }
    let strays: Vec<&String> = list
        .iter()
        .filter(|f| !FILES.contains(&f.as_str()) && !FOLDERS.iter().any(|d| f.starts_with(d)))
        .collect();
    assert!(
        strays.is_empty(),
        "files the build does not need are in the package (Cargo.toml's include): {strays:?}"
    );
    for never in [
        ".venv",
        "node_modules",
        "target/",
        "fuzz/",
        "fixtures/exchanges",
        "fixtures/aws-models",
    ] {
        assert!(!list.iter().any(|f| f.starts_with(never)), "{never} is in the package");
    }
    let root = repo_root();
    let bytes: u64 = list
        .iter()
        .filter_map(|f| fs::metadata(root.join(f)).ok())
        .map(|m| m.len())
        .sum();
    assert!(
        bytes <= MAX_BYTES,
        "the package's files are {bytes} bytes, over {MAX_BYTES}: {list:?}"
    );
}

#[test]
fn the_manifest_has_what_crates_io_shows() {
    let manifest = fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    let package = &manifest[..manifest.find("\n[lib]").expect("a [lib] section")];
    for key in [
        "description = ",
        "license = \"MIT OR Apache-2.0\"",
        "repository = \"https://github.com/",
        "readme = \"README.md\"",
        "keywords = [",
        "categories = [",
        "rust-version = ",
    ] {
        assert!(package.contains(key), "[package] lacks {key}");
    }
    assert!(
        !package.contains("publish = false"),
        "the crate is meant for cargo install"
    );
    let keywords = package
        .lines()
        .find(|l| l.starts_with("keywords = ["))
        .unwrap()
        .matches('"')
        .count()
        / 2;
    assert!(
        (1..=5).contains(&keywords),
        "crates.io takes at most 5 keywords, not {keywords}"
    );
}
