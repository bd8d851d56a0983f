//! `tag rename OLD NEW`: on each machine, NEW in place of every spelling of OLD it carries.

use super::PlanBuilder;
use super::tag_set::Target;
use crate::model::text::excerpt;
use crate::model::{Change, MachineRef, Operation, Reason, Settled, Tag, TagAction, first_of_each};

/// Every spelling of `old` a machine carries is removed, and `new` added, with these rows:
/// - a machine with no spelling of `old`: one `remove OLD` row, `skipped` `unchanged`;
/// - a rename to another tag: `add NEW` (`skipped` `unchanged` when the machine has NEW in some
///   spelling already: it keeps that), then `remove` of each spelling of OLD. The add goes
///   first, so a run stopped half-way leaves machines with both tags, never with neither;
/// - a case-only rename (`finance` → `Finance`): `remove` of each spelling other than NEW's,
///   then `add NEW`; a machine whose only spelling is NEW's is `skipped` `unchanged`. The API
///   treats the spellings as one tag, so the removals must settle before the add goes out: the
///   executor sends them in that order (`plan::phases`), and the builder takes the pair as a
///   re-spelling, not a conflict.
pub fn plan(b: &mut PlanBuilder, targets: &[Target], old: &Tag, new: &Tag) {
    let case_only = old == new;
    for t in targets {
        let op = |action, tag: Tag| Operation {
            machine: MachineRef::Id(t.machine),
            change: Change::Tag(action, tag),
        };
        let origin = || t.origin.clone();
        let spellings: Vec<&str> = first_of_each(
            t.current
                .iter()
                .map(String::as_str)
                .filter(|c| old.is(c))
                .collect::<Vec<_>>(),
            |s| *s,
        );
        if spellings.is_empty() {
            b.push_settled(
                op(TagAction::Remove, old.clone()),
                origin(),
                Settled::skipped(
                    Reason::Unchanged,
                    format!(
                        "the machine has no tag '{}' in any case: nothing to rename",
                        excerpt(old.as_str())
                    ),
                ),
            );
            continue;
        }
        let add = op(TagAction::Add, new.clone());
        if case_only {
            let respelled: Vec<&str> = spellings
                .into_iter()
                .filter(|s| *s != new.as_str())
                .collect();
            if respelled.is_empty() {
                b.push_settled(
                    add,
                    origin(),
                    Settled::skipped(
                        Reason::Unchanged,
                        "the machine already has this tag, spelled so",
                    ),
                );
                continue;
            }
            for s in respelled {
                let tag = b.existing_tag(s);
                b.push_respelled(op(TagAction::Remove, tag), origin());
            }
            b.push_respelled(add, origin());
            continue;
        }
        if t.current.iter().any(|c| new.is(c)) {
            b.push_settled(
                add,
                origin(),
                Settled::skipped(Reason::Unchanged, "the machine already has this tag"),
            );
        } else {
            b.push_respelled(add, origin());
        }
        for s in spellings {
            let tag = b.existing_tag(s);
            b.push_respelled(op(TagAction::Remove, tag), origin());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MachineId, Origin};
    use crate::plan::{CallCounts, Plan, phases};

    fn id(n: usize) -> MachineId {
        MachineId::parse(&format!("{n:040x}")).unwrap()
    }

    fn rename(current: &[&[&str]], old: &str, new: &str) -> Plan {
        let mut b = PlanBuilder::resolved();
        let (old, new) = (b.tag(old).unwrap(), b.tag(new).unwrap());
        let targets: Vec<Target> = current
            .iter()
            .enumerate()
            .map(|(i, tags)| Target {
                machine: id(i),
                current: tags.iter().map(|t| t.to_string()).collect(),
                origin: Origin::new("--tag 'x'", 0),
            })
            .collect();
        plan(&mut b, &targets, &old, &new);
        b.finish().unwrap()
    }

    /// Each machine's rows: "add NEW" or "remove OLD", and the reason of a settled one.
    fn rows(plan: &Plan) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        for p in &plan.ops {
            let machine = (0..)
                .find(|&i| p.op.machine == MachineRef::Id(id(i)))
                .unwrap();
            if out.len() <= machine {
                out.resize(machine + 1, Vec::new());
            }
            let settled = p
                .settled
                .as_ref()
                .map(|s| format!(" ({})", s.error.code.as_str()))
                .unwrap_or_default();
            out[machine].push(format!("{}{settled}", p.op.change));
        }
        out
    }

    #[test]
    fn a_rename_adds_new_and_removes_every_spelling_of_old() {
        let plan = rename(
            &[
                &["finance", "VIP"],
                &["FINANCE", "finance"],
                &["Ledger", "finance"],
                &["VIP"],
            ],
            "Finance",
            "Ledger",
        );
        assert_eq!(
            rows(&plan),
            [
                vec!["add Ledger", "remove finance"],
                vec!["add Ledger", "remove FINANCE", "remove finance"],
                vec!["add Ledger (unchanged)", "remove finance"],
                vec!["remove Finance (unchanged)"],
            ]
        );
        // Batches by spelling: one add, one removal per spelling; nothing waits.
        let calls = plan.calls(true);
        assert_eq!(CallCounts::of(&calls).total(), 3, "{calls:?}");
        assert_eq!(phases(calls).len(), 1);
    }

    #[test]
    fn a_case_only_rename_removes_the_other_spellings_then_adds() {
        let plan = rename(
            &[
                &["finance"],
                &["FINANCE", "VIP"],
                &["Finance"],
                &["finance", "Finance"],
            ],
            "finance",
            "Finance",
        );
        assert_eq!(
            rows(&plan),
            [
                vec!["remove finance", "add Finance"],
                vec!["remove FINANCE", "add Finance"],
                vec!["add Finance (unchanged)"],
                vec!["remove finance", "add Finance"],
            ]
        );
        // The builder took the pairs as re-spellings, not conflicts.
        assert!(
            plan.ops
                .iter()
                .all(|p| p.settled.is_none() || p.op.machine == MachineRef::Id(id(2)))
        );
        // Removals in a first phase, the add in a second.
        let phases = phases(plan.calls(true));
        let actions: Vec<Vec<String>> = phases
            .iter()
            .map(|p| {
                p.iter()
                    .map(|c| match c {
                        crate::plan::Call::Batch { action, tag, .. } => {
                            format!("{} {tag}", action.as_api())
                        }
                        crate::plan::Call::Single { change, .. } => change.to_string(),
                        other => panic!("{other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            actions,
            [
                vec!["Remove finance", "remove FINANCE"],
                vec!["Add Finance"]
            ]
        );
    }

    #[test]
    fn renaming_a_tag_to_its_own_spelling_makes_every_spelling_that_one() {
        let plan = rename(&[&["FINANCE"], &["Finance"]], "Finance", "Finance");
        assert_eq!(
            rows(&plan),
            [
                vec!["remove FINANCE", "add Finance"],
                vec!["add Finance (unchanged)"],
            ]
        );
    }
}
