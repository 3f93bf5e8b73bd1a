//! The marketing profile's form: every field checked as the user types by the same rule the
//! client and server apply ([`ProfileForm::apply`]), each message beside its field, the brand
//! colour picked or typed, and Save (queued when offline). Nothing typed is lost to an error.

use crate::{
    api,
    components::{attention_note, icons, status_banner, ErrorBanner, FormSection, TextField},
    hooks::{
        field_errors,
        form::{field_message, setter, use_focus_invalid, Refusal, Save},
        use_sync_state, Apply, Editing, FieldErrors,
    },
};
use portal_core::{
    pims::{
        app::{ProfileForm, ProfileView},
        profile::{Colour, MarketingProfile, SocialLink, MAX_SOCIAL},
    },
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The address's parts: (part, label, autocomplete, wide).
const ADDRESS: [(&str, &str, &str, bool); 6] = [
    ("line1", "Street address", "address-line1", true),
    ("line2", "Address line 2", "address-line2", true),
    ("city", "City", "address-level2", false),
    ("region", "State or region", "address-level1", false),
    ("postal_code", "Postal code", "postal-code", false),
    ("country", "Country", "country-name", false),
];

fn address_part_mut<'a>(f: &'a mut ProfileForm, part: &str) -> &'a mut String {
    let a = &mut f.address;
    match part {
        "line1" => &mut a.line1,
        "line2" => &mut a.line2,
        "city" => &mut a.city,
        "region" => &mut a.region,
        "postal_code" => &mut a.postal_code,
        _ => &mut a.country,
    }
}

/// The form's field for a field the shell named (every profile field is on the form).
fn form_field(field: &str) -> Option<String> {
    Some(field.to_owned())
}

#[derive(Properties, PartialEq)]
pub struct ProfileEditorProps {
    /// The profile as first read (the form starts from it and is never reset by a sync).
    pub initial: Rc<MarketingProfile>,
}

#[component]
pub fn ProfileEditor(props: &ProfileEditorProps) -> Html {
    let sync = use_sync_state();
    let editing = {
        let initial = props.initial.clone();
        use_reducer(move || {
            let mut form = ProfileForm::from_profile(&initial);
            // Room for one more link to be typed.
            if form.social.len() < MAX_SOCIAL {
                form.social.push(SocialLink::default());
            }
            Editing::new(form)
        })
    };
    let server_errors = use_state(FieldErrors::new);
    let save_error = use_state(|| None::<ApiError>);
    let saving = use_state(|| false);
    let saved = use_state(|| None::<bool>);
    let (form_ref, focus_invalid) = use_focus_invalid();

    let form = &editing.form;
    let local = match form.apply(&props.initial) {
        Ok(_) => FieldErrors::new(),
        Err(errors) => field_errors(&errors),
    };
    let error_for = |field: &str| field_message(&editing, &server_errors, &local, field);
    let set =
        |field: String, apply: Apply<ProfileForm>| setter(&editing, &server_errors, field, apply);
    let text = |field: &'static str, apply: fn(&mut ProfileForm, String)| -> Callback<String> {
        set(field.to_owned(), Rc::new(apply))
    };

    let on_saved = {
        let saved = saved.clone();
        Callback::from(move |v: ProfileView| saved.set(Some(v.unsynced)))
    };
    let onsubmit = Save {
        saving: saving.clone(),
        refusal: Refusal::new(&server_errors, &save_error, &focus_invalid),
        refresh: sync.refresh.clone(),
        on_saved,
    }
    .on_submit(&editing, local.is_empty(), form_field, {
        let form = form.clone();
        let saved = saved.clone();
        move || {
            saved.set(None);
            let form = form.clone();
            async move { api::invoke(cmd::SaveMarketingProfile { form }).await }
        }
    });

    let address_fields = ADDRESS.iter().map(|&(part, label, autocomplete, wide)| {
        let apply: Apply<ProfileForm> =
            Rc::new(move |f: &mut ProfileForm, v: String| *address_part_mut(f, part) = v);
        let value = address_part_mut(&mut form.clone(), part).clone();
        // The address is checked as a whole: its message shows under the street line.
        let error = (part == "line1").then(|| error_for("address")).flatten();
        html! {
            <TextField id={format!("profile-address-{part}")} field={if part == "line1" { "address".to_owned() } else { format!("address.{part}") }}
                label={label} value={value} {error} {wide} autocomplete={autocomplete}
                on_input={set("address".to_owned(), apply)} />
        }
    });

    let social_rows = form.social.iter().enumerate().map(|(i, link)| {
        let network: Apply<ProfileForm> = Rc::new(move |f: &mut ProfileForm, v: String| {
            if let Some(s) = f.social.get_mut(i) {
                s.network = v;
            }
            if i + 1 == f.social.len() && f.social.len() < MAX_SOCIAL {
                f.social.push(SocialLink::default());
            }
        });
        let url: Apply<ProfileForm> = Rc::new(move |f: &mut ProfileForm, v: String| {
            if let Some(s) = f.social.get_mut(i) {
                s.url = v;
            }
            if i + 1 == f.social.len() && f.social.len() < MAX_SOCIAL {
                f.social.push(SocialLink::default());
            }
        });
        html! {
            <div class="social-row" data-index={i.to_string()}>
                <TextField id={format!("profile-social-{i}-network")} field="social" label="Network"
                    placeholder="LinkedIn" value={link.network.clone()}
                    on_input={set("social".to_owned(), network)} />
                <TextField id={format!("profile-social-{i}-url")} field="social" label="Address"
                    input_type="url" inputmode="url" placeholder="https://"
                    value={link.url.clone()} on_input={set("social".to_owned(), url)} />
            </div>
        }
    });

    // The colour: a picker and the same value as text, either one editing it.
    let colour_ok = Colour::parse(&form.brand_colour).ok();
    let on_colour = text("brand_colour", |f, v| f.brand_colour = v);
    let picker = {
        let on_colour = on_colour.clone();
        let value = colour_ok
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_else(|| Colour::default().to_string());
        let oninput =
            on_colour.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        html! {
            <input type="color" id="profile-brand_colour-picker" class="colour-picker" {value} {oninput}
                aria-label="Pick the brand colour" />
        }
    };
    let sample = colour_ok.map(|c| {
        html! {
            <span class="colour-sample" id="brand-colour-sample"
                style={format!("background: {c}; color: {}", c.text_on())}>
                { "Get in touch" }
            </span>
        }
    });

    let busy = *saving;
    let outcome = match *saved {
        Some(true) => status_banner(
            "banner-info",
            "profile-saved",
            icons::clock(),
            html! { { "Saved on this computer. It reaches the server with the next sync." } },
        ),
        Some(false) => status_banner(
            "banner-success",
            "profile-saved",
            icons::check_circle(),
            html! { { "Saved." } },
        ),
        None => html! {},
    };

    html! {
        <form id="profile-form" class="record-form" ref={form_ref} {onsubmit} novalidate=true>
            if let Some(e) = &*save_error {
                <div id="profile-form-error"><ErrorBanner error={e.clone()} /></div>
            }
            <FormSection id="profile-company-section" title="Company"
                description="As it should appear on campaigns: “Northwind IT”, not “Northwind IT Services Ltd”.">
                <TextField id="profile-company_name" field="company_name" label="Company name" wide=true
                    autocomplete="organization" value={form.company_name.clone()}
                    error={error_for("company_name")}
                    on_input={text("company_name", |f, v| f.company_name = v)} />
                { for address_fields }
            </FormSection>
            <FormSection id="profile-contact-section" title="Contact"
                description="Who recipients and visitors reach, shown on every email and landing page.">
                <TextField id="profile-contact_name" field="contact_name" label="Contact name"
                    autocomplete="name" value={form.contact_name.clone()} error={error_for("contact_name")}
                    on_input={text("contact_name", |f, v| f.contact_name = v)} />
                <TextField id="profile-email" field="email" label="Email" input_type="email"
                    inputmode="email" autocomplete="email" value={form.email.clone()}
                    error={error_for("email")} on_input={text("email", |f, v| f.email = v)} />
                <TextField id="profile-phone" field="phone" label="Phone" input_type="tel" inputmode="tel"
                    autocomplete="tel" value={form.phone.clone()} error={error_for("phone")}
                    on_input={text("phone", |f, v| f.phone = v)} />
                <TextField id="profile-website" field="website" label="Website" input_type="url"
                    inputmode="url" placeholder="https://" value={form.website.clone()}
                    error={error_for("website")} on_input={text("website", |f, v| f.website = v)} />
                <TextField id="profile-unsubscribe" field="unsubscribe" label="Unsubscribe address" wide=true
                    placeholder="unsubscribe@example.com or https://…" value={form.unsubscribe.clone()}
                    hint="Where a recipient asks to receive no more email: an email address or a web page. The law requires one on every marketing email."
                    error={error_for("unsubscribe")}
                    on_input={text("unsubscribe", |f, v| f.unsubscribe = v)} />
            </FormSection>
            <FormSection id="profile-social-section" title="Social links"
                description="Up to eight, shown in the footer of emails and landing pages.">
                <div class="field-wide social-links" id="profile-social">
                    { for social_rows }
                    if let Some(message) = error_for("social") {
                        <p class="field-error" id="profile-social-error" data-field="social">{ message }</p>
                    }
                </div>
            </FormSection>
            <FormSection id="profile-brand-section" title="Brand colour"
                description="Used for headings and buttons; text on it turns black or white, whichever reads better.">
                <TextField id="profile-brand_colour" field="brand_colour" label="Brand colour"
                    value={form.brand_colour.clone()} placeholder="#0b5fff" error={error_for("brand_colour")}
                    addon={picker} on_input={on_colour}>
                    { sample }
                </TextField>
            </FormSection>
            <div class="form-actions">
                <div class="form-actions-start">{ outcome }</div>
                { attention_note(&editing, &local) }
                <button id="save-profile" type="submit" class="button button-primary" disabled={busy}
                    aria-busy={busy.to_string()}>
                    if busy { <span class="spinner spinner-sm" aria-hidden="true"></span> }
                    { "Save profile" }
                </button>
            </div>
        </form>
    }
}
