//! "Keep this category offline" on a category's page: the switch, how the category's downloads
//! stand, and their progress.

use super::offline::{progress, use_keep};
use crate::{
    components::{ErrorBanner, Switch},
    format,
    hooks::BriefcaseState,
};
use portal_core::resources::{
    library::{BriefcaseItem, KeepTarget, OfflineState},
    Category,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CategoryKeepProps {
    pub category: Category,
    pub briefcase: BriefcaseState,
}

/// Where a kept category's downloads stand, in a sentence.
fn standing(items: &[&BriefcaseItem]) -> (String, bool) {
    let ready = items
        .iter()
        .filter(|i| i.offline.state == OfflineState::Ready)
        .count();
    let failed = items
        .iter()
        .filter(|i| i.offline.state == OfflineState::Failed)
        .count();
    if items.is_empty() {
        (
            "Kept offline: its items download at the next sync.".to_owned(),
            false,
        )
    } else if ready == items.len() {
        (OfflineState::Ready.label().to_owned(), true)
    } else if failed > 0 {
        (
            format!(
                "{} could not be downloaded; tried again at the next sync.",
                format::plural(failed as u64, "item", "items")
            ),
            false,
        )
    } else {
        (
            format!(
                "Downloading: {} of {} ready",
                format::count(ready as u64),
                format::plural(items.len() as u64, "item", "items")
            ),
            false,
        )
    }
}

#[component]
pub fn CategoryKeep(props: &CategoryKeepProps) -> Html {
    let keep = use_keep(&props.briefcase);
    let category = props.category;
    let kept = props.briefcase.keeps_category(category);
    let items: Vec<&BriefcaseItem> = props
        .briefcase
        .briefcase
        .as_deref()
        .map(|b| b.items.iter().filter(|i| i.category == category).collect())
        .unwrap_or_default();
    let on_change = keep
        .run
        .reform(move |on: bool| (KeepTarget::Category(category), on));
    let (text, ready) = if kept {
        standing(&items)
    } else {
        (
            "Download every item to this computer, to open and save with no connection.".to_owned(),
            false,
        )
    };
    let (done, total) = items.iter().fold((0, 0), |(d, t), i| {
        (d + i.offline.bytes_done, t + i.offline.bytes_total)
    });
    html! {
        <div class="keep-panel" id="category-keep">
            <Switch id="keep-category" label="Keep this category offline" checked={kept}
                busy={keep.busy || props.briefcase.briefcase.is_none()} {on_change} />
            <p class={classes!("keep-state", ready.then_some("keep-ready"))} id="category-offline-state"
                aria-live="polite" data-ready={ready.to_string()}>
                { text }
            </p>
            if kept && !ready && total > 0 {
                { progress(Some("category-progress"), "Downloading the category", done, total) }
            }
            if let Some(e) = keep.error {
                <ErrorBanner error={e} />
            }
        </div>
    }
}
