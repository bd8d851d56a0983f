//! The inverse of a run: what puts back what its succeeded operations changed.

use super::reader::{OpState, RunLog};
use super::replay::Replay;
use crate::model::{Change, DeviceValue, Operation, Origin, Status, Tag, TagAction};

/// What undoing a run takes.
pub struct Inverse {
    /// The operations that restore the machines, each with where it comes from and the
    /// change the run made (which must still show for the inverse to be sent).
    pub ops: Vec<(Operation, Origin, Change)>,
    /// Operations of the run that succeeded.
    pub succeeded: usize,
    /// Succeeded operations whose machine's prior state the run did not record.
    pub inexact: usize,
    /// Of those, device values: with no prior value there is nothing to go back to.
    pub no_prior_value: usize,
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
    for (i, p) in replay.plan.ops.iter().enumerate() {
        let OpState::Done(o) = &log.state[i] else {
            continue;
        };
        if o.status != Status::Succeeded {
            continue;
        }
        out.succeeded += 1;
        let Some(id) = p.op.machine.id() else {
            continue;
        };
        let prior = log.prior.get(&id.to_string());
        let origin = Origin::new(format!("undo of {} ({})", log.header.run_id, p.origin), 0);
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
            out.ops.push((
                Operation {
                    machine: p.op.machine.clone(),
                    change,
                },
                origin,
                p.op.change.clone(),
            ));
        }
    }
    out
}
