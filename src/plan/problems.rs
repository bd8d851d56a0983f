//! The problems found in the input, in bounded memory: an input that never ends (a device, a
//! pipe from `yes`) can yield ten million bad lines, and only the first 100 are ever shown.

use std::fmt;
use std::ops::Deref;

use crate::model::Origin;

/// How many problems are shown (and kept), in input order.
pub const SHOWN: usize = 100;

/// One problem with the input, located as precisely as the input allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub origin: Origin,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// The first problems in input order, every reason an input stopped being read (however late
/// it came: it says why the rest of the input was not looked at), and how many there were.
#[derive(Debug, Default)]
pub struct InputErrors {
    kept: Vec<InputError>,
    total: usize,
}

impl InputErrors {
    /// How many problems were found, shown or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many were found but are not kept.
    pub fn not_shown(&self) -> usize {
        self.total - self.kept.len()
    }
}

/// Problems as they are found, in any order; the first `SHOWN` in input order are kept.
#[derive(Debug, Default)]
pub struct Problems {
    found: Vec<InputError>,
    stops: Vec<InputError>,
    total: usize,
}

impl Problems {
    pub fn push(&mut self, e: InputError) {
        self.total += 1;
        self.found.push(e);
        if self.found.len() >= 2 * SHOWN {
            self.keep_first();
        }
    }

    /// Why reading an input stopped: always kept.
    pub fn stop(&mut self, e: InputError) {
        self.total += 1;
        self.stops.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    fn keep_first(&mut self) {
        self.found.sort_by(in_input_order);
        self.found.truncate(SHOWN);
    }

    pub fn finish(mut self) -> InputErrors {
        self.keep_first();
        let mut kept = self.found;
        kept.append(&mut self.stops);
        kept.sort_by(in_input_order);
        InputErrors {
            kept,
            total: self.total,
        }
    }
}

fn in_input_order(a: &InputError, b: &InputError) -> std::cmp::Ordering {
    (&a.origin.source, a.origin.line).cmp(&(&b.origin.source, b.origin.line))
}

impl Deref for InputErrors {
    type Target = [InputError];

    /// The problems kept, in input order.
    fn deref(&self) -> &[InputError] {
        &self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64, reason: &str) -> InputError {
        InputError {
            origin: Origin::new(std::sync::Arc::from("f.csv"), line),
            reason: reason.into(),
        }
    }

    #[test]
    fn the_first_hundred_and_every_stop_are_kept_in_bounded_memory() {
        let mut p = Problems::default();
        // Found out of order, as conflicts are (at the end, for early lines).
        for line in (2..100_000).rev() {
            p.push(at(line, "bad"));
            assert!(p.found.len() < 2 * SHOWN);
        }
        p.stop(at(100_000, "line is longer than 64 KiB"));
        let e = p.finish();
        assert_eq!(e.total(), 100_000 - 1);
        assert_eq!(e.len(), SHOWN + 1);
        let lines: Vec<u64> = e.iter().map(|e| e.origin.line).collect();
        assert_eq!(
            lines[..SHOWN],
            (2..2 + SHOWN as u64).collect::<Vec<_>>()[..]
        );
        assert_eq!(e[SHOWN].reason, "line is longer than 64 KiB");
        assert_eq!(e.not_shown(), 100_000 - 1 - SHOWN - 1);
    }
}
