//! The client's view of the API's wire format, written from Microsoft's pages.
//! (The simulator has its own; see `sim`.)

use serde::{Deserialize, Serialize};

use crate::model::{self, MachineId};

/// A machine as the API returns it. Only what mdetag reads is named; the service returns many
/// more fields (and adds new ones), which are ignored. Any of them may be null.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    pub id: String,
    #[serde(default)]
    pub computer_dns_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub machine_tags: Vec<String>,
    #[serde(default)]
    pub device_value: Option<String>,
    #[serde(default)]
    pub health_status: Option<String>,
    #[serde(default)]
    pub last_seen: Option<String>,
    #[serde(default)]
    pub os_platform: Option<String>,
    /// Set on a record the service merged into another (a re-onboarded device).
    #[serde(default)]
    pub merged_into_machine_id: Option<String>,
}

impl Machine {
    /// The domain's view of this record; `None` when its ID is not a machine ID mdetag can
    /// address (the service always sends 40 hexadecimal characters).
    pub fn into_model(self) -> Option<model::Machine> {
        let server = |t: String| crate::ui::text::redact(&t).into_owned();
        Some(model::Machine {
            id: MachineId::parse(&self.id).ok()?,
            name: self.computer_dns_name.map(server),
            tags: self.machine_tags.into_iter().map(server).collect(),
            device_value: self.device_value.map(server),
            health_status: self.health_status.map(server),
            last_seen: self.last_seen.map(server),
            os_platform: self.os_platform.map(server),
            merged_into: self.merged_into_machine_id,
        })
    }
}

/// A page of machines: `{"value":[…], "@odata.nextLink": "…"}`.
#[derive(Debug, Deserialize)]
pub struct MachinePage {
    #[serde(default)]
    pub value: Vec<Machine>,
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
}

/// `POST /api/machines/AddOrRemoveTagForMultipleMachines`.
#[derive(Serialize)]
pub struct BatchTagRequest<'a> {
    #[serde(rename = "Value")]
    pub value: &'a str,
    #[serde(rename = "Action")]
    pub action: &'static str,
    #[serde(rename = "MachineIds")]
    pub machine_ids: Vec<String>,
}

/// `PATCH /api/machines/{id}` replacing the tag set. Never empty: the API refuses that.
#[derive(Serialize)]
pub struct ReplaceTags<'a> {
    #[serde(rename = "machineTags")]
    pub machine_tags: Vec<&'a str>,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// `POST /api/machines/{id}/tags`. Parameter names are case-sensitive.
#[derive(Serialize)]
pub struct TagRequest<'a> {
    #[serde(rename = "Value")]
    pub value: &'a str,
    #[serde(rename = "Action")]
    pub action: &'static str,
}

/// `PATCH /api/machines/{id}`.
#[derive(Serialize)]
pub struct UpdateMachine<'a> {
    #[serde(rename = "deviceValue")]
    pub device_value: &'a str,
}

/// `{"error":{"code","message","target"}}`.
#[derive(Debug, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Deserialize)]
pub struct ErrorDetail {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machines_with_nulls_and_unknown_fields_parse() {
        let m: Machine = serde_json::from_str(
            r#"{"id":"ab","computerDnsName":null,"machineTags":null,"deviceValue":"High","brandNewField":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(m.id, "ab");
        assert!(m.machine_tags.is_empty());
        assert_eq!(m.device_value.as_deref(), Some("High"));
    }

    #[test]
    fn request_bodies_use_the_documented_case() {
        let body = serde_json::to_string(&TagRequest {
            value: "t",
            action: "Add",
        })
        .unwrap();
        assert_eq!(body, r#"{"Value":"t","Action":"Add"}"#);
        let body = serde_json::to_string(&UpdateMachine {
            device_value: "Low",
        })
        .unwrap();
        assert_eq!(body, r#"{"deviceValue":"Low"}"#);
    }
}
