//! The reads a plan needs, through the pipeline: host names, `--filter`, `--tag`, `--tag-prefix`,
//! and the current tags and device values that `tag set`, `--skip-unchanged` and undo compare
//! against. Every read goes through the executor, so it is paced, retried and counted like any
//! call; what they find is handed to the plan as plain data (`plan::Resolution`).

use std::collections::HashSet;

pub mod hunting;

use crate::api::{ApiError, ListPage, MachineApi, Page};
use crate::model::{MachineId, first_of_each};
use crate::pipeline::{Executor, SendError};
use crate::plan::{
    IDS_PER_READ, MAX_ID_READS, MAX_PAGES, NAMES_PER_READ, Needs, Resolution, matches_name,
};

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

/// Makes the reads `needs` asks for; what they found.
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
    let sent = exec.send(&mut attempts, None, f).await;
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
