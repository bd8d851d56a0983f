//! The retry rules, in paused time: 429 pauses, back-off, the hour limit, token renewal.

use super::fake::{Fake, http};
use std::time::Duration;

use tokio::time::Instant;

use super::tests::{Quiet, by_index, executor, singles};
use super::*;

#[tokio::test(start_paused = true)]
async fn a_429_pauses_every_call_for_as_long_as_it_says() {
    let api = Fake::new(12, |seen, n, fleet| {
        if n == 2 {
            return Err(ApiError::Http {
                status: 429,
                code: Some("TooManyRequests".into()),
                message: "slow down".into(),
                retry_after: Some(Duration::from_secs(10)),
            });
        }
        fleet.apply(seen)
    });
    let t0 = Instant::now();
    let out = by_index(
        executor(api.clone(), &[], 0)
            .run(singles(12, "x"), &Quiet)
            .await,
    );
    assert!(out.iter().all(|o| o.status == Status::Succeeded));
    assert_eq!(out.iter().map(|o| o.attempts).sum::<u32>(), 13, "one retry");
    let throttled_at = api.calls()[1].0;
    let answered = throttled_at + Duration::from_millis(100);
    let during: Vec<_> = api
        .calls()
        .iter()
        .filter(|(t, _)| *t > answered && *t < answered + Duration::from_secs(10))
        .map(|(t, _)| *t - t0)
        .collect();
    assert!(
        during.is_empty(),
        "calls started during the pause: {during:?}"
    );
    assert!(Instant::now() - t0 >= Duration::from_secs(10));
}

fn throttled(secs: u64) -> ApiError {
    ApiError::Http {
        status: 429,
        code: Some("TooManyRequests".into()),
        message: "slow down".into(),
        retry_after: Some(Duration::from_secs(secs)),
    }
}

#[tokio::test(start_paused = true)]
async fn a_wait_over_an_hour_fails_every_waiting_call_without_sending_it() {
    let api = Fake::new(12, |_, _, _| Err(throttled(86_400)));
    let t0 = Instant::now();
    let out = executor(api.clone(), &[], 5)
        .run(singles(12, "x"), &Quiet)
        .await;
    assert_eq!(out.len(), 12);
    for o in &out {
        assert_eq!(o.status, Status::Failed);
        let error = o.error.as_ref().unwrap();
        assert_eq!(error.code.as_str(), "TooManyRequests");
        assert!(error.message.contains("86400 s"), "{}", error.message);
    }
    assert!(api.calls().len() <= 4, "only the calls in flight were sent");
    assert!(out.iter().filter(|o| o.attempts == 0).count() >= 8);
    assert!(
        out.iter()
            .all(|o| o.attempts == 0 || o.http_status == Some(429))
    );
    assert!(
        Instant::now() - t0 < Duration::from_secs(1),
        "nothing waited"
    );
}

#[tokio::test(start_paused = true)]
async fn an_hour_of_429s_in_a_row_fails_what_waits() {
    let api = Fake::new(6, |_, _, _| Err(throttled(1_000)));
    let t0 = Instant::now();
    let out = executor(api.clone(), &[], 0)
        .run(singles(6, "x"), &Quiet)
        .await;
    let waited = Instant::now() - t0;
    assert!(out.iter().all(|o| o.status == Status::Failed
        && o.error.as_ref().unwrap().code.as_str() == "TooManyRequests"));
    assert!(
        waited > Duration::from_secs(3_600) && waited < Duration::from_secs(5_100),
        "{waited:?}"
    );
    // 429s spend no retries (there are none here), yet each pause is waited out: a few calls
    // a pause, not a storm.
    assert!(api.calls().len() <= 6 * 5, "{}", api.calls().len());
}

#[tokio::test(start_paused = true)]
async fn server_errors_back_off_and_a_dead_service_spends_the_retries() {
    // Two 503s, then success: three attempts, waits growing.
    let api = Fake::new(1, |seen, n, fleet| {
        if n <= 2 {
            Err(http(503, "ServiceUnavailable"))
        } else {
            fleet.apply(seen)
        }
    });
    let out = executor(api.clone(), &[], 5)
        .run(singles(1, "x"), &Quiet)
        .await;
    assert_eq!((out[0].status, out[0].attempts), (Status::Succeeded, 3));
    let starts: Vec<Instant> = api.calls().iter().map(|(t, _)| *t).collect();
    let gaps: Vec<Duration> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    let answer = Duration::from_millis(100);
    // Equal jitter: the first wait is 250–500 ms, the second 500–1000 ms.
    assert!(
        gaps[0] >= answer + Duration::from_millis(250)
            && gaps[0] <= answer + Duration::from_millis(500),
        "{gaps:?}"
    );
    assert!(
        gaps[1] >= answer + Duration::from_millis(500)
            && gaps[1] <= answer + Duration::from_millis(1000),
        "{gaps:?}"
    );

    let dead = Fake::new(1, |_, _, _| Err(http(503, "ServiceUnavailable")));
    let out = executor(dead.clone(), &[], 2)
        .run(singles(1, "x"), &Quiet)
        .await;
    assert_eq!(out[0].status, Status::Failed);
    assert_eq!((out[0].attempts, out[0].http_status), (3, Some(503)));
    assert_eq!(dead.calls().len(), 3);
    // A 4xx is not retried at all.
    let refusing = Fake::new(1, |_, _, _| Err(http(400, "BadRequest")));
    let out = executor(refusing.clone(), &[], 5)
        .run(singles(1, "x"), &Quiet)
        .await;
    assert_eq!((out[0].attempts, refusing.calls().len()), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn a_401_renews_the_token_once_and_the_call_goes_on() {
    let api = Fake::new(1, |seen, n, fleet| {
        if n == 1 {
            Err(http(401, "Unauthorized"))
        } else {
            fleet.apply(seen)
        }
    });
    let exec = executor(api.clone(), &[], 0);
    let out = exec.run(singles(1, "x"), &Quiet).await;
    assert_eq!((out[0].status, out[0].attempts), (Status::Succeeded, 2));
    assert_eq!(*api.tokens.lock().unwrap(), 2);
    assert!(exec.stop.reason().is_none());
}

/// 401 to every call, to the renewed token too (SPEC.md "Retries"): the ten calls refused at
/// once share one renewal; the calls that got the 401 are `failed` with the API's code, the
/// rest `skipped` `aborted`, and none says "interrupted" (no signal came).
#[tokio::test(start_paused = true)]
async fn calls_refused_at_once_share_one_renewal_and_a_second_401_stops_the_run() {
    let api = Fake::new(30, |_, _, _| Err(http(401, "Unauthorized")));
    let mut exec = executor(api.clone(), &[], 5);
    exec.concurrency = 10;
    let out = by_index(exec.run(singles(30, "x"), &Quiet).await);
    assert_eq!(out.len(), 30);
    assert_eq!(*api.tokens.lock().unwrap(), 2, "one renewal, shared");
    assert!(
        matches!(exec.stop.reason(), Some(StopReason::AuthFailed(_))),
        "{:?}",
        exec.stop.reason()
    );
    let mut failed = 0;
    for o in &out {
        let code = o.error.as_ref().map(|e| e.code.as_str());
        if o.attempts > 0 {
            failed += 1;
            assert_eq!(
                (o.status, o.http_status, code),
                (Status::Failed, Some(401), Some("Unauthorized")),
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
    assert_eq!(failed, 10, "the first wave, and nothing after it");
    // Each was sent with the first token, then once with the renewed one.
    assert_eq!(api.calls().len(), 20);
}

/// A Retry-After in the past (here, as the API client reads it: zero) counts as 1 s, and the
/// wait doubles while 429s repeat: 1, 2, 4, 8, 16 … s, until an hour of them fails the call.
#[tokio::test(start_paused = true)]
async fn a_retry_after_in_the_past_waits_a_second_and_doubles_while_429s_repeat() {
    let api = Fake::new(1, |_, _, _| Err(throttled(0)));
    let t0 = Instant::now();
    let out = executor(api.clone(), &[], 5)
        .run(singles(1, "x"), &Quiet)
        .await;
    assert_eq!(out[0].status, Status::Failed);
    assert_eq!(
        out[0].error.as_ref().unwrap().code.as_str(),
        "TooManyRequests"
    );
    let starts: Vec<Instant> = api.calls().iter().map(|(t, _)| *t).collect();
    let waits: Vec<u64> = starts
        .windows(2)
        .map(|w| (w[1] - w[0] - Duration::from_millis(100)).as_secs())
        .collect();
    assert_eq!(waits[..6], [1, 2, 4, 8, 16, 32], "{waits:?}");
    // More than an hour throttled in a row fails the call: 1 + 2 + … + 2048 s > 3600 s.
    assert!(api.calls().len() <= 13, "{} calls", api.calls().len());
    let waited = Instant::now() - t0;
    assert!(waited > Duration::from_secs(3_600), "{waited:?}");
}
