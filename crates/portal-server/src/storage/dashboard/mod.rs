//! The rows the Dashboard's figures are counted from, read in the caller's scope and handed to
//! `portal_core::dashboard::figures` — the rule the app applies to its cache, so the two agree on
//! the same data. Open statuses are picked by the query to read less; the rule that counts them is
//! the core's.

mod sqlite;

use super::{reference, Conn, On};
use crate::error::Result;
use chrono::NaiveDate;
use portal_core::dashboard::Rows;
use portal_core::ids::{PartnerId, UserId};

/// The firm's rows — of every owner, or only `owner`'s prospects, deals, quotes and orders — with
/// the Customers area's when `customers_area`, as of `today`.
pub async fn rows(
    db: &mut Conn,
    partner: PartnerId,
    owner: Option<UserId>,
    customers_area: bool,
    today: NaiveDate,
) -> Result<Rows> {
    let mut rows = match db.on() {
        On::Sqlite(c) => sqlite::rows(c, partner, owner, customers_area, today).await?,
    };
    rows.news = reference::news(db).await?;
    Ok(rows)
}
