//! Operations and the plan: what will be done, validated, deduplicated and grouped into calls
//! before the first call is made. Pure code, no I/O.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
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
    pub machine: MachineId,
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

/// Why an operation will not be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    pub code: &'static str,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct PlannedOp {
    pub op: Operation,
    pub origin: Origin,
    /// `None`: send it. `Some`: report it skipped with this reason.
    pub skip: Option<Skip>,
}

/// How an operation reaches the API. One call per machine for now; the batch call will group
/// several operations into one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// `POST /api/machines/{id}/tags` or `PATCH /api/machines/{id}` for one planned operation.
    Single(usize),
}

/// The validated plan, in input order. Every input operation is here exactly once.
#[derive(Debug, Default)]
pub struct Plan {
    pub ops: Vec<PlannedOp>,
}

impl Plan {
    pub fn calls(&self) -> Vec<Call> {
        self.ops
            .iter()
            .enumerate()
            .filter(|(_, p)| p.skip.is_none())
            .map(|(i, _)| Call::Single(i))
            .collect()
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Slot {
    Tag(Arc<str>),
    DeviceValue,
}

/// Builds a plan from operations in input order: identical operations run once (repeats are
/// skipped as `duplicate`); contradicting ones (Add and Remove of one tag on one machine, two
/// device values for one machine) are errors that name both lines.
#[derive(Default)]
pub struct PlanBuilder {
    plan: Plan,
    seen: HashMap<(MachineId, Slot), usize>,
    errors: Vec<InputError>,
    tags: HashMap<Box<str>, Arc<str>>,
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

    pub fn push(&mut self, op: Operation, origin: Origin) {
        let slot = match op.action {
            Action::Add | Action::Remove => Slot::Tag(op.value.clone()),
            Action::SetValue => Slot::DeviceValue,
        };
        let index = self.plan.ops.len();
        let mut skip = None;
        match self.seen.entry((op.machine, slot)) {
            Entry::Vacant(v) => {
                v.insert(index);
            }
            Entry::Occupied(o) => {
                let first = &self.plan.ops[*o.get()];
                if first.op == op {
                    skip = Some(Skip {
                        code: "duplicate",
                        message: format!("same as {}", first.origin),
                    });
                } else {
                    let reason = match op.action {
                        Action::SetValue => format!(
                            "conflicts with {}: device value {} and {} for machine {}",
                            first.origin, first.op.value, op.value, op.machine
                        ),
                        _ => format!(
                            "conflicts with {}: {} and {} of tag '{}' on machine {}",
                            first.origin,
                            first.op.action.as_str(),
                            op.action.as_str(),
                            printable(&op.value),
                            op.machine
                        ),
                    };
                    self.errors.push(InputError { origin, reason });
                    return;
                }
            }
        }
        self.plan.ops.push(PlannedOp { op, origin, skip });
    }

    /// The plan, or every problem found, in input order.
    pub fn finish(mut self) -> Result<Plan, Vec<InputError>> {
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
            machine: MachineId::parse(ID).unwrap(),
            action,
            value: b.intern(value),
        }
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
        assert!(plan.ops[0].skip.is_none());
        let skip = plan.ops[1].skip.as_ref().unwrap();
        assert_eq!(skip.code, "duplicate");
        assert_eq!(skip.message, "same as t.csv:2");
        assert_eq!(plan.calls(), vec![Call::Single(0)]);
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
