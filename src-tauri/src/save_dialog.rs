//! Where an export is written: the path a caller gave, or the one the user picks in the native
//! save dialog (the end-to-end tests give one, since WebDriver cannot click a native dialog).

use crate::error::{ShellError, ShellResult};
use std::future::Future;
use std::path::PathBuf;
use tauri::WebviewWindow;
use tauri_plugin_dialog::DialogExt;

/// What the save dialog asks for.
pub struct Export<'a> {
    pub title: &'a str,
    /// The filter's name and its extensions, such as `("PDF document", &["pdf"])`; none for a
    /// file whose name has no extension.
    pub filter: Option<(&'a str, &'a [&'a str])>,
}

/// `path` when given; otherwise the file the user chooses over `window`, starting from the name
/// `suggested` gives (read only when the dialog opens). `None` when the user cancelled.
pub async fn destination(
    window: &WebviewWindow,
    path: Option<String>,
    export: Export<'_>,
    suggested: impl Future<Output = ShellResult<String>>,
) -> ShellResult<Option<PathBuf>> {
    if let Some(p) = path {
        return Ok(Some(PathBuf::from(p)));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(export.title)
        .set_file_name(suggested.await?);
    if let Some((name, extensions)) = export.filter {
        dialog = dialog.add_filter(name, extensions);
    }
    dialog.save_file(move |chosen| {
        let _ = tx.send(chosen);
    });
    let chosen = rx.await.ok().flatten();
    chosen
        .map(|p| p.into_path().map_err(|e| ShellError::Dialog(e.to_string())))
        .transpose()
}
