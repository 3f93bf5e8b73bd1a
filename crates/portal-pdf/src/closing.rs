//! What follows the figures: notes, terms and conditions, and the customer's acceptance.

use crate::canvas::{Rgb, TextStyle};
use crate::format;
use crate::model::Audience;
use crate::pager::Pager;
use crate::parts::{section_label, LABEL_HEIGHT};
use crate::style::{ascent, leading, BODY, CONTENT_WIDTH, LEFT, RULE_STRONG, SMALL};
use crate::text::{trim_blank_lines, wrap, Font};

const TERMS: TextStyle = TextStyle::new(Font::Regular, 7.5, Rgb(0.27, 0.29, 0.34));
const SECTION_GAP: f32 = 22.0;

/// Draws notes, terms and (on the customer's copy) the acceptance block.
pub fn draw(p: &mut Pager<'_>) {
    let doc = p.doc();
    prose(p, "Notes", &doc.notes, BODY);
    prose(p, "Terms and conditions", &doc.terms, TERMS);
    if doc.audience == Audience::Customer {
        acceptance(p);
    }
}

/// A labelled section of free text that flows across pages line by line.
fn prose(p: &mut Pager<'_>, title: &str, text: &str, style: TextStyle) {
    let lines = trim_blank_lines(wrap(style.font, style.size, text, CONTENT_WIDTH));
    if lines.is_empty() {
        return;
    }
    let lead = leading(style.size);
    p.gap(SECTION_GAP);
    // Keep the label with at least the first two lines.
    p.ensure(LABEL_HEIGHT + 2.0 * lead);
    let top = p.y;
    let under = section_label(p.canvas(), LEFT, CONTENT_WIDTH, top, title);
    p.advance(top - under);
    for line in &lines {
        if line.is_empty() {
            // A blank line is half a line of space, and none at the top of a page.
            p.gap(lead / 2.0);
            continue;
        }
        p.ensure(lead);
        let baseline = p.y - ascent(style.size);
        p.canvas().text(LEFT, baseline, style, line);
        p.advance(lead);
    }
}

/// Room for the customer to sign.
fn acceptance(p: &mut Pager<'_>) {
    let doc = p.doc();
    let sentence = format!(
        "To accept this quote, please sign below and return it to {} by {}.",
        doc.partner.name,
        format::date(doc.valid_until)
    );
    let lines = wrap(BODY.font, BODY.size, &sentence, CONTENT_WIDTH);
    let lead = leading(BODY.size);
    const SIGN_SPACE: f32 = 34.0;
    const FIELD_GAP: f32 = 24.0;
    let height = LABEL_HEIGHT + lines.len() as f32 * lead + SIGN_SPACE + 12.0;

    p.gap(SECTION_GAP);
    p.ensure(height);
    let top = p.y;
    let page = p.canvas();
    let mut y = section_label(page, LEFT, CONTENT_WIDTH, top, "Acceptance");
    for line in &lines {
        page.text(LEFT, y - ascent(BODY.size), BODY, line);
        y -= lead;
    }
    let rule_y = y - SIGN_SPACE;
    let width = (CONTENT_WIDTH - 2.0 * FIELD_GAP) / 3.0;
    for (i, label) in ["Name and position", "Signature", "Date"]
        .iter()
        .enumerate()
    {
        let x = LEFT + i as f32 * (width + FIELD_GAP);
        page.hrule(x, x + width, rule_y, 0.6, RULE_STRONG);
        page.text(x, rule_y - 10.0, SMALL, label);
    }
    p.advance(height);
}
