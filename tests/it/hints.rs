//! Mistakes that deserve a hint (issue 19): `--tag` where `--value` was meant, rate limits in
//! words, a delimiter that cannot be detected, and empty apply-csv input.

use crate::kit::{TestSim, temp_file, text};

/// `tag add --tag X` without `--value`: clap's "required" error, plus why `--tag` is not the
/// tag to add. Exit 2, nothing sent.
#[test]
fn tag_without_value_hints_that_the_tag_to_add_is_value() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(1);
    for verb in ["add", "remove"] {
        let out = sim
            .cmd()
            .args(["tag", verb, "--machine", &ids[0], "--tag", "IR-1234"])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{verb}: {stderr}");
        assert!(stderr.contains("--value"), "{verb}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "--tag picks machines that carry a tag; the tag to {verb} is --value"
            )),
            "{verb}: {stderr}"
        );
    }
    // Without --tag the plain error stands, with no hint.
    let out = sim
        .cmd()
        .args(["tag", "add", "--machine", &ids[0]])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !text(&out.stderr).contains("--tag picks"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(sim.api_calls().len(), 0, "nothing is sent");
}

/// `--rate-limit` takes unit words (`100/min`, `5/second`, `1500/h`) as well as `100/1m`.
#[test]
fn rate_limit_takes_unit_words() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(1);
    let out = sim
        .cmd()
        .args(["--rate-limit", "100/min,5/second,1500/h"])
        .args(["tag", "add", "--machine", &ids[0], "--value", "Paced"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        sim.machine(&ids[0])
            .machine_tags
            .iter()
            .any(|t| t == "Paced")
    );
    let out = sim
        .cmd()
        .args(["--rate-limit", "100/fortnight"])
        .args(["tag", "add", "--machine", &ids[0], "--value", "Never"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("min"), "{stderr}");
}

/// A `|`-separated file is not detected; the error names `|` and `--delimiter`. Exit 2, nothing
/// sent. With `--delimiter '|'` the same file applies.
#[test]
fn an_undetected_delimiter_is_named_in_the_error() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(1);
    let (_d, file) = temp_file(
        "pipes.csv",
        &format!("MachineId|Action|Value\n{}|Add|Piped\n", ids[0]),
    );
    let out = sim.cmd().arg("apply-csv").arg(&file).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--delimiter '|'"), "{stderr}");
    assert_eq!(sim.api_calls().len(), 0, "nothing is sent");

    let out = sim
        .cmd()
        .args(["apply-csv", "--delimiter", "|"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        sim.machine(&ids[0])
            .machine_tags
            .iter()
            .any(|t| t == "Piped")
    );

    // A one-column header with no separator in sight: --delimiter is still suggested.
    let (_d2, odd) = temp_file("odd.csv", "Whatever\nx\n");
    let out = sim.cmd().arg("apply-csv").arg(&odd).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--delimiter"), "{stderr}");
}

/// An empty apply-csv input (0 bytes, blank lines, or a header only) is "nothing to do": exit 0,
/// said on standard error, nothing sent; from a file or standard input.
#[test]
fn empty_csv_input_is_nothing_to_do() {
    let sim = TestSim::unlimited(2);
    for (name, contents) in [
        ("zero.csv", ""),
        ("blank.csv", "\n\n"),
        ("header.csv", "MachineId,Action,Value\n"),
    ] {
        let (_d, file) = temp_file(name, contents);
        let out = sim.cmd().arg("apply-csv").arg(&file).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
        assert!(stderr.contains("nothing to do"), "{name}: {stderr}");
    }
    let out = sim
        .cmd()
        .args(["apply-csv", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stdin: {stderr}");
    assert!(stderr.contains("nothing to do"), "stdin: {stderr}");
    assert_eq!(sim.write_calls(), 0);
}
