//! Tagged unions (`oneOf` with a discriminator).
//!
//! A tagged union's variant types are ordinary structs that keep the tag
//! property among their own fields, so they also work on their own. The
//! union therefore cannot use serde's internal tagging (which would write the
//! tag twice and hide it from the variant). Instead, generated code reads the
//! whole object once, dispatches on the tag's text and deserializes the
//! variant from the whole object; on output it serializes the variant and
//! sets the tag property to the variant's tag value, so it appears exactly
//! once whatever the struct held.

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Serializes `value` (which must serialize as an object) with `property`
/// set to `tag`.
pub fn serialize_tagged<S, T>(
    serializer: S,
    property: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize + ?Sized,
{
    let mut object = match serde_json::to_value(value).map_err(S::Error::custom)? {
        Value::Object(object) => object,
        other => {
            let message = format!("the `{tag}` variant is not an object: {other}");
            return Err(S::Error::custom(message));
        }
    };
    object.insert(property.to_owned(), Value::String(tag.to_owned()));
    object.serialize(serializer)
}

/// Reads an object and its tag: returns the tag's text and the whole object.
///
/// Fails when the input is not an object, or the tag is missing or not a
/// string.
pub fn deserialize_tagged<'de, D>(
    deserializer: D,
    property: &str,
) -> Result<(String, Value), D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    let tag = match &value {
        Value::Object(object) => match object.get(property) {
            Some(Value::String(tag)) => tag.clone(),
            Some(other) => {
                let message = format!("tag property `{property}` must be a string, found {other}");
                return Err(D::Error::custom(message));
            }
            None => {
                return Err(D::Error::custom(format!(
                    "missing tag property `{property}`"
                )))
            }
        },
        _ => {
            return Err(D::Error::custom(format!(
                "expected an object with a `{property}` tag"
            )))
        }
    };
    Ok((tag, value))
}

/// Deserializes one variant from the whole object.
pub fn variant_from_value<T, E>(value: Value) -> Result<T, E>
where
    T: DeserializeOwned,
    E: serde::de::Error,
{
    T::deserialize(value).map_err(E::custom)
}

/// The error for a tag that names no variant.
pub fn unknown_tag<E: serde::de::Error>(property: &str, tag: &str, known: &[&str]) -> E {
    E::custom(format!(
        "unknown `{property}` value `{tag}`; expected one of {}",
        super::enums::expected_list(known)
    ))
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Circle {
        kind: String,
        radius: f64,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Rectangle {
        kind: String,
        width: f64,
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Shape {
        Circle(Circle),
        Rectangle(Box<Rectangle>),
    }

    impl Serialize for Shape {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Shape::Circle(value) => {
                    super::serialize_tagged(serializer, "kind", "circle", value)
                }
                Shape::Rectangle(value) => {
                    super::serialize_tagged(serializer, "kind", "rect", value)
                }
            }
        }
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (tag, value) = super::deserialize_tagged(deserializer, "kind")?;
            match tag.as_str() {
                "circle" => super::variant_from_value(value).map(Shape::Circle),
                "rect" => super::variant_from_value(value).map(Shape::Rectangle),
                _ => Err(super::unknown_tag("kind", &tag, &["circle", "rect"])),
            }
        }
    }

    #[test]
    fn dispatches_on_the_tag_and_writes_it_once() {
        for json in [
            r#"{"kind":"circle","radius":1.5}"#,
            r#"{"kind":"rect","width":2.0}"#,
        ] {
            let shape: Shape = serde_json::from_str(json).expect(json);
            assert_eq!(serde_json::to_string(&shape).expect("serializes"), json);
        }
        let odd = Shape::Rectangle(Box::new(Rectangle {
            kind: "Rectangle".into(),
            width: 1.0,
        }));
        assert_eq!(
            serde_json::to_string(&odd).expect("serializes"),
            r#"{"kind":"rect","width":1.0}"#
        );
    }

    #[test]
    fn rejects_unknown_or_missing_tags() {
        let unknown = serde_json::from_str::<Shape>(r#"{"kind":"triangle"}"#).unwrap_err();
        assert!(
            unknown
                .to_string()
                .contains("unknown `kind` value `triangle`"),
            "{unknown}"
        );
        assert!(serde_json::from_str::<Shape>(r#"{"radius":1.5}"#).is_err());
        assert!(serde_json::from_str::<Shape>(r#"{"kind":1}"#).is_err());
        assert!(serde_json::from_str::<Shape>("[]").is_err());
    }
}
