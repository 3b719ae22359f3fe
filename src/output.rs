//! Writing output files safely: whole sets or nothing new, through files of our own.

use std::fs::OpenOptions;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Temporary files being written or not yet renamed: what an interrupted run removes.
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn settled(path: &Path) {
    unfinished().retain(|p| p != path);
}

/// Removes every temporary file not yet renamed into place: on Ctrl-C or a run stopped
/// for its time or memory, nothing half-written stays behind.
pub fn remove_unfinished() {
    for p in unfinished().drain(..) {
        let _ = std::fs::remove_file(p);
    }
}

/// Writes `bytes` to `path` as a set of one (see `write_set`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_set(&[(path, bytes)])
}

/// Writes the files of one deck as a set: each to a new temporary file beside its target,
/// then each renamed over its target. A failure before the renames (a full disk, a folder
/// that cannot be written) leaves no new file and no temporary one, so a PDF never sits
/// beside another run's workbook; a reader never sees half a file.
///
/// Temporary names are unpredictable and created exclusively (`O_EXCL`): a link planted in
/// the output folder under any name is never written through, and a rename replaces a link
/// at the target itself rather than the file it points to.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<(), Error> {
    // A folder where a file should go would fail its rename after the others succeeded.
    if let Some((path, _)) = files.iter().find(|(p, _)| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())) {
        return Err(Error::Usage(format!(
            "{}: is a folder: remove it or choose another output folder",
            path.display()
        )));
    }
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let clean = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
            settled(t);
        }
    };
    for (path, bytes) in files {
        match write_temp(path, bytes) {
            Ok(t) => temps.push(t),
            Err(e) => {
                clean(&temps);
                return Err(Error::io(path, e));
            }
        }
    }
    for (k, (tmp, (path, _))) in temps.iter().zip(files).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            clean(&temps[k..]);
            return Err(Error::io(path, e));
        }
        settled(tmp);
    }
    Ok(())
}

/// A new file beside `path` holding `bytes`, under a name no one could have guessed.
fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut last = None;
    for attempt in 0..16u32 {
        // `RandomState` is seeded from the operating system's randomness.
        let token = RandomState::new().hash_one((std::process::id(), attempt));
        let tmp = dir.join(format!(".{name}.{token:016x}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(mut f) => {
                unfinished().push(tmp.clone());
                let written = f.write_all(bytes).and_then(|()| f.sync_all());
                if let Err(e) = written {
                    let _ = std::fs::remove_file(&tmp);
                    settled(&tmp);
                    return Err(e);
                }
                return Ok(tmp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("kamdeck-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_set_is_written_whole() {
        let d = dir("set");
        let (a, b) = (d.join("review.pdf"), d.join("review.xlsx"));
        write_set(&[(&a, b"pdf"), (&b, b"xlsx")]).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"pdf");
        assert_eq!(std::fs::read(&b).unwrap(), b"xlsx");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 2, "no temporary file is left");
    }

    #[test]
    fn a_failure_leaves_nothing_new() {
        let d = dir("fail");
        let a = d.join("review.pdf");
        let missing = d.join("no-such-folder").join("review.xlsx");
        assert!(write_set(&[(&a, b"pdf"), (&missing, b"xlsx")]).is_err());
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 0, "neither the PDF nor a temporary file");
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_output_folder_are_replaced_not_followed() {
        let d = dir("link");
        let outside = d.join("outside.txt");
        std::fs::write(&outside, b"keep").unwrap();
        let out = d.join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("review.xlsx")).unwrap();
        write_atomic(&out.join("review.xlsx"), b"new").unwrap();
        assert_eq!(std::fs::read(&outside).unwrap(), b"keep", "the file outside is untouched");
        assert!(!std::fs::symlink_metadata(out.join("review.xlsx")).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(out.join("review.xlsx")).unwrap(), b"new");
    }
}
