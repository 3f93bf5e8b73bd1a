//! A campaign's funnel, counted by the server: views → leads → accepted → prospects → deal
//! registrations → quotes.

use super::*;
use crate::support::{applied, today};
use chrono::Days;
use portal_core::ids::DealId;
use portal_core::pims::results::{CampaignResults, ResultsResponse};
use portal_core::quote::QuoteFor;
use portal_core::registration::DealForm;

async fn funnel(user: &Client, campaign: CampaignId) -> Result<CampaignResults> {
    let reply = user.get("/api/v1/pims/results").await?;
    anyhow::ensure!(reply.status == 200, "results: {reply:?}");
    let all: ResultsResponse = serde_json::from_value(reply.body)?;
    all.campaigns
        .into_iter()
        .find(|c| c.campaign_id == campaign)
        .ok_or_else(|| anyhow::anyhow!("no results for {campaign}"))
}

#[tokio::test]
async fn results_count_views_leads_accepted_prospects_deals_and_quotes() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut admin = Client::sign_in(&server, "admin@bluefin.example").await?;
    let campaign = campaign_by_slug(&mut admin, LIVE_SLUG).await?;
    let before = funnel(&admin, campaign.id).await?;
    assert_eq!(before.leads, 3, "the seeded landing-page leads");
    assert!(before.page_views >= 100);

    let visitor = Visitor::new(&server, 30)?;
    visitor.get(&format!("/c/{LIVE_SLUG}")).await?;
    visitor.get(&format!("/c/{LIVE_SLUG}")).await?;
    let page = visitor
        .post(
            LIVE_SLUG,
            &enquiry("Quinn Funnel", "quinn@funnelworks.example", ""),
        )
        .await?;
    assert_eq!(page.status, 303);
    let after_post = funnel(&admin, campaign.id).await?;
    assert_eq!(after_post.page_views, before.page_views + 2);
    assert_eq!(after_post.leads, before.leads + 1);
    assert_eq!(after_post.accepted, before.accepted);

    admin.sync().await?;
    let lead = admin
        .all::<Lead>(Entity::Lead)
        .into_iter()
        .find(|l| l.name == "Quinn Funnel")
        .expect("pulled");
    let (prospect_id, decision) = accept(admin.user);
    applied(&decide(&mut admin, lead.id, decision).await?);
    let accepted = funnel(&admin, campaign.id).await?;
    assert_eq!(accepted.accepted, before.accepted + 1);
    assert_eq!(accepted.prospects, before.prospects + 1);
    assert_eq!(accepted.deals, before.deals);

    let form = DealForm {
        prospect_id: Some(prospect_id),
        products: vec!["Bastion Email Security Gateway".into()],
        estimated_value: "12,500".into(),
        expected_close: (today() + Days::new(60)).to_string(),
        ..DealForm::default()
    };
    let deal = form
        .parse(DealId::from_uuid(Uuid::now_v7()), admin.user, today())
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    applied(
        &admin
            .push_one(Entity::Deal, *deal.id.as_uuid(), create(&deal))
            .await?,
    );
    let with_deal = funnel(&admin, campaign.id).await?;
    assert_eq!(with_deal.deals, before.deals + 1);
    assert_eq!(with_deal.quotes, before.quotes);

    let line = admin.line("BM-GW", 120, 12, 0);
    let quote = admin.new_quote(QuoteFor::Prospect(prospect_id), vec![line]);
    applied(
        &admin
            .push_one(Entity::Quote, *quote.id.as_uuid(), create(&quote))
            .await?,
    );
    let mut on_deal = admin.new_quote(
        QuoteFor::Prospect(prospect_id),
        vec![admin.line("BM-ATP", 120, 12, 0)],
    );
    on_deal.deal_id = Some(deal.id);
    applied(
        &admin
            .push_one(Entity::Quote, *on_deal.id.as_uuid(), create(&on_deal))
            .await?,
    );
    let done = funnel(&admin, campaign.id).await?;
    assert_eq!(done.quotes, before.quotes + 2);
    assert_eq!(
        done.funnel().map(|(_, n)| n),
        [
            before.page_views + 2,
            before.leads + 1,
            before.accepted + 1,
            before.prospects + 1,
            before.deals + 1,
            before.quotes + 2
        ]
    );

    // Another firm's results never list it; a Deal Registration user has none to ask for.
    let north = Client::sign_in(&server, "admin@northwind.example").await?;
    let theirs: ResultsResponse =
        serde_json::from_value(north.get("/api/v1/pims/results").await?.body)?;
    assert!(theirs
        .campaigns
        .iter()
        .all(|c| c.campaign_id != campaign.id));
    let dealreg = Client::sign_in(&server, "dealreg@northwind.example").await?;
    assert_eq!(dealreg.get("/api/v1/pims/results").await?.status, 403);
    Ok(())
}
