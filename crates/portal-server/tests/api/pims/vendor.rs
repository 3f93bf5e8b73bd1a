//! The vendor's kits: publishing (each asset checked against its `campaign_assets` picture),
//! who receives a kit (its audience's tiers and roles), and withdrawal.

use super::*;
use portal_core::pims::kit::CampaignKit;
use portal_core::resources::publish::VendorResource;
use portal_core::resources::Category;

/// A seeded kit as the vendor would publish it anew, with this audience.
fn republished(kit: &CampaignKit, name: &str, audience: Value) -> Value {
    json!({
        "name": name,
        "summary": kit.summary,
        "products": kit.products,
        "starts_on": kit.starts_on,
        "ends_on": kit.ends_on,
        "email": kit.email,
        "landing": kit.landing,
        "assets": kit.assets,
        "audience": audience,
    })
}

fn kit_ids(user: &Client) -> Vec<(Uuid, String)> {
    user.all::<CampaignKit>(Entity::CampaignKit)
        .into_iter()
        .map(|k| (*k.id.as_uuid(), k.name))
        .collect()
}

#[tokio::test]
async fn kits_reach_the_tiers_and_roles_they_are_for_and_leave_when_withdrawn() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut marketing = Client::sign_in(&server, "marketing@northwind.example").await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let seeded = marketing
        .all::<CampaignKit>(Entity::CampaignKit)
        .into_iter()
        .find(|k| !k.assets.is_empty())
        .expect("a seeded kit with assets");

    // For Platinum firms only: Northwind is Gold.
    let platinum = vendor
        .post(
            "/api/v1/vendor/campaign-kits",
            republished(&seeded, "Platinum only", json!({"tiers": ["platinum"]})),
        )
        .await?;
    assert_eq!(platinum.status, 201, "{platinum:?}");
    // For Marketing users only.
    let reply = vendor
        .post(
            "/api/v1/vendor/campaign-kits",
            republished(&seeded, "Marketing only", json!({"roles": ["marketing"]})),
        )
        .await?;
    assert_eq!(reply.status, 201, "{reply:?}");
    let marketing_only: Uuid = reply.body["id"].as_str().unwrap_or_default().parse()?;
    marketing.sync().await?;
    sales.sync().await?;
    let names = |user: &Client| {
        kit_ids(user)
            .into_iter()
            .map(|(_, n)| n)
            .collect::<Vec<_>>()
    };
    assert!(names(&marketing).contains(&"Marketing only".to_owned()));
    assert!(!names(&marketing).contains(&"Platinum only".to_owned()));
    assert!(!names(&sales).contains(&"Marketing only".to_owned()));

    let listed = vendor.get("/api/v1/vendor/campaign-kits").await?;
    assert_eq!(listed.body.as_array().map(Vec::len), Some(5));

    let withdrawn = vendor
        .post(
            &format!("/api/v1/vendor/campaign-kits/{marketing_only}/withdraw"),
            Value::Null,
        )
        .await?;
    assert_eq!(withdrawn.status, 200);
    assert_eq!(withdrawn.body["name"], "Marketing only");
    let listed = vendor.get("/api/v1/vendor/campaign-kits").await?;
    let entry = listed
        .body
        .as_array()
        .into_iter()
        .flatten()
        .find(|k| k["kit"]["id"] == json!(marketing_only))
        .expect("listed");
    assert!(entry["withdrawn_at"].is_string(), "the list says when");
    let new = marketing.sync().await?;
    assert!(
        new.iter()
            .any(|c| c.id == marketing_only && c.body.is_none()),
        "a tombstone"
    );
    assert!(!names(&marketing).contains(&"Marketing only".to_owned()));
    Ok(())
}

async fn publish(vendor: &Vendor, kit: &CampaignKit) -> Result<Reply> {
    vendor
        .post(
            "/api/v1/vendor/campaign-kits",
            republished(kit, "Checked", json!({})),
        )
        .await
}

#[tokio::test]
async fn each_asset_must_be_a_png_of_a_campaign_asset_of_its_stated_size() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let marketing = Client::sign_in(&server, "marketing@northwind.example").await?;
    let seeded = marketing
        .all::<CampaignKit>(Entity::CampaignKit)
        .into_iter()
        .find(|k| !k.assets.is_empty())
        .expect("a seeded kit with assets");

    let mut wrong_size = seeded.clone();
    wrong_size.assets[0].width += 1;
    let reply = publish(&vendor, &wrong_size).await?;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.body["field"], "assets");
    assert!(reply.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("pixels, not"));

    let items: Vec<VendorResource> =
        serde_json::from_value(vendor.get("/api/v1/vendor/resources").await?.body)?;
    let sales_tool = items
        .iter()
        .find(|i| i.resource.category == Category::SalesTools)
        .expect("a sales tool");
    let mut not_an_asset = seeded.clone();
    not_an_asset.assets[0].resource_id = sales_tool.resource.id;
    let reply = publish(&vendor, &not_an_asset).await?;
    assert_eq!(reply.status, 422);
    assert!(reply.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("is not a campaign asset"));

    let pdf_asset = items
        .iter()
        .find(|i| {
            i.resource.category == Category::CampaignAssets
                && i.resource.files.iter().any(|f| f.media_type != "image/png")
        })
        .expect("a campaign asset with a file that is not a PNG");
    let mut not_png = seeded.clone();
    not_png.assets[0].resource_id = pdf_asset.resource.id;
    not_png.assets[0].background = pdf_asset
        .resource
        .files
        .iter()
        .find(|f| f.media_type != "image/png")
        .map(|f| f.sha256.clone())
        .expect("a file");
    let reply = publish(&vendor, &not_png).await?;
    assert_eq!(reply.status, 422);
    assert!(reply.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("is not a PNG picture"));

    let mut ends_early = seeded.clone();
    ends_early.ends_on = ends_early.starts_on - chrono::Days::new(1);
    let reply = publish(&vendor, &ends_early).await?;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.body["field"], "ends_on");
    Ok(())
}
