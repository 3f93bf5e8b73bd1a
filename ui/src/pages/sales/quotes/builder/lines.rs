//! The quote builder's lines editor: a product from the price book, mailboxes, a term the product
//! offers and the partner's discount per line, each line's live figures beside it, and under it
//! the rules' messages and the warnings (above the discount cap, below cost).

use super::pricing::LiveQuote;
use crate::{
    components::icons,
    format,
    hooks::{Apply, Editing},
};
use portal_core::{
    ids::ProductId,
    pricebook::{PriceBook, Product, TERMS},
    pricing::LinePrice,
    quote::{LineForm, QuoteForm},
};
use std::{collections::BTreeSet, rc::Rc};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The quote form with a stable key per line, so that removing a line leaves the others' inputs
/// (and the focus) where they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Builder {
    pub form: QuoteForm,
    pub keys: Vec<u32>,
    next_key: u32,
}

impl Builder {
    pub fn new(form: QuoteForm) -> Self {
        let n = form.lines.len() as u32;
        Self {
            form,
            keys: (0..n).collect(),
            next_key: n,
        }
    }

    pub fn add_line(&mut self, line: LineForm) {
        self.form.lines.push(line);
        self.keys.push(self.next_key);
        self.next_key += 1;
    }

    pub fn remove_line(&mut self, index: usize) {
        if index < self.form.lines.len() {
            self.form.lines.remove(index);
        }
        if index < self.keys.len() {
            self.keys.remove(index);
        }
    }
}

/// `lines[3].quantity` → `(3, "quantity")`.
pub fn line_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("lines[")?;
    let (index, part) = rest.split_once("].")?;
    Some((index.parse().ok()?, part))
}

/// A field's name once line `removed` is gone: the same for the lines before it, one lower for
/// the lines after it, and `None` for the removed line's own fields.
pub fn renumbered(field: &str, removed: usize) -> Option<String> {
    match line_field(field) {
        Some((i, _)) if i == removed => None,
        Some((i, part)) if i > removed => Some(format!("lines[{}].{part}", i - 1)),
        _ => Some(field.to_owned()),
    }
}

/// Removes line `index` and renumbers the marks of the lines after it.
pub fn remove_line(editing: &mut Editing<Builder>, index: usize) {
    editing.form.remove_line(index);
    editing.touched = std::mem::take(&mut editing.touched)
        .into_iter()
        .filter_map(|f| renumbered(&f, index))
        .collect::<BTreeSet<_>>();
}

/// A new line: the product's shortest term (12 months when offered), no discount.
pub fn new_line(quantity: String) -> LineForm {
    LineForm {
        product_id: None,
        quantity,
        term_months: TERMS[0],
        discount: String::new(),
    }
}

/// The term a line keeps when its product changes: the same if the product offers it, else the
/// product's shortest.
fn term_for(product: &Product, current: u32) -> u32 {
    let terms = product.terms();
    if terms.contains(&current) {
        current
    } else {
        terms.first().copied().unwrap_or(current)
    }
}

/// What the lines editor needs from the form around it.
pub struct LinesEditor<'a> {
    pub builder: &'a Builder,
    pub book: &'a Rc<PriceBook>,
    pub live: &'a LiveQuote,
    /// A field's message, by its name (`lines[0].quantity`).
    pub message: &'a dyn Fn(&str) -> Option<AttrValue>,
    /// The callback an input of a field edits the builder with.
    pub set: &'a dyn Fn(String, Apply<Builder>) -> Callback<String>,
    pub on_add: Callback<MouseEvent>,
    pub on_remove: Callback<usize>,
    /// The message about the lines as a whole ("Add at least one product line.").
    pub lines_error: Option<AttrValue>,
}

/// A warning under a line, starting under the field it is about (`at`) and running to the end.
fn warning_line(class: &'static str, at: &'static str, text: String, icon: Html) -> Html {
    html! {
        <p class={classes!("line-message", class, at)}>{ icon }<span>{ text }</span></p>
    }
}

impl LinesEditor<'_> {
    fn product_options(&self, chosen: Option<ProductId>) -> Html {
        let offered = self
            .book
            .products
            .iter()
            .filter(|p| p.active || Some(p.id) == chosen);
        html! {
            <>
                <option value="" selected={chosen.is_none()} disabled=true>{ "Choose a product…" }</option>
                { for offered.map(|p| {
                    let label = if p.active {
                        format!("{} · {}", p.name, p.list_price)
                    } else {
                        format!("{} (no longer sold)", p.name)
                    };
                    html! {
                        <option value={p.id.to_string()} selected={Some(p.id) == chosen}>{ label }</option>
                    }
                }) }
            </>
        }
    }

    fn line(&self, i: usize, line: &LineForm) -> Html {
        let key = self
            .builder
            .keys
            .get(i)
            .copied()
            .unwrap_or(u32::MAX - i as u32);
        let field = |part: &str| format!("lines[{i}].{part}");
        let id = |part: &str| format!("quote-line-{i}-{part}");
        let product = line.product_id.and_then(|p| self.book.product(p));
        let priced: Option<&LinePrice> = self.live.lines.get(i).and_then(Option::as_ref);
        let msg = |part: &str| (self.message)(&field(part));
        let invalid = |part: &str| msg(part).map(|_| "true");

        let on_product = {
            let book = self.book.clone();
            (self.set)(
                field("product_id"),
                Rc::new(move |b: &mut Builder, v: String| {
                    if let Some(l) = b.form.lines.get_mut(i) {
                        l.product_id = v.parse().ok();
                        if let Some(p) = l.product_id.and_then(|id| book.product(id)) {
                            l.term_months = term_for(p, l.term_months);
                        }
                    }
                }),
            )
            .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())
        };
        let on_quantity = (self.set)(
            field("quantity"),
            Rc::new(move |b: &mut Builder, v: String| {
                if let Some(l) = b.form.lines.get_mut(i) {
                    l.quantity = v;
                }
            }),
        )
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        let on_term = (self.set)(
            field("term_months"),
            Rc::new(move |b: &mut Builder, v: String| {
                if let Some(l) = b.form.lines.get_mut(i) {
                    l.term_months = v.parse().unwrap_or(l.term_months);
                }
            }),
        )
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
        let on_discount = (self.set)(
            field("discount"),
            Rc::new(move |b: &mut Builder, v: String| {
                if let Some(l) = b.form.lines.get_mut(i) {
                    l.discount = v;
                }
            }),
        )
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        let remove = self.on_remove.reform(move |_: MouseEvent| i);

        let terms = product
            .map(Product::terms)
            .unwrap_or_else(|| TERMS.to_vec());
        let term_options = terms.iter().map(|t| {
            html! { <option value={t.to_string()} selected={*t == line.term_months}>{ format::term(*t) }</option> }
        });
        let describe = |part: &str| msg(part).map(|_| format!("{}-error", id(part)));

        // What the price is made of, under the product.
        let detail = product.map(|p| {
            let mut parts = vec![format!("RRP {} per {}", p.list_price, p.unit)];
            if let Some(priced) = priced {
                if priced.tier_discount.basis_points() > 0 {
                    parts.push(format!("volume −{}", priced.tier_discount));
                }
                if priced.term_discount.basis_points() > 0 {
                    parts.push(format!(
                        "{}-month term −{}",
                        line.term_months, priced.term_discount
                    ));
                }
            }
            parts.push(format!("discount cap {}", p.discount_cap));
            html! { <p class="line-detail" id={id("detail")}>{ parts.join(" · ") }</p> }
        });

        let error_rows = [
            ("product_id", "at-product", "product"),
            ("quantity", "at-quantity", "quantity"),
            ("term_months", "at-term", "term"),
            ("discount", "at-discount", "discount"),
        ]
        .into_iter()
        .filter_map(|(part, at, input)| {
            msg(part).map(|m| {
                let f = field(part);
                html! {
                    <p class={classes!("field-error", "line-message", at)} id={format!("{}-error", id(input))}
                        data-field={f}>
                        { m }
                    </p>
                }
            })
        });
        let over_cap = priced.filter(|p| p.needs_approval).map(|p| {
            warning_line(
                "line-warning",
                "at-discount",
                format!(
                    "Above the {} cap: needs the vendor's approval",
                    p.discount_cap
                ),
                icons::shield(),
            )
        });
        let below_cost = priced.filter(|p| p.margin.minor < 0).map(|_| {
            warning_line(
                "line-danger",
                "at-discount",
                "Below your cost".to_owned(),
                icons::alert(),
            )
        });
        let margin_share = priced.map(|p| format::share(p.margin, p.total));
        let negative = priced.is_some_and(|p| p.margin.minor < 0);

        html! {
            <li key={key} class={classes!("quote-line", priced.is_some_and(|p| p.needs_approval).then_some("line-over-cap"), negative.then_some("line-below-cost"))}
                data-line={i.to_string()} data-priced={priced.is_some().to_string()}
                data-needs-approval={priced.is_some_and(|p| p.needs_approval).then_some("true")}
                data-below-cost={negative.then_some("true")}>
                <div class="line-cell" data-field={field("product_id")}>
                    <label class="visually-hidden" for={id("product")}>{ format!("Product, line {}", i + 1) }</label>
                    <select id={id("product")} name={field("product_id")} onchange={on_product}
                        aria-invalid={invalid("product_id")} aria-describedby={describe("product")}>
                        { self.product_options(line.product_id) }
                    </select>
                </div>
                <div class="line-cell" data-field={field("quantity")}>
                    <label class="visually-hidden" for={id("quantity")}>{ format!("Mailboxes, line {}", i + 1) }</label>
                    <input id={id("quantity")} name={field("quantity")} type="text" inputmode="numeric"
                        class="input-numeric" placeholder="0" autocomplete="off"
                        value={line.quantity.clone()} oninput={on_quantity}
                        aria-invalid={invalid("quantity")} aria-describedby={describe("quantity")} />
                </div>
                <div class="line-cell" data-field={field("term_months")}>
                    <label class="visually-hidden" for={id("term")}>{ format!("Term, line {}", i + 1) }</label>
                    <select id={id("term")} name={field("term_months")} onchange={on_term}
                        aria-invalid={invalid("term_months")} aria-describedby={describe("term")}>
                        { for term_options }
                    </select>
                </div>
                <div class="line-cell" data-field={field("discount")}>
                    <label class="visually-hidden" for={id("discount")}>{ format!("Discount %, line {}", i + 1) }</label>
                    <div class="input-suffixed">
                        <input id={id("discount")} name={field("discount")} type="text" inputmode="decimal"
                            class="input-numeric" placeholder="0" autocomplete="off"
                            value={line.discount.clone()} oninput={on_discount}
                            aria-invalid={invalid("discount")} aria-describedby={describe("discount")} />
                        <span class="input-suffix" aria-hidden="true">{ "%" }</span>
                    </div>
                </div>
                <div class="line-figure" id={id("total")} data-figure="total">
                    if let Some(p) = priced {
                        <span class="line-figure-main">{ p.total.to_string() }</span>
                        <span class="line-figure-sub" data-figure="unit">{ format!("{} /mailbox/mo", p.unit_monthly) }</span>
                    } else {
                        <span class="line-figure-main muted">{ "—" }</span>
                    }
                </div>
                <div class={classes!("line-figure", negative.then_some("figure-negative"))} id={id("margin")} data-figure="margin">
                    if let Some(p) = priced {
                        <span class="line-figure-main">{ p.margin.to_string() }</span>
                        <span class="line-figure-sub">{ margin_share.clone().unwrap_or_default() }</span>
                    } else {
                        <span class="line-figure-main muted">{ "—" }</span>
                    }
                </div>
                <div class="line-remove">
                    <button type="button" class="icon-button line-remove-button" id={id("remove")}
                        aria-label={format!("Remove line {}", i + 1)} title="Remove this line"
                        disabled={self.builder.form.lines.len() <= 1} onclick={remove}>
                        { icons::trash() }
                    </button>
                </div>
                // One node whatever it holds: the cells above keep their place (and the focus).
                <>
                    { detail.unwrap_or_default() }
                    { for error_rows }
                    { over_cap.unwrap_or_default() }
                    { below_cost.unwrap_or_default() }
                </>
            </li>
        }
    }

    pub fn view(&self) -> Html {
        let lines = self
            .builder
            .form
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| self.line(i, l));
        html! {
            <div class="quote-lines-editor" data-field="lines">
                <div class="quote-line quote-lines-head" aria-hidden="true">
                    <span>{ "Product" }</span>
                    <span class="head-numeric">{ "Mailboxes" }</span>
                    <span>{ "Term" }</span>
                    <span class="head-numeric">{ "Discount" }</span>
                    <span class="head-numeric">{ "Line total" }</span>
                    <span class="head-numeric">{ "Margin" }</span>
                    <span></span>
                </div>
                <ol class="quote-lines" id="quote-lines">{ for lines }</ol>
                if let Some(m) = &self.lines_error {
                    <p class="field-error" id="quote-lines-error" data-field="lines">{ m.clone() }</p>
                }
                <div class="quote-lines-actions">
                    <button type="button" id="add-quote-line" class="button button-small" onclick={self.on_add.clone()}>
                        { icons::plus() }{ "Add a product" }
                    </button>
                </div>
            </div>
        }
    }
}
