//! What the plan needs read before it is final, and what the reads found: plain data that the
//! `lookup` stage fills in and the plan builder reads. Nothing here calls the API.

use std::collections::{HashMap, HashSet};

use super::pick::Conditions;
use crate::model::Reason;
use crate::model::{Machine, MachineId, MachineRef, Settled, first_of_each};

/// Names per `$filter` (each name is two clauses: exact, and short name + '.').
pub const NAMES_PER_READ: usize = 15;
/// IDs per `$filter` when reading the current state of machines given by ID.
pub const IDS_PER_READ: usize = 25;
/// Past this many ID reads, one paged listing of the whole fleet is likely cheaper.
pub const MAX_ID_READS: usize = 40;
/// Most pages one listing may take (10 million machines at the service's 10,000 a page).
pub const MAX_PAGES: usize = 1000;

/// When a host name matches several machines: the most recently seen, all, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDuplicate {
    Newest,
    All,
    Fail,
}

/// What must be read before the plan is final.
#[derive(Default, Debug)]
pub struct Needs {
    pub names: Vec<Box<str>>,
    /// Machines given by ID whose current tags and value must be known.
    pub state_of: Vec<MachineId>,
    pub conditions: Conditions,
    /// Whether lists were given: then the conditions narrow them, else they pick.
    pub lists: bool,
    /// Every machine (`machines list` with nothing named).
    pub everything: bool,
}

impl Needs {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
            && self.state_of.is_empty()
            && self.conditions.is_empty()
            && !self.everything
    }

    /// Read calls this will take at the least (a filter or listing can run to more pages).
    pub fn estimated_reads(&self) -> u64 {
        let names = self.names.len().div_ceil(NAMES_PER_READ);
        let ids = self
            .state_of
            .len()
            .div_ceil(IDS_PER_READ)
            .min(MAX_ID_READS + 1);
        let c = &self.conditions;
        let conditions = match (self.lists, c.filters.is_empty()) {
            _ if c.is_empty() => 0,
            (true, false) => (self.names.len() + self.state_of.len()).div_ceil(IDS_PER_READ),
            (true, true) => 0,
            (false, false) => 1,
            (false, true) if !c.tags.is_empty() => c.tags.len(),
            (false, true) => c.prefixes.len(),
        };
        (names + ids + conditions + usize::from(self.everything)) as u64
    }
}

/// The host names among `refs`, each once.
pub fn names_in<'a>(refs: impl Iterator<Item = &'a MachineRef>) -> Vec<Box<str>> {
    let names = refs.filter_map(|r| match r {
        MachineRef::Name(n) => Some(n.clone()),
        MachineRef::Id(_) => None,
    });
    first_of_each(names, Clone::clone)
}

/// The IDs among `refs`, each once.
pub fn ids_in<'a>(refs: impl Iterator<Item = &'a MachineRef>) -> Vec<MachineId> {
    first_of_each(refs.filter_map(MachineRef::id), |id| *id)
}

/// Why a listed machine is left out by the conditions.
#[derive(Debug, thiserror::Error)]
pub enum Unmet {
    #[error("machine {0} was not found")]
    NotFound(MachineId),
    /// The tag conditions, saying which.
    #[error("{0}")]
    Tags(String),
    /// The filters it does not meet.
    #[error("it does not meet --filter {0}")]
    Filter(String),
}

/// What the reads found.
#[derive(Default)]
pub struct Resolution {
    /// Every machine seen, by ID, as the API returned it (current tags, value, …).
    pub machines: HashMap<MachineId, Machine>,
    /// For each name asked about, the machines that carry it, before `--on-duplicate`.
    pub names: HashMap<Box<str>, Vec<MachineId>>,
    /// The machines the conditions picked when no list was given (or every machine), in the
    /// API's order.
    pub picked: Vec<MachineId>,
    /// The conditions a listed machine must meet.
    pub conditions: Conditions,
    /// With lists and `--filter`: the listed machines the filter let through.
    pub filtered: Option<HashSet<MachineId>>,
    /// Read calls made (including retries).
    pub reads: u64,
    /// IDs whose state was read, found or not.
    pub asked: HashSet<MachineId>,
    /// Every machine was listed: one not among them does not exist.
    pub listed_all: bool,
}

impl Resolution {
    /// Whether the reads showed that no machine has this ID.
    pub fn shows_absent(&self, id: MachineId) -> bool {
        (self.listed_all || self.asked.contains(&id)) && !self.machines.contains_key(&id)
    }

    /// The machines a target stands for: an ID the reads found, or a name under the
    /// `--on-duplicate` policy; or why none.
    pub fn machines_for(
        &self,
        target: &MachineRef,
        policy: OnDuplicate,
    ) -> Result<Vec<MachineId>, Settled> {
        match target {
            MachineRef::Id(id) if self.machines.contains_key(id) => Ok(vec![*id]),
            MachineRef::Id(id) => Err(not_found(*id)),
            MachineRef::Name(name) => self.choose(name, policy),
        }
    }

    /// The machines a name stands for under the `--on-duplicate` policy, or why none.
    pub fn choose(&self, name: &str, policy: OnDuplicate) -> Result<Vec<MachineId>, Settled> {
        let pool = self.pool(name);
        match (pool.len(), policy) {
            (0, _) => Err(Settled::failed(
                Reason::NotFound,
                format!("no machine is named {name}"),
            )),
            (1, _) | (_, OnDuplicate::All) => Ok(pool.iter().map(|m| m.id).collect()),
            (n, OnDuplicate::Fail) => Err(Settled::failed(
                Reason::Ambiguous,
                format!(
                    "{n} machines are named {name} ({}); use --on-duplicate newest|all or the machine ID",
                    pool.iter()
                        .map(|m| m.id.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            (_, OnDuplicate::Newest) => Ok(vec![newest(&pool).id]),
        }
    }

    /// The machines a name is on: the live records, or the merged ones when none is live.
    fn pool(&self, name: &str) -> Vec<&Machine> {
        let found: Vec<&Machine> = self
            .names
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|id| self.machines.get(id))
            .collect();
        // A record merged into another is the same device seen before; prefer live records.
        let live: Vec<&Machine> = found
            .iter()
            .copied()
            .filter(|m| m.merged_into.is_none())
            .collect();
        if live.is_empty() { found } else { live }
    }

    /// The names read that are on several machines, in name order: each with the machine
    /// `--on-duplicate newest` takes and the others, for the warning that names them.
    pub fn duplicates(&self) -> Vec<Duplicate<'_>> {
        let mut names: Vec<&str> = self.names.keys().map(|n| &**n).collect();
        names.sort_unstable();
        names
            .into_iter()
            .filter_map(|name| {
                let pool = self.pool(name);
                if pool.len() < 2 {
                    return None;
                }
                let chosen = newest(&pool);
                let others = pool.into_iter().filter(|m| m.id != chosen.id).collect();
                Some(Duplicate {
                    name,
                    chosen,
                    others,
                })
            })
            .collect()
    }

    /// Whether a listed machine meets the conditions; if not, why.
    pub fn meets(&self, id: MachineId) -> Result<(), Unmet> {
        if self.conditions.is_empty() {
            return Ok(());
        }
        let Some(m) = self.machines.get(&id) else {
            return Err(Unmet::NotFound(id));
        };
        if let Some(why) = self.conditions.tags_unmet(m) {
            return Err(Unmet::Tags(why));
        }
        match &self.filtered {
            Some(passed) if !passed.contains(&id) => Err(Unmet::Filter(
                self.conditions
                    .filters
                    .iter()
                    .map(|f| format!("\"{}\"", crate::model::text::excerpt(f)))
                    .collect::<Vec<_>>()
                    .join(" or "),
            )),
            _ => Ok(()),
        }
    }

    /// Keeps these records (the latest read of each wins); their IDs, in order.
    pub fn remember(&mut self, machines: Vec<Machine>) -> Vec<MachineId> {
        machines
            .into_iter()
            .map(|m| {
                let id = m.id;
                self.machines.insert(id, m);
                id
            })
            .collect()
    }
}

/// A host name on several machines: the one `--on-duplicate newest` takes, and the others.
#[derive(Debug)]
pub struct Duplicate<'a> {
    pub name: &'a str,
    pub chosen: &'a Machine,
    pub others: Vec<&'a Machine>,
}

/// The most recently seen of `pool` (not empty). ISO 8601 timestamps order as text; a machine
/// never seen sorts first.
fn newest<'a>(pool: &[&'a Machine]) -> &'a Machine {
    pool.iter()
        .max_by(|a, b| a.last_seen.cmp(&b.last_seen))
        .expect("not empty")
}

/// A machine ID that the reads showed no machine has.
pub fn not_found(id: MachineId) -> Settled {
    Settled::failed(Reason::NotFound, format!("machine {id} was not found"))
}

/// Whether a machine's DNS name is this host name: the whole of it, or (for a short name) its
/// first label.
pub fn matches_name(machine: &Machine, name: &str) -> bool {
    let Some(dns) = machine.name.as_deref() else {
        return false;
    };
    let dns = dns.to_lowercase();
    dns == name
        || (!name.contains('.')
            && dns
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.')))
}

#[cfg(test)]
mod tests {
    // What the reads found: choosing among duplicates, matching names, counting reads.

    use super::*;

    fn machine(id: &str, name: &str, last_seen: &str, merged: bool) -> Machine {
        Machine {
            id: MachineId::parse(id).unwrap(),
            name: Some(name.into()),
            tags: Vec::new(),
            device_value: None,
            health_status: None,
            last_seen: Some(last_seen.into()),
            os_platform: None,
            merged_into: merged.then(|| "x".into()),
        }
    }

    fn resolution() -> Resolution {
        let mut res = Resolution::default();
        let ids = res.remember(vec![
            machine(&"a".repeat(40), "ws-1.corp", "2026-10-01T00:00:00Z", false),
            machine(&"b".repeat(40), "ws-1.corp", "2026-11-01T00:00:00Z", false),
            machine(&"c".repeat(40), "ws-1.corp", "2026-11-20T00:00:00Z", true),
        ]);
        res.names.insert("ws-1.corp".into(), ids);
        res
    }

    #[test]
    fn duplicates_follow_the_policy_and_ignore_merged_records() {
        let res = resolution();
        let b = MachineId::parse(&"b".repeat(40)).unwrap();
        assert_eq!(
            res.choose("ws-1.corp", OnDuplicate::Newest).unwrap(),
            vec![b]
        );
        assert_eq!(res.choose("ws-1.corp", OnDuplicate::All).unwrap().len(), 2);
        let e = res.choose("ws-1.corp", OnDuplicate::Fail).unwrap_err();
        assert_eq!(e.error.code.as_str(), "ambiguous");
        let e = res.choose("nobody", OnDuplicate::Newest).unwrap_err();
        assert_eq!(
            (e.status, e.error.code.as_str()),
            (crate::model::Status::Failed, "not-found")
        );
    }

    #[test]
    fn duplicates_name_the_newest_and_the_other_live_records() {
        let mut res = resolution();
        let ids = res.remember(vec![
            machine(&"d".repeat(40), "solo.corp", "2026-10-01T00:00:00Z", false),
            machine(&"e".repeat(40), "gone.corp", "2026-10-01T00:00:00Z", false),
            machine(&"f".repeat(40), "gone.corp", "2026-10-02T00:00:00Z", true),
        ]);
        res.names.insert("solo.corp".into(), vec![ids[0]]);
        res.names.insert("gone.corp".into(), ids[1..].to_vec());
        res.names.insert("nobody".into(), Vec::new());
        let dups = res.duplicates();
        assert_eq!(
            dups.len(),
            1,
            "one live record, or none, is no duplicate: {dups:?}"
        );
        assert_eq!(dups[0].name, "ws-1.corp");
        assert_eq!(
            dups[0].chosen.id,
            MachineId::parse(&"b".repeat(40)).unwrap()
        );
        let others: Vec<MachineId> = dups[0].others.iter().map(|m| m.id).collect();
        assert_eq!(
            others,
            [MachineId::parse(&"a".repeat(40)).unwrap()],
            "merged left out"
        );
        // The one named newest is the one `newest` takes.
        assert_eq!(
            res.choose("ws-1.corp", OnDuplicate::Newest).unwrap(),
            [dups[0].chosen.id]
        );
    }

    #[test]
    fn names_match_whole_or_by_first_label() {
        let m = machine(&"a".repeat(40), "WS-1.Corp.local", "", false);
        assert!(matches_name(&m, "ws-1"));
        assert!(matches_name(&m, "ws-1.corp.local"));
        assert!(!matches_name(&m, "ws"));
        assert!(!matches_name(&m, "ws-1.corp"));
    }

    #[test]
    fn read_estimates_count_chunks() {
        let needs = Needs {
            names: (0..16).map(|i| format!("n{i}").into()).collect(),
            state_of: (0..26)
                .map(|i| MachineId::parse(&format!("{i:040x}")).unwrap())
                .collect(),
            conditions: Conditions {
                tags: vec![crate::model::Tag::parse("x").unwrap()],
                ..Conditions::default()
            },
            lists: false,
            everything: false,
        };
        assert_eq!(needs.estimated_reads(), 2 + 2 + 1);
    }
}
