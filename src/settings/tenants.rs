//! The settings of a run over many tenants, and of each tenant's part of it.

use super::{JournalChoice, Settings};

impl Settings {
    /// `--tenants FILE`, when the run goes through many tenants.
    pub fn tenants(&self) -> Option<&std::path::Path> {
        self.tenants.as_deref()
    }

    pub fn tenant_concurrency(&self) -> usize {
        self.tenant_concurrency
    }

    /// The settings of one tenant's part of a run over many: its tenant, its own journal (or
    /// none), and no further fan-out.
    pub fn for_tenant(&self, tenant_id: &str, journal: Option<std::path::PathBuf>) -> Settings {
        Settings {
            tenant_id: Some(tenant_id.to_string()),
            journal: journal.map_or(JournalChoice::Off, JournalChoice::File),
            tenants: None,
            ..self.clone()
        }
    }
}
