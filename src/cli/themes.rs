//! `kamdeck themes` and `kamdeck theme eject`: the built-in themes, and a copy to start from.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::assets::Assets;
use crate::error::Error;
use crate::output::write_atomic;
use crate::theme::{Theme, ThemeSource};

#[derive(Debug, clap::Subcommand)]
pub(super) enum ThemeCommand {
    /// Write a built-in theme's files (theme.yaml, theme.typ, fonts/) into DIR, to start from.
    Eject {
        /// The built-in theme (`kamdeck themes`).
        name: String,
        /// The folder to write into; then use it with `--theme DIR`.
        dir: PathBuf,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
    },
}

/// One line per built-in theme: its name and what it looks like.
pub(super) fn list() -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    for name in Assets::builtin().names("themes/", "/theme.yaml") {
        let theme = Theme::load(&mut Assets::builtin(), &ThemeSource::Builtin(name.clone()))?;
        let _ = writeln!(out, "{name:<12} {}", theme.description);
    }
    Ok(())
}

pub(super) fn run(command: &ThemeCommand) -> Result<(), Error> {
    match command {
        ThemeCommand::Eject { name, dir, force } => eject(name, dir, *force),
    }
}

fn eject(name: &str, dir: &Path, force: bool) -> Result<(), Error> {
    let assets = Assets::builtin();
    let known = assets.names("themes/", "/theme.yaml");
    if !known.iter().any(|k| k == name) {
        return Err(Error::Usage(format!("{name}: no such theme (built in: {})", known.join(", "))));
    }
    // The files of the theme and of the themes it extends (its own win), beside its own
    // theme.yaml, which keeps its `extends`: a copy that can be edited file by file.
    let mut composed = assets.clone();
    let theme = Theme::load(&mut composed, &ThemeSource::Builtin(name.to_owned()))?;
    let own = format!("themes/{name}/theme.yaml");
    let files: Vec<(PathBuf, &[u8])> = composed
        .under(&theme.root)
        .filter(|(path, _)| !path.ends_with("/theme.yaml"))
        .map(|(path, bytes)| (dir.join(&path[theme.root.len()..]), bytes))
        .chain(assets.get(&own).map(|bytes| (dir.join("theme.yaml"), bytes)))
        .collect();
    if !force && let Some((f, _)) = files.iter().find(|(f, _)| f.exists()) {
        return Err(Error::Usage(format!("{} exists: pass --force to replace it", f.display())));
    }
    for (path, bytes) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::Usage(format!("{}: {e}: name a folder to write the theme into", parent.display()))
            })?;
        }
        write_atomic(path, bytes)?;
    }
    // Named as a folder, so that --theme takes it for one (`brand` alone is a theme's name).
    let shown = dir.display().to_string();
    let folder = if crate::assets::is_folder_name(&shown) { shown.clone() } else { format!("./{shown}/") };
    println!("wrote {} files of theme `{name}` into {shown}\nnext: kamdeck review INPUT --theme {folder}", files.len());
    Ok(())
}
