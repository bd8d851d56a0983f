//! Undo is exact for every journaled run: prior state is recorded before the first write (one
//! listing or batched reads), and a machine someone changed since the run is left alone.

use serde_json::Value;

use crate::kit::{TestSim, run_id, tag_add_argv};

/// An ordinary run by ID (no `--skip-unchanged`) is undone exactly, by ID, with no `--force`:
/// an add the machine had before stays.
#[test]
fn an_ordinary_run_by_id_is_undone_exactly() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(3);
    // m0 already carries "Keep".
    let (code, _, err) = sim.json_outcome(&tag_add_argv(&["--no-journal"], &ids[..1], "Keep"));
    assert_eq!(code, Some(0), "{err}");
    let before = sim.tags_and_values(&ids);
    let (code, doc, err) = sim.json_outcome(&tag_add_argv(&[], &ids, "keep"));
    assert_eq!(code, Some(0), "{err}");
    let (code, undone, err) = sim.json_outcome(&["undo", &run_id(&doc)]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(sim.tags_and_values(&ids), before, "{undone}");
    assert!(
        sim.has_tag(&ids[0], "Keep"),
        "m0 had it before the run: it stays"
    );
}

/// A set-value run whose machines someone changed since: undo leaves those alone
/// (`skipped` `changed-since`), restores the rest, and says so truly.
#[test]
fn undo_leaves_machines_changed_since_the_run_alone() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(4);
    let before = sim.tags_and_values(&ids);
    let mut args = vec!["set-value", "--value", "High"];
    for id in &ids {
        args.extend(["--machine", id.as_str()]);
    }
    let (code, doc, err) = sim.json_outcome(&args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["summary"]["succeeded"], 4);
    // Someone else sets m0 and m1 to Low since.
    let (code, _, err) = sim.json_outcome(&[
        "--no-journal",
        "set-value",
        "--value",
        "Low",
        "--machine",
        &ids[0],
        "--machine",
        &ids[1],
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, undone, err) = sim.json_outcome(&["undo", &run_id(&doc)]);
    assert_eq!(code, Some(0), "{err}");
    let rows = undone["results"].as_array().unwrap();
    let changed: Vec<&Value> = rows
        .iter()
        .filter(|r| r["error"]["code"] == "changed-since")
        .collect();
    assert_eq!(changed.len(), 2, "{undone}");
    assert!(changed.iter().all(|r| r["status"] == "skipped"));
    assert_eq!(sim.machine(&ids[0]).device_value, "Low", "left alone");
    assert_eq!(sim.machine(&ids[1]).device_value, "Low", "left alone");
    assert_eq!(
        sim.tags_and_values(&ids)[2..],
        before[2..],
        "the rest restored"
    );
    assert_eq!(undone["summary"]["succeeded"], 2);

    // --force puts back what the run found, over the foreign change.
    let (code, forced, err) = sim.json_outcome(&["undo", &run_id(&doc), "--force"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(sim.tags_and_values(&ids), before, "{forced}");
    assert!(!err.contains("changed nothing"), "{err}");
}

/// `--no-prior-state` skips the reads; undo of such a run refuses without `--force`.
#[test]
fn no_prior_state_skips_the_reads_and_undo_then_refuses() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(2);
    let (code, doc, err) = sim.json_outcome(&tag_add_argv(&["--no-prior-state"], &ids, "np"));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        sim.api_calls().iter().all(|c| c.method != "GET"),
        "no read was made"
    );
    let (code, _, err) = sim.json_outcome(&["undo", &run_id(&doc)]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--force"), "{err}");
}

/// A read that shows an ID does not exist makes it `failed` `not-found` in the dry run and in
/// the real run alike, and the real run sends nothing for it.
#[test]
fn an_unknown_id_is_not_found_in_the_dry_run_and_never_sent() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(1);
    let ghost = "ab".repeat(20);
    let machines = [ids[0].as_str(), &ghost];
    let args = tag_add_argv(&["--skip-unchanged", "--no-batch"], &machines, "x");
    let mut dry = vec!["--dry-run"];
    dry.extend(&args);
    let (code, planned, err) = sim.json_outcome(&dry);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(planned["results"][1]["status"], "failed", "{planned}");
    assert_eq!(planned["results"][1]["error"]["code"], "not-found");
    let (code, done, err) = sim.json_outcome(&args);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(done["results"][1]["status"], "failed");
    assert_eq!(done["results"][1]["error"]["code"], "not-found");
    assert_eq!(done["results"][1]["attempts"], 0, "never sent");
    assert_eq!(
        sim.write_calls(),
        1,
        "one write, for the machine that exists"
    );
}

/// A stopped run that was undone is not resumed: that would send again what the undo put
/// back. A bare `resume` does not offer it either.
#[test]
fn an_undone_run_is_not_resumed() {
    let mut sim = TestSim::start(mde_sim::SimConfig {
        latency: std::time::Duration::from_millis(20),
        ..crate::kit::unlimited_config(30)
    });
    sim.call_timeout_ms = Some(2000);
    let ids = sim.ids(30);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut args = vec!["--no-batch", "--rate-limit", "10/1s"];
    let tagging = tag_add_argv(&[], &ids, "Undone");
    args.extend(tagging.iter().copied());
    // Stopped cleanly (Ctrl-C): nothing uncertain, so it can be undone at once.
    let child = sim.spawn(&args, &out);
    crate::kit::wait_until("5 writes", || sim.sim.writes().len() >= 5);
    crate::kit::send_signal(child.id(), "INT");
    let (code, err) = crate::kit::finish(child);
    assert_eq!(code, Some(130), "{err}");
    let runs = sim.ok_json(&["runs", "list"]);
    let id = runs[0]["run_id"].as_str().unwrap().to_string();
    let (code, _, err) = sim.json_outcome(&["undo", &id]);
    assert_eq!(code, Some(0), "{err}");
    let writes = sim.sim.writes().len();
    let again = sim.cmd().args(["resume", &id]).output().unwrap();
    crate::kit::assert_exit_says(&again, 2, &format!("run {id} was undone by run"));
    let bare = sim.cmd().args(["resume"]).output().unwrap();
    let said = crate::kit::text(&bare.stderr);
    assert!(
        !said.contains(&format!("  {id}  ")),
        "the undone run is not offered: {said}"
    );
    assert_eq!(sim.sim.writes().len(), writes, "nothing sent again");
}
