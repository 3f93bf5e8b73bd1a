//! Dates and times as people read them: "24 Nov 2026", and instants in the computer's local time.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use wasm_bindgen::JsValue;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_name(month0: u32) -> &'static str {
    MONTHS.get(month0 as usize).copied().unwrap_or("")
}

/// A calendar date: `24 Nov 2026`.
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month0()), d.year())
}

/// An instant in local time (the browser knows the time zone): `24 Nov 2026, 14:05`.
pub fn local_date_time(at: DateTime<Utc>) -> String {
    let js = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    format!(
        "{} {} {}, {:02}:{:02}",
        js.get_date(),
        month_name(js.get_month()),
        js.get_full_year(),
        js.get_hours(),
        js.get_minutes()
    )
}

/// An optional date, or a dash.
pub fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| "—".to_owned())
}
