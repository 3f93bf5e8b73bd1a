//! My Account's "New marketing resources" card: whether a desktop notification announces each
//! newly published item, and for which of the price book's products.

use crate::{
    api,
    components::{icons, Card, Switch},
    hooks::{use_fetch, use_portal, Fetch},
};
use portal_core::shell::commands as cmd;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
pub fn ResourceAlerts() -> Html {
    let portal = use_portal();
    let prefs = portal.preferences.clone();
    let (book, retry) = use_fetch((), |()| api::invoke(cmd::GetPriceBook {}));
    let on = prefs.resource_alerts;
    let on_switch = {
        let (prefs, set) = (prefs.clone(), portal.set_preferences.clone());
        Callback::from(move |on: bool| {
            let mut prefs = prefs.clone();
            prefs.resource_alerts = on;
            set.emit(prefs);
        })
    };
    let toggle_product = {
        let (prefs, set) = (prefs.clone(), portal.set_preferences.clone());
        Callback::from(move |(sku, on): (String, bool)| {
            let mut prefs = prefs.clone();
            prefs.alert_products.retain(|s| *s != sku);
            if on {
                prefs.alert_products.push(sku);
                prefs.alert_products.sort();
            }
            set.emit(prefs);
        })
    };
    let products = match &book {
        Fetch::Loading => html! { <p class="card-note">{ "Loading the products…" }</p> },
        Fetch::Failed(e) => {
            let onclick = retry.reform(|_: MouseEvent| ());
            html! {
                <p class="card-note" id="alert-products-failed">
                    { format!("The products could not be read: {} ", e.message) }
                    <button type="button" class="button button-small" {onclick}>{ "Try again" }</button>
                </p>
            }
        }
        Fetch::Ready(book) => {
            let options = book.products.iter().filter(|p| p.active).map(|p| {
                let checked = prefs.alert_products.contains(&p.sku);
                let id = format!("alert-product-{}", p.sku);
                let sku = p.sku.clone();
                let onchange = toggle_product.reform(move |e: Event| {
                    (
                        sku.clone(),
                        e.target_unchecked_into::<HtmlInputElement>().checked(),
                    )
                });
                html! {
                    <label class={classes!("product-option", checked.then_some("selected"))} for={id.clone()}>
                        <input type="checkbox" id={id} value={p.sku.clone()} {checked} disabled={!on} {onchange} />
                        <span>{ p.name.clone() }</span>
                    </label>
                }
            });
            let scope = if prefs.alert_products.is_empty() {
                "None ticked: items about every product are announced."
            } else {
                "Only items about the products ticked (and items for every product) are announced."
            };
            html! {
                <fieldset class="product-options alert-products" id="alert-products" disabled={!on}>
                    <legend>{ "For these products" }</legend>
                    <div class="product-grid">{ for options }</div>
                    <p class="field-hint">{ scope }</p>
                </fieldset>
            }
        }
    };
    html! {
        <Card title="New marketing resources" class={classes!("resource-alerts")}>
            <div class="alerts-switch">
                { icons::bell() }
                <Switch id="resource-alerts" label="Notify me of new marketing resources" checked={on}
                    on_change={on_switch}
                    hint="After a sync, a desktop notification announces each new item once." />
            </div>
            { products }
        </Card>
    }
}
