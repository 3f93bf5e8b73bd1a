//! An item's page: what it is (category, products, summary, description), its files with
//! Download, Open and Share, its versions and dates, a preview, and "Keep offline" with the
//! download's progress.

use super::{
    files::FileList,
    offline::{offline_badge, progress, use_keep},
    preview::PreviewPane,
};
use crate::{
    api,
    components::{ready, Card, ErrorBanner, Field, Fields, PageHeader, StatusBadge, Switch, Tone},
    context::RESOURCE_ENTITIES,
    format,
    hooks::{use_briefcase, use_fetch, use_sync_state},
};
use portal_core::{
    ids::ResourceId,
    menu::Page,
    resources::library::{KeepTarget, OfflineState, ResourceDetail},
    shell::commands as cmd,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ItemViewProps {
    /// The page it was opened from (its title leads back).
    pub page: Page,
    pub id: ResourceId,
    pub on_back: Callback<()>,
}

/// Plain text with paragraphs apart by blank lines.
fn paragraphs(text: &str) -> Html {
    html! {
        { for text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| html! { <p class="prose">{ p.to_owned() }</p> }) }
    }
}

#[component]
pub fn ItemView(props: &ItemViewProps) -> Html {
    let sync = use_sync_state();
    let briefcase = use_briefcase();
    let keep = use_keep(&briefcase);
    // Read again after a sync that brought resources, and once its files are all here (each file
    // then says so).
    let live = briefcase.item(props.id).map(|i| i.offline.state);
    let ready_here = live == Some(OfflineState::Ready);
    let (fetched, retry) = use_fetch(
        (props.id, sync.data_version(&RESOURCE_ENTITIES), ready_here),
        |(id, _, _)| api::invoke(cmd::GetResource { id }),
    );
    let back = props.on_back.clone();
    let header = html! {
        <PageHeader page={props.page} title="Resource" back={back.clone()} />
    };
    let d: Rc<ResourceDetail> = match ready(fetched, header, retry) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let r = &d.resource;
    let offline = briefcase.offline_of(r.id, &d.offline);
    let kept = offline.state != OfflineState::NotKept;
    let badges = html! {
        <>
            if d.is_new {
                <StatusBadge label="New" tone={Tone::Accent} id="item-new" />
            }
            if d.expired {
                <StatusBadge label="Expired" tone={Tone::Warning} id="item-expired" />
            }
            { offline_badge(&offline, Some(AttrValue::Static("item-offline-state"))) }
        </>
    };
    let lead = format!(
        "{} · version {} · {}",
        r.category.label(),
        r.version,
        if r.version > 1 {
            format!("updated {}", format::local_date(r.updated_at()))
        } else {
            format!("published {}", format::local_date(r.published_at))
        }
    );
    let id = r.id;
    let on_keep = keep.run.reform(move |on: bool| (KeepTarget::Item(id), on));
    let keep_hint = if offline.by_category {
        format!(
            "Kept with the whole {} category; stop keeping the category to remove it.",
            r.category.label()
        )
    } else if kept {
        offline.state.label().to_owned()
    } else {
        "Download its files to open and save them with no connection.".to_owned()
    };
    let preview_file = r.files.iter().find(|f| f.file_type().previews()).cloned();
    let products = if r.products.is_empty() {
        html! { <span class="muted">{ "Every product" }</span> }
    } else {
        html! {
            <span class="chips">
                { for r.products.iter().map(|p| html! { <span class="chip" title={p.sku.clone()}>{ p.name.clone() }</span> }) }
            </span>
        }
    };
    let versions = r.versions.iter().rev().map(|v| {
        let note = if v.note.trim().is_empty() {
            if v.version == 1 {
                "First publication."
            } else {
                "No notes."
            }
            .to_owned()
        } else {
            v.note.clone()
        };
        html! {
            <li class={classes!("version", (v.version == r.version).then_some("version-current"))}
                data-version={v.version.to_string()}>
                <span class="version-head">
                    <span class="cell-strong">{ format!("Version {}", v.version) }</span>
                    <span class="muted small">{ format::local_date(v.published_at) }</span>
                    if v.version == r.version {
                        <StatusBadge label="Current" tone={Tone::Success} />
                    }
                </span>
                <span class="version-note">{ note }</span>
            </li>
        }
    });
    html! {
        <>
            <PageHeader page={props.page} title={AttrValue::from(r.title.clone())} {back}
                {badges} lead={AttrValue::from(lead)}>
                <div class="keep-panel" id="item-keep">
                    <Switch id="keep-item" label="Keep offline" checked={kept}
                        busy={keep.busy || offline.by_category} on_change={on_keep}
                        hint={AttrValue::from(keep_hint)} />
                    if matches!(offline.state, OfflineState::Downloading | OfflineState::Waiting) {
                        { progress(Some("item-progress"), "Downloading the item's files", offline.bytes_done, offline.bytes_total) }
                    }
                    if let Some(message) = offline.message.clone().filter(|_| offline.state == OfflineState::Failed) {
                        <p class="keep-state keep-failed" id="item-offline-failed">{ message }</p>
                    }
                </div>
            </PageHeader>
            if let Some(e) = keep.error {
                <ErrorBanner error={e} />
            }
            <div class="split resource-detail" id="resource-detail" data-resource-id={r.id.to_string()}
                data-version={r.version.to_string()}>
                <div class="stack">
                    <Card title="About">
                        <p class="resource-lead" id="resource-summary">{ r.summary.clone() }</p>
                        <div id="resource-description">{ paragraphs(&r.description) }</div>
                        <Fields>
                            <Field label="Category" name="category">{ r.category.label() }</Field>
                            <Field label="Products" name="products">{ products }</Field>
                        </Fields>
                    </Card>
                    <Card title="Files">
                        if d.expired {
                            <p class="card-note" id="resource-expired-note">
                                { format!("This item expired on {}: use it no more, and it is no longer offered for sharing.",
                                    format::date_or_dash(r.expires_on)) }
                            </p>
                        }
                        <FileList id={r.id} files={d.files.clone()} may_share={d.may_share}
                            all_offline={offline.state == OfflineState::Ready} />
                    </Card>
                    <Card title="Versions">
                        <ol class="versions" role="list" id="resource-versions">{ for versions }</ol>
                    </Card>
                </div>
                <div class="stack">
                    <Card title="Preview" class={classes!("preview-card")}>
                        <PreviewPane id={r.id} file={preview_file} />
                    </Card>
                    <Card title="Dates">
                        <Fields>
                            <Field label="Published" name="published">{ format::local_date(r.published_at) }</Field>
                            if r.version > 1 {
                                <Field label="Updated" name="updated">{ format::local_date(r.updated_at()) }</Field>
                            }
                            <Field label="Review by" name="review_on">{ format::date_or_dash(r.review_on) }</Field>
                            <Field label="Expires" name="expires_on">{ format::date_or_dash(r.expires_on) }</Field>
                        </Fields>
                    </Card>
                </div>
            </div>
        </>
    }
}
