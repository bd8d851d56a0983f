//! SPEC.md's exit-code rule: the code depends on what happened, never on how machines were
//! picked.

use crate::kit::{TestSim, assert_exit_says, stdout_json, text};

fn runs_in(sim: &TestSim) -> usize {
    std::fs::read_dir(sim.state.path().join("runs"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
                .count()
        })
        .unwrap_or(0)
}

/// A token the API refuses (and cannot be renewed) is exit 1 whether the machines were picked
/// by a read (`--tag`) or named (`--machine`, where the refusal comes on the first write): no
/// journal, no resume hint.
#[test]
fn a_refused_credential_is_exit_1_however_machines_were_picked() {
    let sim = TestSim::unlimited(3);
    let ids = sim.ids(1);
    let before = sim.machine(&ids[0]).machine_tags;
    for pick in [["--tag", "anything"], ["--machine", ids[0].as_str()]] {
        let out = sim
            .cmd()
            .env_remove("AZURE_CLIENT_SECRET")
            .env("MDETAG_TOKEN", "not-a-token-the-api-knows")
            .args(["tag", "add", "--value", "x"])
            .args(pick)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{pick:?}: {stderr}");
        assert!(!stderr.contains("resume"), "{pick:?}: {stderr}");
        assert_eq!(runs_in(&sim), 0, "{pick:?}: no journal is left behind");
    }
    assert_eq!(sim.machine(&ids[0]).machine_tags, before);
}

/// A bad `--filter` is the user's mistake (the API answers 400 to the read): exit 2, not the
/// exit 1 of an outage.
#[test]
fn a_filter_the_api_refuses_is_a_usage_error() {
    let sim = TestSim::unlimited(3);
    let out = sim
        .cmd()
        .args(["tag", "add", "--value", "x", "--filter", "healthStatus eq"])
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "filter");
}

/// Read-only commands exit 0 when they could read: `runs show` of a run that had failures,
/// `machines list` of a name that matches nothing (said on standard error).
#[test]
fn read_only_commands_exit_0_when_they_could_read() {
    let sim = TestSim::unlimited(3);
    let ids = sim.ids(1);
    let out = sim
        .cmd()
        .args(["--output", "json", "tag", "add", "--value", "x"])
        .args(["--machine", &ids[0], "--machine", &"ab".repeat(20)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let run = stdout_json(&out)["summary"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = sim.cmd().args(["runs", "show", &run]).output().unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown.stderr));
    assert!(
        text(&shown.stdout).contains("failed"),
        "{}",
        text(&shown.stdout)
    );

    let listed = sim
        .cmd()
        .args(["machines", "list", "--machine", "no-such-host"])
        .output()
        .unwrap();
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed.stderr));
    assert!(text(&listed.stderr).contains("no-such-host"));
}

/// Settings are resolved before any input is read: a bad `--rate-limit` is the error, with
/// exit 2, however large or wrong the CSV or machines file (which is never read).
#[test]
fn a_bad_setting_is_reported_before_any_input_is_read() {
    let sim = TestSim::unlimited(1);
    let (_dir, csv) = crate::kit::temp_file("bad.csv", "MachineId,Action,Value\nzzz,Add,x\n");
    let runs: [&[&str]; 3] = [
        &["apply-csv"],
        &["tag", "add", "--value", "x", "--machines-file"],
        &["tag", "set", "--value", "x", "--machines-file"],
    ];
    for args in runs {
        let out = sim
            .cmd()
            .args(["--rate-limit", "bogus"])
            .args(args)
            .arg(&csv)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("--rate-limit"), "{args:?}: {err}");
        assert!(
            !err.contains("zzz"),
            "{args:?}: the input was read first: {err}"
        );
    }
    assert_eq!(sim.write_calls(), 0);
}
