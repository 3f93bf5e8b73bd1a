//! The pricing engine: one quote line and a whole quote, at the customer's price, at RRP and at the
//! partner's cost. The UI prices as the user types, the client before it queues a quote, and the
//! server again to refuse any quote or order whose figures do not add up. Money is integer minor
//! units throughout; no float is ever involved.
//!
//! For a line of `q` mailboxes over `t` months of a product listed at `L` per mailbox-month, with
//! volume tier discount `a`, term discount `b`, the partner's discount `d` and the firm's margin `m`:
//!
//! - value at RRP   = `L·q·t`
//! - standard price = `L·q·t·(1−a)·(1−b)` (the vendor's own volume and term discounts)
//! - customer total = `standard·(1−d)`
//! - cost           = `standard·(1−m)`
//! - margin         = customer total − cost (negative when `d` is deeper than `m`)
//!
//! Each line figure is computed exactly and rounded once, half away from zero, to a minor unit; a
//! quote's figures are the sums of its lines' rounded figures, so a printed quote always adds up.

use crate::error::ApiError;
use crate::ids::ProductId;
use crate::money::{Currency, Money, Percent};
use crate::pricebook::{PriceBook, Product};
use serde::{Deserialize, Serialize};

/// The most mailboxes one line may quote.
pub const MAX_QUANTITY: u32 = 1_000_000;

const BP: i128 = 10_000;

/// What the user chooses for one line of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteLine {
    pub product_id: ProductId,
    /// Mailboxes.
    pub quantity: u32,
    pub term_months: u32,
    /// The partner's discount off the standard price.
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub discount: Percent,
}

/// One line's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePrice {
    pub sku: String,
    pub name: String,
    /// RRP of one mailbox for one month.
    pub list_unit: Money,
    pub tier_discount: Percent,
    pub term_discount: Percent,
    /// The customer's price of one mailbox for one month after every discount (for display; the
    /// totals are computed from the exact figure, not from this rounded one).
    pub unit_monthly: Money,
    pub rrp_total: Money,
    pub total: Money,
    pub cost_total: Money,
    pub margin: Money,
    /// The discount is deeper than the product allows without the vendor's approval.
    pub needs_approval: bool,
    pub discount_cap: Percent,
}

/// A quote's figures: the sums of its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteTotals {
    /// Value at RRP.
    pub rrp_total: Money,
    /// What the customer pays over the whole term.
    pub total: Money,
    /// What the partner pays the vendor.
    pub cost_total: Money,
    /// `total − cost_total`.
    pub margin: Money,
    /// Margin as a share of `total`, in signed basis points (0 when the total is 0).
    pub margin_bp: i64,
}

impl QuoteTotals {
    pub fn zero(currency: Currency) -> Self {
        let z = Money::new(0, currency);
        Self {
            rrp_total: z,
            total: z,
            cost_total: z,
            margin: z,
            margin_bp: 0,
        }
    }

    /// What the customer saves against RRP.
    pub fn savings(&self) -> Money {
        Money::new(self.rrp_total.minor - self.total.minor, self.total.currency)
    }
}

/// A whole quote priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedQuote {
    pub lines: Vec<LinePrice>,
    pub totals: QuoteTotals,
    /// Some line's discount needs the vendor's approval.
    pub needs_approval: bool,
}

/// Why a line cannot be priced; shown under the line's field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("Choose a product from the price book.")]
    UnknownProduct,
    #[error("{0} is no longer sold; choose another product.")]
    Inactive(String),
    #[error("Enter between 1 and {MAX_QUANTITY} mailboxes.")]
    Quantity,
    #[error("{name} is offered for {terms} months.")]
    Term { name: String, terms: String },
    #[error("A discount cannot be more than 100%.")]
    Discount,
    #[error("{name} is priced in {found}; every line of a quote must be in {quote}.")]
    Currency {
        name: String,
        found: &'static str,
        quote: &'static str,
    },
    #[error("A quote needs at least one line.")]
    NoLines,
    #[error("The amounts are too large to price.")]
    Overflow,
}

impl PricingError {
    /// The form field the error belongs to, for line `index` (0-based).
    pub fn field(&self, index: usize) -> String {
        let name = match self {
            PricingError::UnknownProduct
            | PricingError::Inactive(_)
            | PricingError::Currency { .. } => "product_id",
            PricingError::Quantity => "quantity",
            PricingError::Term { .. } => "term_months",
            PricingError::Discount => "discount",
            PricingError::NoLines => return "lines".into(),
            PricingError::Overflow => "quantity",
        };
        format!("lines[{index}].{name}")
    }

    pub fn to_api(&self, index: usize) -> ApiError {
        ApiError::invalid(self.field(index), self.to_string())
    }
}

/// `n / d` rounded half away from zero (`d > 0`).
fn round_div(n: i128, d: i128) -> i128 {
    let half = d / 2;
    if n >= 0 {
        (n + half) / d
    } else {
        -((-n + half) / d)
    }
}

fn to_money(minor: i128, currency: Currency) -> Result<Money, PricingError> {
    i64::try_from(minor)
        .map(|m| Money::new(m, currency))
        .map_err(|_| PricingError::Overflow)
}

/// Prices one line in `currency`.
pub fn price_line(
    book: &PriceBook,
    line: &QuoteLine,
    currency: Currency,
) -> Result<LinePrice, PricingError> {
    let product = book
        .product(line.product_id)
        .ok_or(PricingError::UnknownProduct)?;
    price_product_line(product, book.margin, line, currency)
}

fn price_product_line(
    product: &Product,
    margin: Percent,
    line: &QuoteLine,
    currency: Currency,
) -> Result<LinePrice, PricingError> {
    if !product.active {
        return Err(PricingError::Inactive(product.name.clone()));
    }
    if product.list_price.currency != currency {
        return Err(PricingError::Currency {
            name: product.name.clone(),
            found: product.list_price.currency.code(),
            quote: currency.code(),
        });
    }
    if line.quantity == 0 || line.quantity > MAX_QUANTITY {
        return Err(PricingError::Quantity);
    }
    let term_discount =
        product
            .term_discount(line.term_months)
            .ok_or_else(|| PricingError::Term {
                name: product.name.clone(),
                terms: join_terms(&product.terms()),
            })?;
    if line.discount > Percent::FULL {
        return Err(PricingError::Discount);
    }
    let tier_discount = product.tier_discount(line.quantity);
    let keep = |p: Percent| BP - i128::from(p.basis_points().min(10_000));
    let list = i128::from(product.list_price.minor);
    let rrp = list * i128::from(line.quantity) * i128::from(line.term_months);
    // The standard price scaled by BP², kept exact until each figure is rounded once.
    let standard = rrp * keep(tier_discount) * keep(term_discount);
    let total = round_div(standard * keep(line.discount), BP * BP * BP);
    let cost = round_div(standard * keep(margin), BP * BP * BP);
    let unit = round_div(
        list * keep(tier_discount) * keep(term_discount) * keep(line.discount),
        BP * BP * BP,
    );
    Ok(LinePrice {
        sku: product.sku.clone(),
        name: product.name.clone(),
        list_unit: product.list_price,
        tier_discount,
        term_discount,
        unit_monthly: to_money(unit, currency)?,
        rrp_total: to_money(rrp, currency)?,
        total: to_money(total, currency)?,
        cost_total: to_money(cost, currency)?,
        margin: to_money(total - cost, currency)?,
        needs_approval: line.discount > product.discount_cap,
        discount_cap: product.discount_cap,
    })
}

fn join_terms(terms: &[u32]) -> String {
    let t: Vec<String> = terms.iter().map(u32::to_string).collect();
    match t.len() {
        0 => "no".into(),
        1 => t[0].clone(),
        n => format!("{} or {}", t[..n - 1].join(", "), t[n - 1]),
    }
}

/// Sums priced lines into a quote's totals.
pub fn sum_lines(lines: &[LinePrice], currency: Currency) -> Result<QuoteTotals, PricingError> {
    let mut t = [0i128; 3];
    for l in lines {
        t[0] += i128::from(l.rrp_total.minor);
        t[1] += i128::from(l.total.minor);
        t[2] += i128::from(l.cost_total.minor);
    }
    let margin = t[1] - t[2];
    let margin_bp = if t[1] == 0 {
        0
    } else {
        round_div(margin * BP, t[1])
    };
    Ok(QuoteTotals {
        rrp_total: to_money(t[0], currency)?,
        total: to_money(t[1], currency)?,
        cost_total: to_money(t[2], currency)?,
        margin: to_money(margin, currency)?,
        margin_bp: i64::try_from(margin_bp).map_err(|_| PricingError::Overflow)?,
    })
}

/// Prices every line of a quote, or every line's error (with its 0-based index) at once.
pub fn price_quote(
    book: &PriceBook,
    lines: &[QuoteLine],
    currency: Currency,
) -> Result<PricedQuote, Vec<(usize, PricingError)>> {
    if lines.is_empty() {
        return Err(vec![(0, PricingError::NoLines)]);
    }
    let mut priced = Vec::with_capacity(lines.len());
    let mut errors = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match price_line(book, line, currency) {
            Ok(p) => priced.push(p),
            Err(e) => errors.push((i, e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let totals = sum_lines(&priced, currency).map_err(|e| vec![(0, e)])?;
    Ok(PricedQuote {
        needs_approval: priced.iter().any(|l| l.needs_approval),
        lines: priced,
        totals,
    })
}

/// Whether figures a client sent are the ones the price book gives; the reason when they are not.
pub fn check_totals(sent: &QuoteTotals, priced: &QuoteTotals) -> Result<(), ApiError> {
    let mismatch = [
        ("total", sent.total, priced.total),
        ("value at RRP", sent.rrp_total, priced.rrp_total),
        ("cost", sent.cost_total, priced.cost_total),
        ("margin", sent.margin, priced.margin),
    ]
    .into_iter()
    .find(|(_, s, p)| s != p);
    match mismatch {
        Some((what, s, p)) => Err(ApiError::invalid(
            "totals",
            format!(
                "The quote's {what} is {s}, but the current price book makes it {p}. \
                 Open the quote to reprice it with the latest prices, then save it again."
            ),
        )),
        None if sent.margin_bp != priced.margin_bp => Err(ApiError::invalid(
            "totals",
            "The quote's margin percentage does not match its figures. Open the quote to reprice it, then save it again.",
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
