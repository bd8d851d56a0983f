//! Exit codes (SPEC.md) and the one mapping from an error to its code.

use std::process::ExitCode;

/// How a run ends, as a script sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Every operation succeeded, was skipped, or was planned.
    Ok,
    /// Could not run: configuration, authentication or connection failure before the work.
    Setup,
    /// Usage error or invalid input: nothing was sent.
    Usage,
    /// The run finished and some operations failed.
    Failures,
    /// `sync --check`: changes are pending (nothing was sent).
    Pending,
    /// Interrupted by a signal; the report is still complete.
    Signal(Signal),
}

/// The signals that stop a run cleanly (Ctrl-Break on Windows counts as `Terminate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGINT, Ctrl-C.
    Interrupt,
    /// SIGTERM: `timeout`, systemd, Kubernetes, Azure Automation's job stop.
    Terminate,
    /// SIGHUP: the terminal went away.
    Hangup,
}

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
            Signal::Hangup => "SIGHUP",
        }
    }
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Ok => 0,
            ExitStatus::Setup => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Failures => 3,
            ExitStatus::Pending => 4,
            ExitStatus::Signal(Signal::Interrupt) => 130,
            ExitStatus::Signal(Signal::Terminate) => 143,
            ExitStatus::Signal(Signal::Hangup) => 129,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s.code())
    }
}

/// How one tenant of a run over many ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TenantEnd {
    /// Its run ran (and ended with this status).
    Ran(ExitStatus),
    /// It could not run (its token or consent refused, say): the status its error maps to.
    CouldNotRun(ExitStatus),
}

/// The exit status of a run over many tenants (SPEC.md): a signal's, when one stopped it; 0
/// when every tenant ran clean; 3 when an operation failed anywhere, or a tenant could not run
/// while another did; when none could run, 2 if each was refused as a usage error (the same
/// bad filter everywhere), else 1. `sync --check` with changes pending anywhere is 4.
pub fn of_tenants(ends: &[TenantEnd]) -> ExitStatus {
    let ran: Vec<ExitStatus> = ends
        .iter()
        .filter_map(|e| match e {
            TenantEnd::Ran(s) => Some(*s),
            TenantEnd::CouldNotRun(_) => None,
        })
        .collect();
    if let Some(signal) = ran.iter().find(|s| matches!(s, ExitStatus::Signal(_))) {
        return *signal;
    }
    if ran.is_empty() {
        let all_usage = !ends.is_empty()
            && ends
                .iter()
                .all(|e| *e == TenantEnd::CouldNotRun(ExitStatus::Usage));
        return if all_usage {
            ExitStatus::Usage
        } else {
            ExitStatus::Setup
        };
    }
    if ran.len() < ends.len()
        || ran
            .iter()
            .any(|s| *s != ExitStatus::Ok && *s != ExitStatus::Pending)
    {
        return ExitStatus::Failures;
    }
    if ran.contains(&ExitStatus::Pending) {
        ExitStatus::Pending
    } else {
        ExitStatus::Ok
    }
}

/// A usage error: a flag, an environment value or a file the user gave is wrong. The message
/// names the flag or variable; nothing was sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit status for an error that ended a run before its report. An API 400 to a read made
/// while planning (a bad `--filter`) is the user's input, not an outage.
pub fn of_error(e: &anyhow::Error) -> ExitStatus {
    let bad_read = |c: &(dyn std::error::Error + 'static)| {
        c.downcast_ref::<crate::lookup::ResolveError>()
            .is_some_and(crate::lookup::ResolveError::is_bad_request)
    };
    // A saved plan given where a run's journal is expected.
    let not_a_run = |c: &(dyn std::error::Error + 'static)| {
        matches!(
            c.downcast_ref::<crate::journal::reader::JournalError>(),
            Some(crate::journal::reader::JournalError::SavedPlan { .. })
        )
    };
    if e.chain()
        .any(|c| c.is::<UsageError>() || bad_read(c) || not_a_run(c))
    {
        ExitStatus::Usage
    } else {
        ExitStatus::Setup
    }
}

/// Prints an error with its causes on one line (`{:#}`); no error carries a secret.
pub fn report(e: &anyhow::Error) {
    use std::io::Write;
    let text = format!("{e:#}");
    let text = crate::ui::text::redact(&text);
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "mdetag: error: {}", crate::ui::text::display(&text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_anywhere_in_the_chain_are_exit_2() {
        let e = anyhow::Error::new(UsageError("--rate-limit: bad".into())).context("settings");
        assert_eq!(of_error(&e), ExitStatus::Usage);
        assert_eq!(of_error(&anyhow::anyhow!("no network")), ExitStatus::Setup);
        assert_eq!(ExitStatus::Signal(Signal::Interrupt).code(), 130);
    }

    #[test]
    fn a_run_over_many_tenants_exits_as_spec_says() {
        use ExitStatus::*;
        use TenantEnd::*;
        assert_eq!(of_tenants(&[Ran(Ok), Ran(Ok)]), Ok);
        assert_eq!(of_tenants(&[Ran(Ok), Ran(Failures)]), Failures);
        assert_eq!(of_tenants(&[Ran(Ok), CouldNotRun(Setup)]), Failures);
        assert_eq!(of_tenants(&[CouldNotRun(Setup), CouldNotRun(Usage)]), Setup);
        assert_eq!(of_tenants(&[CouldNotRun(Usage), CouldNotRun(Usage)]), Usage);
        assert_eq!(of_tenants(&[Ran(Pending), Ran(Ok)]), Pending);
        assert_eq!(
            of_tenants(&[Ran(Failures), Ran(Signal(super::Signal::Terminate))]),
            Signal(super::Signal::Terminate)
        );
    }
}
