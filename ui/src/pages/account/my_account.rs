//! My Account: the signed-in user's profile (read-only) and their colour scheme.

use super::registered_label;
use crate::{
    components::{fields::text_or_dash, Card, Field, Fields, PageHeader},
    format,
    shell::PortalContext,
    theme,
};
use portal_core::{menu::Page, shell::Theme};
use yew::prelude::*;

const THEMES: [(Theme, &str, &str); 3] = [
    (Theme::System, "System", "Follow your computer's setting"),
    (Theme::Light, "Light", "Always light"),
    (Theme::Dark, "Dark", "Always dark"),
];

#[component]
pub fn MyAccount() -> Html {
    let portal = use_context::<PortalContext>().expect("inside the shell");
    let user = &portal.session.profile.user;
    let partner = &portal.session.profile.partner;
    let current = portal.preferences.theme;

    let choices = THEMES.iter().map(|&(choice, label, hint)| {
        let id = format!("theme-{}", theme::attribute(choice));
        let onchange = {
            let prefs = portal.preferences.clone();
            let set = portal.set_preferences.clone();
            Callback::from(move |_: Event| {
                let mut prefs = prefs.clone();
                prefs.theme = choice;
                set.emit(prefs);
            })
        };
        html! {
            <label class={classes!("choice", (choice == current).then_some("selected"))} for={id.clone()}>
                <input type="radio" name="theme" id={id} value={theme::attribute(choice)}
                    checked={choice == current} {onchange} />
                <span class="choice-text">
                    <span class="choice-label">{ label }</span>
                    <span class="choice-hint">{ hint }</span>
                </span>
            </label>
        }
    });

    html! {
        <>
            <PageHeader page={Page::MyAccount} lead="Your profile as your firm's administrator keeps it." />
            <div class="split">
                <Card title="Profile" class="profile-card">
                    <Fields>
                        <Field label="Name" name="name">{ user.full_name() }</Field>
                        <Field label="Email" name="email"><span class="selectable">{ user.email.clone() }</span></Field>
                        <Field label="Role" name="role"><span class="badge">{ user.role.label() }</span></Field>
                        <Field label="Job title" name="job-title">{ text_or_dash(&user.job_title) }</Field>
                        <Field label="Phone" name="phone">{ text_or_dash(&user.phone) }</Field>
                        <Field label="Registration" name="registered">{ registered_label(user.registered) }</Field>
                        <Field label="Security question" name="security-question">
                            { text_or_dash(user.security_question.as_deref().unwrap_or_default()) }
                        </Field>
                        <Field label="Last sign-in" name="last-sign-in">
                            { user.last_sign_in.map(format::local_date_time).unwrap_or_else(|| "—".into()) }
                        </Field>
                    </Fields>
                </Card>
                <div class="stack">
                <Card title="Firm">
                    <Fields>
                        <Field label="Partner" name="partner">{ partner.name.clone() }</Field>
                        <Field label="Tier" name="tier">
                            <span class={classes!("badge", "tier", format!("tier-{}", partner.tier.label().to_lowercase()))}>
                                { partner.tier.label() }
                            </span>
                        </Field>
                        <Field label="Server" name="server"><span class="selectable">{ portal.session.server_url.clone() }</span></Field>
                    </Fields>
                </Card>
                <Card title="Appearance">
                    <fieldset class="choices" id="theme-chooser">
                        <legend class="visually-hidden">{ "Colour scheme" }</legend>
                        { for choices }
                    </fieldset>
                </Card>
                </div>
            </div>
        </>
    }
}
