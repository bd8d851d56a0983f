//! The order calls may go out in. The API treats tags that differ only in case as one tag:
//! adding `Finance` to a machine that still carries `finance` changes nothing, and removing
//! `finance` afterwards leaves the machine with neither. So a removal and an addition of one tag
//! (in any spellings) never run side by side: every call that adds a tag some call of the run
//! removes waits until all the other calls have settled. That is what makes a case-only
//! `tag rename finance Finance` (remove, then add) come out right, and the undo of one; for
//! calls on different machines it costs a little parallelism and changes nothing else.

use std::collections::HashSet;

use super::Call;
use crate::model::{Change, Tag, TagAction};

/// The calls in phases: each phase goes out (with as much concurrency as the run allows) only
/// after every call of the phase before it has settled. In the usual case (no tag is both added
/// and removed) there is one phase, the calls as they are.
pub fn phases(calls: Vec<Call>) -> Vec<Vec<Call>> {
    // Tags compare (and hash) by their case-insensitive key.
    let removed: HashSet<Tag> = calls
        .iter()
        .filter_map(|c| match tag_of(c) {
            Some((TagAction::Remove, t)) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let waits = |c: &Call| matches!(tag_of(c), Some((TagAction::Add, t)) if removed.contains(t));
    if removed.is_empty() || !calls.iter().any(waits) {
        return vec![calls];
    }
    let (later, first): (Vec<Call>, Vec<Call>) = calls.into_iter().partition(waits);
    vec![first, later]
}

/// The tag a call adds or removes, if it is an add or remove call.
fn tag_of(call: &Call) -> Option<(TagAction, &Tag)> {
    match call {
        Call::Single {
            change: Change::Tag(action, tag),
            ..
        } => Some((*action, tag)),
        Call::Batch { action, tag, .. } => Some((*action, tag)),
        Call::Single { .. } | Call::Replace { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DeviceValue, MachineId};

    fn id(n: usize) -> MachineId {
        MachineId::parse(&format!("{n:040x}")).unwrap()
    }

    fn batch(action: TagAction, tag: &str, first_op: usize) -> Call {
        Call::Batch {
            action,
            tag: Tag::parse(tag).unwrap(),
            ops: vec![(first_op, id(first_op)), (first_op + 1, id(first_op + 1))],
        }
    }

    fn single(action: TagAction, tag: &str, op: usize) -> Call {
        Call::Single {
            op,
            machine: id(op),
            change: Change::Tag(action, Tag::parse(tag).unwrap()),
        }
    }

    fn ops(phases: &[Vec<Call>]) -> Vec<Vec<usize>> {
        phases
            .iter()
            .map(|p| p.iter().flat_map(Call::ops).collect())
            .collect()
    }

    #[test]
    fn calls_that_neither_add_a_removed_tag_go_out_together_as_they_are() {
        let calls = vec![
            batch(TagAction::Add, "Finance", 0),
            batch(TagAction::Remove, "Old", 2),
            Call::Single {
                op: 4,
                machine: id(4),
                change: Change::SetValue(DeviceValue::High),
            },
            Call::Replace {
                machine: id(5),
                tags: vec![Tag::parse("x").unwrap()],
                ops: vec![5, 6],
            },
        ];
        let phases = phases(calls.clone());
        assert_eq!(phases, vec![calls]);
    }

    #[test]
    fn adding_a_tag_waits_for_every_removal_of_it_in_any_spelling() {
        // The adds come first in the plan: they still go out after the removals.
        let calls = vec![
            batch(TagAction::Add, "Finance", 0),
            single(TagAction::Add, "Other", 2),
            batch(TagAction::Remove, "finance", 3),
            single(TagAction::Remove, "FINANCE", 5),
            single(TagAction::Add, "Finance", 6),
        ];
        let phases = phases(calls);
        assert_eq!(ops(&phases), vec![vec![2, 3, 4, 5], vec![0, 1, 6]]);
        assert!(phases[1].iter().all(|c| matches!(
            tag_of(c),
            Some((TagAction::Add, t)) if t.as_str() == "Finance"
        )));
    }

    #[test]
    fn nothing_waits_when_no_call_removes_what_is_added() {
        let calls = vec![
            single(TagAction::Remove, "Legacy", 0),
            single(TagAction::Add, "Retired", 1),
        ];
        assert_eq!(phases(calls).len(), 1);
    }
}
