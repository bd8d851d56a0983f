//! A token endpoint's refusal, as mdetag shows it: its code, AADSTS number and first sentence,
//! redacted, cut where it starts to echo the request (issue 15).

/// The token endpoint's refusal.
#[derive(serde::Deserialize)]
pub(super) struct TokenError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default)]
    error_codes: Vec<serde_json::Value>,
}

/// What a refusal may show: its `error` code, its AADSTS number and the first sentence of
/// `error_description`, redacted. Never the rest: Entra appends trace lines, and endpoints and
/// proxies echo the request, secret and all.
pub(super) fn shown(e: &TokenError) -> String {
    let code = e.error.trim();
    let code = if !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        code
    } else {
        "refused"
    };
    let description = e.error_description.as_deref().unwrap_or("").trim();
    let (number, rest) = match aadsts(description) {
        Some((n, rest)) => (Some(n), rest),
        None => (
            e.error_codes.first().and_then(serde_json::Value::as_u64),
            description,
        ),
    };
    let sentence = first_sentence(rest);
    let sentence = crate::ui::text::redact(sentence);
    let sentence = match echo_start(&sentence) {
        Some(at) => format!(
            "{} (the request, echoed: not shown)",
            crate::ui::text::printable_up_to(sentence[..at].trim(), 300)
        )
        .trim_start()
        .to_string(),
        None => crate::ui::text::printable_up_to(&sentence, 300),
    };
    let mut shown = code.to_string();
    if let Some(n) = number {
        shown.push_str(&format!(": AADSTS{n}"));
    }
    if !sentence.is_empty() {
        shown.push_str(": ");
        shown.push_str(&sentence);
    }
    shown
}

/// `AADSTS7000215: rest` → (7000215, "rest").
fn aadsts(description: &str) -> Option<(u64, &str)> {
    let digits = description.strip_prefix("AADSTS")?;
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let number = digits[..end].parse().ok()?;
    let rest = digits[end..].trim_start_matches(':').trim_start();
    Some((number, rest))
}

/// Up to the first full stop followed by a space or a line end, or the first line end.
fn first_sentence(text: &str) -> &str {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        if c == '\r' || c == '\n' {
            end = i;
            break;
        }
        if c == '.' && text[i + 1..].chars().next().is_none_or(char::is_whitespace) {
            end = i + 1;
            break;
        }
    }
    text[..end].trim()
}

/// Where text starts to echo a request (a form body, or the identity header by name).
fn echo_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    [
        "client_secret",
        "client_assertion",
        "grant_type=",
        "client_id=",
        "scope=",
        "x-identity-header",
    ]
    .iter()
    .filter_map(|m| lower.find(m))
    .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(body: serde_json::Value) -> String {
        shown(&serde_json::from_value(body).unwrap())
    }

    #[test]
    fn a_refusal_shows_its_code_number_and_first_sentence_only() {
        assert_eq!(
            refused(serde_json::json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret is right.\r\nTrace ID: 1",
            })),
            "invalid_client: AADSTS7000215: Invalid client secret provided."
        );
        assert_eq!(
            refused(serde_json::json!({
                "error": "bad grant_type=x",
                "error_description": "Malformed request grant_type=client_credentials&client_secret=z",
                "error_codes": [900144],
            })),
            "refused: AADSTS900144: Malformed request (the request, echoed: not shown)"
        );
        assert_eq!(
            refused(serde_json::json!({"error": "invalid_request"})),
            "invalid_request"
        );
        assert_eq!(first_sentence("v1.2 is old. More."), "v1.2 is old.");
        assert_eq!(first_sentence("no stop\nsecond line"), "no stop");
    }
}
