//! The Roundtable description resolves to the model its emitters expect.

mod common;

use common::{api, op, repo_file, structure, ty};
use openapi_forge::model::{SchemeKind, TypeExpr, TypeKind};

fn roundtable() -> openapi_forge::model::Api {
    api(&repo_file("spec/roundtable.yaml"))
}

#[test]
fn versioning_and_provisional_operations() {
    let api = roundtable();
    let versioning = api.versioning.as_ref().expect("x-versioning");
    assert_eq!(
        (versioning.current.as_str(), versioning.prefix.as_str()),
        ("v1", "/api/v1")
    );
    assert_eq!(versioning.aliases, ["/api"]);
    assert!(op(&api, "list_workspaces").versioned);
    assert!(!op(&api, "get_health").versioned);
    assert!(op(&api, "list_members").provisional.is_some());
    assert!(op(&api, "list_workspaces").provisional.is_none());
}

#[test]
fn error_format_is_the_error_schema() {
    let api = roundtable();
    let format = api.error_format.as_ref().expect("error format");
    assert_eq!(api.ty(format.ty).name, "Error");
    assert_eq!(format.message_field, "error");
    assert_eq!(format.details_field.as_deref(), Some("details"));
}

#[test]
fn workspaces() {
    let api = roundtable();
    let workspace = structure(&api, "Workspace");
    let prompt = workspace
        .fields
        .iter()
        .find(|f| f.wire_name == "systemPrompt")
        .expect("field");
    assert_eq!(
        (prompt.name.as_str(), prompt.required),
        ("system_prompt", false)
    );
    let created = workspace
        .fields
        .iter()
        .find(|f| f.wire_name == "createdAt")
        .expect("field");
    assert_eq!(created.ty, TypeExpr::DateTime);
    assert!(matches!(ty(&api, "Provider").kind, TypeKind::StringEnum(_)));
    let list = op(&api, "list_workspaces");
    assert_eq!(list.success_type, "ListWorkspacesSuccess");
    assert_eq!(list.error_type, "ListWorkspacesError");
    // `CreateWorkspaceRequest` is a schema of the spec, so the reserved
    // request type takes the next candidate.
    assert_eq!(
        op(&api, "create_workspace").request_type,
        "CreateWorkspaceParams"
    );
    assert_eq!(op(&api, "get_workspace").security.len(), 1);
    assert!(op(&api, "get_health").security.is_empty());
    assert!(api
        .security_schemes
        .iter()
        .any(|s| s.kind == SchemeKind::Bearer));
}
