//! Why one attempt failed, and what kind of failure that is: the retry policy decides by the
//! class, the results show the code and message.

use std::time::Duration;

use crate::auth::AuthError;
use crate::model::{Code, Reason};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The API answered with an error status.
    #[error("{}: {message}", code.as_deref().map_or_else(|| format!("HTTP{status}"), String::from))]
    Http {
        status: u16,
        /// The API's own code, when its answer gave one.
        code: Option<String>,
        message: String,
        retry_after: Option<Duration>,
    },
    /// The request never reached the API: the connection could not be made.
    #[error("{0}")]
    Transport(String),
    /// The request was sent but no usable answer came (a timeout, a dropped connection, a
    /// cut-off or garbled body): the change may have been applied.
    #[error("{0}")]
    NoAnswer(String),
    /// A write was answered 2xx but its body could not be read or parsed (cut off, late,
    /// garbled): it may have been applied, so it is not sent again; `resume` checks it.
    #[error("{0}")]
    Unreadable(String),
    /// mdetag will not make this request (a link to another host, say): trying again cannot help.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// mdetag stopped waiting for the API to take calls (a Retry-After, or a run of 429s,
    /// longer than it waits); `status` is the answer this call last had, if it was sent.
    #[error("{message}")]
    WaitedTooLong {
        status: Option<u16>,
        message: String,
    },
}

/// How a failed attempt is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureClass {
    /// 429: wait what Retry-After says, pausing every call.
    Throttled { retry_after: Option<Duration> },
    /// 5xx, timeouts, connection errors: back off and retry.
    Transient,
    /// 401 on a token from before: renew it, then retry.
    Unauthorized,
    /// 401 on the very token this call just renewed: the credential itself is refused.
    UnauthorizedAfterRenewal,
    /// Any other 4xx, or a request mdetag refuses to make: fail at once.
    Permanent,
}

impl ApiError {
    pub fn class(&self) -> FailureClass {
        match self {
            ApiError::Http {
                status: 429,
                retry_after,
                ..
            } => FailureClass::Throttled {
                retry_after: *retry_after,
            },
            ApiError::Http { status: 401, .. } => FailureClass::Unauthorized,
            ApiError::Http { status, .. } if *status >= 500 => FailureClass::Transient,
            ApiError::Http { .. }
            | ApiError::Refused(_)
            | ApiError::Unreadable(_)
            | ApiError::WaitedTooLong { .. } => FailureClass::Permanent,
            ApiError::Transport(_) | ApiError::NoAnswer(_) => FailureClass::Transient,
            ApiError::Auth(e) if e.is_transient() => FailureClass::Transient,
            ApiError::Auth(_) => FailureClass::Permanent,
        }
    }

    /// A 4xx that says something about the request (a bad ID in a batch, say), not about
    /// authentication or throttling: the kind a batch is split on.
    pub fn is_request_error(&self) -> bool {
        matches!(self, ApiError::Http { status, .. } if (400..500).contains(status) && !matches!(status, 401 | 403 | 429))
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            ApiError::WaitedTooLong { status, .. } => *status,
            _ => None,
        }
    }

    /// Code and message for the results: the API's own code verbatim, else mdetag's reason.
    pub fn code_and_message(&self) -> (Code, String) {
        match self {
            ApiError::Http {
                status,
                code: None,
                message,
                ..
            } if *status >= 500 => (Reason::ServerError.into(), message.clone()),
            // A 401 whose body names no code: the API's name for it (SPEC.md "Retries").
            ApiError::Http {
                status: 401,
                code: None,
                message,
                ..
            } => (Code::Api("Unauthorized".into()), message.clone()),
            ApiError::Http {
                status,
                code: None,
                message,
                ..
            } => (Code::Api(format!("HTTP{status}").into()), message.clone()),
            ApiError::Http {
                code: Some(code),
                message,
                ..
            } => (Code::Api(code.as_str().into()), message.clone()),
            ApiError::Transport(m) => (Reason::ConnectionError.into(), m.clone()),
            ApiError::NoAnswer(m) => (
                Reason::NoResponse.into(),
                format!(
                    "sent; no answer ({m}); the change may have been applied; `mdetag resume` checks it"
                ),
            ),
            ApiError::Unreadable(m) => (
                Reason::NoResponse.into(),
                format!(
                    "sent; answered, but the answer could not be read ({m}); the change may have been applied; `mdetag resume` checks it"
                ),
            ),
            ApiError::Refused(m) => (Reason::Refused.into(), m.clone()),
            ApiError::WaitedTooLong { message, .. } => {
                (Code::Api("TooManyRequests".into()), message.clone())
            }
            ApiError::Auth(e) if e.is_transient() => {
                (Reason::ConnectionError.into(), e.to_string())
            }
            ApiError::Auth(e) => (Reason::AuthenticationFailed.into(), e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_request_is_not_retried() {
        assert_eq!(
            ApiError::Refused("link to another host".into()).class(),
            FailureClass::Permanent
        );
        assert_eq!(
            ApiError::Transport("reset".into()).class(),
            FailureClass::Transient
        );
    }

    #[test]
    fn codes_are_the_apis_verbatim_or_mdetags_own_reasons() {
        let http = |status, code: Option<&str>| ApiError::Http {
            status,
            code: code.map(String::from),
            message: "m".into(),
            retry_after: None,
        };
        let code = |e: ApiError| e.code_and_message().0.as_str().to_string();
        assert_eq!(
            code(http(503, Some("ServiceUnavailable"))),
            "ServiceUnavailable"
        );
        assert_eq!(code(http(502, None)), "server-error");
        assert_eq!(
            code(http(404, Some("ResourceNotFound"))),
            "ResourceNotFound"
        );
        assert_eq!(
            code(ApiError::Transport("reset".into())),
            "connection-error"
        );
        assert_eq!(code(ApiError::NoAnswer("cut".into())), "no-response");
    }
}
