//! The administrator's synced cache holds what the server's database holds for the firm, every
//! filter narrows as the database says, the renewals CSV reads back; a sales user gets nothing.

use super::*;

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
