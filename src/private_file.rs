//! Files that hold secrets (the token cache, device keys, a new TOTP seed): written whole or not
//! at all, with mode 0600 from the first byte, into a directory no one else may write to, and made
//! durable before cogtok says it is done; read back only when they are still private (regular,
//! the user's own, and writable and readable by no one else), without ever following a symbolic
//! link or waiting on a FIFO. Also the bounded, never-hanging read of the secret files the user
//! names (`--password-file`), which may legitimately be pipes.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Why a file or directory that holds secrets is not trusted. Its `Display` completes "the token
/// cache file X " / "the device file X ": "is a symbolic link".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Untrusted {
    /// A symbolic link: it could point anywhere, at a file of someone else's choosing.
    Symlink,
    /// A directory, FIFO, socket or device: never a file cogtok wrote.
    NotRegular(&'static str),
    /// Owned by another user (uid), who could have planted it.
    Owner(u32),
    /// Others may write it (mode): they could have planted tokens in it.
    Writable(u32),
    /// Others may read it (mode): the secrets in it have leaked, so cogtok does not rely on them.
    Readable(u32),
    /// It could not be opened or read (the I/O error, without any content).
    Unreadable(String),
    /// It is larger than any file cogtok writes.
    TooLarge(u64),
}

impl fmt::Display for Untrusted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Untrusted::Symlink => f.write_str("is a symbolic link"),
            Untrusted::NotRegular(kind) => write!(f, "is {kind}, not a regular file"),
            Untrusted::Owner(uid) => write!(f, "belongs to another user (uid {uid})"),
            Untrusted::Writable(mode) => write!(f, "is writable by other users (mode {mode:o})"),
            Untrusted::Readable(mode) => write!(f, "is readable by other users (mode {mode:o})"),
            Untrusted::Unreadable(e) => write!(f, "cannot be read: {e}"),
            Untrusted::TooLarge(max) => write!(f, "is larger than {max} bytes"),
        }
    }
}

/// Reads a file that cogtok wrote with `write`: `Ok(None)` when there is none, the contents when it
/// is still private, else why not. The open never follows a symbolic link (`O_NOFOLLOW`) and never
/// waits (`O_NONBLOCK`: a FIFO with no writer would block a plain open forever); the checks are
/// made on the opened handle (`fstat`), so the file cannot be swapped between check and read.
pub(crate) fn read_private(path: &Path, max: u64) -> std::result::Result<Option<Vec<u8>>, Untrusted> {
    let opened = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path);
    let file = match opened {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        // O_NOFOLLOW's answer for a symbolic link.
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(Untrusted::Symlink),
        Err(e) => return Err(Untrusted::Unreadable(e.to_string())),
    };
    let meta = file.metadata().map_err(|e| Untrusted::Unreadable(e.to_string()))?;
    check_private_file(&meta)?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Untrusted::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(Untrusted::TooLarge(max));
    }
    Ok(Some(bytes))
}

/// The rules for a file that holds secrets: a regular file, the user's own, that no one else
/// may write or read.
pub(crate) fn check_private_file(meta: &Metadata) -> std::result::Result<(), Untrusted> {
    if meta.file_type().is_symlink() {
        return Err(Untrusted::Symlink);
    }
    if !meta.is_file() {
        return Err(Untrusted::NotRegular(kind_of(meta)));
    }
    check_owner(meta)?;
    let mode = meta.mode() & 0o7777;
    if mode & 0o022 != 0 {
        return Err(Untrusted::Writable(mode));
    }
    if mode & 0o044 != 0 {
        return Err(Untrusted::Readable(mode));
    }
    Ok(())
}

fn check_owner(meta: &Metadata) -> std::result::Result<(), Untrusted> {
    match current_uid() {
        Some(uid) if meta.uid() != uid => Err(Untrusted::Owner(meta.uid())),
        _ => Ok(()),
    }
}

/// "a directory", "a FIFO"…: what is at a path instead of a regular file.
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// The effective user id, without `unsafe` (the crate forbids it, and `geteuid` is an FFI call):
/// the owner of `/proc/self`, which Linux gives the process's effective uid; elsewhere, the owner
/// of a file this process has just created. `None` when neither works: the owner is then not
/// checked (the mode still is).
pub(crate) fn current_uid() -> Option<u32> {
    static UID: OnceLock<Option<u32>> = OnceLock::new();
    *UID.get_or_init(|| {
        if let Ok(meta) = std::fs::metadata("/proc/self") {
            return Some(meta.uid());
        }
        let (path, file) = create_temporary(&std::env::temp_dir(), "uid-probe").ok()?;
        let uid = file.metadata().ok().map(|m| m.uid());
        let _ = std::fs::remove_file(path);
        uid
    })
}

/// Reads a secret file the user named (`--password-file`, `--client-secret-file`): at most `max`
/// bytes, and never waiting forever. Unlike cogtok's own files, it may be a pipe the user set up
/// (`/dev/stdin`, `<(vault read …)`, a FIFO another process writes): those are followed and read,
/// but opened without waiting for a writer, and read for at most `patience`; a device that never
/// ends (`/dev/zero`) stops at `max`.
pub(crate) fn read_input(path: &Path, max: u64, patience: Duration) -> std::io::Result<Vec<u8>> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::new(ErrorKind::InvalidInput, "it is a directory"));
    }
    let too_large = || std::io::Error::new(ErrorKind::InvalidData, format!("it is larger than {max} bytes"));
    let mut bytes = Vec::new();
    if meta.is_file() {
        file.take(max + 1).read_to_end(&mut bytes)?;
        return if bytes.len() as u64 > max {
            Err(too_large())
        } else {
            Ok(bytes)
        };
    }
    // A pipe, FIFO, terminal or device: non-blocking reads, polled until the end or `patience`.
    // A FIFO whose writer has not opened it yet reads as empty, so an empty read before any data
    // is waited out too; after data it is the end.
    let deadline = Instant::now() + patience;
    let fifo = meta.file_type().is_fifo();
    let mut file = file;
    let mut chunk = [0u8; 4096];
    loop {
        match file.read(&mut chunk) {
            Ok(0) if bytes.is_empty() && fifo => {}
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > max {
                    return Err(too_large());
                }
                continue;
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        if Instant::now() >= deadline {
            return Err(std::io::Error::new(
                ErrorKind::TimedOut,
                format!("nothing more to read after {} s", patience.as_secs()),
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Writes `contents` to `path` atomically with mode 0600: a new temporary file beside it (never
/// an existing one, never readable by others), fsynced, renamed over `path`, then the directory
/// fsynced so that the rename itself survives a crash. A reader sees the old file or the new one,
/// never half of either. Refused: a directory that others could write to (they could swap the
/// file), and a symbolic link or anything but a regular file at `path` (never replaced: it is
/// not a file cogtok wrote, and a link may be someone's trap or the user's own arrangement).
pub(crate) fn write(path: &Path, contents: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::config(format!("{} is not a file name", crate::quote::path(path))))?;
    check_dir(dir)?;
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() || !meta.is_file() {
            let why = if meta.file_type().is_symlink() {
                Untrusted::Symlink
            } else {
                Untrusted::NotRegular(kind_of(&meta))
            };
            return Err(Error::config(format!(
                "refusing to replace {}: it {why}",
                crate::quote::path(path)
            )));
        }
    }
    let (tmp, mut file) = create_temporary(dir, &name.to_string_lossy())?;
    let written = file
        .write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(format!("cannot write {}", crate::quote::path(path)), &e));
    }
    // Some file systems refuse to fsync a directory (EINVAL); the file is written all the same.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The directory a secret file is written into: the user's or root's, and writable by no one
/// else unless it is sticky (`/tmp`: there others can neither remove nor rename over the
/// user's files). Symbolic links to it are followed: the directory the file lands in is what
/// is checked.
fn check_dir(dir: &Path) -> Result<()> {
    let Ok(meta) = std::fs::metadata(dir) else {
        // A missing directory fails the create with its own message.
        return Ok(());
    };
    let mode = meta.mode() & 0o7777;
    let refuse = |why: String| {
        Err(Error::config(format!(
            "refusing to write a secret into {}: {why}",
            crate::quote::path(dir)
        )))
    };
    if !meta.is_dir() {
        return refuse("it is not a directory".into());
    }
    if let Some(uid) = current_uid() {
        if meta.uid() != uid && meta.uid() != 0 {
            return refuse(format!("it belongs to another user (uid {})", meta.uid()));
        }
    }
    if mode & 0o022 != 0 && mode & 0o1000 == 0 {
        return refuse(format!("it is writable by other users (mode {mode:o})"));
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
            Err(e) => return Err(Error::io(format!("cannot create {}", crate::quote::path(&tmp)), &e)),
        }
    }
    // Eight random names were all taken.
    Err(Error::Io {
        action: format!("cannot create a temporary file in {}", crate::quote::path(dir)),
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
        // A file where the directory should be: nothing can be created (root ignores modes, so
        // a read-only directory would not do).
        let path = dir.join("not-a-dir").join("seed");
        std::fs::write(dir.join("not-a-dir"), "keep").unwrap();
        let e = write(&path, "SEEDVALUE").unwrap_err();
        assert!(!e.to_string().contains("SEEDVALUE"), "{e}");
        assert_eq!(std::fs::read_to_string(dir.join("not-a-dir")).unwrap(), "keep");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn mkfifo(path: &Path) {
        let ok = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo {}", path.display());
    }

    #[test]
    fn links_fifos_directories_and_devices_are_never_replaced() {
        let dir = scratch_dir("refuse");
        let target = dir.join("target");
        std::fs::write(&target, "theirs").unwrap();
        let link = dir.join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let fifo = dir.join("fifo");
        mkfifo(&fifo);
        let sub = dir.join("sub");
        std::fs::create_dir(&sub).unwrap();
        for (path, why) in [
            (&link, "is a symbolic link"),
            (&fifo, "is a FIFO"),
            (&sub, "is a directory"),
        ] {
            let e = write(path, "secret").unwrap_err();
            assert_eq!(e.exit_code(), 253);
            assert!(e.to_string().contains(why), "{e}");
        }
        let e = write(Path::new("/dev/null"), "secret").unwrap_err();
        assert!(e.to_string().starts_with("refusing"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "theirs",
            "never written through"
        );
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 4, "no temporary file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_others_can_write_is_refused_unless_sticky() {
        let dir = scratch_dir("shared");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = write(&dir.join("seed"), "secret").unwrap_err();
        assert!(e.to_string().contains("writable by other users (mode 777)"), "{e}");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
        write(&dir.join("seed"), "secret").expect("a sticky directory, like /tmp");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn private_files_are_read_back_only_when_still_private() {
        let dir = scratch_dir("read");
        let path = dir.join("entry");
        assert_eq!(read_private(&path, 100), Ok(None));
        write(&path, "tokens").unwrap();
        assert_eq!(read_private(&path, 100), Ok(Some(b"tokens".to_vec())));
        assert_eq!(read_private(&path, 3), Err(Untrusted::TooLarge(3)));
        for (mode, why) in [
            (0o666, Untrusted::Writable(0o666)),
            (0o620, Untrusted::Writable(0o620)),
            (0o644, Untrusted::Readable(0o644)),
            (0o604, Untrusted::Readable(0o604)),
        ] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            assert_eq!(read_private(&path, 100), Err(why));
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert_eq!(read_private(&link, 100), Err(Untrusted::Symlink));
        assert_eq!(read_private(&dir, 100), Err(Untrusted::NotRegular("a directory")));
        assert_eq!(
            read_private(Path::new("/dev/null"), 100),
            Err(Untrusted::NotRegular("a device"))
        );
        // A FIFO with no writer: a plain open would wait forever.
        let fifo = dir.join("fifo");
        mkfifo(&fifo);
        assert_eq!(read_private(&fifo, 100), Err(Untrusted::NotRegular("a FIFO")));
        if current_uid() == Some(0) {
            // Root can give the file away: another user's file is refused.
            std::process::Command::new("chown")
                .arg("4242")
                .arg(&path)
                .status()
                .unwrap();
            assert_eq!(read_private(&path, 100), Err(Untrusted::Owner(4242)));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_current_uid_is_the_owner_of_a_new_file() {
        let dir = scratch_dir("uid");
        write(&dir.join("f"), "x").unwrap();
        let owner = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(dir.join("f")).unwrap());
        assert_eq!(current_uid(), Some(owner));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn secret_inputs_may_be_pipes_but_never_hang() {
        let dir = scratch_dir("input");
        let file = dir.join("password");
        std::fs::write(&file, "pw\n").unwrap();
        assert_eq!(read_input(&file, 100, Duration::from_secs(1)).unwrap(), b"pw\n");
        let e = read_input(&file, 2, Duration::from_secs(1)).unwrap_err();
        assert!(e.to_string().contains("larger than 2 bytes"), "{e}");
        let e = read_input(Path::new("/dev/zero"), 1000, Duration::from_secs(1)).unwrap_err();
        assert!(e.to_string().contains("larger than"), "{e}");
        assert!(read_input(&dir, 100, Duration::from_secs(1)).is_err());
        // A FIFO whose writer comes late is read; one nobody writes fails after the patience.
        let fifo = dir.join("fifo");
        mkfifo(&fifo);
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(200));
                std::fs::write(fifo, "from a pipe").unwrap();
            })
        };
        assert_eq!(read_input(&fifo, 100, Duration::from_secs(5)).unwrap(), b"from a pipe");
        writer.join().unwrap();
        let started = Instant::now();
        let e = read_input(&fifo, 100, Duration::from_millis(300)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(3));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        assert_eq!(write(Path::new("/"), "x").unwrap_err().exit_code(), 253);
    }
}
