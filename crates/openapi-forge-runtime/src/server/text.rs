//! A serde deserializer over parameter text.
//!
//! Parameters arrive as strings (`?limit=20`, `/calendar/2024`), so a
//! parameter's type is read from text: numbers and booleans are parsed when
//! the type asks for them, everything else sees the string. Arrays read from
//! a list of strings and objects from a list of name/value pairs.

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{Error as _, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// A parameter's text, shaped as the parameter's schema expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Raw {
    /// One value.
    One(String),
    /// Array items.
    Many(Vec<String>),
    /// Object properties.
    Fields(Vec<(String, String)>),
}

/// Deserializes a type from [`Raw`] text.
pub(crate) struct TextDeserializer(pub(crate) Raw);

/// One string of an array or object, itself read as text.
struct Item(String);

impl<'de> IntoDeserializer<'de, Error> for Item {
    type Deserializer = TextDeserializer;

    fn into_deserializer(self) -> TextDeserializer {
        TextDeserializer(Raw::One(self.0))
    }
}

impl TextDeserializer {
    /// The single string a scalar is read from.
    fn scalar(self) -> Result<String, Error> {
        match self.0 {
            Raw::One(text) => Ok(text),
            Raw::Many(mut items) if items.len() == 1 => Ok(items.remove(0)),
            Raw::Many(_) => Err(Error::custom("expected one value, found a list")),
            Raw::Fields(_) => Err(Error::custom("expected one value, found an object")),
        }
    }
}

macro_rules! parse_as {
    ($($method:ident => $visit:ident as $ty:ty, $what:literal;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                let text = self.scalar()?;
                match text.trim().parse::<$ty>() {
                    Ok(value) => visitor.$visit(value),
                    Err(_) => Err(Error::custom(format!("expected {}, found `{}`", $what, text))),
                }
            }
        )*
    };
}

impl<'de> serde::Deserializer<'de> for TextDeserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Raw::One(text) => visitor.visit_string(text),
            Raw::Many(items) => {
                visitor.visit_seq(SeqDeserializer::new(items.into_iter().map(Item)))
            }
            Raw::Fields(fields) => {
                let fields = fields.into_iter().map(|(name, value)| (name, Item(value)));
                visitor.visit_map(MapDeserializer::new(fields))
            }
        }
    }

    parse_as! {
        deserialize_bool => visit_bool as bool, "true or false";
        deserialize_i8 => visit_i64 as i64, "an integer";
        deserialize_i16 => visit_i64 as i64, "an integer";
        deserialize_i32 => visit_i64 as i64, "an integer";
        deserialize_i64 => visit_i64 as i64, "an integer";
        deserialize_u8 => visit_u64 as u64, "a non-negative integer";
        deserialize_u16 => visit_u64 as u64, "a non-negative integer";
        deserialize_u32 => visit_u64 as u64, "a non-negative integer";
        deserialize_u64 => visit_u64 as u64, "a non-negative integer";
        deserialize_f32 => visit_f64 as f64, "a number";
        deserialize_f64 => visit_f64 as f64, "a number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items = match self.0 {
            Raw::One(text) => vec![text],
            Raw::Many(items) => items,
            Raw::Fields(_) => return Err(Error::custom("expected a list, found an object")),
        };
        visitor.visit_seq(SeqDeserializer::new(items.into_iter().map(Item)))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.scalar()?.into_deserializer())
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.scalar()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.scalar()?)
    }

    forward_to_deserialize_any! {
        char bytes byte_buf unit unit_struct tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// Reads `T` from parameter text.
pub(crate) fn from_text<T: serde::de::DeserializeOwned>(raw: Raw) -> Result<T, String> {
    T::deserialize(TextDeserializer(raw)).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn parses_scalars_lists_and_objects() {
        assert_eq!(from_text::<i32>(Raw::One("42".into())), Ok(42));
        assert!(from_text::<i32>(Raw::One("x".into())).is_err());
        assert!(from_text::<u8>(Raw::One("300".into())).is_err());
        assert_eq!(
            from_text::<String>(Raw::One(String::new())),
            Ok(String::new())
        );
        assert_eq!(
            from_text::<Option<bool>>(Raw::One("true".into())),
            Ok(Some(true))
        );
        let list = from_text::<Vec<u32>>(Raw::Many(vec!["1".into(), "2".into()]));
        assert_eq!(list, Ok(vec![1, 2]));
        let fields = Raw::Fields(vec![("a".into(), "1".into())]);
        let map = from_text::<BTreeMap<String, i64>>(fields);
        assert_eq!(map, Ok(BTreeMap::from([("a".to_owned(), 1)])));
    }
}
