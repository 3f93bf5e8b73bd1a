//! A quote as stored and synced, and its form; its life cycle is [`status`].

mod status;

pub use status::{Approval, QuoteAction, QuoteError, QuoteStatus};

use crate::error::ApiError;
use crate::ids::{CustomerId, DealId, ProspectId, QuoteId, UserId};
use crate::money::{Currency, Percent};
use crate::pricebook::PriceBook;
use crate::pricing::{self, PricedQuote, QuoteLine, QuoteTotals};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A quote is valid this many days unless the user sets another date.
pub const DEFAULT_VALIDITY_DAYS: u64 = 30;

/// Who a quote is for: a prospect (new business) or an existing customer (upsell or renewal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum QuoteFor {
    Prospect(ProspectId),
    Customer(CustomerId),
}

/// One revision of a quote. `number`, `status` (beyond the partner's own steps), `approval`,
/// `approval_reason`, `status_reason` and `ordered_on` are the server's to set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub id: QuoteId,
    /// The vendor's reference, such as `Q-000042`, shared by every revision; none until the server
    /// has seen the first revision.
    pub number: Option<String>,
    /// 1 for the first; a revision is the revised quote's plus one.
    pub revision: u32,
    /// The quote this revision replaces.
    pub supersedes: Option<QuoteId>,
    /// The revision that replaced this one, once there is one.
    #[serde(default)]
    pub superseded_by: Option<QuoteId>,
    pub quote_for: QuoteFor,
    /// The deal registration it prices, if any.
    pub deal_id: Option<DealId>,
    pub currency: Currency,
    pub lines: Vec<QuoteLine>,
    /// The figures as the author's app priced them; the server refuses the quote if its own
    /// pricing disagrees.
    pub totals: QuoteTotals,
    pub valid_until: NaiveDate,
    pub notes: String,
    pub owner_id: UserId,
    pub created_on: NaiveDate,
    pub status: QuoteStatus,
    pub approval: Approval,
    /// The vendor's word on the approval (why it refused, or who approved by which rule).
    pub approval_reason: Option<String>,
    /// Why the server refused a step or expired it.
    pub status_reason: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
}

/// The quote fields a partner's update may set, by their JSON names.
pub const QUOTE_FIELDS: [&str; 7] = [
    "quote_for",
    "deal_id",
    "currency",
    "lines",
    "totals",
    "valid_until",
    "notes",
];

impl Quote {
    /// Whether `field` is one the partner may change in an update.
    pub fn is_partner_field(field: &str) -> bool {
        QUOTE_FIELDS.contains(&field) || field == "owner_id"
    }

    /// The number as people say it: `Q-000042 rev 2`, or `New quote` before the server numbered it.
    pub fn reference(&self) -> String {
        match &self.number {
            Some(n) if self.revision > 1 => format!("{n} rev {}", self.revision),
            Some(n) => n.clone(),
            None if self.revision > 1 => format!("New quote rev {}", self.revision),
            None => "New quote".into(),
        }
    }

    /// The status as of `today`: a draft or sent quote whose validity passed is expired even
    /// before the server has said so.
    pub fn status_on(&self, today: NaiveDate) -> QuoteStatus {
        if self.status.can_expire() && self.valid_until < today {
            QuoteStatus::Expired
        } else {
            self.status
        }
    }

    /// Prices the quote and checks every rule the partner's fields obey: the price book's (through
    /// [`pricing::price_quote`]), the validity date, and that the figures sent are the ones it
    /// gives. Every problem is reported at once.
    pub fn check(&self, book: &PriceBook, today: NaiveDate) -> Result<PricedQuote, Vec<ApiError>> {
        let mut errors = Vec::new();
        if self.valid_until < today && self.status.can_expire() {
            errors.push(ApiError::invalid(
                "valid_until",
                "The validity date cannot be in the past.",
            ));
        }
        if self.notes.len() > 4000 {
            errors.push(ApiError::invalid(
                "notes",
                "Notes can be at most 4,000 characters.",
            ));
        }
        match pricing::price_quote(book, &self.lines, self.currency) {
            Ok(priced) => {
                if let Err(e) = pricing::check_totals(&self.totals, &priced.totals) {
                    errors.push(e);
                }
                if errors.is_empty() {
                    return Ok(priced);
                }
            }
            Err(line_errors) => errors.extend(line_errors.iter().map(|(i, e)| e.to_api(*i))),
        }
        Err(errors)
    }

    /// The approval this quote needs now that it is priced as `priced`, keeping a decision the
    /// vendor already took on the same discounts.
    pub fn approval_for(
        priced: &PricedQuote,
        previous: Approval,
        discounts_changed: bool,
    ) -> Approval {
        if !priced.needs_approval {
            Approval::NotNeeded
        } else if discounts_changed || previous == Approval::NotNeeded {
            Approval::Pending
        } else {
            previous
        }
    }

    /// A new revision of this quote: same lines, number and customer, a fresh validity, a draft.
    pub fn revise(&self, id: QuoteId, me: UserId, today: NaiveDate) -> Quote {
        Quote {
            id,
            number: self.number.clone(),
            revision: self.revision + 1,
            supersedes: Some(self.id),
            superseded_by: None,
            quote_for: self.quote_for,
            deal_id: self.deal_id,
            currency: self.currency,
            lines: self.lines.clone(),
            totals: self.totals,
            valid_until: default_validity(today),
            notes: self.notes.clone(),
            owner_id: me,
            created_on: today,
            status: QuoteStatus::Draft,
            approval: if self.approval == Approval::NotNeeded {
                Approval::NotNeeded
            } else {
                Approval::Pending
            },
            approval_reason: None,
            status_reason: None,
            sent_on: None,
            decided_on: None,
        }
    }
}

/// `today` plus the default validity.
pub fn default_validity(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(DEFAULT_VALIDITY_DAYS))
        .unwrap_or(today)
}

/// One line of the quote form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineForm {
    pub product_id: Option<crate::ids::ProductId>,
    /// Mailboxes, as typed.
    pub quantity: String,
    pub term_months: u32,
    /// A percentage as typed, such as `12.5`.
    pub discount: String,
}

/// The quote builder's form as the user typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteForm {
    pub quote_for: Option<QuoteFor>,
    pub deal_id: Option<DealId>,
    pub lines: Vec<LineForm>,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    pub notes: String,
}

impl QuoteForm {
    pub fn from_quote(q: &Quote) -> Self {
        Self {
            quote_for: Some(q.quote_for),
            deal_id: q.deal_id,
            lines: q
                .lines
                .iter()
                .map(|l| LineForm {
                    product_id: Some(l.product_id),
                    quantity: l.quantity.to_string(),
                    term_months: l.term_months,
                    discount: l.discount.to_input(),
                })
                .collect(),
            valid_until: q.valid_until.to_string(),
            notes: q.notes.clone(),
        }
    }

    /// The lines that parse, for live totals while the user types (a half-typed line is skipped).
    pub fn parsed_lines(&self) -> Vec<QuoteLine> {
        self.lines
            .iter()
            .filter_map(|l| parse_line(l).ok())
            .collect()
    }

    /// The priced quote fields (lines, totals, validity…) applied to `base`, or every field error at
    /// once. `base` is a new draft or the stored draft being edited.
    pub fn apply(
        &self,
        mut base: Quote,
        book: &PriceBook,
        today: NaiveDate,
    ) -> Result<(Quote, PricedQuote), Vec<ApiError>> {
        let mut errors = Vec::new();
        match self.quote_for {
            Some(f) => base.quote_for = f,
            None => errors.push(ApiError::invalid(
                "quote_for",
                "Choose the prospect or customer this quote is for.",
            )),
        }
        base.deal_id = self.deal_id;
        let mut lines = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            match parse_line(l) {
                Ok(line) => lines.push(line),
                Err((field, message)) => {
                    errors.push(ApiError::invalid(format!("lines[{i}].{field}"), message))
                }
            }
        }
        if self.lines.is_empty() {
            errors.push(ApiError::invalid("lines", "Add at least one product line."));
        }
        match NaiveDate::parse_from_str(self.valid_until.trim(), "%Y-%m-%d") {
            Ok(d) => base.valid_until = d,
            Err(_) => errors.push(ApiError::invalid(
                "valid_until",
                "Enter the date the quote is valid until.",
            )),
        }
        base.notes = self.notes.trim().to_owned();
        base.lines = lines;
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(p) = base.lines.first().and_then(|l| book.product(l.product_id)) {
            base.currency = p.list_price.currency;
        }
        let priced = pricing::price_quote(book, &base.lines, base.currency)
            .map_err(|es| es.iter().map(|(i, e)| e.to_api(*i)).collect::<Vec<_>>())?;
        base.totals = priced.totals;
        base.check(book, today)?;
        Ok((base, priced))
    }
}

fn parse_line(l: &LineForm) -> Result<QuoteLine, (&'static str, String)> {
    let product_id = l
        .product_id
        .ok_or(("product_id", "Choose a product.".to_owned()))?;
    let quantity: u32 = l
        .quantity
        .trim()
        .replace(',', "")
        .parse()
        .ok()
        .filter(|q| (1..=pricing::MAX_QUANTITY).contains(q))
        .ok_or((
            "quantity",
            format!(
                "Enter the number of mailboxes, from 1 to {}.",
                pricing::MAX_QUANTITY
            ),
        ))?;
    let discount = if l.discount.trim().is_empty() {
        Percent(0)
    } else {
        Percent::parse(&l.discount)
            .filter(|d| *d <= Percent::FULL)
            .ok_or((
                "discount",
                "Enter a discount from 0 to 100, like 12.5.".to_owned(),
            ))?
    };
    Ok(QuoteLine {
        product_id,
        quantity,
        term_months: l.term_months,
        discount,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn life_cycle_follows_the_rules() {
        let until = day("2026-12-31");
        let today = day("2026-11-25");
        let s = QuoteStatus::Draft;
        assert_eq!(
            s.apply(QuoteAction::Send, Approval::NotNeeded, until, today),
            Ok(QuoteStatus::Sent)
        );
        assert_eq!(
            s.apply(QuoteAction::Send, Approval::Pending, until, today),
            Err(QuoteError::AwaitingApproval)
        );
        assert_eq!(
            s.apply(QuoteAction::Send, Approval::Approved, until, today),
            Ok(QuoteStatus::Sent)
        );
        assert!(s
            .apply(QuoteAction::Accept, Approval::NotNeeded, until, today)
            .is_err());
        assert_eq!(
            QuoteStatus::Sent.apply(QuoteAction::Accept, Approval::NotNeeded, until, today),
            Ok(QuoteStatus::Accepted)
        );
        assert_eq!(
            QuoteStatus::Sent.apply(QuoteAction::Decline, Approval::NotNeeded, until, today),
            Ok(QuoteStatus::Declined)
        );
        assert_eq!(
            QuoteStatus::Sent.apply(
                QuoteAction::Accept,
                Approval::NotNeeded,
                day("2026-11-01"),
                today
            ),
            Err(QuoteError::Expired)
        );
        let e = QuoteStatus::Superseded
            .apply(QuoteAction::Accept, Approval::NotNeeded, until, today)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "This quote is superseded, so it cannot be accepted."
        );
    }

    #[test]
    fn percent_and_quantity_errors_name_their_line() {
        let f = QuoteForm {
            quote_for: None,
            deal_id: None,
            lines: vec![LineForm {
                product_id: None,
                quantity: "ten".into(),
                term_months: 12,
                discount: "150".into(),
            }],
            valid_until: "soon".into(),
            notes: String::new(),
        };
        let base = Quote {
            id: QuoteId::from_uuid(uuid::Uuid::from_u128(1)),
            number: None,
            revision: 1,
            supersedes: None,
            superseded_by: None,
            quote_for: QuoteFor::Prospect(ProspectId::from_uuid(uuid::Uuid::from_u128(2))),
            deal_id: None,
            currency: Currency::USD,
            lines: vec![],
            totals: QuoteTotals::zero(Currency::USD),
            valid_until: day("2026-12-25"),
            notes: String::new(),
            owner_id: UserId::from_uuid(uuid::Uuid::from_u128(3)),
            created_on: day("2026-11-25"),
            status: QuoteStatus::Draft,
            approval: Approval::NotNeeded,
            approval_reason: None,
            status_reason: None,
            sent_on: None,
            decided_on: None,
        };
        let errors = f
            .apply(base, &PriceBook::default(), day("2026-11-25"))
            .unwrap_err();
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["quote_for", "lines[0].product_id", "valid_until"]);
    }
}
