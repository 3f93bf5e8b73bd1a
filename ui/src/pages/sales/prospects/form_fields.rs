//! The prospect form's fields by the names the rules and the shell use for them: a contact's and
//! the address's parts, and which field of the form a field the shell named is.

use portal_core::prospect::{Contact, ProspectForm};

pub const CONTACT_PARTS: [(&str, &str, &str); 5] = [
    ("first_name", "First name", "given-name"),
    ("last_name", "Last name", "family-name"),
    ("email", "Email", "email"),
    ("phone", "Phone", "tel"),
    ("job_title", "Job title", "organization-title"),
];

pub fn contact_part<'a>(c: &'a Contact, part: &str) -> &'a str {
    match part {
        "first_name" => &c.first_name,
        "last_name" => &c.last_name,
        "email" => &c.email,
        "phone" => &c.phone,
        _ => &c.job_title,
    }
}

pub fn contact_part_mut<'a>(c: &'a mut Contact, part: &str) -> &'a mut String {
    match part {
        "first_name" => &mut c.first_name,
        "last_name" => &mut c.last_name,
        "email" => &mut c.email,
        "phone" => &mut c.phone,
        _ => &mut c.job_title,
    }
}

pub fn contact_mut<'a>(f: &'a mut ProspectForm, which: &str) -> &'a mut Contact {
    if which == "primary_contact" {
        &mut f.primary_contact
    } else {
        &mut f.implementation_lead
    }
}

pub const ADDRESS_PARTS: [(&str, &str, &str, bool); 6] = [
    ("line1", "Street address", "address-line1", true),
    ("line2", "Address line 2", "address-line2", true),
    ("city", "City", "address-level2", false),
    ("region", "State or region", "address-level1", false),
    ("postal_code", "Postal code", "postal-code", false),
    ("country", "Country", "country-name", false),
];

pub fn address_part_mut<'a>(f: &'a mut ProspectForm, part: &str) -> &'a mut String {
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

/// The form's field for a field the shell named (its first line for the whole address).
pub fn form_field(field: &str) -> Option<String> {
    match field {
        "address" => Some("address.line1".to_owned()),
        _ => is_form_field(field).then(|| field.to_owned()),
    }
}

/// Every field the form has, by the names the rules and the shell use for them.
fn is_form_field(field: &str) -> bool {
    const TOP: [&str; 9] = [
        "company_name",
        "domain",
        "sector",
        "mailboxes",
        "status",
        "owner_id",
        "infrastructure_notes",
        "notes",
        "address",
    ];
    if TOP.contains(&field) {
        return true;
    }
    match field.split_once('.') {
        Some(("address", part)) => ADDRESS_PARTS.iter().any(|(p, ..)| *p == part),
        Some(("primary_contact" | "implementation_lead", part)) => {
            CONTACT_PARTS.iter().any(|(p, ..)| *p == part)
        }
        _ => false,
    }
}
