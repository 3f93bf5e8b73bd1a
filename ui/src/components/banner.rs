//! Banners above a page's content: saved-data notice when offline, a failed load with a retry, and
//! a record's state in a sentence.

use super::icons;
use crate::{format, hooks::use_signed_in};
use chrono::{DateTime, Utc};
use portal_core::{ApiError, ErrorKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CacheBannerProps {
    pub as_of: DateTime<Utc>,
}

/// Shown when a snapshot came from the local cache because the server could not be reached.
#[component]
pub fn CacheBanner(props: &CacheBannerProps) -> Html {
    html! {
        <div class="banner banner-warning offline-banner" role="status">
            { icons::cloud_off() }
            <span>{ format!("Offline — showing data saved at {}", format::local_date_time(props.as_of)) }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    pub error: ApiError,
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// A failed load: the error's own message, a retry, and a way back to sign-in if the session ended.
#[component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let portal = use_signed_in();
    let session_over = matches!(
        props.error.kind,
        ErrorKind::SessionExpired | ErrorKind::Unauthenticated
    );
    let retry = props.on_retry.as_ref().filter(|_| !session_over).map(|cb| {
        let cb = cb.clone();
        html! {
            <button type="button" class="button button-small" onclick={move |_| cb.emit(())}>
                { "Try again" }
            </button>
        }
    });
    let sign_in_again = portal.filter(|_| session_over).map(|p| {
        let sign_out = p.sign_out.clone();
        html! {
            <button type="button" class="button button-small button-primary"
                onclick={move |_| sign_out.emit(())}>
                { "Sign in again" }
            </button>
        }
    });
    html! {
        <div class="banner banner-error load-error" role="alert"
            data-kind={props.error.kind.as_str()}>
            { icons::alert() }
            <span class="banner-text">{ props.error.message.clone() }</span>
            { retry }
            { sign_in_again }
        </div>
    }
}

/// A banner about the record a page shows (waiting for the server, refused, approved…): `class`
/// gives its tone (`banner-info`, `banner-error`…), `id` names it for tests.
pub fn status_banner(class: &'static str, id: &'static str, icon: Html, body: Html) -> Html {
    html! {
        <div class={classes!("banner", class)} role="status" {id}>
            { icon }
            <span class="banner-text">{ body }</span>
        </div>
    }
}
