//! Credentials and clouds: the real OS keyring end to end, each credential source and their
//! order, refusals that stop before any machine call, and cloud/region URLs.

use std::process::Command;

use mde_sim::{SANDBOX_CLIENT, SANDBOX_TENANT, SimConfig};

use crate::kit::{
    SECRET, TestSim, assert_exit_says, bare_cmd, fixture, install_az, stdout_json, tag_add, text,
    unlimited_config, with_certificate,
};

const SECOND_TENANT: &str = "6f1a2b3c-0000-4000-8000-00000000a002";
const SECOND_CLIENT: &str = "8d2e4f60-0000-4000-8000-00000000c002";
const SECOND_SECRET: &str = "second-app-secret-value";

fn decode(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn login_status_run_logout_with_the_real_os_keyring() {
    if !crate::kit::keyring::available() {
        return;
    }
    // Two apps, for two profiles (an MSSP with two tenants).
    let mut sim_config = SimConfig {
        ..unlimited_config(3)
    };
    let mut second = sim_config.apps[0].clone();
    second.tenant_id = SECOND_TENANT.into();
    second.client_id = SECOND_CLIENT.into();
    second.client_secret = SECOND_SECRET.into();
    sim_config.apps.push(second);
    let sim = TestSim::start(sim_config);
    let id = sim.ids(1).remove(0);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("conf/config.toml");
    let out = dir.path();
    // Each step's stdout, stderr and exit code land in files the test reads afterwards. The
    // secret reaches `auth login` on standard input only.
    let script = format!(
        r#"step login sh -c 'printf "%s\n" "$LOGIN_SECRET" | env -u LOGIN_SECRET "$0" --no-progress auth login --secret-stdin --profile lab --tenant-id {tenant} --client-id {client} --endpoint {url} --authority-host {url}' "$MDETAG"
step login2 sh -c 'printf "%s\n" "$SECOND_SECRET" | env -u SECOND_SECRET "$0" --no-progress auth login --secret-stdin --profile other --tenant-id {tenant2} --client-id {client2} --endpoint {url} --authority-host {url}' "$MDETAG"
step login3 sh -c 'printf "%s\n" "$LOGIN_SECRET" | env -u LOGIN_SECRET "$0" --no-progress auth login --secret-stdin --profile lab-copy --tenant-id {tenant} --client-id {client} --endpoint {url} --authority-host {url}' "$MDETAG"
unset LOGIN_SECRET SECOND_SECRET
step list "$MDETAG" --no-progress --output json auth list
cp "$MDETAG_CONFIG" "{out}/config-after-login.toml"
step status "$MDETAG" --no-progress --output json auth status
step run "$MDETAG" --no-progress --output json tag add --machine {id} --value from-keyring
step run2 "$MDETAG" --no-progress --profile other --output json tag add --machine {id} --value from-other-profile
step logout2 "$MDETAG" --no-progress auth logout --profile other
step logout "$MDETAG" --no-progress auth logout
step same-app "$MDETAG" --no-progress --profile lab-copy tag add --machine {id} --value same-app-after-logout
step logout3 "$MDETAG" --no-progress auth logout --profile lab-copy
step after "$MDETAG" --no-progress tag add --machine {id} --value after-logout
"#,
        out = out.display(),
        tenant = SANDBOX_TENANT,
        client = SANDBOX_CLIENT,
        tenant2 = SECOND_TENANT,
        client2 = SECOND_CLIENT,
        url = sim.sim.url(),
    );
    let session = crate::kit::keyring::run(out, &config, &script, |cmd| {
        sim.apply_env(cmd);
        for var in [
            "MDETAG_ENDPOINT",
            "AZURE_AUTHORITY_HOST",
            "AZURE_TENANT_ID",
            "AZURE_CLIENT_ID",
            "AZURE_CLIENT_SECRET",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("MDETAG_CONFIG", &config)
            .env("LOGIN_SECRET", SECRET)
            .env("SECOND_SECRET", SECOND_SECRET);
    });
    assert!(session.status.success(), "{}", text(&session.stderr));
    let read = |step: &str, what: &str| {
        text(&std::fs::read(out.join(format!("{step}.{what}"))).unwrap_or_default())
    };
    let code = |step: &str| read(step, "code").trim().to_string();
    let ok = |step: &str| assert_eq!(code(step), "0", "{step}: {}", read(step, "err"));

    ok("login");
    assert!(
        read("login", "out").contains("profile 'lab' (default)"),
        "{}",
        read("login", "out")
    );
    let after_login =
        std::fs::read_to_string(out.join("config-after-login.toml")).unwrap_or_default();
    assert!(
        after_login.contains("[profiles.lab]") && after_login.contains(SANDBOX_CLIENT),
        "{after_login}"
    );
    assert!(after_login.contains("default = \"lab\""), "{after_login}");

    ok("status");
    let status: serde_json::Value = serde_json::from_str(&read("status", "out")).unwrap();
    assert_eq!(status["profile"], "lab");
    assert!(
        status["source"]
            .as_str()
            .unwrap()
            .starts_with("OS keyring (profile 'lab', service mdetag"),
        "{status}"
    );
    assert_eq!(status["token"]["ok"], true);
    assert_eq!(status["token"]["tenant"], SANDBOX_TENANT);
    assert_eq!(status["token"]["app_id"], SANDBOX_CLIENT);
    assert!(
        status["token"]["roles"]
            .as_array()
            .unwrap()
            .contains(&"Machine.ReadWrite.All".into())
    );

    ok("run");
    assert!(sim.has_tag(&id, "from-keyring"));
    // The second profile: its own secret from the keyring, its own app's token.
    ok("login2");
    assert!(
        !read("login2", "out").contains("(default)"),
        "the first profile stays the default"
    );
    ok("run2");
    assert!(sim.has_tag(&id, "from-other-profile"));
    // Each run reads its machine's prior state, then writes: the calls of each profile in
    // turn, each with its own app's token.
    let mut by_app: Vec<_> = sim
        .api_calls()
        .iter()
        .map(|c| c.client_id.clone().unwrap_or_default())
        .collect();
    by_app.dedup();
    assert_eq!(
        by_app[..2],
        [SANDBOX_CLIENT, SECOND_CLIENT],
        "each profile's calls with its own app's token"
    );
    // auth list: three profiles, two of one app, each with an entry of its own.
    ok("login3");
    ok("list");
    let list: serde_json::Value = serde_json::from_str(&read("list", "out")).unwrap();
    let entries: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["profile"].as_str().unwrap(),
                p["keyring"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "lab",
                format!("lab/{SANDBOX_TENANT}/{SANDBOX_CLIENT}").as_str()
            ),
            (
                "lab-copy",
                format!("lab-copy/{SANDBOX_TENANT}/{SANDBOX_CLIENT}").as_str()
            ),
            (
                "other",
                format!("other/{SECOND_TENANT}/{SECOND_CLIENT}").as_str()
            ),
        ]
    );
    assert_eq!(list[0]["default"], true);
    ok("logout2");
    assert!(
        read("logout2", "out").contains("default profile is now 'lab'"),
        "{}",
        read("logout2", "out")
    );

    ok("logout");
    assert!(
        read("logout", "out").contains("keyring secret")
            && read("logout", "out").contains("removed")
    );
    // Logging out of one profile leaves another profile of the same app working.
    ok("same-app");
    assert!(sim.has_tag(&id, "same-app-after-logout"));
    ok("logout3");
    assert_eq!(
        code("after"),
        "1",
        "after logout there is no credential: {}",
        read("after", "err")
    );
    assert!(!sim.has_tag(&id, "after-logout"));

    // Not one byte of anything captured, nor the config file, holds the secret or a token.
    let config_text = std::fs::read_to_string(&config).unwrap();
    assert!(
        !config_text.contains("[profiles.lab]"),
        "logout removed the profile: {config_text}"
    );
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&config).unwrap().permissions())
            & 0o777;
    assert_eq!(mode, 0o600, "the config file is private");
    let mut everything = config_text + &after_login;
    for step in [
        "login", "login2", "login3", "list", "status", "run", "logout", "same-app", "after",
    ] {
        everything += &read(step, "out");
        everything += &read(step, "err");
    }
    everything += &text(&session.stdout);
    everything += &text(&session.stderr);
    for secret in [SECRET, SECOND_SECRET] {
        let lines: Vec<&str> = everything.lines().filter(|l| l.contains(secret)).collect();
        assert!(lines.is_empty(), "a secret leaked: {lines:?}");
    }
    for token in sim.sim.issued_tokens() {
        assert!(
            !everything.contains(token.rsplit('.').next().unwrap()),
            "a token leaked"
        );
    }
}

#[test]
fn a_bearer_token_beats_a_secret_and_a_secret_beats_a_certificate() {
    let sim = with_certificate(5);
    let id = sim.ids(1).remove(0);
    sim.cmd()
        .args(["tag", "add", "--machine", &id, "--value", "mint"])
        .assert()
        .success();
    let token = sim.sim.issued_tokens().pop().unwrap();
    let before = sim.token_calls();

    let out = sim
        .cmd()
        .env("MDETAG_TOKEN", &token)
        .args(["--output", "json", "auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout_json(&out)["source"]
            .as_str()
            .unwrap()
            .starts_with("MDETAG_TOKEN")
    );
    sim.cmd()
        .env("MDETAG_TOKEN", &token)
        .args(["tag", "add", "--machine", &id, "--value", "by-token"])
        .assert()
        .success();
    assert_eq!(
        sim.token_calls(),
        before,
        "the bearer token was used, not the secret"
    );

    // An unregistered certificate would fail: the secret, earlier in the order, is used.
    let out = sim
        .cmd()
        .env("AZURE_CLIENT_CERTIFICATE_PATH", fixture("other-cert.pem"))
        .args(["--output", "json", "auth", "status"])
        .output()
        .unwrap();
    assert!(
        stdout_json(&out)["source"]
            .as_str()
            .unwrap()
            .contains("AZURE_CLIENT_SECRET")
    );
    // Forcing the certificate shows it really would have failed.
    let out = sim
        .cmd()
        .env("AZURE_CLIENT_CERTIFICATE_PATH", fixture("other-cert.pem"))
        .args(["--auth", "certificate"])
        .args(tag_add(&[&id], "x"))
        .output()
        .unwrap();
    assert_exit_says(&out, 1, "AADSTS700027");
}

#[test]
fn a_certificate_signs_a_client_assertion() {
    let sim = with_certificate(5);
    let id = sim.ids(1).remove(0);
    let out = sim
        .cmd()
        .env_remove("AZURE_CLIENT_SECRET")
        .env("AZURE_CLIENT_CERTIFICATE_PATH", fixture("app-cert.pem"))
        .args(["--output", "json"])
        .args(tag_add(&[&id], "by-cert"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(sim.has_tag(&id, "by-cert"));
    let out = sim
        .cmd()
        .env_remove("AZURE_CLIENT_SECRET")
        .env("AZURE_CLIENT_CERTIFICATE_PATH", fixture("app-cert.pem"))
        .args(["--output", "json", "auth", "status"])
        .output()
        .unwrap();
    let status = stdout_json(&out);
    assert!(
        status["source"]
            .as_str()
            .unwrap()
            .starts_with("certificate "),
        "{status}"
    );
    assert_eq!(status["token"]["ok"], true);
}

#[test]
fn an_expired_certificate_is_refused_before_any_call() {
    let sim = with_certificate(5);
    let id = sim.ids(1).remove(0);
    let out = sim
        .cmd()
        .env_remove("AZURE_CLIENT_SECRET")
        .env(
            "AZURE_CLIENT_CERTIFICATE_PATH",
            fixture("app-cert-expired.pem"),
        )
        .args(["tag", "add", "--machine", &id, "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("expired on") && stderr.contains("app-cert-expired.pem"),
        "{stderr}"
    );
    assert!(sim.sim.calls().is_empty(), "not even a token request");
}

#[test]
fn a_token_without_machine_readwrite_all_stops_a_tagging_run_before_any_call() {
    let mut config = SimConfig {
        ..unlimited_config(3)
    };
    config.apps[0].roles = vec!["Machine.Read.All".into()];
    let sim = TestSim::start(config);
    let id = sim.ids(1).remove(0);
    let out = sim
        .cmd()
        .args(["tag", "add", "--machine", &id, "--value", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("does not carry Machine.ReadWrite.All") && stderr.contains("admin consent"),
        "{stderr}"
    );
    assert!(sim.api_calls().is_empty());
    // auth status says so, how to grant it, and exits 1; reading still works.
    let out = sim.cmd().args(["auth", "status"]).output().unwrap();
    let stderr = assert_exit_says(&out, 1, "does not carry Machine.ReadWrite.All");
    for needle in ["API permissions", "admin consent", "--read-only"] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    let stdout = text(&out.stdout);
    assert!(stdout.contains("roles:    Machine.Read.All"), "{stdout}");
    assert!(!stdout.contains("token:      ok"), "{stdout}");
    assert!(
        stdout.contains("token:      issued, lacks Machine.ReadWrite.All"),
        "{stdout}"
    );
    let out = sim
        .cmd()
        .args(["--output", "json", "auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = stdout_json(&out);
    assert_eq!(
        doc["token"]["missing_role"], "Machine.ReadWrite.All",
        "{doc}"
    );
    assert!(
        doc["error"].as_str().unwrap().contains("admin consent"),
        "{doc}"
    );
    // --read-only asks only whether the token may read: it may.
    let out = sim
        .cmd()
        .args(["auth", "status", "--read-only"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("token:      ok"));
    sim.cmd().args(["machines", "list"]).assert().success();
}

#[test]
fn auth_status_read_only_still_exits_1_without_a_read_role() {
    let mut config = unlimited_config(3);
    config.apps[0].roles = vec!["AdvancedQuery.Read.All".into()];
    let sim = TestSim::start(config);
    let out = sim
        .cmd()
        .args(["auth", "status", "--read-only"])
        .output()
        .unwrap();
    let stderr = assert_exit_says(&out, 1, "does not carry Machine.Read.All");
    assert!(stderr.contains("admin consent"), "{stderr}");
    // Without --read-only it is the write role that is named.
    let out = sim.cmd().args(["auth", "status"]).output().unwrap();
    assert_exit_says(&out, 1, "does not carry Machine.ReadWrite.All");
}

/// `2026-12-05T23:10:00Z`: what a script can compare and `date -d` reads.
fn is_iso_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn auth_status_gives_the_expiry_in_iso_8601_utc_in_every_format() {
    let sim = TestSim::unlimited(3);
    let out = sim.cmd().args(["auth", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("token:      ok"), "{stdout}");
    let expires = stdout
        .lines()
        .find_map(|l| l.strip_prefix("  expires:  "))
        .unwrap_or_default();
    assert!(is_iso_utc(expires), "{expires:?} in {stdout}");
    let out = sim
        .cmd()
        .args(["--output", "json", "auth", "status"])
        .output()
        .unwrap();
    let doc = stdout_json(&out);
    let expires = doc["token"]["expires"].as_str().unwrap_or_default();
    assert!(is_iso_utc(expires), "{doc}");
    assert_eq!(doc["token"]["missing_role"], serde_json::Value::Null);
    assert!(!is_iso_utc("Sat, 05 Dec 2026 23:10:00 GMT"));
}

#[test]
fn managed_identity_is_opt_in() {
    let sim = TestSim::start(SimConfig {
        identity_header: Some("mi-header-value".into()),
        ..unlimited_config(3)
    });
    let id = sim.ids(1).remove(0);
    let mi = |cmd: &mut assert_cmd::Command| {
        cmd.env_remove("AZURE_CLIENT_SECRET")
            .env_remove("AZURE_TENANT_ID")
            .env_remove("AZURE_CLIENT_ID")
            .env("IDENTITY_ENDPOINT", format!("{}/msi/token", sim.sim.url()))
            .env("IDENTITY_HEADER", "mi-header-value");
    };
    let mut cmd = sim.cmd();
    mi(&mut cmd);
    let out = cmd
        .args(["tag", "add", "--machine", &id, "--value", "mi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "not used unless asked for");
    let mut cmd = sim.cmd();
    mi(&mut cmd);
    let out = cmd
        .args(["--auth", "managed-identity", "-v"])
        .args(tag_add(&[&id], "mi"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(sim.has_tag(&id, "mi"));
    assert!(
        sim.sim
            .calls()
            .iter()
            .any(|c| c.path.starts_with("/msi/token?") && c.status == 200)
    );
    assert!(
        !text(&out.stderr).contains("mi-header-value"),
        "the identity header is a secret"
    );
}

#[test]
fn the_azure_cli_is_opt_in_and_asked_for_the_right_resource() {
    let sim = TestSim::unlimited(3);
    let id = sim.ids(1).remove(0);
    sim.cmd()
        .args(["tag", "add", "--machine", &id, "--value", "mint"])
        .assert()
        .success();
    let token = sim.sim.issued_tokens().pop().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("az.log");
    let expires = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let path = install_az(
        bin.path(),
        &format!(
            "#!/bin/sh\necho \"$@\" >> {log}\nprintf '%s' '{{\"accessToken\":\"{token}\",\"expires_on\":{expires},\"tokenType\":\"Bearer\"}}'\n",
            log = log.display()
        ),
    );
    let out = sim
        .azure_cli_cmd(&path)
        .args(tag_add(&[&id], "by-az"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(sim.has_tag(&id, "by-az"));
    let args = std::fs::read_to_string(&log).unwrap();
    assert!(args.contains("account get-access-token --resource https://api.securitycenter.microsoft.com --output json"), "{args}");
    assert!(
        args.contains(&format!("--tenant {SANDBOX_TENANT}")),
        "{args}"
    );

    // Not used unless asked for; and a failing az is a clear exit 1.
    install_az(
        bin.path(),
        "#!/bin/sh\necho \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n",
    );
    let out = sim
        .azure_cli_cmd(&path)
        .args(tag_add(&[&id], "x"))
        .output()
        .unwrap();
    assert_exit_says(&out, 1, "Please run 'az login'");
}

#[test]
fn clouds_and_regions_pick_hosts_and_scopes() {
    let status = |args: &[&str]| {
        let out = bare_cmd()
            .args(args)
            .args(["--output", "json", "auth", "status"])
            .output()
            .unwrap();
        stdout_json(&out)
    };
    let s = status(&["--region", "eu"]);
    assert_eq!(s["endpoint"], "https://eu.api.security.microsoft.com/");
    assert_eq!(s["authority"], "https://login.microsoftonline.com/");
    let s = status(&["--cloud", "gcc"]);
    assert_eq!(
        s["endpoint"],
        "https://api-gcc.securitycenter.microsoft.us/"
    );
    let s = status(&["--cloud", "gcc-high"]);
    assert_eq!(
        (s["endpoint"].as_str(), s["authority"].as_str()),
        (
            Some("https://api-gov.securitycenter.microsoft.us/"),
            Some("https://login.microsoftonline.us/")
        )
    );
    let s = status(&[
        "--cloud",
        "dod",
        "--endpoint",
        "https://example.test",
        "--allow-host",
        "example.test",
    ]);
    assert_eq!(
        s["endpoint"], "https://example.test/",
        "--endpoint still overrides"
    );
    let out = bare_cmd()
        .args(["--cloud", "dod", "--region", "us", "auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(text(&out.stderr).contains("only in the commercial cloud"));

    // The scope follows the cloud: a GCC High token is for the government API.
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    sim.cmd()
        .args(["--cloud", "gcc-high"])
        .args(tag_add(&[&id], "gov"))
        .assert()
        .success();
    let token = sim.sim.issued_tokens().pop().unwrap();
    assert_eq!(
        decode(&token)["aud"],
        "https://api-gov.securitycenter.microsoft.us"
    );
}

#[test]
fn login_asks_for_the_secret_without_echo_and_keeps_nothing_when_it_is_refused() {
    let sim = TestSim::unlimited(1);
    // A pseudo-terminal (util-linux `script`); the answer is typed a moment after the prompt
    // appears, as a person would.
    let inner = format!(
        "{} --no-progress auth login --tenant-id {SANDBOX_TENANT} --client-id {SANDBOX_CLIENT} --endpoint {url} --authority-host {url}",
        env!("CARGO_BIN_EXE_mdetag"),
        url = sim.sim.url()
    );
    let mut cmd = Command::new("sh");
    cmd.args([
        "-c",
        &format!("(sleep 1; printf 'typed-wrong-secret\\n') | script -qefc \"{inner}\" /dev/null"),
    ]);
    sim.apply_env(&mut cmd);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    cmd.env("MDETAG_CONFIG", &config);
    let out = cmd.output().unwrap();
    let screen = text(&out.stdout);
    assert!(
        screen.contains(&format!(
            "Client secret for app {SANDBOX_CLIENT} (not shown):"
        )),
        "{screen:?}"
    );
    assert!(
        !screen.contains("typed-wrong-secret"),
        "the secret was echoed: {screen:?}"
    );
    assert!(
        screen.contains("login failed; nothing was stored") && screen.contains("AADSTS7000215"),
        "{screen:?}"
    );
    assert!(!config.exists(), "a refused secret leaves no profile");

    // Without a terminal and without --secret-stdin there is nobody to ask.
    let out = sim
        .cmd()
        .args(["auth", "login"])
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_exit_says(&out, 1, "--secret-stdin");
}

#[test]
fn the_sandbox_serves_auth_status_and_never_leaves_the_machine() {
    // A proxy that refuses everything, and real-looking credentials: neither may be used.
    let proxied = |args: &[&str]| {
        let mut cmd = bare_cmd();
        for var in [
            "HTTPS_PROXY",
            "HTTP_PROXY",
            "ALL_PROXY",
            "https_proxy",
            "http_proxy",
        ] {
            cmd.env(var, "http://127.0.0.1:1");
        }
        cmd.env("AZURE_TENANT_ID", "real-tenant")
            .env("AZURE_CLIENT_ID", "real-app")
            .env("AZURE_CLIENT_SECRET", "real-secret-value")
            .env("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com")
            .args(args)
            .output()
            .unwrap()
    };
    let out = proxied(&["--sandbox", "--output", "json", "auth", "status"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let status = stdout_json(&out);
    assert_eq!(status["token"]["ok"], true, "{status}");
    assert!(
        status["source"].as_str().unwrap().contains("sandbox"),
        "{status}"
    );
    assert_eq!(status["token"]["tenant"], SANDBOX_TENANT);
    assert!(
        status["endpoint"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    for command in ["login", "logout", "list"] {
        let out = proxied(&["--sandbox", "auth", command]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{command}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("--sandbox"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn mde_sim_prints_every_variable_to_export() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mde-sim"))
        .args(["--machines", "2"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    let mut printed = String::new();
    for _ in 0..4 {
        printed.push_str(&lines.next().unwrap().unwrap());
        printed.push('\n');
    }
    let _ = child.kill();
    let _ = child.wait();
    for var in [
        "MDETAG_ENDPOINT=http://127.0.0.1:",
        "AZURE_AUTHORITY_HOST=http://127.0.0.1:",
        &format!("AZURE_TENANT_ID={SANDBOX_TENANT}"),
        &format!("AZURE_CLIENT_ID={SANDBOX_CLIENT}"),
        &format!("AZURE_CLIENT_SECRET={SECRET}"),
    ] {
        assert!(printed.contains(var), "{var} missing from:\n{printed}");
    }
}
