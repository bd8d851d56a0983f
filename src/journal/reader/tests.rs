use super::*;

fn read_text(text: &str) -> Result<RunLog, JournalError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    std::fs::write(&path, text).unwrap();
    read(&path)
}

fn journal(format: u32, rest: &[&str]) -> String {
    let header = format!(
        r#"{{"t":"header","format":{format},"run_id":"r","started":"s","command":"tag add","tenant":null,"client":null,"endpoint":"e","batching":true,"mdetag":"0"}}"#
    );
    let op = r#"{"t":"op","m":"ws-1","a":"add","v":"x","o":"--machine"}"#;
    let mut lines = vec![header.as_str(), op, op];
    lines.extend(rest);
    lines.join("\n") + "\n"
}

#[test]
fn a_plan_over_many_tenants_reads_as_parts_and_a_journal_never_does() {
    let planned = r#"{"t":"planned","ops":2}"#;
    let whole = journal(2, &[planned]);
    let text = format!("{whole}{}", journal(2, &[]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jsonl");
    std::fs::write(&path, &text).unwrap();
    let parts = read_parts(&path).unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(
        parts.iter().map(|p| p.plan_complete).collect::<Vec<_>>(),
        [true, false],
        "each part is whole only with its own mark"
    );
    assert!(parts.iter().all(|p| p.ops.len() == 2));
    // A run's journal has one header: a second is damage, named by its line.
    match read(&path) {
        Err(JournalError::Damaged { line, reason, .. }) => {
            assert_eq!((line, reason.as_str()), (5, "a second header"));
        }
        other => panic!("{:?}", other.map(|l| l.ops.len())),
    }
    // Damage in a later part is named by its line in the whole file.
    std::fs::write(
        &path,
        format!("{whole}{}", journal(2, &["nonsense", planned])),
    )
    .unwrap();
    match read_parts(&path) {
        Err(JournalError::Damaged { line, .. }) => assert_eq!(line, 8),
        other => panic!("{:?}", other.map(|l| l.len())),
    }
}

#[test]
fn only_a_plan_known_whole_is_complete() {
    let sent = r#"{"t":"sent","ops":[0],"at":1700000000000}"#;
    for (format, rest, complete) in [
        (2, vec![r#"{"t":"planned","ops":2}"#, sent], true),
        (2, vec![], false),
        // The old format: whole when its own run wrote the next record after the plan.
        (1, vec![r#"{"t":"sent","ops":[0]}"#], true),
        (
            1,
            vec![r#"{"t":"prior","machine":"m","tags":[],"value":null}"#],
            true,
        ),
        (1, vec![r#"{"t":"resumed","at":"now"}"#, sent], false),
        (1, vec![], false),
    ] {
        let log = read_text(&journal(format, &rest)).unwrap();
        assert_eq!(log.plan_complete, complete, "format {format}: {rest:?}");
    }
    let log = read_text(&journal(2, &[r#"{"t":"planned","ops":2}"#, sent])).unwrap();
    assert_eq!(log.last_sent_at, Some(1_700_000_000_000));
}

#[test]
fn a_mark_that_miscounts_and_a_whole_line_of_garbage_are_damage() {
    let miscounted = read_text(&journal(2, &[r#"{"t":"planned","ops":3}"#]));
    assert!(
        matches!(miscounted, Err(JournalError::Damaged { line: 4, .. })),
        "{:?}",
        miscounted.err()
    );
    let garbage = read_text(&journal(2, &[r#"{"t":"planned","ops":2}"#, "{garbage"]));
    assert!(matches!(
        garbage,
        Err(JournalError::Damaged { line: 5, .. })
    ));
    // Torn by a kill: no line break after it.
    let torn = journal(2, &[r#"{"t":"planned","ops":2}"#]) + r#"{"t":"sent","op"#;
    assert!(read_text(&torn).unwrap().plan_complete);
}
