//! [`Writer`]: who pushes a batch of mutations, from which installation, and the vendor's rules of
//! the day — what every mutation handler is given beside the write transaction.

use crate::storage::records::Stamp;
use chrono::NaiveDate;
use portal_core::ids::{PartnerId, UserId};
use portal_core::Role;
use uuid::Uuid;

/// Who is pushing, from which installation, and the vendor's rules of the day.
#[derive(Debug, Clone, Copy)]
pub struct Writer {
    pub partner: PartnerId,
    pub user: UserId,
    pub role: Role,
    pub client: Uuid,
    /// The day decisions are dated with.
    pub today: NaiveDate,
    /// Days from approval to expiry.
    pub expiry_days: u32,
    /// Quote discounts above a product's cap up to this are approved without a channel manager
    /// (0: none are).
    pub auto_approve_up_to: portal_core::Percent,
}

impl Writer {
    /// Whether the writer may see and change a record that `owner` owns.
    pub fn sees(&self, owner: UserId) -> bool {
        self.role.sees_all_firm_records() || owner == self.user
    }

    /// The stamp of a field this writer changes at `version`.
    pub fn stamp(&self, version: i64) -> Stamp {
        Stamp {
            version,
            client: Some(self.client),
        }
    }
}
