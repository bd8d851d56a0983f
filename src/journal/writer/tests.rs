use super::*;
use crate::model::{Action, Change, MachineRef, Origin, TagAction};

#[test]
fn a_torn_last_line_is_found_however_long_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    for (text, whole) in [
        (b"".to_vec(), 0),
        (b"no line break".to_vec(), 0),
        (b"a\nb\n".to_vec(), 4),
        (b"a\nb\ntorn".to_vec(), 4),
        ([b"a\n".to_vec(), vec![b'x'; 200 << 10]].concat(), 2),
        (
            [vec![b'x'; 100 << 10], b"\n{\"t\":\"do".to_vec()].concat(),
            (100 << 10) + 1,
        ),
    ] {
        std::fs::write(&path, &text).unwrap();
        let f = File::open(&path).unwrap();
        assert_eq!(whole_lines_len(&f).unwrap(), whole as u64);
    }
}

#[test]
fn op_lines_read_back_as_they_were_planned() {
    let id = MachineId::parse(&"ab".repeat(20)).unwrap();
    let tag = |t| Change::Tag(TagAction::Add, crate::model::Tag::parse(t).unwrap());
    let cases = [
        (
            MachineRef::Id(id),
            tag("x \"y\" ü"),
            Origin::new("dir/f\\ile.csv", 12),
        ),
        (
            MachineRef::Id(id),
            tag("z"),
            Origin::new("dir/f\\ile.csv", 13),
        ),
        (
            MachineRef::Name("ws-1.corp".into()),
            Action::SetValue.with_value("high").unwrap(),
            Origin::new("--machine 'ws-1'", 0),
        ),
        (MachineRef::Id(id), tag("z"), Origin::new("other.csv", 2)),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let header = crate::journal::record::Header {
        format: crate::journal::record::FORMAT,
        run_id: "r".into(),
        started: "now".into(),
        command: "test".into(),
        tenant: None,
        client: None,
        endpoint: "http://127.0.0.1/".into(),
        batching: true,
        sandbox: false,
        mdetag: "0".into(),
        rate_limit: None,
        concurrency: None,
        call_timeout_ms: None,
        query: None,
        saved: None,
        applies: None,
        fan_out: false,
        tenant_name: None,
    };
    let journal = Journal::create(&path, header).unwrap();
    let mut plan = Plan::default();
    for (machine, change, origin) in &cases {
        plan.ops.push(crate::plan::PlannedOp {
            op: crate::model::Operation {
                machine: machine.clone(),
                change: change.clone(),
            },
            origin: origin.clone(),
            settled: None,
            replacement: None,
        });
    }
    journal
        .plan(&plan, &HashMap::new(), &PlanLines::new(&plan))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(r#","o":13}"#),
        "a line of the same file is a number: {text}"
    );
    let log = crate::journal::reader::read(&path).unwrap();
    for ((machine, change, origin), op) in cases.iter().zip(&log.ops) {
        assert_eq!(op.machine, machine.to_string());
        assert_eq!(
            (op.action.as_str(), op.value.as_str()),
            (change.action().as_str(), change.value())
        );
        assert_eq!(op.origin, origin.to_string());
    }
}
