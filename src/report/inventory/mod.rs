//! `tags list`: every tag on the machines read, how many machines carry it, and the problems a
//! portal or the API meets with it. Counting is pure (`Inventory::of`); `export` writes it.

mod export;

pub use export::{write, write_tenants};

use std::collections::HashMap;

use crate::model::{MAX_TAG_CHARS, Machine, Tag};

/// What is wrong with a tag, for the API or the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Problem {
    /// Machines carry it in several spellings that differ only in case.
    CaseVariants,
    /// Over 200 characters: the API refuses such a tag.
    TooLong,
    /// Leading or trailing white space.
    Spaces,
    /// `(`, `)` or `,`: the portal's tag filter breaks on them.
    PortalFilter,
}

impl Problem {
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::CaseVariants => "case-variants",
            Problem::TooLong => "too-long",
            Problem::Spaces => "spaces",
            Problem::PortalFilter => "portal-filter",
        }
    }

    /// The problems of one spelling on its own (not `CaseVariants`, a matter of several).
    fn of_spelling(text: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        if text.chars().count() > MAX_TAG_CHARS {
            out.push(Problem::TooLong);
        }
        if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
            out.push(Problem::Spaces);
        }
        if text.contains(['(', ')', ',']) {
            out.push(Problem::PortalFilter);
        }
        out
    }
}

/// One spelling of a tag, exactly as the API returns it, and how many machines carry it so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spelling {
    pub tag: String,
    pub machines: usize,
}

/// One tag (its spellings that differ only in case taken together).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagCount {
    /// The spelling most machines carry (the first of `spellings`).
    pub tag: String,
    /// Machines carrying it in any spelling (a machine with two spellings counts once).
    pub machines: usize,
    /// Every spelling, most machines first (then in text order).
    pub spellings: Vec<Spelling>,
    /// Its problems, in the order of `Problem`, each once.
    pub problems: Vec<Problem>,
}

/// Every tag on a set of machines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// Machines read (with tags or without).
    pub machines: usize,
    /// Tags carried by the most machines first, then in the order of their key.
    pub tags: Vec<TagCount>,
}

impl Inventory {
    /// Counts the tags of `machines` (each machine once, as the reads give them). Spellings
    /// are grouped by the one tag identity (SPEC "Tags": Unicode lower case), so `Finance` and
    /// `FINANCE` are one tag with two spellings.
    pub fn of<'a>(machines: impl IntoIterator<Item = &'a Machine>) -> Inventory {
        // key → (spelling → machines, machines carrying any spelling)
        struct Group {
            spellings: HashMap<String, usize>,
            machines: usize,
        }
        let mut groups: HashMap<String, Group> = HashMap::new();
        let mut count = 0;
        for m in machines {
            count += 1;
            // A machine counts once per spelling and once per tag, whatever repeats it shows.
            let mut seen_spellings: Vec<&str> = Vec::new();
            let mut seen_keys: Vec<String> = Vec::new();
            for t in &m.tags {
                if seen_spellings.contains(&t.as_str()) {
                    continue;
                }
                seen_spellings.push(t);
                let key = Tag::key_of(t);
                let group = groups.entry(key.clone()).or_insert_with(|| Group {
                    spellings: HashMap::new(),
                    machines: 0,
                });
                *group.spellings.entry(t.clone()).or_default() += 1;
                if !seen_keys.contains(&key) {
                    group.machines += 1;
                    seen_keys.push(key);
                }
            }
        }
        let mut tags: Vec<(String, TagCount)> = groups
            .into_iter()
            .map(|(key, g)| {
                let mut spellings: Vec<Spelling> = g
                    .spellings
                    .into_iter()
                    .map(|(tag, machines)| Spelling { tag, machines })
                    .collect();
                spellings.sort_by(|a, b| b.machines.cmp(&a.machines).then(a.tag.cmp(&b.tag)));
                let mut problems: Vec<Problem> = spellings
                    .iter()
                    .flat_map(|s| Problem::of_spelling(&s.tag))
                    .collect();
                if spellings.len() > 1 {
                    problems.push(Problem::CaseVariants);
                }
                problems.sort();
                problems.dedup();
                let count = TagCount {
                    tag: spellings[0].tag.clone(),
                    machines: g.machines,
                    spellings,
                    problems,
                };
                (key, count)
            })
            .collect();
        tags.sort_by(|(ka, a), (kb, b)| b.machines.cmp(&a.machines).then(ka.cmp(kb)));
        Inventory {
            machines: count,
            tags: tags.into_iter().map(|(_, t)| t).collect(),
        }
    }

    /// Tags with at least one problem.
    pub fn with_problems(&self) -> usize {
        self.tags.iter().filter(|t| !t.problems.is_empty()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MachineId;

    fn machine(n: usize, tags: &[&str]) -> Machine {
        Machine {
            id: MachineId::parse(&format!("{n:040x}")).unwrap(),
            name: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            device_value: None,
            health_status: None,
            last_seen: None,
            os_platform: None,
            merged_into: None,
        }
    }

    fn inventory(machines: &[&[&str]]) -> Inventory {
        let machines: Vec<Machine> = machines
            .iter()
            .enumerate()
            .map(|(i, tags)| machine(i, tags))
            .collect();
        Inventory::of(&machines)
    }

    fn spellings(t: &TagCount) -> Vec<(&str, usize)> {
        t.spellings
            .iter()
            .map(|s| (s.tag.as_str(), s.machines))
            .collect()
    }

    #[test]
    fn tags_are_counted_by_machine_most_carried_first() {
        let inv = inventory(&[
            &["VIP", "Kiosk"],
            &["VIP"],
            &[],
            &["Kiosk", "VIP"],
            &["Alpha"],
        ]);
        assert_eq!(inv.machines, 5);
        let counts: Vec<(&str, usize)> = inv
            .tags
            .iter()
            .map(|t| (t.tag.as_str(), t.machines))
            .collect();
        assert_eq!(counts, [("VIP", 3), ("Kiosk", 2), ("Alpha", 1)]);
        assert!(inv.tags.iter().all(|t| t.problems.is_empty()));
        assert_eq!(inv.with_problems(), 0);
    }

    #[test]
    fn spellings_that_differ_only_in_case_are_one_tag_with_each_counted() {
        let inv = inventory(&[
            &["finance"],
            &["Finance"],
            &["Finance", "FINANCE"],
            &["Finance", "Finance"],
            &["ÄRZTE"],
            &["ärzte"],
        ]);
        assert_eq!(inv.tags.len(), 2);
        let finance = &inv.tags[0];
        assert_eq!(finance.tag, "Finance", "the most carried spelling names it");
        assert_eq!(
            finance.machines, 4,
            "a machine with two spellings counts once"
        );
        assert_eq!(
            spellings(finance),
            [("Finance", 3), ("FINANCE", 1), ("finance", 1)]
        );
        assert_eq!(finance.problems, [Problem::CaseVariants]);
        let aerzte = &inv.tags[1];
        assert_eq!(spellings(aerzte), [("ÄRZTE", 1), ("ärzte", 1)]);
        assert_eq!(aerzte.problems, [Problem::CaseVariants]);
    }

    #[test]
    fn each_problem_is_found_and_named() {
        let long = "x".repeat(MAX_TAG_CHARS + 1);
        let longest = "y".repeat(MAX_TAG_CHARS);
        let inv = inventory(&[&[
            &long,
            &longest,
            " lead",
            "trail ",
            "a,b",
            "(x)",
            "fine",
            "Spaced (1) ",
        ]]);
        let problems: HashMap<&str, Vec<&str>> = inv
            .tags
            .iter()
            .map(|t| {
                let names = t.problems.iter().map(|p| p.as_str()).collect();
                (t.tag.as_str(), names)
            })
            .collect();
        assert_eq!(problems[long.as_str()], ["too-long"]);
        assert!(problems[longest.as_str()].is_empty(), "200 is allowed");
        assert_eq!(problems[" lead"], ["spaces"]);
        assert_eq!(problems["trail "], ["spaces"]);
        assert_eq!(problems["a,b"], ["portal-filter"]);
        assert_eq!(problems["(x)"], ["portal-filter"]);
        assert!(problems["fine"].is_empty());
        assert_eq!(problems["Spaced (1) "], ["spaces", "portal-filter"]);
        assert_eq!(inv.with_problems(), 6);
        // Spellings with spaces are not the same tag as the trimmed one.
        let inv = inventory(&[&["lead"], &[" lead"]]);
        assert_eq!(inv.tags.len(), 2);
    }
}
