//! Microsoft clouds and regions: which API host, which sign-in host, which token scope.
//! From SPEC.md's table (Microsoft's "Supported Microsoft Defender for Endpoint APIs" and the
//! US Government pages).

use serde::{Deserialize, Serialize};
use url::Url;

use super::url::checked_url;
use crate::exit::UsageError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cloud {
    #[default]
    Commercial,
    Gcc,
    GccHigh,
    Dod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Us,
    Eu,
    Uk,
    Au,
    Swa,
    Ina,
}

impl Region {
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Uk => "uk",
            Region::Au => "au",
            Region::Swa => "swa",
            Region::Ina => "ina",
        }
    }
}

impl Cloud {
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Commercial => "commercial",
            Cloud::Gcc => "gcc",
            Cloud::GccHigh => "gcc-high",
            Cloud::Dod => "dod",
        }
    }

    /// The API base URL, regional where asked (regions exist in the commercial cloud only).
    pub fn endpoint(self, region: Option<Region>) -> Result<String, UsageError> {
        match (self, region) {
            (Cloud::Commercial, None) => Ok("https://api.security.microsoft.com".into()),
            (Cloud::Commercial, Some(r)) => {
                Ok(format!("https://{}.api.security.microsoft.com", r.as_str()))
            }
            (Cloud::Gcc, None) => Ok("https://api-gcc.securitycenter.microsoft.us".into()),
            (Cloud::GccHigh | Cloud::Dod, None) => {
                Ok("https://api-gov.securitycenter.microsoft.us".into())
            }
            (cloud, Some(r)) => Err(UsageError(format!(
                "--region {} exists only in the commercial cloud, not {}",
                r.as_str(),
                cloud.as_str()
            ))),
        }
    }

    /// Where tokens come from.
    pub fn authority(self) -> &'static str {
        match self {
            Cloud::Commercial | Cloud::Gcc => "https://login.microsoftonline.com",
            Cloud::GccHigh | Cloud::Dod => "https://login.microsoftonline.us",
        }
    }

    /// The resource tokens are issued for (scope: this + `/.default`).
    pub fn resource(self) -> &'static str {
        match self {
            Cloud::Commercial => "https://api.securitycenter.microsoft.com",
            Cloud::Gcc => "https://api-gcc.securitycenter.microsoft.us",
            Cloud::GccHigh | Cloud::Dod => "https://api-gov.securitycenter.microsoft.us",
        }
    }
}

/// One source of host settings: flags and their variables, or a profile. A URL carries the
/// label its errors name.
#[derive(Clone, Copy, Default)]
pub struct Layer<'a> {
    pub cloud: Option<Cloud>,
    pub region: Option<Region>,
    pub endpoint: Option<(&'a str, &'a str)>,
    pub authority: Option<(&'a str, &'a str)>,
}

/// The hosts a run talks to and the cloud they belong to.
#[derive(Clone, Debug)]
pub struct Hosts {
    pub cloud: Cloud,
    pub region: Option<Region>,
    pub endpoint: Url,
    pub authority: Url,
}

/// The one precedence rule: each setting from the first layer that has it, else the cloud's
/// default.
pub fn hosts(layers: &[Layer]) -> Result<Hosts, UsageError> {
    let cloud = layers.iter().find_map(|l| l.cloud).unwrap_or_default();
    let region = layers.iter().find_map(|l| l.region);
    let endpoint = match layers.iter().find_map(|l| l.endpoint) {
        Some((label, url)) => checked_url(label, url)?,
        None => checked_url("the cloud's endpoint", &cloud.endpoint(region)?)?,
    };
    let authority = match layers.iter().find_map(|l| l.authority) {
        Some((label, url)) => checked_url(label, url)?,
        None => checked_url("the cloud's authority", cloud.authority())?,
    };
    Ok(Hosts {
        cloud,
        region,
        endpoint,
        authority,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloud_has_its_hosts_and_scope() {
        assert_eq!(
            Cloud::Commercial.endpoint(None).unwrap(),
            "https://api.security.microsoft.com"
        );
        assert_eq!(
            Cloud::Commercial.endpoint(Some(Region::Eu)).unwrap(),
            "https://eu.api.security.microsoft.com"
        );
        assert_eq!(
            Cloud::Commercial.endpoint(Some(Region::Ina)).unwrap(),
            "https://ina.api.security.microsoft.com"
        );
        assert_eq!(
            Cloud::Gcc.endpoint(None).unwrap(),
            "https://api-gcc.securitycenter.microsoft.us"
        );
        assert_eq!(Cloud::Gcc.authority(), "https://login.microsoftonline.com");
        assert_eq!(
            Cloud::GccHigh.endpoint(None).unwrap(),
            "https://api-gov.securitycenter.microsoft.us"
        );
        assert_eq!(Cloud::Dod.authority(), "https://login.microsoftonline.us");
        assert_eq!(
            Cloud::Commercial.resource(),
            "https://api.securitycenter.microsoft.com"
        );
        assert_eq!(
            Cloud::GccHigh.resource(),
            "https://api-gov.securitycenter.microsoft.us"
        );
        assert!(
            Cloud::Dod
                .endpoint(Some(Region::Us))
                .unwrap_err()
                .0
                .contains("commercial")
        );
    }

    #[test]
    fn the_first_layer_that_says_wins() {
        let flags = Layer {
            endpoint: Some(("--endpoint", "http://127.0.0.1:9")),
            ..Layer::default()
        };
        let profile = Layer {
            cloud: Some(Cloud::GccHigh),
            endpoint: Some(("profile endpoint", "https://elsewhere.example")),
            ..Layer::default()
        };
        let h = hosts(&[flags, profile]).unwrap();
        assert_eq!(h.cloud, Cloud::GccHigh);
        assert_eq!(h.endpoint.as_str(), "http://127.0.0.1:9/");
        assert_eq!(h.authority.as_str(), "https://login.microsoftonline.us/");
        assert!(
            hosts(&[])
                .unwrap()
                .endpoint
                .as_str()
                .starts_with("https://api.security")
        );
    }
}
