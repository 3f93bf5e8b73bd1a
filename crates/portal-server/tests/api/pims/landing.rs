//! The public landing page: its headers, its form's checks, the rate limit, the honeypot, escaping,
//! and campaigns that take no leads.

use super::*;
use base64::Engine;
use portal_core::pims::lead::{FieldErrors, FormVerdict, LeadForm, LeadState, RATE_LIMIT};
use portal_core::pims::template::escape;
use sha2::Digest;

/// Bluefin's administrator (the firm with the live campaign), everything pulled.
async fn bluefin(server: &TestServer) -> Result<Client> {
    Client::sign_in(server, "admin@bluefin.example").await
}

fn leads_of(user: &Client) -> Vec<Lead> {
    user.all::<Lead>(Entity::Lead)
}

#[tokio::test]
async fn the_page_is_served_under_a_csp_that_admits_exactly_its_style() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let page = Visitor::new(&server, 1)?
        .get(&format!("/c/{LIVE_SLUG}"))
        .await?;
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").starts_with("text/html"));
    let style = page
        .html
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .expect("one style block");
    assert_eq!(page.html.matches("<style>").count(), 1);
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style));
    assert_eq!(
        page.header("content-security-policy"),
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'"
        )
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    assert!(page.html.contains("name=\"viewport\""), "works on a phone");
    assert!(!page.html.contains("<script"), "no script at all");
    assert!(page.html.contains("Bluefin IT"));

    // The firm's logo, sandboxed.
    let logo = Visitor::new(&server, 1)?
        .get(&format!("/c/{LIVE_SLUG}/logo"))
        .await?;
    assert_eq!(logo.status, 200);
    assert_eq!(logo.header("content-type"), "image/png");
    assert_eq!(
        logo.header("content-security-policy"),
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    );

    // An unknown page says so in words.
    let missing = Visitor::new(&server, 1)?
        .get("/c/no-such-campaign-abc123")
        .await?;
    assert_eq!(missing.status, 404);
    assert!(missing
        .html
        .contains("There is no campaign page at this address"));
    assert!(missing
        .header("content-security-policy")
        .contains("style-src 'sha256-"));
    Ok(())
}

#[tokio::test]
async fn an_invalid_form_comes_back_with_every_error_and_what_was_typed() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let visitor = Visitor::new(&server, 2)?;
    let typed = [
        ("name", "  "),
        ("company", ""),
        ("email", "ada@"),
        ("phone", "call me maybe"),
        ("mailboxes", "lots"),
        ("message", "Hello <b>there</b>"),
        ("website", ""),
    ];
    let page = visitor.post(LIVE_SLUG, &typed).await?;
    assert_eq!(page.status, 422);
    // The rule is portal-core's: every message it gives is on the page.
    let form = LeadForm {
        name: "  ".into(),
        email: "ada@".into(),
        phone: "call me maybe".into(),
        mailboxes: "lots".into(),
        message: "Hello <b>there</b>".into(),
        ..LeadForm::default()
    };
    let FormVerdict::Invalid(errors) = form.verdict() else {
        panic!("the form is invalid");
    };
    for field in ["name", "company", "email", "phone", "mailboxes", "consent"] {
        let message = errors
            .get(field)
            .unwrap_or_else(|| panic!("{field} has an error"));
        assert!(
            page.html.contains(&escape(message)),
            "{field}'s message {message:?} is on the page"
        );
    }
    assert!(errors.contains_key("consent"), "consent is required");
    // What was typed is kept (escaped).
    for kept in [
        "ada@",
        "call me maybe",
        "lots",
        "Hello &lt;b&gt;there&lt;/b&gt;",
    ] {
        assert!(page.html.contains(kept), "{kept} is kept");
    }
    assert!(!page.html.contains("<b>there"));

    // Consent alone missing: refused, nothing stored.
    let mut fields = enquiry("Ada Lovelace", "ada@fabrikam.example", "");
    fields.retain(|(k, _)| *k != "consent");
    let page = visitor.post(LIVE_SLUG, &fields).await?;
    assert_eq!(page.status, 422);
    let expected: FieldErrors = match (LeadForm {
        name: "Ada Lovelace".into(),
        company: "Fabrikam Ltd".into(),
        email: "ada@fabrikam.example".into(),
        ..LeadForm::default()
    })
    .verdict()
    {
        FormVerdict::Invalid(e) => e,
        other => panic!("{other:?}"),
    };
    assert!(page.html.contains(&escape(&expected["consent"])));
    let admin = bluefin(&server).await?;
    assert!(!leads_of(&admin).iter().any(|l| l.name == "Ada Lovelace"));
    Ok(())
}

#[tokio::test]
async fn a_valid_enquiry_becomes_a_lead_and_script_stays_text() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut admin = bluefin(&server).await?;
    // The partner writes a script into a region of the live campaign.
    let campaign = campaign_by_slug(&mut admin, LIVE_SLUG).await?;
    let mut regions = campaign.regions.clone();
    regions.insert(
        "offer".into(),
        "Free check <script>alert('region')</script> this month".into(),
    );
    let outcome = edit(
        &mut admin,
        Entity::Campaign,
        *campaign.id.as_uuid(),
        json!({ "regions": regions }),
    )
    .await?;
    crate::support::applied(&outcome);

    let visitor = Visitor::new(&server, 3)?;
    let message = "Call me <script>alert('visitor')</script> please";
    let page = visitor
        .post(
            LIVE_SLUG,
            &enquiry("Grace Hopper", "grace@fabrikam.example", message),
        )
        .await?;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), format!("/c/{LIVE_SLUG}?sent=1"));
    let thanks = visitor.get(&format!("/c/{LIVE_SLUG}?sent=1")).await?;
    assert!(thanks.html.contains("Thank you."));

    let shown = visitor.get(&format!("/c/{LIVE_SLUG}")).await?;
    assert!(
        !shown.html.contains("<script"),
        "the region's script is text"
    );
    assert!(shown.html.contains("&lt;script&gt;alert("));

    admin.sync().await?;
    let lead = leads_of(&admin)
        .into_iter()
        .find(|l| l.name == "Grace Hopper")
        .expect("the lead is pulled");
    assert_eq!(lead.message, message, "the visitor's text arrives as typed");
    assert_eq!(lead.state, LeadState::Pending);
    assert_eq!(lead.origin, campaign.name);
    assert_eq!(lead.campaign_id, Some(campaign.id));
    assert_eq!(
        lead.source,
        portal_core::pims::lead::LeadSource::LandingPage
    );
    assert_eq!(
        lead.expires_at - lead.received_at,
        chrono::Duration::days(portal_core::pims::lead::DEFAULT_WINDOW_DAYS)
    );
    Ok(())
}

#[tokio::test]
async fn the_honeypot_thanks_and_keeps_nothing() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut fields = enquiry("Robo Tron", "robo@spam.example", "buy now");
    fields.retain(|(k, _)| *k != "website");
    fields.push(("website", "https://spam.example"));
    let page = Visitor::new(&server, 4)?.post(LIVE_SLUG, &fields).await?;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), format!("/c/{LIVE_SLUG}?sent=1"));
    let admin = bluefin(&server).await?;
    assert!(!leads_of(&admin).iter().any(|l| l.name == "Robo Tron"));
    Ok(())
}

#[tokio::test]
async fn the_sixth_post_from_one_address_is_refused_and_another_address_is_not() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let busy = Visitor::new(&server, 5)?;
    for i in 0..RATE_LIMIT {
        let name = format!("Person {i}");
        let email = format!("p{i}@fabrikam.example");
        let page = busy.post(LIVE_SLUG, &enquiry(&name, &email, "")).await?;
        assert_eq!(page.status, 303, "post {i} is taken");
    }
    let refused = busy
        .post(LIVE_SLUG, &enquiry("Person 6", "p6@fabrikam.example", ""))
        .await?;
    assert_eq!(refused.status, 429);
    assert!(refused.html.contains("Please wait a few minutes"));
    let other = Visitor::new(&server, 6)?
        .post(
            LIVE_SLUG,
            &enquiry("Other Person", "other@fabrikam.example", ""),
        )
        .await?;
    assert_eq!(other.status, 303, "another address is not limited");
    let admin = bluefin(&server).await?;
    let names: Vec<String> = leads_of(&admin).into_iter().map(|l| l.name).collect();
    assert!(!names.contains(&"Person 6".to_owned()));
    assert!(names.contains(&"Other Person".to_owned()));
    Ok(())
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_in_words() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let long = "x".repeat(portal_core::pims::lead::MAX_FORM_BYTES + 10);
    let page = Visitor::new(&server, 7)?
        .post(
            LIVE_SLUG,
            &enquiry("Long Talker", "long@fabrikam.example", &long),
        )
        .await?;
    assert_eq!(page.status, 413);
    assert!(page.html.contains("Please shorten your message"));
    Ok(())
}

#[tokio::test]
async fn paused_and_ended_campaigns_say_so_and_take_no_leads() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut admin = bluefin(&server).await?;
    let campaign = campaign_by_slug(&mut admin, LIVE_SLUG).await?;
    let visitor = Visitor::new(&server, 8)?;
    let before = leads_of(&admin).len();

    let paused = step(&admin, campaign.id, "pause").await?;
    assert_eq!(paused.status, 200, "{paused:?}");
    assert_eq!(paused.body["status"], "paused");
    let page = visitor.get(&format!("/c/{LIVE_SLUG}")).await?;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("This campaign is paused"));
    assert!(!page.html.contains("<form"));
    let post = visitor
        .post(
            LIVE_SLUG,
            &enquiry("Late Larry", "larry@fabrikam.example", ""),
        )
        .await?;
    assert_eq!(post.status, 409);
    assert!(post.html.contains("This campaign is paused"));

    let again = step(&admin, campaign.id, "pause").await?;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["message"], "This campaign is already paused.");

    let ended = step(&admin, campaign.id, "end").await?;
    assert_eq!(ended.status, 200, "{ended:?}");
    let page = visitor.get(&format!("/c/{LIVE_SLUG}")).await?;
    assert!(page.html.contains("This campaign has ended"));
    let post = visitor
        .post(
            LIVE_SLUG,
            &enquiry("Later Larry", "later@fabrikam.example", ""),
        )
        .await?;
    assert_eq!(post.status, 409);
    assert!(post.html.contains("This campaign has ended"));
    let resumed = step(&admin, campaign.id, "resume").await?;
    assert_eq!(resumed.status, 409);
    assert_eq!(resumed.body["message"], "This campaign has ended.");

    admin.sync().await?;
    assert_eq!(leads_of(&admin).len(), before, "no lead was taken");
    Ok(())
}

#[tokio::test]
async fn a_campaign_whose_kit_was_withdrawn_has_ended() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut admin = bluefin(&server).await?;
    let campaign = campaign_by_slug(&mut admin, LIVE_SLUG).await?;
    let vendor = Vendor::sign_in(&server).await?;
    let reply = vendor
        .post(
            &format!("/api/v1/vendor/campaign-kits/{}/withdraw", campaign.kit_id),
            Value::Null,
        )
        .await?;
    assert_eq!(reply.status, 200);
    let visitor = Visitor::new(&server, 9)?;
    let page = visitor.get(&format!("/c/{LIVE_SLUG}")).await?;
    assert!(page.html.contains("This campaign has ended"));
    let post = visitor
        .post(LIVE_SLUG, &enquiry("Too Late", "late@fabrikam.example", ""))
        .await?;
    assert_eq!(post.status, 409);
    Ok(())
}
