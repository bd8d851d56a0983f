//! Defects that lived in the seams between modules (issue 7), each shown through the binary.

use std::time::Duration;

use mde_sim::SimConfig;

use crate::kit::server::{self, Server};
use crate::kit::{
    TestSim, assert_exit_says, bare_cmd, send_signal, stdout_json, temp_file, text,
    unlimited_config, wait_output, wait_until,
};

fn tags(sim: &TestSim, id: &str) -> Vec<String> {
    sim.machine(id).machine_tags
}

#[test]
fn add_and_remove_of_one_tag_in_two_spellings_conflict_at_validation() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    let (_dir, path) = temp_file(
        "case.csv",
        &format!("MachineId,Action,Value\n{id},Add,REL-Case0\n{id},Remove,rel-case0\n"),
    );
    let out = sim.cmd().arg("apply-csv").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("case.csv:3: conflicts with") && stderr.contains("case.csv:2"),
        "{stderr}"
    );
    assert!(sim.sim.calls().is_empty(), "something was sent");
}

#[test]
fn tag_set_treats_a_difference_of_case_as_no_change() {
    let sim = TestSim::unlimited(3);
    let id = sim.ids(1).remove(0);
    let out = sim
        .cmd()
        .args([
            "tag",
            "set",
            "--machine",
            &id,
            "--value",
            "Finance",
            "--value",
            "Old",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(tags(&sim, &id), ["Finance", "Old"]);

    let out = sim
        .cmd()
        .args(["--output", "json", "tag", "set", "--machine", &id])
        .args(["--value", "finance", "--value", "New", "--value", "FINANCE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut now = tags(&sim, &id);
    now.sort();
    assert_eq!(
        now,
        ["Finance", "New"],
        "Finance must stay, in its first spelling"
    );
    let doc = stdout_json(&out);
    let rows = doc["results"].as_array().unwrap();
    let finance: Vec<_> = rows
        .iter()
        .filter(|r| r["value"].as_str().unwrap().eq_ignore_ascii_case("finance"))
        .collect();
    assert_eq!(finance.len(), 1, "one row for one tag: {rows:?}");
    assert_eq!(finance[0]["status"], "skipped");
    assert_eq!(finance[0]["error"]["code"], "unchanged");
}

#[test]
fn skip_unchanged_compares_tags_by_unicode_lower_case() {
    let sim = TestSim::unlimited(3);
    let id = sim.ids(1).remove(0);
    let out = sim
        .cmd()
        .args(["tag", "set", "--machine", &id, "--value", "ÄRZTE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let before = sim.write_calls();
    let out = sim
        .cmd()
        .args(["--skip-unchanged", "--output", "json", "tag", "add"])
        .args(["--machine", &id, "--value", "ärzte"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["results"][0]["error"]["code"], "unchanged", "{doc}");
    assert_eq!(sim.write_calls(), before);
}

/// Starts `args` against `sim`, waits until the first read is in flight (the token was
/// fetched, the API is slow), interrupts it, and returns what it printed.
fn interrupted_while_reading(sim: &TestSim, args: &[&str]) -> std::process::Output {
    let child = sim.spawn_piped(&[&["--output", "json"], args].concat());
    wait_until("a token request", || sim.token_calls() > 0);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        sim.api_calls().is_empty(),
        "the read should still be in flight"
    );
    send_signal(child.id(), "INT");
    wait_output(child)
}

fn slow_fleet() -> TestSim {
    TestSim::start(SimConfig {
        latency: Duration::from_millis(1500),
        ..unlimited_config(10)
    })
}

#[test]
fn ctrl_c_while_names_are_resolved_reports_every_row_interrupted() {
    let sim = slow_fleet();
    let ms = sim.sim.machines();
    let out = interrupted_while_reading(
        &sim,
        &[
            "tag",
            "add",
            "--machine",
            &ms[0].computer_dns_name,
            "--machine",
            &ms[1].id,
            "--value",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["total"], 2, "{doc}");
    assert_eq!(doc["summary"]["skipped"], 2, "{doc}");
    for row in doc["results"].as_array().unwrap() {
        assert_eq!(row["error"]["code"], "interrupted", "{row}");
    }
    assert_eq!(sim.write_calls(), 0);
}

#[test]
fn ctrl_c_while_current_state_is_read_reports_every_row_interrupted() {
    let sim = slow_fleet();
    let ids = sim.ids(3);
    let out = interrupted_while_reading(
        &sim,
        &[
            "--skip-unchanged",
            "tag",
            "remove",
            "--machine",
            &ids[0],
            "--machine",
            &ids[1],
            "--machine",
            &ids[2],
            "--value",
            "Finance",
        ],
    );
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["total"], 3, "{doc}");
    assert_eq!(doc["summary"]["skipped"], 3, "{doc}");
    assert_eq!(sim.write_calls(), 0);
}

#[test]
fn usage_errors_are_exit_2_and_name_the_flag_or_variable() {
    let id = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    let run = |flags: &[&str], env: &[(&str, &str)]| {
        let mut cmd = bare_cmd();
        cmd.env("MDETAG_TOKEN", "t");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(flags)
            .args(["tag", "add", "--machine", id, "--value", "x"])
            .output()
            .unwrap();
        (out.status.code(), text(&out.stderr))
    };
    for (flags, env, named) in [
        (&["--rate-limit", "100"][..], &[][..], "--rate-limit"),
        (&["--rate-limit", "1/1e300h"], &[], "--rate-limit"),
        (&["--rate-limit", "10/0.0000001s"], &[], "--rate-limit"),
        (
            &["--endpoint", "api.security.microsoft.com"],
            &[],
            "--endpoint",
        ),
        (
            &["--authority-host", "login.microsoftonline.com"],
            &[],
            "--authority-host",
        ),
        (&[], &[("MDETAG_RATE_LIMIT", "100")], "MDETAG_RATE_LIMIT"),
        (&[], &[("MDETAG_ENDPOINT", "nonsense")], "MDETAG_ENDPOINT"),
        (&[], &[("MDETAG_OUTPUT", "xml")], "MDETAG_OUTPUT"),
        (&[], &[("MDETAG_CONCURRENCY", "lots")], "MDETAG_CONCURRENCY"),
        (&[], &[("MDETAG_RETRIES", "-1")], "MDETAG_RETRIES"),
    ] {
        let (code, stderr) = run(flags, env);
        assert_eq!(code, Some(2), "{flags:?} {env:?}: {stderr}");
        assert!(
            stderr.contains(named),
            "{flags:?} {env:?} should name {named}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_next_link_to_another_host_is_refused_once_not_retried() {
    let elsewhere = Server::start(|_| server::json(200, serde_json::json!({"value": []})));
    let other = elsewhere.url();
    let api = server::with_token(move |_| {
        server::json(
            200,
            serde_json::json!({"value": [], "@odata.nextLink": format!("{other}/api/machines?$skip=1")}),
        )
    });
    // With a thousand retries of backoff, a link treated as a passing fault would outlast the
    // timeout; a refusal ends the run at once.
    let out = server::reader_at(&api)
        .args(["--retries", "1000", "machines", "list"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_exit_says(&out, 1, "nextLink");
    assert_eq!(
        api.hits("/api/"),
        1,
        "a refused link is not a transient failure"
    );
    assert_eq!(elsewhere.seen().len(), 0);
}

#[test]
fn the_dry_run_estimate_is_the_pacers_schedule() {
    // 31 calls under 10/1s: the pacer starts them at 0, 1.02, 2.04 and 3.06 s (each window
    // keeps a 2% margin), so the least time is 3.1 s, not the 3.0 s of bare windows.
    let ids: Vec<String> = (0..31).map(|i| format!("{i:040x}")).collect();
    let (_dir, path) = temp_file("est.csv", &crate::kit::tagging_csv(&ids, "est", 1));
    let out = bare_cmd()
        .args([
            "--no-prior-state",
            "--dry-run",
            "--no-batch",
            "--rate-limit",
            "10/1s",
            "apply-csv",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("31 API calls in all, at least 3.1 s"),
        "{stdout}"
    );
}
