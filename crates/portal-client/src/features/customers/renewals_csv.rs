//! Customers › Renewals: the renewals that match, as CSV for a spreadsheet (RFC 4180, amounts as
//! plain decimals, nothing a spreadsheet would run as a formula), saved where the user chose.

use super::renewals::renewal_rows;
use crate::{error::ClientError, Portal};
use chrono::Utc;
use portal_core::customers::{RenewalQuery, RenewalRow};

/// An amount as a plain decimal in its major unit: `1234.50`, `-0.05`.
pub fn plain_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). A field that a
/// spreadsheet would read as a formula is prefixed with a quote mark.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The CSV's columns.
pub const CSV_HEADER: [&str; 7] = [
    "Customer",
    "Product",
    "Seats",
    "Renewal date",
    "Value",
    "Currency",
    "Owner",
];

/// Renewals as CSV: a header row, then one line per renewal (ISO dates, amounts as plain decimals
/// with their currency code in a column of its own), CRLF line ends.
pub fn to_csv(rows: &[RenewalRow]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for r in rows {
        let line = [
            field(&r.customer_name),
            field(&r.product),
            r.seats.to_string(),
            r.due_on.format("%Y-%m-%d").to_string(),
            plain_amount(r.value.minor),
            r.value.currency.code().to_owned(),
            field(&r.owner_name),
        ];
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

impl Portal {
    /// Every renewal that matches (the query's page is ignored), as CSV.
    pub async fn renewals_csv(&self, query: RenewalQuery) -> Result<String, ClientError> {
        let (scope, _) = self.me().await?;
        self.know_owners(&scope).await;
        let mut conn = self.cache.pool().acquire().await?;
        let rows = renewal_rows(&mut conn, &scope, &query, Utc::now().date_naive(), false).await?;
        Ok(to_csv(&rows))
    }

    /// Writes [`renewals_csv`](Self::renewals_csv) of `query` to `path`.
    pub async fn save_renewals_csv(
        &self,
        query: RenewalQuery,
        path: &std::path::Path,
    ) -> Result<(), ClientError> {
        let csv = self.renewals_csv(query).await?;
        tokio::fs::write(path, csv)
            .await
            .map_err(|e| ClientError::File {
                path: path.display().to_string(),
                message: e.to_string(),
            })
    }

    /// The file name the save dialog suggests for the renewals CSV.
    pub fn renewals_file_name(&self) -> String {
        format!("renewals-{}.csv", Utc::now().date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use portal_core::{
        ids::{CustomerId, ProductId, RenewalId, SubscriptionId},
        money::{Currency, Money},
    };
    use uuid::Uuid;

    #[test]
    fn amounts_are_plain_decimals() {
        assert_eq!(plain_amount(123_450), "1234.50");
        assert_eq!(plain_amount(5), "0.05");
        assert_eq!(plain_amount(-5), "-0.05");
        assert_eq!(plain_amount(0), "0.00");
    }

    #[test]
    fn fields_with_commas_quotes_and_formulas_are_quoted() {
        let row = RenewalRow {
            id: RenewalId(Uuid::nil()),
            subscription_id: SubscriptionId(Uuid::nil()),
            customer_id: CustomerId(Uuid::nil()),
            customer_name: "Acme, \"The\" Bolts".into(),
            product_id: ProductId(Uuid::nil()),
            product: "=SUM(A1)".into(),
            seats: 120,
            due_on: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            value: Money::new(1_234_567, Currency::USD),
            owner_id: None,
            owner_name: "Line\nbreak".into(),
        };
        assert_eq!(
            to_csv(&[row]),
            "Customer,Product,Seats,Renewal date,Value,Currency,Owner\r\n\
             \"Acme, \"\"The\"\" Bolts\",'=SUM(A1),120,2026-03-09,12345.67,USD,\"Line\nbreak\"\r\n"
        );
    }
}
