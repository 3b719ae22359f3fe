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

/// What every deck of a process shares: the standard library, the fonts and the theme's
/// files (parsed once: every deck imports the same `theme.typ`).
///
/// Built once per process (font parsing and the library are the costly parts) and then
/// shared by every `DeckWorld` through an `Arc`.
pub struct Base {
    library: LazyHash<Library>,
    fonts: FontStore,
    files: Files,
}

/// Virtual files by id; `.typ` files also as parsed sources so they can be imported.
#[derive(Default)]
struct Files {
    sources: HashMap<FileId, Source>,
    bytes: HashMap<FileId, Bytes>,
}

impl Files {
    fn add(&mut self, path: &str, bytes: Vec<u8>) {
        let Some(id) = file_id(path) else { return };
        if path.ends_with(".typ") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.sources.insert(id, Source::new(id, text));
        }
        self.bytes.insert(id, Bytes::new(bytes));
    }

    fn source(&self, id: FileId) -> Option<Source> {
        self.sources.get(&id).cloned()
    }

    fn file(&self, id: FileId) -> Option<Bytes> {
        self.bytes.get(&id).cloned().or_else(|| self.sources.get(&id).map(|s| Bytes::from_string(s.text().to_owned())))
    }
}

impl Base {
    /// Typst's embedded fonts plus `extra` font files (the theme's), and `files` (virtual
    /// path, contents) that every deck sees.
    pub fn new<'a>(
        extra: impl IntoIterator<Item = &'a [u8]>,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Self {
        let mut fonts = FontStore::new();
        for data in extra {
            for font in Font::iter(Bytes::new(data.to_vec())) {
                let info = font.info().clone();
                fonts.push((font, info));
            }
        }
        fonts.extend(typst_kit::fonts::embedded());
        let mut shared = Files::default();
        for (path, bytes) in files {
            shared.add(&path, bytes);
        }
        Self { library: LazyHash::new(Library::builder().build()), fonts, files: shared }
    }
}

/// The files of one deck on top of a shared `Base`.
pub struct DeckWorld {
    base: Arc<Base>,
    main: FileId,
    files: Files,
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
        let mut files = Files::default();
        files.sources.insert(main, Source::new(main, source));
        let today = today.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d));
        Self { base, main, files, today }
    }

    /// Adds a file of this deck (a chart); `.typ` files become sources so they can be imported.
    pub fn add(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.add(path, bytes);
    }

    /// The main source.
    pub fn main_source(&self) -> &Source {
        &self.files.sources[&self.main]
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
        self.files.source(id).or_else(|| self.base.files.source(id)).ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id).or_else(|| self.base.files.file(id)).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
