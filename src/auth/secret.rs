//! A string that must never be shown: client secrets and access tokens. It has no `Display`,
//! its `Debug` prints a placeholder, and the only way to read it is `expose`.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Every secret made is also known to the redactor, so that no server text that echoes
    /// it is shown, journaled or reported with it.
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        crate::ui::text::register_secret(&value);
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_never_shows_the_value() {
        let s = super::Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
    }
}
