//! The state file: machines outlive the simulator, every write is whole, and a damaged file is
//! a clear error at start.

mod common;

use std::path::{Path, PathBuf};

use common::{MDE_SCOPE, api, config, start, tenant_token};
use mde_sim::{SANDBOX_TENANT, SimConfig, Simulator, TenantSpec, sandbox_tenant};
use serde_json::{Value, json};

/// A directory of its own under the system's temporary one, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "mde-sim-state-{}-{name}-{}",
            std::process::id(),
            time::OffsetDateTime::now_utc().unix_timestamp_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self) -> PathBuf {
        self.0.join("state.json")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn kept(path: &Path, machines: usize) -> SimConfig {
    SimConfig {
        state_file: Some(path.to_path_buf()),
        ..config(machines)
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

async fn add_tag(sim: &Simulator, tenant: &str, id: &str, tag: &str) {
    let token = tenant_token(sim, tenant, MDE_SCOPE).await;
    let r = api(
        sim,
        "POST",
        &format!("/api/machines/{id}/tags"),
        &token,
        Some(json!({"Value": tag, "Action": "Add"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// Tags each machine in turn: `{label}{n}` on the nth.
async fn tag_each(sim: &Simulator, ids: &[String], label: &str) {
    for (n, id) in ids.iter().enumerate() {
        add_tag(sim, SANDBOX_TENANT, id, &format!("{label}{n}")).await;
    }
}

async fn start_err(config: SimConfig) -> String {
    match Simulator::start(config, "127.0.0.1:0".parse().unwrap()).await {
        Ok(_) => panic!("started"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn a_tag_survives_a_restart_on_the_same_state_file() {
    let dir = TempDir::new("restart");
    let path = dir.file();
    let sim = start(kept(&path, 4)).await;
    // Written at start, since there was none: the machines drawn from the seed.
    assert_eq!(read(&path)["tenants"][0]["tenantId"], SANDBOX_TENANT);
    assert_eq!(sim.machines(), start(config(4)).await.machines());
    let id = sim.machines()[1].id.clone();
    add_tag(&sim, SANDBOX_TENANT, &id, "Kept").await;
    let token = tenant_token(&sim, SANDBOX_TENANT, MDE_SCOPE).await;
    let r = api(
        &sim,
        "POST",
        &format!("/api/machines/{id}/setDeviceValue"),
        &token,
        Some(json!({"DeviceValue": "High"})),
    )
    .await;
    assert_eq!(r.status, 200);
    let before = sim.machines();
    drop(sim);

    // Another seed and size: the file wins.
    let again = start(SimConfig {
        seed: 99,
        ..kept(&path, 10)
    })
    .await;
    assert_eq!(again.machines(), before);
    let m = again.machine(&id).unwrap();
    assert!(m.machine_tags.contains(&"Kept".to_string()));
    assert_eq!(m.device_value, "High");
    // The API and the hunting table see it too.
    let token = tenant_token(&again, SANDBOX_TENANT, MDE_SCOPE).await;
    let r = api(
        &again,
        "GET",
        "/api/machines/findbytag?tag=Kept",
        &token,
        None,
    )
    .await;
    assert_eq!(r.body["value"][0]["id"], id.as_str());
    assert!(
        again
            .device_info()
            .iter()
            .any(|row| row["DeviceId"] == id.as_str() && row["Tags"].to_string().contains("Kept"))
    );
}

#[tokio::test]
async fn every_tenants_machines_are_kept_and_tenants_not_served_are_left_alone() {
    let dir = TempDir::new("tenants");
    let path = dir.file();
    let (a, b, c) = (sandbox_tenant(1), sandbox_tenant(2), sandbox_tenant(3));
    let three = SimConfig {
        tenants: vec![
            TenantSpec::new(a.clone(), 2),
            TenantSpec::new(b.clone(), 2),
            TenantSpec::new(c.clone(), 1),
        ],
        ..kept(&path, 0)
    };
    let sim = start(three.clone()).await;
    let id_b = sim.machines_in(&b).unwrap()[0].id.clone();
    add_tag(&sim, &b, &id_b, "InB").await;
    let (before_a, before_c) = (sim.machines_in(&a), sim.machines_in(&c));
    drop(sim);

    // A run that serves only B and a new tenant D keeps A's and C's machines in the file.
    let d = sandbox_tenant(4);
    let fewer = start(SimConfig {
        tenants: vec![TenantSpec::new(b.clone(), 2), TenantSpec::new(d.clone(), 1)],
        ..kept(&path, 0)
    })
    .await;
    assert!(
        fewer
            .machine_in(&b, &id_b)
            .unwrap()
            .machine_tags
            .contains(&"InB".to_string())
    );
    let in_file: Vec<String> = read(&path)["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tenantId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(in_file, [b.clone(), d, a.clone(), c.clone()]);
    drop(fewer);

    let sim = start(three).await;
    assert_eq!(sim.machines_in(&a), before_a);
    assert_eq!(sim.machines_in(&c), before_c);
    assert!(
        sim.machine_in(&b, &id_b)
            .unwrap()
            .machine_tags
            .contains(&"InB".to_string())
    );
}

#[tokio::test]
async fn a_damaged_state_file_is_a_clear_error_naming_it() {
    let dir = TempDir::new("damaged");
    let path = dir.file();
    let good = {
        let _sim = start(kept(&path, 2)).await;
        std::fs::read_to_string(&path).unwrap()
    };
    let cases = [
        ("garbage", "not a valid state file".to_string()),
        (
            &good[..good.len() / 2],
            "not a valid state file".to_string(),
        ),
        ("", "not a valid state file".to_string()),
        (
            &good.replace("\"version\": 1", "\"version\": 7"),
            "version 7".to_string(),
        ),
        (
            &good.replace("\"Normal\"", "\"Extreme\""),
            "unknown deviceValue 'Extreme'".to_string(),
        ),
        (
            &good.replace("\"machineTags\"", "\"tags\""),
            "unknown field `tags`".to_string(),
        ),
    ];
    for (text, reason) in cases {
        std::fs::write(&path, text).unwrap();
        let error = start_err(kept(&path, 2)).await;
        assert!(
            error.starts_with(&format!("state file {}: ", path.display())),
            "{error}"
        );
        assert!(error.contains(&reason), "{reason} not in: {error}");
        // Nothing was written over it.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
    // A state file where none can be written.
    let error = start_err(kept(&dir.0.join("no/such/dir/state.json"), 2)).await;
    assert!(error.contains("cannot write it"), "{error}");
}

#[cfg(unix)]
#[tokio::test]
async fn the_state_file_is_its_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("mode");
    let path = dir.file();
    let sim = start(kept(&path, 2)).await;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    // Still so when replaced after a change, and no temporary file is left beside it.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let id = sim.machines()[0].id.clone();
    add_tag(&sim, SANDBOX_TENANT, &id, "Mode").await;
    assert_eq!(mode(&path), 0o600);
    let names: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["state.json"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_simulators_on_one_file_never_leave_it_torn() {
    let dir = TempDir::new("shared");
    let path = dir.file();
    let first = start(kept(&path, 20)).await;
    let second = start(kept(&path, 20)).await;
    assert_eq!(first.machines(), second.machines());
    let ids: Vec<String> = first.machines().into_iter().map(|m| m.id).collect();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let text = std::fs::read(&path).unwrap();
                let state: Value = serde_json::from_slice(&text).expect("a whole file");
                assert_eq!(
                    state["tenants"][0]["machines"].as_array().unwrap().len(),
                    20
                );
                reads += 1;
            }
            reads
        })
    };
    tokio::join!(
        tag_each(&first, &ids, "first"),
        tag_each(&second, &ids, "second")
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
    // The last writer's state is the file's.
    drop((first, second));
    let after = start(kept(&path, 20)).await;
    let last = after.machines()[19].machine_tags.clone();
    assert!(
        last.contains(&"first19".to_string()) || last.contains(&"second19".to_string()),
        "{last:?}"
    );
}

/// An embedder's own writer (mdetag's sandbox keeps every file it writes one way) writes the
/// state file, at start and after each change; the file reads back the same.
#[tokio::test]
async fn a_state_writer_given_writes_the_file() {
    let dir = TempDir::new("writer");
    let path = dir.file();
    let calls = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = calls.clone();
    let writer = mde_sim::StateWriter(std::sync::Arc::new(move |p: &Path, bytes: &[u8]| {
        seen.lock().unwrap().push(p.to_path_buf());
        std::fs::write(p, bytes)
    }));
    let sim = start(SimConfig {
        state_writer: Some(writer),
        ..kept(&path, 3)
    })
    .await;
    assert_eq!(
        *calls.lock().unwrap(),
        std::slice::from_ref(&path),
        "written at start"
    );
    let id = sim.machines()[0].id.clone();
    add_tag(&sim, SANDBOX_TENANT, &id, "Hooked").await;
    assert_eq!(calls.lock().unwrap().len(), 2, "and after the change");
    drop(sim);
    let again = start(kept(&path, 3)).await;
    assert!(
        again
            .machine(&id)
            .unwrap()
            .machine_tags
            .contains(&"Hooked".to_string())
    );
}
