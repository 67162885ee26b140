//! The construct fixtures under `tests/fixtures` resolve to the expected
//! model.

mod common;

use common::{api, op, repo_file, specs_in, structure, ty};
use openapi_forge::model::{
    BodyEncoding, IntFormat, NumFormat, ParamLocation, ParamStyle, SchemeKind, StatusMatch,
    Tagging, TypeExpr, TypeKind,
};

fn fixture(name: &str) -> openapi_forge::model::Api {
    api(&repo_file(&format!("tests/fixtures/{name}")))
}

fn named(api: &openapi_forge::model::Api, expr: &TypeExpr) -> String {
    match expr {
        TypeExpr::Named(id) => api.ty(*id).name.clone(),
        TypeExpr::Boxed(inner) | TypeExpr::Nullable(inner) => named(api, inner),
        other => panic!("not a named type: {other:?}"),
    }
}

#[test]
fn every_fixture_resolves_deterministically() {
    let fixtures = specs_in(&repo_file("tests/fixtures"));
    assert!(fixtures.len() >= 15, "{fixtures:?}");
    for path in fixtures {
        let first = common::run(&path).map(|r| format!("{:?}", (r.api, r.warnings)));
        let second = common::run(&path).map(|r| format!("{:?}", (r.api, r.warnings)));
        assert!(first.is_ok(), "{}: {:?}", path.display(), first.err());
        let problems = common::name_problems(&api(&path));
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        assert_eq!(first, second, "{}", path.display());
    }
}

#[test]
fn objects_and_nullability() {
    let api = fixture("objects-nullable.yaml");
    let profile = structure(&api, "Profile");
    let field = |name: &str| {
        profile
            .fields
            .iter()
            .find(|f| f.wire_name == name)
            .expect("field")
    };
    assert!(field("middleName").required && field("middleName").nullable);
    assert!(
        field("nickname").nullable,
        "nullable through the referenced schema"
    );
    assert!(field("home").required && field("home").nullable);
    assert_eq!(named(&api, &field("home").ty), "Address");
    assert!(!field("work").nullable);
    assert!(field("id").read_only && field("password").write_only);
    assert_eq!(field("active").default, Some(serde_json::json!(true)));
    assert_eq!(
        field("scores").ty,
        TypeExpr::Array(Box::new(TypeExpr::Nullable(Box::new(TypeExpr::Integer(
            IntFormat::I64
        )))))
    );
    assert_eq!(api.types.len(), 3);
}

#[test]
fn enums() {
    let api = fixture("enums.yaml");
    let TypeKind::StringEnum(state) = &ty(&api, "TicketState").kind else {
        panic!()
    };
    let names: Vec<&str> = state.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Open",
            "InProgress",
            "OnHold",
            "Value2ndLine",
            "EmptyString",
            "Other",
            "OtherCapitalized"
        ]
    );
    assert_eq!(state.other_variant, "Unknown");
    let ticket = structure(&api, "Ticket");
    assert!(ticket.fields[2].nullable);
    assert_eq!(named(&api, &ticket.fields[2].ty), "TicketResolution");
    assert_eq!(ticket.fields[4].ty, TypeExpr::Number(NumFormat::F64));
    ty(&api, "ListTicketsLevel");
    ty(&api, "TicketLabelsItem");
}

#[test]
fn all_of_merges_in_order() {
    let api = fixture("allof.yaml");
    let wires = |name: &str| -> Vec<String> {
        structure(&api, name)
            .fields
            .iter()
            .map(|f| f.wire_name.clone())
            .collect()
    };
    assert_eq!(wires("Dog"), ["name", "tag", "breed"]);
    assert_eq!(wires("ServiceDog"), ["name", "tag", "breed", "duty"]);
    let dog = structure(&api, "Dog");
    assert!(dog.fields[0].required && dog.fields[2].required && !dog.fields[1].required);
    assert_eq!(dog.fields[1].constraints.max_length, Some(8));
    assert_eq!(structure(&api, "Open").additional, Some(TypeExpr::Any));
}

#[test]
fn unions() {
    let api = fixture("unions.yaml");
    let union = |name: &str| match &ty(&api, name).kind {
        TypeKind::Union(u) => u.clone(),
        other => panic!("{name}: {other:?}"),
    };
    let tags = |name: &str| -> Vec<Option<String>> {
        union(name).variants.iter().map(|v| v.tag.clone()).collect()
    };
    assert_eq!(tags("Event"), [Some("click".into()), Some("scroll".into())]);
    assert_eq!(
        tags("NamedEvent"),
        [Some("Click".into()), Some("Scroll".into())]
    );
    assert_eq!(
        union("Message").tagging,
        Tagging::Tagged {
            property: "op".into()
        }
    );
    let value = union("Value");
    assert_eq!(value.tagging, Tagging::Untagged);
    let names: Vec<&str> = value.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["String", "Integer", "StringArray"]);
    let envelope = structure(&api, "Envelope");
    let previous = envelope
        .fields
        .iter()
        .find(|f| f.wire_name == "previous")
        .expect("field");
    assert!(previous.nullable);
    assert_eq!(named(&api, &previous.ty), "Click");
}

#[test]
fn maps() {
    let api = fixture("maps.yaml");
    let TypeKind::Newtype(limits) = &ty(&api, "Limits").kind else {
        panic!()
    };
    assert_eq!(
        limits.inner,
        TypeExpr::Map(Box::new(TypeExpr::Integer(IntFormat::I64)))
    );
    let settings = structure(&api, "Settings");
    assert_eq!(settings.additional, Some(TypeExpr::String));
    let ty_of = |name: &str| {
        settings
            .fields
            .iter()
            .find(|f| f.wire_name == name)
            .map(|f| f.ty.clone())
    };
    assert_eq!(
        ty_of("metadata"),
        Some(TypeExpr::Map(Box::new(TypeExpr::Any)))
    );
    assert_eq!(
        ty_of("notes"),
        Some(TypeExpr::Map(Box::new(TypeExpr::Nullable(Box::new(
            TypeExpr::String
        )))))
    );
}

#[test]
fn formats() {
    let api = fixture("formats.yaml");
    let sample = structure(&api, "Sample");
    let types: Vec<&TypeExpr> = sample.fields.iter().map(|f| &f.ty).collect();
    assert_eq!(types[0], &TypeExpr::Uuid);
    assert_eq!(types[1], &TypeExpr::DateTime);
    assert_eq!(types[2], &TypeExpr::Date);
    assert_eq!(types[3], &TypeExpr::Base64);
    assert_eq!(types[4], &TypeExpr::Integer(IntFormat::I32));
    assert_eq!(types[6], &TypeExpr::Number(NumFormat::F32));
    assert_eq!(types[8], &TypeExpr::String);
    assert_eq!(sample.fields[4].constraints.maximum, Some(1000.0));
    assert!(sample.fields[7].constraints.exclusive_minimum);
    assert!(sample.fields[10].constraints.unique_items);
    let TypeKind::Newtype(sku) = &ty(&api, "Sku").kind else {
        panic!()
    };
    assert_eq!(
        sku.constraints.pattern.as_deref(),
        Some("^[A-Z]{3}-[0-9]{4}$")
    );
}

#[test]
fn recursion() {
    let api = fixture("recursion.yaml");
    let node = structure(&api, "Node");
    let kind = |name: &str| {
        node.fields
            .iter()
            .find(|f| f.wire_name == name)
            .map(|f| &f.ty)
    };
    assert!(matches!(kind("next"), Some(TypeExpr::Boxed(_))));
    assert!(matches!(kind("children"), Some(TypeExpr::Array(_))));
    assert!(matches!(kind("owner"), Some(TypeExpr::Boxed(_))));
    assert!(matches!(kind("expr"), Some(TypeExpr::Named(_))));
    let TypeKind::Union(expr) = &ty(&api, "Expr").kind else {
        panic!()
    };
    assert!(expr
        .variants
        .iter()
        .any(|v| matches!(v.ty, TypeExpr::Boxed(_))));
}

#[test]
fn inline_names() {
    let api = fixture("inline-naming.yaml");
    for name in [
        "CreateOrderRequestBody",
        "CreateOrderRequestBodyShipping",
        "CreateOrderRequestBodyShippingMethod",
        "ListOrdersBadRequestResponse",
        "ListOrdersResponse",
        "ListOrdersResponseOrdersItem",
        "ListOrdersResponseOrdersItemStatus",
        "ListOrdersSort",
        "ListOrdersSuccess",
    ] {
        ty(&api, name);
    }
    assert_eq!(
        op(&api, "list_orders").success_type,
        "ListOrdersSuccessResponse"
    );
}

#[test]
fn docs_and_deprecation() {
    let api = fixture("deprecated-docs.yaml");
    assert!(api
        .description
        .as_deref()
        .is_some_and(|d| d.contains("**Markdown**")));
    let widget = ty(&api, "Widget");
    assert_eq!(widget.docs.title.as_deref(), Some("Widget"));
    assert!(widget.docs.example.is_some());
    assert!(ty(&api, "OldWidget").deprecated);
    let list = op(&api, "list_widgets");
    assert!(list.deprecated && list.params[0].deprecated);
    assert_eq!(list.summary.as_deref(), Some("List widgets."));
    assert_eq!(list.tags, ["widgets"]);
    let create = op(&api, "create_widget");
    assert_eq!(
        create.provisional.as_deref(),
        Some("The shape of widgets may still change.")
    );
    assert!(structure(&api, "Widget").fields[1].deprecated);
}

#[test]
fn keyword_names() {
    let api = fixture("keywords.yaml");
    let item = structure(&api, "Item");
    let names: Vec<&str> = item.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "r#type",
            "self_",
            "super_",
            "r#dyn",
            "content_type",
            "content_type_2",
            "first_name",
            "_2fa",
            "foo_bar",
            "foo_bar_2",
            "r#box",
            "vec"
        ]
    );
    ty(&api, "BoxModel");
    ty(&api, "Type3dModel");
    let looped = op(&api, "r#loop");
    let params: Vec<&str> = looped.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(params, ["item_id", "r#fn", "body_2"]);
}

#[test]
fn parameters() {
    let api = fixture("parameters.yaml");
    let list = op(&api, "list_files");
    let summary: Vec<(&str, ParamLocation, bool)> = list
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        summary,
        [
            ("projectId", ParamLocation::Path, true),
            ("X-Trace", ParamLocation::Header, false),
            ("limit", ParamLocation::Query, false),
            ("tag", ParamLocation::Query, false),
            ("ids", ParamLocation::Query, false),
            ("filter", ParamLocation::Query, false),
            ("X-Mode", ParamLocation::Header, false),
            ("session", ParamLocation::Cookie, false),
        ]
    );
    assert!(list.params[3].explode && !list.params[4].explode);
    assert_eq!(list.params[5].style, ParamStyle::DeepObject);
    assert_eq!(list.params[2].constraints.maximum, Some(100.0));
    let delete = op(&api, "delete_files");
    assert!(
        delete.params[1].required,
        "the operation overrides the path-level parameter"
    );
}

#[test]
fn media_types() {
    let api = fixture("media-types.yaml");
    let encoding = |name: &str| {
        op(&api, name)
            .body
            .as_ref()
            .map(|b| (b.body.media_type.clone(), b.body.encoding.clone()))
    };
    assert_eq!(
        encoding("post_json"),
        Some(("application/vnd.api+json".into(), BodyEncoding::Json))
    );
    assert_eq!(
        encoding("post_form").map(|e| e.1),
        Some(BodyEncoding::FormUrlEncoded)
    );
    assert!(
        matches!(encoding("upload").map(|e| e.1), Some(BodyEncoding::Multipart(p)) if p.len() == 2)
    );
    assert_eq!(
        encoding("put_blob").map(|e| e.1),
        Some(BodyEncoding::Binary)
    );
    assert_eq!(encoding("post_text").map(|e| e.1), Some(BodyEncoding::Text));
    let blob = op(&api, "get_blob").responses[0]
        .body
        .as_ref()
        .map(|b| b.ty.clone());
    assert_eq!(blob, Some(TypeExpr::Binary));
}

#[test]
fn security() {
    let api = fixture("security.yaml");
    let kinds: Vec<(&str, &SchemeKind)> = api
        .security_schemes
        .iter()
        .map(|s| (s.key.as_str(), &s.kind))
        .collect();
    assert_eq!(kinds.len(), 6);
    assert_eq!(kinds[0].0, "apiKeyHeader");
    assert!(matches!(kinds[2], ("basicAuth", SchemeKind::Basic)));
    assert!(matches!(kinds[4], ("oauth", SchemeKind::Bearer)));
    assert!(matches!(
        kinds[5],
        (
            "sessionCookie",
            SchemeKind::ApiKey {
                location: ParamLocation::Cookie,
                ..
            }
        )
    ));
    let keys = |name: &str| -> Vec<Vec<&str>> {
        op(&api, name)
            .security
            .iter()
            .map(|alt| alt.iter().map(|id| api.scheme(*id).key.as_str()).collect())
            .collect()
    };
    assert_eq!(keys("get_me"), [["bearerAuth"]]);
    assert_eq!(
        keys("get_admin"),
        vec![vec!["basicAuth"], vec!["apiKeyHeader", "apiKeyQuery"]]
    );
    assert!(keys("get_public").is_empty());
    assert_eq!(api.security_schemes[1].name, "api_key_query");
}

#[test]
fn responses() {
    let api = fixture("responses.yaml");
    let get = op(&api, "get_report");
    let statuses: Vec<(StatusMatch, &str, bool)> = get
        .responses
        .iter()
        .map(|r| (r.status, r.variant.as_str(), r.success))
        .collect();
    assert_eq!(
        statuses,
        [
            (StatusMatch::Code(200), "Ok", true),
            (StatusMatch::Code(202), "Accepted", true),
            (StatusMatch::Code(304), "NotModified", false),
            (StatusMatch::Code(404), "NotFound", false),
            (StatusMatch::Range(4), "Status4xx", false),
            (StatusMatch::Default, "Default", false),
        ]
    );
    let headers: Vec<(&str, bool)> = get.responses[0]
        .headers
        .iter()
        .map(|h| (h.wire_name.as_str(), h.required))
        .collect();
    assert_eq!(headers, [("ETag", true), ("X-Rate-Remaining", false)]);
    assert!(op(&api, "ping").responses[0].success);
    let format = api.error_format.as_ref().expect("error format");
    assert_eq!(api.ty(format.ty).name, "Error");
    assert_eq!(format.message_field, "message");
    assert_eq!(format.details_field.as_deref(), Some("details"));
}

#[test]
fn external_refs() {
    let api = fixture("external-refs.yaml");
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "BoxModel",
            "CommonLabel",
            "Dimensions",
            "FailureResponse",
            "Label",
            "Unit"
        ]
    );
    let dims = structure(&api, "Dimensions");
    assert_eq!(named(&api, &dims.fields[2].ty), "Unit");
    assert_eq!(op(&api, "list_boxes").params[0].wire_name, "cursor");
}

#[test]
fn a_file_reached_two_ways_is_one_document() {
    let direct = fixture("external-refs.yaml");
    let roundabout = api(&repo_file(
        "tests/fixtures/../fixtures/./external-refs.yaml",
    ));
    let names = |api: &openapi_forge::model::Api| -> Vec<String> {
        api.types.iter().map(|t| t.name.clone()).collect()
    };
    assert_eq!(names(&direct), names(&roundabout));
}
