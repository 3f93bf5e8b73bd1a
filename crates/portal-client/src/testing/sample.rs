//! Generated prospects, loaded into a cache as a pull would load them: for tests of the lists and
//! for the search benchmark (a large firm without a server).

use crate::{error::ClientError, lists::grams, store::Cache, sync::page};
use portal_core::{
    api::partner::Address,
    ids::{ProspectId, UserId},
    prospect::{Contact, Prospect, ProspectStatus, SECTORS},
    sync::{Change, Entity},
    Domain,
};
use uuid::Uuid;

const SYLLABLES: &[&str] = &[
    "con", "to", "so", "north", "wind", "fab", "ri", "kam", "blue", "fin", "tech", "ly", "ex",
    "cel", "data", "corp", "sys", "mar", "ket", "ven", "tura", "pro", "gen", "al", "ta", "ver",
    "dex", "lum", "ora", "quin",
];
const SUFFIXES: &[&str] = &["Ltd", "Inc", "GmbH", "Group", "Partners", "LLC"];
const TLDS: &[&str] = &["com", "net", "org", "io", "co.uk", "example"];
const FIRST: &[&str] = &[
    "Ann", "Bob", "Carla", "David", "Eve", "Frank", "Grace", "Hugo", "Ivy", "Jack", "Kim", "Liam",
    "Mona", "Nina", "Omar", "Pia", "Zoë", "Ömer",
];
const LAST: &[&str] = &[
    "Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Moore", "Taylor", "Clark",
    "Lewis", "Young", "Müller", "Øster",
];

/// A small deterministic generator (xorshift), so runs are comparable without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// `n` valid prospects with unique domains, owned by `owners` in turn; the same `seed` gives the
/// same prospects.
pub fn prospects(n: usize, owners: &[UserId], seed: u64) -> Vec<Prospect> {
    let mut rng = Rng(seed.max(1));
    (0..n)
        .map(|i| {
            let words = 2 + (rng.next() % 3) as usize;
            let stem: String = (0..words).map(|_| rng.pick(SYLLABLES)).collect();
            let name = format!("{}{}", stem[..1].to_uppercase(), &stem[1..]);
            let contact = |rng: &mut Rng| Contact {
                first_name: rng.pick(FIRST).into(),
                last_name: rng.pick(LAST).into(),
                ..Contact::default()
            };
            Prospect {
                id: ProspectId::from_uuid(Uuid::from_u128(
                    (u128::from(seed) << 64) | (i as u128 + 1),
                )),
                company_name: format!("{name} {}", rng.pick(SUFFIXES)),
                domain: Domain::parse(&format!("{}{i}.{}", stem, rng.pick(TLDS)))
                    .expect("generated domains are valid"),
                sector: rng.pick(&SECTORS).into(),
                address: Address::default(),
                mailboxes: (rng.next() % 5_000) as u32,
                primary_contact: contact(&mut rng),
                implementation_lead: contact(&mut rng),
                infrastructure_notes: String::new(),
                notes: String::new(),
                owner_id: owners[i % owners.len().max(1)],
                status: ProspectStatus::ALL[(rng.next() % 4) as usize],
            }
        })
        .collect()
}

/// Stores `prospects` in `scope` as pulled changes (versions from 1), a thousand per transaction.
pub async fn load(cache: &Cache, scope: &str, prospects: &[Prospect]) -> Result<(), ClientError> {
    for (page, chunk) in prospects.chunks(1_000).enumerate() {
        let mut tx = cache.pool().begin().await?;
        let changes: Vec<Change> = chunk
            .iter()
            .enumerate()
            .map(|(i, p)| Change {
                entity: Entity::Prospect,
                id: p.id.0,
                version: (page * 1_000 + i + 1) as i64,
                body: Some(serde_json::to_value(p).expect("a prospect serializes")),
            })
            .collect();
        page::apply_page(&mut tx, scope, &changes, &Default::default()).await?;
        grams::settle_grams(&mut tx).await?;
        tx.commit().await?;
    }
    Ok(())
}
