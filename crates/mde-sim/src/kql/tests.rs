use serde_json::{Value, json};

use super::{ColType, Column, KqlError, Table, run};

fn table() -> Table {
    let columns = vec![
        Column::new("Timestamp", ColType::DateTime),
        Column::new("DeviceId", ColType::String),
        Column::new("DeviceName", ColType::String),
        Column::new("OSPlatform", ColType::String),
        Column::new("IsInternetFacing", ColType::Boolean),
        Column::new("Tags", ColType::Dynamic),
        Column::new("OSBuild", ColType::Long),
    ];
    let row = |ts: &str, id: &str, name: &str, os: &str, facing: bool, tags: Value, build: i64| {
        vec![
            json!(ts),
            json!(id),
            json!(name),
            json!(os),
            json!(facing),
            tags,
            json!(build),
        ]
    };
    Table {
        name: "DeviceInfo".into(),
        columns,
        rows: vec![
            row(
                "2026-05-01T08:00:00.0000000Z",
                "a1",
                "ws-00001.contoso.local",
                "Windows11",
                false,
                json!(["Finance", "VIP"]),
                22631,
            ),
            row(
                "2026-05-01T10:00:00.0000000Z",
                "b2",
                "srv-00002.contoso.local",
                "Linux",
                true,
                json!(["Production"]),
                0,
            ),
            // An older row of a1, listed after its newer one, with other tags.
            row(
                "2026-05-01T02:30:00.0000000Z",
                "a1",
                "ws-00001.contoso.local",
                "Windows11",
                false,
                json!(["Staging"]),
                22631,
            ),
            row(
                "2026-05-01T09:00:00.0000000Z",
                "c3",
                "WS-00003.contoso.local",
                "Windows10",
                false,
                json!([]),
                19045,
            ),
            // An older row of c3, on which it was internet-facing.
            row(
                "2026-04-30T09:00:00.0000000Z",
                "c3",
                "WS-00003.contoso.local",
                "Windows10",
                true,
                json!(["test Tag 2"]),
                19045,
            ),
            row(
                "2026-05-01T11:00:00.0000000Z",
                "d4",
                "mac-4.contoso.local",
                "macOS",
                false,
                json!(["finance-eu"]),
                0,
            ),
        ],
    }
}

fn ids(query: &str) -> Vec<String> {
    let t = table();
    let out = run(query, &[&t]).unwrap_or_else(|e| panic!("{query}: {e}"));
    let i = out
        .columns
        .iter()
        .position(|c| c.name == "DeviceId")
        .expect("DeviceId column");
    out.rows
        .iter()
        .map(|r| r[i].as_str().unwrap().to_string())
        .collect()
}

fn err(query: &str) -> KqlError {
    let t = table();
    match run(query, &[&t]) {
        Ok(out) => panic!("{query}: expected an error, got {:?}", out.rows),
        Err(e) => e,
    }
}

#[test]
fn the_table_alone_is_every_row() {
    assert_eq!(ids("DeviceInfo").len(), 6);
}

#[test]
fn equality_is_case_sensitive_and_tilde_is_not() {
    assert_eq!(ids(r#"DeviceInfo | where OSPlatform == "Linux""#), ["b2"]);
    assert!(ids(r#"DeviceInfo | where OSPlatform == "linux""#).is_empty());
    assert_eq!(ids(r#"DeviceInfo | where OSPlatform =~ "LINUX""#), ["b2"]);
    assert_eq!(
        ids(r#"DeviceInfo | where OSPlatform != "Windows11""#),
        ["b2", "c3", "c3", "d4"]
    );
    assert_eq!(
        ids(r#"DeviceInfo | where OSPlatform !~ "windows11" and OSPlatform !~ "WINDOWS10""#),
        ["b2", "d4"]
    );
}

#[test]
fn has_matches_whole_terms_in_any_case() {
    assert_eq!(
        ids(r#"DeviceInfo | where DeviceName has "WS""#),
        ["a1", "a1", "c3", "c3"]
    );
    // "contoso" is a term; "conto" is not.
    assert_eq!(ids(r#"DeviceInfo | where DeviceName has "conto""#).len(), 0);
    assert_eq!(
        ids(r#"DeviceInfo | where DeviceName has "CONTOSO""#).len(),
        6
    );
    assert_eq!(ids(r#"DeviceInfo | where DeviceName has "00002""#), ["b2"]);
    // On a dynamic column, has looks at its JSON text.
    assert_eq!(ids(r#"DeviceInfo | where Tags has "vip""#), ["a1"]);
    // "finance" is a term of "finance-eu" too, as in Kusto.
    assert_eq!(
        ids(r#"DeviceInfo | where Tags has "finance""#),
        ["a1", "d4"]
    );
    assert_eq!(ids(r#"DeviceInfo | where Tags has "Tag 2""#), ["c3"]);
}

#[test]
fn contains_startswith_endswith_ignore_case() {
    assert_eq!(
        ids(r#"DeviceInfo | where DeviceName contains "ONTO""#).len(),
        6
    );
    assert_eq!(
        ids(r#"DeviceInfo | where DeviceName startswith "SRV-""#),
        ["b2"]
    );
    assert_eq!(
        ids(
            r#"DeviceInfo | where DeviceName endswith ".CONTOSO.local" and DeviceName startswith "mac""#
        ),
        ["d4"]
    );
    assert!(ids(r#"DeviceInfo | where DeviceName startswith "contoso""#).is_empty());
}

#[test]
fn in_is_case_sensitive_and_in_tilde_is_not() {
    assert_eq!(
        ids(r#"DeviceInfo | where DeviceId in ("b2", "D4", 'x')"#),
        ["b2"]
    );
    assert_eq!(
        ids(r#"DeviceInfo | where DeviceId in~ ("b2", "D4")"#),
        ["b2", "d4"]
    );
    assert_eq!(
        ids("DeviceInfo | where OSBuild in (0, 19045) | distinct DeviceId"),
        ["b2", "c3", "d4"]
    );
}

#[test]
fn set_has_element_is_exact() {
    assert_eq!(
        ids(r#"DeviceInfo | where set_has_element(Tags, "VIP")"#),
        ["a1"]
    );
    assert!(ids(r#"DeviceInfo | where set_has_element(Tags, "vip")"#).is_empty());
    assert!(ids(r#"DeviceInfo | where set_has_element(Tags, "finance")"#).is_empty());
}

#[test]
fn and_binds_tighter_than_or_and_parentheses_change_it() {
    // a or (b and c)
    assert_eq!(
        ids(
            r#"DeviceInfo | where OSPlatform == "Linux" or OSPlatform == "macOS" and IsInternetFacing"#
        ),
        ["b2"]
    );
    assert_eq!(
        ids(
            r#"DeviceInfo | where (OSPlatform == "Linux" or OSPlatform == "macOS") and not(IsInternetFacing)"#
        ),
        ["d4"]
    );
    // (b and c) or a, written the other way round, is the same.
    assert_eq!(
        ids(
            r#"DeviceInfo | where OSPlatform == "macOS" and IsInternetFacing or OSPlatform == "Linux""#
        ),
        ["b2"]
    );
}

#[test]
fn not_booleans_and_literals() {
    assert_eq!(ids("DeviceInfo | where IsInternetFacing"), ["b2", "c3"]);
    assert_eq!(
        ids("DeviceInfo | where IsInternetFacing == true | where OSBuild == 19045"),
        ["c3"]
    );
    assert_eq!(
        ids("DeviceInfo | where not(IsInternetFacing) | where OSBuild != 0").len(),
        3
    );
    assert_eq!(ids("DeviceInfo | where OSBuild == 22631.0"), ["a1", "a1"]);
    assert!(ids("DeviceInfo | where false").is_empty());
}

#[test]
fn project_distinct_take_limit_count() {
    let t = table();
    let out = run("DeviceInfo | project DeviceName, DeviceId | take 2", &[&t]).unwrap();
    assert_eq!(
        out.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["DeviceName", "DeviceId"]
    );
    assert_eq!(out.rows.len(), 2);
    assert_eq!(
        out.objects()[1],
        json!({"DeviceName": "srv-00002.contoso.local", "DeviceId": "b2"})
    );
    assert_eq!(
        ids("DeviceInfo | distinct DeviceId"),
        ["a1", "b2", "c3", "d4"]
    );
    let out = run(
        "DeviceInfo | distinct DeviceId, OSPlatform | limit 3",
        &[&t],
    )
    .unwrap();
    assert_eq!(out.rows.len(), 3);
    assert_eq!(ids("DeviceInfo | take 0"), Vec::<String>::new());
    let out = run(
        "DeviceInfo | where OSPlatform startswith 'win' | count",
        &[&t],
    )
    .unwrap();
    assert_eq!(out.columns, [Column::new("Count", ColType::Long)]);
    assert_eq!(out.rows, [[json!(4)]]);
}

#[test]
fn arg_max_keeps_the_newest_row_of_each_device() {
    let t = table();
    let out = run(
        "DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId",
        &[&t],
    )
    .unwrap();
    let names: Vec<&str> = out.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names[..2], ["DeviceId", "Timestamp"]);
    assert_eq!(names.len(), 7);
    let rows = out.objects();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["DeviceId"], "a1");
    assert_eq!(rows[0]["Tags"], json!(["Finance", "VIP"]));
    assert_eq!(rows[2]["DeviceId"], "c3");
    assert_eq!(rows[2]["IsInternetFacing"], false);
    // Filtering after arg_max sees only the current state; before it, old rows too.
    assert_eq!(
        ids(
            r#"DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId | where set_has_element(Tags, "Staging")"#
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(
            r#"DeviceInfo | where set_has_element(Tags, "Staging") | summarize arg_max(Timestamp, *) by DeviceId"#
        ),
        ["a1"]
    );
}

#[test]
fn strings_escapes_comments_and_newlines() {
    let mut t = table();
    t.rows[0][2] = json!("say \"hi\"\tthere's");
    let q = "// devices\nDeviceInfo\n| where DeviceName == \"say \\\"hi\\\"\\tthere's\" // the odd one\n| project DeviceId";
    assert_eq!(run(q, &[&t]).unwrap().rows, [[json!("a1")]]);
    let q = r#"DeviceInfo | where DeviceName == 'say \"hi\"\tthere\'s'"#;
    assert_eq!(run(q, &[&t]).unwrap().rows.len(), 1);
}

#[test]
fn errors_name_the_token_and_where_it_is() {
    let e = err("DeviceEvents | take 1");
    assert_eq!(e.token.as_deref(), Some("DeviceEvents"));
    assert_eq!(
        e.to_string(),
        "unknown table 'DeviceEvents' at line 1, column 1 (offset 0); tables here: DeviceInfo"
    );

    let e = err("DeviceInfo\n| sort by Timestamp");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unknown tabular operator", Some("sort"))
    );
    assert_eq!((e.pos.line, e.pos.column, e.pos.offset), (2, 3, 13));
    assert!(
        e.to_string().starts_with(
            "unknown tabular operator 'sort' at line 2, column 3 (offset 13); supported: where"
        ),
        "{e}"
    );

    let e = err("DeviceInfo | where tolower(DeviceName) == 'x'");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref(), e.pos.offset),
        ("unknown function", Some("tolower"), 19)
    );

    let e = err("DeviceInfo | where Foo == 'x'");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref(), e.pos.column),
        ("unknown column", Some("Foo"), 20)
    );

    let e = err("DeviceInfo | where DeviceName !has 'x'");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unknown operator", Some("!has"))
    );

    let e = err("DeviceInfo | where OSBuild > 5");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unknown operator", Some(">"))
    );

    let e = err("DeviceInfo | where (DeviceId == 'a1'");
    assert_eq!(e.what, "unexpected end of query");
    assert_eq!(e.token, None);
    assert!(e.to_string().contains("expected ')'"), "{e}");

    let e = err("DeviceInfo | take many");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unexpected", Some("many"))
    );

    let e = err("DeviceInfo | where DeviceName == \"open");
    assert_eq!(
        (e.what.as_str(), e.pos.offset),
        ("unterminated string literal", 33)
    );

    let e = err(r"DeviceInfo | where DeviceName == 'a\qb'");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unknown escape sequence", Some("\\q"))
    );

    let e = err("DeviceInfo | summarize count() by DeviceId");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unknown aggregation function", Some("count"))
    );

    let e = err("DeviceInfo | where Timestamp > ago(1d)");
    assert_eq!(e.token.as_deref(), Some(">"));

    let e = err("DeviceInfo | where DeviceId == 'a' DeviceName");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unexpected", Some("DeviceName"))
    );
}

#[test]
fn type_errors_are_errors_whatever_the_rows() {
    let e = err("DeviceInfo | where Tags == 'VIP'");
    assert!(
        e.to_string()
            .starts_with("cannot compare values of types dynamic and string with '=='"),
        "{e}"
    );
    assert!(e.to_string().contains("set_has_element"), "{e}");
    let e = err("DeviceInfo | where OSBuild =~ 'x'");
    assert_eq!(e.token.as_deref(), Some("=~"));
    let e = err("DeviceInfo | where DeviceName");
    assert!(
        e.to_string()
            .starts_with("a where clause needs a bool, not the string 'DeviceName'"),
        "{e}"
    );
    let e = err("DeviceInfo | where set_has_element(DeviceName, 'x')");
    assert_eq!(e.token.as_deref(), Some("DeviceName"));
    let e = err("DeviceInfo | where DeviceName has 5");
    assert_eq!(e.token.as_deref(), Some("has"));
    let e = err("DeviceInfo | project DeviceId, DeviceId");
    assert_eq!(e.what, "column named twice");
    // Checked against the columns the operator receives, not the table's.
    let e = err("DeviceInfo | project DeviceId | where OSPlatform == 'Linux'");
    assert_eq!(
        (e.what.as_str(), e.token.as_deref()),
        ("unknown column", Some("OSPlatform"))
    );
    let mut empty = table();
    empty.rows.clear();
    assert!(run("DeviceInfo | where Tags == 'VIP'", &[&empty]).is_err());
}
