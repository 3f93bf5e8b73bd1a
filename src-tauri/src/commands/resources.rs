//! Resources: the library's lists, an item's page and previews, saving and opening verified
//! files (each counted for the vendor), the briefcase, and What's New's count.

use super::Answer;
use crate::{
    error::ShellError,
    resources::fill_briefcase,
    save_dialog::{self, Export},
    AppState,
};
use portal_core::{
    resources::UseKind,
    shell::commands::{
        CountNewResources, EmptyBriefcase, GetBriefcase, GetResource, KeepOffline, ListResources,
        MarkResourcesSeen, OpenResourceFile, PreviewResourceFile, SaveResourceFile,
    },
};
use std::path::Path;
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub async fn resources(state: State<'_, AppState>, args: ListResources) -> Answer<ListResources> {
    Ok(state.portal.resources(&args.query).await?)
}

#[tauri::command]
pub async fn resource(state: State<'_, AppState>, args: GetResource) -> Answer<GetResource> {
    Ok(state.portal.resource(args.id).await?)
}

/// An image, or the first pages of a PDF, as pictures for the item's page.
#[tauri::command]
pub async fn preview_resource_file(
    state: State<'_, AppState>,
    args: PreviewResourceFile,
) -> Answer<PreviewResourceFile> {
    Ok(state
        .portal
        .preview_resource_file(&args.file, args.pages)
        .await?)
}

/// Copies the verified file where the user picks in a save dialog, or to `path` when given (no
/// dialog: the end-to-end tests cannot click a native one), and counts the download. The path
/// written, or `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn save_resource_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    args: SaveResourceFile,
) -> Answer<SaveResourceFile> {
    let SaveResourceFile { file, path } = args;
    let local = state.portal.resource_file(&file).await?;
    let extension = Path::new(&local.name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned());
    let extensions = [extension.as_deref().unwrap_or_default()];
    let kind = portal_core::resources::FileType::of(&local.media_type).label();
    let export = Export {
        title: "Save the file",
        filter: extension.is_some().then_some((kind, &extensions[..])),
    };
    let suggested = async { Ok(local.name.clone()) };
    let Some(to) = save_dialog::destination(&window, path, export, suggested).await? else {
        return Ok(None);
    };
    std::fs::copy(&local.path, &to).map_err(|e| ShellError::Save {
        path: to.display().to_string(),
        message: e.to_string(),
    })?;
    state
        .portal
        .record_resource_use(&file, UseKind::Download)
        .await?;
    Ok(Some(to.display().to_string()))
}

/// Hands the verified file to the system's viewer and counts it as opened (or shared).
#[tauri::command]
pub async fn open_resource_file(
    app: AppHandle,
    state: State<'_, AppState>,
    args: OpenResourceFile,
) -> Answer<OpenResourceFile> {
    let local = state.portal.resource_file(&args.file).await?;
    app.opener()
        .open_path(local.path.display().to_string(), None::<&str>)?;
    state
        .portal
        .record_resource_use(&args.file, args.kind)
        .await?;
    Ok(())
}

/// Keeps an item or a category offline (or stops); the downloads run in the background and
/// report through the `briefcase` event.
#[tauri::command]
pub async fn keep_offline(
    app: AppHandle,
    state: State<'_, AppState>,
    args: KeepOffline,
) -> Answer<KeepOffline> {
    let briefcase = state.portal.keep_offline(&args.target, args.keep).await?;
    fill_briefcase(&app);
    Ok(briefcase)
}

#[tauri::command]
pub async fn briefcase(state: State<'_, AppState>, args: GetBriefcase) -> Answer<GetBriefcase> {
    let GetBriefcase {} = args;
    Ok(state.portal.briefcase().await?)
}

#[tauri::command]
pub async fn empty_briefcase(
    state: State<'_, AppState>,
    args: EmptyBriefcase,
) -> Answer<EmptyBriefcase> {
    let EmptyBriefcase {} = args;
    Ok(state.portal.empty_briefcase().await?)
}

#[tauri::command]
pub async fn new_resources(
    state: State<'_, AppState>,
    args: CountNewResources,
) -> Answer<CountNewResources> {
    let CountNewResources {} = args;
    Ok(state.portal.new_resources().await?)
}

#[tauri::command]
pub async fn mark_resources_seen(
    state: State<'_, AppState>,
    args: MarkResourcesSeen,
) -> Answer<MarkResourcesSeen> {
    let MarkResourcesSeen {} = args;
    Ok(state.portal.mark_resources_seen().await?)
}
