//! Operations and the plan: what will be done, validated, deduplicated and grouped into calls
//! before the first call is made. Pure code, no I/O.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// A Defender machine ID: 40 hexadecimal characters (a SHA-1). Kept as its 20 bytes so a
/// million-row plan stays small; shown and sent in lower case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MachineId([u8; 20]);

impl MachineId {
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = text.as_bytes();
        if bytes.len() != 40 || !bytes.iter().all(u8::is_ascii_hexdigit) {
            return Err(format!(
                "machine ID '{}' is not 40 hexadecimal characters",
                printable(text)
            ));
        }
        let mut id = [0u8; 20];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            id[i] = (hex_value(pair[0]) << 4) | hex_value(pair[1]);
        }
        Ok(MachineId(id))
    }
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

impl fmt::Display for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A machine as the user named it: an ID, or a host name still to be resolved (kept in lower
/// case: host names match case-insensitively).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MachineRef {
    Id(MachineId),
    Name(Box<str>),
}

impl MachineRef {
    /// A 40-hex string is an ID; anything else is a `computerDnsName`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("missing machine".into());
        }
        if let Ok(id) = MachineId::parse(text) {
            return Ok(MachineRef::Id(id));
        }
        if text.len() > 255
            || text.chars().any(|c| {
                c.is_control() || c.is_whitespace() || matches!(c, '\'' | '"' | ',' | '/' | '\\')
            })
        {
            return Err(format!(
                "'{}' is neither a machine ID (40 hexadecimal characters) nor a host name",
                printable(text)
            ));
        }
        Ok(MachineRef::Name(text.to_lowercase().into()))
    }

    pub fn id(&self) -> Option<MachineId> {
        match self {
            MachineRef::Id(id) => Some(*id),
            MachineRef::Name(_) => None,
        }
    }
}

impl fmt::Display for MachineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MachineRef::Id(id) => fmt::Display::fmt(id, f),
            MachineRef::Name(n) => f.write_str(n),
        }
    }
}

impl fmt::Debug for MachineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Shows user input inside an error message without letting control characters through.
pub fn printable(text: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = text
        .chars()
        .take(MAX)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Add,
    Remove,
    SetValue,
}

impl Action {
    /// Parses the CSV Action column: `Add`, `Remove`, `SetValue` or `set-value`, any case.
    pub fn parse(text: &str) -> Option<Action> {
        match text.to_ascii_lowercase().as_str() {
            "add" => Some(Action::Add),
            "remove" => Some(Action::Remove),
            "setvalue" | "set-value" => Some(Action::SetValue),
            _ => None,
        }
    }

    /// The name used in results (SPEC: `add`, `remove`, `set-value`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Remove => "remove",
            Action::SetValue => "set-value",
        }
    }
}

/// Device value (asset criticality) as the API spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeviceValue {
    Normal,
    Low,
    High,
}

impl DeviceValue {
    pub fn parse(text: &str) -> Option<DeviceValue> {
        match text.to_ascii_lowercase().as_str() {
            "normal" => Some(DeviceValue::Normal),
            "low" => Some(DeviceValue::Low),
            "high" => Some(DeviceValue::High),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceValue::Normal => "Normal",
            DeviceValue::Low => "Low",
            DeviceValue::High => "High",
        }
    }
}

impl From<crate::cli::DeviceValueArg> for DeviceValue {
    fn from(v: crate::cli::DeviceValueArg) -> Self {
        match v {
            crate::cli::DeviceValueArg::Normal => DeviceValue::Normal,
            crate::cli::DeviceValueArg::Low => DeviceValue::Low,
            crate::cli::DeviceValueArg::High => DeviceValue::High,
        }
    }
}

/// Longest tag the API accepts.
pub const MAX_TAG_CHARS: usize = 200;

/// Checks a tag against the rules of SPEC.md: not empty, at most 200 characters, no control
/// characters.
pub fn check_tag(tag: &str) -> Result<(), String> {
    if tag.is_empty() {
        return Err("empty tag".into());
    }
    let chars = tag.chars().count();
    if chars > MAX_TAG_CHARS {
        return Err(format!(
            "tag is {chars} characters long; the limit is {MAX_TAG_CHARS}"
        ));
    }
    if let Some(c) = tag.chars().find(|c| c.is_control()) {
        return Err(format!(
            "tag '{}' contains the control character U+{:04X}",
            printable(tag),
            c as u32
        ));
    }
    Ok(())
}

/// One machine × one action × one value: the unit every result row reports on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    pub machine: MachineRef,
    pub action: Action,
    /// The tag, or the device value as the API spells it. Shared: many rows carry one tag.
    pub value: Arc<str>,
}

/// Where an operation came from, for messages (`FILE:LINE`) and duplicate details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub source: Arc<str>,
    pub line: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.source)
        } else {
            write!(f, "{}:{}", self.source, self.line)
        }
    }
}

/// How one operation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Succeeded,
    Failed,
    Skipped,
    Planned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::Planned => "planned",
        }
    }
}

/// Why an operation did not succeed: the API's error code and message, or mdetag's own
/// (`duplicate`, `unchanged`, `machine not found`, `interrupted`, `not applied`, …).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

/// An operation whose end is known before any write: skipped or failed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    pub status: Status,
    pub error: ErrorInfo,
}

impl Settled {
    pub fn skipped(code: &str, message: impl Into<String>) -> Self {
        Settled {
            status: Status::Skipped,
            error: ErrorInfo {
                code: code.into(),
                message: message.into(),
            },
        }
    }

    pub fn failed(code: &str, message: impl Into<String>) -> Self {
        Settled {
            status: Status::Failed,
            error: ErrorInfo {
                code: code.into(),
                message: message.into(),
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct PlannedOp {
    pub op: Operation,
    pub origin: Origin,
    /// `None`: send it. `Some`: report this without sending anything.
    pub settled: Option<Settled>,
    /// Set when `tag set` makes this machine's tags exact with one PATCH (index into
    /// `Plan::replacements`) instead of add/remove calls.
    pub replacement: Option<u32>,
}

/// `PATCH /api/machines/{id}` with the machine's whole new tag set, covering several operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    pub machine: MachineId,
    pub tags: Vec<Arc<str>>,
}

/// Most machine IDs one `AddOrRemoveTagForMultipleMachines` call takes.
pub const MAX_BATCH: usize = 500;

/// How operations reach the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// `POST /api/machines/{id}/tags` or `PATCH /api/machines/{id}` (device value) for one operation.
    Single(usize),
    /// `POST /api/machines/AddOrRemoveTagForMultipleMachines`: one tag, one action, ≤500 machines.
    Batch {
        action: Action,
        value: Arc<str>,
        ops: Vec<usize>,
    },
    /// `PATCH /api/machines/{id}` with `machineTags`: every operation of one machine at once.
    Replace { replacement: u32, ops: Vec<usize> },
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
    pub fn of(calls: &[Call], plan: &Plan) -> CallCounts {
        let mut c = CallCounts::default();
        for call in calls {
            match call {
                Call::Batch { .. } => c.batch += 1,
                Call::Replace { .. } => c.replace += 1,
                Call::Single(i) if plan.ops[*i].op.action == Action::SetValue => {
                    c.device_value += 1
                }
                Call::Single(_) => c.per_machine_tag += 1,
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

/// The validated plan, in input order. Every input operation is here exactly once.
#[derive(Debug, Default)]
pub struct Plan {
    pub ops: Vec<PlannedOp>,
    pub replacements: Vec<Replacement>,
}

impl Plan {
    /// Groups what must be sent into calls: add/remove operations sharing a tag and an action
    /// go out in batches of up to 500 (unless `batching` is off), device values and the rest one
    /// machine at a time, `tag set` replacements as one PATCH per machine.
    pub fn calls(&self, batching: bool) -> Vec<Call> {
        let mut calls = Vec::new();
        let mut groups: HashMap<(Action, Arc<str>), usize> = HashMap::new();
        let mut batches: Vec<(Action, Arc<str>, Vec<usize>)> = Vec::new();
        let mut replaces: HashMap<u32, usize> = HashMap::new();
        for (i, p) in self.ops.iter().enumerate() {
            if p.settled.is_some() || p.op.machine.id().is_none() {
                continue;
            }
            if let Some(r) = p.replacement {
                match replaces.entry(r) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        if let Call::Replace { ops, .. } = &mut calls[*e.get()] {
                            ops.push(i);
                        }
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(calls.len());
                        calls.push(Call::Replace {
                            replacement: r,
                            ops: vec![i],
                        });
                    }
                }
                continue;
            }
            match p.op.action {
                Action::Add | Action::Remove if batching => {
                    let key = (p.op.action, p.op.value.clone());
                    let slot = *groups.entry(key).or_insert_with(|| {
                        batches.push((p.op.action, p.op.value.clone(), Vec::new()));
                        batches.len() - 1
                    });
                    batches[slot].2.push(i);
                }
                _ => calls.push(Call::Single(i)),
            }
        }
        for (action, value, ops) in batches {
            for chunk in ops.chunks(MAX_BATCH) {
                // A batch of one costs what the per-machine call costs; that one's errors are clearer.
                match chunk {
                    [one] => calls.push(Call::Single(*one)),
                    _ => calls.push(Call::Batch {
                        action,
                        value: value.clone(),
                        ops: chunk.to_vec(),
                    }),
                }
            }
        }
        calls
    }
}

/// Builds a plan from operations in input order: identical operations run once (repeats are
/// skipped as `duplicate`); contradicting ones (Add and Remove of one tag on one machine, two
/// device values for one machine) are errors that name both lines.
///
/// Repeats are found by sorting operation indices once at the end rather than by a hash map
/// kept while reading: for a million rows that is 4 MB of indices instead of ~150 MB of map.
#[derive(Default)]
pub struct PlanBuilder {
    plan: Plan,
    /// Operations to check for repeats and contradictions (those added by `push`).
    checked: Vec<u32>,
    errors: Vec<InputError>,
    tags: HashMap<Box<str>, Arc<str>>,
    /// After resolution, two names can turn out to be one machine: a contradiction found then
    /// fails the later operation instead of stopping the run (it is no longer an input error).
    settle_conflicts: bool,
}

/// One problem with the input, located as precisely as the input allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub origin: Origin,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

impl PlanBuilder {
    /// A builder for the resolved plan; see `settle_conflicts`.
    pub fn resolved() -> Self {
        PlanBuilder {
            settle_conflicts: true,
            ..Default::default()
        }
    }

    /// Returns the shared copy of a value, so a million rows with one tag hold it once.
    pub fn intern(&mut self, value: &str) -> Arc<str> {
        if let Some(v) = self.tags.get(value) {
            return v.clone();
        }
        let v: Arc<str> = Arc::from(value);
        self.tags.insert(value.into(), v.clone());
        v
    }

    pub fn error(&mut self, origin: Origin, reason: String) {
        self.errors.push(InputError { origin, reason });
    }

    /// Adds an operation that is already settled (not found, unchanged, …), unchecked.
    pub fn push_settled(&mut self, op: Operation, origin: Origin, settled: Settled) {
        self.plan.ops.push(PlannedOp {
            op,
            origin,
            settled: Some(settled),
            replacement: None,
        });
    }

    /// Adds an operation that will be part of a `tag set` replacement.
    pub fn push_replaced(&mut self, op: Operation, origin: Origin, replacement: Replacement) {
        let index = self
            .plan
            .replacements
            .iter()
            .rposition(|r| r.machine == replacement.machine && r.tags == replacement.tags);
        let index = index.unwrap_or_else(|| {
            self.plan.replacements.push(replacement);
            self.plan.replacements.len() - 1
        });
        self.plan.ops.push(PlannedOp {
            op,
            origin,
            settled: None,
            replacement: Some(index as u32),
        });
    }

    /// Room for `n` more operations (callers that know the size avoid regrowing).
    pub fn reserve(&mut self, n: usize) {
        self.plan.ops.reserve(n);
        self.checked.reserve(n);
    }

    pub fn push(&mut self, op: Operation, origin: Origin) {
        self.checked
            .push(u32::try_from(self.plan.ops.len()).expect("fewer than 4 billion operations"));
        self.plan.ops.push(PlannedOp {
            op,
            origin,
            settled: None,
            replacement: None,
        });
    }

    /// Marks repeats of an earlier operation (same machine, same tag or device value) as
    /// duplicates, or as conflicts when they differ.
    fn check_repeats(&mut self) {
        let mut order = std::mem::take(&mut self.checked);
        let ops = &self.plan.ops;
        // What one machine can only have once: a given tag's presence, or a device value.
        fn slot(p: &PlannedOp) -> (u8, &str) {
            match p.op.action {
                Action::Add | Action::Remove => (0, &p.op.value),
                Action::SetValue => (1, ""),
            }
        }
        order.sort_unstable_by(|&a, &b| {
            let (pa, pb) = (&ops[a as usize], &ops[b as usize]);
            (&pa.op.machine, slot(pa))
                .cmp(&(&pb.op.machine, slot(pb)))
                .then(a.cmp(&b))
        });
        let mut verdicts: Vec<(usize, Result<Settled, String>)> = Vec::new();
        let mut first = 0usize;
        for k in 1..order.len() {
            let (f, i) = (order[first] as usize, order[k] as usize);
            let (head, this) = (&ops[f], &ops[i]);
            if (&head.op.machine, slot(head)) != (&this.op.machine, slot(this)) {
                first = k;
                continue;
            }
            if head.op == this.op {
                verdicts.push((
                    i,
                    Ok(Settled::skipped(
                        "duplicate",
                        format!("same as {}", head.origin),
                    )),
                ));
                continue;
            }
            let reason = match this.op.action {
                Action::SetValue => format!(
                    "conflicts with {}: device value {} and {} for machine {}",
                    head.origin, head.op.value, this.op.value, this.op.machine
                ),
                _ => format!(
                    "conflicts with {}: {} and {} of tag '{}' on machine {}",
                    head.origin,
                    head.op.action.as_str(),
                    this.op.action.as_str(),
                    printable(&this.op.value),
                    this.op.machine
                ),
            };
            verdicts.push((i, Err(reason)));
        }
        for (i, verdict) in verdicts {
            match verdict {
                Ok(settled) => self.plan.ops[i].settled = Some(settled),
                Err(reason) if self.settle_conflicts => {
                    self.plan.ops[i].settled = Some(Settled::failed("conflict", reason))
                }
                Err(reason) => self.errors.push(InputError {
                    origin: self.plan.ops[i].origin.clone(),
                    reason,
                }),
            }
        }
    }

    /// The plan, or every problem found, in input order.
    pub fn finish(mut self) -> Result<Plan, Vec<InputError>> {
        self.check_repeats();
        if self.errors.is_empty() {
            Ok(self.plan)
        } else {
            self.errors.sort_by(|a, b| {
                (&a.origin.source, a.origin.line).cmp(&(&b.origin.source, b.origin.line))
            });
            Err(self.errors)
        }
    }
}

/// One machine's current tags, read from the API, for `tag set`.
pub struct TagSetTarget {
    pub machine: MachineId,
    pub current: Vec<String>,
    pub origin: Origin,
}

/// Plans `tag set`: make each machine's tags exactly `desired` with the fewest calls.
///
/// Every difference is an add or remove operation (each machine keeps its own rows; tags it
/// already has are `skipped`, `unchanged`). A machine's differences go out either in the shared
/// batch calls or as one PATCH of its whole tag set, whichever costs fewer calls: a difference
/// that no other machine shares costs a batch call of its own, so a machine with two or more of
/// those is cheaper to PATCH. An empty `desired` is never PATCHed (the API refuses an empty
/// `machineTags`); it is reached by removals.
pub fn plan_tag_set(
    b: &mut PlanBuilder,
    targets: &[TagSetTarget],
    desired: &[Arc<str>],
    batching: bool,
) {
    struct Diff {
        adds: Vec<Arc<str>>,
        removes: Vec<Arc<str>>,
    }
    let diffs: Vec<Diff> = targets
        .iter()
        .map(|t| Diff {
            adds: desired
                .iter()
                .filter(|d| !t.current.iter().any(|c| c == &***d))
                .cloned()
                .collect(),
            removes: t
                .current
                .iter()
                .filter(|c| !desired.iter().any(|d| &**d == c.as_str()))
                .map(|c| b.intern(c))
                .collect(),
        })
        .collect();
    let keys = |d: &Diff| -> Vec<(Action, Arc<str>)> {
        d.adds
            .iter()
            .map(|v| (Action::Add, v.clone()))
            .chain(d.removes.iter().map(|v| (Action::Remove, v.clone())))
            .collect()
    };
    let mut shared: HashMap<(Action, Arc<str>), usize> = HashMap::new();
    for d in &diffs {
        for k in keys(d) {
            *shared.entry(k).or_default() += 1;
        }
    }
    for (t, d) in targets.iter().zip(&diffs) {
        for v in desired.iter().filter(|v| !d.adds.contains(v)) {
            let op = Operation {
                machine: MachineRef::Id(t.machine),
                action: Action::Add,
                value: v.clone(),
            };
            b.push_settled(
                op,
                t.origin.clone(),
                Settled::skipped("unchanged", "the machine already has this tag"),
            );
        }
        let my_keys = keys(d);
        if my_keys.is_empty() {
            if desired.is_empty() {
                let op = Operation {
                    machine: MachineRef::Id(t.machine),
                    action: Action::Remove,
                    value: b.intern("(all tags)"),
                };
                b.push_settled(
                    op,
                    t.origin.clone(),
                    Settled::skipped("unchanged", "the machine has no tags"),
                );
            }
            continue;
        }
        // Calls this machine alone makes in the batched plan: its differences nobody else shares
        // (more precisely, that would open a new 500-machine chunk).
        let alone = if batching {
            my_keys
                .iter()
                .filter(|k| shared[*k] % MAX_BATCH == 1)
                .count()
        } else {
            my_keys.len()
        };
        let patch = !desired.is_empty() && alone > 1;
        for (action, value) in my_keys {
            let op = Operation {
                machine: MachineRef::Id(t.machine),
                action,
                value: value.clone(),
            };
            if patch {
                *shared.get_mut(&(action, value)).expect("counted") -= 1;
                b.push_replaced(
                    op,
                    t.origin.clone(),
                    Replacement {
                        machine: t.machine,
                        tags: desired.to_vec(),
                    },
                );
            } else {
                b.push(op, t.origin.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "1E5BC9D7E413DDD7902C2932E418702B84D0CC07";

    fn origin(line: u64) -> Origin {
        Origin {
            source: "t.csv".into(),
            line,
        }
    }

    fn op(b: &mut PlanBuilder, action: Action, value: &str) -> Operation {
        Operation {
            machine: MachineRef::Id(MachineId::parse(ID).unwrap()),
            action,
            value: b.intern(value),
        }
    }

    fn id(n: usize) -> MachineId {
        MachineId::parse(&format!("{n:040x}")).unwrap()
    }

    fn tagging(n: usize, action: Action, tag: &str) -> Plan {
        let mut b = PlanBuilder::default();
        let v = b.intern(tag);
        for i in 0..n {
            b.push(
                Operation {
                    machine: MachineRef::Id(id(i)),
                    action,
                    value: v.clone(),
                },
                origin(i as u64 + 2),
            );
        }
        b.finish().unwrap()
    }

    #[test]
    fn machine_refs_are_ids_or_host_names() {
        assert_eq!(
            MachineRef::parse(ID).unwrap(),
            MachineRef::Id(MachineId::parse(ID).unwrap())
        );
        assert_eq!(
            MachineRef::parse(" WS-01.Contoso.local ").unwrap(),
            MachineRef::Name("ws-01.contoso.local".into())
        );
        assert!(MachineRef::parse("two words").is_err());
        assert!(MachineRef::parse("o'brien").is_err());
        assert!(MachineRef::parse("").is_err());
    }

    #[test]
    fn shared_tag_operations_batch_by_500() {
        let plan = tagging(1002, Action::Add, "x");
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
            CallCounts::of(&calls, &plan).describe(),
            "3 batch tag (≤500 machines)"
        );
        // A lone leftover goes out as the per-machine call.
        let calls = tagging(501, Action::Remove, "x").calls(true);
        assert!(
            matches!(calls[..], [Call::Batch { .. }, Call::Single(500)]),
            "{calls:?}"
        );
        assert_eq!(plan.calls(false).len(), 1002);
        assert!(
            plan.calls(false)
                .iter()
                .all(|c| matches!(c, Call::Single(_)))
        );
    }

    #[test]
    fn device_values_settled_ops_and_unresolved_names_are_not_batched() {
        let mut b = PlanBuilder::default();
        let high = b.intern("High");
        let x = b.intern("x");
        b.push(
            Operation {
                machine: MachineRef::Id(id(1)),
                action: Action::SetValue,
                value: high,
            },
            origin(2),
        );
        b.push(
            Operation {
                machine: MachineRef::Id(id(1)),
                action: Action::Add,
                value: x.clone(),
            },
            origin(3),
        );
        b.push(
            Operation {
                machine: MachineRef::Id(id(2)),
                action: Action::Add,
                value: x.clone(),
            },
            origin(4),
        );
        b.push(
            Operation {
                machine: MachineRef::Id(id(2)),
                action: Action::Add,
                value: x.clone(),
            },
            origin(5),
        );
        b.push(
            Operation {
                machine: MachineRef::Name("ghost".into()),
                action: Action::Add,
                value: x,
            },
            origin(6),
        );
        let plan = b.finish().unwrap();
        let calls = plan.calls(true);
        assert_eq!(
            calls,
            vec![
                Call::Single(0),
                Call::Batch {
                    action: Action::Add,
                    value: "x".into(),
                    ops: vec![1, 2]
                }
            ]
        );
        let counts = CallCounts::of(&calls, &plan);
        assert_eq!(
            (counts.batch, counts.device_value, counts.total()),
            (1, 1, 2)
        );
    }

    fn tag_set(current: &[&[&str]], desired: &[&str], batching: bool) -> (Plan, Vec<Call>) {
        let mut b = PlanBuilder::default();
        let desired: Vec<Arc<str>> = desired.iter().map(|d| b.intern(d)).collect();
        let targets: Vec<TagSetTarget> = current
            .iter()
            .enumerate()
            .map(|(i, tags)| TagSetTarget {
                machine: id(i),
                current: tags.iter().map(|t| t.to_string()).collect(),
                origin: origin(0),
            })
            .collect();
        plan_tag_set(&mut b, &targets, &desired, batching);
        let plan = b.finish().unwrap();
        let calls = plan.calls(batching);
        (plan, calls)
    }

    #[test]
    fn tag_set_batches_shared_differences() {
        // Three machines lacking "A" or carrying "old": one batch call for each difference.
        let (plan, calls) = tag_set(&[&["old"], &["old"], &["old", "A"], &[]], &["A"], true);
        assert_eq!(
            CallCounts::of(&calls, &plan).describe(),
            "2 batch tag (≤500 machines)"
        );
        let unchanged = plan
            .ops
            .iter()
            .filter(|p| {
                p.settled
                    .as_ref()
                    .is_some_and(|s| s.error.code == "unchanged")
            })
            .count();
        assert_eq!(unchanged, 1);
    }

    #[test]
    fn tag_set_patches_a_machine_whose_differences_are_its_own() {
        // Machine 2 has two tags nobody else has: one PATCH beats two calls of its own.
        let (plan, calls) = tag_set(&[&["old"], &["old"], &["old", "u1", "u2"]], &["A"], true);
        let counts = CallCounts::of(&calls, &plan);
        assert_eq!((counts.batch, counts.replace), (2, 1), "{calls:?}");
        assert_eq!(
            plan.replacements,
            vec![Replacement {
                machine: id(2),
                tags: vec!["A".into()]
            }]
        );
        // Every difference of machine 2 is still its own row.
        let rows = plan
            .ops
            .iter()
            .filter(|p| p.op.machine == MachineRef::Id(id(2)))
            .count();
        assert_eq!(rows, 4);
        // Without batching, a PATCH replaces any two or more calls.
        let (plan, calls) = tag_set(&[&["old"], &["old", "u1", "u2"]], &["A"], false);
        let counts = CallCounts::of(&calls, &plan);
        assert_eq!((counts.per_machine_tag, counts.replace), (0, 2));
    }

    #[test]
    fn tag_set_to_nothing_removes_and_never_patches_an_empty_set() {
        let (plan, calls) = tag_set(&[&["a", "b"], &["a"], &[]], &[], true);
        assert!(plan.replacements.is_empty());
        let counts = CallCounts::of(&calls, &plan);
        assert_eq!(
            (counts.batch, counts.per_machine_tag, counts.replace),
            (1, 1, 0)
        );
        let settled: Vec<_> = plan.ops.iter().filter_map(|p| p.settled.as_ref()).collect();
        assert_eq!(
            settled.len(),
            1,
            "the machine with no tags still gets its row"
        );
    }

    #[test]
    fn machine_ids_are_40_hex_and_lower_cased() {
        assert_eq!(
            MachineId::parse(ID).unwrap().to_string(),
            ID.to_ascii_lowercase()
        );
        assert!(MachineId::parse(&ID[1..]).is_err());
        assert!(MachineId::parse(&format!("{}g", &ID[1..])).is_err());
        assert!(MachineId::parse("").is_err());
        let err = MachineId::parse("web\u{1b}[31m-01").unwrap_err();
        assert!(!err.contains('\u{1b}'), "{err}");
    }

    #[test]
    fn tags_are_checked() {
        assert!(check_tag("test Tag 2").is_ok());
        assert_eq!(check_tag("").unwrap_err(), "empty tag");
        assert!(check_tag(&"x".repeat(200)).is_ok());
        assert!(
            check_tag(&"é".repeat(201))
                .unwrap_err()
                .contains("201 characters")
        );
        assert!(check_tag("a\tb").unwrap_err().contains("U+0009"));
    }

    #[test]
    fn actions_and_values_parse_in_any_case() {
        assert_eq!(Action::parse("ADD"), Some(Action::Add));
        assert_eq!(Action::parse("set-value"), Some(Action::SetValue));
        assert_eq!(Action::parse("SetValue"), Some(Action::SetValue));
        assert_eq!(Action::parse("delete"), None);
        assert_eq!(DeviceValue::parse("high"), Some(DeviceValue::High));
        assert_eq!(DeviceValue::parse("Medium"), None);
    }

    #[test]
    fn identical_operations_run_once_and_repeats_are_skipped() {
        let mut b = PlanBuilder::default();
        let a = op(&mut b, Action::Add, "x");
        b.push(a.clone(), origin(2));
        b.push(a, origin(5));
        let plan = b.finish().unwrap();
        assert_eq!(plan.ops.len(), 2);
        assert!(plan.ops[0].settled.is_none());
        let skip = plan.ops[1].settled.as_ref().unwrap();
        assert_eq!(
            (skip.status, skip.error.code.as_str()),
            (Status::Skipped, "duplicate")
        );
        assert_eq!(skip.error.message, "same as t.csv:2");
        assert_eq!(plan.calls(false), vec![Call::Single(0)]);
    }

    #[test]
    fn add_and_remove_of_one_tag_conflict() {
        let mut b = PlanBuilder::default();
        let add = op(&mut b, Action::Add, "x");
        let remove = op(&mut b, Action::Remove, "x");
        let other = op(&mut b, Action::Remove, "X");
        b.push(add, origin(2));
        b.push(remove, origin(3));
        b.push(other, origin(4));
        let errors = b.finish().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].origin.line, 3);
        assert!(
            errors[0].reason.contains("conflicts with t.csv:2"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn two_device_values_conflict_but_one_repeated_does_not() {
        let mut b = PlanBuilder::default();
        let low = op(&mut b, Action::SetValue, "Low");
        let high = op(&mut b, Action::SetValue, "High");
        b.push(low.clone(), origin(2));
        b.push(low, origin(3));
        b.push(high, origin(4));
        let errors = b.finish().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("t.csv:4: conflicts with t.csv:2")
        );
    }
}
