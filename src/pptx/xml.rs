//! XML text: escaping, and the characters XML 1.0 cannot hold at all.

/// `s` escaped for an attribute or element, without the characters XML 1.0 forbids (C0
/// controls other than tab and line breaks, U+FFFE, U+FFFF): a name holding an escape
/// sequence shows its printable part, as on the PDF, instead of breaking the file.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(esc("A & B <c> \"d\" 'e'"), "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
        assert_eq!(esc("x\u{1b}[2J\u{0}y\u{FFFF}"), "x[2Jy");
        assert_eq!(esc("Zürich 北 \u{202e}"), "Zürich 北 \u{202e}");
    }
}
