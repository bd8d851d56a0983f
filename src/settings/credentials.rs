//! Where the credential comes from. First match wins (`auth status` names it):
//! `MDETAG_TOKEN`; `AZURE_CLIENT_SECRET`; a certificate (`AZURE_CLIENT_CERTIFICATE_PATH`); the
//! profile's secret in the OS keyring; and, only when asked with `--auth`, managed identity
//! (`IDENTITY_ENDPOINT`/`IDENTITY_HEADER`) or the Azure CLI.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, bail};
use url::Url;

use crate::auth::{
    ClientCertificate, Credential, KEYRING_SERVICE, SecretStore, keyring_account, profile_secret,
};

/// Which source `--auth` asks for (the module's first lines say what each reads); `Auto` is
/// the first available, in that order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthSource {
    #[default]
    Auto,
    Token,
    Secret,
    Certificate,
    Keyring,
    ManagedIdentity,
    AzureCli,
}

/// What the resolution needs from the settings.
pub struct Identity<'a> {
    pub tenant_id: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub authority: &'a Url,
    pub resource: &'a str,
    pub profile: Option<&'a str>,
}

/// The credential and, in words, where it came from.
pub struct Resolved {
    pub credential: Credential,
    pub source: String,
}

pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn resolve(
    choice: AuthSource,
    who: &Identity,
    env: Env,
    store: &dyn SecretStore,
) -> Result<Resolved> {
    use AuthSource::*;
    let want = |s: AuthSource| choice == Auto || choice == s;
    let app = || -> Result<(String, String)> {
        match (who.tenant_id, who.client_id) {
            (Some(t), Some(c)) => Ok((t.to_string(), c.to_string())),
            _ => bail!(
                "the tenant and client IDs are needed: set AZURE_TENANT_ID and AZURE_CLIENT_ID (or --tenant-id, --client-id), or log in with `mdetag auth login`"
            ),
        }
    };
    let scope = format!("{}/.default", who.resource);

    if want(Token) {
        if let Some(token) = env("MDETAG_TOKEN") {
            return Ok(Resolved {
                credential: Credential::Bearer(crate::auth::Secret::new(token.trim())),
                source: "MDETAG_TOKEN (bearer token used as is)".into(),
            });
        } else if choice == Token {
            bail!("--auth token: MDETAG_TOKEN is not set");
        }
    }
    if want(Secret) {
        if let Some(secret) = env("AZURE_CLIENT_SECRET") {
            let (tenant_id, client_id) = app()?;
            return Ok(Resolved {
                credential: Credential::ClientSecret {
                    authority: who.authority.clone(),
                    tenant_id,
                    client_id,
                    secret: crate::auth::Secret::new(secret),
                    scope,
                },
                source: "client secret from AZURE_CLIENT_SECRET".into(),
            });
        } else if choice == Secret {
            bail!("--auth secret: AZURE_CLIENT_SECRET is not set");
        }
    }
    if want(Certificate) {
        if let Some(path) = env("AZURE_CLIENT_CERTIFICATE_PATH") {
            let (tenant_id, client_id) = app()?;
            let certificate = Arc::new(ClientCertificate::load(Path::new(&path))?);
            let source = format!(
                "certificate {path} (x5t {}, valid until {})",
                certificate.thumbprint, certificate.not_after
            );
            return Ok(Resolved {
                credential: Credential::Certificate {
                    authority: who.authority.clone(),
                    tenant_id,
                    client_id,
                    certificate,
                    scope,
                },
                source,
            });
        } else if choice == Certificate {
            bail!("--auth certificate: AZURE_CLIENT_CERTIFICATE_PATH is not set");
        }
    }
    let mut keyring_problem = None;
    if want(Keyring) {
        match (who.tenant_id, who.client_id) {
            (Some(tenant_id), Some(client_id)) => {
                let account =
                    keyring_account(who.profile.unwrap_or("default"), tenant_id, client_id);
                match profile_secret(store, who.profile, tenant_id, client_id) {
                    Ok(Some((secret, account))) => {
                        let profile = who
                            .profile
                            .map(|p| format!("profile '{p}', "))
                            .unwrap_or_default();
                        return Ok(Resolved {
                            credential: Credential::ClientSecret {
                                authority: who.authority.clone(),
                                tenant_id: tenant_id.into(),
                                client_id: client_id.into(),
                                secret,
                                scope,
                            },
                            source: format!(
                                "OS keyring ({profile}service {KEYRING_SERVICE}, account {account})"
                            ),
                        });
                    }
                    Ok(None) => {
                        keyring_problem =
                            Some(format!("the OS keyring has no secret for {account}"))
                    }
                    Err(e) => {
                        keyring_problem = Some(format!("the OS keyring could not be read: {e}"))
                    }
                }
            }
            _ if choice == Keyring => return app().map(|_| unreachable!()),
            _ => {}
        }
        if choice == Keyring {
            bail!(
                "--auth keyring: {}; store one with `mdetag auth login`",
                keyring_problem.unwrap_or_default()
            );
        }
    }
    if choice == ManagedIdentity {
        let (Some(endpoint), Some(header)) = (env("IDENTITY_ENDPOINT"), env("IDENTITY_HEADER"))
        else {
            bail!(
                "--auth managed-identity: IDENTITY_ENDPOINT and IDENTITY_HEADER are not set (they are, inside Azure App Service, Functions and Automation)"
            );
        };
        let endpoint = super::url::checked_url("IDENTITY_ENDPOINT", &endpoint)?;
        return Ok(Resolved {
            source: format!("managed identity at {}", endpoint.as_str()),
            credential: Credential::ManagedIdentity {
                endpoint,
                header: crate::auth::Secret::new(header),
                resource: who.resource.into(),
                client_id: who.client_id.map(str::to_string),
            },
        });
    }
    if choice == AzureCli {
        return Ok(Resolved {
            credential: Credential::AzureCli {
                resource: who.resource.into(),
                tenant_id: who.tenant_id.map(str::to_string),
            },
            source: "Azure CLI (az account get-access-token)".into(),
        });
    }
    let mut msg = String::from(
        "no credentials: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) for an app with Machine.ReadWrite.All, \
         store a secret once with `mdetag auth login`, or set MDETAG_TOKEN; --auth managed-identity and --auth azure-cli are also available",
    );
    if let Some(p) = keyring_problem {
        msg.push_str(&format!(" ({p})"));
    }
    msg.push_str(". To try mdetag without a tenant, add --sandbox.");
    bail!(msg)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::auth::keyring_memory::MemoryStore;

    fn source(choice: AuthSource, vars: &[(&str, &str)], store: &MemoryStore) -> Result<String> {
        let authority = Url::parse("https://login.microsoftonline.com").unwrap();
        let who = Identity {
            tenant_id: Some("t"),
            client_id: Some("c"),
            authority: &authority,
            resource: "https://api.securitycenter.microsoft.com",
            profile: Some("p"),
        };
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |k: &str| vars.get(k).cloned();
        resolve(choice, &who, &env, store).map(|r| r.source)
    }

    #[test]
    fn the_first_available_source_wins_in_order() {
        let store = MemoryStore::default();
        store
            .set("t/c", &crate::auth::Secret::new("unit-kept-secret"))
            .unwrap();
        let all = [
            ("MDETAG_TOKEN", "unit-token"),
            ("AZURE_CLIENT_SECRET", "unit-secret"),
        ];
        assert!(
            source(AuthSource::Auto, &all, &store)
                .unwrap()
                .starts_with("MDETAG_TOKEN")
        );
        assert!(
            source(AuthSource::Auto, &all[1..], &store)
                .unwrap()
                .contains("AZURE_CLIENT_SECRET")
        );
        // The entry shared by every profile of the app (mdetag 0.1's) still serves, and a
        // profile's own goes first.
        assert!(
            source(AuthSource::Auto, &[], &store)
                .unwrap()
                .contains("OS keyring (profile 'p', service mdetag, account t/c)")
        );
        store
            .set("p/t/c", &crate::auth::Secret::new("unit-own-secret"))
            .unwrap();
        assert!(
            source(AuthSource::Auto, &[], &store)
                .unwrap()
                .contains("OS keyring (profile 'p', service mdetag, account p/t/c)")
        );
        // Forcing a source skips the ones before it.
        assert!(
            source(AuthSource::Keyring, &all, &store)
                .unwrap()
                .contains("OS keyring")
        );
        // Managed identity and the Azure CLI are opt-in only.
        let mi = [
            ("IDENTITY_ENDPOINT", "http://127.0.0.1:41000/msi/token"),
            ("IDENTITY_HEADER", "unit-header"),
        ];
        assert!(
            source(AuthSource::Auto, &mi, &MemoryStore::default())
                .unwrap_err()
                .to_string()
                .contains("no credentials")
        );
        assert!(
            source(AuthSource::ManagedIdentity, &mi, &store)
                .unwrap()
                .starts_with("managed identity")
        );
        assert!(
            source(AuthSource::AzureCli, &[], &store)
                .unwrap()
                .starts_with("Azure CLI")
        );
    }

    #[test]
    fn forced_sources_say_what_is_missing() {
        let empty = MemoryStore::default();
        assert!(
            source(AuthSource::Secret, &[], &empty)
                .unwrap_err()
                .to_string()
                .contains("AZURE_CLIENT_SECRET is not set")
        );
        assert!(
            source(AuthSource::Keyring, &[], &empty)
                .unwrap_err()
                .to_string()
                .contains("no secret for p/t/c")
        );
        assert!(
            source(AuthSource::ManagedIdentity, &[], &empty)
                .unwrap_err()
                .to_string()
                .contains("IDENTITY_ENDPOINT")
        );
        let remote = [
            ("IDENTITY_ENDPOINT", "http://10.0.0.1/msi"),
            ("IDENTITY_HEADER", "unit-header"),
        ];
        assert!(
            source(AuthSource::ManagedIdentity, &remote, &empty).is_err(),
            "plain http only to loopback"
        );
    }
}
