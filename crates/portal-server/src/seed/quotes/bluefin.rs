//! Bluefin IT's quotes: a sent Fabrikam quote (approved automatically) and a Fabrikam draft on the
//! registered deal, a declined Alpine Ski House quote and an Alpine draft waiting for approval.

use super::{Draft, Firm};
use crate::error::Result;
use crate::seed::{Seeder, CONTESTED_DOMAIN};
use crate::storage::Write;
use portal_core::quote::{Approval, QuoteFor, QuoteStatus};

impl Seeder<'_> {
    pub(super) async fn bluefin(&mut self, tx: &mut Write, f: &Firm<'_>) -> Result<()> {
        let lukas = f.user("sales")?;
        let (fabrikam, fabrikam_deal) = self.named(tx, f.partner, CONTESTED_DOMAIN).await?;
        let (alpine, _) = self.named(tx, f.partner, "alpineskihouse.example").await?;
        let mut sent = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(fabrikam.id),
                deal: fabrikam_deal,
                lines: &[("BM-GW", 1200, 36, 3800), ("BM-ATP", 1200, 36, 2500)],
                created_ago: 6,
                valid_for: 24,
                notes: "Registered deal; three-year term.",
            },
        )?;
        sent.number = Some(self.number());
        self.sent(&mut sent, 5, None);
        self.save_quote(tx, f.partner, sent, None).await?;
        let mut draft = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(fabrikam.id),
                deal: fabrikam_deal,
                lines: &[("BM-SAT", 1200, 12, 0)],
                created_ago: 1,
                valid_for: 29,
                notes: "Awareness training as an add-on.",
            },
        )?;
        draft.number = Some(self.number());
        self.save_quote(tx, f.partner, draft, None).await?;
        let mut declined = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(alpine.id),
                deal: None,
                lines: &[("BM-GW", 140, 12, 500)],
                created_ago: 40,
                valid_for: -10,
                notes: "",
            },
        )?;
        declined.number = Some(self.number());
        self.sent(&mut declined, 38, Some((QuoteStatus::Declined, 30)));
        self.save_quote(tx, f.partner, declined, None).await?;
        let mut pending = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(alpine.id),
                deal: None,
                lines: &[("BM-ATP", 140, 12, 5000)],
                created_ago: 2,
                valid_for: 28,
                notes: "Winter-season pricing; needs the vendor's approval.",
            },
        )?;
        pending.number = Some(self.number());
        debug_assert_eq!(pending.approval, Approval::Pending);
        self.save_quote(tx, f.partner, pending, None).await?;
        Ok(())
    }
}
