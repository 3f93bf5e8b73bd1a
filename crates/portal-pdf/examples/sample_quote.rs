//! Writes a realistic quote as two PDFs, the customer's copy and a draft internal copy, both on
//! the partner's letterhead with its logo:
//! `cargo run -p portal-pdf --example sample_quote -- /tmp/pdf-out`.
//!
//! The screenshots in `docs/screenshots/quote-pdf-*.png` are these two files' first pages:
//! `pdftoppm -png -r 80 -singlefile quote-customer.pdf quote-pdf-customer` (and `internal`).

mod sample;

use portal_pdf::{render_with_logo, Audience, Image, QuoteDocument};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "pdf-samples".to_owned()),
    );
    std::fs::create_dir_all(&dir)?;

    let logo = Image::from_bytes(sample::LOGO_PNG.to_vec())?;
    let customer = sample::quote();
    let internal = QuoteDocument {
        audience: Audience::Internal,
        draft: true,
        ..customer.clone()
    };
    for (name, doc) in [
        ("quote-customer.pdf", &customer),
        ("quote-internal-draft.pdf", &internal),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, render_with_logo(doc, &logo))?;
        println!("{}", path.display());
    }
    Ok(())
}
