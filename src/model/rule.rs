//! A sync rule: what it wants (a tag it owns, or a device value) on the machines it selects.

use super::{DeviceValue, MachineRef, Origin, Query, Tag};

/// Which machines a rule selects: lists add up, conditions narrow.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// `machines` and the machines files' lines.
    pub machines: Vec<MachineRef>,
    pub query: Option<Query>,
    pub filters: Vec<String>,
    pub tags: Vec<Tag>,
    pub prefixes: Vec<Tag>,
    /// Whether a list was given (`machines`, `machines-file`, `query`, `query-file`).
    pub lists: bool,
}

#[derive(Debug, Clone)]
pub enum Want {
    /// The rule owns this tag.
    Tag(Tag),
    Value(DeviceValue),
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub want: Want,
    pub selection: Selection,
    /// `RULES:LINE` of the rule's header.
    pub origin: Origin,
}
