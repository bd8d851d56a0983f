//! The sandbox keeps its tenant between commands in `{state}/sandbox/` (SPEC.md, Global
//! options): what one command changes the next one sees, its runs are marked, resumed and
//! undone like real ones (and never crossed with a real tenant's), two commands at once lose no
//! change, and the try-it line of `--help` works from any directory.

use std::process::Child;

use serde_json::Value;

use crate::kit::sandbox::Sandbox;
use crate::kit::{
    TestSim, assert_exit_says, bare_cmd, finish, json_file, run_id, send_signal, tag_add, text,
    wait_until,
};

/// Whether the file at `path` holds `needle` (false while it does not exist).
fn holds(path: Option<std::path::PathBuf>, needle: &str) -> bool {
    path.and_then(|p| std::fs::read_to_string(p).ok())
        .is_some_and(|t| t.contains(needle))
}

/// `--no-batch --rate-limit 2/min tag add` of `machines`: the read and the first write go at
/// once, the next write a minute later. Returns once the first write is settled in the journal;
/// `stopped` waits for it and gives its exit code and standard error.
fn slow_run(sb: &Sandbox, machines: &[&str], value: &str, out: &str) -> Child {
    let mut args = vec!["--no-batch", "--rate-limit", "2/min", "--output", "json"];
    let tagging = tag_add(machines, value);
    args.extend(tagging.iter().map(String::as_str));
    let child = sb.spawn(
        &args,
        &sb.cwd.path().join(out),
        &sb.cwd.path().join(format!("{out}.err")),
    );
    wait_until("the first write settled", || {
        holds(sb.journal(), "{\"t\":\"done\"")
    });
    child
}

/// Waits for a process of `Sandbox::spawn`: its exit code and what it wrote to `err`.
fn stopped(child: Child, sb: &Sandbox, err: &str) -> (Option<i32>, String) {
    let (code, _) = finish(child);
    let stderr = text(&std::fs::read(sb.cwd.path().join(err)).unwrap());
    (code, stderr)
}

#[test]
fn what_one_sandbox_command_changes_the_next_one_sees() {
    let sb = Sandbox::new();
    assert!(sb.tagged("IR-1234").is_empty());
    let out = sb
        .cmd()
        .args(tag_add(&["ws-00001"], "IR-1234"))
        .output()
        .unwrap();
    let stderr = assert_exit_says(&out, 0, "kept in");
    assert!(stderr.contains("delete it to start over"), "{stderr}");
    assert_eq!(sb.tagged("IR-1234"), ["ws-00001.contoso.local"]);

    // Only its user may read or enter it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sb.dir()), 0o700);
        assert_eq!(mode(&sb.dir().join("state.json")), 0o600);
        assert_eq!(mode(&sb.dir().join("lock")), 0o600);
    }

    // Another state folder is another sandbox; deleting the folder starts this one over.
    assert!(Sandbox::new().tagged("IR-1234").is_empty());
    std::fs::remove_dir_all(sb.dir()).unwrap();
    assert!(sb.tagged("IR-1234").is_empty());
}

#[test]
fn a_damaged_sandbox_says_how_to_start_over() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.dir()).unwrap();
    std::fs::write(sb.dir().join("state.json"), "{not json").unwrap();
    let out = sb.cmd().args(["machines", "list"]).output().unwrap();
    let stderr = assert_exit_says(&out, 1, "start it over");
    assert!(stderr.contains(&sb.dir().display().to_string()), "{stderr}");
}

#[test]
fn a_sandbox_run_is_marked_in_runs_list_and_its_journal() {
    let sb = Sandbox::new();
    let run = run_id(&sb.expect_json(&tag_add_args(&["ws-00002"], "Marked"), 0));
    let list = sb
        .plain_cmd()
        .args(["--output", "json", "runs", "list"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(rows[0]["run_id"], run.as_str());
    assert_eq!(rows[0]["sandbox"], true, "{rows}");
    let table = sb.plain_cmd().args(["runs", "list"]).output().unwrap();
    let table = text(&table.stdout);
    assert!(table.contains("Sandbox"), "{table}");
    let row = table.lines().find(|l| l.contains(&run)).unwrap();
    assert!(row.contains("yes"), "{row}");
    let journal = std::fs::read_to_string(sb.journal().unwrap()).unwrap();
    let header: Value = serde_json::from_str(journal.lines().next().unwrap()).unwrap();
    assert_eq!(header["sandbox"], true, "{header}");
    assert_eq!(header["tenant"], mde_sim::SANDBOX_TENANT);
}

fn tag_add_args<'a>(machines: &'a [&'a str], value: &'a str) -> Vec<&'a str> {
    crate::kit::tag_add_argv(&[], machines, value)
}

/// Stopped by SIGINT (cleanly) or SIGKILL (no end in the journal), a sandbox run resumes with
/// `--sandbox` (the stop's hint says so) and its undo puts every machine back exactly.
#[test]
fn a_stopped_sandbox_run_resumes_and_undoes_exactly() {
    let machines = ["ws-00001", "ws-00002", "ws-00003"];
    for signal in ["INT", "KILL"] {
        let sb = Sandbox::new();
        let before = sb.machines();
        let child = slow_run(&sb, &machines, "Resumed", "run.json");
        send_signal(child.id(), signal);
        let (code, stderr) = stopped(child, &sb, "run.json.err");
        let run = sb
            .journal()
            .unwrap()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if signal == "INT" {
            assert_eq!(code, Some(130), "{stderr}");
            assert!(
                stderr.contains(&format!(
                    "`mdetag --sandbox resume {run}` continues this run"
                )),
                "{stderr}"
            );
            let doc = json_file(&sb.cwd.path().join("run.json"));
            assert_eq!(doc["summary"]["succeeded"], 1, "{doc}");
        }
        assert_eq!(sb.tagged("Resumed").len(), 1, "SIG{signal}");

        let doc = sb.expect_json(&["--rate-limit", "100/min", "resume", &run], 0);
        assert_eq!(doc["summary"]["succeeded"], 3, "SIG{signal}: {doc}");
        assert_eq!(sb.tagged("Resumed").len(), 3, "SIG{signal}");

        let undo = sb.expect_json(&["undo", &run], 0);
        assert_eq!(undo["summary"]["succeeded"], 3, "SIG{signal}: {undo}");
        assert_eq!(sb.machines(), before, "SIG{signal}: undo is exact");
    }
}

/// A sandbox run is resumed and undone only with `--sandbox`, a real one never with it: exit
/// 2 before any credential is asked for or anything is sent. Plain `resume` passes sandbox
/// runs over; `--sandbox resume` takes the newest sandbox run.
#[test]
fn sandbox_runs_and_real_runs_never_cross() {
    let sb = Sandbox::new();
    let child = slow_run(&sb, &["ws-00002", "ws-00003"], "Crossed", "run.json");
    send_signal(child.id(), "INT");
    let _ = finish(child);
    let run = sb
        .journal()
        .unwrap()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // No credentials in the environment: the refusal comes first.
    for command in ["resume", "undo"] {
        let out = sb.plain_cmd().args([command, &run]).output().unwrap();
        assert_exit_says(&out, 2, "was made in the sandbox: add --sandbox");
    }
    let out = sb.plain_cmd().arg("resume").output().unwrap();
    assert_exit_says(&out, 0, "nothing to resume");
    // A bare `--sandbox resume` picks it up.
    let doc = sb.expect_json(&["--rate-limit", "100/min", "resume"], 0);
    assert_eq!(doc["summary"]["run_id"], run.as_str());
    assert_eq!(sb.tagged("Crossed").len(), 2);

    // A real tenant's run, in the same state folder, is never acted on in the sandbox.
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).pop().unwrap();
    let real = run_id(&sim.ok_json(&["tag", "add", "--machine", &id, "--value", "Real"]));
    let calls = sim.api_calls().len();
    for command in ["resume", "undo"] {
        let out = sim
            .cmd()
            .args(["--sandbox", command, &real])
            .output()
            .unwrap();
        assert_exit_says(&out, 2, "not in the sandbox: leave out --sandbox");
    }
    assert_eq!(sim.api_calls().len(), calls, "nothing sent to the real one");
    assert!(sim.has_tag(&id, "Real"));
}

/// A plan saved in the sandbox is applied in the sandbox, and only there.
#[test]
fn a_plan_saved_in_the_sandbox_is_applied_there() {
    let sb = Sandbox::new();
    let plan = sb.cwd.path().join("plan.jsonl");
    let plan = plan.to_str().unwrap();
    let mut args = tag_add_args(&["ws-00006"], "Planned");
    args.extend(["--save-plan", plan]);
    sb.expect_json(&args, 0);
    assert!(sb.tagged("Planned").is_empty());
    let out = sb.plain_cmd().args(["apply", plan]).output().unwrap();
    assert_exit_says(&out, 2, "was made in the sandbox: add --sandbox");
    let doc = sb.expect_json(&["apply", plan], 0);
    assert_eq!(doc["summary"]["succeeded"], 1, "{doc}");
    assert_eq!(sb.tagged("Planned"), ["ws-00006.contoso.local"]);
}

/// Two commands that change the sandbox at once: the second waits for the first (saying so),
/// one that only reads does not wait, and no change is lost.
#[test]
fn two_sandbox_commands_at_once_lose_no_change() {
    let sb = Sandbox::new();
    let first = slow_run(&sb, &["ws-00001", "ws-00002"], "First", "first.json");
    let err = sb.cwd.path().join("second.err");
    let second = sb.spawn(
        &tag_add_args(&["ws-00011"], "Second"),
        &sb.cwd.path().join("second.out"),
        &err,
    );
    wait_until("the second command to wait", || {
        holds(
            Some(err.clone()),
            "is changing it; waiting for that one to end",
        )
    });
    // A reader does not wait, and sees the tenant as last written.
    let out = sb
        .cmd()
        .args(["--output", "json", "machines", "list"])
        .output()
        .unwrap();
    assert_exit_says(&out, 0, "this one only reads");
    assert_eq!(sb.tagged("First"), ["ws-00001.contoso.local"]);

    send_signal(first.id(), "INT");
    let (code, stderr) = stopped(first, &sb, "first.json.err");
    assert_eq!(code, Some(130), "{stderr}");
    let (code, stderr) = stopped(second, &sb, "second.err");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(sb.tagged("First"), ["ws-00001.contoso.local"]);
    assert_eq!(sb.tagged("Second"), ["ws-00011.contoso.local"]);
}

/// The try-it line at the end of `mdetag -h` runs in an empty directory, warns of nothing, and
/// runs again (the sandbox remembers: nothing left to change is still exit 0).
#[test]
fn the_try_it_line_of_help_runs_from_any_directory() {
    let help = bare_cmd().arg("-h").output().unwrap();
    let help = text(&help.stdout);
    let line = help
        .lines()
        .find_map(|l| l.strip_prefix("Try it with no tenant: "))
        .unwrap_or_else(|| panic!("no try-it line in:\n{help}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words[..2], ["mdetag", "--sandbox"], "{line}");
    let sb = Sandbox::new();
    for _ in 0..2 {
        let out = sb.plain_cmd().args(&words[1..]).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{line}: {stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    assert_eq!(std::fs::read_dir(sb.cwd.path()).unwrap().count(), 0);
}

#[test]
fn a_profile_exported_for_real_runs_does_not_stop_the_sandbox() {
    // Scripts export MDETAG_PROFILE for every command; the sandbox brings its own tenant.
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .env("MDETAG_PROFILE", "customer-a")
        .args(["--output", "json", "machines", "list"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::kit::text(&out.stderr)
    );
}

/// `examples/tenants.csv`, the three tenants the sandbox serves.
fn example_tenants() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/tenants.csv")
        .display()
        .to_string()
}

#[test]
fn the_sandbox_serves_three_tenants_to_learn_a_run_over_many_and_undo_it() {
    let sb = Sandbox::new();
    let tenants = example_tenants();
    let stale = "healthStatus eq 'Inactive'";
    let before = sb.machines();
    let listed = sb.expect_json(&["machines", "list", "--tenants", &tenants], 0);
    let blocks = listed["summary"]["tenants"].as_array().unwrap();
    let names: Vec<&str> = blocks
        .iter()
        .map(|b| b["tenant_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Contoso", "Fabrikam", "Northwind"]);
    assert!(
        blocks
            .iter()
            .all(|b| b["ran"] == true && b["summary"]["total"] == 50),
        "{blocks:?}"
    );
    // The sandbox's own tenant is the first, as it was before it served others.
    assert_eq!(blocks[0]["tenant"], mde_sim::SANDBOX_TENANT);
    let own: Vec<&Value> = listed["machines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["tenant"] == mde_sim::SANDBOX_TENANT)
        .collect();
    assert_eq!(own.len(), before.len());
    // Each customer's hosts are in its own domain: a name says whose machine it is.
    assert!(
        listed["machines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["tenant_name"] == "Fabrikam")
            .all(|m| m["name"].as_str().unwrap().ends_with(".fabrikam.local")),
        "{listed}"
    );

    let doc = sb.expect_json(
        &[
            "tag",
            "add",
            "--tenants",
            &tenants,
            "--filter",
            stale,
            "--value",
            "Stale",
        ],
        0,
    );
    let tagged = doc["summary"]["succeeded"].as_u64().unwrap();
    assert!(tagged > 0);
    let id = run_id(&doc);
    let seen = sb.expect_json(
        &["machines", "list", "--tenants", &tenants, "--tag", "Stale"],
        0,
    );
    assert_eq!(
        seen["summary"]["total"], tagged,
        "the next command sees every tenant's change"
    );

    // Resumed and undone in the sandbox only, refused before any credential elsewhere.
    for command in ["undo", "resume"] {
        let out = sb.plain_cmd().args([command, &id]).output().unwrap();
        assert_exit_says(&out, 2, "was made in the sandbox");
    }
    let resumed = sb.expect_json(&["resume", &id], 0);
    assert_eq!(
        resumed["summary"]["succeeded"], tagged,
        "nothing left to do; reported whole"
    );
    let undone = sb.expect_json(&["undo", &id], 0);
    assert_eq!(undone["summary"]["succeeded"], tagged);
    // Hints name the sandbox: what they say to type works as typed.
    let plan = sb.cwd.path().join("plan.jsonl");
    let saved = sb
        .cmd()
        .args(["tag", "add", "--tenants", &tenants, "--filter", stale])
        .args(["--value", "Later", "--save-plan", plan.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(saved.status.code(), Some(0));
    let said = text(&saved.stderr);
    assert!(
        said.contains(&format!(
            "(`mdetag --sandbox apply {}` runs it)",
            plan.display()
        )),
        "{said}"
    );
    let seen = sb.expect_json(
        &["machines", "list", "--tenants", &tenants, "--tag", "Stale"],
        0,
    );
    assert_eq!(seen["summary"]["total"], 0);
}
