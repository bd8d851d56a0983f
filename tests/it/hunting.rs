//! Issue 17: picking machines by advanced hunting query, against the simulator's Graph and
//! Defender hunting APIs over loopback.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::kit::{TestSim, assert_exit_says, stdout_json, text};

fn sim(config: mde_sim::SimConfig) -> TestSim {
    TestSim::start(mde_sim::SimConfig {
        rate_limits: Vec::new(),
        ..config
    })
}

fn plain(machines: usize) -> TestSim {
    sim(mde_sim::SimConfig {
        machines,
        ..Default::default()
    })
}

/// Hunting calls the simulator received, by path.
fn hunting_calls(sim: &TestSim) -> Vec<String> {
    sim.sim
        .calls()
        .into_iter()
        .filter(|c| c.kind == "hunting")
        .map(|c| format!("{} {}", c.status, c.path))
        .collect()
}

/// Tags `ids` with `tag` through mdetag itself (no query).
fn seed(sim: &TestSim, ids: &[String], tag: &str) {
    let mut cmd = sim.cmd();
    cmd.args(["--no-journal", "tag", "add", "--value", tag]);
    for id in ids {
        cmd.args(["--machine", id]);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

fn by_tag(tag: &str) -> String {
    format!("DeviceInfo | where set_has_element(Tags, \"{tag}\") | distinct DeviceId")
}

#[test]
fn a_query_by_device_id_tags_exactly_what_it_returns_through_graph() {
    let sim = plain(20);
    let ids = sim.ids(20);
    seed(&sim, &ids[3..7], "Seed");
    let q = by_tag("Seed");
    let (code, doc, stderr) = sim.json_outcome(&["tag", "add", "--query", &q, "--value", "Found"]);
    assert_eq!(code, Some(0), "{stderr}");
    let want: BTreeSet<String> = ids[3..7].iter().cloned().collect();
    assert_eq!(sim.tagged("Found"), want);
    assert_eq!(doc["summary"]["succeeded"], 4, "{doc}");
    // One query, through Graph.
    let calls = hunting_calls(&sim);
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(
        calls[0].starts_with("200 /v1.0/security/runHuntingQuery"),
        "{calls:?}"
    );
    let q = &doc["summary"]["query"];
    assert_eq!(q["api"], "graph", "{doc}");
    assert_eq!(q["machines"], 4);
    assert_eq!(q["column"], "DeviceId");
    assert!(stderr.contains("hunting query sha256"), "{stderr}");
}

#[test]
fn a_query_by_device_name_resolves_the_names() {
    let sim = plain(10);
    let names: Vec<String> = sim
        .sim
        .machines()
        .into_iter()
        .filter(|m| m.merged_into_machine_id.is_none())
        .take(3)
        .map(|m| m.computer_dns_name)
        .collect();
    let q = format!(
        "DeviceInfo | where DeviceName in (\"{}\") | distinct DeviceName",
        names.join("\", \"")
    );
    let (code, doc, stderr) = sim.json_outcome(&["tag", "add", "--query", &q, "--value", "ByName"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["summary"]["query"]["column"], "DeviceName", "{doc}");
    assert_eq!(sim.tagged("ByName").len(), 3, "{doc}");
}

#[test]
fn arg_max_gives_one_row_a_device_and_many_rows_collapse() {
    let sim = plain(30);
    // The table has several rows for some machines: without arg_max, more rows than machines.
    let all = "DeviceInfo | project DeviceId, Timestamp";
    let (code, doc, stderr) =
        sim.json_outcome(&["--dry-run", "tag", "add", "--query", all, "--value", "x"]);
    assert_eq!(code, Some(0), "{stderr}");
    let q = &doc["summary"]["query"];
    let (rows, machines) = (q["rows"].as_u64().unwrap(), q["machines"].as_u64().unwrap());
    assert!(rows > machines, "{q}");
    let newest = "DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId";
    let (code, doc, stderr) =
        sim.json_outcome(&["--dry-run", "tag", "add", "--query", newest, "--value", "x"]);
    assert_eq!(code, Some(0), "{stderr}");
    let q = &doc["summary"]["query"];
    assert_eq!(q["rows"], q["machines"], "{q}");
    assert_eq!(q["machines"].as_u64(), Some(machines));
    assert_eq!(sim.write_calls(), 0, "a dry run writes nothing");
}

#[test]
fn a_query_adds_up_with_machine_and_tag_narrows_it() {
    let sim = plain(20);
    let ids = sim.ids(20);
    seed(&sim, &ids[0..6], "Seed");
    seed(&sim, &ids[4..10], "VIP");
    let q = by_tag("Seed");
    // --tag narrows: the VIPs among the query's machines (4 and 5).
    let (code, _, stderr) = sim.json_outcome(&[
        "tag", "add", "--query", &q, "--tag", "VIP", "--value", "Both",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let want: BTreeSet<String> = ids[4..6].iter().cloned().collect();
    assert_eq!(sim.tagged("Both"), want);
    // --machine adds: the query's six and one more.
    let (code, _, stderr) = sim.json_outcome(&[
        "tag",
        "add",
        "--query",
        &q,
        "--machine",
        &ids[15],
        "--value",
        "Union",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let mut want: BTreeSet<String> = ids[0..6].iter().cloned().collect();
    want.insert(ids[15].clone());
    assert_eq!(sim.tagged("Union"), want);
}

#[test]
fn a_result_with_no_machine_column_is_exit_2_naming_its_columns() {
    let sim = plain(5);
    let (code, _, stderr) = sim.json_outcome(&[
        "tag",
        "add",
        "--query",
        "DeviceInfo | count",
        "--value",
        "x",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("no DeviceId or DeviceName column (it has Count)"),
        "{stderr}"
    );
    assert_eq!(sim.write_calls(), 0);
    assert!(
        !sim.state.path().join("runs").exists()
            || std::fs::read_dir(sim.state.path().join("runs"))
                .unwrap()
                .count()
                == 0,
        "no journal"
    );
}

#[test]
fn more_machines_than_query_max_or_a_capped_result_is_refused() {
    let sim = plain(10);
    let all = "DeviceInfo | distinct DeviceId";
    let (code, _, stderr) = sim.json_outcome(&[
        "tag",
        "add",
        "--query",
        all,
        "--query-max",
        "3",
        "--value",
        "x",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("more than --query-max 3"), "{stderr}");
    assert_eq!(sim.write_calls(), 0);

    // A result of exactly the API's row cap (100,000) may have been cut short.
    let capped = sim_with_row_cap(100_000, 100_000);
    let (code, _, stderr) = capped.json_outcome(&[
        "tag",
        "add",
        "--query",
        all,
        "--query-max",
        "200000",
        "--value",
        "x",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("may have been cut short"), "{stderr}");
    assert_eq!(capped.write_calls(), 0);
}

fn sim_with_row_cap(machines: usize, cap: usize) -> TestSim {
    sim(mde_sim::SimConfig {
        machines,
        hunting_row_cap: cap,
        ..Default::default()
    })
}

#[test]
fn a_query_the_api_rejects_is_exit_2_with_its_message_escaped() {
    let sim = plain(5);
    let q = "DeviceInfo | frobnicate \u{1b}]0;pwned\u{7}";
    let (code, _, stderr) = sim.json_outcome(&["tag", "add", "--query", q, "--value", "x"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("the hunting query was refused by Microsoft Graph"),
        "{stderr}"
    );
    assert!(stderr.contains("frobnicate"), "the API's message: {stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert_eq!(sim.write_calls(), 0);
}

#[test]
fn graph_refused_falls_back_to_the_defender_api_unless_graph_was_asked_for() {
    let sim = sim(mde_sim::SimConfig {
        machines: 10,
        graph_hunting_refused: true,
        ..Default::default()
    });
    let ids = sim.ids(10);
    seed(&sim, &ids[0..2], "Seed");
    let q = by_tag("Seed");
    let (code, doc, stderr) = sim.json_outcome(&["tag", "add", "--query", &q, "--value", "Fell"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("Microsoft Graph refused to run the hunting query"),
        "{stderr}"
    );
    assert!(
        stderr.contains("through the Defender API's advanced hunting instead"),
        "{stderr}"
    );
    assert_eq!(doc["summary"]["query"]["api"], "mde", "{doc}");
    assert_eq!(sim.tagged("Fell").len(), 2);
    let calls = hunting_calls(&sim);
    assert_eq!(calls.len(), 2, "one refusal, one answer: {calls:?}");
    assert!(
        calls[0].starts_with("403 /v1.0/security/runHuntingQuery"),
        "{calls:?}"
    );
    assert!(
        calls[1].starts_with("200 /api/advancedqueries/run"),
        "{calls:?}"
    );

    // Graph only: the refusal is the run's end, exit 1, nothing sent.
    let writes = sim.write_calls();
    let (code, _, stderr) = sim.json_outcome(&[
        "--hunting-api",
        "graph",
        "tag",
        "add",
        "--query",
        &q,
        "--value",
        "Never",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("ThreatHunting.Read.All"), "{stderr}");
    assert_eq!(sim.write_calls(), writes);
}

#[test]
fn a_hunting_429_is_waited_out() {
    let sim = sim(mde_sim::SimConfig {
        machines: 5,
        hunting_rate_limits: vec![(1, Duration::from_secs(2))],
        ..Default::default()
    });
    let q = "DeviceInfo | distinct DeviceId";
    // mdetag's own hunting pace is looser than the service's: the second query meets a 429.
    for _ in 0..2 {
        let (code, doc, stderr) = sim.json_outcome(&[
            "--hunting-rate-limit",
            "100/1s",
            "machines",
            "list",
            "--query",
            q,
        ]);
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(doc["machines"].as_array().map(Vec::len), Some(5), "{doc}");
    }
    let calls = hunting_calls(&sim);
    assert!(calls.iter().any(|c| c.starts_with("429")), "{calls:?}");
    assert_eq!(
        calls.iter().filter(|c| c.starts_with("200")).count(),
        2,
        "{calls:?}"
    );
}

#[test]
fn the_journal_keeps_the_query_its_hash_and_no_token() {
    let sim = plain(8);
    let ids = sim.ids(8);
    seed(&sim, &ids[0..3], "Seed");
    let q = by_tag("Seed");
    let (code, doc, stderr) = sim.json_outcome(&["tag", "add", "--query", &q, "--value", "J"]);
    assert_eq!(code, Some(0), "{stderr}");
    let run_id = crate::kit::run_id(&doc);
    let journal = sim
        .state
        .path()
        .join("runs")
        .join(format!("{run_id}.jsonl"));
    let content = text(&std::fs::read(&journal).unwrap());
    let header: Value = serde_json::from_str(content.lines().next().unwrap()).unwrap();
    let query = &header["query"];
    assert_eq!(query["text"], q.as_str(), "{header}");
    let sha = query["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert_eq!(sha, doc["summary"]["query"]["sha256"].as_str().unwrap());
    assert_eq!(
        (query["rows"].as_u64(), query["machines"].as_u64()),
        (Some(3), Some(3))
    );
    for token in sim.sim.issued_tokens() {
        assert!(!content.contains(&token), "a token in the journal");
    }
}

#[test]
fn a_query_file_from_standard_input_and_a_dry_run_that_shows_rows_and_machines() {
    let sim = plain(8);
    let ids = sim.ids(8);
    seed(&sim, &ids[0..2], "Seed");
    let writes = sim.write_calls();
    let out = sim
        .cmd()
        .args([
            "--dry-run",
            "tag",
            "add",
            "--query-file",
            "-",
            "--value",
            "D",
        ])
        .write_stdin(format!("// the seeded ones\n{}\n", by_tag("Seed")))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // The table's footer: when it ran, rows returned, machines picked.
    assert!(stdout.contains("hunting query sha256"), "{stdout}");
    assert!(
        stdout.contains("2 rows returned, 2 machines picked by DeviceId"),
        "{stdout}"
    );
    assert!(stdout.contains("ran 20"), "{stdout}");
    assert_eq!(sim.write_calls(), writes, "a dry run writes nothing");
    assert_eq!(sim.tagged("D").len(), 0);
}

#[test]
fn a_bearer_token_cannot_serve_graph_and_says_what_to_do() {
    let sim = plain(3);
    let out = sim
        .cmd()
        .env_remove("AZURE_CLIENT_SECRET")
        .env("MDETAG_TOKEN", "not-a-real-token")
        .args([
            "tag",
            "add",
            "--query",
            "DeviceInfo | distinct DeviceId",
            "--value",
            "x",
        ])
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "--hunting-api mde");
    assert!(hunting_calls(&sim).is_empty());
}

#[test]
fn auth_status_says_whether_each_hunting_api_is_allowed() {
    let sim = plain(1);
    let out = sim
        .cmd()
        .args(["--output", "json", "auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["hunting"]["graph"]["ok"], true, "{doc}");
    assert_eq!(doc["hunting"]["mde"]["ok"], true, "{doc}");
    let out = sim.cmd().args(["auth", "status"]).output().unwrap();
    let shown = text(&out.stdout);
    assert!(
        shown.contains("graph:    yes (ThreatHunting.Read.All)"),
        "{shown}"
    );
    // An app without the Graph permission: said, and the fallback still serves.
    let sim = sim_with_roles(&["Machine.ReadWrite.All", "AdvancedQuery.Read.All"]);
    let out = sim.cmd().args(["auth", "status"]).output().unwrap();
    let shown = text(&out.stdout);
    assert!(
        shown.contains("graph:    no: the token lacks ThreatHunting.Read.All"),
        "{shown}"
    );
    assert!(
        shown.contains("mde:      yes (AdvancedQuery.Read.All)"),
        "{shown}"
    );
}

fn sim_with_roles(roles: &[&str]) -> TestSim {
    let mut config = mde_sim::SimConfig {
        machines: 1,
        ..Default::default()
    };
    config.apps[0].roles = roles.iter().map(|r| r.to_string()).collect();
    sim(config)
}
