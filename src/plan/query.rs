//! From a hunting query's answer to the machines it picks: by `DeviceId`, else by `DeviceName`
//! (with the host-name rules of `--machine`); rows with nothing usable are dropped and counted;
//! repeats collapse. Plain data in, plain data out.

use serde_json::{Map, Value};

use crate::model::{MachineId, MachineRef, first_of_each};

/// The machines a query's rows name.
#[derive(Debug, PartialEq, Eq)]
pub struct Picked {
    pub refs: Vec<MachineRef>,
    /// `DeviceId` or `DeviceName`.
    pub column: &'static str,
    /// Rows whose ID or name was empty or unusable.
    pub dropped: usize,
}

/// Neither column: exit 2, naming the columns the query returned.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "the query's result has no DeviceId or DeviceName column (it has {}); end the query with `| project DeviceId` or `| distinct DeviceId`",
    if .0.is_empty() { "none".to_string() } else { .0.join(", ") }
)]
pub struct NoMachineColumn(pub Vec<String>);

/// Finds the column (Advanced hunting names are case-sensitive, as KQL's are; a differently
/// cased one is taken too, as the schema of a `project deviceid = DeviceId` would name it).
fn column<'a>(columns: &'a [String], name: &str) -> Option<&'a str> {
    columns
        .iter()
        .find(|c| *c == name)
        .or_else(|| columns.iter().find(|c| c.eq_ignore_ascii_case(name)))
        .map(String::as_str)
}

pub fn pick(columns: &[String], rows: &[Map<String, Value>]) -> Result<Picked, NoMachineColumn> {
    let (key, by_id) = match (column(columns, "DeviceId"), column(columns, "DeviceName")) {
        (Some(c), _) => (c, true),
        (None, Some(c)) => (c, false),
        (None, None) => return Err(NoMachineColumn(columns.to_vec())),
    };
    let mut dropped = 0;
    let mut refs = Vec::with_capacity(rows.len());
    for row in rows {
        let text = row.get(key).and_then(Value::as_str).unwrap_or("").trim();
        let found = match by_id {
            true => MachineId::parse(text).ok().map(MachineRef::Id),
            false => MachineRef::parse(text)
                .ok()
                .filter(|r| matches!(r, MachineRef::Name(_))),
        };
        match found {
            Some(r) if !text.is_empty() => refs.push(r),
            _ => dropped += 1,
        }
    }
    Ok(Picked {
        refs: first_of_each(refs, Clone::clone),
        column: if by_id { "DeviceId" } else { "DeviceName" },
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    const B: &str = "7f32579f4bca95c9b3c9f9ddd54e3ea816d954b1";

    fn rows(v: Value) -> Vec<Map<String, Value>> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_object().unwrap().clone())
            .collect()
    }

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn ids_are_taken_first_repeats_collapse_and_empty_rows_are_counted() {
        let r = rows(json!([
            {"DeviceId": A, "DeviceName": "a.contoso"},
            {"DeviceId": A.to_uppercase(), "DeviceName": "a.contoso"},
            {"DeviceId": "", "DeviceName": "x"},
            {"DeviceId": null},
            {"DeviceId": "not-an-id"},
            {"DeviceId": B},
        ]));
        let p = pick(&cols(&["DeviceId", "DeviceName"]), &r).unwrap();
        assert_eq!(p.column, "DeviceId");
        assert_eq!(
            p.refs,
            vec![
                MachineRef::Id(MachineId::parse(A).unwrap()),
                MachineRef::Id(MachineId::parse(B).unwrap())
            ]
        );
        assert_eq!(p.dropped, 3);
    }

    #[test]
    fn names_when_there_is_no_id_column() {
        let r = rows(json!([
            {"DeviceName": "WS-1.contoso.local"},
            {"DeviceName": "ws-1.contoso.local"},
            {"DeviceName": "  "},
            {"DeviceName": "ws-2"},
        ]));
        let p = pick(&cols(&["DeviceName", "Timestamp"]), &r).unwrap();
        assert_eq!(p.column, "DeviceName");
        assert_eq!(
            p.refs,
            vec![
                MachineRef::Name("ws-1.contoso.local".into()),
                MachineRef::Name("ws-2".into())
            ]
        );
        assert_eq!(p.dropped, 1);
    }

    #[test]
    fn neither_column_names_the_columns_it_got() {
        let e = pick(&cols(&["Count"]), &[]).unwrap_err();
        assert_eq!(e, NoMachineColumn(cols(&["Count"])));
        assert!(e.to_string().contains("(it has Count)"), "{e}");
        let e = pick(&[], &[]).unwrap_err();
        assert!(e.to_string().contains("(it has none)"), "{e}");
    }
}
