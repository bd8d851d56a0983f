//! Tags as code: `sync RULES` makes the fleet match a rules file; `--check` says whether it does.

use std::path::PathBuf;

use serde_json::Value;

use crate::kit::{TestSim, text};

fn run(sim: &TestSim, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = sim
        .cmd()
        .args(["--output", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), doc, text(&out.stderr))
}

fn set_tags(sim: &TestSim, id: &str, tags: &[&str]) {
    let mut args = vec!["--no-journal", "tag", "set", "--machine", id];
    if tags.is_empty() {
        args.push("--none");
    }
    for t in tags {
        args.extend(["--value", *t]);
    }
    let (code, _, err) = run(sim, &args);
    assert_eq!(code, Some(0), "{err}");
}

fn rules(dir: &tempfile::TempDir, text: &str) -> String {
    let path: PathBuf = dir.path().join("tags.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn tags(sim: &TestSim, id: &str) -> Vec<String> {
    let mut t = sim.machine(id).machine_tags;
    t.sort();
    t
}

#[test]
fn sync_adds_removes_every_spelling_leaves_other_tags_and_sets_values_then_check_is_clean() {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(6);
    set_tags(&sim, &ids[0], &["Tier-0"]);
    set_tags(&sim, &ids[1], &["tier-0", "finance"]);
    set_tags(&sim, &ids[2], &["FINANCE", "Keep"]);
    set_tags(&sim, &ids[3], &["Keep"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("finance.txt"), format!("{}\n", ids[3])).unwrap();
    let file = rules(
        &dir,
        r#"
# Finance machines come from the CMDB export.
[[tag]]
name = "Finance"
machines-file = "finance.txt"

[[value]]
value = "High"
tag = ["Tier-0"]
"#,
    );
    let before = sim.write_calls();
    let state = sim.tags_and_values(&ids);
    let (code, doc, err) = run(&sim, &["sync", &file, "--check"]);
    assert_eq!(code, Some(4), "{err}");
    assert_eq!(doc["summary"]["planned"], 5, "{doc}");
    assert_eq!(sim.write_calls(), before);

    let (code, doc, err) = run(&sim, &["sync", &file]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["summary"]["succeeded"], 5, "{doc}");
    assert_eq!(tags(&sim, &ids[0]), ["Tier-0"]);
    assert_eq!(
        tags(&sim, &ids[1]),
        ["tier-0"],
        "every spelling of finance removed"
    );
    assert_eq!(
        tags(&sim, &ids[2]),
        ["Keep"],
        "FINANCE removed, Keep untouched"
    );
    assert_eq!(tags(&sim, &ids[3]), ["Finance", "Keep"]);
    assert_eq!(sim.machine(&ids[0]).device_value, "High");
    assert_eq!(sim.machine(&ids[1]).device_value, "High");
    assert_ne!(sim.machine(&ids[2]).device_value, "High");

    let writes = sim.write_calls();
    let (code, _, err) = run(&sim, &["sync", &file, "--check"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("everything matches"), "{err}");
    assert_eq!(sim.write_calls(), writes);

    // The sync run undoes exactly.
    let run_id = doc["summary"]["run_id"].as_str().unwrap().to_string();
    let (code, undone, err) = run(&sim, &["undo", &run_id]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(sim.tags_and_values(&ids), state, "{undone}");
}

#[test]
fn a_query_rule_selects_what_the_hunting_query_returns() {
    let sim = TestSim::unlimited(20);
    let facing: Vec<String> = sim
        .sim
        .device_info()
        .into_iter()
        .filter(|r| r["IsInternetFacing"] == true)
        .map(|r| r["DeviceId"].as_str().unwrap().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(!facing.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let file = rules(
        &dir,
        r#"[[tag]]
name = "Internet-Facing"
query = "DeviceInfo | where IsInternetFacing == true | distinct DeviceId"
"#,
    );
    let (code, _, err) = run(&sim, &["sync", &file]);
    assert_eq!(code, Some(0), "{err}");
    for m in sim.sim.machines() {
        let has = m.machine_tags.contains(&"Internet-Facing".to_string());
        assert_eq!(has, facing.contains(&m.id), "{}", m.id);
    }
}

#[test]
fn the_guards_refuse_with_nothing_sent() {
    let sim = TestSim::unlimited(30);
    let ids = sim.ids(30);
    for id in &ids[..20] {
        set_tags(&sim, id, &["Owned"]);
    }
    let writes = sim.write_calls();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[[tag]]\nname = \"Owned\"\ntag = [\"Nobody-Has-This\"]\n",
            "selects no machine",
        ),
        (
            &*format!("[[tag]]\nname = \"Owned\"\nmachines = [\"{}\"]\n", ids[0]),
            "--max-removals",
        ),
        (
            "[[value]]\nvalue = \"High\"\ntag = \"Owned\"\n\n[[value]]\nvalue = \"Low\"\ntag-prefix = \"Own\"\n",
            "is given device value Low here and High by the rule at",
        ),
    ];
    for (text, says) in cases {
        let file = rules(&dir, text);
        let (code, _, err) = run(&sim, &["sync", &file]);
        assert_eq!(code, Some(2), "{text}: {err}");
        assert!(err.contains(says), "{text}: {err}");
        assert!(err.contains("tags.toml:"), "{err}");
    }
    assert_eq!(sim.write_calls(), writes);
    // --max-removals raised: the removals go.
    let file = rules(
        &dir,
        &format!("[[tag]]\nname = \"Owned\"\nmachines = [\"{}\"]\n", ids[0]),
    );
    let (code, _, err) = run(&sim, &["sync", &file, "--max-removals", "19"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(sim.write_calls(), writes + 1, "one batch call removes 19");
}

#[test]
fn rules_errors_name_the_file_and_line_and_nothing_is_read() {
    let sim = TestSim::unlimited(5);
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[[tag]]\nname = \"A\"\nfilters = \"x\"\n",
            ":3:",
            "unknown field `filters`",
        ),
        ("[[tag]]\nname = \"A\"\n", ":1:", "no selection"),
        (
            "[[tag]]\nname = \"A\"\ntag = \"x\"\n\n[[tag]]\nname = \"a\"\ntag = \"y\"\n",
            ":5:",
            "owned by the rule at line 1",
        ),
        (
            "\n[[value]]\nvalue = \"Urgent\"\ntag = \"x\"\n",
            ":2:",
            "Normal, Low or High",
        ),
        (
            "[[tag]]\nname = \"A\"\nmachines-file = \"missing.txt\"\n",
            ":1:",
            "cannot read",
        ),
        (
            "[[tag]]\nname = \"bad\u{202e}tag\"\ntag = \"x\"\n",
            ":1:",
            "name",
        ),
    ];
    for (text, line, says) in cases {
        let file = rules(&dir, text);
        let (code, _, err) = run(&sim, &["sync", &file]);
        assert_eq!(code, Some(2), "{text}: {err}");
        assert!(err.contains(&format!("tags.toml{line}")), "{text}: {err}");
        assert!(err.contains(says), "{text}: {err}");
    }
    assert_eq!(
        sim.sim.calls().len(),
        0,
        "nothing was read, not even a token"
    );
}
