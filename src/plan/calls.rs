//! From the plan to the calls that carry it out, and how many of each kind there are.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::Plan;
use super::call::{Call, MAX_BATCH};
use crate::model::{Change, MachineId, Tag, TagAction};

impl Plan {
    /// Groups what must be sent into calls: add/remove operations sharing a tag (as spelled)
    /// and an action go out in batches of up to 500 (unless `batching` is off), device values
    /// and the rest one machine at a time, `tag set` replacements as one PATCH per machine.
    pub fn calls(&self, batching: bool) -> Vec<Call> {
        self.calls_where(batching, |i| self.ops[i].settled.is_none())
    }

    /// The calls for the operations `include` picks (a resumed run's pending ones).
    pub fn calls_where(&self, batching: bool, include: impl Fn(usize) -> bool) -> Vec<Call> {
        let mut calls = Vec::new();
        // foldhash: a million look-ups by a short tag, hashed with SipHash, were a tenth of the
        // dry run; foldhash's seeds are still random per process.
        let mut groups: HashMap<(TagAction, &str), usize, foldhash::fast::RandomState> =
            HashMap::default();
        // One group of operations per tag (as spelled) and action, in the order first seen.
        struct Group {
            action: TagAction,
            tag: Tag,
            ops: Vec<(usize, MachineId)>,
        }
        let mut batches: Vec<Group> = Vec::new();
        let mut replaces: HashMap<u32, usize> = HashMap::new();
        for (i, p) in self.ops.iter().enumerate() {
            let (true, Some(machine)) = (include(i), p.op.machine.id()) else {
                continue;
            };
            if let Some(r) = p.replacement {
                match replaces.entry(r) {
                    Entry::Occupied(e) => {
                        if let Call::Replace { ops, .. } = &mut calls[*e.get()] {
                            ops.push(i);
                        }
                    }
                    Entry::Vacant(e) => {
                        e.insert(calls.len());
                        let r = &self.replacements[r as usize];
                        calls.push(Call::Replace {
                            machine: r.machine,
                            tags: r.tags.clone(),
                            ops: vec![i],
                        });
                    }
                }
                continue;
            }
            match &p.op.change {
                Change::Tag(action, tag) if batching => {
                    let slot = *groups.entry((*action, tag.as_str())).or_insert_with(|| {
                        batches.push(Group {
                            action: *action,
                            tag: tag.clone(),
                            ops: Vec::new(),
                        });
                        batches.len() - 1
                    });
                    batches[slot].ops.push((i, machine));
                }
                change => calls.push(Call::Single {
                    op: i,
                    machine,
                    change: change.clone(),
                }),
            }
        }
        for Group { action, tag, ops } in batches {
            for chunk in ops.chunks(MAX_BATCH) {
                // A batch of one costs what the per-machine call costs; that one's errors are
                // clearer.
                match chunk {
                    [(op, machine)] => calls.push(Call::Single {
                        op: *op,
                        machine: *machine,
                        change: Change::Tag(action, tag.clone()),
                    }),
                    _ => calls.push(Call::Batch {
                        action,
                        tag: tag.clone(),
                        ops: chunk.to_vec(),
                    }),
                }
            }
        }
        calls
    }
}

/// How many calls of each kind a plan needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallCounts {
    pub batch: u64,
    pub per_machine_tag: u64,
    pub device_value: u64,
    pub replace: u64,
}

impl CallCounts {
    pub fn of(calls: &[Call]) -> CallCounts {
        let mut c = CallCounts::default();
        for call in calls {
            match call {
                Call::Batch { .. } => c.batch += 1,
                Call::Replace { .. } => c.replace += 1,
                Call::Single {
                    change: Change::SetValue(_),
                    ..
                } => c.device_value += 1,
                Call::Single { .. } => c.per_machine_tag += 1,
            }
        }
        c
    }

    pub fn total(&self) -> u64 {
        self.batch + self.per_machine_tag + self.device_value + self.replace
    }

    /// "20 batch tag calls, 3 device-value calls", naming only the kinds used.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.batch, "batch tag (≤500 machines)"),
            (self.per_machine_tag, "per-machine tag"),
            (self.replace, "PATCH machineTags"),
            (self.device_value, "device value"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "no write calls".into()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, MachineRef, Operation, Origin};
    use crate::plan::PlanBuilder;

    fn id(n: usize) -> MachineId {
        MachineId::parse(&format!("{n:040x}")).unwrap()
    }

    fn origin(line: u64) -> Origin {
        Origin::new("t.csv", line)
    }

    fn tagging(n: usize, action: TagAction, tag: &str) -> Plan {
        let mut b = PlanBuilder::default();
        let change = b.change(Action::Tag(action), tag).unwrap();
        for i in 0..n {
            b.push(
                Operation {
                    machine: MachineRef::Id(id(i)),
                    change: change.clone(),
                },
                origin(i as u64 + 2),
            );
        }
        b.finish().unwrap()
    }

    #[test]
    fn shared_tag_operations_batch_by_500() {
        let plan = tagging(1002, TagAction::Add, "x");
        let calls = plan.calls(true);
        let sizes: Vec<usize> = calls
            .iter()
            .map(|c| match c {
                Call::Batch { ops, .. } => ops.len(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(sizes, [500, 500, 2]);
        assert_eq!(
            CallCounts::of(&calls).describe(),
            "3 batch tag (≤500 machines)"
        );
        // A lone leftover goes out as the per-machine call.
        let calls = tagging(501, TagAction::Remove, "x").calls(true);
        assert!(
            matches!(
                calls[..],
                [Call::Batch { .. }, Call::Single { op: 500, .. }]
            ),
            "{calls:?}"
        );
        assert_eq!(plan.calls(false).len(), 1002);
        assert!(
            plan.calls(false)
                .iter()
                .all(|c| matches!(c, Call::Single { .. }))
        );
    }

    #[test]
    fn device_values_settled_ops_and_unresolved_names_are_not_batched() {
        let mut b = PlanBuilder::default();
        let high = b.change(Action::SetValue, "High").unwrap();
        let x = b.change(Action::Tag(TagAction::Add), "x").unwrap();
        let ops = [
            (MachineRef::Id(id(1)), high),
            (MachineRef::Id(id(1)), x.clone()),
            (MachineRef::Id(id(2)), x.clone()),
            (MachineRef::Id(id(2)), x.clone()),
            (MachineRef::Name("ghost".into()), x),
        ];
        for (line, (machine, change)) in ops.into_iter().enumerate() {
            b.push(Operation { machine, change }, origin(line as u64 + 2));
        }
        let plan = b.finish().unwrap();
        let calls = plan.calls(true);
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert!(matches!(calls[0], Call::Single { op: 0, .. }));
        assert_eq!(calls[1].ops(), vec![1, 2]);
        let counts = CallCounts::of(&calls);
        assert_eq!(
            (counts.batch, counts.device_value, counts.total()),
            (1, 1, 2)
        );
    }

    #[test]
    fn batches_keep_each_spelling_as_sent() {
        let mut b = PlanBuilder::default();
        for (i, t) in ["Finance", "finance", "Finance"].iter().enumerate() {
            let change = b.change(Action::Tag(TagAction::Add), t).unwrap();
            b.push(
                Operation {
                    machine: MachineRef::Id(id(i)),
                    change,
                },
                origin(i as u64 + 2),
            );
        }
        let calls = b.finish().unwrap().calls(true);
        assert_eq!(calls.len(), 2, "{calls:?}");
    }
}
