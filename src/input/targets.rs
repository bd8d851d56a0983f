//! `--machine` and `--machines-file`: the machines a command acts on.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{MachineRef, Origin};
use crate::plan::PlanBuilder;
use crate::ui::text::printable;

/// Reads every target in the order given (`--machine` values first, then each file) and returns
/// the machines with where each came from. Bad IDs and unreadable files are recorded on the
/// builder as input errors.
pub fn collect(
    machines: &[String],
    files: &[PathBuf],
    b: &mut PlanBuilder,
) -> Vec<(MachineRef, Origin)> {
    let mut out = Vec::new();
    for value in machines {
        let origin = Origin::new(format!("--machine '{}'", printable(value)), 0);
        match MachineRef::parse(value) {
            Ok(id) => out.push((id, origin)),
            Err(reason) => b.error(origin, reason.0),
        }
    }
    let mut stdin_used = false;
    for path in files {
        if path.as_os_str() == "-" {
            if stdin_used {
                b.error(
                    Origin::new("--machines-file -", 0),
                    "standard input can be read only once",
                );
                continue;
            }
            stdin_used = true;
        }
        match super::open(path) {
            Ok((name, reader)) => read_list(name, reader, b, &mut out),
            Err(e) => b.error(
                Origin::new(path.display().to_string(), 0),
                format!("cannot read: {e}"),
            ),
        }
    }
    out
}

/// One machine ID or host name a line; blank lines and `#` comments (whole-line or trailing)
/// are skipped.
fn read_list(
    source: Arc<str>,
    reader: Box<dyn Read>,
    b: &mut PlanBuilder,
    out: &mut Vec<(MachineRef, Origin)>,
) {
    let mut reader = BufReader::new(reader);
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                b.error(
                    Origin::new(source.clone(), line + 1),
                    format!("cannot read: {e}"),
                );
                break;
            }
        }
        line += 1;
        let origin = Origin::new(source.clone(), line);
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(_) => {
                b.error(origin, "not valid UTF-8");
                continue;
            }
        };
        let text = if line == 1 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        };
        let text = text.split('#').next().unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        match MachineRef::parse(text) {
            Ok(id) => out.push((id, origin)),
            Err(reason) => b.error(origin, reason.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_blanks_and_comments_and_name_bad_lines() {
        let text = "\u{feff}# fleet\n\n1E5BC9D7E413DDD7902C2932E418702B84D0CC07  # web-01\r\nWeb-02.contoso.local\nnot an id\n";
        let mut b = PlanBuilder::default();
        let mut out = Vec::new();
        read_list("m.txt".into(), Box::new(text.as_bytes()), &mut b, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].0, MachineRef::Name("web-02.contoso.local".into()));
        assert_eq!(
            out[0].0.to_string(),
            "1e5bc9d7e413ddd7902c2932e418702b84d0cc07"
        );
        assert_eq!(out[0].1.line, 3);
        let errors = b.finish().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("m.txt:5: 'not an id' is neither"),
            "{}",
            errors[0]
        );
    }
}
