//! Issue 15, item 6: certificate files and the `az` child, as a careless or hostile local
//! world leaves them: a key readable by others (a warning, once), a path that is a FIFO, a
//! device or a huge file (refused, without blocking or reading it all), encrypted keys in every
//! format (named as such), a key that is not the certificate's (refused before any call), and
//! an `az` that prints without end (cut at 1 MiB).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::kit::{TestSim, fixture, install_az, tag_add, text, with_certificate};

/// A copy of a fixture with `mode`, in a directory of its own.
fn copy_with_mode(name: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    (dir, path)
}

fn with_cert(sim: &TestSim, path: &Path, args: &[&str]) -> std::process::Output {
    sim.cmd()
        .env_remove("AZURE_CLIENT_SECRET")
        .env("AZURE_CLIENT_CERTIFICATE_PATH", path)
        .timeout(Duration::from_secs(30))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_key_readable_by_group_or_others_is_used_with_one_warning() {
    let sim = with_certificate(2);
    let id = sim.ids(1).remove(0);
    for mode in [0o644, 0o640, 0o604] {
        let (_dir, path) = copy_with_mode("app-cert.pem", mode);
        let out = with_cert(
            &sim,
            &path,
            &["tag", "add", "--machine", &id, "--value", "c"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert_eq!(
            stderr.matches("readable by group or others").count(),
            1,
            "{mode:o}: {stderr}"
        );
        assert!(stderr.contains("chmod 600"), "{stderr}");
    }
    let (_dir, path) = copy_with_mode("app-cert.pem", 0o640);
    let out = with_cert(&sim, &path, &["--output", "json", "auth", "status"]);
    let doc = crate::kit::stdout_json(&out);
    assert!(
        doc["warnings"][0]
            .as_str()
            .unwrap_or_default()
            .contains("readable by group or others"),
        "{doc}"
    );
    let (_dir, path) = copy_with_mode("app-cert.pem", 0o600);
    let out = with_cert(&sim, &path, &["auth", "status"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("readable by"));
}

#[test]
fn a_path_that_is_not_a_regular_file_is_refused_without_blocking() {
    let sim = with_certificate(2);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("cert.pem");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let big = dir.path().join("big.pem");
    std::fs::write(&big, vec![b'A'; 3 << 20]).unwrap();
    std::fs::set_permissions(&big, std::fs::Permissions::from_mode(0o600)).unwrap();
    for (path, why) in [
        (fifo.as_path(), "not a regular file"),
        (Path::new("/dev/zero"), "not a regular file"),
        (dir.path(), "not a regular file"),
        (big.as_path(), "larger than"),
    ] {
        // A FIFO with no writer would block a reader for ever: the kit's hang guard fails
        // the test if it is opened for reading.
        let out = with_cert(&sim, path, &["auth", "status"]);
        assert_eq!(out.status.code(), Some(1), "{path:?}");
        let all = [text(&out.stdout), text(&out.stderr)].concat();
        assert!(all.contains(why), "{path:?}: {all}");
    }
    assert!(sim.sim.calls().is_empty());
}

#[test]
fn every_encrypted_key_format_is_named_encrypted() {
    let sim = with_certificate(2);
    for name in [
        "app-cert-legacy-encrypted.pem",
        "app-cert-pkcs8-encrypted.pem",
    ] {
        let (_dir, path) = copy_with_mode(name, 0o600);
        let out = with_cert(&sim, &path, &["auth", "status"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let all = [text(&out.stdout), text(&out.stderr)].concat();
        assert!(
            all.contains("the private key is encrypted"),
            "{name}: {all}"
        );
        assert!(!all.contains("InvalidKeyFormat"), "{name}: {all}");
    }
    assert!(sim.sim.calls().is_empty());
}

#[test]
fn a_key_that_is_not_the_certificates_is_refused_before_any_call() {
    let sim = with_certificate(2);
    let id = sim.ids(1).remove(0);
    let (_dir, path) = copy_with_mode("app-cert-wrong-key.pem", 0o600);
    let out = with_cert(
        &sim,
        &path,
        &["tag", "add", "--machine", &id, "--value", "x"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("does not match the certificate"),
        "{stderr}"
    );
    assert!(sim.sim.calls().is_empty(), "not even a token request");
    // A traditional (PKCS#1) key that is the certificate's works.
    let (_dir, path) = copy_with_mode("app-cert-rsa-key.pem", 0o600);
    let out = with_cert(
        &sim,
        &path,
        &["tag", "add", "--machine", &id, "--value", "rsa"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn what_az_prints_is_read_up_to_1_mib() {
    let sim = TestSim::unlimited(1);
    let id = sim.ids(1).remove(0);
    let bin = tempfile::tempdir().unwrap();
    // A 2 MiB "token", then more for ever: read no further than the cap, and never wait.
    let path = install_az(
        bin.path(),
        "#!/bin/sh\nprintf '{\"accessToken\":\"'\nhead -c 2097152 /dev/zero | tr '\\0' a\nwhile :; do printf aaaaaaaa || exit 0; done\n",
    );
    let out = sim
        .azure_cli_cmd(&path)
        .args(tag_add(&[&id], "x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("more than 1 MiB"), "{stderr}");
    assert!(sim.api_calls().is_empty());
}
