//! The 500-machine batch call: grouping, verification of what it returns, and splitting around
//! bad IDs under both behaviours the real API might have.

use mde_sim::{SimConfig, UnknownInBatch};

use crate::kit::{TestSim, tagging_csv, temp_file, unlimited_config};

const GHOST: &str = "0123456789abcdef0123456789abcdef01234567";

fn batch_calls(sim: &TestSim) -> usize {
    sim.api_calls()
        .iter()
        .filter(|c| c.path == "/api/machines/AddOrRemoveTagForMultipleMachines")
        .count()
}

/// `--no-prior-state --output json apply-csv CSV`, which must exit `code`: its report.
fn apply(sim: &TestSim, csv: &std::path::Path, code: i32) -> serde_json::Value {
    sim.expect_json(
        &["--no-prior-state", "apply-csv", csv.to_str().unwrap()],
        code,
    )
}

#[test]
fn over_500_machines_take_two_batch_calls_and_each_gets_its_row() {
    let sim = TestSim::unlimited(1002);
    let ids = sim.ids(1002);
    let (_dir, csv) = temp_file("many.csv", &tagging_csv(&ids[..502], "wave", 1));
    let doc = apply(&sim, &csv, 0);
    assert_eq!(doc["summary"]["succeeded"], 502);
    assert_eq!(doc["results"].as_array().unwrap().len(), 502);
    assert_eq!(doc["summary"]["api_calls"], 2);
    assert_eq!(batch_calls(&sim), 2);
    assert!(ids[..502].iter().all(|id| sim.has_tag(id, "wave-0")));
    assert!(!sim.has_tag(&ids[502], "wave-0"));

    // Removing from 501: one batch of 500, the one left over as its own per-machine call.
    let (_dir, csv) = temp_file(
        "rm.csv",
        &tagging_csv(&ids[..501], "wave", 1).replace(",Add,", ",Remove,"),
    );
    assert_eq!(apply(&sim, &csv, 0)["summary"]["api_calls"], 2);
    assert_eq!(batch_calls(&sim), 3);
}

fn one_bad_id(mode: UnknownInBatch) -> (TestSim, serde_json::Value, Vec<String>) {
    let sim = TestSim::start(SimConfig {
        unknown_in_batch: mode,
        ..unlimited_config(20)
    });
    let mut ids = sim.ids(20);
    ids.insert(13, GHOST.to_string());
    let (_dir, csv) = temp_file("bad.csv", &tagging_csv(&ids, "iso", 1));
    let doc = apply(&sim, &csv, 3);
    assert_eq!(doc["summary"]["succeeded"], 20);
    assert_eq!(doc["summary"]["failed"], 1);
    for id in &ids {
        if id != GHOST {
            assert!(sim.has_tag(id, "iso-0"), "{id} was not tagged");
        }
    }
    (sim, doc, ids)
}

#[test]
fn a_whole_call_404_is_split_until_the_bad_id_stands_alone() {
    let (sim, doc, _) = one_bad_id(UnknownInBatch::NotFound);
    let bad = &doc["results"][13];
    assert_eq!(bad["machine"], GHOST);
    assert_eq!(bad["status"], "failed");
    assert_eq!(bad["http_status"], 404);
    assert_eq!(bad["error"]["code"], "ResourceNotFound");
    // 21 machines: halving isolates the bad one in about log2(21) rounds, far below 21 calls.
    let calls = sim.api_calls().len();
    assert!((3..=12).contains(&calls), "{calls} calls");
    assert!(sim.api_calls().iter().filter(|c| c.status == 404).count() >= 2);
}

#[test]
fn a_200_that_leaves_the_bad_id_out_fails_it_as_not_applied() {
    let (sim, doc, _) = one_bad_id(UnknownInBatch::Omit);
    let bad = &doc["results"][13];
    assert_eq!(bad["status"], "failed");
    assert_eq!(bad["error"]["code"], "not-applied");
    assert_eq!(
        sim.api_calls().len(),
        1,
        "nothing to split: the call succeeded"
    );
}

#[test]
fn batch_answers_are_checked_machine_by_machine() {
    let sim = TestSim::start(SimConfig {
        stale_batch_rate: 0.3,
        ..unlimited_config(60)
    });
    let ids = sim.ids(60);
    let (_dir, csv) = temp_file("lag.csv", &tagging_csv(&ids, "lag", 1));
    let doc = sim.expect_json(&["apply-csv", csv.to_str().unwrap()], 3);
    let failed = doc["summary"]["failed"].as_u64().unwrap();
    assert!(
        failed > 0 && failed < 60,
        "{failed} of 60 not applied at a 30% rate"
    );
    // What is reported succeeded is exactly what the simulator shows.
    for row in doc["results"].as_array().unwrap() {
        let applied = sim
            .machine(row["machine"].as_str().unwrap())
            .machine_tags
            .contains(&"lag-0".to_string());
        assert_eq!(row["status"] == "succeeded", applied, "{row}");
        if !applied {
            assert_eq!(row["error"]["code"], "not-applied");
        }
    }
}
