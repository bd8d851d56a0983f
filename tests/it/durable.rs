//! Durable runs (issue 8): the journal, streamed results, signals, resume, undo and the quota
//! ledger, through the binary against the simulator.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use mde_sim::SimConfig;
use serde_json::Value;

use crate::kit::{
    TestSim, assert_exit_says, finish, json_file, killed_after_sending, run_id, send_signal,
    stdout_json, tag_add, tag_add_argv, tagging_csv, temp_file, text, unlimited_config, wait_until,
};

/// `mdetag resume` (the newest run to resume) under the same limits as the run.
fn resume(sim: &TestSim, rate: &str) -> (Option<i32>, Value, String) {
    sim.json_outcome(&["--rate-limit", rate, "resume"])
}

/// How many machines carry `tag` now.
fn tagged(sim: &TestSim, tag: &str) -> usize {
    sim.tagged(tag).len()
}

/// A simulator whose runs are resumed right after a stop: calls a run sent may be in flight
/// for a (short) call timeout, 2 s.
fn resumed_at_once(config: SimConfig) -> TestSim {
    let mut sim = TestSim::start(config);
    sim.call_timeout_ms = Some(2000);
    sim
}

/// `FLAGS… --output json apply-csv CSV` in the background, killed once the simulator has seen
/// `calls` API calls.
fn killed_after_calls(sim: &TestSim, flags: &[&str], csv: &Path, calls: usize) {
    let mut args = flags.to_vec();
    args.extend(["--output", "json", "apply-csv", csv.to_str().unwrap()]);
    let out = csv.with_file_name("out.json");
    sim.kill_when(&args, &out, &format!("{calls} calls"), || {
        sim.api_calls().len() >= calls
    });
}

#[test]
fn a_run_killed_midway_is_resumed_without_writing_anything_twice() {
    let sim = resumed_at_once(SimConfig {
        latency: Duration::from_millis(30),
        ..unlimited_config(400)
    });
    let ids = sim.ids(400);
    let (_dir, csv) = temp_file("kill.csv", &tagging_csv(&ids, "kill", 1));
    killed_after_calls(&sim, &["--no-batch", "--rate-limit", "50/1s"], &csv, 200);
    let before = tagged(&sim, "kill-0");
    assert!(
        (150..400).contains(&before),
        "{before} applied before the kill"
    );

    let (code, doc, stderr) = resume(&sim, "50/1s");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        doc["summary"]["total"], 400,
        "the report covers the whole run"
    );
    assert_eq!(doc["summary"]["succeeded"], 400, "{stderr}");
    assert_eq!(tagged(&sim, "kill-0"), 400);
    sim.assert_written_once(400);
    assert!(stderr.contains("resuming run"), "{stderr}");
}

#[test]
fn a_batch_run_killed_midway_is_resumed_without_writing_anything_twice() {
    let sim = resumed_at_once(SimConfig {
        latency: Duration::from_millis(150),
        ..unlimited_config(1000)
    });
    let ids = sim.ids(1000);
    let (_dir, csv) = temp_file("batch.csv", &tagging_csv(&ids, "wave", 20));
    // 20 batch calls.
    killed_after_calls(
        &sim,
        &["--no-prior-state", "--rate-limit", "4/1s"],
        &csv,
        20,
    );
    let applied = sim.sim.writes().len();
    assert!(
        (9_000..20_000).contains(&applied),
        "{applied} changes before the kill"
    );

    let (code, doc, stderr) = resume(&sim, "4/1s");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["summary"]["total"], 20_000);
    assert_eq!(doc["summary"]["succeeded"], 20_000, "{stderr}");
    sim.assert_written_once(20_000);
}

#[test]
fn answers_lost_after_the_change_are_settled_by_reading_not_by_sending_again() {
    let sim = resumed_at_once(SimConfig {
        lost_answer_rate: 0.3,
        ..unlimited_config(30)
    });
    let ids = sim.ids(30);
    let (_dir, csv) = temp_file("lost.csv", &tagging_csv(&ids, "lost", 1));
    let mut args = vec!["--no-prior-state", "--no-batch", "--retries", "0"];
    args.extend(["apply-csv", csv.to_str().unwrap()]);
    let doc = sim.expect_json(&args, 3);
    let lost: Vec<&Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "failed")
        .collect();
    assert!(!lost.is_empty());
    for r in &lost {
        assert_eq!(r["error"]["code"], "no-response", "{r}");
        assert!(
            r["error"]["message"]
                .as_str()
                .unwrap()
                .contains("mdetag resume")
        );
    }
    assert_eq!(
        tagged(&sim, "lost-0"),
        30,
        "the simulator applied every one"
    );

    let (code, doc, stderr) = resume(&sim, "100/1s");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["summary"]["succeeded"], 30);
    sim.assert_written_once(30);
    assert!(
        stderr.contains(&format!("checked {}: {} applied", lost.len(), lost.len())),
        "{stderr}"
    );
}

fn slow_sim(latency_ms: u64) -> TestSim {
    TestSim::start(SimConfig {
        latency: Duration::from_millis(latency_ms),
        ..unlimited_config(40)
    })
}

/// 40 per-machine changes (tag `{tag}-0`), 4 in flight, JSON results to a file, in the
/// background.
fn slow_run(sim: &TestSim, tag: &str) -> (Child, tempfile::TempDir, PathBuf) {
    let (dir, csv) = temp_file(&format!("{tag}.csv"), &tagging_csv(&sim.ids(40), tag, 1));
    let out = dir.path().join("out.json");
    let mut args = vec!["--no-batch", "--concurrency", "4", "--output", "json"];
    args.extend(["apply-csv", csv.to_str().unwrap()]);
    let child = sim.spawn(&args, &out);
    (child, dir, out)
}

/// No row claims more than the simulator did: succeeded rows were written, rows not sent were not.
fn assert_rows_true(sim: &TestSim, doc: &Value, tag: &str) {
    let writes = sim.sim.writes();
    for row in doc["results"].as_array().unwrap() {
        let written = writes.contains(&format!("{} Add {tag}", row["machine"].as_str().unwrap()));
        match row["status"].as_str().unwrap() {
            "succeeded" => assert!(written, "claimed but not written: {row}"),
            "skipped" => assert!(!written, "reported not sent but written: {row}"),
            _ => {}
        }
    }
}

#[test]
fn sigterm_and_sighup_finish_calls_in_flight_and_report_everything() {
    for (name, exit) in [("TERM", 143), ("HUP", 129)] {
        let sim = slow_sim(400);
        let (child, _dir, out) = slow_run(&sim, "term");
        wait_until("8 calls", || sim.api_calls().len() >= 8);
        send_signal(child.id(), name);
        let (code, stderr) = finish(child);
        assert_eq!(code, Some(exit), "SIG{name}: {stderr}");
        let doc = json_file(&out);
        assert_eq!(doc["summary"]["total"], 40);
        let s = &doc["summary"];
        assert!(s["skipped"].as_u64().unwrap() > 0, "{s}");
        assert_eq!(s["failed"], 0, "calls in flight finished: {s}");
        assert_rows_true(&sim, &doc, "term-0");
        assert!(stderr.contains("mdetag resume"), "{stderr}");

        // And resume does what that says: the rows the stop skipped are sent, once.
        let (code, doc, stderr) = resume(&sim, "1000/1s");
        assert_eq!(code, Some(0), "SIG{name} resumed: {stderr}");
        assert_eq!(doc["summary"]["total"], 40);
        assert_eq!(doc["summary"]["succeeded"], 40, "SIG{name} resumed: {doc}");
        assert_eq!(tagged(&sim, "term-0"), 40);
        sim.assert_written_once(40);
    }
}

#[test]
fn a_second_sigint_stops_waiting_and_still_prints_the_whole_report() {
    let sim = slow_sim(6000);
    let ids = sim.ids(20);
    let (dir, csv) = temp_file("int.csv", &tagging_csv(&ids, "int", 1));
    let out = dir.path().join("out.json");
    let child = sim.spawn(
        &[
            "--no-prior-state",
            "--no-batch",
            "--concurrency",
            "4",
            "--output",
            "json",
            "apply-csv",
            csv.to_str().unwrap(),
        ],
        &out,
    );
    wait_until("the token", || sim.token_calls() > 0);
    std::thread::sleep(Duration::from_millis(500));
    send_signal(child.id(), "INT");
    std::thread::sleep(Duration::from_millis(300));
    send_signal(child.id(), "INT");
    // It did not wait for the calls (6 s each): the 4 in flight end `failed` `in-flight`.
    let (code, stderr) = finish(child);
    assert_eq!(code, Some(130), "{stderr}");
    let doc = json_file(&out);
    assert_eq!(doc["summary"]["total"], 20);
    let interrupted: Vec<&Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "failed")
        .collect();
    assert_eq!(interrupted.len(), 4, "the calls in flight: {doc}");
    for r in interrupted {
        assert_eq!(r["error"]["code"], "in-flight");
    }
    assert_eq!(doc["summary"]["skipped"], 16);
    assert_eq!(doc["summary"]["interrupted"], 16, "{doc}");
    assert_eq!(doc["summary"]["uncertain"], 4);
    assert_eq!(doc["summary"]["status"], "interrupted");
    assert_rows_true(&sim, &doc, "int-0");
}

/// A run still going holds its journal: a `resume` of it from another process is refused and
/// sends nothing, so no pending row is sent twice.
#[test]
fn a_run_still_going_cannot_be_resumed_beside_it() {
    let sim = slow_sim(400);
    let (child, _dir, out) = slow_run(&sim, "busy");
    wait_until("4 calls", || sim.api_calls().len() >= 4);
    let run = sim
        .journal()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let resumed = sim.cmd().args(["resume", &run]).output().unwrap();
    assert_eq!(resumed.status.code(), Some(1), "{}", text(&resumed.stderr));
    assert!(
        text(&resumed.stderr).contains("still running"),
        "{}",
        text(&resumed.stderr)
    );
    send_signal(child.id(), "TERM");
    let (code, stderr) = finish(child);
    assert_eq!(code, Some(143), "{stderr}");
    sim.assert_written_once(json_file(&out)["summary"]["succeeded"].as_u64().unwrap() as usize);
}

#[test]
fn jsonl_and_csv_rows_appear_while_the_run_goes_on() {
    for format in ["jsonl", "csv"] {
        let sim = TestSim::unlimited(30);
        let ids = sim.ids(30);
        let (dir, csv) = temp_file("stream.csv", &tagging_csv(&ids, "stream", 1));
        let out = dir.path().join("out");
        let child = sim.spawn(
            &[
                "--no-batch",
                "--rate-limit",
                "5/1s",
                "--output",
                format,
                "apply-csv",
                csv.to_str().unwrap(),
            ],
            &out,
        );
        wait_until("10 calls", || sim.api_calls().len() >= 10);
        std::thread::sleep(Duration::from_millis(200));
        let midway = text(&std::fs::read(&out).unwrap());
        let lines = midway.lines().count();
        assert!(lines >= 5, "{format}: {lines} lines midway:\n{midway}");
        assert!(
            !midway.contains("summary"),
            "{format}: the summary came early"
        );
        let (code, stderr) = finish(child);
        assert_eq!(code, Some(0), "{stderr}");
        let all = text(&std::fs::read(&out).unwrap());
        if format == "jsonl" {
            let lines: Vec<Value> = all
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines.len(), 31);
            let summary = &lines[30]["summary"];
            assert_eq!(summary["succeeded"], 30);
            // Its keys in the order of `--output json`'s summary.
            let last = all.lines().last().unwrap();
            assert!(
                last.starts_with(r#"{"summary":{"total":30,"succeeded":30,"failed":0,"#),
                "{last}"
            );
            assert!(
                summary["run_id"].as_str().is_some_and(|r| r.len() > 16),
                "{summary}"
            );
            assert!(
                lines[..30]
                    .iter()
                    .all(|r| r["status"] == "succeeded" && r["machine"].is_string())
            );
        } else {
            assert_eq!(all.lines().count(), 31, "header and 30 rows");
            assert!(all.starts_with("machine,action,value,status"));
        }
    }
}

#[test]
fn undo_after_skip_unchanged_restores_exactly_what_was_there() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(4);
    // m0 already has "Keep"; m2 has "Finance"; device values start Normal.
    sim.run_json(&[
        "tag",
        "set",
        "--machine",
        &ids[0],
        "--value",
        "Keep",
        "--value",
        "Other",
    ]);
    sim.run_json(&["tag", "set", "--machine", &ids[2], "--value", "Finance"]);
    let before = sim.tags_and_values(&ids);
    let csv = format!(
        "MachineId,Action,Value\n{0},Add,keep\n{1},Add,Keep\n{2},Remove,FINANCE\n{3},SetValue,High\n{1},SetValue,Low\n",
        ids[0], ids[1], ids[2], ids[3]
    );
    let (_dir, path) = temp_file("changes.csv", &csv);
    let doc = sim.run_json(&["--skip-unchanged", "apply-csv", path.to_str().unwrap()]);
    assert_eq!(doc["summary"]["succeeded"], 4);
    assert_eq!(doc["summary"]["skipped"], 1, "m0 already had it");
    let run = run_id(&doc);
    assert_ne!(sim.tags_and_values(&ids), before);

    let undone = sim.run_json(&["undo", &run]);
    assert_eq!(undone["summary"]["failed"], 0, "{undone}");
    assert_eq!(
        sim.tags_and_values(&ids),
        before,
        "the exact prior tags and device values"
    );
    // Finance came back in the spelling it had.
    assert!(sim.has_tag(&ids[2], "Finance"));
    // The undo is a run of its own, and can be undone in turn.
    let again = sim.run_json(&["undo", &run_id(&undone)]);
    assert_eq!(again["summary"]["failed"], 0);
    let mut redone = before[1].0.clone();
    redone.push("Keep".into());
    redone.sort();
    assert_eq!(
        sim.tags_and_values(&ids)[1].0,
        redone,
        "undoing the undo adds Keep back"
    );
}

#[test]
fn undo_without_prior_state_refuses_and_force_inverts_blindly() {
    let sim = TestSim::unlimited(10);
    let ids = sim.ids(3);
    let csv = tagging_csv(&ids, "blind", 1);
    let (_dir, path) = temp_file("blind.csv", &csv);
    let doc = sim.run_json(&["--no-prior-state", "apply-csv", path.to_str().unwrap()]);
    let run = run_id(&doc);
    let out = sim
        .cmd()
        .args(["--no-prior-state", "undo", &run])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no prior state for 3 of its succeeded operations")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(tagged(&sim, "blind-0"), 3, "nothing was sent");
    let doc = sim.run_json(&["undo", &run, "--force"]);
    assert_eq!(doc["summary"]["succeeded"], 3);
    assert_eq!(tagged(&sim, "blind-0"), 0);
}

/// Two mdetag processes of one app at once, and one right after the other, against a server
/// that refuses what its window cannot take. (4 s windows: their 80 ms margin outlasts the
/// scheduling noise of a loaded 2-core machine; 2 s windows leave 40 ms.)
#[test]
fn processes_of_one_app_share_the_rate_limit() {
    let sim = TestSim::start(SimConfig {
        machines: 100,
        rate_limits: vec![(20, Duration::from_secs(4))],
        ..Default::default()
    });
    let ids = sim.ids(100);
    let (dir, a) = temp_file("a.csv", &tagging_csv(&ids[..30], "a", 1));
    let b = dir.path().join("b.csv");
    std::fs::write(&b, tagging_csv(&ids[30..60], "b", 1)).unwrap();
    let args = |csv: &PathBuf| -> Vec<String> {
        [
            "--no-batch",
            "--rate-limit",
            "20/4s",
            "--output",
            "json",
            "apply-csv",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([csv.display().to_string()])
        .collect()
    };
    let spawn = |csv: &PathBuf| {
        sim.std_cmd()
            .args(args(csv))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(&a), spawn(&b));
    let (ca, ea) = finish(first);
    let (cb, eb) = finish(second);
    assert_eq!((ca, cb), (Some(0), Some(0)), "{ea}\n{eb}");
    let throttled = sim.api_calls().iter().filter(|c| c.status == 429).count();
    assert_eq!(throttled, 0, "side by side");

    // Back to back: the next starts while the server's window is still full.
    let c = dir.path().join("c.csv");
    std::fs::write(&c, tagging_csv(&ids[60..80], "c", 1)).unwrap();
    let out = sim.cmd().args(args(&c)).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let throttled = sim.api_calls().iter().filter(|c| c.status == 429).count();
    assert_eq!(throttled, 0, "back to back");
}

#[test]
fn journals_are_private_list_show_and_survive_damage_clearly() {
    let sim = resumed_at_once(unlimited_config(5));
    let ids = sim.ids(2);
    let doc = sim.run_json(&tag_add_argv(&[], &ids, "j"));
    let run = run_id(&doc);
    let path = sim.journal();
    assert!(path.ends_with(format!("{run}.jsonl")), "{}", path.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let journal = text(&std::fs::read(&path).unwrap());
    assert!(!journal.contains(crate::kit::SECRET));
    for token in sim.sim.issued_tokens() {
        assert!(!journal.contains(&token), "a token in the journal");
    }

    let list = sim.run_json(&["runs", "list"]);
    assert_eq!(list[0]["run_id"], run.as_str());
    assert_eq!(list[0]["status"], "finished");
    assert_eq!(list[0]["succeeded"], 2);
    assert_eq!(list[0]["command"], "tag add");
    // A RUN that names no run, or more than one, is a usage error.
    for (args, says) in [
        (vec!["runs", "show", "nope"], "no run 'nope'"),
        (vec!["resume", "nope"], "no run 'nope'"),
        (vec!["undo", "nope"], "no run 'nope'"),
    ] {
        let out = sim.cmd().args(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
    }
    let shown = sim.run_json(&["runs", "show", &run[..12]]);
    assert_eq!(shown["summary"]["succeeded"], 2);
    assert_eq!(shown["results"].as_array().unwrap().len(), 2);

    // A torn last line (killed while writing) is ignored.
    std::fs::write(&path, format!("{journal}{{\"t\":\"done\",\"ops\":[0")).unwrap();
    let shown = sim.run_json(&["runs", "show", &run]);
    assert_eq!(shown["summary"]["succeeded"], 2);
    // Resuming such a journal appends after the last whole line, not onto the torn one: the
    // journal stays readable for `runs show`, `undo` and another resume.
    let killed: String = killed_after_sending(&journal)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, format!("{killed}{{\"t\":\"done\",\"ops\":[0")).unwrap();
    let resumed = sim.run_json(&["resume", &run]);
    assert_eq!(resumed["summary"]["succeeded"], 2, "{resumed}");
    let shown = sim.run_json(&["runs", "show", &run]);
    assert_eq!(shown["summary"]["succeeded"], 2, "{shown}");
    // A whole last record that lacks only its line break is kept, by the reader and by the
    // resume that appends after it.
    let done = journal
        .lines()
        .find(|l| l.starts_with("{\"t\":\"done\"") && l.contains("\"ops\":[0,1]"))
        .unwrap_or_else(|| panic!("no done record for the batch in\n{journal}"));
    // As if only the first operation's outcome had been recorded.
    let done_0 = done.replacen("\"ops\":[0,1]", "\"ops\":[0]", 1);
    std::fs::write(&path, format!("{killed}{done_0}")).unwrap();
    let resumed = sim.run_json(&["resume", &run]);
    assert_eq!(resumed["summary"]["succeeded"], 2, "{resumed}");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains(&format!("{done_0}\n")),
        "the record was cut"
    );
    let shown = sim.run_json(&["runs", "show", &run]);
    assert_eq!(shown["summary"]["succeeded"], 2, "{shown}");
    let list = sim.run_json(&["runs", "list"]);
    assert_eq!(list[0]["status"], "finished", "{list}");
    std::fs::write(&path, &journal).unwrap();
    // Damage in the middle is named with its line.
    let mut lines: Vec<&str> = journal.lines().collect();
    lines[2] = "{not json";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = sim.cmd().args(["runs", "show", &run]).output().unwrap();
    assert_exit_says(
        &out,
        1,
        &format!("{}:3: the journal is damaged", path.display()),
    );
    // A journal from a newer mdetag is refused, saying so.
    std::fs::write(&path, journal.replacen("\"format\":2", "\"format\":99", 1)).unwrap();
    let out = sim.cmd().args(["resume", &run]).output().unwrap();
    assert_exit_says(&out, 1, "newer mdetag (journal format 99");
}

#[test]
fn an_unwritable_state_directory_is_a_clear_error_and_nothing_is_sent() {
    let sim = TestSim::unlimited(3);
    let id = sim.ids(1).remove(0);
    let (_dir, file) = temp_file("not-a-dir", "");
    let out = sim
        .cmd()
        .env("MDETAG_STATE_DIR", &file)
        .args(["tag", "add", "--machine", &id, "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("MDETAG_STATE_DIR") && stderr.contains("--no-journal"),
        "{stderr}"
    );
    assert!(sim.sim.writes().is_empty());
    // --no-journal runs anyway.
    let out = sim
        .cmd()
        .env("MDETAG_STATE_DIR", &file)
        .args(["--no-journal", "--output", "json"])
        .args(tag_add(&[&id], "x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(stdout_json(&out)["summary"]["run_id"], Value::Null);
}

#[test]
fn resuming_a_finished_run_sends_nothing_and_old_journals_are_pruned() {
    let sim = TestSim::unlimited(3);
    let id = sim.ids(1).remove(0);
    let run = run_id(&sim.run_json(&["tag", "add", "--machine", &id, "--value", "done"]));
    let calls = sim.api_calls().len();
    let out = sim
        .cmd()
        .args(["--output", "json", "resume", &run])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_json(&out)["summary"]["succeeded"], 1);
    assert_eq!(sim.api_calls().len(), calls, "a finished run sends nothing");
    // With no RUN: every run finished, so nothing to do.
    let out = sim.cmd().arg("resume").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("nothing to resume"));

    let old = sim
        .state
        .path()
        .join("runs")
        .join("20250101T000000Z-0000.jsonl");
    std::fs::copy(sim.journal(), &old).unwrap();
    let f = std::fs::File::options().write(true).open(&old).unwrap();
    f.set_modified(std::time::SystemTime::now() - Duration::from_secs(91 * 86_400))
        .unwrap();
    sim.run_json(&["tag", "add", "--machine", &id, "--value", "later"]);
    assert!(!old.exists(), "journals older than 90 days are removed");
}

/// A sandbox run is resumed only with `--sandbox`: plain `resume` passes it over, and naming
/// it says why, before asking for any credential.
#[test]
fn a_sandbox_run_is_never_what_resume_picks() {
    let sim = TestSim::unlimited(1);
    let out = sim
        .cmd()
        .args(["--sandbox", "--output", "json", "tag", "add"])
        .args(["--machine", "ws-00001", "--value", "s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let run = run_id(&stdout_json(&out));
    // As a kill would leave it: no outcome, no end.
    let path = sim.journal();
    let journal = text(&std::fs::read(&path).unwrap());
    let killed: String = killed_after_sending(&journal)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, killed).unwrap();

    let out = sim.cmd().arg("resume").output().unwrap();
    assert_exit_says(&out, 0, "nothing to resume");
    assert!(sim.api_calls().is_empty());
    let out = sim
        .cmd()
        .env_remove("AZURE_CLIENT_SECRET")
        .args(["resume", &run])
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "made in the sandbox: add --sandbox");
}
