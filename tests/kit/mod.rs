//! The test kit shared by `tests/` and `benches/`: a simulator per test, in this process, on a
//! free loopback port; the real mdetag binary pointed at it with a clean environment; and a
//! tiny per-test server for wire cases the simulator should not learn. Each user takes what it
//! needs, hence the `allow`.

#![allow(dead_code)]

pub mod keyring;
pub mod runs;
pub mod sandbox;
pub mod server;

// Each user takes what it needs (see the `allow` above).
#[allow(unused_imports)]
pub use runs::{finish, json_file, killed_after_sending, run_id, tag_add_argv, wait_until};

use std::time::Duration;

use assert_cmd::Command;
use mde_sim::{CallRecord, MachineRecord, SimConfig, Simulator};

pub const SECRET: &str = mde_sim::SANDBOX_SECRET;

/// mdetag's hidden test hook for its per-call timeout (milliseconds), which is also how long
/// `resume` waits for calls a stopped run may still have in flight.
pub const CALL_TIMEOUT_VAR: &str = "MDETAG_CALL_TIMEOUT_MS";

pub struct TestSim {
    pub sim: Simulator,
    /// This simulator's own state directory (journals, quota ledger), shared by every command
    /// of the test and by no other test.
    pub state: tempfile::TempDir,
    /// `CALL_TIMEOUT_VAR` for every command of the test: how long a call may take, and so how
    /// long a resume right after a stop waits for calls still in flight (default: mdetag's).
    pub call_timeout_ms: Option<u64>,
    // Dropped after the simulator: it runs on this runtime.
    _runtime: tokio::runtime::Runtime,
}

impl TestSim {
    pub fn start(config: SimConfig) -> TestSim {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let sim = runtime
            .block_on(Simulator::start(config, "127.0.0.1:0".parse().unwrap()))
            .expect("simulator starts");
        TestSim {
            sim,
            state: state_dir(),
            call_timeout_ms: None,
            _runtime: runtime,
        }
    }

    /// A simulator with no rate limits and `machines` machines.
    pub fn unlimited(machines: usize) -> TestSim {
        TestSim::start(unlimited_config(machines))
    }

    /// mdetag with the simulator's endpoint and credentials in the environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.std_cmd());
        cmd.timeout(HANG);
        cmd
    }

    /// The same, as a plain process command (for runs a test signals or watches).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = bare_std_cmd();
        self.apply_env(&mut cmd);
        cmd
    }

    /// Gives any command (mdetag itself, or a wrapper that starts it) a clean environment
    /// pointing at this simulator with its credentials.
    pub fn apply_env(&self, cmd: &mut std::process::Command) {
        scrub(cmd);
        cmd.env("MDETAG_STATE_DIR", self.state.path())
            .env("MDETAG_ENDPOINT", self.sim.url())
            .env("MDETAG_GRAPH_ENDPOINT", self.sim.url())
            .env("AZURE_AUTHORITY_HOST", self.sim.url())
            .env("AZURE_TENANT_ID", mde_sim::SANDBOX_TENANT)
            .env("AZURE_CLIENT_ID", mde_sim::SANDBOX_CLIENT)
            .env("AZURE_CLIENT_SECRET", SECRET);
        if let Some(ms) = self.call_timeout_ms {
            cmd.env(CALL_TIMEOUT_VAR, ms.to_string());
        }
    }

    /// Runs a future on the simulator's runtime (for tests that call it directly).
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self._runtime.block_on(f)
    }

    pub fn ids(&self, n: usize) -> Vec<String> {
        self.sim
            .machines()
            .into_iter()
            .take(n)
            .map(|m| m.id)
            .collect()
    }

    pub fn machine(&self, id: &str) -> MachineRecord {
        self.sim.machine(id).expect("machine exists")
    }

    pub fn api_calls(&self) -> Vec<CallRecord> {
        self.sim
            .calls()
            .into_iter()
            .filter(|c| c.kind == "api")
            .collect()
    }

    /// API calls that were not reads (every method but GET).
    pub fn write_calls(&self) -> usize {
        self.api_calls()
            .iter()
            .filter(|c| c.method != "GET")
            .count()
    }

    /// Each machine's tags (sorted) and device value, as the simulator holds them now.
    pub fn tags_and_values(&self, ids: &[String]) -> Vec<(Vec<String>, String)> {
        ids.iter()
            .map(|id| {
                let m = self.machine(id);
                let mut tags = m.machine_tags;
                tags.sort();
                (tags, m.device_value)
            })
            .collect()
    }

    /// mdetag told to take its token from the Azure CLI (`--auth azure-cli`, no secret), with
    /// `path` (from `install_az`) as its PATH.
    pub fn azure_cli_cmd(&self, path: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.env("PATH", path)
            .env_remove("AZURE_CLIENT_SECRET")
            .args(["--auth", "azure-cli"]);
        cmd
    }

    pub fn token_calls(&self) -> usize {
        self.sim
            .calls()
            .iter()
            .filter(|c| c.kind == "token")
            .count()
    }
}

/// The simulator's settings for `machines` machines and no rate limits, for a test to change
/// a few of (`SimConfig { error_rate: 0.3, ..unlimited_config(20) }`).
pub fn unlimited_config(machines: usize) -> SimConfig {
    SimConfig {
        machines,
        rate_limits: Vec::new(),
        ..Default::default()
    }
}

/// How long a test lets one mdetag process run before it is killed and the test fails: a
/// guard that turns a hang into a failure, not a claim about speed (tests assert what
/// happened; the benchmarks measure how fast).
pub const HANG: Duration = Duration::from_secs(120);

/// mdetag with a clean environment and no progress bar, killed (and the test failed) if it
/// hangs.
pub fn bare_cmd() -> Command {
    let mut cmd = Command::from_std(bare_std_cmd());
    cmd.timeout(HANG);
    cmd
}

/// Waits for a process a test started (and signals), with its output: killed, and the test
/// failed, if it outlives `HANG`.
pub fn wait_output(mut child: std::process::Child) -> std::process::Output {
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > HANG {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {HANG:?}; killed. stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

pub fn bare_std_cmd() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mdetag"));
    scrub(&mut cmd);
    // Never the developer's journals or quota ledger: a state directory of this command's own
    // (kept, in cargo's scratch space; the commands of a TestSim share the simulator's).
    cmd.env("MDETAG_STATE_DIR", state_dir().keep());
    cmd.arg("--no-progress");
    cmd
}

/// A fresh state directory under cargo's scratch space for tests.
pub fn state_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("state-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a state directory")
}

fn scrub(cmd: &mut std::process::Command) {
    for var in mdetag::ENVIRONMENT {
        cmd.env_remove(var);
    }
    // The call-timeout test hook (in no help page, so not in ENVIRONMENT): only a test that
    // means to shorten the timeout sets it.
    cmd.env_remove(CALL_TIMEOUT_VAR);
    // Never the developer's own profiles: a path that does not exist is an empty config.
    cmd.env("MDETAG_CONFIG", "/nonexistent/mdetag-tests/config.toml");
}

/// `tag add --machine M… --value V`: the usual tagging command (global flags go before it).
pub fn tag_add<S: AsRef<str>>(machines: &[S], value: &str) -> Vec<String> {
    let mut args = vec!["tag".to_string(), "add".to_string()];
    for machine in machines {
        args.extend(["--machine".to_string(), machine.as_ref().to_string()]);
    }
    args.extend(["--value".to_string(), value.to_string()]);
    args
}

/// A CSV adding `tags` tags (`{prefix}-0`, …) to each machine.
pub fn tagging_csv(ids: &[String], prefix: &str, tags: usize) -> String {
    let mut csv = String::from("MachineId,Action,Value\n");
    for t in 0..tags {
        for id in ids {
            csv.push_str(&format!("{id},Add,{prefix}-{t}\n"));
        }
    }
    csv
}

pub fn stdout_json(output: &std::process::Output) -> serde_json::Value {
    assert_no_secret(&String::from_utf8_lossy(&output.stdout));
    assert_no_secret(&String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Captured output as text. Every test reads what mdetag printed through here (or
/// `stdout_json`), so every captured byte of every test is searched for a secret or a token.
pub fn text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    assert_no_secret(&text);
    text
}

/// Asserts that `out` exited with `code` and said `needle` on standard error (shown when
/// either is not so); returns that standard error.
pub fn assert_exit_says(out: &std::process::Output, code: i32, needle: &str) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(needle), "{needle:?} not in: {stderr}");
    stderr
}

/// The secrets the tests hand mdetag, the tokens the kit's servers issue, and any JWT (the
/// simulator's tokens and Entra's) must never appear in what mdetag prints.
pub fn assert_no_secret(text: &str) {
    for secret in [SECRET, "kit-secret", "kit-token"] {
        assert!(
            !text.contains(secret),
            "a secret or token ({secret:?}) in captured output:\n{text}"
        );
    }
    let jwt = text.match_indices("eyJ").any(|(i, _)| {
        let rest = &text[i..];
        let segment = |s: &str| {
            s.bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                .count()
        };
        let first = segment(rest);
        first >= 10 && rest[first..].starts_with('.') && segment(&rest[first + 1..]) >= 10
    });
    assert!(!jwt, "a bearer token (a JWT) in captured output:\n{text}");
}

/// Writes `contents` to a file in a fresh temporary directory.
pub fn temp_file(name: &str, contents: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    temp_bytes(name, contents.as_bytes())
}

/// Writes `bytes` to a file in a fresh temporary directory.
pub fn temp_bytes(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Sends signal `name` (`INT`, `TERM`, `KILL` …) to process `pid`, with kill(1): no unsafe code.
pub fn send_signal(pid: u32, name: &str) {
    let ok = std::process::Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name} {pid}");
}

/// Writes an executable `az` running `script` into `bin` (again, to change what it does), and
/// returns a PATH that finds it first.
pub fn install_az(bin: &std::path::Path, script: &str) -> String {
    let az = bin.join("az");
    std::fs::write(&az, script).unwrap();
    std::fs::set_permissions(&az, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A simulator with `machines` machines, no limits, whose app also accepts assertions signed
/// with the key of `tests/fixtures/app-cert.pem`.
pub fn with_certificate(machines: usize) -> TestSim {
    let mut config = unlimited_config(machines);
    config.apps[0].certificate_pem =
        Some(std::fs::read_to_string(fixture("app-cert-public.pem")).unwrap());
    TestSim::start(config)
}
