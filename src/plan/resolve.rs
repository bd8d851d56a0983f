//! From what the user named to machines: host names, `--filter`, `--tag`, `--tag-prefix`, and
//! the current tags and device values that `tag set` and `--skip-unchanged` compare against.
//! Every read goes through the executor, so it is paced, retried and counted like any call.

use std::collections::{HashMap, HashSet};

use super::pick::Conditions;
use crate::api::{ApiError, ListPage, MachineApi, Page};
use crate::model::Reason;
use crate::model::{Machine, MachineId, MachineRef, Settled, first_of_each};
use crate::pipeline::{Executor, SendError};

/// Names per `$filter` (each name is two clauses: exact, and short name + '.').
pub const NAMES_PER_READ: usize = 15;
/// IDs per `$filter` when reading the current state of machines given by ID.
pub const IDS_PER_READ: usize = 25;
/// Past this many ID reads, one paged listing of the whole fleet is likely cheaper.
pub const MAX_ID_READS: usize = 40;
/// Most pages one listing may take (10 million machines at the service's 10,000 a page).
pub const MAX_PAGES: usize = 1000;

/// When a host name matches several machines: the most recently seen, all, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDuplicate {
    Newest,
    All,
    Fail,
}

/// What must be read before the plan is final.
#[derive(Default, Debug)]
pub struct Needs {
    pub names: Vec<Box<str>>,
    /// Machines given by ID whose current tags and value must be known.
    pub state_of: Vec<MachineId>,
    pub conditions: Conditions,
    /// Whether lists were given: then the conditions narrow them, else they pick.
    pub lists: bool,
    /// Every machine (`machines list` with nothing named).
    pub everything: bool,
}

impl Needs {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
            && self.state_of.is_empty()
            && self.conditions.is_empty()
            && !self.everything
    }

    /// Read calls this will take at the least (a filter or listing can run to more pages).
    pub fn estimated_reads(&self) -> u64 {
        let names = self.names.len().div_ceil(NAMES_PER_READ);
        let ids = self
            .state_of
            .len()
            .div_ceil(IDS_PER_READ)
            .min(MAX_ID_READS + 1);
        let c = &self.conditions;
        let conditions = match (self.lists, c.filters.is_empty()) {
            _ if c.is_empty() => 0,
            (true, false) => (self.names.len() + self.state_of.len()).div_ceil(IDS_PER_READ),
            (true, true) => 0,
            (false, false) => 1,
            (false, true) if !c.tags.is_empty() => c.tags.len(),
            (false, true) => c.prefixes.len(),
        };
        (names + ids + conditions + usize::from(self.everything)) as u64
    }
}

/// The host names among `refs`, each once.
pub fn names_in<'a>(refs: impl Iterator<Item = &'a MachineRef>) -> Vec<Box<str>> {
    let names = refs.filter_map(|r| match r {
        MachineRef::Name(n) => Some(n.clone()),
        MachineRef::Id(_) => None,
    });
    first_of_each(names, Clone::clone)
}

/// The IDs among `refs`, each once.
pub fn ids_in<'a>(refs: impl Iterator<Item = &'a MachineRef>) -> Vec<MachineId> {
    first_of_each(refs.filter_map(MachineRef::id), |id| *id)
}

/// Why a listed machine is left out by the conditions.
#[derive(Debug, thiserror::Error)]
pub enum Unmet {
    #[error("machine {0} was not found")]
    NotFound(MachineId),
    /// The tag conditions, saying which.
    #[error("{0}")]
    Tags(String),
    /// The filters it does not meet.
    #[error("it does not meet --filter {0}")]
    Filter(String),
}

/// Why the reads did not finish.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("stopped while reading machines")]
    Stopped,
    #[error("reading machines failed ({what}): {error}")]
    Failed { what: String, error: ApiError },
}

impl ResolveError {
    /// The API refused the read as malformed (400): a bad `--filter`, say.
    pub fn is_bad_request(&self) -> bool {
        matches!(self, ResolveError::Failed { error, .. } if error.http_status() == Some(400))
    }
}

/// What the reads found.
#[derive(Default)]
pub struct Resolution {
    /// Every machine seen, by ID, as the API returned it (current tags, value, …).
    pub machines: HashMap<MachineId, Machine>,
    /// For each name asked about, the machines that carry it, before `--on-duplicate`.
    pub names: HashMap<Box<str>, Vec<MachineId>>,
    /// The machines the conditions picked when no list was given (or every machine), in the
    /// API's order.
    pub picked: Vec<MachineId>,
    /// The conditions a listed machine must meet.
    pub conditions: Conditions,
    /// With lists and `--filter`: the listed machines the filter let through.
    pub filtered: Option<HashSet<MachineId>>,
    /// Read calls made (including retries).
    pub reads: u64,
    /// IDs whose state was read, found or not.
    pub asked: HashSet<MachineId>,
    /// Every machine was listed: one not among them does not exist.
    pub listed_all: bool,
}

impl Resolution {
    /// Whether the reads showed that no machine has this ID.
    pub fn shows_absent(&self, id: MachineId) -> bool {
        (self.listed_all || self.asked.contains(&id)) && !self.machines.contains_key(&id)
    }

    /// The machines a target stands for: an ID the reads found, or a name under the
    /// `--on-duplicate` policy; or why none.
    pub fn machines_for(
        &self,
        target: &MachineRef,
        policy: OnDuplicate,
    ) -> Result<Vec<MachineId>, Settled> {
        match target {
            MachineRef::Id(id) if self.machines.contains_key(id) => Ok(vec![*id]),
            MachineRef::Id(id) => Err(not_found(*id)),
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
            .filter(|m| m.merged_into.is_none())
            .collect();
        let pool = if live.is_empty() { found } else { live };
        match (pool.len(), policy) {
            (0, _) => Err(Settled::failed(
                Reason::NotFound,
                format!("no machine is named {name}"),
            )),
            (1, _) | (_, OnDuplicate::All) => Ok(pool.iter().map(|m| m.id).collect()),
            (n, OnDuplicate::Fail) => Err(Settled::failed(
                Reason::Ambiguous,
                format!(
                    "{n} machines are named {name} ({}); use --on-duplicate newest|all or the machine ID",
                    pool.iter()
                        .map(|m| m.id.to_string())
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
                Ok(vec![newest.id])
            }
        }
    }

    /// Whether a listed machine meets the conditions; if not, why.
    pub fn meets(&self, id: MachineId) -> Result<(), Unmet> {
        if self.conditions.is_empty() {
            return Ok(());
        }
        let Some(m) = self.machines.get(&id) else {
            return Err(Unmet::NotFound(id));
        };
        if let Some(why) = self.conditions.tags_unmet(m) {
            return Err(Unmet::Tags(why));
        }
        match &self.filtered {
            Some(passed) if !passed.contains(&id) => Err(Unmet::Filter(
                self.conditions
                    .filters
                    .iter()
                    .map(|f| format!("\"{}\"", crate::ui::text::printable(f)))
                    .collect::<Vec<_>>()
                    .join(" or "),
            )),
            _ => Ok(()),
        }
    }

    fn remember(&mut self, machines: Vec<Machine>) -> Vec<MachineId> {
        machines
            .into_iter()
            .map(|m| {
                let id = m.id;
                self.machines.insert(id, m);
                id
            })
            .collect()
    }
}

/// A machine ID that the reads showed no machine has.
pub fn not_found(id: MachineId) -> Settled {
    Settled::failed(Reason::NotFound, format!("machine {id} was not found"))
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
    let Some(dns) = machine.name.as_deref() else {
        return false;
    };
    let dns = dns.to_lowercase();
    dns == name
        || (!name.contains('.')
            && dns
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.')))
}

pub async fn resolve<A: MachineApi>(
    exec: &Executor<A>,
    needs: &Needs,
) -> Result<Resolution, ResolveError> {
    let mut res = Resolution::default();
    for chunk in needs.names.chunks(NAMES_PER_READ) {
        let found = list_all(exec, &mut res, Some(names_filter(chunk))).await?;
        for name in chunk {
            let ids = found
                .iter()
                .filter(|id| matches_name(&res.machines[*id], name))
                .copied()
                .collect();
            res.names.insert(name.clone(), ids);
        }
    }
    let state_of: Vec<MachineId> = first_of_each(
        needs
            .state_of
            .iter()
            .filter(|id| !res.machines.contains_key(id))
            .copied(),
        |id| *id,
    );
    res.asked.extend(needs.state_of.iter().copied());
    if state_of.len().div_ceil(IDS_PER_READ) > MAX_ID_READS {
        list_all(exec, &mut res, None).await?;
        res.listed_all = true;
    } else {
        for chunk in state_of.chunks(IDS_PER_READ) {
            list_all(exec, &mut res, Some(ids_filter(chunk))).await?;
        }
    }
    let c = &needs.conditions;
    res.conditions = c.clone();
    if needs.everything {
        res.picked = list_all(exec, &mut res, None).await?;
        res.listed_all = true;
    } else if needs.lists {
        // The listed machines are known by now; the API judges the filter for them alone.
        if let Some(f) = c.filter() {
            let listed: Vec<MachineId> = first_of_each(
                needs
                    .state_of
                    .iter()
                    .copied()
                    .chain(res.names.values().flatten().copied()),
                |id| *id,
            );
            let mut passed = HashSet::new();
            for chunk in listed.chunks(IDS_PER_READ) {
                let filter = format!("({f}) and ({})", ids_filter(chunk));
                passed.extend(list_all(exec, &mut res, Some(filter)).await?);
            }
            res.filtered = Some(passed);
        }
    } else if !c.is_empty() {
        // One kind of condition is asked of the API (the filter if there is one, it cannot be
        // judged here); the tags are checked on the records it returns.
        let found = match c.filter() {
            Some(f) => list_all(exec, &mut res, Some(f)).await?,
            None => {
                let (values, starts_with) = if c.tags.is_empty() {
                    (&c.prefixes, true)
                } else {
                    (&c.tags, false)
                };
                let mut found = Vec::new();
                for t in values {
                    let what = if starts_with {
                        format!("--tag-prefix '{t}'")
                    } else {
                        format!("--tag '{t}'")
                    };
                    let page = read(exec, &mut res, &what, |api, token| {
                        let t = t.as_str().to_string();
                        async move { api.find_by_tag(&t, starts_with, &token).await }
                    })
                    .await?;
                    found.extend(res.remember(page.machines));
                }
                found
            }
        };
        let picked = first_of_each(found, |id| *id);
        res.picked = picked
            .into_iter()
            .filter(|id| c.tags_unmet(&res.machines[id]).is_none())
            .collect();
    }
    Ok(res)
}

/// `id eq '…' or id eq '…'`: these machines, in a `$filter`.
fn ids_filter(ids: &[MachineId]) -> String {
    ids.iter()
        .map(|id| format!("id eq '{id}'"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Every page of a (filtered) listing; the IDs found, in order.
async fn list_all<A: MachineApi>(
    exec: &Executor<A>,
    res: &mut Resolution,
    filter: Option<String>,
) -> Result<Vec<MachineId>, ResolveError> {
    let what = filter.as_deref().map_or_else(
        || "listing all machines".to_string(),
        |f| format!("listing machines where {f}"),
    );
    let mut page = ListPage::First { filter };
    let mut all = Vec::new();
    let mut seen_links = std::collections::HashSet::new();
    loop {
        if seen_links.len() >= MAX_PAGES {
            return Err(ResolveError::Failed {
                what,
                error: ApiError::Refused(format!(
                    "the listing runs past {MAX_PAGES} pages; narrow it (--filter)"
                )),
            });
        }
        let current = page.clone();
        let got = read(exec, res, &what, |api, token| {
            let current = current.clone();
            async move { api.list_page(&current, &token).await }
        })
        .await?;
        all.extend(res.remember(got.machines));
        match got.next_link {
            Some(link) if !seen_links.insert(link.clone()) => {
                return Err(ResolveError::Failed {
                    what,
                    error: ApiError::Refused(
                        "the API's @odata.nextLink repeats a page it already gave".into(),
                    ),
                });
            }
            Some(link) => page = ListPage::Next(link),
            None => return Ok(all),
        }
    }
}

async fn read<A, F, Fut>(
    exec: &Executor<A>,
    res: &mut Resolution,
    what: &str,
    f: F,
) -> Result<Page, ResolveError>
where
    A: MachineApi,
    F: Fn(std::sync::Arc<A>, crate::auth::Secret) -> Fut,
    Fut: std::future::Future<Output = Result<Page, ApiError>>,
{
    let mut attempts = 0;
    let sent = exec.send(&mut attempts, f).await;
    res.reads += u64::from(attempts);
    sent.map_err(|e| match e {
        SendError::Stopped | SendError::Abandoned => ResolveError::Stopped,
        SendError::Failed(error) => ResolveError::Failed {
            what: what.to_string(),
            error,
        },
    })
}

#[cfg(test)]
mod tests;
