//! The Customers area (customers, renewals, invoices, support cases): the real client against the
//! real server on 127.0.0.1:0 with a fresh, seeded database. The administrator's synced cache lists
//! what the server's database holds for the firm, every filter narrows as the database says it
//! should, every list sorts by each of its columns both ways, each Dashboard figure's filtered
//! list holds what the figure counts, the renewals CSV reads back, and a sales user gets nothing.

mod support;

use anyhow::{ensure, Context, Result};
use chrono::{Days, NaiveDate, Utc};
use portal_client::Portal;
use portal_core::{
    customers::{
        month_of, CasePriority, CaseStatus, CustomerQuery, CustomerSort, InvoiceKind, InvoiceQuery,
        InvoiceSort, InvoiceStatus, RenewalQuery, RenewalSort, RenewalWindow, SupportCaseQuery,
        SupportCaseSort,
    },
    dashboard::{IN_PROGRESS, PIPELINE_STATUSES},
    money::Money,
    order::OrderStatus,
    quoting::{OrderQuery, QuoteQuery},
};
use portal_server::testing::TestServer;
use sqlx::{sqlite::SqliteConnectOptions, SqlitePool};
use support::{signed_in, synced, ADMIN, SALES};
use tempfile::TempDir;

struct App {
    portal: Portal,
    _dir: TempDir,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), email).await?;
    synced(&portal).await?;
    Ok(App { portal, _dir: dir })
}

/// The server's own database, read-only, and Northwind's id in it.
async fn server_db(server: &TestServer) -> Result<(SqlitePool, String)> {
    let pool = SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(server.database_path())
            .read_only(true),
    )
    .await?;
    let partner: String = sqlx::query_scalar("SELECT partner_id FROM users WHERE email = ?1")
        .bind(ADMIN)
        .fetch_one(&pool)
        .await?;
    Ok((pool, partner))
}

async fn scalar(pool: &SqlitePool, sql: &str, partner: &str, args: &[&str]) -> Result<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(sql).bind(partner);
    for a in args {
        q = q.bind(*a);
    }
    Ok(q.fetch_one(pool).await?)
}

/// Renewals of the firm due in [from, to] in the server's database: (count, value), optionally of
/// one owner or one product.
async fn server_renewals(
    pool: &SqlitePool,
    partner: &str,
    from: NaiveDate,
    to: Option<NaiveDate>,
    owner: Option<&str>,
    product: Option<&str>,
) -> Result<(u64, i64)> {
    let (n, value): (i64, Option<i64>) = sqlx::query_as(
        "SELECT count(*), SUM(r.value_minor) FROM renewals r
         JOIN subscriptions s ON s.id = r.subscription_id
         JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND r.due_on >= ?2 AND (?3 IS NULL OR r.due_on <= ?3)
           AND (?4 IS NULL OR c.owner_user_id = ?4) AND (?5 IS NULL OR s.product_id = ?5)",
    )
    .bind(partner)
    .bind(from.to_string())
    .bind(to.map(|t| t.to_string()))
    .bind(owner)
    .bind(product)
    .fetch_one(pool)
    .await?;
    Ok((n as u64, value.unwrap_or(0)))
}

/// RFC 4180 records (CRLF line ends, quoted fields with doubled quotes), read independently of
/// the writer.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                ensure!(chars.next() == Some('\n'), "CRLF line ends");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    ensure!(
        !quoted && field.is_empty() && record.is_empty(),
        "ends with a line end"
    );
    Ok(records)
}

#[tokio::test]
async fn the_administrators_cache_holds_the_customers_area_and_its_filters_narrow() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let (db, partner) = server_db(&server).await?;
    let admin = app(&server, ADMIN).await?;
    let today = Utc::now().date_naive();

    // Customers: every one of the firm's, with users and products.
    let customers_in_db = scalar(
        &db,
        "SELECT count(*) FROM customers WHERE partner_id = ?1",
        &partner,
        &[],
    )
    .await?;
    ensure!(customers_in_db > 0, "the demo has customers");
    let all = admin
        .portal
        .customers(CustomerQuery {
            limit: 500,
            ..CustomerQuery::default()
        })
        .await?;
    assert_eq!(all.total as i64, customers_in_db);
    assert_eq!(all.rows.len() as i64, customers_in_db);
    for row in &all.rows {
        ensure!(row.users.is_some_and(|u| u > 0), "{row:?} has users");
        ensure!(!row.products.is_empty(), "{row:?} has products");
        ensure!(row.next_renewal.is_some_and(|d| d >= today));
    }
    let names: Vec<&str> = all.rows.iter().map(|r| r.company_name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "by company name");
    // A search narrows to the names (or domains) that hold it.
    let first = &all.rows[0];
    let word = first.company_name.split(' ').next().unwrap().to_uppercase();
    let found = admin
        .portal
        .customers(CustomerQuery {
            search: word.clone(),
            limit: 500,
            ..CustomerQuery::default()
        })
        .await?;
    assert!(found.rows.iter().any(|r| r.id == first.id));
    for r in &found.rows {
        let hay = format!("{} {}", r.company_name, r.domain).to_lowercase();
        assert!(hay.contains(&word.to_lowercase()), "{hay} holds {word}");
    }
    let paged = admin
        .portal
        .customers(CustomerQuery {
            offset: 5,
            limit: 5,
            ..CustomerQuery::default()
        })
        .await?;
    assert_eq!(paged.rows, all.rows[5..10]);

    // A customer's page: subscriptions, next renewal, invoices and cases as the database has them.
    let detail = admin.portal.customer(first.id).await?;
    assert_eq!(detail.customer.company_name, first.company_name);
    let subs = scalar(
        &db,
        "SELECT count(*) FROM subscriptions s JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND c.id = ?2",
        &partner,
        &[&first.id.to_string()],
    )
    .await?;
    assert_eq!(detail.subscriptions.len() as i64, subs);
    assert_eq!(detail.renewals.len() as i64, subs, "one renewal each");
    assert_eq!(detail.next_renewal, first.next_renewal);
    assert_eq!(detail.users, first.users);
    let invoices = scalar(
        &db,
        "SELECT count(*) FROM invoices WHERE partner_id = ?1 AND customer_id = ?2",
        &partner,
        &[&first.id.to_string()],
    )
    .await?;
    ensure!(invoices > 0);
    assert_eq!(detail.invoices.len() as i64, invoices);
    let cases = scalar(
        &db,
        "SELECT count(*) FROM support_cases WHERE partner_id = ?1 AND customer_id = ?2",
        &partner,
        &[&first.id.to_string()],
    )
    .await?;
    assert_eq!(detail.support_cases.len() as i64, cases);

    // Renewals: each window counts and sums what the database has due in it.
    let mut last = 0;
    for window in RenewalWindow::ALL {
        let list = admin
            .portal
            .renewals(RenewalQuery {
                window,
                ..RenewalQuery::default()
            })
            .await?;
        let (from, to) = window.range(today);
        let (n, value) = server_renewals(&db, &partner, from, to, None, None).await?;
        assert_eq!(list.total, n, "{window:?}");
        let summed: i64 = list.total_value.iter().map(|m| m.minor).sum();
        assert_eq!(summed, value, "{window:?}");
        ensure!(list.total >= last, "wider windows hold more");
        last = list.total;
        for r in &list.rows {
            ensure!(r.due_on >= from && to.is_none_or(|t| r.due_on <= t));
        }
        let dates: Vec<_> = list.rows.iter().map(|r| r.due_on).collect();
        ensure!(dates.is_sorted(), "soonest first");
    }
    let all_renewals = admin.portal.renewals(RenewalQuery::default()).await?;
    ensure!(all_renewals.total > 0);
    ensure!(!all_renewals.owners.is_empty() && !all_renewals.products.is_empty());
    // By owner and by product.
    let owner = all_renewals.owners[0].id;
    let by_owner = admin
        .portal
        .renewals(RenewalQuery {
            owner_id: Some(owner),
            limit: 500,
            ..RenewalQuery::default()
        })
        .await?;
    let (n, _) =
        server_renewals(&db, &partner, today, None, Some(&owner.to_string()), None).await?;
    assert_eq!(by_owner.total, n);
    ensure!(by_owner.rows.iter().all(|r| r.owner_id == Some(owner)));
    let product = all_renewals.products[0].id;
    let in_90 = RenewalWindow::Days90.range(today).1;
    let by_product = admin
        .portal
        .renewals(RenewalQuery {
            window: RenewalWindow::Days90,
            product_id: Some(product),
            limit: 500,
            ..RenewalQuery::default()
        })
        .await?;
    let (n, _) = server_renewals(
        &db,
        &partner,
        today,
        in_90,
        None,
        Some(&product.to_string()),
    )
    .await?;
    assert_eq!(by_product.total, n);
    ensure!(by_product
        .rows
        .iter()
        .all(|r| r.product_id == product && r.seats > 0));

    // The CSV: a header, then every renewal that matches, which reads back as it was listed.
    let query = RenewalQuery {
        window: RenewalWindow::Days365,
        ..RenewalQuery::default()
    };
    let csv = admin.portal.renewals_csv(query.clone()).await?;
    let listed = admin
        .portal
        .renewals(RenewalQuery {
            limit: 500,
            ..query
        })
        .await?;
    let mut lines = parse_csv(&csv)?.into_iter();
    let header = lines.next().context("a header")?;
    assert_eq!(
        header,
        [
            "Customer",
            "Product",
            "Seats",
            "Renewal date",
            "Value",
            "Currency",
            "Owner"
        ]
    );
    let records: Vec<Vec<String>> = lines.collect();
    assert_eq!(records.len() as u64, listed.total);
    for (record, row) in records.iter().zip(&listed.rows) {
        assert_eq!(record[0], row.customer_name);
        assert_eq!(record[1], row.product);
        assert_eq!(record[2].parse::<u32>()?, row.seats);
        assert_eq!(
            NaiveDate::parse_from_str(&record[3], "%Y-%m-%d")?,
            row.due_on
        );
        let (units, cents) = record[4].split_once('.').context("a decimal")?;
        assert_eq!(
            units.parse::<i64>()? * 100 + cents.parse::<i64>()?,
            row.value.minor
        );
        assert_eq!(record[5], row.value.currency.code());
    }

    // Invoices: by type, number, customer and issue dates.
    let count = |sql: &'static str, args: Vec<String>| {
        let db = db.clone();
        let partner = partner.clone();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            scalar(&db, sql, &partner, &args).await
        }
    };
    let every = admin.portal.invoices(InvoiceQuery::default()).await?;
    assert_eq!(
        every.total as i64,
        count(
            "SELECT count(*) FROM invoices WHERE partner_id = ?1",
            vec![]
        )
        .await?
    );
    let dates: Vec<_> = every.rows.iter().map(|r| r.issued_on).collect();
    ensure!(dates.is_sorted_by(|a, b| a >= b), "newest first");
    for kind in [InvoiceKind::Customer, InvoiceKind::Consolidated] {
        let list = admin
            .portal
            .invoices(InvoiceQuery {
                kind: Some(kind),
                ..InvoiceQuery::default()
            })
            .await?;
        let name = serde_json::to_value(kind)?.as_str().unwrap().to_owned();
        assert_eq!(
            list.total as i64,
            count(
                "SELECT count(*) FROM invoices WHERE partner_id = ?1 AND kind = ?2",
                vec![name]
            )
            .await?
        );
        ensure!(list.rows.iter().all(|r| r.kind == kind));
        ensure!(list
            .rows
            .iter()
            .all(|r| r.customer_name.is_some() == (kind == InvoiceKind::Customer)));
    }
    let one = &every.rows[3];
    let by_number = admin
        .portal
        .invoices(InvoiceQuery {
            number: one.number.to_lowercase(),
            ..InvoiceQuery::default()
        })
        .await?;
    assert_eq!(by_number.total, 1);
    assert_eq!(by_number.rows[0].id, one.id);
    let by_customer = admin
        .portal
        .invoices(InvoiceQuery {
            customer: first.company_name.to_uppercase(),
            ..InvoiceQuery::default()
        })
        .await?;
    ensure!(by_customer
        .rows
        .iter()
        .any(|r| r.customer_id == Some(first.id)));
    ensure!(by_customer.rows.iter().all(|r| r.customer_name.as_deref()
        == Some(first.company_name.as_str())
        || r.customer_name.as_deref().is_some_and(|n| n
            .to_lowercase()
            .contains(&first.company_name.to_lowercase()))));
    let from = today - Days::new(30);
    let to = today - Days::new(10);
    let dated = admin
        .portal
        .invoices(InvoiceQuery {
            issued_from: Some(from),
            issued_to: Some(to),
            limit: 500,
            ..InvoiceQuery::default()
        })
        .await?;
    assert_eq!(
        dated.total as i64,
        count(
            "SELECT count(*) FROM invoices WHERE partner_id = ?1 AND issued_on >= ?2
               AND issued_on <= ?3",
            vec![from.to_string(), to.to_string()]
        )
        .await?
    );
    ensure!(dated
        .rows
        .iter()
        .all(|r| r.issued_on >= from && r.issued_on <= to));
    let invoice = admin.portal.invoice(one.id).await?;
    assert_eq!(invoice.invoice, *one);
    assert_eq!(invoice.customer.is_some(), one.customer_id.is_some());

    // Support cases: the open and closed tabs count what the database has.
    for status in [CaseStatus::Open, CaseStatus::Closed] {
        let list = admin
            .portal
            .support_cases(SupportCaseQuery {
                status,
                limit: 500,
                ..SupportCaseQuery::default()
            })
            .await?;
        let name = serde_json::to_value(status)?.as_str().unwrap().to_owned();
        let n = count(
            "SELECT count(*) FROM support_cases WHERE partner_id = ?1 AND status = ?2",
            vec![name],
        )
        .await?;
        assert_eq!(list.total as i64, n, "{status:?}");
        assert_eq!(list.rows.len() as i64, n);
        ensure!(list.rows.iter().all(|r| r.status == status));
        let tab = match status {
            CaseStatus::Open => list.open,
            CaseStatus::Closed => list.closed,
        };
        assert_eq!(tab as i64, n, "the {status:?} tab's count");
        if let Some(case) = list.rows.first() {
            let detail = admin.portal.support_case(case.id).await?;
            assert_eq!(detail.case, *case);
            ensure!(!detail.description.is_empty());
            ensure!(detail.customer.is_some());
            ensure!((status == CaseStatus::Closed) == case.closed_on.is_some());
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_sales_user_gets_no_customers_area() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    assert_eq!(
        sales
            .portal
            .customers(CustomerQuery::default())
            .await?
            .total,
        0
    );
    let renewals = sales.portal.renewals(RenewalQuery::default()).await?;
    assert_eq!(renewals.total, 0);
    assert!(renewals.total_value.is_empty() && renewals.rows.is_empty());
    assert_eq!(
        sales.portal.renewals_csv(RenewalQuery::default()).await?,
        "Customer,Product,Seats,Renewal date,Value,Currency,Owner\r\n"
    );
    assert_eq!(
        sales.portal.invoices(InvoiceQuery::default()).await?.total,
        0
    );
    let cases = sales
        .portal
        .support_cases(SupportCaseQuery::default())
        .await?;
    assert_eq!((cases.total, cases.open, cases.closed), (0, 0, 0));
    Ok(())
}

/// Whether `keys` are in order — ascending, or descending when `descending` — with the rows that
/// have no value (`None`) after all the others either way.
fn in_order<K: Ord + std::fmt::Debug>(keys: &[Option<K>], descending: bool) -> bool {
    keys.windows(2).all(|w| match (&w[0], &w[1]) {
        (Some(a), Some(b)) => {
            if descending {
                a >= b
            } else {
                a <= b
            }
        }
        (Some(_), None) | (None, None) => true,
        (None, Some(_)) => false,
    })
}

/// A name as SQLite's NOCASE compares it (ASCII case folded), or None when empty.
/// The first `len` rows of a list read 7 at a time with `page(offset, limit)`.
async fn paged<R, F, Fut>(len: usize, mut page: F) -> Result<Vec<R>>
where
    F: FnMut(u32, u32) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<R>>>,
{
    let mut rows = Vec::new();
    while rows.len() < len {
        let next = page(rows.len() as u32, 7).await?;
        ensure!(!next.is_empty(), "no page after {} rows", rows.len());
        rows.extend(next);
    }
    Ok(rows)
}

fn folded(name: &str) -> Option<String> {
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// Makes sure `keys` hold at least two different values, so that an order checked on them could
/// have been wrong.
fn varied<K: PartialEq + std::fmt::Debug>(what: &str, keys: &[Option<K>]) -> Result<()> {
    ensure!(
        keys.iter().any(|k| *k != keys[0]),
        "the demo's {what} differ, so their order means something: {keys:?}"
    );
    Ok(())
}

#[tokio::test]
async fn the_customers_area_lists_sort_by_each_column_in_both_directions() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let (db, partner) = server_db(&server).await?;
    let admin = app(&server, ADMIN).await?;

    // Customers: each column both ways; ties and missing values keep one order, page by page.
    for sort in [
        CustomerSort::CompanyName,
        CustomerSort::Sector,
        CustomerSort::Users,
        CustomerSort::Products,
        CustomerSort::NextRenewal,
        CustomerSort::Owner,
    ] {
        for descending in [false, true] {
            let query = CustomerQuery {
                sort,
                descending,
                limit: 500,
                ..CustomerQuery::default()
            };
            let all = admin.portal.customers(query.clone()).await?.rows;
            let keys: Vec<Option<String>> = match sort {
                CustomerSort::CompanyName => all.iter().map(|c| folded(&c.company_name)).collect(),
                CustomerSort::Sector => all.iter().map(|c| folded(&c.sector)).collect(),
                CustomerSort::Owner => all.iter().map(|c| folded(&c.owner_name)).collect(),
                // Numbers and dates as text that sorts like them.
                CustomerSort::Users => all
                    .iter()
                    .map(|c| c.users.map(|u| format!("{u:010}")))
                    .collect(),
                CustomerSort::Products => all
                    .iter()
                    .map(|c| Some(format!("{:010}", c.products.len())))
                    .collect(),
                CustomerSort::NextRenewal => all
                    .iter()
                    .map(|c| c.next_renewal.map(|d| d.to_string()))
                    .collect(),
            };
            varied(&format!("customers' {sort:?}"), &keys)?;
            ensure!(
                in_order(&keys, descending),
                "customers by {sort:?}, descending {descending}: {keys:?}"
            );
            let page = admin
                .portal
                .customers(CustomerQuery {
                    offset: 5,
                    limit: 5,
                    ..query
                })
                .await?;
            assert_eq!(page.rows, all[5..10], "{sort:?} pages through one order");
        }
    }

    // Renewals: by value, most first, really is descending, and the first is the largest due.
    let today = Utc::now().date_naive();
    let by_value = admin
        .portal
        .renewals(RenewalQuery {
            sort: RenewalSort::Value,
            descending: true,
            limit: 500,
            ..RenewalQuery::default()
        })
        .await?;
    let values: Vec<Option<i64>> = by_value.rows.iter().map(|r| Some(r.value.minor)).collect();
    varied("renewal values", &values)?;
    ensure!(in_order(&values, true), "by value, most first: {values:?}");
    let largest = scalar(
        &db,
        "SELECT MAX(r.value_minor) FROM renewals r
         JOIN subscriptions s ON s.id = r.subscription_id
         JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND r.due_on >= ?2",
        &partner,
        &[&today.to_string()],
    )
    .await?;
    assert_eq!(by_value.rows[0].value.minor, largest);
    // Renewals of the same value stay soonest first.
    for w in by_value.rows.windows(2) {
        if w[0].value == w[1].value {
            ensure!(w[0].due_on <= w[1].due_on, "ties soonest first: {w:?}");
        }
    }
    for sort in [
        RenewalSort::DueOn,
        RenewalSort::Customer,
        RenewalSort::Product,
        RenewalSort::Seats,
        RenewalSort::Value,
        RenewalSort::Owner,
    ] {
        for descending in [false, true] {
            let query = RenewalQuery {
                sort,
                descending,
                limit: 500,
                ..RenewalQuery::default()
            };
            let list = admin.portal.renewals(query.clone()).await?;
            let keys: Vec<Option<String>> = list
                .rows
                .iter()
                .map(|r| match sort {
                    RenewalSort::DueOn => Some(r.due_on.to_string()),
                    RenewalSort::Customer => folded(&r.customer_name),
                    RenewalSort::Product => folded(&r.product),
                    RenewalSort::Seats => Some(format!("{:010}", r.seats)),
                    RenewalSort::Value => Some(format!("{:020}", r.value.minor)),
                    RenewalSort::Owner => folded(&r.owner_name),
                })
                .collect();
            varied(&format!("renewals' {sort:?}"), &keys)?;
            ensure!(
                in_order(&keys, descending),
                "renewals by {sort:?}, descending {descending}: {keys:?}"
            );
            // Page by page (7 at a time), the same rows in the same order.
            let paged = paged(list.rows.len(), |offset, limit| {
                let query = RenewalQuery {
                    offset,
                    limit,
                    ..query.clone()
                };
                async { Ok(admin.portal.renewals(query).await?.rows) }
            })
            .await?;
            assert_eq!(
                paged, list.rows,
                "renewals by {sort:?} page through one order"
            );
            // The CSV lists them in the same order.
            let csv = admin.portal.renewals_csv(query).await?;
            let customers: Vec<String> = parse_csv(&csv)?
                .into_iter()
                .skip(1)
                .map(|r| r[0].clone())
                .collect();
            let listed: Vec<String> = list.rows.iter().map(|r| r.customer_name.clone()).collect();
            assert_eq!(customers, listed, "the CSV of renewals by {sort:?}");
        }
    }

    // Invoices: by total, largest first, really is descending, from the largest there is.
    let by_total = admin
        .portal
        .invoices(InvoiceQuery {
            sort: InvoiceSort::Total,
            descending: true,
            limit: 500,
            ..InvoiceQuery::default()
        })
        .await?;
    let totals: Vec<Option<i64>> = by_total.rows.iter().map(|r| Some(r.total.minor)).collect();
    varied("invoice totals", &totals)?;
    ensure!(
        in_order(&totals, true),
        "by total, largest first: {totals:?}"
    );
    let largest = scalar(
        &db,
        "SELECT MAX(total_minor) FROM invoices WHERE partner_id = ?1",
        &partner,
        &[],
    )
    .await?;
    assert_eq!(by_total.rows[0].total.minor, largest);
    let status_rank = |s: InvoiceStatus| match s {
        InvoiceStatus::Open => 0,
        InvoiceStatus::Paid => 1,
        InvoiceStatus::Overdue => 2,
        InvoiceStatus::Void => 3,
    };
    for sort in [
        InvoiceSort::Issued,
        InvoiceSort::Number,
        InvoiceSort::Customer,
        InvoiceSort::Due,
        InvoiceSort::Total,
        InvoiceSort::Status,
    ] {
        for descending in [false, true] {
            // All of them, those of customers named with an "a" (the filter that sorts what an
            // index found), and one kind.
            for (customer, kind) in [
                ("", None),
                ("a", None),
                ("", Some(InvoiceKind::Customer)),
                ("", Some(InvoiceKind::Consolidated)),
            ] {
                let query = InvoiceQuery {
                    sort,
                    descending,
                    customer: customer.to_owned(),
                    kind,
                    limit: 500,
                    ..InvoiceQuery::default()
                };
                let rows = admin.portal.invoices(query.clone()).await?.rows;
                let keys: Vec<Option<String>> = rows
                    .iter()
                    .map(|r| match sort {
                        // The issue date's own order is newest first.
                        InvoiceSort::Issued => Some(r.issued_on.to_string()),
                        InvoiceSort::Number => folded(&r.number),
                        InvoiceSort::Customer => r.customer_name.as_deref().and_then(folded),
                        InvoiceSort::Due => Some(r.due_on.to_string()),
                        InvoiceSort::Total => Some(format!("{:020}", r.total.minor)),
                        InvoiceSort::Status => Some(status_rank(r.status).to_string()),
                    })
                    .collect();
                let consolidated = kind == Some(InvoiceKind::Consolidated);
                // The demo's few consolidated invoices are alike but for their dates.
                if !consolidated {
                    varied(
                        &format!("invoices' {sort:?} ({customer:?}, {kind:?})"),
                        &keys,
                    )?;
                }
                let expected = descending != (sort == InvoiceSort::Issued);
                ensure!(
                    in_order(&keys, expected),
                    "invoices by {sort:?}, descending {descending}, {customer:?}, {kind:?}: {keys:?}"
                );
                // Without a customer to sort by, consolidated invoices stay newest first.
                if consolidated && sort == InvoiceSort::Customer {
                    let dates: Vec<Option<String>> =
                        rows.iter().map(|r| Some(r.issued_on.to_string())).collect();
                    ensure!(in_order(&dates, true), "{dates:?}");
                }
                // Page by page (7 at a time), the same rows in the same order.
                let paged = paged(rows.len(), |offset, limit| {
                    let query = InvoiceQuery {
                        offset,
                        limit,
                        ..query.clone()
                    };
                    async { Ok(admin.portal.invoices(query).await?.rows) }
                })
                .await?;
                assert_eq!(paged, rows, "invoices by {sort:?} page through one order");
            }
        }
    }

    // Support cases, open and closed together: most urgent first, and by each other column.
    let rank = |p: CasePriority| p as u8;
    for status in [CaseStatus::Open, CaseStatus::Closed] {
        for sort in [
            SupportCaseSort::Opened,
            SupportCaseSort::Number,
            SupportCaseSort::Subject,
            SupportCaseSort::Customer,
            SupportCaseSort::Priority,
        ] {
            for descending in [false, true] {
                let rows = admin
                    .portal
                    .support_cases(SupportCaseQuery {
                        status,
                        sort,
                        descending,
                        limit: 500,
                        ..SupportCaseQuery::default()
                    })
                    .await?
                    .rows;
                let keys: Vec<Option<String>> = rows
                    .iter()
                    .map(|r| match sort {
                        SupportCaseSort::Opened => Some(r.opened_on.to_string()),
                        SupportCaseSort::Number => Some(r.number.to_ascii_lowercase()),
                        SupportCaseSort::Subject => Some(r.subject.to_ascii_lowercase()),
                        SupportCaseSort::Customer => r.customer_name.as_deref().and_then(folded),
                        SupportCaseSort::Priority => Some(rank(r.priority).to_string()),
                    })
                    .collect();
                if rows.len() > 1 && sort != SupportCaseSort::Customer {
                    varied(&format!("{status:?} cases' {sort:?}"), &keys)?;
                }
                let expected = descending != (sort == SupportCaseSort::Opened);
                ensure!(
                    in_order(&keys, expected),
                    "{status:?} cases by {sort:?}, descending {descending}: {keys:?}"
                );
            }
        }
    }
    Ok(())
}

#[tokio::test]
async fn each_dashboard_figure_has_a_list_filtered_to_what_it_counts() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = app(&server, ADMIN).await?;
    let today = Utc::now().date_naive();
    let figures = admin.portal.dashboard().await?.figures;
    let customers = figures
        .customers
        .as_ref()
        .context("an administrator's dashboard has the Customers area")?;
    let in_currency = |values: &[Money]| -> i64 {
        values
            .iter()
            .filter(|m| m.currency == figures.currency)
            .map(|m| m.minor)
            .sum()
    };

    // A month of the renewal chart: its renewals, its total, its CSV — and no other month's.
    let months: Vec<_> = customers
        .renewals_by_month
        .iter()
        .filter(|m| m.count > 0)
        .collect();
    ensure!(months.len() > 1, "the demo has renewals in several months");
    for m in &months {
        let query = RenewalQuery {
            due_in_month: Some(m.month),
            limit: 500,
            ..RenewalQuery::default()
        };
        let list = admin.portal.renewals(query.clone()).await?;
        assert_eq!(list.total, u64::from(m.count), "{}", m.month);
        assert_eq!(in_currency(&list.total_value), m.value.minor, "{}", m.month);
        assert_eq!(list.rows.len() as u64, list.total);
        for r in &list.rows {
            ensure!(
                month_of(r.due_on) == m.month && r.due_on >= today,
                "{} is due in {} and still upcoming",
                r.due_on,
                m.month
            );
        }
        let csv = admin.portal.renewals_csv(query).await?;
        assert_eq!(
            parse_csv(&csv)?.len() as u64,
            list.total + 1,
            "a header and each"
        );
    }
    // Named by any of its days, the month is the same; a window narrows it further.
    let later = months.last().unwrap();
    let mid_month = later.month + Days::new(14);
    let named = admin
        .portal
        .renewals(RenewalQuery {
            due_in_month: Some(mid_month),
            ..RenewalQuery::default()
        })
        .await?;
    assert_eq!(named.total, u64::from(later.count));
    let windowed = admin
        .portal
        .renewals(RenewalQuery {
            due_in_month: Some(later.month),
            window: RenewalWindow::Days30,
            limit: 500,
            ..RenewalQuery::default()
        })
        .await?;
    let last = RenewalWindow::Days30.range(today).1.unwrap();
    ensure!(windowed.total <= u64::from(later.count));
    ensure!(windowed
        .rows
        .iter()
        .all(|r| month_of(r.due_on) == later.month && r.due_on <= last));

    // The renewal windows: as many renewals as each figure says.
    for due in &customers.renewals_due {
        let window = RenewalWindow::ALL
            .into_iter()
            .find(|w| w.days() == Some(due.within_days))
            .context("a window for each figure")?;
        let list = admin
            .portal
            .renewals(RenewalQuery {
                window,
                ..RenewalQuery::default()
            })
            .await?;
        assert_eq!(list.total, u64::from(due.count), "{window:?}");
        assert_eq!(
            in_currency(&list.total_value),
            due.value.minor,
            "{window:?}"
        );
    }

    // Orders in progress: only those statuses, as many as the figure, fewer than all orders.
    let in_progress = admin
        .portal
        .orders(OrderQuery {
            in_progress: true,
            limit: 500,
            ..OrderQuery::default()
        })
        .await?;
    let rows: Vec<_> = in_progress
        .pending_customer_approval
        .iter()
        .chain(&in_progress.submitted)
        .collect();
    ensure!(!rows.is_empty(), "the demo has orders in progress");
    ensure!(
        rows.iter().all(|o| IN_PROGRESS.contains(&o.status)),
        "only orders in progress: {:?}",
        rows.iter().map(|o| o.status).collect::<Vec<_>>()
    );
    assert_eq!(
        in_progress.total,
        u64::from(figures.orders_in_progress.count)
    );
    let all = admin.portal.orders(OrderQuery::default()).await?;
    ensure!(
        all.total > in_progress.total,
        "the demo has orders no longer in progress ({} of {})",
        in_progress.total,
        all.total
    );
    // With a status as well, both apply: a provisioned order is not in progress.
    for status in OrderStatus::ALL {
        let both = admin
            .portal
            .orders(OrderQuery {
                in_progress: true,
                status: Some(status),
                ..OrderQuery::default()
            })
            .await?;
        let figure = figures
            .orders_in_progress
            .by_status
            .iter()
            .find(|f| f.status == status)
            .map_or(0, |f| f.count);
        assert_eq!(both.total, u64::from(figure), "{status:?}");
    }

    // The pipeline: draft, sent and accepted quotes, as many as the figure.
    let pipeline = admin
        .portal
        .quotes(QuoteQuery {
            in_pipeline: true,
            limit: 500,
            ..QuoteQuery::default()
        })
        .await?;
    ensure!(!pipeline.rows.is_empty(), "the demo has an open pipeline");
    ensure!(pipeline
        .rows
        .iter()
        .all(|q| PIPELINE_STATUSES.contains(&q.status)));
    assert_eq!(pipeline.total, u64::from(figures.pipeline.count));
    let current = admin.portal.quotes(QuoteQuery::default()).await?;
    ensure!(current.total > pipeline.total, "some quotes are out of it");

    // Open support cases: the figure's count.
    let open = admin
        .portal
        .support_cases(SupportCaseQuery {
            status: CaseStatus::Open,
            ..SupportCaseQuery::default()
        })
        .await?;
    assert_eq!(open.total, u64::from(customers.open_support_cases));
    Ok(())
}
