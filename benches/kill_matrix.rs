//! The kill matrix: mdetag's own figure for "resume never repeats a write and never misses one".
//!
//! For each scenario and each kill point: a fresh mde-sim in this process on 127.0.0.1 (50 to
//! 300 ms a call, a time-scaled rate limit on both sides); the real mdetag binary doing a
//! journaled run; SIGKILL at the point (at once, while the plan is written, after N write
//! calls the simulator has carried out, or, in `paced`, just after calls the rate limit held
//! back have left); `mdetag resume` right away (by run ID and bare, in
//! turn); where resume refuses a cut plan, the command again, as it advises; then a second bare
//! `resume`, which must send nothing. Then, from the simulator's own record of every change:
//!
//! - repeated: changes of one (machine, change) the simulator carried out more than once (no
//!   fault is injected, so none is needed);
//! - missed: changes the run meant to make that the machines do not show once that resume (or
//!   the command run again) has ended;
//! - report: whether the last report and exit code are true (every row that says succeeded is
//!   so on the machine, the counts and the exit code agree, a refusal sent nothing).
//!
//! Run it with:
//!
//!     cargo bench --bench kill_matrix                    # every scenario, a few minutes
//!     cargo bench --bench kill_matrix -- set-value undo  # some: no-batch batch set-value apply-csv undo big-plan paced
//!
//! Prints a table and totals; exits 1 when a write was repeated, a change missed or a report
//! was not true.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use mde_sim::SimConfig;
use serde_json::Value;

#[path = "../tests/kit/mod.rs"]
mod kit;

use kit::TestSim;

/// How long a call may take, and so how long a resume right after a kill waits for calls the
/// killed process may still have in flight: well over the simulator's 300 ms.
const CALL_TIMEOUT_MS: u64 = 3000;

#[derive(Clone, Copy)]
enum Point {
    /// SIGKILL as soon as the process is started.
    Start,
    /// As soon as its journal exists (the plan is being written).
    Journal,
    /// When its journal has reached this many bytes (a large plan being written).
    JournalBytes(u64),
    /// After the simulator has carried out this many write calls.
    Calls(usize),
    /// This long after the first write call reached the simulator, whose latencies come from
    /// this seed.
    AfterFirst { ms: u64, seed: u64 },
}

impl Point {
    fn label(self) -> String {
        match self {
            Point::Start => "at start".into(),
            Point::Journal => "journal created".into(),
            Point::JournalBytes(n) => format!("plan at {} KiB", n >> 10),
            Point::Calls(n) => format!("after {n} write calls"),
            Point::AfterFirst { ms, seed } => format!("{ms} ms in, seed {seed}"),
        }
    }
}

/// One change the run means to make, as the machine must show it at the end.
enum Want {
    Tag(String, String, bool),
    Value(String, String),
}

impl Want {
    fn holds(&self, sim: &TestSim) -> bool {
        match self {
            Want::Tag(id, tag, present) => has_tag(sim, id, tag) == *present,
            Want::Value(id, value) => sim.machine(id).device_value == *value,
        }
    }
}

fn has_tag(sim: &TestSim, id: &str, tag: &str) -> bool {
    let tag = tag.to_lowercase();
    sim.machine(id)
        .machine_tags
        .iter()
        .any(|t| t.to_lowercase() == tag)
}

struct Scenario {
    name: &'static str,
    fleet: usize,
    /// The run's `--rate-limit`, and the simulator's own limit: the same window.
    rate: (&'static str, u32, Duration),
    /// The simulator's latency: at least this (ms), and up to this much more.
    latency: (u64, u64),
    points: Vec<Point>,
    /// Prepares the run on a fresh simulator (files in `dir`, a first run for undo): its
    /// arguments and the changes it means to make.
    build: Build,
}

/// Prepares a scenario's run: its arguments and the changes it means to make.
type Build = fn(&Scenario, &TestSim, &Path) -> (Vec<String>, Vec<Want>);

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// `n` machine IDs of live machines (not the records the service merged into another).
fn live_ids(sim: &TestSim, n: usize) -> Vec<String> {
    let ids: Vec<String> = sim
        .sim
        .machines()
        .into_iter()
        .filter(|m| m.merged_into_machine_id.is_none())
        .take(n)
        .map(|m| m.id)
        .collect();
    assert_eq!(ids.len(), n, "the fleet is large enough");
    ids
}

fn file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn no_batch(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 300);
    let list = file(dir, "ids.txt", &ids.join("\n"));
    let args = [
        "--no-batch",
        "--concurrency",
        "20",
        "--rate-limit",
        sc.rate.0,
    ];
    let mut args = strings(&args);
    args.extend(strings(&[
        "tag",
        "add",
        "--machines-file",
        &list,
        "--value",
        "KM-one",
    ]));
    let wants = ids
        .into_iter()
        .map(|id| Want::Tag(id, "KM-one".into(), true))
        .collect();
    (args, wants)
}

fn batch(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 500);
    let list = file(dir, "ids.txt", &ids.join("\n"));
    let mut args = strings(&["--rate-limit", sc.rate.0, "tag", "add"]);
    args.extend(strings(&["--machines-file", &list]));
    let mut wants = Vec::new();
    for t in 0..8 {
        let tag = format!("KM-batch-{t}");
        args.extend(strings(&["--value", &tag]));
        wants.extend(
            ids.iter()
                .map(|id| Want::Tag(id.clone(), tag.clone(), true)),
        );
    }
    (args, wants)
}

fn set_value(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 300);
    let list = file(dir, "ids.txt", &ids.join("\n"));
    let mut args = strings(&[
        "--concurrency",
        "20",
        "--rate-limit",
        sc.rate.0,
        "set-value",
    ]);
    args.extend(strings(&["--machines-file", &list, "--value", "High"]));
    let wants = ids
        .into_iter()
        .map(|id| Want::Value(id, "High".into()))
        .collect();
    (args, wants)
}

/// Adds (one batch call), removals of a tag many machines carry (one batch call) and device
/// values (one call each), from one CSV.
fn apply_csv(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 200);
    let mut csv = String::from("MachineId,Action,Value\n");
    let mut wants = Vec::new();
    for id in &ids {
        csv.push_str(&format!(
            "{id},Add,KM-csv\n{id},Remove,Legacy\n{id},SetValue,Low\n"
        ));
        wants.push(Want::Tag(id.clone(), "KM-csv".into(), true));
        wants.push(Want::Tag(id.clone(), "Legacy".into(), false));
        wants.push(Want::Value(id.clone(), "Low".into()));
    }
    let path = file(dir, "changes.csv", &csv);
    (
        strings(&["--rate-limit", sc.rate.0, "apply-csv", &path]),
        wants,
    )
}

/// A finished run (a batched add and device values) first; the run killed is its undo.
fn undo(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 150);
    let before: Vec<(Vec<String>, String)> = sim.tags_and_values(&ids);
    let mut csv = String::from("MachineId,Action,Value\n");
    for id in &ids {
        csv.push_str(&format!("{id},Add,KM-undo\n{id},SetValue,High\n"));
    }
    let path = file(dir, "first.csv", &csv);
    let out = sim
        .cmd()
        .args([
            "--rate-limit",
            sc.rate.0,
            "--output",
            "json",
            "apply-csv",
            &path,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", kit::text(&out.stderr));
    let run = kit::stdout_json(&out)["summary"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut wants = Vec::new();
    for (id, (tags, value)) in ids.iter().zip(before) {
        let had = tags.iter().any(|t| t.eq_ignore_ascii_case("KM-undo"));
        wants.push(Want::Tag(id.clone(), "KM-undo".into(), had));
        wants.push(Want::Value(id.clone(), value));
    }
    (strings(&["--rate-limit", sc.rate.0, "undo", &run]), wants)
}

/// 20,000 operations (about 2 MB of journal before the first call), killed while the plan is
/// written.
fn big_plan(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 1000);
    let mut csv = String::from("MachineId,Action,Value\n");
    let mut wants = Vec::new();
    for t in 0..20 {
        for id in &ids {
            csv.push_str(&format!("{id},Add,KM-big-{t}\n"));
            wants.push(Want::Tag(id.clone(), format!("KM-big-{t}"), true));
        }
    }
    let path = file(dir, "big.csv", &csv);
    (
        strings(&["--rate-limit", sc.rate.0, "apply-csv", &path]),
        wants,
    )
}

/// 15 per-machine adds in one wave (`--concurrency 15`) under `10/5s`: 5 wait for the window
/// and leave about 5 s after the first, when the run is killed. Slow answers (100 to 1,500 ms).
fn paced(sc: &Scenario, sim: &TestSim, dir: &Path) -> (Vec<String>, Vec<Want>) {
    let ids = live_ids(sim, 15);
    let list = file(dir, "ids.txt", &ids.join("\n"));
    let mut args = strings(&[
        "--no-batch",
        "--concurrency",
        "15",
        "--rate-limit",
        sc.rate.0,
    ]);
    args.extend(strings(&[
        "tag",
        "add",
        "--machines-file",
        &list,
        "--value",
        "KM-paced",
    ]));
    let wants = ids
        .into_iter()
        .map(|id| Want::Tag(id, "KM-paced".into(), true))
        .collect();
    (args, wants)
}

fn scenarios() -> Vec<Scenario> {
    use Point::*;
    let second = Duration::from_secs(1);
    vec![
        Scenario {
            name: "no-batch",
            fleet: 400,
            rate: ("100/1s", 100, second),
            latency: (50, 250),
            points: vec![
                Start,
                Journal,
                Calls(1),
                Calls(50),
                Calls(150),
                Calls(250),
                Calls(290),
            ],
            build: no_batch,
        },
        Scenario {
            name: "batch",
            fleet: 600,
            rate: ("4/1s", 4, second),
            latency: (50, 250),
            points: vec![Start, Journal, Calls(1), Calls(3), Calls(5), Calls(7)],
            build: batch,
        },
        Scenario {
            name: "set-value",
            fleet: 400,
            rate: ("100/1s", 100, second),
            latency: (50, 250),
            points: vec![
                Start,
                Journal,
                Calls(1),
                Calls(60),
                Calls(150),
                Calls(240),
                Calls(290),
            ],
            build: set_value,
        },
        Scenario {
            name: "apply-csv",
            fleet: 300,
            rate: ("100/1s", 100, second),
            latency: (50, 250),
            points: vec![
                Start,
                Journal,
                Calls(1),
                Calls(50),
                Calls(100),
                Calls(150),
                Calls(195),
            ],
            build: apply_csv,
        },
        Scenario {
            name: "undo",
            fleet: 200,
            rate: ("100/1s", 100, second),
            latency: (50, 250),
            points: vec![Start, Journal, Calls(1), Calls(50), Calls(100), Calls(145)],
            build: undo,
        },
        Scenario {
            name: "big-plan",
            fleet: 1100,
            rate: ("100/1s", 100, second),
            latency: (50, 250),
            points: vec![
                JournalBytes(64 << 10),
                JournalBytes(512 << 10),
                JournalBytes(1 << 20),
            ],
            build: big_plan,
        },
        Scenario {
            name: "paced",
            fleet: 40,
            rate: ("10/5s", 10, Duration::from_secs(5)),
            latency: (100, 1400),
            points: (1..=6).map(|seed| AfterFirst { ms: 5250, seed }).collect(),
            build: paced,
        },
    ]
}

/// What one kill point came to.
struct Row {
    scenario: &'static str,
    point: String,
    /// Whether the process was still running at the point (else it had ended first).
    killed: bool,
    /// Write calls the simulator had carried out when the process was killed.
    at_kill: usize,
    journal: String,
    /// `id` or `bare`.
    how: &'static str,
    resume_code: Option<i32>,
    /// The command's exit code when it was run again after resume refused a cut plan.
    again: Option<Option<i32>>,
    calls: usize,
    writes: usize,
    repeated: usize,
    missed: usize,
    /// Why the reports were not true, if they were not.
    untrue: Vec<String>,
    secs: f64,
}

fn journals(sim: &TestSim) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(sim.state.path().join("runs")) else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect()
}

fn new_journal(sim: &TestSim, before: &[PathBuf]) -> Option<PathBuf> {
    journals(sim).into_iter().find(|p| !before.contains(p))
}

/// What a killed run's journal held: whether its plan was marked complete, and in words.
fn journal_state(path: Option<&Path>) -> (bool, String) {
    let Some(text) = path.and_then(|p| std::fs::read(p).ok()) else {
        return (false, "none".into());
    };
    let text = String::from_utf8_lossy(&text);
    let count = |kind: &str| {
        let needle = format!("{{\"t\":\"{kind}\"");
        text.lines().filter(|l| l.starts_with(&needle)).count()
    };
    // One `sent` line can stand for several calls that waited for the disk together, and each
    // attempt adds one as it leaves: the operations named, each once.
    let sent = text
        .lines()
        .filter(|l| l.starts_with("{\"t\":\"sent\""))
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .flat_map(|v| {
            v["ops"]
                .as_array()
                .map(|ops| ops.iter().filter_map(Value::as_u64).collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .collect::<std::collections::HashSet<u64>>()
        .len();
    match count("planned") {
        _ if count("header") == 0 => (false, format!("no header, {} bytes", text.len())),
        0 => (false, format!("plan cut, {} ops", count("op"))),
        _ => (true, format!("planned, {sent} ops sent")),
    }
}

/// Write calls the simulator carried out after the first `base` calls of its log.
fn write_calls(sim: &TestSim, base: usize) -> usize {
    sim.sim.calls()[base..]
        .iter()
        .filter(|c| c.kind == "api" && c.method != "GET" && (200..300).contains(&c.status))
        .count()
}

/// SIGKILL at `point`; false when the process ended before it (or 120 s went by).
fn kill_at(
    child: &mut Child,
    point: Point,
    sim: &TestSim,
    before: &[PathBuf],
    base: usize,
) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let reached = match point {
            Point::Start => true,
            Point::Journal => new_journal(sim, before).is_some(),
            Point::JournalBytes(n) => new_journal(sim, before)
                .and_then(|p| std::fs::metadata(p).ok())
                .is_some_and(|m| m.len() >= n),
            Point::Calls(n) => write_calls(sim, base) >= n,
            Point::AfterFirst { ms, .. } => sim.sim.calls()[base..]
                .iter()
                .find(|c| c.kind == "api" && c.method != "GET")
                .is_some_and(|c| sim.sim.now_ms() >= c.at_ms + ms as f64),
        };
        if reached {
            child.kill().unwrap(); // SIGKILL
            return true;
        }
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            let _ = child.kill();
            return false;
        }
        let pause = match point {
            Point::Calls(_) => 2000,
            _ => 200,
        };
        std::thread::sleep(Duration::from_micros(pause));
    }
}

/// mdetag with JSON results: its exit code, its report (if it printed one) and its stderr.
fn mdetag(sim: &TestSim, args: &[String]) -> (Option<i32>, Option<Value>, String) {
    let out = sim
        .cmd()
        .args(["--output", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).ok();
    (out.status.code(), doc, kit::text(&out.stderr))
}

/// Whether a report is true of the machines: every row that says succeeded (or unchanged) is
/// so, the counts add up, and the exit code is the one the counts call for.
fn check_report(
    sim: &TestSim,
    what: &str,
    code: Option<i32>,
    doc: Option<&Value>,
    total: usize,
) -> Vec<String> {
    let Some(doc) = doc else {
        return vec![format!("{what}: no report (exit {code:?})")];
    };
    let (summary, rows) = (
        &doc["summary"],
        doc["results"].as_array().cloned().unwrap_or_default(),
    );
    let mut wrong = Vec::new();
    let n = |k: &str| summary[k].as_u64().unwrap_or(u64::MAX) as usize;
    if n("total") != total || rows.len() != total {
        wrong.push(format!(
            "{what}: total {} with {} rows, not {total}",
            n("total"),
            rows.len()
        ));
    }
    let count = |s: &str| rows.iter().filter(|r| r["status"] == s).count();
    for k in ["succeeded", "failed", "skipped"] {
        if n(k) != count(k) {
            wrong.push(format!(
                "{what}: summary says {} {k}, rows {}",
                n(k),
                count(k)
            ));
        }
    }
    let want = if n("failed") == 0 && summary["status"] == "finished" {
        0
    } else {
        3
    };
    if code != Some(want) {
        wrong.push(format!(
            "{what}: exit {code:?} with {} failed, status {}",
            n("failed"),
            summary["status"]
        ));
    }
    let mut false_rows = 0;
    for r in &rows {
        let claims = r["status"] == "succeeded" || r["error"]["code"] == "unchanged";
        let (Some(id), Some(value)) = (r["machine"].as_str(), r["value"].as_str()) else {
            continue;
        };
        let holds = sim.sim.machine(id).is_some()
            && match r["action"].as_str().unwrap_or("") {
                "add" => has_tag(sim, id, value),
                "remove" => !has_tag(sim, id, value),
                _ => sim.machine(id).device_value == value,
            };
        if claims && !holds {
            false_rows += 1;
        }
    }
    if false_rows > 0 {
        wrong.push(format!(
            "{what}: {false_rows} rows say done and the machine does not show it"
        ));
    }
    wrong
}

fn run_point(sc: &Scenario, point: Point, by_id: bool) -> (Row, tempfile::TempDir) {
    let started = Instant::now();
    let mut sim = TestSim::start(SimConfig {
        machines: sc.fleet,
        seed: match point {
            Point::AfterFirst { seed, .. } => seed,
            _ => 1,
        },
        latency: Duration::from_millis(sc.latency.0),
        latency_jitter: Duration::from_millis(sc.latency.1),
        rate_limits: vec![(sc.rate.1, sc.rate.2)],
        ..Default::default()
    });
    sim.call_timeout_ms = Some(CALL_TIMEOUT_MS);
    let dir = tempfile::tempdir().unwrap();
    let (args, wants) = (sc.build)(sc, &sim, dir.path());
    let (base_calls, base_writes) = (sim.sim.calls().len(), sim.sim.writes().len());
    let before = journals(&sim);

    let mut child = sim
        .std_cmd()
        .args(["--output", "json"])
        .args(&args)
        .stdout(std::fs::File::create(dir.path().join("run.out")).unwrap())
        .stderr(std::fs::File::create(dir.path().join("run.err")).unwrap())
        .spawn()
        .unwrap();
    let killed = kill_at(&mut child, point, &sim, &before, base_calls);
    child.wait().unwrap();
    let at_kill = write_calls(&sim, base_calls);
    let journal = new_journal(&sim, &before);
    let (planned, journal_said) = journal_state(journal.as_deref());
    let run_id = journal
        .as_ref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned());

    let mut untrue = Vec::new();
    let mut resume = strings(&["resume"]);
    let how = match (&run_id, by_id) {
        (Some(id), true) => {
            resume.push(id.clone());
            "id"
        }
        _ => "bare",
    };
    let (resume_code, resume_doc, resume_err) = mdetag(&sim, &resume);
    std::fs::write(dir.path().join("resume.err"), &resume_err).unwrap();
    let mut again = None;
    if planned || !killed {
        untrue.extend(check_report(
            &sim,
            "resume",
            resume_code,
            resume_doc.as_ref(),
            wants.len(),
        ));
    } else {
        // The plan was never marked complete: resume must refuse (a cut journal) or find
        // nothing to take up, and send nothing; the command is then run again, as it advises.
        if write_calls(&sim, base_calls) != 0 {
            untrue.push(format!(
                "{} write calls from a run whose plan was cut",
                write_calls(&sim, base_calls)
            ));
        }
        if journal.is_some() && (resume_code != Some(2) || !resume_err.contains("sent nothing")) {
            untrue.push(format!(
                "resume of a cut plan: exit {resume_code:?}: {}",
                resume_err.trim()
            ));
        }
        let (code, doc, err) = mdetag(&sim, &args);
        std::fs::write(dir.path().join("again.err"), &err).unwrap();
        untrue.extend(check_report(
            &sim,
            "run again",
            code,
            doc.as_ref(),
            wants.len(),
        ));
        again = Some(code);
    }
    let missed = wants.iter().filter(|w| !w.holds(&sim)).count();
    // A second bare resume, after a run that finished, has nothing to do and sends nothing.
    let calls_then = write_calls(&sim, base_calls);
    let (code, _, err) = mdetag(&sim, &strings(&["resume"]));
    let sent = write_calls(&sim, base_calls) - calls_then;
    if missed == 0 && (code != Some(0) || sent != 0) {
        untrue.push(format!(
            "second bare resume: exit {code:?}, {sent} write calls: {}",
            err.trim()
        ));
    }

    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in &sim.sim.writes()[base_writes..] {
        *counts.entry(w.clone()).or_default() += 1;
    }
    let repeated: usize = counts.values().map(|n| n - 1).sum();
    let row = Row {
        scenario: sc.name,
        point: point.label(),
        killed,
        at_kill,
        journal: journal_said,
        how,
        resume_code,
        again,
        calls: write_calls(&sim, base_calls),
        writes: sim.sim.writes().len() - base_writes,
        repeated,
        missed,
        untrue,
        secs: started.elapsed().as_secs_f64(),
    };
    (row, dir)
}

fn print_row(r: &Row) {
    let code = |c: Option<i32>| c.map_or("signal".to_string(), |c| c.to_string());
    let resume = match r.again {
        Some(a) => format!("{} ({}), again {}", code(r.resume_code), r.how, code(a)),
        None => format!("{} ({})", code(r.resume_code), r.how),
    };
    let point = match r.killed {
        true => r.point.clone(),
        false => format!("{} (not reached)", r.point),
    };
    println!(
        "{:<10} {:<24} {:>7} {:<22} {:<20} {:>6} {:>6} {:>8} {:>6} {:<6} {:>5.1}",
        r.scenario,
        point,
        r.at_kill,
        r.journal,
        resume,
        r.calls,
        r.writes,
        r.repeated,
        r.missed,
        if r.untrue.is_empty() { "true" } else { "FALSE" },
        r.secs
    );
    let _ = std::io::stdout().flush();
}

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let profile = match env!("CARGO_BIN_EXE_mdetag").contains("/release/") {
        true => "release",
        false => "debug",
    };
    println!(
        "mdetag kill matrix · {} cores · {profile} binary · simulator 50–300 ms a call (paced: 100–1,500) · call timeout {CALL_TIMEOUT_MS} ms\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "{:<10} {:<24} {:>7} {:<22} {:<20} {:>6} {:>6} {:>8} {:>6} {:<6} {:>5}",
        "scenario",
        "kill point",
        "at kill",
        "journal at kill",
        "resume exit",
        "calls",
        "writes",
        "repeated",
        "missed",
        "report",
        "s"
    );
    let mut rows = Vec::new();
    let mut kept = Vec::new();
    for sc in scenarios() {
        if !only.is_empty() && !only.iter().any(|o| o == sc.name) {
            continue;
        }
        for (i, &point) in sc.points.iter().enumerate() {
            let (row, dir) = run_point(&sc, point, i % 2 == 1);
            print_row(&row);
            if row.repeated + row.missed > 0 || !row.untrue.is_empty() {
                kept.push((rows.len(), dir.keep()));
            }
            rows.push(row);
        }
    }
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    let untrue = rows.iter().filter(|r| !r.untrue.is_empty()).count();
    println!(
        "\ntotal: {} kill points ({} killed before the run ended) · {} write calls · {} changes carried out · {} repeated · {} missed · {} reports not true · {:.0} s",
        rows.len(),
        rows.iter().filter(|r| r.killed).count(),
        sum(|r| r.calls),
        sum(|r| r.writes),
        sum(|r| r.repeated),
        sum(|r| r.missed),
        untrue,
        rows.iter().map(|r| r.secs).sum::<f64>()
    );
    for (i, dir) in &kept {
        let r = &rows[*i];
        println!("\n{} · {}: files in {}", r.scenario, r.point, dir.display());
        for why in &r.untrue {
            println!("  {why}");
        }
    }
    if sum(|r| r.repeated + r.missed) > 0 || untrue > 0 {
        std::process::exit(1);
    }
}
