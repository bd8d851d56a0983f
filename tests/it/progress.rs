//! The progress bar is drawn on standard error when it is a terminal, and never otherwise;
//! results on standard output are the same either way, but for the table's width: on a
//! narrow terminal machine IDs are shortened, never wrapped.

use std::process::Command;

use crate::kit::{TestSim, tagging_csv, temp_file, text};

const MDETAG: &str = env!("CARGO_BIN_EXE_mdetag");

fn twelve_machines() -> (TestSim, tempfile::TempDir, std::path::PathBuf) {
    let sim = TestSim::unlimited(12);
    let (dir, csv) = temp_file("p.csv", &tagging_csv(&sim.ids(12), "bar", 1));
    (sim, dir, csv)
}

/// The paced run of `csv` on a pseudo-terminal: util-linux `script` runs mdetag there
/// (installed by .ci/run); the results go to a file in `dir`, so what `script` prints is only
/// what reached the terminal. Returns that output and the results file.
fn on_a_terminal(
    sim: &TestSim,
    dir: &tempfile::TempDir,
    csv: &std::path::Path,
) -> (std::process::Output, std::path::PathBuf) {
    let results = dir.path().join("out.json");
    let inner = format!(
        "{MDETAG} --no-batch --rate-limit 4/1s --output json apply-csv {} > {}",
        csv.display(),
        results.display()
    );
    let mut cmd = Command::new("script");
    cmd.args(["-qefc", &inner, "/dev/null"]);
    sim.apply_env(&mut cmd);
    let out = cmd
        .output()
        .expect("util-linux `script` is needed for this test (Debian package bsdutils)");
    (out, results)
}

#[test]
fn a_terminal_gets_the_bar_and_the_rate_limit_note() {
    let (sim, dir, csv) = twelve_machines();
    let (out, results) = on_a_terminal(&sim, &dir, &csv);
    let screen = text(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(screen.contains("/12"), "no bar drawn: {screen:?}");
    assert!(
        screen.contains("waiting for rate limit — resumes in"),
        "no rate-limit note: {screen:?}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&text(&std::fs::read(&results).unwrap())).unwrap();
    assert_eq!(doc["summary"]["succeeded"], 12);
}

#[test]
fn a_pipe_gets_no_bar() {
    let (sim, _dir, csv) = twelve_machines();
    // Without --no-progress: the bar must still stay away from a pipe.
    let mut cmd = Command::new(MDETAG);
    sim.apply_env(&mut cmd);
    let out = cmd
        .args([
            "--no-batch",
            "--rate-limit",
            "4/1s",
            "--output",
            "json",
            "apply-csv",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("/12") && !stderr.contains("waiting") && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    let doc = crate::kit::stdout_json(&out);
    assert_eq!(doc["summary"]["succeeded"], 12);
}

/// Each frame drawn: "… 4/12 … ETA 2s" as (4, "2s").
fn frames(screen: &str) -> Vec<(u32, String)> {
    screen
        .split(['\r', '\n', '\u{1b}'])
        .filter_map(|frame| {
            let eta = frame.split("ETA ").nth(1)?.trim().to_string();
            let done = frame
                .split("/12")
                .next()?
                .rsplit(' ')
                .next()?
                .parse()
                .ok()?;
            Some((done, eta))
        })
        .collect()
}

/// The ETA comes from the rate-limit schedule, not from the rate so far: after a burst of four
/// calls that finished at once, eight more still need two windows of a second each.
#[test]
fn the_eta_counts_the_rate_limit_schedule() {
    let (sim, dir, csv) = twelve_machines();
    let (out, _) = on_a_terminal(&sim, &dir, &csv);
    let screen = text(&out.stdout);
    assert!(out.status.success(), "{screen}");
    // The frames drawn after the first burst.
    let etas: Vec<(u32, u32)> = frames(&screen)
        .into_iter()
        .filter_map(|(done, eta)| Some((done, eta.strip_suffix('s')?.parse().ok()?)))
        .collect();
    let after_burst: Vec<_> = etas.iter().filter(|(done, _)| *done == 4).collect();
    assert!(!after_burst.is_empty(), "no frame at 4/12: {screen:?}");
    assert!(
        after_burst.iter().all(|(_, secs)| *secs >= 1),
        "ETA ignores the schedule: {etas:?}"
    );
}

/// Calls that take a second to answer: while they are in flight the ETA counts them (the
/// issue's `0/38 0.0/s ETA 0s` with ten calls in flight), and no frame with work left says
/// 0s; the rate is unknown until a second of answers can be measured, never a burst's spike.
#[test]
fn slow_answers_never_show_eta_0s_with_work_left() {
    let sim = TestSim::start(mde_sim::SimConfig {
        latency: std::time::Duration::from_millis(1000),
        ..crate::kit::unlimited_config(12)
    });
    let (dir, csv) = temp_file("p.csv", &tagging_csv(&sim.ids(12), "bar", 1));
    let (out, _) = on_a_terminal(&sim, &dir, &csv);
    let screen = text(&out.stdout);
    assert!(out.status.success(), "{screen}");
    let frames = frames(&screen);
    assert!(
        frames.iter().any(|(done, _)| *done < 12),
        "no frame with work left: {screen:?}"
    );
    let zero: Vec<_> = frames
        .iter()
        .filter(|(done, eta)| *done < 12 && eta == "0s")
        .collect();
    assert!(zero.is_empty(), "ETA 0s with work left: {frames:?}");
    let measured_nothing = screen
        .split(['\r', '\n', '\u{1b}'])
        .filter(|frame| frame.contains(" 0/12 ") && frame.contains("0.0/s"));
    assert_eq!(
        measured_nothing.count(),
        0,
        "a rate before anything could be measured: {screen:?}"
    );
}

/// At 80 columns the table shortens machine IDs to a unique prefix with an ellipsis and never
/// wraps them; piped, the same table has them whole.
#[test]
fn a_narrow_terminal_gets_short_ids_and_a_pipe_whole_ones() {
    let sim = TestSim::unlimited(3);
    let ids = sim.ids(3);
    let mut args = vec!["--dry-run".to_string(), "tag".into(), "add".into()];
    for id in &ids {
        args.extend(["--machine".to_string(), id.clone()]);
    }
    args.extend(["--value".to_string(), "IR-1234".into()]);
    let inner = format!("stty cols 80; {MDETAG} {}", args.join(" "));
    let mut cmd = Command::new("script");
    cmd.args(["-qefc", &inner, "/dev/null"]);
    sim.apply_env(&mut cmd);
    let out = cmd.output().expect("util-linux `script`");
    let screen = text(&out.stdout);
    assert!(out.status.success(), "{screen}");
    let table: Vec<&str> = screen.lines().filter(|l| l.contains('│')).collect();
    assert!(!table.is_empty(), "{screen:?}");
    for line in &table {
        assert!(line.trim_end().chars().count() <= 80, "{screen}");
    }
    for id in &ids {
        assert!(!screen.contains(id.as_str()), "{screen}");
        let row = table
            .iter()
            .find(|l| l.contains(&id[..8]))
            .unwrap_or_else(|| panic!("{id} not shown: {screen}"));
        assert!(row.contains('…'), "{row}");
    }
    assert!(screen.contains("machine IDs shortened to fit the terminal"));

    let out = sim.cmd().args(&args).output().unwrap();
    let piped = text(&out.stdout);
    assert!(out.status.success(), "{piped}");
    for id in &ids {
        assert!(piped.contains(id.as_str()), "{piped}");
    }
    assert!(
        !piped.contains('…') && !piped.contains("shortened"),
        "{piped}"
    );
}
