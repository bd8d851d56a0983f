//! A scripted fake of the API for the executor's tests: machines whose tags it changes
//! honestly unless the script says otherwise, every call logged with the time it started.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use super::*;
use crate::api::{ListPage, Page};
use crate::auth::AuthError;
use crate::model::DeviceValue;

/// One call as the fake saw it.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen {
    Tag(MachineId, TagAction, String),
    SetValue(MachineId),
    Batch(Vec<MachineId>, TagAction, String),
    Replace(MachineId, Vec<String>),
}

pub type Script = dyn Fn(&Seen, usize, &mut Fleet) -> Result<Vec<Machine>, ApiError> + Send + Sync;

/// Machines and their tags, changed honestly unless the script says otherwise.
#[derive(Default)]
pub struct Fleet(pub HashMap<MachineId, Machine>);

impl Fleet {
    pub fn apply(&mut self, seen: &Seen) -> Result<Vec<Machine>, ApiError> {
        let mut touch = |id: &MachineId, f: &dyn Fn(&mut Machine)| -> Option<Machine> {
            let m = self.0.get_mut(id)?;
            f(m);
            Some(m.clone())
        };
        let tagging = |action: TagAction, tag: &str| {
            let tag = Tag::parse(tag).unwrap();
            move |m: &mut Machine| match action {
                TagAction::Add if !m.has_tag(&tag) => m.tags.push(tag.as_str().into()),
                TagAction::Add => {}
                TagAction::Remove => m.tags.retain(|t| !tag.is(t)),
            }
        };
        match seen {
            Seen::Tag(id, action, tag) => touch(id, &tagging(*action, tag))
                .map(|m| vec![m])
                .ok_or_else(not_found),
            Seen::SetValue(id) => touch(id, &|m| m.device_value = Some("High".into()))
                .map(|m| vec![m])
                .ok_or_else(not_found),
            Seen::Batch(ids, action, tag) => {
                let f = tagging(*action, tag);
                Ok(ids.iter().filter_map(|id| touch(id, &f)).collect())
            }
            Seen::Replace(id, tags) => {
                let tags = tags.clone();
                touch(id, &move |m| m.tags = tags.clone())
                    .map(|m| vec![m])
                    .ok_or_else(not_found)
            }
        }
    }
}

pub fn not_found() -> ApiError {
    http(404, "ResourceNotFound")
}

pub fn http(status: u16, code: &str) -> ApiError {
    ApiError::Http {
        status,
        code: Some(code.into()),
        message: format!("{code} from the fake"),
        retry_after: None,
    }
}

pub struct Fake {
    fleet: Mutex<Fleet>,
    script: Box<Script>,
    /// Every call with when it started.
    log: Mutex<Vec<(Instant, Seen)>>,
    /// Tokens handed out; a renewal hands out the next.
    pub tokens: Mutex<u32>,
    /// Run as each token is handed out (a signal arriving meanwhile, say).
    pub on_token: Mutex<Option<Box<dyn Fn() + Send + Sync>>>,
}

impl Fake {
    pub fn new(
        machines: usize,
        script: impl Fn(&Seen, usize, &mut Fleet) -> Result<Vec<Machine>, ApiError>
        + Send
        + Sync
        + 'static,
    ) -> Arc<Fake> {
        let fleet = (0..machines)
            .map(|i| {
                let m = Machine {
                    id: id(i),
                    name: Some(format!("m{i}")),
                    tags: Vec::new(),
                    device_value: None,
                    health_status: None,
                    last_seen: None,
                    os_platform: None,
                    merged_into: None,
                };
                (m.id, m)
            })
            .collect();
        Arc::new(Fake {
            fleet: Mutex::new(Fleet(fleet)),
            script: Box::new(script),
            log: Mutex::default(),
            tokens: Mutex::new(1),
            on_token: Mutex::new(None),
        })
    }

    pub fn honest(machines: usize) -> Arc<Fake> {
        Fake::new(machines, |seen, _, fleet| fleet.apply(seen))
    }

    /// Answers a call that started at `started`, after the fake's 100 ms of latency.
    async fn answer(&self, seen: Seen) -> Result<Vec<Machine>, ApiError> {
        let started = Instant::now();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let n = {
            let mut log = self.log.lock().unwrap();
            log.push((started, seen.clone()));
            log.len()
        };
        let mut fleet = self.fleet.lock().unwrap();
        (self.script)(&seen, n, &mut fleet)
    }

    async fn one(&self, seen: Seen) -> Result<Option<Machine>, ApiError> {
        Ok(self.answer(seen).await?.pop())
    }

    pub fn calls(&self) -> Vec<(Instant, Seen)> {
        self.log.lock().unwrap().clone()
    }

    /// A machine's tags as the fake holds them now.
    pub fn tags(&self, id: MachineId) -> Vec<String> {
        self.fleet.lock().unwrap().0[&id].tags.clone()
    }
}

impl Authorized for Fake {
    async fn token(&self) -> Result<Secret, AuthError> {
        if let Some(hook) = &*self.on_token.lock().unwrap() {
            hook();
        }
        Ok(Secret::new(format!("t{}", self.tokens.lock().unwrap())))
    }

    async fn renew(&self, _rejected: &Secret) -> Result<Secret, AuthError> {
        let mut n = self.tokens.lock().unwrap();
        *n += 1;
        Ok(Secret::new(format!("t{n}")))
    }
}

impl MachineApi for Fake {
    async fn tag(
        &self,
        id: MachineId,
        a: TagAction,
        tag: &Tag,
        _: &Secret,
    ) -> Result<Option<Machine>, ApiError> {
        self.one(Seen::Tag(id, a, tag.as_str().into())).await
    }

    async fn set_value(
        &self,
        id: MachineId,
        _: DeviceValue,
        _: &Secret,
    ) -> Result<Option<Machine>, ApiError> {
        self.one(Seen::SetValue(id)).await
    }

    async fn batch_tag(
        &self,
        ids: &[MachineId],
        a: TagAction,
        tag: &Tag,
        _: &Secret,
    ) -> Result<Vec<Machine>, ApiError> {
        self.answer(Seen::Batch(ids.to_vec(), a, tag.as_str().into()))
            .await
    }

    async fn replace_tags(
        &self,
        id: MachineId,
        tags: &[Tag],
        _: &Secret,
    ) -> Result<Option<Machine>, ApiError> {
        self.one(Seen::Replace(
            id,
            tags.iter().map(|t| t.as_str().into()).collect(),
        ))
        .await
    }

    async fn list_page(&self, _: &ListPage, _: &Secret) -> Result<Page, ApiError> {
        unimplemented!("reads are tested through the binary")
    }

    async fn find_by_tag(&self, _: &str, _: bool, _: &Secret) -> Result<Page, ApiError> {
        unimplemented!("reads are tested through the binary")
    }
}

pub fn id(n: usize) -> MachineId {
    MachineId::parse(&format!("{n:040x}")).unwrap()
}
