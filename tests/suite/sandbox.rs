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

#[cfg(unix)]
#[test]
fn folders_are_not_left_through_links() {
    use std::os::unix::fs::symlink;
    let dir = crate::support::scratch("links");
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "outside the theme").unwrap();
    let theme = dir.join("theme");
    std::fs::create_dir_all(theme.join("fonts")).unwrap();
    // A link inside the folder to a file inside it is fine; a link back up does not loop.
    std::fs::write(theme.join("notes.txt"), "inside").unwrap();
    symlink(theme.join("notes.txt"), theme.join("same-notes.txt")).unwrap();
    symlink(&theme, theme.join("fonts/loop")).unwrap();
    let example = crate::support::example("minimal.yaml");
    let out = dir.join("out");
    let run = |folder: &std::path::Path| {
        crate::support::kamdeck(&[
            "review",
            example.to_str().unwrap(),
            "--theme-dir",
            folder.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
    };
    let o = run(&theme);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    // A link out of the folder is refused before anything is written.
    std::fs::remove_dir_all(&out).unwrap();
    symlink(&secret, theme.join("logo.png")).unwrap();
    let o = run(&theme);
    assert_eq!(o.status.code(), Some(2), "{}", crate::support::stderr(&o));
    let err = crate::support::stderr(&o);
    assert!(
        err.contains("logo.png: a link to") && err.contains("kamdeck reads only the files inside the folders you name"),
        "{err}"
    );
    assert!(!out.join("review.pdf").exists());
}
