//! `--sandbox`: mde-sim in this process on a free loopback port, with its own app, and its
//! tenant kept between commands in `{state}/sandbox/` (SPEC.md, Global options): what one
//! command changes the next one sees, and its runs resume and undo like real ones. Deleting the
//! folder starts over.
//!
//! Two processes on one sandbox: a command that may change it holds `{state}/sandbox/lock`
//! (an advisory lock, `fs4`) for as long as it runs, and a second such command waits for it,
//! saying so. A command that only reads takes the lock when it is free; when it is not, it reads
//! the tenant as last written (every write is whole: a temp file renamed over it) and may not
//! write it. So no change is ever lost to another process's older copy, and no file is torn.

use std::fs::File;

use anyhow::Result;

use crate::auth::Credential;
use crate::settings::Settings;
use crate::ui::Printer;
#[cfg(feature = "sandbox")]
use {
    crate::files::UnsafeFolder,
    crate::journal::store,
    anyhow::Context,
    std::io::Write,
    std::path::{Path, PathBuf},
    std::sync::Arc,
    std::time::Duration,
};

/// The simulator behind `--sandbox` and the lock it holds, alive as long as the command.
pub struct Sandbox {
    #[cfg(feature = "sandbox")]
    _sim: mde_sim::Simulator,
    _lock: Option<File>,
}

#[cfg(feature = "sandbox")]
/// Where the sandbox keeps its tenant, and whether this process may write it.
struct Kept {
    dir: PathBuf,
    /// Held (and so the file may be written), or not (another command holds it).
    lock: Option<File>,
}

#[cfg(feature = "sandbox")]
impl Kept {
    fn state(&self) -> PathBuf {
        self.dir.join("state.json")
    }
}

#[cfg(feature = "sandbox")]
/// The tenants the sandbox serves, by their hosts' domain: its own first (as it always was),
/// then two customers' for `--tenants` (examples/tenants.csv names them).
const SANDBOX_DOMAINS: [&str; 3] = ["contoso.local", "fabrikam.local", "northwind.local"];

#[cfg(feature = "sandbox")]
/// How often a command that waits for the sandbox looks again.
const POLL: Duration = Duration::from_millis(100);

#[cfg(feature = "sandbox")]
/// `{state}/sandbox`, made (0700) if need be, and its lock: waited for when `changes`, else
/// taken only if free. `None` when there is no state folder to keep it in (said why).
async fn keep(changes: bool, printer: &Printer) -> Result<Option<Kept>> {
    let state = match store::state_dir() {
        Ok(s) => s,
        Err(e) if e.is::<UnsafeFolder>() => return Err(e),
        Err(e) => {
            printer.warn(format!(
                "sandbox: {e:#}; this sandbox starts afresh and forgets its changes when the command ends"
            ));
            return Ok(None);
        }
    };
    let dir = state.join("sandbox");
    store::private_dir(&dir)?;
    let path = dir.join("lock");
    let lock = crate::files::open(&path, crate::files::Open::Write)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let mut said = false;
    let held = loop {
        match fs4::FileExt::try_lock(&lock) {
            Ok(()) => break true,
            Err(fs4::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
            Err(fs4::TryLockError::WouldBlock) if !changes => break false,
            Err(fs4::TryLockError::WouldBlock) => {
                if !said {
                    printer.note(format!(
                        "sandbox: another mdetag command{} is changing it; waiting for that one to end (Ctrl-C stops waiting)",
                        holder(&path)
                    ));
                    said = true;
                }
                tokio::time::sleep(POLL).await;
            }
        }
    };
    if !held {
        return Ok(Some(Kept { dir, lock: None }));
    }
    // Who holds it, for the note of a command that waits.
    let mut lock = lock;
    let _ = lock
        .set_len(0)
        .and_then(|()| write!(lock, "{}", std::process::id()));
    Ok(Some(Kept {
        dir,
        lock: Some(lock),
    }))
}

#[cfg(feature = "sandbox")]
/// ` (pid N)` as the lock file says, when it does.
fn holder(lock: &Path) -> String {
    std::fs::read_to_string(lock)
        .ok()
        .and_then(|t| t.trim().parse::<u32>().ok())
        .map_or_else(String::new, |pid| format!(" (pid {pid})"))
}

#[cfg(not(feature = "sandbox"))]
fn no_sandbox() -> anyhow::Error {
    crate::exit::UsageError(
        "--sandbox: this mdetag was built without the simulator (cargo feature `sandbox`)".into(),
    )
    .into()
}

#[cfg(not(feature = "sandbox"))]
pub async fn start(_: &Printer, _: bool) -> Result<(Sandbox, url::Url)> {
    Err(no_sandbox())
}

#[cfg(not(feature = "sandbox"))]
pub fn credential(_: &Settings) -> Result<Credential> {
    Err(no_sandbox())
}

/// Starts the sandbox's simulator on a free loopback port with the tenant kept in
/// `{state}/sandbox/`; it and where it listens. `changes`: the command may change machines (it
/// waits for another that does).
#[cfg(feature = "sandbox")]
pub async fn start(printer: &Printer, changes: bool) -> Result<(Sandbox, url::Url)> {
    let kept = keep(changes, printer).await?;
    let writable = kept.as_ref().is_some_and(|k| k.lock.is_some());
    // A command that does not hold the lock reads the tenant as last written, if it was.
    let state_file = kept
        .as_ref()
        .map(Kept::state)
        .filter(|s| writable || s.exists());
    let writer = mde_sim::StateWriter(Arc::new(move |path: &Path, bytes: &[u8]| {
        if writable {
            crate::files::replace(path, bytes)
        } else {
            Err(std::io::Error::other(
                "another mdetag command holds the sandbox: this one may not change it",
            ))
        }
    }));
    let defaults = mde_sim::SimConfig::default();
    // Its own tenant, as it always was, and two customers' for trying `--tenants`
    // (examples/tenants.csv names all three).
    let tenants = SANDBOX_DOMAINS
        .iter()
        .enumerate()
        .map(|(i, domain)| {
            let t = mde_sim::TenantSpec::new(mde_sim::sandbox_tenant(i + 1), defaults.machines);
            match i {
                0 => t.seeded(defaults.seed),
                _ => t.in_domain(*domain),
            }
        })
        .collect();
    let config = mde_sim::SimConfig {
        latency: Duration::from_millis(40),
        latency_jitter: Duration::from_millis(60),
        state_file,
        state_writer: Some(writer),
        tenants,
        ..defaults
    };
    let sim = mde_sim::Simulator::start(config, "127.0.0.1:0".parse().expect("address"))
        .await
        .with_context(|| match &kept {
            Some(k) => format!(
                "cannot start the sandbox (delete {} to start it over)",
                k.dir.display()
            ),
            None => "cannot start the sandbox".into(),
        })?;
    let url = url::Url::parse(&sim.url()).context("the simulator's URL")?;
    let machines = crate::ui::text::plural(sim.machines().len(), "machine", "machines");
    let kept_where = match &kept {
        Some(k) if writable => format!(
            ", kept in {} (delete it to start over)",
            crate::ui::text::display(&k.dir.display().to_string())
        ),
        Some(k) => format!(
            ", as last kept in {} (another mdetag command is changing it: this one only reads)",
            crate::ui::text::display(&k.dir.display().to_string())
        ),
        None => String::new(),
    };
    printer.note(format!(
        "sandbox: simulated Defender API at {} with {machines} (and {} customer tenants for --tenants examples/tenants.csv){kept_where}; nothing leaves this machine",
        sim.url(),
        SANDBOX_DOMAINS.len() - 1
    ));
    Ok((
        Sandbox {
            _sim: sim,
            _lock: kept.and_then(|k| k.lock),
        },
        url,
    ))
}

/// The sandbox's own application. Real credentials in the environment are never sent to it.
#[cfg(feature = "sandbox")]
pub fn credential(settings: &Settings) -> Result<Credential> {
    Ok(Credential::ClientSecret {
        authority: settings.authority().clone(),
        tenant_id: mde_sim::SANDBOX_TENANT.into(),
        client_id: mde_sim::SANDBOX_CLIENT.into(),
        secret: crate::auth::Secret::new(mde_sim::SANDBOX_SECRET),
        scope: format!("{}/.default", settings.cloud().resource()),
    })
}
