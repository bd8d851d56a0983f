//! Mistakes that deserve a hint (issue 19): `--tag` where `--value` was meant, rate limits in
//! words, a delimiter that cannot be detected, and empty apply-csv input.

use crate::kit::{TestSim, text};

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

