//! What the simulator's tests share: a plain HTTP/1.1 client on 127.0.0.1 (one connection a
//! request, nothing between the test and the wire), tokens, and starting a simulator.

// Each test file uses its own share of these.
#![allow(dead_code)]

use std::collections::HashMap;

use mde_sim::{SANDBOX_CLIENT, SANDBOX_SECRET, SANDBOX_TENANT, SimConfig, Simulator};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const GRAPH: &str = "/v1.0/security/runHuntingQuery";
pub const MDE: &str = "/api/advancedqueries/run";
pub const MDE_SCOPE: &str = "https://api.securitycenter.microsoft.com/.default";
pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";

pub struct Answer {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: Value,
}

pub async fn call(
    sim: &Simulator,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(sim.addr())
        .await
        .expect("connect");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8(raw).expect("utf-8");
    let (head, body) = text.split_once("\r\n\r\n").expect("head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = serde_json::from_str(body).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

/// The token endpoint's answer to the sandbox app's secret, in `tenant`, for `scope` (v2.0).
pub async fn ask_token(sim: &Simulator, tenant: &str, scope: &str) -> Answer {
    let form = format!(
        "grant_type=client_credentials&client_id={SANDBOX_CLIENT}&client_secret={SANDBOX_SECRET}&scope={scope}"
    );
    call(
        sim,
        "POST",
        &format!("/{tenant}/oauth2/v2.0/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    )
    .await
}

/// A token of the sandbox app in `tenant` for `scope`.
pub async fn tenant_token(sim: &Simulator, tenant: &str, scope: &str) -> String {
    let a = ask_token(sim, tenant, scope).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body["access_token"].as_str().unwrap().to_string()
}

pub async fn token_v2(sim: &Simulator, scope: &str) -> String {
    tenant_token(sim, SANDBOX_TENANT, scope).await
}

pub async fn graph_token(sim: &Simulator) -> String {
    token_v2(sim, GRAPH_SCOPE).await
}

pub async fn mde_token(sim: &Simulator) -> String {
    token_v2(sim, MDE_SCOPE).await
}

/// A call with a bearer token and, when there is one, a JSON body.
pub async fn api(
    sim: &Simulator,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Answer {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("Authorization", auth.as_str())];
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    let body = body.map_or_else(String::new, |b| b.to_string());
    call(sim, method, path, &headers, &body).await
}

pub async fn hunt(sim: &Simulator, path: &str, token: &str, body: Value) -> Answer {
    api(sim, "POST", path, token, Some(body)).await
}

pub async fn start(config: SimConfig) -> Simulator {
    Simulator::start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("start")
}

pub fn config(machines: usize) -> SimConfig {
    SimConfig {
        machines,
        ..Default::default()
    }
}
