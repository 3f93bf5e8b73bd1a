//! The deal-registration life cycle: which status may follow which, and who may move it.
//!
//! Draft → Submitted → Approved or Rejected (with the reason) → Won, Lost or Expired; a deal can be
//! withdrawn only before approval. The partner drafts, submits, withdraws and closes; the server
//! (the vendor's word) approves, rejects and expires.

use crate::actor::Actor;
use chrono::{Days, NaiveDate};

crate::wire_enum! {
    /// Where a deal registration stands.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum DealStatus {
        Draft = "draft",
        Submitted = "submitted",
        Approved = "approved",
        Rejected = "rejected",
        Won = "won",
        Lost = "lost",
        Expired = "expired",
        Withdrawn = "withdrawn",
    }
}

crate::wire_enum! {
    /// A step in the life cycle.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum DealAction {
        Submit = "submit",
        Withdraw = "withdraw",
        Approve = "approve",
        Reject = "reject",
        MarkWon = "mark_won",
        MarkLost = "mark_lost",
        Expire = "expire",
    }
}

/// Why a step is refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DealError {
    #[error("This deal registration is {from}, so it cannot be {verb}.", from = .from.label().to_lowercase(), verb = .action.past_tense())]
    NotAllowed {
        from: DealStatus,
        action: DealAction,
    },
    #[error("Only the vendor can {verb} a deal registration.", verb = .0.verb())]
    VendorOnly(DealAction),
    #[error("The vendor decides when a registration expires.")]
    PartnerCannotExpire,
}

/// Registrations expire this many days after approval unless the server is configured otherwise.
pub const DEFAULT_EXPIRY_DAYS: u32 = 90;

impl DealStatus {
    pub fn label(self) -> &'static str {
        match self {
            DealStatus::Draft => "Draft",
            DealStatus::Submitted => "Submitted",
            DealStatus::Approved => "Approved",
            DealStatus::Rejected => "Rejected",
            DealStatus::Won => "Won",
            DealStatus::Lost => "Lost",
            DealStatus::Expired => "Expired",
            DealStatus::Withdrawn => "Withdrawn",
        }
    }

    /// A registration that holds its domain against other partner firms (channel conflict).
    pub fn holds_domain(self) -> bool {
        matches!(self, DealStatus::Submitted | DealStatus::Approved)
    }

    /// No step leads out of a final status.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            DealStatus::Rejected
                | DealStatus::Won
                | DealStatus::Lost
                | DealStatus::Expired
                | DealStatus::Withdrawn
        )
    }

    /// The status after `action` taken by `actor`, or why it is refused.
    pub fn apply(self, action: DealAction, actor: Actor) -> Result<DealStatus, DealError> {
        use DealAction as A;
        use DealStatus as S;
        match (actor, action) {
            (Actor::Partner, A::Approve | A::Reject) => return Err(DealError::VendorOnly(action)),
            (Actor::Partner, A::Expire) => return Err(DealError::PartnerCannotExpire),
            _ => {}
        }
        let next = match (self, action) {
            (S::Draft, A::Submit) => S::Submitted,
            (S::Draft | S::Submitted, A::Withdraw) => S::Withdrawn,
            (S::Submitted, A::Approve) => S::Approved,
            (S::Submitted, A::Reject) => S::Rejected,
            (S::Approved, A::MarkWon) => S::Won,
            (S::Approved, A::MarkLost) => S::Lost,
            (S::Approved, A::Expire) => S::Expired,
            (from, action) => return Err(DealError::NotAllowed { from, action }),
        };
        Ok(next)
    }
}

impl DealAction {
    fn verb(self) -> &'static str {
        match self {
            DealAction::Submit => "submit",
            DealAction::Withdraw => "withdraw",
            DealAction::Approve => "approve",
            DealAction::Reject => "reject",
            DealAction::MarkWon => "mark as won",
            DealAction::MarkLost => "mark as lost",
            DealAction::Expire => "expire",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            DealAction::Submit => "submitted",
            DealAction::Withdraw => "withdrawn",
            DealAction::Approve => "approved",
            DealAction::Reject => "rejected",
            DealAction::MarkWon => "marked as won",
            DealAction::MarkLost => "marked as lost",
            DealAction::Expire => "expired",
        }
    }
}

/// The day an approved registration expires.
pub fn expires_on(approved_on: NaiveDate, expiry_days: u32) -> NaiveDate {
    approved_on
        .checked_add_days(Days::new(expiry_days.into()))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_happy_path_runs_draft_to_won() {
        let s = DealStatus::Draft
            .apply(DealAction::Submit, Actor::Partner)
            .unwrap();
        let s = s.apply(DealAction::Approve, Actor::Vendor).unwrap();
        assert_eq!(
            s.apply(DealAction::MarkWon, Actor::Partner),
            Ok(DealStatus::Won)
        );
    }

    #[test]
    fn withdrawal_only_before_approval() {
        assert_eq!(
            DealStatus::Draft.apply(DealAction::Withdraw, Actor::Partner),
            Ok(DealStatus::Withdrawn)
        );
        assert_eq!(
            DealStatus::Submitted.apply(DealAction::Withdraw, Actor::Partner),
            Ok(DealStatus::Withdrawn)
        );
        let refused = DealStatus::Approved
            .apply(DealAction::Withdraw, Actor::Partner)
            .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "This deal registration is approved, so it cannot be withdrawn."
        );
    }

    #[test]
    fn partners_cannot_decide_for_the_vendor() {
        assert_eq!(
            DealStatus::Submitted.apply(DealAction::Approve, Actor::Partner),
            Err(DealError::VendorOnly(DealAction::Approve))
        );
        assert_eq!(
            DealStatus::Approved.apply(DealAction::Expire, Actor::Partner),
            Err(DealError::PartnerCannotExpire)
        );
    }

    #[test]
    fn expiry_is_counted_from_approval() {
        let approved = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(
            expires_on(approved, DEFAULT_EXPIRY_DAYS),
            NaiveDate::from_ymd_opt(2027, 2, 22).unwrap()
        );
    }

    fn any_status() -> impl Strategy<Value = DealStatus> {
        proptest::sample::select(DealStatus::ALL.to_vec())
    }

    fn any_action() -> impl Strategy<Value = DealAction> {
        use DealAction::*;
        proptest::sample::select(vec![
            Submit, Withdraw, Approve, Reject, MarkWon, MarkLost, Expire,
        ])
    }

    proptest! {
        #[test]
        fn nothing_leaves_a_final_status(from in any_status(), action in any_action()) {
            if from.is_final() {
                prop_assert!(from.apply(action, Actor::Vendor).is_err());
                prop_assert!(from.apply(action, Actor::Partner).is_err());
            }
        }

        #[test]
        fn every_step_moves_forward(from in any_status(), action in any_action()) {
            // No step returns to Draft or stays where it was, so a replayed step is always refused.
            if let Ok(next) = from.apply(action, Actor::Vendor) {
                prop_assert_ne!(next, DealStatus::Draft);
                prop_assert_ne!(next, from);
                prop_assert!(next.apply(action, Actor::Vendor).is_err());
            }
        }
    }
}
