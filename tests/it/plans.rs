//! Saved plans: `--save-plan` records the plan and what it saw; `apply` runs exactly that plan,
//! once, while its machines are as the plan saw them.

use std::path::{Path, PathBuf};

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

/// Tags `machines` with `tag` behind the plan's back (no journal).
fn tag_behind(sim: &TestSim, machines: &[&String], tag: &str) {
    let mut args = vec!["--no-journal", "tag", "add", "--value", tag];
    for m in machines {
        args.extend(["--machine", m.as_str()]);
    }
    let (code, _, err) = run(sim, &args);
    assert_eq!(code, Some(0), "{err}");
}

/// Saves a plan adding `tag` to `machines`; the plan's path.
fn save(sim: &TestSim, dir: &Path, machines: &[&String], tag: &str) -> PathBuf {
    let plan = dir.join("p.plan");
    let mut args = vec!["tag", "add", "--value", tag, "--save-plan"];
    let plan_arg = plan.display().to_string();
    args.push(&plan_arg);
    for m in machines {
        args.extend(["--machine", m.as_str()]);
    }
    let writes = sim.write_calls();
    let (code, _, err) = run(sim, &args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(sim.write_calls(), writes, "saving a plan sends nothing");
    assert!(err.contains("plan saved to"), "{err}");
    plan
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn statuses(doc: &Value) -> Vec<(String, String)> {
    doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["machine"].as_str().unwrap().to_string(),
                format!(
                    "{} {}",
                    r["status"].as_str().unwrap(),
                    r["error"]["code"].as_str().unwrap_or("")
                )
                .trim()
                .to_string(),
            )
        })
        .collect()
}

#[test]
fn a_saved_plan_records_what_it_saw_and_apply_runs_it_as_a_journaled_run() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(3);
    let dir = tempfile::tempdir().unwrap();
    let machines_file = dir.path().join("m.txt");
    std::fs::write(&machines_file, format!("{}\n{}\n", ids[0], ids[1])).unwrap();
    let plan = dir.path().join("p.plan");
    let (code, doc, err) = run(
        &sim,
        &[
            "tag",
            "add",
            "--value",
            "Reviewed",
            "--machines-file",
            &machines_file.display().to_string(),
            "--machine",
            &ids[2],
            "--save-plan",
            &plan.display().to_string(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["summary"]["planned"], 3, "{doc}");
    assert_eq!(sim.write_calls(), 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&plan).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let saved = lines(&plan);
    let header = &saved[0];
    assert_eq!(header["t"], "header");
    assert_eq!(header["saved"]["cloud"], "commercial");
    assert!(
        header["saved"]["typed"]
            .as_str()
            .unwrap()
            .contains("--output json tag add --value Reviewed --machines-file"),
        "{header}"
    );
    let digest = &header["saved"]["inputs"][0];
    assert_eq!(digest["input"], machines_file.display().to_string());
    assert_eq!(digest["sha256"].as_str().unwrap().len(), 64);
    let priors: Vec<&Value> = saved.iter().filter(|l| l["t"] == "prior").collect();
    assert_eq!(priors.len(), 3, "every touched machine's state is recorded");
    assert_eq!(
        saved.last().unwrap()["t"],
        "planned",
        "the last line marks it complete"
    );

    let (code, doc, err) = run(&sim, &["apply", &plan.display().to_string()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["summary"]["succeeded"], 3, "{doc}");
    assert_eq!(sim.write_calls(), 1, "one batch call");
    for id in &ids {
        assert!(sim.machine(id).machine_tags.contains(&"Reviewed".into()));
    }
    // The run is journaled, names the plan, and undoes exactly.
    let run_id = doc["summary"]["run_id"].as_str().unwrap().to_string();
    let journal = sim
        .state
        .path()
        .join("runs")
        .join(format!("{run_id}.jsonl"));
    let head = &lines(&journal)[0];
    assert_eq!(head["command"], "apply");
    assert_eq!(head["applies"]["sha256"].as_str().unwrap().len(), 64);
    let (code, _, err) = run(&sim, &["undo", &run_id]);
    assert_eq!(code, Some(0), "{err}");
    for id in &ids {
        assert!(!sim.machine(id).machine_tags.contains(&"Reviewed".into()));
    }
}

#[test]
fn drift_is_refused_with_nothing_sent_then_skip_drifted_runs_the_rest() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(3);
    let dir = tempfile::tempdir().unwrap();
    let plan = save(&sim, dir.path(), &ids.iter().collect::<Vec<_>>(), "Wave1");
    tag_behind(&sim, &[&ids[1]], "Quarantine");
    let writes = sim.write_calls();

    let plan_arg = plan.display().to_string();
    let (code, _, err) = run(&sim, &["apply", &plan_arg]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(sim.write_calls(), writes, "nothing sent");
    assert!(err.contains(&format!("drifted: {}", ids[1])), "{err}");
    assert!(err.contains("tags added: Quarantine"), "{err}");
    assert!(err.contains("--skip-drifted"), "{err}");
    assert!(!err.contains(&format!("drifted: {}", ids[0])), "{err}");

    // The dry run checks drift too, and sends nothing.
    let (code, _, err) = run(&sim, &["--dry-run", "apply", &plan_arg]);
    assert_eq!(code, Some(2), "{err}");

    let (code, doc, err) = run(&sim, &["apply", &plan_arg, "--skip-drifted"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        statuses(&doc),
        vec![
            (ids[0].clone(), "succeeded".into()),
            (ids[1].clone(), "skipped drifted".into()),
            (ids[2].clone(), "succeeded".into()),
        ]
    );
    assert!(!sim.machine(&ids[1]).machine_tags.contains(&"Wave1".into()));
    assert!(sim.machine(&ids[2]).machine_tags.contains(&"Wave1".into()));
}

#[test]
fn apply_runs_the_plan_not_the_pickers_again() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(3);
    tag_behind(&sim, &[&ids[0], &ids[1]], "Pilot");
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("pilot.plan");
    let (code, _, err) = run(
        &sim,
        &[
            "tag",
            "add",
            "--tag",
            "Pilot",
            "--value",
            "Wave1",
            "--save-plan",
            &plan.display().to_string(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    // A third machine joins the picker after the plan was saved.
    tag_behind(&sim, &[&ids[2]], "Pilot");
    let (code, doc, err) = run(&sim, &["apply", &plan.display().to_string()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["summary"]["total"], 2, "{doc}");
    assert!(sim.machine(&ids[0]).machine_tags.contains(&"Wave1".into()));
    assert!(sim.machine(&ids[1]).machine_tags.contains(&"Wave1".into()));
    assert!(!sim.machine(&ids[2]).machine_tags.contains(&"Wave1".into()));
}

#[test]
fn a_plan_is_applied_once() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(2);
    let dir = tempfile::tempdir().unwrap();
    let plan = save(&sim, dir.path(), &[&ids[0], &ids[1]], "Once");
    let plan_arg = plan.display().to_string();
    let (code, doc, err) = run(&sim, &["apply", &plan_arg]);
    assert_eq!(code, Some(0), "{err}");
    let run_id = doc["summary"]["run_id"].as_str().unwrap().to_string();
    let writes = sim.write_calls();
    let (code, _, err) = run(&sim, &["apply", &plan_arg]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("applied already"), "{err}");
    assert!(err.contains(&run_id), "the refusal names the run: {err}");
    assert_eq!(sim.write_calls(), writes);
}

#[test]
fn a_plan_for_another_endpoint_is_refused() {
    let sim = TestSim::unlimited(5);
    let other = TestSim::unlimited(5);
    let ids = sim.ids(1);
    let dir = tempfile::tempdir().unwrap();
    let plan = save(&sim, dir.path(), &[&ids[0]], "Here");
    let (code, _, err) = run(&other, &["apply", &plan.display().to_string()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("was made for tenant"), "{err}");
    assert_eq!(other.write_calls(), 0);
    assert_eq!(other.api_calls().len(), 0, "not even a read");
}

#[test]
fn an_incomplete_or_damaged_plan_is_refused_and_a_plan_is_not_a_run() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(2);
    let dir = tempfile::tempdir().unwrap();
    let plan = save(&sim, dir.path(), &[&ids[0], &ids[1]], "Cut");
    let whole = std::fs::read_to_string(&plan).unwrap();
    let plan_arg = plan.display().to_string();

    // Without its last line (the mark that it is complete).
    let cut: Vec<&str> = whole.lines().collect();
    std::fs::write(&plan, cut[..cut.len() - 1].join("\n") + "\n").unwrap();
    let (code, _, err) = run(&sim, &["apply", &plan_arg]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a complete plan"), "{err}");

    // Cut in the middle of a line.
    std::fs::write(&plan, &whole[..whole.len() / 2]).unwrap();
    let (code, _, err) = run(&sim, &["apply", &plan_arg]);
    assert_eq!(code, Some(2), "{err}");

    // A damaged line that is not the last.
    let damaged = whole.replacen("\"t\":\"op\"", "\"t\":\"op\",", 1);
    std::fs::write(&plan, damaged).unwrap();
    let (code, _, err) = run(&sim, &["apply", &plan_arg]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(sim.write_calls(), 0);

    // A plan is applied, never resumed or undone as a run.
    std::fs::write(&plan, &whole).unwrap();
    for command in ["resume", "undo"] {
        let (code, _, err) = run(&sim, &[command, &plan_arg]);
        assert_eq!(code, Some(2), "{command}: {err}");
        assert!(err.contains("is a saved plan"), "{err}");
    }
    assert_eq!(sim.write_calls(), 0);
}
