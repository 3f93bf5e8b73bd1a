//! Sales › Quotes: a quote as a PDF file — the quote, priced with the cached price book, with the
//! partner firm (the letterhead), the prospect or customer it is for and the vendor, mapped into
//! portal-pdf's view model and written where the user chose. Works offline: everything comes from
//! the cache.

use super::quotes;
use crate::{
    error::ClientError,
    lists::quotes::listed_one,
    portal::{PARTNER, PROFILE},
    replica::copy,
    store::names::person,
    Portal,
};
use chrono::Utc;
use portal_core::{
    api::{
        auth::Profile,
        partner::{Address, PartnerDetails},
    },
    ids::QuoteId,
    pricing,
    prospect::Prospect,
    quote::{Quote, QuoteFor, QuoteStatus},
    quoting::PdfAudience,
    sync::Entity,
    ApiError, ErrorKind,
};
use portal_pdf::{Audience, DocLine, DocTotals, Party, QuoteDocument};
use sqlx::SqliteConnection;
use std::path::Path;

/// What every printed quote says about its prices and validity.
fn terms(quote: &Quote, vendor: &str) -> String {
    format!(
        "Prices are per mailbox per month, in {currency}, and are charged for the whole term of \
         each line. This quote is valid until {until}; it becomes an order when you accept it and \
         send your purchase order. Subscriptions start when the order has been provisioned. \
         {vendor}'s terms of service apply to every subscription.",
        currency = quote.currency.code(),
        // As the rest of the document writes dates: `25 December 2026`.
        until = quote.valid_until.format("%-d %B %Y"),
    )
}

/// The prospect or customer a quote is for, as the document addresses it.
async fn addressee(
    conn: &mut SqliteConnection,
    scope: &str,
    quote_for: QuoteFor,
) -> Result<Party, ClientError> {
    let (entity, id) = match quote_for {
        QuoteFor::Prospect(p) => (Entity::Prospect, p.0),
        QuoteFor::Customer(c) => (Entity::Customer, c.0),
    };
    let Some(view) = copy::view(conn, scope, entity, id).await? else {
        return Ok(Party {
            name: String::new(),
            lines: Vec::new(),
        });
    };
    let keep = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    };
    if let QuoteFor::Prospect(_) = quote_for {
        let p: Prospect = view.decode()?;
        let mut lines = vec![p.primary_contact.full_name()];
        lines.extend(p.address.lines());
        lines.push(p.primary_contact.email.clone());
        return Ok(Party {
            name: p.company_name,
            lines: keep(lines),
        });
    }
    let text = |field: &str| {
        view.body
            .get(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let address: Address = view
        .body
        .get("address")
        .and_then(|a| serde_json::from_value(a.clone()).ok())
        .unwrap_or_default();
    let mut lines = vec![text("contact_name")];
    lines.extend(address.lines());
    lines.push(text("contact_email"));
    Ok(Party {
        name: text("company_name"),
        lines: keep(lines),
    })
}

/// `Quote Q-000042 rev 2.pdf`, without characters a file name may not hold.
fn file_name(reference: &str, audience: PdfAudience) -> String {
    let suffix = match audience {
        PdfAudience::Customer => "",
        PdfAudience::Internal => " (internal)",
    };
    let name: String = format!("Quote {reference}{suffix}")
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!("{}.pdf", name.trim())
}

impl Portal {
    /// The file name a save dialog offers for the quote's PDF.
    pub async fn quote_file_name(
        &self,
        id: QuoteId,
        audience: PdfAudience,
    ) -> Result<String, ClientError> {
        let detail = self.quote(id).await?;
        let reference = match detail.quote.number {
            Some(_) => detail.reference,
            None if detail.for_name.is_empty() => "draft".into(),
            None => format!("for {}", detail.for_name),
        };
        Ok(file_name(&reference, audience))
    }

    /// The quote as the PDF shows it: for the customer (their prices only) or for the firm's own
    /// use (with RRP, cost and margin). A draft prints as DRAFT.
    pub async fn quote_document(
        &self,
        id: QuoteId,
        audience: PdfAudience,
    ) -> Result<QuoteDocument, ClientError> {
        let (scope, me) = self.me().await?;
        let branding = self.session().await?.branding;
        let book = self.price_book().await?;
        let today = Utc::now().date_naive();
        // Read before the connection is taken: the pool has one.
        let details = self.cache.get::<PartnerDetails>(&scope, PARTNER).await?;
        let profile = self.cache.get::<Profile>(&scope, PROFILE).await?;
        let mut conn = self.cache.pool().acquire().await?;
        let (quote, _) = quotes::current(&mut conn, &scope, id).await?;
        let row = listed_one(&mut conn, &scope, today, id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This quote")))?;
        let status: QuoteStatus = row.into_row()?.status;
        let priced = pricing::price_quote(&book, &quote.lines, quote.currency).map_err(|errors| {
            let detail = errors
                .first()
                .map(|(_, e)| e.to_string())
                .unwrap_or_default();
            ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                format!("This quote cannot be priced with the current price book, so it cannot be printed: {detail}"),
            ))
        })?;
        // A printed quote must say what the customer was quoted: when the price book moved since,
        // the stored figures stand and the lines can no longer be printed to match them.
        if priced.totals != quote.totals {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                format!(
                    "The price book changed since this quote was priced (it was {}, today's prices make it {}). \
                     Edit the draft or revise the quote to print it with current prices.",
                    quote.totals.total, priced.totals.total
                ),
            )));
        }
        let partner = match details {
            Some(p) => {
                let p = p.value;
                let mut lines = p.address.lines();
                lines.extend([p.phone, p.website].into_iter().filter(|l| !l.is_empty()));
                Party {
                    name: p.name,
                    lines,
                }
            }
            None => Party {
                name: profile.map(|p| p.value.partner.name).unwrap_or_default(),
                lines: Vec::new(),
            },
        };
        let customer = addressee(&mut conn, &scope, quote.quote_for).await?;
        let owner = quote.owner_id.to_string();
        let prepared_by = match person(&mut conn, &scope, &owner).await? {
            Some(name) => name,
            None if quote.owner_id == me => {
                person(&mut conn, &scope, &scope).await?.unwrap_or_default()
            }
            None => String::new(),
        };
        let descriptions = |sku: &str| {
            book.products
                .iter()
                .find(|p| p.sku == sku)
                .map(|p| p.description.clone())
                .unwrap_or_default()
        };
        let lines = quote
            .lines
            .iter()
            .zip(&priced.lines)
            .map(|(line, price)| DocLine {
                sku: price.sku.clone(),
                name: price.name.clone(),
                description: descriptions(&price.sku),
                quantity: line.quantity,
                term_months: line.term_months,
                unit_monthly: price.unit_monthly,
                discount: line.discount,
                total: price.total,
                rrp_total: price.rrp_total,
                cost_total: price.cost_total,
                margin: price.margin,
            })
            .collect();
        let t = priced.totals;
        let number = quote
            .number
            .clone()
            .unwrap_or_else(|| "Not numbered yet".into());
        let title = match (&quote.number, quote.revision) {
            (Some(n), 1) => format!("Quote {n}"),
            (Some(n), r) => format!("Quote {n} revision {r}"),
            (None, _) => format!("Quote for {}", customer.name),
        };
        Ok(QuoteDocument {
            audience: match audience {
                PdfAudience::Customer => Audience::Customer,
                PdfAudience::Internal => Audience::Internal,
            },
            draft: status == QuoteStatus::Draft,
            title,
            number,
            revision: quote.revision,
            issued_on: quote.sent_on.unwrap_or(quote.created_on),
            valid_until: quote.valid_until,
            vendor: Party {
                name: branding.vendor_name.clone(),
                lines: [
                    branding.support_email.clone(),
                    branding.support_phone.clone(),
                ]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect(),
            },
            partner,
            customer,
            prepared_by,
            currency: quote.currency,
            lines,
            totals: DocTotals {
                total: t.total,
                rrp_total: t.rrp_total,
                cost_total: t.cost_total,
                margin: t.margin,
                margin_bp: t.margin_bp,
                savings: t.savings(),
            },
            notes: quote.notes.clone(),
            terms: terms(&quote, &branding.vendor_name),
        })
    }

    /// Writes the quote's PDF to `path` (see [`Portal::quote_document`]).
    pub async fn quote_pdf(
        &self,
        id: QuoteId,
        audience: PdfAudience,
        path: &Path,
    ) -> Result<(), ClientError> {
        let document = self.quote_document(id, audience).await?;
        let bytes = portal_pdf::render(&document);
        tokio::fs::write(path, bytes)
            .await
            .map_err(|e| ClientError::File {
                path: path.display().to_string(),
                message: e.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_hold_no_path_characters() {
        assert_eq!(
            file_name("Q-000042 rev 2", PdfAudience::Internal),
            "Quote Q-000042 rev 2 (internal).pdf"
        );
        assert_eq!(
            file_name("for A/B: \"C\"", PdfAudience::Customer),
            "Quote for A-B- -C-.pdf"
        );
    }
}
