//! Text from outside — user input, and anything a server says (error codes and messages, host
//! names, tags) — shown without letting control characters through, and never with the run's
//! secrets in it.

use std::borrow::Cow;
use std::sync::Mutex;

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

/// The run's secrets (client secret, assertion, tokens, identity header) as they come into
/// being, each in every form a server may echo it in, longest first, so that no server text
/// that echoes one can carry it anywhere.
static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Registers a secret of any length (a short one is still a secret; an empty one is nothing).
pub fn register_secret(secret: &str) {
    if secret.is_empty() {
        return;
    }
    remember(forms(secret));
}

/// Registers the HTTP Basic form of a client secret, `base64(client_id:secret)` (RFC 6749
/// §2.3.1, raw or form-encoded first), which a token endpoint or proxy may echo.
pub fn register_basic(client_id: &str, secret: &str) {
    if secret.is_empty() {
        return;
    }
    use base64::Engine;
    let mut pairs = vec![format!("{client_id}:{secret}")];
    for keep in [WHATWG, RFC3986] {
        pairs.push(format!(
            "{}:{}",
            percent(client_id, keep, "+", false),
            percent(secret, keep, "+", false)
        ));
    }
    let encoded = pairs
        .iter()
        .flat_map(|p| {
            [
                base64::engine::general_purpose::STANDARD.encode(p),
                base64::engine::general_purpose::STANDARD_NO_PAD.encode(p),
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(p),
            ]
        })
        .collect();
    remember(encoded);
}

fn remember(forms: Vec<String>) {
    let mut all = SECRETS.lock().expect("secrets");
    for f in forms {
        if !f.is_empty() && !all.contains(&f) {
            all.push(f);
        }
    }
    // The longest first: a form that holds another is replaced whole.
    all.sort_by_key(|f| std::cmp::Reverse(f.len()));
}

/// Characters left as they are by the form encoding (`application/x-www-form-urlencoded`,
/// as reqwest sends a form), by RFC 3986 (and Python's `quote_plus`), and by JavaScript's
/// `encodeURIComponent`; everything else is `%XX`.
const WHATWG: &str = "*-._";
const RFC3986: &str = "-._~";
const JS: &str = "-._~!'()*";

fn percent(text: &str, keep: &str, space: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || keep.as_bytes().contains(&b) {
            out.push(b as char);
        } else if b == b' ' {
            out.push_str(space);
        } else if lower {
            out.push_str(&format!("%{b:02x}"));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A secret as it is, percent-encoded (each common flavour; `+` or `%20` for a space; upper
/// or lower case hex) and JSON-escaped (with `/` as is or as `\/`).
fn forms(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_string()];
    for keep in [WHATWG, RFC3986, JS] {
        for space in ["+", "%20"] {
            for lower in [false, true] {
                out.push(percent(secret, keep, space, lower));
            }
        }
    }
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json
        .strip_prefix('"')
        .and_then(|j| j.strip_suffix('"'))
        .unwrap_or_default();
    out.push(json.to_string());
    out.push(json.replace('/', "\\/"));
    out
}

/// Server text with every known secret, in any of its forms, replaced by `[redacted]`: done
/// before it is shown, journaled or reported.
pub fn redact(text: &str) -> Cow<'_, str> {
    let all = SECRETS.lock().expect("secrets");
    if !all.iter().any(|s| text.contains(s.as_str())) {
        return Cow::Borrowed(text);
    }
    // One pass, longest form first at each place, so that a short secret is never found
    // again inside a `[redacted]` already written.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'next: while let Some(c) = rest.chars().next() {
        for s in all.iter() {
            if let Some(after) = rest.strip_prefix(s.as_str()) {
                out.push_str("[redacted]");
                rest = after;
                continue 'next;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

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
    fn known_secrets_are_redacted_whatever_their_length() {
        register_secret("eyJhbGciOi.secret-token-value");
        register_secret("s~+/ q");
        assert_eq!(
            redact("Bearer eyJhbGciOi.secret-token-value was rejected"),
            "Bearer [redacted] was rejected"
        );
        assert_eq!(redact("a s~+/ q note"), "a [redacted] note");
    }

    #[test]
    fn every_form_a_secret_travels_in_is_redacted() {
        register_secret("Kq8~xV+a/b=c&d e\\\"F");
        register_basic("kit-client", "Kq8~xV+a/b=c&d e\\\"F");
        for echoed in [
            "Kq8~xV+a/b=c&d e\\\"F",
            "Kq8%7ExV%2Ba%2Fb%3Dc%26d+e%5C%22F",
            "Kq8%7exV%2ba%2fb%3dc%26d+e%5c%22F",
            "Kq8%7ExV%2Ba%2Fb%3Dc%26d%20e%5C%22F",
            "Kq8~xV%2Ba%2Fb%3Dc%26d%20e%5C%22F",
            "Kq8~xV+a/b=c&d e\\\\\\\"F",
            "Kq8~xV+a\\/b=c&d e\\\\\\\"F",
            "a2l0LWNsaWVudDpLcTh+eFYrYS9iPWMmZCBlXCJG",
            "a2l0LWNsaWVudDpLcTh+eFYlMkJhJTJGYiUzRGMlMjZkK2UlNUMlMjJG",
        ] {
            let text = format!("client_secret={echoed}&grant_type=x");
            assert_eq!(
                redact(&text),
                "client_secret=[redacted]&grant_type=x",
                "{echoed}"
            );
        }
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
