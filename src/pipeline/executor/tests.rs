//! The executor against a scripted fake API, in paused time: what it sends, when, and what
//! every operation's outcome says.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::fake::{Fake, Seen, http, id, not_found};
use super::*;
use crate::pipeline::{Pacer, Window};

pub(super) fn executor(api: Arc<Fake>, windows: &[Window], retries: u32) -> Executor<Fake> {
    Executor {
        api,
        pacer: Arc::new(Pacer::new(windows)),
        policy: RetryPolicy {
            retries,
            ..RetryPolicy::default()
        },
        concurrency: 4,
        stop: Arc::new(Stop::default()),
        renewals: Default::default(),
    }
}

pub(super) struct Quiet;
impl Observer for Quiet {
    fn settled(&self, _: &[Outcome]) {}
}

pub(super) fn add(tag: &str) -> Change {
    Change::Tag(TagAction::Add, Tag::parse(tag).unwrap())
}

pub(super) fn singles(n: usize, tag: &str) -> Vec<Call> {
    (0..n)
        .map(|i| Call::Single {
            op: i,
            machine: id(i),
            change: add(tag),
        })
        .collect()
}

pub(super) fn by_index(mut outcomes: Vec<Outcome>) -> Vec<Outcome> {
    outcomes.sort_by_key(|o| o.index);
    outcomes
}

#[tokio::test(start_paused = true)]
async fn a_batch_refused_for_one_bad_id_is_halved_until_it_stands_alone() {
    let bad = id(99);
    let api = Fake::new(8, move |seen, _, fleet| match seen {
        Seen::Batch(ids, ..) if ids.contains(&bad) => Err(not_found()),
        Seen::Tag(m, ..) if *m == bad => Err(not_found()),
        _ => fleet.apply(seen),
    });
    let mut ops: Vec<(usize, MachineId)> = (0..7).map(|i| (i, id(i))).collect();
    ops.insert(3, (7, bad));
    let exec = executor(api.clone(), &[], 0);
    let call = Call::Batch {
        action: TagAction::Add,
        tag: Tag::parse("x").unwrap(),
        ops,
    };
    let out = by_index(exec.run(vec![call], &Quiet).await);
    assert_eq!(out.len(), 8);
    let failed: Vec<_> = out.iter().filter(|o| o.status == Status::Failed).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!((failed[0].index, failed[0].http_status), (7, Some(404)));
    // 8 → 4+4 → 2+2 (one half) → 1+1: seven calls, and the bad one alone at the end.
    let mut sizes: Vec<usize> = api
        .calls()
        .iter()
        .map(|(_, s)| match s {
            Seen::Batch(ids, ..) => ids.len(),
            _ => 1,
        })
        .collect();
    assert_eq!(sizes.last(), Some(&4), "the good half goes last: {sizes:?}");
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(sizes, [8, 4, 4, 2, 2, 1, 1]);
    // Every refused call that carried a machine counts as one of its attempts.
    assert_eq!(out[0].attempts, 3, "8 and 4 refused, then its 2 succeeded");
    assert_eq!(out[3].attempts, 2, "8 refused, then the good half");
    assert_eq!(out[7].attempts, 4, "8, 4 and 2 refused, then its own");
}

#[tokio::test(start_paused = true)]
async fn a_machine_missing_from_a_batch_answer_is_not_applied() {
    let left_out = id(2);
    let api = Fake::new(4, move |seen, _, fleet| {
        let mut answer = fleet.apply(seen)?;
        answer.retain(|m| m.id != left_out);
        Ok(answer)
    });
    let call = Call::Batch {
        action: TagAction::Add,
        tag: Tag::parse("x").unwrap(),
        ops: (0..4).map(|i| (i, id(i))).collect(),
    };
    let out = by_index(executor(api, &[], 0).run(vec![call], &Quiet).await);
    let codes: Vec<_> = out
        .iter()
        .map(|o| o.error.as_ref().map(|e| e.code.as_str()))
        .collect();
    assert_eq!(codes, [None, None, Some("not-applied"), None]);
}

#[tokio::test(start_paused = true)]
async fn a_200_whose_machine_does_not_show_the_change_is_not_applied() {
    // The answer is the machine as it was: the write did not happen.
    let api = Fake::new(2, |seen, _, fleet| match seen {
        Seen::Tag(m, ..) => Ok(vec![fleet.0[m].clone()]),
        _ => fleet.apply(seen),
    });
    let out = executor(api, &[], 0).run(singles(1, "x"), &Quiet).await;
    assert_eq!(out[0].status, Status::Failed);
    assert_eq!(out[0].http_status, Some(200));
    assert_eq!(out[0].error.as_ref().unwrap().code.as_str(), "not-applied");
    // A tag that differs only in case counts as there.
    let api = Fake::new(1, |seen, _, fleet| match seen {
        Seen::Tag(m, ..) => {
            let mut machine = fleet.0[m].clone();
            machine.tags = vec!["FINANCE".into()];
            Ok(vec![machine])
        }
        _ => fleet.apply(seen),
    });
    let out = executor(api, &[], 0)
        .run(singles(1, "finance"), &Quiet)
        .await;
    assert_eq!(out[0].status, Status::Succeeded);
}

/// SPEC's breaker counts operations: one batch call of 20 machines that the API never
/// answered is 20 operations in a row, and the run stops sending.
#[tokio::test(start_paused = true)]
async fn the_breaker_counts_operations_not_calls() {
    let api = Fake::new(60, |_, _, _| Err(http(503, "ServiceUnavailable")));
    let mut exec = executor(api.clone(), &[], 0);
    exec.concurrency = 1;
    let calls: Vec<Call> = (0..3)
        .map(|b| Call::Batch {
            action: TagAction::Add,
            tag: Tag::parse("x").unwrap(),
            ops: (b * 20..b * 20 + 20).map(|i| (i, id(i))).collect(),
        })
        .collect();
    let out = exec.run(calls, &Quiet).await;
    assert_eq!(out.len(), 60);
    assert_eq!(
        api.calls().len(),
        1,
        "one dead batch is 20 operations: stop"
    );
    assert_eq!(
        out.iter().filter(|o| o.status == Status::Failed).count(),
        20
    );
    assert!(
        out.iter().filter(|o| o.status == Status::Skipped).all(|o| o
            .error
            .as_ref()
            .unwrap()
            .code
            .as_str()
            == "aborted")
    );
}

#[tokio::test(start_paused = true)]
async fn a_stop_lets_calls_in_flight_finish_and_skips_the_rest() {
    struct StopAfterFirst(Arc<Stop>);
    impl Observer for StopAfterFirst {
        fn settled(&self, _: &[Outcome]) {
            self.0
                .stop(StopReason::Signal(crate::exit::Signal::Interrupt));
        }
    }
    let api = Fake::honest(20);
    // One call a second: the first settles at 0.1 s, while the second waits for the pacer.
    let window = Window {
        limit: 1,
        period: Duration::from_secs(1),
    };
    let exec = executor(api.clone(), &[window], 0);
    let out = by_index(
        exec.run(singles(20, "x"), &StopAfterFirst(exec.stop.clone()))
            .await,
    );
    assert_eq!(out.len(), 20, "every operation has an outcome");
    assert_eq!(out[0].status, Status::Succeeded);
    assert_eq!(api.calls().len(), 1, "nothing starts after the stop");
    for o in &out[1..] {
        assert_eq!(o.status, Status::Skipped);
        assert_eq!(o.error.as_ref().unwrap().code.as_str(), "interrupted");
        assert_eq!(o.attempts, 0);
    }
}

/// Stopped and given up on while its token came: the call is never sent, and it is skipped
/// (not sent), never `Interrupted` (which says it may have been applied).
#[tokio::test(start_paused = true)]
async fn a_call_stopped_while_its_token_comes_is_not_sent() {
    let api = Fake::honest(8);
    let exec = executor(api.clone(), &[], 0);
    let stop = exec.stop.clone();
    *api.on_token.lock().unwrap() = Some(Box::new(move || {
        stop.stop(StopReason::Signal(crate::exit::Signal::Interrupt));
        stop.abandon();
    }));
    let out = exec.run(singles(8, "x"), &Quiet).await;
    assert_eq!(api.calls().len(), 0, "sent after the stop");
    for o in &out {
        assert_eq!(o.status, Status::Skipped, "{o:?}");
        assert_eq!(o.attempts, 0);
    }
}

#[tokio::test(start_paused = true)]
async fn a_replacement_succeeds_only_when_the_answer_has_exactly_the_tags() {
    let api = Fake::honest(2);
    let call = |m: usize, tags: &[&str]| Call::Replace {
        machine: id(m),
        tags: tags.iter().map(|t| Tag::parse(t).unwrap()).collect(),
        ops: vec![m],
    };
    let out = executor(api, &[], 0)
        .run(vec![call(0, &["a", "b"])], &Quiet)
        .await;
    assert_eq!(out[0].status, Status::Succeeded);
    let sloppy = Fake::new(1, |seen, _, fleet| {
        let mut answer = fleet.apply(seen)?;
        answer[0].tags.push("stray".into());
        Ok(answer)
    });
    let out = executor(sloppy, &[], 0)
        .run(vec![call(0, &["a"])], &Quiet)
        .await;
    assert_eq!(out[0].error.as_ref().unwrap().code.as_str(), "not-applied");
}

#[tokio::test(start_paused = true)]
async fn calls_keep_to_the_windows_and_the_concurrency() {
    let api = Fake::honest(30);
    let window = Window {
        limit: 10,
        period: Duration::from_secs(1),
    };
    let t0 = Instant::now();
    let out = executor(api.clone(), &[window], 0)
        .run(singles(30, "x"), &Quiet)
        .await;
    assert_eq!(out.len(), 30);
    let starts: Vec<Duration> = api.calls().iter().map(|(t, _)| *t - t0).collect();
    // The pacer's schedule: ten at 0, ten at 1.02 s, ten at 2.04 s (each window's 2% margin).
    let at = |s: &Duration| (s.as_millis() / 10) * 10;
    let mut buckets: HashMap<u128, usize> = HashMap::new();
    starts
        .iter()
        .for_each(|s| *buckets.entry(at(s)).or_default() += 1);
    // At most 4 in flight: each batch of ten goes out four, four, two, 100 ms apart.
    assert!(buckets.values().all(|&n| n <= 4), "{buckets:?}");
    assert!(starts.iter().filter(|s| s.as_millis() < 1020).count() <= 10);
    assert!(starts.iter().filter(|s| s.as_millis() < 2040).count() <= 20);
    // And no slower than that: the last wave's last four go out 200 ms after it opens.
    let last = starts.iter().max().unwrap();
    assert!(last.as_millis() <= 2_240, "last call started at {last:?}");
}

/// A dead API, 55 operations, 5 retries, 10 in flight: once the breaker trips (10 operations in
/// a row failed), no call in flight is retried and nothing new is sent. Each operation that
/// was sent is `failed` with what the API answered, each other `skipped` `aborted`.
#[tokio::test(start_paused = true)]
async fn once_the_breaker_trips_calls_in_flight_stop_retrying() {
    /// When the tenth operation failed: the breaker tripped then.
    struct Trip(std::sync::Mutex<(usize, Option<Instant>)>);
    impl Observer for Trip {
        fn settled(&self, outcomes: &[Outcome]) {
            let mut t = self.0.lock().unwrap();
            t.0 += outcomes
                .iter()
                .filter(|o| o.status == Status::Failed)
                .count();
            if t.0 >= BREAKER && t.1.is_none() {
                t.1 = Some(Instant::now());
            }
        }
    }
    let api = Fake::new(55, |_, _, _| Err(http(503, "ServiceUnavailable")));
    let mut exec = executor(api.clone(), &[], 5);
    exec.concurrency = 10;
    let trip = Trip(std::sync::Mutex::default());
    let out = by_index(exec.run(singles(55, "x"), &trip).await);
    assert_eq!(exec.stop.reason(), Some(StopReason::Unanswered));
    let tripped = trip.0.lock().unwrap().1.expect("the breaker tripped");
    let after = api.calls().iter().filter(|(t, _)| *t > tripped).count();
    assert_eq!(after, 0, "sent after the breaker tripped");
    let sent = out.iter().filter(|o| o.attempts > 0).count();
    // At most 10 failures before the trip: the first 10, and one more for each slot freed.
    assert!((10..=19).contains(&sent), "{sent} operations sent");
    assert!(api.calls().len() <= 19 * 6, "{}", api.calls().len());
    for o in &out {
        if o.attempts > 0 {
            assert_eq!(
                (o.status, o.http_status),
                (Status::Failed, Some(503)),
                "{o:?}"
            );
        } else {
            assert_eq!(
                (o.status, o.reason()),
                (Status::Skipped, Some(Reason::Aborted)),
                "{o:?}"
            );
        }
    }
}

/// Every attempt tells the observer its operations as it leaves, a retry too, so that resume
/// waits for calls in flight from when they really left (the pacer may hold a call long after
/// its wave was announced).
#[tokio::test(start_paused = true)]
async fn each_attempt_is_told_as_it_leaves() {
    struct Leaving(std::sync::Mutex<Vec<Vec<usize>>>);
    impl Observer for Leaving {
        fn leaving(&self, ops: &[usize]) {
            self.0.lock().unwrap().push(ops.to_vec());
        }
        fn settled(&self, _: &[Outcome]) {}
    }
    // The first call of all fails once (503), then everything succeeds.
    let api = Fake::new(3, |seen, n, fleet| {
        if n == 1 {
            Err(http(503, "ServiceUnavailable"))
        } else {
            fleet.apply(seen)
        }
    });
    let observer = Leaving(std::sync::Mutex::default());
    let out = executor(api.clone(), &[], 2)
        .run(singles(3, "x"), &observer)
        .await;
    assert!(out.iter().all(|o| o.status == Status::Succeeded), "{out:?}");
    let mut told = observer.0.into_inner().unwrap();
    told.sort();
    assert_eq!(told, vec![vec![0], vec![0], vec![1], vec![2]]);
    assert_eq!(api.calls().len(), 4);
}
