//! What the executor sends: each call covers one or more operations of the plan, named by
//! their index so that every outcome finds its row.

use crate::model::{Change, MachineId, Tag, TagAction};

/// Most machine IDs one `AddOrRemoveTagForMultipleMachines` call takes.
pub const MAX_BATCH: usize = 500;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// `POST /api/machines/{id}/tags` or `PATCH /api/machines/{id}` (device value): one
    /// operation.
    Single {
        op: usize,
        machine: MachineId,
        change: Change,
    },
    /// `POST /api/machines/AddOrRemoveTagForMultipleMachines`: one tag, one action, ≤500
    /// machines.
    Batch {
        action: TagAction,
        tag: Tag,
        ops: Vec<(usize, MachineId)>,
    },
    /// `PATCH /api/machines/{id}` with `machineTags`: every operation of one machine at once.
    Replace {
        machine: MachineId,
        tags: Vec<Tag>,
        ops: Vec<usize>,
    },
}

impl Call {
    /// How many operations this call settles.
    pub fn len(&self) -> usize {
        match self {
            Call::Single { .. } => 1,
            Call::Batch { ops, .. } => ops.len(),
            Call::Replace { ops, .. } => ops.len(),
        }
    }

    /// The operations this call settles.
    pub fn ops(&self) -> Vec<usize> {
        match self {
            Call::Single { op, .. } => vec![*op],
            Call::Batch { ops, .. } => ops.iter().map(|(i, _)| *i).collect(),
            Call::Replace { ops, .. } => ops.clone(),
        }
    }
}
