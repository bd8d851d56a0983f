//! Tenants, as Microsoft's partner model has them ("Partner access through Microsoft Defender
//! for Endpoint APIs"): one multi-tenant application, one client ID and credential, consented in
//! each customer tenant; a token per tenant from `/{tenant}/oauth2/v2.0/token`; the API host
//! the same for all, the token's tenant deciding whose machines a call sees; rate limits per
//! application and tenant.
//!
//! Each tenant the simulator serves is a [`Fleet`]: its own machines (drawn from the seed and
//! the tenant's ID, so no two tenants share a machine ID), its own `DeviceInfo` table, its own
//! windows (the limiters are keyed by tenant and client).

use std::collections::HashSet;
use std::sync::Mutex;

use crate::device_info::{self, Extra};
use crate::inventory::{Inventory, MachineRecord};
use crate::{SANDBOX_TENANT, SimConfig};

/// A tenant the simulator serves (see [`SimConfig::tenants`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantSpec {
    /// The directory (tenant) ID, matched in any case as Entra does.
    pub tenant_id: String,
    /// Machines in this tenant's fleet.
    pub machines: usize,
    /// No app is installed or consented here: the token endpoint answers every client with
    /// Entra's 400 `unauthorized_client` AADSTS700016 ("… was not found in the directory …").
    pub refuses_apps: bool,
    /// The seed this tenant's machines are drawn from, as given (else the configured seed
    /// mixed with the tenant's ID): a fleet that must stay what it was when one tenant was
    /// served, as the sandbox's first.
    pub seed: Option<u64>,
    /// The DNS domain of the tenant's host names (`ws-00001.DOMAIN`); `contoso.local` when
    /// not given.
    pub domain: Option<String>,
}

impl TenantSpec {
    /// A tenant with `machines` machines that has consented to every app.
    pub fn new(tenant_id: impl Into<String>, machines: usize) -> TenantSpec {
        TenantSpec {
            tenant_id: tenant_id.into(),
            machines,
            refuses_apps: false,
            seed: None,
            domain: None,
        }
    }

    /// The same tenant, its host names in `domain`.
    pub fn in_domain(self, domain: impl Into<String>) -> TenantSpec {
        TenantSpec {
            domain: Some(domain.into()),
            ..self
        }
    }

    /// The same tenant, its machines drawn from `seed` exactly.
    pub fn seeded(self, seed: u64) -> TenantSpec {
        TenantSpec {
            seed: Some(seed),
            ..self
        }
    }

    /// The same tenant, refusing every app.
    pub fn refusing(self) -> TenantSpec {
        TenantSpec {
            refuses_apps: true,
            ..self
        }
    }
}

/// The `n`th sandbox tenant ID (from 1): [`SANDBOX_TENANT`] first, then IDs in its pattern
/// (`…-00000000a002`, `…-00000000a003`, …), the same every run.
pub fn sandbox_tenant(n: usize) -> String {
    if n <= 1 {
        return SANDBOX_TENANT.to_string();
    }
    let (head, _) = SANDBOX_TENANT.rsplit_once('-').expect("a GUID");
    format!("{head}-{:012x}", 0xa000 + n as u64)
}

/// The seed of a tenant's fleet: the configured seed mixed with the tenant ID (in lower case),
/// so each tenant draws machines of its own and a tenant's fleet does not depend on which other
/// tenants are served or in what order.
pub fn tenant_seed(seed: u64, tenant_id: &str) -> u64 {
    // FNV-1a: fixed across Rust versions, unlike the standard library's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in tenant_id.to_ascii_lowercase().bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    // A splitmix64 round, so that near seeds give unrelated fleets.
    let mut z = seed ^ h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One served tenant: its machines and what its `DeviceInfo` table adds to them.
pub(crate) struct Fleet {
    pub tenant_id: String,
    pub refuses_apps: bool,
    pub machines: Mutex<Inventory>,
    pub device_extras: Vec<Extra>,
}

impl Fleet {
    /// `machines` given (loaded from a state file) or drawn from `seed`. The `DeviceInfo`
    /// extras are always those of the drawn fleet of the same size, so a fleet read back from a
    /// state file has the table it had when it was written.
    fn new(spec: &TenantSpec, seed: u64, loaded: Option<Vec<MachineRecord>>) -> Fleet {
        let (tenant_id, refuses_apps) = (spec.tenant_id.clone(), spec.refuses_apps);
        let count = loaded.as_ref().map_or(spec.machines, Vec::len);
        let drawn = Inventory::generate(seed, count);
        let drawn = match &spec.domain {
            Some(domain) => Inventory::from_records(
                drawn
                    .all()
                    .iter()
                    .cloned()
                    .map(|mut m| {
                        m.computer_dns_name = m
                            .computer_dns_name
                            .replace(".contoso.local", &format!(".{domain}"));
                        m
                    })
                    .collect(),
            ),
            None => drawn,
        };
        let device_extras = device_info::extras(seed, drawn.all());
        let inventory = match loaded {
            Some(records) => Inventory::from_records(records),
            None => drawn,
        };
        Fleet {
            tenant_id,
            refuses_apps,
            machines: Mutex::new(inventory),
            device_extras,
        }
    }

    pub fn snapshot(&self) -> Vec<MachineRecord> {
        self.machines.lock().expect("machines").all().to_vec()
    }
}

/// The tenants a configuration serves, each with its own seed and size: the configured ones,
/// or (none configured) the first app's tenant with `config.machines` machines from
/// `config.seed` exactly, as before tenants were modelled.
pub(crate) fn specs(config: &SimConfig) -> Vec<(TenantSpec, u64)> {
    if config.tenants.is_empty() {
        let id = config
            .apps
            .first()
            .map_or(SANDBOX_TENANT, |a| a.tenant_id.as_str());
        return vec![(TenantSpec::new(id, config.machines), config.seed)];
    }
    config
        .tenants
        .iter()
        .map(|t| {
            let seed = t
                .seed
                .unwrap_or_else(|| tenant_seed(config.seed, &t.tenant_id));
            (t.clone(), seed)
        })
        .collect()
}

/// Builds the fleets, taking a tenant's machines from `loaded` when it has them. Refuses a
/// tenant ID given twice and a machine ID in two tenants.
pub(crate) fn fleets(
    config: &SimConfig,
    mut loaded: impl FnMut(&str) -> Option<Vec<MachineRecord>>,
) -> Result<Vec<Fleet>, String> {
    let mut seen = HashSet::new();
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    for (spec, seed) in specs(config) {
        if spec.tenant_id.trim().is_empty() {
            return Err("a tenant ID is empty".into());
        }
        if !seen.insert(spec.tenant_id.to_ascii_lowercase()) {
            return Err(format!("tenant {} is given twice", spec.tenant_id));
        }
        let records = loaded(&spec.tenant_id);
        let fleet = Fleet::new(&spec, seed, records);
        for m in fleet.machines.lock().expect("machines").all() {
            if !ids.insert(m.id.to_ascii_lowercase()) {
                return Err(format!(
                    "machine {} is in two tenants (the other before {})",
                    m.id, fleet.tenant_id
                ));
            }
        }
        out.push(fleet);
    }
    Ok(out)
}

/// What the token endpoint finds for a tenant and client.
pub(crate) enum Consent {
    /// No such tenant: AADSTS90002.
    UnknownTenant,
    /// The client is not installed or consented in the tenant: AADSTS700016.
    NotConsented,
    /// The app (index in `apps`), the fleet its tokens see, and the tenant ID as configured.
    Granted {
        app: usize,
        fleet: usize,
        tenant_id: String,
    },
}

/// Finds whether `client_id` may have tokens in `tenant`. With no tenants configured, an app is
/// known only in its own tenant and every app's tenant sees the one fleet (as before tenants
/// were modelled); with tenants, every app is consented in each tenant that does not refuse.
pub(crate) fn consent(
    config: &SimConfig,
    fleets: &[Fleet],
    tenant: &str,
    client_id: &str,
) -> Consent {
    if config.tenants.is_empty() {
        if !config
            .apps
            .iter()
            .any(|a| a.tenant_id.eq_ignore_ascii_case(tenant))
        {
            return Consent::UnknownTenant;
        }
        return match config
            .apps
            .iter()
            .position(|a| a.tenant_id.eq_ignore_ascii_case(tenant) && a.client_id == client_id)
        {
            Some(app) => Consent::Granted {
                app,
                fleet: 0,
                tenant_id: config.apps[app].tenant_id.clone(),
            },
            None => Consent::NotConsented,
        };
    }
    let Some(fleet) = fleets
        .iter()
        .position(|f| f.tenant_id.eq_ignore_ascii_case(tenant))
    else {
        return Consent::UnknownTenant;
    };
    if fleets[fleet].refuses_apps {
        return Consent::NotConsented;
    }
    match config.apps.iter().position(|a| a.client_id == client_id) {
        Some(app) => Consent::Granted {
            app,
            fleet,
            tenant_id: fleets[fleet].tenant_id.clone(),
        },
        None => Consent::NotConsented,
    }
}

/// The fleet a tenant ID names for inspection: any configured tenant, in any case; with no
/// tenants configured, any app's tenant names the one fleet.
pub(crate) fn find(config: &SimConfig, fleets: &[Fleet], tenant: &str) -> Option<usize> {
    if let Some(i) = fleets
        .iter()
        .position(|f| f.tenant_id.eq_ignore_ascii_case(tenant))
    {
        return Some(i);
    }
    (config.tenants.is_empty()
        && config
            .apps
            .iter()
            .any(|a| a.tenant_id.eq_ignore_ascii_case(tenant)))
    .then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_tenants_follow_the_sandbox_pattern() {
        assert_eq!(sandbox_tenant(1), SANDBOX_TENANT);
        assert_eq!(sandbox_tenant(2), "6f1a2b3c-0000-4000-8000-00000000a002");
        assert_eq!(sandbox_tenant(11), "6f1a2b3c-0000-4000-8000-00000000a00b");
    }

    #[test]
    fn tenant_seeds_differ_by_tenant_not_by_case() {
        let a = tenant_seed(1, "6F1A2B3C-0000-4000-8000-00000000A001");
        assert_eq!(a, tenant_seed(1, "6f1a2b3c-0000-4000-8000-00000000a001"));
        assert_ne!(a, tenant_seed(1, &sandbox_tenant(2)));
        assert_ne!(a, tenant_seed(2, SANDBOX_TENANT));
    }
}
