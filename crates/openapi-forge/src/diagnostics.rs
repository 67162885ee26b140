//! Located errors and warnings about a description.
//!
//! Every stage collects all the problems it finds and returns them together,
//! sorted by location, rather than stopping at the first.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The bindings cover this part of the spec only approximately, or not
    /// at all; generation still succeeds.
    Warning,
    /// Generation cannot produce correct bindings.
    Error,
}

/// One problem, located in a file of the description.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the loader was given or reached it.
    pub file: String,
    /// 1-based line and column, when the position is known.
    pub position: Option<(usize, usize)>,
    /// JSON pointer to the offending node (`""` for the whole document).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", self.message)?;
        write!(f, "\n  --> {}", self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        let pointer = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        write!(f, " at {pointer}")?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// All the errors of the stage that failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Diagnostics that say the same thing (same severity, message and hint)
/// in several places, shown once: a spec that lists `application/xml` next
/// to JSON on a thousand operations gets one warning with a count, not a
/// thousand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped<'a> {
    /// The first place, in the order given.
    pub first: &'a Diagnostic,
    /// How many places in all, the first included.
    pub count: usize,
}

impl fmt::Display for Grouped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        match self.count {
            0 | 1 => Ok(()),
            2 => write!(f, "\n  = note: and 1 more place like it"),
            count => write!(f, "\n  = note: and {} more places like it", count - 1),
        }
    }
}

/// Groups `diagnostics` by what they say, keeping the order of each
/// group's first place.
pub fn group(diagnostics: &[Diagnostic]) -> Vec<Grouped<'_>> {
    let mut groups: Vec<Grouped<'_>> = Vec::new();
    let mut index: std::collections::BTreeMap<(Severity, &str, Option<&str>), usize> =
        std::collections::BTreeMap::new();
    for diagnostic in diagnostics {
        let key = (
            diagnostic.severity,
            diagnostic.message.as_str(),
            diagnostic.hint.as_deref(),
        );
        match index.get(&key) {
            Some(&at) => {
                if let Some(group) = groups.get_mut(at) {
                    group.count += 1;
                }
            }
            None => {
                index.insert(key, groups.len());
                groups.push(Grouped {
                    first: diagnostic,
                    count: 1,
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(pointer: &str, message: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            file: "api.yaml".into(),
            position: None,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
        }
    }

    #[test]
    fn identical_messages_are_counted_once() {
        let all = [
            warning("/a", "xml skipped"),
            warning("/b", "links skipped"),
            warning("/c", "xml skipped"),
            warning("/d", "xml skipped"),
        ];
        let groups = group(&all);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            (groups[0].first.pointer.as_str(), groups[0].count),
            ("/a", 3)
        );
        assert_eq!(
            (groups[1].first.pointer.as_str(), groups[1].count),
            ("/b", 1)
        );
        assert_eq!(
            groups[0].to_string(),
            "warning: xml skipped\n  --> api.yaml at /a\n  = note: and 2 more places like it"
        );
        assert_eq!(
            groups[1].to_string(),
            "warning: links skipped\n  --> api.yaml at /b"
        );
    }
}
