//! What a command asks for, before the reads: operations on the machines the lists name,
//! narrowed by the conditions, or changes to make on every machine the conditions pick; or
//! `tag set`'s desired tags. `expand` turns it and what the reads found into the final plan.

use super::needs::{Unmet, ids_in, names_in};
use super::tag_set::{self, Target};
use super::{Conditions, Needs, OnDuplicate, Plan, PlanBuilder, Resolution, rename};
use crate::model::Reason;
use crate::model::{
    Change, MachineId, MachineRef, Operation, Origin, Settled, Tag, TagAction, first_of_each,
};

#[derive(Clone)]
pub enum Request {
    /// Operations on the listed machines (IDs, names), and `templates` to apply to every
    /// machine the conditions pick when no list was given.
    Ops {
        plan: Plan,
        conditions: Conditions,
        lists: bool,
        templates: Vec<Change>,
        /// `undo`: for operation i, the change the undone run made, which must still show on
        /// the machine for operation i to be sent (else it is `changed-since`). Empty: none.
        guards: Vec<Option<Change>>,
    },
    /// `tag set`: make these machines' tags exactly `desired`.
    TagSet {
        refs: Vec<(MachineRef, Origin)>,
        conditions: Conditions,
        lists: bool,
        desired: Vec<Tag>,
    },
    /// `tag rename`: on these machines, `new` in place of every spelling of `old`.
    Rename {
        refs: Vec<(MachineRef, Origin)>,
        conditions: Conditions,
        lists: bool,
        old: Tag,
        new: Tag,
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
    /// What must be read first; with `read_state`, the current state of every machine given
    /// by ID too (`--skip-unchanged`, and the prior state a journaled run records).
    pub fn needs(&self, read_state: bool) -> Needs {
        match self {
            Request::Ops {
                plan,
                conditions,
                lists,
                ..
            } => {
                let live = || {
                    plan.ops
                        .iter()
                        .filter(|p| p.settled.is_none())
                        .map(|p| &p.op.machine)
                };
                // Listed machines are read when something must be known of them.
                let read_ids = read_state || (*lists && !conditions.is_empty());
                Needs {
                    names: names_in(live()),
                    state_of: if read_ids { ids_in(live()) } else { Vec::new() },
                    conditions: conditions.clone(),
                    lists: *lists,
                    everything: false,
                }
            }
            Request::TagSet {
                refs,
                conditions,
                lists,
                ..
            }
            | Request::Rename {
                refs,
                conditions,
                lists,
                ..
            } => Needs {
                names: names_in(refs.iter().map(|r| &r.0)),
                state_of: ids_in(refs.iter().map(|r| &r.0)),
                conditions: conditions.clone(),
                lists: *lists,
                everything: false,
            },
        }
    }

    /// The final plan: names resolved, listed machines narrowed by the conditions, picked
    /// machines added, no-ops settled.
    pub fn expand(self, res: &Resolution, options: Options) -> Plan {
        let mut plan = self.expand_ops(res, options);
        plan.name_machines(&res.machines);
        plan
    }

    fn expand_ops(self, res: &Resolution, options: Options) -> Plan {
        let policy = options.on_duplicate;
        let mut b = PlanBuilder::resolved();
        match self {
            Request::Ops {
                mut plan,
                conditions,
                templates,
                guards,
                ..
            } => {
                settle_absent(&mut plan, res);
                settle_changed_since(&mut plan, res, &guards);
                let named = plan
                    .ops
                    .iter()
                    .any(|p| matches!(p.op.machine, MachineRef::Name(_)));
                if !named && conditions.is_empty() && res.picked.is_empty() {
                    // Nothing was resolved: the plan read from the input is already final.
                    let mut plan = plan;
                    if options.skip_unchanged {
                        settle_unchanged(&mut plan, res);
                    }
                    return plan;
                }
                b.reserve(plan.ops.len());
                for p in plan.ops {
                    if let Some(settled) = p.settled {
                        b.push_settled(p.op, p.origin, settled);
                        continue;
                    }
                    let ids = match &p.op.machine {
                        MachineRef::Id(id) => Ok(vec![*id]),
                        MachineRef::Name(name) => res.choose(name, policy),
                    };
                    match ids {
                        Err(settled) => b.push_settled(p.op, p.origin, settled),
                        Ok(ids) => {
                            for id in ids {
                                let op = Operation {
                                    machine: MachineRef::Id(id),
                                    change: p.op.change.clone(),
                                };
                                match res.meets(id) {
                                    Ok(()) => b.push(op, p.origin.clone()),
                                    Err(why) => {
                                        b.push_settled(op, p.origin.clone(), not_picked(why))
                                    }
                                }
                            }
                        }
                    }
                }
                let origin = picked_origin(&conditions);
                for id in &res.picked {
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
                let mut plan = b
                    .finish()
                    .expect("a resolved builder settles conflicts instead of failing");
                if options.skip_unchanged {
                    settle_unchanged(&mut plan, res);
                }
                plan
            }
            Request::TagSet {
                refs,
                conditions,
                desired,
                ..
            } => {
                let row = |r| tag_set_row(r, &desired);
                let targets = targets(&refs, &conditions, res, policy, &mut b, row);
                tag_set::plan(&mut b, &targets, &desired, options.batching);
                b.finish()
                    .expect("a resolved builder settles conflicts instead of failing")
            }
            Request::Rename {
                refs,
                conditions,
                old,
                new,
                ..
            } => {
                let row = |r| rename_row(r, &old);
                let targets = targets(&refs, &conditions, res, policy, &mut b, row);
                rename::plan(&mut b, &targets, &old, &new);
                b.finish()
                    .expect("a resolved builder settles conflicts instead of failing")
            }
        }
    }

    /// Adds machines a list found after the plan was read (a hunting query's): like machines
    /// given with `--machine`, they add up with the other lists and the conditions narrow
    /// them. One already listed in the same form is not added again.
    pub fn add_listed(&mut self, refs: Vec<MachineRef>, origin: &Origin) {
        match self {
            Request::Ops {
                plan,
                lists,
                templates,
                guards,
                ..
            } => {
                let listed: std::collections::HashSet<&MachineRef> =
                    plan.ops.iter().map(|p| &p.op.machine).collect();
                let new: Vec<MachineRef> =
                    refs.into_iter().filter(|r| !listed.contains(r)).collect();
                for machine in new {
                    for change in templates.iter() {
                        plan.ops.push(super::PlannedOp {
                            op: Operation {
                                machine: machine.clone(),
                                change: change.clone(),
                            },
                            origin: origin.clone(),
                            settled: None,
                            replacement: None,
                        });
                    }
                }
                if !guards.is_empty() {
                    guards.resize(plan.ops.len(), None);
                }
                *lists = true;
            }
            Request::TagSet {
                refs: listed,
                lists,
                ..
            }
            | Request::Rename {
                refs: listed,
                lists,
                ..
            } => {
                let known: std::collections::HashSet<MachineRef> =
                    listed.iter().map(|(r, _)| r.clone()).collect();
                listed.extend(
                    refs.into_iter()
                        .filter(|r| !known.contains(r))
                        .map(|r| (r, origin.clone())),
                );
                *lists = true;
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
                    let settled = p
                        .settled
                        .unwrap_or_else(|| Box::new(Settled::interrupted()));
                    b.push_settled(p.op, p.origin, settled);
                }
            }
            Request::TagSet { refs, desired, .. } => {
                for (r, origin) in refs {
                    b.push_settled(tag_set_row(r, &desired), origin, Settled::interrupted());
                }
            }
            Request::Rename { refs, old, .. } => {
                for (r, origin) in refs {
                    b.push_settled(rename_row(r, &old), origin, Settled::interrupted());
                }
            }
        }
        b.finish().expect("settled rows cannot conflict")
    }
}

/// A listed machine the conditions leave out.
fn not_picked(why: Unmet) -> Settled {
    Settled::skipped(Reason::NotPicked, why.to_string())
}

/// Where machines the conditions picked come from.
fn picked_origin(conditions: &Conditions) -> Origin {
    let what = conditions.describe();
    Origin::new(
        if what.is_empty() {
            "all machines".into()
        } else {
            what
        },
        0,
    )
}

/// The machines a `tag set` or `tag rename` works on, with their current tags: the listed ones
/// the conditions pick (a row from `row` for each of the others, saying why not), then those
/// the conditions picked; each once.
fn targets(
    refs: &[(MachineRef, Origin)],
    conditions: &Conditions,
    res: &Resolution,
    policy: OnDuplicate,
    b: &mut PlanBuilder,
    row: impl Fn(MachineRef) -> Operation,
) -> Vec<Target> {
    let mut picked: Vec<(MachineId, Origin)> = Vec::new();
    for (r, origin) in refs {
        match res.machines_for(r, policy) {
            Ok(ids) => {
                for id in ids {
                    match res.meets(id) {
                        Ok(()) => picked.push((id, origin.clone())),
                        Err(why) => {
                            b.push_settled(row(MachineRef::Id(id)), origin.clone(), not_picked(why))
                        }
                    }
                }
            }
            Err(settled) => b.push_settled(row(r.clone()), origin.clone(), settled),
        }
    }
    let origin = picked_origin(conditions);
    picked.extend(res.picked.iter().map(|id| (*id, origin.clone())));
    first_of_each(picked, |(id, _)| *id)
        .into_iter()
        .filter_map(|(id, origin)| {
            res.machines.get(&id).map(|m| Target {
                machine: id,
                current: m.tags.clone(),
                origin,
            })
        })
        .collect()
}

/// The one row of a `tag rename` target that cannot be planned (not found, not picked).
fn rename_row(machine: MachineRef, old: &Tag) -> Operation {
    Operation {
        machine,
        change: Change::Tag(TagAction::Remove, old.clone()),
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

/// Operations on machines by ID that the reads showed do not exist: never sent.
fn settle_absent(plan: &mut Plan, res: &Resolution) {
    if res.asked.is_empty() && !res.listed_all {
        return;
    }
    for p in plan.ops.iter_mut().filter(|p| p.settled.is_none()) {
        if let Some(id) = p.op.machine.id()
            && res.shows_absent(id)
        {
            p.settled = Some(Box::new(super::needs::not_found(id)));
        }
    }
}

/// `undo`: operations whose machine no longer shows what the undone run left it at (someone
/// changed it since) are left alone.
fn settle_changed_since(plan: &mut Plan, res: &Resolution, guards: &[Option<Change>]) {
    for (p, guard) in plan.ops.iter_mut().zip(guards) {
        let (Some(guard), None) = (guard, &p.settled) else {
            continue;
        };
        let Some(m) = p.op.machine.id().and_then(|id| res.machines.get(&id)) else {
            continue;
        };
        if !guard.shown_by(m) {
            let why = match guard {
                Change::Tag(TagAction::Add, t) => {
                    format!("the run added {t}, and it has been removed since")
                }
                Change::Tag(TagAction::Remove, t) => {
                    format!("the run removed {t}, and it has been added again since")
                }
                Change::SetValue(v) => format!(
                    "the run set the device value to {}, and it is {} now",
                    v.as_str(),
                    m.device_value.as_deref().unwrap_or("unset")
                ),
            };
            p.settled = Some(Box::new(Settled::skipped(
                Reason::ChangedSince,
                format!("{why}: left alone (--force restores it anyway)"),
            )));
        }
    }
}

/// `--skip-unchanged`: operations the machine's current state already satisfies.
fn settle_unchanged(plan: &mut Plan, res: &Resolution) {
    // A tag the plan removes from a machine and adds back in another spelling (a re-spelling:
    // the removal goes first) is judged after the removal: its add is never unchanged.
    let removed: std::collections::HashSet<(MachineId, Tag)> = plan
        .ops
        .iter()
        .filter(|p| p.settled.is_none())
        .filter_map(|p| match (&p.op.change, p.op.machine.id()) {
            (Change::Tag(TagAction::Remove, t), Some(id)) => Some((id, t.clone())),
            _ => None,
        })
        .collect();
    for p in plan.ops.iter_mut().filter(|p| p.settled.is_none()) {
        let Some(m) = p.op.machine.id().and_then(|id| res.machines.get(&id)) else {
            continue;
        };
        if let (Change::Tag(TagAction::Add, t), Some(id)) = (&p.op.change, p.op.machine.id())
            && removed.contains(&(id, t.clone()))
        {
            continue;
        }
        if p.op.change.shown_by(m) {
            let why = match p.op.change {
                Change::Tag(TagAction::Add, _) => "the machine already has this tag",
                Change::Tag(TagAction::Remove, _) => "the machine does not have this tag",
                Change::SetValue(_) => "the device value is already this",
            };
            p.settled = Some(Box::new(Settled::skipped(Reason::Unchanged, why)));
        }
    }
}
