//! The simulated fleet: machines generated from a seed, so a seed always gives the same IDs.

use std::collections::HashMap;

use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MachineRecord {
    pub id: String,
    pub computer_dns_name: String,
    pub first_seen: String,
    pub last_seen: String,
    pub os_platform: &'static str,
    pub health_status: &'static str,
    pub risk_score: &'static str,
    pub exposure_level: &'static str,
    pub machine_tags: Vec<String>,
    pub device_value: String,
    /// Set on the older record of a device that was onboarded twice.
    pub merged_into_machine_id: Option<String>,
}

impl MachineRecord {
    /// The machine as the API returns it: documented fields, some null, and some that are not
    /// documented at all (the real service adds fields over time; clients must ignore them).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "computerDnsName": self.computer_dns_name,
            "firstSeen": self.first_seen,
            "lastSeen": self.last_seen,
            "osPlatform": self.os_platform,
            "osVersion": null,
            "osProcessor": "x64",
            "version": "22H2",
            "lastIpAddress": "10.0.0.4",
            "lastExternalIpAddress": "203.0.113.7",
            "agentVersion": "10.8760.19045.3693",
            "osBuild": 19045,
            "healthStatus": self.health_status,
            "deviceValue": self.device_value,
            "rbacGroupId": 0,
            "rbacGroupName": null,
            "riskScore": self.risk_score,
            "exposureLevel": self.exposure_level,
            "isAadJoined": true,
            "aadDeviceId": null,
            "machineTags": self.machine_tags,
            "defenderAvStatus": "Updated",
            "onboardingStatus": "Onboarded",
            "osArchitecture": "64-bit",
            "managedBy": "Intune",
            "managedByStatus": "Success",
            "ipAddresses": [{"ipAddress": "10.0.0.4", "macAddress": "000D3A1B2C3D", "type": "Ethernet", "operationalStatus": "Up"}],
            "vmMetadata": null,
            "mergedIntoMachineId": self.merged_into_machine_id,
            "isPotentialDuplication": self.merged_into_machine_id.is_some(),
            "isExcluded": false,
            "exclusionReason": null,
        })
    }
}

pub struct Inventory {
    machines: Vec<MachineRecord>,
    by_id: HashMap<String, usize>,
}

const TAGS: &[&str] = &[
    "Production",
    "Finance",
    "VIP",
    "Kiosk",
    "Legacy",
    "test Tag 2",
];
pub(crate) const PLATFORMS: &[&str] = &[
    "Windows11",
    "Windows10",
    "WindowsServer2022",
    "Linux",
    "macOS",
];
pub(crate) const HEALTH: &[&str] = &[
    "Active",
    "Active",
    "Active",
    "Inactive",
    "ImpairedCommunication",
];
pub(crate) const RISK: &[&str] = &["None", "Low", "Medium", "High"];

impl Inventory {
    /// `count` machines. Every tenth machine is a second record of an earlier machine's host
    /// name (a re-onboarded device); every other one of those is marked merged into the newer.
    pub fn generate(seed: u64, count: usize) -> Inventory {
        let mut rng = SeededRng::seed_from_u64(seed);
        let mut machines: Vec<MachineRecord> = Vec::with_capacity(count);
        for i in 0..count {
            let id: String = (0..20)
                .map(|_| format!("{:02x}", rng.random::<u8>()))
                .collect();
            let platform = PLATFORMS[rng.random_range(0..PLATFORMS.len())];
            let prefix = if platform.starts_with("WindowsServer") || platform == "Linux" {
                "srv"
            } else {
                "ws"
            };
            let day = 1 + rng.random_range(0..28u32);
            let hour = rng.random_range(0..24u32);
            let mut tags = Vec::new();
            for _ in 0..rng.random_range(0..3usize) {
                let t = TAGS[rng.random_range(0..TAGS.len())].to_string();
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            let mut record = MachineRecord {
                id,
                computer_dns_name: format!("{prefix}-{:05}.contoso.local", i + 1),
                first_seen: "2025-03-01T08:00:00Z".into(),
                last_seen: format!("2026-10-{day:02}T{hour:02}:00:00Z"),
                os_platform: platform,
                health_status: HEALTH[rng.random_range(0..HEALTH.len())],
                risk_score: RISK[rng.random_range(0..RISK.len())],
                exposure_level: RISK[rng.random_range(0..RISK.len())],
                machine_tags: tags,
                device_value: "Normal".into(),
                merged_into_machine_id: None,
            };
            if i % 10 == 9 && i >= 10 {
                // A stale twin of machine i-5: same name, seen earlier.
                let twin = i - 5;
                record.computer_dns_name = machines[twin].computer_dns_name.clone();
                record.last_seen = "2026-09-01T00:00:00Z".into();
                if i % 20 == 19 {
                    record.merged_into_machine_id = Some(machines[twin].id.clone());
                }
            }
            machines.push(record);
        }
        Inventory::from_records(machines)
    }

    /// An inventory of the given machines, in their order.
    pub fn from_records(machines: Vec<MachineRecord>) -> Inventory {
        let by_id = machines
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.to_ascii_lowercase(), i))
            .collect();
        Inventory { machines, by_id }
    }

    pub fn all(&self) -> &[MachineRecord] {
        &self.machines
    }

    /// IDs are matched in any case, as the service does.
    pub fn get(&self, id: &str) -> Option<&MachineRecord> {
        self.by_id
            .get(&id.to_ascii_lowercase())
            .map(|&i| &self.machines[i])
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut MachineRecord> {
        self.by_id
            .get(&id.to_ascii_lowercase())
            .map(|&i| &mut self.machines[i])
    }
}
