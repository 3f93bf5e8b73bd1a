//! The banners over a quote's page: the vendor's word on its discount, the vendor's reason for its
//! status, its expiry, a newer revision, a step waiting for the server, and an exported PDF.

use super::pdf_export::Exported;
use crate::{
    components::{icons, status_banner, ErrorBanner},
    format,
};
use portal_core::{
    ids::QuoteId,
    pricing::PricedQuote,
    quote::{Approval, QuoteStatus},
    quoting::{PdfAudience, QuoteDetail},
};
use yew::prelude::*;

/// "Needs the vendor's approval: the discount on X is above its 30% cap."
fn approval_needed_text(priced: Option<&PricedQuote>) -> String {
    let over: Vec<(String, String)> = priced
        .map(|p| {
            p.lines
                .iter()
                .filter(|l| l.needs_approval)
                .map(|l| (l.name.clone(), l.discount_cap.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let what = match over.as_slice() {
        [] => "a discount is above its product's cap".to_owned(),
        [(name, cap)] => format!("the discount on {name} is above its {cap} cap"),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|(name, cap)| format!("{name} (cap {cap})"))
                .collect();
            let (last, rest) = names.split_last().expect("two or more");
            format!(
                "the discounts on {} and {last} are above their caps",
                rest.join(", ")
            )
        }
    };
    format!("Needs the vendor's approval: {what}. It can be sent once approved.")
}

/// The banners, in the order they show; `on_open` opens a newer revision.
pub fn banners(
    d: &QuoteDetail,
    exported: Option<&Exported>,
    on_open: &Callback<QuoteId>,
) -> Vec<Html> {
    let q = &d.quote;
    let status = d.status;
    let is_draft = status == QuoteStatus::Draft;
    let waiting = d.waiting_for_server;
    let mut banners: Vec<Html> = Vec::new();
    match q.approval {
        Approval::Pending if is_draft => banners.push(status_banner(
            "banner-warning",
            "quote-approval-banner",
            icons::shield(),
            html! { { approval_needed_text(d.priced.as_ref()) } },
        )),
        Approval::Rejected => {
            let reason = q
                .approval_reason
                .as_ref()
                .filter(|r| !r.trim().is_empty())
                .map(|r| html! { <>{ " The vendor says: " }<span id="quote-approval-reason">{ r.clone() }</span></> });
            let next = if is_draft {
                " Edit the quote to lower it; saving asks for approval again."
            } else {
                ""
            };
            banners.push(status_banner(
                "banner-error",
                "quote-approval-banner",
                icons::alert(),
                html! { <>{ "The vendor did not approve this quote's discount." }{ reason.unwrap_or_default() }{ next }</> },
            ));
        }
        _ => {}
    }
    if let Some(reason) = q.status_reason.as_ref().filter(|r| !r.trim().is_empty()) {
        banners.push(status_banner(
            "banner-info",
            "quote-status-reason",
            icons::info(),
            html! { <>{ "The vendor says: " }{ reason.clone() }</> },
        ));
    }
    if status == QuoteStatus::Expired {
        banners.push(status_banner(
            "banner-warning",
            "quote-expired",
            icons::clock(),
            html! { { format!("This quote's validity ended on {}. Revise it to send the customer a new one.", format::date(q.valid_until)) } },
        ));
    }
    if let Some(newer) = q.superseded_by {
        let open_newer = on_open.reform(move |_: MouseEvent| newer);
        banners.push(status_banner(
            "banner-info",
            "quote-superseded",
            icons::info(),
            html! {
                <>
                    { "A newer revision replaces this one. " }
                    <button type="button" id="open-latest-revision" class="button button-link" onclick={open_newer}>
                        { "Open the latest revision" }
                    </button>
                </>
            },
        ));
    }
    if waiting {
        banners.push(status_banner(
            "banner-info",
            "quote-waiting",
            icons::clock(),
            html! { { "Waiting for the server: the vendor's answer shows here once the app has synced." } },
        ));
    }
    match exported {
        Some(Exported::Saved(audience, path)) => banners.push(status_banner(
            "banner-success",
            "quote-pdf-saved",
            icons::check_circle(),
            html! {
                <>
                    { match audience { PdfAudience::Customer => "Customer PDF saved to ", PdfAudience::Internal => "Internal PDF saved to " } }
                    <span class="selectable path">{ path.clone() }</span>
                </>
            },
        )),
        Some(Exported::Failed(e)) => {
            banners.push(html! { <div id="quote-pdf-error"><ErrorBanner error={e.clone()} /></div> })
        }
        None => {}
    }
    banners
}
