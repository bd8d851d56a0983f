//! A string that must never be shown: client secrets, certificate assertions, access tokens,
//! identity headers. It has no `Display`, its `Debug` prints a placeholder, and the only way
//! to read it is `expose`. Every `Secret` made is redacted, in every form a server may echo it
//! in, from any text that `redact` is given: the printer, the error report, the journal and
//! the results pass server text through it. The type is the only way in: text is redacted
//! because it is a `Secret`, not because some caller remembered to list it.

use std::borrow::Cow;
use std::fmt;
use std::sync::Mutex;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        register_secret(&value);
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// This client secret is sent by `client_id`: its HTTP Basic form (RFC 6749 §2.3.1), which
    /// a token endpoint or proxy may echo, is redacted too.
    pub fn sent_as_basic_by(&self, client_id: &str) {
        register_basic(client_id, &self.0);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Every secret made, each in every form a server may echo it in, longest first, so that no server text
/// that echoes one can carry it anywhere.
static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Registers a secret of any length (a short one is still a secret; an empty one is nothing).
fn register_secret(secret: &str) {
    if secret.is_empty() {
        return;
    }
    remember(forms(secret));
}

/// Registers the HTTP Basic form of a client secret, `base64(client_id:secret)` (RFC 6749
/// §2.3.1, raw or form-encoded first), which a token endpoint or proxy may echo.
fn register_basic(client_id: &str, secret: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
    }

    #[test]
    fn known_secrets_are_redacted_whatever_their_length() {
        let _a = Secret::new("eyJhbGciOi.secret-token-value");
        let _b = Secret::new("s~+/ q");
        assert_eq!(
            redact("Bearer eyJhbGciOi.secret-token-value was rejected"),
            "Bearer [redacted] was rejected"
        );
        assert_eq!(redact("a s~+/ q note"), "a [redacted] note");
    }

    #[test]
    fn every_form_a_secret_travels_in_is_redacted() {
        let secret = Secret::new("Kq8~xV+a/b=c&d e\\\"F");
        secret.sent_as_basic_by("kit-client");
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
}
