//! From what the user named to machines: host names, `--filter`, `--tag`, `--tag-prefix`, and
//! the current tags and device values that `tag set` and `--skip-unchanged` compare against.
//! Every read goes through the executor, so it is paced, retried and counted like any call.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::{Result, bail};

use crate::api::ListPage;
use crate::api::model::{Machine, MachinePage};
use crate::cli::OnDuplicate;
use crate::pipeline::executor::{Executor, Sent};
use crate::plan::{MachineId, MachineRef, Origin, Settled};

/// Names per `$filter` (each name is two clauses: exact, and short name + '.').
pub const NAMES_PER_READ: usize = 15;
/// IDs per `$filter` when reading the current state of machines given by ID.
pub const IDS_PER_READ: usize = 25;
/// Past this many ID reads, one paged listing of the whole fleet is likely cheaper.
pub const MAX_ID_READS: usize = 40;

/// A way of picking machines that only the API can answer.
#[derive(Clone, Debug)]
pub enum Picker {
    Filter(String),
    Tag(String),
    TagPrefix(String),
    /// Every machine (`machines list` with no targets).
    All,
}

impl Picker {
    pub fn origin(&self) -> Origin {
        let source = match self {
            Picker::Filter(f) => format!("--filter \"{f}\""),
            Picker::Tag(t) => format!("--tag '{t}'"),
            Picker::TagPrefix(p) => format!("--tag-prefix '{p}'"),
            Picker::All => "all machines".into(),
        };
        Origin {
            source: source.into(),
            line: 0,
        }
    }
}

/// What must be read before the plan is final.
#[derive(Default, Debug)]
pub struct Needs {
    pub names: Vec<Box<str>>,
    /// Machines given by ID whose current tags and value must be known.
    pub state_of: Vec<MachineId>,
    pub pickers: Vec<Picker>,
}

impl Needs {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.state_of.is_empty() && self.pickers.is_empty()
    }
}

/// What the reads found.
#[derive(Default)]
pub struct Resolution {
    /// Every machine seen, by ID, as the API returned it (current tags, value, …).
    pub machines: HashMap<MachineId, Machine>,
    /// For each name asked about, the machines that carry it, before `--on-duplicate`.
    pub names: HashMap<Box<str>, Vec<MachineId>>,
    /// For each picker, the machines it picked, in the API's order.
    pub picked: Vec<(Origin, Vec<MachineId>)>,
    /// Read calls made (including retries).
    pub reads: u64,
}

impl Resolution {
    /// The machines a target stands for: an ID the reads found, or a name under the
    /// `--on-duplicate` policy; or why none.
    pub fn machines_for(
        &self,
        target: &MachineRef,
        policy: OnDuplicate,
    ) -> Result<Vec<MachineId>, Settled> {
        match target {
            MachineRef::Id(id) if self.machines.contains_key(id) => Ok(vec![*id]),
            MachineRef::Id(id) => Err(Settled::failed(
                "machine not found",
                format!("Machine {id} was not found"),
            )),
            MachineRef::Name(name) => self.choose(name, policy),
        }
    }

    /// The machines a name stands for under the `--on-duplicate` policy, or why none.
    pub fn choose(&self, name: &str, policy: OnDuplicate) -> Result<Vec<MachineId>, Settled> {
        let found: Vec<&Machine> = self
            .names
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|id| self.machines.get(id))
            .collect();
        // A record merged into another is the same device seen before; prefer live records.
        let live: Vec<&Machine> = found
            .iter()
            .copied()
            .filter(|m| m.merged_into_machine_id.is_none())
            .collect();
        let pool = if live.is_empty() { found } else { live };
        let ids = |ms: &[&Machine]| {
            ms.iter()
                .filter_map(|m| MachineId::parse(&m.id).ok())
                .collect::<Vec<_>>()
        };
        match (pool.len(), policy) {
            (0, _) => Err(Settled::failed(
                "machine not found",
                format!("no machine is named {name}"),
            )),
            (1, _) | (_, OnDuplicate::All) => Ok(ids(&pool)),
            (n, OnDuplicate::Fail) => Err(Settled::failed(
                "ambiguous",
                format!(
                    "{n} machines are named {name} ({}); use --on-duplicate newest|all or the machine ID",
                    pool.iter()
                        .map(|m| m.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            (_, OnDuplicate::Newest) => {
                // ISO 8601 timestamps order as text; a machine never seen sorts first.
                let newest = pool
                    .iter()
                    .max_by(|a, b| a.last_seen.cmp(&b.last_seen))
                    .expect("not empty");
                Ok(ids(&[*newest]))
            }
        }
    }
}

/// OData string literal: quotes doubled.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The `$filter` that finds these host names: each exact, and (for a short name) as the first
/// label of a longer one.
pub fn names_filter(names: &[Box<str>]) -> String {
    names
        .iter()
        .map(|n| {
            if n.contains('.') {
                format!("computerDnsName eq {}", literal(n))
            } else {
                format!(
                    "computerDnsName eq {} or startswith(computerDnsName,{})",
                    literal(n),
                    literal(&format!("{n}."))
                )
            }
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn matches_name(machine: &Machine, name: &str) -> bool {
    let Some(dns) = machine.computer_dns_name.as_deref() else {
        return false;
    };
    let dns = dns.to_lowercase();
    dns == name
        || (!name.contains('.')
            && dns
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.')))
}

/// Read calls `needs` will take at the least (a filter or listing can run to more pages).
pub fn estimated_reads(needs: &Needs) -> u64 {
    let names = needs.names.len().div_ceil(NAMES_PER_READ);
    let ids = needs
        .state_of
        .len()
        .div_ceil(IDS_PER_READ)
        .min(MAX_ID_READS + 1);
    (names + ids + needs.pickers.len()) as u64
}

pub async fn resolve(exec: &Executor, needs: &Needs) -> Result<Resolution> {
    let mut res = Resolution::default();
    for chunk in needs.names.chunks(NAMES_PER_READ) {
        let found = list_all(exec, &mut res, Some(names_filter(chunk))).await?;
        for name in chunk {
            let ids = found
                .iter()
                .filter(|m| matches_name(m, name))
                .filter_map(|m| MachineId::parse(&m.id).ok())
                .collect();
            res.names.insert(name.clone(), ids);
        }
    }
    let mut state_of: Vec<MachineId> = needs
        .state_of
        .iter()
        .filter(|id| !res.machines.contains_key(id))
        .copied()
        .collect();
    let mut seen = HashSet::new();
    state_of.retain(|id| seen.insert(*id));
    if state_of.len().div_ceil(IDS_PER_READ) > MAX_ID_READS {
        list_all(exec, &mut res, None).await?;
    } else {
        for chunk in state_of.chunks(IDS_PER_READ) {
            let filter = chunk
                .iter()
                .map(|id| format!("id eq '{id}'"))
                .collect::<Vec<_>>()
                .join(" or ");
            list_all(exec, &mut res, Some(filter)).await?;
        }
    }
    for picker in &needs.pickers {
        let found = match picker {
            Picker::Filter(f) => list_all(exec, &mut res, Some(f.clone())).await?,
            Picker::All => list_all(exec, &mut res, None).await?,
            Picker::Tag(t) | Picker::TagPrefix(t) => {
                let starts_with = matches!(picker, Picker::TagPrefix(_));
                let what = picker.origin().source.to_string();
                let page = read(exec, &mut res, &what, |client, token| {
                    let t = t.clone();
                    async move { client.find_by_tag(&t, starts_with, &token).await }
                })
                .await?;
                remember(&mut res, page.value)
            }
        };
        let ids = found
            .iter()
            .filter_map(|m| MachineId::parse(&m.id).ok())
            .collect();
        res.picked.push((picker.origin(), ids));
    }
    Ok(res)
}

fn remember(res: &mut Resolution, machines: Vec<Machine>) -> Vec<Machine> {
    for m in &machines {
        if let Ok(id) = MachineId::parse(&m.id) {
            res.machines.insert(id, m.clone());
        }
    }
    machines
}

/// Every page of a (filtered) listing.
async fn list_all(
    exec: &Executor,
    res: &mut Resolution,
    filter: Option<String>,
) -> Result<Vec<Machine>> {
    let what = filter.as_deref().map_or_else(
        || "listing all machines".to_string(),
        |f| format!("listing machines where {f}"),
    );
    let mut page = ListPage::First { filter };
    let mut all = Vec::new();
    loop {
        let current = page.clone();
        let got: MachinePage = read(exec, res, &what, |client, token| {
            let current = current.clone();
            async move { client.list_page(&current, &token).await }
        })
        .await?;
        all.extend(remember(res, got.value));
        match got.next_link {
            Some(link) => page = ListPage::Next(link),
            None => return Ok(all),
        }
    }
}

async fn read<T, F, Fut>(exec: &Executor, res: &mut Resolution, what: &str, f: F) -> Result<T>
where
    F: Fn(Arc<crate::api::MdeClient>, crate::secret::Secret) -> Fut,
    Fut: std::future::Future<Output = Result<T, crate::api::ApiFailure>>,
{
    let mut attempts = 0;
    let sent = exec
        .send(&mut attempts, |token| f(exec.client.clone(), token))
        .await;
    res.reads += u64::from(attempts);
    match sent {
        Sent::Done(v) => Ok(v),
        Sent::Failed(e) => bail!("reading machines failed ({what}): {e}"),
        Sent::Stopped => bail!("stopped while reading machines ({what})"),
    }
}

/// `MachineRef::Name` keys of a plan's operations.
pub fn names_in<'a>(refs: impl Iterator<Item = &'a MachineRef>) -> Vec<Box<str>> {
    let mut seen = HashSet::new();
    refs.filter_map(|r| match r {
        MachineRef::Name(n) if seen.insert(n.clone()) => Some(n.clone()),
        _ => None,
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(id: &str, name: &str, last_seen: &str, merged: bool) -> Machine {
        Machine {
            id: id.into(),
            computer_dns_name: Some(name.into()),
            last_seen: Some(last_seen.into()),
            merged_into_machine_id: merged.then(|| "x".into()),
            ..Default::default()
        }
    }

    fn resolution() -> Resolution {
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let c = "c".repeat(40);
        let mut res = Resolution::default();
        for m in [
            machine(&a, "ws-1.corp", "2026-10-01T00:00:00Z", false),
            machine(&b, "ws-1.corp", "2026-11-01T00:00:00Z", false),
            machine(&c, "ws-1.corp", "2026-11-20T00:00:00Z", true),
        ] {
            res.machines.insert(MachineId::parse(&m.id).unwrap(), m);
        }
        res.names
            .insert("ws-1.corp".into(), res.machines.keys().copied().collect());
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
        assert_eq!(e.error.code, "ambiguous");
        let e = res.choose("nobody", OnDuplicate::Newest).unwrap_err();
        assert_eq!(
            (e.status, e.error.code.as_str()),
            (crate::plan::Status::Failed, "machine not found")
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
            pickers: vec![Picker::Tag("x".into())],
        };
        assert_eq!(estimated_reads(&needs), 2 + 2 + 1);
    }
}
