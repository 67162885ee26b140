//! Serde round trips and validation of the generated models, one module per
//! regression case, checking what each case's header says correct output
//! must do.

use openapi_forge_runtime::Validate;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads `json` into `T` and writes it back.
fn round_trip<T: Serialize + DeserializeOwned>(json: &str) -> String {
    let value: T = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!("{json} does not deserialize: {error}"),
    };
    serde_json::to_string(&value).expect("serializes")
}

/// Asserts that `json` survives a round trip byte for byte.
fn assert_exact<T: Serialize + DeserializeOwned>(json: &str) {
    assert_eq!(round_trip::<T>(json), json);
}

/// Asserts that `json` survives a round trip as the same JSON value (key
/// order aside).
fn assert_same_value<T: Serialize + DeserializeOwned>(json: &str) {
    let back: serde_json::Value = serde_json::from_str(&round_trip::<T>(json)).expect("is JSON");
    let original: serde_json::Value = serde_json::from_str(json).expect("is JSON");
    assert_eq!(back, original, "{json}");
}

fn rejects<T: DeserializeOwned + std::fmt::Debug>(json: &str) {
    let result = serde_json::from_str::<T>(json);
    assert!(result.is_err(), "{json} should be rejected, got {result:?}");
}

mod case_01 {
    use forge_tests::generated::case_01_enum_case_collision::models::{Aggregate, Report};

    use super::*;

    const VALUES: [&str; 11] = [
        "mean",
        "__mean__",
        "MEAN",
        "in-progress",
        "in_progress",
        "inProgress",
        "+1",
        "-1",
        "Etc/GMT+1",
        "Etc/GMT-1",
        "Etc/GMT",
    ];

    #[test]
    fn every_value_has_its_own_variant_and_round_trips() {
        let mut seen = Vec::new();
        for value in VALUES {
            let json = format!(r#"{{"aggregate":{}}}"#, serde_json::json!(value));
            assert_exact::<Report>(&json);
            let report: Report = serde_json::from_str(&json).expect("listed value");
            assert!(
                report.aggregate.is_known(),
                "{value} fell into the catch-all"
            );
            assert_eq!(report.aggregate.as_str(), value);
            assert!(
                !seen.contains(&report.aggregate),
                "{value} shares a variant"
            );
            seen.push(report.aggregate);
        }
        assert_eq!(Aggregate::KNOWN, VALUES);
    }

    #[test]
    fn an_unlisted_value_is_kept_but_fails_validation() {
        let json = r#"{"aggregate":"median"}"#;
        assert_exact::<Report>(json);
        let report: Report = serde_json::from_str(json).expect("open enum");
        assert_eq!(report.aggregate, Aggregate::Other("median".into()));
        assert!(!report.aggregate.is_known());
        let details = report.violations("body").to_details();
        let message = details["body.aggregate"].as_str().expect("a violation");
        assert!(
            message.starts_with("unknown value `median`; expected one of `mean`"),
            "{message}"
        );
    }

    #[test]
    fn parsing_text_gives_the_same_variants() {
        for value in VALUES {
            let parsed: Aggregate = value.parse().expect("infallible");
            assert_eq!(parsed.to_string(), value);
            assert!(parsed.is_known());
        }
    }
}

mod case_02 {
    use forge_tests::generated::case_02_enum_empty_string::models::{Finish, Panel};

    use super::*;

    #[test]
    fn empty_string_and_empty_are_different_variants() {
        assert_exact::<Panel>(r#"{"finish":""}"#);
        assert_exact::<Panel>(r#"{"finish":"empty"}"#);
        let empty: Panel = serde_json::from_str(r#"{"finish":""}"#).expect("listed");
        let word: Panel = serde_json::from_str(r#"{"finish":"empty"}"#).expect("listed");
        assert_ne!(empty.finish, word.finish);
        assert!(empty.finish.is_known() && word.finish.is_known());
        assert_eq!("".parse::<Finish>().ok(), Some(empty.finish));
    }

    #[test]
    fn nullable_coating_keeps_null_absent_and_empty_apart() {
        assert_exact::<Panel>(r#"{"finish":"","coating":null}"#);
        assert_exact::<Panel>(r#"{"finish":"","coating":""}"#);
        assert_exact::<Panel>(r#"{"finish":"","coating":"wax"}"#);
        let null: Panel = serde_json::from_str(r#"{"finish":"","coating":null}"#).expect("null");
        assert_eq!(null.coating, Some(None));
        let absent: Panel = serde_json::from_str(r#"{"finish":""}"#).expect("absent");
        assert_eq!(absent.coating, None);
        let empty: Panel = serde_json::from_str(r#"{"finish":"","coating":""}"#).expect("empty");
        assert!(empty
            .coating
            .flatten()
            .is_some_and(|c| c.is_known() && c.as_str().is_empty()));
    }
}

mod case_03 {
    use forge_tests::generated::case_03_integer_enum::models::{Priority, Task};

    use super::*;

    #[test]
    fn integer_enums_are_numbers_on_the_wire() {
        assert_exact::<Task>(r#"{"priority":-1,"retries":0,"windows":[15,60]}"#);
        assert_exact::<Task>(r#"{"priority":10,"retries":3,"shard":4294967296}"#);
        let task: Task = serde_json::from_str(r#"{"priority":-1,"retries":0}"#).expect("valid");
        assert_eq!(task.priority, Priority::Minus1);
        assert_ne!(Priority::Minus1, Priority::Value1);
    }

    #[test]
    fn strings_and_unlisted_numbers_are_rejected() {
        rejects::<Task>(r#"{"priority":"-1","retries":0}"#);
        rejects::<Task>(r#"{"priority":3,"retries":0}"#);
        rejects::<Task>(r#"{"priority":1,"retries":2}"#);
        rejects::<Task>(r#"{"priority":1,"retries":0,"windows":[16]}"#);
        rejects::<Task>(r#"{"priority":1,"retries":0,"shard":2}"#);
    }

    #[test]
    fn text_parses_like_a_query_parameter() {
        assert_eq!("-1".parse::<Priority>().ok(), Some(Priority::Minus1));
        assert!("7".parse::<Priority>().is_err());
        assert_eq!(Priority::Minus1.to_string(), "-1");
    }
}

mod case_05 {
    use forge_tests::generated::case_05_rust_keyword_names::models::{
        Link, OptionModel, ResultModel,
    };

    use super::*;

    #[test]
    fn keyword_properties_keep_their_wire_names() {
        assert_same_value::<Link>(
            r#"{"type":"branch","ref":"main","self":"https://repo.test/refs/main","match":3,
                "async":true,"crate":"c1","super":"s1","Self":"x"}"#,
        );
        let link: Link = serde_json::from_str(
            r#"{"type":"t","ref":"r","self":"s","crate":"c","super":"p","Self":"x"}"#,
        )
        .expect("valid");
        assert_eq!(
            (
                link.r#type.as_str(),
                link.r#ref.as_str(),
                link.self_.as_str()
            ),
            ("t", "r", "s")
        );
        assert_eq!(link.crate_.as_deref(), Some("c"));
    }

    #[test]
    fn schemas_named_like_prelude_types_work() {
        assert_same_value::<OptionModel>(r#"{"label":"l"}"#);
        assert_same_value::<ResultModel>(r#"{"ok":true,"detail":{"where":"w","loop":1}}"#);
    }
}

mod case_07 {
    use forge_tests::generated::case_07_discriminator_tag_in_variant::models::{
        Circle, Drawing, Shape,
    };

    use super::*;

    #[test]
    fn the_tag_picks_the_variant_and_is_written_once() {
        let circle = r#"{"kind":"circle","radius":1.5}"#;
        let rect = r#"{"kind":"rect","width":2.0,"height":3.0}"#;
        assert!(matches!(
            serde_json::from_str::<Shape>(circle),
            Ok(Shape::Circle(_))
        ));
        assert!(matches!(
            serde_json::from_str::<Shape>(rect),
            Ok(Shape::Rectangle(_))
        ));
        for json in [circle, rect] {
            let written = round_trip::<Shape>(json);
            assert_eq!(written.matches("\"kind\"").count(), 1, "{written}");
            assert_same_value::<Shape>(json);
        }
        let integers = r#"{"kind":"rect","width":2,"height":3}"#;
        let written = round_trip::<Shape>(integers);
        assert_eq!(written.matches("\"kind\":\"rect\"").count(), 1, "{written}");
    }

    #[test]
    fn unknown_or_missing_tags_are_rejected() {
        rejects::<Shape>(r#"{"kind":"triangle","side":1}"#);
        rejects::<Shape>(r#"{"radius":1.5}"#);
    }

    #[test]
    fn unions_nest_and_variants_stand_alone() {
        assert_same_value::<Drawing>(
            r#"{"focus":{"kind":"rect","width":1.0,"height":1.0},
                "shapes":[{"kind":"circle","radius":2.0},
                          {"kind":"rect","width":3.0,"height":4.0}]}"#,
        );
        assert_exact::<Circle>(r#"{"kind":"circle","radius":1.5}"#);
    }
}

mod case_09 {
    use forge_tests::generated::case_09_allof_additional_properties::models::{
        Counters, Labelled, Registry, Tagged,
    };

    use super::*;

    #[test]
    fn extra_properties_are_kept_once() {
        let json = r#"{"id":"a","label":"b","x":1,"y":{"z":true}}"#;
        assert_exact::<Labelled>(json);
        let labelled: Labelled = serde_json::from_str(json).expect("valid");
        let extra: Vec<&String> = labelled.additional_properties.keys().collect();
        assert_eq!(extra, ["x", "y"]);
    }

    #[test]
    fn typed_extra_properties_are_checked() {
        assert_exact::<Tagged>(r#"{"owner":"o","color":"red"}"#);
        rejects::<Tagged>(r#"{"owner":"o","size":3}"#);
    }

    #[test]
    fn maps_are_maps() {
        assert_exact::<Counters>(r#"{"a":1,"b":9007199254740993}"#);
        let counters: Counters = serde_json::from_str(r#"{"b":9007199254740993}"#).expect("i64");
        assert_eq!(counters.get("b"), Some(&9_007_199_254_740_993));
        assert_exact::<Registry>(r#"{"k":{"owner":"o","color":"c"}}"#);
    }
}

mod case_13 {
    use forge_tests::generated::case_13_nullable_ref_allof::models::Ticket;

    use super::*;

    #[test]
    fn required_nullable_writes_null_and_must_be_present() {
        assert_exact::<Ticket>(r#"{"id":"t1","assignee":null}"#);
        rejects::<Ticket>(r#"{"id":"t1"}"#);
    }

    #[test]
    fn optional_nullable_keeps_absent_null_and_value_apart() {
        assert_exact::<Ticket>(r#"{"id":"t1","assignee":null}"#);
        assert_exact::<Ticket>(r#"{"id":"t1","assignee":null,"reviewer":null}"#);
        assert_exact::<Ticket>(r#"{"id":"t1","assignee":null,"reviewer":{"name":"a"}}"#);
    }

    #[test]
    fn optional_non_nullable_reads_null_as_absent() {
        assert_exact::<Ticket>(r#"{"id":"t1","assignee":null,"watcher":{"name":"w"}}"#);
        let lenient = round_trip::<Ticket>(r#"{"id":"t1","assignee":null,"watcher":null}"#);
        assert_eq!(lenient, r#"{"id":"t1","assignee":null}"#);
    }
}

mod case_14 {
    use forge_tests::generated::case_14_recursive_self_reference::models::{Fault, Folder};

    use super::*;

    #[test]
    fn nested_faults_round_trip() {
        assert_same_value::<Fault>(
            r#"{"code":1,"message":"a","cause":{"code":2,"message":"b","cause":{"code":3,
                "message":"c"}},"related":[{"code":4,"message":"d"}],
                "byField":{"f":{"code":5,"message":"e"}}}"#,
        );
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let mut json = String::from(r#"{"code":0,"message":"m"}"#);
        for code in 1..50 {
            json = format!(r#"{{"code":{code},"message":"m","cause":{json}}}"#);
        }
        assert_exact::<Fault>(&json);
    }

    #[test]
    fn required_nullable_back_reference_writes_null() {
        assert_exact::<Folder>(concat!(
            r#"{"name":"root","parent":null,"entries":[{"name":"a","folder":"#,
            r#"{"name":"sub","parent":null,"entries":[]}}]}"#
        ));
    }
}

mod case_19 {
    use forge_tests::generated::case_19_external_ref::models::{
        CommonError, Currency, Error, Invoice,
    };

    use super::*;

    #[test]
    fn invoices_round_trip() {
        assert_exact::<Invoice>(concat!(
            r#"{"id":"i1","total":{"amount":"12.50","currency":"EUR"},"#,
            r#""lines":[{"price":{"amount":"1.00","currency":"USD"}}]}"#
        ));
        assert_exact::<CommonError>(r#"{"code":"E404","retryable":false}"#);
        assert_exact::<Error>(r#"{"message":"bad"}"#);
    }

    #[test]
    fn an_unlisted_currency_is_kept_and_reported() {
        let invoice: Invoice =
            serde_json::from_str(r#"{"id":"i1","total":{"amount":"1","currency":"XXX"}}"#)
                .expect("open enum");
        assert_eq!(invoice.total.currency, Currency::Other("XXX".into()));
        let details = invoice.violations("body").to_details();
        assert!(details.get("body.total.currency").is_some(), "{details}");
    }

    #[test]
    fn the_amount_pattern_is_validated() {
        let invoice: Invoice =
            serde_json::from_str(r#"{"id":"i1","total":{"amount":"12,5","currency":"EUR"}}"#)
                .expect("serde does not check patterns");
        let details = invoice.violations("").to_details();
        let message = details["total.amount"].as_str().expect("a violation");
        assert!(message.starts_with("must match the pattern"), "{message}");
    }
}

mod endless_recursion {
    use forge_tests::generated::fixture_endless_recursion::models::*;

    use super::*;

    #[test]
    fn unions_that_listed_themselves_decode_and_end() {
        assert_eq!(
            serde_json::from_str::<Word>(r#""hello""#).expect("a word"),
            Word::String("hello".into())
        );
        assert_exact::<Left>("7");
        assert_exact::<Left>("true");
        rejects::<Left>(r#""text""#);
        rejects::<Word>("[]");
        assert_exact::<Shape>(r#"{"sides":3}"#);
        assert_exact::<Labelled>(r#"{"label":"a"}"#);
        assert_exact::<Bundle>(r#"{"word":"w","loop":[1,{"a":null}]}"#);
    }
}
