//! The demo's PIMS: three campaign kits ([`kits`]: running, upcoming, ended) with assets published
//! as `campaign_assets` resources; every firm's marketing profile (made with the firm) — Northwind
//! Solutions' partly filled in (no logos, no unsubscribe address: the demo completes it), Bluefin
//! IT's complete with logos and a live campaign that has brought in leads; and Northwind's Lead
//! Inbox: three pending leads from the vendor (one expiring within a day), one expired and one
//! accepted with its prospect.

mod firms;
pub mod kits;

use super::{PartnerSpec, Seeder};
use crate::error::Result;
use crate::storage::pims::{kits as stored_kits, profiles};
use crate::storage::records::{FieldStamps, Stamp};
use crate::storage::resources::{self, Blob};
use crate::storage::Write;
use chrono::{DateTime, Duration, TimeZone, Utc};
use kits::{KitSpec, KITS};
use portal_core::api::partner::Address;
use portal_core::ids::{CampaignKitId, PartnerId, ResourceId, UserId};
use portal_core::pims::kit::{CampaignKit, KitAsset};
use portal_core::pims::logo::{Logo, LogoFormat, LogoKind};
use portal_core::pims::profile::{Colour, MarketingProfile, SocialLink};
use portal_core::resources::publish::{ResourceStatus, VendorResource};
use portal_core::resources::{Audience, Category, ProductTag, Resource, ResourceFile, VersionNote};
use portal_core::sync::Entity;
use portal_core::Role;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// The demo firm whose profile the demo completes, and the firm with a live campaign.
pub const DEMO_FIRM: &str = "Northwind Solutions";
pub const LIVE_FIRM: &str = "Bluefin IT";
/// The live campaign's public page: `/c/<LIVE_SLUG>`.
pub const LIVE_SLUG: &str = "bluefin-it-stop-the-phish-q1-campaign-d3m0b1";

/// PIMS's own ids: a clock and RNG apart from the rest of the seed, so the others stay as they were.
pub struct Ids {
    rng: ChaCha8Rng,
    millis: u64,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            rng: ChaCha8Rng::seed_from_u64(0x5EED_013A),
            // 2025-10-01T00:00:00Z.
            millis: 1_759_276_800_000,
        }
    }
}

impl Ids {
    fn next(&mut self) -> Uuid {
        self.millis += 1;
        let bytes: [u8; 10] = self.rng.gen();
        uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes).into_uuid()
    }
}

impl Seeder<'_> {
    fn at(&self, days: i64, hour: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(
            &(self.options.today + Duration::days(days))
                .and_hms_opt(hour, 0, 0)
                .unwrap_or_default(),
        )
    }

    /// Stores a picture drawn for the seed as a file of a resource.
    async fn picture(
        &mut self,
        tx: &mut Write,
        name: &str,
        bytes: Vec<u8>,
        at: DateTime<Utc>,
    ) -> Result<ResourceFile> {
        let sha256 = self.blobs.put(&bytes).await?;
        resources::keep_blob(
            tx,
            &Blob {
                sha256: sha256.clone(),
                name: Some(name.into()),
                media_type: "image/png".into(),
                size: bytes.len() as u64,
                uploaded_at: at,
            },
        )
        .await?;
        Ok(ResourceFile {
            name: name.into(),
            media_type: "image/png".into(),
            size: bytes.len() as u64,
            sha256,
        })
    }

    /// The kits and the resources holding their assets' backgrounds (every firm sees them).
    pub(super) async fn pims_kits(&mut self, tx: &mut Write) -> Result<()> {
        for spec in KITS {
            let published = self.at(spec.starts_in.min(0) - 5, 9);
            let mut files = Vec::new();
            let stem = portal_core::pims::campaign::words_for_name(
                spec.name.split(':').next().unwrap_or(spec.name),
                true,
            );
            if spec.flyer {
                files.push(
                    self.picture(
                        tx,
                        &format!("{stem}-flyer-background.png"),
                        kits::flyer(spec),
                        published,
                    )
                    .await?,
                );
            }
            if spec.banner {
                files.push(
                    self.picture(
                        tx,
                        &format!("{stem}-banner-background.png"),
                        kits::banner(spec),
                        published,
                    )
                    .await?,
                );
            }
            let resource_id = ResourceId::from_uuid(self.pims_ids.next());
            let item = VendorResource {
                resource: Resource {
                    id: resource_id,
                    category: Category::CampaignAssets,
                    title: format!("{}: co-branded backgrounds", spec.name),
                    summary: "The pictures behind the kit's co-branded flyer and banner.".into(),
                    description: "Used by the campaign kit of the same name: open the kit in Campaigns to co-brand them with your logo and contact details.".into(),
                    products: tags(spec),
                    thumbnail: files.first().cloned(),
                    files: files.clone(),
                    version: 1,
                    versions: vec![VersionNote { version: 1, published_at: published, note: String::new() }],
                    published_at: published,
                    review_on: None,
                    expires_on: None,
                },
                audience: Audience::everyone(),
                status: ResourceStatus::Published,
                withdrawn_at: None,
            };
            resources::save(tx, &item).await?;
            self.globals
                .push((Entity::Resource, *resource_id.as_uuid(), Vec::new()));
            self.report.resources += 1;
            let kit = self.kit(spec, resource_id, &files, published);
            stored_kits::save(
                tx,
                &stored_kits::StoredKit {
                    kit: kit.clone(),
                    withdrawn_at: None,
                },
            )
            .await?;
            self.globals
                .push((Entity::CampaignKit, *kit.id.as_uuid(), Vec::new()));
            self.pims_kits.push(kit);
        }
        Ok(())
    }

    fn kit(
        &mut self,
        spec: &KitSpec,
        resource: ResourceId,
        files: &[ResourceFile],
        published: DateTime<Utc>,
    ) -> CampaignKit {
        let mut assets = Vec::new();
        for ((title, output), file) in kits::outputs(spec).into_iter().zip(files) {
            let pdf = output == portal_core::pims::kit::AssetOutput::Pdf;
            let (width, height) = if pdf { kits::FLYER } else { kits::BANNER };
            assets.push(KitAsset {
                title: title.into(),
                resource_id: resource,
                background: file.sha256.clone(),
                width,
                height,
                output,
                logo_zone: if pdf {
                    kits::FLYER_LOGO
                } else {
                    kits::BANNER_LOGO
                },
                contact_zone: pdf.then_some(kits::FLYER_CONTACT),
                page_width_pt: pdf.then_some(595),
                page_height_pt: pdf.then_some(842),
            });
        }
        CampaignKit {
            id: CampaignKitId::from_uuid(self.pims_ids.next()),
            name: spec.name.into(),
            summary: spec.summary.into(),
            products: tags(spec),
            starts_on: self.options.today + Duration::days(spec.starts_in),
            ends_on: self.options.today + Duration::days(spec.ends_in),
            email: (spec.email)(),
            landing: (spec.landing)(),
            assets,
            published_at: published,
            audience: Audience::everyone(),
        }
    }

    /// The firm's profile, and (for the demo firms) its campaigns and leads.
    pub(super) async fn pims_firm(
        &mut self,
        tx: &mut Write,
        spec: &PartnerSpec,
        partner: PartnerId,
        users: &[(&str, UserId, Role)],
    ) -> Result<()> {
        let user = |role: Role| users.iter().find(|u| u.2 == role).map(|u| u.1);
        let mut profile = MarketingProfile::blank(partner, spec.name);
        let (line1, line2, city, region, postal, country) = spec.address;
        if spec.name == DEMO_FIRM || spec.name == LIVE_FIRM {
            profile.address = Address {
                line1: line1.into(),
                line2: line2.into(),
                city: city.into(),
                region: region.into(),
                postal_code: postal.into(),
                country: country.into(),
            };
            profile.contact_name = if spec.name == DEMO_FIRM {
                "Priya Patel"
            } else {
                "Tom Okafor"
            }
            .into();
            profile.email = format!("hello@{}", spec.domain);
            profile.phone = spec.phone.into();
            profile.website = format!("https://www.{}", spec.domain);
            profile.social = vec![SocialLink {
                network: "LinkedIn".into(),
                url: format!(
                    "https://www.linkedin.com/company/{}",
                    spec.domain.split('.').next().unwrap_or("firm")
                ),
            }];
        }
        if spec.name == LIVE_FIRM {
            profile.unsubscribe = format!("unsubscribe@{}", spec.domain);
            profile.brand_colour = Colour::parse("#0e7490").unwrap_or_default();
            profile.web_logo = Some(self.logo(tx, partner, LogoKind::Web, 480, 160).await?);
            profile.print_logo = Some(self.logo(tx, partner, LogoKind::Print, 1200, 400).await?);
        }
        let version = self
            .log(tx, Entity::MarketingProfile, *partner.as_uuid(), None)
            .await?;
        profiles::save(
            tx,
            &profiles::StoredProfile {
                profile,
                version,
                stamps: FieldStamps::new(Stamp {
                    version,
                    client: None,
                }),
            },
        )
        .await?;
        let (Some(admin), Some(kit)) = (user(Role::Administrator), self.pims_kits.first().cloned())
        else {
            return Ok(());
        };
        if spec.name == LIVE_FIRM {
            self.live_campaign(tx, partner, admin, &kit).await?;
        }
        if spec.name == DEMO_FIRM {
            if let Some(upcoming) = self.pims_kits.get(1).cloned() {
                self.draft(
                    tx,
                    partner,
                    user(Role::Marketing).unwrap_or(admin),
                    &upcoming,
                )
                .await?;
            }
            self.inbox(tx, partner, user(Role::Sales).unwrap_or(admin))
                .await?;
        }
        Ok(())
    }

    async fn logo(
        &mut self,
        tx: &mut Write,
        partner: PartnerId,
        kind: LogoKind,
        w: u32,
        h: u32,
    ) -> Result<Logo> {
        let bytes = kits::partner_logo(w, h, (14, 116, 144), "BLUEFIN IT");
        let sha256 = self.blobs.put(&bytes).await?;
        profiles::keep_logo(
            tx,
            &profiles::StoredLogo {
                partner,
                kind,
                sha256: sha256.clone(),
                media_type: "image/png".into(),
                size: bytes.len() as u64,
                uploaded_at: self.at(-60, 10),
            },
        )
        .await?;
        Ok(Logo {
            sha256,
            format: LogoFormat::Png,
            width: w,
            height: h,
            size: bytes.len() as u64,
        })
    }
}

/// The kit's products, named as the price book names them.
fn tags(spec: &KitSpec) -> Vec<ProductTag> {
    spec.skus
        .iter()
        .map(|s| ProductTag {
            sku: (*s).into(),
            name: super::content::PRODUCTS
                .iter()
                .find(|p| p.0 == *s)
                .map_or(*s, |p| p.1)
                .into(),
        })
        .collect()
}
