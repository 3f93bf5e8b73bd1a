//! The sync protocol between the app's local cache and the central server.
//!
//! **Order.** The server numbers every change to a partner firm's data with a version, assigned
//! inside the write transaction from one counter per firm. A record's version is the version of its
//! last change. Clients never order anything by clocks.
//!
//! **Pull** (`GET /api/v1/sync/changes?after=N&limit=L`): the changes with a version above `after`,
//! oldest first, at most `limit` of them, each the record's whole current body, or a tombstone
//! (`body: null`) when the record was deleted or is no longer visible to the caller. The client
//! applies one page in one local transaction and then stores `cursor` as its new `after`. A page
//! with `more: true` is followed by the next. When `after` is older than the firm's tombstone horizon
//! the answer is `reset: true`: the client drops its copy of the firm's data and pulls again from 0.
//!
//! **Push** (`POST /api/v1/sync/mutations`): a batch of the client's queued mutations, in the order
//! they were made, each keyed by (client id, mutation id); mutation ids grow by one per change made on
//! that client. The server applies each in its own transaction together with a record of its outcome,
//! so a batch delivered twice changes nothing the second time and answers with the same outcomes.
//!
//! **Merge.** An update carries the version it was made against (`base_version`) and only the fields
//! the user changed. A field nobody else changed since `base_version` is applied. A field somebody
//! else changed to a different value is a conflict: it is not applied, and the outcome lists it with
//! both values so the user can keep theirs (a new update against the newer version) or take the
//! server's. Nothing is silently overwritten.
//!
//! **Decisions.** A deal action such as `submit` is the server's to accept: the outcome says whether
//! it was, and if not, why (for example a channel conflict with another firm's registration).

use crate::deal::DealAction;
use crate::error::ApiError;
use crate::order::OrderAction;
use crate::quote::QuoteAction;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The most changes one pull page holds; a larger `limit` is lowered to this.
pub const MAX_PAGE: u32 = 5_000;
/// The page size a client asks for when it has no reason to ask otherwise.
pub const DEFAULT_PAGE: u32 = 1_000;
/// The most mutations one push may carry.
pub const MAX_PUSH: usize = 500;

crate::wire_enum! {
    /// A kind of record the protocol carries.
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Entity {
        /// A [`crate::prospect::Prospect`]; partners create, edit and delete them.
        Prospect = "prospect",
        /// A [`crate::registration::Deal`]; partners create, edit, delete drafts and act on them.
        Deal = "deal",
        /// A [`crate::quote::Quote`] (one revision); partners create, edit and delete drafts and act on
        /// them; the server approves discounts and expires them.
        Quote = "quote",
        /// A [`crate::order::Order`]; partners create, edit and submit; the vendor provisions.
        Order = "order",
        // Reference data: read-only for partners, pulled so later pages work offline.
        Customer = "customer",
        Subscription = "subscription",
        Renewal = "renewal",
        Invoice = "invoice",
        /// A support case; administrators open them ([`crate::support::NewSupportCase`]), the vendor's
        /// support team does the rest.
        SupportCase = "support_case",
        Product = "product",
        News = "news",
        /// A [`crate::resources::Resource`]; the vendor publishes them to an audience.
        Resource = "resource",
        Course = "course",
        /// A [`crate::resources::ResourceUse`]: partners create them (a download, open or share,
        /// counted for the vendor); never sent back in a pull.
        ResourceUse = "resource_use",
        /// A [`crate::pims::kit::CampaignKit`]; the vendor publishes them.
        CampaignKit = "campaign_kit",
        /// A [`crate::pims::profile::MarketingProfile`], one per firm (its id is the firm's);
        /// partners update it, never create or delete it.
        MarketingProfile = "marketing_profile",
        /// A [`crate::pims::campaign::Campaign`]; partners create, edit and delete drafts; launch
        /// and the later steps are taken online.
        Campaign = "campaign",
        /// A [`crate::pims::lead::Lead`]; the server creates them (landing pages, the vendor).
        Lead = "lead",
        /// A [`crate::pims::lead::LeadDecision`]: partners create them (accept or decline);
        /// never sent back in a pull.
        LeadDecision = "lead_decision",
    }
}

impl Entity {
    /// Whether partners may push mutations for this kind of record.
    pub fn is_writable(self) -> bool {
        matches!(
            self,
            Entity::Prospect
                | Entity::Deal
                | Entity::Quote
                | Entity::Order
                | Entity::SupportCase
                | Entity::ResourceUse
                | Entity::MarketingProfile
                | Entity::Campaign
                | Entity::LeadDecision
        )
    }

    /// Whether partners may only update records of this kind (the server creates them).
    pub fn is_update_only(self) -> bool {
        matches!(self, Entity::MarketingProfile)
    }

    /// Whether partners may only create records of this kind, never change, delete or act on them.
    pub fn is_create_only(self) -> bool {
        matches!(
            self,
            Entity::SupportCase | Entity::ResourceUse | Entity::LeadDecision
        )
    }

    /// Why a change other than a create is refused for a create-only kind.
    pub fn create_only_message(self) -> String {
        match self {
            Entity::SupportCase => "A support case cannot be changed, closed or deleted from the \
                                    app once it is opened; the vendor's support team handles it \
                                    from there."
                .to_owned(),
            Entity::ResourceUse => "A recorded download cannot be changed.".to_owned(),
            Entity::LeadDecision => {
                "A decision on a lead cannot be changed once it is made.".to_owned()
            }
            other => format!("A {} can only be created.", other.label()),
        }
    }

    /// How a person calls one record of this kind ("prospect", "deal registration").
    pub fn label(self) -> &'static str {
        match self {
            Entity::Prospect => "prospect",
            Entity::Deal => "deal registration",
            Entity::Quote => "quote",
            Entity::Order => "order",
            Entity::Customer => "customer",
            Entity::Subscription => "subscription",
            Entity::Renewal => "renewal",
            Entity::Invoice => "invoice",
            Entity::SupportCase => "support case",
            Entity::Product => "product",
            Entity::News => "news item",
            Entity::Resource => "marketing resource",
            Entity::Course => "course",
            Entity::ResourceUse => "use of a marketing resource",
            Entity::CampaignKit => "campaign kit",
            Entity::MarketingProfile => "marketing profile",
            Entity::Campaign => "campaign",
            Entity::Lead => "lead",
            Entity::LeadDecision => "decision on a lead",
        }
    }
}

/// Query of a pull.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct PullQuery {
    /// The cursor from the last page applied; 0 for a first sync.
    pub after: i64,
    /// The most changes wanted; the server caps it at [`MAX_PAGE`].
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One record's current state, or its tombstone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub entity: Entity,
    pub id: Uuid,
    /// The version of the record's last change.
    pub version: i64,
    /// The whole record as JSON (for prospects, deals, quotes, orders and products, exactly the
    /// portal-core type), or `null`
    /// when the record was deleted or the caller may no longer see it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub body: Option<Value>,
}

/// A page of changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// Oldest first. Applied in one local transaction.
    pub changes: Vec<Change>,
    /// The version to send as `after` next time (the last change's version, or `after` unchanged
    /// when there was none).
    pub cursor: i64,
    /// More changes follow: pull again at once with the new cursor.
    pub more: bool,
    /// The firm's newest version when this page was read, so a first sync can show its progress.
    pub head: i64,
    /// The cursor is older than the tombstone horizon: drop the local copy and pull from 0.
    #[serde(default)]
    pub reset: bool,
}

/// What a mutation does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum MutationOp {
    /// A new record, born on the client with its id; `body` is the whole record.
    Create {
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        body: Value,
    },
    /// Changed fields only, by their JSON names, made against `base_version`.
    Update {
        base_version: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        fields: Map<String, Value>,
    },
    /// Remove the record (a tombstone is kept for other clients).
    Delete { base_version: i64 },
    /// A step in a deal's, quote's or order's life cycle, which the server may refuse.
    Act { base_version: i64, action: Step },
}

crate::wire_enum! {
    /// A life-cycle step, by the word the wire carries. Which steps a record takes depends on its
    /// entity: [`DealAction`], [`QuoteAction`] or [`OrderAction`].
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Step {
        Submit = "submit",
        Withdraw = "withdraw",
        Approve = "approve",
        Reject = "reject",
        MarkWon = "mark_won",
        MarkLost = "mark_lost",
        Expire = "expire",
        Send = "send",
        Accept = "accept",
        Decline = "decline",
    }
}

impl Step {
    /// The deal step this word names, if it names one.
    pub fn deal(self) -> Option<DealAction> {
        Some(match self {
            Step::Submit => DealAction::Submit,
            Step::Withdraw => DealAction::Withdraw,
            Step::Approve => DealAction::Approve,
            Step::Reject => DealAction::Reject,
            Step::MarkWon => DealAction::MarkWon,
            Step::MarkLost => DealAction::MarkLost,
            Step::Expire => DealAction::Expire,
            Step::Send | Step::Accept | Step::Decline => return None,
        })
    }

    pub fn quote(self) -> Option<QuoteAction> {
        match self {
            Step::Send => Some(QuoteAction::Send),
            Step::Accept => Some(QuoteAction::Accept),
            Step::Decline => Some(QuoteAction::Decline),
            _ => None,
        }
    }

    pub fn order(self) -> Option<OrderAction> {
        match self {
            Step::Submit => Some(OrderAction::Submit),
            _ => None,
        }
    }
}

impl From<DealAction> for Step {
    fn from(a: DealAction) -> Self {
        match a {
            DealAction::Submit => Step::Submit,
            DealAction::Withdraw => Step::Withdraw,
            DealAction::Approve => Step::Approve,
            DealAction::Reject => Step::Reject,
            DealAction::MarkWon => Step::MarkWon,
            DealAction::MarkLost => Step::MarkLost,
            DealAction::Expire => Step::Expire,
        }
    }
}

impl From<QuoteAction> for Step {
    fn from(a: QuoteAction) -> Self {
        match a {
            QuoteAction::Send => Step::Send,
            QuoteAction::Accept => Step::Accept,
            QuoteAction::Decline => Step::Decline,
        }
    }
}

impl Step {
    /// The word a partner's order step travels as; the vendor's own steps never travel in a push.
    pub fn for_order(a: OrderAction) -> Option<Step> {
        match a {
            OrderAction::Submit => Some(Step::Submit),
            OrderAction::Process | OrderAction::Provision | OrderAction::Refuse => None,
        }
    }
}

/// One queued change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mutation {
    /// Grows by one per change made on the client; with the client id, the key of idempotence.
    pub mutation_id: i64,
    pub entity: Entity,
    pub id: Uuid,
    #[serde(flatten)]
    pub op: MutationOp,
}

/// A batch of mutations from one client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub client_id: Uuid,
    /// In the order they were made; at most [`MAX_PUSH`].
    pub mutations: Vec<Mutation>,
}

/// The server's answer for each mutation of a push, in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub results: Vec<MutationResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub mutation_id: i64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What became of one mutation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Applied entirely; the record's version is now `version`.
    Applied { version: i64 },
    /// The fields nobody else touched were applied (the record is at `version`); the ones listed
    /// were changed by somebody else since `base_version` and were not.
    Conflict {
        version: i64,
        conflicts: Vec<FieldConflict>,
    },
    /// Not applied, for the reason given (a rule, a channel conflict, a deleted record…).
    Refused { error: ApiError },
}

/// One field that two people changed differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldConflict {
    pub field: String,
    /// The value this client sent.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub yours: Value,
    /// The value the server holds.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub theirs: Value,
}

/// Applies an update's fields onto a record's JSON body (the client's optimistic view and the
/// server's merge both use it, so they cannot disagree).
pub fn apply_fields(body: &mut Value, fields: &Map<String, Value>) {
    if let Value::Object(obj) = body {
        for (k, v) in fields {
            obj.insert(k.clone(), v.clone());
        }
    }
}

/// The fields of `after` that differ from `before` (both whole record bodies); `id` is never one.
pub fn changed_fields(before: &Value, after: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    if let (Value::Object(b), Value::Object(a)) = (before, after) {
        for (k, v) in a {
            if k != "id" && b.get(k) != Some(v) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mutations_have_a_flat_tagged_wire_form() {
        let m = Mutation {
            mutation_id: 7,
            entity: Entity::Deal,
            id: Uuid::from_u128(1),
            op: MutationOp::Act {
                base_version: 3,
                action: DealAction::Submit.into(),
            },
        };
        let wire = serde_json::to_value(&m).unwrap();
        assert_eq!(
            wire,
            json!({"mutation_id": 7, "entity": "deal", "id": "00000000-0000-0000-0000-000000000001",
                   "op": "act", "base_version": 3, "action": "submit"})
        );
        assert_eq!(serde_json::from_value::<Mutation>(wire).unwrap(), m);
        let r = MutationResult {
            mutation_id: 7,
            outcome: Outcome::Applied { version: 12 },
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"mutation_id": 7, "outcome": "applied", "version": 12})
        );
    }

    #[test]
    fn changed_fields_then_apply_fields_round_trips() {
        let before = json!({"id": "x", "a": 1, "b": "two", "c": [1]});
        let after = json!({"id": "x", "a": 1, "b": "three", "c": [1, 2]});
        let diff = changed_fields(&before, &after);
        assert_eq!(diff.len(), 2);
        let mut merged = before.clone();
        apply_fields(&mut merged, &diff);
        assert_eq!(merged, after);
    }

    #[test]
    fn every_step_word_names_its_own_action() {
        for a in crate::deal::DealAction::ALL {
            assert_eq!(Step::from(a).deal(), Some(a));
        }
        for a in [QuoteAction::Send, QuoteAction::Accept, QuoteAction::Decline] {
            assert_eq!(Step::from(a).quote(), Some(a));
            assert_eq!(Step::from(a).deal(), None);
        }
        assert_eq!(
            Step::for_order(OrderAction::Submit).and_then(Step::order),
            Some(OrderAction::Submit)
        );
        assert_eq!(Step::for_order(OrderAction::Refuse), None);
    }

    #[test]
    fn entities_round_trip_by_name() {
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(e));
            assert_eq!(
                serde_json::to_value(e).unwrap(),
                Value::String(e.as_str().into())
            );
        }
    }
}
