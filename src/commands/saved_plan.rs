//! `--save-plan FILE`: the plan a dry run shows, with the observed state of every machine it
//! touches, saved for review and for `mdetag apply` to run exactly as it is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest as _, Sha256};

use crate::journal::record::{Digest, Header, PlanPart, Saved};
use crate::journal::{Journal, PlanLines};
use crate::model::{Machine, MachineId};
use crate::plan::{CallCounts, Plan};
use crate::settings::Settings;
use crate::ui::text::plural;

/// Where to save the plan, and the command's inputs to record with it.
#[derive(Clone)]
pub struct SavePlan {
    pub path: PathBuf,
    pub inputs: Vec<Digest>,
    /// One tenant's part of a plan over many: saved to `path`, a file of its own beside the
    /// plan, until every tenant's part is joined into the plan (`join`).
    pub part: Option<PlanPart>,
}

/// What a plan (or a tenant's part of one) holds, for the line that says it was saved.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlanCounts {
    pub ops: usize,
    pub machines: usize,
    pub calls: u64,
}

impl PlanCounts {
    pub fn of(plan: &Plan, batching: bool) -> PlanCounts {
        PlanCounts {
            ops: plan.ops.len(),
            machines: plan
                .ops
                .iter()
                .filter_map(|p| p.op.machine.id())
                .collect::<std::collections::HashSet<_>>()
                .len(),
            calls: CallCounts::of(&plan.calls(batching)).total(),
        }
    }

    fn add(self, o: PlanCounts) -> PlanCounts {
        PlanCounts {
            ops: self.ops + o.ops,
            machines: self.machines + o.machines,
            calls: self.calls + o.calls,
        }
    }
}

impl SavePlan {
    /// `--save-plan` as given (`None` when not), with the files the command read (`-` is
    /// standard input, which cannot be read twice) and its hunting query's text.
    pub fn new(path: Option<&Path>, files: &[&Path], query: Option<&str>) -> Option<SavePlan> {
        let path = path?.to_path_buf();
        let mut inputs: Vec<Digest> = files.iter().map(|f| digest_file(f)).collect();
        if let Some(text) = query {
            inputs.push(Digest {
                input: "query".into(),
                sha256: Some(sha256_hex(text.as_bytes())),
            });
        }
        Some(SavePlan {
            path,
            inputs,
            part: None,
        })
    }

    /// Tenant `tenant`'s part, the `n`-th of `of`, of the plan of run `run_id` over many
    /// tenants: saved beside the plan under a name of its own until the parts are joined.
    pub fn part(&self, n: usize, of: usize, run_id: &str, tenant: &str) -> SavePlan {
        let name = self
            .path
            .file_name()
            .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
        SavePlan {
            path: self
                .path
                .with_file_name(format!(".{name}.{run_id}.{tenant}.part")),
            inputs: self.inputs.clone(),
            part: Some(PlanPart { n, of }),
        }
    }

    /// Joins every tenant's part, in order, into the plan: the plan is in place whole, or not
    /// at all. The parts are removed either way.
    pub fn join(&self, parts: &[PathBuf]) -> Result<()> {
        let joined = crate::files::replace_with(&self.path, |out| {
            for part in parts {
                // Never through a link put in a part's place.
                let mut part = crate::files::open(part, crate::files::Open::Existing)?;
                std::io::copy(&mut part, out)?;
            }
            Ok(())
        });
        Self::discard(parts);
        joined.with_context(|| format!("cannot save the plan to {}", self.path.display()))
    }

    /// Removes the parts of a plan that is not saved.
    pub fn discard(parts: &[PathBuf]) {
        for part in parts {
            let _ = std::fs::remove_file(part);
        }
    }

    /// Writes the plan: the header, every operation, each touched machine's state as read,
    /// what was settled while planning, and the mark that the plan is complete.
    pub fn write(
        &self,
        mut header: Header,
        settings: &Settings,
        plan: &Plan,
        machines: &HashMap<MachineId, Machine>,
    ) -> Result<()> {
        header.saved = Some(Box::new(Saved {
            cloud: settings.cloud().as_str().into(),
            typed: typed_command(),
            inputs: self.inputs.clone(),
            part: self.part,
        }));
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = self
            .path
            .file_name()
            .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{name}.{}.tmp", header.run_id));
        let cannot = || format!("cannot save the plan to {}", self.path.display());
        let journal = Journal::create(&tmp, header).with_context(cannot)?;
        let written = journal
            .plan(plan, machines, &PlanLines::new(plan))
            .and_then(|()| journal.save_as(&self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.with_context(cannot)
    }

    /// What was saved, and how to run it.
    pub fn saved_line(&self, plan: &Plan, batching: bool, sandbox: bool) -> String {
        self.saved_line_of(PlanCounts::of(plan, batching), None, sandbox)
    }

    /// What was saved over `tenants` tenants, each part's counts added up, and how to run it.
    pub fn saved_parts_line(&self, parts: &[PlanCounts], sandbox: bool) -> String {
        let whole = parts.iter().fold(PlanCounts::default(), |a, b| a.add(*b));
        self.saved_line_of(whole, Some(parts.len()), sandbox)
    }

    fn saved_line_of(&self, c: PlanCounts, tenants: Option<usize>, sandbox: bool) -> String {
        format!(
            "plan saved to {}{}: {} on {}, {} to make; nothing was sent (`{} apply {}` runs it)",
            self.path.display(),
            tenants.map_or(String::new(), |n| format!(
                " over {}",
                plural(n, "tenant", "tenants")
            )),
            plural(c.ops, "operation", "operations"),
            plural(c.machines, "machine", "machines"),
            plural(c.calls as usize, "write call", "write calls"),
            super::mdetag(sandbox),
            self.path.display()
        )
    }
}

/// The SHA-256 of a file's bytes as read now; standard input (`-`), or a file that cannot
/// be read again, has none.
fn digest_file(path: &Path) -> Digest {
    let input = path.display().to_string();
    let sha256 = match input.as_str() {
        "-" => None,
        _ => sha256_of_file(path).ok(),
    };
    Digest { input, sha256 }
}

/// The SHA-256 of a file, read in pieces (a machines file can be large).
pub fn sha256_of_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The command as typed, each argument quoted for a POSIX shell where it needs to be.
fn typed_command() -> String {
    let mut words = vec!["mdetag".to_string()];
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy();
        let plain = !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@%=".contains(c));
        words.push(match plain {
            true => arg.into_owned(),
            false => format!("'{}'", arg.replace('\'', "'\\''")),
        });
    }
    words.join(" ")
}
