//! The adapter: the generated server trait (`roundtable::server::Api`)
//! implemented by calling the domain layer, converting the generated wire
//! types to the sandbox's records and back, and each [`DomainError`] into
//! the operation's documented error response.

use chrono::{DateTime, Utc};
use openapi_forge_runtime::http::StatusCode;
use openapi_forge_runtime::Timestamp;
use roundtable::models as wire;
use roundtable::server::{
    router_with, Api, AuthError, Config, Credentials, Failure, Metrics, Rejection,
};

use crate::domain::{NewWorkspace, Sandbox, WorkspacePatch};
use crate::error::DomainError;
use crate::records::{
    Member, MemberStatus, Plan, Principal, Provider, Role, SubscriptionStatus, SubscriptionSummary,
    Workspace, WorkspaceStatus,
};

/// The generated router over the sandbox, counting requests into its own
/// metrics registry.
pub fn router(sandbox: Sandbox) -> axum::Router {
    let metrics = Metrics::new();
    let service = Service {
        sandbox,
        metrics: metrics.clone(),
    };
    router_with(service, Config::default().with_metrics(metrics))
}

/// The implementer of the generated trait.
struct Service {
    sandbox: Sandbox,
    /// A clone of the router's registry, rendered by `getMetrics`.
    metrics: Metrics,
}

/// The API's error body for `error`. An internal error is logged and
/// answered without its cause.
fn error_body(error: &DomainError) -> wire::Error {
    if let DomainError::Internal(cause) = error {
        tracing::error!(%cause, "a request failed inside the sandbox");
        return wire::Error {
            error: "internal server error".to_owned(),
            details: None,
        };
    }
    wire::Error {
        error: error.message().to_owned(),
        details: error.details(),
    }
}

/// `error` as the operation's documented response, when `declare` knows
/// its status; otherwise as a rejection in the same error format (a status
/// the operation does not document, which the rules here never produce).
fn fail<E>(error: DomainError, declare: fn(u16, wire::Error) -> Option<E>) -> Failure<E> {
    let body = error_body(&error);
    let status = error.status();
    match declare(status, body.clone()) {
        Some(declared) => Failure::Declared(declared),
        None => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut rejection = Rejection::new(status, body.error);
            if let DomainError::BadRequest { details, .. } = &error {
                for (field, problem) in details {
                    rejection = rejection.detail(field.clone(), problem.clone());
                }
            }
            Failure::Rejected(rejection)
        }
    }
}

/// A `fn(u16, wire::Error) -> Option<E>` that maps each listed status to
/// the error enum's variant.
macro_rules! declared {
    ($error:ty { $($status:literal => $variant:ident),+ $(,)? }) => {
        |status: u16, body: wire::Error| -> Option<$error> {
            match status {
                $($status => Some(<$error>::$variant(body)),)+
                _ => None,
            }
        }
    };
}

/// The wire form of an instant: the generated models write it with
/// milliseconds, as the API documents.
fn wire_time(at: DateTime<Utc>) -> Timestamp {
    Timestamp::from(at)
}

fn provider_to_wire(provider: Provider) -> wire::Provider {
    match provider {
        Provider::VertexAi => wire::Provider::VertexAi,
        Provider::GoogleAiStudio => wire::Provider::GoogleAiStudio,
        Provider::Openai => wire::Provider::Openai,
        Provider::Anthropic => wire::Provider::Anthropic,
        Provider::Ollama => wire::Provider::Ollama,
    }
}

/// The generated validation refuses unlisted enum values before a method
/// runs; these conversions refuse them again so that no path depends on it.
fn unlisted(field: &str, value: &str, known: &[&str]) -> DomainError {
    DomainError::invalid_field(
        field,
        format!("must be one of {}, not {value:?}", known.join(", ")),
    )
}

fn provider_from_wire(provider: wire::Provider) -> Result<Provider, DomainError> {
    Provider::parse(provider.as_str()).ok_or_else(|| {
        let known: Vec<_> = Provider::ALL.iter().map(|p| p.as_str()).collect();
        unlisted("provider", provider.as_str(), &known)
    })
}

fn status_to_wire(status: WorkspaceStatus) -> wire::WorkspaceStatus {
    match status {
        WorkspaceStatus::Stopped => wire::WorkspaceStatus::Stopped,
        WorkspaceStatus::Running => wire::WorkspaceStatus::Running,
    }
}

fn desired_status(status: wire::DesiredWorkspaceStatus) -> Result<WorkspaceStatus, DomainError> {
    match status {
        wire::DesiredWorkspaceStatus::Running => Ok(WorkspaceStatus::Running),
        wire::DesiredWorkspaceStatus::Stopped => Ok(WorkspaceStatus::Stopped),
        wire::DesiredWorkspaceStatus::Other(value) => {
            Err(unlisted("status", &value, &["running", "stopped"]))
        }
    }
}

fn plan_from_wire(plan: wire::CheckoutPlan) -> Result<Plan, DomainError> {
    match plan {
        wire::CheckoutPlan::Team => Ok(Plan::Team),
        wire::CheckoutPlan::Business => Ok(Plan::Business),
        wire::CheckoutPlan::Other(value) => Err(unlisted("plan", &value, &["team", "business"])),
    }
}

fn role_from_wire(role: wire::InviteRole) -> Result<Role, DomainError> {
    match role {
        wire::InviteRole::Admin => Ok(Role::Admin),
        wire::InviteRole::Member => Ok(Role::Member),
        wire::InviteRole::Other(value) => Err(unlisted("role", &value, &["admin", "member"])),
    }
}

fn workspace_to_wire(workspace: Workspace) -> wire::Workspace {
    wire::Workspace {
        id: workspace.id,
        name: workspace.name,
        provider: provider_to_wire(workspace.provider),
        model: workspace.model,
        system_prompt: workspace.system_prompt,
        status: status_to_wire(workspace.status),
        created_at: wire_time(workspace.created_at),
        updated_at: wire_time(workspace.updated_at),
    }
}

fn member_to_wire(member: Member) -> wire::Member {
    wire::Member {
        id: member.id,
        email: member.email,
        role: match member.role {
            Role::Owner => wire::MemberRole::Owner,
            Role::Admin => wire::MemberRole::Admin,
            Role::Member => wire::MemberRole::Member,
        },
        name: member.name,
        status: Some(match member.status {
            MemberStatus::Active => wire::MemberStatus::Active,
            MemberStatus::Invited => wire::MemberStatus::Invited,
        }),
        created_at: Some(wire_time(member.created_at)),
    }
}

fn count(value: i64) -> Option<i32> {
    Some(i32::try_from(value).unwrap_or(i32::MAX))
}

fn subscription_status_to_wire(status: SubscriptionStatus) -> wire::SubscriptionStatus {
    match status {
        SubscriptionStatus::Active => wire::SubscriptionStatus::Active,
        SubscriptionStatus::Trialing => wire::SubscriptionStatus::Trialing,
        SubscriptionStatus::PastDue => wire::SubscriptionStatus::PastDue,
        SubscriptionStatus::Canceled => wire::SubscriptionStatus::Canceled,
        SubscriptionStatus::Incomplete => wire::SubscriptionStatus::Incomplete,
        SubscriptionStatus::IncompleteExpired => wire::SubscriptionStatus::IncompleteExpired,
        SubscriptionStatus::Unpaid => wire::SubscriptionStatus::Unpaid,
        SubscriptionStatus::Paused => wire::SubscriptionStatus::Paused,
    }
}

fn subscription_to_wire(summary: SubscriptionSummary) -> wire::Subscription {
    let subscription = summary.subscription;
    wire::Subscription {
        plan: match subscription.plan {
            Plan::Team => wire::Plan::Team,
            Plan::Business => wire::Plan::Business,
            Plan::Enterprise => wire::Plan::Enterprise,
        },
        status: Some(subscription_status_to_wire(subscription.status)),
        current_period_end: subscription.current_period_end.map(wire_time),
        cancel_at_period_end: Some(subscription.cancel_at_period_end),
        workspace_count: count(summary.workspace_count),
        seats_included: count(summary.seats_included),
        seats_used: count(summary.seats_used),
    }
}

type Answer<S, E> = Result<S, Failure<E>>;

impl Api for Service {
    type Principal = Principal;

    async fn authenticate(&self, credentials: Credentials) -> Result<Principal, AuthError> {
        let token = credentials
            .bearer()
            .map(|secret| secret.expose())
            .unwrap_or_default();
        self.sandbox.authenticate(token).map_err(|error| {
            let body = error_body(&error);
            match error {
                DomainError::Forbidden(_) => AuthError::forbidden(body.error),
                _ => AuthError::unauthorized(body.error),
            }
        })
    }

    async fn get_health(
        &self,
        _request: roundtable::server::GetHealthRequest,
    ) -> Answer<wire::GetHealthSuccess, wire::GetHealthError> {
        let timestamp = wire_time(crate::records::now_millis());
        if self.sandbox.healthy() {
            Ok(wire::GetHealthSuccess::Ok(wire::Health {
                status: "ok".to_owned(),
                timestamp,
            }))
        } else {
            Err(Failure::Declared(wire::GetHealthError::ServiceUnavailable(
                wire::Health {
                    status: "error".to_owned(),
                    timestamp,
                },
            )))
        }
    }

    async fn get_metrics(
        &self,
        _request: roundtable::server::GetMetricsRequest,
    ) -> Answer<wire::GetMetricsSuccess, wire::GetMetricsError> {
        Ok(wire::GetMetricsSuccess::Ok(self.metrics.render()))
    }

    async fn create_checkout_session(
        &self,
        request: roundtable::server::CreateCheckoutSessionRequest,
        principal: Principal,
    ) -> Answer<wire::CreateCheckoutSessionSuccess, wire::CreateCheckoutSessionError> {
        let declare = declared!(wire::CreateCheckoutSessionError {
            400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 409 => Conflict,
            500 => InternalServerError,
        });
        let session = plan_from_wire(request.body.plan)
            .and_then(|plan| self.sandbox.create_checkout_session(&principal, plan))
            .map_err(|error| fail(error, declare))?;
        Ok(wire::CreateCheckoutSessionSuccess::Ok(
            wire::CheckoutSession {
                url: session.url,
                session_id: session.id,
            },
        ))
    }

    async fn create_portal_session(
        &self,
        _request: roundtable::server::CreatePortalSessionRequest,
        principal: Principal,
    ) -> Answer<wire::CreatePortalSessionSuccess, wire::CreatePortalSessionError> {
        let declare = declared!(wire::CreatePortalSessionError {
            401 => Unauthorized, 403 => Forbidden, 404 => NotFound, 500 => InternalServerError,
        });
        let url = self
            .sandbox
            .create_portal_session(&principal)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::CreatePortalSessionSuccess::Ok(wire::PortalSession {
            url,
        }))
    }

    async fn get_subscription(
        &self,
        _request: roundtable::server::GetSubscriptionRequest,
        principal: Principal,
    ) -> Answer<wire::GetSubscriptionSuccess, wire::GetSubscriptionError> {
        let declare = declared!(wire::GetSubscriptionError {
            401 => Unauthorized, 403 => Forbidden, 404 => NotFound, 500 => InternalServerError,
        });
        let summary = self
            .sandbox
            .get_subscription(&principal)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::GetSubscriptionSuccess::Ok(subscription_to_wire(
            summary,
        )))
    }

    async fn handle_stripe_webhook(
        &self,
        request: roundtable::server::HandleStripeWebhookRequest,
    ) -> Answer<wire::HandleStripeWebhookSuccess, wire::HandleStripeWebhookError> {
        let declare = declared!(wire::HandleStripeWebhookError {
            400 => BadRequest, 500 => InternalServerError,
        });
        let now = Utc::now().timestamp();
        self.sandbox
            .handle_webhook(Some(&request.stripe_signature), &request.body, now)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::HandleStripeWebhookSuccess::Ok(wire::WebhookAck {
            received: true,
        }))
    }

    async fn list_members(
        &self,
        _request: roundtable::server::ListMembersRequest,
        principal: Principal,
    ) -> Answer<wire::ListMembersSuccess, wire::ListMembersError> {
        let declare = declared!(wire::ListMembersError {
            401 => Unauthorized, 500 => InternalServerError,
        });
        let members = self
            .sandbox
            .list_members(&principal)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::ListMembersSuccess::Ok(wire::MemberList {
            members: members.into_iter().map(member_to_wire).collect(),
        }))
    }

    async fn invite_members(
        &self,
        request: roundtable::server::InviteMembersParams,
        principal: Principal,
    ) -> Answer<wire::InviteMembersSuccess, wire::InviteMembersError> {
        let declare = declared!(wire::InviteMembersError {
            400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 409 => Conflict,
            500 => InternalServerError,
        });
        let body = request.body;
        let invited = role_from_wire(body.role)
            .and_then(|role| self.sandbox.invite_members(&principal, &body.emails, role))
            .map_err(|error| fail(error, declare))?;
        Ok(wire::InviteMembersSuccess::Created(wire::MemberList {
            members: invited.into_iter().map(member_to_wire).collect(),
        }))
    }

    async fn remove_member(
        &self,
        request: roundtable::server::RemoveMemberRequest,
        principal: Principal,
    ) -> Answer<wire::RemoveMemberSuccess, wire::RemoveMemberError> {
        let declare = declared!(wire::RemoveMemberError {
            401 => Unauthorized, 403 => Forbidden, 404 => NotFound, 500 => InternalServerError,
        });
        self.sandbox
            .remove_member(&principal, &request.user_id)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::RemoveMemberSuccess::NoContent)
    }

    async fn update_member(
        &self,
        request: roundtable::server::UpdateMemberParams,
        principal: Principal,
    ) -> Answer<wire::UpdateMemberSuccess, wire::UpdateMemberError> {
        let declare = declared!(wire::UpdateMemberError {
            400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 404 => NotFound,
            500 => InternalServerError,
        });
        let member = role_from_wire(request.body.role)
            .and_then(|role| {
                self.sandbox
                    .update_member(&principal, &request.user_id, role)
            })
            .map_err(|error| fail(error, declare))?;
        Ok(wire::UpdateMemberSuccess::Ok(member_to_wire(member)))
    }

    async fn list_workspaces(
        &self,
        _request: roundtable::server::ListWorkspacesRequest,
        principal: Principal,
    ) -> Answer<wire::ListWorkspacesSuccess, wire::ListWorkspacesError> {
        let declare = declared!(wire::ListWorkspacesError {
            401 => Unauthorized, 500 => InternalServerError,
        });
        let workspaces = self
            .sandbox
            .list_workspaces(&principal)
            .map_err(|error| fail(error, declare))?;
        let items = workspaces.into_iter().map(|workspace| wire::Workspace {
            // List items leave out the system prompt, as the API does.
            system_prompt: None,
            ..workspace_to_wire(workspace)
        });
        Ok(wire::ListWorkspacesSuccess::Ok(wire::WorkspaceList {
            workspaces: items.collect(),
        }))
    }

    async fn create_workspace(
        &self,
        request: roundtable::server::CreateWorkspaceParams,
        principal: Principal,
    ) -> Answer<wire::CreateWorkspaceSuccess, wire::CreateWorkspaceError> {
        let declare = declared!(wire::CreateWorkspaceError {
            400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 500 => InternalServerError,
        });
        let body = request.body;
        let provider = body.provider.map(provider_from_wire).transpose();
        let workspace = provider
            .and_then(|provider| {
                let new = NewWorkspace {
                    name: body.name,
                    provider,
                    model: body.model,
                    system_prompt: body.system_prompt,
                };
                self.sandbox.create_workspace(&principal, new)
            })
            .map_err(|error| fail(error, declare))?;
        Ok(wire::CreateWorkspaceSuccess::Created(workspace_to_wire(
            workspace,
        )))
    }

    async fn get_workspace(
        &self,
        request: roundtable::server::GetWorkspaceRequest,
        principal: Principal,
    ) -> Answer<wire::GetWorkspaceSuccess, wire::GetWorkspaceError> {
        let declare = declared!(wire::GetWorkspaceError {
            401 => Unauthorized, 404 => NotFound, 500 => InternalServerError,
        });
        let workspace = self
            .sandbox
            .get_workspace(&principal, &request.workspace_id)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::GetWorkspaceSuccess::Ok(workspace_to_wire(workspace)))
    }

    async fn delete_workspace(
        &self,
        request: roundtable::server::DeleteWorkspaceRequest,
        principal: Principal,
    ) -> Answer<wire::DeleteWorkspaceSuccess, wire::DeleteWorkspaceError> {
        let declare = declared!(wire::DeleteWorkspaceError {
            401 => Unauthorized, 403 => Forbidden, 404 => NotFound, 500 => InternalServerError,
        });
        self.sandbox
            .delete_workspace(&principal, &request.workspace_id)
            .map_err(|error| fail(error, declare))?;
        Ok(wire::DeleteWorkspaceSuccess::NoContent)
    }

    async fn update_workspace(
        &self,
        request: roundtable::server::UpdateWorkspaceParams,
        principal: Principal,
    ) -> Answer<wire::UpdateWorkspaceSuccess, wire::UpdateWorkspaceError> {
        let declare = declared!(wire::UpdateWorkspaceError {
            400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 404 => NotFound,
            409 => Conflict, 500 => InternalServerError,
        });
        let body = request.body;
        let patch = (|| {
            Ok(WorkspacePatch {
                name: body.name,
                provider: body.provider.map(provider_from_wire).transpose()?,
                model: body.model,
                system_prompt: body.system_prompt,
                status: body.status.map(desired_status).transpose()?,
            })
        })();
        let workspace = patch
            .and_then(|patch| {
                self.sandbox
                    .update_workspace(&principal, &request.workspace_id, patch)
            })
            .map_err(|error| fail(error, declare))?;
        Ok(wire::UpdateWorkspaceSuccess::Ok(workspace_to_wire(
            workspace,
        )))
    }
}
