//! Microsoft clouds and regions: which API host, which sign-in host, which token scope.
//! From SPEC.md's table (Microsoft's "Supported Microsoft Defender for Endpoint APIs" and the
//! US Government pages).

use serde::{Deserialize, Serialize};
use url::Url;

use super::url::checked_url;
use crate::exit::UsageError;
use crate::ui::text::printable;

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
    Aea,
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
            Region::Aea => "aea",
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

impl Cloud {
    /// Microsoft Graph for the cloud: its host, which is also the resource its tokens are
    /// issued for (scope: this + `/.default`; it does not follow `--graph-endpoint`).
    pub fn graph(self) -> &'static str {
        match self {
            Cloud::Commercial | Cloud::Gcc => "https://graph.microsoft.com",
            Cloud::GccHigh => "https://graph.microsoft.us",
            Cloud::Dod => "https://dod-graph.microsoft.us",
        }
    }

    /// The Graph hosts of the cloud.
    fn graph_hosts(self) -> &'static [&'static str] {
        match self {
            Cloud::Commercial | Cloud::Gcc => &["graph.microsoft.com"],
            Cloud::GccHigh => &["graph.microsoft.us"],
            Cloud::Dod => &["dod-graph.microsoft.us"],
        }
    }

    /// The API hosts of the cloud (SPEC's table): every regional host, whatever `--region`.
    fn api_hosts(self) -> &'static [&'static str] {
        match self {
            Cloud::Commercial => &[
                "api.security.microsoft.com",
                "us.api.security.microsoft.com",
                "eu.api.security.microsoft.com",
                "uk.api.security.microsoft.com",
                "au.api.security.microsoft.com",
                "swa.api.security.microsoft.com",
                "ina.api.security.microsoft.com",
                "aea.api.security.microsoft.com",
            ],
            Cloud::Gcc => &["api-gcc.securitycenter.microsoft.us"],
            Cloud::GccHigh | Cloud::Dod => &["api-gov.securitycenter.microsoft.us"],
        }
    }

    fn sign_in_hosts(self) -> &'static [&'static str] {
        match self {
            Cloud::Commercial | Cloud::Gcc => &["login.microsoftonline.com"],
            Cloud::GccHigh | Cloud::Dod => &["login.microsoftonline.us"],
        }
    }
}

/// One source of host settings: flags and their variables, or a profile. A URL, and the hosts
/// allowed beyond the cloud's, carry the label their errors name.
#[derive(Clone, Copy, Default)]
pub struct Layer<'a> {
    pub cloud: Option<Cloud>,
    pub region: Option<Region>,
    pub endpoint: Option<(&'a str, &'a str)>,
    pub authority: Option<(&'a str, &'a str)>,
    pub graph: Option<(&'a str, &'a str)>,
    pub allow: Option<(&'a str, &'a [String])>,
}

/// The hosts a run talks to and the cloud they belong to.
#[derive(Clone, Debug)]
pub struct Hosts {
    pub cloud: Cloud,
    pub region: Option<Region>,
    pub endpoint: Url,
    pub authority: Url,
    /// Microsoft Graph, for hunting queries.
    pub graph: Url,
    /// One line for each host used only because an allow list names it.
    pub warnings: Vec<String>,
}

/// The one precedence rule: each setting from the first layer that has it, else the cloud's
/// default. Then each host must be the cloud's own, loopback, or named by an allow list of
/// any layer: the secret and the token go where these point (issue 15).
pub fn hosts(layers: &[Layer]) -> Result<Hosts, UsageError> {
    let cloud = layers.iter().find_map(|l| l.cloud).unwrap_or_default();
    let region = layers.iter().find_map(|l| l.region);
    let (endpoint_label, endpoint) = match layers.iter().find_map(|l| l.endpoint) {
        Some((label, url)) => (label, checked_url(label, url)?),
        None => (
            "the cloud's endpoint",
            checked_url("the cloud's endpoint", &cloud.endpoint(region)?)?,
        ),
    };
    let (authority_label, authority) = match layers.iter().find_map(|l| l.authority) {
        Some((label, url)) => (label, checked_url(label, url)?),
        None => (
            "the cloud's authority",
            checked_url("the cloud's authority", cloud.authority())?,
        ),
    };
    let (graph_label, graph) = match layers.iter().find_map(|l| l.graph) {
        Some((label, url)) => (label, checked_url(label, url)?),
        None => (
            "the cloud's Graph host",
            checked_url("the cloud's Graph host", cloud.graph())?,
        ),
    };
    let allowed = allowed_hosts(layers)?;
    let mut warnings = Vec::new();
    for (label, url, known, what) in [
        (endpoint_label, &endpoint, cloud.api_hosts(), "API hosts"),
        (
            authority_label,
            &authority,
            cloud.sign_in_hosts(),
            "sign-in hosts",
        ),
        (graph_label, &graph, cloud.graph_hosts(), "Graph hosts"),
    ] {
        let host = url.host_str().unwrap_or_default();
        if super::url::is_loopback(url) || known.contains(&host) {
            continue;
        }
        let shown = crate::ui::text::display(host);
        let not_known = format!(
            "{shown} is not one of the {} cloud's {what} ({})",
            cloud.as_str(),
            known.join(", ")
        );
        match allowed.iter().find(|(h, _)| h == host) {
            Some((_, by)) => warnings.push(format!(
                "{label}: {not_known}; it is used because {by} names it"
            )),
            None => {
                return Err(UsageError(format!(
                    "{label} '{}': {not_known} nor loopback; the secret or token would go there. \
                     If you trust it, add --allow-host {shown} (or MDETAG_ALLOW_HOST, or allow_host in the profile)",
                    printable(url.as_str())
                )));
            }
        }
    }
    Ok(Hosts {
        cloud,
        region,
        endpoint,
        authority,
        graph,
        warnings,
    })
}

/// Every host an allow list names, as a URL spells it (lower case, punycode), with the label
/// of the list. An entry that is a URL rather than a host is refused.
fn allowed_hosts(layers: &[Layer]) -> Result<Vec<(String, String)>, UsageError> {
    let mut out = Vec::new();
    for (label, entries) in layers.iter().filter_map(|l| l.allow) {
        for entry in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            let bad = |why: &str| UsageError(format!("{label} '{}': {why}", printable(entry)));
            if entry.contains("://") || entry.contains('/') || entry.contains('@') {
                return Err(bad(
                    "a host name, not a URL (for example api.contoso.example)",
                ));
            }
            let host = if entry.contains(':') && !entry.starts_with('[') {
                url::Host::parse(&format!("[{entry}]"))
            } else {
                url::Host::parse(entry)
            }
            .map_err(|e| bad(&format!("not a host name: {e}")))?;
            out.push((host.to_string(), label.to_string()));
        }
    }
    Ok(out)
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
    fn graph_is_the_clouds_own_and_aea_is_a_region() {
        assert_eq!(Cloud::Commercial.graph(), "https://graph.microsoft.com");
        assert_eq!(Cloud::Gcc.graph(), "https://graph.microsoft.com");
        assert_eq!(Cloud::GccHigh.graph(), "https://graph.microsoft.us");
        assert_eq!(Cloud::Dod.graph(), "https://dod-graph.microsoft.us");
        assert_eq!(
            Cloud::Commercial.endpoint(Some(Region::Aea)).unwrap(),
            "https://aea.api.security.microsoft.com"
        );
        let h = hosts(&[Layer {
            cloud: Some(Cloud::Dod),
            ..Layer::default()
        }])
        .unwrap();
        assert_eq!(h.graph.as_str(), "https://dod-graph.microsoft.us/");
        // A Graph endpoint elsewhere gets the token: the allow-host rule holds for it too.
        let graph = |url: &'static str, allow: &'static [String]| {
            hosts(&[Layer {
                graph: Some(("--graph-endpoint", url)),
                allow: Some(("--allow-host", allow)),
                ..Layer::default()
            }])
        };
        assert!(graph("http://127.0.0.1:9", &[]).is_ok());
        let e = graph("https://graph.evil.example", &[]).unwrap_err().0;
        assert!(
            e.starts_with("--graph-endpoint 'https://graph.evil.example/'"),
            "{e}"
        );
        assert!(e.contains("Graph hosts (graph.microsoft.com)"), "{e}");
        static ALLOW: std::sync::LazyLock<Vec<String>> =
            std::sync::LazyLock::new(|| vec!["graph.evil.example".to_string()]);
        let h = graph("https://graph.evil.example", &ALLOW).unwrap();
        assert_eq!(h.warnings.len(), 1, "{:?}", h.warnings);
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

    #[test]
    fn hosts_outside_the_cloud_need_an_allow_list_that_names_them() {
        let endpoint = |url: &'static str, allow: &'static [String]| {
            hosts(&[Layer {
                endpoint: Some(("--endpoint", url)),
                allow: Some(("--allow-host", allow)),
                ..Layer::default()
            }])
        };
        for ok in [
            "https://api.security.microsoft.com",
            "https://EU.api.security.microsoft.com/",
            "https://aea.api.security.microsoft.com",
            "http://127.0.0.1:9",
            "http://[::1]:9",
            "http://localhost:9",
        ] {
            let h = endpoint(ok, &[]).unwrap();
            assert!(h.warnings.is_empty(), "{ok}");
        }
        for bad in [
            "https://api.security.microsoft.com.evil.example",
            "https://evil.example/api.security.microsoft.com",
            "https://\u{430}pi.security.microsoft.com",
            "https://api-gov.securitycenter.microsoft.us",
            "https://login.microsoftonline.com",
            "https://xapi.security.microsoft.com",
        ] {
            let e = endpoint(bad, &[]).unwrap_err().0;
            assert!(e.contains("--allow-host"), "{bad}: {e}");
        }
        static ALLOW: std::sync::LazyLock<Vec<String>> =
            std::sync::LazyLock::new(|| vec![" Evil.Example ".into()]);
        let h = endpoint("https://evil.example", &ALLOW).unwrap();
        assert_eq!(h.warnings.len(), 1);
        assert!(
            h.warnings[0].contains("evil.example is not one of"),
            "{:?}",
            h.warnings
        );
    }
}
