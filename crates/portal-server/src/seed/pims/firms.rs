//! The demo firms' campaigns and leads: Bluefin IT's live campaign with the views and
//! landing-page leads it brought, Northwind's draft prepared ahead of its kit, and Northwind's Lead
//! Inbox (three pending vendor leads — one expiring within a day — one expired, one accepted with
//! its prospect).

use super::LIVE_SLUG;
use crate::error::Result;
use crate::seed::Seeder;
use crate::storage::pims::{campaigns, landing, leads};
use crate::storage::records::{FieldStamps, Stamp, Stored, StoredProspect};
use crate::storage::Write;
use chrono::{DateTime, Duration, Utc};
use portal_core::email::Email;
use portal_core::ids::{CampaignId, LeadId, PartnerId, ProspectId, UserId};
use portal_core::pims::campaign::{Campaign, CampaignStatus};
use portal_core::pims::kit::CampaignKit;
use portal_core::pims::lead::{Lead, LeadSource, LeadState};
use portal_core::sync::Entity;

impl Seeder<'_> {
    pub(super) async fn live_campaign(
        &mut self,
        tx: &mut Write,
        partner: PartnerId,
        admin: UserId,
        kit: &CampaignKit,
    ) -> Result<()> {
        let id = CampaignId::from_uuid(self.pims_ids.next());
        let mut c = Campaign::draft(id, kit, admin, self.at(-15, 9));
        c.regions.insert("opening".into(), "Bluefin IT has checked the inboxes of 40 firms in the region this year. Most were one click away from a breach. Let us show you where you stand — it takes one short call.".into());
        c.status = CampaignStatus::Live;
        c.slug = Some(LIVE_SLUG.into());
        c.launched_at = Some(self.at(-14, 10));
        c.launched_by = Some(admin);
        let version = self.log(tx, Entity::Campaign, *id.as_uuid(), None).await?;
        campaigns::save(
            tx,
            &campaigns::StoredCampaign {
                partner,
                campaign: c.clone(),
                version,
                stamps: FieldStamps::new(Stamp {
                    version,
                    client: None,
                }),
            },
        )
        .await?;
        for _ in 0..140 {
            landing::count_view(tx, id).await?;
        }
        let people = [
            (
                "Hannah Reid",
                "Coastline Dental Group",
                "hannah.reid@coastlinedental.example",
                "We had two phishing scares last month.",
            ),
            (
                "Marco Bianchi",
                "Bianchi & Sons Logistics",
                "marco@bianchilogistics.example",
                "",
            ),
            (
                "Aisha Khan",
                "Greenfield Veterinary",
                "aisha.khan@greenfieldvets.example",
                "About 60 mailboxes. Tuesdays are best.",
            ),
        ];
        for (i, (name, company, email, message)) in people.into_iter().enumerate() {
            let received = self.at(-10 + i as i64 * 3, 11);
            let lead = self.lead(
                LeadSource::LandingPage,
                Some(id),
                &c.name,
                name,
                company,
                email,
                message,
                received,
                received + Duration::days(portal_core::pims::lead::DEFAULT_WINDOW_DAYS),
            );
            let lead = Lead {
                expires_at: self.at(3 + i as i64, 11),
                ..lead
            };
            self.save_lead(tx, partner, lead).await?;
        }
        Ok(())
    }

    /// A draft prepared ahead of its kit's start (it cannot be launched before then).
    pub(super) async fn draft(
        &mut self,
        tx: &mut Write,
        partner: PartnerId,
        author: UserId,
        kit: &CampaignKit,
    ) -> Result<()> {
        let id = CampaignId::from_uuid(self.pims_ids.next());
        let mut c = Campaign::draft(id, kit, author, self.at(-3, 15));
        c.name = "Spring audit check-up".into();
        let version = self.log(tx, Entity::Campaign, *id.as_uuid(), None).await?;
        campaigns::save(
            tx,
            &campaigns::StoredCampaign {
                partner,
                campaign: c,
                version,
                stamps: FieldStamps::new(Stamp {
                    version,
                    client: None,
                }),
            },
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    fn lead(
        &mut self,
        source: LeadSource,
        campaign: Option<CampaignId>,
        origin: &str,
        name: &str,
        company: &str,
        email: &str,
        message: &str,
        received: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Lead {
        Lead {
            id: LeadId::from_uuid(self.pims_ids.next()),
            source,
            campaign_id: campaign,
            origin: origin.into(),
            name: name.into(),
            company: company.into(),
            email: Email::parse(email).expect("a demo email address"),
            phone: String::new(),
            mailboxes: None,
            message: message.into(),
            consent_at: received,
            received_at: received,
            expires_at: expires,
            state: LeadState::Pending,
            decided_by: None,
            decided_at: None,
            owner_id: None,
            next_step: String::new(),
            prospect_id: None,
            decline_reason: None,
            decline_note: String::new(),
        }
    }

    async fn save_lead(&mut self, tx: &mut Write, partner: PartnerId, lead: Lead) -> Result<()> {
        let version = self.log(tx, Entity::Lead, *lead.id.as_uuid(), None).await?;
        leads::save(
            tx,
            &leads::StoredLead {
                partner,
                lead,
                version,
            },
        )
        .await
    }

    /// Northwind's Lead Inbox.
    pub(super) async fn inbox(
        &mut self,
        tx: &mut Write,
        partner: PartnerId,
        sales: UserId,
    ) -> Result<()> {
        let webinar = "Vendor webinar: phishing in 2026";
        let pending = [
            (
                "Olivia Grant",
                "Harbour View Hotels",
                "olivia.grant@harbourviewhotels.example",
                "Interested in ATP for 300 mailboxes across four hotels.",
                Some(300),
                -6,
                1,
                9,
            ),
            (
                "Daniel Novak",
                "Novak Engineering",
                "d.novak@novakeng.example",
                "Please call after 2 pm.",
                Some(85),
                -2,
                5,
                12,
            ),
            (
                "Sofia Martins",
                "Lisbon Street Bakeries",
                "sofia@lisbonbakeries.example",
                "",
                None,
                -1,
                6,
                15,
            ),
        ];
        for (name, company, email, message, mailboxes, ago, expires_in, hour) in pending {
            let mut lead = self.lead(
                LeadSource::Vendor,
                None,
                webinar,
                name,
                company,
                email,
                message,
                self.at(ago, hour),
                self.at(expires_in, hour),
            );
            lead.mailboxes = mailboxes;
            lead.phone = "+1 206 555 0199".into();
            self.save_lead(tx, partner, lead).await?;
        }
        let mut expired = self.lead(
            LeadSource::Vendor,
            None,
            "Trade show, Seattle",
            "Ben Carter",
            "Carter Freight",
            "ben@carterfreight.example",
            "",
            self.at(-20, 10),
            self.at(-13, 10),
        );
        expired.state = LeadState::Expired;
        self.save_lead(tx, partner, expired).await?;
        let mut accepted = self.lead(
            LeadSource::Vendor,
            None,
            webinar,
            "Grace Liu",
            "Pinecrest Credit Union",
            "grace.liu@pinecrestcu.example",
            "Our auditors asked about archiving.",
            self.at(-9, 14),
            self.at(-2, 14),
        );
        accepted.mailboxes = Some(120);
        let prospect_id = ProspectId::from_uuid(self.pims_ids.next());
        let next_step = "Call Grace on Thursday to book an archive demo.";
        let prospect = accepted
            .prospect(prospect_id, sales, next_step)
            .map_err(crate::Error::from)?;
        let version = self
            .log(tx, Entity::Prospect, *prospect_id.as_uuid(), Some(sales))
            .await?;
        StoredProspect::created(
            prospect,
            version,
            FieldStamps::new(Stamp {
                version,
                client: None,
            }),
        )
        .save(tx, partner)
        .await?;
        accepted.state = LeadState::Accepted;
        accepted.decided_by = Some(sales);
        accepted.decided_at = Some(self.at(-8, 9));
        accepted.owner_id = Some(sales);
        accepted.next_step = next_step.into();
        accepted.prospect_id = Some(prospect_id);
        self.save_lead(tx, partner, accepted).await
    }
}
