//! Each subcommand changes the simulator's state, and each output format has SPEC.md's shape.

use serde_json::json;

use crate::kit::{TestSim, bare_cmd, stdout_json, tag_add, temp_file, text};

#[test]
fn tag_add_adds_every_value_to_every_machine_and_reports_json_as_specified() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(2);
    let out = sim
        .cmd()
        .args([
            "tag",
            "add",
            "--machine",
            &ids[0].to_uppercase(),
            "--machine",
            &ids[1],
        ])
        .args([
            "--value",
            "test Tag 2",
            "--value",
            "IR-1234",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);

    let summary = doc["summary"].as_object().unwrap();
    let keys: Vec<_> = summary.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 12);
    for k in [
        "run_id",
        "total",
        "succeeded",
        "failed",
        "skipped",
        "planned",
        "interrupted",
        "aborted",
        "uncertain",
        "api_calls",
        "elapsed_ms",
        "status",
    ] {
        assert!(summary.contains_key(k), "summary lacks {k}");
    }
    assert_eq!(doc["summary"]["total"], 4);
    assert_eq!(doc["summary"]["succeeded"], 4);
    assert_eq!(
        doc["summary"]["api_calls"], 3,
        "one read of the machines' prior state, then one batch call per tag"
    );
    assert_eq!(doc["summary"]["status"], "finished");
    assert_eq!(doc["summary"]["uncertain"], 0);

    let first = &doc["results"][0];
    assert_eq!(
        first,
        &json!({"machine": ids[0], "name": sim.machine(&ids[0]).computer_dns_name, "action": "add",
                "value": "test Tag 2", "status": "succeeded", "http_status": 200, "attempts": 1,
                "error": null})
    );
    for id in &ids {
        let tags = sim.machine(id).machine_tags;
        assert!(
            tags.contains(&"test Tag 2".to_string()) && tags.contains(&"IR-1234".to_string()),
            "{tags:?}"
        );
    }
    // Bodies with the documented parameter names (the simulator refuses anything else, so
    // these successes prove it): one read of the machines' prior state, then one batch call
    // per tag.
    let calls: Vec<_> = sim
        .api_calls()
        .into_iter()
        .filter(|c| c.method != "GET")
        .collect();
    assert_eq!(calls.len(), 2);
    assert!(
        calls
            .iter()
            .all(|c| c.method == "POST"
                && c.path == "/api/machines/AddOrRemoveTagForMultipleMachines")
    );

    // With --no-batch: one call per machine and tag, IDs in lower case.
    let out = sim
        .cmd()
        .args(["--no-prior-state", "--no-batch"])
        .args(tag_add(&[&ids[0].to_uppercase(), &ids[1]], "solo"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let calls = sim.api_calls();
    assert_eq!(
        calls.len(),
        5,
        "the first run's read, its 2 batch calls, these 2"
    );
    for c in &calls[3..] {
        assert_eq!(c.method, "POST");
        assert!(
            ids.iter()
                .any(|id| c.path == format!("/api/machines/{id}/tags")),
            "{}",
            c.path
        );
    }
}

#[test]
fn tag_remove_removes_and_table_output_is_readable() {
    let sim = TestSim::unlimited(20);
    let machine = sim
        .sim
        .machines()
        .into_iter()
        .find(|m| !m.machine_tags.is_empty())
        .unwrap();
    let tag = machine.machine_tags[0].clone();
    let out = sim
        .cmd()
        .args(["tag", "remove", "--machine", &machine.id, "--value", &tag])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!sim.machine(&machine.id).machine_tags.contains(&tag));
    let table = text(&out.stdout);
    for column in ["Machine", "Action", "Value", "Status", "HTTP", "Detail"] {
        assert!(table.contains(column), "{table}");
    }
    assert!(
        table.contains(&machine.id) && table.contains("remove") && table.contains("succeeded"),
        "{table}"
    );
    assert!(table.trim_end().ends_with("s"), "{table}");
    assert!(
        table.contains("1 operation: 1 succeeded, 0 failed, 0 skipped · 2 API calls"),
        "{table}"
    );
}

#[test]
fn set_value_patches_the_device_value() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(3);
    let (_dir, list) = temp_file(
        "ids.txt",
        &format!("# payroll servers\n{}\n\n{}  # db\n", ids[0], ids[1]),
    );
    let out = sim
        .cmd()
        .args(["--no-prior-state", "set-value", "--machines-file"])
        .arg(&list)
        .args(["--no-prior-state", "--value", "high", "--output", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(sim.machine(&ids[0]).device_value, "High");
    assert_eq!(sim.machine(&ids[1]).device_value, "High");
    assert_eq!(sim.machine(&ids[2]).device_value, "Normal");
    assert!(sim.api_calls().iter().all(|c| c.method == "PATCH"));
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("machine,action,value,status,http_status,attempts,error_code,error_message,name")
    );
    // Rows stream as operations settle, so in the order the calls ended.
    let mut rows: Vec<&str> = lines.collect();
    rows.sort();
    let mut expected: Vec<String> = ids[..2]
        .iter()
        .map(|id| {
            format!(
                "{id},set-value,High,succeeded,200,1,,,{}",
                sim.machine(id).computer_dns_name
            )
        })
        .collect();
    expected.sort();
    assert_eq!(rows, expected);
}

#[test]
fn apply_csv_from_standard_input_runs_each_action() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(3);
    let csv = format!(
        "\u{feff}Device_Id,ACTION,Tag,Owner\r\n{a},Add,Incident 42,alice\r\n{b},set-value,Low,bob\r\n\r\n{a},add,Incident 42,alice\r\n",
        a = ids[0],
        b = ids[1]
    );
    let out = sim
        .cmd()
        .args(["apply-csv", "-", "--output", "json"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["succeeded"], 2);
    assert_eq!(doc["summary"]["skipped"], 1);
    assert_eq!(
        doc["summary"]["api_calls"], 3,
        "one read of both machines' prior state, two writes"
    );
    assert_eq!(doc["results"][2]["status"], "skipped");
    assert_eq!(doc["results"][2]["error"]["code"], "duplicate");
    assert_eq!(doc["results"][2]["error"]["message"], "same as <stdin>:2");
    assert!(sim.has_tag(&ids[0], "Incident 42"));
    assert_eq!(sim.machine(&ids[1]).device_value, "Low");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("ignoring column 'Owner'"), "{stderr}");
    assert_eq!(stderr.matches("ignoring column").count(), 1);
}

#[test]
fn an_unknown_machine_fails_alone_and_the_exit_code_says_so() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(2);
    let ghost = "0123456789abcdef0123456789abcdef01234567";
    let out = sim
        .cmd()
        .args(["--no-prior-state", "--no-batch"])
        .args(tag_add(&[ids[0].as_str(), ghost, ids[1].as_str()], "x"))
        .args(["--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["succeeded"], 2);
    assert_eq!(doc["summary"]["failed"], 1);
    let bad = &doc["results"][1];
    assert_eq!(bad["machine"], ghost);
    assert_eq!(bad["status"], "failed");
    assert_eq!(bad["http_status"], 404);
    assert_eq!(bad["attempts"], 1, "a 404 is not retried");
    assert_eq!(bad["error"]["code"], "ResourceNotFound");
    assert!(bad["error"]["message"].as_str().unwrap().contains(ghost));
}

#[test]
fn dry_run_sends_nothing_and_needs_no_credentials() {
    let sim = TestSim::unlimited(5);
    let ids = sim.ids(2);
    let out = bare_cmd()
        .env("MDETAG_ENDPOINT", sim.sim.url())
        .args(["--dry-run"])
        .args(tag_add(&[&ids[0], &ids[1]], "x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert_eq!(table.matches("planned").count(), 3, "{table}"); // two rows and the summary
    assert!(table.contains("call plan: 0 read calls made, about 1 read call to record prior state first (--no-prior-state skips them), 1 write call to make (1 batch tag (≤500 machines)): 2 API calls in all"), "{table}");
    assert!(
        sim.sim.calls().is_empty(),
        "a dry run made calls: {:?}",
        sim.sim.calls()
    );
}

#[test]
fn a_flag_beats_its_environment_variable() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(1);
    let out = sim
        .cmd()
        .env("MDETAG_OUTPUT", "csv")
        .args(["--output", "json"])
        .args(tag_add(&[&ids[0]], "x"))
        .output()
        .unwrap();
    stdout_json(&out);
    let out = sim
        .cmd()
        .env("MDETAG_OUTPUT", "csv")
        .args(["tag", "add", "--machine", &ids[0], "--value", "y"])
        .output()
        .unwrap();
    assert!(text(&out.stdout).starts_with("machine,action,value,status"));
}

#[test]
fn the_readme_sandbox_command_works() {
    let out = bare_cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--sandbox",
            "--output",
            "json",
            "apply-csv",
            "examples/tags.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["failed"], 0);
    assert!(doc["summary"]["succeeded"].as_u64().unwrap() >= 5);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("sandbox: simulated Defender API at http://127.0.0.1:"));
    assert!(
        !stderr.contains("warning"),
        "the example's first run warns of nothing: {stderr}"
    );
}
