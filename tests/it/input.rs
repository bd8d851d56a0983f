//! Bad input: every rule of SPEC.md gives exit 2, names the file and line, and sends nothing.

use crate::kit::{TestSim, assert_exit_says, temp_file, text};

const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const B: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

/// Runs apply-csv on `body` (after a header) and returns stderr, asserting exit 2 and no call.
fn rejected(body: &str) -> String {
    let sim = TestSim::unlimited(2);
    let (_dir, path) = temp_file("changes.csv", &format!("MachineId,Action,Value\n{body}"));
    let out = sim.cmd().arg("apply-csv").arg(&path).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        sim.sim.calls().is_empty(),
        "calls were made: {:?}",
        sim.sim.calls()
    );
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    stderr.replace(&path.display().to_string(), "FILE")
}

#[test]
fn a_missing_machine() {
    assert!(
        rejected(&format!("{A},Add,x\n,Add,x\n"))
            .contains("FILE:3: missing machine ID or host name")
    );
}

#[test]
fn a_machine_that_is_neither_an_id_nor_a_host_name() {
    // A host name in the ID column is read as `--machine` reads it; text that is neither is not.
    let e = rejected("ws 0001,Add,x\n");
    assert!(
        e.contains(
            "FILE:2: 'ws 0001' is neither a machine ID (40 hexadecimal characters) nor a host name"
        ),
        "{e}"
    );
}

#[test]
fn an_unknown_action() {
    assert!(rejected(&format!("{A},Tag,x\n")).contains("FILE:2: unknown action 'Tag'"));
}

#[test]
fn an_empty_tag() {
    assert!(rejected(&format!("{A},Add,\"  \"\n")).contains("FILE:2: empty tag"));
}

#[test]
fn a_tag_over_200_characters_or_with_control_characters() {
    let e = rejected(&format!(
        "{A},Add,{}\n{B},Add,\"a\u{1}b\"\n",
        "t".repeat(201)
    ));
    assert!(
        e.contains("FILE:2: tag is 201 characters long; the limit is 200"),
        "{e}"
    );
    assert!(
        e.contains("FILE:3: tag 'a\\u{1}b' contains the control character U+0001"),
        "{e}"
    );
}

#[test]
fn a_device_value_other_than_normal_low_high() {
    assert!(
        rejected(&format!("{A},SetValue,Critical\n"))
            .contains("FILE:2: device value 'Critical' is not Normal, Low or High")
    );
}

#[test]
fn conflicting_rows() {
    let e = rejected(&format!(
        "{A},Add,x\n{B},SetValue,Low\n{A},Remove,x\n{B},SetValue,High\n"
    ));
    assert!(
        e.contains("FILE:4: conflicts with FILE:2: add of tag 'x' and remove of tag 'x'"),
        "{e}"
    );
    assert!(
        e.contains("FILE:5: conflicts with FILE:3: device value Low and High"),
        "{e}"
    );
}

#[test]
fn one_bad_row_among_good_ones_stops_everything_and_all_bad_rows_are_listed() {
    let e = rejected(&format!(
        "{A},Add,ok\n{B},Add,ok\nno/pe,Add,x\n{A},Explode,x\n"
    ));
    assert!(e.contains("FILE:4:") && e.contains("FILE:5:"), "{e}");
    assert!(e.contains("2 problems"), "{e}");
}

#[test]
fn a_header_without_the_needed_columns() {
    let sim = TestSim::unlimited(1);
    let (_dir, path) = temp_file("c.csv", &format!("Machine,Tag\n{A},x\n"));
    let out = sim.cmd().arg("apply-csv").arg(&path).output().unwrap();
    assert_exit_says(&out, 2, ":1: no action column in the header");
    assert!(sim.sim.calls().is_empty());
}

#[test]
fn a_missing_file_bad_flags_and_no_targets_are_usage_errors() {
    let sim = TestSim::unlimited(1);
    let out = sim
        .cmd()
        .args(["apply-csv", "/nonexistent/changes.csv"])
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "/nonexistent/changes.csv: cannot read");

    let out = sim
        .cmd()
        .args(["tag", "add", "--machine", "two words", "--value", "t"])
        .output()
        .unwrap();
    assert_exit_says(
        &out,
        2,
        "--machine 'two words': 'two words' is neither a machine ID",
    );

    let out = sim
        .cmd()
        .args(["tag", "add", "--value", "t"])
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "no machines given");

    let out = sim
        .cmd()
        .args(["set-value", "--machine", A, "--value", "Medium"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "clap rejects it");

    let (_dir, list) = temp_file("ids.txt", &format!("{A}\nnot an id\n"));
    let out = sim
        .cmd()
        .args(["tag", "add", "--value", "t", "--machines-file"])
        .arg(&list)
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "ids.txt:2: 'not an id' is neither");
    assert!(sim.sim.calls().is_empty());
}
