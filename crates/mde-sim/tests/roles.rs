//! An app's roles (SimConfig's `apps[].roles`, mde-sim's `--roles`) are what its tokens carry:
//! a token without Machine.ReadWrite.All reads machines and is refused a write with 403, as
//! the service does. mdetag's `auth status` checks against such tokens.

mod common;

use base64::Engine;
use common::{api, config, mde_token, start};
use serde_json::{Value, json};

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT");
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_read_only_app_gets_tokens_without_the_write_role_and_writes_are_refused() {
    let mut cfg = config(2);
    cfg.apps[0].roles = vec!["Machine.Read.All".into()];
    let sim = start(cfg).await;
    let token = mde_token(&sim).await;
    assert_eq!(claims(&token)["roles"], json!(["Machine.Read.All"]));
    let read = api(&sim, "GET", "/api/machines", &token, None).await;
    assert_eq!(read.status, 200, "{}", read.body);
    let id = read.body["value"][0]["id"].as_str().unwrap().to_string();
    let write = api(
        &sim,
        "POST",
        &format!("/api/machines/{id}/tags"),
        &token,
        Some(json!({"Value": "x", "Action": "Add"})),
    )
    .await;
    assert_eq!(write.status, 403, "{}", write.body);

    // The default app has the write role, and its write goes through.
    let sim = start(config(2)).await;
    let token = mde_token(&sim).await;
    let roles = claims(&token)["roles"].clone();
    assert!(
        roles
            .as_array()
            .unwrap()
            .contains(&json!("Machine.ReadWrite.All")),
        "{roles}"
    );
    let write = api(
        &sim,
        "POST",
        &format!("/api/machines/{id}/tags"),
        &token,
        Some(json!({"Value": "x", "Action": "Add"})),
    )
    .await;
    assert_eq!(write.status, 200, "{}", write.body);
}
