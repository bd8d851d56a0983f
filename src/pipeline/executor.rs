//! Runs the plan's calls: each waits for the pacer, at most `concurrency` are in flight, failed
//! attempts are retried by the policy, and every operation ends in exactly one outcome.

use std::sync::{Arc, Mutex};

use futures::StreamExt;
use rand::RngExt;
use tokio_util::sync::CancellationToken;

use super::pacer::Pacer;
use super::progress::Progress;
use super::retry::{Attempts, Decision, FailureClass, RetryPolicy};
use super::{ErrorInfo, Outcome, Status};
use crate::api::model::Machine;
use crate::api::{ApiFailure, MdeClient};
use crate::plan::{Action, Call, Operation, Plan};

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

pub struct Executor {
    pub client: Arc<MdeClient>,
    pub pacer: Arc<Pacer>,
    pub policy: RetryPolicy,
    pub concurrency: usize,
    pub stop: Arc<Stop>,
    pub progress: Arc<Progress>,
}

impl Executor {
    pub async fn run(&self, plan: &Plan, calls: Vec<Call>) -> Vec<Outcome> {
        let mut outcomes = Vec::with_capacity(calls.len());
        let mut results = futures::stream::iter(calls)
            .map(|call| self.call(plan, call))
            .buffer_unordered(self.concurrency);
        while let Some(batch) = results.next().await {
            let failed = batch.iter().filter(|o| o.status == Status::Failed).count() as u64;
            self.progress.done(batch.len() as u64, failed);
            outcomes.extend(batch);
        }
        outcomes
    }

    async fn call(&self, plan: &Plan, call: Call) -> Vec<Outcome> {
        match call {
            Call::Single(index) => vec![self.single(index, &plan.ops[index].op).await],
        }
    }

    async fn single(&self, index: usize, op: &Operation) -> Outcome {
        let mut history = Attempts::default();
        let mut attempts = 0u32;
        // The token this call got by renewing after a 401, if any.
        let mut renewed: Option<crate::secret::Secret> = None;
        loop {
            tokio::select! {
                biased;
                _ = self.stop.token.cancelled() => return self.stop.skipped(index, attempts),
                _ = self.pacer.acquire() => {}
            }
            let token = match self.client.auth.token().await {
                Ok(t) => t,
                Err(e) => {
                    self.stop.stop(StopReason::AuthFailed(e.to_string()));
                    return failed(index, attempts, &ApiFailure::Auth(e));
                }
            };
            attempts += 1;
            let failure = match self
                .client
                .apply(op.machine, op.action, &op.value, &token)
                .await
            {
                Ok(machine) => return verified(index, attempts, op, &machine),
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
                        _ = self.stop.token.cancelled() => return self.stop.skipped(index, attempts),
                        _ = tokio::time::sleep(after) => {}
                    }
                }
                Decision::RenewTokenAndRetry => match self.client.auth.renew(&token).await {
                    Ok(fresh) => renewed = Some(fresh),
                    Err(e) => {
                        self.stop.stop(StopReason::AuthFailed(e.to_string()));
                        return failed(index, attempts, &failure);
                    }
                },
                Decision::GiveUp => {
                    if failure.http_status() == Some(401) {
                        self.stop.stop(StopReason::AuthFailed(
                            "the API answered 401 even to a newly issued token".into(),
                        ));
                    }
                    return failed(index, attempts, &failure);
                }
            }
        }
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

/// A 200 is believed only when the machine it returns shows the change.
fn verified(index: usize, attempts: u32, op: &Operation, machine: &Machine) -> Outcome {
    let has_tag = || {
        machine
            .machine_tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&op.value))
    };
    let applied = match op.action {
        Action::Add => has_tag(),
        Action::Remove => !has_tag(),
        Action::SetValue => machine
            .device_value
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(&op.value)),
    };
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
