//! The part of OData `$filter` that the machine list call is documented to take:
//! `field eq 'x'` (and `ne`, `gt`, `ge`, `lt`, `le`), `startswith(field,'x')`,
//! `machineTags/any(tag: tag eq 'x')`, combined with `and`, `or`, `not` and parentheses.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Compare {
        field: String,
        op: CmpOp,
        value: String,
    },
    StartsWith {
        field: String,
        prefix: String,
    },
    AnyTag {
        value: String,
    },
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CmpOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

/// Properties a filter may name, as the machine resource spells them.
const FIELDS: &[&str] = &[
    "id",
    "computerDnsName",
    "lastSeen",
    "healthStatus",
    "osPlatform",
    "riskScore",
    "exposureLevel",
    "rbacGroupId",
    "deviceValue",
    "onboardingStatus",
    "aadDeviceId",
    "lastIpAddress",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    LParen,
    RParen,
    Comma,
    Colon,
    Slash,
}

fn lex(text: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => i += 1,
            '(' => (out.push(Tok::LParen), i += 1).1,
            ')' => (out.push(Tok::RParen), i += 1).1,
            ',' => (out.push(Tok::Comma), i += 1).1,
            ':' => (out.push(Tok::Colon), i += 1).1,
            '/' => (out.push(Tok::Slash), i += 1).1,
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("unterminated string literal".into()),
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Str(s));
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '-' | ':' | '.'))
                {
                    i += 1;
                }
                out.push(Tok::Num(chars[start..i].iter().collect()));
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push(Tok::Ident(chars[start..i].iter().collect()));
            }
            other => return Err(format!("unexpected character '{other}'")),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn expect(&mut self, t: Tok) -> Result<(), String> {
        match self.next() {
            Some(got) if got == t => Ok(()),
            got => Err(format!("expected {t:?}, found {got:?}")),
        }
    }
    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(w)) if w == word)
    }
    fn or(&mut self) -> Result<Filter, String> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.pos += 1;
            left = Filter::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Filter, String> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.pos += 1;
            left = Filter::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }
    fn unary(&mut self) -> Result<Filter, String> {
        if self.keyword("not") {
            self.pos += 1;
            return Ok(Filter::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            let inner = self.or()?;
            self.expect(Tok::RParen)?;
            return Ok(inner);
        }
        let Some(Tok::Ident(name)) = self.next() else {
            return Err("expected a property or function".into());
        };
        if name == "startswith" {
            self.expect(Tok::LParen)?;
            let field = self.field()?;
            self.expect(Tok::Comma)?;
            let prefix = self.literal()?;
            self.expect(Tok::RParen)?;
            return Ok(Filter::StartsWith { field, prefix });
        }
        if name == "machineTags" {
            // machineTags/any(tag: tag eq 'x')
            self.expect(Tok::Slash)?;
            match self.next() {
                Some(Tok::Ident(f)) if f == "any" => {}
                other => return Err(format!("expected any after machineTags/, found {other:?}")),
            }
            self.expect(Tok::LParen)?;
            let Some(Tok::Ident(var)) = self.next() else {
                return Err("expected a lambda variable".into());
            };
            self.expect(Tok::Colon)?;
            match self.next() {
                Some(Tok::Ident(v)) if v == var => {}
                other => return Err(format!("expected {var}, found {other:?}")),
            }
            match self.next() {
                Some(Tok::Ident(op)) if op == "eq" => {}
                other => return Err(format!("only eq is supported in any(), found {other:?}")),
            }
            let value = self.literal()?;
            self.expect(Tok::RParen)?;
            return Ok(Filter::AnyTag { value });
        }
        let field = check_field(name)?;
        let op = match self.next() {
            Some(Tok::Ident(op)) => match op.as_str() {
                "eq" => CmpOp::Eq,
                "ne" => CmpOp::Ne,
                "gt" => CmpOp::Gt,
                "ge" => CmpOp::Ge,
                "lt" => CmpOp::Lt,
                "le" => CmpOp::Le,
                _ => return Err(format!("unknown operator '{op}'")),
            },
            other => return Err(format!("expected an operator, found {other:?}")),
        };
        let value = self.literal()?;
        Ok(Filter::Compare { field, op, value })
    }
    fn field(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Ident(name)) => check_field(name),
            other => Err(format!("expected a property, found {other:?}")),
        }
    }
    fn literal(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Str(s)) | Some(Tok::Num(s)) => Ok(s),
            other => Err(format!("expected a literal, found {other:?}")),
        }
    }
}

fn check_field(name: String) -> Result<String, String> {
    // OData property names are case-sensitive, as the API's are.
    if FIELDS.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(format!(
            "Could not find a property named '{name}' on type 'Machine'"
        ))
    }
}

pub fn parse(text: &str) -> Result<Filter, String> {
    let mut p = Parser {
        toks: lex(text)?,
        pos: 0,
    };
    let f = p.or()?;
    if p.pos != p.toks.len() {
        return Err(format!("unexpected {:?}", p.toks[p.pos]));
    }
    Ok(f)
}

impl Filter {
    /// Evaluates against a machine's JSON. String comparisons ignore case, as the service's do
    /// for host names.
    pub fn matches(&self, machine: &Value) -> bool {
        let text = |field: &str| match machine.get(field) {
            Some(Value::String(s)) => Some(s.to_lowercase()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        match self {
            Filter::Compare { field, op, value } => {
                let Some(have) = text(field) else {
                    return *op == CmpOp::Ne;
                };
                let want = value.to_lowercase();
                match op {
                    CmpOp::Eq => have == want,
                    CmpOp::Ne => have != want,
                    CmpOp::Gt => have > want,
                    CmpOp::Ge => have >= want,
                    CmpOp::Lt => have < want,
                    CmpOp::Le => have <= want,
                }
            }
            Filter::StartsWith { field, prefix } => {
                text(field).is_some_and(|h| h.starts_with(&prefix.to_lowercase()))
            }
            Filter::AnyTag { value } => machine["machineTags"].as_array().is_some_and(|tags| {
                tags.iter()
                    .any(|t| t.as_str().is_some_and(|t| t.eq_ignore_ascii_case(value)))
            }),
            Filter::And(a, b) => a.matches(machine) && b.matches(machine),
            Filter::Or(a, b) => a.matches(machine) || b.matches(machine),
            Filter::Not(a) => !a.matches(machine),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_and_evaluates_the_documented_forms() {
        let m = json!({"id":"ab12","computerDnsName":"WS-0001.contoso.local","machineTags":["VIP","Finance"],"riskScore":"High","lastSeen":"2026-11-01T00:00:00Z"});
        let yes = [
            "computerDnsName eq 'ws-0001.contoso.local'",
            "id eq 'ab12' or id eq 'cd34'",
            "startswith(computerDnsName,'ws-')",
            "machineTags/any(tag: tag eq 'vip')",
            "riskScore eq 'High' and (healthStatus ne 'Active' or id eq 'x')",
            "lastSeen gt 2026-10-01T00:00:00Z",
            "not (id eq 'zz')",
        ];
        for f in yes {
            assert!(parse(f).unwrap().matches(&m), "{f}");
        }
        assert!(
            !parse("computerDnsName eq 'ws-0002.contoso.local'")
                .unwrap()
                .matches(&m)
        );
        assert!(
            !parse("machineTags/any(t: t eq 'Kiosk')")
                .unwrap()
                .matches(&m)
        );
    }

    #[test]
    fn rejects_what_the_service_rejects() {
        for bad in [
            "ComputerDnsName eq 'x'",
            "id eq",
            "id equals 'x'",
            "id eq 'x",
            "(id eq 'x'",
            "id eq 'x' xor id eq 'y'",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quotes_double_to_escape() {
        assert_eq!(
            parse("id eq 'o''brien'").unwrap(),
            Filter::Compare {
                field: "id".into(),
                op: CmpOp::Eq,
                value: "o'brien".into()
            }
        );
    }
}
