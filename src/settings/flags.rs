//! From clap's values to the settings' own: the host layer the flags and their variables make,
//! and the enums they choose among.

use super::Sources;
use super::cloud::{Cloud, Layer, Region};
use super::credentials::AuthSource;
use crate::cli::{AuthSourceArg, CloudArg, GlobalArgs, RegionArg};

/// What the flags (and their variables) say about hosts.
pub fn flag_layer<'a>(g: &'a GlobalArgs, sources: &Sources) -> Layer<'a> {
    Layer {
        cloud: g.cloud.map(cloud_of),
        region: g.region.map(region_of),
        endpoint: g.endpoint.as_deref().map(|e| {
            (
                sources.label("endpoint", "--endpoint", "MDETAG_ENDPOINT"),
                e,
            )
        }),
        authority: g.authority_host.as_deref().map(|a| {
            (
                sources.label("authority_host", "--authority-host", "AZURE_AUTHORITY_HOST"),
                a,
            )
        }),
        graph: g.graph_endpoint.as_deref().map(|a| {
            (
                sources.label(
                    "graph_endpoint",
                    "--graph-endpoint",
                    "MDETAG_GRAPH_ENDPOINT",
                ),
                a,
            )
        }),
        allow: Some((
            sources.label("allow_host", "--allow-host", "MDETAG_ALLOW_HOST"),
            g.allow_host.as_slice(),
        )),
    }
}

fn cloud_of(c: CloudArg) -> Cloud {
    match c {
        CloudArg::Commercial => Cloud::Commercial,
        CloudArg::Gcc => Cloud::Gcc,
        CloudArg::GccHigh => Cloud::GccHigh,
        CloudArg::Dod => Cloud::Dod,
    }
}

fn region_of(r: RegionArg) -> Region {
    match r {
        RegionArg::Us => Region::Us,
        RegionArg::Eu => Region::Eu,
        RegionArg::Uk => Region::Uk,
        RegionArg::Au => Region::Au,
        RegionArg::Swa => Region::Swa,
        RegionArg::Ina => Region::Ina,
        RegionArg::Aea => Region::Aea,
    }
}

pub(super) fn auth_source(a: AuthSourceArg) -> AuthSource {
    match a {
        AuthSourceArg::Auto => AuthSource::Auto,
        AuthSourceArg::Token => AuthSource::Token,
        AuthSourceArg::Secret => AuthSource::Secret,
        AuthSourceArg::Certificate => AuthSource::Certificate,
        AuthSourceArg::Keyring => AuthSource::Keyring,
        AuthSourceArg::ManagedIdentity => AuthSource::ManagedIdentity,
        AuthSourceArg::AzureCli => AuthSource::AzureCli,
    }
}
