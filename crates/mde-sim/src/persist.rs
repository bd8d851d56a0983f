//! The state file (`SimConfig::state_file`): the machines of every tenant, kept between runs so
//! that a sandbox keeps its tenant from one command to the next.
//!
//! At start, a tenant found in the file gets its machines from it (tags, device value and the
//! rest, as many as the file has); a tenant not in it is drawn as usual, and the file is written
//! then. After every call that changes a machine, before its answer goes out, the whole file is
//! written again: to a temporary file in the same directory, flushed to disk, then renamed over
//! the old one, so that a reader (or a second simulator on the same file: the last writer wins)
//! never sees half a file. On Unix the file is readable by its owner only (0600). Tenants in
//! the file that this simulator does not serve are written back as they were. Tokens and rate
//! windows are not kept.
//!
//! ```json
//! {"format": "mde-sim state", "version": 1,
//!  "tenants": [{"tenantId": "…", "machines": [{"id": "…", "computerDnsName": "…",
//!    "firstSeen": "…", "lastSeen": "…", "osPlatform": "…", "healthStatus": "…",
//!    "riskScore": "…", "exposureLevel": "…", "machineTags": […], "deviceValue": "…",
//!    "mergedIntoMachineId": null}]}]}
//! ```

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::inventory::{self, MachineRecord};

const FORMAT: &str = "mde-sim state";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    format: String,
    version: u32,
    tenants: Vec<TenantState>,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TenantState {
    tenant_id: String,
    machines: Vec<StoredMachine>,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StoredMachine {
    id: String,
    computer_dns_name: String,
    first_seen: String,
    last_seen: String,
    os_platform: String,
    health_status: String,
    risk_score: String,
    exposure_level: String,
    machine_tags: Vec<String>,
    device_value: String,
    merged_into_machine_id: Option<String>,
}

impl StoredMachine {
    fn from_record(m: &MachineRecord) -> StoredMachine {
        StoredMachine {
            id: m.id.clone(),
            computer_dns_name: m.computer_dns_name.clone(),
            first_seen: m.first_seen.clone(),
            last_seen: m.last_seen.clone(),
            os_platform: m.os_platform.into(),
            health_status: m.health_status.into(),
            risk_score: m.risk_score.into(),
            exposure_level: m.exposure_level.into(),
            machine_tags: m.machine_tags.clone(),
            device_value: m.device_value.clone(),
            merged_into_machine_id: m.merged_into_machine_id.clone(),
        }
    }

    fn into_record(self) -> Result<MachineRecord, String> {
        let id = self.id;
        if id.len() != 40 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("machine ID '{id}' is not 40 hexadecimal digits"));
        }
        let known = |field: &str, list: &[&'static str], value: &str| {
            list.iter()
                .copied()
                .find(|v| *v == value)
                .ok_or_else(|| format!("machine {id}: unknown {field} '{value}'"))
        };
        let os_platform = known("osPlatform", inventory::PLATFORMS, &self.os_platform)?;
        let health_status = known("healthStatus", inventory::HEALTH, &self.health_status)?;
        let risk_score = known("riskScore", inventory::RISK, &self.risk_score)?;
        let exposure_level = known("exposureLevel", inventory::RISK, &self.exposure_level)?;
        known(
            "deviceValue",
            &["Normal", "Low", "High"],
            &self.device_value,
        )?;
        Ok(MachineRecord {
            id: id.to_ascii_lowercase(),
            computer_dns_name: self.computer_dns_name,
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            os_platform,
            health_status,
            risk_score,
            exposure_level,
            machine_tags: self.machine_tags,
            device_value: self.device_value,
            merged_into_machine_id: self.merged_into_machine_id,
        })
    }
}

/// A state file as read at start: each tenant's machines, taken as the fleets are built.
pub(crate) struct Loaded {
    tenants: Vec<(TenantState, Option<Vec<MachineRecord>>)>,
}

impl Loaded {
    /// The machines the file has for a tenant (matched in any case), once.
    pub fn take(&mut self, tenant_id: &str) -> Option<Vec<MachineRecord>> {
        self.tenants
            .iter_mut()
            .find(|(t, _)| t.tenant_id.eq_ignore_ascii_case(tenant_id))
            .and_then(|(_, machines)| machines.take())
    }

    /// The tenants in the file that were not taken: this simulator does not serve them.
    fn others(self) -> Vec<TenantState> {
        self.tenants
            .into_iter()
            .filter(|(_, machines)| machines.is_some())
            .map(|(t, _)| t)
            .collect()
    }
}

/// Reads the state file: `None` when there is none, an error saying what is wrong with it
/// when it cannot be read or is not a state file.
pub(crate) fn load(path: &Path) -> Result<Option<Loaded>, String> {
    let text = match fs::read(path) {
        Ok(t) => t,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let file: StateFile =
        serde_json::from_slice(&text).map_err(|e| format!("not a valid state file: {e}"))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(format!(
            "not a state file this simulator reads (format '{}', version {}; expected '{FORMAT}', version {VERSION})",
            file.format, file.version
        ));
    }
    let mut seen_tenants = HashSet::new();
    let mut seen_machines = HashSet::new();
    let mut tenants = Vec::new();
    for tenant in file.tenants {
        if !seen_tenants.insert(tenant.tenant_id.to_ascii_lowercase()) {
            return Err(format!("tenant {} is in it twice", tenant.tenant_id));
        }
        let mut records = Vec::with_capacity(tenant.machines.len());
        for m in tenant.machines.clone() {
            let record = m
                .into_record()
                .map_err(|e| format!("tenant {}: {e}", tenant.tenant_id))?;
            if !seen_machines.insert(record.id.clone()) {
                return Err(format!("machine {} is in it twice", record.id));
            }
            records.push(record);
        }
        tenants.push((tenant, Some(records)));
    }
    Ok(Some(Loaded { tenants }))
}

/// Where the state goes, and how far it has been written.
pub(crate) struct Store {
    path: PathBuf,
    /// Tenants of the file this simulator does not serve, written back as they were.
    others: Vec<TenantState>,
    /// The change count (`SimState::changes`) the file holds.
    written: AtomicU64,
    /// Held while writing, so that writes go out one at a time, each with the state as it is
    /// when it starts.
    writing: Mutex<()>,
    /// The embedder's own whole-file write, in place of `write_atomically`.
    writer: Option<crate::StateWriter>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Store {
    pub fn new(path: PathBuf, loaded: Option<Loaded>, writer: Option<crate::StateWriter>) -> Store {
        Store {
            path,
            others: loaded.map(Loaded::others).unwrap_or_default(),
            written: AtomicU64::new(0),
            writing: Mutex::new(()),
            writer,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether changes up to `changes` may not be in the file yet.
    pub fn behind(&self, changes: u64) -> bool {
        self.written.load(Ordering::SeqCst) != changes
    }

    /// Writes the tenants' machines as `snapshot` gives them now, unless (`force` aside) the
    /// file already holds every change up to `changes()`.
    pub fn save(
        &self,
        force: bool,
        changes: impl Fn() -> u64,
        snapshot: impl FnOnce() -> Vec<(String, Vec<MachineRecord>)>,
    ) -> std::io::Result<()> {
        let _writing = self.writing.lock().expect("store");
        // Read before the snapshot: every change counted is in it.
        let now = changes();
        if self.written.load(Ordering::SeqCst) == now && !force {
            return Ok(());
        }
        let tenants = snapshot()
            .into_iter()
            .map(|(tenant_id, machines)| TenantState {
                tenant_id,
                machines: machines.iter().map(StoredMachine::from_record).collect(),
            })
            .chain(self.others.iter().cloned())
            .collect();
        let file = StateFile {
            format: FORMAT.into(),
            version: VERSION,
            tenants,
        };
        let mut text = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        text.push(b'\n');
        match &self.writer {
            Some(w) => (w.0)(&self.path, &text)?,
            None => write_atomically(&self.path, &text)?,
        }
        self.written.store(now, Ordering::SeqCst);
        Ok(())
    }
}

/// Replaces `path` with `bytes` so that it is at every moment either the old file or the new
/// one: a temporary file beside it, synced, renamed over it, and the directory synced.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = dir.join(format!(
        ".{}.{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    // The rename itself reaches the disk when the directory does.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
