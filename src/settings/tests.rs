//! The settings' own rules: which variables flags read, and the order of layers.

use super::*;

fn resolved(args: &[&str], given: &[&str], run: RunLayer) -> Result<Settings> {
    use clap::Parser;
    let cli = crate::cli::Cli::try_parse_from(
        ["mdetag", "--sandbox"]
            .iter()
            .chain(args)
            .chain(&["runs", "list"]),
    )?;
    let sources = Sources::new([])
        .with_given(given.iter().map(|g| g.to_string()))
        .with_run(run);
    Settings::from_args(&cli.global, &sources)
}

#[test]
fn a_run_layer_sits_below_what_the_command_is_given_and_above_the_defaults() {
    let run = RunLayer {
        batching: Some(false),
        rate_limit: Some(("7/1h".into(), "run.jsonl".into())),
        concurrency: Some(3),
        skip_unchanged: true,
    };
    let s = resolved(&[], &[], run.clone()).unwrap();
    assert_eq!(s.concurrency(), 3);
    assert!(!s.plan_options().batching);
    assert!(s.plan_options().skip_unchanged);
    assert_eq!(s.windows(), rate_limit::parse("7/1h").unwrap().as_slice());
    let args = ["--rate-limit", "9/1m", "--concurrency", "5"];
    let given = ["rate_limit", "concurrency", "no_batch"];
    let s = resolved(&args, &given, run.clone()).unwrap();
    assert_eq!(s.concurrency(), 5);
    assert!(
        s.plan_options().batching,
        "--no-batch not typed: batching, as given"
    );
    assert_eq!(s.windows(), rate_limit::parse("9/1m").unwrap().as_slice());
    let bad = RunLayer {
        rate_limit: Some(("lots".into(), "run.jsonl".into())),
        ..run
    };
    let e = resolved(&[], &[], bad).unwrap_err().to_string();
    assert!(
        e.starts_with("run.jsonl: the run's rate limit 'lots' cannot be read"),
        "{e}"
    );
}

#[test]
fn every_variable_a_flag_reads_is_listed() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        out.extend(
            cmd.get_arguments()
                .filter_map(|a| a.get_env())
                .map(|e| e.to_string_lossy().into_owned()),
        );
        cmd.get_subcommands().for_each(|c| walk(c, out));
    }
    let mut vars = Vec::new();
    walk(&crate::cli::Cli::command(), &mut vars);
    assert!(vars.len() >= 12, "{vars:?}");
    for v in vars {
        assert!(
            ENVIRONMENT.contains(&v.as_str()),
            "{v} is read but not in ENVIRONMENT"
        );
    }
}

#[test]
fn labels_name_the_variable_only_when_it_was_used() {
    let s = Sources::new(["rate_limit".to_string()]);
    assert_eq!(
        s.label("rate_limit", "--rate-limit", "MDETAG_RATE_LIMIT"),
        "MDETAG_RATE_LIMIT"
    );
    assert_eq!(
        s.label("endpoint", "--endpoint", "MDETAG_ENDPOINT"),
        "--endpoint"
    );
}
