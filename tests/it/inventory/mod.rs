//! The tag inventory (`tags list`): counts, spellings and problems on a known state, pickers,
//! pages, escaping. `tag rename` in `rename`.

mod rename;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::kit::server::{self, ID, Seen, is_token, reader_at};
use crate::kit::{TestSim, stdout_json, text};

/// mdetag with `args` against the simulator, results as JSON: exit code, document, stderr.
pub(super) fn run(sim: &TestSim, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = sim
        .cmd()
        .args(["--output", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), doc, stderr)
}

/// Gives each machine exactly these tags, spelled so, unjournaled (`tag set` keeps a spelling
/// the machine has: every tag goes first).
pub(super) fn set_tags(sim: &TestSim, machines: &[(&str, &[&str])]) {
    for (id, tags) in machines {
        let none = ["--no-journal", "tag", "set", "--machine", id, "--none"];
        let (code, _, err) = run(sim, &none);
        assert_eq!(code, Some(0), "{err}");
        if !tags.is_empty() {
            let mut args = vec!["--no-journal", "tag", "set", "--machine", id];
            for t in *tags {
                args.extend(["--value", t]);
            }
            let (code, _, err) = run(sim, &args);
            assert_eq!(code, Some(0), "{err}");
        }
        let mut want: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        want.sort();
        assert_eq!(tags_of(sim, id), want, "set up {id}");
    }
}

/// The tags the simulator holds for a machine, sorted.
pub(super) fn tags_of(sim: &TestSim, id: &str) -> Vec<String> {
    let mut tags = sim.machine(id).machine_tags;
    tags.sort();
    tags
}

/// `tags list` JSON: each tag's machines, spellings (with counts) and problems, by its name.
fn by_tag(doc: &Value) -> BTreeMap<String, Value> {
    doc["tags"]
        .as_array()
        .unwrap_or_else(|| panic!("no tags: {doc}"))
        .iter()
        .map(|t| (t["tag"].as_str().unwrap().to_string(), t.clone()))
        .collect()
}

/// A known fleet of 6: Alpha on three machines, Finance in three spellings on three, Beta on
/// one, one machine with no tag.
fn known_fleet() -> (TestSim, Vec<String>) {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(6);
    set_tags(
        &sim,
        &[
            (&ids[0], &["Alpha", "finance"]),
            (&ids[1], &["FINANCE", "Alpha"]),
            (&ids[2], &["Finance"]),
            (&ids[3], &["Beta"]),
            (&ids[4], &[]),
            (&ids[5], &["Alpha"]),
        ],
    );
    (sim, ids)
}

#[test]
fn tags_list_counts_every_tag_and_lists_case_variants_together() {
    let (sim, _) = known_fleet();
    let writes = sim.write_calls();
    let (code, doc, err) = run(&sim, &["tags", "list"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        doc["summary"],
        json!({"machines": 6, "tags": 3, "problems": 1})
    );
    let tags = by_tag(&doc);
    assert_eq!(
        tags["Alpha"],
        json!({"tag": "Alpha", "machines": 3, "problems": [],
               "spellings": [{"tag": "Alpha", "machines": 3}]})
    );
    // One tag, three spellings, each with its count; named by a spelling (all tie: text order).
    assert_eq!(
        tags["FINANCE"],
        json!({"tag": "FINANCE", "machines": 3, "problems": ["case-variants"],
               "spellings": [{"tag": "FINANCE", "machines": 1}, {"tag": "Finance", "machines": 1},
                             {"tag": "finance", "machines": 1}]})
    );
    assert_eq!(tags["Beta"]["machines"], 1);
    // Most carried first.
    let order: Vec<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["Alpha", "FINANCE", "Beta"]);
    assert_eq!(sim.write_calls(), writes, "read-only");

    // The same as a CSV, a row a spelling, and as a table.
    let out = sim
        .cmd()
        .args(["--output", "csv", "tags", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let csv = text(&out.stdout);
    assert_eq!(
        csv,
        "tag,machines,spelling,spelling_machines,problems\n\
         Alpha,3,Alpha,3,\n\
         FINANCE,3,FINANCE,1,case-variants\n\
         FINANCE,3,Finance,1,case-variants\n\
         FINANCE,3,finance,1,case-variants\n\
         Beta,1,Beta,1,\n"
    );
    let out = sim.cmd().args(["tags", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = text(&out.stdout);
    assert!(
        table.contains("FINANCE (1), Finance (1), finance (1)"),
        "{table}"
    );
    assert!(
        table.ends_with("3 tags on 6 machines; 1 with problems\n"),
        "{table}"
    );
}

#[test]
fn tags_list_lists_the_tags_of_the_machines_the_pickers_pick() {
    let (sim, ids) = known_fleet();
    // --tag-prefix picks machines 0–2 (any case): every tag they carry is listed.
    let (code, doc, err) = run(&sim, &["tags", "list", "--tag-prefix", "fin"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["summary"]["machines"], 3, "{doc}");
    let tags = by_tag(&doc);
    assert_eq!(tags.len(), 2, "{doc}");
    assert_eq!(tags["FINANCE"]["machines"], 3);
    assert_eq!(tags["Alpha"]["machines"], 2);
    // Lists, narrowed by a condition.
    let (code, doc, err) = run(
        &sim,
        &[
            "tags",
            "list",
            "--machine",
            &ids[3],
            "--machine",
            &ids[5],
            "--tag",
            "alpha",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        doc["summary"],
        json!({"machines": 1, "tags": 1, "problems": 0})
    );
    // A picker that matches nothing: an empty inventory, still exit 0.
    let (code, doc, err) = run(&sim, &["tags", "list", "--tag", "nobody-has-this"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        doc,
        json!({"summary": {"machines": 0, "tags": 0, "problems": 0}, "tags": []})
    );
    // Bad input: exit 2, nothing read.
    let calls = sim.api_calls().len();
    let (code, _, err) = run(&sim, &["tags", "list", "--tag-prefix", "a\u{202e}b"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--tag-prefix"), "{err}");
    assert_eq!(sim.api_calls().len(), calls);
}

/// Tags the API itself would refuse or the portal breaks on can only come from elsewhere (the
/// portal, older APIs): a per-test server answers the listing with them, in two pages.
#[test]
fn tags_list_flags_long_spaced_and_portal_breaking_tags_across_pages() {
    let long = "L".repeat(201);
    let first = json!({
        "value": [
            {"id": ID, "computerDnsName": "ws-1.corp", "machineTags": [long, " lead", "Ok", "a,b"]},
            {"id": "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687", "machineTags": ["(x)", "ok", "esc\u{1b}]0;t\u{7}"]},
        ],
    });
    let second = json!({
        "value": [{"id": "0000000000000000000000000000000000000001", "machineTags": null}],
    });
    let api = Arc::new(Mutex::new(String::new()));
    let base = api.clone();
    let server = server::with_token(move |seen: &Seen| {
        if seen.path.contains("skip=2") {
            return server::json(200, second.clone());
        }
        let mut page = first.clone();
        page["@odata.nextLink"] = json!(format!("{}/api/machines?$skip=2", base.lock().unwrap()));
        server::json(200, page)
    });
    *api.lock().unwrap() = server.url();
    let out = reader_at(&server)
        .args(["--output", "json", "tags", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = stdout_json(&out);
    assert_eq!(
        doc["summary"],
        json!({"machines": 3, "tags": 6, "problems": 5}),
        "both pages counted"
    );
    let tags = by_tag(&doc);
    let problems = |t: &str| tags[t]["problems"].clone();
    assert_eq!(problems(&"L".repeat(201)), json!(["too-long"]));
    assert_eq!(problems(" lead"), json!(["spaces"]));
    assert_eq!(problems("a,b"), json!(["portal-filter"]));
    assert_eq!(problems("(x)"), json!(["portal-filter"]));
    assert_eq!(problems("Ok"), json!(["case-variants"]));
    assert_eq!(tags["Ok"]["spellings"].as_array().unwrap().len(), 2);
    assert_eq!(problems("esc\u{1b}]0;t\u{7}"), json!([]));
    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.method == "GET" || is_token(s)),
        "read-only"
    );
    // The table shows the server's text escaped, never raw.
    let out = reader_at(&server).args(["tags", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = text(&out.stdout);
    assert!(table.contains("esc\\u{1b}]0;t\\u{7}"), "{table}");
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains("\" lead\""), "{table}");
}
