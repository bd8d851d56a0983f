//! mde-sim: serve the Defender API simulator on a loopback port.

#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use mde_sim::{App, SimConfig, Simulator, TenantSpec, UnknownInBatch, parse_limits};

/// A local stand-in for the Microsoft Defender for Endpoint machine API and the Entra token
/// endpoint, for trying and testing mdetag without a tenant.
///
/// It enforces what the real service does: client-credentials tokens that expire, case-sensitive
/// body parameters, MDE error bodies, per-application rolling-window rate limits answered with
/// 429 and Retry-After, and deflate responses. It can add latency, 503s and dropped connections.
///
/// Routes: POST /{tenant}/oauth2/v2.0/token (and /oauth2/token, v1); GET /api/machines
/// ($filter, $top, $skip, @odata.nextLink); GET /api/machines/{id}; PATCH /api/machines/{id};
/// POST /api/machines/{id}/tags; POST /api/machines/{id}/setDeviceValue;
/// POST /api/machines/AddOrRemoveTagForMultipleMachines; GET /api/machines/findbytag.
/// Advanced hunting over a DeviceInfo table built from the machines, in a KQL subset:
/// POST /v1.0/security/runHuntingQuery (Microsoft Graph; tokens for https://graph.microsoft.com)
/// and POST /api/advancedqueries/run (the MDE API), with rate limits of their own.
/// Inspection (no auth, not logged): GET /_sim/machines (current state), GET /_sim/calls (every
/// call with its time, status and fault).
///
/// Several tenants (--tenants, --tenant, --refuse-tenant), as in Microsoft's partner model: the
/// one app is consented in each, gets a token per tenant at /{tenant}/oauth2/v2.0/token, and a
/// token sees its tenant's machines only; each tenant has its own machines and its own rate
/// windows. GET /_sim/tenants lists them; /_sim/machines and /_sim/calls take ?tenant=ID.
///
/// With --state-file the machines (tags, device values) outlive the process: a restart on the
/// same file finds them as they were left.
///
/// The client secret the simulator accepts is MDE_SIM_CLIENT_SECRET, or the sandbox's public
/// one, `mde-sim-sandbox-secret`, when that is unset.
/// What the batch call does with machine IDs it does not know (the simulator's
/// `UnknownInBatch`, named for the command line).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Unknown {
    /// The whole call fails with 404 ResourceNotFound and nothing is applied.
    NotFound,
    /// The known machines are updated and returned; the unknown ones are left out.
    Omit,
}

#[derive(Debug, Parser)]
#[command(name = "mde-sim", version)]
struct Args {
    /// Loopback address to listen on (port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Seed for the generated fleet (same seed, same machine IDs)
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of machines in the fleet
    #[arg(long, default_value_t = 50)]
    machines: usize,
    /// Latency added to every API call, in milliseconds
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Up to this many more milliseconds of random latency
    #[arg(long, default_value_t = 0)]
    latency_jitter_ms: u64,
    /// Share of API calls answered 503 (0.0 to 1.0)
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Share of API calls whose connection is closed without an answer (0.0 to 1.0)
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Share of API calls carried out whose connection is then closed before the answer
    /// (0.0 to 1.0): the change is made, the caller never hears of it
    #[arg(long, default_value_t = 0.0)]
    lost_answer_rate: f64,
    /// Lifetime of issued tokens, in seconds
    #[arg(long, default_value_t = 3600)]
    token_ttl: u64,
    /// Rate limits per application, N/DURATION[,...], or 'none'
    #[arg(long, default_value = "100/1m,1500/1h")]
    rate_limit: String,
    /// What the batch call does with unknown machine IDs (undocumented by Microsoft)
    #[arg(long, value_enum, default_value_t = Unknown::NotFound)]
    unknown_in_batch: Unknown,
    /// Tenant ID of the registered application (the one tenant served, or the first of
    /// --tenants)
    #[arg(long, default_value = mde_sim::SANDBOX_TENANT)]
    tenant_id: String,
    /// Serve N tenants, each with --machines machines of its own and the app consented: the
    /// first is --tenant-id, the others get IDs in the sandbox's pattern (...-00000000a002,
    /// ...-00000000a003, ...), the same every run
    #[arg(long, value_name = "N", conflicts_with = "tenant")]
    tenants: Option<usize>,
    /// Serve this tenant, with --machines machines and the app consented (repeatable; the
    /// first is the default tenant)
    #[arg(long, value_name = "ID")]
    tenant: Vec<String>,
    /// Keep every tenant's machines in this file between runs: read at start when it exists,
    /// written (atomically, owner-only) after every change
    #[arg(long, value_name = "PATH")]
    state_file: Option<std::path::PathBuf>,
    /// This tenant has not consented to the app: its token endpoint answers Entra's 400
    /// unauthorized_client AADSTS700016 (repeatable; a tenant not otherwise served is added)
    #[arg(long, value_name = "ID")]
    refuse_tenant: Vec<String>,
    /// Client ID of the registered application
    #[arg(long, default_value = mde_sim::SANDBOX_CLIENT)]
    client_id: String,
    /// Application roles in issued tokens (comma-separated)
    #[arg(
        long,
        default_value = "Machine.ReadWrite.All,Machine.Read.All,AdvancedQuery.Read.All,ThreatHunting.Read.All",
        value_delimiter = ','
    )]
    roles: Vec<String>,
    /// Never compress responses
    #[arg(long)]
    no_deflate: bool,
    /// Most machines in one page of the list call
    #[arg(long, default_value_t = 10_000)]
    page_size: usize,
    /// A certificate (PEM file) registered on the app: client assertions signed with its key
    /// are accepted
    #[arg(long, value_name = "PEM")]
    certificate: Option<std::path::PathBuf>,
    /// Serve a managed identity endpoint at /msi/token; its X-IDENTITY-HEADER value comes from
    /// MDE_SIM_IDENTITY_HEADER
    #[arg(long)]
    managed_identity: bool,
    /// Share of machines a batch tag call returns unchanged (0.0 to 1.0)
    #[arg(long, default_value_t = 0.0)]
    stale_batch_rate: f64,
    /// Rate limits of the hunting calls (both APIs) per application, N/DURATION[,...], or
    /// 'none'; apart from --rate-limit
    #[arg(long, default_value = "45/1m,1500/1h")]
    hunting_rate_limit: String,
    /// Most rows a hunting result has; a longer one is cut to this many without a word
    #[arg(long, default_value_t = 100_000)]
    hunting_row_cap: usize,
    /// Graph refuses the hunting query (403) even with ThreatHunting.Read.All, so a client
    /// falls back to the MDE API
    #[arg(long)]
    graph_refuses: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let rate_limits = match parse_limits(&args.rate_limit) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mde-sim: --rate-limit: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let hunting_rate_limits = match parse_limits(&args.hunting_rate_limit) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mde-sim: --hunting-rate-limit: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let certificate_pem = match &args.certificate {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) => {
                eprintln!("mde-sim: --certificate {}: {e}", path.display());
                return std::process::ExitCode::from(2);
            }
        },
        None => None,
    };
    let tenants = match tenants(&args) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mde-sim: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let identity_header = args.managed_identity.then(|| {
        std::env::var("MDE_SIM_IDENTITY_HEADER").unwrap_or_else(|_| "mde-sim-identity".into())
    });
    let config = SimConfig {
        seed: args.seed,
        machines: args.machines,
        latency: Duration::from_millis(args.latency_ms),
        latency_jitter: Duration::from_millis(args.latency_jitter_ms),
        error_rate: args.error_rate,
        drop_rate: args.drop_rate,
        lost_answer_rate: args.lost_answer_rate,
        token_ttl: Duration::from_secs(args.token_ttl),
        rate_limits,
        apps: vec![App {
            tenant_id: args.tenant_id.clone(),
            client_id: args.client_id.clone(),
            client_secret: std::env::var("MDE_SIM_CLIENT_SECRET")
                .unwrap_or_else(|_| mde_sim::SANDBOX_SECRET.into()),
            roles: args.roles,
            certificate_pem,
        }],
        unknown_in_batch: match args.unknown_in_batch {
            Unknown::NotFound => UnknownInBatch::NotFound,
            Unknown::Omit => UnknownInBatch::Omit,
        },
        deflate: !args.no_deflate,
        page_size: args.page_size.max(1),
        stale_batch_rate: args.stale_batch_rate,
        identity_header,
        hunting_rate_limits,
        hunting_row_cap: args.hunting_row_cap,
        graph_hunting_refused: args.graph_refuses,
        tenants,
        state_file: args.state_file.clone(),
        state_writer: None,
    };
    let sim = match Simulator::start(config, args.listen).await {
        Ok(s) => s,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
            ) =>
        {
            eprintln!("mde-sim: {e}");
            return std::process::ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("mde-sim: cannot listen on {}: {e}", args.listen);
            return std::process::ExitCode::from(1);
        }
    };
    // The simulator's own secret: worth nothing outside it, so it is printed like the rest.
    let secret =
        std::env::var("MDE_SIM_CLIENT_SECRET").unwrap_or_else(|_| mde_sim::SANDBOX_SECRET.into());
    println!("mde-sim listening on {}", sim.url());
    println!(
        "  export MDETAG_ENDPOINT={0} MDETAG_GRAPH_ENDPOINT={0} AZURE_AUTHORITY_HOST={0}",
        sim.url()
    );
    // The default tenant: the first that has consented to the app.
    let tenants = &sim.config().tenants;
    let tenant_id = tenants
        .iter()
        .find(|t| !t.refuses_apps)
        .or(tenants.first())
        .map_or(args.tenant_id.as_str(), |t| t.tenant_id.as_str());
    println!(
        "  export AZURE_TENANT_ID={tenant_id} AZURE_CLIENT_ID={}",
        args.client_id
    );
    println!("  export AZURE_CLIENT_SECRET={secret}");
    let (consenting, refusing): (Vec<_>, Vec<_>) = tenants.iter().partition(|t| !t.refuses_apps);
    let ids = |list: &[&TenantSpec]| {
        list.iter()
            .map(|t| t.tenant_id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !consenting.is_empty() {
        // As many as asked for, or (read from --state-file) as many as each had.
        let counts: std::collections::BTreeSet<usize> = consenting
            .iter()
            .filter_map(|t| sim.machines_in(&t.tenant_id).map(|m| m.len()))
            .collect();
        let size = match counts.first() {
            Some(n) if counts.len() == 1 => format!(", {n} machines each"),
            _ => String::new(),
        };
        println!(
            "  tenants ({}{size}; the app is consented in each): {}",
            consenting.len(),
            ids(&consenting)
        );
    }
    if !refusing.is_empty() {
        println!(
            "  tenants refusing the app (AADSTS700016): {}",
            ids(&refusing)
        );
    }
    if let Some(path) = &args.state_file {
        println!("  state kept in {}", path.display());
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    std::process::ExitCode::SUCCESS
}

/// The tenants the flags ask for: none (one tenant, `--tenant-id`, as before) unless
/// `--tenants`, `--tenant` or `--refuse-tenant` is given.
fn tenants(args: &Args) -> Result<Vec<TenantSpec>, String> {
    let mut ids: Vec<String> = match args.tenants {
        Some(0) => return Err("--tenants: at least 1".into()),
        Some(n) => std::iter::once(args.tenant_id.clone())
            .chain((2..=n).map(mde_sim::sandbox_tenant))
            .collect(),
        None => args.tenant.clone(),
    };
    if ids.is_empty() && !args.refuse_tenant.is_empty() {
        ids.push(args.tenant_id.clone());
    }
    let mut tenants: Vec<TenantSpec> = ids
        .into_iter()
        .map(|id| TenantSpec::new(id, args.machines))
        .collect();
    for id in &args.refuse_tenant {
        match tenants
            .iter_mut()
            .find(|t| t.tenant_id.eq_ignore_ascii_case(id))
        {
            Some(t) => t.refuses_apps = true,
            None => tenants.push(TenantSpec::new(id.clone(), args.machines).refusing()),
        }
    }
    Ok(tenants)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenants_of(flags: &[&str]) -> Result<Vec<(String, bool)>, String> {
        let args = Args::try_parse_from(std::iter::once("mde-sim").chain(flags.iter().copied()))
            .map_err(|e| e.to_string())?;
        Ok(tenants(&args)?
            .into_iter()
            .map(|t| (t.tenant_id, t.refuses_apps))
            .collect())
    }

    #[test]
    fn no_tenant_flag_serves_the_one_tenant_as_before() {
        assert_eq!(tenants_of(&[]), Ok(vec![]));
        assert_eq!(tenants_of(&["--tenant-id", "t1"]), Ok(vec![]));
    }

    #[test]
    fn tenants_n_starts_at_the_tenant_id_and_follows_the_sandbox_pattern() {
        let sandbox = |n| (mde_sim::sandbox_tenant(n), false);
        assert_eq!(
            tenants_of(&["--tenants", "3"]),
            Ok(vec![sandbox(1), sandbox(2), sandbox(3)])
        );
        assert_eq!(
            tenants_of(&["--tenants", "2", "--tenant-id", "home"]),
            Ok(vec![("home".into(), false), sandbox(2)])
        );
        assert!(tenants_of(&["--tenants", "0"]).is_err());
        assert!(tenants_of(&["--tenants", "2", "--tenant", "x"]).is_err());
    }

    #[test]
    fn listed_and_refusing_tenants() {
        assert_eq!(
            tenants_of(&["--tenant", "a", "--tenant", "b", "--refuse-tenant", "B"]),
            Ok(vec![("a".into(), false), ("b".into(), true)])
        );
        assert_eq!(
            tenants_of(&["--refuse-tenant", "c"]),
            Ok(vec![
                (mde_sim::SANDBOX_TENANT.into(), false),
                ("c".into(), true)
            ])
        );
        assert_eq!(
            tenants_of(&["--tenants", "2", "--refuse-tenant", "z"]).map(|t| t.len()),
            Ok(3)
        );
    }
}
