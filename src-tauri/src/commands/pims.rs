//! PIMS: the marketing profile and its logos (the native open dialog), the campaign kits and a
//! campaign's drafts and steps, the co-branded email and assets saved where the user picks, the
//! Lead Inbox's decisions, the new-leads count and the results.

use super::Answer;
use crate::{
    open_dialog::{self, Pick},
    save_dialog::{self, Export},
    AppState,
};
use portal_core::shell::commands::{
    AcceptLead, CampaignStepNow, CountNewLeads, DeclineLead, DeleteCampaignDraft,
    ExportCampaignEmail, GetCampaign, GetCampaignResults, GetLead, GetMarketingProfile,
    ListCampaignKits, ListLeads, SaveCampaignAsset, SaveCampaignDraft, SaveMarketingProfile,
    UploadLogo,
};
use std::path::Path;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn marketing_profile(
    state: State<'_, AppState>,
    args: GetMarketingProfile,
) -> Answer<GetMarketingProfile> {
    let GetMarketingProfile {} = args;
    Ok(state.portal.marketing_profile().await?)
}

#[tauri::command]
pub async fn save_marketing_profile(
    state: State<'_, AppState>,
    args: SaveMarketingProfile,
) -> Answer<SaveMarketingProfile> {
    Ok(state.portal.save_marketing_profile(args.form).await?)
}

/// Uploads the logo at `path`, or in the file the user picks in the open dialog (`None` when the
/// user cancelled it).
#[tauri::command]
pub async fn upload_logo(
    window: WebviewWindow,
    state: State<'_, AppState>,
    args: UploadLogo,
) -> Answer<UploadLogo> {
    let UploadLogo { kind, path } = args;
    let title = format!("Choose the {}", kind.label().to_lowercase());
    let pick = Pick {
        title: &title,
        filter: ("Logo (PNG or SVG)", &["png", "svg"]),
    };
    let Some(from) = open_dialog::source(&window, path, pick).await? else {
        return Ok(None);
    };
    Ok(Some(state.portal.upload_logo(kind, &from).await?))
}

#[tauri::command]
pub async fn campaign_kits(
    state: State<'_, AppState>,
    args: ListCampaignKits,
) -> Answer<ListCampaignKits> {
    let ListCampaignKits {} = args;
    Ok(state.portal.campaign_kits().await?)
}

#[tauri::command]
pub async fn campaign(state: State<'_, AppState>, args: GetCampaign) -> Answer<GetCampaign> {
    Ok(state.portal.campaign(args.kit_id).await?)
}

#[tauri::command]
pub async fn save_campaign_draft(
    state: State<'_, AppState>,
    args: SaveCampaignDraft,
) -> Answer<SaveCampaignDraft> {
    Ok(state
        .portal
        .save_campaign_draft(args.kit_id, args.form)
        .await?)
}

#[tauri::command]
pub async fn delete_campaign_draft(
    state: State<'_, AppState>,
    args: DeleteCampaignDraft,
) -> Answer<DeleteCampaignDraft> {
    Ok(state.portal.delete_campaign_draft(args.id).await?)
}

#[tauri::command]
pub async fn campaign_step(
    state: State<'_, AppState>,
    args: CampaignStepNow,
) -> Answer<CampaignStepNow> {
    Ok(state.portal.campaign_step(args.id, args.step).await?)
}

/// The extension of a suggested file name, for the save dialog's filter.
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Writes the co-branded email to `path`, or where the user picks (`.eml`, or `.html` when the
/// name ends so). The path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_campaign_email(
    window: WebviewWindow,
    state: State<'_, AppState>,
    args: ExportCampaignEmail,
) -> Answer<ExportCampaignEmail> {
    let ExportCampaignEmail { kit_id, path } = args;
    let export = Export {
        title: "Export the email",
        filter: Some(("Email message", &["eml", "html"])),
    };
    let suggested = async { Ok(state.portal.campaign_email_file_name(kit_id).await?) };
    let Some(to) = save_dialog::destination(&window, path, export, suggested).await? else {
        return Ok(None);
    };
    let written = state.portal.export_campaign_email(kit_id, &to).await?;
    Ok(Some(written.display().to_string()))
}

/// Renders the kit's asset `index` co-branded and writes it to `path`, or where the user picks.
#[tauri::command]
pub async fn save_campaign_asset(
    window: WebviewWindow,
    state: State<'_, AppState>,
    args: SaveCampaignAsset,
) -> Answer<SaveCampaignAsset> {
    let SaveCampaignAsset {
        kit_id,
        index,
        path,
    } = args;
    let name = state.portal.campaign_asset_file_name(kit_id, index).await?;
    let ext = extension(&name);
    let extensions = [ext.as_str()];
    let kind = if ext == "pdf" {
        "PDF document"
    } else {
        "PNG image"
    };
    let export = Export {
        title: "Save the co-branded asset",
        filter: (!ext.is_empty()).then_some((kind, &extensions[..])),
    };
    let suggested = async { Ok(name.clone()) };
    let Some(to) = save_dialog::destination(&window, path, export, suggested).await? else {
        return Ok(None);
    };
    let written = state.portal.save_campaign_asset(kit_id, index, &to).await?;
    Ok(Some(written.display().to_string()))
}

#[tauri::command]
pub async fn leads(state: State<'_, AppState>, args: ListLeads) -> Answer<ListLeads> {
    Ok(state.portal.leads(&args.query).await?)
}

#[tauri::command]
pub async fn lead(state: State<'_, AppState>, args: GetLead) -> Answer<GetLead> {
    Ok(state.portal.lead(args.id).await?)
}

#[tauri::command]
pub async fn accept_lead(state: State<'_, AppState>, args: AcceptLead) -> Answer<AcceptLead> {
    Ok(state.portal.accept_lead(args.id, args.form).await?)
}

#[tauri::command]
pub async fn decline_lead(state: State<'_, AppState>, args: DeclineLead) -> Answer<DeclineLead> {
    Ok(state.portal.decline_lead(args.id, args.form).await?)
}

#[tauri::command]
pub async fn new_leads(state: State<'_, AppState>, args: CountNewLeads) -> Answer<CountNewLeads> {
    let CountNewLeads {} = args;
    Ok(state.portal.new_leads().await?)
}

#[tauri::command]
pub async fn campaign_results(
    state: State<'_, AppState>,
    args: GetCampaignResults,
) -> Answer<GetCampaignResults> {
    let GetCampaignResults {} = args;
    Ok(state.portal.campaign_results().await?)
}
