//! What a token may do, from its claims.

/// The application permission tagging needs (delegated: `Machine.ReadWrite`).
pub const WRITE_ROLE: &str = "Machine.ReadWrite.All";

/// What a token may do, from its `roles` (app) or `scp` (delegated) claim. `None`: the token
/// says nothing we can read (not a JWT), so nothing is concluded.
pub fn can_write(claims: &serde_json::Value) -> Option<bool> {
    if let Some(roles) = claims.get("roles").and_then(|r| r.as_array()) {
        return Some(roles.iter().any(|r| r.as_str() == Some(WRITE_ROLE)));
    }
    let scopes = claims.get("scp").and_then(|s| s.as_str())?;
    Some(scopes.split(' ').any(|s| s == "Machine.ReadWrite"))
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
    format!(
        "the token does not carry {WRITE_ROLE}: tagging calls will fail with 403. In the app registration, add the \
         application permission WindowsDefenderATP → {WRITE_ROLE} and grant admin consent"
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
}
