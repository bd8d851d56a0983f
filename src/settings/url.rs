//! URLs the user gives: `https://` anywhere, `http://` only to this machine, so a typo cannot
//! send a token in clear text across a network.

use std::net::IpAddr;

use url::Url;

use crate::exit::UsageError;
use crate::ui::text::printable;

/// `label` names where the URL came from (a flag, a variable, a profile).
pub fn checked_url(label: &str, text: &str) -> Result<Url, UsageError> {
    let url = Url::parse(text.trim())
        .map_err(|e| UsageError(format!("{label} '{}' is not a URL: {e}", printable(text))))?;
    if !url.username().is_empty() || url.password().is_some() {
        // Named without what it carries: the password must not reach a terminal or a log.
        let mut shown = url.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        return Err(UsageError(format!(
            "{label} '{shown}' has a user name or password in it; credentials never go in a URL"
        )));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(UsageError(format!(
                "{label} '{text}': http:// is allowed only for loopback hosts (127.0.0.0/8, localhost, [::1]); use https://"
            )));
        }
        other => {
            return Err(UsageError(format!(
                "{label} '{text}': unsupported scheme '{other}' (use https://)"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UsageError(format!("{label} '{text}' has no host")));
    }
    Ok(url)
}

/// Whether a URL's host is this machine (127.0.0.0/8, `localhost`, `[::1]`).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_only_for_loopback() {
        for ok in [
            "https://api.security.microsoft.com",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://localhost:1",
            "http://[::1]:80",
        ] {
            assert!(checked_url("--endpoint", ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.security.microsoft.com",
            "http://10.0.0.1",
            "http://[::2]",
            "ftp://127.0.0.1",
            "http://127.0.0.1.example.com",
            "nonsense",
            "api.security.microsoft.com",
        ] {
            let e = checked_url("--endpoint", bad).unwrap_err().to_string();
            assert!(e.starts_with("--endpoint '"), "{bad}: {e}");
        }
        let e = checked_url("--endpoint", "http://example.com")
            .unwrap_err()
            .to_string();
        assert!(e.contains("only for loopback"), "{e}");
        let e = checked_url("--endpoint", "https://admin:hunter2@api.example.com/")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("user name or password") && !e.contains("hunter2"),
            "{e}"
        );
    }
}
