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

/// Two finished runs in the simulator's state directory: their IDs, oldest first.
fn two_runs(sim: &crate::kit::TestSim) -> [String; 2] {
    let id = sim.ids(1).remove(0);
    let run = |tag| {
        let doc = sim.ok_json(&crate::kit::runs::tag_add_argv(&[], &[&id], tag));
        crate::kit::runs::run_id(&doc)
    };
    [run("first"), run("second")]
}

#[test]
fn runs_ids_lists_run_ids_only_newest_first() {
    let sim = crate::kit::TestSim::unlimited(2);
    let out = sim.cmd().args(["runs", "ids"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "no runs yet"
    );
    let [first, second] = two_runs(&sim);
    let out = sim.cmd().args(["runs", "ids"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::kit::text(&out.stderr)
    );
    assert_eq!(
        crate::kit::text(&out.stdout),
        format!("{second}\n{first}\n")
    );
    // A helper for the completion scripts: not in the help.
    let help = crate::kit::text(&bare_cmd().args(["runs", "--help"]).output().unwrap().stdout);
    assert!(!help.contains("ids"), "{help}");
}

#[test]
fn shipped_completions_offer_run_ids_for_runs_show_resume_and_undo() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["mdetag.bash", "_mdetag", "mdetag.fish"] {
        let script = std::fs::read_to_string(repo.join("completions").join(file)).unwrap();
        assert!(
            script.contains("runs ids"),
            "{file} does not ask for run IDs"
        );
    }
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let sim = crate::kit::TestSim::unlimited(2);
    let [first, second] = two_runs(&sim);
    let bin = Path::new(env!("CARGO_BIN_EXE_mdetag")).parent().unwrap();
    let complete = |words: &str| {
        // What bash's `complete -F` does: the words, the index of the current one, and
        // _mdetag called with the command, the current word and the one before.
        let script = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _mdetag mdetag \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            repo.join("completions/mdetag.bash").display()
        );
        let mut cmd = std::process::Command::new("bash");
        sim.apply_env(&mut cmd);
        let path = std::env::var("PATH").unwrap_or_default();
        let out = cmd
            .env("PATH", format!("{}:{path}", bin.display()))
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", crate::kit::text(&out.stderr));
        crate::kit::text(&out.stdout)
    };
    for words in ["mdetag undo ''", "mdetag resume ''", "mdetag runs show ''"] {
        assert_eq!(complete(words), format!("{second}\n{first}\n"), "{words}");
    }
    // The first characters narrow it; options and option values complete as before.
    let shared = first
        .bytes()
        .zip(second.bytes())
        .take_while(|(a, b)| a == b);
    let prefix = &second[..shared.count() + 1];
    assert_eq!(
        complete(&format!("mdetag undo {prefix}")),
        format!("{second}\n")
    );
    assert!(complete("mdetag undo --fo").contains("--force"));
    assert_eq!(complete("mdetag undo --output j"), "json\njsonl\n");
}
