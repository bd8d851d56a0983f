//! Drift: a machine a saved plan touches whose tags or device value are no longer what the
//! plan recorded, or which is gone. MDE has no version or ETag on a machine, and PATCH
//! replaces the whole tag set (MicrosoftDocs microsoft-365-docs#5895), so the state the plan
//! saw is the only guard `apply` has.

use std::collections::{HashMap, HashSet};

use crate::model::{Machine, MachineId, Tag};

/// A machine's tags and device value as a plan saw them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    pub tags: Vec<String>,
    pub value: Option<String>,
}

/// How a machine moved since the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// No machine has its ID any more.
    Gone,
    Changed {
        /// Tags it carries now and did not (as the tag rule compares them), and tags it has
        /// lost, as spelled on the server.
        added: Vec<String>,
        removed: Vec<String>,
        /// The device value then and now, when it changed.
        value: Option<(Option<String>, Option<String>)>,
    },
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Drift::Changed {
            added,
            removed,
            value,
        } = self
        else {
            return f.write_str("gone: no machine has this ID now");
        };
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("tags added: {}", added.join(", ")));
        }
        if !removed.is_empty() {
            parts.push(format!("tags removed: {}", removed.join(", ")));
        }
        if let Some((then, now)) = value {
            let v = |v: &Option<String>| v.clone().unwrap_or_else(|| "unset".into());
            parts.push(format!("device value {} → {}", v(then), v(now)));
        }
        f.write_str(&parts.join("; "))
    }
}

/// The machines of `observed` that `now` (what a read found; `read` the IDs asked) shows
/// changed or gone, in `order`. A machine that was not asked about is not judged.
pub fn drifted(
    order: &[MachineId],
    observed: &HashMap<MachineId, Observed>,
    now: &HashMap<MachineId, Machine>,
) -> Vec<(MachineId, Drift)> {
    let mut out = Vec::new();
    for id in order {
        let Some(then) = observed.get(id) else {
            continue;
        };
        let Some(machine) = now.get(id) else {
            out.push((*id, Drift::Gone));
            continue;
        };
        if let Some(d) = compare(then, machine) {
            out.push((*id, d));
        }
    }
    out
}

fn compare(then: &Observed, now: &Machine) -> Option<Drift> {
    let set = |tags: &[String]| -> HashSet<Tag> { tags.iter().map(|t| Tag::existing(t)).collect() };
    let (before, after) = (set(&then.tags), set(&now.tags));
    let spelled = |tags: &[String], other: &HashSet<Tag>| -> Vec<String> {
        let mut seen = HashSet::new();
        tags.iter()
            .filter(|t| !other.contains(&Tag::existing(t)) && seen.insert(Tag::existing(t)))
            .cloned()
            .collect()
    };
    let added = spelled(&now.tags, &before);
    let removed = spelled(&then.tags, &after);
    let same_value = match (&then.value, &now.device_value) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a == b,
    };
    let value = (!same_value).then(|| (then.value.clone(), now.device_value.clone()));
    (!added.is_empty() || !removed.is_empty() || value.is_some()).then_some(Drift::Changed {
        added,
        removed,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> MachineId {
        MachineId::parse(&format!("{n:02x}").repeat(20)).unwrap()
    }

    fn machine(n: u8, tags: &[&str], value: Option<&str>) -> Machine {
        Machine {
            id: id(n),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            device_value: value.map(String::from),
            name: None,
            health_status: None,
            last_seen: None,
            os_platform: None,
            merged_into: None,
        }
    }

    fn observed(tags: &[&str], value: Option<&str>) -> Observed {
        Observed {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            value: value.map(String::from),
        }
    }

    #[test]
    fn tags_compare_by_the_tag_rule_and_order_does_not_matter() {
        let then = HashMap::from([(id(1), observed(&["Finance", "VIP"], Some("Normal")))]);
        let now = HashMap::from([(id(1), machine(1, &["vip", "FINANCE"], Some("normal")))]);
        assert!(drifted(&[id(1)], &then, &now).is_empty());
    }

    #[test]
    fn an_added_tag_a_lost_tag_a_new_value_and_a_gone_machine_are_drift() {
        let then = HashMap::from([
            (id(1), observed(&["A"], None)),
            (id(2), observed(&["A", "B"], Some("Normal"))),
            (id(3), observed(&[], None)),
            (id(4), observed(&["A"], Some("Low"))),
        ]);
        let now = HashMap::from([
            (id(1), machine(1, &["A", "Quarantine"], None)),
            (id(2), machine(2, &["b"], Some("High"))),
            (id(4), machine(4, &["a"], Some("Low"))),
        ]);
        let d = drifted(&[id(1), id(2), id(3), id(4)], &then, &now);
        assert_eq!(d.len(), 3, "{d:?}");
        assert_eq!(d[0].1.to_string(), "tags added: Quarantine");
        assert_eq!(
            d[1].1.to_string(),
            "tags removed: A; device value Normal → High"
        );
        assert_eq!(d[2], (id(3), Drift::Gone));
    }
}
