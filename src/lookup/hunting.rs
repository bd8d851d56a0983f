//! A hunting query, run once before planning: through the hunting executor (its own pace,
//! the run's retry rules), Graph first and the Defender API when Graph refuses the app; its
//! answer checked against the guardrails and turned into the machines it picks.

use crate::api::ApiError;
use crate::api::hunting::{Answer, Hunter, HuntingApi};
use crate::model::{MachineRef, Query, QueryRun};
use crate::pipeline::{Executor, SendError};
use crate::plan::query::{NoMachineColumn, pick};

/// The API's row cap: an answer of exactly this many rows may have been cut short.
pub const ROW_CAP: usize = 100_000;

/// Why a query gave no machines to plan with.
#[derive(Debug, thiserror::Error)]
pub enum HuntError {
    #[error("stopped while the hunting query ran")]
    Stopped,
    /// The API refused the query as malformed (400): the user's to fix, exit 2.
    #[error("the hunting query was refused by {api}: {message}")]
    BadQuery { api: &'static str, message: String },
    /// The API refused the app (401/403).
    #[error(
        "{api} refused to run the hunting query ({error}); the app needs the {permission} application permission, with admin consent"
    )]
    Refused {
        api: &'static str,
        permission: &'static str,
        error: ApiError,
    },
    #[error("the hunting query failed ({api}): {error}")]
    Failed { api: &'static str, error: ApiError },
    /// A guardrail: exit 2, nothing sent.
    #[error("{0}")]
    Guardrail(String),
    #[error(transparent)]
    NoColumn(#[from] NoMachineColumn),
}

impl HuntError {
    /// The user's to fix (exit 2), rather than the service's or the app's (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            HuntError::BadQuery { .. } | HuntError::Guardrail(_) | HuntError::NoColumn(_)
        )
    }

    /// Graph refused the app (not the query): the Defender API may serve instead.
    pub fn is_refusal(&self) -> bool {
        matches!(self, HuntError::Refused { .. })
    }
}

fn name(api: HuntingApi) -> &'static str {
    match api {
        HuntingApi::Graph => "Microsoft Graph",
        HuntingApi::Mde => "the Defender API",
    }
}

/// One run of the query through `exec`'s API (with the run's retries), its answer.
pub async fn run(exec: &Executor<Hunter>, query: &Query) -> Result<Answer, HuntError> {
    let api = exec.api.api;
    let (text, timespan) = (query.text.clone(), query.timespan.clone());
    let mut attempts = 0;
    let answer = exec
        .send(&mut attempts, None, move |hunter, token| {
            let (text, timespan) = (text.clone(), timespan.clone());
            async move { hunter.run(&text, Some(&timespan), &token).await }
        })
        .await;
    match answer {
        Ok(a) => Ok(a),
        Err(SendError::Stopped | SendError::Abandoned) => Err(HuntError::Stopped),
        Err(SendError::Failed(error)) => Err(match error.http_status() {
            Some(400) => HuntError::BadQuery {
                api: name(api),
                message: error.code_and_message().1,
            },
            Some(401 | 403) => HuntError::Refused {
                api: name(api),
                permission: api.permission(),
                error,
            },
            _ if matches!(error, ApiError::Auth(_)) => HuntError::Refused {
                api: name(api),
                permission: api.permission(),
                error,
            },
            _ => HuntError::Failed {
                api: name(api),
                error,
            },
        }),
    }
}

/// The machines an answer picks, within the guardrails, and the query's provenance.
pub fn picked(
    query: &Query,
    api: HuntingApi,
    ran_at: String,
    answer: &Answer,
) -> Result<(Vec<MachineRef>, QueryRun), HuntError> {
    if answer.rows.len() >= ROW_CAP {
        return Err(HuntError::Guardrail(format!(
            "the hunting query returned {} rows, the API's cap: the result may have been cut short; narrow the query (a where clause, `summarize arg_max(Timestamp, *) by DeviceId`, or `distinct DeviceId`)",
            answer.rows.len()
        )));
    }
    let p = pick(&answer.columns, &answer.rows)?;
    if p.refs.len() > query.max_machines {
        return Err(HuntError::Guardrail(format!(
            "the hunting query picked {} machines, more than --query-max {}; narrow the query or raise --query-max",
            p.refs.len(),
            query.max_machines
        )));
    }
    let run = QueryRun {
        text: query.text.clone(),
        sha256: query.sha256(),
        api: api.as_str().into(),
        ran_at,
        timespan: query.timespan.clone(),
        rows: answer.rows.len() as u64,
        machines: p.refs.len() as u64,
        dropped: p.dropped as u64,
        column: p.column.into(),
    };
    Ok((p.refs, run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(max: usize) -> Query {
        Query {
            text: "DeviceInfo | distinct DeviceId".into(),
            origin: "--query".into(),
            timespan: "P30D".into(),
            max_machines: max,
        }
    }

    fn answer(ids: usize) -> Answer {
        Answer {
            columns: vec!["DeviceId".into()],
            rows: (0..ids)
                .map(|i| {
                    json!({"DeviceId": format!("{i:040x}")})
                        .as_object()
                        .unwrap()
                        .clone()
                })
                .collect(),
        }
    }

    #[test]
    fn provenance_counts_rows_machines_and_names_the_hash() {
        let (refs, run) = picked(&query(10), HuntingApi::Graph, "t".into(), &answer(3)).unwrap();
        assert_eq!(refs.len(), 3);
        assert_eq!((run.rows, run.machines, run.dropped), (3, 3, 0));
        assert_eq!(run.sha256, query(1).sha256());
        assert_eq!(run.api, "graph");
        assert_eq!(run.column, "DeviceId");
    }

    #[test]
    fn more_machines_than_the_maximum_or_a_capped_answer_is_refused() {
        let e = picked(&query(2), HuntingApi::Mde, "t".into(), &answer(3)).unwrap_err();
        assert!(e.is_usage());
        assert!(e.to_string().contains("more than --query-max 2"), "{e}");
        let capped = Answer {
            columns: vec!["DeviceId".into()],
            rows: vec![serde_json::Map::new(); ROW_CAP],
        };
        let e = picked(&query(10), HuntingApi::Graph, "t".into(), &capped).unwrap_err();
        assert!(e.to_string().contains("may have been cut short"), "{e}");
    }
}
