//! The order's life cycle: which status may follow which, and who may move it.
//!
//! ```text
//! Pending customer approval ──submit──▶ Submitted ──process──▶ Processing ──provision──▶ Provisioned
//!          ▲                              │                        │
//!          │                              └────────refuse──────────┴──▶ Refused ──submit──▶ Submitted
//!          └─ (saved by the partner)                                     (corrected)
//! ```
//!
//! - The partner **submits**: a pending order once the customer has approved it, or a refused one
//!   once corrected. Everything else is the vendor's: it **processes**, **provisions** or **refuses**
//!   (with the reason) a submitted or processing order.
//! - While an order is **with the partner** (pending customer approval, or refused) the partner may
//!   edit its details and purchase order; once submitted, nothing until the vendor answers.
//! - Only an order never submitted may be **deleted**; a refused one stays, with its number and the
//!   vendor's reason, and can be corrected and submitted again. When the vendor refuses an order,
//!   its quote goes back from Ordered to Accepted (the server's side), so it can be ordered again.
//! - Provisioned is final: the customer, subscriptions, renewal and invoice exist from then on.

use crate::actor::Actor;

crate::wire_enum! {
    /// Where an order stands.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum OrderStatus {
        /// Saved; waiting for the customer's approval and purchase order.
        PendingCustomerApproval = "pending_customer_approval",
        /// Sent to the vendor.
        Submitted = "submitted",
        /// The vendor accepted it and is setting up the subscriptions.
        Processing = "processing",
        /// The customer's subscriptions are live.
        Provisioned = "provisioned",
        /// The vendor refused it, for the reason given; the partner may correct it and submit it again.
        Refused = "refused",
    }
}

crate::wire_enum! {
    /// A step in an order's life cycle.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum OrderAction {
        /// The partner sends the order to the vendor (again, after a refusal).
        Submit = "submit",
        /// The vendor starts setting it up.
        Process = "process",
        /// The vendor's set-up is done: the customer's subscriptions are live.
        Provision = "provision",
        /// The vendor refuses it, with the reason.
        Refuse = "refuse",
    }
}

/// Why a step is refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("This order is {}, so it cannot be {}.", .from.label().to_lowercase(), .action.past_tense(*.from))]
    NotAllowed {
        from: OrderStatus,
        action: OrderAction,
    },
    #[error("Only the vendor can {} an order.", .0.verb())]
    VendorOnly(OrderAction),
    #[error("Only the partner can submit an order.")]
    PartnerOnly,
}

impl OrderStatus {
    pub fn label(self) -> &'static str {
        match self {
            OrderStatus::PendingCustomerApproval => "Pending customer approval",
            OrderStatus::Submitted => "Submitted",
            OrderStatus::Processing => "Processing",
            OrderStatus::Provisioned => "Provisioned",
            OrderStatus::Refused => "Refused",
        }
    }

    /// The orders list's section: still with the partner before a first submission, or sent to the
    /// vendor (refused orders included, with the vendor's answer).
    pub fn is_with_vendor(self) -> bool {
        !matches!(self, OrderStatus::PendingCustomerApproval)
    }

    /// The partner may edit the order's details and purchase order, and submit it.
    pub fn is_with_partner(self) -> bool {
        matches!(
            self,
            OrderStatus::PendingCustomerApproval | OrderStatus::Refused
        )
    }

    /// The partner may delete it: only before it was ever submitted.
    pub fn is_deletable(self) -> bool {
        self == OrderStatus::PendingCustomerApproval
    }

    /// The vendor's provisioning still has it in hand.
    pub fn is_in_provisioning(self) -> bool {
        matches!(self, OrderStatus::Submitted | OrderStatus::Processing)
    }

    /// No step leads out of it.
    pub fn is_final(self) -> bool {
        self == OrderStatus::Provisioned
    }

    /// The status after `action` taken by `actor`, or why it is refused.
    pub fn apply(self, action: OrderAction, actor: Actor) -> Result<OrderStatus, OrderError> {
        use OrderAction as A;
        use OrderStatus as S;
        match (actor, action) {
            (Actor::Partner, A::Process | A::Provision | A::Refuse) => {
                return Err(OrderError::VendorOnly(action))
            }
            (Actor::Vendor, A::Submit) => return Err(OrderError::PartnerOnly),
            _ => {}
        }
        let next = match (self, action) {
            (S::PendingCustomerApproval | S::Refused, A::Submit) => S::Submitted,
            (S::Submitted, A::Process) => S::Processing,
            (S::Processing, A::Provision) => S::Provisioned,
            (S::Submitted | S::Processing, A::Refuse) => S::Refused,
            (from, action) => return Err(OrderError::NotAllowed { from, action }),
        };
        Ok(next)
    }
}

impl OrderAction {
    fn verb(self) -> &'static str {
        match self {
            OrderAction::Submit => "submit",
            OrderAction::Process => "process",
            OrderAction::Provision => "provision",
            OrderAction::Refuse => "refuse",
        }
    }

    fn past_tense(self, from: OrderStatus) -> &'static str {
        match self {
            OrderAction::Submit if from.is_with_vendor() && from != OrderStatus::Refused => {
                "submitted again"
            }
            OrderAction::Submit => "submitted",
            OrderAction::Process => "processed",
            OrderAction::Provision => "provisioned",
            OrderAction::Refuse => "refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderAction as A;
    use OrderStatus as S;

    #[test]
    fn a_pending_order_runs_to_provisioned() {
        let s = S::PendingCustomerApproval
            .apply(A::Submit, Actor::Partner)
            .unwrap();
        let s = s.apply(A::Process, Actor::Vendor).unwrap();
        assert_eq!(s.apply(A::Provision, Actor::Vendor), Ok(S::Provisioned));
    }

    #[test]
    fn a_refused_order_is_corrected_and_submitted_again() {
        for from in [S::Submitted, S::Processing] {
            let refused = from.apply(A::Refuse, Actor::Vendor).unwrap();
            assert_eq!(refused, S::Refused);
            assert!(refused.is_with_partner());
            assert!(!refused.is_deletable());
            assert_eq!(refused.apply(A::Submit, Actor::Partner), Ok(S::Submitted));
        }
    }

    #[test]
    fn only_pending_and_refused_orders_are_with_the_partner() {
        let with_partner: Vec<_> = S::ALL.into_iter().filter(|s| s.is_with_partner()).collect();
        assert_eq!(with_partner, [S::PendingCustomerApproval, S::Refused]);
        let deletable: Vec<_> = S::ALL.into_iter().filter(|s| s.is_deletable()).collect();
        assert_eq!(deletable, [S::PendingCustomerApproval]);
    }

    #[test]
    fn each_side_takes_only_its_own_steps() {
        for action in [A::Process, A::Provision, A::Refuse] {
            assert_eq!(
                S::Submitted.apply(action, Actor::Partner),
                Err(OrderError::VendorOnly(action))
            );
        }
        assert_eq!(
            S::PendingCustomerApproval.apply(A::Submit, Actor::Vendor),
            Err(OrderError::PartnerOnly)
        );
    }

    #[test]
    fn steps_out_of_turn_say_why() {
        let e = S::Submitted.apply(A::Submit, Actor::Partner).unwrap_err();
        assert_eq!(
            e.to_string(),
            "This order is submitted, so it cannot be submitted again."
        );
        let e = S::Provisioned.apply(A::Refuse, Actor::Vendor).unwrap_err();
        assert_eq!(
            e.to_string(),
            "This order is provisioned, so it cannot be refused."
        );
        assert!(S::Provisioned.is_final());
        for action in OrderAction::ALL {
            for actor in [Actor::Partner, Actor::Vendor] {
                assert!(S::Provisioned.apply(action, actor).is_err());
            }
        }
    }

    #[test]
    fn names_round_trip() {
        crate::wire::check_round_trip::<OrderStatus>().unwrap();
        crate::wire::check_round_trip::<OrderAction>().unwrap();
    }
}
