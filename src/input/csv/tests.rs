//! The apply-csv reader's tests: clean files, bad rows with their lines, headers, encodings,
//! delimiters, limits and the spreadsheet escape.

use super::*;
use crate::input::decode::utf16;
use crate::model::{Action, MachineId, TagAction};
use crate::plan::PlanBuilder;
use crate::plan::{InputErrors, Plan};

const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const B: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

fn parse(text: &str) -> (Result<Plan, InputErrors>, Vec<String>) {
    let mut b = PlanBuilder::default();
    let mut warnings = Vec::new();
    read("t.csv".into(), text.as_bytes(), None, &mut b, &mut |w| {
        warnings.push(w)
    });
    (b.finish(), warnings)
}

fn errors(text: &str) -> Vec<String> {
    parse(text)
        .0
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn reads_a_clean_file_with_bom_crlf_quotes_and_odd_headers() {
    let text = format!(
        "\u{feff}Device ID, action ,TAG,Notes\r\n{A},add,\"test, Tag 2\",x\r\n\r\n {}, SetValue , high ,\r\n{B},REMOVE,old,\n",
        A.to_uppercase()
    );
    let (plan, warnings) = parse(&text);
    let plan = plan.unwrap();
    assert_eq!(
        warnings,
        vec!["t.csv:1: ignoring column 'Notes'".to_string()]
    );
    let got: Vec<_> = plan
        .ops
        .iter()
        .map(|p| {
            (
                p.op.machine.to_string(),
                p.op.change.action(),
                p.op.change.value().to_string(),
                p.origin.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                A.into(),
                Action::Tag(TagAction::Add),
                "test, Tag 2".into(),
                2
            ),
            (A.into(), Action::SetValue, "High".into(), 4),
            (B.into(), Action::Tag(TagAction::Remove), "old".into(), 5),
        ]
    );
}

#[test]
fn every_bad_row_is_reported_with_its_line() {
    let long = "t".repeat(201);
    let text = format!(
        "MachineId,Action,Value\n\
         ,Add,x\n\
         a/b,Add,x\n\
         {A},Tag,x\n\
         {A},Add,\n\
         {A},Add,{long}\n\
         {A},Add,\"a\u{7}b\"\n\
         {A},SetValue,Medium\n\
         {A},Add,y\n\
         {A},Remove,y\n\
         {B},SetValue,Low\n\
         {B},SetValue,High\n"
    );
    let e = errors(&text);
    assert_eq!(e.len(), 9, "{e:#?}");
    assert_eq!(e[0], "t.csv:2: missing machine ID or host name");
    assert!(
        e[1].starts_with(
            "t.csv:3: 'a/b' is neither a machine ID (40 hexadecimal characters) nor a host name"
        ),
        "{e:?}"
    );
    assert!(e[2].starts_with("t.csv:4: unknown action 'Tag'"));
    assert_eq!(e[3], "t.csv:5: empty tag");
    assert!(e[4].starts_with("t.csv:6: tag is 201 characters"));
    assert!(e[5].starts_with("t.csv:7: tag 'a\u{7}b' contains the control character U+0007"));
    assert!(e[6].starts_with("t.csv:8: device value 'Medium'"));
    assert!(e[7].starts_with("t.csv:10: conflicts with t.csv:9"));
    assert!(e[8].starts_with("t.csv:12: conflicts with t.csv:11"));
}

#[test]
fn header_problems_are_errors() {
    assert!(errors("Machine,Value\n")[0].contains("no action column"));
    assert!(errors("Id,MachineId,Action,Value\n")[0].contains("mean the same thing"));
    assert!(errors("MachineId|Action|Value\n")[0].contains("try --delimiter '|'"));
    assert!(errors("foo\n")[0].contains("name it with --delimiter CHAR"));
    // No header at all is an empty plan, not an error: the run says "nothing to do".
    for empty in ["", "\n\n", "sep=;\n"] {
        assert!(parse(empty).0.unwrap().ops.is_empty(), "{empty:?}");
    }
    assert_eq!(
        errors("\"MachineId,Action\n"),
        ["t.csv:1: quoted field is never closed: its closing quote is missing"]
    );
}

#[test]
fn invalid_utf8_names_its_line() {
    let mut bytes = format!("MachineId,Action,Value\n{A},Add,ok\n{A},Add,").into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n");
    let mut b = PlanBuilder::default();
    read("t.csv".into(), &bytes[..], None, &mut b, &mut |_| {});
    let e = b.finish().unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "t.csv:3: not valid UTF-8: save the file as CSV UTF-8"
    );
}

#[test]
fn identical_rows_run_once() {
    let text = format!(
        "MachineId,Action,Value\n{A},Add,x\n{},add,x\n",
        A.to_uppercase()
    );
    let plan = parse(&text).0.unwrap();
    assert_eq!(plan.ops.len(), 2);
    assert_eq!(
        plan.ops[1].settled.as_ref().unwrap().error.code.as_str(),
        "duplicate"
    );
    assert_eq!(plan.calls(true).len(), 1);
}

#[test]
fn a_host_name_column_names_machines_by_name() {
    let text = format!("Hostname,MachineId,Action,Value\nWS-01,,Add,x\n,{A},Add,x\nws-01,,add,x\n");
    let plan = parse(&text).0.unwrap();
    assert_eq!(plan.ops[0].op.machine, MachineRef::Name("ws-01".into()));
    assert_eq!(
        plan.ops[2].settled.as_ref().unwrap().error.code.as_str(),
        "duplicate"
    );
    // An ID in a host-name column: the error says how to fix the file.
    let e = errors(&format!("DeviceName,Action,Value\n{A},Add,x\n"));
    assert_eq!(
        e,
        [format!(
            "t.csv:2: '{A}' in the host-name column 'DeviceName' is a machine ID: \
             name the column MachineId (it takes IDs and host names alike)"
        )]
    );
}

fn ops(plan: &Plan) -> Vec<(String, String, u64)> {
    plan.ops
        .iter()
        .map(|p| {
            let value = p.op.change.value().to_string();
            (p.op.machine.to_string(), value, p.origin.line)
        })
        .collect()
}

fn read_bytes(bytes: &[u8], delimiter: Option<u8>) -> Result<Plan, Vec<String>> {
    let mut b = PlanBuilder::default();
    read("t.csv".into(), bytes, delimiter, &mut b, &mut |_| {});
    b.finish()
        .map_err(|e| e.iter().map(ToString::to_string).collect())
}

#[test]
fn semicolons_tabs_and_excel_sep_lines_are_read() {
    let expected = vec![
        (A.to_string(), "x;y".to_string(), 2),
        (B.to_string(), "High".to_string(), 4),
    ];
    for text in [
        format!("MachineId;Action;Value\n{A};Add;\"x;y\"\n\n{B};SetValue;High\n"),
        format!("MachineId\tAction\tValue\r\n{A}\tAdd\tx;y\r\n\r\n{B}\tSetValue\tHigh\r\n"),
        format!("Machine,Action,Value\n{A},Add,x;y\n\n{B},SetValue,High\n"),
    ] {
        assert_eq!(ops(&parse(&text).0.unwrap()), expected, "{text}");
    }
    // `sep=` is line 1: the rows keep their line numbers.
    let text = format!("sep=;\nMachineId;Action;Value\n{A};Add;x,y\n");
    let plan = parse(&text).0.unwrap();
    assert_eq!(ops(&plan), vec![(A.to_string(), "x,y".to_string(), 3)]);
    // A forced delimiter beats both the header and a sep= line.
    let text = format!("sep=;\nMachineId|Action|Value\n{A}|Add|x;y\n");
    let plan = read_bytes(text.as_bytes(), Some(b'|')).unwrap();
    assert_eq!(ops(&plan), vec![(A.to_string(), "x;y".to_string(), 3)]);
    let e = read_bytes(
        format!("MachineId;Action;Value\n{A};Add;x\n").as_bytes(),
        Some(b','),
    );
    assert!(e.unwrap_err()[0].contains("no machine column"));
}

#[test]
fn utf16_with_a_bom_is_read_as_excel_and_powershell_write_it() {
    // Excel's "Unicode text": UTF-16 LE, tabs; PowerShell 5's `>`: UTF-16 LE, commas.
    let tabs = format!("MachineId\tAction\tValue\r\n{A}\tAdd\tZürich 🦀\r\n");
    let commas = format!("MachineId,Action,Value\r\n{A},Add,Zürich 🦀\r\n");
    for bytes in [
        utf16(&tabs, true),
        utf16(&commas, true),
        utf16(&tabs, false),
    ] {
        let plan = read_bytes(&bytes, None).unwrap();
        assert_eq!(ops(&plan), vec![(A.to_string(), "Zürich 🦀".into(), 2)]);
    }
    // An unpaired surrogate: that row is not valid UTF-16.
    let mut bytes = utf16(&format!("MachineId,Action,Value\n{A},Add,"), true);
    bytes.extend_from_slice(&[0x00, 0xd8, b'\n', 0]);
    assert_eq!(
        read_bytes(&bytes, None).unwrap_err(),
        ["t.csv:2: not valid UTF-16"]
    );
}

#[test]
fn workbooks_and_binary_files_are_one_error_naming_them() {
    let e = read_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", None);
    assert_eq!(
        e.unwrap_err(),
        [
            "t.csv: this is a workbook (.xlsx or another zip file), not CSV text: \
          save it as CSV UTF-8"
        ]
    );
    let e = read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None);
    assert_eq!(
        e.unwrap_err(),
        ["t.csv: this is a binary file, not text: save it as CSV UTF-8"]
    );
}

#[test]
fn an_unterminated_quote_is_reported_where_the_field_began() {
    let text =
        format!("MachineId,Action,Value\n{A},Add,ok\n{B},Add,\"oops\n{A},Add,y\n\n{B},Add,z\n");
    assert_eq!(
        errors(&text),
        ["t.csv:3: quoted field is never closed: its closing quote is missing"]
    );
}

#[test]
fn a_line_over_64_kib_stops_reading_with_its_line() {
    let text = format!(
        "MachineId,Action,Value\n{A},Add,ok\n\n{B},Add,{}\nnot,even,read\n",
        "x".repeat(64 << 10)
    );
    assert_eq!(errors(&text), ["t.csv:4: line is longer than 64 KiB"]);
}

#[test]
fn more_lines_than_the_limit_is_an_error() {
    let limits = Limits {
        lines: 3,
        ..Limits::default()
    };
    let mut b = PlanBuilder::default();
    let text = format!("MachineId,Action,Value\n{A},Add,x\n{A},Add,y\n{A},Add,z\n");
    read_with(
        "t.csv".into(),
        text.as_bytes(),
        None,
        limits,
        &mut b,
        &mut |_| {},
    );
    let e = b.finish().unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "t.csv:4: more than 3 lines: split the input into smaller files"
    );
}

#[test]
fn the_spreadsheet_escape_is_taken_off_every_field() {
    let text = format!(
        "'=MachineId,Action,Value\n\
         ID,Action,Value\n\
         {A},'=Add,'+1\n\
         {A},Add,'=cmd|' /C calc'!A0\n\
         {A},Add,'-2\n\
         {A},Add,'@x\n\
         {A},Add,'quoted'\n\
         {A},Add,\"'\tx\"\n"
    );
    // `'=MachineId` reads as `=MachineId`, which names no column.
    assert!(errors(&text)[0].starts_with("t.csv:1: no machine column"));
    let text = text.split_once('\n').unwrap().1;
    let e = errors(text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("t.csv:2: unknown action '=Add'"), "{e:?}");
    // `'<tab>x` is `<tab>x`, a tag trimmed to `x`.
    let ok = text.replace("'=Add", "Add");
    let values: Vec<String> = ops(&parse(&ok).0.unwrap())
        .into_iter()
        .map(|o| o.1)
        .collect();
    assert_eq!(
        values,
        ["+1", "=cmd|' /C calc'!A0", "-2", "@x", "'quoted'", "x"]
    );
}

#[test]
fn a_name_column_names_machines_by_host_name() {
    let text = "machine,action,value,status,name\n,add,x,failed,WS-09\n";
    let plan = parse(text).0.unwrap();
    assert_eq!(plan.ops[0].op.machine, MachineRef::Name("ws-09".into()));
}

#[test]
fn a_host_name_in_the_id_column_is_read_as_a_name_as_machine_reads_it() {
    let text = format!(
        "MachineId,Action,Value\nWS-01.Contoso.local,Add,x\n{A},Add,x\nws-02,Remove,y\n{A}0,Add,z\n"
    );
    let plan = parse(&text).0.unwrap();
    let machines: Vec<MachineRef> = plan.ops.iter().map(|p| p.op.machine.clone()).collect();
    assert_eq!(
        machines,
        [
            MachineRef::Name("ws-01.contoso.local".into()),
            MachineRef::Id(MachineId::parse(A).unwrap()),
            MachineRef::Name("ws-02".into()),
            // 41 hexadecimal characters are no ID: a host name, as `--machine` reads them.
            MachineRef::Name(format!("{A}0").into()),
        ]
    );
    // A name in the ID column and the same name in the host-name column are one machine.
    let text = "Id,Name,Action,Value\nws-01,,Add,x\n,WS-01,Add,x\n";
    let plan = parse(text).0.unwrap();
    assert_eq!(
        plan.ops[1].settled.as_ref().unwrap().error.code.as_str(),
        "duplicate"
    );
}

#[test]
fn mdetags_own_results_csv_feeds_back_as_it_is() {
    // A run's rows: a name that resolved, one that did not (its machine cell holds the name as
    // given), a row with the name only, a device value, and an escaped formula tag.
    let text = format!(
        "machine,action,value,status,http_status,attempts,error_code,error_message,name\n\
         {A},add,x,succeeded,200,1,,,ws-01.contoso.local\n\
         ghost.example,add,x,failed,,0,not-found,no machine is named ghost.example,\n\
         ,remove,y,failed,,0,not-found,no machine is named ws-09,WS-09\n\
         {B},set-value,High,planned,,0,,,\n\
         {B},add,'=cmd,skipped,,0,duplicate,the same operation as line 2,\n"
    );
    let (plan, warnings) = parse(&text);
    let plan = plan.unwrap();
    assert_eq!(
        ops(&plan),
        [
            (A.to_string(), "x".to_string(), 2),
            ("ghost.example".to_string(), "x".to_string(), 3),
            ("ws-09".to_string(), "y".to_string(), 4),
            (B.to_string(), "High".to_string(), 5),
            (B.to_string(), "=cmd".to_string(), 6),
        ]
    );
    assert_eq!(plan.ops[3].op.change.action(), Action::SetValue);
    assert_eq!(warnings.len(), 5, "status … error_message: {warnings:?}");
}
