//! The campaign's email exported: an RFC 5322 message (`.eml`, marked unsent so mail programs open
//! it as a draft to send) with a plain-text and an HTML part (the web logo inline beside it), or
//! the HTML alone when the path ends in `.html`.

use super::{logo_bytes, render::firm_campaign, render::public_url};
use crate::{error::ClientError, lists::pims as cached, Portal};
use base64::Engine;
use chrono::{DateTime, Utc};
use portal_core::{
    ids::CampaignKitId,
    pims::{
        campaign::words_for_name,
        template::{render_email, Branding, RenderedEmail},
    },
};
use std::path::{Path, PathBuf};

/// The HTML part names the inline logo by this Content-ID.
const LOGO_CID: &str = "logo@reseller-portal";
/// Base64 lines are at most 76 characters (RFC 2045).
const LINE: usize = 76;

/// A header value as RFC 2047 encoded-words when it is not plain ASCII (each word at most 75
/// characters, whole characters only, folded onto continuation lines).
pub fn encode_header(value: &str) -> String {
    if value.chars().all(|c| (' '..='~').contains(&c)) {
        return value.to_owned();
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in value.chars() {
        // 45 bytes of UTF-8 make 60 of base64: "=?UTF-8?B?" + 60 + "?=" = 72.
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", b64.encode(&chunk)));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", b64.encode(&chunk)));
    }
    words.join("\r\n ")
}

/// A mailbox header: `Name <address>`, the name quoted or encoded as it needs.
fn mailbox(name: &str, address: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return format!("<{address}>");
    }
    if name.is_ascii() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{quoted}\" <{address}>")
    } else {
        format!("{} <{address}>", encode_header(name))
    }
}

/// Bytes as base64 in lines of 76 characters, each ended by CRLF.
fn base64_lines(bytes: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(text.len() + text.len() / LINE * 2 + 2);
    for line in text.as_bytes().chunks(LINE) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push_str("\r\n");
    }
    out
}

/// A whole part: its headers, a blank line, its body in base64.
fn part(headers: &[String], body: &[u8]) -> String {
    let mut out = headers.join("\r\n");
    out.push_str("\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    out.push_str(&base64_lines(body));
    out
}

/// The email as an unsent RFC 5322 message from `from` (name, address), dated `date`, with the
/// logo (media type, bytes) inline when there is one. The HTML must name it as `cid:` [`LOGO_CID`].
pub fn eml(
    email: &RenderedEmail,
    from: (&str, &str),
    date: DateTime<Utc>,
    logo: Option<(&str, &[u8])>,
    boundary: &str,
) -> String {
    let outer = format!("=_alt_{boundary}");
    let inner = format!("=_rel_{boundary}");
    let mut out = [
        "MIME-Version: 1.0".to_owned(),
        format!("Date: {}", date.to_rfc2822()),
        format!("From: {}", mailbox(from.0, from.1)),
        format!("Subject: {}", encode_header(&email.subject)),
        "X-Unsent: 1".to_owned(),
        format!("Content-Type: multipart/alternative; boundary=\"{outer}\""),
    ]
    .join("\r\n");
    out.push_str("\r\n\r\nThis is a message in MIME format.\r\n");
    out.push_str(&format!("--{outer}\r\n"));
    out.push_str(&part(
        &["Content-Type: text/plain; charset=utf-8".to_owned()],
        email
            .text
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .as_bytes(),
    ));
    out.push_str(&format!("--{outer}\r\n"));
    let html = part(
        &["Content-Type: text/html; charset=utf-8".to_owned()],
        email.html.as_bytes(),
    );
    match logo {
        None => out.push_str(&html),
        Some((media_type, bytes)) => {
            out.push_str(&format!(
                "Content-Type: multipart/related; type=\"text/html\"; boundary=\"{inner}\"\r\n\r\n"
            ));
            out.push_str(&format!("--{inner}\r\n{html}--{inner}\r\n"));
            let ext = if media_type == "image/svg+xml" {
                "svg"
            } else {
                "png"
            };
            out.push_str(&part(
                &[
                    format!("Content-Type: {media_type}; name=\"logo.{ext}\""),
                    format!("Content-ID: <{LOGO_CID}>"),
                    format!("Content-Disposition: inline; filename=\"logo.{ext}\""),
                ],
                bytes,
            ));
            out.push_str(&format!("--{inner}--\r\n"));
        }
    }
    out.push_str(&format!("--{outer}--\r\n"));
    out
}

impl Portal {
    /// The email of the kit's campaign, co-branded, with the logo found at `logo_src`.
    async fn campaign_email(
        &self,
        kit_id: CampaignKitId,
        logo_src: Option<&str>,
    ) -> Result<(String, RenderedEmail), ClientError> {
        let kit = self.held_kit(kit_id).await?;
        let profile = self.held_profile().await?.value;
        let (scope, _) = self.me().await?;
        let campaign = {
            let mut conn = self.cache.pool().acquire().await?;
            firm_campaign(cached::campaigns(&mut conn, &scope).await?, kit_id).map(|c| c.value)
        };
        let server_url = self.session().await?.stored.server_url;
        let url = campaign.as_ref().and_then(|c| public_url(&server_url, c));
        let regions = campaign
            .as_ref()
            .map(|c| c.regions.clone())
            .unwrap_or_default();
        let name = campaign.map_or(kit.name.clone(), |c| c.name);
        let branding = Branding {
            profile: &profile,
            logo_src,
            landing_url: url.as_deref(),
        };
        Ok((name, render_email(&kit.email, &regions, &branding)))
    }

    /// The name the email is saved under (for the save dialog): `<campaign>.eml`.
    pub async fn campaign_email_file_name(
        &self,
        kit_id: CampaignKitId,
    ) -> Result<String, ClientError> {
        let (name, _) = self.campaign_email(kit_id, None).await?;
        Ok(format!("{}.eml", words_for_name(&name, true)))
    }

    /// Writes the co-branded email to `path` (`.eml`, or `.html` when it ends so); the path.
    pub async fn export_campaign_email(
        &self,
        kit_id: CampaignKitId,
        path: &Path,
    ) -> Result<PathBuf, ClientError> {
        let profile = self.held_profile().await?.value;
        let logo = profile
            .web_logo
            .as_ref()
            .and_then(|l| logo_bytes(&self.blobs, l).map(|b| (l.format.media_type(), b)));
        let html_only = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let bytes = if html_only {
            // A page on its own carries its logo with it.
            let src = logo.as_ref().map(|(t, b)| super::data_url(t, b));
            self.campaign_email(kit_id, src.as_deref())
                .await?
                .1
                .html
                .into_bytes()
        } else {
            let src = logo.as_ref().map(|_| format!("cid:{LOGO_CID}"));
            let (_, email) = self.campaign_email(kit_id, src.as_deref()).await?;
            let boundary = uuid::Uuid::new_v4().simple().to_string();
            eml(
                &email,
                (&profile.contact_name, &profile.email),
                Utc::now(),
                logo.as_ref().map(|(t, b)| (*t, b.as_slice())),
                &boundary,
            )
            .into_bytes()
        };
        std::fs::write(path, bytes).map_err(|e| ClientError::File {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Ok(path.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_that_are_not_ascii_are_encoded_words_of_whole_characters() {
        assert_eq!(encode_header("Spring offer"), "Spring offer");
        let long = "Łódź: wiosenna oferta na bezpieczną pocztę dla całej firmy — już dziś";
        let encoded = encode_header(long);
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut back = String::new();
        for word in encoded.split("\r\n ") {
            assert!(word.len() <= 75, "{word}");
            let inner = word
                .strip_prefix("=?UTF-8?B?")
                .and_then(|w| w.strip_suffix("?="))
                .expect("an encoded word");
            back.push_str(
                &String::from_utf8(b64.decode(inner).unwrap()).expect("whole characters"),
            );
        }
        assert_eq!(back, long);
        assert_eq!(
            mailbox("Ada \"Countess\"", "a@b.example"),
            "\"Ada \\\"Countess\\\"\" <a@b.example>"
        );
    }
}
