//! A page of the library: What's New (the newest items of every category, with the marks of what
//! is new since the last visit) or one category (Sales Tools, Branding & Logos, Customer Tools),
//! searched as you type, filtered by product and type, sorted newest first or by title; and an
//! item's page opened from it.

use super::{
    category_keep::CategoryKeep,
    item::ItemView,
    offline::{offline_badge, thumb},
};
use crate::{
    api,
    components::{
        icons,
        list::{filter_select, list_body, list_count, Empty},
        Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable, StatusBadge, Tone,
    },
    context::{Record, RESOURCE_ENTITIES},
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_briefcase, use_paged_list, use_portal, use_sync_state, use_view, BriefcaseState,
        PAGE_SIZE,
    },
};
use chrono::{DateTime, Utc};
use portal_core::{
    ids::ResourceId,
    menu::Page,
    resources::{
        library::{ResourceList, ResourceQuery, ResourceRow, ResourceSort},
        FileType, ProductTag,
    },
    shell::{commands as cmd, Connection},
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Item(ResourceId),
}

fn view_for(_: Option<Record>) -> View {
    View::List
}

/// What the page says under its title.
fn lead(page: Page) -> &'static str {
    match page {
        Page::WhatsNew => {
            "The vendor's newest material in every category. Items published since your last visit are marked New."
        }
        Page::SalesTools => {
            "Battle cards, presentations and calculators for your own sales team."
        }
        Page::BrandingLogos => {
            "The vendor's logos and brand guidelines, for material under your own name."
        }
        _ => "Guides and data sheets to hand to your customers.",
    }
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// What's New, Sales Tools, Branding & Logos or Customer Tools.
    pub page: Page,
}

/// The items of What's New that were new when the visit began: those published at or after the
/// oldest item marked New in the visit's first answer. What's New is then marked seen, and the
/// marks stay for the rest of the visit (a later answer no longer carries them).
#[derive(Clone, Copy, PartialEq, Default)]
struct Visit {
    new_since: Option<DateTime<Utc>>,
}

#[component]
pub fn LibraryPage(props: &LibraryProps) -> Html {
    let (view, show) = use_view(view_for);
    let category = props.page.resource_category();
    let query = use_state(|| ResourceQuery {
        category,
        limit: PAGE_SIZE,
        ..ResourceQuery::default()
    });
    let visit = use_state(Visit::default);
    let marked = use_mut_ref(|| false);
    let portal = use_portal();
    let on_first_answer = {
        let visit = visit.clone();
        let set_count = portal.set_new_resources.clone();
        let whats_new = props.page == Page::WhatsNew;
        Callback::from(move |rows: Rc<Vec<ResourceRow>>| {
            if !whats_new || std::mem::replace(&mut *marked.borrow_mut(), true) {
                return;
            }
            let new_since = rows
                .iter()
                .filter(|r| r.is_new)
                .map(|r| r.published_at)
                .min();
            visit.set(Visit { new_since });
            let set_count = set_count.clone();
            spawn_local(async move {
                match api::invoke(cmd::MarkResourcesSeen {}).await {
                    Ok(n) => set_count.emit(n.count),
                    Err(e) => {
                        web_sys::console::warn_1(&format!("What's New not marked seen: {e}").into())
                    }
                }
            });
        })
    };
    match view {
        View::List => html! {
            <LibraryList page={props.page} query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Item)} visit={*visit} {on_first_answer} />
        },
        View::Item(id) => html! {
            <ItemView page={props.page} {id} on_back={show.reform(|()| View::List)} />
        },
    }
}

/// The filters' choices, gathered from every answer while the page shows (a filter narrowing the
/// list does not take its own other choices away).
#[derive(Clone, PartialEq, Default)]
struct Facets {
    products: Vec<ProductTag>,
    types: Vec<FileType>,
    as_of: Option<DateTime<Utc>>,
}

impl Reducible for Facets {
    type Action = (Vec<ProductTag>, Vec<FileType>, Option<DateTime<Utc>>);

    fn reduce(self: Rc<Self>, (products, types, as_of): Self::Action) -> Rc<Self> {
        let mut next = (*self).clone();
        for p in products {
            if !next.products.contains(&p) {
                next.products.push(p);
            }
        }
        next.products.sort_by(|a, b| a.name.cmp(&b.name));
        for t in types {
            if !next.types.contains(&t) {
                next.types.push(t);
            }
        }
        next.types.sort();
        next.as_of = as_of.or(next.as_of);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[derive(Properties, PartialEq)]
struct LibraryListProps {
    page: Page,
    query: ResourceQuery,
    on_query: Callback<ResourceQuery>,
    on_open: Callback<ResourceId>,
    visit: Visit,
    /// The first answer of the page's visit arrived (What's New then marks itself seen).
    on_first_answer: Callback<Rc<Vec<ResourceRow>>>,
}

fn resource_row(
    r: &ResourceRow,
    briefcase: &BriefcaseState,
    is_new: bool,
    show_category: bool,
    on_open: &Callback<ResourceId>,
) -> Html {
    let id = r.id;
    let onclick = on_open.reform(move |_: MouseEvent| id);
    let offline = briefcase.offline_of(id, &r.offline);
    let updated = (r.version > 1).then(|| {
        html! {
            <span class="cell-sub">{ format!("Updated {}", format::local_date(r.updated_at)) }</span>
        }
    });
    html! {
        <tr key={id.to_string()} data-resource-id={id.to_string()} data-new={is_new.to_string()}
            data-offline={offline.state.as_str()} class="row-link" {onclick}>
            <td class="resource-cell">
                <div class="resource-main">
                    { thumb(r.thumbnail.as_deref(), r.file_type) }
                    <div class="resource-text">
                        <button type="button" class="row-open cell-strong resource-title">
                            { r.title.clone() }
                        </button>
                        <span class="resource-summary">{ r.summary.clone() }</span>
                        if is_new || r.expired || offline.state.as_str() != "not_kept" {
                            <span class="resource-badges">
                                if is_new {
                                    <StatusBadge label="New" tone={Tone::Accent} class={classes!("new-badge")} />
                                }
                                if r.expired {
                                    <StatusBadge label="Expired" tone={Tone::Warning} class={classes!("expired-badge")} />
                                }
                                { offline_badge(&offline, None) }
                            </span>
                        }
                    </div>
                </div>
            </td>
            if show_category {
                <td class="cell-nowrap" data-field="category">{ r.category.label() }</td>
            }
            <td data-field="products">
                if r.products.is_empty() {
                    <span class="muted small">{ "Every product" }</span>
                } else {
                    <span class="chips">
                        { for r.products.iter().map(|p| html! { <span class="chip" title={p.sku.clone()}>{ p.name.clone() }</span> }) }
                    </span>
                }
            </td>
            <td class="cell-nowrap" data-field="type">{ r.file_type.label() }</td>
            <td class="cell-numeric cell-nowrap" data-field="size">{ format::file_size(r.size) }</td>
            <td class="cell-nowrap" data-field="published">
                { format::local_date(r.published_at) }
                { updated }
            </td>
        </tr>
    }
}

#[component]
fn LibraryList(props: &LibraryListProps) -> Html {
    let sync = use_sync_state();
    let briefcase = use_briefcase();
    let (changed, pending, attention) = sync.reload_key(&RESOURCE_ENTITIES);
    let reload = (changed.wrapping_add(briefcase.settled), pending, attention);
    let facets = use_reducer_eq(Facets::default);
    let list = {
        let facets = facets.dispatcher();
        use_paged_list(props.query.clone(), reload, move |query: ResourceQuery| {
            let facets = facets.clone();
            async move {
                let list: ResourceList = api::invoke(cmd::ListResources { query }).await?;
                facets.dispatch((list.products.clone(), list.file_types.clone(), list.as_of));
                Ok(list)
            }
        })
    };
    let state = &list.state;
    {
        // The visit's first answer: What's New notes its marks, then marks itself seen.
        let on_first = props.on_first_answer.clone();
        let rows = state.rows.clone();
        use_effect_with(state.loaded, move |loaded| {
            if *loaded {
                on_first.emit(rows);
            }
        });
    }
    let q = &props.query;
    let whats_new = props.page == Page::WhatsNew;
    let on_search = on_change(q, &props.on_query, |q: &mut ResourceQuery, v| q.search = v);
    let on_product = on_change(q, &props.on_query, |q: &mut ResourceQuery, v: String| {
        q.product = (!v.is_empty()).then_some(v)
    });
    let on_type = on_change(q, &props.on_query, |q: &mut ResourceQuery, v: String| {
        q.file_type = FileType::parse(&v)
    });
    let on_sort_key = on_sort(q, &props.on_query);
    let on_sort = on_sort_key.reform(AttrValue::from);
    let filtered = !q.search.trim().is_empty() || q.product.is_some() || q.file_type.is_some();
    let on_clear = on_clear(q, &props.on_query);

    let mut columns = vec![Column::fixed("Item")];
    if whats_new {
        columns.push(Column::fixed("Category"));
    }
    columns.extend([
        Column::fixed("Products"),
        Column::fixed("Type"),
        Column::fixed("Size").numeric(),
        Column::fixed("Published"),
    ]);
    let visit = props.visit;
    let is_new = move |r: &ResourceRow| {
        r.is_new || (whats_new && visit.new_since.is_some_and(|t| r.published_at >= t))
    };
    let none_yet = match (facets.as_of, whats_new) {
        (None, _) => {
            "The library has not come down from the server yet: it arrives with the first sync."
        }
        (Some(_), true) => "Nothing has been published yet.",
        (Some(_), false) => "Nothing has been published in this category yet.",
    };
    let empty = Empty {
        id: "resources-empty",
        filtered,
        no_match: AttrValue::Static(
            "No items match your search. Try fewer words, or another product or type.",
        ),
        clear_label: "Clear search and filters",
        on_clear: on_clear.clone(),
        none_yet: AttrValue::Static(none_yet),
        action: html! {},
    };
    let title = props.page.title();
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="resources-table" caption={AttrValue::Static(title)} {columns}
                    sort="" descending=false on_sort={on_sort_key.clone()} busy={state.loading}>
                    { for state.rows.iter().map(|r| resource_row(r, &briefcase, is_new(r), whats_new, &props.on_open)) }
                </SortTable>
                <ListFooter id="resources-more" shown={state.rows.len()} total={state.total}
                    one="item" many="items" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });
    let products = facets
        .products
        .iter()
        .map(|p| (p.sku.clone(), p.name.clone()));
    let types = facets
        .types
        .iter()
        .map(|t| (t.as_str().to_owned(), t.label().to_owned()));
    let sorts = [
        (
            ResourceSort::Newest.as_str().to_owned(),
            "Newest first".to_owned(),
        ),
        (
            ResourceSort::Title.as_str().to_owned(),
            "Title, A to Z".to_owned(),
        ),
    ];
    let offline = sync.status.connection == Connection::Offline;
    html! {
        <>
            <PageHeader page={props.page} lead={lead(props.page)}>
                if let Some(category) = props.page.resource_category() {
                    <CategoryKeep {category} briefcase={briefcase.clone()} />
                }
            </PageHeader>
            if offline {
                <div class="banner banner-warning offline-banner" role="status" id="resources-offline">
                    { icons::cloud_off() }
                    <span class="banner-text">
                        { "You are offline. Items kept in your briefcase open and save as usual; the others need the connection." }
                    </span>
                </div>
            }
            <div class="list-toolbar">
                <SearchBox id="resource-search" label={format!("Search {title}")}
                    placeholder="Search titles, products and file names"
                    value={q.search.clone()} on_input={on_search} />
                { list_count(state, "resources-count", "item", "items") }
            </div>
            <div class="list-toolbar">
                <div class="list-filters">
                    // Items about no product in particular offer no product to filter by.
                    if !facets.products.is_empty() || q.product.is_some() {
                        { filter_select("resource-product", "Product", "All products", products,
                            q.product.clone(), &on_product) }
                    }
                    { filter_select("resource-type", "Type", "All types", types,
                        q.file_type.map(|t| t.as_str().to_owned()), &on_type) }
                    if !whats_new {
                        <label class="filter">
                            <span class="filter-label">{ "Sort" }</span>
                            <select id="resource-sort" onchange={on_sort.reform(|e: Event| {
                                e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
                            })}>
                                { for sorts.into_iter().map(|(value, label)| {
                                    let chosen = value == q.sort.as_str();
                                    html! { <option {value} selected={chosen}>{ label }</option> }
                                }) }
                            </select>
                        </label>
                    }
                </div>
                if filtered {
                    <button type="button" class="button button-small"
                        id="resource-clear-filters" onclick={on_clear.clone()}>
                        { icons::close() }{ "Clear filters" }
                    </button>
                }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
