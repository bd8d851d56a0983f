//! A plan saved over many tenants (`--save-plan` with `--tenants`) and its `apply`: one file
//! holding every tenant's part, drift checked in every tenant before anything is sent.

use std::collections::BTreeSet;

use mde_sim::sandbox_tenant;
use serde_json::Value;

use super::{machines_where, rows_of, tagged_in, tenants_file, three_tenants};
use crate::kit::{assert_exit_says, run_id, text, unlimited_config};

const FILTER: &str = "healthStatus eq 'Active'";

/// Saves a tag add of `tag` over the three tenants' active machines to `plan`.
fn save(sim: &crate::kit::TestSim, tenants: &str, plan: &str, tag: &str) -> Value {
    sim.ok_json(&[
        "tag",
        "add",
        "--tenants",
        tenants,
        "--filter",
        FILTER,
        "--value",
        tag,
        "--save-plan",
        plan,
    ])
}

fn active(sim: &crate::kit::TestSim, n: usize) -> BTreeSet<String> {
    machines_where(sim, &sandbox_tenant(n), |m| m.health_status == "Active")
}

#[test]
fn a_plan_saved_over_three_tenants_holds_each_part_and_applies_once_in_every_tenant() {
    let sim = three_tenants(20, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let plan = dir.path().join("plan.jsonl");
    let (tenants, plan_s) = (file.to_str().unwrap(), plan.to_str().unwrap());
    let saved = save(&sim, tenants, plan_s, "Planned-1");
    assert!(sim.sim.writes().is_empty(), "saving a plan sends nothing");
    let planned: usize = (1..=3).map(|n| active(&sim, n).len()).sum();
    assert_eq!(saved["summary"]["planned"], planned);
    // One file, a part a tenant in the tenants file's order, and no part left beside it.
    let body = std::fs::read_to_string(&plan).unwrap();
    let headers: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["t"] == "header")
        .collect();
    assert_eq!(headers.len(), 3);
    for (i, h) in headers.iter().enumerate() {
        assert_eq!(h["tenant"], sandbox_tenant(i + 1));
        assert_eq!(h["saved"]["part"], serde_json::json!({"n": i + 1, "of": 3}));
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part") || n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let applied = sim.ok_json(&["apply", plan_s]);
    assert_eq!(applied["summary"]["succeeded"], planned);
    for n in 1..=3 {
        let tenant = sandbox_tenant(n);
        assert_eq!(
            tagged_in(&sim, &tenant, "Planned-1"),
            active(&sim, n),
            "{tenant}"
        );
        assert!(
            rows_of(&applied, &tenant)
                .iter()
                .all(|r| r["status"] == "succeeded")
        );
    }
    let writes = sim.sim.writes().len();
    // One run over the three tenants, listed once; the plan runs only once.
    let id = run_id(&applied);
    let runs = sim.ok_json(&["runs", "list"]);
    assert_eq!(runs.as_array().unwrap().len(), 1);
    assert_eq!(
        (&runs[0]["run_id"], &runs[0]["tenants"]),
        (&Value::from(id.clone()), &Value::from(3))
    );
    let again = sim.cmd().args(["apply", plan_s]).output().unwrap();
    assert_exit_says(&again, 2, &format!("applied already, by run {id}"));
    assert_eq!(sim.sim.writes().len(), writes);
    // And it is undone like any run over many tenants: here through a saved plan too.
    let undo = dir.path().join("undo.jsonl");
    sim.ok_json(&["undo", &id, "--save-plan", undo.to_str().unwrap()]);
    assert_eq!(
        sim.sim.writes().len(),
        writes,
        "saving the undo sends nothing"
    );
    sim.ok_json(&["apply", undo.to_str().unwrap()]);
    for n in 1..=3 {
        assert!(tagged_in(&sim, &sandbox_tenant(n), "Planned-1").is_empty());
    }
}

#[test]
fn a_machine_changed_in_one_tenant_stops_the_whole_plan_until_skip_drifted() {
    let sim = three_tenants(20, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let plan = dir.path().join("plan.jsonl");
    let (tenants, plan_s) = (file.to_str().unwrap(), plan.to_str().unwrap());
    save(&sim, tenants, plan_s, "Planned-2");
    // Someone tags one of Fabrikam's planned machines after the plan was saved.
    let fabrikam = sandbox_tenant(2);
    let moved = active(&sim, 2).into_iter().next().unwrap();
    sim.ok_json(&[
        "tag",
        "add",
        "--tenant-id",
        &fabrikam,
        "--machine",
        &moved,
        "--value",
        "Someone-Else",
    ]);
    let before = sim.sim.writes().len();

    let out = sim.cmd().args(["apply", plan_s]).output().unwrap();
    let stderr = assert_exit_says(&out, 2, "nothing was sent in any tenant");
    assert!(
        stderr.contains(&format!("[Fabrikam] drifted: {moved}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 machine of") && stderr.contains("in 1 tenant"),
        "{stderr}"
    );
    assert_eq!(sim.sim.writes().len(), before, "nothing sent anywhere");
    let dry = sim
        .cmd()
        .args(["apply", plan_s, "--dry-run"])
        .output()
        .unwrap();
    assert_exit_says(&dry, 2, "changed since the plan was saved");

    let (code, doc, stderr) = sim.json_outcome(&["apply", plan_s, "--skip-drifted"]);
    assert_eq!(code, Some(0), "{stderr}");
    for n in [1, 3] {
        let tenant = sandbox_tenant(n);
        assert_eq!(tagged_in(&sim, &tenant, "Planned-2"), active(&sim, n));
    }
    let mut expected = active(&sim, 2);
    expected.remove(&moved);
    assert_eq!(tagged_in(&sim, &fabrikam, "Planned-2"), expected);
    let skipped: Vec<&Value> = rows_of(&doc, &fabrikam)
        .into_iter()
        .filter(|r| r["status"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0]["machine"], moved.as_str());
    assert_eq!(skipped[0]["error"]["code"], "drifted");
}

#[test]
fn no_plan_is_saved_when_a_tenant_cannot_be_planned() {
    let sim = three_tenants(10, true, unlimited_config(0));
    let (dir, file) = tenants_file();
    let plan = dir.path().join("plan.jsonl");
    let out = sim
        .cmd()
        .args([
            "tag",
            "add",
            "--tenants",
            file.to_str().unwrap(),
            "--filter",
            FILTER,
        ])
        .args(["--value", "X", "--save-plan", plan.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = assert_exit_says(&out, 3, "no plan saved to");
    assert!(
        stderr.contains("1 tenant could not be planned (Northwind)"),
        "{stderr}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["tenants.csv"],
        "no plan, and no part of one, is left"
    );
}

#[test]
fn a_plan_missing_a_tenants_part_is_refused_whole() {
    let sim = three_tenants(10, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let plan = dir.path().join("plan.jsonl");
    let plan_s = plan.to_str().unwrap();
    save(&sim, file.to_str().unwrap(), plan_s, "Cut");
    // Cut where the last tenant's part begins: what is left looks like two whole parts.
    let body = std::fs::read_to_string(&plan).unwrap();
    let last = body.rfind("{\"t\":\"header\"").unwrap();
    std::fs::write(&plan, &body[..last]).unwrap();
    let out = sim.cmd().args(["apply", plan_s]).output().unwrap();
    let stderr = assert_exit_says(&out, 2, "is not a complete plan");
    assert!(text(&out.stdout).is_empty(), "{stderr}");
    assert!(sim.sim.writes().is_empty());
}

#[test]
fn sync_and_apply_csv_save_plans_over_many_tenants_too() {
    let sim = three_tenants(10, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let tenants = file.to_str().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        format!("[[tag]]\nname = \"Managed\"\nfilter = \"{FILTER}\"\n")
            .replace("'Active'", "'Active'"),
    )
    .unwrap();
    let plan = dir.path().join("sync-plan.jsonl");
    let args = ["sync", rules.to_str().unwrap(), "--tenants", tenants];
    sim.ok_json(&[&args[..], &["--save-plan", plan.to_str().unwrap()]].concat());
    assert!(sim.sim.writes().is_empty());
    sim.ok_json(&["apply", plan.to_str().unwrap()]);
    let (code, _, stderr) = sim.json_outcome(&[&args[..], &["--check"]].concat());
    assert_eq!(
        code,
        Some(0),
        "the applied plan made every tenant match: {stderr}"
    );

    let csv = dir.path().join("rows.csv");
    let contoso = &active(&sim, 1).into_iter().next().unwrap();
    std::fs::write(
        &csv,
        format!("Tenant,MachineId,Action,Tag\nContoso,{contoso},Add,Row\n"),
    )
    .unwrap();
    let plan = dir.path().join("csv-plan.jsonl");
    sim.ok_json(&[
        "apply-csv",
        csv.to_str().unwrap(),
        "--tenants",
        tenants,
        "--save-plan",
        plan.to_str().unwrap(),
    ]);
    let body = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(
        body.matches("{\"t\":\"header\"").count(),
        1,
        "only the tenant with rows has a part"
    );
    sim.ok_json(&["apply", plan.to_str().unwrap()]);
    assert_eq!(
        tagged_in(&sim, &sandbox_tenant(1), "Row"),
        [contoso.clone()].into()
    );
}

#[test]
fn a_plan_over_many_tenants_applied_without_a_journal_still_runs_only_once() {
    let sim = three_tenants(8, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let plan = dir.path().join("plan.jsonl");
    let plan_s = plan.to_str().unwrap();
    save(&sim, file.to_str().unwrap(), plan_s, "Once");
    sim.ok_json(&["apply", plan_s, "--no-journal"]);
    let writes = sim.sim.writes().len();
    assert!(writes > 0);
    let again = sim
        .cmd()
        .args(["apply", plan_s, "--no-journal"])
        .output()
        .unwrap();
    assert_exit_says(&again, 2, "applied already");
    assert_eq!(sim.sim.writes().len(), writes);
}
