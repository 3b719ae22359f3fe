//! The Typst `World` kamdeck compiles in: every file is in memory.
//!
//! Nothing is read from disk during a compile: the theme, the generated source and the
//! charts are virtual files, fonts come from the binary (or a theme folder read once at
//! start-up). A path outside those files, `/etc/passwd` or `../../secret.png`, is simply
//! not found. `today()` is the portfolio's report date, so output never depends on the clock.

use std::collections::HashMap;
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// What every deck of a process shares: the standard library and the fonts.
///
/// Built once per process (font parsing and the library are the costly parts) and then
/// shared by every `DeckWorld` through an `Arc`.
pub struct Base {
    library: LazyHash<Library>,
    fonts: FontStore,
}

impl Base {
    /// Typst's embedded fonts plus `extra` font files (the theme's).
    pub fn new<'a>(extra: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut fonts = FontStore::new();
        for data in extra {
            for font in Font::iter(Bytes::new(data.to_vec())) {
                let info = font.info().clone();
                fonts.push((font, info));
            }
        }
        fonts.extend(typst_kit::fonts::embedded());
        Self { library: LazyHash::new(Library::builder().build()), fonts }
    }
}

/// The files of one deck on top of a shared `Base`.
pub struct DeckWorld {
    base: Arc<Base>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

/// The id of a virtual file at an absolute path such as `/charts/pareto.svg`.
pub fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl DeckWorld {
    /// A world whose main file is `main` (an absolute path such as `/review.typ`, the name
    /// under which `--keep-typst` writes it, so diagnostics point into that file).
    pub fn new(base: Arc<Base>, main: &str, source: String, today: Option<(i32, u8, u8)>) -> Self {
        let main =
            file_id(main).or_else(|| file_id("/main.typ")).unwrap_or_else(|| unreachable!("a constant valid path"));
        let mut sources = HashMap::new();
        sources.insert(main, Source::new(main, source));
        let today = today.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d));
        Self { base, main, sources, files: HashMap::new(), today }
    }

    /// Adds a file; `.typ` files become sources so they can be imported.
    pub fn add(&mut self, path: &str, bytes: Vec<u8>) {
        let Some(id) = file_id(path) else { return };
        if path.ends_with(".typ") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.sources.insert(id, Source::new(id, text));
        }
        self.files.insert(id, Bytes::new(bytes));
    }

    /// The main source.
    pub fn main_source(&self) -> &Source {
        &self.sources[&self.main]
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

impl World for DeckWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.base.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(b) = self.files.get(&id) {
            return Ok(b.clone());
        }
        self.sources.get(&id).map(|s| Bytes::from_string(s.text().to_owned())).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
