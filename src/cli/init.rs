//! `kamdeck init`: a starter portfolio in both formats.

use std::path::PathBuf;

use super::convert::portfolio_bytes;
use crate::error::Error;
use crate::input;
use crate::output::write_atomic;

#[derive(Debug, clap::Args)]
pub(super) struct InitArgs {
    /// Folder to create (or an empty existing one).
    dir: PathBuf,
    /// Replace portfolio.yaml and portfolio.xlsx if they exist.
    #[arg(long)]
    force: bool,
}

/// The example `init` starts from.
const STARTER: &str = include_str!("../../examples/minimal.yaml");

pub(super) fn run(a: &InitArgs) -> Result<(), Error> {
    let dir = &a.dir;
    let files = [dir.join("portfolio.yaml"), dir.join("portfolio.xlsx")];
    if !a.force
        && let Some(f) = files.iter().find(|f| f.exists())
    {
        return Err(Error::Usage(format!("{} exists: pass --force to replace it", f.display())));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let p = input::from_yaml_str(STARTER, "examples/minimal.yaml")?;
    // The YAML keeps the example's comments; the workbook is written from the same portfolio.
    write_atomic(&files[0], STARTER.as_bytes())?;
    write_atomic(&files[1], &portfolio_bytes(&p, &files[1])?)?;
    println!(
        "wrote {} and {}\nnext: kamdeck review {} -o {}",
        files[0].display(),
        files[1].display(),
        files[0].display(),
        dir.join("out").display()
    );
    Ok(())
}
