//! Slide templates (minijinja) → Typst source.
//!
//! Templates are Typst files with `{{ … }}` holes. Every value that fills a hole is
//! written as a Typst *code literal* by `typst_literal`: a string becomes `"…"` with its
//! quotes and backslashes escaped, a list becomes `(…,)`, a map `("key": …)`. A template
//! therefore cannot paste user text into markup by accident: `ACME #1 [test]` arrives as
//! the string `"ACME #1 [test]"` and prints literally. In markup a template writes
//! `#{{ name }}`, which is `#"…"`, a string shown as is.

use std::fmt::Write as _;

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::assets::Assets;

/// A template failed to load or render.
#[derive(Debug, thiserror::Error)]
#[error("template {place}: {message}")]
pub struct RenderError {
    /// `name:line`.
    pub place: String,
    /// What went wrong.
    pub message: String,
    /// The template is the user's (from `--templates`): a fault in it is bad input.
    pub user: bool,
}

/// Templates that came from a user's folder, by name, with the file each was read from.
type UserTemplates = std::collections::BTreeMap<String, std::path::PathBuf>;

impl RenderError {
    /// The error at its place: the user's own file when the template is theirs.
    fn from_jinja(e: &Error, user: &UserTemplates) -> Self {
        let origin = e.name().and_then(|n| user.get(n));
        let name = match (e.name(), origin) {
            (_, Some(path)) => path.display().to_string(),
            (Some(n), None) => n.to_owned(),
            (None, None) => "?".to_owned(),
        };
        let place = match e.line() {
            Some(l) => format!("{name}:{l}"),
            None => name,
        };
        let message = e.detail().map_or_else(|| e.kind().to_string(), |d| format!("{}: {d}", e.kind()));
        Self { place, message, user: origin.is_some() }
    }
}

/// The template environment, built once per process.
pub struct Renderer {
    env: Environment<'static>,
    /// Templates that came from a user's folder.
    user: UserTemplates,
}

/// Instructions one template may run: the largest built-in (a 200-row appendix) takes a small
/// fraction; a loop without end runs out and fails with its template and line.
const FUEL: u64 = 50_000_000;

impl Renderer {
    /// Loads every file under `templates/` of `assets`.
    pub fn new(assets: &Assets) -> Result<Self, RenderError> {
        let mut env = Environment::new();
        // Typst's `{#`, `#{` and `#}` are common; a Jinja comment needs a rarer opener.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .comment_delimiters("{##", "##}")
            .build()
            .map_err(|e| RenderError::from_jinja(&e, &UserTemplates::new()))?;
        env.set_syntax(syntax);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
        env.set_formatter(|out, _state, value| {
            let mut s = String::new();
            if value.is_safe() {
                s.push_str(value.as_str().unwrap_or_default());
            } else {
                typst_literal(value, &mut s)?;
            }
            out.write_str(&s).map_err(|_| Error::new(ErrorKind::WriteFailure, "output"))
        });
        let mut user = UserTemplates::new();
        for (path, bytes) in assets.under("templates/") {
            let name = path.trim_start_matches("templates/").to_owned();
            if let Some(origin) = assets.origin(path) {
                user.insert(name.clone(), origin.to_owned());
            }
            let text = String::from_utf8_lossy(bytes).into_owned();
            env.add_template_owned(name, text).map_err(|e| RenderError::from_jinja(&e, &user))?;
        }
        // The built-ins stay reachable under `builtin/`, so an override can extend the template
        // it replaces: `{% extends "builtin/review/pareto.typ" %}` and fill its `extra` block,
        // which every slide template opens at the top of its body.
        for (path, bytes) in Assets::builtin().under("templates/") {
            let name = format!("builtin/{}", path.trim_start_matches("templates/"));
            let text = String::from_utf8_lossy(bytes).into_owned();
            env.add_template_owned(name, text).map_err(|e| RenderError::from_jinja(&e, &user))?;
        }
        Ok(Self { env, user })
    }

    /// The user's file that template `name` was read from, if it is theirs.
    pub fn origin(&self, name: &str) -> Option<&std::path::Path> {
        self.user.get(name).map(std::path::PathBuf::as_path)
    }

    /// Renders template `name` (e.g. `review/pareto.typ`) with `ctx`.
    pub fn render(&self, name: &str, ctx: impl Serialize) -> Result<String, RenderError> {
        let mark = |e: Error| RenderError::from_jinja(&e, &self.user);
        let tmpl = self.env.get_template(name).map_err(mark)?;
        tmpl.render(minijinja::value::Serde(ctx)).map_err(mark)
    }
}

/// Writes `v` as a Typst code literal.
pub fn typst_literal(v: &Value, out: &mut String) -> Result<(), Error> {
    match v.kind() {
        ValueKind::Undefined => {
            return Err(Error::new(ErrorKind::UndefinedError, "undefined value in a template hole"));
        }
        ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if v.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = v.as_i64().filter(|_| v.is_integer()) {
                let _ = write!(out, "{i}");
            } else {
                let f = f64::try_from(v.clone()).unwrap_or(f64::NAN);
                if f.is_finite() {
                    let _ = write!(out, "{f:?}");
                } else {
                    out.push_str("none");
                }
            }
        }
        ValueKind::String => string_literal(v.as_str().unwrap_or_default(), out),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in v.try_iter()? {
                typst_literal(&item, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            let keys: Vec<Value> = v.try_iter()?.collect();
            if keys.is_empty() {
                out.push_str("(:)");
                return Ok(());
            }
            out.push('(');
            for k in keys {
                string_literal(&k.to_string(), out);
                out.push_str(": ");
                typst_literal(&v.get_item(&k)?, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        _ => string_literal(&v.to_string(), out),
    }
    Ok(())
}

/// A Typst string literal: only `\` and `"` are special inside one, plus line breaks.
fn string_literal(s: &str, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(v: serde_json::Value) -> String {
        let mut s = String::new();
        typst_literal(&Value::from(minijinja::value::Serde(v)), &mut s).unwrap();
        s
    }

    #[test]
    fn values_become_code_literals() {
        assert_eq!(lit(serde_json::json!("ACME #1 [test] \"q\" \\")), r#""ACME #1 [test] \"q\" \\""#);
        assert_eq!(lit(serde_json::json!([1, 2.5, null, true])), "(1, 2.5, none, true, )");
        assert_eq!(lit(serde_json::json!({"a b": [], "c": {}})), r#"("a b": (), "c": (:), )"#);
        assert_eq!(lit(serde_json::json!(["x"])), r#"("x", )"#);
    }
}
