//! Tokens of the KQL subset, each with where it starts (character offset, line, column), so an
//! error can name the token it did not understand and where it is.

use super::{KqlError, Pos};

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name: a table, column, operator keyword or function.
    Ident(String),
    Str(String),
    Long(i64),
    Real(f64),
    Pipe,
    LParen,
    RParen,
    Comma,
    Star,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `=~`
    EqCi,
    /// `!~`
    NeCi,
    /// `in~`
    InCi,
    /// Anything else that is not a space: lexed so the parser can name it.
    Other(String),
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// The token as written in the query.
    pub text: String,
    pub pos: Pos,
}

struct Cursor {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn pos(&self) -> Pos {
        Pos {
            offset: self.i,
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn text_from(&self, start: &Pos) -> String {
        self.chars[start.offset..self.i].iter().collect()
    }
}

fn ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The query's tokens, ending with `Tok::End`. `//` comments and all white space (newlines
/// included) are skipped.
pub fn lex(text: &str) -> Result<Vec<Token>, KqlError> {
    let mut cur = Cursor {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        column: 1,
    };
    let mut out = Vec::new();
    loop {
        // Spaces and comments.
        match (cur.peek(0), cur.peek(1)) {
            (Some(c), _) if c.is_whitespace() => {
                cur.bump();
                continue;
            }
            (Some('/'), Some('/')) => {
                while cur.peek(0).is_some_and(|c| c != '\n') {
                    cur.bump();
                }
                continue;
            }
            _ => {}
        }
        let start = cur.pos();
        let Some(c) = cur.bump() else {
            out.push(Token {
                tok: Tok::End,
                text: String::new(),
                pos: start,
            });
            return Ok(out);
        };
        let tok = match c {
            '|' => Tok::Pipe,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '*' => Tok::Star,
            '=' if cur.peek(0) == Some('=') => {
                cur.bump();
                Tok::Eq
            }
            '=' if cur.peek(0) == Some('~') => {
                cur.bump();
                Tok::EqCi
            }
            '!' if cur.peek(0) == Some('=') => {
                cur.bump();
                Tok::Ne
            }
            '!' if cur.peek(0) == Some('~') => {
                cur.bump();
                Tok::NeCi
            }
            // `!has`, `!in~`, ...: not in the subset, but one token, so an error names it whole.
            '!' if cur.peek(0).is_some_and(ident_start) => {
                while cur.peek(0).is_some_and(ident_char) {
                    cur.bump();
                }
                if cur.peek(0) == Some('~') {
                    cur.bump();
                }
                Tok::Other(cur.text_from(&start))
            }
            '<' | '>' if cur.peek(0) == Some('=') => {
                cur.bump();
                Tok::Other(cur.text_from(&start))
            }
            '"' | '\'' => Tok::Str(string(&mut cur, c, &start)?),
            c if ident_start(c) => {
                while cur.peek(0).is_some_and(ident_char) {
                    cur.bump();
                }
                let name = cur.text_from(&start);
                if name == "in" && cur.peek(0) == Some('~') {
                    cur.bump();
                    Tok::InCi
                } else {
                    Tok::Ident(name)
                }
            }
            c if c.is_ascii_digit() => number(&mut cur, &start),
            _ => Tok::Other(c.to_string()),
        };
        out.push(Token {
            text: cur.text_from(&start),
            tok,
            pos: start,
        });
    }
}

/// A number: digits, optionally `.` and more digits. Digits run into letters (`1d`, a timespan
/// literal) make one token that is not a number, so the error names all of it.
fn number(cur: &mut Cursor, start: &Pos) -> Tok {
    while cur.peek(0).is_some_and(|c| c.is_ascii_digit()) {
        cur.bump();
    }
    let mut real = false;
    if cur.peek(0) == Some('.') && cur.peek(1).is_some_and(|c| c.is_ascii_digit()) {
        real = true;
        cur.bump();
        while cur.peek(0).is_some_and(|c| c.is_ascii_digit()) {
            cur.bump();
        }
    }
    if cur.peek(0).is_some_and(ident_char) {
        while cur.peek(0).is_some_and(ident_char) {
            cur.bump();
        }
        return Tok::Other(cur.text_from(start));
    }
    let text = cur.text_from(start);
    if real {
        text.parse().map_or(Tok::Other(text), Tok::Real)
    } else {
        text.parse().map_or(Tok::Other(text), Tok::Long)
    }
}

/// A string literal in `"…"` or `'…'`, with backslash escapes; it may not span lines.
fn string(cur: &mut Cursor, quote: char, start: &Pos) -> Result<String, KqlError> {
    let mut value = String::new();
    loop {
        let here = cur.pos();
        match cur.bump() {
            None | Some('\n') => {
                return Err(KqlError::at(
                    "unterminated string literal",
                    Some(&cur.text_from(start).trim_end().to_string()),
                    start,
                ));
            }
            Some(c) if c == quote => return Ok(value),
            Some('\\') => match cur.bump() {
                Some('\\') => value.push('\\'),
                Some('"') => value.push('"'),
                Some('\'') => value.push('\''),
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some('r') => value.push('\r'),
                Some(other) => {
                    return Err(KqlError::at(
                        "unknown escape sequence",
                        Some(&format!("\\{other}")),
                        &here,
                    ));
                }
                None => {
                    return Err(KqlError::at(
                        "unterminated string literal",
                        Some(&cur.text_from(start)),
                        start,
                    ));
                }
            },
            Some(c) => value.push(c),
        }
    }
}
