//! Which file is read: the path a caller gave, or the one the user picks in the native open
//! dialog (the end-to-end tests give one, since WebDriver cannot click a native dialog).

use crate::error::{ShellError, ShellResult};
use std::path::PathBuf;
use tauri::WebviewWindow;
use tauri_plugin_dialog::DialogExt;

/// What the open dialog asks for.
pub struct Pick<'a> {
    pub title: &'a str,
    /// The filter's name and its extensions, such as `("Logo (PNG or SVG)", &["png", "svg"])`.
    pub filter: (&'a str, &'a [&'a str]),
}

/// `path` when given; otherwise the file the user picks over `window`. `None` when the user
/// cancelled.
pub async fn source(
    window: &WebviewWindow,
    path: Option<String>,
    pick: Pick<'_>,
) -> ShellResult<Option<PathBuf>> {
    if let Some(p) = path {
        return Ok(Some(PathBuf::from(p)));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let (name, extensions) = pick.filter;
    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(pick.title)
        .add_filter(name, extensions)
        .pick_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    let chosen = rx.await.ok().flatten();
    chosen
        .map(|p| p.into_path().map_err(|e| ShellError::Dialog(e.to_string())))
        .transpose()
}
