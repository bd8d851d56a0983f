//! Issue 15, item 4: what the `auth` commands print passes through the one escaping function,
//! and a profile name is letters, digits, `.`, `_` and `-` only (exit 2 otherwise, wherever
//! it is given).

use crate::kit::{TestSim, bare_cmd, text};

const RAW: [char; 4] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'];

fn assert_escaped(what: &str, all: &str) {
    for raw in RAW {
        assert!(!all.contains(raw), "{what}: raw {raw:?} in {all:?}");
    }
    assert!(all.contains("\\u{1b}"), "{what}: {all}");
}

#[test]
fn auth_list_escapes_profile_names_and_tenant_ids_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "default = \"ok\"\n\
         [profiles.\"ok\\u001b]0;pwned\\u0007\"]\n\
         tenant_id = \"t\\u001b[2J\\u009b31m\"\n\
         client_id = \"c\\u202e\"\n\
         [profiles.ok]\n\
         tenant_id = \"t\"\n\
         client_id = \"c\\u001b[5m\"\n",
    )
    .unwrap();
    for format in ["table", "json"] {
        let out = bare_cmd()
            .env("MDETAG_CONFIG", &config)
            .args(["--output", format, "auth", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let all = [text(&out.stdout), text(&out.stderr)].concat();
        if format == "json" {
            for raw in RAW {
                assert!(!all.contains(raw), "json: raw {raw:?} in {all:?}");
            }
        } else {
            assert_escaped("auth list", &all);
        }
    }
}

#[test]
fn auth_status_escapes_the_certificate_path_on_its_credential_line() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("certs\u{1b}]0;pwned\u{7}");
    std::fs::create_dir(&sub).unwrap();
    let cert = sub.join("app\u{202e}.pem");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/app-cert.pem"),
        &cert,
    )
    .unwrap();
    std::fs::set_permissions(&cert, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let out = bare_cmd()
        .env("AZURE_TENANT_ID", "t")
        .env("AZURE_CLIENT_ID", "c")
        .env("AZURE_AUTHORITY_HOST", "http://127.0.0.1:9")
        .env("AZURE_CLIENT_CERTIFICATE_PATH", &cert)
        .args(["--retries", "0", "auth", "status"])
        .output()
        .unwrap();
    let all = [text(&out.stdout), text(&out.stderr)].concat();
    assert!(all.contains("credential: certificate"), "{all}");
    assert_escaped("auth status", &all);
}

#[test]
fn a_profile_name_outside_letters_digits_dot_underscore_dash_is_exit_2() {
    let sim = TestSim::unlimited(1);
    let id = sim.ids(1).remove(0);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    for name in ["a b", "x/y", "lab\u{1b}[2J", "", "ünï", "a:b"] {
        for (how, args) in [
            ("--profile", vec!["--profile", name, "auth", "status"]),
            ("--profile", vec!["--profile", name, "auth", "logout"]),
            ("--profile", vec!["--profile", name, "auth", "list"]),
            (
                "--profile",
                vec![
                    "--profile",
                    name,
                    "tag",
                    "add",
                    "--machine",
                    &id,
                    "--value",
                    "x",
                ],
            ),
            (
                "--profile",
                vec![
                    "--profile",
                    name,
                    "auth",
                    "login",
                    "--secret-stdin",
                    "--tenant-id",
                    "t",
                    "--client-id",
                    "c",
                ],
            ),
            ("MDETAG_PROFILE", vec!["auth", "status"]),
            (
                "MDETAG_PROFILE",
                vec!["tag", "add", "--machine", &id, "--value", "x"],
            ),
        ] {
            let mut cmd = sim.cmd();
            cmd.env("MDETAG_CONFIG", &config).write_stdin("s\n");
            if how == "MDETAG_PROFILE" {
                if name.is_empty() {
                    continue; // an empty variable is no value at all
                }
                cmd.env("MDETAG_PROFILE", name);
            }
            let out = cmd.args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{name:?} {args:?}");
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains(how) && stderr.contains("letters, digits"),
                "{name:?} {args:?}: {stderr}"
            );
            assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
        }
    }
    assert!(sim.sim.calls().is_empty(), "nothing was sent");
    assert!(!config.exists(), "nothing was written");
    // The allowed alphabet.
    let out = sim
        .cmd()
        .env("MDETAG_CONFIG", &config)
        .args(["--profile", "Lab-2.prod_x", "auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown profile, named");
    assert!(text(&out.stderr).contains("no profile named 'Lab-2.prod_x'"));
}
