//! A small subset of the Kusto Query Language, enough to stand in for advanced hunting over
//! the simulator's `DeviceInfo` table: a tokenizer ([`lexer`]), a recursive-descent parser
//! ([`parser`]) and an evaluator over rows of `serde_json::Value` ([`eval`]).
//!
//! The subset:
//!
//! - `Table | where PREDICATE`: `==` `!=` (case-sensitive), `=~` `!~` (case-insensitive),
//!   `has` (a whole term, case-insensitive), `contains`, `startswith`, `endswith`
//!   (case-insensitive), `in (…)` (case-sensitive), `in~ (…)` (case-insensitive), `and`, `or`
//!   (`and` binds tighter), `not(…)`, parentheses, `set_has_element(Column, value)` (exact), and
//!   a Boolean column or literal on its own;
//! - `project a, b`, `distinct a[, b]`, `take N` / `limit N`, `count` (one Long column
//!   `Count`), `summarize arg_max(Column, *) by Column`;
//! - string literals in `"…"` or `'…'` with backslash escapes (`\\ \" \' \n \t \r`), whole and
//!   decimal numbers, `true` / `false`, `//` comments, newlines anywhere between tokens.
//!
//! Anything else is a [`KqlError`] naming the token it did not understand and where it is.

pub mod eval;
pub mod lexer;
pub mod parser;
#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::{Map, Value};

/// Where a token starts: `offset` counts characters from 0; `line` and `column` count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// A query that could not be parsed or run. Its text is
/// `WHAT 'TOKEN' at line L, column C (offset O)[; HINT]`, for example
/// `unknown tabular operator 'sort' at line 1, column 14 (offset 13); supported: where, …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KqlError {
    /// What went wrong, e.g. `unknown function`, `unexpected`.
    pub what: String,
    /// The token as written, when there is one (`None` at the end of the query).
    pub token: Option<String>,
    pub pos: Pos,
    pub hint: Option<String>,
}

impl KqlError {
    pub fn at(what: &str, token: Option<&String>, pos: &Pos) -> KqlError {
        KqlError {
            what: what.to_string(),
            token: token.cloned(),
            pos: *pos,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> KqlError {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for KqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.token {
            Some(t) => write!(f, "{} '{t}'", self.what)?,
            None => write!(f, "{}", self.what)?,
        }
        write!(
            f,
            " at line {}, column {} (offset {})",
            self.pos.line, self.pos.column, self.pos.offset
        )?;
        if let Some(h) = &self.hint {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KqlError {}

/// A column's type, named as the hunting APIs name it in a result's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    String,
    DateTime,
    Boolean,
    Dynamic,
    Long,
    Double,
}

impl ColType {
    pub fn name(self) -> &'static str {
        match self {
            ColType::String => "String",
            ColType::DateTime => "DateTime",
            ColType::Boolean => "Boolean",
            ColType::Dynamic => "Dynamic",
            ColType::Long => "Long",
            ColType::Double => "Double",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub ty: ColType,
}

impl Column {
    pub fn new(name: &str, ty: ColType) -> Column {
        Column {
            name: name.to_string(),
            ty,
        }
    }
}

/// A table: named columns and rows whose values are in column order. A `DateTime` value is an
/// RFC 3339 string; `Dynamic` is any JSON value; a missing value is `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The rows as JSON objects keyed by column name, as the hunting APIs return them.
    pub fn objects(&self) -> Vec<Value> {
        self.rows
            .iter()
            .map(|row| {
                let map: Map<String, Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.name.clone(), v.clone()))
                    .collect();
                Value::Object(map)
            })
            .collect()
    }
}

/// Parses `query` and runs it over the one table it names, which must be one of `tables`.
pub fn run(query: &str, tables: &[&Table]) -> Result<Table, KqlError> {
    let parsed = parser::parse(query)?;
    eval::run(&parsed, tables)
}
