//! Issue 15, item 8: the endpoint and the authority host are the cloud's known hosts, or
//! loopback, unless `--allow-host` (`MDETAG_ALLOW_HOST`, a profile's `allow_host`) names them:
//! look-alikes and punycode homographs are refused before anything is sent.

use crate::kit::{TestSim, assert_exit_says, stdout_json, text};

const EVIL: &str = "https://api.security.microsoft.com.evil.example";
const EVIL_HOST: &str = "api.security.microsoft.com.evil.example";

#[test]
fn look_alike_hosts_are_refused_without_allow_host() {
    let sim = TestSim::unlimited(1);
    let id = sim.ids(1).remove(0);
    for (flag, url, shown) in [
        ("--endpoint", EVIL, EVIL_HOST),
        // A Cyrillic "а" in place of the Latin one: shown as the punycode it really is.
        (
            "--endpoint",
            "https://\u{430}pi.security.microsoft.com",
            "xn--pi-6kc.security.microsoft.com",
        ),
        (
            "--endpoint",
            "https://api.security.microsoft.com.",
            "api.security.microsoft.com.",
        ),
        (
            "--authority-host",
            "https://login.microsoftonline.com.evil.example",
            "login.microsoftonline.com.evil.example",
        ),
        // Another cloud's host, or the sign-in host used as the API.
        (
            "--endpoint",
            "https://api-gov.securitycenter.microsoft.us",
            "api-gov.securitycenter.microsoft.us",
        ),
        (
            "--endpoint",
            "https://login.microsoftonline.com",
            "login.microsoftonline.com",
        ),
    ] {
        let out = sim
            .cmd()
            .args([flag, url, "tag", "add", "--machine", &id, "--value", "x"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(flag) && stderr.contains(shown) && stderr.contains("--allow-host"),
            "{url}: {stderr}"
        );
        assert!(!stderr.contains('\u{430}'), "{stderr}");
    }
    let out = sim
        .cmd()
        .env("MDETAG_ENDPOINT", EVIL)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("MDETAG_ENDPOINT"));
    assert!(sim.sim.calls().is_empty(), "nothing was sent");
}

#[test]
fn the_clouds_own_hosts_and_loopback_need_no_allow_host() {
    let sim = TestSim::unlimited(1);
    let status = |args: &[&str]| {
        let out = sim
            .cmd()
            .args(args)
            .args(["--output", "json", "auth", "status"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains("warning"),
            "{}",
            text(&out.stderr)
        );
        stdout_json(&out)
    };
    for region in ["us", "eu", "uk", "au", "swa", "ina"] {
        let url = format!("https://{region}.api.security.microsoft.com");
        assert_eq!(status(&["--endpoint", &url])["endpoint"], format!("{url}/"));
    }
    status(&["--endpoint", "https://aea.api.security.microsoft.com"]);
    status(&["--endpoint", "https://API.Security.Microsoft.com"]);
    status(&[
        "--cloud",
        "gcc",
        "--endpoint",
        "https://api-gcc.securitycenter.microsoft.us",
    ]);
    status(&[
        "--cloud",
        "dod",
        "--endpoint",
        "https://api-gov.securitycenter.microsoft.us",
    ]);
    status(&["--endpoint", "http://localhost:9"]);
}

#[test]
fn allow_host_from_a_flag_the_variable_or_the_profile_lets_a_host_through_with_a_warning() {
    let sim = TestSim::unlimited(1);
    let allowed = |cmd: &mut assert_cmd::Command| {
        let out = cmd
            .args(["--endpoint", EVIL, "--output", "json", "auth", "status"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert_eq!(
            stderr
                .matches(&format!("warning: --endpoint: {EVIL_HOST} is not"))
                .count(),
            1,
            "{stderr}"
        );
        let doc = stdout_json(&out);
        assert_eq!(doc["endpoint"], format!("{EVIL}/"));
        assert!(
            doc["warnings"][0]
                .as_str()
                .unwrap_or_default()
                .contains(EVIL_HOST),
            "{doc}"
        );
    };
    allowed(
        sim.cmd()
            .args(["--allow-host", "other.example", "--allow-host", EVIL_HOST]),
    );
    allowed(
        sim.cmd()
            .args(["--allow-host", "API.Security.Microsoft.com.Evil.Example"]),
    );
    allowed(
        sim.cmd()
            .env("MDETAG_ALLOW_HOST", format!("other.example,{EVIL_HOST}")),
    );
    // Naming another host, or a URL, is no permission.
    let out = sim
        .cmd()
        .args([
            "--allow-host",
            "evil.example",
            "--endpoint",
            EVIL,
            "auth",
            "status",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sim
        .cmd()
        .args(["--allow-host", EVIL, "--endpoint", EVIL, "auth", "status"])
        .output()
        .unwrap();
    assert_exit_says(&out, 2, "a host name, not a URL");

    // A profile pointing elsewhere needs its own allow_host.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let profile = |allow: &str| {
        std::fs::write(
            &config,
            format!("default = \"p\"\n[profiles.p]\ntenant_id = \"t\"\nclient_id = \"c\"\nendpoint = \"{EVIL}\"\n{allow}"),
        )
        .unwrap();
        sim.cmd()
            .env("MDETAG_CONFIG", &config)
            .env_remove("MDETAG_ENDPOINT")
            .args(["--output", "json", "auth", "status"])
            .output()
            .unwrap()
    };
    let out = profile("");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the profile's endpoint") && stderr.contains(EVIL_HOST),
        "{stderr}"
    );
    let out = profile(&format!("allow_host = [\"{EVIL_HOST}\"]\n"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(EVIL_HOST));
    assert!(sim.sim.calls().iter().all(|c| c.kind == "token"));
}
