//! A kit opened on the Campaigns page: the firm's campaign from it. The editor of its name and
//! editable regions (plain text with links, counted against each region's limit) saves a draft,
//! offline too; the preview shows the email, the landing page and each co-branded asset as the
//! shell rendered them on this machine; the steps launch, pause, resume or end it on the server;
//! and once live, its public address and its funnel.

use super::{
    badges::campaign_badge,
    funnel::Funnel,
    preview::PreviewTabs,
    steps::{CampaignSteps, PublicUrl},
};
use crate::{
    api,
    components::{
        attention_note, icons, ready, record_badges::pending_badge, status_banner, Card,
        ErrorBanner, FormSection, PageHeader, TextField,
    },
    context::PIMS_ENTITIES,
    format,
    hooks::{
        field_errors,
        form::{field_message, setter, use_focus_invalid, Refusal, Save},
        use_detail, use_sync_state, Apply, Editing, FieldErrors,
    },
};
use portal_core::{
    ids::CampaignKitId,
    menu::Page,
    pims::{
        app::{CampaignForm, CampaignView, RegionView},
        campaign::MAX_NAME,
        template::Regions,
    },
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CampaignPageProps {
    pub kit_id: CampaignKitId,
    pub on_back: Callback<()>,
}

/// The editor's form from what the page read: the campaign's name (the kit's until a draft
/// exists) and each region's text (the kit's default where the firm has not written its own).
fn initial_form(view: &CampaignView) -> CampaignForm {
    CampaignForm {
        name: view
            .campaign
            .as_ref()
            .map_or_else(|| view.kit.name.clone(), |c| c.name.clone()),
        regions: view
            .regions
            .iter()
            .map(|r| {
                let text = if r.value.is_empty() {
                    &r.default
                } else {
                    &r.value
                };
                (r.name.clone(), text.clone())
            })
            .collect(),
    }
}

/// What is saved: only the regions whose text differs from the kit's default.
fn to_save(form: &CampaignForm, regions: &[RegionView]) -> CampaignForm {
    let kept: Regions = form
        .regions
        .iter()
        .filter(|(name, text)| {
            let default = regions
                .iter()
                .find(|r| &r.name == *name)
                .map(|r| r.default.trim());
            !text.trim().is_empty() && default != Some(text.trim())
        })
        .map(|(n, t)| (n.clone(), t.clone()))
        .collect();
    CampaignForm {
        name: form.name.clone(),
        regions: kept,
    }
}

/// The form's own checks: a name, and each region within its limit.
fn check(form: &CampaignForm, regions: &[RegionView]) -> FieldErrors {
    let mut errors = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        errors.push(ApiError::invalid("name", "Give the campaign a name."));
    } else if name.chars().count() > MAX_NAME {
        errors.push(ApiError::invalid(
            "name",
            format!("The name can be at most {MAX_NAME} characters."),
        ));
    }
    for r in regions {
        let used = form.regions.get(&r.name).map_or(0, |t| t.chars().count());
        if used > r.max_chars as usize {
            errors.push(ApiError::invalid(
                format!("regions.{}", r.name),
                format!(
                    "{} can be at most {} characters; it has {}.",
                    r.label,
                    format::count(r.max_chars),
                    format::count(used as u64)
                ),
            ));
        }
    }
    field_errors(&errors)
}

#[component]
pub fn CampaignPage(props: &CampaignPageProps) -> Html {
    let sync = use_sync_state();
    let detail = use_detail(props.kit_id, sync.reload_key(&PIMS_ENTITIES), |kit_id| {
        api::invoke(cmd::GetCampaign { kit_id })
    });
    let back = props.on_back.clone();
    let header =
        html! { <PageHeader page={Page::Campaigns} title="Campaign" back={back.clone()} /> };
    let view: Rc<CampaignView> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let on_view = {
        let acted = detail.acted.clone();
        Callback::from(move |v: CampaignView| acted.set(Some(Rc::new(v))))
    };
    let badges = html! {
        <>
            { campaign_badge(view.status, Some("campaign-status")) }
            if view.unsynced { { pending_badge() } }
        </>
    };
    let kit = &view.kit;
    let lead = format!(
        "{} · {} – {} · {}",
        kit.name,
        format::date(kit.starts_on),
        format::date(kit.ends_on),
        view.phase.label()
    );
    let title = view
        .campaign
        .as_ref()
        .map_or_else(|| kit.name.clone(), |c| c.name.clone());
    html! {
        <div id="campaign-page" data-kit-id={kit.id.to_string()} data-status={view.status.as_str()}
            data-campaign-id={view.campaign.as_ref().map(|c| c.id.to_string())}
            data-unsynced={view.unsynced.to_string()}>
            <PageHeader page={Page::Campaigns} title={AttrValue::from(title)} {back} {badges}
                lead={AttrValue::from(lead)} />
            if let Some(missing) = &view.profile_missing {
                { status_banner("banner-warning", "campaign-profile-missing", icons::alert(), html! {
                    { missing.clone() }
                }) }
            }
            if view.unsynced {
                { status_banner("banner-info", "campaign-unsynced", icons::clock(), html! {
                    { "Draft saved on this computer: it reaches the server with the next sync." }
                }) }
            }
            <div class="split campaign-layout">
                <div class="stack">
                    if view.may_run && view.campaign.as_ref().is_none_or(|c| c.is_editable()) {
                        // Keyed on the kit: a sync's fresh read never resets what is being typed.
                        <CampaignEditor key={kit.id.to_string()} view={view.clone()} on_saved={on_view.clone()} />
                    } else {
                        <Card title="Summary">
                            <p class="prose">{ kit.summary.clone() }</p>
                        </Card>
                    }
                    <CampaignSteps view={view.clone()} on_view={on_view.clone()} />
                    if let Some(url) = &view.public_url {
                        <PublicUrl url={AttrValue::from(url.clone())} />
                    }
                    if let Some(r) = &view.results {
                        <Card title="Results" class={classes!("campaign-results")}>
                            <Funnel results={r.clone()} />
                        </Card>
                    }
                </div>
                <div class="stack">
                    <PreviewTabs view={view.clone()} />
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    view: Rc<CampaignView>,
    on_saved: Callback<CampaignView>,
}

#[component]
fn CampaignEditor(props: &EditorProps) -> Html {
    let sync = use_sync_state();
    let editing = {
        let view = props.view.clone();
        use_reducer(move || Editing::new(initial_form(&view)))
    };
    let server_errors = use_state(FieldErrors::new);
    let save_error = use_state(|| None::<ApiError>);
    let saving = use_state(|| false);
    let (form_ref, focus_invalid) = use_focus_invalid();
    let view = &props.view;
    let form = &editing.form;
    let local = check(form, &view.regions);
    let error_for = |field: &str| field_message(&editing, &server_errors, &local, field);
    let set =
        |field: String, apply: Apply<CampaignForm>| setter(&editing, &server_errors, field, apply);

    let kit_id = view.kit.id;
    let onsubmit = Save {
        saving: saving.clone(),
        refusal: Refusal::new(&server_errors, &save_error, &focus_invalid),
        refresh: sync.refresh.clone(),
        on_saved: props.on_saved.clone(),
    }
    .on_submit(&editing, local.is_empty(), |f: &str| Some(f.to_owned()), {
        let form = to_save(form, &view.regions);
        move || {
            let form = form.clone();
            async move { api::invoke(cmd::SaveCampaignDraft { kit_id, form }).await }
        }
    });

    let regions = view.regions.iter().map(|r| {
        let name = r.name.clone();
        let field = format!("regions.{name}");
        let value = form.regions.get(&r.name).cloned().unwrap_or_default();
        let used = value.chars().count();
        let over = used > r.max_chars as usize;
        let apply: Apply<CampaignForm> = {
            let name = name.clone();
            Rc::new(move |f: &mut CampaignForm, v: String| {
                f.regions.insert(name.clone(), v);
            })
        };
        let counter_id = format!("region-{name}-count");
        html! {
            <TextField id={format!("region-{name}")} field={field.clone()} label={r.label.clone()}
                multiline=true wide=true value={value} error={error_for(&field)}
                hint={AttrValue::from("Plain text; web addresses become links. Leave it as it is to use the kit's words.")}
                on_input={set(field.clone(), apply)}>
                <p class={classes!("char-count", over.then_some("char-count-over"))} id={counter_id}
                    aria-live="polite" data-used={used.to_string()} data-max={r.max_chars.to_string()}>
                    { format!("{} of {} characters", format::count(used as u64), format::count(r.max_chars)) }
                </p>
            </TextField>
        }
    });
    let busy = *saving;
    html! {
        <form id="campaign-form" class="record-form" ref={form_ref} {onsubmit} novalidate=true>
            if let Some(e) = &*save_error {
                <div id="campaign-form-error"><ErrorBanner error={e.clone()} /></div>
            }
            <FormSection id="campaign-editor" title="Your words"
                description="The kit's editable parts. Everything else comes from the kit and your marketing profile.">
                <TextField id="campaign-name" field="name" label="Campaign name" wide=true required=true
                    value={form.name.clone()} error={error_for("name")}
                    hint="For your own lists and results; visitors do not see it."
                    on_input={set("name".to_owned(), Rc::new(|f: &mut CampaignForm, v| f.name = v))} />
                { for regions }
            </FormSection>
            <div class="form-actions">
                { attention_note(&editing, &local) }
                <button id="save-draft" type="submit" class="button" disabled={busy} aria-busy={busy.to_string()}>
                    if busy { <span class="spinner spinner-sm" aria-hidden="true"></span> }
                    { "Save draft" }
                </button>
            </div>
        </form>
    }
}
