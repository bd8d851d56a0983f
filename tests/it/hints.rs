//! Mistakes that deserve a hint (issue 19): `--tag` where `--value` was meant, rate limits in
//! words, a delimiter that cannot be detected, and empty apply-csv input.

use crate::kit::{TestSim, text};

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

