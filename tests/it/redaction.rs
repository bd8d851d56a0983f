//! Issue 15, item 2: a server that echoes what it was sent never gets a secret shown, in any of
//! the forms a secret travels in (raw, percent-encoded with `+` or `%20` spaces, JSON-escaped,
//! base64 of the Basic form), whatever its length; a token endpoint's refusal is shown as its
//! code, AADSTS number and first sentence only.

use base64::Engine;
use serde_json::json;

use crate::kit::server::{self, ID, Seen, Server, mdetag_at, reader_at};
use crate::kit::text;

/// Every form of `secret` a server could echo: what the test searches captured output for.
fn forms(secret: &str, client_id: &str) -> Vec<String> {
    let plus: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let pct20 = plus.replace('+', "%20");
    let json = serde_json::to_string(secret).unwrap();
    let json = json[1..json.len() - 1].to_string();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    vec![
        secret.to_string(),
        plus.clone(),
        plus.to_lowercase(),
        pct20.clone(),
        pct20.to_lowercase(),
        json.replace('/', "\\/"),
        b64(&format!("{client_id}:{secret}")),
        b64(&format!("{client_id}:{plus}")),
    ]
}

fn assert_no_form(all: &str, secret: &str, client_id: &str) {
    for form in forms(secret, client_id) {
        assert!(
            !all.contains(&form),
            "the secret {secret:?} appears as {form:?} in:\n{all}"
        );
    }
}

/// A token endpoint that refuses every request, echoing what it was sent in every form.
fn echoing_token_endpoint() -> Server {
    Server::start(|seen: &Seen| {
        let form = String::from_utf8_lossy(&seen.body).to_string();
        let pct20 = form.replace('+', "%20");
        let decoded: Vec<(String, String)> = url::form_urlencoded::parse(form.as_bytes())
            .into_owned()
            .collect();
        let as_json = serde_json::to_string(&decoded).unwrap().replace('/', "\\/");
        let secret = decoded
            .iter()
            .find(|(k, _)| k == "client_secret")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("kit-client:{secret}"));
        let plus: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let json = serde_json::to_string(&secret).unwrap().replace('/', "\\/");
        server::json(
            401,
            json!({
                "error": "invalid_client",
                "error_description": format!(
                    "AADSTS7000215: Invalid client secret {plus} {} {json} {basic} provided. Request: {form} {pct20} {as_json}. Trace ID: 1\r\nCorrelation ID: 2",
                    plus.replace('+', "%20")
                ),
            }),
        )
    })
}

#[test]
fn a_token_endpoint_echoing_the_form_body_shows_no_form_of_the_secret() {
    let api = echoing_token_endpoint();
    // Real Entra secrets hold `~`; `+`, `/`, `=`, `&` and a space change when encoded; the last
    // is shorter than 8 characters.
    for secret in ["Kq8~xV+a/b=c&d e.F_g-9", "s~+/ x"] {
        for args in [
            &["tag", "add", "--machine", ID, "--value", "x"][..],
            &["--output", "json", "auth", "status"][..],
            &["-v", "auth", "status"][..],
        ] {
            // The token is refused before any read: no prior state to leave out.
            let out = reader_at(&api)
                .env("AZURE_CLIENT_SECRET", secret)
                .args(args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let all = [text(&out.stdout), text(&out.stderr)].concat();
            assert!(
                all.contains("invalid_client: AADSTS7000215: Invalid client secret [redacted]"),
                "{args:?}: {all}"
            );
            assert_no_form(&all, secret, "kit-client");
        }
    }
}

#[test]
fn a_refusal_is_shown_as_its_code_number_and_first_sentence_only() {
    let api = Server::start(|_: &Seen| {
        server::json(
            401,
            json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID. Request body: grant_type=client_credentials&scope=x\r\nTrace ID: 0a1b\r\nCorrelation ID: 2c3d",
                "error_codes": [7000215],
            }),
        )
    });
    let out = mdetag_at(&api)
        .args(["tag", "add", "--machine", ID, "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("invalid_client: AADSTS7000215: Invalid client secret provided."),
        "{stderr}"
    );
    for not in [
        "Ensure",
        "Request body",
        "grant_type",
        "Trace ID",
        "Correlation",
    ] {
        assert!(!stderr.contains(not), "{not}: {stderr}");
    }

    // An `error` that is not a code, and a first sentence that is the echoed request.
    let api = Server::start(|seen: &Seen| {
        let form = String::from_utf8_lossy(&seen.body).to_string();
        server::json(
            400,
            json!({"error": format!("bad {form}"), "error_description": format!("AADSTS90014: {form}")}),
        )
    });
    let out = mdetag_at(&api)
        .env("AZURE_CLIENT_SECRET", "pw")
        .args(["tag", "add", "--machine", ID, "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("AADSTS90014"), "{stderr}");
    for not in ["grant_type", "client_secret", "kit-client", "scope="] {
        assert!(!stderr.contains(not), "{not}: {stderr}");
    }
    assert_no_form(&stderr, "pw", "kit-client");
}

#[test]
fn a_managed_identity_endpoint_echoing_the_header_shows_no_form_of_it() {
    let api = Server::start(|seen: &Seen| {
        let header = seen
            .headers
            .get("x-identity-header")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let pct: String = url::form_urlencoded::byte_serialize(header.as_bytes()).collect();
        server::json(
            400,
            json!({
                "error": "invalid_request",
                "error_description": format!("Unexpected identity header {pct} ({}). Request: X-IDENTITY-HEADER={pct} {}", pct.replace('+', "%20"), seen.path),
            }),
        )
    });
    for header in ["mi h~d/r+=x&y", "h/~ 1"] {
        let out = reader_at(&api)
            .env("IDENTITY_ENDPOINT", format!("{}/msi/token", api.url()))
            .env("IDENTITY_HEADER", header)
            .args([
                "--auth",
                "managed-identity",
                "-v",
                "--output",
                "json",
                "auth",
                "status",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let all = [text(&out.stdout), text(&out.stderr)].concat();
        assert!(
            all.contains("invalid_request: Unexpected identity header [redacted] ([redacted])."),
            "{all}"
        );
        assert_no_form(&all, header, "kit-client");
    }
}
