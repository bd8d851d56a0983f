//! Profiles: the non-secret half of a login (tenant, app, cloud, endpoint), kept in a TOML file
//! in the platform's config directory, mode 0600. The secret lives in the OS keyring only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::cloud::{Cloud, Region};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub tenant_id: String,
    pub client_id: String,
    #[serde(default)]
    pub cloud: Cloud,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_host: Option<String>,
    /// Hosts trusted as the endpoint or authority although not the cloud's (`--allow-host`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_host: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// `MDETAG_CONFIG`, else `config.toml` in the platform's config directory
/// (`~/.config/mdetag` on Linux).
pub fn path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("MDETAG_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "mdetag")
        .context("no home directory to keep the config file in")?;
    Ok(dirs.config_dir().join("config.toml"))
}

impl Config {
    /// The config at `path`, or an empty one if there is none yet.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("{} is not a valid mdetag config", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the whole file, readable by its owner only.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let text = toml::to_string_pretty(self).context("cannot encode the config")?;
        let tmp = path.with_extension("toml.tmp");
        write_private(&tmp, text.as_bytes())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))
    }

    /// The profile to use: the one named, else the default. `Ok(None)`: no profile at all.
    pub fn select(&self, name: Option<&str>) -> Result<Option<(String, &Profile)>> {
        match name.or(self.default.as_deref()) {
            None => Ok(None),
            Some(n) => match self.profiles.get(n) {
                Some(p) => Ok(Some((n.to_string(), p))),
                None if name.is_some() => Err(crate::exit::UsageError(format!(
                    "--profile: no profile named '{n}' (known: {}); create it with `mdetag auth login --profile {n}`",
                    if self.profiles.is_empty() {
                        "none".to_string()
                    } else {
                        self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
                    }
                ))
                .into()),
                None => Ok(None),
            },
        }
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // An older file may have been created with a wider mode.
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_round_trip_in_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        let mut c = Config::default();
        c.profiles.insert(
            "gov".into(),
            Profile {
                tenant_id: "t".into(),
                client_id: "c".into(),
                cloud: Cloud::GccHigh,
                ..Default::default()
            },
        );
        c.default = Some("gov".into());
        c.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), c);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("cloud = \"gcc-high\""), "{text}");
        assert!(!text.to_lowercase().contains("secret"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        assert_eq!(c.select(None).unwrap().unwrap().0, "gov");
        assert!(
            c.select(Some("nope"))
                .unwrap_err()
                .to_string()
                .contains("auth login --profile nope")
        );
    }
}
