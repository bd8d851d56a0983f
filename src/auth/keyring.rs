//! The OS keyring (Secret Service over D-Bus on Linux, Keychain on macOS, Credential Manager on
//! Windows) through the `keyring` crate, behind a seam so that tests of the rest need none.

use super::Secret;

/// Why the keyring could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(String);

pub trait SecretStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, StoreError>;
    fn set(&self, account: &str, secret: &Secret) -> Result<(), StoreError>;
    /// `Ok(false)` when there was nothing to delete.
    fn delete(&self, account: &str) -> Result<bool, StoreError>;
}

pub const KEYRING_SERVICE: &str = "mdetag";

/// The keyring account of a profile: `<profile>/<tenant>/<client>`, so that two profiles of
/// one app each have their own, and logging out of one never breaks the other.
pub fn keyring_account(profile: &str, tenant_id: &str, client_id: &str) -> String {
    format!("{profile}/{tenant_id}/{client_id}")
}

/// The account mdetag 0.1 kept an app's secret under, shared by every profile of that app:
/// `<tenant>/<client>`. Still read; moved to each profile's own on the next login.
pub fn legacy_account(tenant_id: &str, client_id: &str) -> String {
    format!("{tenant_id}/{client_id}")
}

/// A profile's secret and the account it was found under: its own, else the legacy one.
pub fn profile_secret(
    store: &dyn SecretStore,
    profile: Option<&str>,
    tenant_id: &str,
    client_id: &str,
) -> Result<Option<(Secret, String)>, StoreError> {
    if let Some(p) = profile {
        let own = keyring_account(p, tenant_id, client_id);
        if let Some(s) = store.get(&own)? {
            return Ok(Some((s, own)));
        }
    }
    let legacy = legacy_account(tenant_id, client_id);
    Ok(store.get(&legacy)?.map(|s| (s, legacy)))
}

pub struct OsKeyring;

fn entry(account: &str) -> Result<keyring::Entry, StoreError> {
    keyring::Entry::new(KEYRING_SERVICE, account).map_err(|e| StoreError(e.to_string()))
}

impl SecretStore for OsKeyring {
    fn get(&self, account: &str) -> Result<Option<Secret>, StoreError> {
        match entry(account)?.get_password() {
            Ok(s) => Ok(Some(Secret::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(StoreError(e.to_string())),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), StoreError> {
        entry(account)?
            .set_password(secret.expose())
            .map_err(|e| StoreError(e.to_string()))
    }

    fn delete(&self, account: &str) -> Result<bool, StoreError> {
        match entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(StoreError(e.to_string())),
        }
    }
}

#[cfg(test)]
pub mod memory {
    //! A keyring in memory, for tests of what uses one.

    use std::cell::RefCell;
    use std::collections::HashMap;

    use super::{Secret, SecretStore, StoreError};

    #[derive(Default)]
    pub struct MemoryStore(RefCell<HashMap<String, String>>);

    impl SecretStore for MemoryStore {
        fn get(&self, account: &str) -> Result<Option<Secret>, StoreError> {
            Ok(self.0.borrow().get(account).map(|s| Secret::new(s.clone())))
        }
        fn set(&self, account: &str, secret: &Secret) -> Result<(), StoreError> {
            self.0
                .borrow_mut()
                .insert(account.into(), secret.expose().into());
            Ok(())
        }
        fn delete(&self, account: &str) -> Result<bool, StoreError> {
            Ok(self.0.borrow_mut().remove(account).is_some())
        }
    }
}
