//! The simulator's contract, checked over HTTP with a plain client: if it were lenient where the
//! real service is strict, every other test would mean less.

use mde_sim::{SANDBOX_CLIENT, SANDBOX_TENANT, SimConfig, UnknownInBatch};
use serde_json::{Value, json};

use crate::kit::{SECRET, TestSim, unlimited_config};

/// The scope of a token for the Defender API (`.default`: every role the app was granted).
const MDE_SCOPE: (&str, &str) = ("scope", "https://api.securitycenter.microsoft.com/.default");

/// A client-credentials form: this app, this secret, and the scope (v2) or resource (v1).
fn grant(
    client_id: &'static str,
    secret: &'static str,
    scope: (&'static str, &'static str),
) -> [(&'static str, &'static str); 4] {
    [
        ("grant_type", "client_credentials"),
        ("client_id", client_id),
        ("client_secret", secret),
        scope,
    ]
}

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    async fn new(sim: &TestSim) -> Client {
        let http = reqwest::Client::new();
        let base = sim.sim.url();
        let token = http
            .post(format!("{base}/{SANDBOX_TENANT}/oauth2/v2.0/token"))
            .form(&grant(SANDBOX_CLIENT, SECRET, MDE_SCOPE))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_string();
        Client { http, base, token }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }
}

#[test]
fn token_endpoint_v1_and_v2_and_entra_shaped_refusals() {
    let sim = TestSim::unlimited(1);
    sim.block_on(async {
        let http = reqwest::Client::new();
        let base = sim.sim.url();
        let v1: Value = http
            .post(format!("{base}/{SANDBOX_TENANT}/oauth2/token"))
            .form(&grant(
                SANDBOX_CLIENT,
                SECRET,
                ("resource", "https://api.securitycenter.microsoft.com"),
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = v1["access_token"].as_str().unwrap();
        assert_eq!(token.split('.').count(), 3, "JWT-shaped");
        use base64::Engine;
        let claims: Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(token.split('.').nth(1).unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(claims["tid"], SANDBOX_TENANT);
        assert_eq!(claims["appid"], SANDBOX_CLIENT);
        assert!(
            claims["roles"]
                .as_array()
                .unwrap()
                .contains(&json!("Machine.ReadWrite.All"))
        );
        assert!(v1["expires_on"].is_string());

        let refuse = |form: [(&'static str, &'static str); 4], tenant: &'static str| {
            let http = http.clone();
            let base = base.clone();
            async move {
                let r = http
                    .post(format!("{base}/{tenant}/oauth2/v2.0/token"))
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            }
        };
        let (status, body) =
            refuse(grant(SANDBOX_CLIENT, "wrong", MDE_SCOPE), SANDBOX_TENANT).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("invalid_client"))
        );
        assert!(
            body["error_description"]
                .as_str()
                .unwrap()
                .starts_with("AADSTS7000215")
        );
        let (status, body) = refuse(grant("nobody", SECRET, MDE_SCOPE), SANDBOX_TENANT).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("unauthorized_client"))
        );
        let (_, body) = refuse(grant(SANDBOX_CLIENT, SECRET, MDE_SCOPE), "other-tenant").await;
        assert!(
            body["error_description"]
                .as_str()
                .unwrap()
                .starts_with("AADSTS90002")
        );
        // Graph is a resource the simulator issues tokens for (hunting queries); Azure Resource
        // Manager is not.
        let arm = ("scope", "https://management.azure.com/.default");
        let (_, body) = refuse(grant(SANDBOX_CLIENT, SECRET, arm), SANDBOX_TENANT).await;
        assert_eq!(body["error"], "invalid_scope");
    });
}

#[test]
fn bodies_are_case_sensitive_and_errors_have_the_mde_shape() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    sim.block_on(async {
        let c = Client::new(&sim).await;
        let tags = format!("/api/machines/{id}/tags");
        let (status, body) = c.post(&tags, json!({"value": "x", "action": "Add"})).await;
        assert_eq!(status, 400);
        assert_eq!(body["error"]["code"], "InvalidRequestBody");
        assert!(body["error"]["message"].is_string() && body["error"]["target"].is_string());
        let (status, _) = c.post(&tags, json!({"Value": "x", "Action": "add"})).await;
        assert_eq!(status, 400, "Action values are case-sensitive too");
        let (status, body) = c.post(&tags, json!({"Value": "x", "Action": "Add"})).await;
        assert_eq!(status, 200);
        assert!(
            body["machineTags"]
                .as_array()
                .unwrap()
                .contains(&json!("x"))
        );
        assert!(
            body.as_object().unwrap().values().any(Value::is_null),
            "machines carry null fields"
        );

        let (status, body) = c
            .get("/api/machines/0000000000000000000000000000000000000000")
            .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (404, Some("ResourceNotFound"))
        );
        let (status, _) = c.get(&format!("/api/machines/{id}")).await;
        assert_eq!(status, 200);
        let (status, _) = c
            .post(
                &format!("/api/machines/{id}/setDeviceValue"),
                json!({"DeviceValue": "Low"}),
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(sim.machine(&id).device_value, "Low");
    });
    let no_auth = sim.block_on(async {
        reqwest::get(format!("{}/api/machines", sim.sim.url()))
            .await
            .unwrap()
            .status()
            .as_u16()
    });
    assert_eq!(no_auth, 401);
}

#[test]
fn patch_replaces_the_tag_set_and_refuses_an_empty_one() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    sim.block_on(async {
        let c = Client::new(&sim).await;
        let path = format!("/api/machines/{id}");
        let (status, _) = c
            .patch(
                &path,
                json!({"machineTags": ["a", "b"], "deviceValue": "High"}),
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(sim.machine(&id).machine_tags, ["a", "b"]);
        assert_eq!(sim.machine(&id).device_value, "High");
        let (status, body) = c.patch(&path, json!({"machineTags": []})).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(sim.machine(&id).machine_tags, ["a", "b"]);
        let (status, _) = c.patch(&path, json!({"MachineTags": ["c"]})).await;
        assert_eq!(status, 400);
        let (status, _) = c.patch(&path, json!({"deviceValue": "high"})).await;
        assert_eq!(status, 400);
    });
}

#[test]
fn the_batch_call_caps_at_500_and_handles_unknown_ids_either_way() {
    for mode in [UnknownInBatch::NotFound, UnknownInBatch::Omit] {
        let sim = TestSim::start(SimConfig {
            unknown_in_batch: mode,
            ..unlimited_config(3)
        });
        let ids = sim.ids(3);
        sim.block_on(async {
            let c = Client::new(&sim).await;
            let path = "/api/machines/AddOrRemoveTagForMultipleMachines";
            let too_many: Vec<String> = (0..501).map(|i| format!("{i:040x}")).collect();
            let (status, _) = c
                .post(
                    path,
                    json!({"Value": "b", "Action": "Add", "MachineIds": too_many}),
                )
                .await;
            assert_eq!(status, 400);
            let (status, body) = c
                .post(
                    path,
                    json!({"Value": "b", "Action": "Add", "MachineIds": [ids[0], ids[1]]}),
                )
                .await;
            assert_eq!(status, 200);
            assert_eq!(body["value"].as_array().unwrap().len(), 2);
            let ghost = "f".repeat(40);
            let (status, body) = c
                .post(
                    path,
                    json!({"Value": "c", "Action": "Add", "MachineIds": [ids[2], ghost]}),
                )
                .await;
            match mode {
                UnknownInBatch::NotFound => {
                    assert_eq!(
                        (status, body["error"]["code"].as_str()),
                        (404, Some("ResourceNotFound"))
                    );
                    assert!(!sim.has_tag(&ids[2], "c"), "nothing applied");
                }
                UnknownInBatch::Omit => {
                    assert_eq!(status, 200);
                    assert_eq!(body["value"].as_array().unwrap().len(), 1);
                    assert!(sim.has_tag(&ids[2], "c"));
                }
            }
        });
    }
}

#[test]
fn list_pages_filters_and_findbytag() {
    let sim = TestSim::start(SimConfig {
        page_size: 10,
        ..unlimited_config(25)
    });
    let machines = sim.sim.machines();
    sim.block_on(async {
        let c = Client::new(&sim).await;
        // Follow @odata.nextLink to the end.
        let mut seen = Vec::new();
        let mut next = Some(format!("{}/api/machines", c.base));
        while let Some(url) = next {
            let body: Value = c
                .http
                .get(&url)
                .bearer_auth(&c.token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            seen.extend(
                body["value"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["id"].as_str().unwrap().to_string()),
            );
            next = body["@odata.nextLink"].as_str().map(str::to_string);
        }
        assert_eq!(
            seen,
            machines.iter().map(|m| m.id.clone()).collect::<Vec<_>>()
        );

        let name = machines[3].computer_dns_name.to_uppercase();
        let filter = format!("computerDnsName eq '{name}' or id eq '{}'", machines[7].id);
        let (status, body) = c
            .get(&format!("/api/machines?$filter={}", urlencode(&filter)))
            .await;
        assert_eq!(status, 200);
        let got: Vec<_> = body["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect();
        assert!(
            got.contains(&machines[3].id) && got.contains(&machines[7].id),
            "{got:?}"
        );
        let (status, _) = c.get("/api/machines?$filter=nonsense%20eq%20'x'").await;
        assert_eq!(status, 400);
        let (_, body) = c.get("/api/machines?$top=2&$skip=1").await;
        assert_eq!(body["value"][0]["id"], machines[1].id.as_str());
        assert!(body.get("@odata.nextLink").is_none());

        let tagged = machines
            .iter()
            .filter(|m| m.machine_tags.iter().any(|t| t == "Finance"))
            .count();
        let (_, body) = c
            .get("/api/machines/findbytag?tag=finance&useStartsWithFilter=false")
            .await;
        assert_eq!(body["value"].as_array().unwrap().len(), tagged);
        let (_, body) = c
            .get("/api/machines/findbytag?tag=Fin&useStartsWithFilter=true")
            .await;
        assert_eq!(body["value"].as_array().unwrap().len(), tagged);
    });
}

#[test]
fn responses_are_deflated_when_the_client_accepts_it() {
    let sim = TestSim::unlimited(3);
    let c = crate::kit::TestSim::cmd(&sim)
        .args(["tag", "add", "--machine", &sim.ids(1)[0], "--value", "z"])
        .output()
        .unwrap();
    assert!(c.status.success());
    let calls = sim.api_calls();
    assert_eq!(
        calls[0].content_encoding.as_deref(),
        Some("deflate"),
        "{calls:?}"
    );
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[test]
fn tags_that_differ_only_in_case_are_one_tag_and_the_first_spelling_stays() {
    let sim = TestSim::unlimited(3);
    let ids = sim.ids(2);
    sim.block_on(async {
        let c = Client::new(&sim).await;
        let tags = |id: &str| sim.machine(id).machine_tags;
        let post = |id: String, action: &'static str, value: &'static str| {
            let c = &c;
            async move {
                let path = format!("/api/machines/{id}/tags");
                let body = json!({"Value": value, "Action": action});
                c.post(&path, body).await
            }
        };
        let path = format!("/api/machines/{}", ids[0]);
        let (status, _) = c
            .patch(&path, json!({"machineTags": ["Finance", "FINANCE", "Old"]}))
            .await;
        assert_eq!(status, 200);
        assert_eq!(
            tags(&ids[0]),
            ["Finance", "Old"],
            "PATCH keeps the first spelling"
        );
        let (status, body) = post(ids[0].clone(), "Add", "finance").await;
        assert_eq!(status, 200);
        assert_eq!(
            body["machineTags"],
            json!(["Finance", "Old"]),
            "an Add in another case is no change"
        );
        let (status, _) = post(ids[0].clone(), "Remove", "oLD").await;
        assert_eq!(status, 200);
        assert_eq!(tags(&ids[0]), ["Finance"]);
        let (status, _) = c
            .post(
                "/api/machines/AddOrRemoveTagForMultipleMachines",
                json!({"Value": "FINANCE", "Action": "Remove", "MachineIds": [ids[0], ids[1]]}),
            )
            .await;
        assert_eq!(status, 200);
        assert!(tags(&ids[0]).is_empty());
    });
}

#[test]
fn a_lost_answer_is_carried_out_then_its_connection_closed() {
    let sim = TestSim::start(SimConfig {
        lost_answer_rate: 1.0,
        ..unlimited_config(2)
    });
    let id = sim.ids(1).remove(0);
    sim.block_on(async {
        let c = Client::new(&sim).await;
        let sent = c
            .http
            .post(format!("{}/api/machines/{id}/tags", c.base))
            .bearer_auth(&c.token)
            .json(&json!({"Value": "lost", "Action": "Add"}))
            .send()
            .await;
        assert!(sent.is_err(), "no answer should come: {sent:?}");
    });
    assert!(sim.has_tag(&id, "lost"));
    assert_eq!(sim.sim.writes(), [format!("{id} Add lost")]);
    let call = sim.api_calls().pop().unwrap();
    assert_eq!((call.status, call.fault), (200, Some("answer lost")));
}
