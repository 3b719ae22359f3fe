//! What a slide kind reads while it builds its slides and writes its sheet.

use rust_xlsxwriter::XlsxError;

use crate::charts::ChartStyle;
use crate::figures::Figures;
use crate::figures::abc::Tier;
use crate::i18n::{Fmt, Locale};
use crate::model::{Account, Portfolio};
use crate::workbook::{CellFmt, Mirror, V, lit};

/// What a slide kind's `build` and `sheet` read.
pub struct Ctx<'a> {
    /// The portfolio.
    pub p: &'a Portfolio,
    /// Its figures.
    pub f: &'a Figures,
    /// Number formatting.
    pub fmt: Fmt<'a>,
    /// Messages.
    pub loc: &'a Locale,
    /// Chart colours and font.
    pub style: &'a ChartStyle,
    /// The account of an account plan (index in `Portfolio::accounts`); `None` for the review.
    pub account: Option<usize>,
    /// The slide kinds of the deck being built (the selection, in order).
    pub kinds: &'a [&'static super::SlideKind],
}

impl<'a> Ctx<'a> {
    /// Whether the deck has slide kind `id` (a definition of a slide left out is noise).
    pub fn has(&self, id: &str) -> bool {
        self.kinds.iter().any(|k| k.id == id)
    }

    /// Message `key`.
    pub fn t(&self, key: &str) -> String {
        self.loc.t(key)
    }

    /// Message `key` with arguments.
    pub fn tr(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.loc.tr(key, args)
    }

    /// Message `key.one` or `key.other` by `n` (which is also passed as `{n}`).
    pub fn tn(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        self.loc.tn(key, n, &self.fmt.count(n), args)
    }

    /// `n` with its unit in the right plural form (`unit.<unit>` in the catalogue): "1 account".
    pub fn units(&self, unit: &str, n: usize) -> String {
        self.tn(&format!("unit.{unit}"), n, &[])
    }

    /// "… and 3 more": the rows a slide leaves out.
    pub fn more(&self, n: usize) -> String {
        self.tn("more", n, &[])
    }

    /// The note under the first `k` of `total` rows, for every `k` up to `listed`: a template
    /// that shows as many rows as fit (the theme's `fit`) picks the one for the rows it shows.
    pub fn mores(&self, listed: usize, total: usize) -> Vec<Option<String>> {
        (0..=listed).map(|k| (total > k).then(|| self.more(total - k))).collect()
    }

    /// "Showing the top k of `total`" for every `k` up to `listed` (`None` when all show):
    /// for a template that shows as many rows as fit and says so under them.
    pub fn top_notes(&self, listed: usize, total: usize) -> Vec<Option<String>> {
        let f = &self.fmt;
        (0..=listed)
            .map(|k| (total > k).then(|| self.tr("note.top_rows", &[("n", &f.count(k)), ("total", &f.count(total))])))
            .collect()
    }

    /// "Label: text" with the language's spacing before the colon.
    pub fn labelled(&self, label: &str, text: &str) -> String {
        self.tr("labelled", &[("label", label), ("text", text)])
    }

    /// Message `key` as an Excel formula literal.
    pub fn word(&self, key: &str) -> String {
        lit(&self.t(key))
    }

    /// Name of account `i`, isolated when it holds bidi controls (see `i18n::isolate`), so
    /// a right-to-left override in one name cannot reverse the names listed after it.
    pub fn name(&self, i: usize) -> std::borrow::Cow<'a, str> {
        crate::i18n::isolate(&self.p.accounts[i].name)
    }

    /// "A" / "B" / "C" / "–".
    pub fn tier(&self, t: Option<Tier>) -> String {
        t.map_or_else(|| "–".to_owned(), |t| t.letter().to_owned())
    }

    /// Name of a team member id, or the id itself.
    pub fn member_name(&self, id: Option<&str>) -> String {
        id.map(|id| self.p.member(id).map_or(id, |m| m.name.as_str()).to_owned()).unwrap_or_default()
    }

    /// The latest fiscal year.
    pub fn year(&self) -> &str {
        self.p.latest_year()
    }

    /// The plan's account (index and data); a plan always has one, the review uses the first.
    pub fn plan_account(&self) -> (usize, &'a Account) {
        let i = self.account.unwrap_or(0);
        (i, &self.p.accounts[i])
    }

    /// A key/value table (KPI lists, title sheets) with the catalogue's item and value headers.
    pub(crate) fn key_values(
        &self,
        m: &mut Mirror<'_>,
        caption: &str,
        rows: Vec<(String, V, CellFmt)>,
    ) -> Result<(), XlsxError> {
        m.key_values(caption, [self.t("col.item"), self.t("col.value")], rows)?;
        Ok(())
    }
}
