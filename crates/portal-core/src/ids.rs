//! Typed identifiers: a `UserId` can never be passed where a `PartnerId` is expected.
//!
//! Every id is a UUID; new ones are UUIDv7 (time-ordered) and generated where the record is born,
//! so a record created offline keeps its id forever.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Wraps an existing UUID.
            pub const fn from_uuid(id: Uuid) -> Self { Self(id) }
            /// The underlying UUID.
            pub const fn as_uuid(&self) -> &Uuid { &self.0 }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Uuid::parse_str(s).map(Self) }
        }
    )*};
}

typed_id!(
    /// A partner firm (reseller).
    PartnerId,
    /// A person who signs in, belonging to one partner firm.
    UserId,
    /// An end customer of a partner.
    CustomerId,
    /// A product in the vendor's price book.
    ProductId,
    /// A customer's subscription to a product.
    SubscriptionId,
    /// A subscription's upcoming renewal.
    RenewalId,
    /// An invoice raised by the vendor.
    InvoiceId,
    /// A support case opened for a customer.
    SupportCaseId,
    /// A company news item.
    NewsId,
    /// A marketing resource (sales tool, logo pack, campaign…).
    ResourceId,
    /// An education academy course.
    CourseId,
    /// A member of the vendor's account team.
    AccountManagerId,
    /// A company the partner is selling to, before it becomes a customer.
    ProspectId,
    /// A deal registration on a prospect.
    DealId,
    /// A quote (one revision of it) on a prospect or a customer.
    QuoteId,
    /// An order placed from an accepted quote.
    OrderId,
    /// One installation of the app (one local cache); keys its pushes on the server.
    ClientId,
    /// A campaign kit the vendor publishes for partners to co-brand (PIMS).
    CampaignKitId,
    /// A partner firm's own campaign, made from a kit.
    CampaignId,
    /// A lead: a person who asked to be contacted, from a landing page or from the vendor.
    LeadId,
    /// A partner's decision on a lead (accept or decline), pushed once.
    LeadDecisionId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = UserId::from_uuid(Uuid::from_u128(0x0191_2d3c_0000_7000_8000_0000_0000_0001));
        let text = id.to_string();
        assert_eq!(text.parse::<UserId>().unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<UserId>(&json).unwrap(), id);
    }

    #[test]
    fn malformed_id_is_refused() {
        assert!("not-a-uuid".parse::<PartnerId>().is_err());
    }
}
