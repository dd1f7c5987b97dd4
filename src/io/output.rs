//! Atomic writing of an output folder: every file is written and fsynced
//! into a temporary folder next to the target (same parent, so renames stay
//! on one file system), then the target is swapped in — an existing folder
//! is renamed aside, the new one renamed in, the old one removed. A failure
//! at any step before the swap leaves the existing folder untouched and
//! removes the temporary one, so a run never leaves a half-written planning.
//!
//! This module knows bytes and paths only: what the files contain is
//! `report`'s business.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `files` (plain file names and their bytes) as the folder `out`,
/// replacing an existing folder `out` only once everything is written.
///
/// Errors: a file name that is empty, `.`/`..`, or contains a path
/// separator; `out` existing but not a folder; any IO error (the existing
/// folder is then left as it was and no temporary folder remains).
pub fn write_folder_atomically(out: &Path, files: &[(&str, Vec<u8>)]) -> io::Result<()> {
    check_names(files)?;
    let name = out.file_name().ok_or_else(|| {
        invalid(format!(
            "output path {} does not name a folder",
            out.display()
        ))
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = match fs::symlink_metadata(out) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "output path {} exists and is not a folder; not replacing it",
                    out.display()
                ),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };

    let tmp = create_sibling_dir(&parent, name, "tmp")?;
    if let Err(e) = fill(&tmp, files) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }

    if existing {
        let old = free_sibling(&parent, name, "old");
        if let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
        if let Err(e) = fs::rename(&tmp, out) {
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
        sync_dir(&parent)?;
        // The new outputs are in place; a leftover old folder is only clutter.
        let _ = fs::remove_dir_all(&old);
    } else {
        if let Err(e) = fs::rename(&tmp, out) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
        sync_dir(&parent)?;
    }
    Ok(())
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

fn check_names(files: &[(&str, Vec<u8>)]) -> io::Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (name, _) in files {
        if name.is_empty() || *name == "." || *name == ".." || name.contains(['/', '\\']) {
            return Err(invalid(format!(
                "output file name {name:?} is not a plain file name"
            )));
        }
        if !seen.insert(*name) {
            return Err(invalid(format!("output file {name:?} is given twice")));
        }
    }
    Ok(())
}

fn fill(dir: &Path, files: &[(&str, Vec<u8>)]) -> io::Result<()> {
    for (name, bytes) in files {
        let mut f = File::create(dir.join(name))?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    sync_dir(dir)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn sibling(parent: &Path, name: &std::ffi::OsStr, what: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut file = std::ffi::OsString::from(".");
    file.push(name);
    file.push(format!(".{what}-{}-{n}", std::process::id()));
    parent.join(file)
}

/// Creates a fresh hidden folder `.NAME.WHAT-PID-N` in `parent`.
fn create_sibling_dir(parent: &Path, name: &std::ffi::OsStr, what: &str) -> io::Result<PathBuf> {
    loop {
        let path = sibling(parent, name, what);
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A hidden sibling path that does not exist yet.
fn free_sibling(parent: &Path, name: &std::ffi::OsStr, what: &str) -> PathBuf {
    loop {
        let path = sibling(parent, name, what);
        if fs::symlink_metadata(&path).is_err() {
            return path;
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("readable test dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn files() -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("a.csv", b"x,y\n1,2\n".to_vec()),
            ("summary.json", b"{}\n".to_vec()),
        ]
    }

    #[test]
    fn writes_a_new_folder_and_leaves_nothing_else() {
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        write_folder_atomically(&out, &files()).expect("written");
        assert_eq!(names_in(root.path()), vec!["out"]);
        assert_eq!(names_in(&out), vec!["a.csv", "summary.json"]);
        assert_eq!(fs::read(out.join("a.csv")).expect("read"), b"x,y\n1,2\n");
    }

    #[test]
    fn replaces_an_existing_folder_on_success() {
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        fs::create_dir(&out).expect("mkdir");
        fs::write(out.join("stale.csv"), b"old").expect("write");
        write_folder_atomically(&out, &files()).expect("written");
        assert_eq!(names_in(root.path()), vec!["out"]);
        assert_eq!(names_in(&out), vec!["a.csv", "summary.json"]);
    }

    #[test]
    fn a_failure_while_writing_keeps_the_old_folder_and_cleans_up() {
        // A 300-byte file name makes the second file fail to open (ENAMETOOLONG)
        // after the first was written into the temporary folder.
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        fs::create_dir(&out).expect("mkdir");
        fs::write(out.join("planning.csv"), b"old planning").expect("write");
        let long = "x".repeat(300);
        let bad = vec![("a.csv", b"new".to_vec()), (long.as_str(), b"new".to_vec())];
        assert!(write_folder_atomically(&out, &bad).is_err());
        assert_eq!(names_in(root.path()), vec!["out"]);
        assert_eq!(names_in(&out), vec!["planning.csv"]);
        assert_eq!(
            fs::read(out.join("planning.csv")).expect("read"),
            b"old planning"
        );
    }

    #[test]
    fn a_parent_that_is_a_file_fails_and_writes_nothing() {
        let root = tempfile::tempdir().expect("temp dir");
        let file = root.path().join("not_a_dir");
        fs::write(&file, b"keep").expect("write");
        assert!(write_folder_atomically(&file.join("out"), &files()).is_err());
        assert_eq!(names_in(root.path()), vec!["not_a_dir"]);
        assert_eq!(fs::read(&file).expect("read"), b"keep");
    }

    #[test]
    fn an_existing_file_at_the_target_is_not_replaced() {
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        fs::write(&out, b"a file").expect("write");
        let err = write_folder_atomically(&out, &files()).expect_err("refused");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&out).expect("read"), b"a file");
        assert_eq!(names_in(root.path()), vec!["out"]);
    }

    #[test]
    fn file_names_must_be_plain_and_distinct() {
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        for bad in [
            vec![("../x", Vec::new())],
            vec![("", Vec::new())],
            vec![("a", Vec::new()), ("a", Vec::new())],
        ] {
            let err = write_folder_atomically(&out, &bad).expect_err("refused");
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        }
        assert!(names_in(root.path()).is_empty());
    }
}
