//! Who takes a step in a record's life cycle: the partner's user, or the vendor (its server, its
//! channel team, its provisioning).

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Partner,
    Vendor,
}
