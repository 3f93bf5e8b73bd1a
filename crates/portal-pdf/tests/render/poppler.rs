//! Reading the PDF back with poppler's tools, failing on any complaint they print; where the words are.

use crate::*;

/// Runs a poppler tool on `pdf` (saved as `name` under the test's temporary directory, where it
/// can be looked at), failing on any complaint it prints about the file.
pub(crate) fn poppler(tool: &str, args: &[&str], pdf: &[u8], name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("portal-pdf");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    match tool {
        // To standard output.
        "pdftotext" => {
            command.arg("-");
        }
        // Beside the file.
        "pdftoppm" => {
            command.arg(path.with_extension(""));
        }
        _ => {}
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("{tool} (poppler-utils) is needed: `scripts/setup.sh --test` installs it ({e})")
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "{tool} on {name}: {stderr}"
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Each page's text, laid out as on the page.
pub(crate) fn pages(pdf: &[u8], name: &str) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf, name);
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    // pdftotext ends every page with a form feed, the last one too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

pub(crate) fn text(pdf: &[u8], name: &str) -> String {
    pages(pdf, name).concat()
}

/// A word poppler found, with its box in points from the page's top-left corner.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    pub text: String,
}

/// Each page's words and where they are.
pub(crate) fn words(pdf: &[u8], name: &str) -> Vec<Vec<Word>> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8"], pdf, name);
    let attribute = |tag: &str, key: &str| -> f32 {
        let at = tag.find(&format!("{key}=\"")).expect("attribute") + key.len() + 2;
        tag[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("number")
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let (tag, rest) = word.split_once('>').expect("word tag");
                    let text = rest.split("</word>").next().expect("word text");
                    Word {
                        x_min: attribute(tag, "xMin"),
                        y_min: attribute(tag, "yMin"),
                        x_max: attribute(tag, "xMax"),
                        y_max: attribute(tag, "yMax"),
                        text: unescape(text),
                    }
                })
                .collect()
        })
        .collect()
}

pub(crate) fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The words drawn far larger than any text, left to right: the diagonal watermark, which
/// poppler reads as a few scattered pieces.
pub(crate) fn giant_words(page: &[Word]) -> Vec<&Word> {
    let mut giant: Vec<&Word> = page.iter().filter(|w| w.y_max - w.y_min > 60.0).collect();
    giant.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
    giant
}

pub(crate) fn page_count(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf, "count.pdf");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}
