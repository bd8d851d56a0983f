//! The spreadsheet escape (SPEC.md "apply-csv input"): mdetag's own CSV output puts a `'` before
//! a cell that starts with `=`, `+`, `-`, `@`, tab or CR, so that Excel runs no formula from a
//! results file (`ui::text::csv_cell`); reading takes that `'` off again, so result files
//! re-feed unchanged.

/// The bytes after which a leading `'` is the escape.
fn starts_formula(b: u8) -> bool {
    matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// `field` without the escape's `'`, if it has one.
pub fn unescape(field: &[u8]) -> &[u8] {
    match field {
        [b'\'', next, ..] if starts_formula(*next) => &field[1..],
        _ => field,
    }
}

/// A field as the plan sees it: trimmed of ASCII white space, without the escape. The escape
/// comes off before the end is trimmed, so `'<tab>` reads as `<tab>` would: empty.
pub fn clean(field: &[u8]) -> &[u8] {
    unescape(field.trim_ascii_start()).trim_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quote_goes_only_before_a_formula_character() {
        for (field, read) in [
            ("'=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"),
            ("'+1", "+1"),
            ("'-2", "-2"),
            ("'@SUM(A1)", "@SUM(A1)"),
            ("'\tx", "\tx"),
            ("'\rx", "\rx"),
            ("''=x", "''=x"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("=x", "=x"),
            ("", ""),
        ] {
            assert_eq!(unescape(field.as_bytes()), read.as_bytes(), "{field:?}");
        }
    }

    #[test]
    fn fields_are_trimmed_around_the_escape() {
        for (field, read) in [
            ("  '=x  ", "=x"),
            ("'\t", ""),
            ("'\tx\t", "x"),
            ("' =x", "' =x"),
            (" plain ", "plain"),
        ] {
            assert_eq!(clean(field.as_bytes()), read.as_bytes(), "{field:?}");
        }
    }
}
