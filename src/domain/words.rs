//! Counted words as people write them: "1 issue", "5 issues", never "5 issue(s)"; and
//! sentences that end once, whatever the text typed into them ends with.

/// `n` with the singular or the plural: `count(1, "issue", "issues")` is "1 issue".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "is" or "are", to agree with a count.
pub fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// `text` as the end of a sentence: with a full stop, unless it ends with its own (or a
/// question or exclamation mark), so that "Fix the VAT." is not written "Fix the VAT..".
pub fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '\u{2026}']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "issue", "issues"), "1 issue");
        assert_eq!(count(0, "issue", "issues"), "0 issues");
        assert_eq!(count(5, "row", "rows"), "5 rows");
        assert_eq!(is_are(1), "is");
        assert_eq!(is_are(2), "are");
    }

    #[test]
    fn a_sentence_ends_once() {
        assert_eq!(sentence("Fix the VAT"), "Fix the VAT.");
        assert_eq!(sentence("Fix the VAT."), "Fix the VAT.");
        assert_eq!(sentence("Why? "), "Why?");
    }
}
