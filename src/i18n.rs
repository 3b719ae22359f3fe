//! Message catalogues and number formatting: every fixed word on a slide comes from here.
//!
//! A catalogue is a flat YAML map (`locales/en.yaml`) of keys to texts with `{name}`
//! placeholders, plus the locale's number conventions. Adding a language is adding a file.

use std::collections::HashMap;

use serde::Deserialize;

use crate::assets::Assets;

/// Number and date conventions of a locale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Conventions {
    decimal: String,
    group: String,
    /// `{}` stands for the number, e.g. `{} %` or `{}%`.
    percent: String,
    /// `{sym}` and `{num}`, e.g. `{sym}{num}` or `{num} {sym}`.
    money: String,
    /// Abbreviations of thousand, million, billion.
    thousand: String,
    million: String,
    billion: String,
    /// `{d}`, `{m}` (month name) and `{y}`.
    date: String,
    /// A month on a time axis: `{m}` and `{y}`.
    month: String,
    months: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    lang: String,
    numbers: Conventions,
    messages: HashMap<String, String>,
}

/// A loaded message catalogue.
#[derive(Debug)]
pub struct Locale {
    /// Typst language code, e.g. `en`.
    pub lang: String,
    numbers: Conventions,
    messages: HashMap<String, String>,
}

/// Why a catalogue could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("locale `{name}`: {message}")]
pub struct LocaleError {
    name: String,
    message: String,
}

impl Locale {
    /// Loads `locales/<name>.yaml` from the assets.
    pub fn load(assets: &Assets, name: &str) -> Result<Self, LocaleError> {
        let err = |message: String| LocaleError { name: name.to_owned(), message };
        let path = format!("locales/{name}.yaml");
        let bytes = assets.get(&path).ok_or_else(|| err("no such catalogue (built in: en)".into()))?;
        let text = std::str::from_utf8(bytes).map_err(|e| err(e.to_string()))?;
        let file: CatalogueFile = serde_saphyr::from_str(text).map_err(|e| err(format!("{path}: {e}")))?;
        if file.numbers.months.len() != 12 {
            return Err(err("`numbers.months` needs 12 names".into()));
        }
        Ok(Self { lang: file.lang, numbers: file.numbers, messages: file.messages })
    }

    /// Whether the catalogue has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }

    /// The text under `key`; a missing key shows as `⟦key⟧` so it is easy to spot.
    pub fn t(&self, key: &str) -> String {
        self.messages.get(key).cloned().unwrap_or_else(|| format!("⟦{key}⟧"))
    }

    /// The text under `key`, or `fallback` when the catalogue has none (user-defined names).
    pub fn messages_or(&self, key: &str, fallback: &str) -> String {
        self.messages.get(key).cloned().unwrap_or_else(|| fallback.to_owned())
    }

    /// The text under `key` with `{name}` placeholders filled in.
    pub fn tr(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// Like `tr`, choosing `key.one` when `n` is 1 and `key.other` otherwise; `count` is
    /// `n` as the slide shows it (`{n}`).
    pub fn tn(&self, key: &str, n: usize, count: &str, args: &[(&str, &str)]) -> String {
        let form = if n == 1 { "one" } else { "other" };
        let mut all = vec![("n", count)];
        all.extend_from_slice(args);
        self.tr(&format!("{key}.{form}"), &all)
    }
}

/// Formats numbers, money, shares and dates for one locale and currency.
#[derive(Debug, Clone, Copy)]
pub struct Fmt<'a> {
    locale: &'a Locale,
    symbol: &'a str,
}

/// The symbol shown for an ISO 4217 code.
pub fn currency_symbol(code: &str) -> &str {
    match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "INR" => "₹",
        "CHF" => "CHF ",
        other => other,
    }
}

impl<'a> Fmt<'a> {
    /// A formatter for `locale`, money in `currency` (ISO code).
    pub fn new(locale: &'a Locale, currency: &'a str) -> Self {
        Self { locale, symbol: currency_symbol(currency) }
    }

    /// `value` with `decimals` decimals and thousands grouping.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        let s = format!("{:.*}", decimals, value.abs());
        let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
        let mut grouped = String::new();
        for (k, ch) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                grouped.push_str(&self.locale.numbers.group);
            }
            grouped.push(ch);
        }
        let negative = value < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        let sign = if negative { "−" } else { "" };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{frac}", self.locale.numbers.decimal)
        }
    }

    /// A count with grouping.
    pub fn count(&self, n: usize) -> String {
        self.number(n as f64, 0)
    }

    /// Money in full: `$2,400,000`.
    pub fn money(&self, value: f64) -> String {
        self.with_symbol(&self.number(value, 0))
    }

    /// Abbreviated money for slides: `$2.4M`, `$850K`, `$12M`.
    pub fn money_short(&self, value: f64) -> String {
        let n = &self.locale.numbers;
        let abs = value.abs();
        let (scaled, unit) = if abs >= 1e9 {
            (value / 1e9, n.billion.as_str())
        } else if abs >= 1e6 {
            (value / 1e6, n.million.as_str())
        } else if abs >= 1e3 {
            (value / 1e3, n.thousand.as_str())
        } else {
            (value, "")
        };
        // One decimal where it changes the reading ($2.4M, $10.7M, $5.4K), none for
        // thousands above ten ($63K) or round values ($2M).
        let limit = if abs >= 1e6 { 100.0 } else { 10.0 };
        let decimals = if unit.is_empty() {
            // Small amounts (axis ticks of tiny accounts) keep the cents that tell them apart.
            if value.fract().abs() > 1e-9 { 2 } else { 0 }
        } else {
            usize::from(scaled.abs() < limit && (scaled * 10.0).round() % 10.0 != 0.0)
        };
        self.with_symbol(&format!("{}{unit}", self.number(scaled, decimals)))
    }

    /// Signed abbreviated money: `+$120K`, `−$40K`.
    pub fn money_delta(&self, value: f64) -> String {
        let s = self.money_short(value.abs());
        if value > 0.0 {
            format!("+{s}")
        } else if value < 0.0 {
            format!("−{s}")
        } else {
            s
        }
    }

    fn with_symbol(&self, num: &str) -> String {
        let (sign, digits) = num.strip_prefix('−').map_or(("", num), |d| ("−", d));
        let body = self.locale.numbers.money.replace("{sym}", self.symbol).replace("{num}", digits);
        format!("{sign}{body}")
    }

    /// A share as a percentage: `0.8` → `80 %`.
    pub fn pct(&self, share: f64, decimals: usize) -> String {
        self.locale.numbers.percent.replace("{}", &self.number(share * 100.0, decimals))
    }

    /// A signed percentage change: `+12.5 %`.
    pub fn pct_delta(&self, share: f64, decimals: usize) -> String {
        let s = self.pct(share.abs(), decimals);
        if share > 0.0 {
            format!("+{s}")
        } else if share < 0.0 {
            format!("−{s}")
        } else {
            s
        }
    }

    /// A month on a time axis: `Nov 2026`.
    pub fn month(&self, d: crate::model::Date) -> String {
        let n = &self.locale.numbers;
        let month = n.months.get(usize::from(d.month) - 1).map_or("", String::as_str);
        n.month.replace("{m}", month).replace("{y}", &d.year.to_string())
    }

    /// A date in the locale's style: `Nov 15, 2026`.
    pub fn date(&self, d: crate::model::Date) -> String {
        let n = &self.locale.numbers;
        let month = n.months.get(usize::from(d.month) - 1).map_or("", String::as_str);
        n.date.replace("{d}", &d.day.to_string()).replace("{m}", month).replace("{y}", &d.year.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Locale {
        Locale::load(&Assets::builtin(), "en").unwrap()
    }

    #[test]
    fn money_and_numbers() {
        let l = en();
        let f = Fmt::new(&l, "USD");
        assert_eq!(f.money_short(2_400_000.0), "$2.4M");
        assert_eq!(f.money_short(850_000.0), "$850K");
        assert_eq!(f.money_short(12_000_000.0), "$12M");
        assert_eq!(f.money_short(10_704_000.0), "$10.7M");
        assert_eq!(f.money_short(63_200.0), "$63K");
        assert_eq!(f.money_short(2_000_000.0), "$2M");
        assert_eq!(f.money_short(999.0), "$999");
        assert_eq!(f.money_short(-40_000.0), "−$40K");
        assert_eq!(f.money(2_400_000.0), "$2,400,000");
        assert_eq!(f.money_delta(120_000.0), "+$120K");
        assert_eq!(f.number(-0.0001, 1), "0.0");
        assert_eq!(Fmt::new(&l, "EUR").money_short(850_000.0), "€850K");
    }

    #[test]
    fn shares_dates_and_messages() {
        let l = en();
        let f = Fmt::new(&l, "USD");
        assert_eq!(f.pct(0.8, 0), "80 %");
        assert_eq!(f.pct(1.1612, 1), "116.1 %");
        assert_eq!(f.pct_delta(-0.05, 1), "−5.0 %");
        assert_eq!(f.date(crate::model::Date::new(2026, 11, 5).unwrap()), "Nov 5, 2026");
        assert_eq!(l.tn("unit.accounts", 1, "1", &[]), "1 account");
        assert_eq!(l.tn("unit.accounts", 1200, &f.count(1200), &[]), "1,200 accounts");
        assert_eq!(l.t("no.such.key"), "⟦no.such.key⟧");
    }
}
