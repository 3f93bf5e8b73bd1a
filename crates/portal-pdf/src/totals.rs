//! The totals block, right-aligned under the table, with the quote's currency and validity
//! beside it.

use crate::canvas::TextStyle;
use crate::format;
use crate::model::{Audience, QuoteDocument};
use crate::pager::Pager;
use crate::parts::Stack;
use crate::style::{ascent, BODY, BODY_BOLD, INK, LEFT, MUTED, NEGATIVE, RIGHT, RULE, SHADE};
use crate::text::{wrap, Font};

const WIDTH: f32 = 236.0;
const PAD_X: f32 = 10.0;
const ROW_HEIGHT: f32 = 17.0;
const TOTAL_HEIGHT: f32 = 30.0;
const TOTAL_LABEL: TextStyle = TextStyle::new(Font::Bold, 9.5, INK);
const TOTAL_VALUE: TextStyle = TextStyle::new(Font::Bold, 12.5, INK);

/// One line of the block.
enum Row {
    /// A figure, in the given style.
    Figure(&'static str, String, TextStyle),
    /// The amount the customer pays, on a shaded band.
    Total(String, String),
    /// A hairline between groups.
    Rule,
}

impl Row {
    fn height(&self) -> f32 {
        match self {
            Row::Figure(..) => ROW_HEIGHT,
            Row::Total(..) => TOTAL_HEIGHT,
            Row::Rule => 6.0,
        }
    }
}

fn rows(doc: &QuoteDocument) -> Vec<Row> {
    let t = &doc.totals;
    let total = Row::Total(
        format!("Total ({})", doc.currency.code()),
        t.total.to_string(),
    );
    match doc.audience {
        Audience::Customer => vec![total],
        Audience::Internal => {
            let margin_style = if t.margin.minor < 0 {
                BODY_BOLD.colored(NEGATIVE)
            } else {
                BODY_BOLD
            };
            vec![
                Row::Figure("Total at RRP", t.rrp_total.to_string(), BODY),
                Row::Figure("Discount off RRP", format::deduction(t.savings), BODY),
                total,
                Row::Figure("Cost", t.cost_total.to_string(), BODY),
                Row::Rule,
                Row::Figure("Margin", t.margin.to_string(), margin_style),
                Row::Figure(
                    "Margin %",
                    format::signed_percent(t.margin_bp),
                    margin_style,
                ),
            ]
        }
    }
}

/// Draws the block under the table and moves the pager under it.
pub fn draw(p: &mut Pager<'_>) {
    let doc = p.doc();
    let rows = rows(doc);
    let height: f32 = rows.iter().map(Row::height).sum();

    let mut aside = Stack::new();
    let aside_width = RIGHT - WIDTH - LEFT - 24.0;
    for sentence in [
        format!("All amounts are in {}.", doc.currency.code()),
        format!(
            "This quote is valid until {}.",
            format::date(doc.valid_until)
        ),
    ] {
        aside.extend(
            BODY.colored(MUTED),
            wrap(Font::Regular, BODY.size, &sentence, aside_width),
        );
    }

    p.gap(12.0);
    p.ensure(height.max(aside.height()));
    let top = p.y;
    let x = RIGHT - WIDTH;
    let page = p.canvas();

    let mut y = top;
    for row in &rows {
        let h = row.height();
        match row {
            Row::Figure(label, value, style) => {
                let baseline = y - h / 2.0 - ascent(BODY.size) / 2.0 + 1.0;
                page.text(x + PAD_X, baseline, BODY.colored(MUTED), label);
                page.text_right(RIGHT - PAD_X, baseline, *style, value);
            }
            Row::Total(label, value) => {
                page.fill_rect(x, y - h, WIDTH, h, SHADE);
                let baseline = y - h / 2.0 - ascent(TOTAL_VALUE.size) / 2.0 + 1.0;
                page.text(x + PAD_X, baseline, TOTAL_LABEL, label);
                page.figure_right(
                    RIGHT - PAD_X,
                    baseline,
                    TOTAL_VALUE,
                    WIDTH - 2.0 * PAD_X - TOTAL_LABEL.width(label) - 12.0,
                    value,
                );
            }
            Row::Rule => page.hrule(x + PAD_X, RIGHT - PAD_X, y - h / 2.0, 0.5, RULE),
        }
        y -= h;
    }
    // The note sits level with the total.
    let total_top = top
        - rows
            .iter()
            .take_while(|r| !matches!(r, Row::Total(..)))
            .map(Row::height)
            .sum::<f32>();
    let aside_top = total_top - (TOTAL_HEIGHT - aside.height()).max(0.0) / 2.0;
    let aside_bottom = aside.draw(page, LEFT, aside_top);

    p.advance(top - y.min(aside_bottom));
}
