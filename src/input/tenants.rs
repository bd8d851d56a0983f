//! `--tenants FILE|-`: the tenants a run goes through. A CSV with a `TenantId` column (and an
//! optional `Name`), or one tenant ID a line; `#` starts a comment line either way.

use std::io::Read;
use std::path::Path;

use crate::model::Tenant;

/// A tenants file has a line per customer: a few hundred, not millions.
const MAX_BYTES: u64 = 4 << 20;

/// The tenants `path` lists, in its order, or each problem as `FILE:LINE: reason`.
pub fn read(path: &Path) -> Result<Vec<Tenant>, Vec<String>> {
    let (name, reader) =
        super::open(path).map_err(|e| vec![format!("{}: cannot read: {e}", path.display())])?;
    let mut bytes = Vec::new();
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| vec![format!("{name}: cannot read: {e}")])?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(vec![format!(
            "{name}: over {} MiB: not a tenants file",
            MAX_BYTES >> 20
        )]);
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
        .map_err(|_| vec![format!("{name}: not UTF-8 text (save it as CSV UTF-8)")])?;
    parse(&name, text)
}

/// The tenants `text` lists (see `read`); `name` is the file's name for messages.
pub fn parse(name: &str, text: &str) -> Result<Vec<Tenant>, Vec<String>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    let Some(&(header_line, first)) = lines.first() else {
        return Err(vec![format!("{name}: lists no tenant")]);
    };
    let mut problems = Vec::new();
    let mut tenants: Vec<(usize, Tenant)> = Vec::new();
    let columns = header(first);
    match columns {
        Some((id_col, name_col, delimiter)) => {
            for &(line, l) in &lines[1..] {
                let fields = split(l, delimiter);
                let Some(id) = fields.get(id_col) else {
                    problems.push(format!("{name}:{line}: no TenantId field"));
                    continue;
                };
                let tenant_name = name_col.and_then(|c| fields.get(c)).map(String::as_str);
                match Tenant::new(id, tenant_name) {
                    Ok(t) => tenants.push((line, t)),
                    Err(e) => problems.push(format!("{name}:{line}: {e}")),
                }
            }
            if tenants.is_empty() && problems.is_empty() {
                problems.push(format!("{name}:{header_line}: a header and no tenant"));
            }
        }
        None => {
            for &(line, l) in &lines {
                match Tenant::new(l, None) {
                    Ok(t) => tenants.push((line, t)),
                    Err(e) => problems.push(format!("{name}:{line}: {e}")),
                }
            }
        }
    }
    for (i, (line, t)) in tenants.iter().enumerate() {
        if let Some((first, _)) = tenants[..i].iter().find(|(_, o)| o.id == t.id) {
            problems.push(format!(
                "{name}:{line}: tenant {} is listed already on line {first}",
                t.id
            ));
        } else if let Some(n) = &t.name
            && let Some((first, _)) = tenants[..i]
                .iter()
                .find(|(_, o)| o.is_named(n) || t.is_named(&o.id))
        {
            problems.push(format!(
                "{name}:{line}: the name '{n}' is used already on line {first}"
            ));
        }
    }
    match problems.is_empty() {
        true => Ok(tenants.into_iter().map(|(_, t)| t).collect()),
        false => Err(problems),
    }
}

/// The TenantId column, the Name column and the delimiter, when `line` is a CSV header.
fn header(line: &str) -> Option<(usize, Option<usize>, u8)> {
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .find(|&d| line.as_bytes().contains(&d))
        .unwrap_or(b',');
    let fields = split(line, delimiter);
    let key = |f: &str| {
        f.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let id = fields
        .iter()
        .position(|f| matches!(key(f).as_str(), "tenantid" | "tenant" | "id"))?;
    let name = fields
        .iter()
        .position(|f| matches!(key(f).as_str(), "name" | "tenantname" | "customer"));
    Some((id, name, delimiter))
}

/// One CSV line's fields (RFC 4180 quoting; a tenants file has no field over a line).
fn split(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(String::from).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::parse;

    const A: &str = "6f1a2b3c-0000-4000-8000-00000000a001";
    const B: &str = "6f1a2b3c-0000-4000-8000-00000000a002";

    #[test]
    fn one_id_a_line_with_comments() {
        let t = parse("t.txt", &format!("# customers\n{A}\n\n  {B}  \r\n")).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].id.as_str(), t[0].name.as_deref()), (A, None));
    }

    #[test]
    fn a_csv_with_names_in_any_delimiter() {
        for d in [",", ";", "\t"] {
            let text = format!("Name{d}Tenant Id\n\"Contoso, Ltd\"{d}{A}\nFabrikam{d}{B}\n");
            let t = parse("t.csv", &text).unwrap();
            assert_eq!(t[0].name.as_deref(), Some("Contoso, Ltd"));
            assert_eq!(t[1].id, B);
        }
    }

    #[test]
    fn problems_name_the_file_and_line() {
        let e = parse(
            "t.csv",
            &format!("TenantId,Name\n{A},Contoso\nnot-a-tenant,X\n{A},Again\n{B},contoso\n"),
        )
        .unwrap_err();
        assert!(
            e[0].starts_with("t.csv:3: 'not-a-tenant' is not a tenant ID"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("t.csv:4: tenant") && e[1].contains("line 2"),
            "{e:?}"
        );
        assert!(
            e[2].starts_with("t.csv:5: the name 'contoso' is used already on line 2"),
            "{e:?}"
        );
        assert_eq!(
            parse("t", "# nothing\n").unwrap_err(),
            vec!["t: lists no tenant"]
        );
        assert_eq!(
            parse("t", "TenantId\n").unwrap_err(),
            vec!["t:1: a header and no tenant"]
        );
    }
}
