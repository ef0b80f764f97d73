//! `--output github`: hands the tokens to later steps of a GitHub Actions job without ever
//! showing them in its log. Each token is masked (`::add-mask::`), then written to the files
//! GitHub reads: `$GITHUB_OUTPUT` (step outputs) and, with `--export`, `$GITHUB_ENV`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::TokenOutput;
use crate::config::Env;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The files of a GitHub Actions step, checked before any request.
pub(crate) struct GithubFiles {
    output: PathBuf,
    env: Option<PathBuf>,
}

impl GithubFiles {
    /// The files when `format` is `github` (checked before any request), else none; `--export`
    /// goes only with it.
    pub(crate) fn for_output(format: TokenOutput, export: bool, env: &Env) -> Result<Option<GithubFiles>> {
        match format {
            TokenOutput::Github => Ok(Some(GithubFiles::from_env(env, export)?)),
            _ if export => Err(Error::usage("--export goes with --output github")),
            _ => Ok(None),
        }
    }

    pub(crate) fn from_env(env: &Env, export: bool) -> Result<GithubFiles> {
        let output = env.get("GITHUB_OUTPUT").map(PathBuf::from).ok_or_else(|| {
            Error::config("--output github needs GITHUB_OUTPUT, which GitHub Actions sets in every step")
        })?;
        let env_file =
            if export {
                Some(env.get("GITHUB_ENV").map(PathBuf::from).ok_or_else(|| {
                    Error::config("--export needs GITHUB_ENV, which GitHub Actions sets in every step")
                })?)
            } else {
                None
            };
        Ok(GithubFiles { output, env: env_file })
    }
}

/// (output name, environment name, value) for each token and the expiry.
pub(crate) type Entries<'a> = [(&'static str, &'static str, Option<&'a str>)];

/// The `::add-mask::` lines, printed (and flushed) before any value is written anywhere, so
/// that no later failure can leave a token unmasked in the job's log.
pub(crate) fn masks(masked: &[&str]) -> Secret {
    let mut masks = String::new();
    for token in masked {
        masks.push_str(&format!("::add-mask::{token}\n"));
    }
    Secret::new(masks)
}

/// Appends the values to `$GITHUB_OUTPUT` (output names) and, with `--export`, `$GITHUB_ENV`.
pub(crate) fn append_values(files: &GithubFiles, entries: &Entries<'_>) -> Result<()> {
    let mut outputs = String::new();
    let mut envs = String::new();
    for (output_name, env_name, value) in entries {
        let Some(value) = value else { continue };
        outputs.push_str(&assignment(output_name, value));
        envs.push_str(&assignment(env_name, value));
    }
    append(&files.output, &outputs)?;
    if let Some(path) = &files.env {
        append(path, &envs)?;
    }
    Ok(())
}

/// `name=value`, or GitHub's multiline form `name<<DELIMITER` … `DELIMITER` when the value
/// holds a line break (tokens never do, but a value must never be able to inject a line).
fn assignment(name: &str, value: &str) -> String {
    if value.contains(['\n', '\r']) {
        let mut delimiter = String::from("COGTOK_EOF");
        while value.contains(delimiter.as_str()) {
            delimiter.push('_');
        }
        format!("{name}<<{delimiter}\n{value}\n{delimiter}\n")
    } else {
        format!("{name}={value}\n")
    }
}

/// `$GITHUB_ENV`, for the outputs that only set variables for the job's later steps
/// (`aws-credentials --output github`); checked before any request.
pub(crate) fn env_file(env: &Env) -> Result<PathBuf> {
    env.get("GITHUB_ENV")
        .map(PathBuf::from)
        .ok_or_else(|| Error::config("--output github needs GITHUB_ENV, which GitHub Actions sets in every step"))
}

/// Appends `NAME=value` for each of `entries` to the `$GITHUB_ENV` file at `path`, in one write.
pub(crate) fn append_env(path: &Path, entries: &[(&str, &str)]) -> Result<()> {
    let text: String = entries.iter().map(|(name, value)| assignment(name, value)).collect();
    append(path, &text)
}

/// One `write` call per file: steps of a job can run at once, and GitHub reads the files after
/// the step, so a single append keeps the lines together.
fn append(path: &Path, text: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| Error::io(format!("cannot append to {}", crate::quote::path(path)), &e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(format!("cannot append to {}", crate::quote::path(path)), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_line_breaks_use_the_multiline_form() {
        assert_eq!(assignment("id_token", "a.b.c"), "id_token=a.b.c\n");
        assert_eq!(assignment("x", "one\ntwo"), "x<<COGTOK_EOF\none\ntwo\nCOGTOK_EOF\n");
        assert_eq!(
            assignment("x", "a\nCOGTOK_EOF"),
            "x<<COGTOK_EOF_\na\nCOGTOK_EOF\nCOGTOK_EOF_\n"
        );
    }

    #[test]
    fn masks_on_stdout_values_in_the_files() {
        let dir = std::env::temp_dir().join(format!("cogtok-gh-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (out, env) = (dir.join("output"), dir.join("env"));
        std::fs::write(&out, "earlier=1\n").unwrap();
        let files = GithubFiles {
            output: out.clone(),
            env: Some(env.clone()),
        };
        let entries = [
            ("id_token", "COGNITO_ID_TOKEN", Some("i.d.t")),
            ("refresh_token", "COGNITO_REFRESH_TOKEN", None),
        ];
        assert_eq!(
            masks(&["i.d.t", "a.c.c"]).expose(),
            "::add-mask::i.d.t\n::add-mask::a.c.c\n"
        );
        append_values(&files, &entries).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier=1\nid_token=i.d.t\n");
        assert_eq!(std::fs::read_to_string(&env).unwrap(), "COGNITO_ID_TOKEN=i.d.t\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_files_are_configuration_errors() {
        let e = GithubFiles::from_env(&Env::from_pairs(&[]), false).err().unwrap();
        assert_eq!(e.exit_code(), 253);
        let e = GithubFiles::from_env(&Env::from_pairs(&[("GITHUB_OUTPUT", "/tmp/x")]), true)
            .err()
            .unwrap();
        assert!(e.to_string().contains("GITHUB_ENV"), "{e}");
    }
}
