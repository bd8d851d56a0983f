//! Picking machines by name, filter and tag; tag set; skipping no-ops; plans before runs.

use std::collections::BTreeSet;

use mde_sim::MachineRecord;

use crate::kit::{TestSim, stdout_json, tag_add, tag_add_argv, temp_file, text};

fn fleet(n: usize) -> TestSim {
    TestSim::unlimited(n)
}

/// The simulator's fleet has re-onboarded devices: a name on two live records, and a name on a
/// live record plus one merged into it.
fn twins(sim: &TestSim) -> (MachineRecord, MachineRecord, MachineRecord, MachineRecord) {
    let all = sim.sim.machines();
    let stale = all
        .iter()
        .find(|m| {
            m.merged_into_machine_id.is_none()
                && all
                    .iter()
                    .filter(|o| o.computer_dns_name == m.computer_dns_name)
                    .count()
                    == 2
                && m.last_seen.starts_with("2026-09")
        })
        .unwrap();
    let live = all
        .iter()
        .find(|m| m.computer_dns_name == stale.computer_dns_name && m.id != stale.id)
        .unwrap();
    let merged = all
        .iter()
        .find(|m| m.merged_into_machine_id.is_some())
        .unwrap();
    let survivor = all
        .iter()
        .find(|m| Some(&m.id) == merged.merged_into_machine_id.as_ref())
        .unwrap();
    (
        live.clone(),
        stale.clone(),
        survivor.clone(),
        merged.clone(),
    )
}

#[test]
fn host_names_resolve_in_any_case_and_short_form() {
    let sim = fleet(30);
    let m = sim.sim.machines()[2].clone();
    let short = m
        .computer_dns_name
        .split('.')
        .next()
        .unwrap()
        .to_uppercase();
    let out = sim
        .cmd()
        .args(["--output", "json"])
        .args(tag_add(
            &[short.as_str(), "nobody.contoso.local"],
            "by-name",
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(
        doc["results"][0]["machine"],
        m.id.as_str(),
        "the row names the resolved ID"
    );
    assert_eq!(doc["results"][0]["status"], "succeeded");
    assert_eq!(doc["results"][1]["machine"], "nobody.contoso.local");
    assert_eq!(doc["results"][1]["error"]["code"], "not-found");
    assert_eq!(sim.tagged("by-name"), BTreeSet::from([m.id.clone()]));
    // Both names in one read.
    assert_eq!(
        sim.api_calls().iter().filter(|c| c.method == "GET").count(),
        1
    );
    // A dry run shows the same failure, and its exit code says so.
    let out = sim
        .cmd()
        .args(["--dry-run"])
        .args(tag_add(&["nobody.contoso.local"], "x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn duplicate_names_follow_on_duplicate() {
    let sim = fleet(50);
    let (live, stale, survivor, merged) = twins(&sim);
    let run = |policy: &str, tag: &str| {
        let out = sim
            .cmd()
            .args(["--on-duplicate", policy, "--output", "json"])
            .args(tag_add(
                &[&live.computer_dns_name, &survivor.computer_dns_name],
                tag,
            ))
            .output()
            .unwrap();
        (out.status.code(), stdout_json(&out))
    };
    let (code, _) = run("newest", "newest");
    assert_eq!(code, Some(0));
    assert_eq!(
        sim.tagged("newest"),
        BTreeSet::from([live.id.clone(), survivor.id.clone()]),
        "the newest, and never a merged record"
    );

    let (code, _) = run("all", "all");
    assert_eq!(code, Some(0));
    assert_eq!(
        sim.tagged("all"),
        BTreeSet::from([live.id.clone(), stale.id.clone(), survivor.id.clone()])
    );
    assert!(!sim.tagged("all").contains(&merged.id));

    let (code, doc) = run("fail", "fail");
    assert_eq!(code, Some(3));
    assert_eq!(doc["results"][0]["error"]["code"], "ambiguous");
    assert!(
        doc["results"][0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&stale.id)
    );
    assert_eq!(
        doc["results"][1]["status"], "succeeded",
        "one live record is no ambiguity"
    );
    assert_eq!(sim.tagged("fail"), BTreeSet::from([survivor.id.clone()]));
}

#[test]
fn a_csv_can_name_machines_by_host_name() {
    let sim = fleet(10);
    let ms = sim.sim.machines();
    let csv = format!(
        "Hostname,Action,Value\n{},Add,csv-name\n{},SetValue,High\n",
        ms[0].computer_dns_name.to_uppercase(),
        ms[1].computer_dns_name
    );
    let (_dir, path) = temp_file("names.csv", &csv);
    sim.cmd().arg("apply-csv").arg(&path).assert().success();
    assert!(sim.has_tag(&ms[0].id, "csv-name"));
    assert_eq!(sim.machine(&ms[1].id).device_value, "High");
}

#[test]
fn filter_tag_and_tag_prefix_pick_machines() {
    let sim = fleet(40);
    let all = sim.sim.machines();
    let inactive: BTreeSet<String> = all
        .iter()
        .filter(|m| m.health_status == "Inactive")
        .map(|m| m.id.clone())
        .collect();
    let finance: BTreeSet<String> = all
        .iter()
        .filter(|m| m.machine_tags.iter().any(|t| t == "Finance"))
        .map(|m| m.id.clone())
        .collect();
    assert!(!inactive.is_empty() && !finance.is_empty());

    sim.cmd()
        .args([
            "tag",
            "add",
            "--filter",
            "healthStatus eq 'Inactive'",
            "--value",
            "picked-by-filter",
        ])
        .assert()
        .success();
    assert_eq!(sim.tagged("picked-by-filter"), inactive);

    sim.cmd()
        .args(["tag", "add", "--tag", "finance", "--value", "picked-by-tag"])
        .assert()
        .success();
    assert_eq!(sim.tagged("picked-by-tag"), finance);

    sim.cmd()
        .args(["set-value", "--tag-prefix", "picked-by-t", "--value", "Low"])
        .assert()
        .success();
    let low: BTreeSet<String> = sim
        .sim
        .machines()
        .into_iter()
        .filter(|m| m.device_value == "Low")
        .map(|m| m.id)
        .collect();
    assert_eq!(low, finance);

    let out = sim
        .cmd()
        .args(["tag", "add", "--filter", "nonsense eq 'x'", "--value", "z"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a read the API refuses as malformed (400) is the user's input: exit 2"
    );
    assert!(
        text(&out.stderr).contains("reading machines failed"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn tag_set_makes_tags_exact_with_the_fewest_calls() {
    let sim = fleet(30);
    let ms = sim.sim.machines();
    let targets: Vec<&MachineRecord> = ms.iter().take(12).collect();
    let mut args = vec![
        "--output".to_string(),
        "json".into(),
        "tag".into(),
        "set".into(),
    ];
    for m in &targets {
        args.extend(["--machine".into(), m.id.clone()]);
    }
    args.extend([
        "--value".into(),
        "Tier-1".into(),
        "--value".into(),
        "Finance".into(),
    ]);
    let out = sim.cmd().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    for m in &targets {
        let now: BTreeSet<String> = sim.machine(&m.id).machine_tags.into_iter().collect();
        assert_eq!(
            now,
            BTreeSet::from(["Tier-1".to_string(), "Finance".to_string()]),
            "{}",
            m.id
        );
    }
    // No more write calls than distinct differences (one batch per shared difference at most).
    let differences: BTreeSet<(bool, String)> = targets
        .iter()
        .flat_map(|m| {
            let adds = ["Tier-1", "Finance"]
                .into_iter()
                .filter(|d| !m.machine_tags.iter().any(|t| t == d))
                .map(|d| (true, d.to_string()));
            let removes = m
                .machine_tags
                .iter()
                .filter(|t| *t != "Tier-1" && *t != "Finance")
                .map(|t| (false, t.clone()));
            adds.chain(removes).collect::<Vec<_>>()
        })
        .collect();
    assert!(
        sim.write_calls() <= differences.len(),
        "{} writes for {} distinct differences",
        sim.write_calls(),
        differences.len()
    );
    assert_eq!(doc["summary"]["failed"], 0);

    // Emptying machines: removals only, never a PATCH with an empty list.
    let before = sim.api_calls().len();
    let out = sim
        .cmd()
        .args([
            "tag",
            "set",
            "--none",
            "--machine",
            &targets[0].id,
            "--machine",
            &targets[1].id,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(sim.machine(&targets[0].id).machine_tags.is_empty());
    assert!(sim.machine(&targets[1].id).machine_tags.is_empty());
    assert!(
        sim.api_calls()[before..]
            .iter()
            .all(|c| c.method != "PATCH")
    );

    // A machine whose differences nobody shares gets one PATCH.
    let lone = &ms[20];
    let out = sim
        .cmd()
        .args([
            "tag",
            "set",
            "--machine",
            &lone.id,
            "--value",
            "only-1",
            "--value",
            "only-2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let last = sim.api_calls().pop().unwrap();
    assert_eq!(
        (last.method.as_str(), last.path.as_str()),
        ("PATCH", format!("/api/machines/{}", lone.id).as_str())
    );
    assert_eq!(sim.machine(&lone.id).machine_tags, ["only-1", "only-2"]);
}

#[test]
fn skip_unchanged_sends_nothing_for_no_ops() {
    let sim = fleet(20);
    let ms = sim.sim.machines();
    let has: Vec<&MachineRecord> = ms
        .iter()
        .filter(|m| m.machine_tags.iter().any(|t| t == "Finance"))
        .collect();
    let lacks: Vec<&MachineRecord> = ms
        .iter()
        .filter(|m| !m.machine_tags.iter().any(|t| t == "Finance"))
        .collect();
    assert!(!has.is_empty() && lacks.len() >= 2);
    let mut args = vec![
        "--skip-unchanged",
        "--output",
        "json",
        "tag",
        "add",
        "--value",
        "Finance",
    ];
    for m in has.iter().chain(lacks.iter().take(2)) {
        args.extend(["--machine", m.id.as_str()]);
    }
    let out = sim.cmd().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["skipped"].as_u64(), Some(has.len() as u64));
    assert_eq!(doc["summary"]["succeeded"], 2);
    assert!(
        doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "skipped")
            .all(|r| r["error"]["code"] == "unchanged")
    );
    assert_eq!(sim.write_calls(), 1, "one batch for the two that lacked it");

    // Nothing to change at all: reads, and not one write.
    let before = sim.write_calls();
    let out = sim
        .cmd()
        .args([
            "--skip-unchanged",
            "set-value",
            "--machine",
            &ms[0].id,
            "--value",
            "Normal",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(sim.write_calls(), before);
}

#[test]
fn dry_run_reads_but_never_writes_and_its_estimate_is_what_the_run_makes() {
    let sim = fleet(40);
    let ms = sim.sim.machines();
    let mut csv = String::from("MachineId,Hostname,Action,Value\n");
    for m in &ms[..25] {
        csv.push_str(&format!("{},,Add,est\n", m.id));
    }
    for m in &ms[25..30] {
        csv.push_str(&format!(",{},Remove,Finance\n", m.computer_dns_name));
    }
    csv.push_str(&format!("{},,SetValue,High\n", ms[31].id));
    let (_dir, path) = temp_file("plan.csv", &csv);

    let out = sim
        .cmd()
        .args([
            "--dry-run",
            "--skip-unchanged",
            "--output",
            "json",
            "apply-csv",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(sim.write_calls(), 0, "a dry run wrote");
    let reads = sim.api_calls().len();
    assert!(reads > 0);
    let stderr = text(&out.stderr);
    let estimate: u64 = stderr
        .split("API calls in all")
        .next()
        .and_then(|s| s.rsplit(' ').nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no call plan in {stderr}"));
    let doc = stdout_json(&out);
    assert!(doc["summary"]["planned"].as_u64().unwrap() > 0);
    assert_eq!(doc["summary"]["api_calls"].as_u64(), Some(reads as u64));

    let out = sim
        .cmd()
        .args(["--skip-unchanged", "--output", "json", "apply-csv"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let made = stdout_json(&out)["summary"]["api_calls"].as_u64().unwrap();
    assert_eq!(made, estimate, "the dry run's estimate");
    assert_eq!(sim.api_calls().len() as u64, reads as u64 + made);
}

#[test]
fn a_name_on_two_live_machines_warns_naming_both_unless_a_policy_says_otherwise() {
    let sim = fleet(50);
    let (live, stale, survivor, _merged) = twins(&sim);
    let names = [live.computer_dns_name.as_str(), &survivor.computer_dns_name];
    let warnings = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            .filter(|l| l.starts_with("mdetag: warning: host name"))
            .map(String::from)
            .collect()
    };
    let expected = format!(
        "mdetag: warning: host name {} is on 2 machines: using {} (last seen {}, the newest), \
         not {}; --on-duplicate all or fail, or a machine ID, to choose otherwise",
        live.computer_dns_name, live.id, live.last_seen, stale.id
    );
    // The default (newest): one warning, for the name on two live records only (a merged
    // record is no second machine).
    let (code, _, stderr) = sim.json_outcome(&tag_add_argv(&[], &names, "warned"));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        warnings(&stderr),
        std::slice::from_ref(&expected),
        "{stderr}"
    );
    // Listing reads names the same way, and says the same.
    let (code, doc, stderr) =
        sim.json_outcome(&["machines", "list", "--machine", &live.computer_dns_name]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["machines"][0]["machine"], live.id.as_str());
    assert_eq!(warnings(&stderr), [expected], "{stderr}");
    // `all` and `fail` choose nothing silently: no warning (fail's rows say `ambiguous`).
    for policy in ["all", "fail"] {
        let flags = ["--on-duplicate", policy];
        let (_, _, stderr) = sim.json_outcome(&tag_add_argv(&flags, &names, policy));
        assert!(warnings(&stderr).is_empty(), "{policy}: {stderr}");
    }
}
