use proptest::prelude::*;

use super::*;
use crate::model::{DeviceValue, Selection};

fn id(n: usize) -> MachineId {
    MachineId::parse(&format!("{n:040x}")).unwrap()
}

fn machine(n: usize, tags: &[&str], value: Option<&str>) -> Machine {
    Machine {
        id: id(n),
        name: Some(format!("ws-{n}.corp")),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        device_value: value.map(String::from),
        health_status: None,
        last_seen: None,
        os_platform: None,
        merged_into: None,
    }
}

fn tag_rule(name: &str, line: u64, sel: Selection) -> Rule {
    Rule {
        want: Want::Tag(Tag::parse(name).unwrap()),
        selection: sel,
        origin: Origin::new("rules.toml", line),
    }
}

fn by_tag(t: &str) -> Selection {
    Selection {
        tags: vec![Tag::parse(t).unwrap()],
        ..Selection::default()
    }
}

fn run(
    machines: &[Machine],
    rules: &[Rule],
    max: MaxRemovals,
) -> Result<Vec<(usize, String)>, Vec<Refusal>> {
    let map: HashMap<MachineId, Machine> = machines.iter().map(|m| (m.id, m.clone())).collect();
    let order: Vec<MachineId> = machines.iter().map(|m| m.id).collect();
    let fleet = Fleet {
        machines: &map,
        order: &order,
    };
    let selected: Vec<Vec<MachineId>> = rules
        .iter()
        .map(|r| select(r, &Answers::default(), &fleet).0)
        .collect();
    let plan = plan(rules, &selected, &fleet, max)?;
    Ok(plan
        .ops
        .iter()
        .map(|p| {
            let n = order
                .iter()
                .position(|i| Some(*i) == p.op.machine.id())
                .unwrap();
            let what = match &p.op.change {
                Change::Tag(a, t) => format!("{} {}", a.as_api(), t.as_str()),
                Change::SetValue(v) => format!("SetValue {}", v.as_str()),
            };
            (n, what)
        })
        .collect())
}

#[test]
fn a_tag_rule_adds_where_selected_and_removes_every_spelling_elsewhere() {
    let machines = [
        machine(0, &["Tier-0"], None),
        machine(1, &["tier-0", "owned"], None),
        machine(2, &["OWNED", "Other"], None),
        machine(3, &["Other"], None),
    ];
    let rules = [tag_rule("Owned", 1, by_tag("Tier-0"))];
    let ops = run(&machines, &rules, MaxRemovals::Percent(100)).unwrap();
    assert_eq!(
        ops,
        vec![(0, "Add Owned".into()), (2, "Remove OWNED".into())],
        "machine 1 has it in another case: unchanged; the tag Other is never touched"
    );
}

#[test]
fn two_values_for_one_machine_and_the_guards_refuse() {
    let machines: Vec<Machine> = (0..30)
        .map(|n| machine(n, if n < 20 { &["Owned", "A"] } else { &["B"] }, None))
        .collect();
    let value = |v: DeviceValue, t: &str, line| Rule {
        want: Want::Value(v),
        selection: by_tag(t),
        origin: Origin::new("rules.toml", line),
    };
    let both = [
        value(DeviceValue::High, "A", 1),
        value(DeviceValue::Low, "Owned", 5),
    ];
    let e = run(&machines, &both, MaxRemovals::Percent(10)).unwrap_err();
    assert_eq!(e.len(), 20);
    assert!(e[0].reason.contains("the rule at rules.toml:1"), "{e:?}");
    // Empty selection while 20 machines carry the tag.
    let e = run(
        &machines,
        &[tag_rule("Owned", 3, by_tag("Nobody"))],
        MaxRemovals::Percent(100),
    )
    .unwrap_err();
    assert!(e[0].reason.contains("selects no machine"), "{e:?}");
    // 15 of 20 removed: over 10% (never under 10 machines) refused; over 15 allowed.
    let some = |n: usize| Selection {
        machines: (0..n).map(|i| MachineRef::Id(id(i))).collect(),
        lists: true,
        ..Selection::default()
    };
    let e = run(
        &machines,
        &[tag_rule("Owned", 3, some(5))],
        MaxRemovals::Percent(10),
    );
    assert!(e.unwrap_err()[0].reason.contains("--max-removals"));
    let ok = run(
        &machines,
        &[tag_rule("Owned", 3, some(5))],
        MaxRemovals::Count(15),
    );
    assert_eq!(ok.unwrap().len(), 15);
    let ok = run(
        &machines,
        &[tag_rule("Owned", 3, some(10))],
        MaxRemovals::Percent(10),
    );
    assert_eq!(ok.unwrap().len(), 10, "10 removals: the floor allows them");
}

#[test]
fn max_removals_parses_counts_and_shares() {
    assert_eq!(MaxRemovals::parse("25"), Ok(MaxRemovals::Count(25)));
    assert_eq!(MaxRemovals::parse("5%"), Ok(MaxRemovals::Percent(5)));
    assert!(MaxRemovals::parse("101%").is_err());
    assert!(MaxRemovals::parse("many").is_err());
    assert_eq!(MaxRemovals::Percent(10).limit(1000), 100);
    assert_eq!(MaxRemovals::Percent(10).limit(30), 10);
}

/// Applies a plan's operations to the machines as the API would.
fn apply(machines: &mut [Machine], ops: &[(usize, String)]) {
    for (n, what) in ops {
        let m = &mut machines[*n];
        let (action, value) = what.split_once(' ').unwrap();
        match action {
            "Add" if !m.tags.iter().any(|t| Tag::existing(value).is(t)) => {
                m.tags.push(value.into())
            }
            "Add" => {}
            "Remove" => m.tags.retain(|t| t != value),
            _ => m.device_value = Some(value.into()),
        }
    }
}

proptest! {
    /// For any fleet and rules whose selections do not hang on the tags they own, a sync
    /// leaves nothing for a second one (`sync --check` then exits 0).
    #[test]
    fn sync_then_check_finds_nothing_pending(
        tags in prop::collection::vec(prop::collection::vec(0usize..8, 0..5), 1..25),
        values in prop::collection::vec(prop::option::of(0usize..3), 25),
        rules in prop::collection::vec((0usize..3, 0usize..4, prop::collection::vec(0usize..25, 0..6), 0usize..3), 1..5),
    ) {
        // Owned tags in several spellings, and condition tags apart from them.
        const SPELLINGS: [&str; 8] = ["Owned-0", "owned-0", "OWNED-1", "Owned-1", "owned-2", "Cond-A", "Cond-B", "Other"];
        const VALUES: [&str; 3] = ["Normal", "Low", "High"];
        let mut machines: Vec<Machine> = tags
            .iter()
            .enumerate()
            .map(|(n, ts)| {
                let mut m = machine(n, &[], values[n].map(|v| VALUES[v]));
                for &t in ts {
                    if !m.tags.iter().any(|have| Tag::existing(SPELLINGS[t]).is(have)) {
                        m.tags.push(SPELLINGS[t].into());
                    }
                }
                m
            })
            .collect();
        let mut owned = HashSet::new();
        let rules: Vec<Rule> = rules
            .iter()
            .enumerate()
            .filter_map(|(i, &(kind, cond, ref listed, value))| {
                let selection = match cond {
                    0 => by_tag("Cond-A"),
                    1 => Selection { prefixes: vec![Tag::parse("cond-").unwrap()], ..Selection::default() },
                    _ => Selection {
                        machines: listed.iter().map(|&n| MachineRef::Id(id(n))).collect(),
                        lists: true,
                        tags: if cond == 3 { vec![Tag::parse("Cond-B").unwrap()] } else { vec![] },
                        ..Selection::default()
                    },
                };
                let want = match kind {
                    0 | 1 if owned.insert(kind) => Want::Tag(Tag::parse(&format!("Owned-{kind}")).unwrap()),
                    0 | 1 => return None,
                    _ => Want::Value(DeviceValue::parse(VALUES[value]).unwrap()),
                };
                Some(Rule { want, selection, origin: Origin::new("rules.toml", i as u64 + 1) })
            })
            .collect();
        let Ok(ops) = run(&machines, &rules, MaxRemovals::Percent(100)) else {
            return Ok(());
        };
        apply(&mut machines, &ops);
        let again = run(&machines, &rules, MaxRemovals::Percent(100));
        prop_assert_eq!(again, Ok(Vec::new()));
    }
}
