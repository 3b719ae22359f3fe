//! CLDR formatting and catalogues, by hand-checked example, in every shipped language.

use super::*;
use crate::model::Date;

fn load(lang: &str) -> Locale {
    Locale::load(&Assets::builtin(), lang).unwrap()
}

#[test]
fn english_numbers_and_money() {
    let l = load("en");
    let f = Fmt::new(&l, "USD");
    assert_eq!(f.money_short(2_400_000.0), "$2.4M");
    assert_eq!(f.money_short(850_000.0), "$850K");
    assert_eq!(f.money_short(12_000_000.0), "$12.0M");
    assert_eq!(f.money_short(10_704_000.0), "$10.7M");
    assert_eq!(f.money_short(12_500_000.0), "$12.5M");
    assert_eq!(f.money_short(999_960.0), "$1.0M");
    assert_eq!(f.money_short(1.2e9), "$1.2B");
    assert_eq!(f.money_short(63_200.0), "$63K");
    assert_eq!(f.money_short(5_430.0), "$5.4K");
    assert_eq!(f.money_short(2_000_000.0), "$2.0M");
    assert_eq!(f.money_short(999.0), "$999");
    assert_eq!(f.money_short(12.5), "$12.50");
    assert_eq!(f.money_short(-40_000.0), "−$40K");
    assert_eq!(f.money(2_400_000.0), "$2,400,000");
    assert_eq!(f.money_delta(120_000.0), "+$120K");
    assert_eq!(f.number(1234.5, 1), "1,234.5");
    assert_eq!(f.number(-0.0001, 1), "0.0");
    assert_eq!(f.number(f64::NAN, 1), "–");
    assert_eq!(Fmt::new(&l, "EUR").money_short(850_000.0), "€850K");
}

#[test]
fn english_shares_dates_and_messages() {
    let l = load("en");
    let f = Fmt::new(&l, "USD");
    assert_eq!(f.pct(0.8, 0), "80%");
    assert_eq!(f.pct(1.1612, 1), "116.1%");
    assert_eq!(f.pct_delta(-0.05, 1), "−5.0%");
    assert_eq!(f.date(Date::new(2026, 11, 5).unwrap()), "Nov 5, 2026");
    assert_eq!(f.month(Date::new(2026, 11, 5).unwrap()), "Nov 2026");
    assert_eq!(l.tn("unit.accounts", 1, "1", &[]), "1 account");
    assert_eq!(l.tn("unit.accounts", 1200, &f.count(1200), &[]), "1,200 accounts");
    assert_eq!(l.t("no.such.key"), "⟦no.such.key⟧");
}

#[test]
fn german() {
    let l = load("de");
    let f = Fmt::new(&l, "USD");
    assert_eq!(f.number(1234.5, 1), "1.234,5");
    assert_eq!(f.money_short(2_400_000.0), "2,4\u{a0}Mio.\u{a0}$");
    assert_eq!(f.money(2_400_000.0), "2.400.000\u{a0}$");
    assert_eq!(Fmt::new(&l, "EUR").money_short(2_400_000.0), "2,4\u{a0}Mio.\u{a0}€");
    assert_eq!(f.money_short(999.0), "999\u{a0}$");
    assert_eq!(f.money_short(10_704_000.0), "10,7\u{a0}Mio.\u{a0}$");
    // CLDR: German writes thousands in full; rounded as English rounds `$63K` and `$2.4K`.
    assert_eq!(f.money_short(63_200.0), "63.000\u{a0}$");
    assert_eq!(f.money_short(2_359.0), "2.400\u{a0}$");
    assert_eq!(f.money_short(2_000.0), "2.000\u{a0}$");
    assert_eq!(f.money_short(12.5), "12,50\u{a0}$");
    assert_eq!(f.pct(0.8, 0), "80\u{a0}%");
    assert_eq!(f.date(Date::new(2026, 11, 15).unwrap()), "15.11.2026");
    assert_eq!(l.plural_categories(), ["one", "other"]);
}

#[test]
fn french() {
    let l = load("fr");
    let f = Fmt::new(&l, "EUR");
    assert_eq!(f.number(1234.5, 1), "1\u{202f}234,5");
    assert_eq!(f.money_short(2_400_000.0), "2,4\u{a0}M\u{a0}€");
    assert_eq!(f.date(Date::new(2026, 11, 15).unwrap()), "15 nov. 2026");
    // French counts 0 as singular, and exact millions take "de".
    assert_eq!(l.plural_categories(), ["one", "many", "other"]);
    let zero = l.tn("unit.accounts", 0, "0", &[]);
    let one = l.tn("unit.accounts", 1, "1", &[]);
    assert_eq!(zero.replace('0', "1"), one, "0 and 1 take the same form in French");
}

#[test]
fn spanish() {
    let l = load("es");
    let f = Fmt::new(&l, "EUR");
    assert_eq!(f.number(1234.5, 1), "1234,5", "CLDR: Spanish groups from five digits");
    assert_eq!(f.number(12345.5, 1), "12.345,5");
    assert_eq!(f.date(Date::new(2026, 11, 15).unwrap()), "15 nov 2026");
    assert_eq!(l.plural_categories(), ["one", "many", "other"]);
}

#[test]
fn values_with_bidi_controls_are_isolated() {
    let l = load("en");
    let s = l.tr("labelled", &[("label", "a\u{202e}bc"), ("text", "def")]);
    assert_eq!(s, "\u{2068}a\u{202e}bc\u{202c}\u{2069}: def");
    assert_eq!(l.tr("labelled", &[("label", "plain"), ("text", "x")]), "plain: x");
}
