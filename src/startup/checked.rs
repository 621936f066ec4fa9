//! [`Checked`]: what one start-up step found, and the problems it met on the way. A step never
//! fails for a problem in the user's files: it falls back (defaults, an empty list, the old
//! place) and says why, and `settings_in` gathers the warnings in the order the steps ran.

/// A step's value and its warnings (each a sentence for the user), in the order they arose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Checked<T> {
    pub value: T,
    pub warnings: Vec<String>,
}

impl<T> Checked<T> {
    /// A value found without any problem.
    pub fn clean(value: T) -> Checked<T> {
        Checked {
            value,
            warnings: Vec::new(),
        }
    }

    /// A value (usually the fallback) and the one problem that led to it.
    pub fn warned(value: T, warning: String) -> Checked<T> {
        Checked {
            value,
            warnings: vec![warning],
        }
    }

    /// Hands over the value, appending the warnings to `all`.
    pub fn take(self, all: &mut Vec<String>) -> T {
        all.extend(self.warnings);
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_a_value_appends_its_warnings_after_those_gathered_before() {
        let mut all = vec!["earlier".to_owned()];
        assert_eq!(Checked::clean(1).take(&mut all), 1);
        assert_eq!(Checked::warned(2, "later".into()).take(&mut all), 2);
        assert_eq!(all, ["earlier", "later"]);
    }
}
