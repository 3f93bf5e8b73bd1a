//! A form being edited: the form, the fields the user has been at and whether a save was tried,
//! changed one step at a time; and the messages found about its fields.

use portal_core::ApiError;
use std::{
    collections::{BTreeMap, BTreeSet},
    rc::Rc,
};
use yew::prelude::*;

/// Field name → the first message about it.
pub type FieldErrors = BTreeMap<String, String>;

pub fn field_errors(errors: &[ApiError]) -> FieldErrors {
    let mut map = FieldErrors::new();
    for e in errors {
        if let Some(field) = &e.field {
            map.entry(field.clone())
                .or_insert_with(|| e.message.clone());
        }
    }
    map
}

/// A form being edited and the fields the user has been at (their messages show).
#[derive(Clone, PartialEq)]
pub struct Editing<F> {
    pub form: F,
    pub touched: BTreeSet<String>,
    /// The user tried to save: every field's message shows.
    pub submitted: bool,
}

impl<F> Editing<F> {
    pub fn new(form: F) -> Self {
        Self {
            form,
            touched: BTreeSet::new(),
            submitted: false,
        }
    }

    /// Whether a field's message should show: once the user has been at it, or tried to save.
    pub fn shows(&self, field: &str) -> bool {
        self.submitted || self.touched.contains(field)
    }
}

/// How one input changes the form.
pub type Apply<F> = Rc<dyn Fn(&mut F, String)>;

/// How one step changes the form and its marks together.
pub type Change<F> = Rc<dyn Fn(&mut Editing<F>)>;

pub enum Edit<F> {
    Set {
        field: String,
        apply: Apply<F>,
        value: String,
    },
    /// A change to the form and to its marks at once (removing a line renumbers the fields after
    /// it), marking `field` as visited.
    Change {
        field: String,
        apply: Change<F>,
    },
    Submitted,
}

impl<F: Clone + 'static> Reducible for Editing<F> {
    type Action = Edit<F>;

    fn reduce(self: Rc<Self>, action: Edit<F>) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Edit::Set {
                field,
                apply,
                value,
            } => {
                apply(&mut next.form, value);
                next.touched.insert(field);
            }
            Edit::Change { field, apply } => {
                apply(&mut next);
                next.touched.insert(field);
            }
            Edit::Submitted => next.submitted = true,
        }
        Rc::new(next)
    }
}
