//! The portfolio file's JSON Schema (`kamdeck schema`), derived from the model types so it
//! cannot drift from what the loader reads. Editors use it to complete keys and flag values
//! as they are typed; kamdeck's own checks (references, ranges, places) go further.

use serde_json::Value;

use super::Portfolio;

/// The schema, as pretty-printed JSON.
pub fn schema() -> String {
    let mut value = serde_json::to_value(schemars::schema_for!(Portfolio)).unwrap_or(Value::Null);
    if let Value::Object(root) = &mut value {
        root.insert("$id".into(), "https://kamdeck.dev/portfolio.schema.json".into());
        root.insert("title".into(), "kamdeck portfolio".into());
    }
    close(&mut value);
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Every map of named keys refuses keys it does not name, as the loader does (it reports an
/// unknown key with a "did you mean"); maps keyed by ids (`additionalProperties` given) stay open.
fn close(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(close);
        }
        Value::Array(items) => items.iter_mut().for_each(close),
        _ => {}
    }
}
