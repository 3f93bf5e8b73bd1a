//! The figures' rules on rows made by hand.

use super::*;
use crate::ids::NewsId;
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::USD)
}

fn quote(status: QuoteStatus, valid_until: &str, rrp: i64, cost: i64) -> QuoteRow {
    QuoteRow {
        status,
        superseded: false,
        valid_until: d(valid_until),
        rrp_total: usd(rrp),
        cost_total: usd(cost),
    }
}

fn news(n: u128, on: &str) -> NewsItem {
    NewsItem {
        id: NewsId(Uuid::from_u128(n)),
        title: format!("News {n}"),
        summary: String::new(),
        body: String::new(),
        published_on: d(on),
    }
}

#[test]
fn the_open_pipeline_leaves_out_superseded_expired_and_closed_quotes() {
    let today = d("2026-03-15");
    let mut superseded = quote(QuoteStatus::Sent, "2026-04-01", 1_000, 700);
    superseded.superseded = true;
    let rows = Rows {
        quotes: vec![
            quote(QuoteStatus::Draft, "2026-03-15", 100, 70),
            quote(QuoteStatus::Draft, "2026-03-14", 9_999, 9_999), // validity ran out
            quote(QuoteStatus::Sent, "2026-04-01", 200, 140),
            quote(QuoteStatus::Accepted, "2026-01-01", 400, 280), // accepted: no expiry
            quote(QuoteStatus::Ordered, "2026-04-01", 9_999, 9_999),
            quote(QuoteStatus::Declined, "2026-04-01", 9_999, 9_999),
            quote(QuoteStatus::Expired, "2026-04-01", 9_999, 9_999),
            superseded,
        ],
        ..Rows::default()
    };
    let f = figures(rows, today);
    assert_eq!(f.pipeline.count, 3);
    assert_eq!(f.pipeline.rrp, usd(700));
    assert_eq!(f.pipeline.cost, usd(490));
    let stages: Vec<_> = f
        .pipeline
        .stages
        .iter()
        .map(|s| (s.status, s.count, s.rrp.minor))
        .collect();
    assert_eq!(
        stages,
        [
            (QuoteStatus::Draft, 1, 100),
            (QuoteStatus::Sent, 1, 200),
            (QuoteStatus::Accepted, 1, 400)
        ]
    );
    assert!(f.customers.is_none());
    assert_eq!(f.deals.len(), DealStatus::ALL.len());
}

#[test]
fn deals_orders_and_news() {
    let rows = Rows {
        deals: vec![
            DealRow {
                status: DealStatus::Submitted,
                estimated_value: usd(5_000),
            },
            DealRow {
                status: DealStatus::Submitted,
                estimated_value: usd(1_000),
            },
            DealRow {
                status: DealStatus::Won,
                estimated_value: usd(7),
            },
        ],
        orders: vec![
            OrderRow {
                status: OrderStatus::PendingCustomerApproval,
                total: usd(10),
            },
            OrderRow {
                status: OrderStatus::Processing,
                total: usd(20),
            },
            OrderRow {
                status: OrderStatus::Provisioned,
                total: usd(999),
            },
            OrderRow {
                status: OrderStatus::Refused,
                total: usd(999),
            },
        ],
        news: vec![
            news(1, "2026-01-01"),
            news(2, "2026-03-01"),
            news(3, "2026-02-01"),
            news(4, "2026-03-01"),
        ],
        ..Rows::default()
    };
    let f = figures(rows, d("2026-03-15"));
    let submitted = f.deal(DealStatus::Submitted).unwrap();
    assert_eq!((submitted.count, submitted.value), (2, usd(6_000)));
    assert_eq!(f.deal(DealStatus::Draft).unwrap().count, 0);
    assert_eq!(f.orders_in_progress.count, 2);
    assert_eq!(f.orders_in_progress.value, usd(30));
    assert_eq!(f.orders_in_progress.by_status.len(), 3);
    let ids: Vec<u128> = f.news.iter().map(|n| n.id.0.as_u128()).collect();
    assert_eq!(ids, [4, 2, 3], "newest first, three of them");
}

#[test]
fn customers_seats_renewal_windows_and_months() {
    let today = d("2026-01-31");
    let sub = |c: &str, seats, from: &str, to: &str| SubscriptionRow {
        customer_id: c.into(),
        seats,
        starts_on: d(from),
        ends_on: d(to),
    };
    let renewal = |on: &str, v| RenewalRow {
        due_on: d(on),
        value: usd(v),
        count: 1,
    };
    let rows = Rows {
        customers: Some(CustomerRows {
            customers: 3,
            subscriptions: vec![
                sub("a", 100, "2025-01-01", "2026-12-31"),
                sub("a", 150, "2025-06-01", "2026-06-01"), // same mailboxes: the most count
                sub("b", 40, "2024-01-01", "2026-01-31"),  // ends today: still running
                sub("c", 900, "2020-01-01", "2025-12-31"), // ended
                sub("c", 5, "2026-02-01", "2027-01-31"),   // not started
            ],
            seats: None,
            renewals: vec![
                renewal("2026-01-30", 999_999), // overdue: counts nowhere
                renewal("2026-01-31", 1),       // today: within 30, this month
                renewal("2026-03-02", 10),      // day 30
                renewal("2026-03-03", 100),     // day 31
                renewal("2026-05-01", 1_000),   // day 90
                renewal("2026-12-31", 10_000),  // month 11
                renewal("2027-01-01", 99_999),  // month 12: beyond the chart
            ],
            support_case_statuses: vec![CaseStatus::Open, CaseStatus::Closed, CaseStatus::Open],
        }),
        ..Rows::default()
    };
    // Counted by the reader and grouped by day (as a large cache does): the same figures.
    let mut grouped = rows.clone();
    let g = grouped.customers.as_mut().unwrap();
    g.seats = Some(seats(&g.subscriptions, today));
    g.subscriptions.clear();
    g.renewals.push(renewal("2026-03-02", 20));
    g.renewals.retain(|r| r.due_on != d("2026-03-02"));
    g.renewals.push(RenewalRow {
        count: 2,
        ..renewal("2026-03-02", 10 + 20)
    });
    let mut both = rows.clone();
    both.customers
        .as_mut()
        .unwrap()
        .renewals
        .push(renewal("2026-03-02", 20));
    assert_eq!(figures(grouped, today), figures(both, today));

    let f = figures(rows, today);
    let c = f.customers.unwrap();
    assert_eq!(c.customers, 3);
    assert_eq!(c.seats, 190);
    assert_eq!(c.open_support_cases, 2);
    let due: Vec<_> = c
        .renewals_due
        .iter()
        .map(|r| (r.within_days, r.count, r.value.minor))
        .collect();
    assert_eq!(due, [(30, 2, 11), (60, 3, 111), (90, 4, 1_111)]);
    assert_eq!(c.renewals_by_month.len(), 12);
    assert_eq!(c.renewals_by_month[0].month, d("2026-01-01"));
    assert_eq!(c.renewals_by_month[0].value, usd(1));
    assert_eq!(c.renewals_by_month[2].value, usd(110));
    assert_eq!(c.renewals_by_month[11].month, d("2026-12-01"));
    assert_eq!(c.renewals_by_month[11].value, usd(10_000));
    let total: i64 = c.renewals_by_month.iter().map(|m| m.value.minor).sum();
    assert_eq!(total, 11_111);
}

#[test]
fn amounts_in_another_currency_are_left_out_and_counted() {
    let mut eur = quote(QuoteStatus::Draft, "2030-01-01", 500, 300);
    eur.rrp_total.currency = Currency::EUR;
    eur.cost_total.currency = Currency::EUR;
    let rows = Rows {
        quotes: vec![
            quote(QuoteStatus::Draft, "2030-01-01", 100, 70),
            quote(QuoteStatus::Sent, "2030-01-01", 100, 70),
            eur,
        ],
        ..Rows::default()
    };
    let f = figures(rows, d("2026-01-01"));
    assert_eq!(f.currency, Currency::USD);
    assert_eq!(f.pipeline.count, 3);
    assert_eq!(f.pipeline.rrp, usd(200));
    assert_eq!(f.other_currency, 1);
}
