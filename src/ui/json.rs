//! JSON for standard output that no terminal acts on: serde_json leaves C1 controls, DEL,
//! bidi overrides, zero-width and line-separator characters raw (JSON allows them), so a
//! server's text could still move the cursor or reorder what `cat results.json` shows. This
//! writes each of them as `\uXXXX` instead: the same string to any JSON reader.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::text::unsafe_to_show;

/// serde_json's compact output, with every character unsafe to show escaped.
#[derive(Clone, Copy, Debug, Default)]
pub struct Safe;

impl Formatter for Safe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if unsafe_to_show(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// `serde_json::to_writer`, escaping what a terminal would act on.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Safe))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(text: &str) -> String {
        let mut out = Vec::new();
        to_writer(&mut out, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn what_a_terminal_acts_on_is_escaped_and_reads_back_the_same() {
        for text in [
            "plain Zürich 🦀",
            "\u{1b}]0;pwned\u{7}",
            "\u{9b}31m C1 CSI",
            "a\u{202e}fdp.exe",
            "zero\u{200b}width and DEL\u{7f}",
            "line\u{2028}sep",
            "plane 14 tag \u{e0041}",
            "quote \" and backslash \\",
        ] {
            let out = safe(text);
            assert!(
                !out.chars().any(unsafe_to_show),
                "{text:?} came out raw: {out:?}"
            );
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, text);
        }
        assert_eq!(safe("a\u{9b}b"), "\"a\\u009bb\"");
        assert_eq!(safe("\u{e0041}"), "\"\\udb40\\udc41\"");
        assert_eq!(safe("plain"), serde_json::to_string("plain").unwrap());
    }
}
