//! The reads' requests: quoted host names, checked against the simulator's own parser.

use super::*;

#[test]
fn name_filters_quote_and_match_short_names() {
    assert_eq!(
        names_filter(&["o'neil".into(), "db.corp".into()]),
        "computerDnsName eq 'o''neil' or startswith(computerDnsName,'o''neil.') or computerDnsName eq 'db.corp'"
    );
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;
    use crate::model::MachineRef;

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
