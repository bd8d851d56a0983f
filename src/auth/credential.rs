//! How mdetag proves who it is: the credential kinds, and certificates read from PEM files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use url::Url;

use super::Secret;

/// A certificate and its private key, ready to sign client assertions.
pub struct ClientCertificate {
    pub path: PathBuf,
    /// base64url SHA-1 of the certificate: the `x5t` header Entra matches to the app's key.
    pub thumbprint: String,
    pub not_after: String,
    pub key: jsonwebtoken::EncodingKey,
}

impl std::fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("path", &self.path)
            .field("x5t", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

impl ClientCertificate {
    /// Reads a PEM file holding the certificate and its (unencrypted) private key, and refuses
    /// a certificate that is not valid now: Entra would refuse it with a vaguer message.
    pub fn load(path: &Path) -> Result<ClientCertificate> {
        let text = std::fs::read(path)
            .with_context(|| format!("cannot read the certificate {}", path.display()))?;
        let blocks =
            pem::parse_many(&text).with_context(|| format!("{} is not PEM", path.display()))?;
        let cert = blocks
            .iter()
            .find(|b| b.tag() == "CERTIFICATE")
            .ok_or_else(|| anyhow!("{} has no CERTIFICATE block", path.display()))?;
        if blocks.iter().any(|b| b.tag() == "ENCRYPTED PRIVATE KEY") {
            bail!(
                "{}: the private key is encrypted; mdetag needs it unencrypted (keep the file readable by you only)",
                path.display()
            );
        }
        let key = blocks
            .iter()
            .find(|b| matches!(b.tag(), "PRIVATE KEY" | "RSA PRIVATE KEY"))
            .ok_or_else(|| {
                anyhow!(
                    "{} has no private key (PRIVATE KEY or RSA PRIVATE KEY block)",
                    path.display()
                )
            })?;
        let (_, parsed) = x509_parser::parse_x509_certificate(cert.contents())
            .map_err(|e| anyhow!("{}: cannot parse the certificate: {e}", path.display()))?;
        let validity = parsed.validity();
        let not_after = validity.not_after.to_datetime().to_string();
        if !validity.is_valid() {
            let now = x509_parser::time::ASN1Time::now();
            if now > validity.not_after {
                bail!(
                    "the certificate {} expired on {not_after}; upload a new one to the app registration",
                    path.display()
                );
            }
            bail!(
                "the certificate {} is not valid before {}",
                path.display(),
                validity.not_before.to_datetime()
            );
        }
        use sha1::Digest;
        let thumbprint = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            sha1::Sha1::digest(cert.contents()),
        );
        let key =
            jsonwebtoken::EncodingKey::from_rsa_pem(pem::encode(key).as_bytes()).map_err(|e| {
                anyhow!(
                    "{}: the private key is not a usable RSA key: {e}",
                    path.display()
                )
            })?;
        Ok(ClientCertificate {
            path: path.to_path_buf(),
            thumbprint,
            not_after,
            key,
        })
    }
}

/// How mdetag proves who it is.
#[derive(Clone, Debug)]
pub enum Credential {
    /// A bearer token used as is; it cannot be renewed.
    Bearer(Secret),
    /// Client credentials grant with a secret.
    ClientSecret {
        authority: Url,
        tenant_id: String,
        client_id: String,
        secret: Secret,
        scope: String,
    },
    /// Client credentials grant with a signed client assertion.
    Certificate {
        authority: Url,
        tenant_id: String,
        client_id: String,
        certificate: Arc<ClientCertificate>,
        scope: String,
    },
    /// Azure's managed identity endpoint (App Service, Functions, Automation).
    ManagedIdentity {
        endpoint: Url,
        header: Secret,
        resource: String,
        client_id: Option<String>,
    },
    /// `az account get-access-token`.
    AzureCli {
        resource: String,
        tenant_id: Option<String>,
    },
}
