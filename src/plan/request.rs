//! What a command asks for, before the reads: operations known from the input, changes to make
//! on every machine a picker finds, or `tag set`'s desired tags. `expand` turns it and what the
//! reads found into the final plan.

use super::resolve::{ids_in, names_in};
use super::tag_set::{self, Target};
use super::{Needs, OnDuplicate, Picker, Plan, PlanBuilder, Resolution};
use crate::model::{
    Change, MachineId, MachineRef, Operation, Origin, Settled, Tag, TagAction, first_of_each,
};

pub enum Request {
    /// Operations known up front (IDs, names) plus `templates` applied to every picked machine.
    Ops {
        plan: Plan,
        pickers: Vec<Picker>,
        templates: Vec<Change>,
    },
    /// `tag set`: make these machines' tags exactly `desired`.
    TagSet {
        refs: Vec<(MachineRef, Origin)>,
        pickers: Vec<Picker>,
        desired: Vec<Tag>,
    },
}

/// How the plan is completed.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub on_duplicate: OnDuplicate,
    pub skip_unchanged: bool,
    pub batching: bool,
}

impl Request {
    /// What must be read first.
    pub fn needs(&self, skip_unchanged: bool) -> Needs {
        match self {
            Request::Ops { plan, pickers, .. } => {
                let live = || {
                    plan.ops
                        .iter()
                        .filter(|p| p.settled.is_none())
                        .map(|p| &p.op.machine)
                };
                Needs {
                    names: names_in(live()),
                    state_of: if skip_unchanged {
                        ids_in(live())
                    } else {
                        Vec::new()
                    },
                    pickers: pickers.clone(),
                }
            }
            Request::TagSet { refs, pickers, .. } => Needs {
                names: names_in(refs.iter().map(|r| &r.0)),
                state_of: ids_in(refs.iter().map(|r| &r.0)),
                pickers: pickers.clone(),
            },
        }
    }

    /// The final plan: names resolved, picked machines added, no-ops settled.
    pub fn expand(self, res: &Resolution, options: Options) -> Plan {
        let policy = options.on_duplicate;
        let mut b = PlanBuilder::resolved();
        match self {
            Request::Ops {
                plan, templates, ..
            } => {
                let named = plan
                    .ops
                    .iter()
                    .any(|p| matches!(p.op.machine, MachineRef::Name(_)));
                if !named && res.picked.is_empty() {
                    // Nothing was resolved: the plan read from the input is already final.
                    let mut plan = plan;
                    if options.skip_unchanged {
                        settle_unchanged(&mut plan, res);
                    }
                    return plan;
                }
                b.reserve(plan.ops.len());
                for p in plan.ops {
                    match (&p.op.machine, p.settled) {
                        (_, Some(settled)) => b.push_settled(p.op, p.origin, settled),
                        (MachineRef::Id(_), None) => b.push(p.op, p.origin),
                        (MachineRef::Name(name), None) => match res.choose(name, policy) {
                            Ok(ids) => {
                                for id in ids {
                                    b.push(
                                        Operation {
                                            machine: MachineRef::Id(id),
                                            change: p.op.change.clone(),
                                        },
                                        p.origin.clone(),
                                    );
                                }
                            }
                            Err(settled) => b.push_settled(p.op, p.origin, settled),
                        },
                    }
                }
                for (origin, ids) in &res.picked {
                    for id in ids {
                        for change in &templates {
                            b.push(
                                Operation {
                                    machine: MachineRef::Id(*id),
                                    change: change.clone(),
                                },
                                origin.clone(),
                            );
                        }
                    }
                }
                let mut plan = b
                    .finish()
                    .expect("a resolved builder settles conflicts instead of failing");
                if options.skip_unchanged {
                    settle_unchanged(&mut plan, res);
                }
                plan
            }
            Request::TagSet { refs, desired, .. } => {
                let mut picked: Vec<(MachineId, &Origin)> = Vec::new();
                for (r, origin) in &refs {
                    match res.machines_for(r, policy) {
                        Ok(ids) => picked.extend(ids.into_iter().map(|id| (id, origin))),
                        Err(settled) => b.push_settled(
                            tag_set_row(r.clone(), &desired),
                            origin.clone(),
                            settled,
                        ),
                    }
                }
                for (origin, ids) in &res.picked {
                    picked.extend(ids.iter().map(|id| (*id, origin)));
                }
                let targets: Vec<Target> = first_of_each(picked, |(id, _)| *id)
                    .into_iter()
                    .filter_map(|(id, origin)| {
                        res.machines.get(&id).map(|m| Target {
                            machine: id,
                            current: m.tags.clone(),
                            origin: origin.clone(),
                        })
                    })
                    .collect();
                tag_set::plan(&mut b, &targets, &desired, options.batching);
                b.finish()
                    .expect("a resolved builder settles conflicts instead of failing")
            }
        }
    }

    /// The plan of a run interrupted before its reads finished: every operation it knows of,
    /// none sent.
    pub fn interrupted(self) -> Plan {
        let mut b = PlanBuilder::resolved();
        match self {
            Request::Ops { plan, .. } => {
                for p in plan.ops {
                    let settled = p.settled.unwrap_or_else(Settled::interrupted);
                    b.push_settled(p.op, p.origin, settled);
                }
            }
            Request::TagSet { refs, desired, .. } => {
                for (r, origin) in refs {
                    b.push_settled(tag_set_row(r, &desired), origin, Settled::interrupted());
                }
            }
        }
        b.finish().expect("settled rows cannot conflict")
    }
}

/// The one row of a `tag set` target that cannot be planned (not found, not read).
fn tag_set_row(machine: MachineRef, desired: &[Tag]) -> Operation {
    let change = match desired.first() {
        Some(first) => Change::Tag(TagAction::Add, first.clone()),
        None => Change::Tag(TagAction::Remove, tag_set::all_tags()),
    };
    Operation { machine, change }
}

/// `--skip-unchanged`: operations the machine's current state already satisfies.
fn settle_unchanged(plan: &mut Plan, res: &Resolution) {
    for p in plan.ops.iter_mut().filter(|p| p.settled.is_none()) {
        let Some(m) = p.op.machine.id().and_then(|id| res.machines.get(&id)) else {
            continue;
        };
        if p.op.change.shown_by(m) {
            let why = match p.op.change {
                Change::Tag(TagAction::Add, _) => "the machine already has this tag",
                Change::Tag(TagAction::Remove, _) => "the machine does not have this tag",
                Change::SetValue(_) => "the device value is already this",
            };
            p.settled = Some(Settled::skipped("unchanged", why));
        }
    }
}
