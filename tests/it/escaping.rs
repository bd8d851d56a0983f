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
            // auth list lists every profile: --profile means nothing to it (refused), but a
            // name exported for every command is still checked.
            ("MDETAG_PROFILE", vec!["auth", "list"]),
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

#[test]
fn auth_login_escapes_what_it_prints_and_keeps_its_allowed_hosts() {
    if !crate::kit::keyring::available() {
        return;
    }
    // Entra, played by a server that issues a token to any tenant.
    let entra = crate::kit::server::Server::start(|_| crate::kit::server::token_reply());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let config = out.join("config.toml");
    let script = format!(
        r#"printf 'kit-secret\n' | "$MDETAG" --no-progress auth login --secret-stdin --profile lab --tenant-id "$TENANT" --client-id kit-client --authority-host {url} --endpoint https://mde.contoso.example --allow-host mde.contoso.example > "{out}/login.out" 2> "{out}/login.err"
echo $? > "{out}/login.code"
cp "$MDETAG_CONFIG" "{out}/config-after-login.toml"
"$MDETAG" --no-progress auth list > "{out}/list.out" 2> "{out}/list.err"
"$MDETAG" --no-progress auth logout > "{out}/logout.out" 2> "{out}/logout.err"
"#,
        url = entra.url(),
        out = out.display(),
    );
    let session = crate::kit::keyring::run(out, &config, &script, |cmd| {
        cmd.env("TENANT", "t\u{1b}]0;pwned\u{7}");
    });
    assert!(session.status.success(), "{}", text(&session.stderr));
    let read = |name: &str| text(&std::fs::read(out.join(name)).unwrap_or_default());
    assert_eq!(read("login.code").trim(), "0", "{}", read("login.err"));
    assert!(
        read("login.err").contains("warning: --endpoint: mde.contoso.example is not"),
        "{}",
        read("login.err")
    );
    let saved = std::fs::read_to_string(out.join("config-after-login.toml")).unwrap_or_default();
    assert!(
        saved.contains("allow_host = [\"mde.contoso.example\"]"),
        "{saved}"
    );
    for name in ["login.out", "list.out", "logout.out"] {
        assert_escaped(name, &read(name));
    }
}

#[test]
fn a_bad_value_from_the_environment_is_named_escaped() {
    let out = bare_cmd()
        .env("MDETAG_OUTPUT", "\u{1b}]0;pwned\u{7}")
        .args(["runs", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("MDETAG_OUTPUT="), "{stderr}");
    assert_escaped("MDETAG_OUTPUT", &stderr);
    // clap's own message, for a value typed on the command line.
    let out = bare_cmd()
        .args(["--output", "\u{1b}]0;pwned\u{7}", "runs", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--output"), "{stderr}");
    assert_escaped("--output", &stderr);
}

#[test]
fn runs_list_escapes_the_command_as_typed() {
    let state = crate::kit::state_dir();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("a\u{1b}[2J.csv");
    std::fs::write(&csv, "ComputerDnsName,Action,Value\nws-00001,Add,x\n").unwrap();
    let out = bare_cmd()
        .env("MDETAG_STATE_DIR", state.path())
        .args(["--sandbox", "apply-csv"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for format in ["table", "csv"] {
        let out = bare_cmd()
            .env("MDETAG_STATE_DIR", state.path())
            .args(["--output", format, "runs", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let all = text(&out.stdout);
        assert!(all.contains("apply-csv"), "{all}");
        assert_escaped(&format!("runs list {format}"), &all);
    }
}

/// Issue 16, item 1: the domain types quote what they refuse as it is, and the printer escapes
/// every line; so user input with escape sequences in it reaches the terminal escaped, from
/// every stage that can refuse it (a flag, a CSV cell, a CSV header, a machine ID).
#[test]
fn refused_user_input_is_shown_escaped_from_every_stage() {
    let dir = tempfile::tempdir().unwrap();
    let state = crate::kit::state_dir();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "ComputerDnsName,Action,Value,Odd\u{1b}[2J\u{9b}31m\u{202e}\n\
         ws-00001,Add,t\u{1b}]0;pwned\u{7}\u{9b}\u{202e}\n",
    )
    .unwrap();
    let runs: [(&str, Vec<&std::ffi::OsStr>); 3] = [
        (
            "--tag",
            [
                "tag",
                "add",
                "--machine",
                "ws-00001",
                "--value",
                "a\u{1b}]0;pwned\u{7}\u{9b}\u{202e}",
            ]
            .map(std::ffi::OsStr::new)
            .to_vec(),
        ),
        (
            "--machine",
            [
                "tag",
                "add",
                "--value",
                "x",
                "--machine",
                "\u{1b}[2J\u{9b}31m\u{202e}\u{7}0123",
            ]
            .map(std::ffi::OsStr::new)
            .to_vec(),
        ),
        ("apply-csv", vec!["apply-csv".as_ref(), csv.as_os_str()]),
    ];
    for (what, args) in runs {
        let out = bare_cmd()
            .env("MDETAG_STATE_DIR", state.path())
            .arg("--sandbox")
            .args(args)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert_escaped(what, &stderr);
    }
}
