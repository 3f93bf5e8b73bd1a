//! My Account: the signed-in user's profile (read-only), their colour scheme, (for an
//! administrator) how far ahead renewals are announced by a desktop notification, and whether new
//! marketing resources are.

use super::{registered_label, resource_alerts::ResourceAlerts};
use crate::{
    components::{fields::text_or_dash, Card, Field, Fields, PageHeader, SelectField},
    format,
    hooks::use_portal,
};
use portal_core::{menu::Page, shell::Theme};
use yew::prelude::*;

const THEMES: [(Theme, &str, &str); 3] = [
    (Theme::System, "System", "Follow your computer's setting"),
    (Theme::Light, "Light", "Always light"),
    (Theme::Dark, "Dark", "Always dark"),
];

/// The reminder windows offered, in days (0: off).
const REMINDER_DAYS: [u32; 6] = [0, 7, 14, 30, 60, 90];

fn reminder_label(days: u32) -> String {
    match days {
        0 => "Off".to_owned(),
        1 => "1 day ahead".to_owned(),
        n => format!("{n} days ahead"),
    }
}

#[component]
pub fn MyAccount() -> Html {
    let portal = use_portal();
    let user = &portal.session.profile.user;
    let partner = &portal.session.profile.partner;
    let current = portal.preferences.theme;

    let choices = THEMES.iter().map(|&(choice, label, hint)| {
        let id = format!("theme-{}", choice.as_str());
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
                <input type="radio" name="theme" id={id} value={choice.as_str()}
                    checked={choice == current} {onchange} />
                <span class="choice-text">
                    <span class="choice-label">{ label }</span>
                    <span class="choice-hint">{ hint }</span>
                </span>
            </label>
        }
    });

    let reminders = user.role.sees_customers_area().then(|| {
        let current = portal.preferences.renewal_reminder_days;
        let mut days: Vec<u32> = REMINDER_DAYS.to_vec();
        if !days.contains(&current) {
            days.push(current);
            days.sort_unstable();
        }
        let options: Vec<(AttrValue, AttrValue)> = days
            .into_iter()
            .map(|d| (AttrValue::from(d.to_string()), AttrValue::from(reminder_label(d))))
            .collect();
        let on_change = {
            let prefs = portal.preferences.clone();
            let set = portal.set_preferences.clone();
            Callback::from(move |v: String| {
                if let Ok(days) = v.parse::<u32>() {
                    let mut prefs = prefs.clone();
                    prefs.renewal_reminder_days = days;
                    set.emit(prefs);
                }
            })
        };
        html! {
            <Card title="Renewal reminders">
                <div class="form-grid">
                    <SelectField id="renewal-reminder-days" field="renewal_reminder_days"
                        label="Notify me of renewals due" value={AttrValue::from(current.to_string())}
                        {options} {on_change} wide=true
                        hint="After each sync, one desktop notification lists the renewals newly due within this window; each renewal is announced once." />
                </div>
            </Card>
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
                { reminders.unwrap_or_default() }
                <ResourceAlerts />
                </div>
            </div>
        </>
    }
}
