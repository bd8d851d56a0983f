//! Runs calls: each attempt waits for the pacer, at most `concurrency` calls are in flight,
//! failed attempts go through the retry policy, and every operation ends in exactly one
//! outcome. Reads (resolving names, current tags) go through the same `send`, so they are
//! paced, retried and counted like writes. Generic over `MachineApi`, so all of this is tested
//! against a scripted fake in paused time (`executor/tests.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use futures::StreamExt;
use futures::future::{BoxFuture, FutureExt, Shared};

use super::pacer::Pacer;
use super::retry::RetryPolicy;
use super::stop::{BREAKER, Stop, StopReason};
#[cfg(test)]
use crate::api::Authorized;
use crate::api::{ApiError, MachineApi};
use crate::auth::Secret;
use crate::model::Reason;
use crate::model::{Change, ErrorInfo, Machine, MachineId, Outcome, Status, Tag, TagAction};
use crate::plan::Call;

/// Why a logical call (with its retries) did not succeed.
#[derive(Debug)]
pub enum SendError {
    Failed(ApiError),
    /// The run was stopped before the call could succeed; what was sent was not applied.
    Stopped,
    /// The run stopped waiting while the call was in flight: it may have been applied.
    Abandoned,
}

/// Told what the executor does: a write call about to be sent, and outcomes as calls settle.
pub trait Observer: Send + Sync {
    /// Write calls for these operations are about to be sent. The journal makes that durable
    /// here; an error stops the run before they go out. The executor says it for a whole wave
    /// of calls at once (as many as run side by side), so a wave costs one disk sync: a call
    /// announced but never sent is checked by `resume` like one whose answer was lost.
    fn sending<'a>(&'a self, _ops: &'a [usize]) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(std::future::ready(Ok(())))
    }

    /// An attempt of a call for these operations is leaving now (after the pacer held it, or
    /// a retry's wait): `resume` waits for calls in flight from the last of these.
    fn leaving(&self, _ops: &[usize]) {}

    fn settled(&self, outcomes: &[Outcome]);
}

/// Whom to tell, and for which operations, as each attempt of a call leaves.
pub(super) type Leaving<'a> = Option<(&'a dyn Observer, &'a [usize])>;

pub struct Executor<A> {
    pub api: Arc<A>,
    pub pacer: Arc<Pacer>,
    pub policy: RetryPolicy,
    pub concurrency: usize,
    pub stop: Arc<Stop>,
    pub renewals: Renewals,
}

/// The last renewal after a 401: the token refused, the one that replaced it, and when. Calls
/// refused at once share it, whatever the token endpoint hands out (Entra may hand out the very
/// same token again, so "is my token still the current one?" cannot tell).
#[derive(Default)]
pub struct Renewals(tokio::sync::Mutex<Option<(Secret, Secret, tokio::time::Instant)>>);

impl<A: MachineApi> Executor<A> {
    /// Sends every call, at most `concurrency` at once; an outcome for every operation named.
    /// Calls that add a tag another call removes go out only once the rest have settled
    /// (`plan::phases`: a case-only rename removes, then adds).
    pub async fn run(&self, calls: Vec<Call>, observer: &dyn Observer) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        // The breaker's count runs on across phases.
        let mut unanswered = 0usize;
        for phase in crate::plan::phases(calls) {
            outcomes.extend(self.run_phase(phase, observer, &mut unanswered).await);
        }
        outcomes
    }

    /// Sends calls side by side, at most `concurrency` at once. Each wave of `concurrency`
    /// calls is announced to the observer before the first of it goes out.
    async fn run_phase(
        &self,
        calls: Vec<Call>,
        observer: &dyn Observer,
        unanswered: &mut usize,
    ) -> Vec<Outcome> {
        let wave = self.concurrency.max(1);
        type Announced<'a> = Shared<BoxFuture<'a, Result<(), Arc<std::io::Error>>>>;
        let mut announced: Vec<Announced<'_>> = Vec::new();
        for chunk in calls.chunks(wave) {
            let ops: Vec<usize> = chunk.iter().flat_map(Call::ops).collect();
            let announce: BoxFuture<'_, _> =
                Box::pin(async move { observer.sending(&ops).await.map_err(Arc::new) });
            announced.push(announce.shared());
        }
        let mut outcomes = Vec::new();
        let mut results = futures::stream::iter(calls.into_iter().enumerate())
            .map(|(k, call)| {
                let announced = announced[k / wave].clone();
                async move {
                    if let Err(e) = announced.await {
                        self.stop.stop(StopReason::Journal(e.to_string()));
                    }
                    self.call(call, observer).await
                }
            })
            .buffer_unordered(wave);
        // The circuit breaker (SPEC.md): operations in a row that failed for the API not
        // answering; a batch call's count as many as it carried.
        while let Some(batch) = results.next().await {
            if !batch.is_empty() && batch.iter().all(not_answering) {
                *unanswered += batch.len();
                if *unanswered >= BREAKER {
                    self.stop.stop(StopReason::Unanswered);
                }
            } else if batch.iter().any(|o| o.status != Status::Skipped) {
                *unanswered = 0;
            }
            observer.settled(&batch);
            outcomes.extend(batch);
        }
        outcomes
    }

    async fn call(&self, call: Call, observer: &dyn Observer) -> Vec<Outcome> {
        match call {
            Call::Single {
                op,
                machine,
                change,
            } => vec![self.single(op, machine, &change, observer).await],
            Call::Batch { action, tag, ops } => self.batch(action, tag, ops, observer).await,
            Call::Replace { machine, tags, ops } => {
                let mut attempts = 0;
                let sent = self
                    .send(&mut attempts, Some((observer, &ops)), |api, t| {
                        let tags = tags.clone();
                        async move { api.replace_tags(machine, &tags, &t).await }
                    })
                    .await;
                match sent {
                    Ok(answer) => {
                        let answer = answer.filter(|m| m.id == machine);
                        let verdict = match &answer {
                            None => Err(ANOTHER_MACHINE),
                            Some(m) => {
                                let exact = tags.iter().all(|t| m.has_tag(t))
                                    && m.tags.iter().all(|have| tags.iter().any(|t| t.is(have)));
                                if exact { Ok(()) } else { Err(NOT_SHOWN) }
                            }
                        };
                        ops.iter()
                            .map(|&i| outcome_of(i, attempts, verdict, answer.as_ref()))
                            .collect()
                    }
                    Err(e) => ops.iter().map(|&i| self.unsent(i, attempts, &e)).collect(),
                }
            }
        }
    }
}

impl<A: MachineApi> Executor<A> {
    async fn single(
        &self,
        index: usize,
        machine: MachineId,
        change: &Change,
        observer: &dyn Observer,
    ) -> Outcome {
        let mut attempts = 0;
        let sent = self
            .send(&mut attempts, Some((observer, &[index])), |api, t| {
                let change = change.clone();
                async move {
                    match change {
                        Change::Tag(action, tag) => api.tag(machine, action, &tag, &t).await,
                        Change::SetValue(v) => api.set_value(machine, v, &t).await,
                    }
                }
            })
            .await;
        match sent {
            Ok(answer) => {
                let answer = answer.filter(|m| m.id == machine);
                let verdict = match &answer {
                    None => Err(ANOTHER_MACHINE),
                    Some(m) if change.shown_by(m) => Ok(()),
                    Some(_) => Err(NOT_SHOWN),
                };
                outcome_of(index, attempts, verdict, answer.as_ref())
            }
            Err(e) => self.unsent(index, attempts, &e),
        }
    }

    /// One batch call; if the API refuses it for something in the request (an unknown ID,
    /// typically), the halves are sent on their own, down to single machines, so one bad ID
    /// costs a few calls instead of failing 499 good machines.
    fn batch<'a>(
        &'a self,
        action: TagAction,
        tag: Tag,
        ops: Vec<(usize, MachineId)>,
        observer: &'a dyn Observer,
    ) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let ids: Vec<MachineId> = ops.iter().map(|(_, id)| *id).collect();
            let indices: Vec<usize> = ops.iter().map(|(i, _)| *i).collect();
            let mut attempts = 0;
            let sent = self
                .send(&mut attempts, Some((observer, &indices)), |api, t| {
                    let (ids, tag) = (ids.clone(), tag.clone());
                    async move { api.batch_tag(&ids, action, &tag, &t).await }
                })
                .await;
            match sent {
                Ok(machines) => {
                    let by_id: HashMap<MachineId, &Machine> =
                        machines.iter().map(|m| (m.id, m)).collect();
                    let change = Change::Tag(action, tag);
                    ops.iter()
                        .map(|(i, id)| {
                            let m = by_id.get(id).copied();
                            let verdict = match m {
                                None => Err(LEFT_OUT),
                                Some(m) if change.shown_by(m) => Ok(()),
                                Some(_) => Err(NOT_SHOWN),
                            };
                            outcome_of(*i, attempts, verdict, m)
                        })
                        .collect()
                }
                Err(SendError::Failed(f)) if f.is_request_error() && ops.len() > 1 => {
                    let (left, right) = ops.split_at(ops.len() / 2);
                    let mut out = self
                        .batch(action, tag.clone(), left.to_vec(), observer)
                        .await;
                    out.extend(self.batch(action, tag, right.to_vec(), observer).await);
                    // The refused call was an attempt for every machine in it.
                    out.iter_mut().for_each(|o| o.attempts += attempts);
                    out
                }
                Err(e) => ops
                    .iter()
                    .map(|(i, _)| self.unsent(*i, attempts, &e))
                    .collect(),
            }
        })
    }

    /// The outcome of an operation whose call did not succeed.
    fn unsent(&self, index: usize, attempts: u32, e: &SendError) -> Outcome {
        match e {
            SendError::Stopped if attempts > 0 => Outcome::settled(
                index,
                attempts,
                &crate::model::Settled::skipped(
                    Reason::Interrupted,
                    "not applied: the run was interrupted before the call was retried",
                ),
            ),
            SendError::Stopped => self.stop.skipped(index, attempts),
            SendError::Abandoned => Outcome {
                index,
                status: Status::Failed,
                http_status: None,
                attempts,
                error: Some(ErrorInfo::new(
                    Reason::InFlight,
                    "sent; interrupted before the answer; the change may have been applied; `mdetag resume` checks it",
                )),
                name: None,
            },
            SendError::Failed(failure) => {
                let (code, message) = failure.code_and_message();
                Outcome {
                    index,
                    status: Status::Failed,
                    http_status: failure.http_status(),
                    attempts,
                    error: Some(ErrorInfo { code, message }),
                    name: None,
                }
            }
        }
    }
}

/// An operation that failed because the API did not answer usefully: a connection error, a
/// timeout, a lost answer or a 5xx, after the retries.
fn not_answering(o: &Outcome) -> bool {
    o.status == Status::Failed
        && (o.http_status.is_some_and(|s| s >= 500)
            || matches!(
                o.reason(),
                Some(
                    Reason::ConnectionError
                        | Reason::NoResponse
                        | Reason::Timeout
                        | Reason::ServerError
                )
            ))
}

/// Why a 200 is not believed.
const NOT_SHOWN: &str = "the API answered 200 but the machine it returned does not show the change";
const ANOTHER_MACHINE: &str = "the API answered 200 with the record of another machine, or of none";
const LEFT_OUT: &str = "the API answered 200 but left this machine out of its answer";

/// A 2xx is believed only when the machine it returns is the one asked for and shows the
/// change.
fn outcome_of(
    index: usize,
    attempts: u32,
    verdict: Result<(), &str>,
    answered: Option<&Machine>,
) -> Outcome {
    Outcome {
        index,
        status: if verdict.is_ok() {
            Status::Succeeded
        } else {
            Status::Failed
        },
        http_status: Some(200),
        attempts,
        error: verdict
            .err()
            .map(|why| ErrorInfo::new(Reason::NotApplied, why)),
        name: answered.and_then(|m| m.name.as_deref()).map(Into::into),
    }
}

mod send;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod phase_tests;
#[cfg(test)]
mod retry_tests;
#[cfg(test)]
mod tests;
