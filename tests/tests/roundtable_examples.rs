//! Every example of `spec/roundtable.yaml` decodes into its generated type,
//! passes that type's validation, and encodes back to the same JSON.

use roundtable::models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn spec() -> Value {
    let path = xtask::project_root().join("spec/roundtable.yaml");
    let text = std::fs::read_to_string(&path).expect("the spec is readable");
    serde_norway::from_str(&text).expect("the spec is YAML")
}

fn schema_example(spec: &Value, name: &str) -> Value {
    spec["components"]["schemas"][name]["example"].clone()
}

/// Decodes, validates and re-encodes `example` as `T`.
fn round_trip<T>(name: &str, example: &Value)
where
    T: DeserializeOwned + Serialize + openapi_forge_runtime::Validate,
{
    assert!(!example.is_null(), "{name} has no example in the spec");
    let value: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|error| panic!("{name}: the example does not decode: {error}"));
    let mut violations = openapi_forge_runtime::Violations::default();
    value.validate(
        &openapi_forge_runtime::models::Path::root("example"),
        &mut violations,
    );
    assert!(
        violations.is_empty(),
        "{name}: the example breaks its schema: {violations:?}"
    );
    let back = serde_json::to_value(&value).expect("encodes");
    assert_eq!(
        &back, example,
        "{name}: the example does not survive a round trip"
    );
}

#[test]
fn every_component_example_round_trips() {
    let spec = spec();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let mut checked = Vec::new();
    macro_rules! check {
        ($($name:ident),* $(,)?) => {
            $(
                round_trip::<$name>(stringify!($name), &schema_example(&spec, stringify!($name)));
                checked.push(stringify!($name));
            )*
        };
    }
    check!(
        Provider,
        WorkspaceStatus,
        DesiredWorkspaceStatus,
        Workspace,
        WorkspaceList,
        CreateWorkspaceRequest,
        UpdateWorkspaceRequest,
        CheckoutPlan,
        CheckoutRequest,
        CheckoutSession,
        PortalSession,
        Plan,
        SubscriptionStatus,
        Subscription,
        StripeEvent,
        WebhookAck,
        MemberRole,
        InviteRole,
        MemberStatus,
        Member,
        MemberList,
        InviteMembersRequest,
        UpdateMemberRequest,
        Health,
        Error,
    );
    let missing: Vec<_> = schemas
        .keys()
        .filter(|name| !checked.contains(&name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "component schemas without a round-trip check: {missing:?}"
    );
}

#[test]
fn every_error_response_example_decodes_as_the_error_schema() {
    let spec = spec();
    let responses = spec["components"]["responses"]
        .as_object()
        .expect("responses");
    assert!(!responses.is_empty());
    for (name, response) in responses {
        let example = &response["content"]["application/json"]["example"];
        round_trip::<Error>(name, example);
    }
}

#[test]
fn unknown_enum_values_in_responses_are_kept() {
    let spec = spec();
    let mut workspace = schema_example(&spec, "Workspace");
    workspace["status"] = Value::from("starting");
    workspace["provider"] = Value::from("mistral");
    workspace["someNewField"] = Value::from(1);
    let decoded: Workspace = serde_json::from_value(workspace.clone()).expect("decodes");
    assert!(!decoded.status.is_known());
    let mut back = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(back["status"], "starting");
    assert_eq!(back["provider"], "mistral");
    // Unknown fields are ignored, not kept.
    back["someNewField"] = Value::from(1);
    assert_eq!(back, workspace);
}
