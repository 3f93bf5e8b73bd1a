//! `cargo xtask layers [CRATE]`: checks that imports point down the layers of each crate
//! ([`rules::CRATES`]), that no menu group names another, and that no folder's files name each
//! other in a circle. Reads the source as text (`use` lines and inline paths); builds nothing.

mod check;
mod rules;
mod scan;

use anyhow::{bail, Result};
use std::path::Path;

/// Runs the check on every crate, or on the one named; the number of findings.
pub fn run(root: &Path, only: Option<&str>) -> Result<usize> {
    let mut total = 0;
    let mut seen = false;
    for krate in rules::CRATES {
        if only.is_some_and(|o| o != krate.name) {
            continue;
        }
        seen = true;
        let findings = check::check(root, krate)?;
        if findings.is_empty() {
            println!("{}: layers hold", krate.name);
        } else {
            println!("{}: {} finding(s)", krate.name, findings.len());
            for f in &findings {
                let file = f.file.strip_prefix(root).unwrap_or(&f.file);
                let message = f.message.replace(&format!("{}/", root.display()), "");
                println!("  {}:{}: {message}", file.display(), f.line);
            }
        }
        total += findings.len();
    }
    if !seen {
        bail!("no crate called {}", only.unwrap_or_default());
    }
    Ok(total)
}
