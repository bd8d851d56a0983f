//! Many tenants in one run (issue 20): `--tenants FILE` against a simulator serving three
//! tenants, each with its own machines, rate windows and consent.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use mde_sim::{SimConfig, TenantSpec, sandbox_tenant};
use serde_json::Value;

use crate::kit::{TestSim, run_id, temp_file, unlimited_config};

mod lists;
mod plans;

const NAMES: [&str; 3] = ["Contoso", "Fabrikam", "Northwind"];

/// A simulator serving three tenants of `machines` machines each (the last refusing every app
/// when `refusing`), with `config`'s other settings.
fn three_tenants(machines: usize, refusing: bool, config: SimConfig) -> TestSim {
    let tenants = (1..=3)
        .map(|n| {
            let t = TenantSpec::new(sandbox_tenant(n), machines);
            if refusing && n == 3 { t.refusing() } else { t }
        })
        .collect();
    TestSim::start(SimConfig { tenants, ..config })
}

/// The tenants file of the three tenants, with names.
fn tenants_file() -> (tempfile::TempDir, PathBuf) {
    let mut text = String::from("TenantId,Name\n");
    for (n, name) in NAMES.iter().enumerate() {
        text.push_str(&format!("{},{name}\n", sandbox_tenant(n + 1)));
    }
    temp_file("tenants.csv", &text)
}

/// The IDs of a tenant's machines that `keep` picks.
fn machines_where(
    sim: &TestSim,
    tenant: &str,
    keep: impl Fn(&mde_sim::MachineRecord) -> bool,
) -> BTreeSet<String> {
    sim.sim
        .machines_in(tenant)
        .expect("a tenant")
        .into_iter()
        .filter(|m| keep(m))
        .map(|m| m.id)
        .collect()
}

fn tagged_in(sim: &TestSim, tenant: &str, tag: &str) -> BTreeSet<String> {
    machines_where(sim, tenant, |m| m.machine_tags.iter().any(|t| t == tag))
}

/// The rows of a report by tenant ID.
fn rows_of<'a>(doc: &'a Value, tenant: &str) -> Vec<&'a Value> {
    doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["tenant"] == tenant)
        .collect()
}

#[test]
fn a_tag_add_across_three_tenants_tags_the_right_machines_in_each_and_none_elsewhere() {
    let sim = three_tenants(30, false, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let filter = "healthStatus eq 'Active'";
    let doc = sim.ok_json(&[
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        filter,
        "--value",
        "MSSP-1",
    ]);
    let mut total = 0;
    for (n, name) in NAMES.iter().enumerate() {
        let tenant = sandbox_tenant(n + 1);
        let active = machines_where(&sim, &tenant, |m| m.health_status == "Active");
        assert!(
            !active.is_empty() && active.len() < 30,
            "{tenant}: {}",
            active.len()
        );
        assert_eq!(tagged_in(&sim, &tenant, "MSSP-1"), active, "{tenant}");
        let rows = rows_of(&doc, &tenant);
        assert_eq!(rows.len(), active.len());
        assert!(
            rows.iter()
                .all(|r| r["tenant_name"] == *name && r["status"] == "succeeded")
        );
        let ids: BTreeSet<String> = rows
            .iter()
            .map(|r| r["machine"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, active, "each row names a machine of its own tenant");
        total += active.len();
    }
    let summary = &doc["summary"];
    assert_eq!(summary["succeeded"], total);
    let blocks = summary["tenants"].as_array().unwrap();
    assert_eq!(blocks.len(), 3);
    assert!(
        blocks
            .iter()
            .all(|b| b["ran"] == true && b["error"].is_null())
    );
    // One run, its tenants' journals under it.
    let id = run_id(&doc);
    let runs = sim.ok_json(&["runs", "list"]);
    let runs = runs.as_array().unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(
        (&runs[0]["run_id"], &runs[0]["tenants"]),
        (&Value::from(id.clone()), &Value::from(3))
    );
    let shown = sim.ok_json(&["runs", "show", &id]);
    assert_eq!(shown["summary"]["succeeded"], total);
    assert_eq!(shown["results"].as_array().unwrap().len(), total);
}

#[test]
fn a_tenant_that_refuses_the_app_fails_alone_and_the_others_succeed() {
    let sim = three_tenants(10, true, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let (code, doc, stderr) = sim.json_outcome(&[
        "set-value",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        "osPlatform eq 'Windows11'",
        "--value",
        "High",
    ]);
    assert_eq!(code, Some(3), "{stderr}");
    let blocks = doc["summary"]["tenants"].as_array().unwrap();
    assert_eq!(blocks[0]["ran"], true);
    assert_eq!(blocks[1]["ran"], true);
    assert_eq!(blocks[2]["ran"], false);
    let why = blocks[2]["error"].as_str().unwrap();
    assert!(why.contains("AADSTS700016"), "{why}");
    assert!(
        stderr.contains("[Northwind]") && stderr.contains("AADSTS700016"),
        "{stderr}"
    );
    assert!(sim.sim.writes_in(&sandbox_tenant(3)).is_empty());
    for n in 1..=2 {
        let tenant = sandbox_tenant(n);
        let picked = machines_where(&sim, &tenant, |m| m.os_platform == "Windows11");
        let high = machines_where(&sim, &tenant, |m| {
            m.os_platform == "Windows11" && m.device_value == "High"
        });
        assert_eq!(high, picked, "{tenant}");
    }
    // The tenant that could not run stays part of the run's record: listed, shown, and
    // named by resume, which cannot run what never started (exit 3, not a clean 0).
    let id = run_id(&doc);
    let runs = sim.ok_json(&["runs", "list"]);
    assert_eq!(
        (&runs[0]["tenants"], &runs[0]["never_ran"]),
        (&Value::from(3), &Value::from(1))
    );
    let shown = sim.ok_json(&["runs", "show", &id]);
    let blocks = shown["summary"]["tenants"].as_array().unwrap();
    let names: Vec<&Value> = blocks.iter().map(|b| &b["tenant_name"]).collect();
    assert_eq!(
        names,
        NAMES.iter().collect::<Vec<_>>(),
        "in the tenants file's order"
    );
    assert_eq!(blocks[2]["ran"], false);
    let why = blocks[2]["error"].as_str().unwrap();
    assert!(
        why.starts_with("never ran: ") && why.contains("AADSTS700016"),
        "{why}"
    );
    let (code, resumed, resume_err) = sim.json_outcome(&["resume", &id]);
    assert_eq!(code, Some(3), "{resume_err}");
    assert!(
        resume_err.contains("1 tenant of run") && resume_err.contains("never ran (Northwind)"),
        "{resume_err}"
    );
    let blocks = resumed["summary"]["tenants"].as_array().unwrap();
    assert_eq!((blocks.len(), &blocks[2]["ran"]), (3, &Value::Bool(false)));
    assert!(sim.sim.writes_in(&sandbox_tenant(3)).is_empty());
    crate::kit::assert_no_secret(&stderr);
}

#[test]
fn every_tenant_refusing_is_a_run_that_could_not_run() {
    let sim = TestSim::start(SimConfig {
        tenants: vec![TenantSpec::new(sandbox_tenant(1), 5).refusing()],
        ..unlimited_config(0)
    });
    let (_dir, file) = temp_file(
        "one.txt",
        &format!("# one customer\n{}\n", sandbox_tenant(1)),
    );
    let (code, _, stderr) = sim.json_outcome(&[
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        "healthStatus eq 'Active'",
        "--value",
        "X",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn tenants_run_side_by_side_each_held_to_its_own_rate_limit() {
    // 10 calls a second per app and tenant, as the service counts them; no batching, so each
    // machine is one call.
    let sim = three_tenants(
        25,
        false,
        SimConfig {
            rate_limits: vec![(10, Duration::from_secs(1))],
            latency: Duration::from_millis(20),
            ..unlimited_config(0)
        },
    );
    let (_dir, file) = tenants_file();
    // The client paces a little under the server's count, so a call the loaded machine
    // delays does not bunch up with the next second's.
    let doc = sim.ok_json(&[
        "--rate-limit",
        "8/1s",
        "--no-batch",
        "--no-prior-state",
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        "healthStatus ne 'Nothing'",
        "--value",
        "Paced",
    ]);
    assert_eq!(doc["summary"]["succeeded"], 75);
    let calls = sim.api_calls();
    // Paced per tenant, a 429 is the rare call a delay bunched up on a loaded machine (as in
    // `pacing`); tenants sharing one pace, or none, would get dozens.
    let throttled = calls.iter().filter(|c| c.status == 429).count();
    assert!(
        throttled * 10 < 75,
        "{throttled} calls answered 429: a tenant was not paced"
    );
    // Side by side: every tenant's writes began before any other tenant's writes ended.
    let writes: Vec<_> = calls
        .iter()
        .filter(|c| c.method == "POST" && c.status == 200)
        .collect();
    let span = |t: &str| {
        let at: Vec<f64> = writes
            .iter()
            .filter(|c| c.tenant.as_deref() == Some(t))
            .map(|c| c.at_ms)
            .collect();
        assert_eq!(at.len(), 25, "{t}");
        (
            at.iter().copied().fold(f64::MAX, f64::min),
            at.iter().copied().fold(0.0, f64::max),
        )
    };
    let spans: Vec<(f64, f64)> = (1..=3).map(|n| span(&sandbox_tenant(n))).collect();
    for (i, a) in spans.iter().enumerate() {
        for (j, b) in spans.iter().enumerate() {
            if i != j {
                assert!(
                    a.0 < b.1,
                    "tenant {i} started after tenant {j} ended: {spans:?}"
                );
            }
        }
    }
}

#[test]
fn a_run_over_many_tenants_killed_midway_resumes_in_every_tenant_without_repeating_a_write() {
    let mut sim = three_tenants(
        60,
        false,
        SimConfig {
            latency: Duration::from_millis(30),
            ..unlimited_config(0)
        },
    );
    sim.call_timeout_ms = Some(2000);
    let (dir, file) = tenants_file();
    let out = dir.path().join("out.jsonl");
    let args = [
        "--no-batch",
        "--rate-limit",
        "40/1s",
        "--output",
        "jsonl",
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        "healthStatus ne 'Nothing'",
        "--value",
        "Kill-9",
    ];
    sim.kill_when(&args, &out, "90 writes", || sim.sim.writes().len() >= 90);
    let before = sim.sim.writes().len();
    assert!(before < 180, "{before} written before the kill");
    // Rows went out as they settled, every tenant's into the one output, each saying its
    // tenant: the killed run left them (and no summary).
    let rows: Vec<Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.iter().all(|r| r["status"] == "succeeded"), "{rows:?}");
    let tenants: BTreeSet<&str> = rows.iter().map(|r| r["tenant"].as_str().unwrap()).collect();
    // Shown as stopped, not finished, until it is resumed.
    let runs = sim.ok_json(&["runs", "list"]);
    let killed = runs[0]["run_id"].as_str().unwrap().to_string();
    let shown = sim.ok_json(&["runs", "show", &killed]);
    assert_eq!(
        shown["summary"]["status"], "interrupted",
        "{}",
        shown["summary"]
    );
    assert!(
        tenants.len() >= 2,
        "rows of {tenants:?} among {}",
        rows.len()
    );

    let (code, doc, stderr) = sim.json_outcome(&["--rate-limit", "40/1s", "resume"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        doc["summary"]["total"], 180,
        "the report covers every tenant's whole run"
    );
    assert_eq!(doc["summary"]["succeeded"], 180, "{stderr}");
    for n in 1..=3 {
        let tenant = sandbox_tenant(n);
        assert_eq!(tagged_in(&sim, &tenant, "Kill-9").len(), 60, "{tenant}");
    }
    sim.assert_written_once(180);
}

#[test]
fn undo_of_a_run_over_many_tenants_puts_every_tenant_back() {
    let sim = three_tenants(20, false, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let before: Vec<BTreeSet<String>> = (1..=3)
        .map(|n| tagged_in(&sim, &sandbox_tenant(n), "Wave-1"))
        .collect();
    let doc = sim.ok_json(&[
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        "healthStatus eq 'Active'",
        "--value",
        "Wave-1",
    ]);
    let id = run_id(&doc);
    assert!((1..=3).all(|n| !tagged_in(&sim, &sandbox_tenant(n), "Wave-1").is_empty()));
    let undone = sim.ok_json(&["undo", &id]);
    assert_eq!(undone["summary"]["tenants"].as_array().unwrap().len(), 3);
    let after: Vec<BTreeSet<String>> = (1..=3)
        .map(|n| tagged_in(&sim, &sandbox_tenant(n), "Wave-1"))
        .collect();
    assert_eq!(after, before, "every tenant as it was");
    assert_eq!(sim.ok_json(&["runs", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_bad_tenants_file_is_named_with_its_line_and_nothing_is_sent() {
    let sim = three_tenants(5, false, unlimited_config(0));
    let (_dir, file) = temp_file(
        "tenants.csv",
        &format!("TenantId,Name\n{},A\nnot a tenant,B\n", sandbox_tenant(1)),
    );
    let out = sim
        .cmd()
        .args([
            "tag",
            "add",
            "--tenants",
            file.to_str().unwrap(),
            "--machine",
            "x",
            "--value",
            "Y",
        ])
        .output()
        .unwrap();
    let stderr = crate::kit::assert_exit_says(&out, 2, "tenants.csv:3:");
    assert!(stderr.contains("is not a tenant ID"), "{stderr}");
    assert!(sim.api_calls().is_empty());
}

#[test]
fn sync_check_across_tenants_is_4_until_a_sync_makes_every_tenant_match() {
    let sim = three_tenants(15, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[tag]]\nname = \"Managed-By-MSSP\"\nfilter = \"healthStatus eq 'Active'\"\n",
    )
    .unwrap();
    let rules = rules.to_str().unwrap();
    let args = ["sync", rules, "--tenants", file.to_str().unwrap()];
    let (code, doc, stderr) = sim.json_outcome(&[&args[..], &["--check"]].concat());
    assert_eq!(code, Some(4), "{stderr}");
    assert_eq!(doc["summary"]["tenants"].as_array().unwrap().len(), 3);
    assert!(sim.sim.writes().is_empty(), "--check sends nothing");
    let planned = doc["summary"]["planned"].as_u64().unwrap();
    assert!(planned > 0);

    let doc = sim.ok_json(&args);
    assert_eq!(doc["summary"]["succeeded"].as_u64(), Some(planned));
    for n in 1..=3 {
        let tenant = sandbox_tenant(n);
        let active = machines_where(&sim, &tenant, |m| m.health_status == "Active");
        assert_eq!(
            tagged_in(&sim, &tenant, "Managed-By-MSSP"),
            active,
            "{tenant}"
        );
    }
    let (code, _, stderr) = sim.json_outcome(&[&args[..], &["--check"]].concat());
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn apply_csv_with_tenants_runs_its_rows_in_each_tenant() {
    let sim = three_tenants(5, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    // Contoso's first machine: the other tenants have no machine of that name.
    let first = &sim.sim.machines_in(&sandbox_tenant(1)).unwrap()[0];
    let name = &first.computer_dns_name;
    let others_have_it = (2..=3).any(|n| {
        sim.sim
            .machines_in(&sandbox_tenant(n))
            .unwrap()
            .iter()
            .any(|m| &m.computer_dns_name == name)
    });
    let csv = dir.path().join("changes.csv");
    std::fs::write(
        &csv,
        format!("DeviceName,Action,Tag\n{name},Add,From-Csv\n"),
    )
    .unwrap();
    let (code, doc, stderr) = sim.json_outcome(&[
        "apply-csv",
        csv.to_str().unwrap(),
        "--tenants",
        file.to_str().unwrap(),
    ]);
    assert_eq!(doc["summary"]["tenants"].as_array().unwrap().len(), 3);
    assert_eq!(
        tagged_in(&sim, &sandbox_tenant(1), "From-Csv"),
        [first.id.clone()].into()
    );
    let contoso = rows_of(&doc, &sandbox_tenant(1));
    assert_eq!(contoso[0]["status"], "succeeded");
    if !others_have_it {
        // Not found in the others: each of those rows failed there, and the run exits 3.
        assert_eq!(code, Some(3), "{stderr}");
        for n in 2..=3 {
            let rows = rows_of(&doc, &sandbox_tenant(n));
            assert_eq!(rows[0]["error"]["code"], "not-found", "{doc}");
        }
    }
}

#[test]
fn a_hunting_query_runs_in_each_tenant_and_picks_that_tenants_machines() {
    let sim = three_tenants(20, false, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let doc = sim.ok_json(&[
        "set-value",
        "--tenants",
        file.to_str().unwrap(),
        "--query",
        "DeviceInfo | where OSPlatform == \"Windows11\" | distinct DeviceId",
        "--value",
        "High",
    ]);
    for n in 1..=3 {
        let tenant = sandbox_tenant(n);
        let windows11 = machines_where(&sim, &tenant, |m| m.os_platform == "Windows11");
        let high = machines_where(&sim, &tenant, |m| m.device_value == "High");
        assert_eq!(high, windows11, "{tenant}");
        assert_eq!(rows_of(&doc, &tenant).len(), windows11.len());
    }
}

#[test]
fn apply_csv_routes_rows_by_their_tenant_column_and_refuses_an_unknown_tenant() {
    let sim = three_tenants(5, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let first = |n: usize| {
        sim.sim.machines_in(&sandbox_tenant(n)).unwrap()[0]
            .id
            .clone()
    };
    let csv = dir.path().join("routed.csv");
    std::fs::write(
        &csv,
        format!(
            "MachineId,Action,Tag,Tenant\n{},Add,Routed,Contoso\n{},Add,Routed,{}\n",
            first(1),
            first(3),
            sandbox_tenant(3).to_uppercase()
        ),
    )
    .unwrap();
    let doc = sim.ok_json(&[
        "apply-csv",
        csv.to_str().unwrap(),
        "--tenants",
        file.to_str().unwrap(),
    ]);
    assert_eq!(doc["summary"]["succeeded"], 2, "{doc}");
    assert_eq!(
        tagged_in(&sim, &sandbox_tenant(1), "Routed"),
        [first(1)].into()
    );
    assert!(
        tagged_in(&sim, &sandbox_tenant(2), "Routed").is_empty(),
        "no row for Fabrikam"
    );
    assert_eq!(
        tagged_in(&sim, &sandbox_tenant(3), "Routed"),
        [first(3)].into()
    );

    // A row for a tenant the file does not list: invalid, and nothing is sent anywhere.
    let before = sim.api_calls().len();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "MachineId,Action,Tag,Tenant\n{},Add,Again,Contoso\n{},Add,Again,Tailspin\n",
            first(1),
            first(2)
        ),
    )
    .unwrap();
    let out = sim
        .cmd()
        .args([
            "apply-csv",
            bad.to_str().unwrap(),
            "--tenants",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = crate::kit::assert_exit_says(&out, 2, "bad.csv:3:");
    assert!(stderr.contains("tenant 'Tailspin' is not in"), "{stderr}");
    assert_eq!(sim.api_calls().len(), before, "nothing sent");
}

#[test]
fn a_terminal_shows_a_progress_line_per_tenant_and_a_pipe_none() {
    let sim = three_tenants(8, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let results = dir.path().join("out.json");
    let inner = format!(
        "{} --no-batch --rate-limit 4/1s --output json tag add --tenants {} --filter \"healthStatus ne 'X'\" --value Lines > {}",
        env!("CARGO_BIN_EXE_mdetag"),
        file.display(),
        results.display()
    );
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qefc", &inner, "/dev/null"]);
    sim.apply_env(&mut cmd);
    let out = cmd
        .output()
        .expect("util-linux `script` (Debian package bsdutils)");
    let screen = crate::kit::text(&out.stdout);
    assert!(out.status.success(), "{screen}");
    for name in NAMES {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("[{name}] [")) && l.contains("/8")),
            "no progress line for {name}: {screen:?}"
        );
    }
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&results).unwrap()).unwrap();
    assert_eq!(doc["summary"]["succeeded"], 24);

    // Piped, as the kit runs it: no bar at all.
    let (code, _, stderr) = sim.json_outcome(&[
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--filter",
        "healthStatus ne 'X'",
        "--value",
        "Piped",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("/8"), "{stderr}");
}

#[test]
fn tenants_and_changes_cannot_both_come_from_standard_input() {
    let sim = three_tenants(3, false, unlimited_config(0));
    let out = sim
        .cmd()
        .args(["apply-csv", "-", "--tenants", "-"])
        .write_stdin(format!("{}\n", sandbox_tenant(1)))
        .output()
        .unwrap();
    crate::kit::assert_exit_says(&out, 2, "would both read standard input");
    assert!(sim.api_calls().is_empty());
}

#[test]
fn a_csv_with_a_tenant_column_is_refused_without_tenants_rather_than_run_in_one_tenant() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(2);
    let (_dir, csv) = temp_file(
        "changes.csv",
        &format!(
            "Tenant,MachineId,Action,Tag\nContoso,{},Add,A\nFabrikam,{},Add,B\n",
            ids[0], ids[1]
        ),
    );
    let out = sim
        .cmd()
        .args(["apply-csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    crate::kit::assert_exit_says(
        &out,
        2,
        "changes.csv:1: column 'Tenant' names each row's tenant: give --tenants FILE",
    );
    assert!(sim.sim.writes().is_empty());
}

#[test]
fn a_sync_guard_that_refuses_one_tenant_stops_the_sync_in_every_tenant() {
    let sim = three_tenants(40, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    // Northwind's machines all carry the tag already; the rule keeps it on its active ones
    // only, so its sync would remove it from every inactive one.
    let northwind = sandbox_tenant(3);
    sim.ok_json(&[
        "tag",
        "add",
        "--tenant-id",
        &northwind,
        "--filter",
        "healthStatus ne 'X'",
        "--value",
        "Owned",
    ]);
    let inactive = machines_where(&sim, &northwind, |m| m.health_status != "Active").len();
    assert!(inactive > 10, "more than the guard's least, 10: {inactive}");
    let before = sim.sim.writes().len();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[tag]]\nname = \"Owned\"\nfilter = \"healthStatus eq 'Active'\"\n",
    )
    .unwrap();
    let rules = rules.to_str().unwrap();
    let out = sim
        .cmd()
        .args([
            "sync",
            rules,
            "--tenants",
            file.to_str().unwrap(),
            "--max-removals",
            "1",
        ])
        .output()
        .unwrap();
    let stderr = crate::kit::assert_exit_says(
        &out,
        2,
        "the sync was refused in 1 tenant (Northwind): nothing was sent in any tenant",
    );
    assert!(
        stderr.contains(&format!("[Northwind] {rules}:")),
        "{stderr}"
    );
    assert_eq!(
        sim.sim.writes().len(),
        before,
        "nothing sent in Contoso or Fabrikam either"
    );
    assert!(crate::kit::text(&out.stdout).is_empty());

    // --check says so per tenant, and how to make the changes.
    let (code, _, stderr) = sim.json_outcome(&[
        "sync",
        rules,
        "--tenants",
        file.to_str().unwrap(),
        "--check",
    ]);
    // A tenant whose plan a guard refuses could not run while the others did: exit 3.
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("[Northwind]") && stderr.contains("--max-removals"),
        "{stderr}"
    );
    let table = sim
        .cmd()
        .args([
            "sync",
            rules,
            "--tenants",
            file.to_str().unwrap(),
            "--check",
            "--max-removals",
            "100",
        ])
        .output()
        .unwrap();
    assert_eq!(table.status.code(), Some(4));
    let stdout = crate::kit::text(&table.stdout);
    assert!(
        stdout.contains("3 tenants: 0 clean, 3 with changes pending"),
        "{stdout}"
    );
    let stderr = crate::kit::text(&table.stderr);
    assert!(
        stderr.contains(&format!(
            "run `mdetag sync {rules} --tenants {} --max-removals 100` to make them",
            file.display()
        )),
        "{stderr}"
    );
}

#[test]
fn tenants_a_signal_stopped_before_they_started_are_named_by_resume_not_dropped() {
    let mut sim = three_tenants(
        20,
        false,
        SimConfig {
            latency: Duration::from_millis(40),
            ..unlimited_config(0)
        },
    );
    sim.call_timeout_ms = Some(2000);
    let (dir, file) = tenants_file();
    let out = dir.path().join("out.json");
    let args = [
        "--no-batch",
        "--rate-limit",
        "10/1s",
        "--output",
        "json",
        "tag",
        "add",
        "--tenants",
        file.to_str().unwrap(),
        "--tenant-concurrency",
        "1",
        "--filter",
        "healthStatus ne 'X'",
        "--value",
        "Stopped",
    ];
    let child = sim.spawn(&args, &out);
    crate::kit::wait_until("Contoso's first writes", || sim.sim.writes().len() >= 3);
    crate::kit::send_signal(child.id(), "INT");
    let (code, stderr) = crate::kit::finish(child);
    assert_eq!(code, Some(130), "{stderr}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let id = run_id(&doc);
    // The live report says what the run's record will: two tenants never started.
    let blocks = doc["summary"]["tenants"].as_array().unwrap();
    assert_eq!(
        blocks.iter().map(|b| &b["ran"]).collect::<Vec<_>>(),
        [&Value::Bool(true), &Value::Bool(false), &Value::Bool(false)]
    );
    assert!(
        stderr.contains(
            "continues the tenants that started; 2 tenants never started (Fabrikam, Northwind)"
        ),
        "{stderr}"
    );
    let runs = sim.ok_json(&["runs", "list"]);
    assert_eq!(
        (
            &runs[0]["run_id"],
            &runs[0]["tenants"],
            &runs[0]["never_ran"]
        ),
        (&Value::from(id), &Value::from(3), &Value::from(2))
    );
    // A bare `resume` takes it too: the newest run is not whole.
    let (code, resumed, stderr) = sim.json_outcome(&["resume"]);
    assert_eq!(
        code,
        Some(3),
        "Fabrikam and Northwind never ran: not a clean 0: {stderr}"
    );
    assert!(
        stderr.contains("2 tenants of run") && stderr.contains("Fabrikam, Northwind"),
        "{stderr}"
    );
    assert_eq!(resumed["summary"]["tenants"].as_array().unwrap().len(), 3);
    let contoso = sandbox_tenant(1);
    assert_eq!(
        tagged_in(&sim, &contoso, "Stopped").len(),
        20,
        "the tenant that started is finished"
    );
    assert!(sim.sim.writes_in(&sandbox_tenant(2)).is_empty());
}

#[test]
fn a_streamed_run_over_many_tenants_ends_with_its_tenants_line_on_standard_error() {
    let sim = three_tenants(6, true, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let out = sim
        .cmd()
        .args([
            "--output",
            "jsonl",
            "tag",
            "add",
            "--tenants",
            file.to_str().unwrap(),
        ])
        .args(["--filter", "healthStatus ne 'X'", "--value", "Streamed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = crate::kit::text(&out.stdout);
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["tenants"].as_array().unwrap().len(), 3);
    let stderr = crate::kit::text(&out.stderr);
    assert!(
        stderr.contains("mdetag: 3 tenants: 2 clean, 1 could not run · 12 operations"),
        "why exit 3, for the person at the terminal: {stderr}"
    );
}
