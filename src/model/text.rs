//! Rules about text that are the domain's, not the screen's: which characters no tag (or any
//! text mdetag passes on) may carry, and how much of a value an error message quotes. How
//! text is escaped for a terminal, a CSV or JSON is decided in `ui` and `report`, which escape
//! every line they write.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// How many characters of a value an error message quotes.
pub const QUOTED_CHARS: usize = 60;

/// Characters a terminal would act on or hide: control characters (escape sequences, bells,
/// carriage returns), invisible format characters (bidi overrides, zero-width) and line and
/// paragraph separators. A tag may hold none of them.
pub fn is_hidden_or_control(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// The first `QUOTED_CHARS` characters of a value, with `…` when it was longer: what an error
/// message quotes of it. Nothing is escaped here; the printer escapes whole lines.
pub fn excerpt(text: &str) -> String {
    excerpt_of(text, QUOTED_CHARS)
}

/// The first `max` characters of a value, with `…` when it was longer.
pub fn excerpt_of(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_cut_at_a_character_and_marked() {
        assert_eq!(excerpt("short"), "short");
        assert_eq!(excerpt(&"x".repeat(60)), "x".repeat(60));
        assert_eq!(excerpt(&"é".repeat(61)), format!("{}…", "é".repeat(60)));
        assert_eq!(excerpt_of("a\u{1b}[31m", 3), "a\u{1b}[…");
    }

    #[test]
    fn hidden_and_control_characters_are_known() {
        for c in [
            '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{7f}', '\u{202e}', '\u{200b}', '\u{2028}',
        ] {
            assert!(is_hidden_or_control(c), "{c:?}");
        }
        for c in ['a', 'Z', 'ü', '🦀', ' ', '-'] {
            assert!(!is_hidden_or_control(c), "{c:?}");
        }
    }
}
