//! Built-in templates, themes, fonts and catalogues, compiled into the binary.
//!
//! The binary runs anywhere without its source tree; a user folder can replace any of
//! these files by name (mdBook's theme model): `Assets::overlay` reads the folder once.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// Every built-in file, by its path in the repository (listed by `build.rs`).
pub const BUILTIN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// A set of named files: the built-ins, possibly overlaid by a user's folders.
#[derive(Debug, Clone)]
pub struct Assets {
    files: BTreeMap<String, Cow<'static, [u8]>>,
}

impl Assets {
    /// The files compiled into the binary.
    pub fn builtin() -> Self {
        Self { files: BUILTIN.iter().map(|(k, v)| ((*k).to_owned(), Cow::Borrowed(*v))).collect() }
    }

    /// Replaces or adds the files of `dir` (recursively) under `prefix` (e.g. `templates/`).
    pub fn overlay(&mut self, prefix: &str, dir: &Path) -> std::io::Result<()> {
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            let mut entries: Vec<_> = std::fs::read_dir(&d)?.collect::<Result<_, _>>()?;
            entries.sort_by_key(std::fs::DirEntry::path);
            for e in entries {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(rel) = path.strip_prefix(dir) {
                    let key = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
                    self.files.insert(key, Cow::Owned(std::fs::read(&path)?));
                }
            }
        }
        Ok(())
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
        let mut on_disk = Assets { files: BTreeMap::new() };
        for dir in ["templates", "themes", "locales"] {
            on_disk.overlay(&format!("{dir}/"), &root.join(dir)).unwrap();
        }
        let embedded = Assets::builtin();
        for (path, _) in on_disk.under("") {
            assert!(embedded.get(path).is_some(), "{path} is in the repository but not in assets::BUILTIN");
        }
    }
}
