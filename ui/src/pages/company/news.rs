//! Company news from the vendor, newest first; each item opens to its full text.

use crate::{
    api,
    components::{loading::snapshot, PageHeader},
    format,
    hooks::use_fetch,
};
use portal_core::{api::news::NewsItem, ids::NewsId, menu::Page, shell::commands as cmd};
use std::collections::HashSet;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct NewsArticleProps {
    item: NewsItem,
    open: bool,
    on_toggle: Callback<NewsId>,
}

#[component]
fn NewsArticle(props: &NewsArticleProps) -> Html {
    let item = &props.item;
    let id = item.id;
    let body_id = format!("news-body-{id}");
    let onclick = props.on_toggle.reform(move |_: MouseEvent| id);
    html! {
        <article class="card news-item" data-news-id={id.to_string()}>
            <time class="news-date" datetime={item.published_on.to_string()}>
                { format::date(item.published_on) }
            </time>
            <h2 class="news-title">{ item.title.clone() }</h2>
            <p class="news-summary">{ item.summary.clone() }</p>
            if props.open {
                <div class="news-body" id={body_id.clone()}>
                    { for item.body.split("\n\n").filter(|p| !p.trim().is_empty())
                        .map(|p| html! { <p>{ p.trim().to_owned() }</p> }) }
                </div>
            }
            <button type="button" class="button button-link news-toggle"
                aria-expanded={props.open.to_string()} aria-controls={body_id} {onclick}>
                { if props.open { "Show less" } else { "Read more" } }
            </button>
        </article>
    }
}

#[component]
pub fn News() -> Html {
    let (news, reload) = use_fetch((), |()| api::invoke(cmd::GetNews {}));
    let open = use_state(HashSet::<NewsId>::new);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |id: NewsId| {
            let mut next = (*open).clone();
            if !next.remove(&id) {
                next.insert(id);
            }
            open.set(next);
        })
    };
    html! {
        <>
            <PageHeader page={Page::News} lead="Announcements from the vendor for its partners." />
            { snapshot(&news, &reload, |items: &Vec<NewsItem>| {
                if items.is_empty() {
                    return html! { <p class="empty">{ "There is no news yet." }</p> };
                }
                let mut sorted = items.clone();
                sorted.sort_by_key(|item| std::cmp::Reverse(item.published_on));
                html! {
                    <div class="news-list" id="news-list">
                        { for sorted.into_iter().map(|item| {
                            let is_open = open.contains(&item.id);
                            let key = item.id.to_string();
                            html! { <NewsArticle {key} {item} open={is_open} on_toggle={on_toggle.clone()} /> }
                        }) }
                    </div>
                }
            }) }
        </>
    }
}
