//! Recovery that never guesses (issue 14): a plan cut short by a kill or a full disk, a damaged
//! journal, calls still in flight when resume comes, which run a bare `resume` takes, the pacing
//! a resumed run keeps, and the order of `runs list`. The real binary against the simulator.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use mde_sim::SimConfig;
use serde_json::Value;

use crate::kit::{
    CALL_TIMEOUT_VAR, TestSim, finish, killed_after_sending, run_id, send_signal, stdout_json,
    tag_add, tag_add_argv, tagging_csv, temp_file, text, unlimited_config, wait_until,
};

/// How many machines carry `tag` now.
fn tagged(sim: &TestSim, tag: &str) -> usize {
    sim.tagged(tag).len()
}

/// The one journal in the simulator's state directory.
fn only_journal(sim: &TestSim) -> Option<PathBuf> {
    let runs = sim.state.path().join("runs");
    let all: Vec<PathBuf> = std::fs::read_dir(&runs)
        .ok()?
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    assert!(all.len() <= 1, "{all:?}");
    all.into_iter().next()
}

fn lines_of(path: &Path, kind: &str) -> usize {
    let needle = format!("{{\"t\":\"{kind}\"");
    text(&std::fs::read(path).unwrap())
        .lines()
        .filter(|l| l.starts_with(&needle))
        .count()
}

/// 300,000 operations: about 30 MB of journal to write before the first call.
const BIG: (usize, usize) = (1000, 300);

fn big_run(sim: &TestSim) -> (tempfile::TempDir, Vec<String>) {
    let ids = sim.ids(BIG.0);
    let (dir, csv) = temp_file("big.csv", &tagging_csv(&ids, "big", BIG.1));
    let args = [
        "--rate-limit",
        "1000/1s",
        "--output",
        "json",
        "apply-csv",
        csv.to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec();
    (dir, args)
}

/// `mdetag resume` (the newest run to resume) at the pace of the big runs.
fn resume(sim: &TestSim) -> (Option<i32>, Value, String) {
    sim.json_outcome(&["--rate-limit", "1000/1s", "resume"])
}

/// What `resume` must do with a journal whose plan was cut short: refuse, exit 2, send nothing.
fn assert_resume_refuses_the_cut_plan(sim: &TestSim, journal: &Path) {
    let ops = lines_of(journal, "op");
    assert!(
        ops < BIG.0 * BIG.1,
        "the run was stopped after its plan was written ({ops} operations): nothing tested"
    );
    assert_eq!(
        sim.write_calls(),
        0,
        "nothing is sent before the plan is whole"
    );
    let (code, _, stderr) = resume(sim);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(sim.write_calls(), 0, "resume sent nothing: {stderr}");
    assert!(
        stderr.contains("sent nothing") && stderr.contains("apply-csv"),
        "{stderr}"
    );
}

#[test]
fn a_run_killed_while_its_plan_is_written_is_refused_by_resume() {
    let sim = TestSim::unlimited(BIG.0);
    let (dir, args) = big_run(&sim);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Past the header, well short of the whole plan.
    sim.kill_when(
        &args,
        &dir.path().join("out"),
        "the plan's first megabyte",
        || {
            only_journal(&sim)
                .and_then(|p| std::fs::metadata(p).ok())
                .is_some_and(|m| m.len() > 1 << 20)
        },
    );
    assert_resume_refuses_the_cut_plan(&sim, &only_journal(&sim).unwrap());
}

#[cfg(unix)]
#[test]
fn a_run_that_hits_the_file_size_limit_while_planning_is_refused_by_resume() {
    use std::os::unix::process::ExitStatusExt;
    let sim = TestSim::unlimited(BIG.0);
    let (_dir, args) = big_run(&sim);
    // 4096 blocks: 2 or 4 MiB, whichever block size this shell counts in.
    let mut cmd = std::process::Command::new("sh");
    sim.apply_env(&mut cmd);
    let out = cmd
        .arg("-c")
        .arg("ulimit -f 4096; exec \"$0\" --no-progress \"$@\"")
        .arg(env!("CARGO_BIN_EXE_mdetag"))
        .args(&args)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.signal(),
        Some(25),
        "died of SIGXFSZ: {:?} {}",
        out.status,
        text(&out.stderr)
    );
    assert_resume_refuses_the_cut_plan(&sim, &only_journal(&sim).unwrap());
}

/// A run of three per-machine writes, left as a kill after its calls were sent would leave it.
fn sent_and_killed(sim: &TestSim, tag: &str) -> (String, PathBuf, Vec<String>) {
    let ids = sim.ids(3);
    let run = run_id(&sim.run_json(&tag_add_argv(&["--no-batch"], &ids, tag)));
    let path = only_journal(sim).unwrap();
    let lines = killed_after_sending(&text(&std::fs::read(&path).unwrap()));
    (run, path, lines)
}

#[test]
fn a_damaged_line_is_refused_before_anything_is_sent_and_named_by_every_reader() {
    let sim = TestSim::unlimited(5);
    let (run, path, lines) = sent_and_killed(&sim, "dmg");
    let writes = sim.write_calls();
    // In the middle (among the operations), and as a whole last line.
    let mut middle = lines.clone();
    middle.insert(2, "garbage, not a record".into());
    let mut last = lines.clone();
    last.push("{\"t\":\"done\",garbage}".into());
    for (journal, line) in [(middle, 3), (last, lines.len() + 1)] {
        std::fs::write(&path, journal.join("\n") + "\n").unwrap();
        let named = format!("{}:{line}: the journal is damaged", path.display());
        let out = sim
            .cmd()
            .env(CALL_TIMEOUT_VAR, "500")
            .args(["resume", &run])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&named) && stderr.contains("sent nothing"),
            "{stderr}"
        );
        assert_eq!(sim.write_calls(), writes, "resume sent nothing");
        for args in [vec!["runs", "show", &run], vec!["undo", &run]] {
            let out = sim.cmd().args(&args).output().unwrap();
            let stderr = text(&out.stderr);
            assert!(
                matches!(out.status.code(), Some(1 | 2)),
                "{args:?}: a clear error, not a panic: {:?} {stderr}",
                out.status
            );
            assert!(stderr.contains(&named), "{args:?}: {stderr}");
        }
        assert_eq!(sim.write_calls(), writes, "undo sent nothing");
    }
}

/// Writes the stopped run may still have in flight are not read (and sent again) before they
/// can have landed: the server takes 100 to 1,500 ms to apply each.
#[test]
fn an_immediate_resume_waits_for_calls_still_in_flight() {
    let mut sim = TestSim::start(SimConfig {
        latency: Duration::from_millis(100),
        latency_jitter: Duration::from_millis(1400),
        ..unlimited_config(40)
    });
    // The run and the resume alike.
    sim.call_timeout_ms = Some(3000);
    let (dir, csv) = temp_file("flight.csv", &tagging_csv(&sim.ids(40), "flight", 1));
    let mut args = vec![
        "--no-batch",
        "--concurrency",
        "8",
        "--rate-limit",
        "1000/1s",
    ];
    args.extend(["--output", "json", "apply-csv", csv.to_str().unwrap()]);
    // Its first calls are sent (recorded before they go out) and take 0.1 to 1.5 s to apply.
    sim.kill_when(&args, &dir.path().join("out"), "the first calls", || {
        only_journal(&sim).is_some_and(|p| lines_of(&p, "sent") >= 1)
    });
    let (code, doc, stderr) = resume(&sim);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["summary"]["succeeded"], 40, "{stderr}");
    assert_eq!(tagged(&sim, "flight-0"), 40);
    // One tag per machine, one call per machine: a path written twice is a write sent again
    // (the simulator's record of changes would not show it: the second add changes nothing).
    let mut per_machine = std::collections::HashMap::<String, usize>::new();
    for c in sim.api_calls().iter().filter(|c| c.method != "GET") {
        *per_machine.entry(c.path.clone()).or_default() += 1;
    }
    let twice: Vec<_> = per_machine.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent twice: {twice:?}\n{stderr}");
    assert_eq!(per_machine.len(), 40);
    assert!(
        stderr.contains("for calls the stopped run may still have in flight"),
        "{stderr}"
    );
}

/// A bare `resume` takes the newest run only: an older run that did not finish is listed, not
/// resumed.
#[test]
fn a_bare_resume_never_takes_up_an_older_run() {
    let sim = TestSim::unlimited(10);
    let (older, path, lines) = sent_and_killed(&sim, "older");
    // Not even sent: as if a signal had stopped it before its calls.
    let pending: Vec<String> = lines
        .into_iter()
        .filter(|l| !l.starts_with("{\"t\":\"sent\""))
        .collect();
    std::fs::write(&path, pending.join("\n") + "\n").unwrap();
    let id = sim.ids(6).pop().unwrap();
    sim.run_json(&["tag", "add", "--machine", &id, "--value", "newer"]);
    let calls = sim.api_calls().len();
    let out = sim.cmd().arg("resume").output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(sim.api_calls().len(), calls, "nothing sent: {stderr}");
    assert!(
        stderr.contains("nothing left to do") && stderr.contains(&older),
        "the older run is named: {stderr}"
    );
}

/// The run's calls and the resumed run's, by their arrival at the server: no `span` holds
/// more than `limit`.
fn assert_paced(sim: &TestSim, limit: usize, span: Duration) {
    let at: Vec<f64> = sim.api_calls().iter().map(|c| c.at_ms).collect();
    for (i, start) in at.iter().enumerate() {
        let within = at[i..]
            .iter()
            .filter(|&&t| t - start < span.as_secs_f64() * 1000.0)
            .count();
        assert!(
            within <= limit,
            "{within} calls within {span:?} from {start} ms: {at:?}"
        );
    }
}

#[test]
fn a_resumed_run_keeps_the_pacing_it_was_started_with() {
    let mut sim = TestSim::unlimited(12);
    // The run and the resume alike.
    sim.call_timeout_ms = Some(1000);
    let (dir, csv) = temp_file("paced.csv", &tagging_csv(&sim.ids(12), "paced", 1));
    let mut args = vec!["--no-batch", "--rate-limit", "5/2s", "--output", "json"];
    args.extend(["apply-csv", csv.to_str().unwrap()]);
    sim.kill_when(&args, &dir.path().join("out"), "6 calls", || {
        sim.api_calls().len() >= 6
    });
    let (code, _, stderr) = sim.json_outcome(&["resume"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(tagged(&sim, "paced-0"), 12);
    // 5 a 2 s window, less a margin for the trip to the server.
    assert_paced(&sim, 5, Duration::from_millis(1900));
}

#[test]
fn runs_list_orders_runs_of_one_second_by_their_start_and_marks_sandbox_runs() {
    let sim = TestSim::unlimited(3);
    let id = sim.ids(1).pop().unwrap();
    let run = |value: &str| -> String {
        run_id(&sim.run_json(&["tag", "add", "--machine", &id, "--value", value]))
    };
    // Two runs in one second (the run ID starts with its second).
    let (first, second) = (0..5)
        .map(|i| (run(&format!("a{i}")), run(&format!("b{i}"))))
        .find(|(a, b)| a[..16] == b[..16])
        .expect("two runs within one second");
    let out = sim
        .cmd()
        .args(["--sandbox"])
        .args(tag_add(&["ws-00001"], "s"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = sim.run_json(&["runs", "list"]);
    let rows = list.as_array().unwrap();
    let at = |run: &str| rows.iter().position(|r| r["run_id"] == run).unwrap();
    assert!(at(&second) < at(&first), "newest first: {list}");
    assert_eq!(rows[0]["sandbox"], true, "{list}");
    for r in &rows[1..] {
        assert_eq!(r["sandbox"], false, "{r}");
    }
    for r in rows {
        let started = r["started"].as_str().unwrap();
        let ms = started.trim_end_matches('Z').rsplit('.').next().unwrap();
        assert!(
            started.contains('.') && ms.len() == 3 && ms.bytes().all(|b| b.is_ascii_digit()),
            "to the millisecond: {started}"
        );
    }
}

/// A run journaled elsewhere (`--journal`) is resumed by its path, as the hint at its stop
/// says; `resume --dry-run` shows the whole run and the calls left, and sends nothing.
#[test]
fn a_journal_elsewhere_is_resumed_by_path_and_a_dry_run_shows_what_is_left() {
    let sim = TestSim::start(SimConfig {
        latency: Duration::from_millis(200),
        ..unlimited_config(20)
    });
    let (dir, csv) = temp_file("elsewhere.csv", &tagging_csv(&sim.ids(20), "away", 1));
    let journal = dir.path().join("away.jsonl");
    let child = sim.spawn(
        &[
            "--no-batch",
            "--concurrency",
            "2",
            "--journal",
            journal.to_str().unwrap(),
            "--output",
            "json",
            "apply-csv",
            csv.to_str().unwrap(),
        ],
        &dir.path().join("out"),
    );
    wait_until("4 calls", || sim.api_calls().len() >= 4);
    send_signal(child.id(), "TERM");
    let (code, stderr) = finish(child);
    assert_eq!(code, Some(143), "{stderr}");
    let hint = format!("`mdetag resume {}` continues this run", journal.display());
    assert!(stderr.contains(&hint), "{stderr}");
    let done = tagged(&sim, "away-0");
    let calls = sim.api_calls().len();

    let out = sim
        .cmd()
        .args(["--dry-run", "--output", "json", "resume"])
        .arg(&journal)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let doc: Value = stdout_json(&out);
    assert_eq!(doc["summary"]["total"], 20, "the whole run: {doc}");
    assert_eq!(doc["summary"]["succeeded"], done as u64, "{doc}");
    assert_eq!(doc["summary"]["planned"], (20 - done) as u64, "{doc}");
    assert!(
        stderr.contains(&format!(
            "call plan: 0 read calls made, {} write calls to make",
            20 - done
        )),
        "{stderr}"
    );
    assert_eq!(sim.api_calls().len(), calls, "a dry run sends nothing");

    let out = sim
        .cmd()
        .args(["--output", "json", "resume"])
        .arg(&journal)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(tagged(&sim, "away-0"), 20);
    sim.assert_written_once(20);
}

/// Found by the kill matrix (2026-12-05): a `sent` record was journaled once per wave of
/// `--concurrency` calls, before the first of the wave went out; calls the pacer held left
/// later with no record, so resume, waiting from the journal's last record, read such a call
/// back before its own timeout had passed and sent it again (15 machines, 100 to 1,500 ms
/// latency, `10/3s`: one machine written twice). Each attempt now records when it leaves. Here
/// 10 calls go at once, 5 wait 3 s for the window, and the run is killed just after they
/// leave: resume must not read them back before the call timeout (2 s) has passed.
#[test]
fn an_immediate_resume_waits_for_calls_the_pacer_held_back() {
    let mut sim = TestSim::start(SimConfig {
        latency: Duration::from_millis(300),
        ..unlimited_config(20)
    });
    // The run and the resume alike.
    sim.call_timeout_ms = Some(2000);
    let (dir, csv) = temp_file("held.csv", &tagging_csv(&sim.ids(15), "held", 1));
    let mut args = vec!["--no-prior-state", "--no-batch", "--concurrency", "15"];
    args.extend(["--rate-limit", "10/3s", "--output", "json", "apply-csv"]);
    args.push(csv.to_str().unwrap());
    let child = sim.spawn(&args, &dir.path().join("out"));
    wait_until("the first 10 writes", || sim.sim.writes().len() >= 10);
    let first = sim.api_calls()[0].at_ms;
    // The 5 held back leave when the window has rolled: about 3,060 ms after the first.
    wait_until("the held calls to leave", || {
        sim.sim.now_ms() >= first + 3300.0
    });
    let killed_at = sim.sim.now_ms();
    send_signal(child.id(), "KILL");
    let _ = finish(child);
    let (code, _, stderr) = sim.json_outcome(&["resume"]);
    assert_eq!(code, Some(0), "{stderr}");
    let calls = sim.api_calls();
    let left: Vec<f64> = calls
        .iter()
        .filter(|c| c.method != "GET" && c.at_ms < killed_at)
        .map(|c| c.at_ms)
        .collect();
    assert_eq!(left.len(), 15, "every call left before the kill: {calls:?}");
    let last_left = left.iter().copied().fold(0.0, f64::max);
    let first_check = calls
        .iter()
        .filter(|c| c.method == "GET" && c.at_ms > killed_at)
        .map(|c| c.at_ms)
        .fold(f64::MAX, f64::min);
    assert!(
        first_check >= last_left + 2000.0 - 50.0,
        "resume read back a call {:.0} ms after it left (call timeout 2,000 ms)\n{stderr}",
        first_check - last_left
    );
}

/// Found by the kill matrix (2026-12-05): a run killed between creating its journal and
/// writing the header line leaves an empty journal (or a torn header), having sent nothing.
/// `resume RUN` said "is not an mdetag journal" with exit 1; it is refused as a plan cut short
/// is, exit 2, saying the run sent nothing.
#[cfg(unix)]
#[test]
fn a_journal_killed_before_its_header_is_refused_as_a_cut_plan() {
    use std::os::unix::fs::PermissionsExt;
    let sim = TestSim::unlimited(1);
    let runs = sim.state.path().join("runs");
    std::fs::create_dir(&runs).unwrap();
    std::fs::set_permissions(&runs, std::fs::Permissions::from_mode(0o700)).unwrap();
    let run = "20261205T124859Z-8e6e";
    let path = runs.join(format!("{run}.jsonl"));
    for torn in ["", r#"{"t":"header","format":2,"run_id":"2026"#] {
        std::fs::write(&path, torn).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let out = sim.cmd().args(["resume", run]).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{torn:?}: {stderr}");
        assert!(stderr.contains("sent nothing"), "{torn:?}: {stderr}");
        assert_eq!(sim.write_calls(), 0);
    }
}
