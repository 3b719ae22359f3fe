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
    let mut ignored: Vec<String> = Vec::new();
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(text.len()), |de| {
        serde_ignored::deserialize(de, |path| ignored.push(data_path(&path)))
    });
    let portfolio: Portfolio = parsed.map_err(|e| syntax_error(&e, name))?;
    let problems = unknown_keys(&portfolio, &ignored, text, name);
    Ok((portfolio, problems))
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

/// Adds the fix to serde's terse messages.
fn explain(message: &str) -> String {
    if message.starts_with("missing field") {
        format!("{message}: add it, see INPUT.md for the keys each entry needs")
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
