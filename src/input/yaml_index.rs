//! Where each value of a YAML document stands, by data path.
//!
//! Validation runs on the parsed model and names a data path; this index, built from the
//! parser's events, turns that path back into `line:col`. A path that has no node of its
//! own (a default that failed a check) falls back to its nearest written ancestor.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser};

/// One step of a data path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

/// Splits `accounts[3].scores.growth` into its steps.
pub(crate) fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Pos {
    line: usize,
    col: usize,
}

/// Data path → position of the key (for mapping entries) and of the value.
#[derive(Debug, Default)]
pub(crate) struct PathIndex {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

enum Frame {
    Map { path: String, key: Option<(String, Pos)> },
    Seq { path: String, next: usize },
}

impl PathIndex {
    /// Indexes `text`; a document that does not parse gives an empty index.
    pub(crate) fn build(text: &str) -> Self {
        let mut index = Self::default();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let pos = Pos { line: span.start.line(), col: span.start.col() + 1 };
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Map { key, .. }) = stack.last_mut()
                        && key.is_none()
                    {
                        *key = Some((value.into_owned(), pos));
                        continue;
                    }
                    let path = index.enter(&mut stack, pos);
                    index.values.insert(path, pos);
                }
                Event::Alias(_) => {
                    let path = index.enter(&mut stack, pos);
                    index.values.insert(path, pos);
                }
                Event::MappingStart(..) => {
                    let path = index.enter(&mut stack, pos);
                    index.values.entry(path.clone()).or_insert(pos);
                    stack.push(Frame::Map { path, key: None });
                }
                Event::SequenceStart(..) => {
                    let path = index.enter(&mut stack, pos);
                    index.values.entry(path.clone()).or_insert(pos);
                    stack.push(Frame::Seq { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
    }

    /// The path of the node that starts now, advancing the parent frame.
    fn enter(&mut self, stack: &mut [Frame], pos: Pos) -> String {
        match stack.last_mut() {
            None => String::new(),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                p
            }
            Some(Frame::Map { path, key }) => {
                let (k, kpos) = key.take().unwrap_or_else(|| (String::new(), pos));
                // Entries merged in with `<<: *anchor` belong to the mapping itself.
                if k == "<<" {
                    return path.clone();
                }
                let p = if path.is_empty() { k } else { format!("{path}.{k}") };
                self.keys.insert(p.clone(), kpos);
                p
            }
        }
    }

    fn lookup(&self, path: &str, prefer_key: bool) -> Option<Pos> {
        let mut cur = path.to_owned();
        loop {
            let hit =
                if prefer_key { self.keys.get(&cur).or_else(|| self.values.get(&cur)) } else { self.values.get(&cur) };
            if let Some(p) = hit {
                return Some(*p);
            }
            let cut = cur.rfind(['.', '['])?;
            cur.truncate(cut);
        }
    }

    /// `name:line:col` of the value at `path` (or its nearest ancestor).
    pub(crate) fn place(&self, name: &str, path: &str) -> String {
        self.lookup(path, false).map_or_else(|| format!("{name}:1:1"), |p| format!("{name}:{}:{}", p.line, p.col))
    }

    /// `name:line:col` of the key at `path`, for problems about the key itself.
    pub(crate) fn key_place(&self, name: &str, path: &str) -> String {
        self.lookup(path, true).map_or_else(|| format!("{name}:1:1"), |p| format!("{name}:{}:{}", p.line, p.col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_by_path() {
        let text = "seller:\n  name: X\naccounts:\n  - id: a\n    revenue: { FY1: 1 }\n  - id: b\n    owner: zz\n";
        let idx = PathIndex::build(text);
        assert_eq!(idx.place("f", "accounts[1].owner"), "f:7:12");
        assert_eq!(idx.key_place("f", "accounts[1].owner"), "f:7:5");
        assert_eq!(idx.place("f", "accounts[0].revenue.FY1"), "f:5:21");
        assert_eq!(idx.place("f", "accounts[1].missing.deep"), "f:6:5");
    }

    #[test]
    fn splits_paths() {
        assert_eq!(segments("a[3].b"), vec![Seg::Key("a"), Seg::Index(3), Seg::Key("b")]);
    }
}
