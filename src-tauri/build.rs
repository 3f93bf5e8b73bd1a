//! Build script of the desktop app: Tauri's code generation from the top-level tauri.conf.json,
//! with a permission for each of the app's commands (`allow-<name>`), named by the core's list so
//! the window's capability can grant exactly them.
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The bundled UI is embedded at compile time; rebuild when `cargo xtask ui` refreshes it.
    println!("cargo:rerun-if-changed=ui/dist");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(
                tauri_build::AppManifest::new().commands(portal_core::shell::commands::NAMES),
            ),
    )
    .expect("failed to run tauri-build");
}
