//! The builder's live figures: the totals card beside the validity, and the strip of total,
//! margin and approval beside the Save button.

use super::pricing::LiveQuote;
use crate::{
    components::{icons, quote_sheet::TotalsBlock},
    format,
};
use yew::prelude::*;

/// The totals card (`#quote-totals-section`); partial while some line is still being filled in.
pub fn totals_card(live: &LiveQuote, has_lines: bool) -> Html {
    html! {
        <section class="card" id="quote-totals-section" aria-labelledby="quote-totals-title">
            <h2 class="card-title" id="quote-totals-title">{ "Totals" }</h2>
            <TotalsBlock id="quote-form-totals" totals={live.totals} partial={!live.complete && has_lines} />
            if live.needs_approval {
                <p class="totals-approval" id="quote-form-approval">
                    { icons::shield() }
                    { "A discount is above its product's cap: the vendor must approve it before the quote can be sent." }
                </p>
            }
        </section>
    }
}

/// Total, margin and "Needs approval" beside the buttons (`#quote-summary`).
pub fn summary(live: &LiveQuote) -> Html {
    let t = &live.totals;
    html! {
        <div class="form-actions-start quote-summary" id="quote-summary" aria-live="polite">
            <span class="quote-summary-figure">
                <span class="quote-summary-label">{ "Total" }</span>
                <strong id="quote-summary-total">{ t.total.to_string() }</strong>
            </span>
            <span class={classes!("quote-summary-figure", (t.margin.minor < 0).then_some("figure-negative"))}>
                <span class="quote-summary-label">{ "Margin" }</span>
                <span id="quote-summary-margin">
                    { format!("{} ({})", t.margin, format::share(t.margin, t.total)) }
                </span>
            </span>
            if live.needs_approval {
                <span class="badge badge-warning status-badge" id="quote-summary-approval">
                    { icons::shield() }{ "Needs approval" }
                </span>
            }
        </div>
    }
}
