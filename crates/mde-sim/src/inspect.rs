//! Looking into a running simulator: in process (the `Simulator` methods) and over HTTP (the
//! `/_sim/` routes, which need no token and are not logged).
//!
//! What takes no tenant is about the first tenant (the only one unless `SimConfig::tenants`
//! names more), so callers from before tenants see what they saw; the `_in` variants and the
//! routes' `?tenant=ID` name one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::tenant::Fleet;
use crate::{CallRecord, MachineRecord, SimState, Simulator, device_info, tenant};

impl SimState {
    /// The fleet of a tenant named for inspection.
    pub(crate) fn fleet_named(&self, tenant: &str) -> Option<&Fleet> {
        tenant::find(&self.config, &self.fleets, tenant).map(|i| &self.fleets[i])
    }

    fn device_info(fleet: &Fleet) -> Vec<Value> {
        let inv = fleet.machines.lock().expect("machines");
        device_info::table(
            inv.all(),
            &fleet.device_extras,
            time::OffsetDateTime::now_utc(),
        )
        .objects()
    }
}

impl Simulator {
    /// Every request so far, in arrival order.
    pub fn calls(&self) -> Vec<CallRecord> {
        self.state.calls.lock().expect("calls").clone()
    }

    /// Every change write calls made, in any tenant, in order:
    /// `"<machine> <Add|Remove|machineTags|deviceValue> <value>"`.
    pub fn writes(&self) -> Vec<String> {
        let writes = self.state.writes.lock().expect("writes");
        writes.iter().map(|(_, w)| w.clone()).collect()
    }

    /// The changes made in one tenant, as [`Simulator::writes`] gives them.
    pub fn writes_in(&self, tenant: &str) -> Vec<String> {
        let Some(want) = tenant::find(&self.state.config, &self.state.fleets, tenant) else {
            return Vec::new();
        };
        let writes = self.state.writes.lock().expect("writes");
        writes
            .iter()
            .filter(|(fleet, _)| *fleet == want)
            .map(|(_, w)| w.clone())
            .collect()
    }

    /// The tenants served, in order: the first is the one that calls without a tenant see.
    pub fn tenant_ids(&self) -> Vec<String> {
        self.state
            .fleets
            .iter()
            .map(|f| f.tenant_id.clone())
            .collect()
    }

    /// The first tenant's machines as they are now.
    pub fn machines(&self) -> Vec<MachineRecord> {
        self.state.fleets[0].snapshot()
    }

    /// A machine of the first tenant.
    pub fn machine(&self, id: &str) -> Option<MachineRecord> {
        let inv = self.state.fleets[0].machines.lock().expect("machines");
        inv.get(id).cloned()
    }

    /// A tenant's machines as they are now; `None` for a tenant not served.
    pub fn machines_in(&self, tenant: &str) -> Option<Vec<MachineRecord>> {
        self.state.fleet_named(tenant).map(Fleet::snapshot)
    }

    /// A machine of one tenant (`None` too when the machine is another tenant's).
    pub fn machine_in(&self, tenant: &str, id: &str) -> Option<MachineRecord> {
        let fleet = self.state.fleet_named(tenant)?;
        let inv = fleet.machines.lock().expect("machines");
        inv.get(id).cloned()
    }

    /// Makes every issued token invalid, as a revoked or rotated credential would: the next
    /// call with one gets 401.
    pub fn revoke_tokens(&self) {
        self.state
            .tokens
            .lock()
            .expect("tokens")
            .values_mut()
            .for_each(|t| t.revoked = true);
    }

    /// The resource a token this simulator issued is for (its audience), if it issued it.
    pub fn token_audience(&self, token: &str) -> Option<String> {
        self.state
            .tokens
            .lock()
            .expect("tokens")
            .get(token)
            .map(|t| t.audience.clone())
    }

    /// The tenant a token this simulator issued is bound to (its `tid`), if it issued it.
    pub fn token_tenant(&self, token: &str) -> Option<String> {
        self.state
            .tokens
            .lock()
            .expect("tokens")
            .get(token)
            .map(|t| t.tenant_id.clone())
    }

    /// The first tenant's `DeviceInfo` table as a hunting query would see it now, one JSON
    /// object a row.
    pub fn device_info(&self) -> Vec<Value> {
        SimState::device_info(&self.state.fleets[0])
    }

    /// A tenant's `DeviceInfo` table; `None` for a tenant not served.
    pub fn device_info_in(&self, tenant: &str) -> Option<Vec<Value>> {
        self.state.fleet_named(tenant).map(SimState::device_info)
    }

    /// Every access token issued so far (for tests that check no output ever shows one).
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state
            .tokens
            .lock()
            .expect("tokens")
            .keys()
            .cloned()
            .collect()
    }
}

pub(crate) fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/_sim/calls", get(calls))
        .route("/_sim/machines", get(machines))
        .route("/_sim/tenants", get(tenants))
}

type Params = Query<HashMap<String, String>>;

fn unknown_tenant(tenant: &str) -> Response {
    let body = json!({"error": format!("tenant '{tenant}' is not served here")});
    (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}

/// Every call, or (`?tenant=ID`) those made in one tenant.
async fn calls(State(s): State<Arc<SimState>>, Query(q): Params) -> Response {
    let calls = s.calls.lock().expect("calls").clone();
    let Some(tenant) = q.get("tenant") else {
        return axum::Json(calls).into_response();
    };
    let Some(fleet) = s.fleet_named(tenant) else {
        return unknown_tenant(tenant);
    };
    // With no tenants configured, the apps' tenants all name the one fleet.
    let calls: Vec<CallRecord> = calls
        .into_iter()
        .filter(|c| {
            c.tenant
                .as_deref()
                .and_then(|t| s.fleet_named(t))
                .is_some_and(|f| std::ptr::eq(f, fleet))
        })
        .collect();
    axum::Json(calls).into_response()
}

/// The first tenant's machines, or (`?tenant=ID`) another's.
async fn machines(State(s): State<Arc<SimState>>, Query(q): Params) -> Response {
    let fleet = match q.get("tenant") {
        None => &s.fleets[0],
        Some(t) => match s.fleet_named(t) {
            Some(f) => f,
            None => return unknown_tenant(t),
        },
    };
    let machines: Vec<Value> = fleet
        .snapshot()
        .iter()
        .map(MachineRecord::to_json)
        .collect();
    axum::Json(machines).into_response()
}

/// The tenants served: `[{"tenantId", "machines", "refusesApps"}]`, the first being the default.
async fn tenants(State(s): State<Arc<SimState>>) -> Response {
    let tenants: Vec<Value> = s
        .fleets
        .iter()
        .map(|f| {
            json!({
                "tenantId": f.tenant_id,
                "machines": f.machines.lock().expect("machines").all().len(),
                "refusesApps": f.refuses_apps,
            })
        })
        .collect();
    axum::Json(tenants).into_response()
}
