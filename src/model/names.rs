//! Names must show something: a name of spaces, zero-width or direction marks passes as text
//! but leaves an empty box on the slide, an empty cell in the workbook and a title about
//! nobody.

use super::Portfolio;

/// Whether `c` draws nothing: white space, a zero-width or joining mark, a direction mark or
/// isolate, a soft hyphen, a byte-order mark or a control character.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{3164}' | '\u{FEFF}'
        )
        || ('\u{200B}'..='\u{200F}').contains(&c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2060}'..='\u{206F}').contains(&c)
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
}

/// The problem with `name` at `path`, if it shows nothing.
fn blank(path: String, name: &str, what: &str) -> Option<(String, String)> {
    if !name.chars().all(invisible) {
        return None;
    }
    let message = if name.is_empty() {
        format!("the {what}'s name is empty")
    } else {
        let codes: Vec<String> = name.chars().take(4).map(|c| format!("U+{:04X}", u32::from(c))).collect();
        format!("the {what}'s name shows nothing (it holds only {}): write a name", codes.join(" "))
    };
    Some((path, message))
}

/// Every name of `p` that shows nothing: its data path and what is wrong.
pub(super) fn check(p: &Portfolio) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    out.extend(blank("seller.name".into(), &p.seller.name, "seller"));
    for (i, m) in p.team.iter().enumerate() {
        out.extend(blank(format!("team[{i}].name"), &m.name, "team member"));
    }
    for (i, x) in p.plans.iter().enumerate() {
        out.extend(blank(format!("plans[{i}].name"), &x.name, "plan"));
    }
    for (i, x) in p.offerings.iter().enumerate() {
        out.extend(blank(format!("offerings[{i}].name"), &x.name, "offering"));
    }
    for (i, a) in p.accounts.iter().enumerate() {
        out.extend(blank(format!("accounts[{i}].name"), &a.name, "account"));
        for (j, s) in a.stakeholders.iter().enumerate() {
            out.extend(blank(format!("accounts[{i}].stakeholders[{j}].name"), &s.name, "stakeholder"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_invisible_characters_show_nothing() {
        assert!(blank("n".into(), "Acme", "account").is_none());
        assert!(blank("n".into(), "\u{200B}Acme", "account").is_none());
        assert!(blank("n".into(), "محمد", "account").is_none());
        assert_eq!(blank("n".into(), "", "account").unwrap().1, "the account's name is empty");
        let (_, m) = blank("n".into(), "\u{200B}\u{2060}\u{202E} ", "account").unwrap();
        assert_eq!(m, "the account's name shows nothing (it holds only U+200B U+2060 U+202E U+0020): write a name");
        assert!(blank("n".into(), "\u{FEFF}\u{AD}\t", "seller").is_some());
    }
}
