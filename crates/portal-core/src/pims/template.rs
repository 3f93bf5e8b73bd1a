//! The one renderer of campaign templates: a kit's email and landing page, co-branded with a
//! firm's profile and its edited regions, into HTML (and the email into plain text too).
//!
//! Templates are lists of [`Block`]s, not HTML: the vendor writes text with merge fields
//! (`{{company_name}}`), the partner writes plain text in the editable regions, a visitor writes
//! plain text in the lead form. Everything is escaped on the way out, and only `http(s)://`
//! addresses in region text become links, so nobody's text can become markup or script. The
//! landing page carries no `style` attributes and one `<style>` block, so the server can serve it
//! under a strict Content-Security-Policy that admits that block by its hash.

use crate::pims::lead::{FieldErrors, LeadForm};
use crate::pims::profile::{unsubscribe_href, MarketingProfile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A region's text as the partner edited it, by region name. A region left out shows its default.
pub type Regions = BTreeMap<String, String>;

/// The most characters one region may hold.
pub const MAX_REGION_CHARS: u32 = 2_000;

crate::wire_enum! {
    /// A profile field a template may name as `{{field}}`.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum MergeField {
        CompanyName = "company_name",
        ContactName = "contact_name",
        Email = "email",
        Phone = "phone",
        Website = "website",
        /// The address on one line.
        Address = "address",
        /// The unsubscribe address, as written.
        Unsubscribe = "unsubscribe",
    }
}

impl MergeField {
    /// The profile's value for this field (plain text).
    pub fn value(self, p: &MarketingProfile) -> String {
        match self {
            MergeField::CompanyName => p.company_name.trim().to_owned(),
            MergeField::ContactName => p.contact_name.trim().to_owned(),
            MergeField::Email => p.email.trim().to_owned(),
            MergeField::Phone => p.phone.trim().to_owned(),
            MergeField::Website => p.website.trim().to_owned(),
            MergeField::Address => p.address.lines().join(", "),
            MergeField::Unsubscribe => p.unsubscribe.trim().to_owned(),
        }
    }
}

/// Where a button leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Href {
    /// The campaign's landing page (in the email; on the landing page itself, the form).
    LandingPage,
    /// The firm's website.
    Website,
    /// A fixed https:// address the vendor chose.
    Url { url: String },
}

/// One piece of a template, top to bottom. Text may hold merge fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "block", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Block {
    Heading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// A bulleted list.
    Bullets {
        items: Vec<String>,
    },
    /// A part the partner may rewrite: plain text (blank lines part paragraphs, http(s) addresses
    /// become links).
    Region {
        /// Unique within the kit (email and landing page share names when they share text).
        name: String,
        /// What the editor calls it: "Opening paragraph".
        label: String,
        /// The vendor's text, shown until the partner writes their own (may hold merge fields).
        default: String,
        /// At most [`MAX_REGION_CHARS`].
        max_chars: u32,
    },
    Button {
        label: String,
        href: Href,
    },
}

/// A kit's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailTemplate {
    /// May hold merge fields.
    pub subject: String,
    /// The line mail programs show after the subject.
    pub preheader: String,
    pub blocks: Vec<Block>,
}

/// A kit's landing page; the lead form follows the blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LandingTemplate {
    /// The page's title and first heading; may hold merge fields.
    pub title: String,
    pub blocks: Vec<Block>,
    /// Above the form: "Ask for a demo".
    pub form_heading: String,
}

/// What co-brands a rendering: the profile, where its web logo is found (a URL or a `data:` URL;
/// None shows the company name instead), and the landing page's address (None in a preview of a
/// campaign not yet launched).
#[derive(Debug, Clone, Copy)]
pub struct Branding<'a> {
    pub profile: &'a MarketingProfile,
    pub logo_src: Option<&'a str>,
    pub landing_url: Option<&'a str>,
}

/// An email, ready to export or send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedEmail {
    pub subject: String,
    /// A whole HTML document.
    pub html: String,
    pub text: String,
}

/// A landing page: the whole HTML document, and the text of its one `<style>` block (the server
/// allows exactly that block by its SHA-256 in the page's Content-Security-Policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandingPage {
    pub html: String,
    pub style: String,
}

/// The state of the form on a landing page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormState<'a> {
    /// Taking leads: post to `action`, showing what the visitor typed and what was wrong with it.
    Open {
        action: &'a str,
        values: &'a LeadForm,
        errors: &'a FieldErrors,
    },
    /// A preview in the app: the form is drawn but cannot be sent.
    Preview,
    /// The lead was received.
    Thanks,
    /// Paused or ended: the sentence says which; no form.
    Closed { message: &'a str },
}

// ---------- Text ----------

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Replaces `{{field}}` with the profile's values (plain text in, plain text out). An unknown
/// name is left as written (kits are checked for them when published: [`unknown_fields`]).
pub fn merge(text: &str, p: &MarketingProfile) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match name.parse::<MergeField>() {
                    Ok(f) => out.push_str(&f.value(p)),
                    Err(_) => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{{names}}` in a text that are not merge fields.
pub fn unknown_fields(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if name.parse::<MergeField>().is_err() {
            out.push(name.to_owned());
        }
        rest = &after[end + 2..];
    }
    out
}

/// Plain text as HTML paragraphs: escaped, blank lines part paragraphs, single line breaks stay,
/// and `http://` / `https://` addresses become links (nothing else does).
pub fn text_with_links(text: &str) -> String {
    let mut html = String::new();
    for para in text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        html.push_str("<p>");
        for (i, line) in para.lines().enumerate() {
            if i > 0 {
                html.push_str("<br>");
            }
            html.push_str(&linkify(line));
        }
        html.push_str("</p>");
    }
    html
}

fn linkify(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        let next = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(at) = next else {
            out.push_str(&escape(rest));
            return out;
        };
        out.push_str(&escape(&rest[..at]));
        let tail = &rest[at..];
        let mut end = tail
            .find(|c: char| c.is_whitespace() || "<>\"'".contains(c))
            .unwrap_or(tail.len());
        // A sentence's last full stop or bracket is not part of the address.
        while end > 0 && ".,;:!?)".contains(&tail[..end][end - 1..]) {
            end -= 1;
        }
        let url = &tail[..end];
        if url.len() <= "https://".len() {
            out.push_str(&escape(url));
        } else {
            out.push_str(&format!(
                "<a href=\"{u}\" rel=\"noopener noreferrer\">{u}</a>",
                u = escape(url)
            ));
        }
        rest = &tail[end..];
    }
}

/// A region's text as the partner wrote it, or the kit's default when left out or blank.
pub fn region_text<'a>(block_default: &'a str, name: &str, regions: &'a Regions) -> &'a str {
    regions
        .get(name)
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(block_default)
}

/// Checks edited regions against the kit's templates: every name must be one of the kit's
/// regions and within its length. The message names the region by its label.
pub fn check_regions(blocks: &[&Block], regions: &Regions) -> Result<(), crate::ApiError> {
    for (name, text) in regions {
        let block = blocks.iter().find_map(|b| match b {
            Block::Region {
                name: n,
                label,
                max_chars,
                ..
            } if n == name => Some((label, *max_chars)),
            _ => None,
        });
        let Some((label, max)) = block else {
            return Err(crate::ApiError::invalid(
                "regions",
                format!("This campaign has no editable part called “{name}”."),
            ));
        };
        let max = max.min(MAX_REGION_CHARS);
        let n = text.chars().count();
        if n > max as usize {
            return Err(crate::ApiError::invalid(
                format!("regions.{name}"),
                format!("{label} can be at most {max} characters; it has {n}."),
            ));
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(crate::ApiError::invalid(
                format!("regions.{name}"),
                format!("{label} contains characters that cannot be printed."),
            ));
        }
    }
    Ok(())
}

// ---------- Blocks ----------

fn href(h: &Href, b: &Branding<'_>, on_landing: bool) -> String {
    match h {
        Href::LandingPage if on_landing => "#lead-form".to_owned(),
        Href::LandingPage => b.landing_url.unwrap_or("#").to_owned(),
        Href::Website => b.profile.website.trim().to_owned(),
        Href::Url { url } => url.clone(),
    }
}

fn blocks_html(blocks: &[Block], regions: &Regions, b: &Branding<'_>, on_landing: bool) -> String {
    let p = b.profile;
    let mut html = String::new();
    for block in blocks {
        match block {
            Block::Heading { text } => {
                html.push_str(&format!("<h2>{}</h2>", escape(&merge(text, p))));
            }
            Block::Paragraph { text } => {
                html.push_str(&format!("<p>{}</p>", escape(&merge(text, p))));
            }
            Block::Bullets { items } => {
                html.push_str("<ul>");
                for item in items {
                    html.push_str(&format!("<li>{}</li>", escape(&merge(item, p))));
                }
                html.push_str("</ul>");
            }
            Block::Region { name, default, .. } => {
                let text = merge(region_text(default, name, regions), p);
                html.push_str(&format!(
                    "<div class=\"region\" data-region=\"{}\">{}</div>",
                    escape(name),
                    text_with_links(&text)
                ));
            }
            Block::Button { label, href: h } => {
                html.push_str(&format!(
                    "<p class=\"cta\"><a class=\"button\" href=\"{}\">{}</a></p>",
                    escape(&href(h, b, on_landing)),
                    escape(&merge(label, p))
                ));
            }
        }
    }
    html
}

fn blocks_text(blocks: &[Block], regions: &Regions, b: &Branding<'_>) -> String {
    let p = b.profile;
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { text } => out.push(merge(text, p).to_uppercase()),
            Block::Paragraph { text } => out.push(merge(text, p)),
            Block::Bullets { items } => out.push(
                items
                    .iter()
                    .map(|i| format!("  • {}", merge(i, p)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::Region { name, default, .. } => out.push(
                merge(region_text(default, name, regions), p)
                    .trim()
                    .to_owned(),
            ),
            Block::Button { label, href: h } => {
                out.push(format!("{}: {}", merge(label, p), href(h, b, false)))
            }
        }
    }
    out.join("\n\n")
}

fn masthead(b: &Branding<'_>) -> String {
    let name = escape(b.profile.company_name.trim());
    match b.logo_src {
        Some(src) => format!(
            "<header class=\"masthead\"><img class=\"logo\" src=\"{}\" alt=\"{name}\"></header>",
            escape(src)
        ),
        None => {
            format!("<header class=\"masthead\"><span class=\"wordmark\">{name}</span></header>")
        }
    }
}

fn footer(b: &Branding<'_>, with_unsubscribe: bool) -> String {
    let p = b.profile;
    let mut html = String::from("<footer class=\"footer\">");
    for line in p.contact_lines() {
        html.push_str(&format!("<div>{}</div>", escape(&line)));
    }
    if !p.social.is_empty() {
        html.push_str("<div class=\"social\">");
        for (i, s) in p.social.iter().enumerate() {
            if i > 0 {
                html.push_str(" · ");
            }
            html.push_str(&format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                escape(s.url.trim()),
                escape(s.network.trim())
            ));
        }
        html.push_str("</div>");
    }
    if with_unsubscribe && !p.unsubscribe.trim().is_empty() {
        html.push_str(&format!(
            "<div class=\"unsubscribe\">Don’t want these emails? <a href=\"{}\">Unsubscribe</a>.</div>",
            escape(&unsubscribe_href(&p.unsubscribe))
        ));
    }
    html.push_str("</footer>");
    html
}

fn style(b: &Branding<'_>) -> String {
    let brand = &b.profile.brand_colour;
    format!(
        ":root{{--brand:{brand};--on-brand:{on}}}\
         *{{box-sizing:border-box}}\
         body{{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;\
         color:#1d2430;background:#f4f6f9;line-height:1.5}}\
         .page{{max-width:680px;margin:0 auto;background:#fff;min-height:100vh}}\
         .masthead{{padding:20px 24px;border-bottom:4px solid var(--brand)}}\
         .logo{{max-height:56px;max-width:240px;display:block}}\
         .wordmark{{font-size:1.4rem;font-weight:700;color:#1d2430}}\
         main{{padding:8px 24px 24px}}\
         h1{{font-size:1.75rem;line-height:1.25;margin:16px 0}}\
         h2{{font-size:1.25rem;margin:20px 0 8px}}\
         a{{color:#0b4fc4}}\
         .button{{display:inline-block;background:var(--brand);color:var(--on-brand);padding:12px 20px;\
         border-radius:6px;text-decoration:none;font-weight:600}}\
         form{{display:grid;gap:12px;margin-top:8px}}\
         label{{font-weight:600;display:block;margin-bottom:4px}}\
         input,textarea{{width:100%;font:inherit;padding:10px;border:1px solid #8a94a6;border-radius:6px}}\
         textarea{{min-height:96px}}\
         .consent{{display:flex;gap:8px;align-items:flex-start;font-weight:400}}\
         .consent input{{width:auto;margin-top:4px}}\
         .error{{color:#a4161a;font-weight:600;margin:4px 0 0}}\
         .notice{{padding:16px;border-radius:6px;background:#eef3ff;border:1px solid #b9c9f0}}\
         .trap{{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}}\
         button{{font:inherit;font-weight:600;background:var(--brand);color:var(--on-brand);border:0;\
         border-radius:6px;padding:12px 20px;cursor:pointer;justify-self:start}}\
         button:disabled{{opacity:.75;cursor:not-allowed}}\
         .footer{{padding:20px 24px;border-top:1px solid #d5dae3;color:#4a5365;font-size:.9rem}}\
         @media (max-width:480px){{main{{padding:4px 16px 16px}}.masthead{{padding:16px}}h1{{font-size:1.5rem}}}}",
        on = brand.text_on()
    )
}

// ---------- Documents ----------

/// The campaign's email, co-branded: subject, HTML document and plain text.
pub fn render_email(t: &EmailTemplate, regions: &Regions, b: &Branding<'_>) -> RenderedEmail {
    let p = b.profile;
    let subject = merge(&t.subject, p);
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{style}</style></head><body>\
         <div class=\"preheader\" hidden>{pre}</div><div class=\"page\">{mast}<main>{body}</main>{foot}</div>\
         </body></html>",
        title = escape(&subject),
        style = style(b),
        pre = escape(&merge(&t.preheader, p)),
        mast = masthead(b),
        body = blocks_html(&t.blocks, regions, b, false),
        foot = footer(b, true),
    );
    let mut text = blocks_text(&t.blocks, regions, b);
    text.push_str("\n\n--\n");
    text.push_str(&p.contact_lines().join("\n"));
    if !p.unsubscribe.trim().is_empty() {
        text.push_str(&format!(
            "\n\nUnsubscribe: {}",
            unsubscribe_href(&p.unsubscribe)
        ));
    }
    text.push('\n');
    RenderedEmail {
        subject,
        html,
        text,
    }
}

fn field(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    errors: &FieldErrors,
    required: bool,
    extra: &str,
) -> String {
    let error = errors.get(name);
    let describedby = error
        .map(|_| format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\""))
        .unwrap_or_default();
    let req = if required { " required" } else { "" };
    let control = if kind == "textarea" {
        format!(
            "<textarea id=\"{name}\" name=\"{name}\"{req}{describedby}{extra}>{}</textarea>",
            escape(value)
        )
    } else {
        format!(
            "<input id=\"{name}\" name=\"{name}\" type=\"{kind}\" value=\"{}\"{req}{describedby}{extra}>",
            escape(value)
        )
    };
    let error_html = error
        .map(|m| format!("<p class=\"error\" id=\"{name}-error\">{}</p>", escape(m)))
        .unwrap_or_default();
    let star = if required { " (required)" } else { "" };
    format!(
        "<div><label for=\"{name}\">{}{star}</label>{control}{error_html}</div>",
        escape(label)
    )
}

fn form_html(state: &FormState<'_>, b: &Branding<'_>) -> String {
    let empty_values = LeadForm::default();
    let empty_errors = FieldErrors::default();
    let (action, values, errors, disabled) = match state {
        FormState::Open {
            action,
            values,
            errors,
        } => (*action, *values, *errors, false),
        FormState::Preview => ("#", &empty_values, &empty_errors, true),
        FormState::Thanks => {
            return format!(
            "<div class=\"notice\" role=\"status\"><p><strong>Thank you.</strong> {} will be in \
                 touch soon.</p></div>",
            escape(b.profile.company_name.trim())
        )
        }
        FormState::Closed { message } => {
            return format!(
                "<div class=\"notice\" role=\"status\"><p>{}</p></div>",
                escape(message)
            )
        }
    };
    let mut html = String::new();
    if !errors.is_empty() {
        html.push_str(&format!(
            "<div class=\"notice\" role=\"alert\"><p>Please check {}.</p></div>",
            if errors.len() == 1 {
                "the field marked below"
            } else {
                "the fields marked below"
            }
        ));
    }
    html.push_str(&format!(
        "<form method=\"post\" action=\"{}\" novalidate>",
        escape(action)
    ));
    html.push_str(&field(
        "name",
        "Your name",
        "text",
        &values.name,
        errors,
        true,
        " autocomplete=\"name\" maxlength=\"100\"",
    ));
    html.push_str(&field(
        "company",
        "Company",
        "text",
        &values.company,
        errors,
        true,
        " autocomplete=\"organization\" maxlength=\"200\"",
    ));
    html.push_str(&field(
        "email",
        "Work email",
        "email",
        &values.email,
        errors,
        true,
        " autocomplete=\"email\" maxlength=\"254\"",
    ));
    html.push_str(&field(
        "phone",
        "Phone",
        "tel",
        &values.phone,
        errors,
        false,
        " autocomplete=\"tel\" maxlength=\"40\"",
    ));
    html.push_str(&field(
        "mailboxes",
        "Number of mailboxes",
        "text",
        &values.mailboxes,
        errors,
        false,
        " inputmode=\"numeric\" maxlength=\"9\"",
    ));
    html.push_str(&field(
        "message",
        "Message",
        "textarea",
        &values.message,
        errors,
        false,
        " maxlength=\"2000\"",
    ));
    // The honeypot: hidden from people and from assistive technology; bots fill it in.
    html.push_str(&format!(
        "<div class=\"trap\" aria-hidden=\"true\"><label for=\"website\">Leave this empty</label>\
         <input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\" value=\"{}\"></div>",
        escape(&values.website)
    ));
    let consent_error = errors.get("consent");
    html.push_str(&format!(
        "<div><label class=\"consent\" for=\"consent\"><input id=\"consent\" name=\"consent\" type=\"checkbox\" value=\"yes\"{}{}> \
         <span>I agree that {} may contact me about this enquiry and store my details for that purpose.</span></label>{}</div>",
        if values.consent { " checked" } else { "" },
        if consent_error.is_some() { " aria-invalid=\"true\" aria-describedby=\"consent-error\"" } else { "" },
        escape(b.profile.company_name.trim()),
        consent_error
            .map(|m| format!("<p class=\"error\" id=\"consent-error\">{}</p>", escape(m)))
            .unwrap_or_default()
    ));
    html.push_str(&format!(
        "<button type=\"submit\"{}>Send</button></form>",
        if disabled { " disabled" } else { "" }
    ));
    html
}

/// The campaign's landing page, co-branded, with its lead form in `form`'s state.
pub fn render_landing(
    t: &LandingTemplate,
    regions: &Regions,
    b: &Branding<'_>,
    form: &FormState<'_>,
) -> LandingPage {
    let p = b.profile;
    let style = style(b);
    let title = merge(&t.title, p);
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title_e}</title><style>{style}</style></head><body><div class=\"page\">{mast}\
         <main><h1>{title_e}</h1>{body}<section id=\"lead-form\" aria-labelledby=\"form-heading\">\
         <h2 id=\"form-heading\">{form_heading}</h2>{form}</section></main>{foot}</div></body></html>",
        title_e = escape(&title),
        mast = masthead(b),
        body = blocks_html(&t.blocks, regions, b, true),
        form_heading = escape(&merge(&t.form_heading, p)),
        form = form_html(form, b),
        foot = footer(b, false),
    );
    LandingPage { html, style }
}
