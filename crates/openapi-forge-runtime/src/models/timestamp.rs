//! Instants (`format: date-time`).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An RFC 3339 instant, held in UTC.
///
/// Any offset is accepted when reading and converted to UTC. When writing,
/// the fraction of a second always has at least three digits
/// (`2026-05-21T17:30:00.000Z`), more only when the instant needs them.
/// chrono's own format drops the fraction of a whole second, which breaks
/// APIs that document timestamps with milliseconds and makes a value read
/// as `17:30:00.000Z` travel back as `17:30:00Z`.
///
/// It dereferences to [`chrono::DateTime<Utc>`] and converts from and into
/// it, so chrono's API is at hand.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// The current instant.
    pub fn now() -> Timestamp {
        Timestamp(Utc::now())
    }

    /// The instant as chrono's type.
    pub fn into_inner(self) -> DateTime<Utc> {
        self.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = if self.0.timestamp_subsec_nanos() % 1_000_000 == 0 {
            SecondsFormat::Millis
        } else {
            SecondsFormat::AutoSi
        };
        f.write_str(&self.0.to_rfc3339_opts(format, true))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = chrono::ParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse_from_rfc3339(text).map(|at| Timestamp(at.with_timezone(&Utc)))
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(at: DateTime<Utc>) -> Self {
        Timestamp(at)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(at: Timestamp) -> Self {
        at.0
    }
}

impl std::ops::Deref for Timestamp {
    type Target = DateTime<Utc>;

    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(|error| {
            serde::de::Error::custom(format!("invalid RFC 3339 date-time `{text}`: {error}"))
        })
    }
}

impl super::Validate for Timestamp {}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    fn round_trip(json: &str) -> String {
        let at: Timestamp = serde_json::from_str(json).expect(json);
        serde_json::to_string(&at).expect("serializes")
    }

    #[test]
    fn whole_seconds_keep_milliseconds() {
        assert_eq!(
            round_trip(r#""2026-05-21T17:30:00.000Z""#),
            r#""2026-05-21T17:30:00.000Z""#
        );
        assert_eq!(
            round_trip(r#""2026-05-21T17:30:00Z""#),
            r#""2026-05-21T17:30:00.000Z""#
        );
    }

    #[test]
    fn finer_precision_is_kept() {
        assert_eq!(
            round_trip(r#""2026-05-21T17:30:00.123456Z""#),
            r#""2026-05-21T17:30:00.123456Z""#
        );
    }

    #[test]
    fn offsets_become_utc() {
        assert_eq!(
            round_trip(r#""2026-05-21T19:30:00.5+02:00""#),
            r#""2026-05-21T17:30:00.500Z""#
        );
    }

    #[test]
    fn malformed_text_is_rejected() {
        assert!(serde_json::from_str::<Timestamp>(r#""yesterday""#).is_err());
        assert!(serde_json::from_str::<Timestamp>("12").is_err());
    }
}
