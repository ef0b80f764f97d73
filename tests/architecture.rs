//! The layering of ARCHITECTURE.md, enforced: every `crate::…` path in a source file must name a
//! module of a lower layer than the file's own (or the file's own top-level module). Test code
//! (`#[cfg(test)]` modules, at the end of each file by this project's habit) is exempt: a test may
//! reach anywhere to set up what it checks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, top to bottom. A module may use the modules of any layer below its own, never one
/// of its own layer (peers stay independent) nor one above. Keep in step with ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    // `main` (src/main.rs) only calls the library root `lib` (src/lib.rs), which holds the module
    // tree; `fuzzing` is the fuzz targets' facade over the parsers (feature `fuzzing`).
    &["main", "lib"],
    &["commands", "fuzzing"],
    &["cli"],
    &["auth", "cache", "output"],
    &["transport"],
    &["credentials"],
    &["http"],
    &["config"],
    &["api"],
    &["clock", "diagnostics", "jwt", "private_file"],
    &["error", "quote", "secret", "testing"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/auth/srp.rs` → `auth`, `src/cache.rs` → `cache`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy()
        .to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The leading identifier of `text`, if any.
fn identifier(text: &str) -> String {
    text.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules a source text names as `crate::name` or in a `crate::{a, b}` group,
/// outside its test module.
fn crate_paths(text: &str) -> Vec<String> {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut names = Vec::new();
    for (_, after) in code.match_indices("crate::").map(|(at, m)| (at, &code[at + m.len()..])) {
        let parts = match after.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())].split(',').collect(),
            None => vec![after],
        };
        names.extend(parts.into_iter().map(identifier).filter(|n| !n.is_empty()));
    }
    names
}

#[test]
fn modules_import_only_from_layers_below_their_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(own) = layer_of(&module) else {
            panic!(
                "{}: module `{module}` is in no layer: add it to LAYERS here and to ARCHITECTURE.md",
                file.display()
            );
        };
        let text = std::fs::read_to_string(file).unwrap();
        for used in crate_paths(&text) {
            if used == module {
                continue;
            }
            let Some(theirs) = layer_of(&used) else {
                panic!("{}: `crate::{used}` is in no layer", file.display());
            };
            if theirs <= own {
                violations
                    .entry(format!("{}", file.strip_prefix(&src).unwrap().display()))
                    .or_insert_with(Vec::new)
                    .push(used);
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports from the same or a higher layer (see ARCHITECTURE.md): {violations:#?}"
    );
}

#[test]
fn every_layer_is_named_in_architecture_md() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md at the top of the repository");
    for module in LAYERS.iter().flat_map(|l| l.iter()) {
        assert!(
            doc.contains(&format!("`{module}`")),
            "ARCHITECTURE.md does not name `{module}`"
        );
    }
}

#[test]
fn the_checker_sees_grouped_and_nested_paths_but_not_tests() {
    let text = "use crate::error::Result;\nuse crate::{cli, output::warn};\nfn f() { crate::jwt::claims(\"\"); }\n#[cfg(test)]\nmod tests { use crate::main; }";
    let mut names = crate_paths(text);
    names.sort();
    assert_eq!(names, ["cli", "error", "jwt", "output"]);
}
