//! The quote lines table: its columns for each audience, the header row, the rows, and the
//! header repeated on every page the table continues on.

use crate::canvas::TextStyle;
use crate::format;
use crate::model::{Audience, DocLine};
use crate::pager::Pager;
use crate::parts::Stack;
use crate::style::{
    ascent, leading, BODY, BODY_BOLD, CONTENT_WIDTH, INK, LEFT, MUTED, NEGATIVE, RIGHT, RULE,
    RULE_STRONG, SHADE,
};
use crate::text::{wrap, wrap_at_most, Font};

const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 7.0;
const HEADER: TextStyle = TextStyle::new(Font::Bold, 7.0, MUTED);
const NAME: TextStyle = TextStyle::new(Font::Bold, 8.5, INK);
const DESCRIPTION: TextStyle = TextStyle::new(Font::Regular, 7.5, MUTED);
const SKU: TextStyle = TextStyle::new(Font::Regular, 6.5, MUTED).tracked(0.2);
/// Descriptions longer than this are cut: one row must never outgrow a page.
const MAX_DESCRIPTION_LINES: usize = 6;

/// A right-aligned figure column.
struct Column {
    title: &'static str,
    width: f32,
    cell: fn(&DocLine) -> Cell,
}

/// What a figure cell shows, and how.
struct Cell {
    text: String,
    style: TextStyle,
}

impl Cell {
    fn plain(text: String) -> Self {
        Self { text, style: BODY }
    }

    fn bold(text: String) -> Self {
        Self {
            text,
            style: BODY_BOLD,
        }
    }
}

fn discount(line: &DocLine) -> Cell {
    if line.discount.basis_points() == 0 {
        Cell::plain("\u{2013}".to_owned())
    } else {
        Cell::plain(line.discount.to_string())
    }
}

/// The customer's columns: their prices, nothing of the partner's economics.
const CUSTOMER: [Column; 5] = [
    Column {
        title: "Mailboxes",
        width: 52.0,
        cell: |l| Cell::plain(format::count(l.quantity)),
    },
    Column {
        title: "Term",
        width: 54.0,
        cell: |l| Cell::plain(format::term(l.term_months)),
    },
    Column {
        title: "Monthly price\nper mailbox",
        width: 74.0,
        cell: |l| Cell::plain(l.unit_monthly.to_string()),
    },
    Column {
        title: "Discount",
        width: 50.0,
        cell: discount,
    },
    Column {
        title: "Total",
        width: 80.0,
        cell: |l| Cell::bold(l.total.to_string()),
    },
];

/// The partner's columns: the customer's, condensed, then RRP, cost and margin.
const INTERNAL: [Column; 8] = [
    Column {
        title: "Qty",
        width: 30.0,
        cell: |l| Cell::plain(format::count(l.quantity)),
    },
    Column {
        title: "Term",
        width: 32.0,
        cell: |l| Cell::plain(format::term_short(l.term_months)),
    },
    Column {
        title: "Monthly\nunit price",
        width: 46.0,
        cell: |l| Cell::plain(l.unit_monthly.to_string()),
    },
    Column {
        title: "Discount",
        width: 40.0,
        cell: discount,
    },
    Column {
        title: "RRP",
        width: 54.0,
        cell: |l| Cell::plain(l.rrp_total.to_string()),
    },
    Column {
        title: "Cost",
        width: 54.0,
        cell: |l| Cell::plain(l.cost_total.to_string()),
    },
    Column {
        title: "Total",
        width: 54.0,
        cell: |l| Cell::bold(l.total.to_string()),
    },
    Column {
        title: "Margin",
        width: 54.0,
        cell: |l| {
            let mut cell = Cell::bold(l.margin.to_string());
            if l.margin.minor < 0 {
                cell.style = cell.style.colored(NEGATIVE);
            }
            cell
        },
    },
];

/// Figures are set a little smaller in the internal copy, which has more of them per row.
const INTERNAL_FIGURE_SIZE: f32 = 8.0;

fn columns(audience: Audience) -> &'static [Column] {
    match audience {
        Audience::Customer => &CUSTOMER,
        Audience::Internal => &INTERNAL,
    }
}

/// The product column takes whatever the figures leave.
fn item_width(columns: &[Column]) -> f32 {
    CONTENT_WIDTH - columns.iter().map(|c| c.width).sum::<f32>()
}

/// Draws the table, breaking pages between rows, and moves the pager under it.
pub fn draw(p: &mut Pager<'_>) {
    let doc = p.doc();
    let columns = columns(doc.audience);
    let header = header_lines(columns);

    let first = doc.lines.first().map_or(30.0, |l| row(l, columns).0);
    p.ensure(header_height(&header) + first);
    draw_header(p, columns, &header);

    if doc.lines.is_empty() {
        let top = p.y;
        let text = "This quote has no lines yet.";
        p.canvas().text(
            LEFT + PAD_X,
            top - PAD_Y - ascent(BODY.size),
            BODY.colored(MUTED),
            text,
        );
        p.advance(2.0 * PAD_Y + BODY.size);
    }

    for line in &doc.lines {
        let (height, item) = row(line, columns);
        if p.ensure(height) {
            draw_header(p, columns, &header);
        }
        let top = p.y;
        let page = p.canvas();
        item.draw(page, LEFT + PAD_X, top - PAD_Y);
        // Figures sit on the product name's baseline.
        let baseline = item.first_baseline(top - PAD_Y);
        let mut right = LEFT + item_width(columns);
        for column in columns {
            right += column.width;
            let cell = (column.cell)(line);
            let style = match doc.audience {
                Audience::Customer => cell.style,
                Audience::Internal => cell.style.sized(INTERNAL_FIGURE_SIZE),
            };
            let room = column.width - PAD_X - 2.0;
            page.figure_right(right - PAD_X, baseline, style, room, &cell.text);
        }
        p.advance(height);
        let y = p.y;
        p.canvas().hrule(LEFT, RIGHT, y, 0.5, RULE);
    }

    let y = p.y;
    p.canvas().hrule(LEFT, RIGHT, y, 0.9, RULE_STRONG);
}

/// A row's height and its product cell (name, description, SKU).
fn row(line: &DocLine, columns: &[Column]) -> (f32, Stack) {
    let width = item_width(columns) - 2.0 * PAD_X;
    let mut item = Stack::new();
    item.extend(
        NAME,
        wrap_at_most(NAME.font, NAME.size, &line.name, width, 3),
    );
    if !line.description.trim().is_empty() {
        item.extend(
            DESCRIPTION,
            wrap_at_most(
                DESCRIPTION.font,
                DESCRIPTION.size,
                &line.description,
                width,
                MAX_DESCRIPTION_LINES,
            ),
        );
    }
    if !line.sku.is_empty() {
        item.push(SKU, format!("SKU {}", line.sku));
    }
    (item.height() + 2.0 * PAD_Y, item)
}

/// Each column title, wrapped to its column.
fn header_lines(columns: &[Column]) -> Vec<Vec<String>> {
    columns
        .iter()
        .map(|c| wrap(HEADER.font, HEADER.size, c.title, c.width - PAD_X - 2.0))
        .collect()
}

fn header_height(lines: &[Vec<String>]) -> f32 {
    let rows = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32;
    2.0 * 6.0 + ascent(HEADER.size) + (rows - 1.0) * leading(HEADER.size) + 1.5
}

/// The shaded header row; titles of figure columns are right-aligned and sit on a common bottom
/// line, so one-line titles align with the last line of two-line ones.
fn draw_header(p: &mut Pager<'_>, columns: &[Column], lines: &[Vec<String>]) {
    let height = header_height(lines);
    let top = p.y;
    let bottom_baseline = top - height + 6.0 + 1.5;
    let page = p.canvas();
    page.fill_rect(LEFT, top - height, CONTENT_WIDTH, height, SHADE);
    page.text(LEFT + PAD_X, bottom_baseline, HEADER, "Product");
    let mut right = LEFT + item_width(columns);
    for (column, title) in columns.iter().zip(lines) {
        right += column.width;
        let count = title.len();
        for (i, text) in title.iter().enumerate() {
            let baseline = bottom_baseline + (count - 1 - i) as f32 * leading(HEADER.size);
            page.text_right(right - PAD_X, baseline, HEADER, text);
        }
    }
    p.advance(height);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_never_gets_the_partners_columns() {
        let titles: Vec<&str> = CUSTOMER.iter().map(|c| c.title).collect();
        for secret in ["RRP", "Cost", "Margin"] {
            assert!(!titles.contains(&secret), "{secret}");
            assert!(INTERNAL.iter().any(|c| c.title == secret), "{secret}");
        }
    }

    #[test]
    fn the_product_column_keeps_a_readable_width() {
        assert!(item_width(&CUSTOMER) >= 180.0);
        assert!(item_width(&INTERNAL) >= 130.0);
    }

    #[test]
    fn column_titles_wrap_to_at_most_two_lines_and_only_between_words() {
        for columns in [&CUSTOMER[..], &INTERNAL[..]] {
            for (column, title) in columns.iter().zip(header_lines(columns)) {
                assert!(title.len() <= 2, "{title:?}");
                let words: Vec<&str> = column.title.split_whitespace().collect();
                let set: Vec<&str> = title.iter().flat_map(|l| l.split_whitespace()).collect();
                assert_eq!(set, words, "{:?} is broken inside a word", column.title);
            }
        }
    }
}
