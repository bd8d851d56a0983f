//! Builds a plan from operations in input order: identical operations run once (repeats are
//! skipped as `duplicate`); contradicting ones (Add and Remove of one tag on one machine, in
//! any spelling of its case; two device values for one machine) are errors that name both
//! lines.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::problems::{InputError, InputErrors, Problems};
use super::{Plan, PlannedOp, Replacement};
use crate::model::Reason;
use crate::model::text::excerpt;
use crate::model::{
    Action, Change, Invalid, MachineId, MachineRef, Operation, Origin, Rows, Settled, Tag,
};

/// Repeats are found by sorting operation indices once at the end rather than by a hash map
/// kept while reading: for a million rows that is 4 MB of indices instead of ~150 MB of map.
#[derive(Default)]
pub struct PlanBuilder {
    plan: Plan,
    /// Operations to check for repeats and contradictions (those added by `push`).
    checked: Vec<u32>,
    errors: Problems,
    /// Every tag text seen and what it parsed to, so a million rows with one tag hold it once
    /// and check it once.
    tags: HashMap<Box<str>, Result<Tag, Invalid>, foldhash::fast::RandomState>,
    /// Each `tag set` replacement's index in the plan, by machine and tags.
    replaced: HashMap<(MachineId, Vec<Tag>), usize, foldhash::fast::RandomState>,
    /// After resolution, two names can turn out to be one machine: a contradiction found then
    /// fails the later operation instead of stopping the run (it is no longer an input error).
    settle_conflicts: bool,
}

impl PlanBuilder {
    /// A builder for the resolved plan; see `settle_conflicts`.
    pub fn resolved() -> Self {
        PlanBuilder {
            settle_conflicts: true,
            ..Default::default()
        }
    }

    /// The tag `text` names, shared with every other use of the same text.
    pub fn tag(&mut self, text: &str) -> Result<Tag, Invalid> {
        if let Some(t) = self.tags.get(text) {
            return t.clone();
        }
        let t = Tag::parse(text);
        self.tags.insert(text.into(), t.clone());
        t
    }

    /// A tag the server reports, kept as it is (only ever sent back to remove it).
    pub fn existing_tag(&mut self, text: &str) -> Tag {
        self.tag(text).unwrap_or_else(|_| Tag::existing(text))
    }

    /// The change `action` makes with `value`.
    pub fn change(&mut self, action: Action, value: &str) -> Result<Change, Invalid> {
        match action {
            Action::Tag(a) => Ok(Change::Tag(a, self.tag(value)?)),
            Action::SetValue => action.with_value(value),
        }
    }

    pub fn error(&mut self, origin: Origin, reason: impl Into<String>) {
        self.errors.push(InputError {
            origin,
            reason: reason.into(),
        });
    }

    /// Why reading an input stopped (it never ended, a line is too long, …): shown however
    /// many problems came before it.
    pub fn stopped(&mut self, origin: Origin, reason: impl Into<String>) {
        self.errors.stop(InputError {
            origin,
            reason: reason.into(),
        });
    }

    /// Adds an operation that is already settled (not found, unchanged, …), unchecked.
    pub fn push_settled(
        &mut self,
        op: Operation,
        origin: Origin,
        settled: impl Into<Box<Settled>>,
    ) {
        self.plan.ops.push(PlannedOp {
            op,
            origin,
            settled: Some(settled.into()),
            replacement: None,
        });
    }

    /// Adds an operation that will be part of a `tag set` replacement.
    pub fn push_replaced(&mut self, op: Operation, origin: Origin, replacement: Replacement) {
        // By machine, in a map: a search of every replacement so far for each machine was
        // quadratic in a large `tag set`.
        let replacements = &mut self.plan.replacements;
        let index = *self
            .replaced
            .entry((replacement.machine, replacement.tags.clone()))
            .or_insert_with(|| {
                replacements.push(replacement);
                replacements.len() - 1
            });
        self.plan.ops.push(PlannedOp {
            op,
            origin,
            settled: None,
            replacement: Some(index as u32),
        });
    }

    /// Adds an operation planned from a machine's own tags, not checked for repeats: a
    /// rename's removals of `finance` and of `FINANCE` from one machine are two operations, not
    /// a duplicate, and its removal of `finance` with its addition of `Finance` a re-spelling,
    /// not a conflict (the executor sends the removal first: `plan::phases`).
    pub fn push_respelled(&mut self, op: Operation, origin: Origin) {
        self.plan.ops.push(PlannedOp {
            op,
            origin,
            settled: None,
            replacement: None,
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

    /// Marks repeats of an earlier operation (same machine, same tag — in any case — or a
    /// device value) as duplicates, or as conflicts when they differ.
    fn check_repeats(&mut self) {
        self.check_repeats_hashed(slot_hash);
    }

    /// `check_repeats` with any hash of slots (tests make every slot collide).
    fn check_repeats_hashed(&mut self, slot_hash: fn(Slot) -> u64) {
        let checked = std::mem::take(&mut self.checked);
        let ops = &self.plan.ops;
        // Each operation's slot hashed once, above its index: sorting these is sorting plain
        // integers, and only operations whose hashes meet are looked at again (a look-up into
        // the operations for each comparison was a third of a million-row dry run).
        let mut keyed: Vec<u128> = checked
            .iter()
            .map(|&i| (u128::from(slot_hash(slot(&ops[i as usize]))) << 32) | u128::from(i))
            .collect();
        drop(checked);
        keyed.sort_unstable();
        let hash = |k: u128| (k >> 32) as u64;
        let index = |k: u128| k as u32 as usize;
        // Two slots can share a hash: within a run of equal hashes, order by the slot itself
        // (a stable sort keeps input order among equal slots).
        let mut start = 0;
        for k in 1..=keyed.len() {
            if k == keyed.len() || hash(keyed[k]) != hash(keyed[start]) {
                if k - start > 1 {
                    keyed[start..k]
                        .sort_by(|&a, &b| slot(&ops[index(a)]).cmp(&slot(&ops[index(b)])));
                }
                start = k;
            }
        }
        enum Verdict {
            Duplicate(Settled),
            Conflict(String),
        }
        let mut verdicts: Vec<(usize, Verdict)> = Vec::new();
        let mut first = 0usize;
        for k in 1..keyed.len() {
            if hash(keyed[k]) != hash(keyed[first]) {
                first = k;
                continue;
            }
            let (f, i) = (index(keyed[first]), index(keyed[k]));
            let (head, this) = (&ops[f], &ops[i]);
            if slot(head) != slot(this) {
                first = k;
                continue;
            }
            if head.op == this.op {
                verdicts.push((
                    i,
                    Verdict::Duplicate(Settled::skipped(
                        Reason::Duplicate,
                        format!("same as {}", head.origin),
                    )),
                ));
                continue;
            }
            let reason = match &this.op.change {
                Change::SetValue(v) => format!(
                    "conflicts with {}: device value {} and {} for machine {}",
                    head.origin,
                    head.op.change.value(),
                    v.as_str(),
                    this.op.machine
                ),
                Change::Tag(..) => format!(
                    "conflicts with {}: {} of tag '{}' and {} of tag '{}' on machine {}",
                    head.origin,
                    head.op.change.action().as_str(),
                    excerpt(head.op.change.value()),
                    this.op.change.action().as_str(),
                    excerpt(this.op.change.value()),
                    this.op.machine
                ),
            };
            verdicts.push((i, Verdict::Conflict(reason)));
        }
        for (i, verdict) in verdicts {
            match verdict {
                Verdict::Duplicate(settled) => self.plan.ops[i].settled = Some(Box::new(settled)),
                Verdict::Conflict(reason) if self.settle_conflicts => {
                    self.plan.ops[i].settled =
                        Some(Box::new(Settled::failed(Reason::Conflict, reason)))
                }
                Verdict::Conflict(reason) => self.errors.push(InputError {
                    origin: self.plan.ops[i].origin.clone(),
                    reason,
                }),
            }
        }
    }

    /// The plan, or the problems found (the first of them, in input order).
    pub fn finish(mut self) -> Result<Plan, InputErrors> {
        self.check_repeats();
        if self.errors.is_empty() {
            Ok(self.plan)
        } else {
            Err(self.errors.finish())
        }
    }
}

/// What one machine can only have once: a given tag's presence, or a device value.
type Slot<'a> = (&'a MachineRef, Option<&'a Tag>);

fn slot(p: &PlannedOp) -> Slot<'_> {
    match &p.op.change {
        Change::Tag(_, tag) => (&p.op.machine, Some(tag)),
        Change::SetValue(_) => (&p.op.machine, None),
    }
}

/// A quick 64-bit hash of a slot, consistent with its equality: the machine ID's bytes (or its
/// name), then the tag's key. Slots that collide are only sorted more slowly, never confused.
fn slot_hash((machine, tag): Slot) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h.rotate_left(23) ^ w).wrapping_mul(K);
    let mut h = match machine {
        MachineRef::Id(id) => {
            let b = id.bytes();
            let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
            let tail = u64::from(u32::from_le_bytes(b[16..20].try_into().expect("4 bytes")));
            mix(mix(mix(0, word(0)), word(8)), tail)
        }
        MachineRef::Name(name) => {
            let mut s = DefaultHasher::new();
            name.hash(&mut s);
            mix(1, s.finish())
        }
    };
    h = mix(h, tag.map_or(0, Tag::key_hash));
    h ^ (h >> 29)
}

impl Rows for PlanBuilder {
    fn change(&mut self, action: Action, value: &str) -> Result<Change, Invalid> {
        PlanBuilder::change(self, action, value)
    }

    fn push(&mut self, op: Operation, origin: Origin) {
        PlanBuilder::push(self, op, origin);
    }

    fn error(&mut self, origin: Origin, reason: String) {
        PlanBuilder::error(self, origin, reason);
    }

    fn stopped(&mut self, origin: Origin, reason: String) {
        PlanBuilder::stopped(self, origin, reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MachineId, MachineRef, Status, TagAction};

    const ID: &str = "1E5BC9D7E413DDD7902C2932E418702B84D0CC07";

    fn origin(line: u64) -> Origin {
        Origin::new("t.csv", line)
    }

    fn op(b: &mut PlanBuilder, action: Action, value: &str) -> Operation {
        Operation {
            machine: MachineRef::Id(MachineId::parse(ID).unwrap()),
            change: b.change(action, value).unwrap(),
        }
    }

    const ADD: Action = Action::Tag(TagAction::Add);
    const REMOVE: Action = Action::Tag(TagAction::Remove);

    #[test]
    fn identical_operations_run_once_and_repeats_are_skipped() {
        let mut b = PlanBuilder::default();
        let a = op(&mut b, ADD, "x");
        let again = op(&mut b, ADD, " X ");
        b.push(a, origin(2));
        b.push(again, origin(5));
        let plan = b.finish().unwrap();
        assert_eq!(plan.ops.len(), 2);
        assert!(plan.ops[0].settled.is_none());
        let skip = plan.ops[1].settled.as_ref().unwrap();
        assert_eq!(
            (skip.status, skip.error.code.as_str()),
            (Status::Skipped, "duplicate")
        );
        assert_eq!(skip.error.message, "same as t.csv:2");
    }

    #[test]
    fn add_and_remove_of_one_tag_conflict_in_any_case() {
        let mut b = PlanBuilder::default();
        let add = op(&mut b, ADD, "REL-Case0");
        let remove = op(&mut b, REMOVE, "rel-case0");
        let other = op(&mut b, REMOVE, "other");
        b.push(add, origin(2));
        b.push(remove, origin(3));
        b.push(other, origin(4));
        let errors = b.finish().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].origin.line, 3);
        assert!(
            errors[0].reason.contains(
                "conflicts with t.csv:2: add of tag 'REL-Case0' and remove of tag 'rel-case0'"
            ),
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

    #[test]
    fn one_text_is_one_tag() {
        let mut b = PlanBuilder::default();
        let (x, y) = (b.tag("x").unwrap(), b.tag("x").unwrap());
        assert!(std::ptr::eq(x.as_str(), y.as_str()), "interned once");
        assert!(b.tag("").is_err());
        assert_eq!(b.existing_tag("a\u{200b}b").as_str(), "a\u{200b}b");
    }

    /// Repeats and contradictions, found by sorting hashes, are exactly what comparing every
    /// operation with the first of its slot finds, with the real hash and with one that makes
    /// every slot collide.
    mod repeats {
        use super::*;
        use crate::model::DeviceValue;
        use proptest::prelude::*;

        const IDS: [&str; 3] = [
            "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
            "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687",
            "0000000000000000000000000000000000000000",
        ];
        const NAMES: [&str; 2] = ["ws-01", "db-02"];
        const TAGS: [&str; 4] = ["Wave", "wave", "WAVE-2", "x"];
        const VALUES: [&str; 2] = ["High", "Low"];

        /// (machine, what, value): machines 0–2 are IDs, 3–4 names; what 0 add, 1 remove, 2 value.
        fn operations(b: &mut PlanBuilder, rows: &[(usize, usize, usize)]) -> Vec<Operation> {
            rows.iter()
                .map(|&(m, what, v)| Operation {
                    machine: match m {
                        0..=2 => MachineRef::Id(MachineId::parse(IDS[m]).unwrap()),
                        _ => MachineRef::Name(NAMES[m - 3].into()),
                    },
                    change: match what {
                        0 => b.change(ADD, TAGS[v]).unwrap(),
                        1 => b.change(REMOVE, TAGS[v]).unwrap(),
                        _ => Change::SetValue(DeviceValue::parse(VALUES[v % 2]).unwrap()),
                    },
                })
                .collect()
        }

        /// What each operation was settled as: "duplicate same as …", "conflict", or nothing.
        fn verdicts(rows: &[(usize, usize, usize)], hash: fn(Slot) -> u64) -> Vec<Option<String>> {
            let mut b = PlanBuilder::resolved();
            for (line, op) in operations(&mut b, rows).into_iter().enumerate() {
                b.push(op, origin(line as u64 + 2));
            }
            b.check_repeats_hashed(hash);
            b.plan
                .ops
                .iter()
                .map(|p| {
                    p.settled.as_ref().map(|s| match s.error.code.as_str() {
                        "conflict" => "conflict".to_string(),
                        code => format!("{code} {}", s.error.message),
                    })
                })
                .collect()
        }

        /// Each operation against every earlier one: the first with its slot decides.
        fn reference(rows: &[(usize, usize, usize)]) -> Vec<Option<String>> {
            let ops = operations(&mut PlanBuilder::resolved(), rows);
            let slot_of = |o: &Operation| match &o.change {
                Change::Tag(_, t) => (o.machine.clone(), Some(t.clone())),
                Change::SetValue(_) => (o.machine.clone(), None),
            };
            (0..ops.len())
                .map(|i| {
                    let head = (0..i).find(|&j| slot_of(&ops[j]) == slot_of(&ops[i]))?;
                    Some(if ops[head] == ops[i] {
                        format!("duplicate same as {}", origin(head as u64 + 2))
                    } else {
                        "conflict".into()
                    })
                })
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]
            #[test]
            fn sorting_hashes_finds_what_comparing_all_finds(
                rows in proptest::collection::vec((0usize..5, 0usize..3, 0usize..4), 0..40)
            ) {
                let want = reference(&rows);
                prop_assert_eq!(&verdicts(&rows, slot_hash), &want);
                prop_assert_eq!(&verdicts(&rows, |_| 0), &want);
                prop_assert_eq!(&verdicts(&rows, |(m, _)| m.to_string().len() as u64), &want);
            }
        }
    }
}
