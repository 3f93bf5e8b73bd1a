//! The Briefcase: the items and categories kept on this computer for offline use, how their
//! downloads stand, the space they take; removing an item or a category, and emptying it all
//! (after a confirmation).

use super::{
    item::ItemView,
    offline::{offline_badge, percent, progress, type_icon, use_keep},
};
use crate::{
    api,
    components::{icons, loading, Card, ConfirmDialog, ErrorBanner, PageHeader},
    context::Record,
    format,
    hooks::{use_briefcase, use_view},
};
use portal_core::{
    ids::ResourceId,
    menu::Page,
    resources::library::{Briefcase, BriefcaseItem, KeepTarget, OfflineState},
    shell::commands as cmd,
    ApiError,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Kept,
    Item(ResourceId),
}

fn view_for(_: Option<Record>) -> View {
    View::Kept
}

#[component]
pub fn BriefcasePage() -> Html {
    let (view, show) = use_view(view_for);
    match view {
        View::Kept => html! { <KeptView on_open={show.reform(View::Item)} /> },
        View::Item(id) => html! {
            <ItemView page={Page::Briefcase} {id} on_back={show.reform(|()| View::Kept)} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct KeptProps {
    on_open: Callback<ResourceId>,
}

fn figures(b: &Briefcase) -> Html {
    let ready = b
        .items
        .iter()
        .filter(|i| i.offline.state == OfflineState::Ready)
        .count();
    html! {
        <dl class="briefcase-figures" id="briefcase-figures">
            <div class="briefcase-figure" data-figure="used">
                <dt>{ "Space used" }</dt>
                <dd id="briefcase-used">{ format::file_size(b.bytes_used) }</dd>
            </div>
            <div class="briefcase-figure" data-figure="items">
                <dt>{ "Available offline" }</dt>
                <dd id="briefcase-ready">
                    { format!("{} of {}", format::count(ready as u64), format::plural(b.items.len() as u64, "item", "items")) }
                </dd>
            </div>
            <div class="briefcase-figure" data-figure="waiting">
                <dt>{ "Still to download" }</dt>
                <dd id="briefcase-waiting">{ format::file_size(b.bytes_waiting) }</dd>
            </div>
        </dl>
    }
}

fn item_row(
    i: &BriefcaseItem,
    busy: bool,
    on_open: &Callback<ResourceId>,
    on_remove: &Callback<ResourceId>,
) -> Html {
    let id = i.id;
    let open = on_open.reform(move |_: MouseEvent| id);
    let remove = on_remove.reform(move |e: MouseEvent| {
        // The row opens the item; removing it does not.
        e.stop_propagation();
        id
    });
    let o = &i.offline;
    let state = match o.state {
        OfflineState::Downloading | OfflineState::Waiting if o.bytes_total > 0 => html! {
            <>
                { offline_badge(o, None) }
                { progress(None, &format!("Downloading {}", i.title), o.bytes_done, o.bytes_total) }
            </>
        },
        _ => offline_badge(o, None),
    };
    html! {
        <tr key={id.to_string()} data-resource-id={id.to_string()} data-offline={o.state.as_str()}
            data-progress={percent(o.bytes_done, o.bytes_total).to_string()} class="row-link" onclick={open}>
            <td>
                <span class="resource-main">
                    <span class="resource-thumb resource-thumb-icon resource-thumb-sm">{ type_icon(i.file_type) }</span>
                    <span class="resource-text">
                        <button type="button" class="row-open cell-strong">{ i.title.clone() }</button>
                        if i.expired {
                            <span class="cell-sub">{ "Expired" }</span>
                        }
                    </span>
                </span>
            </td>
            <td class="cell-nowrap">{ i.category.label() }</td>
            <td class="cell-nowrap">{ format!("Version {}", i.version) }</td>
            <td class="briefcase-state" data-field="state">
                { state }
                if let Some(m) = o.message.clone().filter(|_| o.state == OfflineState::Failed) {
                    <span class="cell-sub">{ m }</span>
                }
            </td>
            <td class="cell-actions">
                if o.by_category {
                    <span class="muted small" title="Stop keeping its category to remove it">{ "With its category" }</span>
                } else {
                    <button type="button" class="button button-small button-danger-quiet" disabled={busy}
                        data-remove={id.to_string()} aria-label={format!("Remove {} from the briefcase", i.title)}
                        onclick={remove}>
                        { icons::trash() }{ "Remove" }
                    </button>
                }
            </td>
        </tr>
    }
}

#[component]
fn KeptView(props: &KeptProps) -> Html {
    let briefcase = use_briefcase();
    let keep = use_keep(&briefcase);
    let confirming = use_state(|| false);
    let emptying = use_state(|| false);
    let empty_error = use_state(|| None::<ApiError>);
    let lead = "What you keep on this computer opens and saves with no connection, and follows the vendor's new versions.";
    let empty_all = {
        let (set, confirming, emptying, empty_error) = (
            briefcase.set.clone(),
            confirming.clone(),
            emptying.clone(),
            empty_error.clone(),
        );
        Callback::from(move |()| {
            emptying.set(true);
            let (set, confirming, emptying, empty_error) = (
                set.clone(),
                confirming.clone(),
                emptying.clone(),
                empty_error.clone(),
            );
            spawn_local(async move {
                match api::invoke(cmd::EmptyBriefcase {}).await {
                    Ok(b) => set.emit(b),
                    Err(e) => empty_error.set(Some(e)),
                }
                emptying.set(false);
                confirming.set(false);
            });
        })
    };
    let Some(b) = briefcase.briefcase.clone() else {
        return html! {
            <>
                <PageHeader page={Page::Briefcase} {lead} />
                if let Some(e) = briefcase.error.clone() {
                    <ErrorBanner error={e} />
                } else {
                    { loading() }
                }
            </>
        };
    };
    let nothing = b.items.is_empty() && b.categories.is_empty();
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let on_remove = keep
        .run
        .reform(|id: ResourceId| (KeepTarget::Item(id), false));
    let categories = b.categories.iter().map(|&c| {
        let n = b.items.iter().filter(|i| i.category == c).count();
        let onclick = keep
            .run
            .reform(move |_: MouseEvent| (KeepTarget::Category(c), false));
        html! {
            <li class="kept-category" data-category={c.as_str()}>
                { icons::folder() }
                <span class="kept-category-name">{ c.label() }</span>
                <span class="muted small">{ format::plural(n as u64, "item", "items") }</span>
                <button type="button" class="button button-small button-danger-quiet" disabled={keep.busy}
                    aria-label={format!("Stop keeping {} offline", c.label())} {onclick}>
                    { icons::close() }{ "Stop keeping" }
                </button>
            </li>
        }
    });
    let dialog = (*confirming).then(|| {
        let cancel = {
            let confirming = confirming.clone();
            Callback::from(move |()| confirming.set(false))
        };
        html! {
            <ConfirmDialog title="Empty the briefcase?" confirm_label="Empty briefcase" danger=true
                busy={*emptying} on_confirm={empty_all.clone()} on_cancel={cancel}>
                <p>{ format!("This removes {} ({}) from this computer and stops keeping {} offline.",
                    format::plural(b.items.len() as u64, "item", "items"),
                    format::file_size(b.bytes_used),
                    if b.categories.is_empty() { "them".to_owned() } else { format!("them and {}", format::plural(b.categories.len() as u64, "category", "categories")) }) }</p>
                <p>{ "You can keep them again at any time; they download again when you do." }</p>
            </ConfirmDialog>
        }
    });
    html! {
        <>
            <PageHeader page={Page::Briefcase} {lead}>
                if !nothing {
                    <button type="button" class="button button-danger" id="empty-briefcase" onclick={ask}>
                        { icons::trash() }{ "Empty briefcase" }
                    </button>
                }
            </PageHeader>
            if let Some(e) = keep.error.clone().or_else(|| (*empty_error).clone()) {
                <ErrorBanner error={e} />
            }
            if nothing {
                <div class="empty" id="briefcase-empty">
                    { icons::briefcase() }
                    <p>{ "Nothing is kept offline yet." }</p>
                    <p class="small">{ "Use “Keep offline” on an item's page, or “Keep this category offline” on Sales Tools, Branding & Logos or Customer Tools." }</p>
                </div>
            } else {
                { figures(&b) }
                if !b.categories.is_empty() {
                    <Card title="Categories kept whole" class={classes!("kept-categories-card")}>
                        <ul class="kept-categories" role="list" id="kept-categories">{ for categories }</ul>
                        <p class="card-note">{ "New items in these categories are kept as the vendor publishes them." }</p>
                    </Card>
                }
                <h2 class="subheading briefcase-items-title">{ "Items" }</h2>
                <div class="table-wrap">
                    <table class="table table-interactive" id="briefcase-table">
                        <caption class="visually-hidden">{ "Items kept offline" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Item" }</th>
                                <th scope="col">{ "Category" }</th>
                                <th scope="col">{ "Version" }</th>
                                <th scope="col">{ "State" }</th>
                                <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            { for b.items.iter().map(|i| item_row(i, keep.busy, &props.on_open, &on_remove)) }
                        </tbody>
                    </table>
                </div>
            }
            { dialog }
        </>
    }
}
