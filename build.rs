//! Build script: what `cogtok --version` says besides the version, the commit and the target.
//!
//! `COGTOK_COMMIT` and `COGTOK_TARGET` reach the crate through `cargo:rustc-env`. The commit is,
//! in this order:
//! 1. the `COGTOK_COMMIT` environment variable, which `make static` and `make release` set from
//!    the checkout they build (so that a copy of the tree without `.git`, as `make
//!    release-check` builds, says the same, and the binary's bytes do not depend on where the
//!    tree is);
//! 2. `.cargo_vcs_info.json`, which `cargo package` writes into a crate (a `cargo install
//!    cogtok` from crates.io has no `.git`, but knows the commit it was packaged from);
//! 3. `git rev-parse HEAD`, when the crate's directory is the top of a git checkout (not a
//!    crate unpacked inside someone else's repository);
//! 4. `unknown`.
//!
//! No timestamp and no path goes in: the release build must be byte-for-byte reproducible.

use std::path::Path;
use std::process::Command;

/// The hash's length in `--version`: as `git log --abbrev=12` prints it.
const SHORT: usize = 12;

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&dir);
    println!("cargo:rerun-if-env-changed=COGTOK_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = from_env()
        .or_else(|| from_vcs_info(dir))
        .or_else(|| from_git(dir))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=COGTOK_COMMIT={commit}");
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    println!("cargo:rustc-env=COGTOK_TARGET={target}");
}

/// A commit given by the caller: a hash (cut to `SHORT`), optionally followed by `-dirty`.
fn from_env() -> Option<String> {
    let value = std::env::var("COGTOK_COMMIT").ok()?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let (hash, dirty) = match value.strip_suffix("-dirty") {
        Some(h) => (h, "-dirty"),
        None => (value, ""),
    };
    // Anything else is a mistake in whoever set it; fail the build rather than print it.
    assert!(
        !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "COGTOK_COMMIT={value:?} is not a git hash (optionally with -dirty)"
    );
    Some(format!("{}{dirty}", &hash[..hash.len().min(SHORT)]))
}

/// The commit `cargo package` recorded: `{"git": {"sha1": "…", "dirty": true?}, …}`. Read
/// without a JSON parser (the build script has no dependencies): the one `"sha1"` value.
fn from_vcs_info(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    // Watched only when it is there: cargo reruns a build script at every build while a
    // watched file is missing.
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let start = after.find('"')? + 1;
    let len = after[start..].find('"')?;
    let hash = &after[start..start + len];
    if hash.len() < SHORT || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let dirty = if text.contains("\"dirty\": true") || text.contains("\"dirty\":true") {
        "-dirty"
    } else {
        ""
    };
    Some(format!("{}{dirty}", &hash[..SHORT]))
}

/// `git rev-parse HEAD` when `dir` is the top of the checkout. Rebuilds when HEAD moves: the
/// files `HEAD`, the branch it points at and `packed-refs` are watched (their paths asked of
/// git, which knows where a worktree keeps them).
fn from_git(dir: &Path) -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        let Some(path) = git(&["rev-parse", "--path-format=absolute", "--git-path", &name]) else {
            continue;
        };
        let path = Path::new(&path);
        // A branch only in packed-refs gets its own file at the next commit: watch the folder
        // it will appear in. Never a missing path (cargo would rerun this script every build).
        let watch = if path.exists() {
            Some(path)
        } else {
            path.parent().filter(|p| p.exists())
        };
        if let Some(p) = watch {
            println!("cargo:rerun-if-changed={}", p.display());
        }
    }
    let hash = git(&["rev-parse", "HEAD"])?;
    (hash.len() >= SHORT).then(|| hash[..SHORT].to_string())
}
