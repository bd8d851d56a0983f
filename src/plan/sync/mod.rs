//! `sync`: the changes that make every machine match the rules. Each `[[tag]]` rule owns its
//! tag (added where selected, every spelling removed elsewhere); each `[[value]]` rule sets a
//! device value on its selection. Pure: the fleet and what the API answered for filters and
//! queries come in as data.

use std::collections::{HashMap, HashSet};

use super::{Plan, PlanBuilder, matches_name};
use crate::model::{
    Change, Machine, MachineId, MachineRef, Operation, Origin, Rule, Tag, TagAction, Want,
};

/// `--max-removals`: at most this many removals of a tag, or this share of the machines that
/// carry it; never less than `MIN_REMOVALS` machines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxRemovals {
    Count(u64),
    Percent(u64),
}

pub const MIN_REMOVALS: u64 = 10;

impl MaxRemovals {
    pub fn parse(text: &str) -> Result<MaxRemovals, String> {
        let t = text.trim();
        let (digits, percent) = match t.strip_suffix('%') {
            Some(d) => (d.trim(), true),
            None => (t, false),
        };
        let n: u64 = digits
            .parse()
            .map_err(|_| format!("'{t}': expected a number of machines (N) or a share (N%)"))?;
        match percent {
            true if n > 100 => Err(format!("'{t}': a share is at most 100%")),
            true => Ok(MaxRemovals::Percent(n)),
            false => Ok(MaxRemovals::Count(n)),
        }
    }

    /// Most removals allowed of a tag `holders` machines carry.
    pub fn limit(self, holders: u64) -> u64 {
        let n = match self {
            MaxRemovals::Count(n) => n,
            MaxRemovals::Percent(p) => (holders * p).div_ceil(100),
        };
        n.max(MIN_REMOVALS)
    }
}

/// The live fleet, as one listing read it, in the API's order.
pub struct Fleet<'a> {
    pub machines: &'a HashMap<MachineId, Machine>,
    pub order: &'a [MachineId],
}

/// What the API answered for a rule's selection: the machines its filters let through (when
/// it has filters) and its query's machines (when it has a query).
#[derive(Default)]
pub struct Answers {
    pub filtered: Option<HashSet<MachineId>>,
    pub queried: Vec<MachineRef>,
}

/// The machines a rule selects, in fleet order, and the listed machines no live machine is.
pub fn select(rule: &Rule, answers: &Answers, fleet: &Fleet) -> (Vec<MachineId>, Vec<String>) {
    let sel = &rule.selection;
    let mut listed: HashSet<MachineId> = HashSet::new();
    let mut unknown = Vec::new();
    for r in sel.machines.iter().chain(&answers.queried) {
        match r {
            MachineRef::Id(id) if fleet.machines.contains_key(id) => {
                listed.insert(*id);
            }
            MachineRef::Id(id) => unknown.push(id.to_string()),
            MachineRef::Name(name) => {
                let lower = name.to_lowercase();
                // A name on several live machines: the most recently seen.
                let newest = fleet
                    .order
                    .iter()
                    .filter_map(|id| fleet.machines.get(id))
                    .filter(|m| m.merged_into.is_none() && matches_name(m, &lower))
                    .max_by(|a, b| a.last_seen.cmp(&b.last_seen));
                match newest {
                    Some(m) => {
                        listed.insert(m.id);
                    }
                    None => unknown.push(name.to_string()),
                }
            }
        }
    }
    let meets = |m: &Machine| {
        let carries = |t: &Tag| m.tags.iter().any(|have| t.is(have));
        let prefixed = |p: &Tag| {
            let p = p.as_str().to_lowercase();
            m.tags
                .iter()
                .any(|have| have.to_lowercase().starts_with(&p))
        };
        (sel.tags.is_empty() || sel.tags.iter().any(carries))
            && (sel.prefixes.is_empty() || sel.prefixes.iter().any(prefixed))
            && answers.filtered.as_ref().is_none_or(|f| f.contains(&m.id))
            && (!sel.lists || listed.contains(&m.id))
    };
    let chosen = fleet
        .order
        .iter()
        .filter_map(|id| fleet.machines.get(id))
        .filter(|m| m.merged_into.is_none() && meets(m))
        .map(|m| m.id)
        .collect();
    (chosen, unknown)
}

/// A reason the sync is refused after planning (exit 2, nothing sent), at its rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub origin: Origin,
    pub reason: String,
}

/// The plan that makes the fleet match the rules, given each rule's selection (`selected[i]`
/// for `rules[i]`), or why it is refused.
pub fn plan(
    rules: &[Rule],
    selected: &[Vec<MachineId>],
    fleet: &Fleet,
    max_removals: MaxRemovals,
) -> Result<Plan, Vec<Refusal>> {
    let mut refusals = Vec::new();
    let mut b = PlanBuilder::resolved();
    let mut values: HashMap<MachineId, (usize, crate::model::DeviceValue)> = HashMap::new();
    for (i, (rule, chosen)) in rules.iter().zip(selected).enumerate() {
        match &rule.want {
            Want::Tag(tag) => {
                let chosen: HashSet<MachineId> = chosen.iter().copied().collect();
                let holders: Vec<&Machine> = fleet
                    .order
                    .iter()
                    .filter_map(|id| fleet.machines.get(id))
                    .filter(|m| m.merged_into.is_none() && m.tags.iter().any(|t| tag.is(t)))
                    .collect();
                let losing: Vec<&Machine> = holders
                    .iter()
                    .copied()
                    .filter(|m| !chosen.contains(&m.id))
                    .collect();
                if chosen.is_empty() && !holders.is_empty() {
                    refusals.push(Refusal {
                        origin: rule.origin.clone(),
                        reason: format!(
                            "the rule for '{tag}' selects no machine, while {} carry the tag: refusing to remove it from every one (check the selection)",
                            holders.len()
                        ),
                    });
                    continue;
                }
                let limit = max_removals.limit(holders.len() as u64);
                if losing.len() as u64 > limit {
                    refusals.push(Refusal {
                        origin: rule.origin.clone(),
                        reason: format!(
                            "the rule for '{tag}' removes it from {} of the {} machines that carry it, more than --max-removals allows ({limit}): check the selection, or raise --max-removals",
                            losing.len(),
                            holders.len()
                        ),
                    });
                    continue;
                }
                for id in fleet.order.iter().filter(|id| chosen.contains(id)) {
                    let m = &fleet.machines[id];
                    if !m.tags.iter().any(|t| tag.is(t)) {
                        b.push(
                            Operation {
                                machine: MachineRef::Id(*id),
                                change: Change::Tag(TagAction::Add, tag.clone()),
                            },
                            rule.origin.clone(),
                        );
                    }
                }
                for m in losing {
                    for spelling in m.tags.iter().filter(|t| tag.is(t)) {
                        b.push_respelled(
                            Operation {
                                machine: MachineRef::Id(m.id),
                                change: Change::Tag(TagAction::Remove, Tag::existing(spelling)),
                            },
                            rule.origin.clone(),
                        );
                    }
                }
            }
            Want::Value(value) => {
                for id in chosen {
                    match values.get(id) {
                        Some((other, v)) if v != value => {
                            refusals.push(Refusal {
                                origin: rule.origin.clone(),
                                reason: format!(
                                    "machine {id} is given device value {} here and {} by the rule at {}",
                                    value.as_str(),
                                    v.as_str(),
                                    rules[*other].origin
                                ),
                            });
                            continue;
                        }
                        Some(_) => continue,
                        None => {
                            values.insert(*id, (i, *value));
                        }
                    }
                    let m = &fleet.machines[id];
                    let same = m
                        .device_value
                        .as_deref()
                        .is_some_and(|v| v.eq_ignore_ascii_case(value.as_str()));
                    if !same {
                        b.push(
                            Operation {
                                machine: MachineRef::Id(*id),
                                change: Change::SetValue(*value),
                            },
                            rule.origin.clone(),
                        );
                    }
                }
            }
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut plan = b.finish().expect("a resolved builder settles conflicts");
    plan.name_machines(fleet.machines);
    Ok(plan)
}

#[cfg(test)]
mod tests;
