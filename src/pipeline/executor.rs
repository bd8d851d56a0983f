//! Runs calls: each attempt waits for the pacer, at most `concurrency` calls are in flight,
//! failed attempts go through the retry policy, and every operation ends in exactly one
//! outcome. Reads (resolving names, current tags) go through the same `send`, so they are paced,
//! retried and counted like writes.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use futures::StreamExt;
use futures::future::BoxFuture;
use rand::RngExt;
use tokio_util::sync::CancellationToken;

use super::pacer::Pacer;
use super::progress::Progress;
use super::retry::{Attempts, Decision, FailureClass, RetryPolicy};
use super::{ErrorInfo, Outcome, Status};
use crate::api::model::Machine;
use crate::api::{ApiFailure, MdeClient};
use crate::plan::{Action, Call, MachineId, Operation, Plan};
use crate::secret::Secret;

/// Why the run stopped dispatching early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// Ctrl-C: in-flight calls finish, the rest are skipped.
    Interrupted,
    /// Authentication can no longer succeed (secret revoked, bearer token expired): sending
    /// the remaining calls would only burn the rate limit on 401s.
    AuthFailed(String),
}

#[derive(Default)]
pub struct Stop {
    token: CancellationToken,
    reason: Mutex<Option<StopReason>>,
}

impl Stop {
    pub fn stop(&self, reason: StopReason) {
        let mut r = self.reason.lock().expect("stop");
        if r.is_none() {
            *r = Some(reason);
        }
        self.token.cancel();
    }

    pub fn reason(&self) -> Option<StopReason> {
        self.reason.lock().expect("stop").clone()
    }

    fn skipped(&self, index: usize, attempts: u32) -> Outcome {
        let error = match self.reason() {
            Some(StopReason::AuthFailed(why)) => ErrorInfo {
                code: "aborted".into(),
                message: format!("not sent: the run stopped because authentication failed ({why})"),
            },
            _ => ErrorInfo {
                code: "interrupted".into(),
                message: "not sent: the run was interrupted".into(),
            },
        };
        Outcome {
            index,
            status: Status::Skipped,
            http_status: None,
            attempts,
            error: Some(error),
        }
    }
}

/// How one logical call (with its retries) ended.
pub enum Sent<T> {
    Done(T),
    Failed(ApiFailure),
    /// The run was stopped before the call could succeed.
    Stopped,
}

pub struct Executor {
    pub client: Arc<MdeClient>,
    pub pacer: Arc<Pacer>,
    pub policy: RetryPolicy,
    pub concurrency: usize,
    pub stop: Arc<Stop>,
}

impl Executor {
    pub async fn run(&self, plan: &Plan, calls: Vec<Call>, progress: &Progress) -> Vec<Outcome> {
        let mut outcomes = Vec::with_capacity(plan.ops.len());
        let mut results = futures::stream::iter(calls)
            .map(|call| self.call(plan, call))
            .buffer_unordered(self.concurrency);
        while let Some(batch) = results.next().await {
            let failed = batch.iter().filter(|o| o.status == Status::Failed).count() as u64;
            progress.done(batch.len() as u64, failed);
            outcomes.extend(batch);
        }
        outcomes
    }

    async fn call(&self, plan: &Plan, call: Call) -> Vec<Outcome> {
        match call {
            Call::Single(index) => vec![self.single(index, &plan.ops[index].op).await],
            Call::Batch { action, value, ops } => self.batch(plan, action, value, ops).await,
            Call::Replace { replacement, ops } => {
                let r = &plan.replacements[replacement as usize];
                let mut attempts = 0;
                let sent = self.send(&mut attempts, |t| {
                    let client = self.client.clone();
                    let tags = r.tags.clone();
                    async move { client.replace_tags(r.machine, &tags, &t).await }
                });
                match sent.await {
                    Sent::Done(machine) => {
                        let mut want: Vec<String> =
                            r.tags.iter().map(|t| t.to_lowercase()).collect();
                        let mut have: Vec<String> = machine
                            .machine_tags
                            .iter()
                            .map(|t| t.to_lowercase())
                            .collect();
                        want.sort();
                        want.dedup();
                        have.sort();
                        have.dedup();
                        let applied = want == have;
                        ops.iter()
                            .map(|&i| outcome_of(i, attempts, applied))
                            .collect()
                    }
                    Sent::Failed(f) => ops.iter().map(|&i| failed(i, attempts, &f)).collect(),
                    Sent::Stopped => ops
                        .iter()
                        .map(|&i| self.stop.skipped(i, attempts))
                        .collect(),
                }
            }
        }
    }

    /// Sends one logical call: waits for the pacer before every attempt, renews the token on
    /// 401, retries as the policy says. `attempts` counts what was sent.
    pub async fn send<T, F, Fut>(&self, attempts: &mut u32, mut attempt: F) -> Sent<T>
    where
        F: FnMut(Secret) -> Fut,
        Fut: Future<Output = Result<T, ApiFailure>>,
    {
        let mut history = Attempts::default();
        // The token this call got by renewing after a 401, if any.
        let mut renewed: Option<Secret> = None;
        loop {
            tokio::select! {
                biased;
                _ = self.stop.token.cancelled() => return Sent::Stopped,
                _ = self.pacer.acquire() => {}
            }
            let token = match self.client.auth.token().await {
                Ok(t) => t,
                Err(e) => {
                    self.stop.stop(StopReason::AuthFailed(e.to_string()));
                    return Sent::Failed(ApiFailure::Auth(e));
                }
            };
            *attempts += 1;
            let failure = match attempt(token.clone()).await {
                Ok(v) => return Sent::Done(v),
                Err(f) => f,
            };
            let jitter = rand::rng().random::<f64>();
            let class = match failure.class() {
                FailureClass::Unauthorized if renewed.as_ref() == Some(&token) => {
                    FailureClass::UnauthorizedAfterRenewal
                }
                class => class,
            };
            match self.policy.decide(class, &mut history, jitter) {
                Decision::Retry {
                    after,
                    pause_everyone: true,
                } => {
                    // The pacer holds every call until then, this one included.
                    self.pacer.pause_until(tokio::time::Instant::now() + after);
                }
                Decision::Retry {
                    after,
                    pause_everyone: false,
                } => {
                    tokio::select! {
                        _ = self.stop.token.cancelled() => return Sent::Stopped,
                        _ = tokio::time::sleep(after) => {}
                    }
                }
                Decision::RenewTokenAndRetry => match self.client.auth.renew(&token).await {
                    Ok(fresh) => renewed = Some(fresh),
                    Err(e) => {
                        self.stop.stop(StopReason::AuthFailed(e.to_string()));
                        return Sent::Failed(failure);
                    }
                },
                Decision::GiveUp => {
                    if failure.http_status() == Some(401) {
                        self.stop.stop(StopReason::AuthFailed(
                            "the API answered 401 even to a newly issued token".into(),
                        ));
                    }
                    return Sent::Failed(failure);
                }
            }
        }
    }

    async fn single(&self, index: usize, op: &Operation) -> Outcome {
        let machine = op.machine.id().expect("only resolved operations are sent");
        let mut attempts = 0;
        let sent = self.send(&mut attempts, |t| {
            let client = self.client.clone();
            let value = op.value.clone();
            async move { client.apply(machine, op.action, &value, &t).await }
        });
        match sent.await {
            Sent::Done(m) => outcome_of(index, attempts, shows_change(op.action, &op.value, &m)),
            Sent::Failed(f) => failed(index, attempts, &f),
            Sent::Stopped => self.stop.skipped(index, attempts),
        }
    }

    /// One batch call; if the API refuses it for something in the request (an unknown ID,
    /// typically), the halves are sent on their own, down to single machines, so one bad ID
    /// costs a few calls instead of failing 499 good machines.
    fn batch<'a>(
        &'a self,
        plan: &'a Plan,
        action: Action,
        value: Arc<str>,
        ops: Vec<usize>,
    ) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let ids: Vec<MachineId> = ops
                .iter()
                .map(|&i| plan.ops[i].op.machine.id().expect("resolved"))
                .collect();
            let mut attempts = 0;
            let sent = self.send(&mut attempts, |t| {
                let client = self.client.clone();
                let (ids, value) = (ids.clone(), value.clone());
                async move { client.batch_tag(&ids, action, &value, &t).await }
            });
            match sent.await {
                Sent::Done(machines) => {
                    let by_id: HashMap<String, &Machine> = machines
                        .iter()
                        .map(|m| (m.id.to_ascii_lowercase(), m))
                        .collect();
                    ops.iter()
                        .zip(&ids)
                        .map(|(&i, id)| {
                            let applied = by_id
                                .get(&id.to_string())
                                .is_some_and(|m| shows_change(action, &value, m));
                            outcome_of(i, attempts, applied)
                        })
                        .collect()
                }
                Sent::Failed(f) if f.is_request_error() && ops.len() > 1 => {
                    let (left, right) = ops.split_at(ops.len() / 2);
                    let mut out = self.batch(plan, action, value.clone(), left.to_vec()).await;
                    out.extend(self.batch(plan, action, value, right.to_vec()).await);
                    // The refused call was an attempt for every machine in it.
                    out.iter_mut().for_each(|o| o.attempts += attempts);
                    out
                }
                Sent::Failed(f) => ops.iter().map(|&i| failed(i, attempts, &f)).collect(),
                Sent::Stopped => ops
                    .iter()
                    .map(|&i| self.stop.skipped(i, attempts))
                    .collect(),
            }
        })
    }
}

fn failed(index: usize, attempts: u32, failure: &ApiFailure) -> Outcome {
    let (code, message) = failure.code_and_message();
    Outcome {
        index,
        status: Status::Failed,
        http_status: failure.http_status(),
        attempts,
        error: Some(ErrorInfo { code, message }),
    }
}

/// Whether the machine the API returned shows the operation's effect.
fn shows_change(action: Action, value: &str, machine: &Machine) -> bool {
    let has_tag = || {
        machine
            .machine_tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(value))
    };
    match action {
        Action::Add => has_tag(),
        Action::Remove => !has_tag(),
        Action::SetValue => machine
            .device_value
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(value)),
    }
}

/// A 2xx is believed only when the machines it returns show the change.
fn outcome_of(index: usize, attempts: u32, applied: bool) -> Outcome {
    if applied {
        Outcome {
            index,
            status: Status::Succeeded,
            http_status: Some(200),
            attempts,
            error: None,
        }
    } else {
        Outcome {
            index,
            status: Status::Failed,
            http_status: Some(200),
            attempts,
            error: Some(ErrorInfo {
                code: "not applied".into(),
                message:
                    "the API answered 200 but the machine it returned does not show the change"
                        .into(),
            }),
        }
    }
}
