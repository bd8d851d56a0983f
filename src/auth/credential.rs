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
    /// Said once, on standard error, by whoever uses the certificate: the key file is
    /// readable by group or others.
    pub warning: Option<String>,
}

impl std::fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("path", &self.path)
            .field("x5t", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

/// A PEM certificate and key are a few KiB; more is not one.
const MAX_FILE: u64 = 1 << 20;

impl ClientCertificate {
    /// Reads a PEM file holding the certificate and its (unencrypted) private key, and refuses
    /// a certificate that is not valid now, or a key that is not the certificate's: Entra
    /// would refuse them with a vaguer message.
    pub fn load(path: &Path) -> Result<ClientCertificate> {
        let shown = crate::ui::text::display(&path.to_string_lossy()).into_owned();
        let (text, mode) = read_bounded(path, &shown)?;
        let blocks = pem::parse_many(&text).with_context(|| format!("{shown} is not PEM"))?;
        let cert = blocks
            .iter()
            .find(|b| b.tag() == "CERTIFICATE")
            .ok_or_else(|| anyhow!("{shown} has no CERTIFICATE block"))?;
        // PKCS#8 (`ENCRYPTED PRIVATE KEY`) and the legacy OpenSSL form (`Proc-Type: 4,ENCRYPTED`
        // and `DEK-Info` on an `RSA PRIVATE KEY` block) alike.
        let encrypted = |b: &pem::Pem| {
            b.tag().contains("ENCRYPTED")
                || b.headers()
                    .get("Proc-Type")
                    .is_some_and(|v| v.contains("ENCRYPTED"))
                || b.headers().get("DEK-Info").is_some()
        };
        if blocks
            .iter()
            .any(|b| b.tag().ends_with("PRIVATE KEY") && encrypted(b))
        {
            bail!(
                "{shown}: the private key is encrypted; mdetag needs it unencrypted (keep the file readable by you only):                  openssl pkey -in {shown} -out key.pem"
            );
        }
        let key = blocks
            .iter()
            .find(|b| matches!(b.tag(), "PRIVATE KEY" | "RSA PRIVATE KEY"))
            .ok_or_else(|| {
                anyhow!("{shown} has no private key (PRIVATE KEY or RSA PRIVATE KEY block)")
            })?;
        let (_, parsed) = x509_parser::parse_x509_certificate(cert.contents())
            .map_err(|e| anyhow!("{shown}: cannot parse the certificate: {e}"))?;
        let validity = parsed.validity();
        let not_after = validity.not_after.to_datetime().to_string();
        if !validity.is_valid() {
            let now = x509_parser::time::ASN1Time::now();
            if now > validity.not_after {
                bail!(
                    "the certificate {shown} expired on {not_after}; upload a new one to the app registration"
                );
            }
            bail!(
                "the certificate {shown} is not valid before {}",
                validity.not_before.to_datetime()
            );
        }
        use sha1::Digest;
        let thumbprint = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            sha1::Sha1::digest(cert.contents()),
        );
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(pem::encode(key).as_bytes())
            .map_err(|e| anyhow!("{shown}: the private key is not a usable RSA key: {e}"))?;
        if !key_matches(&key, &parsed) {
            bail!(
                "{shown}: the private key does not match the certificate (is it another certificate's key?);                  Entra would refuse every assertion signed with it"
            );
        }
        let warning = (mode & 0o044 != 0).then(|| {
            format!(
                "the certificate file {shown} is readable by group or others (mode {:o}) and holds the private key: chmod 600 {shown}",
                mode & 0o777
            )
        });
        Ok(ClientCertificate {
            path: path.to_path_buf(),
            thumbprint,
            not_after,
            key,
            warning,
        })
    }
}

/// Whether `key` is the private half of the certificate's public key: a signature made with
/// it is checked with the certificate's key, here, before Entra is asked.
fn key_matches(
    key: &jsonwebtoken::EncodingKey,
    cert: &x509_parser::certificate::X509Certificate,
) -> bool {
    use jsonwebtoken::{Algorithm, DecodingKey, crypto};
    let message = b"mdetag: is this the certificate's key?";
    let Ok(signature) = crypto::sign(message, key, Algorithm::RS256) else {
        return false;
    };
    let public = DecodingKey::from_rsa_der(&cert.public_key().subject_public_key.data);
    crypto::verify(&signature, message, &public, Algorithm::RS256).unwrap_or(false)
}

/// The file's bytes (at most `MAX_FILE`) and its permission bits. Opened without blocking
/// (a FIFO or a device must not hold the run) and refused unless it is a regular file.
fn read_bounded(path: &Path, shown: &str) -> Result<(Vec<u8>, u32)> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((OFlags::NONBLOCK | OFlags::NOCTTY).bits() as i32);
    }
    let file = options
        .open(path)
        .with_context(|| format!("cannot read the certificate {shown}"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read the certificate {shown}"))?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a directory"
        } else {
            "a pipe, socket or device"
        };
        bail!(
            "the certificate {shown} is not a regular file ({kind}); point AZURE_CLIENT_CERTIFICATE_PATH at the PEM file"
        );
    }
    let too_big = || {
        anyhow!(
            "the certificate {shown} is larger than 1 MiB: a PEM certificate and key are a few KiB"
        )
    };
    if meta.len() > MAX_FILE {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the certificate {shown}"))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big());
    }
    #[cfg(unix)]
    let mode = std::os::unix::fs::PermissionsExt::mode(&meta.permissions());
    #[cfg(not(unix))]
    let mode = 0o600;
    Ok((bytes, mode))
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

/// A credential that cannot be used for another resource: a bearer token given as is holds
/// one audience.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OneAudience(pub &'static str);

impl Credential {
    /// The same credential, for tokens of another resource (Microsoft Graph, say): the scope
    /// (or resource) changes, nothing else. A bearer token cannot serve two audiences.
    pub fn for_resource(&self, resource: &str) -> Result<Credential, OneAudience> {
        let mut other = self.clone();
        match &mut other {
            Credential::Bearer(_) => {
                return Err(OneAudience(
                    "MDETAG_TOKEN is a token for one audience (the Defender API) and cannot also run hunting queries through Graph: give --hunting-api mde, or a credential mdetag can ask tokens of (a secret, a certificate, a managed identity, the Azure CLI)",
                ));
            }
            Credential::ClientSecret { scope, .. } | Credential::Certificate { scope, .. } => {
                *scope = format!("{}/.default", resource.trim_end_matches('/'));
            }
            Credential::ManagedIdentity { resource: r, .. }
            | Credential::AzureCli { resource: r, .. } => {
                *r = resource.trim_end_matches('/').to_string();
            }
        }
        Ok(other)
    }

    /// The same app's credential for tokens of another tenant (a customer's, with the app
    /// consented there): only the tenant changes. A bearer token or a managed identity belongs
    /// to one tenant.
    pub fn for_tenant(&self, tenant: &str) -> Result<Credential, OneAudience> {
        let mut other = self.clone();
        match &mut other {
            Credential::ClientSecret { tenant_id, .. }
            | Credential::Certificate { tenant_id, .. } => {
                *tenant_id = tenant.to_string();
            }
            Credential::AzureCli { tenant_id, .. } => *tenant_id = Some(tenant.to_string()),
            Credential::Bearer(_) => {
                return Err(OneAudience(
                    "--tenants: MDETAG_TOKEN is a token for one tenant; a run over many tenants needs the app's secret (AZURE_CLIENT_SECRET or a profile's) or certificate",
                ));
            }
            Credential::ManagedIdentity { .. } => {
                return Err(OneAudience(
                    "--tenants: a managed identity belongs to one tenant; a run over many tenants needs a multi-tenant app's secret or certificate",
                ));
            }
        }
        Ok(other)
    }

    /// What its user should hear once about it: a certificate key others can read.
    pub fn warning(&self) -> Option<&str> {
        match self {
            Credential::Certificate { certificate, .. } => certificate.warning.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_resource_changes_the_scope_and_nothing_else() {
        let c = Credential::ClientSecret {
            authority: Url::parse("https://login.microsoftonline.com").unwrap(),
            tenant_id: "t".into(),
            client_id: "c".into(),
            secret: Secret::new("unit-for-resource"),
            scope: "https://api.securitycenter.microsoft.com/.default".into(),
        };
        match c.for_resource("https://graph.microsoft.com/").unwrap() {
            Credential::ClientSecret {
                scope, client_id, ..
            } => {
                assert_eq!(scope, "https://graph.microsoft.com/.default");
                assert_eq!(client_id, "c");
            }
            other => panic!("{other:?}"),
        }
        let cli = Credential::AzureCli {
            resource: "https://api.securitycenter.microsoft.com".into(),
            tenant_id: None,
        };
        match cli.for_resource("https://graph.microsoft.us").unwrap() {
            Credential::AzureCli { resource, .. } => {
                assert_eq!(resource, "https://graph.microsoft.us")
            }
            other => panic!("{other:?}"),
        }
        let e = Credential::Bearer(Secret::new("unit-bearer"))
            .for_resource("https://graph.microsoft.com")
            .unwrap_err();
        assert!(e.0.contains("--hunting-api mde"), "{e}");
    }
}
