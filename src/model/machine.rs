//! Machines: their IDs, how the user named them, and what the API said about them.

use std::fmt;

use super::Invalid;
use crate::ui::text::printable;

/// A Defender machine ID: 40 hexadecimal characters (a SHA-1). Kept as its 20 bytes so a
/// million-row plan stays small; shown and sent in lower case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MachineId([u8; 20]);

impl MachineId {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let bytes = text.as_bytes();
        if bytes.len() != 40 || !bytes.iter().all(u8::is_ascii_hexdigit) {
            return Err(Invalid(format!(
                "machine ID '{}' is not 40 hexadecimal characters",
                printable(text)
            )));
        }
        let mut id = [0u8; 20];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            id[i] = (hex_value(pair[0]) << 4) | hex_value(pair[1]);
        }
        Ok(MachineId(id))
    }
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

impl MachineId {
    /// The 40 lower-case hexadecimal characters, without allocating.
    pub fn hex(&self) -> [u8; 40] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 40];
        for (i, b) in self.0.iter().enumerate() {
            out[2 * i] = DIGITS[usize::from(b >> 4)];
            out[2 * i + 1] = DIGITS[usize::from(b & 0xf)];
        }
        out
    }
}

impl fmt::Display for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.hex();
        f.write_str(std::str::from_utf8(&hex).expect("hex is ASCII"))
    }
}

impl fmt::Debug for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A machine as the user named it: an ID, or a host name still to be resolved (kept in lower
/// case: host names match case-insensitively).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MachineRef {
    Id(MachineId),
    Name(Box<str>),
}

impl MachineRef {
    /// A 40-hex string is an ID; anything else is a `computerDnsName`.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Invalid("missing machine".into()));
        }
        if let Ok(id) = MachineId::parse(text) {
            return Ok(MachineRef::Id(id));
        }
        if text.len() > 255
            || text.chars().any(|c| {
                c.is_control() || c.is_whitespace() || matches!(c, '\'' | '"' | ',' | '/' | '\\')
            })
        {
            return Err(Invalid(format!(
                "'{}' is neither a machine ID (40 hexadecimal characters) nor a host name",
                printable(text)
            )));
        }
        Ok(MachineRef::Name(text.to_lowercase().into()))
    }

    pub fn id(&self) -> Option<MachineId> {
        match self {
            MachineRef::Id(id) => Some(*id),
            MachineRef::Name(_) => None,
        }
    }
}

impl fmt::Display for MachineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MachineRef::Id(id) => fmt::Display::fmt(id, f),
            MachineRef::Name(n) => f.write_str(n),
        }
    }
}

impl fmt::Debug for MachineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A machine as the API last showed it: what mdetag compares against and lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Machine {
    pub id: MachineId,
    pub name: Option<String>,
    pub tags: Vec<String>,
    pub device_value: Option<String>,
    pub health_status: Option<String>,
    pub last_seen: Option<String>,
    pub os_platform: Option<String>,
    /// Set on a record the service merged into another (a re-onboarded device).
    pub merged_into: Option<String>,
}

impl Machine {
    pub fn has_tag(&self, tag: &super::Tag) -> bool {
        self.tags.iter().any(|t| tag.is(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "1E5BC9D7E413DDD7902C2932E418702B84D0CC07";

    #[test]
    fn machine_ids_are_40_hex_and_lower_cased() {
        assert_eq!(
            MachineId::parse(ID).unwrap().to_string(),
            ID.to_ascii_lowercase()
        );
        assert!(MachineId::parse(&ID[1..]).is_err());
        assert!(MachineId::parse(&format!("{}g", &ID[1..])).is_err());
        assert!(MachineId::parse("").is_err());
        let err = MachineId::parse("web\u{1b}[31m-01").unwrap_err();
        assert!(!err.0.contains('\u{1b}'), "{err}");
    }

    #[test]
    fn machine_refs_are_ids_or_host_names() {
        assert_eq!(
            MachineRef::parse(ID).unwrap(),
            MachineRef::Id(MachineId::parse(ID).unwrap())
        );
        assert_eq!(
            MachineRef::parse(" WS-01.Contoso.local ").unwrap(),
            MachineRef::Name("ws-01.contoso.local".into())
        );
        assert!(MachineRef::parse("two words").is_err());
        assert!(MachineRef::parse("o'brien").is_err());
        assert!(MachineRef::parse("").is_err());
    }
}
