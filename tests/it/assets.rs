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

/// Every command's help has examples, and the man pages have the sections scripts need.
#[test]
fn help_has_examples_and_man_pages_have_exit_status_environment_and_files() {
    let commands: &[&[&str]] = &[
        &[],
        &["tag"],
        &["tag", "add"],
        &["tag", "remove"],
        &["tag", "set"],
        &["tag", "rename"],
        &["tags"],
        &["tags", "list"],
        &["set-value"],
        &["apply-csv"],
        &["machines", "list"],
        &["runs", "list"],
        &["runs", "show"],
        &["resume"],
        &["undo"],
        &["auth", "login"],
        &["auth", "status"],
        &["auth", "logout"],
        &["auth", "list"],
        &["completions"],
        &["globals"],
    ];
    for command in commands {
        let out = bare_cmd().args(*command).arg("--help").output().unwrap();
        let help = crate::kit::text(&out.stdout);
        assert!(
            help.contains("EXAMPLES:\n  mdetag "),
            "{command:?} has no examples:\n{help}"
        );
        let page = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("man")
            .join(format!(
                "{}.1",
                ["mdetag"]
                    .iter()
                    .chain(command.iter())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("-")
            ));
        let page =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        for section in ["EXAMPLES", "EXIT STATUS", "ENVIRONMENT", "FILES"] {
            assert!(
                page.contains(&format!(".SH \"{section}\"")),
                "{command:?}: no {section}"
            );
        }
    }
    // Options come in groups: the command's own, then the global ones it takes, named by
    // group under one heading (tests/it/help.rs checks more).
    let out = bare_cmd().args(["tag", "add", "-h"]).output().unwrap();
    let help = crate::kit::text(&out.stdout);
    assert!(help.contains("Machine pickers:"), "{help}");
    let globals = &help[help.find("Global options").expect("heading")..];
    for group in [
        "\n  Output ",
        "\n  Rate limits and retries ",
        "\n  Connection and credentials ",
    ] {
        assert!(globals.contains(group), "{group}\n{help}");
    }
    // And the completions a shell asks for are the committed ones.
    let out = bare_cmd().args(["completions", "bash"]).output().unwrap();
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/mdetag.bash"))
            .unwrap();
    assert_eq!(out.stdout, committed);
}
