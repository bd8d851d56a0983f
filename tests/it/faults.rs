//! 429s, 5xx, dropped connections and expiring tokens are all survived: every operation ends
//! succeeded.

use std::time::Duration;

use mde_sim::SimConfig;

use crate::kit::{
    TestSim, send_signal, stdout_json, tag_add, tagging_csv, temp_file, text, unlimited_config,
    wait_output, wait_until,
};

fn tag_all(sim: &TestSim, machines: usize, tags: usize, extra: &[&str]) -> serde_json::Value {
    let ids = sim.ids(machines);
    let (_dir, path) = temp_file("faults.csv", &tagging_csv(&ids, "fault", tags));
    // Per machine: more calls, more faults met.
    let args = [extra, &["--no-batch", "apply-csv", path.to_str().unwrap()]].concat();
    let doc = sim.ok_json(&args);
    assert_eq!(
        doc["summary"]["succeeded"].as_u64(),
        Some((machines * tags) as u64)
    );
    for id in ids {
        let tags_now = sim.machine(&id).machine_tags;
        assert!(
            (0..tags).all(|t| tags_now.contains(&format!("fault-{t}"))),
            "{tags_now:?}"
        );
    }
    doc
}

#[test]
fn throttling_is_waited_out_as_retry_after_says() {
    // The simulator allows less than the client thinks: the client must obey the 429s.
    let sim = TestSim::start(SimConfig {
        machines: 30,
        rate_limits: vec![(10, Duration::from_secs(1))],
        ..Default::default()
    });
    let doc = tag_all(&sim, 30, 1, &["--rate-limit", "1000/1s"]);
    let calls = sim.api_calls();
    let throttled: Vec<_> = calls.iter().filter(|c| c.status == 429).collect();
    assert!(
        !throttled.is_empty(),
        "the simulator never throttled, so this test proves nothing"
    );
    assert_eq!(
        doc["summary"]["api_calls"].as_u64(),
        Some(calls.len() as u64),
        "every attempt is counted"
    );
    // After a 429 (Retry-After: 1), the client sends nothing new for a second: what arrives
    // soon after it can only be calls that were in flight already (at most the concurrency,
    // 10). A client that retried at once would send the 20 others straight away. (Counted,
    // not timed: a call in flight may land a millisecond after the 429 on a loaded machine.)
    let first = throttled[0].at_ms;
    let soon = calls
        .iter()
        .filter(|c| c.at_ms > first && c.at_ms < first + 500.0)
        .count();
    assert!(
        soon <= 10,
        "{soon} calls within 500 ms of a 429: the client did not wait"
    );
    let retried = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["attempts"].as_u64() > Some(1))
        .count();
    assert!(retried > 0);
}

#[test]
fn server_errors_are_retried_with_backoff() {
    let sim = TestSim::start(SimConfig {
        error_rate: 0.3,
        ..unlimited_config(20)
    });
    tag_all(&sim, 20, 2, &["--retries", "10"]);
    assert!(
        sim.api_calls().iter().any(|c| c.status == 503),
        "no 503 was injected"
    );
}

#[test]
fn dropped_connections_are_retried() {
    let sim = TestSim::start(SimConfig {
        drop_rate: 0.25,
        ..unlimited_config(20)
    });
    tag_all(&sim, 20, 2, &["--retries", "10"]);
    assert!(
        sim.api_calls().iter().any(|c| c.fault == Some("dropped")),
        "no connection was dropped"
    );
}

#[test]
fn a_permanent_error_is_not_retried_but_retries_run_out_on_a_dead_service() {
    let sim = TestSim::start(SimConfig {
        error_rate: 1.0,
        ..unlimited_config(2)
    });
    let ids = sim.ids(1);
    let out = sim
        .cmd()
        .args(["--no-prior-state", "--retries", "2", "--output", "json"])
        .args(tag_add(&[&ids[0]], "x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let doc = stdout_json(&out);
    assert_eq!(doc["results"][0]["attempts"], 3);
    assert_eq!(doc["results"][0]["http_status"], 503);
    assert_eq!(doc["results"][0]["error"]["code"], "ServiceUnavailable");
}

#[test]
fn a_short_lived_token_is_renewed_mid_run() {
    let sim = TestSim::start(SimConfig {
        token_ttl: Duration::from_secs(1),
        ..unlimited_config(30)
    });
    // 30 calls at 10 a second: three seconds, three token lifetimes.
    tag_all(&sim, 30, 1, &["--rate-limit", "10/1s"]);
    // Renewed at 80% of each 1 s life: a handful of requests, not one per call.
    let requests = sim.token_calls();
    assert!(
        (3..=10).contains(&requests),
        "{requests} token requests for 30 calls over ~3 s"
    );
    assert!(sim.api_calls().iter().all(|c| c.status == 200));
}

/// Starts a paced run of `ops` tag additions (`slow-0`) in the background, and waits until it
/// has made `calls` API calls.
fn background_run(
    sim: &TestSim,
    ops: usize,
    rate: &str,
    calls: usize,
) -> (tempfile::TempDir, std::process::Child) {
    let ids = sim.ids(ops);
    let (dir, path) = temp_file("slow.csv", &tagging_csv(&ids, "slow", 1));
    let mut args = vec!["--no-prior-state", "--no-batch", "--rate-limit", rate];
    args.extend(["--output", "json", "apply-csv", path.to_str().unwrap()]);
    let child = sim.spawn_piped(&args);
    wait_until(&format!("{calls} calls"), || sim.api_calls().len() >= calls);
    (dir, child)
}

#[test]
fn a_revoked_token_is_renewed_once_on_401_and_the_run_goes_on() {
    let sim = TestSim::unlimited(30);
    let (_dir, child) = background_run(&sim, 30, "10/1s", 5);
    sim.sim.revoke_tokens();
    let out = wait_output(child);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["succeeded"], 30);
    let calls = sim.api_calls();
    assert!(
        calls.iter().any(|c| c.status == 401),
        "no call met the revoked token"
    );
    assert_eq!(
        sim.token_calls(),
        2,
        "one renewal, shared by every call that met a 401"
    );
}

#[test]
fn ctrl_c_finishes_calls_in_flight_and_reports_the_rest_skipped() {
    let sim = TestSim::unlimited(40);
    let (_dir, child) = background_run(&sim, 40, "5/1s", 6);
    send_signal(child.id(), "INT");
    let out = wait_output(child);
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    let s = &doc["summary"];
    assert_eq!(s["total"], 40);
    assert_eq!(s["failed"], 0);
    let succeeded = s["succeeded"].as_u64().unwrap();
    assert!((5..40).contains(&succeeded), "{s}");
    assert_eq!(s["skipped"].as_u64().unwrap() + succeeded, 40);
    let skipped: Vec<_> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "skipped")
        .collect();
    assert!(skipped.iter().all(|r| r["error"]["code"] == "interrupted"));
    // What the simulator applied is exactly what was reported succeeded.
    assert_eq!(sim.tagged("slow-0").len() as u64, succeeded);
}
