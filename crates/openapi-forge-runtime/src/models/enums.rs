//! Open string enums and closed integer enums.
//!
//! A generated enum type implements [`StringEnum`] or [`IntEnum`] (the
//! value tables, written out by the generator) and invokes
//! [`string_enum_impls!`](crate::string_enum_impls) or
//! [`int_enum_impls!`](crate::int_enum_impls), which derive everything
//! else from the trait: inherent accessors, serde, `Display`, `FromStr` and
//! [`Validate`](super::Validate). The mechanics live here once instead of in
//! every generated enum.
//!
//! String enums are open: a value the spec does not list is kept in the
//! catch-all variant and written back unchanged, so a client keeps working
//! when a server adds a value; validation reports it, so a server still
//! rejects it. Integer enums are closed: serde rejects an unlisted number.

use std::fmt;

/// A string enum whose unlisted values land in a catch-all variant.
pub trait StringEnum: Sized {
    /// Every listed value, in spec order.
    const KNOWN: &'static [&'static str];

    /// The value as it travels on the wire.
    fn as_str(&self) -> &str;

    /// The variant for a wire value: a listed one, or the catch-all holding
    /// `value`.
    fn from_string(value: String) -> Self;

    /// Whether the value is listed in the spec (false only for the
    /// catch-all).
    fn is_known(&self) -> bool;
}

/// An integer enum: numbers on the wire, unlisted numbers rejected.
pub trait IntEnum: Sized + Copy {
    /// Every listed value, in spec order.
    const KNOWN: &'static [i64];

    /// The number on the wire.
    fn value(self) -> i64;

    /// The variant for a number, if listed.
    fn from_value(value: i64) -> Option<Self>;
}

/// A number or text that names no variant of a closed enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The value as received.
    pub value: String,
    /// The listed values, for the message.
    pub expected: String,
}

impl UnknownValue {
    /// The error for `value`, listing the values of `known`.
    pub fn new<T: fmt::Display>(value: impl fmt::Display, known: &[T]) -> UnknownValue {
        UnknownValue {
            value: value.to_string(),
            expected: expected_list(known),
        }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown value `{}`; expected one of {}",
            self.value, self.expected
        )
    }
}

impl std::error::Error for UnknownValue {}

/// "`a`, `b`, `c`": the list that enum errors and violations show.
pub(crate) fn expected_list<T: fmt::Display>(known: &[T]) -> String {
    let quoted: Vec<String> = known.iter().map(|value| format!("`{value}`")).collect();
    quoted.join(", ")
}

/// Serde support for integer enums, used by [`int_enum_impls!`](crate::int_enum_impls).
#[doc(hidden)]
pub mod int_serde {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{Error, Unexpected, Visitor};
    use serde::Deserializer;

    use super::{IntEnum, UnknownValue};

    struct IntVisitor<T>(PhantomData<T>);

    impl<T: IntEnum> IntVisitor<T> {
        fn lookup<E: Error>(value: i64) -> Result<T, E> {
            T::from_value(value).ok_or_else(|| E::custom(UnknownValue::new(value, T::KNOWN)))
        }
    }

    impl<T: IntEnum> Visitor<'_> for IntVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "one of the integers {}", super::expected_list(T::KNOWN))
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
            Self::lookup(value)
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
            match i64::try_from(value) {
                Ok(value) => Self::lookup(value),
                Err(_) => Err(E::invalid_value(Unexpected::Unsigned(value), &self)),
            }
        }
    }

    /// Reads a listed integer; strings, floats and unlisted numbers fail.
    pub fn deserialize<'de, D: Deserializer<'de>, T: IntEnum>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        deserializer.deserialize_i64(IntVisitor(PhantomData))
    }
}

/// Implements serde, `Display`, `FromStr`, `From<String>`, `From<&str>`,
/// [`Validate`](crate::Validate) and the inherent `as_str`, `is_known` and
/// `KNOWN` for a type that implements [`StringEnum`].
///
/// `FromStr` never fails (its error is `Infallible`): unlisted text becomes
/// the catch-all variant. Validation reports the catch-all as
/// "unknown value `x`; expected one of ...".
///
/// The impls allow `deprecated`: a spec may deprecate the enum itself,
/// which warns its users but must not warn in its own impls.
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        #[allow(deprecated)]
        impl $name {
            /// Every listed value, in spec order.
            pub const KNOWN: &'static [&'static str] = <$name as $crate::models::StringEnum>::KNOWN;

            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                $crate::models::StringEnum::as_str(self)
            }

            /// Whether the value is listed in the spec (false only for the
            /// catch-all variant).
            pub fn is_known(&self) -> bool {
                $crate::models::StringEnum::is_known(self)
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok($crate::models::StringEnum::from_string(value))
            }
        }

        #[allow(deprecated)]
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok($crate::models::StringEnum::from_string(
                    ::std::string::ToString::to_string(value),
                ))
            }
        }

        #[allow(deprecated)]
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                $crate::models::StringEnum::from_string(value)
            }
        }

        #[allow(deprecated)]
        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                $crate::models::StringEnum::from_string(::std::string::ToString::to_string(value))
            }
        }

        #[allow(deprecated)]
        impl $crate::models::Validate for $name {
            fn validate(
                &self,
                path: &$crate::models::Path<'_>,
                violations: &mut $crate::models::Violations,
            ) {
                if !self.is_known() {
                    violations.push(
                        path,
                        $crate::models::UnknownValue::new(self.as_str(), Self::KNOWN),
                    );
                }
            }
        }
    };
}

/// Implements serde (numbers only), `Display`, `FromStr`, `TryFrom<i64>`,
/// [`Validate`](crate::Validate) and the inherent `value`, `from_value` and
/// `KNOWN` for a type that implements [`IntEnum`].
///
/// The impls allow `deprecated`, as those of [`string_enum_impls!`](crate::string_enum_impls) do.
#[macro_export]
macro_rules! int_enum_impls {
    ($name:ident) => {
        #[allow(deprecated)]
        impl $name {
            /// Every listed value, in spec order.
            pub const KNOWN: &'static [i64] = <$name as $crate::models::IntEnum>::KNOWN;

            /// The number on the wire.
            pub fn value(self) -> i64 {
                $crate::models::IntEnum::value(self)
            }

            /// The variant for a number, if listed.
            pub fn from_value(value: i64) -> ::std::option::Option<Self> {
                $crate::models::IntEnum::from_value(value)
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::models::int_serde::deserialize(deserializer)
            }
        }

        #[allow(deprecated)]
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        #[allow(deprecated)]
        impl ::std::str::FromStr for $name {
            type Err = $crate::models::UnknownValue;

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                text.trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(Self::from_value)
                    .ok_or_else(|| $crate::models::UnknownValue::new(text, Self::KNOWN))
            }
        }

        #[allow(deprecated)]
        impl ::std::convert::TryFrom<i64> for $name {
            type Error = $crate::models::UnknownValue;

            fn try_from(value: i64) -> ::std::result::Result<Self, Self::Error> {
                Self::from_value(value)
                    .ok_or_else(|| $crate::models::UnknownValue::new(value, Self::KNOWN))
            }
        }

        #[allow(deprecated)]
        impl $crate::models::Validate for $name {}
    };
}

#[cfg(test)]
mod tests {
    use super::{IntEnum, StringEnum};
    use crate::models::{Validate, Violations};

    #[derive(Debug, Clone, PartialEq)]
    enum Finish {
        EmptyString,
        Matte,
        Other(String),
    }

    impl StringEnum for Finish {
        const KNOWN: &'static [&'static str] = &["", "matte"];

        fn as_str(&self) -> &str {
            match self {
                Finish::EmptyString => "",
                Finish::Matte => "matte",
                Finish::Other(value) => value,
            }
        }

        fn from_string(value: String) -> Self {
            match value.as_str() {
                "" => Finish::EmptyString,
                "matte" => Finish::Matte,
                _ => Finish::Other(value),
            }
        }

        fn is_known(&self) -> bool {
            !matches!(self, Finish::Other(_))
        }
    }

    crate::string_enum_impls!(Finish);

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Shard {
        One,
        Big,
    }

    impl IntEnum for Shard {
        const KNOWN: &'static [i64] = &[1, 4_294_967_296];

        fn value(self) -> i64 {
            match self {
                Shard::One => 1,
                Shard::Big => 4_294_967_296,
            }
        }

        fn from_value(value: i64) -> Option<Self> {
            match value {
                1 => Some(Shard::One),
                4_294_967_296 => Some(Shard::Big),
                _ => None,
            }
        }
    }

    crate::int_enum_impls!(Shard);

    #[test]
    fn string_enum_round_trips_listed_and_unlisted_values() {
        for json in [r#""""#, r#""matte""#, r#""glitter""#] {
            let value: Finish = serde_json::from_str(json).expect(json);
            assert_eq!(serde_json::to_string(&value).expect("serializes"), json);
        }
        assert_eq!(
            serde_json::from_str::<Finish>(r#""""#).ok(),
            Some(Finish::EmptyString)
        );
        assert_eq!(
            "glitter".parse::<Finish>(),
            Ok(Finish::Other("glitter".into()))
        );
        assert!(Finish::Matte.is_known() && !Finish::from("x").is_known());
        assert_eq!(Finish::KNOWN, &["", "matte"]);
        assert_eq!(Finish::Matte.to_string(), "matte");
    }

    #[test]
    fn string_enum_validation_reports_unlisted_values() {
        let mut violations = Violations::new();
        Finish::Other("glitter".into())
            .validate(&crate::models::Path::root("finish"), &mut violations);
        Finish::Matte.validate(&crate::models::Path::root("other"), &mut violations);
        let details = violations.to_details().to_string();
        assert_eq!(
            details,
            r#"{"finish":"unknown value `glitter`; expected one of ``, `matte`"}"#
        );
    }

    #[test]
    fn int_enum_accepts_listed_numbers_only() {
        let big: Shard = serde_json::from_str("4294967296").expect("int64 value");
        assert_eq!(big, Shard::Big);
        assert_eq!(
            serde_json::to_string(&big).expect("serializes"),
            "4294967296"
        );
        for rejected in ["2", r#""1""#, "1.0", "-1", "18446744073709551615"] {
            assert!(
                serde_json::from_str::<Shard>(rejected).is_err(),
                "{rejected}"
            );
        }
        assert_eq!("1".parse::<Shard>(), Ok(Shard::One));
        assert!("7".parse::<Shard>().is_err());
        assert_eq!(Shard::try_from(4_294_967_296), Ok(Shard::Big));
        assert_eq!(Shard::Big.to_string(), "4294967296");
    }
}
