//! Machines: their IDs, how the user named them, and what the API said about them.

use std::fmt;

use super::Invalid;
use super::text::excerpt;

/// A Defender machine ID: 40 hexadecimal characters (a SHA-1). Kept as its 20 bytes so a
/// million-row plan stays small; shown and sent in lower case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MachineId([u8; 20]);

impl MachineId {
    /// The ID's 20 bytes.
    pub fn bytes(&self) -> &[u8; 20] {
        &self.0
    }

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let invalid = || {
            Invalid(format!(
                "machine ID '{}' is not 40 hexadecimal characters",
                excerpt(text)
            ))
        };
        let bytes: &[u8; 40] = text.as_bytes().try_into().map_err(|_| invalid())?;
        // One pass, one table look-up a character: a million-row file parses a million IDs.
        let mut id = [0u8; 20];
        let mut bad = 0u8;
        for (out, pair) in id.iter_mut().zip(bytes.chunks_exact(2)) {
            let (hi, lo) = (HEX[usize::from(pair[0])], HEX[usize::from(pair[1])]);
            bad |= hi | lo;
            *out = (hi << 4) | (lo & 0x0f);
        }
        if bad & NOT_HEX != 0 {
            return Err(invalid());
        }
        Ok(MachineId(id))
    }
}

/// Each byte's two lower-case hexadecimal digits.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = [DIGITS[b >> 4], DIGITS[b & 0xf]];
        b += 1;
    }
    table
};

/// Set in `HEX` for a byte that is not a hexadecimal digit.
const NOT_HEX: u8 = 0x80;

/// Each byte's value as a hexadecimal digit, or `NOT_HEX`.
const HEX: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = match c as u8 {
            d @ b'0'..=b'9' => d - b'0',
            d @ b'a'..=b'f' => d - b'a' + 10,
            d @ b'A'..=b'F' => d - b'A' + 10,
            _ => NOT_HEX,
        };
        c += 1;
    }
    table
};

impl MachineId {
    /// The 40 lower-case hexadecimal characters, without allocating.
    pub fn hex(&self) -> [u8; 40] {
        let mut out = [0u8; 40];
        for (pair, &b) in out.chunks_exact_mut(2).zip(&self.0) {
            pair.copy_from_slice(&HEX_PAIRS[usize::from(b)]);
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
                excerpt(text)
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

/// A machine reference as text without allocating: its 40 hexadecimal characters, or its name.
pub enum RefText<'a> {
    Hex([u8; 40]),
    Name(&'a str),
}

impl RefText<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            RefText::Hex(hex) => std::str::from_utf8(hex).expect("hex is ASCII"),
            RefText::Name(name) => name,
        }
    }
}

impl MachineRef {
    pub fn text(&self) -> RefText<'_> {
        match self {
            MachineRef::Id(id) => RefText::Hex(id.hex()),
            MachineRef::Name(name) => RefText::Name(name),
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
        // The message quotes the value as it is; the printer escapes the line it is shown on.
        let err = MachineId::parse("web\u{1b}[31m-01").unwrap_err();
        assert!(
            err.0.starts_with("machine ID 'web\u{1b}[31m-01' is not"),
            "{err}"
        );
    }

    #[test]
    fn every_byte_in_every_place_is_judged_as_the_standard_library_does() {
        for at in [0, 1, 20, 39] {
            for b in 0..=255u8 {
                let mut text = ID.as_bytes().to_vec();
                text[at] = b;
                let Ok(text) = String::from_utf8(text) else {
                    continue;
                };
                let parsed = MachineId::parse(&text);
                assert_eq!(
                    parsed.is_ok(),
                    b.is_ascii_hexdigit(),
                    "byte {b:#04x} at {at}"
                );
                if let Ok(id) = parsed {
                    assert_eq!(id.to_string(), text.to_ascii_lowercase());
                }
            }
        }
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
