//! Text from outside (user input, later the server's) shown without letting control
//! characters through.

/// Shows user input inside an error message: escaped, and cut at 60 characters.
pub fn printable(text: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = text
        .chars()
        .take(MAX)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_and_cuts() {
        assert_eq!(printable("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(printable(&"x".repeat(61)), format!("{}…", "x".repeat(60)));
    }
}
