//! The Typst world reads nothing outside its virtual files.

use std::sync::Arc;

use kamdeck::typeset::{self, Base, DeckWorld, TypesetError};

fn compile(src: &str) -> Result<(), String> {
    let world = DeckWorld::new(Arc::new(Base::new(std::iter::empty(), Vec::new())), "/main.typ", src.to_owned(), None);
    match typeset::compile(&world) {
        Ok(_) => Ok(()),
        Err(TypesetError::Compile(d)) => {
            Err(d.iter().map(|x| format!("{}: {}", x.place, x.message)).collect::<Vec<_>>().join("\n"))
        }
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn absolute_paths_outside_the_world_are_not_found() {
    let err = compile("#read(\"/etc/passwd\")").unwrap_err();
    assert!(err.contains("main.typ:1:") && err.contains("not found"), "{err}");
}

#[test]
fn relative_escapes_are_refused() {
    let err = compile("#image(\"../../secret.png\")").unwrap_err();
    assert!(err.contains("main.typ:1:"), "{err}");
    assert!(!err.contains("secret.png\" is a PNG"), "{err}");
}

#[test]
fn errors_name_line_and_column() {
    let err = compile("= Title\n\n#let x = (1, 2\n").unwrap_err();
    assert!(err.contains("main.typ:3:"), "{err}");
}
