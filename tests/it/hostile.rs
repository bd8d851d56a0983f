//! A hostile and failing world (issue 9): servers that redirect, bomb, never stop, loop, ask
//! for absurd waits, echo secrets and escape sequences, answer for the wrong machine, or fail
//! at the worst moment. Each is a tiny server of the kit's; mdetag must stay bounded, say what
//! happened, and never panic.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use serde_json::{Value, json};

use crate::kit::server::{self, ID, Reply, Seen, Server, is_token, machine, mdetag_at, reader_at};
use crate::kit::{assert_exit_says, stdout_json, tag_add, text, unlimited_config};

const OTHER: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

/// The answer to a tag call: the machine with the change made.
fn tagged(seen: &Seen) -> Reply {
    let body: Value = serde_json::from_slice(&seen.body).unwrap_or(Value::Null);
    let id = seen.path.split('/').nth(3).unwrap_or_default().to_string();
    let tag = body["Value"].as_str().unwrap_or_default().to_string();
    let tags: Vec<&str> = if body["Action"] == "Add" {
        vec![&tag]
    } else {
        vec![]
    };
    server::json(200, machine(&id, &tags))
}

/// `tag add --machine ID --value x` against `api`.
fn add_x(api: &Server) -> std::process::Output {
    mdetag_at(api)
        .args(["tag", "add", "--machine", ID, "--value", "x"])
        .output()
        .unwrap()
}

/// The same, results as JSON.
fn add_x_json(api: &Server) -> std::process::Output {
    mdetag_at(api)
        .args(["--output", "json"])
        .args(tag_add(&[ID], "x"))
        .output()
        .unwrap()
}

fn redirect(status: u16, to: &str) -> Reply {
    hyper::Response::builder()
        .status(status)
        .header(
            "location",
            format!("{to}/elsewhere?client_secret=leak&token=leak"),
        )
        .body(server::body(""))
        .unwrap()
}

#[test]
fn redirects_are_never_followed_for_tokens_or_calls() {
    for status in [301, 302, 307, 308] {
        let elsewhere = Server::start(|_| server::token_reply());
        let to = elsewhere.url();
        // The token endpoint redirects: the secret must not follow.
        let api = Server::start(move |_| redirect(status, &to));
        let out = add_x(&api);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{status}: {}",
            text(&out.stderr)
        );
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("answered {status}, a redirect")),
            "{stderr}"
        );
        assert!(
            !stderr.contains("leak"),
            "the Location is not named: {stderr}"
        );
        assert_eq!(
            elsewhere.seen().len(),
            0,
            "{status}: the other host saw a request"
        );

        // The API redirects a write: the body must not follow, and nothing is claimed.
        let elsewhere = Server::start(tagged);
        let to = elsewhere.url();
        let api = Server::start(move |seen| {
            if is_token(seen) {
                server::token_reply()
            } else {
                redirect(status, &to)
            }
        });
        let out = add_x_json(&api);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{status}: {}",
            text(&out.stderr)
        );
        let row = &stdout_json(&out)["results"][0];
        assert_eq!(row["status"], "failed");
        assert!(
            row["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&format!("answered {status}"))
        );
        assert_eq!(
            elsewhere.seen().len(),
            0,
            "{status}: a write went elsewhere"
        );
        assert_eq!(api.hits("/api/"), 1, "a redirect is not retried");
    }
}

fn compressed(encoding: &str, inflated: usize) -> Vec<u8> {
    let zeros = vec![b' '; 1 << 20];
    match encoding {
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            for _ in 0..inflated >> 20 {
                e.write_all(&zeros).unwrap();
            }
            e.finish().unwrap()
        }
        _ => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            for _ in 0..inflated >> 20 {
                e.write_all(&zeros).unwrap();
            }
            e.finish().unwrap()
        }
    }
}

/// mdetag under a 1 GiB address-space limit: a body held whole would not fit.
fn bounded(api: &Server, args: &[&str]) -> std::process::Output {
    let mut cmd = mdetag_at(api);
    let exe = env!("CARGO_BIN_EXE_mdetag");
    let inner: Vec<String> = std::iter::once(exe.to_string())
        .chain(["--no-progress".into()])
        .chain(args.iter().map(|a| a.to_string()))
        .collect();
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg("ulimit -v 1048576; exec \"$@\"")
        .arg("sh")
        .args(&inner);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let _ = &mut cmd;
    let mut sh = assert_cmd::Command::from_std(sh);
    sh.timeout(Duration::from_secs(60));
    sh.output().unwrap()
}

#[test]
fn compression_bombs_huge_and_endless_bodies_are_cut_off() {
    for encoding in ["gzip", "deflate"] {
        // 300 MiB of spaces in about 300 KB.
        let bomb = Bytes::from(compressed(encoding, 300 << 20));
        let api = server::with_token(move |_| {
            hyper::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("content-encoding", encoding)
                .body(server::body(bomb.clone()))
                .unwrap()
        });
        let out = bounded(&api, &["machines", "list"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{encoding}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("larger than 256 MiB"),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(
            api.hits("/api/"),
            1,
            "a body over the cap is not asked for again"
        );
    }

    // A declared length over the cap is refused before it is read.
    let api = server::with_token(|_| {
        // A little, then nothing ever again: only a client that believes the header stops.
        let start = futures::stream::iter([Ok::<_, std::io::Error>(hyper::body::Frame::data(
            Bytes::from(vec![b'{'; 1024]),
        ))]);
        let chunks = futures::StreamExt::chain(start, futures::stream::pending());
        hyper::Response::builder()
            .status(200)
            .header("content-length", "300000000")
            .body(http_body_util::StreamBody::new(chunks).boxed())
            .unwrap()
    });
    let out = bounded(&api, &["machines", "list"]);
    assert_exit_says(&out, 1, "larger than 256 MiB");

    // An answer that never ends: from the API, and from the token endpoint (1 MiB cap).
    for endless_token in [false, true] {
        let api = Server::start(move |seen| {
            if is_token(seen) && !endless_token {
                return server::token_reply();
            }
            let chunks = futures::stream::repeat_with(|| {
                Ok::<_, std::io::Error>(hyper::body::Frame::data(Bytes::from(vec![b' '; 1 << 16])))
            });
            hyper::Response::builder()
                .status(200)
                .body(http_body_util::StreamBody::new(chunks).boxed())
                .unwrap()
        });
        let out = bounded(&api, &["machines", "list"]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let cap = if endless_token {
            "larger than 1 MiB"
        } else {
            "larger than 256 MiB"
        };
        assert!(text(&out.stderr).contains(cap), "{}", text(&out.stderr));
    }
}

#[test]
fn a_next_link_that_points_at_itself_is_refused() {
    let url = Arc::new(Mutex::new(String::new()));
    let link = url.clone();
    let api = server::with_token(move |_| {
        let me = format!("{}/api/machines?$skip=0", link.lock().unwrap());
        server::json(
            200,
            json!({"value": [machine(ID, &[])], "@odata.nextLink": me}),
        )
    });
    *url.lock().unwrap() = api.url();
    let out = reader_at(&api).args(["machines", "list"]).output().unwrap();
    assert_exit_says(&out, 1, "repeats a page");
    assert_eq!(api.hits("/api/"), 2, "the first page and its link, once");
}

#[test]
fn absurd_waits_and_lifetimes_fail_what_waits_and_never_panic() {
    for retry_after in [
        "99999999",
        "18446744073709551615",
        "999999999999999999999999",
    ] {
        let api = server::with_token(move |_| {
            let mut r = server::json(
                429,
                json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
            );
            r.headers_mut()
                .insert("retry-after", retry_after.parse().unwrap());
            r
        });
        let out = add_x_json(&api);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{retry_after}: {}",
            text(&out.stderr)
        );
        // It did not wait (the kit's hang guard would have failed it): one call, then the
        // operation failed with the 429 it was given.
        assert_eq!(api.hits("/api/"), 1, "{retry_after}");
        let row = &stdout_json(&out)["results"][0];
        assert_eq!(row["error"]["code"], "TooManyRequests", "{row}");
    }

    // A 429 whose body says nothing, asking for a day: every operation waiting fails as
    // TooManyRequests at once, and the rest of the run is not sent into the same wall.
    let api = server::with_token(|_| {
        let mut r = server::json(429, json!({}));
        r.headers_mut()
            .insert("retry-after", "86400".parse().unwrap());
        r
    });
    let ids: Vec<String> = (0..30).map(|i| format!("{i:040x}")).collect();
    let mut args = vec!["--output", "json", "--concurrency", "2", "--no-batch"];
    args.extend(["tag", "add", "--value", "x"]);
    for id in &ids {
        args.extend(["--machine", id]);
    }
    let out = mdetag_at(&api).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    let rows = doc["results"].as_array().unwrap();
    assert_eq!(rows.len(), 30);
    for row in rows {
        assert_eq!(row["status"], "failed", "{row}");
        assert_eq!(row["error"]["code"], "TooManyRequests", "{row}");
        assert!(
            text(row["error"]["message"].as_str().unwrap().as_bytes()).contains("86400"),
            "{row}"
        );
    }
    assert!(
        api.hits("/api/") <= 2,
        "after the API asked for a day, {} calls were sent",
        api.hits("/api/")
    );

    for lifetime in [
        json!({"access_token": "kit-token-aaaa", "expires_in": u64::MAX}),
        json!({"access_token": "kit-token-aaaa", "expires_in": "18446744073709551615"}),
        json!({"access_token": "kit-token-aaaa", "expires_on": u64::MAX}),
        json!({"access_token": "kit-token-aaaa", "expires_in": -5}),
    ] {
        let answer = lifetime.clone();
        let api = Server::start(move |seen| {
            if is_token(seen) {
                server::json(200, answer.clone())
            } else {
                tagged(seen)
            }
        });
        let out = add_x(&api);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{lifetime}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn server_text_is_shown_escaped_and_never_with_our_secrets() {
    // The API echoes the Authorization header and puts escape sequences in its message.
    let api = Server::start(|seen| {
        if is_token(seen) {
            return server::json(
                200,
                json!({"access_token": "kit-token-0123456789", "expires_in": 3600}),
            );
        }
        let auth = seen
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        server::json(
            400,
            json!({"error": {"code": "Bad\u{1b}[2J", "message": format!("you sent {auth} \u{1b}]0;pwned\u{7} \u{9b}31m \u{202e}gpj.exe \u{7f}")}}),
        )
    });
    for format in ["table", "json", "csv", "jsonl"] {
        let out = mdetag_at(&api)
            .args(["--output", format, "-v"])
            .args(tag_add(&[ID], "x"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
        let all = [text(&out.stdout), text(&out.stderr)].concat();
        assert!(
            !all.contains("kit-token-0123456789"),
            "{format}: the token came back: {all}"
        );
        assert!(all.contains("[redacted]"), "{format}: {all}");
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{7f}'] {
            assert!(!all.contains(raw), "{format}: raw {raw:?}: {all:?}");
        }
    }

    // Host names and tags from a listing, in every format of `machines list`.
    let api = server::with_token(|_| {
        server::json(
            200,
            json!({"value": [{"id": ID, "computerDnsName": "ws\u{1b}]0;x\u{7}\u{9b}2J", "machineTags": ["t\u{202e}ag\u{1b}[5m"]}]}),
        )
    });
    for format in ["table", "json", "csv", "jsonl"] {
        let out = reader_at(&api)
            .args(["--output", format, "machines", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let all = [text(&out.stdout), text(&out.stderr)].concat();
        assert!(all.contains("ws"), "{format}: {all}");
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !all.contains(raw),
                "machines list {format}: raw {raw:?}: {all:?}"
            );
        }
    }

    // Entra's refusal echoes the secret, with an escape sequence.
    let api = Server::start(|seen| {
        let form = String::from_utf8_lossy(&seen.body).to_string();
        server::json(
            401,
            json!({"error": "invalid_client", "error_description": format!("bad \u{1b}[31m{form}")}),
        )
    });
    let out = add_x(&api);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("kit-secret"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}"), "{stderr}");
}

#[test]
fn an_answer_for_another_machine_is_not_applied() {
    let api = server::with_token(|_| server::json(200, machine(OTHER, &["x"])));
    let out = add_x_json(&api);
    assert_eq!(out.status.code(), Some(3));
    let row = &stdout_json(&out)["results"][0];
    assert_eq!(
        (row["status"].as_str(), row["error"]["code"].as_str()),
        (Some("failed"), Some("not-applied"))
    );
    assert!(
        row["error"]["message"]
            .as_str()
            .unwrap()
            .contains("another machine")
    );
}

/// A token endpoint that fails at the worst moments: at the start, and when the token is due
/// for renewal mid-run; each of 503, 429 and a dropped connection.
#[test]
fn a_token_endpoint_that_fails_once_at_start_and_once_mid_run_loses_no_row() {
    for fault in ["503", "429", "drop"] {
        let tokens = Arc::new(AtomicUsize::new(0));
        let count = tokens.clone();
        let api = Server::start_or_drop(move |seen| {
            if !is_token(seen) {
                return Some(tagged(seen));
            }
            let n = count.fetch_add(1, Ordering::SeqCst);
            // The first request fails; so does the first renewal (the third request).
            if n == 0 || n == 2 {
                return match fault {
                    "drop" => None,
                    "429" => {
                        let mut r = server::json(429, json!({"error": "temporarily_unavailable"}));
                        r.headers_mut().insert("retry-after", "1".parse().unwrap());
                        Some(r)
                    }
                    _ => Some(server::json(
                        503,
                        json!({"error": "temporarily_unavailable"}),
                    )),
                };
            }
            // Short-lived: renewed at 80% of 2 s, while the run goes on.
            Some(server::json(
                200,
                json!({"access_token": format!("kit-token-{n}-xxxx"), "expires_in": 2}),
            ))
        });
        let ids: Vec<String> = (0..12).map(|i| format!("{i:040x}")).collect();
        let mut args = vec![
            "--output",
            "json",
            "--no-batch",
            "--rate-limit",
            "3/1s",
            "tag",
            "add",
        ];
        for id in &ids {
            args.extend(["--machine", id.as_str()]);
        }
        args.extend(["--value", "x"]);
        let out = mdetag_at(&api).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{fault}: {}", text(&out.stderr));
        let doc = stdout_json(&out);
        assert_eq!(doc["summary"]["succeeded"], 12, "{fault}: {doc}");
        assert!(
            tokens.load(Ordering::SeqCst) >= 4,
            "{fault}: the token was renewed mid-run"
        );
    }
}

/// A dead API: 10 operations in a row (one a call here) fail after their retries, then the run stops sending. With
/// `--retries 1` and 2 calls in flight that is at most (10 + 1) × 2 attempts, plus what was in
/// flight when the tenth failed.
#[test]
fn a_dead_api_trips_the_breaker_instead_of_grinding_on() {
    let sim = crate::kit::TestSim::start(mde_sim::SimConfig {
        error_rate: 1.0,
        ..unlimited_config(40)
    });
    let ids = sim.ids(40);
    let (_dir, csv) = crate::kit::temp_file("dead.csv", &crate::kit::tagging_csv(&ids, "dead", 1));
    let mut args = vec!["--no-prior-state", "--no-batch", "--retries", "1"];
    args.extend(["--concurrency", "2", "apply-csv", csv.to_str().unwrap()]);
    let (code, doc, stderr) = sim.json_outcome(&args);
    assert_eq!(code, Some(1), "nothing succeeded: {stderr}");
    let calls = sim.api_calls().len();
    assert!(calls <= (10 + 2) * 2, "{calls} calls to a dead API");
    assert_eq!(doc["summary"]["total"], 40);
    let aborted = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "skipped" && r["error"]["code"] == "aborted")
        .count();
    assert!(aborted >= 28, "{aborted} aborted");
    assert_eq!(doc["summary"]["aborted"], aborted);
    assert_eq!(doc["summary"]["status"], "aborted");
    assert!(stderr.contains("not answering"), "{stderr}");
}

/// An error answer is judged by its status: its body is read only a little way, so a 429 or a
/// 503 whose body is huge or never ends is still waited out or retried, and a redirect's body
/// is not read at all.
#[test]
fn an_error_answer_is_judged_by_its_status_not_its_body() {
    fn endless(status: u16, retry_after: Option<&str>) -> Reply {
        let start = futures::stream::iter([Ok::<_, std::io::Error>(hyper::body::Frame::data(
            Bytes::from(vec![b' '; 1024]),
        ))]);
        let chunks = futures::StreamExt::chain(start, futures::stream::pending());
        let mut r = hyper::Response::builder()
            .status(status)
            .header("content-type", "application/json");
        if let Some(after) = retry_after {
            r = r.header("retry-after", after);
        }
        r.body(http_body_util::StreamBody::new(chunks).boxed())
            .unwrap()
    }
    for first in [429, 503] {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen_calls = calls.clone();
        let api = server::with_token(
            move |seen| match seen_calls.fetch_add(1, Ordering::SeqCst) {
                0 => endless(first, Some("1")),
                _ => tagged(seen),
            },
        );
        let out = mdetag_at(&api)
            .args(["--verbose", "tag", "add", "--machine", ID, "--value", "x"])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{first}: {stderr}");
        assert_eq!(api.hits("/api/"), 2, "{first}: waited out, then sent again");
        // Which rule ended the read: the error body's own 5 s, not the call's deadline.
        assert!(
            stderr.contains("the error body was not read: it did not end within 5 s"),
            "{first}: {stderr}"
        );
    }
    // The same at the token endpoint.
    let tokens = Arc::new(AtomicUsize::new(0));
    let seen_tokens = tokens.clone();
    let api = Server::start(move |seen| {
        if !is_token(seen) {
            return tagged(seen);
        }
        match seen_tokens.fetch_add(1, Ordering::SeqCst) {
            0 => endless(503, Some("1")),
            _ => server::token_reply(),
        }
    });
    let out = mdetag_at(&api)
        .args(["--verbose", "tag", "add", "--machine", ID, "--value", "x"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(tokens.load(Ordering::SeqCst), 2);
    // A 503 from the token endpoint is judged by its status: its body is never read.
    assert!(!stderr.contains("body was not read"), "{stderr}");

    let api = server::with_token(|_| {
        let mut r = endless(307, None);
        r.headers_mut()
            .insert("location", "http://127.0.0.1:9/x".parse().unwrap());
        r
    });
    let out = mdetag_at(&api)
        .args(["--verbose", "tag", "add", "--machine", ID, "--value", "x"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    // The redirect ended the call at its headers: its endless body was never read.
    assert!(stderr.contains("→ 307"), "{stderr}");
    assert!(text(&out.stdout).contains("a redirect; mdetag follows none"));
    assert!(!stderr.contains("body was not read"), "{stderr}");
}

/// A token endpoint that takes the request and never answers: Ctrl-C still ends the run at
/// once, with every row reported and nothing sent.
#[test]
fn a_signal_while_the_token_is_fetched_ends_the_run_with_its_report() {
    let api = Server::start(|seen| {
        if is_token(seen) {
            let never =
                futures::stream::pending::<Result<hyper::body::Frame<Bytes>, std::io::Error>>();
            return hyper::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(http_body_util::StreamBody::new(never).boxed())
                .unwrap();
        }
        tagged(seen)
    });
    let child = server::std_cmd_at(&api)
        .args(["--output", "json", "tag", "add", "--value", "x"])
        .args(["--machine", ID, "--machine", OTHER])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    crate::kit::wait_until("the token request", || api.hits("/") > 0);
    std::thread::sleep(Duration::from_millis(200));
    crate::kit::send_signal(child.id(), "INT");
    // The token never comes: a run that kept going after Ctrl-C would hang (the kit's guard).
    let out = crate::kit::wait_output(child);
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["total"], 2, "{doc}");
    assert_eq!(doc["summary"]["skipped"], 2, "{doc}");
    assert_eq!(api.hits("/api/"), 0);
}

/// What the breaker stopped, `resume` sends once the API answers again; what failed stays failed.
#[test]
fn a_run_the_breaker_stopped_is_resumed_when_the_api_is_back() {
    let dead = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let is_dead = dead.clone();
    let api = Server::start(move |seen| {
        if is_token(seen) {
            server::token_reply()
        } else if is_dead.load(Ordering::SeqCst) {
            server::json(
                503,
                json!({"error": {"code": "ServiceUnavailable", "message": "down"}}),
            )
        } else {
            tagged(seen)
        }
    });
    let state = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..30).map(|i| format!("{:040x}", i + 1)).collect();
    let mut args = vec!["--no-batch", "--retries", "0", "--concurrency", "1"];
    args.extend(["--output", "json", "tag", "add", "--value", "x"]);
    for id in &ids {
        args.extend(["--machine", id]);
    }
    let out = mdetag_at(&api)
        .env("MDETAG_STATE_DIR", state.path())
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let first = stdout_json(&out)["summary"].clone();
    assert_eq!(first["failed"], 10, "{first}");
    assert_eq!(first["skipped"], 20, "{first}");

    dead.store(false, Ordering::SeqCst);
    let before = api.hits("/api/");
    let out = reader_at(&api)
        .env("MDETAG_STATE_DIR", state.path())
        .args(["--output", "json", "resume"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "the 10 failed: {}",
        text(&out.stderr)
    );
    let s = stdout_json(&out)["summary"].clone();
    assert_eq!(s["total"], 30, "{s}");
    assert_eq!(s["succeeded"], 20, "{s}");
    assert_eq!(s["failed"], 10, "{s}");
    assert_eq!(api.hits("/api/") - before, 20, "each aborted one sent once");
}

/// In a storm of 429s, calls wait their turn and none gives up: a 429 is not a retry.
#[test]
fn a_storm_of_429s_spends_no_retries_and_loses_no_row() {
    let sim = crate::kit::TestSim::start(mde_sim::SimConfig {
        machines: 24,
        rate_limits: vec![(4, Duration::from_secs(1))],
        ..Default::default()
    });
    let ids = sim.ids(24);
    let (_dir, csv) =
        crate::kit::temp_file("storm.csv", &crate::kit::tagging_csv(&ids, "storm", 1));
    let mut args = vec!["--no-batch", "--retries", "0", "--rate-limit", "1000/1s"];
    args.extend(["apply-csv", csv.to_str().unwrap()]);
    assert_eq!(sim.ok_json(&args)["summary"]["succeeded"], 24);
    assert!(
        sim.api_calls().iter().any(|c| c.status == 429),
        "there was a storm"
    );
}

#[test]
fn invisible_empty_and_endless_tags_are_refused_before_anything_is_sent() {
    let long = "t".repeat(5000);
    for args in [
        vec!["tag", "add", "--machine", ID, "--value", "a\u{200b}b"],
        vec!["tag", "add", "--machine", ID, "--value", "x\u{202e}gpj.exe"],
        vec!["tag", "add", "--machine", ID, "--value", "   "],
        vec!["tag", "add", "--machine", ID, "--value", &long],
        vec!["tag", "add", "--tag", "", "--value", "x"],
        vec!["tag", "add", "--tag-prefix", "", "--value", "x"],
        vec!["tag", "add", "--tag", &long, "--value", "x"],
        vec!["machines", "list", "--tag-prefix", "\u{1b}[2J"],
    ] {
        let out = crate::kit::bare_cmd()
            .env("MDETAG_TOKEN", "t")
            .env("MDETAG_ENDPOINT", "http://127.0.0.1:9")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains('\u{1b}'),
            "{}",
            text(&out.stderr)
        );
    }
    // A URL with credentials in it is refused, and the password is not repeated.
    let out = crate::kit::bare_cmd()
        .args([
            "--endpoint",
            "https://admin:hunter2@api.example.com",
            "machines",
            "list",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !text(&out.stderr).contains("hunter2"),
        "{}",
        text(&out.stderr)
    );
}
