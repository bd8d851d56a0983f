//! The tenants of a run over many (`{state}/runs/RUN/tenants.json`): every tenant the run was
//! for, in the tenants file's order, and how each ended. A tenant that never wrote a journal
//! (it could not run, or the run stopped before it started) stays part of the run's record:
//! `runs show` reports it, `runs list` counts it, `resume` says it never ran.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Invalid, Tenant};

/// The file's name in the run's folder.
pub const FILE: &str = "tenants.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub tenants: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub tenant: String,
    #[serde(default)]
    pub tenant_name: Option<String>,
    /// How the tenant ended, once the run (or its last resume) ended; `None` before.
    #[serde(default)]
    pub ended: Option<Ending>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// The tenant ran (it may still have had failures); else it could not run.
    pub ran: bool,
    /// Why it could not run (secrets already redacted).
    #[serde(default)]
    pub error: Option<String>,
}

impl Manifest {
    /// The run's manifest, `None` when it has none (a run of an older mdetag).
    pub fn read(dir: &Path) -> io::Result<Option<Manifest>> {
        let path = dir.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: not a run's tenants ({e})", path.display()),
                )
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes it whole in place of what was there.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        let bytes = serde_json::to_vec_pretty(self)?;
        crate::files::replace(&dir.join(FILE), &bytes)
    }

    /// The tenants with no journal among `journals` that did not run, each with why; an
    /// entry that is no tenant ID is an error (the file was edited).
    pub fn never_ran(&self, journals: &[PathBuf]) -> Result<Vec<(Tenant, String)>, Invalid> {
        let has_journal = |id: &str| {
            journals.iter().any(|j| {
                j.file_stem()
                    .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(id))
            })
        };
        self.tenants
            .iter()
            .filter(|e| !has_journal(&e.tenant))
            .filter_map(|e| match &e.ended {
                None => Some((e, "the run stopped before this tenant started".to_string())),
                Some(Ending { ran: false, error }) => Some((
                    e,
                    error.clone().unwrap_or_else(|| "it could not run".into()),
                )),
                // It ran with nothing to write: no journal, nothing missing.
                Some(Ending { ran: true, .. }) => None,
            })
            .map(|(e, why)| Ok((Tenant::new(&e.tenant, e.tenant_name.as_deref())?, why)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, ended: Option<Ending>) -> Entry {
        Entry {
            tenant: id.into(),
            tenant_name: None,
            ended,
        }
    }

    #[test]
    fn a_tenant_without_a_journal_never_ran_unless_it_ran_with_nothing_to_write() {
        let refused = Ending {
            ran: false,
            error: Some("AADSTS700016".into()),
        };
        let manifest = Manifest {
            tenants: vec![
                entry(
                    "a",
                    Some(Ending {
                        ran: true,
                        error: None,
                    }),
                ),
                entry("b.onmicrosoft.com", Some(refused)),
                entry("c.onmicrosoft.com", None),
                entry(
                    "d",
                    Some(Ending {
                        ran: true,
                        error: None,
                    }),
                ),
            ],
        };
        let journals = [PathBuf::from("/runs/r/a.onmicrosoft.com.jsonl")];
        let never = manifest.never_ran(&journals).unwrap();
        let never: Vec<(&str, &str)> = never
            .iter()
            .map(|(t, why)| (t.id.as_str(), why.as_str()))
            .collect();
        assert_eq!(
            never,
            [
                ("b.onmicrosoft.com", "AADSTS700016"),
                (
                    "c.onmicrosoft.com",
                    "the run stopped before this tenant started"
                )
            ]
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(Manifest::read(dir.path()).unwrap().is_none());
        manifest.write(dir.path()).unwrap();
        let back = Manifest::read(dir.path()).unwrap().unwrap();
        assert_eq!(back.tenants.len(), 4);
        assert!(!back.tenants[1].ended.as_ref().unwrap().ran);
    }
}
