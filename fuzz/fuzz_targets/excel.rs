//! Any bytes as a portfolio workbook: an error or a portfolio, never a panic, a hang or an
//! allocation the file does not justify (libFuzzer's -rss_limit_mb catches those).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = kamdeck::input::from_xlsx_bytes(data.to_vec(), "fuzz.xlsx") {
        let _ = kamdeck::figures::Figures::compute(&p);
    }
});
