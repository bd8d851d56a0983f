//! `machines list` and `tags list` over many tenants: every tenant read side by side, each row
//! saying its tenant, a tenant that cannot be read named and the others listed.

use std::collections::{BTreeMap, BTreeSet};

use mde_sim::sandbox_tenant;
use serde_json::Value;

use super::{NAMES, machines_where, tenants_file, three_tenants};
use crate::kit::{text, unlimited_config};

#[test]
fn machines_list_over_three_tenants_lists_each_tenants_machines_with_its_tenant() {
    let sim = three_tenants(12, false, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let tenants = file.to_str().unwrap();
    let filter = "healthStatus eq 'Active'";
    let doc = sim.ok_json(&["machines", "list", "--tenants", tenants, "--filter", filter]);
    let blocks = doc["summary"]["tenants"].as_array().unwrap();
    let mut total = 0;
    for (n, name) in NAMES.iter().enumerate() {
        let tenant = sandbox_tenant(n + 1);
        let active = machines_where(&sim, &tenant, |m| m.health_status == "Active");
        let listed: BTreeSet<String> = doc["machines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["tenant"] == tenant.as_str())
            .inspect(|m| assert_eq!(m["tenant_name"], *name))
            .map(|m| m["machine"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(listed, active, "{tenant}");
        assert_eq!(
            (
                &blocks[n]["tenant"],
                &blocks[n]["ran"],
                &blocks[n]["summary"]["total"]
            ),
            (
                &Value::from(tenant.clone()),
                &Value::Bool(true),
                &Value::from(active.len())
            )
        );
        total += active.len();
    }
    assert_eq!(doc["summary"]["total"], total);

    // The CSV has the tenant last, and feeds --machines-file as it is.
    let out = sim
        .cmd()
        .args(["machines", "list", "--tenants", tenants, "--filter", filter])
        .args(["--output", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "machine,name,os_platform,health_status,device_value,last_seen,tags,tenant,tenant_name"
        )
    );
    assert_eq!(lines.count(), total);
    let table = text(
        &sim.cmd()
            .args(["machines", "list", "--tenants", tenants])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(
        table.contains(&format!("── tenant Fabrikam ({}) ──", sandbox_tenant(2))),
        "{table}"
    );
    assert!(
        table.ends_with("3 tenants: 3 read · 36 machines\n"),
        "{table}"
    );
    // A filter every tenant refuses is bad input, as in one tenant: exit 2.
    let bad = sim
        .cmd()
        .args([
            "machines",
            "list",
            "--tenants",
            tenants,
            "--filter",
            "nonsense eq 'x'",
        ])
        .output()
        .unwrap();
    crate::kit::assert_exit_says(&bad, 2, "[Fabrikam] reading machines failed");
}

#[test]
fn tags_list_over_many_tenants_counts_each_tenant_and_names_the_one_it_could_not_read() {
    let sim = three_tenants(15, true, unlimited_config(0));
    let (_dir, file) = tenants_file();
    let (code, doc, stderr) =
        sim.json_outcome(&["tags", "list", "--tenants", file.to_str().unwrap()]);
    assert_eq!(code, Some(3), "one tenant could not be read: {stderr}");
    assert!(
        stderr.contains("[Northwind]") && stderr.contains("AADSTS700016"),
        "{stderr}"
    );
    let blocks = doc["summary"]["tenants"].as_array().unwrap();
    assert_eq!(blocks[2]["ran"], false);
    assert!(
        blocks[2]["error"]
            .as_str()
            .unwrap()
            .contains("AADSTS700016")
    );
    for n in 1..=2 {
        let tenant = sandbox_tenant(n);
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for m in sim.sim.machines_in(&tenant).unwrap() {
            for t in m.machine_tags {
                *counts.entry(t).or_default() += 1;
            }
        }
        let listed: BTreeMap<String, u64> = doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["tenant"] == tenant.as_str())
            .map(|t| {
                (
                    t["tag"].as_str().unwrap().to_string(),
                    t["machines"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(listed, counts, "{tenant}");
        assert_eq!(blocks[n - 1]["summary"]["machines"], 15);
    }
    assert!(
        doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["tenant"] != sandbox_tenant(3).as_str())
    );
    crate::kit::assert_no_secret(&stderr);
}

#[test]
fn a_listing_over_many_tenants_feeds_machines_file_each_machine_to_its_own_tenant() {
    let sim = three_tenants(15, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let tenants = file.to_str().unwrap();
    let out = sim
        .cmd()
        .args([
            "machines",
            "list",
            "--tenants",
            tenants,
            "--filter",
            "healthStatus eq 'Active'",
        ])
        .args(["--output", "csv"])
        .output()
        .unwrap();
    let listing = dir.path().join("active.csv");
    std::fs::write(&listing, &out.stdout).unwrap();
    let listing = listing.to_str().unwrap();
    let doc = sim.ok_json(&[
        "tag",
        "add",
        "--tenants",
        tenants,
        "--machines-file",
        listing,
        "--value",
        "Routed",
    ]);
    let mut total = 0;
    for n in 1..=3 {
        let tenant = sandbox_tenant(n);
        let active = machines_where(&sim, &tenant, |m| m.health_status == "Active");
        assert_eq!(
            super::tagged_in(&sim, &tenant, "Routed"),
            active,
            "{tenant}"
        );
        total += active.len();
    }
    assert_eq!(
        doc["summary"]["total"], total,
        "each machine tried in its own tenant only"
    );
    assert_eq!(doc["summary"]["failed"], 0);
    // machines list reads it the same way.
    let listed = sim.ok_json(&[
        "machines",
        "list",
        "--tenants",
        tenants,
        "--machines-file",
        listing,
    ]);
    assert_eq!(listed["summary"]["total"], total);

    // A row for a tenant the tenants file does not have: named at its line, nothing sent.
    let one = &machines_where(&sim, &sandbox_tenant(1), |_| true);
    let stray = dir.path().join("stray.csv");
    std::fs::write(
        &stray,
        format!("machine,tenant\n{},Wingtip\n", one.iter().next().unwrap()),
    )
    .unwrap();
    let writes = sim.sim.writes().len();
    let out = sim
        .cmd()
        .args([
            "tag",
            "add",
            "--tenants",
            tenants,
            "--machines-file",
            stray.to_str().unwrap(),
        ])
        .args(["--value", "Stray"])
        .output()
        .unwrap();
    crate::kit::assert_exit_says(&out, 2, "stray.csv:2: tenant 'Wingtip' is not in");
    assert_eq!(sim.sim.writes().len(), writes);
}

#[test]
fn a_machines_file_tenant_column_is_never_read_as_every_tenant() {
    let sim = three_tenants(5, false, unlimited_config(0));
    let (dir, file) = tenants_file();
    let id = machines_where(&sim, &sandbox_tenant(1), |_| true)
        .into_iter()
        .next()
        .unwrap();
    let blank = dir.path().join("blank.csv");
    std::fs::write(&blank, format!("tenant,machine\nContoso,{id}\n,ws-00001\n")).unwrap();
    let run = |file_args: &[&str]| {
        sim.cmd()
            .args([
                "tag",
                "add",
                "--value",
                "X",
                "--machines-file",
                blank.to_str().unwrap(),
            ])
            .args(file_args)
            .output()
            .unwrap()
    };
    // A row that names no tenant is an error of its line, not a machine for every tenant.
    let out = run(&["--tenants", file.to_str().unwrap()]);
    crate::kit::assert_exit_says(&out, 2, "blank.csv:3: names no tenant");
    // Without --tenants, the column is refused rather than read as this tenant's.
    let out = run(&[]);
    crate::kit::assert_exit_says(
        &out,
        2,
        "blank.csv:2: its tenant column names each machine's tenant",
    );
    assert!(sim.sim.writes().is_empty());
}
