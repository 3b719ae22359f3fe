//! Numbers, percentages, money and dates as CLDR writes them in a language, through ICU4X.
//!
//! ICU4X gives the digits, grouping, decimal mark, percent and currency patterns (symbol
//! place and spacing), compact forms (`2,4 Mio. $`) and date patterns. Two choices are
//! kamdeck's own: a negative number takes the typographic minus `−` (CLDR's English minus is
//! a hyphen), and amounts under a thousand keep their cents when they have any, so the axis
//! ticks of a tiny account stay apart.

use std::str::FromStr;

use fixed_decimal::Decimal;
use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD};
use icu_decimal::CompactDecimalFormatter;
use icu_decimal::DecimalFormatter;
use icu_decimal::options::DecimalFormatterOptions;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale as IcuLocale;

use super::Locale;
use crate::model::Date;

/// A language's formatters that do not depend on the currency: built once per process.
#[derive(Debug)]
pub(super) struct Cldr {
    locale: IcuLocale,
    decimal: DecimalFormatter,
    compact: CompactDecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    list: icu_list::ListFormatter,
}

impl Cldr {
    pub(super) fn new(locale: &IcuLocale) -> Result<Self, String> {
        let e = |what: &str, err: &dyn std::fmt::Display| format!("CLDR {what}: {err}");
        Ok(Self {
            locale: locale.clone(),
            decimal: DecimalFormatter::try_new(locale.into(), DecimalFormatterOptions::default())
                .map_err(|x| e("numbers", &x))?,
            compact: CompactDecimalFormatter::try_new_short(locale.into(), Default::default())
                .map_err(|x| e("compact numbers", &x))?,
            percent: PercentFormatter::try_new(locale.into(), Default::default()).map_err(|x| e("percent", &x))?,
            date: FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::medium()).map_err(|x| e("dates", &x))?,
            month: FixedCalendarDateTimeFormatter::try_new(locale.into(), YM::medium()).map_err(|x| e("months", &x))?,
            list: icu_list::ListFormatter::try_new_and(
                locale.into(),
                icu_list::options::ListFormatterOptions::default(),
            )
            .map_err(|x| e("lists", &x))?,
        })
    }
}

/// Formats numbers, money, shares and dates for one language and currency.
#[derive(Debug)]
pub struct Fmt<'a> {
    locale: &'a Locale,
    /// Money in full, with the currency's narrow symbol (`$2,400,000`).
    money: Option<CurrencyFormatter<DecimalFormatter>>,
    /// Compact money (`$2.4M`, `2,4 Mio. $`).
    compact: Option<CurrencyFormatter<CompactDecimalFormatter>>,
    /// The currency code, shown as is when CLDR has no formatter for it.
    code: &'a str,
}

/// The symbol shown for an ISO 4217 code in the workbook's number formats, which Excel then
/// places by its user's own locale.
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
        let cldr = &locale.cldr;
        // Validation admits only three capitals; anything else gets no CLDR currency formatter.
        let code = CurrencyType::try_from_str(&currency.to_ascii_lowercase()).ok();
        let prefs = (&cldr.locale).into();
        Self {
            locale,
            money: code.and_then(|c| CurrencyFormatter::try_new_symbol_narrow(prefs, c, Default::default()).ok()),
            compact: code
                .and_then(|c| CurrencyFormatter::try_new_compact_symbol_narrow(prefs, c, Default::default()).ok()),
            code: currency,
        }
    }

    /// `value` with `decimals` decimals and the language's grouping: `1,234.5`, `1.234,5`.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        self.signed(value, decimals, |d| self.locale.cldr.decimal.format(d).to_string())
    }

    /// Items joined as the language lists them: `A, B and C`, `A, B et C`.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        self.locale.cldr.list.format_to_string(items.iter().map(AsRef::as_ref))
    }

    /// A count with grouping.
    pub fn count(&self, n: usize) -> String {
        self.locale.cldr.decimal.format(&Decimal::from(n)).to_string()
    }

    /// Money in full: `$2,400,000`, `2.400.000 $`.
    pub fn money(&self, value: f64) -> String {
        self.signed(value, 0, |d| self.full_money(d, true))
    }

    /// Compact money for slides: `$2.4M`, `$850K`, `2,4 Mio. $`; under a thousand in full,
    /// with cents when there are any.
    pub fn money_short(&self, value: f64) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        if value.abs() < 999.5 {
            let decimals = if value.fract().abs() > 1e-9 { 2 } else { 0 };
            return self.signed(value, decimals, |d| self.full_money(d, decimals == 0));
        }
        self.signed(value, 0, |d| self.compact_money(value.abs(), d))
    }

    /// Compact money with kamdeck's precision: one decimal below a hundred millions and
    /// below ten thousand (`$2.4M`, `$10.7M`, `$2.0M`, `$5.4K`), none for thousands above ten
    /// (`$63K`), so amounts of one size read alike side by side. CLDR's own rounding keeps two significant digits (`$11M` for 10.7 million),
    /// which mislabels axis ticks such as 12.5 million; CLDR's pattern is kept, our digits
    /// put in place of its own.
    fn compact_money(&self, abs: f64, whole: &Decimal) -> String {
        let cldr = &self.locale.cldr;
        let Some(currency) = &self.compact else {
            return format!("{} {}", cldr.compact.format(whole), self.code);
        };
        let theirs = currency.format_fixed_decimal(whole).to_string();
        let mut magnitude = whole.absolute.nonzero_magnitude_start();
        for _ in 0..2 {
            let exponent = cldr.compact.compact_exponent_for_magnitude(magnitude);
            if exponent == 0 {
                return self.in_full(abs, magnitude);
            }
            let scaled = abs / 10f64.powi(i32::from(exponent));
            let limit = if exponent >= 6 { 100.0 } else { 10.0 };
            // The same precision for every amount of a size: `$14.0M` beside `$10.2M`, not `$14M`.
            let decimals = usize::from(scaled < limit);
            let Ok(significand) = Decimal::from_str(&format!("{scaled:.decimals$}")) else { return theirs };
            if significand.absolute.nonzero_magnitude_start() + i16::from(exponent) > magnitude {
                // Rounding reached the next size (999.96K): compact it as that size.
                magnitude += 1;
                continue;
            }
            let Ok(ours) = cldr.compact.format_with_exponent(&significand, exponent) else { return theirs };
            let cldr_digits = cldr.compact.format(whole).to_string();
            return theirs.replacen(&cldr_digits, &ours.to_string(), 1);
        }
        theirs
    }

    /// Signed compact money: `+$120K`, `−$40K`.
    pub fn money_delta(&self, value: f64) -> String {
        with_sign(value, self.money_short(value.abs()))
    }

    /// A share as a percentage: `0.8` → `80%` (`80 %` in German and French).
    pub fn pct(&self, share: f64, decimals: usize) -> String {
        self.signed(share * 100.0, decimals, |d| self.locale.cldr.percent.format(d).to_string())
    }

    /// A signed percentage change: `+12.5%`.
    pub fn pct_delta(&self, share: f64, decimals: usize) -> String {
        // A change that rounds to nothing has no sign: `0%`, never `−0%`.
        let shown = (share * 100.0 * 10f64.powi(i32::try_from(decimals).unwrap_or(0))).round();
        with_sign(if shown == 0.0 { 0.0 } else { share }, self.pct(share.abs(), decimals))
    }

    /// A share of at least one in a thousand as `pct` writes it, a smaller one as `<0.1%`:
    /// never a `0.0%` for what is not nothing.
    pub fn pct_small(&self, share: f64) -> String {
        if share > 0.0 && share < 0.001 {
            format!("<{}", self.pct(0.001, 1))
        } else {
            self.pct(share, usize::from(share < 0.1))
        }
    }

    /// A month on a time axis: `Nov 2026`, `Nov. 2026`, `nov. 2026`.
    pub fn month(&self, d: Date) -> String {
        gregorian(d).map_or_else(|| d.to_string(), |g| self.locale.cldr.month.format(&g).to_string())
    }

    /// A date in the language's medium style: `Nov 15, 2026`, `15.11.2026`, `15 nov 2026`.
    pub fn date(&self, d: Date) -> String {
        gregorian(d).map_or_else(|| d.to_string(), |g| self.locale.cldr.date.format(&g).to_string())
    }

    /// Money of a size the language writes in full (German thousands): rounded as a compact
    /// form would round it (`63.000 $` where English shows `$63K`), grouped as usual.
    fn in_full(&self, abs: f64, magnitude: i16) -> String {
        let exponent = i32::from(magnitude.max(0) / 3 * 3);
        let unit = 10f64.powi(exponent);
        let scaled = abs / unit;
        let decimals = usize::from(exponent > 0 && scaled < 10.0 && (scaled * 10.0).round() % 10.0 != 0.0);
        let rounded: f64 = format!("{scaled:.decimals$}").parse().unwrap_or(scaled);
        let whole = Decimal::from_str(&format!("{:.0}", rounded * unit)).unwrap_or_default();
        self.full_money(&whole, true)
    }

    /// The money of an unsigned decimal, full form. CLDR always writes a currency's minor
    /// unit (`$999.00`); a `whole` amount drops it, as slides write money.
    fn full_money(&self, d: &Decimal, whole: bool) -> String {
        let Some(m) = &self.money else {
            return format!("{} {}", self.locale.cldr.decimal.format(d), self.code);
        };
        let text = m.format_fixed_decimal(d).to_string();
        if !whole {
            return text;
        }
        // After the integer part come the decimal mark and zeros only: drop them.
        let int = self.locale.cldr.decimal.format(d).to_string();
        let Some(at) = text.find(&int).map(|at| at + int.len()) else { return text };
        let mut rest = text[at..].char_indices();
        let zeros_end = match rest.next() {
            Some((_, mark)) if !mark.is_ascii_digit() && !mark.is_whitespace() => {
                rest.take_while(|(_, c)| *c == '0').last().map(|(i, _)| at + i + 1)
            }
            _ => None,
        };
        match zeros_end {
            Some(end) => format!("{}{}", &text[..at], &text[end..]),
            None => text,
        }
    }

    /// `value` rounded to `decimals`, its magnitude written by `write`, with `−` when the
    /// rounded value is below zero; `–` for a value that is not a number.
    fn signed(&self, value: f64, decimals: usize, write: impl Fn(&Decimal) -> String) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        // Rust's own rounding of the binary value, so a figure reads the same in every language.
        let text = format!("{:.*}", decimals, value.abs());
        let magnitude = Decimal::from_str(&text).unwrap_or_default();
        let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        let body = write(&magnitude);
        if negative { format!("−{body}") } else { body }
    }
}

/// `+s` above zero, `−s` below, `s` at zero.
fn with_sign(value: f64, s: String) -> String {
    if value > 0.0 {
        format!("+{s}")
    } else if value < 0.0 {
        format!("−{s}")
    } else {
        s
    }
}

/// A portfolio date in ICU's Gregorian calendar.
fn gregorian(d: Date) -> Option<IcuDate<Gregorian>> {
    IcuDate::try_new_gregorian(d.year, d.month, d.day).ok()
}
