//! `kamdeck init`: a starter portfolio in both formats.

use std::path::PathBuf;

use super::convert::portfolio_bytes;
use crate::error::Error;
use crate::input;
use crate::output::write_set;

#[derive(Debug, clap::Args)]
pub(super) struct InitArgs {
    /// Folder to create (or an empty existing one).
    dir: PathBuf,
    /// Replace the starter's files if they exist.
    #[arg(long)]
    force: bool,
}

/// The example `init` starts from.
const STARTER: &str = include_str!("../../examples/minimal.yaml");

pub(super) fn run(a: &InitArgs) -> Result<(), Error> {
    let dir = &a.dir;
    let files = [dir.join("portfolio.yaml"), dir.join("portfolio.xlsx"), dir.join("portfolio.schema.json")];
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!("{}: is a file, not a folder: name a new or empty folder", dir.display())));
    }
    if !a.force {
        if let Some(f) = files.iter().find(|f| f.exists()) {
            return Err(Error::Usage(format!("{} exists: pass --force to replace it", f.display())));
        }
        // A starter goes into a folder of its own: beside other files it would be mistaken
        // for theirs, or they for its.
        if let Some(first) = std::fs::read_dir(dir).ok().and_then(|mut d| d.next()).and_then(Result::ok) {
            return Err(Error::Usage(format!(
                "{} is not empty (it holds {}): name a new or empty folder, or pass --force to write the starter portfolio into it",
                dir.display(),
                first.file_name().to_string_lossy()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let p = input::from_yaml_str(STARTER, "examples/minimal.yaml")?;
    // The YAML keeps the example's comments; the workbook is written from the same portfolio.
    let workbook = portfolio_bytes(&p, &files[1])?;
    // The example names the schema at the repository's top; the starter has it beside it.
    let yaml = STARTER.replacen("$schema=../portfolio.schema.json", "$schema=portfolio.schema.json", 1);
    let schema = crate::model::schema();
    write_set(&[(&files[0], yaml.as_bytes()), (&files[1], &workbook), (&files[2], schema.as_bytes())])?;
    println!(
        "wrote {}, {} and {} (for editors)\nnext: kamdeck review {} -o {}",
        files[0].display(),
        files[1].display(),
        files[2].display(),
        files[0].display(),
        dir.join("out").display()
    );
    Ok(())
}
