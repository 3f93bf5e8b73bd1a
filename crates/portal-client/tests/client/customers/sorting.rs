//! Every list of the Customers area sorts by each of its columns, both ways, page after page.

use super::*;

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
