//! Calls that add a tag another call of the run removes go out after every other call has
//! settled (`plan::phases`), so a case-only rename ends in the new spelling.

use std::time::Duration;

use super::fake::{Fake, Seen, id};
use super::tests::{Quiet, by_index, executor};
use super::*;

fn tag(t: &str) -> Tag {
    Tag::parse(t).unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_case_only_rename_removes_then_adds_whatever_the_order_of_its_calls() {
    let api = Fake::honest(4);
    let exec = executor(api.clone(), &[], 0);
    // Machines 0 and 1 carry "finance", 2 and 3 "FINANCE".
    let setup = vec![
        Call::Batch {
            action: TagAction::Add,
            tag: tag("finance"),
            ops: vec![(0, id(0)), (1, id(1))],
        },
        Call::Batch {
            action: TagAction::Add,
            tag: tag("FINANCE"),
            ops: vec![(2, id(2)), (3, id(3))],
        },
    ];
    exec.run(setup, &Quiet).await;
    let before = api.calls().len();
    // The add is listed first; with concurrency 4 all three calls would start at once.
    let rename = vec![
        Call::Batch {
            action: TagAction::Add,
            tag: tag("Finance"),
            ops: (0..4).map(|i| (i, id(i))).collect(),
        },
        Call::Batch {
            action: TagAction::Remove,
            tag: tag("finance"),
            ops: vec![(4, id(0)), (5, id(1))],
        },
        Call::Batch {
            action: TagAction::Remove,
            tag: tag("FINANCE"),
            ops: vec![(6, id(2)), (7, id(3))],
        },
    ];
    let out = by_index(exec.run(rename, &Quiet).await);
    assert_eq!(out.len(), 8);
    assert!(out.iter().all(|o| o.status == Status::Succeeded), "{out:?}");
    for i in 0..4 {
        assert_eq!(api.tags(id(i)), ["Finance"], "machine {i}");
    }
    let calls = api.calls()[before..].to_vec();
    let started = |action: TagAction| -> Vec<tokio::time::Instant> {
        calls
            .iter()
            .filter(|(_, s)| matches!(s, Seen::Batch(_, a, _) if *a == action))
            .map(|(at, _)| *at)
            .collect()
    };
    let (removes, adds) = (started(TagAction::Remove), started(TagAction::Add));
    assert_eq!((removes.len(), adds.len()), (2, 1));
    // Each call takes the fake 100 ms: the add starts once both removals have answered.
    let last_removal_answered = *removes.iter().max().unwrap() + Duration::from_millis(100);
    assert!(adds[0] >= last_removal_answered, "{calls:?}");
    // The two removals themselves ran side by side.
    assert_eq!(removes[0], removes[1]);
}

#[tokio::test(start_paused = true)]
async fn the_calls_of_one_phase_run_side_by_side() {
    let api = Fake::honest(4);
    let exec = executor(api.clone(), &[], 0);
    let calls = vec![
        Call::Single {
            op: 0,
            machine: id(0),
            change: Change::Tag(TagAction::Add, tag("Retired")),
        },
        Call::Single {
            op: 1,
            machine: id(0),
            change: Change::Tag(TagAction::Remove, tag("Legacy")),
        },
    ];
    let out = exec.run(calls, &Quiet).await;
    assert_eq!(out.len(), 2);
    let starts: Vec<_> = api.calls().iter().map(|(at, _)| *at).collect();
    assert_eq!(starts[0], starts[1], "different tags: no waiting");
}
