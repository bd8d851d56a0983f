//! The advanced hunting `DeviceInfo` table, built from the simulated machines.
//!
//! Each machine has a row with its current state (tags as they are now, changes through the
//! API included) a few minutes old; an inactive machine's newest row is days old. Every third
//! machine also has an older row, hours before, with the tags and exposure it had then, as the
//! real table keeps a row per report. What the machine API does not carry (internet-facing,
//! machine group, the older row) is drawn once from the seed, so a seed gives the same table.

use std::time::Duration;

use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::inventory::MachineRecord;
use crate::kql::{ColType, Column, Table};

pub const TABLE: &str = "DeviceInfo";

const GROUPS: &[&str] = &["UnassignedGroup", "Servers", "Workstations", "Kiosks"];
const LEVELS: &[&str] = &["Low", "Medium", "High"];

/// What one machine's rows have that the machine API does not show.
#[derive(Clone, Debug)]
pub struct Extra {
    pub internet_facing: bool,
    pub machine_group: &'static str,
    /// How long before now the newest row was recorded.
    pub newest_age: Duration,
    pub older: Option<OlderRow>,
}

/// An earlier report of the machine.
#[derive(Clone, Debug)]
pub struct OlderRow {
    /// How long before the newest row.
    pub before_newest: Duration,
    pub tags: Vec<String>,
    pub exposure: &'static str,
}

/// One `Extra` a machine, in the inventory's order, from its own stream of the seed (the
/// machines' own draws are left as they were).
pub fn extras(seed: u64, machines: &[MachineRecord]) -> Vec<Extra> {
    let mut rng = SeededRng::seed_from_u64(seed ^ 0xde71_ce1f_0000_0001);
    machines
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let internet_facing = rng.random_range(0..5u32) == 0;
            let machine_group = GROUPS[rng.random_range(0..GROUPS.len())];
            let minutes = rng.random_range(1..60u64);
            let days = if m.health_status == "Inactive" {
                rng.random_range(2..10u64)
            } else {
                0
            };
            let newest_age = Duration::from_secs(days * 86_400 + minutes * 60);
            let hours = rng.random_range(2..20u64);
            let drop_one = rng.random::<bool>();
            let exposure = LEVELS[rng.random_range(0..LEVELS.len())];
            let older = (i % 3 == 0).then(|| {
                let mut tags = m.machine_tags.clone();
                if drop_one && !tags.is_empty() {
                    tags.pop();
                } else {
                    tags.push("Staging".into());
                }
                OlderRow {
                    before_newest: Duration::from_secs(hours * 3600 + minutes * 7),
                    tags,
                    exposure,
                }
            });
            Extra {
                internet_facing,
                machine_group,
                newest_age,
                older,
            }
        })
        .collect()
}

pub fn columns() -> Vec<Column> {
    vec![
        Column::new("Timestamp", ColType::DateTime),
        Column::new("DeviceId", ColType::String),
        Column::new("DeviceName", ColType::String),
        Column::new("OSPlatform", ColType::String),
        Column::new("MachineGroup", ColType::String),
        Column::new("IsInternetFacing", ColType::Boolean),
        Column::new("OnboardingStatus", ColType::String),
        Column::new("ExposureLevel", ColType::String),
        Column::new("Tags", ColType::Dynamic),
    ]
}

/// A time as the hunting APIs write one: UTC with seven digits of fraction.
pub fn timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond() / 100
    )
}

/// The API's exposure level in the table's terms: `Low`, `Medium` or `High` (the API's `None`
/// is `Low` here).
fn exposure(api: &str) -> &'static str {
    match api {
        "High" => "High",
        "Medium" => "Medium",
        _ => "Low",
    }
}

/// The table as of `now`. A machine's older row comes before its newest, so that only
/// `arg_max`, not the order of rows, gives the current state.
pub fn table(machines: &[MachineRecord], extras: &[Extra], now: OffsetDateTime) -> Table {
    let mut rows = Vec::with_capacity(machines.len() * 4 / 3 + 1);
    for (m, x) in machines.iter().zip(extras) {
        let newest = now - x.newest_age;
        let row = |at: OffsetDateTime, exposure: &str, tags: &[String]| -> Vec<Value> {
            vec![
                json!(timestamp(at)),
                json!(m.id),
                json!(m.computer_dns_name.to_lowercase()),
                json!(m.os_platform),
                json!(x.machine_group),
                json!(x.internet_facing),
                json!("Onboarded"),
                json!(exposure),
                json!(tags),
            ]
        };
        if let Some(old) = &x.older {
            rows.push(row(newest - old.before_newest, old.exposure, &old.tags));
        }
        rows.push(row(newest, exposure(m.exposure_level), &m.machine_tags));
    }
    Table {
        name: TABLE.into(),
        columns: columns(),
        rows,
    }
}
