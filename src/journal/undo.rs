//! The inverse of a run: what puts back what its succeeded operations changed.

use super::reader::{OpState, RunLog};
use super::replay::Replay;
use std::collections::{HashMap, HashSet};

use crate::model::{Change, DeviceValue, MachineId, Operation, Origin, Status, Tag, TagAction};

/// What undoing a run takes.
pub struct Inverse {
    /// The operations that restore the machines.
    pub ops: Vec<InverseOp>,
    /// Operations of the run that succeeded.
    pub succeeded: usize,
    /// Succeeded operations whose machine's prior state the run did not record.
    pub inexact: usize,
    /// Of those, device values: with no prior value there is nothing to go back to.
    pub no_prior_value: usize,
}

pub struct InverseOp {
    pub op: Operation,
    /// Where it comes from.
    pub origin: Origin,
    /// The change the run made, which must still show for the inverse to be sent.
    pub made: Change,
    /// One of a pair that puts back a spelling (`tag rename finance Finance` undone: remove
    /// `Finance`, then add `finance`): not a conflict, and not unchanged.
    pub respelled: bool,
}

/// Inverts every succeeded operation of the run: exactly where its machine's prior state was
/// recorded, and, with `force`, blindly where it was not (an add becomes a remove, a remove an
/// add; a device value cannot be guessed and is left).
pub fn inverse(log: &RunLog, replay: &Replay, force: bool) -> Inverse {
    let mut out = Inverse {
        ops: Vec::new(),
        succeeded: 0,
        inexact: 0,
        no_prior_value: 0,
    };
    let succeeded =
        |i: usize| matches!(&log.state[i], OpState::Done(o) if o.status == Status::Succeeded);
    // Each machine's tags the run re-spelled: it removed one spelling and added another of
    // the same tag (a case-only rename), by the spelling it added.
    let mut respelled: HashMap<(MachineId, Tag), Tag> = HashMap::new();
    let removed: HashSet<(MachineId, &str)> = replay
        .plan
        .ops
        .iter()
        .enumerate()
        .filter(|&(i, _)| succeeded(i))
        .filter_map(|(_, p)| match (&p.op.change, p.op.machine.id()) {
            (Change::Tag(TagAction::Remove, t), Some(id)) => Some((id, t.as_str())),
            _ => None,
        })
        .collect();
    for (i, p) in replay.plan.ops.iter().enumerate() {
        if let (Change::Tag(TagAction::Add, t), Some(id)) = (&p.op.change, p.op.machine.id())
            && succeeded(i)
            && let Some(prior) = log.prior.get(&id.to_string())
            && !prior.tags.iter().any(|had| had == t.as_str())
            && prior
                .tags
                .iter()
                .any(|had| t.is(had) && removed.contains(&(id, had.as_str())))
        {
            respelled.insert((id, t.clone()), t.clone());
        }
    }
    for (i, p) in replay.plan.ops.iter().enumerate() {
        if !succeeded(i) {
            continue;
        }
        out.succeeded += 1;
        let Some(id) = p.op.machine.id() else {
            continue;
        };
        let prior = log.prior.get(&id.to_string());
        let origin = Origin::new(format!("undo of {} ({})", log.header.run_id, p.origin), 0);
        // A re-spelling is put back as a pair, each sent while the machine shows the
        // spelling the run added.
        let pair = match &p.op.change {
            Change::Tag(_, tag) => respelled.get(&(id, tag.clone())),
            Change::SetValue(_) => None,
        };
        if let (Some(added), Some(prior)) = (pair, prior) {
            let change = match &p.op.change {
                Change::Tag(TagAction::Add, tag) => {
                    Some(Change::Tag(TagAction::Remove, tag.clone()))
                }
                Change::Tag(TagAction::Remove, tag) => prior
                    .tags
                    .iter()
                    .find(|had| *had == tag.as_str())
                    .map(|had| Change::Tag(TagAction::Add, Tag::existing(had))),
                Change::SetValue(_) => None,
            };
            if let Some(change) = change {
                out.ops.push(InverseOp {
                    op: Operation {
                        machine: p.op.machine.clone(),
                        change,
                    },
                    origin,
                    made: Change::Tag(TagAction::Add, added.clone()),
                    respelled: true,
                });
            }
            continue;
        }
        let change = match (&p.op.change, prior) {
            (Change::Tag(TagAction::Add, tag), Some(prior)) => {
                // An add the machine had before stays.
                (!prior.tags.iter().any(|t| tag.is(t)))
                    .then(|| Change::Tag(TagAction::Remove, tag.clone()))
            }
            (Change::Tag(TagAction::Remove, tag), Some(prior)) => prior
                .tags
                .iter()
                .find(|t| tag.is(t))
                // Back in the spelling the machine had.
                .map(|had| Change::Tag(TagAction::Add, Tag::existing(had))),
            (Change::SetValue(v), Some(prior)) => {
                match prior.value.as_deref().map(DeviceValue::parse) {
                    Some(Ok(before)) => (before != *v).then_some(Change::SetValue(before)),
                    _ => {
                        out.inexact += 1;
                        out.no_prior_value += 1;
                        None
                    }
                }
            }
            (Change::Tag(action, tag), None) => {
                out.inexact += 1;
                let inverse = match action {
                    TagAction::Add => TagAction::Remove,
                    TagAction::Remove => TagAction::Add,
                };
                force.then(|| Change::Tag(inverse, tag.clone()))
            }
            (Change::SetValue(_), None) => {
                out.inexact += 1;
                out.no_prior_value += 1;
                None
            }
        };
        if let Some(change) = change {
            out.ops.push(InverseOp {
                op: Operation {
                    machine: p.op.machine.clone(),
                    change,
                },
                origin,
                made: p.op.change.clone(),
                respelled: false,
            });
        }
    }
    out
}
