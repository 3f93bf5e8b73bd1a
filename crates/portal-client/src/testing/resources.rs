//! Generated marketing resources, loaded into a cache as a pull would load them: for the library
//! benchmark (a vendor's whole library without a server).

use crate::{error::ClientError, store::Cache, sync::page};
use chrono::{Duration, TimeZone, Utc};
use portal_core::{
    ids::ResourceId,
    resources::{Category, ProductTag, Resource, ResourceFile, Sha256, VersionNote},
    sync::{Change, Entity},
};
use uuid::Uuid;

const PRODUCTS: &[(&str, &str)] = &[
    ("BM-GW", "Bastion Email Security Gateway"),
    ("BM-AR", "Bastion Archive"),
    ("BM-CT", "Bastion Continuity"),
    ("BM-AT", "Bastion Awareness Training"),
    ("BM-DLP", "Bastion Data Loss Prevention"),
    ("BM-SAT", "Bastion Sandbox"),
];
const KINDS: &[(&str, &str, &str)] = &[
    ("Battle card", "application/pdf", "pdf"),
    ("Data sheet", "application/pdf", "pdf"),
    (
        "Pitch deck",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
    (
        "ROI calculator",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("Logo pack", "application/zip", "zip"),
    ("Web banner", "image/png", "png"),
    ("Customer guide", "application/pdf", "pdf"),
    ("Email template", "text/plain", "txt"),
    ("Demo video", "video/mp4", "mp4"),
    ("Case study", "application/pdf", "pdf"),
];
const TOPICS: &[&str] = &[
    "ransomware",
    "phishing",
    "compliance",
    "GDPR",
    "healthcare",
    "finance",
    "education",
    "migration",
    "Microsoft 365",
    "Google Workspace",
    "small business",
    "enterprise",
    "renewal",
    "competitive",
    "Q4 campaign",
    "spring launch",
    "retail",
    "public sector",
    "MSP",
    "onboarding",
];
const WORDS: &[&str] = &[
    "protect",
    "inbox",
    "threats",
    "users",
    "archive",
    "search",
    "retention",
    "policy",
    "attack",
    "detect",
    "block",
    "recover",
    "outage",
    "continuity",
    "train",
    "staff",
    "report",
    "admin",
    "deploy",
    "minutes",
    "cloud",
    "license",
    "seat",
    "partner",
    "margin",
    "customer",
    "win",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` items spread over the categories, one to three products each, published a few hours apart
/// over the last years; the same `seed` gives the same items.
pub fn resources(n: usize, seed: u64) -> Vec<Resource> {
    let mut rng = Rng(seed.max(1));
    let start = Utc.with_ymd_and_hms(2023, 1, 1, 8, 0, 0).unwrap();
    (0..n)
        .map(|i| {
            let (kind, media, ext) = KINDS[rng.below(KINDS.len())];
            let topic = TOPICS[rng.below(TOPICS.len())];
            let main = PRODUCTS[rng.below(PRODUCTS.len())];
            let mut products = vec![main];
            for _ in 0..rng.below(3) {
                let p = PRODUCTS[rng.below(PRODUCTS.len())];
                if !products.contains(&p) {
                    products.push(p);
                }
            }
            let title = format!("{} {kind}: {topic} #{i}", main.1);
            let sentence = |rng: &mut Rng, words: usize| {
                (0..words)
                    .map(|_| WORDS[rng.below(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let at = start + Duration::hours(i as i64 * 5 + rng.below(4) as i64);
            let mut digest = [0u8; 32];
            digest[..8].copy_from_slice(&(i as u64 + 1).to_be_bytes());
            digest[8..16].copy_from_slice(&seed.to_be_bytes());
            let file = ResourceFile {
                name: format!("{}-{}-{i}.{ext}", kind.replace(' ', "-"), main.0),
                media_type: media.into(),
                size: 20_000 + rng.below(5_000_000) as u64,
                sha256: Sha256::from_digest(&digest),
            };
            Resource {
                id: ResourceId::from_uuid(Uuid::from_u128(
                    (u128::from(seed) << 64) | (i as u128 + 1),
                )),
                category: Category::ALL[rng.below(Category::ALL.len())],
                title,
                summary: format!("{} for {topic}.", sentence(&mut rng, 8)),
                description: (0..3)
                    .map(|_| sentence(&mut rng, 25))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                products: products
                    .iter()
                    .map(|(sku, name)| ProductTag {
                        sku: (*sku).into(),
                        name: (*name).into(),
                    })
                    .collect(),
                files: vec![file],
                thumbnail: None,
                version: 1,
                versions: vec![VersionNote {
                    version: 1,
                    published_at: at,
                    note: String::new(),
                }],
                published_at: at,
                review_on: None,
                expires_on: None,
            }
        })
        .collect()
}

/// Loads the items into the cache as pulled pages of 500 changes.
pub async fn load(cache: &Cache, scope: &str, items: &[Resource]) -> Result<(), ClientError> {
    for (page, chunk) in items.chunks(500).enumerate() {
        let mut tx = cache.pool().begin().await?;
        let changes: Vec<Change> = chunk
            .iter()
            .enumerate()
            .map(|(i, r)| Change {
                entity: Entity::Resource,
                id: r.id.0,
                version: (page * 500 + i + 1) as i64,
                body: Some(serde_json::to_value(r).expect("a resource serializes")),
            })
            .collect();
        page::apply_page(&mut tx, scope, &changes, &Default::default()).await?;
        tx.commit().await?;
    }
    Ok(())
}
