//! The Reseller Portal user interface: a Yew app that runs in the desktop shell's window.

// Layers, lowest first (`cargo xtask layers portal-ui` checks them): `api`, `context`, `format`,
// `theme` ← `hooks` ← `components` ← `pages` ← `shell`, `sign_in` ← `app`.
mod api;
mod app;
mod components;
mod context;
mod format;
mod hooks;
mod pages;
mod shell;
mod sign_in;
mod theme;

fn main() {
    // The static page shows a boot placeholder until the wasm is running.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
