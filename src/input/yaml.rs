//! YAML parsing with serde-saphyr.
//!
//! serde-saphyr reports line and column for every syntax and type error (duplicate keys
//! too) and accepts merge keys, which serde_yaml's successors reject under strict structs.
//! Unknown keys are collected with `serde_ignored` instead of `deny_unknown_fields`, so a
//! file with three misspelt keys gets three messages in one run, not one per run.

use serde::Serialize;
use serde_json::Value;

use super::yaml_index::PathIndex;
use super::{InputError, InputProblem};
use crate::model::{Portfolio, validate::did_you_mean};

/// Parses `text`; returns the portfolio and the unknown keys found on the way.
pub(super) fn parse(text: &str, name: &str) -> Result<(Portfolio, Vec<InputProblem>), InputError> {
    if let Some(p) = parallel::parse(text) {
        return Ok((p, Vec::new()));
    }
    sequential(text, name)
}

/// One parse of the whole file: exact places for every error.
fn sequential(text: &str, name: &str) -> Result<(Portfolio, Vec<InputProblem>), InputError> {
    let mut ignored: Vec<String> = Vec::new();
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(text.len()), |de| {
        serde_ignored::deserialize(de, |path| ignored.push(data_path(&path)))
    });
    let portfolio: Portfolio = match parsed {
        Ok(p) => p,
        Err(e) => {
            let shape = not_a_portfolio(text, name);
            return Err(shape.or_else(|| every_type_error(text, name)).unwrap_or_else(|| syntax_error(&e, name)));
        }
    };
    let problems = unknown_keys(&portfolio, &ignored, text, name);
    Ok((portfolio, problems))
}

/// A file that is not a map of keys at all (empty, only comments, a list, one text) is said
/// as such, rather than as the type error of its first key.
fn not_a_portfolio(text: &str, name: &str) -> Option<InputError> {
    let what = match serde_saphyr::from_str_with_options::<Value>(text, options(text.len())) {
        _ if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) => "the file is empty",
        Ok(Value::Object(_)) | Err(_) => return None,
        Ok(Value::Array(_)) => "the file holds a list",
        Ok(_) => "the file holds a single value",
    };
    let message = format!(
        "{what}, but a portfolio is a map of keys: `seller`, `fiscal_years` and `accounts` at least (see INPUT.md, or start from `kamdeck init`)"
    );
    Some(InputError::Invalid { problems: vec![InputProblem { place: format!("{name}:1:1"), path: None, message }] })
}

/// Parser limits that grow with the file: a portfolio of 10,000 accounts has about two
/// million nodes, far above serde-saphyr's default of 250,000. A node needs at least a byte,
/// so a budget of one node per byte still stops alias bombs (whose caps stay as they are).
fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(2 * len);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

fn syntax_error(e: &serde_saphyr::Error, name: &str) -> InputError {
    let place = e.location().map_or_else(|| name.to_owned(), |l| format!("{name}:{}:{}", l.line(), l.column()));
    let message = e.without_snippet().to_string();
    // saphyr prefixes its own "line N column M" — keep only the explanation.
    let message = message.split_once(" at line ").map_or(message.as_str(), |(head, _)| head).trim().to_owned();
    InputError::Invalid { problems: vec![InputProblem { place, path: None, message: explain(&message) }] }
}

/// After a failed typed parse, the type errors of the whole file, each with its data path, its
/// place and a message in the user's terms. Serde stops at the first error of a file, so one
/// bad enum in account 3 hid every other problem: each account is read on its own, then the
/// rest, and within each the value of every error is taken out before reading again. `None`
/// when the text is not even YAML (its syntax error says more) or when this way finds nothing.
fn every_type_error(text: &str, name: &str) -> Option<InputError> {
    let mut tree: Value = serde_saphyr::from_str_with_options(text, options(text.len())).ok()?;
    let index = PathIndex::build(text);
    let mut problems = Vec::new();
    let mut found = |path: String, e: &serde_json::Error| {
        let message = in_user_terms(&e.to_string());
        problems.push(InputProblem { place: index.place(name, &path), path: Some(path), message });
    };
    if let Some(Value::Array(accounts)) = tree.get_mut("accounts") {
        for (i, a) in accounts.drain(..).enumerate() {
            type_errors::<crate::model::Account>(a, &mut |inner, e| {
                let sep = if inner.starts_with('[') { "" } else { "." };
                let path =
                    if inner.is_empty() { format!("accounts[{i}]") } else { format!("accounts[{i}]{sep}{inner}") };
                found(path, e);
            });
        }
    }
    type_errors::<Portfolio>(tree, &mut found);
    (!problems.is_empty()).then_some(InputError::Invalid { problems })
}

/// Most type errors reported of one account (or of the rest of the file).
const MAX_TYPE_ERRORS: usize = 20;

/// Every type error of `value` read as `T`, by its path inside `value` (empty for the whole):
/// after each, the key it is at is taken out and the value read again. A required key taken
/// out is then "missing", which is the same problem again and not reported.
fn type_errors<T: serde::de::DeserializeOwned>(mut value: Value, found: &mut dyn FnMut(String, &serde_json::Error)) {
    let mut removed: Vec<String> = Vec::new();
    for _ in 0..MAX_TYPE_ERRORS {
        let Err(e) = serde_path_to_error::deserialize::<_, T>(&value) else { return };
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = e.inner().to_string();
        let consequence = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()).is_some_and(|f| {
            let full = if path.is_empty() { f.to_owned() } else { format!("{path}.{f}") };
            removed.contains(&full)
        });
        if !consequence {
            found(path.clone(), e.inner());
        }
        // A missing key's path is its map's: taking that out would hide the map's other keys.
        if message.starts_with("missing field") || !take_out(&mut value, e.path()) {
            return;
        }
        removed.push(path);
    }
}

/// Removes the map entry at `path`; `false` when the path ends elsewhere (a list item, the
/// whole value), where taking out would shift what comes after.
fn take_out(value: &mut Value, path: &serde_path_to_error::Path) -> bool {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let Some((Segment::Map { key }, parents)) = segments.split_last() else { return false };
    let mut at = value;
    for s in parents {
        let next = match (s, at) {
            (Segment::Seq { index }, Value::Array(items)) => items.get_mut(*index),
            (Segment::Map { key }, Value::Object(map)) => map.get_mut(key),
            _ => None,
        };
        let Some(next) = next else { return false };
        at = next;
    }
    match at {
        Value::Object(map) => map.shift_remove(key).is_some(),
        _ => false,
    }
}

/// serde's message about a value, said as a portfolio's author would: what was found and
/// what is allowed.
fn in_user_terms(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (found, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = allowed.split('`').skip(1).step_by(2).collect();
        return format!("`{found}` is not one of: {}", allowed.join(", "));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // `string "lots"` → `lots`: the value, without serde's name for its type.
        let found = found.replace('"', "`");
        let found = match found.find('`') {
            Some(i) => found[i..].to_owned(),
            None if found == "map" => "a map of keys".to_owned(),
            None if found == "sequence" => "a list".to_owned(),
            None => found,
        };
        let want = match expected {
            e if e.starts_with('i') || e.starts_with('u') => "a whole number",
            e if e.starts_with('f') || e.contains("number") => "a number",
            e if e.contains("string") || e.contains("str") => "a text",
            e if e.contains("sequence") => "a list",
            e if e.contains("map") || e.starts_with("struct") => "a map of keys and values",
            e => e,
        };
        return if found == "null" { format!("is empty: write {want}") } else { format!("{found} is not {want}") };
    }
    if message.starts_with("missing field") {
        return format!("{message}: add it, see INPUT.md for the keys each entry needs");
    }
    message.to_owned()
}

/// Adds the fix to serde's terse messages, and says in the user's terms what the YAML
/// library says in its own (`set DuplicateKeyPolicy in Options`).
pub(crate) fn explain(message: &str) -> String {
    if message.starts_with("missing field") {
        format!("{message}: add it, see INPUT.md for the keys each entry needs")
    } else if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        format!("`{key}` is written twice in the same map: keep one")
    } else if message.contains("DuplicateKeyPolicy") || message.contains("duplicate key") {
        "a key is written twice in the same map: keep one".to_owned()
    } else if message.starts_with("multiple YAML documents") || message.contains("from_str_multiple") {
        "the file holds more than one YAML document (a `---` line): keep one per file".to_owned()
    } else if message.starts_with("budget breached") {
        "the file expands to more than kamdeck reads (aliases repeated many times, or one huge value?)".to_owned()
    } else if message.contains("recursive references") {
        "an alias refers to the node that holds it: a value cannot contain itself".to_owned()
    } else if message.starts_with("expected mapping start") || message.contains("expected a map") {
        "a map of keys and values is expected here (`key: value` lines, or `{ key: value }`)".to_owned()
    } else if message.starts_with("tabs disallowed") {
        "a tab indents this line: YAML indents with spaces only; replace the tab with spaces".to_owned()
    } else if message.starts_with("invalid floating point") || message.contains("invalid f64") {
        "a number is expected here, such as 10 or 10.5".to_owned()
    } else {
        message.to_owned()
    }
}

/// Converts serde_ignored's `accounts.3.health.x` into our `accounts[3].health.x`.
fn data_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path as P;
    match path {
        P::Root => String::new(),
        P::Seq { parent, index } => format!("{}[{index}]", data_path(parent)),
        P::Map { parent, key } => {
            let head = data_path(parent);
            if head.is_empty() { key.clone() } else { format!("{head}.{key}") }
        }
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => data_path(parent),
    }
}

fn unknown_keys(portfolio: &Portfolio, ignored: &[String], text: &str, name: &str) -> Vec<InputProblem> {
    if ignored.is_empty() {
        return Vec::new();
    }
    let index = PathIndex::build(text);
    let tree = to_tree(portfolio);
    ignored
        .iter()
        .map(|path| {
            let (parent, key) = path.rsplit_once('.').unwrap_or(("", path.as_str()));
            let known = known_keys(&tree, parent);
            let suggestion = did_you_mean(key, known.iter().map(String::as_str))
                .map_or_else(|| format!(" (known keys: {})", known.join(", ")), |k| format!("; did you mean `{k}`?"));
            InputProblem {
                place: index.key_place(name, path),
                path: Some(path.clone()),
                message: format!("unknown key `{key}`{suggestion}"),
            }
        })
        .collect()
}

fn to_tree<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The keys the model knows at `path`, read from the serialised portfolio.
fn known_keys(tree: &Value, path: &str) -> Vec<String> {
    let mut node = tree;
    for seg in super::yaml_index::segments(path) {
        node = match (seg, node) {
            (super::yaml_index::Seg::Key(k), Value::Object(m)) => m.get(k).unwrap_or(&Value::Null),
            (super::yaml_index::Seg::Index(i), Value::Array(a)) => a.get(i).unwrap_or(&Value::Null),
            _ => &Value::Null,
        };
    }
    match node {
        Value::Object(m) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Large portfolios parse in parallel: the `accounts` list is cut at its items into one
/// piece per core and each piece is parsed on its own thread (YAML parsing is most of the
/// load time of 10,000 accounts). Only the plain case takes this path — a block sequence of
/// accounts, no anchors, aliases or merge keys — and only a clean parse is kept: on any
/// error or unknown key the caller parses the whole file again, which reports every problem
/// with its exact place.
mod parallel {
    use crate::model::{Account, Portfolio};

    /// Smaller files parse fast enough on one thread. A portfolio of 500 accounts with
    /// stakeholders (about 1 MB) takes a quarter second alone, all of it before `plan --all`
    /// can start its workers.
    const MIN_LEN: usize = 1 << 18;

    pub(super) fn parse(text: &str) -> Option<Portfolio> {
        if text.len() < MIN_LEN || text.contains('&') || text.contains('*') || text.contains("<<") {
            return None;
        }
        let (head, items, indent) = split(text)?;
        let parts = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(2, 8);
        let chunks = chunk(items, parts, indent);
        let (portfolio, lists) = std::thread::scope(|s| {
            let head = s.spawn(move || strict::<Portfolio>(&head));
            let lists: Vec<_> =
                chunks.iter().map(|c| s.spawn(move || strict::<Vec<Account>>(&dedent(c, indent)))).collect();
            let lists: Vec<Option<Vec<Account>>> = lists.into_iter().map(|h| h.join().ok().flatten()).collect();
            (head.join().ok().flatten(), lists)
        });
        let mut portfolio = portfolio?;
        if !portfolio.accounts.is_empty() {
            return None;
        }
        for list in lists {
            portfolio.accounts.extend(list?);
        }
        Some(portfolio)
    }

    /// Parses `text`, giving up on any error or unknown key.
    fn strict<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
        let mut unknown = false;
        let value = serde_saphyr::with_deserializer_from_str_with_options(text, super::options(text.len()), |de| {
            serde_ignored::deserialize(de, |_| unknown = true)
        })
        .ok()?;
        (!unknown).then_some(value)
    }

    /// The file without its accounts' items, the items' text, and their indentation.
    fn split(text: &str) -> Option<(String, &str, usize)> {
        let start =
            text.find("\naccounts:\n").map(|i| i + 1).or_else(|| text.starts_with("accounts:\n").then_some(0))?;
        let body = start + "accounts:\n".len();
        // The list ends at the next line that starts in column 0 with a key.
        let mut end = text.len();
        let mut pos = body;
        for line in text[body..].split_inclusive('\n') {
            let first = line.chars().next().unwrap_or(' ');
            if !matches!(first, ' ' | '\n' | '\r' | '#' | '-') {
                end = pos;
                break;
            }
            pos += line.len();
        }
        let items = &text[body..end];
        let first = items.lines().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
        let indent = first.len() - first.trim_start().len();
        if !first.trim_start().starts_with("- ") {
            return None;
        }
        let head = format!("{}{}", &text[..start], &text[end..]);
        Some((head, items, indent))
    }

    /// About `n` pieces of `items`, cut where an item starts (`indent` spaces, then `- `).
    fn chunk(items: &str, n: usize, indent: usize) -> Vec<&str> {
        let target = items.len() / n + 1;
        let mut out = Vec::new();
        let (mut from, mut pos) = (0, 0);
        for line in items.split_inclusive('\n') {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            let starts_item = spaces == indent && line[spaces..].starts_with("- ");
            if starts_item && pos - from >= target {
                out.push(&items[from..pos]);
                from = pos;
            }
            pos += line.len();
        }
        out.push(&items[from..]);
        out
    }

    /// Removes the list's indentation so a piece parses as a top-level sequence.
    fn dedent(text: &str, indent: usize) -> String {
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            out.push_str(&line[spaces.min(indent)..]);
        }
        out
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn same_portfolio_either_way() {
            let yaml = crate::generate::portfolio_yaml(crate::generate::Synthetic {
                seed: 3,
                ..crate::generate::Synthetic::new(2000)
            });
            assert!(yaml.len() >= super::MIN_LEN);
            let fast = super::parse(&yaml).expect("the parallel path applies");
            let (slow, _) = super::super::sequential(&yaml, "g.yaml").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(serde_json::to_value(&fast).unwrap(), serde_json::to_value(&slow).unwrap());
        }
    }
}
