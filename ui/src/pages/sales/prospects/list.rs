//! The prospects list: search as you type, status and owner filters, sorting and "Show more".

use crate::{
    api,
    components::{
        fields::text_or_dash,
        icons,
        list::{add_first, filter_select, list_body, list_count, Empty},
        record_badges::{pending_badge, prospect_badge},
        Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable,
    },
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_paged_list, use_portal, use_sync_state, Users,
    },
};
use portal_core::{
    ids::ProspectId,
    menu::Page,
    prospect::ProspectStatus,
    sales::{ProspectQuery, ProspectRow, ProspectSort},
    shell::commands as cmd,
    sync::Entity,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProspectListProps {
    pub query: ProspectQuery,
    pub on_query: Callback<ProspectQuery>,
    pub users: Users,
    pub on_open: Callback<ProspectId>,
    pub on_new: Callback<()>,
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
pub fn ProspectListView(props: &ProspectListProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let is_admin = portal.session.profile.user.role.sees_all_firm_records();
    let reload = sync.reload_key(&[Entity::Prospect]);
    let list = use_paged_list(props.query.clone(), reload, |query: ProspectQuery| {
        api::invoke(cmd::ListProspects { query })
    });
    let q = &props.query;

    let set = |change: fn(&mut ProspectQuery, String)| on_change(q, &props.on_query, change);
    let on_search = set(|q, v| q.search = v);
    let on_status = set(|q, v| q.status = ProspectStatus::parse(&v));
    let on_owner = set(|q, v| q.owner_id = v.parse().ok());
    let on_sort = on_sort(q, &props.on_query);
    let filtered = !q.search.trim().is_empty() || q.status.is_some() || q.owner_id.is_some();
    let new = props.on_new.reform(|_: MouseEvent| ());

    let state = &list.state;
    let columns = vec![
        Column::sortable(ProspectSort::CompanyName, "Company"),
        Column::sortable(ProspectSort::Domain, "Domain"),
        Column::sortable(ProspectSort::Status, "Status"),
        Column::sortable(ProspectSort::Mailboxes, "Mailboxes").numeric(),
        Column::sortable(ProspectSort::Owner, "Owner"),
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
                    sort={q.sort.as_str()} descending={q.descending} {on_sort} busy={state.loading}>
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
