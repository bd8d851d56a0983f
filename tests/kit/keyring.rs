//! A real OS keyring for a test: a private D-Bus session with its own gnome-keyring, unlocked,
//! in which a shell script runs mdetag (`$MDETAG`). Each `step NAME cmd…` of the script leaves
//! `NAME.out`, `NAME.err` and `NAME.code` in the test's folder.

use std::path::Path;
use std::process::Command;

use super::TestSim;

/// Whether a Secret Service can be started here. CI installs one (.ci/run): there, a missing
/// one is a failure, not a skip.
pub fn available() -> bool {
    let have = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if have("dbus-run-session") && have("gnome-keyring-daemon") {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must provide dbus-run-session and gnome-keyring-daemon"
    );
    eprintln!(
        "SKIPPED: no Secret Service here (install the Debian packages dbus and gnome-keyring)"
    );
    false
}

/// Runs `script` in a keyring session of its own (never the user's keyrings: a fresh one the
/// daemon makes with its unlock password), with none of mdetag's variables set but
/// `MDETAG_CONFIG` (`config`) and `$MDETAG`; `env` adds the test's own. Step files land in `out`.
pub fn run(
    out: &Path,
    config: &Path,
    script: &str,
    env: impl FnOnce(&mut Command),
) -> std::process::Output {
    let script = format!(
        r#"set -u
daemon=$(printf 'unlock-pw' | gnome-keyring-daemon --components=secrets --daemonize --unlock)
[ -n "$daemon" ] && export $daemon
step() {{ name=$1; shift; "$@" > "{out}/$name.out" 2> "{out}/$name.err"; echo $? > "{out}/$name.code"; }}
{script}"#,
        out = out.display(),
    );
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", "sh", "-c", &script]);
    for var in mdetag::ENVIRONMENT {
        cmd.env_remove(var);
    }
    let data = out.join("xdg-data");
    let runtime = out.join("xdg-runtime");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    cmd.env("MDETAG_CONFIG", config)
        .env("MDETAG_STATE_DIR", out.join("state"))
        .env("MDETAG", env!("CARGO_BIN_EXE_mdetag"))
        .env("XDG_DATA_HOME", &data)
        .env("XDG_RUNTIME_DIR", &runtime);
    env(&mut cmd);
    cmd.output().unwrap()
}

/// `run` against the simulator: its endpoints in the environment but no credentials (the
/// script logs in), `$LOGIN_SECRET` holding the simulator's secret.
pub fn session(sim: &TestSim, out: &Path, config: &Path, script: &str) -> std::process::Output {
    run(out, config, script, |cmd| {
        sim.apply_env(cmd);
        for var in ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"] {
            cmd.env_remove(var);
        }
        cmd.env("MDETAG_CONFIG", config)
            .env("LOGIN_SECRET", super::SECRET);
    })
}

/// What a step left: `out`, `err` or `code`.
pub fn step(out: &Path, name: &str, what: &str) -> String {
    super::text(&std::fs::read(out.join(format!("{name}.{what}"))).unwrap_or_default())
}
