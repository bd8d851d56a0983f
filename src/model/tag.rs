//! A machine tag and the one rule for comparing tags (SPEC.md "Tags"): Microsoft documents no
//! case rule, so tags that differ only in case are one tag everywhere — duplicates, conflicts,
//! `--skip-unchanged`, `tag set`, verification. A tag is still sent as the user spelled it.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::Invalid;
use super::text::{excerpt, is_hidden_or_control};

/// Longest tag the API accepts.
pub const MAX_TAG_CHARS: usize = 200;

/// A valid tag: its spelling and the key it compares by (Unicode lower case). Cheap to clone;
/// equality, ordering and hashing use the key.
#[derive(Clone)]
pub struct Tag(Arc<Inner>);

struct Inner {
    text: Box<str>,
    key: Box<str>,
    /// The key's hash, worked out once: a million operations share a handful of tags.
    key_hash: u64,
}

impl Inner {
    fn new(text: &str) -> Inner {
        let key: Box<str> = key_of(text).into();
        let mut h = std::hash::DefaultHasher::new();
        key.hash(&mut h);
        Inner {
            key_hash: h.finish(),
            key,
            text: text.into(),
        }
    }
}

/// The comparison key of any tag text, including the server's.
fn key_of(text: &str) -> String {
    text.to_lowercase()
}

impl Tag {
    /// Trims and checks a tag: 1–200 characters, no control characters (Cc), no invisible
    /// format characters (Cf: bidi overrides, zero-width), no line or paragraph separators.
    pub fn parse(raw: &str) -> Result<Tag, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Invalid(if raw.is_empty() {
                "empty tag".into()
            } else {
                "tag is only white space".into()
            }));
        }
        let chars = text.chars().count();
        if chars > MAX_TAG_CHARS {
            return Err(Invalid(format!(
                "tag is {chars} characters long; the limit is {MAX_TAG_CHARS}"
            )));
        }
        if let Some(c) = text.chars().find(|&c| is_hidden_or_control(c)) {
            let kind = match c.general_category() {
                GeneralCategory::Control => "the control character",
                GeneralCategory::Format => "the invisible format character",
                _ => "the line or paragraph separator",
            };
            return Err(Invalid(format!(
                "tag '{}' contains {kind} U+{:04X}",
                excerpt(text),
                c as u32
            )));
        }
        Ok(Tag(Arc::new(Inner::new(text))))
    }

    /// A tag the server already carries, kept exactly as it is, valid or not: it is only ever
    /// sent back to remove it.
    pub fn existing(text: &str) -> Tag {
        Tag(Arc::new(Inner::new(text)))
    }

    /// As the user spelled it (trimmed): what is sent.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// A hash of the key (equal tags, equal hashes).
    pub fn key_hash(&self) -> u64 {
        self.0.key_hash
    }

    /// The key any text compares by as a tag (Unicode lower case): to group what the server
    /// reports, valid tag or not, by the one identity rule.
    pub fn key_of(text: &str) -> String {
        key_of(text)
    }

    /// Whether a tag the server reports is this tag.
    pub fn is(&self, text: &str) -> bool {
        *self.0.text == *text || *self.0.key == *key_of(text)
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.key == other.0.key
    }
}

impl Eq for Tag {}

impl Hash for Tag {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

impl PartialOrd for Tag {
    fn partial_cmp(&self, other: &Tag) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Tag {
    fn cmp(&self, other: &Tag) -> Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            return Ordering::Equal;
        }
        self.0.key.cmp(&other.0.key)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(t: &str) -> Tag {
        Tag::parse(t).unwrap()
    }

    #[test]
    fn tags_are_trimmed_and_checked() {
        assert_eq!(tag("  test Tag 2 ").as_str(), "test Tag 2");
        assert_eq!(Tag::parse("").unwrap_err().0, "empty tag");
        assert_eq!(Tag::parse("   ").unwrap_err().0, "tag is only white space");
        assert!(Tag::parse(&"x".repeat(200)).is_ok());
        assert!(
            Tag::parse(&"é".repeat(201))
                .unwrap_err()
                .0
                .contains("201 characters")
        );
        assert!(
            Tag::parse("a\tb")
                .unwrap_err()
                .0
                .contains("control character U+0009")
        );
        for invisible in ["a\u{200b}b", "a\u{202e}b", "a\u{feff}b", "a\u{2066}b"] {
            let e = Tag::parse(invisible).unwrap_err().0;
            assert!(e.contains("invisible format character"), "{e}");
            assert!(e.contains(invisible), "the message quotes it as it is: {e}");
        }
        assert!(
            Tag::parse("a\u{2028}b")
                .unwrap_err()
                .0
                .contains("separator U+2028")
        );
        assert!(Tag::parse("Ärzte – Zürich 🦀").is_ok());
    }

    #[test]
    fn case_is_not_part_of_a_tags_identity_but_its_spelling_is_kept() {
        let (a, b) = (tag("Finance"), tag("fINANCE"));
        assert_eq!(a, b);
        assert_eq!(a.cmp(&b), Ordering::Equal);
        assert_ne!(a.as_str(), b.as_str());
        assert_eq!(b.as_str(), "fINANCE");
        assert!(tag("ÄRZTE").is("ärzte"));
        assert!(!tag("Finance").is("Finances"));
        assert!(tag("ΑΘΗΝΑ").is("αθηνα"));
        let set: std::collections::HashSet<Tag> = [a, b, tag("other")].into_iter().collect();
        assert_eq!(set.len(), 2);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the text, a tag is either refused or valid by every rule, and compares
        /// equal to every spelling of its case.
        #[test]
        fn any_text_is_refused_or_a_valid_tag(text in "\\PC{0,250}|[\\x00-\\x7f\\u{200b}\\u{202e}\\u{2028} ]{0,20}") {
            match Tag::parse(&text) {
                Ok(tag) => {
                    let t = tag.as_str();
                    prop_assert_eq!(t, text.trim());
                    prop_assert!((1..=MAX_TAG_CHARS).contains(&t.chars().count()));
                    prop_assert!(!t.chars().any(is_hidden_or_control));
                    prop_assert!(tag.is(&t.to_uppercase()) || t.to_uppercase().to_lowercase() != t.to_lowercase());
                    prop_assert!(tag.is(&t.to_lowercase()));
                }
                Err(e) => prop_assert!(!e.0.is_empty()),
            }
        }
    }
}
