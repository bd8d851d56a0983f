//! Several tenants at once, as in Microsoft's partner model: one app consented in each tenant, a
//! token per tenant, each token seeing and changing its tenant's machines only, quotas per app
//! and tenant, and a tenant that has not consented refusing as Entra does.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use base64::Engine;
use common::{
    GRAPH, GRAPH_SCOPE, MDE, MDE_SCOPE, api, ask_token, call, config, hunt, start, tenant_token,
};
use mde_sim::{SANDBOX_CLIENT, SANDBOX_TENANT, SimConfig, Simulator, TenantSpec, sandbox_tenant};
use serde_json::{Value, json};

/// Tenants A (5 machines), B (3) and, when asked, a tenant C that refuses the app.
fn tenants(refusing: bool) -> SimConfig {
    let mut tenants = vec![
        TenantSpec::new(sandbox_tenant(1), 5),
        TenantSpec::new(sandbox_tenant(2), 3),
    ];
    if refusing {
        tenants.push(TenantSpec::new(sandbox_tenant(3), 2).refusing());
    }
    SimConfig {
        tenants,
        ..config(50)
    }
}

fn ids(machines: &[Value]) -> HashSet<String> {
    machines
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

fn sim_ids(sim: &Simulator, tenant: &str) -> HashSet<String> {
    sim.machines_in(tenant)
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect()
}

async fn list(sim: &Simulator, token: &str) -> HashSet<String> {
    let a = api(sim, "GET", "/api/machines", token, None).await;
    assert_eq!(a.status, 200, "{}", a.body);
    ids(a.body["value"].as_array().unwrap())
}

fn claims(token: &str) -> Value {
    let part = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn each_tenant_issues_tokens_bound_to_it() {
    let sim = start(tenants(false)).await;
    let (a, b) = (sandbox_tenant(1), sandbox_tenant(2));
    assert_eq!(sim.tenant_ids(), [a.clone(), b.clone()]);
    for tenant in [&a, &b] {
        for scope in [MDE_SCOPE, GRAPH_SCOPE] {
            let token = tenant_token(&sim, tenant, scope).await;
            let c = claims(&token);
            assert_eq!(c["tid"], tenant.as_str());
            assert_eq!(c["appid"], SANDBOX_CLIENT);
            assert_eq!(c["iss"], format!("https://sts.windows.net/{tenant}/"));
            assert_eq!(sim.token_tenant(&token).as_deref(), Some(tenant.as_str()));
        }
    }
    // The tenant in the path is matched in any case; the token carries it as configured.
    let token = tenant_token(&sim, &b.to_uppercase(), MDE_SCOPE).await;
    assert_eq!(claims(&token)["tid"], b.as_str());
    // The v1 endpoint too.
    let form = format!(
        "grant_type=client_credentials&client_id={SANDBOX_CLIENT}&client_secret={}&resource=https://api.securitycenter.microsoft.com",
        mde_sim::SANDBOX_SECRET
    );
    let v1 = call(
        &sim,
        "POST",
        &format!("/{b}/oauth2/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    )
    .await;
    assert_eq!(v1.status, 200, "{}", v1.body);
    assert_eq!(
        claims(v1.body["access_token"].as_str().unwrap())["tid"],
        b.as_str()
    );
    // A tenant not served is not found, as before.
    let a = ask_token(&sim, "11111111-2222-4333-8444-555555555555", MDE_SCOPE).await;
    assert_eq!(a.status, 400);
    assert!(
        a.body["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS90002")
    );
}

#[tokio::test]
async fn each_tenant_sees_only_its_own_machines() {
    let sim = start(tenants(false)).await;
    let (a, b) = (sandbox_tenant(1), sandbox_tenant(2));
    let (in_a, in_b) = (sim_ids(&sim, &a), sim_ids(&sim, &b));
    assert_eq!((in_a.len(), in_b.len()), (5, 3));
    assert!(in_a.is_disjoint(&in_b), "machine IDs never collide");
    for id in in_a.iter().chain(&in_b) {
        assert!(id.len() == 40 && id.bytes().all(|c| c.is_ascii_hexdigit()));
    }
    let (token_a, token_b) = (
        tenant_token(&sim, &a, MDE_SCOPE).await,
        tenant_token(&sim, &b, MDE_SCOPE).await,
    );
    assert_eq!(list(&sim, &token_a).await, in_a);
    assert_eq!(list(&sim, &token_b).await, in_b);
    // The first tenant is what calls without a tenant see.
    assert_eq!(sim.machines(), sim.machines_in(&a).unwrap());
    assert!(sim.machines_in("no-such-tenant").is_none());
    // Hunting too: each tenant's DeviceInfo has its own machines.
    for (tenant, want) in [(&a, &in_a), (&b, &in_b)] {
        let graph = tenant_token(&sim, tenant, GRAPH_SCOPE).await;
        let q = json!({"Query": "DeviceInfo | distinct DeviceId"});
        let r = hunt(&sim, GRAPH, &graph, q.clone()).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let seen: HashSet<String> = r.body["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["DeviceId"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(&seen, want);
        let mde = tenant_token(&sim, tenant, MDE_SCOPE).await;
        let r = hunt(&sim, MDE, &mde, q).await;
        assert_eq!(r.body["Results"].as_array().unwrap().len(), want.len());
        let table = sim.device_info_in(tenant).unwrap();
        assert!(
            table
                .iter()
                .all(|row| want.contains(row["DeviceId"].as_str().unwrap()))
        );
    }
}

#[tokio::test]
async fn a_write_in_one_tenant_leaves_the_other_unchanged() {
    let sim = start(tenants(false)).await;
    let (a, b) = (sandbox_tenant(1), sandbox_tenant(2));
    let before_b = sim.machines_in(&b).unwrap();
    let token_a = tenant_token(&sim, &a, MDE_SCOPE).await;
    let id = sim.machines_in(&a).unwrap()[0].id.clone();
    let r = api(
        &sim,
        "POST",
        &format!("/api/machines/{id}/tags"),
        &token_a,
        Some(json!({"Value": "OnlyInA", "Action": "Add"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = api(
        &sim,
        "POST",
        "/api/machines/AddOrRemoveTagForMultipleMachines",
        &token_a,
        Some(json!({"Value": "BatchA", "Action": "Add", "MachineIds": [id]})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let changed = sim.machine_in(&a, &id).unwrap();
    assert!(changed.machine_tags.contains(&"OnlyInA".to_string()));
    assert!(changed.machine_tags.contains(&"BatchA".to_string()));
    assert_eq!(sim.machines_in(&b).unwrap(), before_b);
    assert_eq!(sim.writes_in(&a).len(), 2);
    assert!(sim.writes_in(&b).is_empty());
    assert_eq!(sim.writes(), sim.writes_in(&a));
    let token_b = tenant_token(&sim, &b, MDE_SCOPE).await;
    let r = api(
        &sim,
        "GET",
        "/api/machines/findbytag?tag=OnlyInA",
        &token_b,
        None,
    )
    .await;
    assert_eq!(r.body["value"], json!([]));
}

#[tokio::test]
async fn another_tenants_machine_is_not_found() {
    let sim = start(tenants(false)).await;
    let (a, b) = (sandbox_tenant(1), sandbox_tenant(2));
    let token_b = tenant_token(&sim, &b, MDE_SCOPE).await;
    let id = sim.machines_in(&a).unwrap()[0].id.clone();
    let before = sim.machine_in(&a, &id).unwrap();
    let calls = [
        ("GET", format!("/api/machines/{id}"), None),
        (
            "POST",
            format!("/api/machines/{id}/tags"),
            Some(json!({"Value": "x", "Action": "Add"})),
        ),
        (
            "PATCH",
            format!("/api/machines/{id}"),
            Some(json!({"deviceValue": "High"})),
        ),
        (
            "POST",
            format!("/api/machines/{id}/setDeviceValue"),
            Some(json!({"DeviceValue": "Low"})),
        ),
        (
            "POST",
            "/api/machines/AddOrRemoveTagForMultipleMachines".to_string(),
            Some(json!({"Value": "x", "Action": "Add", "MachineIds": [id]})),
        ),
    ];
    for (method, path, body) in calls {
        let r = api(&sim, method, &path, &token_b, body).await;
        assert_eq!(
            (r.status, r.body["error"]["code"].as_str()),
            (404, Some("ResourceNotFound")),
            "{method} {path}"
        );
    }
    assert_eq!(sim.machine_in(&a, &id).unwrap(), before);
    assert!(sim.machine_in(&b, &id).is_none());
    assert!(sim.writes().is_empty());
}

#[tokio::test]
async fn rate_windows_are_per_app_and_tenant() {
    let sim = start(SimConfig {
        rate_limits: vec![(3, Duration::from_secs(60))],
        hunting_rate_limits: vec![(2, Duration::from_secs(60))],
        ..tenants(false)
    })
    .await;
    let (a, b) = (sandbox_tenant(1), sandbox_tenant(2));
    let (token_a, token_b) = (
        tenant_token(&sim, &a, MDE_SCOPE).await,
        tenant_token(&sim, &b, MDE_SCOPE).await,
    );
    for _ in 0..3 {
        assert_eq!(
            api(&sim, "GET", "/api/machines", &token_a, None)
                .await
                .status,
            200
        );
    }
    let r = api(&sim, "GET", "/api/machines", &token_a, None).await;
    assert_eq!(r.status, 429);
    assert!(r.headers.contains_key("retry-after"));
    assert_eq!(
        api(&sim, "GET", "/api/machines", &token_b, None)
            .await
            .status,
        200
    );
    // The hunting windows are split the same way.
    let q = json!({"Query": "DeviceInfo | count"});
    for _ in 0..2 {
        assert_eq!(hunt(&sim, MDE, &token_a, q.clone()).await.status, 200);
    }
    assert_eq!(hunt(&sim, MDE, &token_a, q.clone()).await.status, 429);
    assert_eq!(hunt(&sim, MDE, &token_b, q).await.status, 200);
}

#[tokio::test]
async fn a_tenant_without_consent_answers_as_entra_and_the_others_still_issue() {
    let sim = start(tenants(true)).await;
    let refusing = sandbox_tenant(3);
    let r = ask_token(&sim, &refusing, MDE_SCOPE).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["error"], "unauthorized_client");
    assert_eq!(r.body["error_codes"], json!([700016]));
    let description = r.body["error_description"].as_str().unwrap();
    let expected = format!(
        "AADSTS700016: Application with identifier '{SANDBOX_CLIENT}' was not found in the directory '{refusing}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
    );
    assert!(description.starts_with(&expected), "{description}");
    assert!(description.contains("\r\nTrace ID: "));
    for key in ["timestamp", "trace_id", "correlation_id", "error_uri"] {
        assert!(r.body[key].is_string(), "{key} in {}", r.body);
    }
    // The refusal comes before the credential is looked at: a wrong secret gets the same.
    let form = format!(
        "grant_type=client_credentials&client_id={SANDBOX_CLIENT}&client_secret=wrong&scope={MDE_SCOPE}"
    );
    let r = call(
        &sim,
        "POST",
        &format!("/{refusing}/oauth2/v2.0/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    )
    .await;
    assert_eq!((r.status, &r.body["error_codes"]), (400, &json!([700016])));
    // Its machines are there (for inspection); no call can reach them.
    assert_eq!(sim.machines_in(&refusing).unwrap().len(), 2);
    for tenant in [sandbox_tenant(1), sandbox_tenant(2)] {
        assert_eq!(ask_token(&sim, &tenant, MDE_SCOPE).await.status, 200);
    }
}

#[tokio::test]
async fn the_call_log_and_inspection_routes_carry_the_tenant() {
    let sim = start(tenants(false)).await;
    let (a, b) = (sandbox_tenant(1), sandbox_tenant(2));
    let token_b = tenant_token(&sim, &b, MDE_SCOPE).await;
    assert_eq!(
        api(&sim, "GET", "/api/machines", &token_b, None)
            .await
            .status,
        200
    );
    let token_a = tenant_token(&sim, &a, GRAPH_SCOPE).await;
    let q = json!({"Query": "DeviceInfo | count"});
    assert_eq!(hunt(&sim, GRAPH, &token_a, q).await.status, 200);
    let calls: Vec<(&str, Option<String>)> = sim
        .calls()
        .iter()
        .map(|c| (c.kind, c.tenant.clone()))
        .collect();
    assert_eq!(
        calls,
        [
            ("token", Some(b.clone())),
            ("api", Some(b.clone())),
            ("token", Some(a.clone())),
            ("hunting", Some(a.clone())),
        ]
    );
    let get = |path: String| {
        let sim = &sim;
        async move { call(sim, "GET", &path, &[], "").await }
    };
    let r = get("/_sim/calls".into()).await;
    assert_eq!(r.body[1]["tenant"], b.as_str());
    let r = get(format!("/_sim/calls?tenant={b}")).await;
    assert_eq!(r.body.as_array().unwrap().len(), 2);
    assert!(
        r.body
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["tenant"] == b.as_str())
    );
    // /_sim/machines: the first tenant unless another is named.
    let r = get("/_sim/machines".into()).await;
    assert_eq!(ids(r.body.as_array().unwrap()), sim_ids(&sim, &a));
    let r = get(format!("/_sim/machines?tenant={}", b.to_uppercase())).await;
    assert_eq!(ids(r.body.as_array().unwrap()), sim_ids(&sim, &b));
    let r = get("/_sim/machines?tenant=nobody".into()).await;
    assert_eq!(r.status, 404);
    let r = get("/_sim/tenants".into()).await;
    assert_eq!(
        r.body,
        json!([
            {"tenantId": a, "machines": 5, "refusesApps": false},
            {"tenantId": b, "machines": 3, "refusesApps": false},
        ])
    );
}

#[tokio::test]
async fn a_tenants_fleet_depends_on_the_seed_and_its_id_only() {
    let b = sandbox_tenant(2);
    let alone = start(SimConfig {
        tenants: vec![TenantSpec::new(b.clone(), 4)],
        ..config(1)
    })
    .await;
    let after_another = start(SimConfig {
        tenants: vec![
            TenantSpec::new("contoso-tenant", 2),
            TenantSpec::new(b.clone(), 4),
        ],
        ..config(1)
    })
    .await;
    assert_eq!(alone.machines_in(&b), after_another.machines_in(&b));
    let other_seed = start(SimConfig {
        seed: 2,
        tenants: vec![TenantSpec::new(b.clone(), 4)],
        ..config(1)
    })
    .await;
    assert_ne!(alone.machines_in(&b), other_seed.machines_in(&b));
    // A tenant given twice (in any case) is refused at start.
    let twice = Simulator::start(
        SimConfig {
            tenants: vec![
                TenantSpec::new(b.clone(), 1),
                TenantSpec::new(b.to_uppercase(), 1),
            ],
            ..config(1)
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .await;
    let error = twice.err().expect("refused").to_string();
    assert!(error.contains("given twice"), "{error}");
}

#[tokio::test]
async fn with_no_tenants_configured_every_apps_tenant_shares_one_fleet_as_before() {
    let mut cfg = config(4);
    let mut second = cfg.apps[0].clone();
    second.tenant_id = "22222222-0000-4000-8000-000000000002".into();
    second.client_id = "second-client".into();
    cfg.apps.push(second);
    let sim = start(cfg).await;
    assert_eq!(sim.tenant_ids(), [SANDBOX_TENANT]);
    let first = tenant_token(&sim, SANDBOX_TENANT, MDE_SCOPE).await;
    let form = format!(
        "grant_type=client_credentials&client_id=second-client&client_secret={}&scope={MDE_SCOPE}",
        mde_sim::SANDBOX_SECRET
    );
    let r = call(
        &sim,
        "POST",
        "/22222222-0000-4000-8000-000000000002/oauth2/v2.0/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let second = r.body["access_token"].as_str().unwrap().to_string();
    assert_eq!(list(&sim, &first).await, list(&sim, &second).await);
    assert_eq!(
        sim.machines_in("22222222-0000-4000-8000-000000000002"),
        Some(sim.machines())
    );
    // The first app is not consented in the second app's tenant: Entra's AADSTS700016.
    let r = ask_token(&sim, "22222222-0000-4000-8000-000000000002", MDE_SCOPE).await;
    assert_eq!((r.status, &r.body["error_codes"]), (400, &json!([700016])));
    // The default fleet is the one drawn from the seed alone, as it always was (seed 1's first
    // machine before tenants were modelled).
    assert_eq!(
        sim.machines()[0].id,
        "7f32579f4bca95c9b3c9f9ddd54e3ea816d954b1"
    );
}

#[tokio::test]
async fn a_seeded_tenant_is_the_fleet_a_one_tenant_simulator_draws() {
    let alone = start(config(20)).await;
    let seeded = start(SimConfig {
        tenants: vec![
            TenantSpec::new(sandbox_tenant(1), 20).seeded(1),
            TenantSpec::new(sandbox_tenant(2), 20),
        ],
        ..config(20)
    })
    .await;
    assert_eq!(
        alone.machines_in(SANDBOX_TENANT),
        seeded.machines_in(SANDBOX_TENANT),
        "the first tenant keeps its machines when others are served beside it"
    );
    let (first, second) = (
        sim_ids(&seeded, &sandbox_tenant(1)),
        sim_ids(&seeded, &sandbox_tenant(2)),
    );
    assert!(first.is_disjoint(&second));
    assert_eq!(second.len(), 20);
    // A tenant's own domain names its hosts; the others keep the default.
    let named = start(SimConfig {
        tenants: vec![
            TenantSpec::new(sandbox_tenant(1), 5),
            TenantSpec::new(sandbox_tenant(2), 5).in_domain("fabrikam.local"),
        ],
        ..config(5)
    })
    .await;
    let hosts = |n| -> Vec<String> {
        named
            .machines_in(&sandbox_tenant(n))
            .unwrap()
            .into_iter()
            .map(|m| m.computer_dns_name)
            .collect()
    };
    assert!(hosts(1).iter().all(|h| h.ends_with(".contoso.local")));
    assert!(
        hosts(2).iter().all(|h| h.ends_with(".fabrikam.local")),
        "{:?}",
        hosts(2)
    );
}
