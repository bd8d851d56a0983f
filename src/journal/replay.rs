//! A journal read back into a plan: what `resume` continues, `runs show` reports and `undo`
//! inverts.

use super::reader::{JournalError, OpState, RunLog};
use crate::model::Reason;
use crate::model::{
    Action, Change, DeviceValue, MachineRef, Operation, Origin, Outcome, Settled, Status, Tag,
};
use crate::plan::{Plan, PlannedOp};

/// The plan of a run and where each of its operations stands.
pub struct Replay {
    /// Every operation, none marked settled (their outcomes are in `done`).
    pub plan: Plan,
    /// Operations whose outcome is known.
    pub done: Vec<Outcome>,
    /// Sent, with no answer recorded: may or may not have been applied.
    pub uncertain: Vec<usize>,
    /// Never sent.
    pub pending: Vec<usize>,
}

impl Replay {
    /// Every operation's outcome for a report: the known ones, and what the others are now.
    pub fn outcomes(&self) -> Vec<Outcome> {
        let mut all = self.done.clone();
        all.extend(self.uncertain.iter().map(|&i| Outcome {
            index: i,
            status: Status::Failed,
            http_status: None,
            attempts: 1,
            error: Some(crate::model::ErrorInfo::new(
                Reason::NoResponse,
                "sent; no answer was recorded (the run stopped); `mdetag resume` checks it",
            )),
            name: None,
        }));
        all.extend(self.pending.iter().map(|&i| {
            Outcome::settled(
                i,
                0,
                &Settled::skipped(
                    Reason::Interrupted,
                    "not sent: the run stopped first; `mdetag resume` sends it",
                ),
            )
        }));
        all
    }
}

pub fn replay(log: &RunLog) -> Result<Replay, JournalError> {
    let damaged = |i: usize, reason: String| JournalError::Damaged {
        path: log.path.display().to_string(),
        line: 0,
        reason: format!("operation {i}: {reason}"),
    };
    let mut plan = Plan::default();
    let (mut done, mut uncertain, mut pending) = (Vec::new(), Vec::new(), Vec::new());
    for (i, op) in log.ops.iter().enumerate() {
        let machine = MachineRef::parse(&op.machine).map_err(|e| damaged(i, e.0))?;
        let change = match Action::parse(&op.action).map_err(|e| damaged(i, e.0))? {
            // The journal's own record: kept exactly as it was sent.
            Action::Tag(a) => Change::Tag(a, Tag::existing(&op.value)),
            Action::SetValue => {
                Change::SetValue(DeviceValue::parse(&op.value).map_err(|e| damaged(i, e.0))?)
            }
        };
        if let (Some(id), Some(name)) = (machine.id(), &op.name) {
            plan.names.insert(id, name.as_str().into());
        }
        plan.ops.push(PlannedOp {
            op: Operation { machine, change },
            origin: Origin::new(op.origin.as_str(), 0),
            settled: None,
            replacement: None,
        });
        match &log.state[i] {
            state if state.uncertain() => uncertain.push(i),
            // Skipped because the run stopped (a signal, the breaker, a refused credential):
            // never applied, so still to do.
            OpState::Done(o) if stopped_first(o) => pending.push(i),
            OpState::Done(o) => done.push(o.clone()),
            OpState::Pending => pending.push(i),
            OpState::Sent => unreachable!("sent is uncertain"),
        }
    }
    Ok(Replay {
        plan,
        done,
        uncertain,
        pending,
    })
}

/// An outcome that says only that the run stopped before the operation was sent.
fn stopped_first(o: &Outcome) -> bool {
    o.status == Status::Skipped && o.reason().is_some_and(Reason::stopped_first)
}
