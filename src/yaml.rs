//! The one place krufolio touches a YAML library.
//!
//! serde_yaml is deprecated and unmaintained; krufolio uses its maintained
//! drop-in fork `serde_norway`, which keeps serde_yaml's limits on alias
//! expansion (a "billion laughs" document fails instead of exhausting
//! memory) and recursion depth, and reports error locations (line and
//! column). Every other module goes through this one, so a future move (to
//! serde-saphyr, say) changes one file.

pub use serde_norway::{from_str, from_value, to_string, Error, Mapping, Number, Value};

/// The 1-based line of a YAML error, when the parser knows it.
pub fn error_line(e: &Error) -> Option<usize> {
    e.location().map(|l| l.line())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bombs_are_bounded() {
        // Nine levels of nine aliases each: 9^9 nodes if expanded.
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(from_str::<Value>(&doc).is_err(), "the expansion is refused, not attempted");
    }

    #[test]
    fn errors_know_their_line() {
        let e = from_str::<Value>("a: 1\nb: [\n").unwrap_err();
        assert!(error_line(&e).is_some());
    }
}
