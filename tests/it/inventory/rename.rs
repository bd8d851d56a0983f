//! `tag rename`: across spellings, case-only, NEW already there, pickers, dry runs, bad input,
//! and undo.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::{run, set_tags, tags_of};
use crate::kit::server::{self, ID, Seen, is_token, mdetag_at};
use crate::kit::{TestSim, stdout_json, text};

#[test]
fn a_case_only_rename_removes_every_other_spelling_then_adds() {
    let sim = TestSim::unlimited(12);
    let ids = sim.ids(3);
    set_tags(
        &sim,
        &[
            (&ids[0], &["finance"]),
            (&ids[1], &["FINANCE", "VIP"]),
            (&ids[2], &["Finance"]),
        ],
    );
    let carried: Vec<String> = sim
        .sim
        .machines()
        .into_iter()
        .filter(|m| {
            m.machine_tags
                .iter()
                .any(|t| t.eq_ignore_ascii_case("finance"))
        })
        .map(|m| m.id)
        .collect();
    let writes_before = sim.sim.writes().len();
    let (code, doc, err) = run(&sim, &["tag", "rename", "finance", "Finance"]);
    assert_eq!(code, Some(0), "{err}");
    // Every machine that carried it, in any spelling, carries it as "Finance" only.
    for m in sim.sim.machines() {
        let spellings: Vec<&String> = m
            .machine_tags
            .iter()
            .filter(|t| t.eq_ignore_ascii_case("finance"))
            .collect();
        if carried.contains(&m.id) {
            assert_eq!(spellings, ["Finance"], "{}", m.id);
        } else {
            assert!(spellings.is_empty(), "{}", m.id);
        }
    }
    assert_eq!(tags_of(&sim, &ids[1]), ["Finance", "VIP"]);
    // The machine spelled so already was left alone.
    let rows: Vec<&Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["machine"] == ids[2].as_str())
        .collect();
    assert_eq!(rows.len(), 1, "{doc}");
    assert_eq!(
        (
            &rows[0]["action"],
            &rows[0]["status"],
            &rows[0]["error"]["code"]
        ),
        (&json!("add"), &json!("skipped"), &json!("unchanged"))
    );
    assert_eq!(doc["summary"]["failed"], 0);
    // Every removal went out before the add.
    let writes = sim.sim.writes()[writes_before..].to_vec();
    let last_removal = writes.iter().rposition(|w| w.contains(" Remove ")).unwrap();
    let first_add = writes.iter().position(|w| w.contains(" Add ")).unwrap();
    assert!(last_removal < first_add, "{writes:?}");
    assert!(writes.iter().any(|w| w.ends_with(" Remove FINANCE")));
    assert!(writes.iter().any(|w| w.ends_with(" Remove finance")));
    assert!(!writes.iter().any(|w| w.ends_with(" Remove Finance")));
}

#[test]
fn a_rename_drops_every_spelling_of_old_and_keeps_new_where_it_is() {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(5);
    set_tags(
        &sim,
        &[
            (&ids[0], &["ledger", "VIP"]),
            (&ids[1], &["LEDGER"]),
            (&ids[2], &["Ledger", "books"]),
            (&ids[3], &["Other"]),
            (&ids[4], &["Ledger"]),
        ],
    );
    let (code, doc, err) = run(&sim, &["tag", "rename", "Ledger", "Books"]);
    // No picker: every machine carrying OLD, in any case.
    assert_eq!(code, Some(0), "{err}");
    let row = |doc: &Value, id: &str, action: &str| -> Value {
        doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["machine"] == id && r["action"] == action)
            .cloned()
            .unwrap_or_else(|| panic!("no {action} row for {id}: {doc}"))
    };
    assert_eq!(tags_of(&sim, &ids[0]), ["Books", "VIP"]);
    assert_eq!(tags_of(&sim, &ids[1]), ["Books"]);
    assert_eq!(
        tags_of(&sim, &ids[2]),
        ["books"],
        "NEW kept in its spelling"
    );
    assert_eq!(row(&doc, &ids[2], "add")["status"], "skipped");
    assert_eq!(row(&doc, &ids[2], "add")["error"]["code"], "unchanged");
    assert_eq!(row(&doc, &ids[2], "remove")["status"], "succeeded");
    assert_eq!(
        tags_of(&sim, &ids[3]),
        ["Other"],
        "not carrying OLD: not touched"
    );
    assert_eq!(tags_of(&sim, &ids[4]), ["Books"]);
    assert_eq!(doc["summary"]["failed"], 0);
    assert_eq!(doc["summary"]["total"], 8, "{doc}");

    // Pickers narrow it to the machines they pick; a picked machine without OLD is left as
    // it is (`unchanged`), an unpicked one that carries OLD too.
    let (code, doc, err) = run(
        &sim,
        &[
            "tag",
            "rename",
            "books",
            "Accounts",
            "--machine",
            &ids[0],
            "--machine",
            &ids[3],
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(tags_of(&sim, &ids[0]), ["Accounts", "VIP"]);
    assert_eq!(row(&doc, &ids[3], "remove")["error"]["code"], "unchanged");
    assert_eq!(tags_of(&sim, &ids[3]), ["Other"]);
    assert_eq!(tags_of(&sim, &ids[1]), ["Books"], "not picked");
    assert_eq!(doc["summary"]["total"], 3, "{doc}");
}

#[test]
fn a_dry_run_rename_sends_no_write_and_bad_tags_send_nothing() {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(2);
    set_tags(&sim, &[(&ids[0], &["ledger"]), (&ids[1], &["LEDGER"])]);
    let (before, writes) = (sim.tags_and_values(&ids), sim.write_calls());
    let (code, doc, err) = run(&sim, &["--dry-run", "tag", "rename", "ledger", "Ledger"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(sim.write_calls(), writes, "a dry run sends no write");
    assert_eq!(sim.tags_and_values(&ids), before);
    assert_eq!(doc["summary"]["planned"], 4, "{doc}");
    assert!(err.contains("call plan:"), "{err}");

    let calls = sim.api_calls().len();
    for (old, new, names) in [
        ("", "x", "OLD ''"),
        ("x", "   ", "NEW '   '"),
        ("a\u{200b}b", "x", "OLD 'a\\u{200b}b'"),
        ("x", &"y".repeat(201) as &str, "201 characters"),
    ] {
        let (code, _, err) = run(&sim, &["tag", "rename", old, new]);
        assert_eq!(code, Some(2), "{old:?} {new:?}: {err}");
        assert!(err.contains(names), "{names}: {err}");
        assert!(err.contains("nothing was sent"), "{err}");
    }
    assert_eq!(sim.api_calls().len(), calls, "nothing sent, nothing read");
}

#[test]
fn undo_of_a_rename_puts_the_old_tag_back_in_each_spelling() {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(4);
    set_tags(
        &sim,
        &[
            (&ids[0], &["ledger", "VIP"]),
            (&ids[1], &["LEDGER"]),
            (&ids[2], &["Ledger", "books"]),
            (&ids[3], &["Other"]),
        ],
    );
    let before = sim.tags_and_values(&ids);
    let (code, doc, err) = run(&sim, &["tag", "rename", "Ledger", "Books"]);
    assert_eq!(code, Some(0), "{err}");
    assert_ne!(sim.tags_and_values(&ids), before);
    let run_id = doc["summary"]["run_id"].as_str().unwrap();
    let (code, runs, err) = run(&sim, &["runs", "list"]);
    assert_eq!(code, Some(0), "{err}");
    let journaled = runs
        .as_array()
        .unwrap_or_else(|| panic!("{runs}"))
        .iter()
        .find(|r| r["run_id"] == run_id)
        .unwrap_or_else(|| panic!("{runs}"));
    assert_eq!(journaled["command"], "tag rename");
    let (code, undone, err) = run(&sim, &["undo", run_id]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(undone["summary"]["failed"], 0, "{undone}");
    assert_eq!(sim.tags_and_values(&ids), before, "{undone}");
}

/// A machine carrying OLD in several spellings (only another source can make one: the
/// simulator keeps one spelling) is sent a removal of each; a case-only rename of it sends the
/// add last.
#[test]
fn a_machine_with_several_spellings_loses_each_of_them() {
    fn serve(tags: &[&str]) -> server::Server {
        let held = Arc::new(Mutex::new(
            tags.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        ));
        server::with_token(move |seen: &Seen| {
            let mut tags = held.lock().unwrap();
            if seen.method == "POST" {
                let body: Value = serde_json::from_slice(&seen.body).unwrap();
                let tag = body["Value"].as_str().unwrap().to_string();
                // As the simulator does: one tag in any case.
                let same = |t: &String| t.to_lowercase() == tag.to_lowercase();
                if body["Action"] == "Add" {
                    if !tags.iter().any(same) {
                        tags.push(tag);
                    }
                } else {
                    tags.retain(|t| !same(t));
                }
                return server::json(
                    200,
                    server::machine(ID, &tags.iter().map(String::as_str).collect::<Vec<_>>()),
                );
            }
            let listed = server::machine(ID, &tags.iter().map(String::as_str).collect::<Vec<_>>());
            server::json(200, json!({"value": [listed]}))
        })
    }
    let writes = |server: &server::Server| -> Vec<String> {
        server
            .seen()
            .iter()
            .filter(|s| s.method == "POST" && !is_token(s))
            .map(|s| {
                let body: Value = serde_json::from_slice(&s.body).unwrap();
                format!(
                    "{} {}",
                    body["Action"].as_str().unwrap(),
                    body["Value"].as_str().unwrap()
                )
            })
            .collect()
    };

    let api = serve(&["finance", "FINANCE", "VIP"]);
    let out = mdetag_at(&api)
        .args(["--output", "json", "tag", "rename", "Finance", "Ledger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["succeeded"], 3, "{doc}");
    let mut sent = writes(&api);
    sent.sort();
    assert_eq!(sent, ["Add Ledger", "Remove FINANCE", "Remove finance"]);

    let api = serve(&["finance", "FINANCE", "VIP"]);
    let out = mdetag_at(&api)
        .args([
            "--output",
            "json",
            "--concurrency",
            "10",
            "tag",
            "rename",
            "finance",
            "Finance",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let sent = writes(&api);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert_eq!(sent[2], "Add Finance", "the add goes last: {sent:?}");
    let listed = &stdout_json(&out)["results"];
    assert_eq!(listed.as_array().unwrap().len(), 3);
}

/// Undo puts a case-only rename back exactly: each machine's old spelling returns (removing
/// the new one first), and a second undo finds nothing left to do.
#[test]
fn undo_of_a_case_only_rename_puts_back_each_spelling() {
    let sim = TestSim::unlimited(4);
    let ids = sim.ids(2);
    set_tags(
        &sim,
        &[(&ids[0], &["ledger"]), (&ids[1], &["LEDGER", "VIP"])],
    );
    let before = sim.tags_and_values(&ids);
    let (code, doc, err) = run(&sim, &["tag", "rename", "ledger", "Ledger"]);
    assert_eq!(code, Some(0), "{err}");
    let renamed = sim.tags_and_values(&ids);
    assert_eq!(renamed[1].0, ["Ledger", "VIP"]);
    let run_id = doc["summary"]["run_id"].as_str().unwrap();
    let (code, undone, err) = run(&sim, &["undo", run_id]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(undone["summary"]["failed"], 0, "{undone}");
    assert_eq!(sim.tags_and_values(&ids), before, "{undone}");
}
