//! Credentials: refused clearly before any machine call; never printed.

use crate::kit::{SECRET, TestSim, bare_cmd, stdout_json, tag_add, text};

#[test]
fn plain_http_is_refused_for_other_hosts_before_anything_is_sent() {
    let sim = TestSim::unlimited(1);
    let ids = sim.ids(1);
    for (flag, url) in [
        ("--endpoint", "http://api.security.microsoft.com"),
        ("--authority-host", "http://10.1.2.3"),
    ] {
        let out = sim
            .cmd()
            .args([flag, url])
            .args(tag_add(&[&ids[0]], "x"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}: a usage error");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("http:// is allowed only for loopback hosts"),
            "{stderr}"
        );
    }
    assert!(sim.sim.calls().is_empty());
}

#[test]
fn a_wrong_secret_is_exit_1_with_the_reason_and_no_machine_call() {
    let sim = TestSim::unlimited(1);
    let ids = sim.ids(1);
    let out = sim
        .cmd()
        .env("AZURE_CLIENT_SECRET", "not-the-secret")
        .args(["tag", "add", "--machine", &ids[0], "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("authentication failed")
            && stderr.contains("invalid_client: AADSTS7000215"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-secret"));
    assert!(sim.api_calls().is_empty());
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_credentials_are_named() {
    let sim = TestSim::unlimited(1);
    let ids = sim.ids(1);
    let out = bare_cmd()
        .env("MDETAG_ENDPOINT", sim.sim.url())
        .args(["tag", "add", "--machine", &ids[0], "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no credentials")
            && stderr.contains("AZURE_CLIENT_SECRET")
            && stderr.contains("--sandbox"),
        "{stderr}"
    );
    assert!(sim.sim.calls().is_empty());
}

#[test]
fn a_bearer_token_is_used_as_is_and_a_rejected_one_stops_the_run() {
    let sim = TestSim::unlimited(3);
    let ids = sim.ids(3);
    // Have the simulator issue a token, then hand it over as MDETAG_TOKEN with no secret.
    sim.cmd()
        .args(["--no-prior-state"])
        .args(tag_add(&[&ids[0]], "warmup"))
        .assert()
        .success();
    let token = sim.sim.issued_tokens().pop().unwrap();
    let out = bare_cmd()
        .env("MDETAG_ENDPOINT", sim.sim.url())
        .env("MDETAG_TOKEN", &token)
        .args(["--no-prior-state", "--output", "json"])
        .args(tag_add(&[&ids[1]], "bearer"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(sim.has_tag(&ids[1], "bearer"));
    assert_eq!(
        sim.token_calls(),
        1,
        "a bearer token needs no token request"
    );

    let before = sim.api_calls().len();
    let out = bare_cmd()
        .env("MDETAG_ENDPOINT", sim.sim.url())
        .env("MDETAG_TOKEN", "eyJ.not.valid")
        .args([
            "--no-prior-state",
            "--no-batch",
            "--concurrency",
            "1",
            "--output",
            "json",
        ])
        .args(tag_add(&[&ids[1], &ids[2]], "nope"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "refused before any write succeeded: could not run"
    );
    let doc = stdout_json(&out);
    assert_eq!(doc["results"][0]["status"], "failed");
    assert_eq!(doc["results"][0]["http_status"], 401);
    assert_eq!(
        doc["results"][1]["status"], "skipped",
        "no point sending more calls with a dead token"
    );
    assert_eq!(doc["results"][1]["error"]["code"], "aborted");
    assert_eq!(
        doc["summary"]["run_id"],
        serde_json::Value::Null,
        "no journal"
    );
    assert_eq!(sim.api_calls().len() - before, 1);
    assert!(
        text(&out.stderr).contains("MDETAG_TOKEN was rejected"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn no_secret_or_token_appears_in_any_output_even_verbose() {
    let sim = TestSim::unlimited(3);
    let ids = sim.ids(3);
    let mut captured = Vec::new();
    let mut run = |args: &[&str]| {
        let out = sim.cmd().arg("-v").args(args).output().unwrap();
        captured.push(text(&out.stdout));
        captured.push(text(&out.stderr));
        out
    };
    for output in ["table", "json", "csv", "jsonl"] {
        let out = run(&[
            "--output",
            output,
            "tag",
            "add",
            "--machine",
            &ids[0],
            "--machine",
            &ids[1],
            "--value",
            "v",
        ]);
        assert_eq!(out.status.code(), Some(0));
    }
    // Every other command that talks to the API or reads what a run kept.
    let out = run(&[
        "--output",
        "json",
        "--skip-unchanged",
        "tag",
        "remove",
        "--machine",
        &ids[0],
        "--value",
        "v",
    ]);
    let run_id = crate::kit::stdout_json(&out)["summary"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    for args in [
        vec!["tag", "set", "--machine", &ids[2], "--value", "s"],
        vec!["set-value", "--machine", &ids[2], "--value", "Low"],
        vec![
            "--dry-run",
            "tag",
            "add",
            "--tag-prefix",
            "s",
            "--value",
            "w",
        ],
        vec!["machines", "list"],
        vec!["--output", "json", "machines", "list"],
        vec!["runs", "list"],
        vec!["runs", "show", &run_id],
        vec!["resume", &run_id],
        vec!["undo", &run_id],
        vec!["auth", "status"],
        vec!["--output", "json", "auth", "status"],
    ] {
        run(&args);
    }
    let verbose = captured[1].clone();
    assert!(
        verbose.contains("POST /api/machines/") && verbose.contains("token: requesting"),
        "{verbose}"
    );
    // What the runs kept: journals and the quota ledger.
    for entry in walk(sim.state.path()) {
        captured.push(String::from_utf8_lossy(&std::fs::read(entry).unwrap()).into_owned());
    }
    let tokens = sim.sim.issued_tokens();
    assert!(tokens.len() >= 10, "{}", tokens.len());
    for out in &captured {
        assert!(!out.contains(SECRET), "the client secret leaked");
        for t in &tokens {
            // Any recognisable piece of a token (its signature) counts as a leak.
            let signature = t.rsplit('.').next().unwrap();
            assert!(!out.contains(signature), "a token leaked:\n{out}");
        }
    }
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn there_is_no_flag_for_the_secret() {
    let out = bare_cmd()
        .args(["--client-secret", "x", "tag", "add", "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = text(&bare_cmd().arg("--help").output().unwrap().stdout);
    assert!(!help.contains("--client-secret"));
}

#[test]
fn loopback_traffic_never_goes_through_a_proxy() {
    let sim = TestSim::unlimited(1);
    let ids = sim.ids(1);
    // A proxy on a loopback port where nothing listens: using it would fail the run.
    let out = sim
        .cmd()
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("http_proxy", "http://127.0.0.1:9")
        .env("ALL_PROXY", "http://127.0.0.1:9")
        .args(["tag", "add", "--machine", &ids[0], "--value", "direct"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// The sweep every captured output goes through (`kit::text`, `kit::stdout_json`) can fail: it
/// finds the secret, the kit's tokens and any JWT, and passes ordinary text.
#[test]
fn the_output_sweep_finds_secrets_and_tokens() {
    let caught = |t: &str| std::panic::catch_unwind(|| crate::kit::assert_no_secret(t)).is_err();
    assert!(caught(&format!("error: {}", crate::kit::SECRET)));
    assert!(caught("Bearer kit-token-0123"));
    assert!(caught(
        "Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.sig"
    ));
    assert!(!caught(
        "mdetag: 3 operations: 3 succeeded · eyJ is just text [redacted]"
    ));
}
