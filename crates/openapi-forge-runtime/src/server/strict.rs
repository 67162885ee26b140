//! A deserializer adapter that accepts an object only as a JSON object.
//!
//! serde's derived struct visitors also accept a sequence (fields by
//! position), which no JSON API means: `["a"]` would become a struct whose
//! first field is `"a"`. [`Strict`] wraps a deserializer and every
//! deserializer it hands out (map values, sequence elements, options,
//! newtypes, enum contents), asks the format for a map wherever a struct is
//! wanted and refuses a sequence there, so an array given for an object is
//! refused at any depth. It also names that expectation "an object".
//!
//! Known limit: values that serde buffers before deciding their type
//! (untagged unions, and the variants of tagged unions, which generated code
//! reads through `serde_json::Value`) are deserialized from the buffer
//! rather than through this adapter, so a struct nested inside such a value
//! still accepts an array.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

/// A deserializer, a seed or an access whose nested deserializers are all
/// strict about objects.
pub(crate) struct Strict<T>(pub(crate) T);

/// A visitor that hands out strict deserializers; `object` when it stands
/// for a struct or map, so that a sequence is refused and the expectation
/// reads "an object".
struct Wrap<V> {
    visitor: V,
    object: bool,
}

impl<V> Wrap<V> {
    fn any(visitor: V) -> Self {
        Wrap {
            visitor,
            object: false,
        }
    }

    fn object(visitor: V) -> Self {
        Wrap {
            visitor,
            object: true,
        }
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V)
                -> Result<V::Value, D::Error>
            {
                self.0.$method($($arg,)* Wrap::any(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    forward! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap::object(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap::object(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! visit {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
                self.visitor.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.object {
            formatter.write_str("an object")
        } else {
            self.visitor.expecting(formatter)
        }
    }

    visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Strict(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(Strict(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.object {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self));
        }
        self.visitor.visit_seq(Strict(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Strict(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(Strict(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Strict<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict(deserializer))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Strict<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Strict(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Strict<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Strict(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Strict(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Strict<A> {
    type Error = A::Error;
    type Variant = Strict<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Strict(seed))?;
        Ok((value, Strict(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Strict<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Strict(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap::any(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Wrap::object(visitor))
    }
}

/// A serde type error in the API's terms: `invalid type: sequence, expected
/// struct Pet` becomes `wrong type: expected an object, got an array`. Other
/// messages are returned unchanged.
pub(crate) fn api_terms(message: &str) -> String {
    let Some((got, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return message.to_owned();
    };
    format!(
        "wrong type: expected {}, got {}",
        expected_term(expected),
        got_term(got)
    )
}

fn expected_term(expected: &str) -> &str {
    const INTEGERS: [&str; 12] = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    match expected {
        "a map" => "an object",
        "a sequence" => "an array",
        "f32" | "f64" => "a number",
        _ if INTEGERS.contains(&expected) => "an integer",
        _ if expected.starts_with("struct ") => "an object",
        _ if expected.starts_with("a tuple") || expected.starts_with("tuple ") => "an array",
        _ => expected,
    }
}

fn got_term(got: &str) -> &str {
    let kind = got.split(' ').next().unwrap_or_default();
    match kind {
        "sequence" => "an array",
        "map" => "an object",
        "string" => "a string",
        "integer" => "an integer",
        "floating" => "a number",
        "boolean" => "a boolean",
        "null" | "unit" => "null",
        _ => got,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        name: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        inner: Inner,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        maybe: Option<Inner>,
    }

    fn strict<T: de::DeserializeOwned>(text: &str) -> Result<T, String> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        T::deserialize(Strict(&mut deserializer)).map_err(|error| {
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or_default();
            api_terms(message)
        })
    }

    #[test]
    fn objects_are_read_as_objects() {
        let outer: Outer = strict(r#"{"inner":{"name":"a"},"list":[{"name":"b"}]}"#).unwrap();
        assert_eq!(outer.inner.name, "a");
        assert_eq!(outer.list, vec![Inner { name: "b".into() }]);
    }

    #[test]
    fn arrays_are_refused_where_objects_are_expected_at_any_depth() {
        let expected = "wrong type: expected an object, got an array";
        assert_eq!(strict::<Outer>(r#"["a"]"#).unwrap_err(), expected);
        assert_eq!(strict::<Outer>("[]").unwrap_err(), expected);
        assert_eq!(strict::<Outer>(r#"{"inner":["a"]}"#).unwrap_err(), expected);
        let list = r#"{"inner":{"name":"a"},"list":[["b"]]}"#;
        assert_eq!(strict::<Outer>(list).unwrap_err(), expected);
        let maybe = r#"{"inner":{"name":"a"},"maybe":["b"]}"#;
        assert_eq!(strict::<Outer>(maybe).unwrap_err(), expected);
    }

    #[test]
    fn type_errors_speak_json() {
        assert_eq!(
            strict::<u32>(r#""7""#).unwrap_err(),
            "wrong type: expected an integer, got a string"
        );
        assert_eq!(
            strict::<Vec<u32>>("{}").unwrap_err(),
            "wrong type: expected an array, got an object"
        );
        assert_eq!(
            strict::<String>("null").unwrap_err(),
            "wrong type: expected a string, got null"
        );
    }
}
