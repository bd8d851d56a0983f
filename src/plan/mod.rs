//! The plan: every operation the user asked for, validated, deduplicated and grouped into
//! calls before the first call is made. Pure: what only the API knows (host names, pickers,
//! current state) comes in as a `Resolution` that the `lookup` stage read.

mod builder;
mod call;
mod calls;
pub mod drift;
mod needs;
mod phases;
pub mod pick;
mod problems;
pub mod query;
mod rename;
mod request;
pub mod sync;
mod tag_set;

pub use builder::PlanBuilder;
pub use call::Call;
pub use calls::CallCounts;
pub use needs::{
    Duplicate, IDS_PER_READ, MAX_ID_READS, MAX_PAGES, NAMES_PER_READ, Needs, OnDuplicate,
    Resolution, ids_in, matches_name, names_in,
};
pub use phases::phases;
pub use pick::Conditions;
pub use problems::InputErrors;
pub use request::{Options, Request};

use crate::model::{MachineId, Operation, Origin, Settled, Tag};

#[derive(Clone, Debug)]
pub struct PlannedOp {
    pub op: Operation,
    pub origin: Origin,
    /// `None`: send it. `Some`: report this without sending anything. Boxed: most operations
    /// are sent, and a million of them should not each carry room for an error message.
    pub settled: Option<Box<Settled>>,
    /// Set when `tag set` makes this machine's tags exact with one PATCH (index into
    /// `Plan::replacements`) instead of add/remove calls.
    pub replacement: Option<u32>,
}

/// `PATCH /api/machines/{id}` with the machine's whole new tag set, covering several operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    pub machine: MachineId,
    pub tags: Vec<Tag>,
}

/// The validated plan, in input order. Every input operation is here exactly once.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub ops: Vec<PlannedOp>,
    pub replacements: Vec<Replacement>,
    /// The host names of the plan's machines that the reads found (a plan of IDs that read
    /// nothing has none: a million rows cost nothing here).
    pub names: std::collections::HashMap<MachineId, Box<str>>,
}

impl Plan {
    /// The host name the plan knows for `machine`: the picker's, or one the reads found.
    pub fn known_name<'a>(&'a self, machine: &'a crate::model::MachineRef) -> Option<&'a str> {
        match machine {
            crate::model::MachineRef::Name(n) => Some(n),
            crate::model::MachineRef::Id(id) => self.names.get(id).map(|n| &**n),
        }
    }

    /// Remembers the host names `known` has for the plan's machines.
    pub fn name_machines(
        &mut self,
        known: &std::collections::HashMap<MachineId, crate::model::Machine>,
    ) {
        if known.is_empty() {
            return;
        }
        for p in &self.ops {
            if let Some(id) = p.op.machine.id()
                && let Some(name) = known.get(&id).and_then(|m| m.name.as_deref())
            {
                self.names.entry(id).or_insert_with(|| name.into());
            }
        }
    }
}
