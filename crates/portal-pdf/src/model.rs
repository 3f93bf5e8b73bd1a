//! The quote as the document shows it: a plain view model, filled in by the caller.
//!
//! Nothing here is computed by the renderer. Prices, totals, margins and savings arrive already
//! worked out (by portal-core's pricing), so the PDF shows exactly the figures the app shows.

use chrono::NaiveDate;
use portal_core::money::{Currency, Money, Percent};

/// Who the document is for, which decides what it may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The customer's copy: customer prices only. Never shows cost, RRP, margin or savings.
    Customer,
    /// The partner's own copy: adds RRP, cost and margin per line and in the totals.
    Internal,
}

/// A company on the quote, as it is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The company's name, as it should appear in print.
    pub name: String,
    /// Address and contact lines under the name, in order (street, city, email, phone, …).
    pub lines: Vec<String>,
}

/// One product line of the quote. All amounts are in the document's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    /// The vendor's product code.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// What the product includes; wrapped under the name (long texts are cut after a few lines).
    pub description: String,
    /// Number of mailboxes.
    pub quantity: u32,
    /// Length of the subscription, in months.
    pub term_months: u32,
    /// The customer's price per mailbox per month, after all discounts.
    pub unit_monthly: Money,
    /// The partner's discount on this line, off the recommended retail price.
    pub discount: Percent,
    /// The customer's total for the line over the whole term.
    pub total: Money,
    /// Internal only: the line at recommended retail price, over the whole term.
    pub rrp_total: Money,
    /// Internal only: what the line costs the partner, over the whole term.
    pub cost_total: Money,
    /// Internal only: the partner's margin on the line (`total - cost_total`).
    pub margin: Money,
}

/// The sums over all lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTotals {
    /// What the customer pays for the whole quote.
    pub total: Money,
    /// Internal only: the whole quote at recommended retail price.
    pub rrp_total: Money,
    /// Internal only: what the whole quote costs the partner.
    pub cost_total: Money,
    /// Internal only: the partner's margin on the quote (`total - cost_total`).
    pub margin: Money,
    /// Internal only: the margin as a share of `total`, in basis points (2790 is 27.9%); negative
    /// with a negative margin, zero when the total is zero. Signed, like portal-core's
    /// `QuoteTotals::margin_bp`, because a deep discount can sell below cost.
    pub margin_bp: i64,
    /// Internal only: the discount the customer gets off RRP (`rrp_total - total`). Kept off the
    /// customer's copy, because with the total it would reveal the RRP.
    pub savings: Money,
}

/// Everything the quote PDF shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteDocument {
    /// Which version to print.
    pub audience: Audience,
    /// Prints a large diagonal "DRAFT" across every page.
    pub draft: bool,
    /// The document's title, such as "Quote Q-000123 revision 2": in the footer of every page and
    /// the PDF's properties.
    pub title: String,
    /// The quote number, such as "Q-000123".
    pub number: String,
    /// The quote's revision, from 1.
    pub revision: u32,
    /// The day the quote was issued.
    pub issued_on: NaiveDate,
    /// The last day the customer may accept the quote.
    pub valid_until: NaiveDate,
    /// The software vendor, shown small as "Powered by".
    pub vendor: Party,
    /// The partner, who sells: the document is on their letterhead.
    pub partner: Party,
    /// The customer the quote is prepared for.
    pub customer: Party,
    /// The partner's salesperson responsible for the quote.
    pub prepared_by: String,
    /// The currency of every amount in the document.
    pub currency: Currency,
    /// The product lines, in the order to print them.
    pub lines: Vec<DocLine>,
    /// The sums over all lines.
    pub totals: DocTotals,
    /// Free text for the customer, printed under the totals; may be empty. Line breaks are kept.
    pub notes: String,
    /// Terms and conditions, printed after the notes; may be empty. Line breaks are kept.
    pub terms: String,
}
