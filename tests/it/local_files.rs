//! Local files another user cannot turn against mdetag (SPEC.md, Global options): no write
//! through a planted link, temp files with random names, 0600 whatever the umask, state and
//! config folders that others may write refused, config writes serialised.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use mde_sim::{SANDBOX_CLIENT, SANDBOX_TENANT};

use crate::kit::{TestSim, assert_exit_says, tag_add, text};

/// The quota ledger of the simulator's app under `state`.
fn ledger(state: &Path) -> PathBuf {
    state
        .join("quota")
        .join(format!("{SANDBOX_TENANT}-{SANDBOX_CLIENT}"))
}

/// A file outside the state folder that a planted link points at, with what it holds.
fn victim(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("{name} must stay as it is\n")).unwrap();
    p
}

fn untouched(p: &Path) {
    let name = p.file_name().unwrap().to_string_lossy();
    assert_eq!(
        std::fs::read_to_string(p).unwrap(),
        format!("{name} must stay as it is\n"),
        "{} was written through a link",
        p.display()
    );
}

/// Lines older than any window: the next run reads them all and compacts the ledger (past
/// twice the 1,500 starts the default hourly window keeps).
fn old_lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("1000 0000000000000bad {i}\n"))
        .collect()
}

fn tag(sim: &TestSim, id: &str, value: &str) -> std::process::Output {
    sim.cmd()
        .args(["tag", "add", "--machine", id, "--value", value])
        .output()
        .unwrap()
}

#[test]
fn the_quota_ledger_and_its_compaction_never_write_through_a_link() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    let outside = tempfile::tempdir().unwrap();
    let state = sim.state.path();
    assert!(tag(&sim, &id, "first").status.success());
    let ledger = ledger(state);
    assert!(ledger.is_file(), "the first run keeps a ledger");

    // Compaction's temp file, planted under its old predictable name.
    std::fs::write(&ledger, old_lines(3_100)).unwrap();
    let target = victim(outside.path(), "compaction-target");
    std::os::unix::fs::symlink(&target, ledger.with_extension("tmp")).unwrap();
    let out = tag(&sim, &id, "second");
    assert!(out.status.success(), "{}", text(&out.stderr));
    untouched(&target);
    let kept = std::fs::read_to_string(&ledger).unwrap();
    assert!(kept.lines().count() < 100, "the ledger was compacted");

    // The ledger itself a link: not appended to; the run warns and paces alone.
    std::fs::remove_file(&ledger).unwrap();
    let target = victim(outside.path(), "ledger-target");
    std::os::unix::fs::symlink(&target, &ledger).unwrap();
    let out = tag(&sim, &id, "third");
    assert!(out.status.success(), "{}", text(&out.stderr));
    untouched(&target);
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_journal_lock_is_never_a_link_and_a_refused_journal_leaves_no_lock() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    let dir = tempfile::tempdir().unwrap();
    let target = victim(dir.path(), "lock-target");
    let journal = dir.path().join("run.jsonl");
    std::os::unix::fs::symlink(&target, dir.path().join("run.jsonl.lock")).unwrap();
    let out = sim
        .cmd()
        .args(["tag", "add", "--machine", &id, "--value", "x", "--journal"])
        .arg(&journal)
        .output()
        .unwrap();
    assert_exit_says(&out, 1, "symbolic link");
    untouched(&target);
    assert_eq!(sim.write_calls(), 0);

    // A journal that exists already is refused before any lock is made beside it.
    let existing = victim(dir.path(), "existing.jsonl");
    let out = sim
        .cmd()
        .args(["tag", "add", "--machine", &id, "--value", "x", "--journal"])
        .arg(&existing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    untouched(&existing);
    assert!(
        !dir.path().join("existing.jsonl.lock").exists(),
        "a refused journal left a lock"
    );
    assert_eq!(sim.write_calls(), 0);
}

#[test]
fn a_state_folder_others_may_write_is_refused_with_the_fix() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    let state = sim.state.path();
    for mode in [0o770, 0o777, 0o1777] {
        std::fs::set_permissions(state, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = tag(&sim, &id, "x");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{mode:o}: {}",
            text(&out.stderr)
        );
        let err = text(&out.stderr);
        assert!(
            err.contains("chmod 700") && err.contains("MDETAG_STATE_DIR"),
            "{err}"
        );
        let out = sim.cmd().args(["runs", "list"]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "runs list: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(sim.write_calls(), 0, "nothing was sent");
    // A subfolder counts as much as the folder.
    std::fs::set_permissions(state, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(tag(&sim, &id, "x").status.success());
    std::fs::set_permissions(state.join("quota"), std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = tag(&sim, &id, "y");
    assert_exit_says(&out, 1, "quota");
}

#[test]
fn under_umask_000_every_file_is_0600_and_every_folder_0700() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    let run = |value: &str| {
        let mut cmd = std::process::Command::new("sh");
        cmd.args(["-c", "umask 000 && exec \"$0\" \"$@\""])
            .arg(env!("CARGO_BIN_EXE_mdetag"))
            .args(["--no-progress"])
            .args(tag_add(&[&id], value));
        sim.apply_env(&mut cmd);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    run("first");
    // The next run compacts the ledger: its new file too.
    std::fs::write(ledger(sim.state.path()), old_lines(3_100)).unwrap();
    run("second");
    let mut seen = 0;
    let mut walk = vec![sim.state.path().to_path_buf()];
    while let Some(dir) = walk.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let mode = std::fs::symlink_metadata(&path)
                .unwrap()
                .permissions()
                .mode()
                & 0o7777;
            if path.is_dir() {
                assert_eq!(mode, 0o700, "{}", path.display());
                walk.push(path);
            } else {
                assert_eq!(mode, 0o600, "{}", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen >= 4, "journals, locks and the ledger: {seen} files");
}

/// `auth login --profile NAME` for the simulator's app, the secret on standard input.
fn login_line(name: &str) -> String {
    format!(
        r#"sh -c 'printf "%s\n" "$LOGIN_SECRET" | "$MDETAG" --no-progress auth login --secret-stdin --profile {name} --tenant-id {SANDBOX_TENANT} --client-id {SANDBOX_CLIENT}'"#
    )
}

#[test]
fn logins_never_write_through_a_planted_link_and_racing_logins_all_land() {
    if !crate::kit::keyring::available() {
        return;
    }
    let sim = TestSim::unlimited(1);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let conf = out.join("conf");
    std::fs::create_dir(&conf).unwrap();
    std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o700)).unwrap();
    let config = conf.join("config.toml");
    let target = victim(out, "config-target");
    std::os::unix::fs::symlink(&target, conf.join("config.toml.tmp")).unwrap();
    // Ten logins at once, each with its own profile.
    let racing: String = (0..10)
        .map(|i| format!("step race{i} {} &\n", login_line(&format!("p{i}"))))
        .collect();
    let script = format!(
        "step first {}\ncp \"$MDETAG_CONFIG\" \"{out}/after-first.toml\"\n{racing}wait\nstep list \"$MDETAG\" --no-progress --output json auth list\n",
        login_line("first"),
        out = out.display()
    );
    let session = crate::kit::keyring::session(&sim, out, &config, &script);
    assert!(session.status.success(), "{}", text(&session.stderr));
    let step = |name: &str, what: &str| crate::kit::keyring::step(out, name, what);
    assert_eq!(
        step("first", "code").trim(),
        "0",
        "{}",
        step("first", "err")
    );
    untouched(&target);
    assert!(
        !std::fs::symlink_metadata(&config).unwrap().is_symlink(),
        "the config became the planted link"
    );
    let first = std::fs::read_to_string(out.join("after-first.toml")).unwrap();
    assert!(first.contains("[profiles.first]"), "{first}");

    let written = std::fs::read_to_string(&config).unwrap();
    for i in 0..10 {
        let name = format!("race{i}");
        assert_eq!(
            step(&name, "code").trim(),
            "0",
            "{name}: {}",
            step(&name, "err")
        );
        assert!(
            step(&name, "out").contains("profile written"),
            "{}",
            step(&name, "out")
        );
        assert!(
            written.contains(&format!("[profiles.p{i}]")),
            "p{i} said written but is not in the config:\n{written}"
        );
    }
    let list: serde_json::Value = serde_json::from_str(&step("list", "out")).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(11), "{list}");
    let mode = std::fs::metadata(&config).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
