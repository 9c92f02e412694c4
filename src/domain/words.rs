//! Counted words as people write them: "1 issue", "5 issues", never "5 issue(s)".

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
}
