//! How pickers combine (SPEC "TARGETS"): the lists (`--machine`, `--machines-file`) add up;
//! the conditions (`--filter`, `--tag`, `--tag-prefix`) narrow. A machine is picked when it
//! meets every kind of condition given (repeating one kind means any of its values) and, where
//! lists are given too, is on a list.

use crate::model::text::excerpt;
use crate::model::{Machine, Tag};

#[derive(Clone, Debug, Default)]
pub struct Conditions {
    pub filters: Vec<String>,
    pub tags: Vec<Tag>,
    pub prefixes: Vec<Tag>,
}

impl Conditions {
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty() && self.tags.is_empty() && self.prefixes.is_empty()
    }

    /// The conditions as the user gave them, for origins and messages.
    pub fn describe(&self) -> String {
        let kind = |flag: &str, values: Vec<String>| {
            (!values.is_empty()).then(|| {
                values
                    .iter()
                    .map(|v| format!("{flag} {v}"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
        };
        let quoted = |tags: &[Tag]| {
            tags.iter()
                .map(|t| format!("'{}'", excerpt(t.as_str())))
                .collect()
        };
        [
            kind(
                "--filter",
                self.filters
                    .iter()
                    .map(|f| format!("\"{}\"", excerpt(f)))
                    .collect(),
            ),
            kind("--tag", quoted(&self.tags)),
            kind("--tag-prefix", quoted(&self.prefixes)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" and ")
    }

    /// The filters as one OData expression: any of them.
    pub fn filter(&self) -> Option<String> {
        match self.filters.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => Some(
                many.iter()
                    .map(|f| format!("({f})"))
                    .collect::<Vec<_>>()
                    .join(" or "),
            ),
        }
    }

    /// The tag conditions a machine's record does not meet, in words; `None` when it meets
    /// them all (filters are the API's to judge).
    pub fn tags_unmet(&self, m: &Machine) -> Option<String> {
        if !self.tags.is_empty() && !self.tags.iter().any(|t| m.has_tag(t)) {
            return Some(format!(
                "it has no tag {}",
                self.tags
                    .iter()
                    .map(|t| format!("'{}'", excerpt(t.as_str())))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        let starts = |p: &Tag| {
            let key = p.as_str().to_lowercase();
            m.tags.iter().any(|t| t.to_lowercase().starts_with(&key))
        };
        if !self.prefixes.is_empty() && !self.prefixes.iter().any(starts) {
            return Some(format!(
                "it has no tag starting with {}",
                self.prefixes
                    .iter()
                    .map(|t| format!("'{}'", excerpt(t.as_str())))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MachineId;

    fn machine(tags: &[&str]) -> Machine {
        Machine {
            id: MachineId::parse(&"a".repeat(40)).unwrap(),
            name: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            device_value: None,
            health_status: None,
            last_seen: None,
            os_platform: None,
            merged_into: None,
        }
    }

    #[test]
    fn one_kind_is_any_of_its_values_and_kinds_all_apply() {
        let tag = |t| Tag::parse(t).unwrap();
        let c = Conditions {
            filters: vec![
                "healthStatus eq 'Inactive'".into(),
                "osPlatform eq 'Linux'".into(),
            ],
            tags: vec![tag("VIP"), tag("Finance")],
            prefixes: vec![tag("IR-")],
        };
        assert_eq!(
            c.filter().unwrap(),
            "(healthStatus eq 'Inactive') or (osPlatform eq 'Linux')"
        );
        assert_eq!(c.tags_unmet(&machine(&["finance", "ir-7"])), None);
        assert!(
            c.tags_unmet(&machine(&["IR-7"]))
                .unwrap()
                .contains("no tag 'VIP' or 'Finance'")
        );
        assert!(
            c.tags_unmet(&machine(&["VIP"]))
                .unwrap()
                .contains("starting with 'IR-'")
        );
        assert_eq!(
            c.describe(),
            "--filter \"healthStatus eq 'Inactive'\" or --filter \"osPlatform eq 'Linux'\" and --tag 'VIP' or --tag 'Finance' and --tag-prefix 'IR-'"
        );
    }
}
