//! A hunting query: the text a user gave, and, once run, what it picked and where it came from
//! (kept in the journal, shown by the dry run and the results).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The most characters a query may have (SPEC: the API's own limit).
pub const MAX_QUERY_CHARS: usize = 30_000;

/// The query as given.
#[derive(Clone, Debug)]
pub struct Query {
    pub text: String,
    /// `--query`, or `--query-file FILE`.
    pub origin: String,
    /// ISO 8601 duration of data the query looks at (Graph's `Timespan`).
    pub timespan: String,
    /// More machines than this: refused.
    pub max_machines: usize,
}

impl Query {
    /// The SHA-256 of the text, in lower-case hex: what names a query in provenance.
    pub fn sha256(&self) -> String {
        sha256_hex(self.text.as_bytes())
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A query as it ran: its provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryRun {
    pub text: String,
    pub sha256: String,
    /// `graph` or `mde`: the API that answered.
    pub api: String,
    /// When it was answered (RFC 3339, UTC).
    pub ran_at: String,
    pub timespan: String,
    /// Rows returned.
    pub rows: u64,
    /// Machines picked (rows with the same machine count once).
    pub machines: u64,
    /// Rows with an empty (or unusable) ID or name, dropped.
    pub dropped: u64,
    /// The column machines were taken from: `DeviceId` or `DeviceName`.
    pub column: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hash_is_sha256_of_the_text() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
