//! What an operation does to a machine.

use std::fmt;

use super::text::excerpt;
use super::{Invalid, Tag};

/// The two things the tag calls do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagAction {
    Add,
    Remove,
}

impl TagAction {
    /// The `Action` parameter of the tag calls, as Microsoft spells it (case-sensitive).
    pub fn as_api(self) -> &'static str {
        match self {
            TagAction::Add => "Add",
            TagAction::Remove => "Remove",
        }
    }
}

/// An action as a row names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Tag(TagAction),
    SetValue,
}

impl Action {
    /// The CSV Action column: `Add`, `Remove`, `SetValue` or `set-value`, any case.
    pub fn parse(text: &str) -> Result<Action, Invalid> {
        match text.to_ascii_lowercase().as_str() {
            "add" => Ok(Action::Tag(TagAction::Add)),
            "remove" => Ok(Action::Tag(TagAction::Remove)),
            "setvalue" | "set-value" => Ok(Action::SetValue),
            "" => Err(Invalid(
                "missing action (expected Add, Remove or SetValue)".into(),
            )),
            _ => Err(Invalid(format!(
                "unknown action '{}' (expected Add, Remove or SetValue)",
                excerpt(text)
            ))),
        }
    }

    /// The name used in results (SPEC: `add`, `remove`, `set-value`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Tag(TagAction::Add) => "add",
            Action::Tag(TagAction::Remove) => "remove",
            Action::SetValue => "set-value",
        }
    }

    /// The change this action makes with `value` (a tag, or a device value).
    pub fn with_value(self, value: &str) -> Result<Change, Invalid> {
        match self {
            Action::Tag(action) => Ok(Change::Tag(action, Tag::parse(value)?)),
            Action::SetValue => Ok(Change::SetValue(DeviceValue::parse(value)?)),
        }
    }
}

/// Device value (asset criticality) as the API spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviceValue {
    Normal,
    Low,
    High,
}

impl DeviceValue {
    pub fn parse(text: &str) -> Result<DeviceValue, Invalid> {
        match text.trim().to_ascii_lowercase().as_str() {
            "normal" => Ok(DeviceValue::Normal),
            "low" => Ok(DeviceValue::Low),
            "high" => Ok(DeviceValue::High),
            _ => Err(Invalid(format!(
                "device value '{}' is not Normal, Low or High",
                excerpt(text)
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceValue::Normal => "Normal",
            DeviceValue::Low => "Low",
            DeviceValue::High => "High",
        }
    }

    /// Whether a device value the server reports is this one.
    pub fn is(self, text: &str) -> bool {
        text.eq_ignore_ascii_case(self.as_str())
    }
}

/// One change to one machine: a tag added or removed, or the device value set.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Tag(TagAction, Tag),
    SetValue(DeviceValue),
}

impl Change {
    pub fn action(&self) -> Action {
        match self {
            Change::Tag(a, _) => Action::Tag(*a),
            Change::SetValue(_) => Action::SetValue,
        }
    }

    /// The tag or device value, as it is sent.
    pub fn value(&self) -> &str {
        match self {
            Change::Tag(_, t) => t.as_str(),
            Change::SetValue(v) => v.as_str(),
        }
    }

    /// Whether a machine as the API shows it has this change applied.
    pub fn shown_by(&self, machine: &super::Machine) -> bool {
        match self {
            Change::Tag(TagAction::Add, tag) => machine.has_tag(tag),
            Change::Tag(TagAction::Remove, tag) => !machine.has_tag(tag),
            Change::SetValue(v) => machine.device_value.as_deref().is_some_and(|d| v.is(d)),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.action().as_str(), self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_values_parse_in_any_case() {
        assert_eq!(Action::parse("ADD"), Ok(Action::Tag(TagAction::Add)));
        assert_eq!(Action::parse("set-value"), Ok(Action::SetValue));
        assert_eq!(Action::parse("SetValue"), Ok(Action::SetValue));
        assert!(
            Action::parse("delete")
                .unwrap_err()
                .0
                .contains("unknown action 'delete'")
        );
        assert!(
            Action::parse("")
                .unwrap_err()
                .0
                .starts_with("missing action")
        );
        assert_eq!(DeviceValue::parse("high"), Ok(DeviceValue::High));
        assert!(DeviceValue::parse("Medium").is_err());
    }
}
