//! `tag set`: make each machine's tags exactly the desired ones with the fewest calls.

use std::collections::HashMap;

use super::call::MAX_BATCH;
use super::{PlanBuilder, Replacement};
use crate::model::Reason;
use crate::model::{Change, MachineId, MachineRef, Operation, Origin, Settled, Tag, TagAction};

/// One machine's current tags, read from the API.
pub struct Target {
    pub machine: MachineId,
    pub current: Vec<String>,
    pub origin: Origin,
}

/// Every difference is an add or remove operation (each machine keeps its own rows; tags it
/// already has, in any case, are `skipped`, `unchanged`). A machine's differences go out either
/// in the shared batch calls or as one PATCH of its whole tag set, whichever costs fewer calls:
/// a difference that no other machine shares costs a batch call of its own, so a machine with
/// two or more of those is cheaper to PATCH. An empty `desired` is never PATCHed (the API
/// refuses an empty `machineTags`); it is reached by removals.
pub fn plan(b: &mut PlanBuilder, targets: &[Target], desired: &[Tag], batching: bool) {
    struct Diff {
        adds: Vec<Tag>,
        removes: Vec<Tag>,
    }
    let diffs: Vec<Diff> = targets
        .iter()
        .map(|t| Diff {
            adds: desired
                .iter()
                .filter(|d| !t.current.iter().any(|c| d.is(c)))
                .cloned()
                .collect(),
            removes: t
                .current
                .iter()
                .filter(|c| !desired.iter().any(|d| d.is(c)))
                .map(|c| b.existing_tag(c))
                .collect(),
        })
        .collect();
    let keys = |d: &Diff| -> Vec<(TagAction, Tag)> {
        d.adds
            .iter()
            .map(|v| (TagAction::Add, v.clone()))
            .chain(d.removes.iter().map(|v| (TagAction::Remove, v.clone())))
            .collect()
    };
    // Batches group by the tag as spelled, so sharing is counted the same way.
    let spelled = |(a, t): &(TagAction, Tag)| (*a, t.as_str().to_string());
    let mut shared: HashMap<(TagAction, String), usize> = HashMap::new();
    for d in &diffs {
        for k in keys(d) {
            *shared.entry(spelled(&k)).or_default() += 1;
        }
    }
    for (t, d) in targets.iter().zip(&diffs) {
        let op = |change: Change| Operation {
            machine: MachineRef::Id(t.machine),
            change,
        };
        for v in desired.iter().filter(|v| !d.adds.contains(v)) {
            b.push_settled(
                op(Change::Tag(TagAction::Add, v.clone())),
                t.origin.clone(),
                Settled::skipped(Reason::Unchanged, "the machine already has this tag"),
            );
        }
        let my_keys = keys(d);
        if my_keys.is_empty() {
            if desired.is_empty() {
                b.push_settled(
                    op(Change::Tag(TagAction::Remove, all_tags())),
                    t.origin.clone(),
                    Settled::skipped(Reason::Unchanged, "the machine has no tags"),
                );
            }
            continue;
        }
        // Calls this machine alone makes in the batched plan: its differences nobody else shares
        // (more precisely, that would open a new 500-machine chunk).
        let alone = if batching {
            my_keys
                .iter()
                .filter(|k| shared[&spelled(k)] % MAX_BATCH == 1)
                .count()
        } else {
            my_keys.len()
        };
        let patch = !desired.is_empty() && alone > 1;
        // The whole new set keeps each tag the machine already has in its own spelling: a
        // difference of case is no change.
        let replacement = || Replacement {
            machine: t.machine,
            tags: desired
                .iter()
                .map(|d| match t.current.iter().find(|c| d.is(c)) {
                    Some(c) => Tag::existing(c),
                    None => d.clone(),
                })
                .collect(),
        };
        for key in my_keys {
            if patch {
                *shared.get_mut(&spelled(&key)).expect("counted") -= 1;
                b.push_replaced(
                    op(Change::Tag(key.0, key.1)),
                    t.origin.clone(),
                    replacement(),
                );
            } else {
                b.push(op(Change::Tag(key.0, key.1)), t.origin.clone());
            }
        }
    }
}

/// The row of `tag set --none` on a machine with no tags, or one that could not be read.
pub fn all_tags() -> Tag {
    Tag::existing("(all tags)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Call;
    use crate::plan::{CallCounts, Plan};

    fn id(n: usize) -> MachineId {
        MachineId::parse(&format!("{n:040x}")).unwrap()
    }

    fn tag_set(current: &[&[&str]], desired: &[&str], batching: bool) -> (Plan, Vec<Call>) {
        let mut b = PlanBuilder::default();
        let desired: Vec<Tag> = desired.iter().map(|d| b.tag(d).unwrap()).collect();
        let targets: Vec<Target> = current
            .iter()
            .enumerate()
            .map(|(i, tags)| Target {
                machine: id(i),
                current: tags.iter().map(|t| t.to_string()).collect(),
                origin: Origin::new("--machine", 0),
            })
            .collect();
        plan(&mut b, &targets, &desired, batching);
        let plan = b.finish().unwrap();
        let calls = plan.calls(batching);
        (plan, calls)
    }

    fn unchanged(plan: &Plan) -> usize {
        plan.ops
            .iter()
            .filter(|p| {
                p.settled
                    .as_ref()
                    .is_some_and(|s| s.error.code.is(Reason::Unchanged))
            })
            .count()
    }

    #[test]
    fn tag_set_batches_shared_differences() {
        // Three machines lacking "A" or carrying "old": one batch call for each difference.
        let (plan, calls) = tag_set(&[&["old"], &["old"], &["old", "A"], &[]], &["A"], true);
        assert_eq!(
            CallCounts::of(&calls).describe(),
            "2 batch tag (≤500 machines)"
        );
        assert_eq!(unchanged(&plan), 1);
    }

    #[test]
    fn a_difference_of_case_is_no_difference() {
        let (plan, calls) = tag_set(&[&["Finance", "Old"]], &["finance", "New"], true);
        let rows: Vec<String> = plan.ops.iter().map(|p| p.op.change.to_string()).collect();
        assert_eq!(rows, ["add finance", "add New", "remove Old"], "{rows:?}");
        assert_eq!(unchanged(&plan), 1);
        assert_eq!(CallCounts::of(&calls).total(), 1, "one PATCH: {calls:?}");
        let kept: Vec<&str> = plan.replacements[0].tags.iter().map(Tag::as_str).collect();
        assert_eq!(kept, ["Finance", "New"], "the machine's own spelling stays");
    }

    #[test]
    fn tag_set_patches_a_machine_whose_differences_are_its_own() {
        // Machine 2 has two tags nobody else has: one PATCH beats two calls of its own.
        let (plan, calls) = tag_set(&[&["old"], &["old"], &["old", "u1", "u2"]], &["A"], true);
        let counts = CallCounts::of(&calls);
        assert_eq!((counts.batch, counts.replace), (2, 1), "{calls:?}");
        assert_eq!(plan.replacements.len(), 1);
        assert_eq!(plan.replacements[0].machine, id(2));
        assert_eq!(plan.replacements[0].tags[0].as_str(), "A");
        // Every difference of machine 2 is still its own row.
        let rows = plan
            .ops
            .iter()
            .filter(|p| p.op.machine == MachineRef::Id(id(2)))
            .count();
        assert_eq!(rows, 4);
        // Without batching, a PATCH replaces any two or more calls.
        let (_, calls) = tag_set(&[&["old"], &["old", "u1", "u2"]], &["A"], false);
        let counts = CallCounts::of(&calls);
        assert_eq!((counts.per_machine_tag, counts.replace), (0, 2));
    }

    #[test]
    fn tag_set_to_nothing_removes_and_never_patches_an_empty_set() {
        let (plan, calls) = tag_set(&[&["a", "b"], &["a"], &[]], &[], true);
        assert!(plan.replacements.is_empty());
        let counts = CallCounts::of(&calls);
        assert_eq!(
            (counts.batch, counts.per_machine_tag, counts.replace),
            (1, 1, 0)
        );
        assert_eq!(
            unchanged(&plan),
            1,
            "the machine with no tags still gets its row"
        );
    }
}
