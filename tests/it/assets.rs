//! The committed completions and man pages match the CLI.

use std::path::Path;

use crate::kit::bare_cmd;

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    bare_cmd()
        .arg("generate-assets")
        .arg(dir.path())
        .assert()
        .success();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for sub in ["completions", "man"] {
        let fresh_dir = dir.path().join(sub);
        let mut names: Vec<_> = std::fs::read_dir(&fresh_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert!(!names.is_empty());
        for name in names {
            let fresh = std::fs::read(fresh_dir.join(&name)).unwrap();
            let committed = std::fs::read(repo.join(sub).join(&name)).unwrap_or_default();
            if fresh != committed {
                stale.push(format!("{sub}/{}", name.to_string_lossy()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `cargo run -- generate-assets .` and commit them"
    );
}
