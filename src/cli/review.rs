//! `kamdeck review`: the quarterly review deck and its workbook.

use std::path::PathBuf;
use std::time::Instant;

use super::args::DeckArgs;
use crate::deck::{DeckKind, Engine};
use crate::error::Error;
use crate::input;
use crate::output::{write_atomic, write_set};

#[derive(Debug, clap::Args)]
pub(super) struct ReviewArgs {
    /// The portfolio file (.yaml, .yml or .xlsx).
    input: PathBuf,
    #[command(flatten)]
    out: DeckArgs,
}

pub(super) fn run(args: &ReviewArgs) -> Result<(), Error> {
    let r = &args.out;
    let request = r.request(DeckKind::Review, None)?;
    r.watch();
    let verbose = r.verbose();
    let start = Instant::now();
    let portfolio = input::load_checked(&args.input, &crate::deck::spec::portfolio_problems)?;
    let loaded = start.elapsed();
    let spec = request.with_portfolio(&portfolio, super::folder_of(&args.input)).resolve(DeckKind::Review)?;
    let engine = Engine::new(&spec)?;
    for w in engine.warnings() {
        eprintln!("warning: {}", super::terminal_safe(w));
    }
    // The workbook streams its sheets through unnamed files in the output folder, so the
    // folder is made now; a failed run takes away a folder it made.
    let made = !r.output.exists();
    r.output_folder()?;
    let engine = engine.with_scratch(r.output.clone());
    let typ_path = r.output.join("review.typ");
    let rendered = match engine.review(&portfolio) {
        Ok(x) => x,
        Err(failed) => {
            if made {
                let _ = std::fs::remove_dir(&r.output);
            }
            // The generated source, for reading the Typst error's line:col: asked for, or
            // named as the way to see it. A failed run writes nothing else.
            match &failed.source {
                Some(src)
                    if spec.outputs.typst
                        && r.output_folder().is_ok()
                        && write_atomic(&typ_path, src.as_bytes()).is_ok() =>
                {
                    eprintln!("note: the generated Typst source is in {}", typ_path.display());
                }
                Some(_) if !spec.outputs.typst => {
                    eprintln!("note: run again with --keep-typst to see the generated Typst source");
                }
                _ => {}
            }
            return Err(failed.error);
        }
    };
    let pdf_path = r.output.join("review.pdf");
    let xlsx_path = r.output.join("review.xlsx");
    let pptx_path = r.output.join("review.pptx");
    let mut set: Vec<(&std::path::Path, &[u8])> = vec![(&pdf_path, &rendered.pdf)];
    if let Some(wb) = &rendered.workbook {
        set.push((&xlsx_path, wb));
    }
    if let Some(deck) = &rendered.pptx {
        set.push((&pptx_path, deck));
    }
    if spec.outputs.typst {
        set.push((&typ_path, rendered.source.as_bytes()));
    }
    if let Err(e) = write_set(&set) {
        if made {
            let _ = std::fs::remove_dir(&r.output);
        }
        return Err(e);
    }
    for w in &rendered.warnings {
        eprintln!("warning: {}", super::terminal_safe(w));
    }
    if verbose {
        let t = rendered.timings;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        eprintln!(
            "wrote {} ({} pages) in {:.0} ms: load {:.0} ms, figures {:.1} ms, charts {:.1} ms, fonts {:.1} ms, templates {:.1} ms, typeset {:.0} ms, pdf {:.0} ms, workbook {:.0} ms (beside typesetting), pptx {:.0} ms",
            pdf_path.display(),
            rendered.page_texts.len(),
            ms(start.elapsed()),
            ms(loaded),
            ms(t.figures),
            ms(t.charts),
            ms(t.glyphs),
            ms(t.templates),
            ms(t.typeset),
            ms(t.pdf),
            ms(t.workbook),
            ms(t.pptx),
        );
    }
    Ok(())
}
