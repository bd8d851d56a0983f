//! CSV input as Excel, PowerShell and mdetag itself write it (SPEC.md "apply-csv input",
//! "TARGETS"): delimiters, `sep=`, UTF-16, the spreadsheet escape, machines files that are CSVs;
//! and what is refused (workbooks, open quotes, long lines, endless devices) with exit 2 and
//! nothing sent.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::kit::{
    TestSim, assert_exit_says, finish, stdout_json, temp_bytes, temp_file, text, wait_output,
};

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[test]
fn semicolons_sep_lines_tabs_and_utf16_all_apply() {
    let sim = TestSim::unlimited(8);
    let ids = sim.ids(8);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        (
            "semicolon",
            format!(
                "MachineId;Action;Value\r\n{};Add;\"semi;colon\"\r\n{};SetValue;High\r\n",
                ids[0], ids[1]
            )
            .into_bytes(),
        ),
        (
            "sep",
            format!(
                "sep=;\r\nMachineId;Action;Value\r\n{};Add;sep-line\r\n",
                ids[2]
            )
            .into_bytes(),
        ),
        (
            "tab",
            format!(
                "MachineId\tAction\tValue\n{}\tAdd\ttab, separated\n",
                ids[3]
            )
            .into_bytes(),
        ),
        (
            "utf16",
            utf16le_with_bom(&format!(
                "MachineId\tAction\tValue\r\n{}\tAdd\tZürich-ü\r\n{}\tAdd\tZürich-ü\r\n",
                ids[4], ids[5]
            )),
        ),
    ];
    for (name, bytes) in &variants {
        let (_dir, path) = temp_bytes(&format!("{name}.csv"), bytes);
        let doc = sim.ok_json(&["apply-csv", path.to_str().unwrap()]);
        assert_eq!(doc["summary"]["failed"], 0, "{name}");
    }
    assert!(sim.has_tag(&ids[0], "semi;colon"));
    assert_eq!(sim.machine(&ids[1]).device_value, "High");
    assert!(sim.has_tag(&ids[2], "sep-line"));
    assert!(sim.has_tag(&ids[3], "tab, separated"));
    assert!(sim.has_tag(&ids[4], "Zürich-ü") && sim.has_tag(&ids[5], "Zürich-ü"));
    for id in &ids[6..] {
        let tags = sim.machine(id).machine_tags;
        assert!(
            !tags
                .iter()
                .any(|t| ["semi;colon", "sep-line", "tab, separated", "Zürich-ü"]
                    .contains(&t.as_str())),
            "{tags:?}"
        );
    }
}

/// Runs apply-csv on the file and returns stderr (file name replaced by `FILE`), asserting
/// exit 2 and that nothing was sent.
fn refused(sim: &TestSim, path: &std::path::Path) -> String {
    let out = sim.cmd().arg("apply-csv").arg(path).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(sim.api_calls().is_empty(), "{:?}", sim.api_calls());
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    stderr.replace(&path.display().to_string(), "FILE")
}

#[test]
fn a_workbook_is_refused_as_one_and_nothing_is_sent() {
    let sim = TestSim::unlimited(2);
    // The start of a real .xlsx: a zip whose first entry is [Content_Types].xml.
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    xlsx.extend_from_slice(b"\x00\x00\x00\x00\x00\x00\x00\x00\x13\x00\x00\x00[Content_Types].xml");
    let (_dir, path) = temp_bytes("changes.xlsx", &xlsx);
    let e = refused(&sim, &path);
    assert!(
        e.contains(
            "FILE: this is a workbook (.xlsx or another zip file), not CSV text: \
             save it as CSV UTF-8"
        ),
        "{e}"
    );
    assert_eq!(
        e.lines().filter(|l| l.starts_with("FILE")).count(),
        1,
        "{e}"
    );
    // The same as a machines file.
    let out = sim
        .cmd()
        .args(["tag", "add", "--value", "x", "--machines-file"])
        .arg(&path)
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "this is a workbook");
    assert!(sim.api_calls().is_empty());
}

#[test]
fn an_unterminated_quote_names_the_line_where_the_field_began() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(2);
    let (_dir, path) = temp_file(
        "open.csv",
        &format!(
            "MachineId,Action,Value\n{a},Add,fine\n\n{b},Add,\"broken\n{a},Add,later\n{b},Add,last\n",
            a = ids[0],
            b = ids[1]
        ),
    );
    let e = refused(&sim, &path);
    assert!(
        e.contains("FILE:4: quoted field is never closed: its closing quote is missing"),
        "{e}"
    );
}

#[test]
fn a_line_over_64_kib_is_refused_with_its_line_number() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(1);
    let (_dir, path) = temp_file(
        "long.csv",
        &format!(
            "MachineId,Action,Value\n{id},Add,ok\n{id},Add,{}\n",
            "x".repeat(70 << 10),
            id = ids[0]
        ),
    );
    let e = refused(&sim, &path);
    assert!(e.contains("FILE:3: line is longer than 64 KiB"), "{e}");
}

#[test]
fn why_reading_stopped_is_shown_even_after_a_hundred_other_problems() {
    let sim = TestSim::unlimited(1);
    let mut csv = String::from("MachineId,Action,Value\n");
    for _ in 0..150 {
        csv.push_str("not an id,Add,x\n");
    }
    csv.push_str(&"x".repeat(70 << 10));
    csv.push('\n');
    let (_dir, path) = temp_file("many.csv", &csv);
    let e = refused(&sim, &path);
    assert!(e.contains("FILE:2: 'not an id' is neither"), "{e}");
    assert!(
        !e.contains("FILE:102: 'not an id'"),
        "only 100 are shown: {e}"
    );
    assert!(e.contains("FILE:152: line is longer than 64 KiB"), "{e}");
    assert!(e.contains("… and 50 more not shown"), "{e}");
    assert!(e.contains("151 problems in the input"), "{e}");
}

/// Runs `cmd`, killed (and the test failed) if it outlives the kit's `HANG`: the exit code and
/// stderr.
fn bounded(mut cmd: Command) -> (Option<i32>, String) {
    finish(
        cmd.stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    )
}

#[test]
fn endless_devices_end_quickly_with_exit_2() {
    let sim = TestSim::unlimited(1);
    for args in [
        &["apply-csv", "/dev/zero"][..],
        &["apply-csv", "/dev/urandom"],
        &["tag", "add", "--value", "x", "--machines-file", "/dev/zero"],
    ] {
        let mut cmd = sim.std_cmd();
        cmd.args(args);
        let (code, stderr) = bounded(cmd);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("it is a device, not a file: input from a device may never end"),
            "{stderr}"
        );
    }
    // The same devices as standard input are not refused up front (stdin may be a pipe), but
    // they are binary: refused at once.
    for (device, args) in [
        ("/dev/zero", &["apply-csv", "-"][..]),
        (
            "/dev/urandom",
            &["tag", "add", "--value", "x", "--machines-file", "-"],
        ),
    ] {
        let mut cmd = sim.std_cmd();
        cmd.args(args).stdin(std::fs::File::open(device).unwrap());
        let (code, stderr) = bounded(cmd);
        assert_eq!(code, Some(2), "{device}: {stderr}");
        assert!(
            stderr.contains("<stdin>: this is a binary file"),
            "{stderr}"
        );
    }
    assert!(sim.api_calls().is_empty());
}

#[test]
fn a_machines_listing_pipes_into_tag_add_through_stdin() {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(6);
    let listing = sim
        .cmd()
        .args(["machines", "list", "--output", "csv"])
        .args([
            "--machine",
            &ids[1],
            "--machine",
            &ids[3],
            "--machine",
            &ids[4],
        ])
        .output()
        .unwrap();
    assert_eq!(listing.status.code(), Some(0), "{}", text(&listing.stderr));
    let csv = text(&listing.stdout);
    assert!(
        csv.starts_with("machine,name,os_platform,health_status,device_value,last_seen,tags\n"),
        "{csv}"
    );
    let mut tag = sim
        .std_cmd()
        .args(["--output", "json", "tag", "add", "--value", "from-listing"])
        .args(["--machines-file", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    tag.stdin
        .take()
        .unwrap()
        .write_all(&listing.stdout)
        .unwrap();
    let out = wait_output(tag);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(stdout_json(&out)["summary"]["succeeded"], 3);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(
            sim.has_tag(id, "from-listing"),
            [1, 3, 4].contains(&i),
            "{i}"
        );
    }
}

#[test]
fn a_result_csv_feeds_back_as_a_machines_file() {
    let sim = TestSim::unlimited(4);
    let ids = sim.ids(4);
    let first = sim
        .cmd()
        .args(["--output", "csv", "tag", "add", "--value", "wave-1"])
        .args(["--machine", &ids[0], "--machine", &ids[2]])
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(text(&first.stdout).starts_with("machine,action,value,"));
    let (_dir, results) = temp_bytes("results.csv", &first.stdout);
    let results = results.to_str().unwrap();
    let doc = sim.ok_json(&[
        "tag",
        "add",
        "--value",
        "wave-2",
        "--machines-file",
        results,
    ]);
    assert_eq!(doc["summary"]["succeeded"], 2);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(sim.has_tag(id, "wave-2"), i == 0 || i == 2, "{i}");
    }
}

#[test]
fn a_host_name_in_the_machine_id_column_resolves_as_a_name() {
    let sim = TestSim::unlimited(6);
    let m = sim.sim.machines()[3].clone();
    let short = m
        .computer_dns_name
        .split('.')
        .next()
        .unwrap()
        .to_uppercase();
    let (_dir, path) = temp_file(
        "names.csv",
        &format!("MachineId,Action,Value\n{short},Add,by-name\n"),
    );
    let doc = sim.ok_json(&["apply-csv", path.to_str().unwrap()]);
    assert_eq!(doc["results"][0]["machine"], m.id.as_str(), "{doc}");
    assert_eq!(doc["results"][0]["status"], "succeeded");
    assert_eq!(sim.tagged("by-name"), [m.id.clone()].into());
}

#[test]
fn a_results_csv_with_an_unresolved_name_feeds_back_into_apply_csv() {
    let sim = TestSim::unlimited(6);
    let ids = sim.ids(2);
    let named = sim.sim.machines()[4].clone();
    let first = sim
        .cmd()
        .args(["--output", "csv"])
        .args(crate::kit::tag_add(
            &[
                ids[0].as_str(),
                named.computer_dns_name.as_str(),
                "ghost.example",
            ],
            "round-trip",
        ))
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(3), "{}", text(&first.stderr));
    let results = text(&first.stdout);
    assert!(
        results.contains("\nghost.example,add,round-trip,failed,"),
        "the unresolved name is the row's machine: {results}"
    );
    let (_dir, path) = temp_file("results.csv", &results);
    let (code, doc, stderr) = sim.json_outcome(&["apply-csv", path.to_str().unwrap()]);
    assert_eq!(
        code,
        Some(3),
        "read as it is, the ghost fails again: {stderr}"
    );
    // In the order the first run's rows settled: the ghost's before any call.
    let rows: Vec<(&str, &str)> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["machine"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("ghost.example", "failed"),
            (ids[0].as_str(), "succeeded"),
            (named.id.as_str(), "succeeded"),
        ]
    );
    assert_eq!(doc["results"][0]["error"]["code"], "not-found");
    assert_eq!(
        sim.tagged("round-trip"),
        [ids[0].clone(), named.id.clone()].into()
    );
}

#[test]
fn the_spreadsheet_escape_comes_off_before_the_tag_rules_apply() {
    let sim = TestSim::unlimited(2);
    let ids = sim.ids(1);
    let (_dir, path) = temp_file(
        "escaped.csv",
        &format!(
            "MachineId,Action,Value\n{id},Add,'=cmd\n{id},Add,'+1\n{id},Add,'@home\n{id},Add,'plain'\n",
            id = ids[0]
        ),
    );
    let doc = sim.ok_json(&["apply-csv", path.to_str().unwrap()]);
    let values: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["=cmd", "+1", "@home", "'plain'"]);
    for tag in ["=cmd", "+1", "@home", "'plain'"] {
        assert!(
            sim.has_tag(&ids[0], tag),
            "{tag}: {:?}",
            sim.machine(&ids[0]).machine_tags
        );
    }
    assert!(!sim.has_tag(&ids[0], "'=cmd"));
    // An escaped value is then held to the tag rules like any other: `'<tab>` is a tab,
    // which trimming leaves empty.
    let (_dir, path) = temp_file(
        "blank.csv",
        &format!("MachineId,Action,Value\n{},Add,\"'\t\"\n", ids[0]),
    );
    let e = refused(&TestSim::unlimited(1), &path);
    assert!(e.contains("FILE:2: empty tag"), "{e}");
}
