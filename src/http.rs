//! The one HTTP client policy of a run, shared by token requests and API calls: rustls, pooled
//! connections, deflate/gzip decoding, timeouts; and transport errors in words.

use std::time::Duration;

/// Per-call limit: a tag call is small; anything slower is a stuck connection.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The run's HTTP client. With `loopback_only` (every host it will talk to is this machine:
/// the sandbox, mde-sim) proxy variables are ignored, so a corporate `HTTPS_PROXY` cannot
/// swallow loopback traffic.
pub fn client(loopback_only: bool) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!("mdetag/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(15))
        .timeout(CALL_TIMEOUT)
        .pool_idle_timeout(Duration::from_secs(50));
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
