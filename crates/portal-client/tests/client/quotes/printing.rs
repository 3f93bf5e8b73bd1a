//! A quote prints as a PDF, for the customer and for the firm.

use super::*;

#[tokio::test]
async fn a_quote_prints_as_a_pdf_for_the_customer_and_for_the_firm() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = product(&book, "BM-GW")?;
    let tansy = prospect(&sales.portal, "Tansy Textiles", "tansy.example").await?;
    let made = sales
        .portal
        .save_quote(None, form(tansy, vec![line(gw, "150", 36, "12.5")]))
        .await?;
    let id = made.quote.id;
    let out = tempfile::tempdir()?;

    let draft = sales
        .portal
        .quote_document(id, PdfAudience::Customer)
        .await?;
    assert!(draft.draft, "an unsent quote prints as a draft");
    assert_eq!(draft.customer.name, "Tansy Textiles");
    assert_eq!(draft.partner.name, "Northwind Solutions");
    assert_eq!(draft.lines.len(), 1);
    assert_eq!(draft.totals.total, made.quote.totals.total);
    let path = out.path().join("draft.pdf");
    sales
        .portal
        .quote_pdf(id, PdfAudience::Customer, &path)
        .await?;
    let bytes = std::fs::read(&path)?;
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");

    synced(&sales.portal).await?;
    sales.portal.quote_action(id, QuoteAction::Send).await?;
    synced(&sales.portal).await?;
    let internal = sales
        .portal
        .quote_document(id, PdfAudience::Internal)
        .await?;
    assert!(!internal.draft);
    assert!(internal.number.starts_with("Q-"));
    assert_eq!(internal.totals.cost_total, made.quote.totals.cost_total);
    let name = sales
        .portal
        .quote_file_name(id, PdfAudience::Internal)
        .await?;
    assert_eq!(name, format!("Quote {} (internal).pdf", internal.number));
    let path = out.path().join(name);
    sales
        .portal
        .quote_pdf(id, PdfAudience::Internal, &path)
        .await?;
    assert!(std::fs::read(&path)?.starts_with(b"%PDF"));
    Ok(())
}
