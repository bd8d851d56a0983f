//! A sync rules file (TOML): `[[tag]]` rules that own a tag, `[[value]]` rules that set a
//! device value, each with a selection made of the TARGETS keys. Every problem is reported as
//! `RULES:LINE: reason` before anything is read from the API.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::text::excerpt;
use crate::model::{DeviceValue, MachineRef, Origin, Query, Rows, Rule, Selection, Tag, Want};

/// One or several of a key: `tag = "A"` or `tag = ["A", "B"]`.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
    #[default]
    None,
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
            OneOrMany::None => Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    tag: Vec<Spanned<RawRule>>,
    #[serde(default)]
    value: Vec<Spanned<RawRule>>,
}

/// Both kinds of rule: `name` for a tag rule, `value` for a value rule (checked after).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    name: Option<String>,
    value: Option<String>,
    #[serde(default)]
    machines: OneOrMany,
    #[serde(default)]
    machines_file: OneOrMany,
    query: Option<String>,
    query_file: Option<String>,
    #[serde(default)]
    filter: OneOrMany,
    #[serde(default)]
    tag: OneOrMany,
    #[serde(default)]
    tag_prefix: OneOrMany,
}

/// The rules of `path`, with every problem given to `rows` (and then no rules are used), and
/// the files the rules read (for a saved plan's record).
pub fn read(path: &Path, rows: &mut impl Rows) -> (Vec<Rule>, Vec<PathBuf>) {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            rows.error(Origin::new(name, 0), format!("cannot read: {e}"));
            return (Vec::new(), Vec::new());
        }
    };
    let line_of = |span: Option<Range<usize>>| {
        span.map_or(0, |s| {
            text[..s.start.min(text.len())].matches('\n').count() as u64 + 1
        })
    };
    let file: File = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            let message = e.message().replace('\n', " ");
            rows.error(
                Origin::new(name, line_of(e.span())),
                message.trim().to_string(),
            );
            return (Vec::new(), Vec::new());
        }
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut rules = Vec::new();
    let mut files = Vec::new();
    let mut owned: Vec<(Tag, u64)> = Vec::new();
    for (kind, list) in [("tag", file.tag), ("value", file.value)] {
        for raw in list {
            let line = line_of(Some(raw.span()));
            let origin = Origin::new(name.clone(), line);
            let raw = raw.into_inner();
            let want = match (kind, &raw.name, &raw.value) {
                ("tag", Some(n), None) => match Tag::parse(n) {
                    Ok(t) => {
                        if let Some((_, first)) = owned.iter().find(|(o, _)| *o == t) {
                            rows.error(
                                origin.clone(),
                                format!(
                                    "the tag '{}' is owned by the rule at line {first} already",
                                    excerpt(n)
                                ),
                            );
                        }
                        owned.push((t.clone(), line));
                        Some(Want::Tag(t))
                    }
                    Err(e) => {
                        rows.error(origin.clone(), format!("name: {}", e.0));
                        None
                    }
                },
                ("tag", _, _) => {
                    rows.error(
                        origin.clone(),
                        "a [[tag]] rule needs `name` (the tag it owns) and no `value`".into(),
                    );
                    None
                }
                (_, None, Some(v)) => match DeviceValue::parse(v) {
                    Ok(v) => Some(Want::Value(v)),
                    Err(_) => {
                        rows.error(
                            origin.clone(),
                            format!("value '{}': expected Normal, Low or High", excerpt(v)),
                        );
                        None
                    }
                },
                _ => {
                    rows.error(
                        origin.clone(),
                        "a [[value]] rule needs `value` (Normal, Low or High) and no `name`".into(),
                    );
                    None
                }
            };
            let selection = selection(raw, dir, &origin, rows, &mut files);
            if let (Some(want), Some(selection)) = (want, selection) {
                rules.push(Rule {
                    want,
                    selection,
                    origin,
                });
            }
        }
    }
    (rules, files)
}

fn selection(
    raw: RawRule,
    dir: &Path,
    origin: &Origin,
    rows: &mut impl Rows,
    files: &mut Vec<PathBuf>,
) -> Option<Selection> {
    let ok = std::cell::Cell::new(true);
    let error = |rows: &mut _, why: String| {
        Rows::error(rows, origin.clone(), why);
        ok.set(false);
    };
    let mut sel = Selection {
        filters: raw.filter.into_vec(),
        ..Selection::default()
    };
    for m in raw.machines.into_vec() {
        match MachineRef::parse(&m) {
            Ok(r) => sel.machines.push(r),
            Err(e) => error(rows, format!("machines: '{}': {}", excerpt(&m), e.0)),
        }
    }
    for f in raw.machines_file.into_vec() {
        let path = dir.join(&f);
        match std::fs::metadata(&path) {
            Ok(_) => {
                // Problems of its lines are named by the file and line.
                let refs = crate::input::targets::collect(&[], std::slice::from_ref(&path), rows);
                sel.machines.extend(refs.into_iter().map(|(r, _)| r));
                files.push(path);
            }
            Err(e) => error(
                rows,
                format!("machines-file: cannot read {}: {e}", path.display()),
            ),
        }
    }
    let query = match (raw.query, raw.query_file) {
        (Some(_), Some(_)) => {
            error(rows, "give `query` or `query-file`, not both".into());
            None
        }
        (Some(q), None) => Some((q, "query".to_string())),
        (None, Some(f)) => {
            let path = dir.join(&f);
            match std::fs::read_to_string(&path) {
                Ok(q) => {
                    files.push(path.clone());
                    Some((q, format!("query-file {}", path.display())))
                }
                Err(e) => {
                    error(
                        rows,
                        format!("query-file: cannot read {}: {e}", path.display()),
                    );
                    None
                }
            }
        }
        (None, None) => None,
    };
    if let Some((text, from)) = query {
        let text = text.trim().to_string();
        if text.is_empty() {
            error(rows, format!("{from}: the query is empty"));
        } else if text.chars().count() > crate::model::MAX_QUERY_CHARS {
            error(
                rows,
                format!(
                    "{from}: the query is longer than {} characters",
                    crate::model::MAX_QUERY_CHARS
                ),
            );
        } else {
            sel.query = Some(Query {
                text,
                origin: format!("{origin} {from}"),
                timespan: "P30D".into(),
                max_machines: 10_000,
            });
        }
    }
    for (key, values, out) in [
        ("tag", raw.tag.into_vec(), &mut sel.tags),
        ("tag-prefix", raw.tag_prefix.into_vec(), &mut sel.prefixes),
    ] {
        for v in values {
            match Tag::parse(&v) {
                Ok(t) => out.push(t),
                Err(e) => error(rows, format!("{key}: {}", e.0)),
            }
        }
    }
    sel.lists = !sel.machines.is_empty() || sel.query.is_some();
    let picks_nothing = sel.machines.is_empty()
        && sel.query.is_none()
        && sel.filters.is_empty()
        && sel.tags.is_empty()
        && sel.prefixes.is_empty();
    if picks_nothing && ok.get() {
        error(
            rows,
            "the rule has no selection: give machines, machines-file, query, query-file, filter, tag or tag-prefix".into(),
        );
    }
    ok.get().then_some(sel)
}
