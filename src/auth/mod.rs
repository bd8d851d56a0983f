//! Who mdetag is to Entra: credentials, the OS keyring, certificates, and the access tokens
//! they buy (fetched once, shared, renewed before they expire).

mod credential;
mod fetch;
mod keyring;
mod refusal;
mod roles;
mod token;

pub use crate::model::Secret;
pub use credential::{ClientCertificate, Credential};
#[cfg(test)]
pub use keyring::memory as keyring_memory;
pub use keyring::{
    KEYRING_SERVICE, OsKeyring, SecretStore, keyring_account, legacy_account, profile_secret,
};
pub use roles::{
    Need, can_write, grants, lacking, missing_role_advice, roles_of, unreadable_roles,
};
pub use token::{TokenProvider, decode_claims};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the token endpoint refused the credentials: {0}")]
    Refused(String),
    #[error("could not reach the token endpoint {url}: {reason}")]
    Unreachable { url: String, reason: String },
    /// The token endpoint answered 5xx or 429: it may answer later.
    #[error("the token endpoint {url} is not answering (HTTP {status})")]
    Unavailable {
        url: String,
        status: u16,
        retry_after: Option<std::time::Duration>,
    },
    #[error("the bearer token in MDETAG_TOKEN was rejected and cannot be renewed; get a new one")]
    BearerRejected,
}

impl AuthError {
    /// Whether asking again later may work (a credential that was refused will not).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            AuthError::Unreachable { .. } | AuthError::Unavailable { .. }
        )
    }
}
