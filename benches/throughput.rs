//! Throughput figures for mdetag: the release binary against mde-sim in this process, on
//! 127.0.0.1 only. Prints figures; asserts nothing (the machines are shared and noisy).
//!
//!     cargo bench --bench throughput            # all four
//!     cargo bench --bench throughput -- memory  # one: batch | pacing | memory | raw

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use mdetag::sim::SimConfig;
use mdetag::{Window, minimum_span};

#[path = "../tests/kit/mod.rs"]
mod kit;

use kit::TestSim;

struct Usage {
    cpu: Duration,
    max_rss_kib: i64,
}

/// CPU time and peak resident memory of every child waited for so far.
fn children_usage() -> Usage {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Usage {
        cpu: tv(u.ru_utime) + tv(u.ru_stime),
        max_rss_kib: u.ru_maxrss,
    }
}

struct Run {
    wall: Duration,
    cpu: Duration,
    summary: serde_json::Value,
}

/// Runs mdetag (against `sim`, or no API at all) with `args`; JSON results are parsed unless
/// `discard` is set. The kit gives it a clean environment, so nothing of the developer's
/// (profiles, limits, proxies) changes the figures.
fn mdetag(sim: Option<&TestSim>, args: &[&str], discard: bool) -> Run {
    let mut cmd = sim.map_or_else(kit::bare_std_cmd, TestSim::std_cmd);
    cmd.arg("--output")
        .arg("json")
        .args(args)
        .stderr(Stdio::inherit());
    cmd.stdout(if discard {
        Stdio::null()
    } else {
        Stdio::piped()
    });
    let before = children_usage().cpu;
    let started = Instant::now();
    let out = cmd.output().expect("mdetag runs");
    let wall = started.elapsed();
    let cpu = children_usage().cpu - before;
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 3),
        "mdetag failed: {:?}",
        out.status
    );
    let summary = if discard {
        serde_json::Value::Null
    } else {
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")["summary"].clone()
    };
    Run { wall, cpu, summary }
}

fn csv_for(ids: &[String], tag: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "MachineId,Action,Value").unwrap();
    for id in ids {
        writeln!(f, "{id},Add,{tag}").unwrap();
    }
    f.flush().unwrap();
    f
}

fn default_windows() -> Vec<Window> {
    vec![
        Window::new(100, Duration::from_secs(60)),
        Window::new(1500, Duration::from_secs(3600)),
    ]
}

fn batch() {
    let sim = TestSim::start(SimConfig {
        machines: 10_000,
        latency: Duration::from_millis(300),
        ..Default::default()
    });
    let ids: Vec<String> = sim.sim.machines().into_iter().map(|m| m.id).collect();
    let csv = csv_for(&ids, "bench-batch");
    let run = mdetag(
        Some(&sim),
        &["apply-csv", csv.path().to_str().unwrap()],
        false,
    );
    let calls = sim.api_calls().len();
    let throttled = sim.api_calls().iter().filter(|c| c.status == 429).count();
    let per_machine = minimum_span(10_000, &default_windows());
    println!("batch   10,000 machines × 1 tag, 300 ms latency, limits 100/1m,1500/1h");
    println!(
        "        succeeded {} · API calls {calls} (goal 20) · 429s {throttled} · wall {:.2} s",
        run.summary["succeeded"],
        run.wall.as_secs_f64()
    );
    println!(
        "        per-machine calls would need 10,000 calls and at least {:.1} h under the same limits",
        per_machine.as_secs_f64() / 3600.0
    );
}

fn pacing() {
    let (n, limit, period) = (600usize, 100u32, Duration::from_secs(2));
    let sim = TestSim::start(SimConfig {
        machines: n,
        rate_limits: vec![(limit, period)],
        ..Default::default()
    });
    let ids: Vec<String> = sim.sim.machines().into_iter().map(|m| m.id).collect();
    let csv = csv_for(&ids, "bench-pace");
    let run = mdetag(
        Some(&sim),
        &[
            "--no-batch",
            "--rate-limit",
            "100/2s",
            "apply-csv",
            csv.path().to_str().unwrap(),
        ],
        false,
    );
    let api = sim.api_calls();
    let throttled = api.iter().filter(|c| c.status == 429).count();
    let minimum = minimum_span(n as u64, &[Window::new(limit, period)]);
    let span = Duration::from_secs_f64((api.last().unwrap().at_ms - api[0].at_ms) / 1000.0);
    println!(
        "pacing  {n} per-machine calls under 100/2s on both sides (minimum {:.1} s)",
        minimum.as_secs_f64()
    );
    println!(
        "        calls {} · 429s {throttled} (goal 0) · wall {:.2} s → wall/minimum {:.3} (goal ≤ 1.03) · first-to-last call {:.2} s → {:.3}",
        api.len(),
        run.wall.as_secs_f64(),
        run.wall.as_secs_f64() / minimum.as_secs_f64(),
        span.as_secs_f64(),
        span.as_secs_f64() / minimum.as_secs_f64()
    );
}

fn memory() {
    let rows = 1_000_000u64;
    let mut f = tempfile::NamedTempFile::new().unwrap();
    {
        let mut w = std::io::BufWriter::new(f.as_file_mut());
        writeln!(w, "MachineId,Action,Value").unwrap();
        // Distinct machines (a counter spread over 20 bytes), ten tags, some device values.
        for i in 0..rows {
            let id = format!("{:016x}{:024x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i);
            if i % 10 == 9 {
                writeln!(w, "{id},SetValue,High").unwrap();
            } else {
                writeln!(w, "{id},Add,Wave-{}", i % 9).unwrap();
            }
        }
    }
    let size = f.as_file().metadata().unwrap().len();
    let run = mdetag(
        None,
        &["--dry-run", "apply-csv", f.path().to_str().unwrap()],
        true,
    );
    let usage = children_usage();
    println!(
        "memory  1,000,000-row apply-csv ({:.0} MB), --dry-run --output json > /dev/null",
        size as f64 / 1e6
    );
    println!(
        "        wall {:.2} s (goal < 3 s) · CPU {:.2} s · peak memory {:.0} MB (goal < 300 MB; peak of all runs so far)",
        run.wall.as_secs_f64(),
        run.cpu.as_secs_f64(),
        usage.max_rss_kib as f64 / 1024.0
    );
}

fn raw() {
    let n = 20_000usize;
    let sim = TestSim::start(SimConfig {
        machines: n,
        rate_limits: Vec::new(),
        deflate: false,
        ..Default::default()
    });
    let ids: Vec<String> = sim.sim.machines().into_iter().map(|m| m.id).collect();
    let csv = csv_for(&ids, "bench-raw");
    let run = mdetag(
        Some(&sim),
        &[
            "--no-batch",
            "--concurrency",
            "64",
            "--rate-limit",
            "1000000/1s",
            "apply-csv",
            csv.path().to_str().unwrap(),
        ],
        false,
    );
    let calls = run.summary["api_calls"].as_u64().unwrap();
    println!(
        "raw     {n} per-machine calls, no limits, no latency, concurrency 64 (simulator in this process, same 2 cores)"
    );
    println!(
        "        {} succeeded · {:.0} calls/s · client CPU {:.0} µs per call ({:.2} s CPU over {:.2} s wall)",
        run.summary["succeeded"],
        calls as f64 / run.wall.as_secs_f64(),
        run.cpu.as_secs_f64() * 1e6 / calls as f64,
        run.cpu.as_secs_f64(),
        run.wall.as_secs_f64()
    );
}

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    println!(
        "mdetag benchmark · {} cores · release build\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    // Memory first: the peak reported is the largest of every child so far.
    if wanted("memory") {
        memory();
    }
    if wanted("batch") {
        batch();
    }
    if wanted("pacing") {
        pacing();
    }
    if wanted("raw") {
        raw();
    }
}
