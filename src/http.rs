//! The one HTTP client policy of a run, shared by token requests and API calls: rustls, pooled
//! connections, deflate/gzip decoding, timeouts, no redirects, capped bodies; and what every
//! caller needs to read an answer safely (bounded bodies, Retry-After, backoff).

use std::time::{Duration, SystemTime};

/// Per-call limit: a tag call is small; anything slower is a stuck connection. One deadline
/// for an attempt's headers and body together, so a server that drips its answer cannot hold a
/// call longer.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The per-call limit in use: `CALL_TIMEOUT`, unless `MDETAG_CALL_TIMEOUT_MS` says otherwise.
/// That variable is a test hook, in no help or man page: it lets the tests of what depends on
/// the limit (resume's wait for calls a stopped run may still have in flight) take seconds.
pub fn call_timeout() -> Duration {
    static LIMIT: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("MDETAG_CALL_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|ms| (1..=3_600_000).contains(ms))
            .map_or(CALL_TIMEOUT, Duration::from_millis)
    })
}

/// When an attempt that starts now must have its whole answer, headers and body. reqwest's
/// own total timeout covers the body too, but only while reqwest reads it; callers bound each
/// step of an attempt (sending, reading the body) by this one instant, so nothing they do with
/// the answer can take longer either.
pub fn attempt_deadline() -> tokio::time::Instant {
    tokio::time::Instant::now() + call_timeout()
}

/// Why an attempt that ran out of time failed.
pub fn timed_out() -> String {
    format!(
        "timed out: no whole answer within {} s",
        call_timeout().as_secs_f64()
    )
}

/// The most a token endpoint's answer may be (decoded).
pub const TOKEN_BODY_CAP: usize = 1 << 20;

/// The most an API answer may be, decoded: a page of 10,000 machines is about 30 MB.
pub const API_BODY_CAP: usize = 256 << 20;
/// An error answer's body only explains its status: this much of it is read.
const ERROR_BODY_CAP: usize = 64 << 10;
/// ... and for this long at most.
const ERROR_BODY_WAIT: Duration = Duration::from_secs(5);

/// The longest wait a server may ask for; past it, waiting is not worth it.
pub const MAX_WAIT: Duration = Duration::from_secs(3600);

/// The run's HTTP client. With `loopback_only` (every host it will talk to is this machine:
/// the sandbox, mde-sim) proxy variables are ignored, so a corporate `HTTPS_PROXY` cannot
/// swallow loopback traffic. Redirects are never followed: one would re-send a secret, a
/// token or a write body to wherever a server points.
pub fn client(loopback_only: bool) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!("mdetag/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(15))
        .timeout(call_timeout())
        .pool_idle_timeout(Duration::from_secs(50))
        .redirect(reqwest::redirect::Policy::none());
    if loopback_only {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .expect("the HTTP client's settings are valid")
}

/// A transport error in words, with the underlying cause (never the URL's query).
pub fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "the answer was cut off"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    if cause.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}: {cause}")
    }
}

/// Why an answer's body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("the answer is larger than {}", size(*.0))]
    TooLarge(usize),
    #[error("{0}")]
    Transport(String),
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// Reads a body, decoded, up to `cap` bytes: a declared length over it is refused before
/// anything is read, and a compressed body stops growing at the cap.
pub async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, BodyError> {
    let declared = response
        .headers()
        .get(reqwest::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap as u64) {
        return Err(BodyError::TooLarge(cap));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| BodyError::Transport(describe(&e)))?
    {
        if body.len() + chunk.len() > cap {
            return Err(BodyError::TooLarge(cap));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads an error answer's body, which only explains its status: at most `ERROR_BODY_CAP`,
/// for at most `ERROR_BODY_WAIT`.
pub async fn read_error_body(response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    tokio::time::timeout(ERROR_BODY_WAIT, read_capped(response, ERROR_BODY_CAP))
        .await
        .unwrap_or_else(|_| {
            Err(BodyError::Transport(format!(
                "it did not end within {} s",
                ERROR_BODY_WAIT.as_secs()
            )))
        })
}

/// Reads a Retry-After header: whole seconds, or an HTTP date. Any number parses (the caller
/// decides what is too long); nothing here can overflow.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::MAX); // more seconds than a u64 holds
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The Retry-After of an answer, if it has a usable one.
pub fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()))
}

/// Exponential backoff with "equal jitter": half the step is fixed, half random, so retries
/// of many calls that failed together spread out but still wait a sensible minimum. `jitter`
/// is in [0, 1).
pub fn backoff(base: Duration, cap: Duration, retry: u32, jitter: f64) -> Duration {
    let step = base.saturating_mul(1u32 << retry.min(20)).min(cap);
    step / 2 + step.mul_f64(jitter.clamp(0.0, 1.0) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date_and_never_overflows() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("12", now), Some(Duration::from_secs(12)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(30))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(
            parse_retry_after("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::MAX)
        );
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backoff_is_jittered_and_capped() {
        let (base, cap) = (Duration::from_millis(500), Duration::from_secs(30));
        assert_eq!(
            backoff(base, cap, 0, 0.999_999),
            Duration::from_millis(500) - Duration::from_nanos(250)
        );
        assert_eq!(backoff(base, cap, 30, 0.0), Duration::from_secs(15));
        assert!(backoff(base, cap, 30, 0.99) <= cap);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// No Retry-After, however absurd, panics; a number of seconds is taken as it is.
        #[test]
        fn any_retry_after_parses_or_not_without_panicking(value in "\\PC{0,40}", secs in any::<u64>()) {
            let now = SystemTime::now();
            let _ = parse_retry_after(&value, now);
            prop_assert_eq!(parse_retry_after(&secs.to_string(), now), Some(Duration::from_secs(secs)));
            let date = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs % 253_402_300_799));
            prop_assert!(parse_retry_after(&date, now).is_some());
        }
    }
}
