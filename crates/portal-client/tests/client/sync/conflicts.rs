//! Edits to different fields merge; the same field is a conflict either side can win; a
//! channel conflict is refused with the reason.

use super::*;

#[tokio::test]
async fn edits_to_different_fields_merge() -> Result<()> {
    let (_server, sales, admin) = with_rep_and_admin().await?;
    let id = find(&sales.portal, "Adatum Corporation").await?;

    let mut mine = ProspectForm::from_prospect(&sales.portal.prospect(id).await?.prospect);
    mine.notes = "Wants a pilot in March.".into();
    sales.portal.save_prospect(Some(id), mine).await?;
    let mut theirs = ProspectForm::from_prospect(&admin.portal.prospect(id).await?.prospect);
    theirs.sector = "Insurance".into();
    admin.portal.save_prospect(Some(id), theirs).await?;

    synced(&sales.portal).await?;
    let status = synced(&admin.portal).await?;
    assert_eq!(
        status.needs_attention, 0,
        "different fields do not conflict"
    );
    synced(&sales.portal).await?;
    for portal in [&sales.portal, &admin.portal] {
        let p = portal.prospect(id).await?.prospect;
        assert_eq!(p.notes, "Wants a pilot in March.");
        assert_eq!(p.sector, "Insurance");
    }
    Ok(())
}

#[tokio::test]
async fn a_same_field_conflict_is_shown_and_either_side_can_win() -> Result<()> {
    let (_server, sales, admin) = with_rep_and_admin().await?;
    let id = find(&sales.portal, "Tailspin Toys").await?;

    async fn set_notes(portal: &Portal, id: ProspectId, notes: &str) -> Result<()> {
        let mut f = ProspectForm::from_prospect(&portal.prospect(id).await?.prospect);
        f.notes = notes.into();
        portal.save_prospect(Some(id), f).await?;
        Ok(())
    }

    // Round one: the sales rep keeps theirs.
    set_notes(&admin.portal, id, "Admin: call in May.").await?;
    set_notes(&sales.portal, id, "Sales: call in June.").await?;
    synced(&admin.portal).await?;
    let status = synced(&sales.portal).await?;
    assert_eq!(status.needs_attention, 1);
    let conflict = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.state == ChangeState::Conflict)
        .context("the conflict is listed")?;
    assert_eq!(conflict.conflicts.len(), 1);
    assert_eq!(conflict.conflicts[0].field, "notes");
    assert_eq!(conflict.conflicts[0].yours, "Sales: call in June.");
    assert_eq!(conflict.conflicts[0].theirs, "Admin: call in May.");
    assert_eq!(
        sales.portal.prospect(id).await?.prospect.notes,
        "Admin: call in May.",
        "nothing unresolved is shown as if it were saved"
    );
    // Signing out would lose it.
    let refused = sales.portal.sign_out(false).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);

    sales
        .portal
        .resolve_change(conflict.mutation_id, Resolution::KeepMine)
        .await?;
    assert_eq!(
        sales.portal.prospect(id).await?.prospect.notes,
        "Sales: call in June."
    );
    settled(&sales.portal).await?;
    synced(&admin.portal).await?;
    assert_eq!(
        admin.portal.prospect(id).await?.prospect.notes,
        "Sales: call in June."
    );

    // Round two: the sales rep takes the server's.
    set_notes(&admin.portal, id, "Admin: lost interest.").await?;
    set_notes(&sales.portal, id, "Sales: still keen.").await?;
    synced(&admin.portal).await?;
    synced(&sales.portal).await?;
    let conflict = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.state == ChangeState::Conflict)
        .context("the second conflict is listed")?;
    sales
        .portal
        .resolve_change(conflict.mutation_id, Resolution::TakeServer)
        .await?;
    settled(&sales.portal).await?;
    assert_eq!(
        sales.portal.prospect(id).await?.prospect.notes,
        "Admin: lost interest."
    );
    Ok(())
}

#[tokio::test]
async fn a_channel_conflict_is_refused_with_the_reason() -> Result<()> {
    let (_server, sales) = with_rep().await?;

    let check = sales.portal.check_domain(CONTESTED_DOMAIN, None).await?;
    assert!(check.checked_with_server);
    assert!(check.registered_elsewhere);
    assert!(check.existing.is_none());

    let prospect = sales
        .portal
        .save_prospect(None, prospect_form("Fabrikam", CONTESTED_DOMAIN))
        .await?;
    let deal = sales
        .portal
        .save_deal(None, deal_form(prospect.prospect.id))
        .await?;
    let submitted = sales
        .portal
        .deal_action(deal.deal.id, DealAction::Submit)
        .await?;
    assert!(submitted.waiting_for_server);

    let status = synced(&sales.portal).await?;
    assert_eq!((status.pending, status.needs_attention), (0, 1));
    let refused = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.state == ChangeState::Refused)
        .context("the refusal is listed")?;
    assert_eq!(refused.summary, "Submitted");
    let error = refused.error.context("with the server's reason")?;
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert!(
        error.message.contains("Channel conflict"),
        "{}",
        error.message
    );
    let detail = sales.portal.deal(deal.deal.id).await?;
    assert_eq!(detail.deal.status, DealStatus::Rejected);
    assert!(detail
        .deal
        .status_reason
        .as_deref()
        .is_some_and(|r| r.contains("Channel conflict")));
    assert!(!detail.waiting_for_server);

    // It stays listed until dismissed.
    sales.portal.dismiss_change(refused.mutation_id).await?;
    assert_eq!(sales.portal.sync_status().await?.needs_attention, 0);
    assert_eq!(
        sales.portal.deal(deal.deal.id).await?.deal.status,
        DealStatus::Rejected
    );
    Ok(())
}
