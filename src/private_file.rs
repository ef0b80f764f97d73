//! Files that hold secrets (the token cache, device keys, a new TOTP seed): written whole or not
//! at all, with mode 0600 from the first byte, and made durable before cogtok says it is done.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `contents` to `path` atomically with mode 0600: a new temporary file beside it (never
/// an existing one, never readable by others), fsynced, renamed over `path`, then the directory
/// fsynced so that the rename itself survives a crash. A reader sees the old file or the new one,
/// never half of either.
pub(crate) fn write(path: &Path, contents: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::config(format!("{} is not a file name", path.display())))?;
    let (tmp, mut file) = create_temporary(dir, &name.to_string_lossy())?;
    let written = file
        .write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(format!("cannot write {}", path.display()), &e));
    }
    // Some file systems refuse to fsync a directory (EINVAL); the file is written all the same.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new file `.<name>.cogtok-<random>.tmp` in `dir`, created exclusively with mode 0600.
fn create_temporary(dir: &Path, name: &str) -> Result<(PathBuf, File)> {
    // A random part in the name: a run killed mid-write leaves its temporary file behind, and in
    // a container every run has the same process id.
    for _ in 0..8 {
        let mut random = [0u8; 8];
        getrandom::getrandom(&mut random).map_err(|e| Error::Io {
            action: "no random numbers for a temporary name".into(),
            kind: ErrorKind::Other,
            detail: e.to_string(),
        })?;
        let tmp = dir.join(format!(".{name}.cogtok-{:016x}.tmp", u64::from_ne_bytes(random)));
        match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(format!("cannot create {}", tmp.display()), &e)),
        }
    }
    // Eight random names were all taken.
    Err(Error::Io {
        action: format!("cannot create a temporary file in {}", dir.display()),
        kind: ErrorKind::AlreadyExists,
        detail: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn scratch_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cogtok-private-file-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn files_are_replaced_whole_with_mode_0600() {
        let dir = scratch_dir("replace");
        let path = dir.join("seed.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&path, "NEWSEED\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "NEWSEED\n");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left behind"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = scratch_dir("fail");
        // A directory where the file should be: the rename fails after the temporary is written.
        let path = dir.join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "keep").unwrap();
        let e = write(&path, "secret").unwrap_err();
        assert!(e.to_string().starts_with("cannot write "), "{e}");
        assert!(!e.to_string().contains("secret"));
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "the temporary file is removed"
        );
        assert_eq!(std::fs::read_to_string(path.join("inside")).unwrap(), "keep");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        assert_eq!(write(Path::new("/"), "x").unwrap_err().exit_code(), 253);
    }
}
