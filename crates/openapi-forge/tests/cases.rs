//! The regression cases under `tests/cases` resolve, with the names and
//! shapes their headers ask for.

mod common;

use std::collections::BTreeSet;

use common::{api, op, repo_file, specs_in, structure, ty};
use openapi_forge::model::{
    BodyEncoding, ParamLocation, ParamStyle, PathPart, StatusMatch, Tagging, TypeExpr, TypeKind,
};

#[test]
fn every_case_resolves() {
    let cases = specs_in(&repo_file("tests/cases"));
    assert!(cases.len() >= 10, "cases not found: {cases:?}");
    for case in cases {
        let api = api(&case);
        assert!(!api.operations.is_empty(), "{}", case.display());
        let problems = common::name_problems(&api);
        assert!(problems.is_empty(), "{}: {problems:?}", case.display());
    }
}

#[test]
fn resolution_is_deterministic() {
    for case in specs_in(&repo_file("tests/cases")) {
        let first = format!("{:?}", common::run(&case).map(|r| (r.api, r.warnings)));
        let second = format!("{:?}", common::run(&case).map(|r| (r.api, r.warnings)));
        assert_eq!(first, second, "{}", case.display());
    }
}

#[test]
fn types_are_sorted_and_unique() {
    for case in specs_in(&repo_file("tests/cases")) {
        let api = api(&case);
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let mut all: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(all.len(), names.len(), "{names:?}");
        for op in &api.operations {
            for name in [&op.success_type, &op.error_type, &op.request_type] {
                assert!(all.insert(name), "{name} collides in {}", case.display());
            }
        }
    }
}

#[test]
fn case01_enum_collisions() {
    let api = api(&repo_file("tests/cases/01-enum-case-collision.yaml"));
    let TypeKind::StringEnum(e) = &ty(&api, "Aggregate").kind else {
        panic!("not an enum")
    };
    assert_eq!(e.variants.len(), 11);
    let names: BTreeSet<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names.len(), 11);
    assert!(names.contains("Plus1") && names.contains("Minus1"));
    assert!(names.contains("EtcGmtPlus1") && names.contains("EtcGmtMinus1"));
    assert!(!names.contains(e.other_variant.as_str()));
    let param = &op(&api, "list_reports").params[0];
    let TypeExpr::Named(id) = param.ty else {
        panic!("parameter is not named")
    };
    assert_eq!(api.ty(id).name, "Aggregate");
}

#[test]
fn case02_empty_string_and_null() {
    let api = api(&repo_file("tests/cases/02-enum-empty-string.yaml"));
    let TypeKind::StringEnum(e) = &ty(&api, "Finish").kind else {
        panic!("not an enum")
    };
    let names: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["EmptyString", "Empty", "Matte", "Gloss"]);
    let panel = structure(&api, "Panel");
    let coating = &panel.fields[1];
    assert!(coating.nullable && !coating.required);
    let TypeExpr::Named(id) = coating.ty else {
        panic!("coating is not named")
    };
    let TypeKind::StringEnum(e) = &api.ty(id).kind else {
        panic!("not an enum")
    };
    assert_eq!(e.variants.len(), 2);
}

#[test]
fn case03_integer_enums() {
    let api = api(&repo_file("tests/cases/03-integer-enum.yaml"));
    let TypeKind::IntEnum(e) = &ty(&api, "Priority").kind else {
        panic!("not an int enum")
    };
    let names: Vec<&str> = e.variants.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(names, ["Minus1", "Value0", "Value1", "Value2", "Value10"]);
    let TypeKind::IntEnum(shard) = &ty(&api, "TaskShard").kind else {
        panic!("not an int enum")
    };
    assert_eq!(shard.format, openapi_forge::model::IntFormat::I64);
}

#[test]
fn case05_keywords() {
    let api = api(&repo_file("tests/cases/05-rust-keyword-names.yaml"));
    let link = structure(&api, "Link");
    let names: Vec<&str> = link.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["r#type", "r#ref", "self_", "r#match", "r#async", "crate_", "super_", "self_2"]
    );
    for name in ["OptionModel", "ResultModel", "SelfModel"] {
        ty(&api, name);
    }
    assert_eq!(op(&api, "r#match").type_stem, "Match");
    let get_ref = op(&api, "get_ref");
    let params: Vec<&str> = get_ref.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(params, ["r#ref", "r#type", "self_"]);
}

#[test]
fn case06_path_segments() {
    let api = api(&repo_file("tests/cases/06-path-param-dots-dashes.yaml"));
    let file = op(&api, "get_file");
    assert_eq!(
        file.segments,
        [
            PathPart::Literal("/files/".into()),
            PathPart::Param(0),
            PathPart::Literal(".".into()),
            PathPart::Param(1)
        ]
    );
    let day = op(&api, "get_calendar_day");
    let names: Vec<&str> = day.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["date_year", "date_month", "day_of_month"]);
    assert_eq!(day.params[1].constraints.maximum, Some(12.0));
    ty(&api, "GetFileExt");
}

#[test]
fn case07_discriminator_mapping() {
    let api = api(&repo_file(
        "tests/cases/07-discriminator-tag-in-variant.yaml",
    ));
    let TypeKind::Union(shape) = &ty(&api, "Shape").kind else {
        panic!("not a union")
    };
    assert_eq!(
        shape.tagging,
        Tagging::Tagged {
            property: "kind".into()
        }
    );
    let variants: Vec<(&str, Option<&str>)> = shape
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag.as_deref()))
        .collect();
    assert_eq!(
        variants,
        [("Circle", Some("circle")), ("Rectangle", Some("rect"))]
    );
}

#[test]
fn case09_additional_properties() {
    let api = api(&repo_file(
        "tests/cases/09-allof-additional-properties.yaml",
    ));
    let labelled = structure(&api, "Labelled");
    assert_eq!(labelled.fields.len(), 3);
    assert_eq!(labelled.additional, Some(TypeExpr::Any));
    assert_eq!(structure(&api, "Tagged").additional, Some(TypeExpr::String));
    let TypeKind::Newtype(counters) = &ty(&api, "Counters").kind else {
        panic!("not newtype")
    };
    assert_eq!(
        counters.inner,
        TypeExpr::Map(Box::new(TypeExpr::Integer(
            openapi_forge::model::IntFormat::I64
        )))
    );
}

#[test]
fn case10_responses() {
    let api = api(&repo_file("tests/cases/10-multiple-response-types.yaml"));
    let job = op(&api, "get_job");
    let variants: Vec<(&str, bool)> = job
        .responses
        .iter()
        .map(|r| (r.variant.as_str(), r.success))
        .collect();
    assert_eq!(
        variants,
        [
            ("Ok", true),
            ("Accepted", true),
            ("NotFound", false),
            ("TooManyRequests", false),
            ("Default", false)
        ]
    );
    assert_eq!(job.responses[4].status, StatusMatch::Default);
    assert_eq!(job.responses[1].headers[0].name, "retry_after");
    let problem = job.responses[2]
        .body
        .as_ref()
        .map(|b| b.media_type.as_str());
    assert_eq!(problem, Some("application/problem+json"));
}

#[test]
fn case12_derived_operation_names() {
    let api = api(&repo_file("tests/cases/12-missing-operation-id.yaml"));
    let names: Vec<(&str, bool)> = api
        .operations
        .iter()
        .map(|o| (o.fn_name.as_str(), o.id_derived))
        .collect();
    assert_eq!(
        names,
        [
            ("get_root", true),
            ("get_accounts_2", true),
            ("post_accounts", true),
            ("get_accounts_account_id", true),
            ("remove_account", false),
            ("get_accounts_account_id_statement_csv", true),
            ("get_accounts", false),
        ]
    );
}

#[test]
fn case13_nullable_wrappers_make_no_copies() {
    let api = api(&repo_file("tests/cases/13-nullable-ref-allof.yaml"));
    assert_eq!(api.types.len(), 2);
    let ticket = structure(&api, "Ticket");
    let flags: Vec<(bool, bool)> = ticket
        .fields
        .iter()
        .map(|f| (f.required, f.nullable))
        .collect();
    assert_eq!(
        flags,
        [(true, false), (true, true), (false, true), (false, false)]
    );
}

#[test]
fn case14_recursion_is_boxed() {
    let api = api(&repo_file("tests/cases/14-recursive-self-reference.yaml"));
    let fault = structure(&api, "Fault");
    assert!(matches!(fault.fields[2].ty, TypeExpr::Boxed(_)));
    assert!(matches!(fault.fields[3].ty, TypeExpr::Array(_)));
    let folder = structure(&api, "Folder");
    assert!(matches!(folder.fields[1].ty, TypeExpr::Boxed(_)));
    assert!(matches!(folder.fields[2].ty, TypeExpr::Array(_)));
}

#[test]
fn case17_multipart_parts() {
    let api = api(&repo_file("tests/cases/17-multipart-object-field.yaml"));
    let upload = op(&api, "create_upload");
    let body = upload.body.as_ref().map(|b| &b.body);
    let Some(BodyEncoding::Multipart(parts)) = body.map(|b| &b.encoding) else {
        panic!("not multipart: {body:?}")
    };
    assert_eq!(parts.len(), 5);
    assert_eq!(parts[2].content_type.as_deref(), Some("application/json"));
}

#[test]
fn case18_security_per_operation() {
    let api = api(&repo_file(
        "tests/cases/18-cookie-security-per-operation.yaml",
    ));
    let keys: Vec<&str> = api
        .security_schemes
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(keys, ["apiKeyHeader", "sessionCookie"]);
    assert_eq!(op(&api, "get_current_session").security.len(), 1);
    assert_eq!(op(&api, "delete_current_session").security.len(), 2);
    assert!(op(&api, "touch_current_session").security.is_empty());
    let theme = &op(&api, "get_current_session").params[0];
    assert_eq!(
        (theme.location, theme.style),
        (ParamLocation::Cookie, ParamStyle::Form)
    );
}

#[test]
fn case19_external_refs() {
    let api = api(&repo_file("tests/cases/19-external-ref.yaml"));
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CommonError",
            "Currency",
            "Error",
            "Invoice",
            "InvoiceLinesItem",
            "Money"
        ]
    );
    let list = op(&api, "list_invoices");
    assert_eq!(list.params[0].wire_name, "pageSize");
    assert_eq!(list.params[1].style, ParamStyle::DeepObject);
}
