//! How pickers combine (issue 10): lists add up, conditions narrow, a repeated condition means
//! any of its values. The simulator's findbytag and `$filter` are its own code, independent of
//! the client's.

use std::collections::BTreeSet;

use mde_sim::MachineRecord;

use crate::kit::{TestSim, stdout_json, temp_file, text};

fn fleet() -> TestSim {
    TestSim::unlimited(60)
}

fn ids_where(sim: &TestSim, keep: impl Fn(&MachineRecord) -> bool) -> BTreeSet<String> {
    sim.sim
        .machines()
        .iter()
        .filter(|m| keep(m))
        .map(|m| m.id.clone())
        .collect()
}

fn has(m: &MachineRecord, tag: &str) -> bool {
    m.machine_tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

fn tagged(sim: &TestSim, tag: &str) -> BTreeSet<String> {
    ids_where(sim, |m| has(m, tag))
}

fn listed(sim: &TestSim, args: &[&str]) -> BTreeSet<String> {
    let out = sim
        .cmd()
        .args(["--output", "json", "machines", "list"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    stdout_json(&out)["machines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["machine"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_tag_and_a_filter_pick_the_machines_that_meet_both() {
    let sim = fleet();
    let want = ids_where(&sim, |m| m.health_status == "Inactive" && has(m, "VIP"));
    let inactive = ids_where(&sim, |m| m.health_status == "Inactive");
    assert!(
        !want.is_empty() && want.len() < inactive.len(),
        "a fleet that tells them apart"
    );
    let filter = "healthStatus eq 'Inactive'";
    assert_eq!(listed(&sim, &["--tag", "vip", "--filter", filter]), want);
    let out = sim
        .cmd()
        .args([
            "--output", "json", "tag", "add", "--tag", "VIP", "--filter", filter, "--value", "both",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(tagged(&sim, "both"), want);
    // One read (the filter), the tags checked on what it returned.
    let reads = sim.api_calls().iter().filter(|c| c.method == "GET").count();
    assert_eq!(reads, 2, "one for the listing above, one for this run");
}

#[test]
fn a_repeated_condition_means_any_of_its_values() {
    let sim = fleet();
    let want = ids_where(&sim, |m| has(m, "Kiosk") || has(m, "Legacy"));
    assert_eq!(listed(&sim, &["--tag", "Kiosk", "--tag", "Legacy"]), want);
    let kiosk_prefix = ids_where(&sim, |m| {
        has(m, "Kiosk") && m.machine_tags.iter().any(|t| t.starts_with("Fin"))
    });
    assert_eq!(
        listed(&sim, &["--tag", "Kiosk", "--tag-prefix", "fin"]),
        kiosk_prefix
    );
}

#[test]
fn conditions_narrow_a_list_and_say_which_listed_machines_they_left_out() {
    let sim = fleet();
    let ms = sim.sim.machines();
    let file: Vec<&MachineRecord> = ms.iter().take(20).collect();
    let mut text_file = String::new();
    for (i, m) in file.iter().enumerate() {
        // Some by ID, some by host name.
        if i % 2 == 0 {
            text_file.push_str(&format!("{}\n", m.id));
        } else {
            text_file.push_str(&format!("{}\n", m.computer_dns_name));
        }
    }
    let (_dir, path) = temp_file("list.txt", &text_file);
    let want: BTreeSet<String> = file
        .iter()
        .filter(|m| has(m, "VIP") && m.merged_into_machine_id.is_none())
        .map(|m| m.id.clone())
        .collect();
    assert!(!want.is_empty());
    for filter in [None, Some("healthStatus ne 'Nonsense'")] {
        let mut args = vec![
            "--output",
            "json",
            "--dry-run",
            "tag",
            "add",
            "--tag",
            "VIP",
            "--value",
            "narrowed",
        ];
        if let Some(f) = filter {
            args.extend(["--filter", f]);
        }
        args.push("--machines-file");
        let before = sim.api_calls().len();
        let out = sim.cmd().args(&args).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc = stdout_json(&out);
        let rows = doc["results"].as_array().unwrap();
        let planned: BTreeSet<String> = rows
            .iter()
            .filter(|r| r["status"] == "planned")
            .map(|r| r["machine"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(planned, want, "{filter:?}");
        let left_out = rows
            .iter()
            .filter(|r| r["error"]["code"] == "not-picked")
            .count();
        assert!(left_out > 0, "listed machines without VIP say so");
        assert!(
            rows.iter()
                .filter(|r| r["error"]["code"] == "not-picked")
                .all(|r| r["error"]["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("it has no tag 'VIP'"))
        );
        // The call plan is exact: the real run makes the reads the dry run made.
        let dry_reads = sim.api_calls().len() - before;
        let mut real: Vec<&str> = args.iter().copied().filter(|a| *a != "--dry-run").collect();
        real.push("--machines-file");
        real.pop();
        let out = sim.cmd().args(&real).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc = stdout_json(&out);
        let made = doc["summary"]["api_calls"].as_u64().unwrap() as usize;
        assert_eq!(
            made,
            dry_reads + 1,
            "{filter:?}: the reads, and one batch call"
        );
    }
    assert_eq!(tagged(&sim, "narrowed"), want);
}

/// Streamed rows too: a repeat that was not sent waits for its machine's answer, and carries
/// the name that answer gave.
#[test]
fn streamed_repeats_carry_the_name_the_answer_gave() {
    let sim = fleet();
    let ms = sim.sim.machines();
    for format in ["jsonl", "csv"] {
        let out = sim
            .cmd()
            .args(["--output", format, "tag", "add", "--value", "s"])
            .args(["--machine", &ms[3].id, "--machine", &ms[3].id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let name = ms[3].computer_dns_name.as_str();
        assert_eq!(stdout.matches(name).count(), 2, "{format}: {stdout}");
        assert!(stdout.contains("duplicate"), "{format}: {stdout}");
    }
}

#[test]
fn rows_name_their_machines_and_a_big_table_lists_only_what_failed() {
    let sim = fleet();
    let ms = sim.sim.machines();
    // By host name (the picker's), by ID (the API's answer), by a condition (the read).
    let out = sim
        .cmd()
        .args([
            "--output",
            "json",
            "tag",
            "add",
            "--machine",
            &ms[10].computer_dns_name.to_uppercase(),
        ])
        .args([
            "--machine",
            &ms[3].id,
            "--machine",
            &ms[3].id,
            "--value",
            "named",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    let names: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            ms[10].computer_dns_name.as_str(),
            ms[3].computer_dns_name.as_str(),
            // The repeat was not sent; the name the first one's answer gave names it too.
            ms[3].computer_dns_name.as_str()
        ]
    );
    let out = sim
        .cmd()
        .args(["tag", "add", "--tag", "named", "--value", "again"])
        .output()
        .unwrap();
    let table = text(&out.stdout);
    assert!(
        table.contains("Name") && table.contains(&ms[10].computer_dns_name),
        "{table}"
    );

    // 1,200 operations, two of them bad: the table lists those two and says where the rest is.
    let mut csv = String::from("MachineId,Action,Value\n");
    for m in ms.iter().take(50) {
        for t in 0..24 {
            csv.push_str(&format!("{},Add,big-{t}\n", m.id));
        }
    }
    csv = csv.replacen(
        &format!("{},Add,big-0", ms[0].id),
        &format!("{},Add,big-0", "0".repeat(40)),
        1,
    );
    csv = csv.replacen(
        &format!("{},Add,big-1", ms[1].id),
        &format!("{},Add,big-1", "1".repeat(40)),
        1,
    );
    let (_dir, path) = temp_file("big.csv", &csv);
    let out = sim.cmd().arg("apply-csv").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert_eq!(
        table.matches("│ 0000000000").count() + table.matches("│ 1111111111").count(),
        2,
        "{table}"
    );
    assert!(table.lines().count() < 20, "{table}");
    assert!(
        table.contains("1200 operations, over 1000: the failed are listed (2 of 2)"),
        "{table}"
    );
    assert!(table.contains("mdetag runs show"), "{table}");
}

/// Empty inputs succeed, but never silently: standard error says there was nothing to do, and
/// no journal is left for a run that did nothing.
#[test]
fn nothing_to_do_is_said_on_standard_error() {
    let sim = TestSim::unlimited(3);
    let state = tempfile::tempdir().unwrap();
    let (_d1, empty) = temp_file("empty.txt", "");
    let (_d2, header_only) = temp_file("h.csv", "MachineId,Action,Value\n");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "tag".into(),
                "add".into(),
                "--machines-file".into(),
                empty.display().to_string(),
                "--value".into(),
                "X".into(),
            ],
            "nothing to do: the input holds no operation",
        ),
        (
            vec!["apply-csv".into(), header_only.display().to_string()],
            "nothing to do: the input holds no operation",
        ),
        (
            vec![
                "tag".into(),
                "add".into(),
                "--tag".into(),
                "NoSuchTag".into(),
                "--value".into(),
                "X".into(),
            ],
            "nothing to do: --tag 'NoSuchTag' matched no machine",
        ),
    ];
    for (args, warning) in cases {
        let out = sim
            .cmd()
            .env("MDETAG_STATE_DIR", state.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains(warning), "{args:?}: {stderr}");
        assert!(text(&out.stdout).contains("0 operations"), "{args:?}");
    }
    assert!(sim.sim.writes().is_empty());
    let runs = state.path().join("runs");
    let left = std::fs::read_dir(&runs).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "journals left in {}", runs.display());
}
