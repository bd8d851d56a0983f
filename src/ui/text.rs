//! Text from outside — user input, and anything a server says (error codes and messages, host
//! names, tags) — shown without letting control characters through, and never with the run's
//! secrets in it.

use std::borrow::Cow;

/// Shows user input inside an error message: escaped, and cut at 60 characters.
pub fn printable(text: &str) -> String {
    printable_up_to(text, crate::model::text::QUOTED_CHARS)
}

/// Text escaped, and cut at `max` characters.
pub fn printable_up_to(text: &str, max: usize) -> String {
    display(&crate::model::text::excerpt_of(text, max)).into_owned()
}

/// "1 call", "2 calls".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub use crate::model::text::is_hidden_or_control as unsafe_to_show;

/// Text for a terminal: every unsafe character written as `\u{1b}`; the rest as it is.
pub fn display(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_to_show) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_to_show(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

pub use crate::model::secret::redact;

/// A spreadsheet cell that could start a formula (`= + - @`, tab, CR) gets a leading `'`, so
/// that opening a results file in Excel runs nothing; apply-csv takes it off again.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// A JSON string: as it is when nothing in it needs escaping (printable ASCII), else through
/// serde_json with `json::Safe` (the same bytes either way; results and journals write
/// millions of short strings).
pub fn json_string<W: std::io::Write>(out: &mut W, text: &str) -> std::io::Result<()> {
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        out.write_all(b"\"")?;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\"")
    } else {
        super::json::to_writer(out, text).map_err(std::io::Error::from)
    }
}

/// A CSV cell of text from a server: what a terminal would act on escaped (`display`), and a
/// formula start escaped (`csv_cell`).
pub fn csv_text(text: &str) -> Cow<'_, str> {
    match display(text) {
        Cow::Borrowed(t) => csv_cell(t),
        Cow::Owned(t) => Cow::Owned(csv_cell(&t).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_and_cuts() {
        assert_eq!(printable("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(printable(&"x".repeat(61)), format!("{}…", "x".repeat(60)));
    }

    #[test]
    fn display_escapes_what_a_terminal_would_act_on() {
        assert_eq!(display("plain Zürich 🦀"), "plain Zürich 🦀");
        assert_eq!(display("\u{1b}]0;pwned\u{7}"), "\\u{1b}]0;pwned\\u{7}");
        assert_eq!(display("a\u{202e}b\r\n"), "a\\u{202e}b\\u{d}\\u{a}");
    }

    #[test]
    fn formula_cells_are_escaped() {
        for f in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(f), format!("'{f}"));
        }
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell(""), "");
    }
}
