//! Resolution: picking, narrowing and reading back what the API has.

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
fn name_filters_quote_and_match_short_names() {
    assert_eq!(
        names_filter(&["o'neil".into(), "db.corp".into()]),
        "computerDnsName eq 'o''neil' or startswith(computerDnsName,'o''neil.') or computerDnsName eq 'db.corp'"
    );
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

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Any host name mdetag accepts, quoted into a `$filter`, parses (by the simulator's
        /// own, independent parser) and picks exactly the machine of that name.
        #[test]
        fn host_names_are_quoted_safely(name in "[a-zA-Z0-9._()=$@!:;~*&<>|'-]{1,40}") {
            let Ok(MachineRef::Name(name)) = MachineRef::parse(&name) else {
                return Ok(());
            };
            let filter = names_filter(std::slice::from_ref(&name));
            let parsed = mde_sim::filter::parse(&filter);
            prop_assert!(parsed.is_ok(), "{filter}: {parsed:?}");
            let parsed = parsed.unwrap();
            let machine = |dns: &str| serde_json::json!({"computerDnsName": dns});
            prop_assert!(parsed.matches(&machine(&name)));
            let other = format!("{name}x");
            prop_assert_eq!(parsed.matches(&machine(&other)), other.starts_with(&format!("{name}.")));
        }
    }
}
