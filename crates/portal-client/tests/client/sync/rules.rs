//! Local rules refuse before anything is queued; search matches substrings ignoring case; deals
//! are edited and deleted only as drafts.

use super::*;

#[tokio::test]
async fn local_rules_refuse_before_anything_is_queued() -> Result<()> {
    let (mut server, sales) = with_rep().await?;

    let duplicate = sales
        .portal
        .save_prospect(
            None,
            prospect_form("Contoso Again", "https://www.contoso.example/"),
        )
        .await
        .unwrap_err();
    assert_eq!(duplicate.kind(), ErrorKind::InvalidInput);
    let api = duplicate.to_api_error();
    assert_eq!(api.field.as_deref(), Some("domain"));
    assert!(api.message.contains("Contoso Ltd"), "{}", api.message);

    let bad = sales
        .portal
        .save_prospect(None, prospect_form("", "not a domain"))
        .await
        .unwrap_err();
    assert_eq!(bad.kind(), ErrorKind::InvalidInput);

    let contoso = find(&sales.portal, "Contoso Ltd").await?;
    let approved = sales.portal.prospect(contoso).await?.deals[0].id;
    let withdraw = sales
        .portal
        .deal_action(approved, DealAction::Withdraw)
        .await
        .unwrap_err();
    assert_eq!(withdraw.kind(), ErrorKind::Conflict);
    assert!(withdraw.to_string().contains("approved"), "{withdraw}");
    assert_eq!(
        sales.portal.delete_deal(approved).await.unwrap_err().kind(),
        ErrorKind::Conflict
    );
    assert_eq!(
        sales
            .portal
            .delete_prospect(contoso)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::Conflict
    );
    assert!(sales.portal.pending_changes().await?.is_empty());

    server.stop().await?;
    let check = sales
        .portal
        .check_domain("ann@contoso.example", None)
        .await?;
    assert!(!check.checked_with_server);
    assert_eq!(check.domain, "contoso.example");
    assert_eq!(
        check.existing.map(|e| e.company_name).as_deref(),
        Some("Contoso Ltd")
    );
    let own = sales
        .portal
        .check_domain("contoso.example", Some(contoso))
        .await?;
    assert!(
        own.existing.is_none(),
        "the prospect being edited is not a duplicate"
    );
    Ok(())
}

#[tokio::test]
async fn search_matches_substrings_ignoring_case() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = synced_app(&server, ADMIN).await?;
    let all = admin.portal.prospects(ProspectQuery::default()).await?;
    assert!(
        all.total > 7,
        "the named and generated prospects: {}",
        all.total
    );

    for (text, company) in [
        ("ntos", "Contoso Ltd"),
        ("CONTOSO", "Contoso Ltd"),
        ("woodgrovebank.ex", "Woodgrove Bank"),
        ("lindgren", "Contoso Ltd"), // the primary contact's last name
        ("ann lind", "Contoso Ltd"),
        ("ta", "Tailspin Toys"), // shorter than a trigram
    ] {
        let list = admin.portal.prospects(search(text)).await?;
        assert!(
            list.rows.iter().any(|r| r.company_name == company),
            "{text:?} finds {company}"
        );
        assert_eq!(list.rows.len() as u64, list.total.min(50), "{text:?}");
    }
    assert_eq!(admin.portal.prospects(search("zzqqxx")).await?.total, 0);

    let deals = admin
        .portal
        .deals(DealQuery {
            search: "woodgrove".into(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(deals.total, 1);
    assert_eq!(deals.rows[0].status, DealStatus::Won);
    let by_number = admin
        .portal
        .deals(DealQuery {
            search: deals.rows[0].number.clone().unwrap_or_default(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(by_number.total, 1);

    // Paging and sorting agree with the total.
    let page = admin
        .portal
        .prospects(ProspectQuery {
            limit: 5,
            offset: 5,
            descending: true,
            ..ProspectQuery::default()
        })
        .await?;
    assert_eq!(page.total, all.total);
    assert_eq!(page.rows.len(), 5);
    let names: Vec<_> = page
        .rows
        .iter()
        .map(|r| r.company_name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, sorted);

    // Owners are named once the user list is known (the administrator's own name at once).
    admin.portal.users().await?;
    let by_owner = admin
        .portal
        .prospects(ProspectQuery {
            sort: portal_core::sales::ProspectSort::Owner,
            limit: 1_000,
            ..ProspectQuery::default()
        })
        .await?;
    assert!(by_owner.rows.iter().all(|r| !r.owner_name.is_empty()));
    let owners: Vec<_> = by_owner
        .rows
        .iter()
        .map(|r| r.owner_name.to_lowercase())
        .collect();
    let mut sorted = owners.clone();
    sorted.sort();
    assert_eq!(owners, sorted);
    Ok(())
}

#[tokio::test]
async fn deals_are_edited_and_deleted_only_as_drafts() -> Result<()> {
    let (_server, sales) = with_rep().await?;
    let adatum = find(&sales.portal, "Adatum Corporation").await?;
    let draft: DealId = sales.portal.prospect(adatum).await?.deals[0].id;
    let detail = sales.portal.deal(draft).await?;
    assert_eq!(detail.deal.status, DealStatus::Draft);
    let mut form = DealForm::from_deal(&detail.deal);
    form.notes = "Two sites.".into();
    form.expected_close = (Utc::now().date_naive() + Days::new(30)).to_string();
    let saved = sales.portal.save_deal(Some(draft), form).await?;
    assert_eq!(saved.deal.notes, "Two sites.");
    assert_eq!(
        saved.deal.number, detail.deal.number,
        "the server's fields stay"
    );
    synced(&sales.portal).await?;
    assert_eq!(sales.portal.deal(draft).await?.deal.notes, "Two sites.");

    sales.portal.delete_deal(draft).await?;
    assert_eq!(
        sales.portal.deal(draft).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    settled(&sales.portal).await?;
    assert!(sales.portal.prospect(adatum).await?.deals.is_empty());
    Ok(())
}
