//! The workbook writer: a built deck → the input sheets plus one mirror sheet per slide kind.

use crate::model::Portfolio;
use crate::slides::Deck;
use crate::workbook::{Brand, MirrorSheet, WorkbookError, deck_workbook};

/// The deck's workbook; `parallel` builds its sheets on threads of their own, `scratch` streams
/// them through temporary files there.
pub(super) fn workbook(
    deck: &Deck<'_>,
    brand: &Brand,
    parallel: bool,
    scratch: Option<&std::path::Path>,
) -> Result<Vec<u8>, WorkbookError> {
    let c = &deck.ctx;
    let sheets: Vec<MirrorSheet<'_>> = deck
        .sections
        .iter()
        .map(|s| {
            let first = &s.slides[0];
            let write = s.kind.sheet;
            MirrorSheet {
                name: s.sheet.clone(),
                kind: s.kind.id,
                kicker: first.kicker.clone(),
                title: first.title.clone(),
                write: Box::new(move |m| write(c, m)),
            }
        })
        .collect();
    // A plan's workbook holds its account's input rows only, so it reads back as a portfolio
    // of one account.
    let one: Portfolio;
    let inputs = match c.account {
        Some(i) => {
            one = c.p.only_account(i);
            &one
        }
        None => c.p,
    };
    deck_workbook(c.p, inputs, c.loc, &sheets, brand, parallel, scratch)
}
