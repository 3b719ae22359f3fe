//! Built-in templates, themes, fonts and catalogues, compiled into the binary.
//!
//! The binary runs anywhere without its source tree; a user folder can replace any of
//! these files by name (mdBook's theme model): `Assets::overlay` reads the folder once.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every built-in file, by its path in the repository (listed by `build.rs`).
pub const BUILTIN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Why a folder of the user's could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OverlayError {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Something other than a regular file of a sensible size.
    #[error("{}: not a regular file of at most {limit_mb} MB: a theme or template folder holds only its files", path.display())]
    NotAFile {
        /// The entry.
        path: PathBuf,
        /// The size limit.
        limit_mb: u64,
    },
    /// A link leads out of the folder.
    #[error("{}: a link to {}, outside {}: kamdeck reads only the files inside the folders you name", link.display(), target.display(), dir.display())]
    Outside {
        /// The link, inside the folder.
        link: PathBuf,
        /// Where it leads.
        target: PathBuf,
        /// The folder named.
        dir: PathBuf,
    },
}

/// Largest file a theme or template folder may hold (fonts are a few MB).
const MAX_ASSET: u64 = 64 << 20;

/// Whether a theme value names a folder rather than a built-in theme (`./brand`, `brand/`).
pub fn is_folder_name(theme: &str) -> bool {
    theme.contains(['/', '\\']) || theme.starts_with('.')
}

/// An I/O error at `path`, for `map_err`.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OverlayError + '_ {
    move |source| OverlayError::Io { path: path.to_owned(), source }
}

/// A set of named files: the built-ins, possibly overlaid by a user's folders.
#[derive(Debug, Clone)]
pub struct Assets {
    files: BTreeMap<String, Cow<'static, [u8]>>,
    /// The files a user's folder put here (`templates/review/pareto.typ`), with the file
    /// each was read from, for messages.
    from_user: BTreeMap<String, PathBuf>,
}

impl Assets {
    /// The files compiled into the binary.
    pub fn builtin() -> Self {
        let files = BUILTIN.iter().map(|(k, v)| ((*k).to_owned(), Cow::Borrowed(*v))).collect();
        Self { files, from_user: BTreeMap::new() }
    }

    /// Replaces or adds the files of `dir` (recursively) under `prefix` (e.g. `templates/`).
    ///
    /// Nothing outside `dir` is read: a link is followed only when it resolves inside `dir`
    /// (a shared theme folder holding a link to `/etc/passwd` would otherwise put that file
    /// in a deck), and each folder is read once, so a link back up cannot loop.
    pub fn overlay(&mut self, prefix: &str, dir: &Path) -> Result<(), OverlayError> {
        let root = dir.canonicalize().map_err(io(dir))?;
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![(dir.to_owned(), root.clone())];
        while let Some((logical, real)) = stack.pop() {
            if !seen.insert(real.clone()) {
                continue;
            }
            let mut entries: Vec<_> =
                std::fs::read_dir(&real).map_err(io(&logical))?.collect::<Result<_, _>>().map_err(io(&logical))?;
            entries.sort_by_key(std::fs::DirEntry::file_name);
            for e in entries {
                let shown = logical.join(e.file_name());
                let target = e.path().canonicalize().map_err(io(&shown))?;
                if !target.starts_with(&root) {
                    return Err(OverlayError::Outside { link: shown, target, dir: dir.to_owned() });
                }
                let meta = std::fs::metadata(&target).map_err(io(&shown))?;
                if meta.is_dir() {
                    stack.push((shown, target));
                } else if !meta.is_file() || meta.len() > MAX_ASSET {
                    // A named pipe would block the read for ever, a huge file fill the memory.
                    return Err(OverlayError::NotAFile { path: shown, limit_mb: MAX_ASSET >> 20 });
                } else if let Ok(rel) = shown.strip_prefix(dir) {
                    let key = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
                    self.files.insert(key.clone(), Cow::Owned(std::fs::read(&target).map_err(io(&shown))?));
                    self.from_user.insert(key, shown.clone());
                }
            }
        }
        Ok(())
    }

    /// Copies the files under `from` to the same names under `to`, replacing any there
    /// (built-in files stay borrowed from the binary).
    pub fn copy_under(&mut self, from: &str, to: &str) {
        let copies: Vec<(String, Cow<'static, [u8]>, Option<PathBuf>)> = self
            .files
            .range(from.to_owned()..)
            .take_while(|(k, _)| k.starts_with(from))
            .map(|(k, v)| (format!("{to}{}", &k[from.len()..]), v.clone(), self.from_user.get(k).cloned()))
            .collect();
        for (key, bytes, origin) in copies {
            match origin {
                Some(o) => self.from_user.insert(key.clone(), o),
                None => self.from_user.remove(&key),
            };
            self.files.insert(key, bytes);
        }
    }

    /// Whether the file at `path` came from a user's folder.
    pub fn is_from_user(&self, path: &str) -> bool {
        self.from_user.contains_key(path)
    }

    /// The user's file that the file at `path` was read from, if a user's folder gave it.
    pub fn origin(&self, path: &str) -> Option<&Path> {
        self.from_user.get(path).map(PathBuf::as_path)
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(AsRef::as_ref)
    }

    /// The names of the files `<prefix><name><suffix>` directly under `prefix`, sorted:
    /// `names("locales/", ".yaml")` are the languages.
    pub fn names(&self, prefix: &str, suffix: &str) -> Vec<String> {
        self.under(prefix)
            .filter_map(|(path, _)| path[prefix.len()..].strip_suffix(suffix).filter(|n| !n.contains('/')))
            .map(str::to_owned)
            .collect()
    }

    /// Files whose path starts with `prefix`, in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files
            .range(prefix.to_owned()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.as_str(), v.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_repository_asset_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Assets { files: BTreeMap::new(), from_user: BTreeMap::new() };
        for dir in ["templates", "themes", "locales"] {
            on_disk.overlay(&format!("{dir}/"), &root.join(dir)).unwrap();
        }
        let embedded = Assets::builtin();
        for (path, _) in on_disk.under("") {
            assert!(embedded.get(path).is_some(), "{path} is in the repository but not in assets::BUILTIN");
        }
    }
}
