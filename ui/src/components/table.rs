//! Data tables with a caption for screen readers and column headings; rows come as children.
//! [`SortTable`] adds headings that sort, and [`ListFooter`] the count and "Show more" under a list.

use super::icons;
use portal_core::wire::WireName;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub caption: AttrValue,
    pub headers: Vec<AttrValue>,
    /// `<tr>` elements.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Table(props: &TableProps) -> Html {
    html! {
        <div class="table-wrap">
            <table class="table" id={props.id.clone()}>
                <caption class="visually-hidden">{ props.caption.clone() }</caption>
                <thead>
                    <tr>
                        { for props.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }
                    </tr>
                </thead>
                <tbody>{ props.children.clone() }</tbody>
            </table>
        </div>
    }
}

/// A column of a [`SortTable`].
#[derive(Clone, PartialEq)]
pub struct Column {
    /// The sort's wire name: what `on_sort` receives, `data-sort` on the heading's button.
    pub key: AttrValue,
    pub label: AttrValue,
    pub sortable: bool,
    /// Right-aligned (amounts, counts).
    pub numeric: bool,
}

impl Column {
    /// A column the list sorts by `sort`.
    pub fn sortable(sort: impl WireName, label: &'static str) -> Self {
        Self {
            key: AttrValue::Static(sort.as_str()),
            label: AttrValue::Static(label),
            sortable: true,
            numeric: false,
        }
    }

    /// A column the list does not sort by.
    pub fn fixed(label: &'static str) -> Self {
        Self {
            key: AttrValue::Static(""),
            label: AttrValue::Static(label),
            sortable: false,
            numeric: false,
        }
    }

    pub fn numeric(mut self) -> Self {
        self.numeric = true;
        self
    }
}

#[derive(Properties, PartialEq)]
pub struct SortTableProps {
    pub id: AttrValue,
    pub caption: AttrValue,
    pub columns: Vec<Column>,
    /// The key of the column the rows are sorted by.
    pub sort: AttrValue,
    pub descending: bool,
    /// A heading was clicked: its key.
    pub on_sort: Callback<AttrValue>,
    /// A new answer is on its way; the rows shown are the previous one's.
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn SortTable(props: &SortTableProps) -> Html {
    let heading = |c: &Column| -> Html {
        let class = classes!(c.numeric.then_some("cell-numeric"));
        if !c.sortable {
            return html! { <th scope="col" {class}>{ c.label.clone() }</th> };
        }
        let current = c.key == props.sort;
        let aria_sort = current.then_some(if props.descending {
            "descending"
        } else {
            "ascending"
        });
        let icon = match (current, props.descending) {
            (false, _) => icons::sort(),
            (true, false) => icons::sort_up(),
            (true, true) => icons::sort_down(),
        };
        let onclick = {
            let key = c.key.clone();
            props.on_sort.reform(move |_: MouseEvent| key.clone())
        };
        html! {
            <th scope="col" {class} aria-sort={aria_sort}>
                <button type="button" class={classes!("sort-button", current.then_some("sorted"))}
                    data-sort={c.key.clone()} {onclick}>
                    <span>{ c.label.clone() }</span>{ icon }
                </button>
            </th>
        }
    };
    html! {
        <div class={classes!("table-wrap", props.busy.then_some("is-busy"))} aria-busy={props.busy.to_string()}>
            <table class="table table-interactive" id={props.id.clone()}>
                <caption class="visually-hidden">{ props.caption.clone() }</caption>
                <thead>
                    <tr>{ for props.columns.iter().map(heading) }</tr>
                </thead>
                <tbody>{ props.children.clone() }</tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ListFooterProps {
    /// For the "Show more" button: `{id}` (and `{id}-count` for the count).
    pub id: AttrValue,
    pub shown: usize,
    pub total: u64,
    /// "prospect" / "prospects".
    pub one: AttrValue,
    pub many: AttrValue,
    pub loading: bool,
    pub on_more: Callback<()>,
}

/// "Showing 50 of 1,234 prospects" and, while there are more, a button that loads the next page.
#[component]
pub fn ListFooter(props: &ListFooterProps) -> Html {
    let shown = props.shown as u64;
    let noun = if props.total == 1 {
        &props.one
    } else {
        &props.many
    };
    let text = if shown >= props.total && props.total > 1 {
        format!("Showing all {} {noun}", crate::format::count(props.total))
    } else if shown >= props.total {
        format!("Showing {} {noun}", crate::format::count(props.total))
    } else {
        format!(
            "Showing {} of {} {noun}",
            crate::format::count(shown),
            crate::format::count(props.total)
        )
    };
    let onclick = props.on_more.reform(|_: MouseEvent| ());
    html! {
        <div class="list-footer">
            <span class="muted small" id={format!("{}-count", props.id)}>{ text }</span>
            if shown < props.total {
                <button id={props.id.clone()} type="button" class="button button-small"
                    disabled={props.loading} aria-busy={props.loading.to_string()} {onclick}>
                    if props.loading {
                        <span class="spinner spinner-sm" aria-hidden="true"></span>
                    }
                    { "Show more" }
                </button>
            }
        </div>
    }
}
