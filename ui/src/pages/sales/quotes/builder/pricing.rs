//! The quote builder's live figures and checks: each line priced as typed and the quote's totals,
//! by portal-core's one pricing engine, and every field's message from the same rules the shell
//! and the server apply ([`QuoteForm::apply`]).

use crate::hooks::{field_errors, FieldErrors};
use chrono::NaiveDate;
use portal_core::{
    ids::{ProductId, ProspectId, QuoteId, UserId},
    money::Currency,
    pricebook::PriceBook,
    pricing::{self, LinePrice, QuoteLine, QuoteTotals},
    quote::{default_validity, Approval, LineForm, Quote, QuoteFor, QuoteForm, QuoteStatus},
};

/// The builder's figures as the form stands.
pub struct LiveQuote {
    /// Each line's figures, when it is complete and the price book prices it.
    pub lines: Vec<Option<LinePrice>>,
    /// The sums of the lines priced so far.
    pub totals: QuoteTotals,
    /// Some line's discount is above its product's cap.
    pub needs_approval: bool,
    /// Every line is priced: the totals are the quote's.
    pub complete: bool,
}

/// One line as typed, parsed as the rules parse it, or `None` while it is incomplete or invalid.
pub fn parse_line(line: &LineForm) -> Option<QuoteLine> {
    QuoteForm {
        lines: vec![line.clone()],
        ..QuoteForm::default()
    }
    .parsed_lines()
    .pop()
}

/// The quote's currency: that of the first line's product (as the rules decide), else the price
/// book's first product's.
fn currency_of(book: &PriceBook, form: &QuoteForm) -> Currency {
    form.lines
        .iter()
        .filter_map(|l| l.product_id.and_then(|id| book.product(id)))
        .chain(book.products.iter())
        .map(|p| p.list_price.currency)
        .next()
        .unwrap_or(Currency::USD)
}

/// Prices every line that can be priced, and sums them.
pub fn price_form(book: &PriceBook, form: &QuoteForm) -> LiveQuote {
    let currency = currency_of(book, form);
    let lines: Vec<Option<LinePrice>> = form
        .lines
        .iter()
        .map(|l| parse_line(l).and_then(|q| pricing::price_line(book, &q, currency).ok()))
        .collect();
    let priced: Vec<LinePrice> = lines.iter().flatten().cloned().collect();
    let totals = pricing::sum_lines(&priced, currency).unwrap_or(QuoteTotals::zero(currency));
    LiveQuote {
        needs_approval: priced.iter().any(|l| l.needs_approval),
        complete: !lines.is_empty() && lines.iter().all(Option::is_some),
        lines,
        totals,
    }
}

/// A quote id for checking a form that describes a quote not born yet.
fn unborn_quote() -> QuoteId {
    QuoteId::from_uuid(Default::default())
}

/// What a form is checked against: the draft being edited, or a new draft.
pub fn base_quote(existing: Option<&Quote>, me: UserId, today: NaiveDate) -> Quote {
    if let Some(q) = existing {
        return q.clone();
    }
    Quote {
        id: unborn_quote(),
        number: None,
        revision: 1,
        supersedes: None,
        superseded_by: None,
        quote_for: QuoteFor::Prospect(ProspectId::from_uuid(Default::default())),
        deal_id: None,
        currency: Currency::USD,
        lines: Vec::new(),
        totals: QuoteTotals::zero(Currency::USD),
        valid_until: default_validity(today),
        notes: String::new(),
        owner_id: me,
        created_on: today,
        status: QuoteStatus::Draft,
        approval: Approval::NotNeeded,
        approval_reason: None,
        status_reason: None,
        sent_on: None,
        decided_on: None,
    }
}

/// Every field's message, by the names the rules use (`lines[1].discount`): the rules' own
/// check of the whole form, and the price book's refusal of each line that parses (a term the
/// product does not offer), which the whole-form check reports only once every line parses.
pub fn form_errors(
    base: Quote,
    book: &PriceBook,
    form: &QuoteForm,
    today: NaiveDate,
) -> FieldErrors {
    let mut errors = match form.apply(base, book, today) {
        Ok(_) => FieldErrors::new(),
        Err(errors) => field_errors(&errors),
    };
    let currency = currency_of(book, form);
    for (i, line) in form.lines.iter().enumerate() {
        match parse_line(line) {
            Some(q) => {
                if let Err(e) = pricing::price_line(book, &q, currency) {
                    errors.entry(e.field(i)).or_insert_with(|| e.to_string());
                }
            }
            None => {
                for (part, message) in line_parse_errors(line) {
                    errors
                        .entry(format!("lines[{i}].{part}"))
                        .or_insert(message);
                }
            }
        }
    }
    errors
}

/// Every field of one line the rules refuse, with the rules' messages. The rules stop at a line's
/// first bad field; each bad field found is stood in for by a good value and the line asked
/// again, so a bad discount shows while the product is still to be chosen.
fn line_parse_errors(line: &LineForm) -> Vec<(String, String)> {
    let mut probe = line.clone();
    let mut found = Vec::new();
    // At most one round per field the rules read.
    for _ in 0..4 {
        let form = QuoteForm {
            lines: vec![probe.clone()],
            ..QuoteForm::default()
        };
        let base = base_quote(None, UserId::from_uuid(Default::default()), NaiveDate::MIN);
        let Err(errors) = form.apply(base, &PriceBook::default(), NaiveDate::MIN) else {
            break;
        };
        let Some((part, message)) = errors.into_iter().find_map(|e| {
            let part = e.field.as_deref()?.strip_prefix("lines[0].")?.to_owned();
            Some((part, e.message))
        }) else {
            break;
        };
        match part.as_str() {
            "product_id" => probe.product_id = Some(ProductId::from_uuid(Default::default())),
            "quantity" => probe.quantity = "1".to_owned(),
            "discount" => probe.discount = String::new(),
            _ => {
                found.push((part, message));
                break;
            }
        }
        found.push((part, message));
    }
    found
}
