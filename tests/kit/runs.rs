//! Runs a test starts, watches, stops and reads back: mdetag in the background, waiting for what
//! the simulator saw, a run's JSON report, the journal it left, and how many times each change
//! reached the simulator.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{HANG, TestSim, assert_no_secret, stdout_json, text};

impl TestSim {
    /// mdetag with `args` in the background, its standard output to the file `out` (read it
    /// while the run goes on, or after `finish`), its standard error piped (for `finish`).
    pub fn spawn(&self, args: &[&str], out: &Path) -> Child {
        self.std_cmd()
            .args(args)
            .stdout(std::fs::File::create(out).unwrap())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// mdetag with `args` in the background, both outputs piped (for `wait_output`).
    pub fn spawn_piped(&self, args: &[&str]) -> Child {
        self.std_cmd()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// mdetag with `args` in the background (standard output to `out`), killed (SIGKILL) as
    /// soon as `ready` (`what`) holds: a run as a crash or `kill -9` leaves it.
    pub fn kill_when(&self, args: &[&str], out: &Path, what: &str, ready: impl FnMut() -> bool) {
        let child = self.spawn(args, out);
        wait_until(what, ready);
        super::send_signal(child.id(), "KILL");
        let _ = finish(child);
    }

    /// mdetag with `--output json ARGS…`, run to its end.
    fn json_output(&self, args: &[&str]) -> std::process::Output {
        self.cmd()
            .args(["--output", "json"])
            .args(args)
            .output()
            .unwrap()
    }

    /// `--output json ARGS…`, whatever it exits: its exit code, its report (`Null` when it
    /// printed nothing) and its standard error.
    pub fn json_outcome(&self, args: &[&str]) -> (Option<i32>, Value, String) {
        let out = self.json_output(args);
        let stderr = text(&out.stderr);
        let doc = if out.stdout.is_empty() {
            Value::Null
        } else {
            stdout_json(&out)
        };
        (out.status.code(), doc, stderr)
    }

    /// `--output json ARGS…` that ran (exit 0, or 3 when some operations failed): its report.
    pub fn run_json(&self, args: &[&str]) -> Value {
        let out = self.json_output(args);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 3)),
            "{args:?}: {}",
            text(&out.stderr)
        );
        stdout_json(&out)
    }

    /// `--output json ARGS…` that must succeed (exit 0): its report.
    pub fn ok_json(&self, args: &[&str]) -> Value {
        self.expect_json(args, 0)
    }

    /// `--output json ARGS…` that must exit `code`: its report.
    pub fn expect_json(&self, args: &[&str], code: i32) -> Value {
        let out = self.json_output(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            text(&out.stderr)
        );
        stdout_json(&out)
    }

    /// Whether machine `id` carries `tag` (exactly so spelt) now.
    pub fn has_tag(&self, id: &str, tag: &str) -> bool {
        self.machine(id).machine_tags.iter().any(|t| t == tag)
    }

    /// The IDs of the machines that carry `tag` (exactly so spelt) now.
    pub fn tagged(&self, tag: &str) -> BTreeSet<String> {
        self.sim
            .machines()
            .into_iter()
            .filter(|m| m.machine_tags.iter().any(|t| t == tag))
            .map(|m| m.id)
            .collect()
    }

    /// How many times each (machine, change) was written.
    pub fn write_counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for w in self.sim.writes() {
            *counts.entry(w).or_default() += 1;
        }
        counts
    }

    /// `expected` distinct changes were written, none more than once.
    pub fn assert_written_once(&self, expected: usize) {
        let counts = self.write_counts();
        let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
        assert!(
            twice.is_empty(),
            "written more than once: {:?}",
            &twice[..twice.len().min(5)]
        );
        assert_eq!(counts.len(), expected, "distinct writes");
    }

    /// The newest journal in the simulator's state directory.
    pub fn journal(&self) -> PathBuf {
        newest_journal(self.state.path()).expect("a journal")
    }
}

/// The newest journal in the state directory `state`, if it has one.
pub fn newest_journal(state: &Path) -> Option<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(state.join("runs"))
        .ok()?
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    all.sort();
    all.pop()
}

/// Waits until `done`, checking every 20 ms: the test fails, naming `what`, if that takes
/// longer than `HANG`.
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + HANG;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for a process from `TestSim::spawn` (under the `HANG` guard): its exit code and its
/// standard error.
pub fn finish(child: Child) -> (Option<i32>, String) {
    let out = super::wait_output(child);
    (out.status.code(), text(&out.stderr))
}

/// A JSON file a run wrote (its results, with `TestSim::spawn`), searched for secrets too.
pub fn json_file(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    assert_no_secret(&text(&bytes));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The run ID of a JSON report.
pub fn run_id(doc: &Value) -> String {
    doc["summary"]["run_id"].as_str().unwrap().to_string()
}

/// A journal's lines as a kill after its calls were sent would leave them: without the records
/// of outcomes (`done`) and of the run's end (`end`).
pub fn killed_after_sending(journal: &str) -> Vec<String> {
    journal
        .lines()
        .filter(|l| !l.starts_with("{\"t\":\"done\"") && !l.starts_with("{\"t\":\"end\""))
        .map(String::from)
        .collect()
}

/// `FLAGS… tag add --machine M… --value V` as borrowed words, for the helpers that take
/// `&[&str]` (`kit::tag_add` gives owned ones, for `Command::args`).
pub fn tag_add_argv<'a, S: AsRef<str>>(
    flags: &[&'a str],
    machines: &'a [S],
    value: &'a str,
) -> Vec<&'a str> {
    let mut args = flags.to_vec();
    args.extend(["tag", "add"]);
    for machine in machines {
        args.extend(["--machine", machine.as_ref()]);
    }
    args.extend(["--value", value]);
    args
}
