//! The Roundtable rules, over the store: who may do what, defaults, ids,
//! conflicts and the Stripe event flow. Independent of HTTP and of the
//! generated bindings; the adapter in `api` translates.

use chrono::{DateTime, Duration, Utc};

use crate::error::{DomainError, DomainResult};
use crate::ids;
use crate::records::{
    now_millis, CheckoutSession, Member, MemberStatus, Plan, Principal, Provider, Role,
    Subscription, SubscriptionStatus, SubscriptionSummary, Workspace, WorkspaceStatus,
};
use crate::store::{Store, Tx};
use crate::webhook;

/// The longest workspace name, as the spec says.
pub const NAME_MAX_CHARS: usize = 100;

/// Where the fake checkout pages live. `.test` is a reserved top-level
/// domain, so these URLs can never reach Stripe or anyone else.
pub const FAKE_CHECKOUT_BASE: &str = "https://checkout.stripe.test/c/pay/";
/// Where the fake billing portal pages live.
pub const FAKE_PORTAL_BASE: &str = "https://billing.stripe.test/p/session/";

/// A workspace to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewWorkspace {
    pub name: String,
    /// `vertex_ai` when `None`.
    pub provider: Option<Provider>,
    /// The provider's default model when `None`.
    pub model: Option<String>,
    pub system_prompt: Option<String>,
}

/// Changes to a workspace; `None` keeps a field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkspacePatch {
    pub name: Option<String>,
    pub provider: Option<Provider>,
    pub model: Option<String>,
    pub system_prompt: Option<String>,
    pub status: Option<WorkspaceStatus>,
}

impl WorkspacePatch {
    fn is_empty(&self) -> bool {
        *self == WorkspacePatch::default()
    }
}

/// A development key created when the store was new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededKey {
    /// Who the key is for: `owner`, `admin`, `member` or
    /// `other organization's owner`.
    pub label: String,
    pub key: String,
}

/// The sandbox: the rules over one store.
#[derive(Debug)]
pub struct Sandbox {
    store: Store,
    webhook_secret: String,
}

fn require_role(who: &Principal, allowed: &[Role], action: &str) -> DomainResult<()> {
    if allowed.contains(&who.role) {
        return Ok(());
    }
    let roles = match allowed {
        [Role::Owner] => "the owner",
        [Role::Owner, Role::Admin] => "the owner or an admin",
        _ => "another role",
    };
    Err(DomainError::Forbidden(format!("only {roles} may {action}")))
}

fn check_name(name: &str) -> DomainResult<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(DomainError::invalid_field("name", "must not be empty"));
    }
    if trimmed.chars().count() > NAME_MAX_CHARS {
        return Err(DomainError::invalid_field(
            "name",
            format!("must be at most {NAME_MAX_CHARS} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

fn check_model(model: &str) -> DomainResult<String> {
    let trimmed = model.trim();
    if trimmed.is_empty() {
        return Err(DomainError::invalid_field("model", "must not be empty"));
    }
    Ok(trimmed.to_owned())
}

/// Whether `text` is plausibly an email address: one `@` between a
/// non-empty local part and a dotted domain, no spaces. Deliverability is
/// the mail server's business.
fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

fn assignable(role: Role) -> DomainResult<Role> {
    match role {
        Role::Owner => Err(DomainError::invalid_field(
            "role",
            "must be one of admin, member; the owner role cannot be given",
        )),
        other => Ok(other),
    }
}

/// A timestamp after `previous`, so that every change moves `updatedAt`
/// forward even within one millisecond.
fn later_than(previous: DateTime<Utc>) -> DateTime<Utc> {
    let now = now_millis();
    if now > previous {
        now
    } else {
        previous + Duration::milliseconds(1)
    }
}

fn not_found_workspace() -> DomainError {
    DomainError::NotFound("workspace not found".to_owned())
}

fn not_found_member() -> DomainError {
    DomainError::NotFound("member not found".to_owned())
}

impl Sandbox {
    /// The sandbox over `store`, seeded with development data if the store
    /// is new. `webhook_secret` signs Stripe events.
    pub fn new(store: Store, webhook_secret: impl Into<String>) -> DomainResult<Sandbox> {
        store.transaction(|tx| {
            if tx.organization_count()? == 0 {
                seed(tx)?;
            }
            Ok(())
        })?;
        Ok(Sandbox {
            store,
            webhook_secret: webhook_secret.into(),
        })
    }

    /// The development keys, in the order they were created.
    pub fn seeded_keys(&self) -> DomainResult<Vec<SeededKey>> {
        let keys = self.store.transaction(|tx| tx.api_keys())?;
        Ok(keys
            .into_iter()
            .map(|(label, key)| SeededKey { label, key })
            .collect())
    }

    /// Whether the store answers.
    pub fn healthy(&self) -> bool {
        self.store.transaction(|tx| tx.ping()).is_ok()
    }

    /// The caller behind a bearer token.
    pub fn authenticate(&self, token: &str) -> DomainResult<Principal> {
        let token = token.trim();
        if token.is_empty() {
            return Err(DomainError::Unauthorized("missing bearer token".to_owned()));
        }
        if !token.starts_with("rt_sk_") {
            // Firebase ID tokens need Google's keys to check; the sandbox
            // is offline by design, so it takes API keys only.
            return Err(DomainError::Unauthorized(
                "invalid or expired token; the sandbox accepts API keys (rt_sk_...) only"
                    .to_owned(),
            ));
        }
        self.store
            .transaction(|tx| tx.principal_for_key(token))?
            .ok_or_else(|| DomainError::Unauthorized("invalid or revoked API key".to_owned()))
    }

    /// `createWorkspace`.
    pub fn create_workspace(&self, who: &Principal, new: NewWorkspace) -> DomainResult<Workspace> {
        require_role(who, &[Role::Owner, Role::Admin], "create workspaces")?;
        let name = check_name(&new.name)?;
        let provider = new.provider.unwrap_or(Provider::VertexAi);
        let model = match new.model {
            Some(model) => check_model(&model)?,
            None => provider.default_model().to_owned(),
        };
        let now = now_millis();
        let workspace = Workspace {
            id: ids::workspace_id(),
            organization_id: who.organization_id.clone(),
            name,
            provider,
            model,
            system_prompt: new.system_prompt,
            status: WorkspaceStatus::Stopped,
            created_at: now,
            updated_at: now,
        };
        self.store
            .transaction(|tx| tx.insert_workspace(&workspace))?;
        Ok(workspace)
    }

    /// `listWorkspaces`. The items keep `system_prompt`; the adapter leaves
    /// it out of the list, as the API does.
    pub fn list_workspaces(&self, who: &Principal) -> DomainResult<Vec<Workspace>> {
        self.store
            .transaction(|tx| tx.list_workspaces(&who.organization_id))
    }

    /// `getWorkspace`.
    pub fn get_workspace(&self, who: &Principal, id: &str) -> DomainResult<Workspace> {
        if !ids::is_workspace_id(id) {
            return Err(not_found_workspace());
        }
        self.store
            .transaction(|tx| tx.workspace(&who.organization_id, id))?
            .ok_or_else(not_found_workspace)
    }

    /// `updateWorkspace`. Asking for the status the workspace already has
    /// is a conflict (409): starting a running workspace or stopping a
    /// stopped one clashes with its current state.
    pub fn update_workspace(
        &self,
        who: &Principal,
        id: &str,
        patch: WorkspacePatch,
    ) -> DomainResult<Workspace> {
        require_role(who, &[Role::Owner, Role::Admin], "change workspaces")?;
        if patch.is_empty() {
            return Err(DomainError::invalid_field(
                "body",
                "at least one field is required",
            ));
        }
        let name = patch.name.as_deref().map(check_name).transpose()?;
        let model = patch.model.as_deref().map(check_model).transpose()?;
        if !ids::is_workspace_id(id) {
            return Err(not_found_workspace());
        }
        self.store.transaction(|tx| {
            let mut workspace = tx
                .workspace(&who.organization_id, id)?
                .ok_or_else(not_found_workspace)?;
            if let Some(status) = patch.status {
                if status == workspace.status {
                    return Err(DomainError::Conflict(format!(
                        "the workspace is already {status}"
                    )));
                }
                workspace.status = status;
            }
            if let Some(name) = name {
                workspace.name = name;
            }
            if let Some(provider) = patch.provider {
                workspace.provider = provider;
            }
            if let Some(model) = model {
                workspace.model = model;
            }
            if let Some(system_prompt) = patch.system_prompt {
                workspace.system_prompt = Some(system_prompt);
            }
            workspace.updated_at = later_than(workspace.updated_at);
            tx.update_workspace(&workspace)?;
            Ok(workspace)
        })
    }

    /// `deleteWorkspace`.
    pub fn delete_workspace(&self, who: &Principal, id: &str) -> DomainResult<()> {
        require_role(who, &[Role::Owner, Role::Admin], "delete workspaces")?;
        if !ids::is_workspace_id(id) {
            return Err(not_found_workspace());
        }
        if self
            .store
            .transaction(|tx| tx.delete_workspace(&who.organization_id, id))?
        {
            Ok(())
        } else {
            Err(not_found_workspace())
        }
    }

    /// `createCheckoutSession`: a fake Stripe checkout for `plan`.
    pub fn create_checkout_session(
        &self,
        who: &Principal,
        plan: Plan,
    ) -> DomainResult<CheckoutSession> {
        require_role(who, &[Role::Owner], "manage billing")?;
        if plan == Plan::Enterprise {
            return Err(DomainError::invalid_field(
                "plan",
                "must be one of team, business; enterprise is sold by contacting sales",
            ));
        }
        self.store.transaction(|tx| {
            if let Some(current) = tx.subscription(&who.organization_id)? {
                if current.plan == plan && current.status.holds_plan() {
                    return Err(DomainError::Conflict(format!(
                        "already subscribed to the {plan} plan"
                    )));
                }
            }
            let id = ids::checkout_session_id();
            let session = CheckoutSession {
                url: format!("{FAKE_CHECKOUT_BASE}{id}"),
                id,
                organization_id: who.organization_id.clone(),
                plan,
                created_at: now_millis(),
            };
            tx.insert_checkout_session(&session)?;
            Ok(session)
        })
    }

    /// `createPortalSession`: a fake Stripe billing portal URL. 404 when the
    /// organization has never subscribed, since Stripe then has no customer
    /// to open a portal for.
    pub fn create_portal_session(&self, who: &Principal) -> DomainResult<String> {
        require_role(who, &[Role::Owner], "manage billing")?;
        let subscription = self
            .store
            .transaction(|tx| tx.subscription(&who.organization_id))?
            .ok_or_else(|| DomainError::NotFound("no billing account yet".to_owned()))?;
        Ok(format!(
            "{FAKE_PORTAL_BASE}test_sandbox_{}_{}",
            subscription.stripe_customer_id,
            ids::random_text(16)
        ))
    }

    /// `getSubscription`.
    pub fn get_subscription(&self, who: &Principal) -> DomainResult<SubscriptionSummary> {
        require_role(who, &[Role::Owner, Role::Admin], "read the subscription")?;
        self.store.transaction(|tx| {
            let subscription = tx
                .subscription(&who.organization_id)?
                .ok_or_else(|| DomainError::NotFound("no subscription".to_owned()))?;
            Ok(SubscriptionSummary {
                workspace_count: tx.workspace_count(&who.organization_id)?,
                seats_included: subscription.plan.seats_included(),
                seats_used: tx.member_count(&who.organization_id)?,
                subscription,
            })
        })
    }

    /// `handleStripeWebhook`: checks the signature over the raw `body`
    /// at `now` (Unix seconds), then applies the event.
    pub fn handle_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> DomainResult<()> {
        webhook::verify(signature, body, &self.webhook_secret, now).map_err(|error| {
            DomainError::BadRequest {
                message: error.message().to_owned(),
                details: Default::default(),
            }
        })?;
        let event = StripeEvent::parse(body)?;
        self.store.transaction(|tx| {
            if !tx.record_webhook_event(&event.id, &event.kind, now.saturating_mul(1000))? {
                return Ok(());
            }
            event.apply(tx)
        })
    }

    /// `listMembers`.
    pub fn list_members(&self, who: &Principal) -> DomainResult<Vec<Member>> {
        self.store
            .transaction(|tx| tx.list_members(&who.organization_id))
    }

    /// `inviteMembers`: one invited member per address.
    pub fn invite_members(
        &self,
        who: &Principal,
        emails: &[String],
        role: Role,
    ) -> DomainResult<Vec<Member>> {
        require_role(who, &[Role::Owner, Role::Admin], "invite members")?;
        let role = assignable(role)?;
        if emails.is_empty() {
            return Err(DomainError::invalid_field(
                "emails",
                "must list at least one address",
            ));
        }
        let mut wanted: Vec<String> = Vec::with_capacity(emails.len());
        let mut details = std::collections::BTreeMap::new();
        for (index, email) in emails.iter().enumerate() {
            let email = email.trim();
            if !looks_like_email(email) {
                details.insert(
                    format!("emails[{index}]"),
                    "must be an email address".to_owned(),
                );
            } else if wanted.iter().any(|seen| seen.eq_ignore_ascii_case(email)) {
                details.insert(format!("emails[{index}]"), "is listed twice".to_owned());
            } else {
                wanted.push(email.to_owned());
            }
        }
        if !details.is_empty() {
            return Err(DomainError::BadRequest {
                message: "invalid request".to_owned(),
                details,
            });
        }
        self.store.transaction(|tx| {
            for email in &wanted {
                if let Some(existing) = tx.member_by_email(&who.organization_id, email)? {
                    let state = match existing.status {
                        MemberStatus::Active => "already a member",
                        MemberStatus::Invited => "already invited",
                    };
                    return Err(DomainError::Conflict(format!("{email} is {state}")));
                }
            }
            let now = now_millis();
            let mut invited = Vec::with_capacity(wanted.len());
            for email in wanted {
                let member = Member {
                    id: ids::user_id(),
                    organization_id: who.organization_id.clone(),
                    email,
                    name: None,
                    role,
                    status: MemberStatus::Invited,
                    created_at: now,
                };
                tx.insert_member(&member)?;
                invited.push(member);
            }
            Ok(invited)
        })
    }

    /// `updateMember`: changes a member's role.
    pub fn update_member(&self, who: &Principal, id: &str, role: Role) -> DomainResult<Member> {
        require_role(who, &[Role::Owner, Role::Admin], "change roles")?;
        let role = assignable(role)?;
        self.store.transaction(|tx| {
            let mut member = tx
                .member(&who.organization_id, id)?
                .ok_or_else(not_found_member)?;
            check_may_manage(who, &member, "change")?;
            tx.set_member_role(&who.organization_id, id, role)?;
            member.role = role;
            Ok(member)
        })
    }

    /// `removeMember`: removes a member or withdraws an invitation.
    pub fn remove_member(&self, who: &Principal, id: &str) -> DomainResult<()> {
        require_role(who, &[Role::Owner, Role::Admin], "remove members")?;
        self.store.transaction(|tx| {
            let member = tx
                .member(&who.organization_id, id)?
                .ok_or_else(not_found_member)?;
            check_may_manage(who, &member, "remove")?;
            tx.delete_member(&who.organization_id, id)?;
            Ok(())
        })
    }
}

/// The member rules shared by role changes and removals: nobody acts on
/// themselves (so the one owner stays), and nobody acts on the owner (the
/// owner is only ever themselves for an owner, and out of an admin's reach).
fn check_may_manage(who: &Principal, target: &Member, action: &str) -> DomainResult<()> {
    if target.id == who.user_id {
        let what = if action == "change" {
            "change your own role"
        } else {
            "remove yourself"
        };
        return Err(DomainError::Forbidden(format!("you cannot {what}")));
    }
    if target.role == Role::Owner {
        return Err(DomainError::Forbidden(format!(
            "an admin cannot {action} the owner"
        )));
    }
    Ok(())
}

/// The parts of a Stripe event the sandbox reads.
#[derive(Debug)]
struct StripeEvent {
    id: String,
    kind: String,
    object: serde_json::Value,
}

fn not_an_event(problem: &str) -> DomainError {
    DomainError::BadRequest {
        message: "the body is not a Stripe event".to_owned(),
        details: [("body".to_owned(), problem.to_owned())]
            .into_iter()
            .collect(),
    }
}

impl StripeEvent {
    fn parse(body: &[u8]) -> DomainResult<StripeEvent> {
        let value: serde_json::Value =
            serde_json::from_slice(body).map_err(|error| not_an_event(&error.to_string()))?;
        let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let id = text("id").ok_or_else(|| not_an_event("`id` must be a string"))?;
        let kind = text("type").ok_or_else(|| not_an_event("`type` must be a string"))?;
        let object = value
            .get("data")
            .and_then(|data| data.get("object"))
            .cloned()
            .unwrap_or(serde_json::Value::Null);
        Ok(StripeEvent { id, kind, object })
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.object.get(key).and_then(|value| value.as_str())
    }

    /// Applies the event. Events about objects the sandbox never made (a
    /// checkout it did not start) and event types it does not model are
    /// acknowledged and ignored, as a real endpoint must, or Stripe retries.
    fn apply(&self, tx: &Tx<'_>) -> DomainResult<()> {
        match self.kind.as_str() {
            "checkout.session.completed" => self.complete_checkout(tx),
            "customer.subscription.updated" | "customer.subscription.deleted" => {
                self.update_subscription(tx)
            }
            _ => Ok(()),
        }
    }

    fn complete_checkout(&self, tx: &Tx<'_>) -> DomainResult<()> {
        let Some(session) = self
            .text("id")
            .map(|id| tx.checkout_session(id))
            .transpose()?
        else {
            return Ok(());
        };
        let Some(session) = session else {
            return Ok(());
        };
        let previous = tx.subscription(&session.organization_id)?;
        let subscription = Subscription {
            organization_id: session.organization_id.clone(),
            plan: session.plan,
            status: SubscriptionStatus::Active,
            current_period_end: Some(now_millis() + Duration::days(30)),
            cancel_at_period_end: false,
            stripe_customer_id: previous
                .map(|previous| previous.stripe_customer_id)
                .unwrap_or_else(ids::customer_id),
            stripe_subscription_id: self
                .text("subscription")
                .map(str::to_owned)
                .unwrap_or_else(ids::subscription_id),
        };
        tx.put_subscription(&subscription)
    }

    fn update_subscription(&self, tx: &Tx<'_>) -> DomainResult<()> {
        let Some(id) = self.text("id") else {
            return Ok(());
        };
        let Some(mut subscription) = tx.subscription_by_stripe_id(id)? else {
            return Ok(());
        };
        if self.kind == "customer.subscription.deleted" {
            subscription.status = SubscriptionStatus::Canceled;
        } else if let Some(status) = self.text("status").and_then(SubscriptionStatus::parse) {
            subscription.status = status;
        }
        if let Some(cancel) = self
            .object
            .get("cancel_at_period_end")
            .and_then(|v| v.as_bool())
        {
            subscription.cancel_at_period_end = cancel;
        }
        if let Some(end) = self
            .object
            .get("current_period_end")
            .and_then(|v| v.as_i64())
        {
            subscription.current_period_end =
                Some(crate::records::from_millis(end.saturating_mul(1000)));
        }
        if let Some(plan) = self
            .object
            .get("metadata")
            .and_then(|metadata| metadata.get("plan"))
            .and_then(|plan| plan.as_str())
            .and_then(Plan::parse)
        {
            subscription.plan = plan;
        }
        tx.put_subscription(&subscription)
    }
}

/// Seeds a new store: one organization with an owner, an admin and a
/// member, each with an API key, and a second organization with one
/// workspace, whose id answers 404 to the first organization.
fn seed(tx: &Tx<'_>) -> DomainResult<()> {
    let now = now_millis();
    let organization = ids::organization_id();
    tx.insert_organization(&organization, "Sandbox Organization")?;
    let people = [
        (Role::Owner, "owner@sandbox.test", "Olivia Owner"),
        (Role::Admin, "admin@sandbox.test", "Adam Admin"),
        (Role::Member, "member@sandbox.test", "Mina Member"),
    ];
    for (role, email, name) in people {
        let member = Member {
            id: ids::user_id(),
            organization_id: organization.clone(),
            email: email.to_owned(),
            name: Some(name.to_owned()),
            role,
            status: MemberStatus::Active,
            created_at: now,
        };
        tx.insert_member(&member)?;
        tx.insert_api_key(&ids::api_key(), &member.id, role.as_str())?;
    }

    let other = ids::organization_id();
    tx.insert_organization(&other, "Other Organization")?;
    let other_owner = Member {
        id: ids::user_id(),
        organization_id: other.clone(),
        email: "owner@other.test".to_owned(),
        name: Some("Otto Other".to_owned()),
        role: Role::Owner,
        status: MemberStatus::Active,
        created_at: now,
    };
    tx.insert_member(&other_owner)?;
    tx.insert_api_key(&ids::api_key(), &other_owner.id, OTHER_OWNER_LABEL)?;
    tx.insert_workspace(&Workspace {
        id: ids::workspace_id(),
        organization_id: other,
        name: "Other organization's workspace".to_owned(),
        provider: Provider::VertexAi,
        model: Provider::VertexAi.default_model().to_owned(),
        system_prompt: None,
        status: WorkspaceStatus::Stopped,
        created_at: now,
        updated_at: now,
    })
}

/// The label of the second organization's owner key.
pub const OTHER_OWNER_LABEL: &str = "other organization's owner";

#[cfg(test)]
mod tests;
