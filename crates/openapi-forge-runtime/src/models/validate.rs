//! Request validation: the rules serde cannot enforce.
//!
//! Generated models implement [`Validate`] for every named type: it checks
//! the schema's constraints ([`Rules`]) on each field, reports unlisted
//! values of open string enums, and recurses into fields, array items, map
//! values and union variants. Every problem becomes a [`Violation`] (a field
//! path such as `body.emails[0]` and a message), collected in order in
//! [`Violations`], so a server can answer with all of them at once.
//!
//! Standalone values (path, query, header and cookie parameters) are checked
//! with [`check`] and a [`Rules`] value, and with [`Validate`] when their
//! type is a named model:
//!
//! ```
//! use openapi_forge_runtime::models::{check, Path, Rules, Violations};
//!
//! const PAGE_SIZE: Rules = Rules { minimum: Some(1.0), maximum: Some(100.0), ..Rules::NONE };
//! let mut violations = Violations::new();
//! check(&250_i64, &PAGE_SIZE, &Path::root("pageSize"), &mut violations);
//! assert_eq!(violations.to_details().to_string(), r#"{"pageSize":"must be at most 100"}"#);
//! ```
//!
//! `pattern` is compiled with the `regex` crate, whose syntax is close to
//! the ECMA 262 dialect that OpenAPI names but lacks look-around and
//! backreferences; a pattern that does not compile is treated as no
//! constraint. Compiled patterns are cached for the life of the process.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::{Mutex, OnceLock};

use regex::Regex;
use serde::Serialize;

/// Where a value sits in a request, built on the stack while validating and
/// only turned into text when something is wrong.
///
/// Fields render with dots (`body.owner.name`), array items with brackets
/// (`body.emails[0]`), map keys like fields when they are plain words and as
/// quoted brackets otherwise (`body.labels["a.b"]`). An empty root renders
/// no leading dot (`emails[0]`).
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root(&'a str),
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Path<'a> {
    /// The path of a whole value, e.g. `body`, a parameter name, or `""`.
    pub fn root(name: &'a str) -> Path<'a> {
        Path {
            parent: None,
            segment: Segment::Root(name),
        }
    }

    /// A property of this value, by its wire name.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// An item of this array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// A value of this map.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    fn is_empty_root(&self) -> bool {
        matches!(self.segment, Segment::Root(""))
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parent = match self.parent {
            Some(parent) => {
                fmt::Display::fmt(parent, f)?;
                !parent.is_empty_root()
            }
            None => false,
        };
        let plain = |key: &str| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        };
        match self.segment {
            Segment::Root(name) => f.write_str(name),
            Segment::Field(name) if !parent => f.write_str(name),
            Segment::Key(key) if !parent && plain(key) => f.write_str(key),
            Segment::Field(name) => write!(f, ".{name}"),
            Segment::Key(key) if plain(key) => write!(f, ".{key}"),
            Segment::Key(key) => write!(f, "[{key:?}]"),
            Segment::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// One problem: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rendered [`Path`], e.g. `body.emails[0]`.
    pub path: String,
    /// What is wrong, e.g. `must be at least 2 characters long`.
    pub message: String,
}

/// Every problem found, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations {
    list: Vec<Violation>,
}

impl Violations {
    /// No violations yet.
    pub fn new() -> Violations {
        Violations::default()
    }

    /// Records a problem at `path`.
    pub fn push(&mut self, path: &Path<'_>, message: impl fmt::Display) {
        self.list.push(Violation {
            path: path.to_string(),
            message: message.to_string(),
        });
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The number of problems.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The problems, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.list.iter()
    }

    /// The problems, in order.
    pub fn into_vec(self) -> Vec<Violation> {
        self.list
    }

    /// A JSON object from path to message, in order; several messages for
    /// one path are joined with `"; "`. Meant for an error body's `details`.
    pub fn to_details(&self) -> serde_json::Value {
        let mut details = serde_json::Map::new();
        for violation in &self.list {
            match details.get_mut(&violation.path) {
                Some(serde_json::Value::String(message)) => {
                    message.push_str("; ");
                    message.push_str(&violation.message);
                }
                _ => {
                    let message = serde_json::Value::String(violation.message.clone());
                    details.insert(violation.path.clone(), message);
                }
            }
        }
        serde_json::Value::Object(details)
    }

    /// `Ok(())` when nothing is wrong, else the violations.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, violation) in self.list.iter().enumerate() {
            let separator = if n == 0 { "" } else { "; " };
            write!(f, "{separator}{}: {}", violation.path, violation.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// A value that can check itself against its schema.
///
/// Generated for every named model type. Implemented here for the
/// containers that generated types nest in (`Option`, `Box`, `Vec`,
/// `BTreeMap<String, _>`), which recurse, and as a no-op for scalars.
pub trait Validate {
    /// Appends every problem of `self`, found at `path`, to `violations`.
    ///
    /// The default finds none: it suits types without rules (generated
    /// code writes `impl Validate for T {}` for them).
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        let _ = (path, violations);
    }

    /// Validates a whole value whose path is `root` (`"body"`, `""`, a
    /// parameter name) and returns its problems.
    fn violations(&self, root: &str) -> Violations {
        let mut violations = Violations::new();
        self.validate(&Path::root(root), &mut violations);
        violations
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        (**self).validate(path, violations);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        (**self).validate(path, violations);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        if let Some(value) = self {
            value.validate(path, violations);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        for (index, item) in self.iter().enumerate() {
            item.validate(&path.index(index), violations);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        self.as_slice().validate(path, violations);
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
        for (key, value) in self {
            value.validate(&path.key(key), violations);
        }
    }
}

macro_rules! nothing_to_validate {
    ($($ty:ty),* $(,)?) => {
        $(impl Validate for $ty {})*
    };
}

nothing_to_validate!(
    str,
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    serde_json::Value,
    super::Base64,
    bytes::Bytes,
);

/// The constraints of one schema, as constants that generated code and
/// servers pass to [`check`].
///
/// Build one from [`Rules::NONE`] with struct update syntax so that new
/// fields never break callers:
/// `Rules { min_length: Some(1), ..Rules::NONE }`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// `minLength`, in characters (Unicode scalar values).
    pub min_length: Option<u64>,
    /// `maxLength`, in characters (Unicode scalar values).
    pub max_length: Option<u64>,
    /// `pattern`, unanchored (it may match anywhere in the value).
    pub pattern: Option<&'static str>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `exclusiveMinimum`: the minimum itself is not allowed.
    pub exclusive_minimum: bool,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMaximum`: the maximum itself is not allowed.
    pub exclusive_maximum: bool,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
}

impl Rules {
    /// No constraint at all.
    pub const NONE: Rules = Rules {
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
        min_properties: None,
        max_properties: None,
    };
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::NONE
    }
}

/// A kind of value that [`Rules`] apply to; each kind reads the rules that
/// concern it (strings: length and pattern; numbers: bounds; arrays: item
/// count and uniqueness; maps: property count) and ignores the others.
pub trait Checkable {
    /// Appends the violations of `rules` by `self` at `path`.
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations);
}

/// Checks `value` against `rules`, appending each violation at `path`.
///
/// `None` passes (whether a value is required is serde's business or the
/// caller's); a JSON value is checked as whatever kind it holds.
pub fn check<T: Checkable + ?Sized>(
    value: &T,
    rules: &Rules,
    path: &Path<'_>,
    violations: &mut Violations,
) {
    value.check(rules, path, violations);
}

/// `1 item`, `2 items`, `0 properties`: a count and its noun, in the
/// singular only for exactly one.
pub(crate) fn counted(count: u64, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        (_, None) => format!("{count} {noun}s"),
    }
}

impl Checkable for str {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        if rules.min_length.is_some() || rules.max_length.is_some() {
            let length = self.chars().count() as u64;
            if let Some(min) = rules.min_length.filter(|&min| length < min) {
                violations.push(
                    path,
                    format_args!("must be at least {} long", counted(min, "character")),
                );
            }
            if let Some(max) = rules.max_length.filter(|&max| length > max) {
                violations.push(
                    path,
                    format_args!("must be at most {} long", counted(max, "character")),
                );
            }
        }
        if let Some(pattern) = rules.pattern {
            if pattern_matches(pattern, self) == Some(false) {
                violations.push(path, format_args!("must match the pattern `{pattern}`"));
            }
        }
    }
}

impl Checkable for String {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        self.as_str().check(rules, path, violations);
    }
}

/// Whether `value` matches `pattern`; `None` when the pattern does not
/// compile.
fn pattern_matches(pattern: &str, value: &str) -> Option<bool> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the
    // map itself is still consistent, so keep using it.
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = cache
        .entry(pattern.to_owned())
        .or_insert_with(|| Regex::new(pattern).ok())
        .clone();
    drop(cache);
    regex.map(|regex| regex.is_match(value))
}

/// Compares a number with the bounds. Integers compare exactly when the
/// bound is a whole number, so `int64` values beyond 2^53 are not rounded.
fn check_bounds(value: Number, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
    if let Some(min) = rules.minimum {
        let ordering = value.compare(min);
        if ordering.is_lt() || (rules.exclusive_minimum && ordering.is_eq()) {
            let word = if rules.exclusive_minimum {
                "greater than"
            } else {
                "at least"
            };
            violations.push(path, format_args!("must be {word} {min}"));
        }
    }
    if let Some(max) = rules.maximum {
        let ordering = value.compare(max);
        if ordering.is_gt() || (rules.exclusive_maximum && ordering.is_eq()) {
            let word = if rules.exclusive_maximum {
                "less than"
            } else {
                "at most"
            };
            violations.push(path, format_args!("must be {word} {max}"));
        }
    }
}

#[derive(Clone, Copy)]
enum Number {
    Int(i128),
    Float(f64),
}

impl Number {
    fn compare(self, bound: f64) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match self {
            // i128 holds every whole f64 that an int64 or uint64 can be
            // compared with; larger bounds fall through to float comparison.
            Number::Int(value) if bound.fract() == 0.0 && bound.abs() < 1e38 => {
                value.cmp(&(bound as i128))
            }
            Number::Int(value) => (value as f64)
                .partial_cmp(&bound)
                .unwrap_or(Ordering::Equal),
            // NaN is never produced by JSON; treat it as within bounds.
            Number::Float(value) => value.partial_cmp(&bound).unwrap_or(Ordering::Equal),
        }
    }
}

macro_rules! checkable_numbers {
    ($variant:ident: $($ty:ty),*) => {
        $(impl Checkable for $ty {
            fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
                check_bounds(Number::$variant((*self).into()), rules, path, violations);
            }
        })*
    };
}

checkable_numbers!(Int: i8, i16, i32, i64, u8, u16, u32, u64);
checkable_numbers!(Float: f32, f64);

fn check_items<T: Serialize>(
    items: &[T],
    rules: &Rules,
    path: &Path<'_>,
    violations: &mut Violations,
) {
    let count = items.len() as u64;
    if let Some(min) = rules.min_items.filter(|&min| count < min) {
        violations.push(
            path,
            format_args!("must have at least {}", counted(min, "item")),
        );
    }
    if let Some(max) = rules.max_items.filter(|&max| count > max) {
        violations.push(
            path,
            format_args!("must have at most {}", counted(max, "item")),
        );
    }
    if rules.unique_items {
        // Items compare by their JSON text; generated types serialize
        // deterministically, so equal values give equal text.
        let mut seen = HashSet::new();
        let duplicate = items
            .iter()
            .filter_map(|item| serde_json::to_string(item).ok())
            .any(|text| !seen.insert(text));
        if duplicate {
            violations.push(path, "must not contain duplicate items");
        }
    }
}

impl<T: Serialize> Checkable for [T] {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        check_items(self, rules, path, violations);
    }
}

impl<T: Serialize> Checkable for Vec<T> {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        check_items(self, rules, path, violations);
    }
}

fn check_properties(count: usize, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
    let count = count as u64;
    if let Some(min) = rules.min_properties.filter(|&min| count < min) {
        violations.push(
            path,
            format_args!("must have at least {}", counted(min, "property")),
        );
    }
    if let Some(max) = rules.max_properties.filter(|&max| count > max) {
        violations.push(
            path,
            format_args!("must have at most {}", counted(max, "property")),
        );
    }
}

impl<T> Checkable for BTreeMap<String, T> {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        check_properties(self.len(), rules, path, violations);
    }
}

impl Checkable for serde_json::Map<String, serde_json::Value> {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        check_properties(self.len(), rules, path, violations);
    }
}

impl Checkable for serde_json::Value {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        use serde_json::Value;
        match self {
            Value::String(text) => text.check(rules, path, violations),
            Value::Number(number) => {
                let number = match (number.as_i64(), number.as_u64(), number.as_f64()) {
                    (Some(value), _, _) => Number::Int(value.into()),
                    (None, Some(value), _) => Number::Int(value.into()),
                    (None, None, Some(value)) => Number::Float(value),
                    (None, None, None) => return,
                };
                check_bounds(number, rules, path, violations);
            }
            Value::Array(items) => items.check(rules, path, violations),
            Value::Object(object) => object.check(rules, path, violations),
            Value::Null | Value::Bool(_) => {}
        }
    }
}

impl<T: Checkable> Checkable for Option<T> {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        if let Some(value) = self {
            value.check(rules, path, violations);
        }
    }
}

impl<T: Checkable + ?Sized> Checkable for Box<T> {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        (**self).check(rules, path, violations);
    }
}

impl<T: Checkable + ?Sized> Checkable for &T {
    fn check(&self, rules: &Rules, path: &Path<'_>, violations: &mut Violations) {
        (**self).check(rules, path, violations);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(f: impl FnOnce(&Path<'_>, &mut Violations)) -> String {
        let mut violations = Violations::new();
        f(&Path::root("body"), &mut violations);
        violations.to_details().to_string()
    }

    #[test]
    fn paths_render_fields_items_and_keys() {
        let root = Path::root("body");
        let emails = root.field("emails");
        assert_eq!(emails.index(0).to_string(), "body.emails[0]");
        assert_eq!(
            root.field("labels").key("a.b").to_string(),
            r#"body.labels["a.b"]"#
        );
        let bare = Path::root("");
        assert_eq!(bare.field("name").to_string(), "name");
        assert_eq!(bare.key("x").to_string(), "x");
        assert_eq!(bare.index(2).to_string(), "[2]");
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(1, "character"), "1 character");
        assert_eq!(counted(2, "character"), "2 characters");
        assert_eq!(counted(0, "item"), "0 items");
        assert_eq!(counted(1, "property"), "1 property");
        assert_eq!(counted(5, "property"), "5 properties");
        const ONE: Rules = Rules {
            min_length: Some(1),
            max_length: Some(1),
            ..Rules::NONE
        };
        assert_eq!(
            details(|p, v| check("", &ONE, p, v)),
            r#"{"body":"must be at least 1 character long"}"#
        );
        assert_eq!(
            details(|p, v| check("ab", &ONE, p, v)),
            r#"{"body":"must be at most 1 character long"}"#
        );
    }

    #[test]
    fn strings_check_length_in_characters_and_pattern() {
        const RULES: Rules = Rules {
            min_length: Some(2),
            max_length: Some(3),
            pattern: Some("^[a-zé]+$"),
            ..Rules::NONE
        };
        assert_eq!(details(|p, v| check("éé", &RULES, p, v)), "{}");
        assert_eq!(
            details(|p, v| check("A", &RULES, p, v)),
            r#"{"body":"must be at least 2 characters long; must match the pattern `^[a-zé]+$`"}"#
        );
        assert_eq!(
            details(|p, v| check(&"abcd".to_string(), &RULES, p, v)),
            r#"{"body":"must be at most 3 characters long"}"#
        );
    }

    #[test]
    fn patterns_that_do_not_compile_are_ignored() {
        let rules = Rules {
            pattern: Some("^(?=a)b"),
            ..Rules::NONE
        };
        assert_eq!(details(|p, v| check("zzz", &rules, p, v)), "{}");
        let rules = Rules {
            pattern: Some("^-?[0-9]+(\\.[0-9]+)?$"),
            ..Rules::NONE
        };
        assert_eq!(details(|p, v| check("12.50", &rules, p, v)), "{}");
        assert_ne!(details(|p, v| check("12,50", &rules, p, v)), "{}");
    }

    #[test]
    fn numbers_check_inclusive_and_exclusive_bounds() {
        let rules = Rules {
            minimum: Some(1.0),
            maximum: Some(12.0),
            ..Rules::NONE
        };
        assert_eq!(details(|p, v| check(&12_i32, &rules, p, v)), "{}");
        assert_eq!(
            details(|p, v| check(&13_u64, &rules, p, v)),
            r#"{"body":"must be at most 12"}"#
        );
        assert_eq!(
            details(|p, v| check(&0.5_f64, &rules, p, v)),
            r#"{"body":"must be at least 1"}"#
        );
        let exclusive = Rules {
            exclusive_minimum: true,
            exclusive_maximum: true,
            ..rules
        };
        assert_eq!(
            details(|p, v| check(&Some(12_i64), &exclusive, p, v)),
            r#"{"body":"must be less than 12"}"#
        );
        let big = Rules {
            maximum: Some(9_007_199_254_740_992.0),
            ..Rules::NONE
        };
        let over = details(|p, v| check(&9_007_199_254_740_993_i64, &big, p, v));
        assert_eq!(over, r#"{"body":"must be at most 9007199254740992"}"#);
    }

    #[test]
    fn arrays_and_maps_check_counts_and_uniqueness() {
        let rules = Rules {
            min_items: Some(1),
            max_items: Some(2),
            unique_items: true,
            ..Rules::NONE
        };
        assert_eq!(
            details(|p, v| check(&vec!["a", "a", "b"], &rules, p, v)),
            r#"{"body":"must have at most 2 items; must not contain duplicate items"}"#
        );
        let empty: Vec<i32> = Vec::new();
        assert_eq!(
            details(|p, v| check(&empty, &rules, p, v)),
            r#"{"body":"must have at least 1 item"}"#
        );
        let rules = Rules {
            min_properties: Some(1),
            ..Rules::NONE
        };
        let map: BTreeMap<String, i32> = BTreeMap::new();
        assert_eq!(
            details(|p, v| check(&map, &rules, p, v)),
            r#"{"body":"must have at least 1 property"}"#
        );
        let json = serde_json::json!({});
        assert_eq!(
            details(|p, v| check(&json, &rules, p, v)),
            r#"{"body":"must have at least 1 property"}"#
        );
    }

    #[test]
    fn containers_recurse_with_paths() {
        struct Email(&'static str);
        impl Validate for Email {
            fn validate(&self, path: &Path<'_>, violations: &mut Violations) {
                if !self.0.contains('@') {
                    violations.push(path, "must be an email address");
                }
            }
        }
        let emails = Some(vec![Email("a@b"), Email("nope")]);
        let mut map = BTreeMap::new();
        map.insert("work".to_string(), Box::new(Email("x")));
        let mut violations = Violations::new();
        let root = Path::root("body");
        emails.validate(&root.field("emails"), &mut violations);
        map.validate(&root.field("byKind"), &mut violations);
        assert_eq!(violations.len(), 2);
        assert_eq!(
            violations.to_string(),
            "body.emails[1]: must be an email address; body.byKind.work: must be an email address"
        );
        assert!(violations.clone().into_result().is_err());
        assert_eq!(Email("a@b").violations("body").into_result(), Ok(()));
    }
}
