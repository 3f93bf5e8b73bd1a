//! Each Dashboard figure opens a list filtered to exactly what it counts.

use super::*;

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
