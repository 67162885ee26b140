//! The sandbox's own data types: what the store keeps and the domain layer
//! hands out. They are independent of the generated bindings, which the
//! adapter converts to and from.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

/// Defines a closed string enum with its wire names, parsing and printing.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value on the wire and in the store.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }

            /// The value named `text`, if it is one.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum! {
    /// A member's role in an organization.
    Role {
        /// Exactly one per organization; the only role that manages billing.
        Owner = "owner",
        /// Manages workspaces and members, except the owner.
        Admin = "admin",
        /// Reads.
        Member = "member",
    }
}

wire_enum! {
    /// Where a workspace's model runs.
    Provider {
        /// Google Vertex AI, the default.
        VertexAi = "vertex_ai",
        /// Google AI Studio.
        GoogleAiStudio = "google_ai_studio",
        /// OpenAI.
        Openai = "openai",
        /// Anthropic.
        Anthropic = "anthropic",
        /// A self-hosted Ollama.
        Ollama = "ollama",
    }
}

impl Provider {
    /// The model a new workspace gets when its request names none.
    pub fn default_model(self) -> &'static str {
        match self {
            Provider::VertexAi | Provider::GoogleAiStudio => "gemini-2.5-pro",
            Provider::Openai => "gpt-4o",
            Provider::Anthropic => "claude-sonnet-4-20250514",
            Provider::Ollama => "llama3.1",
        }
    }
}

wire_enum! {
    /// Whether a workspace is running.
    WorkspaceStatus {
        /// Every new workspace, and every idle one after 30 minutes.
        Stopped = "stopped",
        /// Started.
        Running = "running",
    }
}

wire_enum! {
    /// Whether a member has joined.
    MemberStatus {
        /// Joined.
        Active = "active",
        /// Invited, not yet joined.
        Invited = "invited",
    }
}

wire_enum! {
    /// A billing plan.
    Plan {
        /// Team.
        Team = "team",
        /// Business.
        Business = "business",
        /// Enterprise: sold by contact, never through checkout.
        Enterprise = "enterprise",
    }
}

impl Plan {
    /// Seats a plan includes.
    pub fn seats_included(self) -> i64 {
        match self {
            Plan::Team => 10,
            Plan::Business => 50,
            Plan::Enterprise => 500,
        }
    }
}

wire_enum! {
    /// A Stripe subscription status.
    SubscriptionStatus {
        /// Paid up.
        Active = "active",
        /// In a trial.
        Trialing = "trialing",
        /// A payment failed; still usable.
        PastDue = "past_due",
        /// Ended.
        Canceled = "canceled",
        /// The first payment has not gone through.
        Incomplete = "incomplete",
        /// The first payment never went through.
        IncompleteExpired = "incomplete_expired",
        /// Payments failed for good.
        Unpaid = "unpaid",
        /// Paused.
        Paused = "paused",
    }
}

impl SubscriptionStatus {
    /// Whether a subscription in this status still holds its plan, so that
    /// buying the same plan again is a conflict.
    pub fn holds_plan(self) -> bool {
        !matches!(
            self,
            SubscriptionStatus::Canceled | SubscriptionStatus::IncompleteExpired
        )
    }
}

/// A workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// `ws_` and 12 lowercase letters or digits.
    pub id: String,
    /// The organization that owns it; never shown on the wire.
    pub organization_id: String,
    pub name: String,
    pub provider: Provider,
    /// Free form (`gemini-2.5-pro`, `gpt-4o`).
    pub model: String,
    pub system_prompt: Option<String>,
    pub status: WorkspaceStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A member of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// `user_` and 12 lowercase letters or digits.
    pub id: String,
    pub organization_id: String,
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    pub status: MemberStatus,
    pub created_at: DateTime<Utc>,
}

/// An organization's subscription, as the Stripe webhooks last described it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub organization_id: String,
    pub plan: Plan,
    pub status: SubscriptionStatus,
    pub current_period_end: Option<DateTime<Utc>>,
    pub cancel_at_period_end: bool,
    /// Fake Stripe ids, kept so later webhook events find the subscription.
    pub stripe_customer_id: String,
    pub stripe_subscription_id: String,
}

/// A subscription with the counts that `getSubscription` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionSummary {
    pub subscription: Subscription,
    pub workspace_count: i64,
    pub seats_included: i64,
    pub seats_used: i64,
}

/// A checkout that was started and not yet completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutSession {
    /// `cs_test_sandbox_...`.
    pub id: String,
    pub organization_id: String,
    pub plan: Plan,
    /// The fake page a browser would be sent to.
    pub url: String,
    pub created_at: DateTime<Utc>,
}

/// Who is calling: the member behind an API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: String,
    pub organization_id: String,
    pub role: Role,
}

/// The current time, cut to milliseconds: the precision the API shows and
/// the store keeps, so that a value read back equals the value written.
pub fn now_millis() -> DateTime<Utc> {
    from_millis(Utc::now().timestamp_millis())
}

/// The instant `millis` milliseconds after the Unix epoch.
pub fn from_millis(millis: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(millis)
        .single()
        .unwrap_or_default()
}

/// RFC 3339 in UTC with milliseconds and `Z`, the API's timestamp format.
pub fn format_timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for provider in Provider::ALL {
            assert_eq!(Provider::parse(provider.as_str()), Some(*provider));
        }
        for status in SubscriptionStatus::ALL {
            assert_eq!(SubscriptionStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn timestamps_always_show_milliseconds() {
        assert_eq!(format_timestamp(from_millis(0)), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            format_timestamp(from_millis(1_779_384_600_123)),
            "2026-05-21T17:30:00.123Z"
        );
    }
}
