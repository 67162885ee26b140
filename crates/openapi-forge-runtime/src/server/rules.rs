//! Schema rules checked on parameter text.
//!
//! Bodies are checked by the models' own validation; parameters are checked
//! here, on the text as it arrived, so every problem is reported even when a
//! value also fails to parse.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

use crate::models::counted;

/// The rules of one parameter's schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// Listed values of a string enum (of the items, for arrays); empty when
    /// the schema is not an enum.
    pub allowed: &'static [&'static str],
    /// `minLength` of the value (or of each item).
    pub min_length: Option<u64>,
    /// `maxLength` of the value (or of each item).
    pub max_length: Option<u64>,
    /// `pattern` (an ECMA regular expression, read with Rust's `regex`).
    pub pattern: Option<&'static str>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: bool,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: bool,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
}

impl Rules {
    /// No rule at all.
    pub const NONE: Rules = Rules {
        allowed: &[],
        min_length: None,
        max_length: None,
        pattern: None,
        minimum: None,
        exclusive_minimum: false,
        maximum: None,
        exclusive_maximum: false,
        min_items: None,
        max_items: None,
        unique_items: false,
    };

    /// Problems with a scalar value (or one array item).
    pub(crate) fn check_value(&self, value: &str, problems: &mut Vec<String>) {
        if !self.allowed.is_empty() && !self.allowed.contains(&value) {
            let listed = self
                .allowed
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>();
            problems.push(format!("must be one of {}", listed.join(", ")));
        }
        let length = value.chars().count() as u64;
        if let Some(min) = self.min_length.filter(|&min| length < min) {
            problems.push(format!(
                "must be at least {} long",
                counted(min, "character")
            ));
        }
        if let Some(max) = self.max_length.filter(|&max| length > max) {
            problems.push(format!(
                "must be at most {} long",
                counted(max, "character")
            ));
        }
        if let Some(pattern) = self.pattern {
            if matches_pattern(pattern, value) == Some(false) {
                problems.push(format!("must match the pattern `{pattern}`"));
            }
        }
        if self.minimum.is_some() || self.maximum.is_some() {
            if let Ok(number) = value.trim().parse::<f64>() {
                self.check_number(number, problems);
            }
        }
    }

    fn check_number(&self, number: f64, problems: &mut Vec<String>) {
        if let Some(min) = self.minimum {
            if self.exclusive_minimum && number <= min {
                problems.push(format!("must be greater than {min}"));
            } else if number < min {
                problems.push(format!("must be at least {min}"));
            }
        }
        if let Some(max) = self.maximum {
            if self.exclusive_maximum && number >= max {
                problems.push(format!("must be less than {max}"));
            } else if number > max {
                problems.push(format!("must be at most {max}"));
            }
        }
    }

    /// Problems with an array's items as a whole.
    pub(crate) fn check_items(&self, items: &[String], problems: &mut Vec<String>) {
        let count = items.len() as u64;
        if let Some(min) = self.min_items.filter(|&min| count < min) {
            problems.push(format!("must have at least {}", counted(min, "item")));
        }
        if let Some(max) = self.max_items.filter(|&max| count > max) {
            problems.push(format!("must have at most {}", counted(max, "item")));
        }
        if self.unique_items && items.iter().collect::<BTreeSet<_>>().len() != items.len() {
            problems.push("items must be unique".to_owned());
        }
        for item in items {
            self.check_value(item, problems);
        }
    }
}

/// Whether `value` matches `pattern`; `None` when the pattern is not a
/// regular expression the `regex` crate reads (it is then not enforced).
fn matches_pattern(pattern: &'static str, value: &str) -> Option<bool> {
    static CACHE: OnceLock<Mutex<BTreeMap<&'static str, Option<regex::Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = cache
        .entry(pattern)
        .or_insert_with(|| regex::Regex::new(pattern).ok());
    regex.as_ref().map(|regex| regex.is_match(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_problem() {
        let rules = Rules {
            allowed: &["a", "bb"],
            min_length: Some(2),
            pattern: Some("^b+$"),
            ..Rules::NONE
        };
        let mut problems = Vec::new();
        rules.check_value("a", &mut problems);
        assert_eq!(problems.len(), 2);
        let mut problems = Vec::new();
        rules.check_value("c", &mut problems);
        assert_eq!(problems.len(), 3);
        let numbers = Rules {
            minimum: Some(1.0),
            maximum: Some(12.0),
            ..Rules::NONE
        };
        let mut problems = Vec::new();
        numbers.check_value("13", &mut problems);
        assert_eq!(problems, vec!["must be at most 12".to_owned()]);
        let items = Rules {
            max_items: Some(1),
            unique_items: true,
            ..Rules::NONE
        };
        let mut problems = Vec::new();
        items.check_items(&["x".into(), "x".into()], &mut problems);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0], "must have at most 1 item");
    }
}
