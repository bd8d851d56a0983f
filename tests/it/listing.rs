//! `machines list` in every format, and its CSV fed back into `--machines-file` and apply-csv.

use mde_sim::MachineRecord;
use serde_json::{Value, json};

use crate::kit::{TestSim, assert_exit_says, stdout_json, temp_file, text};

/// A machine as `machines list` shows it in JSON and JSONL.
fn shown(m: &MachineRecord) -> Value {
    json!({
        "machine": m.id, "name": m.computer_dns_name, "os_platform": m.os_platform,
        "health_status": m.health_status, "device_value": m.device_value,
        "last_seen": m.last_seen, "tags": m.machine_tags,
    })
}

/// `machines list ARGS… --output FORMAT`, exit 0: its standard output.
fn listing(sim: &TestSim, format: &str, args: &[&str]) -> String {
    let out = sim
        .cmd()
        .args(["--output", format, "machines", "list"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn machines_list_shows_each_machine_in_every_format() {
    let sim = TestSim::unlimited(15);
    let want: Vec<MachineRecord> = sim
        .sim
        .machines()
        .into_iter()
        .filter(|m| m.machine_tags.iter().any(|t| t == "Finance"))
        .collect();
    assert!(want.len() >= 2, "a fleet with Finance machines");
    let pick = ["--tag", "Finance"];

    let doc: Value = serde_json::from_str(&listing(&sim, "json", &pick)).unwrap();
    assert_eq!(doc["summary"], json!({"total": want.len()}));
    let rows = doc["machines"].as_array().unwrap();
    assert_eq!(rows.len(), want.len());
    for (row, m) in rows.iter().zip(&want) {
        assert_eq!(row, &shown(m));
    }

    let lines: Vec<Value> = listing(&sim, "jsonl", &pick)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, rows, "one machine a line, as in JSON");

    let csv = listing(&sim, "csv", &pick);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "machine",
            "name",
            "os_platform",
            "health_status",
            "device_value",
            "last_seen",
            "tags"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), want.len());
    for (r, m) in records.iter().zip(&want) {
        let cells: Vec<&str> = r.iter().collect();
        assert_eq!(
            cells,
            [
                m.id.as_str(),
                &m.computer_dns_name,
                m.os_platform,
                m.health_status,
                &m.device_value,
                &m.last_seen,
                &m.machine_tags.join(";"),
            ]
        );
    }

    let table = listing(&sim, "table", &pick);
    for header in [
        "Machine",
        "Name",
        "OS platform",
        "Health",
        "Value",
        "Last seen",
        "Tags",
    ] {
        assert!(table.contains(header), "{header}: {table}");
    }
    for m in &want {
        for cell in [&m.id, &m.computer_dns_name, &m.last_seen] {
            assert!(table.contains(cell.as_str()), "{cell}: {table}");
        }
        assert!(table.contains(m.os_platform), "{table}");
    }
    assert!(
        table.ends_with(&format!("{} machines\n", want.len())),
        "{table}"
    );

    // A name that matches nothing is said on standard error; the listing still exits 0.
    let out = sim
        .cmd()
        .args([
            "--output",
            "json",
            "machines",
            "list",
            "--machine",
            "ghost.example",
        ])
        .output()
        .unwrap();
    assert_exit_says(&out, 0, "no machine is named ghost.example");
    assert_eq!(
        stdout_json(&out),
        json!({"summary": {"total": 0}, "machines": []})
    );
}

#[test]
fn a_listing_csv_feeds_machines_file_and_apply_csv_as_it_is() {
    let sim = TestSim::unlimited(8);
    let ids = sim.ids(8);
    let csv = listing(&sim, "csv", &["--machine", &ids[1], "--machine", &ids[5]]);
    let (_dir, listed) = temp_file("listing.csv", &csv);
    let listed = listed.to_str().unwrap();

    let doc = sim.ok_json(&[
        "tag",
        "add",
        "--machines-file",
        listed,
        "--value",
        "from-listing",
    ]);
    assert_eq!(doc["summary"]["succeeded"], 2);
    assert_eq!(
        sim.tagged("from-listing"),
        [ids[1].clone(), ids[5].clone()].into()
    );

    // The listing with an action and a value added to each row is a change file.
    let mut lines = csv.lines();
    let mut changes = format!("{},action,value\n", lines.next().unwrap());
    for line in lines {
        changes.push_str(&format!("{line},Add,from-csv\n"));
    }
    let (_dir, file) = temp_file("changes.csv", &changes);
    let doc = sim.ok_json(&["apply-csv", file.to_str().unwrap()]);
    assert_eq!(doc["summary"]["succeeded"], 2, "{doc}");
    assert_eq!(
        sim.tagged("from-csv"),
        [ids[1].clone(), ids[5].clone()].into()
    );
}
