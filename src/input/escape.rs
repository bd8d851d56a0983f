//! The spreadsheet escape (SPEC.md "apply-csv input"): mdetag's own CSV output puts a `'` before
//! a cell that starts with `=`, `+`, `-`, `@`, tab or CR, so that Excel runs no formula from a
//! results file (`ui::text::csv_cell`); reading takes that `'` off again, so result files
//! re-feed unchanged.

use crate::ui::text::needs_escape;

/// `field` without the escape's `'`, if it has one.
pub fn unescape(field: &[u8]) -> &[u8] {
    match field {
        [b'\'', rest @ ..] if needs_escape(rest) => rest,
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
            // A value that itself starts with the escape was written with one more quote.
            ("''=x", "'=x"),
            ("'''-x", "''-x"),
            ("''x", "''x"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("=x", "=x"),
            ("", ""),
        ] {
            assert_eq!(unescape(field.as_bytes()), read.as_bytes(), "{field:?}");
        }
    }

    #[test]
    fn every_cell_reads_back_as_the_writer_was_given_it() {
        for cell in [
            "=x", "'=x", "''=x", "'x", "x'", "'", "", "-", "'-", "@a", "\tb", "plain",
        ] {
            let written = crate::ui::text::csv_cell(cell);
            assert_eq!(
                unescape(written.as_bytes()),
                cell.as_bytes(),
                "{cell:?} -> {written:?}"
            );
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
