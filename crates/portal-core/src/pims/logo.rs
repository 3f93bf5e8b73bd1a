//! The rules a firm's logo must pass before it goes on anything co-branded: its type (PNG or
//! SVG, read from the bytes, not the file name), its size and its dimensions, and for SVG that it
//! carries nothing active (scripts, event handlers, external references).
//!
//! The server runs [`inspect`] on every upload; the app runs it before uploading, so a wrong
//! file is refused with the same words without a round trip.

use crate::error::ApiError;
use crate::resources::Sha256;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Which of the profile's two logos.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum LogoKind {
        /// For emails and landing pages: small and light.
        Web = "web",
        /// For printed and PDF material: large enough to print sharply.
        Print = "print",
    }
}

crate::wire_enum! {
    /// The formats a logo may have.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum LogoFormat {
        Png = "png",
        Svg = "svg",
    }
}

impl LogoFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Svg => "image/svg+xml",
        }
    }

    pub fn extension(self) -> &'static str {
        self.as_str()
    }
}

impl LogoKind {
    pub fn label(self) -> &'static str {
        match self {
            LogoKind::Web => "Web logo",
            LogoKind::Print => "High-resolution logo",
        }
    }

    /// The most bytes a logo of this kind may have.
    pub fn max_bytes(self) -> u64 {
        match self {
            LogoKind::Web => 1024 * 1024,
            LogoKind::Print => 10 * 1024 * 1024,
        }
    }

    /// The fewest and most pixels along the longer side of a PNG of this kind.
    pub fn png_long_side(self) -> (u32, u32) {
        match self {
            LogoKind::Web => (120, 2000),
            LogoKind::Print => (1000, 12000),
        }
    }

    /// What the profile form says the logo must be.
    pub fn requirement(self) -> String {
        let (min, max) = self.png_long_side();
        format!(
            "PNG or SVG, at most {}; a PNG {min} to {max} pixels along its longer side; no wider \
             than {MAX_ASPECT}:1 or taller than 1:{MAX_ASPECT}.",
            crate::words::file_size(self.max_bytes())
        )
    }
}

/// The widest (or tallest) a logo may be, as a ratio of its sides.
pub const MAX_ASPECT: u32 = 8;

/// One of the profile's logos, as stored by the server (under its hash) and synced in the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Logo {
    pub sha256: Sha256,
    pub format: LogoFormat,
    /// Pixels for a PNG; the SVG's own units (its width and height, or its viewBox).
    pub width: u32,
    pub height: u32,
    /// Bytes.
    pub size: u64,
}

/// Where the app fetches a logo's bytes (GET, signed in; any user of the firm):
/// `/api/v1/pims/profile/logos/{kind}/{sha256}`. Uploads are `PUT /api/v1/pims/profile/logos/{kind}`
/// with the bytes as the body; the answer is the updated [`super::profile::MarketingProfile`].
pub fn logo_path(kind: LogoKind, sha256: &Sha256) -> String {
    format!(
        "{}/pims/profile/logos/{}/{sha256}",
        crate::api::API_PREFIX,
        kind.as_str()
    )
}

/// What [`inspect`] learned of an acceptable logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogoFacts {
    pub format: LogoFormat,
    pub width: u32,
    pub height: u32,
}

fn refuse(kind: LogoKind, why: impl std::fmt::Display) -> ApiError {
    ApiError::invalid(
        format!("{}_logo", kind.as_str()),
        format!(
            "{why} The {} must be: {}",
            kind.label().to_lowercase(),
            kind.requirement()
        ),
    )
}

/// Checks an uploaded logo; the error names the field (`web_logo` or `print_logo`) and says in
/// words what is wrong and what is needed.
pub fn inspect(kind: LogoKind, bytes: &[u8]) -> Result<LogoFacts, ApiError> {
    if bytes.is_empty() {
        return Err(refuse(kind, "The file is empty."));
    }
    if bytes.len() as u64 > kind.max_bytes() {
        return Err(refuse(
            kind,
            format!(
                "The file is {}, which is too large.",
                crate::words::file_size(bytes.len() as u64)
            ),
        ));
    }
    let facts = if let Some((width, height)) = png_size(bytes) {
        let long = width.max(height);
        let (min, max) = kind.png_long_side();
        if long < min {
            return Err(refuse(
                kind,
                format!(
                    "The picture is {width} × {height} pixels, which is too small to look sharp."
                ),
            ));
        }
        if long > max {
            return Err(refuse(
                kind,
                format!("The picture is {width} × {height} pixels, which is larger than needed."),
            ));
        }
        LogoFacts {
            format: LogoFormat::Png,
            width,
            height,
        }
    } else if looks_like_svg(bytes) {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| refuse(kind, "The SVG file is not readable text (UTF-8)."))?;
        if let Some(what) = svg_active_content(text) {
            return Err(refuse(
                kind,
                format!("The SVG file contains {what}, which a logo may not carry."),
            ));
        }
        let (width, height) = svg_size(text).ok_or_else(|| {
            refuse(
                kind,
                "The SVG file gives no size (it needs a viewBox, or a width and a height).",
            )
        })?;
        LogoFacts {
            format: LogoFormat::Svg,
            width,
            height,
        }
    } else {
        return Err(refuse(
            kind,
            "The file is neither a PNG nor an SVG picture.",
        ));
    };
    let (w, h) = (facts.width.max(1), facts.height.max(1));
    if w > h.saturating_mul(MAX_ASPECT) || h > w.saturating_mul(MAX_ASPECT) {
        return Err(refuse(
            kind,
            format!(
                "The picture is {} × {}, which is too narrow a strip to fit a logo space.",
                facts.width, facts.height
            ),
        ));
    }
    Ok(facts)
}

/// A PNG's width and height from its IHDR chunk, or None when the bytes are not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    if bytes.len() < 24 || bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<svg")
}

/// The first active thing found in an SVG, in words, or None when it is inert.
fn svg_active_content(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("a script");
    }
    if lower.contains("<foreignobject") {
        return Some("embedded HTML (foreignObject)");
    }
    if lower.contains("javascript:") {
        return Some("a javascript: link");
    }
    if lower.contains("<!entity") {
        return Some("an XML entity declaration");
    }
    // Event handler attributes: whitespace, then on<letters>, then optional space and '='.
    let b = lower.as_bytes();
    for i in 1..b.len().saturating_sub(3) {
        if b[i - 1].is_ascii_whitespace() && b[i] == b'o' && b[i + 1] == b'n' {
            let mut j = i + 2;
            while j < b.len() && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j > i + 2 && j < b.len() && b[j] == b'=' {
                return Some("an event handler (an on… attribute)");
            }
        }
    }
    for attr in [
        "href=\"http",
        "href='http",
        "href=\"//",
        "href='//",
        "url(http",
        "url(//",
    ] {
        if lower.contains(attr) {
            return Some("a reference to a file elsewhere on the internet");
        }
    }
    None
}

/// The size an SVG declares: its viewBox's width and height, else its width and height
/// attributes (in any unit; only the number is read).
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.to_ascii_lowercase().find("<svg")?;
    let tag_end = text[start..].find('>')? + start;
    let tag = &text[start..tag_end];
    if let Some(vb) = attribute(tag, "viewBox") {
        let nums: Vec<f64> = vb
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        if nums.len() == 4 && nums[2] > 0.0 && nums[3] > 0.0 {
            return Some((
                nums[2].round().max(1.0) as u32,
                nums[3].round().max(1.0) as u32,
            ));
        }
    }
    let number = |name: &str| -> Option<u32> {
        let v = attribute(tag, name)?;
        let digits: String = v
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let n: f64 = digits.parse().ok()?;
        (n > 0.0).then(|| n.round().max(1.0) as u32)
    };
    Some((number("width")?, number("height")?))
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(pos) = tag[from..].find(name) {
        let at = from + pos;
        let before_ok = at > 0 && tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        if before_ok {
            if let Some(rest) = rest.strip_prefix('=') {
                let rest = rest.trim_start();
                let quote = rest.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let body = &rest[1..];
                    let end = body.find(quote)?;
                    return Some(&body[..end]);
                }
            }
        }
        from = at + name.len();
    }
    None
}
