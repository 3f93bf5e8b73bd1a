//! A quote's life cycle: its status, the partner's steps, and the vendor's approval of its
//! discounts.
//!
//! Draft → Sent → Accepted or Declined → Ordered, and Expired when its validity passes. A revision
//! is a new quote that supersedes the one it revises (same number, next revision); a superseded
//! quote cannot be sent, accepted or ordered. A line discount above the product's cap makes the
//! quote need the vendor's approval, and it cannot be sent until the server has approved it.

use chrono::NaiveDate;

crate::wire_enum! {
    /// Where a quote stands.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum QuoteStatus {
        Draft = "draft",
        Sent = "sent",
        Accepted = "accepted",
        Declined = "declined",
        Ordered = "ordered",
        Expired = "expired",
        Superseded = "superseded",
    }
}

crate::wire_enum! {
    /// Where the vendor's approval of a quote's discounts stands.
    #[derive(Default)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Approval {
        /// Every discount is within its product's cap.
        #[default]
        NotNeeded = "not_needed",
        /// A discount is above its cap; the vendor has not decided yet (or has not heard of it).
        Pending = "pending",
        Approved = "approved",
        /// The vendor refused the discount; lower it (a new approval is asked for on save).
        Rejected = "rejected",
    }
}

crate::wire_enum! {
    /// A step in a quote's life cycle.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum QuoteAction {
        /// The partner sent it to the customer.
        Send = "send",
        /// The customer accepted it.
        Accept = "accept",
        /// The customer declined it.
        Decline = "decline",
    }
}

/// Why a step is refused; shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    #[error("This quote is {}, so it cannot be {}.", .from.label().to_lowercase(), .action.past_tense())]
    NotAllowed {
        from: QuoteStatus,
        action: QuoteAction,
    },
    #[error("This quote's discount needs the vendor's approval before it can be sent.")]
    AwaitingApproval,
    #[error("The vendor did not approve this quote's discount; lower it and save, then send it.")]
    ApprovalRejected,
    #[error("This quote's validity has passed; revise it to send a new one.")]
    Expired,
}

impl QuoteStatus {
    pub fn label(self) -> &'static str {
        match self {
            QuoteStatus::Draft => "Draft",
            QuoteStatus::Sent => "Sent",
            QuoteStatus::Accepted => "Accepted",
            QuoteStatus::Declined => "Declined",
            QuoteStatus::Ordered => "Ordered",
            QuoteStatus::Expired => "Expired",
            QuoteStatus::Superseded => "Superseded",
        }
    }

    /// Lines, validity and notes may be edited only on a draft.
    pub fn is_editable(self) -> bool {
        self == QuoteStatus::Draft
    }

    /// A new revision may be made of a quote the customer has seen and that is not yet ordered.
    pub fn is_revisable(self) -> bool {
        matches!(
            self,
            QuoteStatus::Sent
                | QuoteStatus::Accepted
                | QuoteStatus::Declined
                | QuoteStatus::Expired
        )
    }

    /// Validity runs out only while the customer has not answered.
    pub fn can_expire(self) -> bool {
        matches!(self, QuoteStatus::Draft | QuoteStatus::Sent)
    }

    /// The status after the partner's `action`, given the approval and the day, or why not.
    pub fn apply(
        self,
        action: QuoteAction,
        approval: Approval,
        valid_until: NaiveDate,
        today: NaiveDate,
    ) -> Result<QuoteStatus, QuoteError> {
        use QuoteAction as A;
        use QuoteStatus as S;
        let next = match (self, action) {
            (S::Draft, A::Send) => S::Sent,
            (S::Sent, A::Accept) => S::Accepted,
            (S::Sent, A::Decline) => S::Declined,
            (from, action) => return Err(QuoteError::NotAllowed { from, action }),
        };
        if self.can_expire() && valid_until < today {
            return Err(QuoteError::Expired);
        }
        if action == A::Send {
            match approval {
                Approval::Pending => return Err(QuoteError::AwaitingApproval),
                Approval::Rejected => return Err(QuoteError::ApprovalRejected),
                Approval::NotNeeded | Approval::Approved => {}
            }
        }
        Ok(next)
    }
}

impl QuoteAction {
    pub fn label(self) -> &'static str {
        match self {
            QuoteAction::Send => "Mark as sent",
            QuoteAction::Accept => "Customer accepted",
            QuoteAction::Decline => "Customer declined",
        }
    }

    pub fn past_tense(self) -> &'static str {
        match self {
            QuoteAction::Send => "sent",
            QuoteAction::Accept => "accepted",
            QuoteAction::Decline => "declined",
        }
    }
}

impl Approval {
    pub fn label(self) -> &'static str {
        match self {
            Approval::NotNeeded => "Not needed",
            Approval::Pending => "Needs approval",
            Approval::Approved => "Approved",
            Approval::Rejected => "Not approved",
        }
    }
}
