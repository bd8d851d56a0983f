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

/// How else to keep the config, for every message about its folder.
const FIX: &str = "set MDETAG_CONFIG to a file in a folder of your own";

/// How long a config write waits for another mdetag's (a login takes a second or two).
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The config's write lock, `<config>.lock`, held from reading the file to replacing it, so
/// that two logins at once both end in it.
pub struct ConfigLock(#[allow(dead_code)] std::fs::File);

impl ConfigLock {
    /// Waits (up to `LOCK_WAIT`) for the lock beside `path`, making its folder if need be.
    pub fn acquire(path: &Path) -> Result<ConfigLock> {
        if let Some(dir) = folder(path) {
            crate::files::private_dir(dir, "config folder", FIX)?;
        }
        let mut name = path.as_os_str().to_owned();
        name.push(".lock");
        let lock_path = PathBuf::from(name);
        let file = crate::files::open(&lock_path, crate::files::Open::Write)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        let deadline = std::time::Instant::now() + LOCK_WAIT;
        loop {
            match fs4::FileExt::try_lock(&file) {
                Ok(()) => return Ok(ConfigLock(file)),
                Err(fs4::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(fs4::TryLockError::WouldBlock) => anyhow::bail!(
                    "another mdetag process has held {} for over {} s; nothing was written",
                    lock_path.display(),
                    LOCK_WAIT.as_secs()
                ),
                Err(fs4::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
                }
            }
        }
    }
}

/// The folder the config is in, if the path names one.
fn folder(path: &Path) -> Option<&Path> {
    path.parent().filter(|d| !d.as_os_str().is_empty())
}

impl Config {
    /// The config at `path`, or an empty one if there is none yet; refused if it is in a folder
    /// that another user owns or others may write (they could point it anywhere).
    pub fn load(path: &Path) -> Result<Config> {
        if path.exists()
            && let Some(dir) = folder(path)
        {
            crate::files::check_folder(dir, "config folder", FIX)?;
        }
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("{} is not a valid mdetag config", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the whole file, readable by its owner only, through a temp file renamed over
    /// it. The caller holds the `ConfigLock` from its `load` to here.
    pub fn save(&self, path: &Path, _lock: &ConfigLock) -> Result<()> {
        if let Some(dir) = folder(path) {
            crate::files::private_dir(dir, "config folder", FIX)?;
        }
        let text = toml::to_string_pretty(self).context("cannot encode the config")?;
        crate::files::replace(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
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
        let lock = ConfigLock::acquire(&path).unwrap();
        c.save(&path, &lock).unwrap();
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

    #[cfg(unix)]
    #[test]
    fn a_config_in_a_folder_others_may_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let lock = ConfigLock::acquire(&path).unwrap();
        Config::default().save(&path, &lock).unwrap();
        drop(lock);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        for e in [
            Config::load(&path).unwrap_err(),
            ConfigLock::acquire(&path).err().unwrap(),
        ] {
            assert!(e.is::<crate::files::UnsafeFolder>(), "{e:#}");
            assert!(format!("{e:#}").contains("MDETAG_CONFIG"), "{e:#}");
        }
    }
}
