//! Writing a portfolio as YAML in the style of INPUT.md: block maps and lists, short leaf maps
//! on one line (`revenue: { FY2025: 1900000, FY2026: 2400000 }`), and nothing that is unset.
//!
//! A small emitter of our own: a generic serialiser writes every `null` and `false`, and quotes
//! either too much or, for strings such as `no` or `2026`, too little.

use serde_json::{Map, Value};

use crate::model::Portfolio;

/// Lines longer than this are written as blocks instead of `{ … }`.
const FLOW_WIDTH: usize = 100;

/// The portfolio as YAML text that reads back to the same portfolio.
pub fn to_yaml(p: &Portfolio) -> String {
    let value = serde_json::to_value(p).unwrap_or(Value::Null);
    let mut out = String::from("# Written by kamdeck; see INPUT.md for every key.\n");
    if let Value::Object(map) = prune(value) {
        block_map(&map, 0, &mut out);
    }
    out
}

/// Drops what reads back as its default anyway: nulls, `false`, empty lists and maps.
fn prune(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| !matches!(v, Value::Null | Value::Bool(false)) && !is_empty(v))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(prune).collect()),
        v => v,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn block_map(map: &Map<String, Value>, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for (k, v) in map {
        let key = scalar_str(k);
        match v {
            Value::Object(m) => match flow(v) {
                Some(f) if pad.len() + key.len() + f.len() + 2 <= FLOW_WIDTH => {
                    out.push_str(&format!("{pad}{key}: {f}\n"));
                }
                _ => {
                    out.push_str(&format!("{pad}{key}:\n"));
                    block_map(m, indent + 2, out);
                }
            },
            Value::Array(items) => match flow(v) {
                Some(f) if items.iter().all(is_scalar) && pad.len() + key.len() + f.len() + 2 <= FLOW_WIDTH => {
                    out.push_str(&format!("{pad}{key}: {f}\n"));
                }
                _ => {
                    out.push_str(&format!("{pad}{key}:\n"));
                    block_list(items, indent + 2, out);
                }
            },
            _ => out.push_str(&format!("{pad}{key}: {}\n", scalar(v))),
        }
    }
}

fn block_list(items: &[Value], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for item in items {
        match (item, flow(item)) {
            (_, Some(f)) if pad.len() + f.len() + 2 <= FLOW_WIDTH => out.push_str(&format!("{pad}- {f}\n")),
            (Value::Object(m), _) => {
                // The first key goes on the dash's line; the rest line up under it.
                let mut inner = String::new();
                block_map(m, indent + 2, &mut inner);
                let trimmed = inner.get(indent + 2..).unwrap_or("");
                out.push_str(&format!("{pad}- {trimmed}"));
            }
            (Value::Array(a), _) => {
                out.push_str(&format!("{pad}-\n"));
                block_list(a, indent + 2, out);
            }
            (v, _) => out.push_str(&format!("{pad}- {}\n", scalar(v))),
        }
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// One-line form of a value whose parts are all scalars or one-line maps.
fn flow(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => {
            let parts: Option<Vec<String>> =
                m.iter().map(|(k, v)| Some(format!("{}: {}", scalar_str(k), flow(v)?))).collect();
            Some(format!("{{ {} }}", parts?.join(", ")))
        }
        Value::Array(a) if a.iter().all(is_scalar) => {
            Some(format!("[{}]", a.iter().map(scalar).collect::<Vec<_>>().join(", ")))
        }
        Value::Array(_) => None,
        v => Some(scalar(v)),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => scalar_str(s),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Some(f) => format!("{f}"),
            None => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        _ => String::new(),
    }
}

/// A string plain when YAML reads it back as the same string, else double-quoted.
fn scalar_str(s: &str) -> String {
    let reserved = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"];
    let date = s.len() == 10 && crate::model::Date::parse(s).is_some();
    let plain = date
        || (s.starts_with(|c: char| c.is_alphabetic())
            && s.chars().all(|c| c.is_alphanumeric() || " _.-()/+%&".contains(c))
            && !s.ends_with(' ')
            && !s.contains("  ")
            && !reserved.contains(&s.to_ascii_lowercase().as_str()));
    if plain { s.to_owned() } else { serde_json::to_string(s).unwrap_or_default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_that_would_change_meaning_are_quoted() {
        assert_eq!(scalar_str("Northbridge Health"), "Northbridge Health");
        assert_eq!(scalar_str("2026-11-15"), "2026-11-15");
        assert_eq!(scalar_str("no"), "\"no\"");
        assert_eq!(scalar_str("2026"), "\"2026\"");
        assert_eq!(scalar_str("ACME #1: best"), "\"ACME #1: best\"");
        assert_eq!(scalar_str("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(scalar_str(""), "\"\"");
    }
}
