//! Throughput figures for mdetag: the release binary against mde-sim in this process, on
//! 127.0.0.1 only. Prints figures; asserts nothing (the machines are shared and noisy).
//!
//!     cargo bench --bench throughput            # all of them
//!     cargo bench --bench throughput -- memory  # one: memory | batch | pacing | raw | journal | tenants

#![allow(
    unsafe_code,
    reason = "wait4 reads a child's own CPU time and peak memory"
)]

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use mde_sim::SimConfig;
use mdetag::{Window, minimum_span};

#[path = "../tests/kit/mod.rs"]
mod kit;

use kit::TestSim;

struct Run {
    wall: Duration,
    cpu: Duration,
    /// This run's own peak resident memory.
    peak_mb: f64,
    summary: serde_json::Value,
}

/// Runs mdetag (against `sim`, or no API at all) with `args`; JSON results are parsed unless
/// `discard` is set. The kit gives it a clean environment, so nothing of the developer's
/// (profiles, limits, proxies) changes the figures. CPU time and peak memory are the child's
/// own (`wait4`).
fn mdetag(sim: Option<&TestSim>, args: &[&str], discard: bool) -> Run {
    let mut cmd = sim.map_or_else(kit::bare_std_cmd, TestSim::std_cmd);
    if !args.contains(&"--output") {
        cmd.arg("--output").arg("json");
    }
    cmd.args(args).stderr(Stdio::inherit());
    cmd.stdout(if discard {
        Stdio::null()
    } else {
        Stdio::piped()
    });
    let (wall, cpu, peak_kib, stdout) = measure(cmd);
    let summary = match stdout {
        Some(out) => {
            serde_json::from_slice::<serde_json::Value>(&out).expect("json")["summary"].clone()
        }
        None => serde_json::Value::Null,
    };
    Run {
        wall,
        cpu,
        peak_mb: peak_kib as f64 / 1024.0,
        summary,
    }
}

/// Runs `cmd` to its end: wall time, the child's own CPU time (`wait4`) and peak memory (KiB),
/// and its standard output when that is piped.
fn measure(mut cmd: std::process::Command) -> (Duration, Duration, u64, Option<Vec<u8>>) {
    let started = Instant::now();
    // Reaped by `wait` below (wait4, for its resource use), not by `Child::wait`.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().expect("the command runs");
    let reader = child.stdout.take().map(|mut out| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut out, &mut bytes).unwrap();
            bytes
        })
    });
    let peak = watch_peak(child.id());
    let (code, usage) = wait(child.id());
    let wall = started.elapsed();
    let peak_kib = peak.join().unwrap();
    assert!(code == 0 || code == 3, "{cmd:?} failed: exit {code}");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    (wall, cpu, peak_kib, reader.map(|r| r.join().unwrap()))
}

/// The child's peak resident memory, from its high-water mark (`VmHWM`), read until it exits.
/// (`wait4`'s `ru_maxrss` would not do: a child started from this large process inherits its
/// size in that figure.)
fn watch_peak(pid: u32) -> std::thread::JoinHandle<u64> {
    std::thread::spawn(move || {
        let mut peak = 0;
        while let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            else {
                break; // exited: a zombie has no memory left to report
            };
            peak = peak.max(kib);
            std::thread::sleep(Duration::from_millis(5));
        }
        peak
    })
}

/// Waits for one child; its exit code and its own resource use.
fn wait(pid: u32) -> (i32, libc::rusage) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 fills the two values it is given, for the child we started.
    let got = unsafe { libc::wait4(pid as i32, &mut status, 0, &mut usage) };
    assert_eq!(got, pid as i32, "wait4");
    (libc::WEXITSTATUS(status), usage)
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

/// A million-row change file: distinct machines (a counter spread over 20 bytes), nine tags,
/// and (with `values`) a device value on every tenth row.
fn million_rows(values: bool) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    {
        let mut w = std::io::BufWriter::new(f.as_file_mut());
        writeln!(w, "MachineId,Action,Value").unwrap();
        for i in 0..1_000_000u64 {
            let id = format!("{:016x}{:024x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i);
            if values && i % 10 == 9 {
                writeln!(w, "{id},SetValue,High").unwrap();
            } else {
                writeln!(w, "{id},Add,Wave-{}", i % 9).unwrap();
            }
        }
    }
    f
}

/// Python's bare `csv.reader` loop over the same file: the baseline a million-row dry run
/// must not be slower than, in every output format.
const PYTHON_LOOP: &str = "import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for row in csv.reader(f):
        pass
";

fn memory() {
    const RUNS: usize = 5;
    let f = million_rows(true);
    let path = f.path().to_str().unwrap();
    let size = f.as_file().metadata().unwrap().len();
    println!(
        "memory  1,000,000-row apply-csv ({:.0} MB) --dry-run > /dev/null, median of {RUNS} runs \
         (goal: no slower than the Python loop, under 200 MB)",
        size as f64 / 1e6
    );
    println!(
        "        {:<28} {:>8} {:>8} {:>10} {:>9}",
        "", "wall s", "CPU s", "peak MB", "vs Python"
    );
    let median = |mut runs: Vec<(Duration, Duration, u64)>| {
        runs.sort_by_key(|r| r.0);
        let peak = runs.iter().map(|r| r.2).max().unwrap_or(0);
        (runs[runs.len() / 2].0, runs[runs.len() / 2].1, peak)
    };
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("        python3 is not installed: no baseline (Debian: apt-get install python3)");
        return;
    }
    let python = median(
        (0..RUNS)
            .map(|_| {
                let mut cmd = std::process::Command::new("python3");
                cmd.args(["-c", PYTHON_LOOP, path])
                    .stdout(Stdio::null())
                    .stderr(Stdio::inherit());
                let (wall, cpu, peak, _) = measure(cmd);
                (wall, cpu, peak)
            })
            .collect(),
    );
    let row = |what: &str, (wall, cpu, peak): (Duration, Duration, u64)| {
        println!(
            "        {what:<28} {:>8.2} {:>8.2} {:>10.0} {:>8.2}×",
            wall.as_secs_f64(),
            cpu.as_secs_f64(),
            peak as f64 / 1024.0,
            wall.as_secs_f64() / python.0.as_secs_f64()
        )
    };
    row("python3 csv.reader loop", python);
    for format in ["table", "json", "csv", "jsonl"] {
        let runs = (0..RUNS)
            .map(|_| {
                let mut cmd = kit::bare_std_cmd();
                cmd.args(["--output", format, "--dry-run", "apply-csv", path])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
                let (wall, cpu, peak, _) = measure(cmd);
                (wall, cpu, peak)
            })
            .collect();
        row(&format!("mdetag --output {format}"), median(runs));
    }
}

/// What the journal costs: the same runs with and without it, side by side.
fn journal() {
    println!("journal the same run with and without its journal (goal: within 10%)");
    let mut batch = Vec::new();
    for journaled in [false, true] {
        let sim = TestSim::start(SimConfig {
            machines: 10_000,
            latency: Duration::from_millis(300),
            ..Default::default()
        });
        let ids: Vec<String> = sim.sim.machines().into_iter().map(|m| m.id).collect();
        let csv = csv_for(&ids, "bench-journal");
        let path = csv.path().to_str().unwrap();
        let args: &[&str] = if journaled {
            &["apply-csv", path]
        } else {
            &["--no-journal", "apply-csv", path]
        };
        batch.push((mdetag(Some(&sim), args, false), journal_bytes(&sim)));
    }
    let line = |what: &str, runs: &[(Run, u64)], extra: &dyn Fn(&Run) -> String| {
        let (off, on) = (&runs[0].0, &runs[1].0);
        println!(
            "        {what}: without {:.2} s, {:.0} MB · with {:.2} s, {:.0} MB, journal {:.1} MB · ratio {:.3}{}",
            off.wall.as_secs_f64(),
            off.peak_mb,
            on.wall.as_secs_f64(),
            on.peak_mb,
            runs[1].1 as f64 / 1e6,
            on.wall.as_secs_f64() / off.wall.as_secs_f64(),
            extra(on)
        );
    };
    line(
        "10,000 machines × 1 tag (batch, 300 ms latency)",
        &batch,
        &|r| format!(" · {} API calls", r.summary["api_calls"]),
    );

    // A million operations: first the plan (reading, checking and journaling it, up to the
    // first write call), then the whole run through 2,000 batch calls and the report. The
    // simulator knows none of the machines and leaves them out of its answers, so it costs next
    // to nothing and every row is reported (failed, not applied).
    let f = million_rows(false);
    let mut million: Vec<Vec<(Run, u64)>> = vec![Vec::new(), Vec::new()];
    let mut plans: Vec<Vec<Duration>> = vec![Vec::new(), Vec::new()];
    // Three of each, alternating, and the median: the machine is shared and noisy.
    // The whole run, and how long until its first write call.
    let run_of = |path: &str, journaled: bool| {
        let sim = TestSim::start(SimConfig {
            machines: 10,
            rate_limits: Vec::new(),
            unknown_in_batch: mde_sim::UnknownInBatch::Omit,
            deflate: false,
            ..Default::default()
        });
        let mut args = vec!["--rate-limit", "1000000/1s", "--concurrency", "16"];
        if !journaled {
            args.push("--no-journal");
        }
        args.extend(["apply-csv", path]);
        let spawned = sim.sim.now_ms();
        let run = mdetag(Some(&sim), &args, true);
        let first = sim.api_calls().first().map_or(0.0, |c| c.at_ms);
        let plan = Duration::from_secs_f64((first - spawned) / 1000.0);
        (run, plan, journal_bytes(&sim))
    };
    for _ in 0..5 {
        for journaled in [false, true] {
            let (run, plan, bytes) = run_of(f.path().to_str().unwrap(), journaled);
            plans[usize::from(journaled)].push(plan);
            million[usize::from(journaled)].push((run, bytes));
        }
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let plan_line = |what: &str, plans: &[Vec<Duration>]| {
        let (off, on) = (median(plans[0].clone()), median(plans[1].clone()));
        println!(
            "        {what} (start to first write call, median of 5): without {:.2} s · with {:.2} s · ratio {:.3}",
            off.as_secs_f64(),
            on.as_secs_f64(),
            on.as_secs_f64() / off.as_secs_f64()
        );
    };
    plan_line("1,000,000-row plan", &plans);
    // Every row twice: as many distinct endings ("same as FILE:LINE") as duplicates, which the
    // journal once grouped by searching every group (40 s here).
    let twice = {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        let mut w = std::io::BufWriter::new(f.as_file_mut());
        writeln!(w, "MachineId,Action,Value").unwrap();
        for i in 0..100_000u64 {
            let row = format!("{:040x},Add,Wave", i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            writeln!(w, "{row}\n{row}").unwrap();
        }
        drop(w);
        f
    };
    let mut dup_plans: Vec<Vec<Duration>> = vec![Vec::new(), Vec::new()];
    for _ in 0..5 {
        for journaled in [false, true] {
            let (_, plan, _) = run_of(twice.path().to_str().unwrap(), journaled);
            dup_plans[usize::from(journaled)].push(plan);
        }
    }
    plan_line("200,000-row plan, every row twice", &dup_plans);
    let pick = |runs: &mut Vec<(Run, u64)>| {
        runs.sort_by_key(|r| r.0.wall);
        runs.remove(runs.len() / 2)
    };
    let runs = [pick(&mut million[0]), pick(&mut million[1])];
    line(
        "1,000,000-row run, unthrottled, median of 5 (output json > /dev/null)",
        &runs,
        &|_| " · 2,000 write calls, one fsync per wave of 16".to_string(),
    );
}

/// The size of the journals a simulator's runs left.
fn journal_bytes(sim: &TestSim) -> u64 {
    std::fs::read_dir(sim.state.path().join("runs"))
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
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
    if wanted("journal") {
        journal();
    }
    if wanted("tenants") {
        tenants();
    }
}

/// A tenants file of the simulator's first `n` tenants, an ID a line.
fn tenants_file(n: usize) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for i in 1..=n {
        writeln!(f, "{}", mde_sim::sandbox_tenant(i)).unwrap();
    }
    f.flush().unwrap();
    f
}

/// A simulator of `n` tenants of `machines` machines each, each tenant with `limits`.
fn many_tenants(n: usize, machines: usize, limits: Vec<(u32, Duration)>) -> TestSim {
    TestSim::start(SimConfig {
        tenants: (1..=n)
            .map(|i| mde_sim::TenantSpec::new(mde_sim::sandbox_tenant(i), machines))
            .collect(),
        rate_limits: limits,
        ..Default::default()
    })
}

/// Many tenants (issue 20): `set-value` over 3 tenants × 100 machines at time-scaled limits,
/// side by side against the same tenants one after another (`--tenant-concurrency 1`) and the
/// sum of their floors; then the peak memory of a dry run over 200 tenants × 1,000 machines
/// against one tenant's.
fn tenants() {
    let (limit, period) = (20u32, Duration::from_secs(2));
    let sim = many_tenants(3, 100, vec![(limit, period)]);
    let file = tenants_file(3);
    let every = "osPlatform ne 'None'";
    let run = |value: &str, concurrency: &str| {
        let before = sim.api_calls().len();
        let run = mdetag(
            Some(&sim),
            &[
                "--rate-limit",
                "20/2s",
                "set-value",
                "--tenants",
                file.path().to_str().unwrap(),
                "--tenant-concurrency",
                concurrency,
                "--filter",
                every,
                "--value",
                value,
            ],
            false,
        );
        let api = sim.api_calls();
        let throttled = api[before..].iter().filter(|c| c.status == 429).count();
        (run, api.len() - before, throttled)
    };
    let (apart, apart_calls, apart_429) = run("Low", "1");
    let (side, side_calls, side_429) = run("High", "4");
    // One tenant's floor: its calls (a listing, then a PATCH a machine) under 20 per 2 s.
    let per_tenant = (side_calls / 3) as u64;
    let floor = minimum_span(per_tenant, &[Window::new(limit, period)]);
    println!(
        "tenants set-value over 3 tenants × 100 machines at 20/2s per tenant ({per_tenant} calls each; floors {:.1} s each, {:.1} s summed)",
        floor.as_secs_f64(),
        3.0 * floor.as_secs_f64()
    );
    println!(
        "        side by side: wall {:.1} s · {side_calls} calls · 429s {side_429} · succeeded {}",
        side.wall.as_secs_f64(),
        side.summary["succeeded"]
    );
    println!(
        "        one after another (--tenant-concurrency 1): wall {:.1} s · {apart_calls} calls · 429s {apart_429} → side by side takes {:.2}× of it",
        apart.wall.as_secs_f64(),
        side.wall.as_secs_f64() / apart.wall.as_secs_f64()
    );
    drop(sim);

    let (n, machines) = (200, 1000);
    let sim = many_tenants(n, machines, Vec::new());
    let dry = |tenants: usize| {
        let file = tenants_file(tenants);
        mdetag(
            Some(&sim),
            &[
                "--dry-run",
                "set-value",
                "--tenants",
                file.path().to_str().unwrap(),
                "--filter",
                every,
                "--value",
                "High",
            ],
            true,
        )
    };
    let one = dry(1);
    let all = dry(n);
    println!(
        "tenants dry run of set-value over every machine: 1 tenant × {machines}: peak {:.1} MB, wall {:.1} s · {n} tenants × {machines}: peak {:.1} MB, wall {:.1} s",
        one.peak_mb,
        one.wall.as_secs_f64(),
        all.peak_mb,
        all.wall.as_secs_f64()
    );
}
