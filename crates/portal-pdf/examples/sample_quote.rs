//! Writes a realistic quote as two PDFs, the customer's copy and a draft internal copy:
//! `cargo run -p portal-pdf --example sample_quote -- /tmp/pdf-out`.

mod sample;

use portal_pdf::{render, Audience, QuoteDocument};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "pdf-samples".to_owned()),
    );
    std::fs::create_dir_all(&dir)?;

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
        std::fs::write(&path, render(doc))?;
        println!("{}", path.display());
    }
    Ok(())
}
