//! The hunting routes end to end, over a plain HTTP/1.1 client on 127.0.0.1: shapes, tokens and
//! audiences, permissions, DeviceInfo's rows, Timespan, limits, the row cap and faults.

mod common;

use std::time::Duration;

use common::{GRAPH, MDE, api, call, config, graph_token, hunt, mde_token, start};
use mde_sim::{SANDBOX_CLIENT, SANDBOX_SECRET, SANDBOX_TENANT, SimConfig};
use serde_json::{Value, json};

fn column(results: &Value, name: &str) -> Vec<Value> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[name].clone())
        .collect()
}

#[tokio::test]
async fn graph_answers_schema_and_results_as_documented() {
    let sim = start(config(9)).await;
    let token = graph_token(&sim).await;
    let a = hunt(
        &sim,
        GRAPH,
        &token,
        json!({"Query": "DeviceInfo", "Timespan": "P30D"}),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(
        a.body["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("/v1.0/$metadata#microsoft.graph.security.huntingQueryResults")
    );
    let schema: Vec<(String, String)> = a.body["schema"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().into(),
                c["type"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("Timestamp", "DateTime"),
        ("DeviceId", "String"),
        ("DeviceName", "String"),
        ("OSPlatform", "String"),
        ("MachineGroup", "String"),
        ("IsInternetFacing", "Boolean"),
        ("OnboardingStatus", "String"),
        ("ExposureLevel", "String"),
        ("Tags", "Dynamic"),
    ];
    assert_eq!(
        schema,
        expected
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .to_vec()
    );
    // Nine machines, of which the first, fourth and seventh have an older row too.
    let results = &a.body["results"];
    assert_eq!(results.as_array().unwrap().len(), 12);
    let machines = sim.machines();
    for m in &machines {
        let rows: Vec<&Value> = results
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["DeviceId"] == m.id.as_str())
            .collect();
        assert!(!rows.is_empty());
        assert_eq!(rows[0]["DeviceName"], m.computer_dns_name.to_lowercase());
        assert_eq!(rows[0]["OSPlatform"], m.os_platform);
        assert_eq!(rows[0]["OnboardingStatus"], "Onboarded");
        assert!(rows.iter().all(|r| r["Tags"].is_array()));
        assert!(["Low", "Medium", "High"].contains(&rows[0]["ExposureLevel"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn mde_answers_stats_schema_results_as_documented() {
    let sim = start(config(5)).await;
    let token = mde_token(&sim).await;
    let a = hunt(
        &sim,
        MDE,
        &token,
        json!({"Query": "DeviceInfo | distinct DeviceId, DeviceName"}),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.body["Schema"],
        json!([{"Name": "DeviceId", "Type": "String"}, {"Name": "DeviceName", "Type": "String"}])
    );
    assert_eq!(a.body["Results"].as_array().unwrap().len(), 5);
    assert!(a.body["Stats"]["ExecutionTime"].is_number());
    assert_eq!(
        a.body["Stats"]["dataset_statistics"][0]["table_row_count"],
        5
    );
    // Timespan is Graph's: the MDE API takes only Query, case-sensitively.
    let a = hunt(
        &sim,
        MDE,
        &token,
        json!({"Query": "DeviceInfo", "Timespan": "P1D"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (400, Some("InvalidRequestBody"))
    );
    let a = hunt(&sim, MDE, &token, json!({"query": "DeviceInfo"})).await;
    assert_eq!(a.status, 400);
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'query'")
    );
}

#[tokio::test]
async fn graph_tokens_by_scope_resource_and_managed_identity_with_their_audience() {
    let sim = start(SimConfig {
        identity_header: Some("id-secret".into()),
        ..config(3)
    })
    .await;
    let g = graph_token(&sim).await;
    assert_eq!(
        sim.token_audience(&g).as_deref(),
        Some("https://graph.microsoft.com")
    );
    let m = mde_token(&sim).await;
    assert_eq!(
        sim.token_audience(&m).as_deref(),
        Some("https://api.securitycenter.microsoft.com")
    );
    let form = format!(
        "grant_type=client_credentials&client_id={SANDBOX_CLIENT}&client_secret={SANDBOX_SECRET}&resource=https://graph.microsoft.us"
    );
    let a = call(
        &sim,
        "POST",
        &format!("/{SANDBOX_TENANT}/oauth2/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    )
    .await;
    assert_eq!(
        (a.status, a.body["resource"].as_str()),
        (200, Some("https://graph.microsoft.us"))
    );
    let v1 = a.body["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        hunt(&sim, GRAPH, &v1, json!({"Query": "DeviceInfo | count"}))
            .await
            .status,
        200
    );
    let a = call(
        &sim,
        "GET",
        "/msi/token?api-version=2019-08-01&resource=https://dod-graph.microsoft.us",
        &[("X-IDENTITY-HEADER", "id-secret")],
        "",
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let msi = a.body["access_token"].as_str().unwrap();
    assert_eq!(
        sim.token_audience(msi).as_deref(),
        Some("https://dod-graph.microsoft.us")
    );
    assert_eq!(
        hunt(&sim, GRAPH, msi, json!({"Query": "DeviceInfo | count"}))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn each_api_refuses_the_other_ones_tokens_with_401() {
    let sim = start(config(3)).await;
    let g = graph_token(&sim).await;
    let m = mde_token(&sim).await;
    let a = hunt(&sim, GRAPH, &m, json!({"Query": "DeviceInfo"})).await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body["error"]["code"], "InvalidAuthenticationToken");
    assert_eq!(
        a.body["error"]["message"],
        "Access token validation failure. Invalid audience."
    );
    assert!(a.body["error"]["innerError"]["request-id"].is_string());
    let a = hunt(&sim, MDE, &g, json!({"Query": "DeviceInfo"})).await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (401, Some("Unauthorized"))
    );
    let a = api(&sim, "GET", "/api/machines", &g, None).await;
    assert_eq!(a.status, 401);
    let a = hunt(&sim, GRAPH, "not-a-token", json!({"Query": "DeviceInfo"})).await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (401, Some("InvalidAuthenticationToken"))
    );
}

#[tokio::test]
async fn permissions_and_the_graph_refusal_switch() {
    let mut cfg = config(3);
    cfg.apps[0].roles = vec!["Machine.Read.All".into()];
    let sim = start(cfg).await;
    let a = hunt(
        &sim,
        GRAPH,
        &graph_token(&sim).await,
        json!({"Query": "DeviceInfo"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (403, Some("Forbidden"))
    );
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("ThreatHunting.Read.All")
    );
    let a = hunt(
        &sim,
        MDE,
        &mde_token(&sim).await,
        json!({"Query": "DeviceInfo"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (403, Some("Forbidden"))
    );
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("AdvancedQuery.Read.All")
    );

    let sim = start(SimConfig {
        graph_hunting_refused: true,
        ..config(3)
    })
    .await;
    let a = hunt(
        &sim,
        GRAPH,
        &graph_token(&sim).await,
        json!({"Query": "DeviceInfo"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (403, Some("Forbidden"))
    );
    let a = hunt(
        &sim,
        MDE,
        &mde_token(&sim).await,
        json!({"Query": "DeviceInfo | count"}),
    )
    .await;
    assert_eq!(
        (a.status, &a.body["Results"]),
        (200, &json!([{"Count": 4}]))
    );
}

#[tokio::test]
async fn query_errors_are_400_naming_the_token() {
    let sim = start(config(3)).await;
    let a = hunt(
        &sim,
        GRAPH,
        &graph_token(&sim).await,
        json!({"Query": "DeviceInfo\n| where DeviceName has_cs 'x'"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (400, Some("BadRequest"))
    );
    assert_eq!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap(),
        "unknown operator 'has_cs' at line 2, column 20 (offset 30)"
    );
    let a = hunt(
        &sim,
        MDE,
        &mde_token(&sim).await,
        json!({"Query": "DeviceProcessEvents | take 1"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (400, Some("BadRequest"))
    );
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown table 'DeviceProcessEvents' at line 1")
    );
    let g = graph_token(&sim).await;
    for body in [
        json!({"Query": ""}),
        json!({"Timespan": "P1D"}),
        json!({"Query": "DeviceInfo", "TimeSpan": "P1D"}),
        json!({"Query": "DeviceInfo", "Timespan": "a while"}),
    ] {
        let a = hunt(&sim, GRAPH, &g, body.clone()).await;
        assert_eq!(
            (a.status, a.body["error"]["code"].as_str()),
            (400, Some("BadRequest")),
            "{body}"
        );
    }
}

#[tokio::test]
async fn the_newest_row_is_the_current_state_and_older_rows_differ() {
    let sim = start(config(6)).await;
    let first = sim.machines()[0].id.clone();
    let m = mde_token(&sim).await;
    let tag = json!({"Value": "Hunted", "Action": "Add"});
    let a = api(
        &sim,
        "POST",
        &format!("/api/machines/{first}/tags"),
        &m,
        Some(tag),
    )
    .await;
    assert_eq!(a.status, 200);
    let g = graph_token(&sim).await;
    let q = |query: &str| json!({"Query": query});
    let a = hunt(
        &sim,
        GRAPH,
        &g,
        q(&format!("DeviceInfo | where DeviceId == '{first}'")),
    )
    .await;
    let rows = a.body["results"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 2, "the first machine has an older row");
    assert_ne!(rows[0]["Tags"], rows[1]["Tags"]);
    let latest = hunt(
        &sim,
        GRAPH,
        &g,
        q("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId"),
    )
    .await;
    let latest = latest.body["results"].as_array().unwrap().clone();
    assert_eq!(latest.len(), 6);
    let newest = latest
        .iter()
        .find(|r| r["DeviceId"] == first.as_str())
        .unwrap();
    // Times are relative to each query's now: the newest row is the later of the two.
    let at = |v: &Value| {
        time::OffsetDateTime::parse(
            v.as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
    };
    assert!(at(&rows[0]["Timestamp"]) + time::Duration::hours(2) <= at(&newest["Timestamp"]));
    assert_eq!(newest["Tags"], rows[1]["Tags"]);
    assert!(
        newest["Tags"]
            .as_array()
            .unwrap()
            .contains(&json!("Hunted"))
    );
    for r in &latest {
        let m = sim.machine(r["DeviceId"].as_str().unwrap()).unwrap();
        assert_eq!(r["Tags"], json!(m.machine_tags));
    }
    let a = hunt(&sim, MDE, &m, q(r#"DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId | where set_has_element(Tags, "Hunted") | project DeviceId"#)).await;
    assert_eq!(a.body["Results"], json!([{"DeviceId": first}]));
}

#[tokio::test]
async fn timespan_limits_rows_by_timestamp() {
    let sim = start(config(40)).await;
    let g = graph_token(&sim).await;
    let all = hunt(&sim, GRAPH, &g, json!({"Query": "DeviceInfo | count"})).await;
    let hour = hunt(
        &sim,
        GRAPH,
        &g,
        json!({"Query": "DeviceInfo | count", "Timespan": "PT1H"}),
    )
    .await;
    let (all, hour) = (
        all.body["results"][0]["Count"].as_u64().unwrap(),
        hour.body["results"][0]["Count"].as_u64().unwrap(),
    );
    // Older rows are at least two hours old, and inactive machines report days ago.
    let inactive = sim
        .machines()
        .iter()
        .filter(|m| m.health_status == "Inactive")
        .count() as u64;
    assert_eq!(all, 40 + 14);
    assert_eq!(hour, 40 - inactive);
    let a = hunt(
        &sim,
        GRAPH,
        &g,
        json!({"Query": "DeviceInfo | project Timestamp", "Timespan": "P1D"}),
    )
    .await;
    let now = time::OffsetDateTime::now_utc();
    for t in column(&a.body["results"], "Timestamp") {
        let t = time::OffsetDateTime::parse(
            t.as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert!(t <= now && now - t <= time::Duration::days(1), "{t}");
    }
}

#[tokio::test]
async fn hunting_has_its_own_rate_windows_and_log_kind() {
    let sim = start(SimConfig {
        rate_limits: vec![(3, Duration::from_secs(60))],
        hunting_rate_limits: vec![(2, Duration::from_secs(60))],
        ..config(3)
    })
    .await;
    let g = graph_token(&sim).await;
    let m = mde_token(&sim).await;
    assert_eq!(
        hunt(&sim, GRAPH, &g, json!({"Query": "DeviceInfo"}))
            .await
            .status,
        200
    );
    assert_eq!(
        hunt(&sim, MDE, &m, json!({"Query": "DeviceInfo"}))
            .await
            .status,
        200
    );
    let a = hunt(&sim, GRAPH, &g, json!({"Query": "DeviceInfo"})).await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (429, Some("TooManyRequests"))
    );
    assert!(a.headers["retry-after"].parse::<u64>().unwrap() >= 1);
    assert!(a.body["error"]["innerError"].is_object(), "Graph's shape");
    for _ in 0..3 {
        assert_eq!(
            api(&sim, "GET", "/api/machines", &m, None).await.status,
            200
        );
    }
    assert_eq!(
        api(&sim, "GET", "/api/machines", &m, None).await.status,
        429
    );
    let a = hunt(&sim, MDE, &m, json!({"Query": "DeviceInfo"})).await;
    assert_eq!(
        (a.status, a.body["error"]["target"].is_string()),
        (429, true)
    );
    let kinds: Vec<(&str, u16)> = sim
        .calls()
        .iter()
        .filter(|c| c.kind != "token")
        .map(|c| (c.kind, c.status))
        .collect();
    assert_eq!(
        kinds,
        [
            ("hunting", 200),
            ("hunting", 200),
            ("hunting", 429),
            ("api", 200),
            ("api", 200),
            ("api", 200),
            ("api", 429),
            ("hunting", 429)
        ]
    );
}

#[tokio::test]
async fn results_are_cut_to_exactly_the_row_cap() {
    let sim = start(SimConfig {
        hunting_row_cap: 5,
        ..config(20)
    })
    .await;
    let a = hunt(
        &sim,
        GRAPH,
        &graph_token(&sim).await,
        json!({"Query": "DeviceInfo"}),
    )
    .await;
    assert_eq!(a.body["results"].as_array().unwrap().len(), 5);
    let a = hunt(
        &sim,
        MDE,
        &mde_token(&sim).await,
        json!({"Query": "DeviceInfo | distinct DeviceId"}),
    )
    .await;
    assert_eq!(a.body["Results"].as_array().unwrap().len(), 5);
    let a = hunt(
        &sim,
        MDE,
        &mde_token(&sim).await,
        json!({"Query": "DeviceInfo | take 3"}),
    )
    .await;
    assert_eq!(a.body["Results"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn faults_apply_in_each_apis_shape() {
    let sim = start(SimConfig {
        error_rate: 1.0,
        ..config(3)
    })
    .await;
    let a = hunt(
        &sim,
        GRAPH,
        &graph_token(&sim).await,
        json!({"Query": "DeviceInfo"}),
    )
    .await;
    assert_eq!(a.status, 503);
    assert!(a.body["error"]["innerError"].is_object());
    let a = hunt(
        &sim,
        MDE,
        &mde_token(&sim).await,
        json!({"Query": "DeviceInfo"}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["error"]["code"].as_str()),
        (503, Some("ServiceUnavailable"))
    );
    assert!(
        sim.calls()
            .iter()
            .any(|c| c.kind == "hunting" && c.fault == Some("unavailable"))
    );
}

#[tokio::test]
async fn device_info_is_drawn_from_the_seed() {
    let strip = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                r.as_object_mut().unwrap().remove("Timestamp");
                r
            })
            .collect()
    };
    let a = start(config(300)).await;
    let b = start(config(300)).await;
    let c = start(SimConfig {
        seed: 2,
        ..config(300)
    })
    .await;
    let rows = a.device_info();
    assert_eq!(strip(rows.clone()), strip(b.device_info()));
    assert_ne!(strip(rows.clone()), strip(c.device_info()));
    assert_eq!(rows.len(), 400);
    let latest: Vec<&Value> = rows.iter().collect();
    let facing = a
        .machines()
        .iter()
        .filter(|m| {
            latest
                .iter()
                .any(|r| r["DeviceId"] == m.id.as_str() && r["IsInternetFacing"] == true)
        })
        .count();
    assert!(
        (30..=90).contains(&facing),
        "about 1 in 5 internet-facing: {facing}"
    );
    let groups: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["MachineGroup"].as_str().unwrap())
        .collect();
    assert!(groups.len() >= 3 && groups.len() <= 4, "{groups:?}");
}
