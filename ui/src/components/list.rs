//! What the lists (the sales ones and the Customers area's) show around their rows: the toolbar's
//! filters and the count beside the search, and the body under it (loading, an empty state, or
//! the table).

use super::{icons, loading::loading};
use crate::{format, hooks::ListState};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A filter of the toolbar: a labelled select whose first option (`all`) filters nothing; each
/// option is (value, label), and `on_change` gets the chosen value (empty for `all`).
pub fn filter_select(
    id: &'static str,
    label: &'static str,
    all: &'static str,
    options: impl IntoIterator<Item = (String, String)>,
    selected: Option<String>,
    on_change: &Callback<String>,
) -> Html {
    let onchange =
        on_change.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <label class="filter">
            <span class="filter-label">{ label }</span>
            <select {id} {onchange}>
                <option value="" selected={selected.is_none()}>{ all }</option>
                { for options.into_iter().map(|(value, label)| {
                    let chosen = selected.as_deref() == Some(value.as_str());
                    html! { <option {value} selected={chosen}>{ label }</option> }
                }) }
            </select>
        </label>
    }
}

/// "12 prospects", once the first answer has arrived.
pub fn list_count<R>(state: &ListState<R>, id: &'static str, one: &str, many: &str) -> Html {
    if !state.loaded {
        return html! {};
    }
    html! {
        <span class="list-count" {id} aria-live="polite">
            { format::plural(state.total, one, many) }
        </span>
    }
}

/// What an empty list says: that nothing matches (with a way to clear the search), or that there
/// is nothing yet (with what the page offers instead, such as adding the first record).
pub struct Empty {
    /// The element's id.
    pub id: &'static str,
    pub filtered: bool,
    pub no_match: AttrValue,
    /// The clearing button's label ("Clear search", "Clear search and filters").
    pub clear_label: &'static str,
    pub on_clear: Callback<MouseEvent>,
    pub none_yet: AttrValue,
    /// Shown under `none_yet` (nothing, when the page offers nothing).
    pub action: Html,
}

/// The empty state's button that adds the first record.
pub fn add_first(label: &'static str, on_new: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="button button-primary button-small" onclick={on_new}>
            { icons::plus() }{ label }
        </button>
    }
}

/// Under the toolbar: "Loading…" until the first answer, then the empty state or `table`
/// (nothing when the first load failed: the error banner says so).
pub fn list_body<R>(state: &ListState<R>, empty: Empty, table: impl FnOnce() -> Html) -> Html {
    if !state.loaded && state.error.is_none() {
        loading()
    } else if state.loaded && state.rows.is_empty() {
        let Empty {
            id,
            filtered,
            no_match,
            clear_label,
            on_clear,
            none_yet,
            action,
        } = empty;
        html! {
            <div class="empty" {id}>
                if filtered {
                    <p>{ no_match }</p>
                    <button type="button" class="button button-small" onclick={on_clear}>{ clear_label }</button>
                } else {
                    <p>{ none_yet }</p>
                    { action }
                }
            </div>
        }
    } else if state.loaded {
        table()
    } else {
        html! {}
    }
}
