//! The PDF 1.4 file around the pages: objects, cross-reference table and trailer.
//!
//! The layout is fixed: 1 catalog, 2 page tree, 3 and 4 the fonts, 5 the multiply blend state,
//! 6 the document information, then each page followed by its content stream. Nothing time- or machine-dependent is written,
//! so the same pages give the same bytes.

use crate::canvas::{string_literal, MULTIPLY};
use crate::text::Font;

/// A4 portrait, in points.
pub const PAGE_SIZE: (f32, f32) = (595.0, 842.0);

const CATALOG: usize = 1;
const PAGE_TREE: usize = 2;
const FIRST_FONT: usize = 3;
const BLEND: usize = FIRST_FONT + Font::ALL.len();
const INFO: usize = BLEND + 1;
const FIRST_PAGE: usize = INFO + 1;

/// What viewers show in a document's properties.
#[derive(Debug, Clone, Copy)]
pub struct DocInfo<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
}

/// A complete PDF file of `pages` (content streams, in order) on A4 paper.
pub fn write_pdf(pages: &[Vec<u8>], info: &DocInfo<'_>) -> Vec<u8> {
    let mut file = ObjectWriter::new();

    file.object(
        CATALOG,
        format!("<< /Type /Catalog /Pages {PAGE_TREE} 0 R >>").as_bytes(),
    );

    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", page_object(i)))
        .collect();
    let fonts: Vec<String> = Font::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| format!("/{} {} 0 R", f.resource_name(), FIRST_FONT + i))
        .collect();
    file.object(
        PAGE_TREE,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} /MediaBox [0 0 {} {}]\n   \
             /Resources << /Font << {} >> /ExtGState << /{MULTIPLY} {BLEND} 0 R >> /ProcSet [/PDF /Text] >> >>",
            kids.join(" "),
            pages.len(),
            PAGE_SIZE.0,
            PAGE_SIZE.1,
            fonts.join(" ")
        )
        .as_bytes(),
    );

    for (i, font) in Font::ALL.iter().enumerate() {
        file.object(
            FIRST_FONT + i,
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                font.base_font()
            )
            .as_bytes(),
        );
    }

    file.object(BLEND, b"<< /Type /ExtGState /BM /Multiply >>");

    let mut info_dict = b"<< /Title ".to_vec();
    info_dict.extend(text_string(info.title));
    info_dict.extend_from_slice(b" /Author ");
    info_dict.extend(text_string(info.author));
    info_dict.extend_from_slice(b" /Subject ");
    info_dict.extend(text_string(info.subject));
    info_dict.extend_from_slice(b" /Creator (Reseller Portal) /Producer (portal-pdf) >>");
    file.object(INFO, &info_dict);

    for (i, content) in pages.iter().enumerate() {
        file.object(
            page_object(i),
            format!(
                "<< /Type /Page /Parent {PAGE_TREE} 0 R /Contents {} 0 R >>",
                page_object(i) + 1
            )
            .as_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        file.object(page_object(i) + 1, &stream);
    }

    file.finish(CATALOG, INFO)
}

fn page_object(index: usize) -> usize {
    FIRST_PAGE + 2 * index
}

/// A document-information string: plain ASCII as a literal, anything else as UTF-16BE with a
/// byte-order mark (those strings are in PDFDocEncoding, not WinAnsi, so € would be wrong).
fn text_string(s: &str) -> Vec<u8> {
    if s.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return string_literal(s.as_bytes());
    }
    let mut out = b"<FEFF".to_vec();
    for unit in s.encode_utf16() {
        out.extend_from_slice(format!("{unit:04X}").as_bytes());
    }
    out.push(b'>');
    out
}

/// Writes numbered objects in order and remembers where each starts, for the xref table.
struct ObjectWriter {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl ObjectWriter {
    fn new() -> Self {
        // The binary comment tells transfer tools the file holds 8-bit data (PDF 1.4, 3.4.1).
        let mut out = b"%PDF-1.4\n".to_vec();
        out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
        Self {
            out,
            offsets: Vec::new(),
        }
    }

    /// Writes object `number`, which must be the next one.
    fn object(&mut self, number: usize, body: &[u8]) {
        assert_eq!(
            number,
            self.offsets.len() + 1,
            "objects are written in order"
        );
        self.offsets.push(self.out.len());
        self.out
            .extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn finish(mut self, root: usize, info: usize) -> Vec<u8> {
        let xref_at = self.out.len();
        let size = self.offsets.len() + 1;
        // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space, LF.
        let mut xref = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for offset in &self.offsets {
            xref.push_str(&format!("{offset:010} 00000 n \n"));
        }
        xref.push_str(&format!(
            "trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
        ));
        self.out.extend_from_slice(xref.as_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> DocInfo<'static> {
        DocInfo {
            title: "Quote Q-1",
            author: "Acme",
            subject: "Quote",
        }
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn every_xref_entry_points_at_its_object() {
        let pdf = write_pdf(&[b"BT ET".to_vec(), b"(page two)".to_vec()], &info());
        let text = String::from_utf8_lossy(&pdf);
        let start: usize = text
            .split("startxref\n")
            .nth(1)
            .and_then(|s| s.lines().next())
            .and_then(|s| s.parse().ok())
            .expect("startxref");
        assert!(pdf[start..].starts_with(b"xref\n0 11\n"));
        // Offsets are bytes, so read the table from the bytes, not from the lossy text.
        let table = String::from_utf8_lossy(&pdf[start..]);
        let entries: Vec<&str> = table.lines().skip(3).take(10).collect();
        for (i, entry) in entries.iter().enumerate() {
            assert_eq!(entry.len(), 19, "{entry:?} plus its LF is 20 bytes");
            let offset: usize = entry[..10].parse().unwrap();
            let header = format!("{} 0 obj\n", i + 1);
            assert!(
                pdf[offset..].starts_with(header.as_bytes()),
                "object {}",
                i + 1
            );
        }
    }

    #[test]
    fn pages_reference_their_content_and_the_tree_counts_them() {
        let pdf = write_pdf(&[Vec::new(), Vec::new(), Vec::new()], &info());
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Kids [7 0 R 9 0 R 11 0 R] /Count 3"));
        assert!(text.contains("11 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 12 0 R >>"));
        assert!(text.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"));
    }

    #[test]
    fn stream_length_is_the_content_length() {
        let content = b"0 0 m 10 10 l S".to_vec();
        let pdf = write_pdf(std::slice::from_ref(&content), &info());
        let at = find(&pdf, b"<< /Length 15 >>\nstream\n").expect("stream header");
        let body = at + b"<< /Length 15 >>\nstream\n".len();
        assert_eq!(&pdf[body..body + 15], &content[..]);
        assert!(pdf[body + 15..].starts_with(b"\nendstream"));
    }

    #[test]
    fn same_input_same_bytes() {
        let pages = [b"BT /F1 9 Tf (x) Tj ET".to_vec()];
        assert_eq!(write_pdf(&pages, &info()), write_pdf(&pages, &info()));
    }

    #[test]
    fn non_ascii_information_is_utf16() {
        assert_eq!(text_string("A (b)"), b"(A \\(b\\))");
        assert_eq!(text_string("€"), b"<FEFF20AC>");
    }
}
