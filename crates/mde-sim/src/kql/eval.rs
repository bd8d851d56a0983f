//! Runs a parsed query over a table. Each operator is checked against the columns it receives
//! (unknown columns, values of types that cannot be compared) before it touches a row, so an
//! error is the same whatever the data.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::parser::{CmpOp, Expr, Lit, Name, Op, Query, Term};
use super::{ColType, Column, KqlError, Pos, Table};

pub fn run(query: &Query, tables: &[&Table]) -> Result<Table, KqlError> {
    let Some(source) = tables.iter().find(|t| t.name == query.table.text) else {
        let known: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        return Err(
            KqlError::at("unknown table", Some(&query.table.text), &query.table.pos)
                .hint(format!("tables here: {}", known.join(", "))),
        );
    };
    let mut table = (*source).clone();
    for op in &query.ops {
        table = apply(op, table)?;
    }
    Ok(table)
}

fn apply(op: &Op, mut t: Table) -> Result<Table, KqlError> {
    match op {
        Op::Where(expr) => {
            let pred = compile(expr, &t.columns)?;
            t.rows.retain(|row| test(&pred, row));
            Ok(t)
        }
        Op::Project(names) => Ok(select(&t, names)?),
        Op::Distinct(names) => {
            let mut out = select(&t, names)?;
            let mut seen = HashSet::new();
            out.rows
                .retain(|row| seen.insert(serde_json::to_string(row).expect("json")));
            Ok(out)
        }
        Op::Take(n) => {
            t.rows.truncate(*n);
            Ok(t)
        }
        Op::Count => Ok(Table {
            name: t.name,
            columns: vec![Column::new("Count", ColType::Long)],
            rows: vec![vec![Value::from(t.rows.len() as u64)]],
        }),
        Op::ArgMax { by_max, by } => arg_max(t, by_max, by),
    }
}

fn column(columns: &[Column], name: &Name) -> Result<usize, KqlError> {
    columns
        .iter()
        .position(|c| c.name == name.text)
        .ok_or_else(|| {
            let known: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
            KqlError::at("unknown column", Some(&name.text), &name.pos)
                .hint(format!("columns here: {}", known.join(", ")))
        })
}

fn select(t: &Table, names: &[Name]) -> Result<Table, KqlError> {
    let mut picked: Vec<usize> = Vec::new();
    for name in names {
        let i = column(&t.columns, name)?;
        if picked.contains(&i) {
            return Err(KqlError::at(
                "column named twice",
                Some(&name.text),
                &name.pos,
            ));
        }
        picked.push(i);
    }
    Ok(Table {
        name: t.name.clone(),
        columns: picked.iter().map(|&i| t.columns[i].clone()).collect(),
        rows: t
            .rows
            .iter()
            .map(|row| picked.iter().map(|&i| row[i].clone()).collect())
            .collect(),
    })
}

/// One row per value of `by`, the one with the greatest `by_max` (the first of equals); the
/// columns are `by`, `by_max`, then the rest in their order. Groups keep the order in which
/// they first appear.
fn arg_max(t: Table, by_max: &Name, by: &Name) -> Result<Table, KqlError> {
    let m = column(&t.columns, by_max)?;
    let b = column(&t.columns, by)?;
    let ty = t.columns[m].ty;
    let mut order: Vec<String> = Vec::new();
    let mut best: HashMap<String, Vec<Value>> = HashMap::new();
    for row in t.rows {
        let key = serde_json::to_string(&row[b]).expect("json");
        match best.get_mut(&key) {
            Some(have) if compare(&row[m], &have[m], ty) == Ordering::Greater => *have = row,
            Some(_) => {}
            None => {
                order.push(key.clone());
                best.insert(key, row);
            }
        }
    }
    let mut picked = vec![b];
    if m != b {
        picked.push(m);
    }
    picked.extend((0..t.columns.len()).filter(|i| *i != m && *i != b));
    Ok(Table {
        name: t.name,
        columns: picked.iter().map(|&i| t.columns[i].clone()).collect(),
        rows: order
            .iter()
            .map(|k| {
                let row = &best[k];
                picked.iter().map(|&i| row[i].clone()).collect()
            })
            .collect(),
    })
}

/// Orders two values of one column type; null is less than anything.
fn compare(a: &Value, b: &Value, ty: ColType) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ if ty == ColType::DateTime => {
            let parse = |v: &Value| {
                v.as_str().and_then(|s| {
                    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                        .ok()
                })
            };
            match (parse(a), parse(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => text(a).cmp(&text(b)),
            }
        }
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => text(a).cmp(&text(b)),
    }
}

/// A value as text, as KQL's `tostring` gives it: a string as itself, anything else as JSON.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A predicate with its columns resolved to positions.
enum Pred {
    Or(Box<Pred>, Box<Pred>),
    And(Box<Pred>, Box<Pred>),
    Not(Box<Pred>),
    Cmp(Operand, CmpOp, Operand),
    In(Operand, Vec<Value>, bool),
    SetHas(usize, Value),
    Bare(Operand),
}

enum Operand {
    Column(usize),
    Value(Value),
}

impl Operand {
    fn get<'a>(&'a self, row: &'a [Value]) -> &'a Value {
        match self {
            Operand::Column(i) => &row[*i],
            Operand::Value(v) => v,
        }
    }
}

fn lit(l: &Lit) -> (Value, ColType) {
    match l {
        Lit::Str(s) => (Value::from(s.clone()), ColType::String),
        Lit::Long(n) => (Value::from(*n), ColType::Long),
        Lit::Real(x) => (Value::from(*x), ColType::Double),
        Lit::Bool(b) => (Value::from(*b), ColType::Boolean),
    }
}

fn operand(term: &Term, columns: &[Column]) -> Result<(Operand, ColType), KqlError> {
    match term {
        Term::Column(name) => {
            let i = column(columns, name)?;
            Ok((Operand::Column(i), columns[i].ty))
        }
        Term::Lit(l, _) => {
            let (v, ty) = lit(l);
            Ok((Operand::Value(v), ty))
        }
    }
}

fn type_name(ty: ColType) -> &'static str {
    match ty {
        ColType::String => "string",
        ColType::DateTime => "datetime",
        ColType::Boolean => "bool",
        ColType::Dynamic => "dynamic",
        ColType::Long => "long",
        ColType::Double => "real",
    }
}

fn comparable(a: ColType, b: ColType) -> bool {
    let numeric = |t| matches!(t, ColType::Long | ColType::Double);
    a == b && a != ColType::Dynamic || numeric(a) && numeric(b)
}

fn cannot_compare(a: ColType, b: ColType, at: &Name) -> KqlError {
    KqlError::at(
        &format!(
            "cannot compare values of types {} and {} with",
            type_name(a),
            type_name(b)
        ),
        Some(&at.text),
        &at.pos,
    )
}

fn compile(expr: &Expr, columns: &[Column]) -> Result<Pred, KqlError> {
    Ok(match expr {
        Expr::Or(a, b) => Pred::Or(
            Box::new(compile(a, columns)?),
            Box::new(compile(b, columns)?),
        ),
        Expr::And(a, b) => Pred::And(
            Box::new(compile(a, columns)?),
            Box::new(compile(b, columns)?),
        ),
        Expr::Not(a) => Pred::Not(Box::new(compile(a, columns)?)),
        Expr::Cmp {
            left,
            op,
            op_at,
            right,
        } => {
            let (l, lt) = operand(left, columns)?;
            let (r, rt) = operand(right, columns)?;
            match op {
                CmpOp::Eq | CmpOp::Ne if !comparable(lt, rt) => {
                    let e = cannot_compare(lt, rt, op_at);
                    return Err(if lt == ColType::Dynamic {
                        e.hint("use set_has_element(Column, value) for an element of a set")
                    } else {
                        e
                    });
                }
                CmpOp::EqCi | CmpOp::NeCi if lt != ColType::String || rt != ColType::String => {
                    return Err(cannot_compare(lt, rt, op_at)
                        .hint(format!("'{}' compares strings", op_at.text)));
                }
                CmpOp::Has | CmpOp::Contains | CmpOp::StartsWith | CmpOp::EndsWith
                    if rt != ColType::String =>
                {
                    return Err(KqlError::at(
                        "a string is needed on the right of",
                        Some(&op_at.text),
                        &op_at.pos,
                    ));
                }
                _ => {}
            }
            Pred::Cmp(l, *op, r)
        }
        Expr::In {
            left,
            list,
            case_insensitive,
            op_at,
        } => {
            let (l, lt) = operand(left, columns)?;
            let mut values = Vec::new();
            for (item, _) in list {
                let (v, ty) = lit(item);
                let fits = if *case_insensitive {
                    lt == ColType::String && ty == ColType::String
                } else {
                    comparable(lt, ty)
                };
                if !fits {
                    return Err(cannot_compare(lt, ty, op_at));
                }
                values.push(v);
            }
            Pred::In(l, values, *case_insensitive)
        }
        Expr::SetHasElement {
            column: name,
            value,
        } => {
            let i = column(columns, name)?;
            if columns[i].ty != ColType::Dynamic {
                return Err(KqlError::at(
                    "set_has_element needs a dynamic array, not the column",
                    Some(&name.text),
                    &name.pos,
                ));
            }
            Pred::SetHas(i, lit(&value.0).0)
        }
        Expr::Bare(term) => {
            let (o, ty) = operand(term, columns)?;
            if ty != ColType::Boolean {
                let (shown, pos) = term_at(term);
                return Err(KqlError::at(
                    &format!("a where clause needs a bool, not the {}", type_name(ty)),
                    Some(&shown),
                    &pos,
                ));
            }
            Pred::Bare(o)
        }
    })
}

fn term_at(term: &Term) -> (String, Pos) {
    match term {
        Term::Column(n) => (n.text.clone(), n.pos),
        Term::Lit(l, pos) => (lit(l).0.to_string(), *pos),
    }
}

fn test(p: &Pred, row: &[Value]) -> bool {
    match p {
        Pred::Or(a, b) => test(a, row) || test(b, row),
        Pred::And(a, b) => test(a, row) && test(b, row),
        Pred::Not(a) => !test(a, row),
        Pred::Cmp(l, op, r) => cmp(l.get(row), *op, r.get(row)),
        Pred::In(l, list, ci) => {
            let v = l.get(row);
            list.iter().any(|item| {
                if *ci {
                    same_ci(v, item)
                } else {
                    equal(v, item)
                }
            })
        }
        Pred::SetHas(i, want) => row[*i]
            .as_array()
            .is_some_and(|set| set.iter().any(|e| e == want)),
        Pred::Bare(o) => o.get(row).as_bool() == Some(true),
    }
}

/// Equality with numbers compared by value; null equals nothing.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn same_ci(a: &Value, b: &Value) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(x), Some(y)) => x.to_lowercase() == y.to_lowercase(),
        _ => false,
    }
}

fn cmp(a: &Value, op: CmpOp, b: &Value) -> bool {
    if a.is_null() || b.is_null() {
        // A comparison with null is null, which no where clause keeps.
        return false;
    }
    let lower = |v: &Value| text(v).to_lowercase();
    match op {
        CmpOp::Eq => equal(a, b),
        CmpOp::Ne => !equal(a, b),
        CmpOp::EqCi => same_ci(a, b),
        CmpOp::NeCi => !same_ci(a, b),
        CmpOp::Has => has_term(&lower(a), &lower(b)),
        CmpOp::Contains => lower(a).contains(&lower(b)),
        CmpOp::StartsWith => lower(a).starts_with(&lower(b)),
        CmpOp::EndsWith => lower(a).ends_with(&lower(b)),
    }
}

/// Whether `needle` occurs in `hay` as whole terms: terms are runs of letters and digits, so
/// where the needle begins or ends with one, the text next to it must not be one.
fn has_term(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let starts_alnum = needle.chars().next().is_some_and(char::is_alphanumeric);
    let ends_alnum = needle.chars().last().is_some_and(char::is_alphanumeric);
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        (!starts_alnum || !before.is_some_and(char::is_alphanumeric))
            && (!ends_alnum || !after.is_some_and(char::is_alphanumeric))
    })
}
