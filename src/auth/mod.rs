//! Who mdetag is to Entra: credentials, the OS keyring, certificates, and the access tokens
//! they buy (fetched once, shared, renewed before they expire).

mod credential;
mod fetch;
mod keyring;
mod roles;
mod secret;
mod token;

pub use credential::{ClientCertificate, Credential};
#[cfg(test)]
pub use keyring::memory as keyring_memory;
pub use keyring::{KEYRING_SERVICE, OsKeyring, SecretStore, keyring_account};
pub use roles::{can_write, missing_role_advice, roles_of};
pub use secret::Secret;
pub use token::{TokenProvider, decode_claims};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the token endpoint refused the credentials: {0}")]
    Refused(String),
    #[error("could not reach the token endpoint {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the bearer token in MDETAG_TOKEN was rejected and cannot be renewed; get a new one")]
    BearerRejected,
}
