//! A recursive-descent parser for the subset:
//!
//! ```text
//! query     := IDENT ( '|' operator )* END
//! operator  := 'where' or
//!            | 'project' name (',' name)*
//!            | 'distinct' name (',' name)*
//!            | ('take' | 'limit') LONG
//!            | 'count'
//!            | 'summarize' 'arg_max' '(' name ',' '*' ')' 'by' name
//! or        := and ('or' and)*
//! and       := unary ('and' unary)*
//! unary     := 'not' '(' or ')' | primary
//! primary   := '(' or ')' | 'set_has_element' '(' name ',' literal ')' | predicate
//! predicate := term [ cmp term | ('in' | 'in~') '(' literal (',' literal)* ')' ]
//! cmp       := '==' | '!=' | '=~' | '!~' | 'has' | 'contains' | 'startswith' | 'endswith'
//! term      := name | literal
//! literal   := STRING | LONG | REAL | 'true' | 'false'
//! ```

use super::lexer::{Tok, Token, lex};
use super::{KqlError, Pos};

/// A name as written, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Str(String),
    Long(i64),
    Real(f64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Column(Name),
    Lit(Lit, Pos),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    EqCi,
    NeCi,
    Has,
    Contains,
    StartsWith,
    EndsWith,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp {
        left: Term,
        op: CmpOp,
        /// The operator as written (`==`, `has`), and where.
        op_at: Name,
        right: Term,
    },
    In {
        left: Term,
        list: Vec<(Lit, Pos)>,
        case_insensitive: bool,
        op_at: Name,
    },
    SetHasElement {
        column: Name,
        value: (Lit, Pos),
    },
    /// A Boolean column or literal on its own.
    Bare(Term),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Where(Expr),
    Project(Vec<Name>),
    Distinct(Vec<Name>),
    Take(usize),
    Count,
    ArgMax { by_max: Name, by: Name },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub table: Name,
    pub ops: Vec<Op>,
}

const OPERATORS: &str = "supported: where, project, distinct, take, limit, count, summarize";

pub fn parse(text: &str) -> Result<Query, KqlError> {
    let tokens = lex(text)?;
    let mut p = Parser { tokens, i: 0 };
    let table = p.name("a table name")?;
    let mut ops = Vec::new();
    loop {
        match p.peek().tok {
            Tok::End => break,
            Tok::Pipe => {
                p.i += 1;
                ops.push(p.operator()?);
            }
            _ => return Err(p.unexpected("'|' or the end of the query")),
        }
    }
    Ok(Query { table, ops })
}

struct Parser {
    tokens: Vec<Token>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.i]
    }

    fn next(&mut self) -> Token {
        let t = self.tokens[self.i].clone();
        if t.tok != Tok::End {
            self.i += 1;
        }
        t
    }

    fn unexpected(&self, expected: &str) -> KqlError {
        let t = self.peek();
        if t.tok == Tok::End {
            KqlError::at("unexpected end of query", None, &t.pos)
                .hint(format!("expected {expected}"))
        } else {
            KqlError::at("unexpected", Some(&t.text), &t.pos).hint(format!("expected {expected}"))
        }
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(w) if w == word)
    }

    fn expect(&mut self, tok: Tok, shown: &str) -> Result<Token, KqlError> {
        if self.peek().tok == tok {
            Ok(self.next())
        } else {
            Err(self.unexpected(shown))
        }
    }

    fn expect_word(&mut self, word: &str) -> Result<(), KqlError> {
        if self.is_word(word) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected(&format!("'{word}'")))
        }
    }

    fn name(&mut self, expected: &str) -> Result<Name, KqlError> {
        match &self.peek().tok {
            Tok::Ident(w) => {
                let name = Name {
                    text: w.clone(),
                    pos: self.peek().pos,
                };
                self.i += 1;
                Ok(name)
            }
            _ => Err(self.unexpected(expected)),
        }
    }

    fn names(&mut self) -> Result<Vec<Name>, KqlError> {
        let mut names = vec![self.name("a column name")?];
        while self.peek().tok == Tok::Comma {
            self.i += 1;
            names.push(self.name("a column name")?);
        }
        Ok(names)
    }

    fn operator(&mut self) -> Result<Op, KqlError> {
        let t = self.peek().clone();
        let Tok::Ident(word) = &t.tok else {
            return Err(self.unexpected("a tabular operator").hint(OPERATORS));
        };
        self.i += 1;
        match word.as_str() {
            "where" => Ok(Op::Where(self.or()?)),
            "project" => Ok(Op::Project(self.names()?)),
            "distinct" => Ok(Op::Distinct(self.names()?)),
            "take" | "limit" => match self.peek().tok {
                Tok::Long(n) if n >= 0 => {
                    self.i += 1;
                    Ok(Op::Take(usize::try_from(n).unwrap_or(usize::MAX)))
                }
                _ => Err(self.unexpected("a whole number of rows")),
            },
            "count" => Ok(Op::Count),
            "summarize" => {
                let f = self.name("arg_max")?;
                if f.text != "arg_max" {
                    return Err(KqlError::at(
                        "unknown aggregation function",
                        Some(&f.text),
                        &f.pos,
                    )
                    .hint("supported: summarize arg_max(Column, *) by Column"));
                }
                self.expect(Tok::LParen, "'('")?;
                let by_max = self.name("a column name")?;
                self.expect(Tok::Comma, "','")?;
                self.expect(Tok::Star, "'*'")?;
                self.expect(Tok::RParen, "')'")?;
                self.expect_word("by")?;
                let by = self.name("a column name")?;
                Ok(Op::ArgMax { by_max, by })
            }
            _ => {
                Err(KqlError::at("unknown tabular operator", Some(&t.text), &t.pos).hint(OPERATORS))
            }
        }
    }

    fn or(&mut self) -> Result<Expr, KqlError> {
        let mut left = self.and()?;
        while self.is_word("or") {
            self.i += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, KqlError> {
        let mut left = self.unary()?;
        while self.is_word("and") {
            self.i += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, KqlError> {
        let is_call = self
            .tokens
            .get(self.i + 1)
            .is_some_and(|t| t.tok == Tok::LParen);
        if self.is_word("not") && is_call {
            self.i += 2;
            let inner = self.or()?;
            self.expect(Tok::RParen, "')'")?;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, KqlError> {
        if self.peek().tok == Tok::LParen {
            self.i += 1;
            let inner = self.or()?;
            self.expect(Tok::RParen, "')'")?;
            return Ok(inner);
        }
        let is_call = self
            .tokens
            .get(self.i + 1)
            .is_some_and(|t| t.tok == Tok::LParen);
        if let (Tok::Ident(f), true) = (&self.peek().tok, is_call) {
            let t = self.peek().clone();
            if f != "set_has_element" {
                return Err(KqlError::at("unknown function", Some(&t.text), &t.pos)
                    .hint("supported: not(…), set_has_element(Column, value)"));
            }
            self.i += 2;
            let column = self.name("a column name")?;
            self.expect(Tok::Comma, "','")?;
            let value = self.literal()?;
            self.expect(Tok::RParen, "')'")?;
            return Ok(Expr::SetHasElement { column, value });
        }
        self.predicate()
    }

    fn predicate(&mut self) -> Result<Expr, KqlError> {
        let left = self.term()?;
        let t = self.peek().clone();
        let op_at = Name {
            text: t.text.clone(),
            pos: t.pos,
        };
        let op =
            match &t.tok {
                Tok::Eq => CmpOp::Eq,
                Tok::Ne => CmpOp::Ne,
                Tok::EqCi => CmpOp::EqCi,
                Tok::NeCi => CmpOp::NeCi,
                Tok::Ident(w) if w == "has" => CmpOp::Has,
                Tok::Ident(w) if w == "contains" => CmpOp::Contains,
                Tok::Ident(w) if w == "startswith" => CmpOp::StartsWith,
                Tok::Ident(w) if w == "endswith" => CmpOp::EndsWith,
                Tok::Ident(w) if w == "in" => return self.in_list(left, false, op_at),
                Tok::InCi => return self.in_list(left, true, op_at),
                // The predicate ends here: what follows is for the caller to judge.
                Tok::Ident(w) if w == "and" || w == "or" => return Ok(Expr::Bare(left)),
                Tok::RParen | Tok::Pipe | Tok::End => return Ok(Expr::Bare(left)),
                Tok::Ident(_) | Tok::Other(_) => {
                    return Err(KqlError::at("unknown operator", Some(&t.text), &t.pos).hint(
                    "supported: ==, !=, =~, !~, has, contains, startswith, endswith, in, in~",
                ));
                }
                _ => return Err(self.unexpected("an operator, 'and', 'or', ')' or '|'")),
            };
        self.i += 1;
        let right = self.term()?;
        Ok(Expr::Cmp {
            left,
            op,
            op_at,
            right,
        })
    }

    fn in_list(
        &mut self,
        left: Term,
        case_insensitive: bool,
        op_at: Name,
    ) -> Result<Expr, KqlError> {
        self.i += 1;
        self.expect(Tok::LParen, "'('")?;
        let mut list = vec![self.literal()?];
        while self.peek().tok == Tok::Comma {
            self.i += 1;
            list.push(self.literal()?);
        }
        self.expect(Tok::RParen, "')'")?;
        Ok(Expr::In {
            left,
            list,
            case_insensitive,
            op_at,
        })
    }

    fn term(&mut self) -> Result<Term, KqlError> {
        if let Tok::Ident(w) = &self.peek().tok
            && w != "true"
            && w != "false"
        {
            let is_call = self
                .tokens
                .get(self.i + 1)
                .is_some_and(|t| t.tok == Tok::LParen);
            if is_call {
                let t = self.peek();
                return Err(KqlError::at("unknown function", Some(&t.text), &t.pos)
                    .hint("supported: not(…), set_has_element(Column, value)"));
            }
            return Ok(Term::Column(self.name("a column name")?));
        }
        let (lit, pos) = self.literal()?;
        Ok(Term::Lit(lit, pos))
    }

    fn literal(&mut self) -> Result<(Lit, Pos), KqlError> {
        let t = self.peek().clone();
        let lit = match &t.tok {
            Tok::Str(s) => Lit::Str(s.clone()),
            Tok::Long(n) => Lit::Long(*n),
            Tok::Real(x) => Lit::Real(*x),
            Tok::Ident(w) if w == "true" => Lit::Bool(true),
            Tok::Ident(w) if w == "false" => Lit::Bool(false),
            _ => return Err(self.unexpected("a column name or a value")),
        };
        self.i += 1;
        Ok((lit, t.pos))
    }
}
