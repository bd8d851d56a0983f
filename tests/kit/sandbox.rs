//! A user's sandbox (`--sandbox`): a state folder and a home of its own, kept between the
//! commands of one test, and a working directory with nothing in it, as a new user has.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use assert_cmd::Command;
use serde_json::Value;

use super::{HANG, bare_std_cmd, state_dir, stdout_json, text};

pub struct Sandbox {
    /// `MDETAG_STATE_DIR`: journals, and the sandbox's tenant in `sandbox/`.
    pub state: tempfile::TempDir,
    pub home: tempfile::TempDir,
    /// The working directory of every command: empty.
    pub cwd: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            state: state_dir(),
            home: state_dir(),
            cwd: state_dir(),
        }
    }

    /// `mdetag --no-progress` in this sandbox's folders (`--sandbox` is the caller's to give).
    pub fn plain_std_cmd(&self) -> std::process::Command {
        let mut cmd = bare_std_cmd();
        cmd.env("MDETAG_STATE_DIR", self.state.path())
            .env("HOME", self.home.path())
            .current_dir(self.cwd.path());
        cmd
    }

    /// `mdetag --no-progress --sandbox`.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = self.plain_std_cmd();
        cmd.arg("--sandbox");
        cmd
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.std_cmd());
        cmd.timeout(HANG);
        cmd
    }

    /// The same without `--sandbox`: a real tenant's command (with no credentials).
    pub fn plain_cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.plain_std_cmd());
        cmd.timeout(HANG);
        cmd
    }

    /// `--sandbox --output json ARGS…`, which must exit `code`: its output.
    pub fn expect_json(&self, args: &[&str], code: i32) -> Value {
        let out = self
            .cmd()
            .args(["--output", "json"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            text(&out.stderr)
        );
        stdout_json(&out)
    }

    /// The sandbox's machines as `machines list --output json` gives them.
    pub fn machines(&self) -> Vec<Value> {
        let doc = self.expect_json(&["machines", "list"], 0);
        // A bare list, or `{summary, machines}`.
        doc.as_array()
            .or_else(|| doc["machines"].as_array())
            .unwrap_or_else(|| panic!("no machines in {doc}"))
            .clone()
    }

    /// The names of the machines that carry `tag`, sorted.
    pub fn tagged(&self, tag: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .machines()
            .iter()
            .filter(|m| {
                ["machineTags", "tags"]
                    .iter()
                    .find_map(|k| m[*k].as_array())
                    .is_some_and(|tags| tags.iter().any(|t| t == tag))
            })
            .map(|m| {
                ["computerDnsName", "name"]
                    .iter()
                    .find_map(|k| m[*k].as_str())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        names.sort();
        names
    }

    /// `--sandbox ARGS…` in the background, standard output and error to the files `out` and
    /// `err` (read them while it runs).
    pub fn spawn(&self, args: &[&str], out: &Path, err: &Path) -> Child {
        self.std_cmd()
            .args(args)
            .stdout(std::fs::File::create(out).unwrap())
            .stderr(std::fs::File::create(err).unwrap())
            .stdin(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// `{state}/sandbox`, where the sandbox keeps its tenant.
    pub fn dir(&self) -> PathBuf {
        self.state.path().join("sandbox")
    }

    /// The newest journal of this sandbox's state folder, if any.
    pub fn journal(&self) -> Option<PathBuf> {
        super::runs::newest_journal(self.state.path())
    }
}
