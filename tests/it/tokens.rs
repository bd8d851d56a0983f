//! Issue 15, item 7: a bearer token whose roles cannot be read (not a JWT) is "unknown":
//! `auth status` says so and exits 1; a tagging run warns and goes on, and the API decides.

use crate::kit::server::{self, ID, Seen, Server, mdetag_at, reader_at};
use crate::kit::{stdout_json, tag_add, text};

const OPAQUE: &str = "opaque-kit-token-0123456789";

/// An API that takes any bearer token and applies the tag asked for.
fn lenient_api() -> Server {
    Server::start(|seen: &Seen| {
        let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap_or_default();
        let tag = body["Value"].as_str().unwrap_or_default().to_string();
        server::json(200, server::machine(ID, &[&tag]))
    })
}

#[test]
fn auth_status_calls_a_token_whose_roles_cannot_be_read_unknown_and_exits_1() {
    let api = lenient_api();
    for token in [OPAQUE, "eyJ.not.valid"] {
        let out = reader_at(&api)
            .env("MDETAG_TOKEN", token)
            .args(["auth", "status"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{token}");
        let stdout = text(&out.stdout);
        assert!(stdout.contains("token:      unknown"), "{stdout}");
        assert!(!stdout.contains("token:      ok"), "{stdout}");
        assert!(!stdout.contains(token), "{stdout}");

        let out = reader_at(&api)
            .env("MDETAG_TOKEN", token)
            .args(["--output", "json", "auth", "status"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let doc = stdout_json(&out);
        assert_eq!(doc["token"]["ok"], false, "{doc}");
        assert_eq!(doc["token"]["roles"], serde_json::Value::Null, "{doc}");
        assert!(
            doc["token"]["error"]
                .as_str()
                .unwrap()
                .contains("roles cannot be read"),
            "{doc}"
        );
        assert!(!doc.to_string().contains(token));
    }
    assert_eq!(api.hits("/api/"), 0, "auth status calls no API");
}

#[test]
fn a_tagging_run_with_such_a_token_warns_and_lets_the_api_decide() {
    let api = lenient_api();
    let out = mdetag_at(&api)
        .env("MDETAG_TOKEN", OPAQUE)
        .args(["--output", "json"])
        .args(tag_add(&[ID], "x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.matches("roles cannot be read").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("the API decides"), "{stderr}");
    assert!(!stderr.contains(OPAQUE));
    assert_eq!(stdout_json(&out)["summary"]["succeeded"], 1);
    assert_eq!(api.hits("/oauth2/"), 0, "the bearer token is used as is");
    assert_eq!(api.hits("/api/machines"), 1);
}
