//! Applies the user's colour scheme to `<html data-theme>`, which the stylesheet reads.

use portal_core::shell::Theme;

pub fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Setting an attribute on <html> cannot fail in practice; nothing to recover if it did.
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}
