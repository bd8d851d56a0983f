//! One attempt of one call, whatever the API: sent with one deadline for headers and body,
//! its answer judged by status, its body bounded, server text redacted.

use std::time::Duration;

use tokio::time::Instant;

use super::ApiError;
use super::wire::ErrorBody;
use crate::ui::Printer;
use crate::ui::text::redact;

/// Sends `request` and reads its JSON answer within `limit` (headers and body together).
/// `writes`: a 200 whose body cannot be read may have been applied, so it is not retried
/// (`Unreadable`); a read's is (`NoAnswer`).
pub async fn send<T: serde::de::DeserializeOwned>(
    printer: &Printer,
    http: &reqwest::Client,
    request: reqwest::RequestBuilder,
    writes: bool,
    limit: Duration,
) -> Result<T, ApiError> {
    let request = request
        .timeout(limit)
        .build()
        .map_err(|e| ApiError::Refused(crate::http::describe(&e)))?;
    let (method, path) = (request.method().clone(), request.url().path().to_string());
    let unreadable = |why: String| {
        if writes {
            ApiError::Unreadable(why)
        } else {
            ApiError::NoAnswer(why)
        }
    };
    let timed_out = || {
        format!(
            "timed out: no whole answer within {} s",
            limit.as_secs_f64()
        )
    };
    let started = Instant::now();
    // One deadline for the headers and the body together.
    let deadline = started + limit;
    let failed = |why: String, connect: bool| {
        printer.debug(|| {
            format!(
                "{method} {path} → {why} ({} ms)",
                started.elapsed().as_millis()
            )
        });
        if connect {
            ApiError::Transport(why)
        } else {
            ApiError::NoAnswer(why)
        }
    };
    let response = match tokio::time::timeout_at(deadline, http.execute(request)).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return Err(failed(crate::http::describe(&e), e.is_connect())),
        Err(_) => return Err(failed(timed_out(), false)),
    };
    let status = response.status().as_u16();
    let retry_after = crate::http::retry_after(&response);
    printer.debug(|| {
        format!(
            "{method} {path} → {status} ({} ms)",
            started.elapsed().as_millis()
        )
    });
    if (300..400).contains(&status) {
        // Never followed, never read, and never named: a Location can carry anything.
        return Err(ApiError::Refused(format!(
            "the API answered {status}, a redirect; mdetag follows none"
        )));
    }
    if (200..300).contains(&status) {
        let read = crate::http::read_capped(response, crate::http::API_BODY_CAP);
        let body = tokio::time::timeout_at(deadline, read)
            .await
            .unwrap_or_else(|_| Err(crate::http::BodyError::Transport(timed_out())))
            .map_err(|e| match e {
                crate::http::BodyError::TooLarge(_) if !writes => ApiError::Refused(e.to_string()),
                crate::http::BodyError::TooLarge(_) => unreadable(e.to_string()),
                crate::http::BodyError::Transport(why) => unreadable(why),
            })?;
        return serde_json::from_slice(&body)
            .map_err(|e| unreadable(format!("the answer is not the expected JSON: {e}")));
    }
    // An error is judged by its status; its body only explains it, so a body that is huge,
    // cut off or endless loses the explanation, not the status.
    let body = tokio::time::timeout_at(deadline, crate::http::read_error_body(response))
        .await
        .unwrap_or_else(|_| Err(crate::http::BodyError::Transport(timed_out())));
    let (code, message) = match body {
        Ok(body) => match serde_json::from_slice::<ErrorBody>(&body) {
            Ok(b) => (
                b.error.code.filter(|c| !c.is_empty()),
                b.error.message.unwrap_or_default(),
            ),
            Err(_) => (
                None,
                String::from_utf8_lossy(&body).chars().take(200).collect(),
            ),
        },
        Err(e) => {
            printer
                .debug(|| format!("{method} {path} → {status}: the error body was not read: {e}"));
            (None, format!("(the body was not read: {e})"))
        }
    };
    // Server text: nothing of ours that it echoes goes any further.
    Err(ApiError::Http {
        status,
        code: code.map(|c| redact(&c).into_owned()),
        message: redact(&message).into_owned(),
        retry_after,
    })
}
