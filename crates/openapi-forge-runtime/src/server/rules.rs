//! Schema rules checked on parameter text.
//!
//! Bodies are checked by the models' own validation; parameters are checked
//! here, on their text, before they are typed, so that a value that breaks a
//! rule and one that does not parse are both reported. The rules, the checks
//! and their messages are the models' ([`Rules`], [`models::check`]); this
//! module only reads the text as the kind of value each rule is about.

use crate::models::{self, Path, Rules, Violations};

/// Problems with a scalar value (or one array item).
pub(crate) fn check_value(value: &str, rules: &Rules, problems: &mut Vec<String>) {
    let mut violations = Violations::new();
    let path = Path::root("");
    models::check(value, rules, &path, &mut violations);
    if rules.minimum.is_some() || rules.maximum.is_some() {
        let text = value.trim();
        // Integers are compared exactly, as the models compare them.
        if let Ok(integer) = text.parse::<i64>() {
            models::check(&integer, rules, &path, &mut violations);
        } else if let Ok(number) = text.parse::<f64>() {
            models::check(&number, rules, &path, &mut violations);
        }
    }
    problems.extend(
        violations
            .into_vec()
            .into_iter()
            .map(|violation| violation.message),
    );
}

/// Problems with an array's items as a whole, then with each item.
pub(crate) fn check_items(items: &[String], rules: &Rules, problems: &mut Vec<String>) {
    let mut violations = Violations::new();
    models::check(items, rules, &Path::root(""), &mut violations);
    problems.extend(
        violations
            .into_vec()
            .into_iter()
            .map(|violation| violation.message),
    );
    for item in items {
        check_value(item, rules, problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_problem() {
        let rules = Rules {
            min_length: Some(2),
            pattern: Some("^b+$"),
            ..Rules::NONE
        };
        let mut problems = Vec::new();
        check_value("a", &rules, &mut problems);
        assert_eq!(problems.len(), 2);
        let numbers = Rules {
            minimum: Some(1.0),
            maximum: Some(12.0),
            ..Rules::NONE
        };
        let mut problems = Vec::new();
        check_value("13", &numbers, &mut problems);
        assert_eq!(problems, vec!["must be at most 12".to_owned()]);
        let items = Rules {
            max_items: Some(1),
            unique_items: true,
            ..Rules::NONE
        };
        let mut problems = Vec::new();
        check_items(&["x".into(), "x".into()], &items, &mut problems);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0], "must have at most 1 item");
    }
}
