//! What a token may do, from its claims.

/// The application permission tagging needs (delegated: `Machine.ReadWrite`).
pub const WRITE_ROLE: &str = "Machine.ReadWrite.All";

/// The application permission reading machines needs (delegated: `Machine.Read`); the write
/// role reads too.
pub const READ_ROLE: &str = "Machine.Read.All";

/// What a token must allow: reading machines, or tagging them too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Read,
    Write,
}

impl Need {
    /// The application permission to grant for it.
    pub fn role(self) -> &'static str {
        match self {
            Need::Read => READ_ROLE,
            Need::Write => WRITE_ROLE,
        }
    }

    /// The app roles and the delegated scopes that allow it.
    fn granted_by(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Need::Read => (
                &[READ_ROLE, WRITE_ROLE],
                &["Machine.Read", "Machine.ReadWrite"],
            ),
            Need::Write => (&[WRITE_ROLE], &["Machine.ReadWrite"]),
        }
    }
}

/// Whether a token allows `need`, from its `roles` (app) or `scp` (delegated) claim. `None`:
/// the token says nothing we can read, so nothing is concluded.
pub fn grants(claims: &serde_json::Value, need: Need) -> Option<bool> {
    let (roles, scopes) = need.granted_by();
    if let Some(have) = claims.get("roles").and_then(|r| r.as_array()) {
        return Some(
            have.iter()
                .any(|r| r.as_str().is_some_and(|r| roles.contains(&r))),
        );
    }
    let have = claims.get("scp").and_then(|s| s.as_str())?;
    Some(have.split(' ').any(|s| scopes.contains(&s)))
}

/// What a token may do, from its `roles` (app) or `scp` (delegated) claim. `None`: the token
/// says nothing we can read (not a JWT), so nothing is concluded.
pub fn can_write(claims: &serde_json::Value) -> Option<bool> {
    grants(claims, Need::Write)
}

/// The roles (or delegated scopes) a token carries.
pub fn roles_of(claims: &serde_json::Value) -> Vec<String> {
    match (claims.get("roles"), claims.get("scp")) {
        (Some(r), _) => r
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        (None, Some(s)) => s
            .as_str()
            .unwrap_or("")
            .split(' ')
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// Why a token's roles cannot be read, when they cannot (`claims`: its payload, if it is a
/// JWT): mdetag then cannot tell whether it may tag machines, and the API decides.
pub fn unreadable_roles(claims: Option<&serde_json::Value>) -> Option<String> {
    let why = match claims {
        None => "it is not a JWT",
        Some(c) if can_write(c).is_none() => "it has no roles or scp claim",
        Some(_) => return None,
    };
    Some(format!(
        "the token's roles cannot be read ({why}): whether it may tag machines is unknown; the API decides"
    ))
}

/// What to do about a token without the write role.
pub fn missing_role_advice() -> String {
    lacking(Need::Write)
}

/// Which role a token lacks for `need`, what fails without it, and how to grant it.
pub fn lacking(need: Need) -> String {
    let (role, fails) = match need {
        Need::Read => (READ_ROLE, "reading machines fails"),
        Need::Write => (WRITE_ROLE, "tagging calls will fail"),
    };
    format!(
        "the token does not carry {role}: {fails} with 403. In the app registration's API \
         permissions, add the application permission WindowsDefenderATP → {role} and grant admin consent"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_or_scopes_say_whether_a_token_may_write() {
        let app = serde_json::json!({"roles": ["Machine.Read.All", WRITE_ROLE]});
        assert_eq!(can_write(&app), Some(true));
        assert_eq!(roles_of(&app).len(), 2);
        let delegated = serde_json::json!({"scp": "Machine.Read"});
        assert_eq!(can_write(&delegated), Some(false));
        assert_eq!(can_write(&serde_json::json!({})), None);
        assert!(unreadable_roles(None).unwrap().contains("not a JWT"));
        assert!(
            unreadable_roles(Some(&serde_json::json!({})))
                .unwrap()
                .contains("no roles or scp")
        );
        assert_eq!(unreadable_roles(Some(&app)), None);
    }

    #[test]
    fn the_write_role_reads_too_and_the_read_role_only_reads() {
        let read = serde_json::json!({"roles": [READ_ROLE]});
        assert_eq!(grants(&read, Need::Read), Some(true));
        assert_eq!(grants(&read, Need::Write), Some(false));
        let write = serde_json::json!({"roles": [WRITE_ROLE]});
        assert_eq!(grants(&write, Need::Read), Some(true));
        let hunting = serde_json::json!({"roles": ["AdvancedQuery.Read.All"]});
        assert_eq!(grants(&hunting, Need::Read), Some(false));
        let delegated = serde_json::json!({"scp": "openid Machine.ReadWrite"});
        assert_eq!(grants(&delegated, Need::Read), Some(true));
        assert_eq!(grants(&serde_json::json!({}), Need::Read), None);
        assert!(lacking(Need::Read).contains("does not carry Machine.Read.All"));
        assert!(missing_role_advice().contains("API permissions"));
    }
}
