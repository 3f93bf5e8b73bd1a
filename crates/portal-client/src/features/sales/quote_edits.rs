//! Sales › Quotes: save and delete drafts, take the partner's steps (sent, accepted, declined)
//! and make revisions, as queued changes. Each action is one local transaction, checked with
//! portal-core's rules before anything is queued: a quote the server would refuse never reaches
//! the outbox.

use super::quotes::{conflict, current, not_found, shown_approval};
use crate::{
    error::ClientError,
    lists::{labels::quote_label, parties::party, price_book::cached_products, quotes::listed_one},
    replica::{
        copy,
        outbox::{self, NewChange},
    },
    store::read,
    Portal,
};
use chrono::{NaiveDate, Utc};
use portal_core::{
    ids::{ProspectId, QuoteId, UserId},
    money::Currency,
    pricebook::PriceBook,
    pricing::QuoteTotals,
    quote::{default_validity, Approval, Quote, QuoteAction, QuoteFor, QuoteForm, QuoteStatus},
    quoting::QuoteDetail,
    sync::{changed_fields, Entity, MutationOp},
    ApiError,
};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// A new draft for `me`, before the form is applied to it.
fn new_quote(id: QuoteId, me: UserId, today: NaiveDate, book: &PriceBook) -> Quote {
    let currency = book
        .products
        .iter()
        .find(|p| p.active)
        .map_or(Currency::USD, |p| p.list_price.currency);
    Quote {
        id,
        number: None,
        revision: 1,
        supersedes: None,
        superseded_by: None,
        // Set by the form (which refuses to go on without one).
        quote_for: QuoteFor::Prospect(ProspectId::from_uuid(Uuid::nil())),
        deal_id: None,
        currency,
        lines: Vec::new(),
        totals: QuoteTotals::zero(currency),
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

/// The record label of a quote's change.
async fn label(
    conn: &mut SqliteConnection,
    scope: &str,
    quote: &Quote,
) -> Result<String, ClientError> {
    let name = party(conn, scope, quote.quote_for)
        .await?
        .map(|(n, _)| n)
        .unwrap_or_default();
    Ok(quote_label(quote.number.as_deref(), quote.revision, &name))
}

/// What the form refers to that the cache must know: the prospect or customer, and the deal
/// registration (of that prospect). `before` is the quote being edited, whose references stand.
async fn reference_errors(
    conn: &mut SqliteConnection,
    scope: &str,
    form: &QuoteForm,
    before: Option<&Quote>,
) -> Result<Vec<ApiError>, ClientError> {
    let mut errors = Vec::new();
    if let Some(quote_for) = form.quote_for {
        let unchanged = before.is_some_and(|b| b.quote_for == quote_for);
        if !unchanged && party(conn, scope, quote_for).await?.is_none() {
            errors.push(ApiError::invalid(
                "quote_for",
                "Choose one of your prospects or customers.",
            ));
        }
    }
    if let Some(deal) = form.deal_id {
        let unchanged = before.is_some_and(|b| b.deal_id == Some(deal));
        if !unchanged {
            let prospect: Option<String> =
                sqlx::query_scalar("SELECT prospect_id FROM deal WHERE scope = ?1 AND id = ?2")
                    .bind(scope)
                    .bind(deal.to_string())
                    .fetch_optional(&mut *conn)
                    .await?;
            match (prospect, form.quote_for) {
                (None, _) => errors.push(ApiError::invalid(
                    "deal_id",
                    "Choose one of your deal registrations.",
                )),
                (Some(p), Some(QuoteFor::Prospect(q))) if p != q.to_string() => errors.push(
                    ApiError::invalid("deal_id", "This deal registration is for another prospect."),
                ),
                _ => {}
            }
        }
    }
    Ok(errors)
}

impl Portal {
    /// Creates a draft (`id` of `None`) or edits a draft: the form is priced with the cached
    /// price book and checked as the server checks it, then queued (a new quote whole, an edit as
    /// the fields it changes). Every field error is returned at once ([`ClientError::Form`]).
    pub async fn save_quote(
        &self,
        id: Option<QuoteId>,
        form: QuoteForm,
    ) -> Result<QuoteDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let book = self.price_book().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let before = match id {
            None => None,
            Some(id) => {
                let view = copy::view(&mut tx, &scope, Entity::Quote, id.0)
                    .await?
                    .ok_or_else(not_found)?;
                let quote: Quote = view.decode()?;
                if quote.status != QuoteStatus::Draft {
                    return Err(conflict(format!(
                        "This quote is {}; only a draft can be edited. Revise it to change it.",
                        quote.status.label().to_lowercase()
                    )));
                }
                Some((quote, view))
            }
        };
        let base = match &before {
            Some((quote, _)) => quote.clone(),
            None => new_quote(QuoteId::from_uuid(Uuid::now_v7()), me, today, &book),
        };
        let references =
            reference_errors(&mut tx, &scope, &form, before.as_ref().map(|(q, _)| q)).await?;
        let (mut quote, priced) = match form.apply(base, &book, today) {
            Ok(applied) if references.is_empty() => applied,
            Ok(_) => return Err(ClientError::from_form(references)),
            Err(mut errors) => {
                errors.extend(references);
                return Err(ClientError::from_form(errors));
            }
        };
        let op = match &before {
            None => {
                quote.approval = Quote::approval_for(&priced, Approval::NotNeeded, false);
                let body = serde_json::to_value(&quote).expect("a quote serializes");
                MutationOp::Create { body }
            }
            Some((_, view)) => {
                let body = serde_json::to_value(&quote).expect("a quote serializes");
                let mut fields = changed_fields(&view.body, &body);
                fields.retain(|k, _| Quote::is_partner_field(k));
                match outbox::edit(view.version, fields) {
                    Some(edit) => edit,
                    None => {
                        drop(tx);
                        return self.quote(quote.id).await;
                    }
                }
            }
        };
        let change = NewChange {
            entity: Entity::Quote,
            record_id: quote.id.0,
            op,
            record_label: label(&mut tx, &scope, &quote).await?,
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.quote(quote.id).await
    }

    /// Deletes a draft (a draft revision: the quote it revises stands again).
    pub async fn delete_quote(&self, id: QuoteId) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let (quote, version) = current(&mut tx, &scope, id).await?;
        if quote.status != QuoteStatus::Draft {
            return Err(conflict("Only a draft quote can be deleted."));
        }
        let change = NewChange {
            entity: Entity::Quote,
            record_id: id.0,
            op: MutationOp::Delete {
                base_version: version,
            },
            record_label: label(&mut tx, &scope, &quote).await?,
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        Ok(())
    }

    /// A partner's step (mark as sent, accepted or declined by the customer), checked here first
    /// against the quote's status as of today, its approval and its validity. It shows as waiting
    /// for the server until the server answers.
    pub async fn quote_action(
        &self,
        id: QuoteId,
        action: QuoteAction,
    ) -> Result<QuoteDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let (quote, version) = current(&mut tx, &scope, id).await?;
        let row = listed_one(&mut tx, &scope, today, id)
            .await?
            .ok_or_else(not_found)?;
        let shown: QuoteStatus = read::wire(&row.shown_status)?;
        let products = cached_products(&mut tx, &scope).await?;
        let approval = shown_approval(&mut tx, &scope, &quote, &products).await?;
        shown
            .apply(action, approval, quote.valid_until, today)
            .map_err(|e| conflict(e.to_string()))?;
        let change = NewChange {
            entity: Entity::Quote,
            record_id: id.0,
            op: MutationOp::Act {
                base_version: version,
                action: action.into(),
            },
            record_label: label(&mut tx, &scope, &quote).await?,
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.quote(id).await
    }

    /// A new revision of a quote the customer has seen: the same number, lines and customer,
    /// repriced with today's price book, as a draft. The quote it revises shows as superseded at
    /// once.
    pub async fn revise_quote(&self, id: QuoteId) -> Result<QuoteDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let book = self.price_book().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let (quote, _) = current(&mut tx, &scope, id).await?;
        let row = listed_one(&mut tx, &scope, today, id)
            .await?
            .ok_or_else(not_found)?;
        let shown: QuoteStatus = read::wire(&row.shown_status)?;
        if !shown.is_revisable() {
            return Err(conflict(match shown {
                QuoteStatus::Draft => {
                    "This quote is a draft: edit it instead of revising it.".into()
                }
                other => format!(
                    "This quote is {}, so it cannot be revised.",
                    other.label().to_lowercase()
                ),
            }));
        }
        let revised = quote.revise(QuoteId::from_uuid(Uuid::now_v7()), me, today);
        let form = QuoteForm::from_quote(&revised);
        let (mut revised, priced) = form
            .apply(revised, &book, today)
            .map_err(ClientError::from_form)?;
        revised.approval = Quote::approval_for(&priced, Approval::NotNeeded, false);
        let body = serde_json::to_value(&revised).expect("a quote serializes");
        let change = NewChange {
            entity: Entity::Quote,
            record_id: revised.id.0,
            op: MutationOp::Create { body },
            record_label: label(&mut tx, &scope, &revised).await?,
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.quote(revised.id).await
    }
}
