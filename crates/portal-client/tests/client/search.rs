//! The prospect list's search plans (trigram index, probe, index walk) give exactly the answer of
//! a plain filter-and-sort, for dense and sparse matches, short and long searches, every sort.

use anyhow::Result;
use portal_client::{
    lists::prospects,
    store::{names::put_person, Cache},
    testing::sample,
};
use portal_core::{
    ids::UserId,
    prospect::{Prospect, ProspectStatus},
    sales::{ProspectQuery, ProspectSort},
};
use uuid::Uuid;

const SCOPE: &str = "scope-under-test";

fn expected(
    all: &[(usize, &Prospect)],
    q: &ProspectQuery,
    names: &[(UserId, &str)],
) -> (u64, Vec<String>) {
    let needle = q.search.trim().to_lowercase();
    let owner_name = |p: &Prospect| {
        names
            .iter()
            .find(|(id, _)| *id == p.owner_id)
            .map(|(_, n)| n.to_lowercase())
            .unwrap_or_default()
    };
    let mut hits: Vec<&(usize, &Prospect)> = all
        .iter()
        .filter(|(_, p)| p.search_text().contains(&needle))
        .filter(|(_, p)| q.status.is_none_or(|s| p.status == s))
        .filter(|(_, p)| q.owner_id.is_none_or(|o| p.owner_id == o))
        .collect();
    let rank = |s: ProspectStatus| ProspectStatus::ALL.iter().position(|x| *x == s);
    hits.sort_by(|(sa, a), (sb, b)| {
        let name = |p: &Prospect| p.company_name.to_ascii_lowercase();
        let key = match q.sort {
            ProspectSort::CompanyName => name(a).cmp(&name(b)),
            ProspectSort::Domain => a.domain.as_str().cmp(b.domain.as_str()),
            ProspectSort::Status => rank(a.status)
                .cmp(&rank(b.status))
                .then(name(a).cmp(&name(b))),
            ProspectSort::Mailboxes => a.mailboxes.cmp(&b.mailboxes),
            ProspectSort::Owner => owner_name(a)
                .cmp(&owner_name(b))
                .then(name(a).cmp(&name(b))),
        };
        let ord = key.then(sa.cmp(sb));
        if q.descending {
            ord.reverse()
        } else {
            ord
        }
    });
    let limit = if q.limit == 0 { 50 } else { q.limit } as usize;
    let page = hits
        .iter()
        .skip(q.offset as usize)
        .take(limit)
        .map(|(_, p)| p.id.to_string())
        .collect();
    (hits.len() as u64, page)
}

#[tokio::test]
async fn every_search_plan_agrees_with_a_plain_filter() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await?;
    let owners = [
        UserId::from_uuid(Uuid::from_u128(1)),
        UserId::from_uuid(Uuid::from_u128(2)),
    ];
    let names = [(owners[0], "Zoë Admin"), (owners[1], "Adam Sales")];
    let prospects = sample::prospects(6_000, &owners, 7);
    {
        let mut tx = cache.pool().begin().await?;
        for (id, name) in names {
            put_person(&mut tx, SCOPE, &id.to_string(), name).await?;
        }
        tx.commit().await?;
    }
    sample::load(&cache, SCOPE, &prospects).await?;
    // Another user's prospects in the same file never show.
    sample::load(&cache, "someone-else", &sample::prospects(300, &owners, 8)).await?;
    let all: Vec<(usize, &Prospect)> = prospects.iter().enumerate().collect();

    let mut conn = cache.pool().acquire().await?;
    let mut searches: Vec<String> = [
        "", "a", "co", "ZQ", "x", "ö", "con", "smith", "ann s", "windtech", "zzzz", "mü", "0.co",
        "9", "ltd", " Ø ",
    ]
    .map(String::from)
    .to_vec();
    // Rare strings of two characters: too sparse for a walk, found through the trigrams they begin.
    let mut rare: std::collections::BTreeMap<String, usize> = Default::default();
    for p in &prospects {
        let chars: Vec<char> = p.search_text().chars().collect();
        let grams: std::collections::BTreeSet<String> =
            chars.windows(2).map(|w| w.iter().collect()).collect();
        for g in grams {
            *rare.entry(g).or_default() += 1;
        }
    }
    searches.extend(
        rare.into_iter()
            .filter(|(_, n)| (1..=12).contains(n))
            .take(6)
            .map(|(g, _)| g),
    );
    assert_eq!(searches.len(), 22, "enough rare strings in the sample");
    let mut checked = 0;
    for text in &searches {
        for sort in [
            ProspectSort::CompanyName,
            ProspectSort::Domain,
            ProspectSort::Status,
            ProspectSort::Mailboxes,
            ProspectSort::Owner,
        ] {
            for (status, owner, offset, descending) in [
                (None, None, 0, false),
                (None, None, 120, true),
                (Some(ProspectStatus::Qualified), None, 0, false),
                (None, Some(owners[1]), 40, false),
            ] {
                let q = ProspectQuery {
                    search: text.clone(),
                    status,
                    owner_id: owner,
                    sort,
                    descending,
                    offset,
                    limit: 0,
                };
                let got = prospects::prospects(&mut conn, SCOPE, &q).await?;
                let (total, page) = expected(&all, &q, &names);
                let ids: Vec<String> = got.rows.iter().map(|r| r.id.to_string()).collect();
                assert_eq!(got.total, total, "{q:?}");
                assert_eq!(ids, page, "{q:?}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, searches.len() * 20);

    // Alone in the file, the scope's totals come straight from the trigram index.
    drop(conn);
    cache.forget_scope("someone-else").await?;
    let mut conn = cache.pool().acquire().await?;
    for text in &searches {
        let q = ProspectQuery {
            search: text.clone(),
            ..ProspectQuery::default()
        };
        let got = prospects::prospects(&mut conn, SCOPE, &q).await?;
        let (total, page) = expected(&all, &q, &names);
        let ids: Vec<String> = got.rows.iter().map(|r| r.id.to_string()).collect();
        assert_eq!((got.total, ids), (total, page), "{q:?}");
    }
    Ok(())
}
