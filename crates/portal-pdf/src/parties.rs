//! The block under the letterhead: who the quote is for, who it is from, and its particulars.

use crate::canvas::TextStyle;
use crate::format;
use crate::model::{Party, QuoteDocument};
use crate::pager::Pager;
use crate::parts::{section_label, Stack};
use crate::style::{ascent, BODY, INK, LEFT, RIGHT, SMALL};
use crate::text::{wrap, wrap_at_most, Font};

const GUTTER: f32 = 20.0;
const CUSTOMER_WIDTH: f32 = 178.0;
const DETAILS_WIDTH: f32 = 152.0;
/// How many address lines a party may show; a block of thirty would push the table off page 1.
const MAX_PARTY_LINES: usize = 8;
const NAME: TextStyle = TextStyle::new(Font::Bold, 10.0, INK);
const DETAIL_LABEL_WIDTH: f32 = 56.0;

/// Draws the three columns and moves the pager under them.
pub fn draw(p: &mut Pager<'_>) {
    let doc = p.doc();
    let top = p.y;
    let partner_x = LEFT + CUSTOMER_WIDTH + GUTTER;
    let details_x = RIGHT - DETAILS_WIDTH;
    let partner_width = details_x - GUTTER - partner_x;

    let page = p.canvas();
    let mut bottom = top;

    let under = section_label(page, LEFT, CUSTOMER_WIDTH, top, "Prepared for");
    bottom = bottom.min(party(&doc.customer, CUSTOMER_WIDTH).draw(page, LEFT, under));

    let under = section_label(page, partner_x, partner_width, top, "From");
    bottom = bottom.min(party(&doc.partner, partner_width).draw(page, partner_x, under));

    let under = section_label(page, details_x, DETAILS_WIDTH, top, "Quote details");
    let mut y = under;
    for (label, value) in details(doc) {
        let lines = wrap(
            BODY.font,
            BODY.size,
            &value,
            DETAILS_WIDTH - DETAIL_LABEL_WIDTH,
        );
        let baseline = y - ascent(BODY.size);
        page.text(details_x, baseline, SMALL, label);
        let mut stack = Stack::new();
        stack.extend(BODY, lines);
        y = stack.draw(page, details_x + DETAIL_LABEL_WIDTH, y) - 3.5;
    }
    bottom = bottom.min(y);

    p.advance(top - bottom);
    p.advance(24.0);
}

/// A party's name and address lines, wrapped to `width`.
fn party(party: &Party, width: f32) -> Stack {
    let mut stack = Stack::new();
    stack.extend(
        NAME,
        wrap_at_most(NAME.font, NAME.size, &party.name, width, 2),
    );
    // A little air between the name and the address.
    stack.push(BODY.sized(3.0), "");
    for line in party.lines.iter().take(MAX_PARTY_LINES) {
        stack.extend(BODY, wrap_at_most(BODY.font, BODY.size, line, width, 2));
    }
    stack
}

fn details(doc: &QuoteDocument) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Quote", doc.number.clone()),
        ("Revision", doc.revision.to_string()),
        ("Issued", format::date(doc.issued_on)),
        ("Valid until", format::date(doc.valid_until)),
    ];
    if !doc.prepared_by.is_empty() {
        rows.push(("Prepared by", doc.prepared_by.clone()));
    }
    rows.push(("Currency", doc.currency.code().to_owned()));
    rows
}
