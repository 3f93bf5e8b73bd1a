//! Project tasks written in Rust so they run the same on Linux, macOS and Windows.
//!
//! - `cargo xtask layers [CRATE]` checks that each crate's imports point down its layers (see
//!   [`layers`]).
//! - `cargo xtask ui [--release]` builds the Yew UI for wasm32, runs wasm-bindgen (as a library
//!   pinned to the workspace's wasm-bindgen version, so the two can never disagree) and assembles
//!   `ui/dist/`, which the desktop app embeds. Nothing is downloaded at build time.

mod layers;

use anyhow::{bail, Context, Result};
use std::{
    env, fs,
    path::{Path, PathBuf},
    process::Command,
};

fn main() -> Result<()> {
    let args: Vec<String> = env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("ui") => build_ui(args.iter().any(|a| a == "--release")),
        Some("layers") => {
            let found = layers::run(&workspace_root(), args.get(1).map(String::as_str))?;
            if found > 0 {
                eprintln!("{found} layer finding(s)");
                std::process::exit(1);
            }
            Ok(())
        }
        _ => bail!("usage: cargo xtask ui [--release] | cargo xtask layers [CRATE]"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

fn build_ui(release: bool) -> Result<()> {
    let root = workspace_root();
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = Command::new(cargo);
    build.current_dir(&root).args([
        "build",
        "-p",
        "portal-ui",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    if release {
        build.arg("--release");
    }
    let status = build.status().context("running cargo for the UI")?;
    if !status.success() {
        bail!("building the UI for wasm32 failed");
    }

    let target_dir = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let profile = if release { "release" } else { "debug" };
    let wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("portal-ui.wasm");
    let dist = root.join("ui").join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).context("clearing ui/dist")?;
    }
    fs::create_dir_all(&dist)?;

    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("portal_ui")
        .web(true)?
        .typescript(false)
        // Keep the default `portal_ui_bg.wasm` path in the JS glue so `init()` finds the module.
        .omit_default_module_path(false)
        .debug(!release)
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;

    let ui = root.join("ui");
    for file in ["index.html", "styles.css"] {
        fs::copy(ui.join(file), dist.join(file)).with_context(|| format!("copying ui/{file}"))?;
    }
    copy_dir(&ui.join("assets"), &dist.join("assets"))?;
    println!("UI bundle written to {}", dist.display());
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}
