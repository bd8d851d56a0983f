//! A customer tenant of a run over many tenants (`--tenants FILE`): its directory ID (or
//! verified domain) and the name the file gives it.

use super::Invalid;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenant {
    /// A directory (tenant) ID, or a domain such as `contoso.onmicrosoft.com`, as Entra ID
    /// accepts either in a token request. Lower case.
    pub id: String,
    pub name: Option<String>,
}

impl Tenant {
    /// Checks an ID as the tenants file gives it.
    pub fn new(id: &str, name: Option<&str>) -> Result<Tenant, Invalid> {
        let id = id.trim();
        if id.is_empty() {
            return Err(Invalid("empty tenant ID".into()));
        }
        let guid = id.len() == 36
            && id.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        let domain = id.len() <= 253
            && id.contains('.')
            && id.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !guid && !domain {
            return Err(Invalid(format!(
                "'{}' is not a tenant ID (a GUID such as 6f1a2b3c-0000-4000-8000-00000000a001, or a domain such as contoso.onmicrosoft.com)",
                super::text::excerpt(id)
            )));
        }
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = name
            && n.chars().any(char::is_control)
        {
            return Err(Invalid(
                "the tenant's name holds a control character".into(),
            ));
        }
        Ok(Tenant {
            id: id.to_ascii_lowercase(),
            name: name.map(String::from),
        })
    }

    /// The name, else the ID: what messages and progress lines call the tenant.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

    /// Whether `key` (an ID in any case, or the name in any case) names this tenant: how an
    /// apply-csv row's `Tenant` column is matched.
    pub fn is_named(&self, key: &str) -> bool {
        let key = key.trim();
        self.id.eq_ignore_ascii_case(key)
            || self
                .name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_guids_or_domains() {
        let t = Tenant::new(" 6F1A2B3C-0000-4000-8000-00000000A001 ", Some(" Contoso ")).unwrap();
        assert_eq!(t.id, "6f1a2b3c-0000-4000-8000-00000000a001");
        assert_eq!(t.label(), "Contoso");
        assert!(t.is_named("contoso") && t.is_named("6f1a2b3c-0000-4000-8000-00000000a001"));
        assert_eq!(
            Tenant::new("fabrikam.onmicrosoft.com", None)
                .unwrap()
                .label(),
            "fabrikam.onmicrosoft.com"
        );
        for bad in [
            "",
            "x",
            "6f1a2b3c-0000-4000-8000-00000000a00",
            "a..b",
            "-a.b",
            "a b.com",
            "../etc",
        ] {
            assert!(Tenant::new(bad, None).is_err(), "{bad}");
        }
        assert!(Tenant::new("a.b", Some("bad\u{1b}name")).is_err());
    }
}
