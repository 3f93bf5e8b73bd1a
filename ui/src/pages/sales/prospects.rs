//! Prospects: the list (search as you type, filters, sorting, "Show more"), one prospect's
//! details with its deal registrations, and the way into the form that creates or edits one.

use super::{
    deal_badge,
    list::{use_paged_list, PAGE_SIZE},
    list_view::{
        add_first, filter_select, list_body, list_count, on_change, on_clear, on_sort, Empty,
    },
    page::{ready, use_view},
    pending_badge, prospect_badge,
    prospect_delete::use_delete_prospect,
    prospect_form::ProspectEditor,
    use_fetch, waiting_badge, SALES_ENTITIES,
};
use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        icons, Card, Column, ErrorBanner, Field, Fields, ListFooter, PageHeader, SearchBox,
        SortTable,
    },
    format,
    shell::{PortalContext, Record, SyncContext},
};
use portal_core::{
    api::user::UserProfile,
    ids::{ProspectId, UserId},
    menu::Page,
    prospect::{Contact, ProspectStatus},
    quote::QuoteFor,
    sales::{DealRow, ProspectDetail, ProspectQuery, ProspectRow, ProspectSort},
    ApiError, Role,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// What the Prospects page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(ProspectId),
    Edit(ProspectId),
    New,
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Prospect(id)) => View::Detail(id),
        _ => View::List,
    }
}

/// The firm's users, for owners' names and the owner filter and picker (administrators only).
pub type Users = Option<Rc<Vec<UserProfile>>>;

/// Loads the firm's users once when the signed-in user is an administrator.
#[hook]
pub fn use_users(role: Role) -> Users {
    let users = use_state(|| None::<Rc<Vec<UserProfile>>>);
    {
        let users = users.clone();
        use_effect_with(role, move |role| {
            if role.sees_all_firm_records() {
                spawn_local(async move {
                    // Without the list the page still works: owners show by the names rows carry.
                    if let Ok(snapshot) = api::users().await {
                        let mut list = snapshot.data;
                        list.sort_by_key(|u| {
                            (u.last_name.to_lowercase(), u.first_name.to_lowercase())
                        });
                        users.set(Some(Rc::new(list)));
                    }
                });
            }
        });
    }
    (*users).clone()
}

/// A user's name as the firm knows it; the signed-in user is "you".
pub fn owner_name(portal: &PortalContext, users: &Users, id: UserId) -> String {
    let me = &portal.session.profile.user;
    if id == me.id {
        return format!("{} (you)", me.full_name());
    }
    users
        .as_ref()
        .and_then(|list| list.iter().find(|u| u.id == id))
        .map(|u| u.full_name())
        .unwrap_or_else(|| "Another user".to_owned())
}

#[component]
pub fn ProspectsPage() -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let users = use_users(portal.session.profile.user.role);
    let (view, show) = use_view(view_for);
    let query = use_state(|| ProspectQuery {
        limit: PAGE_SIZE,
        ..ProspectQuery::default()
    });
    match view {
        View::List => html! {
            <ProspectListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                users={users}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New)} />
        },
        View::Detail(id) => html! {
            <ProspectDetailView {id} {users}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))}
                on_deleted={show.reform(|()| View::List)} />
        },
        View::Edit(id) => html! {
            <ProspectEditor id={Some(id)} {users}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))}
                on_deleted={show.reform(|()| View::List)} />
        },
        View::New => html! {
            <ProspectEditor id={None} {users}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(|()| View::List)}
                on_deleted={show.reform(|()| View::List)} />
        },
    }
}

// ---------- The list ----------

#[derive(Properties, PartialEq)]
struct ProspectListProps {
    query: ProspectQuery,
    on_query: Callback<ProspectQuery>,
    users: Users,
    on_open: Callback<ProspectId>,
    on_new: Callback<()>,
}

fn sort_key(sort: ProspectSort) -> &'static str {
    match sort {
        ProspectSort::CompanyName => "company_name",
        ProspectSort::Domain => "domain",
        ProspectSort::Status => "status",
        ProspectSort::Mailboxes => "mailboxes",
        ProspectSort::Owner => "owner",
    }
}

fn sort_from_key(key: &str) -> ProspectSort {
    match key {
        "domain" => ProspectSort::Domain,
        "status" => ProspectSort::Status,
        "mailboxes" => ProspectSort::Mailboxes,
        "owner" => ProspectSort::Owner,
        _ => ProspectSort::CompanyName,
    }
}

fn prospect_row(row: &ProspectRow, on_open: &Callback<ProspectId>) -> Html {
    let id = row.id;
    // The name is a button so the row is reachable by keyboard; its click reaches the row.
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} data-prospect-id={id.to_string()} data-status={row.status.as_str()}
            data-pending={row.pending.then_some("true")}
            class={classes!("row-link", row.pending.then_some("row-pending"))} {onclick}>
            <td class="cell-strong">
                <button type="button" class="row-open">{ row.company_name.clone() }</button>
                if row.pending { { pending_badge() } }
            </td>
            <td class="selectable">{ row.domain.clone() }</td>
            <td>{ prospect_badge(row.status, None) }</td>
            <td class="cell-numeric">{ format::count(row.mailboxes) }</td>
            <td>{ text_or_dash(&row.owner_name) }</td>
        </tr>
    }
}

#[component]
fn ProspectListView(props: &ProspectListProps) -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let is_admin = portal.session.profile.user.role.sees_all_firm_records();
    let reload = sync.reload_key(&["prospect"]);
    let list = use_paged_list(props.query.clone(), reload, |q: ProspectQuery| async move {
        api::prospects(&q).await
    });
    let q = &props.query;

    let set = |change: fn(&mut ProspectQuery, String)| on_change(q, &props.on_query, change);
    let on_search = set(|q, v| q.search = v);
    let on_status = set(|q, v| q.status = ProspectStatus::parse(&v));
    let on_owner = set(|q, v| q.owner_id = v.parse().ok());
    let on_sort = on_sort(q, &props.on_query, sort_from_key);
    let filtered = !q.search.trim().is_empty() || q.status.is_some() || q.owner_id.is_some();
    let new = props.on_new.reform(|_: MouseEvent| ());

    let state = &list.state;
    let columns = vec![
        Column::sortable("company_name", "Company"),
        Column::sortable("domain", "Domain"),
        Column::sortable("status", "Status"),
        Column::sortable("mailboxes", "Mailboxes").numeric(),
        Column::sortable("owner", "Owner"),
    ];
    let empty = Empty {
        id: "prospects-empty",
        filtered,
        no_match: AttrValue::Static("No prospects match your search."),
        clear_label: "Clear search and filters",
        on_clear: on_clear(q, &props.on_query),
        none_yet: AttrValue::Static("You have no prospects yet. Add the companies you are selling to, then register deals on them."),
        action: add_first("New prospect", new.clone()),
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="prospects-table" caption="Prospects" {columns}
                    sort={sort_key(q.sort)} descending={q.descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|r| prospect_row(r, &props.on_open)) }
                </SortTable>
                <ListFooter id="prospects-more" shown={state.rows.len()} total={state.total}
                    one="prospect" many="prospects" loading={state.loading} on_more={list.more.clone()} />
            </>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Prospects}
                lead="The companies you are selling to, keyed by their email domain.">
                <button id="new-prospect" type="button" class="button button-primary" onclick={new}>
                    { icons::plus() }{ "New prospect" }
                </button>
            </PageHeader>
            <div class="list-toolbar">
                <SearchBox id="prospect-search" label="Search prospects"
                    placeholder="Search by company, domain or contact"
                    value={q.search.clone()} on_input={on_search} />
                <div class="list-filters">
                    { filter_select("prospect-status-filter", "Status", "All statuses",
                        ProspectStatus::ALL.map(|s| (s.as_str().to_owned(), s.label().to_owned())),
                        q.status.map(|s| s.as_str().to_owned()), &on_status) }
                    if is_admin {
                        { filter_select("prospect-owner-filter", "Owner", "Everyone",
                            props.users.iter().flat_map(|l| l.iter())
                                .map(|u| (u.id.to_string(), u.full_name())),
                            q.owner_id.map(|id| id.to_string()), &on_owner) }
                    }
                </div>
                { list_count(state, "prospects-count", "prospect", "prospects") }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}

// ---------- One prospect ----------

#[derive(Properties, PartialEq)]
struct ProspectDetailProps {
    id: ProspectId,
    users: Users,
    on_back: Callback<()>,
    on_edit: Callback<()>,
    on_deleted: Callback<()>,
}

fn contact_card(title: &'static str, id: &'static str, c: &Contact) -> Html {
    let empty = c.full_name().is_empty()
        && c.email.trim().is_empty()
        && c.phone.trim().is_empty()
        && c.job_title.trim().is_empty();
    html! {
        <Card title={title} class={classes!("contact-card")}>
            <div id={id}>
                if empty {
                    <p class="muted">{ "No one named yet." }</p>
                } else {
                    <div class="person-text">
                        <span class="person-name">{ text_or_dash(&c.full_name()) }</span>
                        if !c.job_title.trim().is_empty() {
                            <span class="person-role">{ c.job_title.clone() }</span>
                        }
                        if !c.email.trim().is_empty() {
                            <span class="person-contact selectable">{ icons::mail() }{ c.email.clone() }</span>
                        }
                        if !c.phone.trim().is_empty() {
                            <span class="person-contact selectable">{ icons::phone() }{ c.phone.clone() }</span>
                        }
                    </div>
                }
            </div>
        </Card>
    }
}

fn notes_view(text: &str) -> Html {
    if text.trim().is_empty() {
        html! { <span class="muted">{ "—" }</span> }
    } else {
        html! { <p class="notes-text selectable">{ text.to_owned() }</p> }
    }
}

fn deal_line(d: &DealRow, open: &Callback<Record>) -> Html {
    let id = d.id;
    let onclick = open.reform(move |_: MouseEvent| Record::Deal(id));
    html! {
        <tr key={id.to_string()} data-deal-id={id.to_string()} data-status={super::wire_name(d.status)}
            class="row-link" {onclick}>
            <td class="cell-strong cell-nowrap">
                <button type="button" class="row-open">
                    { d.number.clone().unwrap_or_else(|| "No number yet".to_owned()) }
                </button>
            </td>
            <td class="cell-numeric">{ d.estimated_value.to_string() }</td>
            <td class="cell-nowrap">{ format::date(d.expected_close) }</td>
            <td>
                <span class="badge-stack">
                    { deal_badge(d.status, None) }
                    if d.waiting_for_server { { waiting_badge() } }
                </span>
            </td>
        </tr>
    }
}

#[component]
fn ProspectDetailView(props: &ProspectDetailProps) -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let reload = sync.reload_key(&SALES_ENTITIES);
    let (detail, retry) = use_fetch((props.id, reload), |(id, _)| async move {
        api::prospect(id).await
    });
    let delete_error = use_state(|| None::<ApiError>);
    let delete = use_delete_prospect(props.on_deleted.clone(), delete_error.clone());

    let back = props.on_back.clone();
    let header =
        |title: Option<AttrValue>, badges: Option<Html>, lead: Option<AttrValue>, actions: Html| {
            html! {
                <PageHeader page={Page::Prospects} {title} back={back.clone()} {badges} {lead}>
                    { actions }
                </PageHeader>
            }
        };
    let d: Rc<ProspectDetail> = match ready(detail, header(None, None, None, html! {}), retry) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let p = &d.prospect;
    let id = p.id;

    let register = {
        let open = portal.open.clone();
        Callback::from(move |_: MouseEvent| open.emit(Record::NewDeal(Some(id))))
    };
    let new_quote = {
        let open = portal.open.clone();
        Callback::from(move |_: MouseEvent| {
            open.emit(Record::NewQuote(Some(QuoteFor::Prospect(id)), None))
        })
    };
    let edit = props.on_edit.reform(|_: MouseEvent| ());
    let badges = html! {
        <>
            { prospect_badge(p.status, Some("prospect-status-badge")) }
            if d.pending { { pending_badge() } }
        </>
    };
    let actions = html! {
        <>
            <button id="delete-prospect" type="button" class="button button-danger-quiet" onclick={delete.ask.clone()}>
                { icons::trash() }{ "Delete" }
            </button>
            <button id="edit-prospect" type="button" class="button" onclick={edit}>
                { icons::edit() }{ "Edit" }
            </button>
            <button id="new-quote-for-prospect" type="button" class="button" onclick={new_quote}>
                { icons::plus() }{ "New quote" }
            </button>
            <button id="register-deal" type="button" class="button button-primary" onclick={register.clone()}>
                { icons::plus() }{ "Register a deal" }
            </button>
        </>
    };
    let open = portal.open.clone();
    let deals = if d.deals.is_empty() {
        html! {
            <div class="empty empty-compact">
                <p>{ "No deal registrations yet." }</p>
                <button type="button" class="button button-small" onclick={register}>
                    { icons::plus() }{ "Register a deal" }
                </button>
            </div>
        }
    } else {
        html! {
            <div class="table-wrap table-wrap-flat">
                <table class="table table-compact table-interactive" id="prospect-deals-table">
                    <caption class="visually-hidden">{ "Deal registrations on this prospect" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Number" }</th>
                            <th scope="col" class="cell-numeric">{ "Value" }</th>
                            <th scope="col">{ "Close" }</th>
                            <th scope="col">{ "Status" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for d.deals.iter().map(|deal| deal_line(deal, &open)) }</tbody>
                </table>
            </div>
        }
    };

    html! {
        <>
            { header(Some(p.company_name.clone().into()), Some(badges), Some(p.domain.to_string().into()), actions) }
            if let Some(e) = &*delete_error {
                <ErrorBanner error={e.clone()} />
            }
            <div class="split" id="prospect-detail" data-prospect-id={id.to_string()}>
                <div class="stack">
                    <Card title="Company">
                        <Fields>
                            <Field label="Company" name="company_name">{ p.company_name.clone() }</Field>
                            <Field label="Email domain" name="domain"><span class="selectable">{ p.domain.to_string() }</span></Field>
                            <Field label="Sector" name="sector">{ text_or_dash(&p.sector) }</Field>
                            <Field label="Mailboxes" name="mailboxes">{ format::count(p.mailboxes) }</Field>
                            <Field label="Status" name="status">{ p.status.label() }</Field>
                            <Field label="Owner" name="owner">{ owner_name(&portal, &props.users, p.owner_id) }</Field>
                            <Field label="Address" name="address">{ address_lines(p.address.lines()) }</Field>
                        </Fields>
                    </Card>
                    // Beside the company, not in the narrow column: its table needs the width.
                    <Card title="Deal registrations" class={classes!("prospect-deals")}>
                        <div id="prospect-deals">{ deals }</div>
                    </Card>
                    <Card title="Notes">
                        <Fields>
                            <Field label="Infrastructure" name="infrastructure_notes">{ notes_view(&p.infrastructure_notes) }</Field>
                            <Field label="Notes" name="notes">{ notes_view(&p.notes) }</Field>
                        </Fields>
                    </Card>
                </div>
                <div class="stack">
                    { contact_card("Primary contact", "prospect-primary-contact", &p.primary_contact) }
                    { contact_card("Implementation lead", "prospect-implementation-lead", &p.implementation_lead) }
                </div>
            </div>
            { delete.dialog(Some(id), &p.company_name) }
        </>
    }
}
