//! Why an operation did not succeed, as a code a script can branch on: the API's own code,
//! verbatim (`ResourceNotFound`, `TooManyRequests`…), or one of mdetag's reasons, each with one
//! meaning (SPEC.md, "Results"), always lower case with hyphens. Every layer compares reasons
//! through this type, never as text.

use std::fmt;

/// mdetag's own reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// skipped: the same operation as an earlier row.
    Duplicate,
    /// skipped: already so.
    Unchanged,
    /// skipped: not sent, a signal stopped the run.
    Interrupted,
    /// skipped: not sent, the run stopped (API not answering, credential refused, journal).
    Aborted,
    /// skipped: not sent, the machine changed since the saved plan.
    Drifted,
    /// skipped: not sent, undo found the machine changed since the run.
    ChangedSince,
    /// failed: no machine has that ID or host name (a read showed it).
    NotFound,
    /// failed: a host name on several live machines, `--on-duplicate fail`.
    Ambiguous,
    /// failed: two rows of the input contradict each other.
    Conflict,
    /// skipped: a listed machine the conditions (`--tag`, `--filter`…) leave out.
    NotPicked,
    /// failed: answered 200, but the answer does not show the change.
    NotApplied,
    /// failed: sent, no usable answer after the retries: it may have been applied.
    NoResponse,
    /// failed: sent, a second signal stopped the wait: it may have been applied.
    InFlight,
    /// failed: the connection could not be made, every retry spent.
    ConnectionError,
    /// failed: a read timed out, every retry spent.
    Timeout,
    /// failed: the API answered 5xx with no code of its own, every retry spent.
    ServerError,
    /// failed: mdetag will not make the request (a redirect, a link to another host, a body
    /// over the cap).
    Refused,
    /// failed: the credential could not be used (the token endpoint refused it).
    AuthenticationFailed,
    /// failed: a bug: no outcome was recorded.
    Internal,
}

const ALL: [Reason; 19] = [
    Reason::Duplicate,
    Reason::Unchanged,
    Reason::Interrupted,
    Reason::Aborted,
    Reason::Drifted,
    Reason::ChangedSince,
    Reason::NotFound,
    Reason::Ambiguous,
    Reason::Conflict,
    Reason::NotPicked,
    Reason::NotApplied,
    Reason::NoResponse,
    Reason::InFlight,
    Reason::ConnectionError,
    Reason::Timeout,
    Reason::ServerError,
    Reason::Refused,
    Reason::AuthenticationFailed,
    Reason::Internal,
];

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Duplicate => "duplicate",
            Reason::Unchanged => "unchanged",
            Reason::Interrupted => "interrupted",
            Reason::Aborted => "aborted",
            Reason::Drifted => "drifted",
            Reason::ChangedSince => "changed-since",
            Reason::NotFound => "not-found",
            Reason::Ambiguous => "ambiguous",
            Reason::Conflict => "conflict",
            Reason::NotPicked => "not-picked",
            Reason::NotApplied => "not-applied",
            Reason::NoResponse => "no-response",
            Reason::InFlight => "in-flight",
            Reason::ConnectionError => "connection-error",
            Reason::Timeout => "timeout",
            Reason::ServerError => "server-error",
            Reason::Refused => "refused",
            Reason::AuthenticationFailed => "authentication-failed",
            Reason::Internal => "internal",
        }
    }

    /// The reason a code names: today's spelling, or the one journals of earlier versions
    /// wrote (`NoResponse`, `Interrupted` for a call abandoned in flight, `machine not found`…).
    fn parse(code: &str) -> Option<Reason> {
        if let Some(r) = ALL.iter().find(|r| r.as_str() == code) {
            return Some(*r);
        }
        Some(match code {
            "NoResponse" => Reason::NoResponse,
            "Interrupted" => Reason::InFlight,
            "machine not found" => Reason::NotFound,
            "not applied" => Reason::NotApplied,
            "not picked" => Reason::NotPicked,
            "ConnectionError" => Reason::ConnectionError,
            "Refused" => Reason::Refused,
            "AuthenticationFailed" => Reason::AuthenticationFailed,
            _ => return None,
        })
    }

    /// Sent, and whether it was applied is not known: `resume` checks it.
    pub fn uncertain(self) -> bool {
        matches!(self, Reason::NoResponse | Reason::InFlight)
    }

    /// Not sent because the run stopped first: still to do.
    pub fn stopped_first(self) -> bool {
        matches!(self, Reason::Interrupted | Reason::Aborted)
    }
}

/// An outcome's code: one of mdetag's reasons, or the API's own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Reason(Reason),
    Api(Box<str>),
}

impl Code {
    /// A code as written in a journal or a results file.
    pub fn parse(code: &str) -> Code {
        match Reason::parse(code) {
            Some(r) => Code::Reason(r),
            None => Code::Api(code.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Code::Reason(r) => r.as_str(),
            Code::Api(c) => c,
        }
    }

    pub fn reason(&self) -> Option<Reason> {
        match self {
            Code::Reason(r) => Some(*r),
            Code::Api(_) => None,
        }
    }

    pub fn is(&self, reason: Reason) -> bool {
        self.reason() == Some(reason)
    }
}

impl From<Reason> for Code {
    fn from(r: Reason) -> Code {
        Code::Reason(r)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<Reason> for Code {
    fn eq(&self, other: &Reason) -> bool {
        self.is(*other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_lower_case_with_hyphens_and_reads_back() {
        for r in ALL {
            let s = r.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
            assert_eq!(Code::parse(s), Code::Reason(r));
        }
        let mut names: Vec<_> = ALL.iter().map(|r| r.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len(), "one spelling, one meaning");
    }

    #[test]
    fn api_codes_stay_verbatim_and_old_journals_read() {
        assert_eq!(
            Code::parse("ResourceNotFound"),
            Code::Api("ResourceNotFound".into())
        );
        assert_eq!(Code::parse("TooManyRequests").as_str(), "TooManyRequests");
        assert_eq!(Code::parse("Interrupted"), Code::Reason(Reason::InFlight));
        assert_eq!(Code::parse("NoResponse"), Code::Reason(Reason::NoResponse));
        assert!(Code::parse("no-response").reason().unwrap().uncertain());
    }
}
