//! Dates, times, counts, sizes and shares as people read them: "24 Nov 2026", instants in the
//! computer's local time, "12,000", "24 months", "1.4 MB", "+12.5%".

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use portal_core::money::{format_signed_bp, Money};
use wasm_bindgen::JsValue;

use portal_core::words::month_short as month_name;
pub use portal_core::words::{file_size, plural};

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

/// The local calendar day of an instant: `24 Nov 2026`.
pub fn local_date(at: DateTime<Utc>) -> String {
    let js = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    format!(
        "{} {} {}",
        js.get_date(),
        month_name(js.get_month()),
        js.get_full_year()
    )
}

/// An optional date, or a dash.
pub fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| "—".to_owned())
}

/// A count with grouped thousands: `12,000`.
pub fn count(n: impl Into<u64>) -> String {
    portal_core::words::count(n.into())
}

/// A subscription term: `12 months`.
pub fn term(months: u32) -> String {
    if months == 1 {
        "1 month".to_owned()
    } else {
        format!("{months} months")
    }
}

/// `part` as a share of `whole`, in signed basis points rounded half away from zero (0 when
/// `whole` is 0).
fn share_bp(part: Money, whole: Money) -> i64 {
    if whole.minor == 0 {
        return 0;
    }
    let (n, d) = (i128::from(part.minor) * 10_000, i128::from(whole.minor));
    let sign = if (n < 0) != (d < 0) { -1 } else { 1 };
    let q = (n.abs() + d.abs() / 2) / d.abs();
    i64::try_from(q * sign).unwrap_or(0)
}

/// `part` as a signed percentage of `whole` (a margin of a total): `+12.5%`, `-3%`.
pub fn share(part: Money, whole: Money) -> String {
    format_signed_bp(share_bp(part, whole))
}

/// Today in the computer's local time zone (the day a person means by "today").
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// How long ago an instant was, as people say it: "just now", "5 min ago", "3 hours ago",
/// and the date and time once it is more than a day old.
pub fn ago(at: DateTime<Utc>) -> String {
    let seconds = (js_sys::Date::now() / 1000.0) as i64 - at.timestamp();
    match seconds {
        s if s < 60 => "just now".to_owned(),
        s if s < 3_600 => format!("{} min ago", s / 60),
        s if s < 7_200 => "1 hour ago".to_owned(),
        s if s < 86_400 => format!("{} hours ago", s / 3_600),
        _ => format!("on {}", local_date_time(at)),
    }
}
