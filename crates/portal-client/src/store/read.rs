//! The one reader of stored text into domain types: ids, wire names, dates, times, money and the
//! JSON bodies of records and changes. Anything the cache holds that does not read back is a
//! [`ClientError::Corrupt`] naming what it was; a list row's body that does not read is left out
//! instead ([`listed`]), so that one bad record never stops a sync.

use crate::error::ClientError;
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::{money::Currency, sync::Entity, wire::WireName};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{value::RawValue, Value};
use std::str::FromStr;
use uuid::Uuid;

/// A record id as stored (`0190…`).
pub fn uuid(s: &str) -> Result<Uuid, ClientError> {
    Uuid::parse_str(s).map_err(|_| ClientError::corrupt(format!("id {s:?}")))
}

/// A typed id (`ProspectId`, `CustomerId`…) as stored.
pub fn id<T: FromStr>(s: &str) -> Result<T, ClientError> {
    s.parse()
        .map_err(|_| ClientError::corrupt(format!("id {s:?}")))
}

/// A kind of record by its wire name.
pub fn entity(s: &str) -> Result<Entity, ClientError> {
    Entity::parse(s).ok_or_else(|| ClientError::corrupt(format!("entity {s:?}")))
}

/// A status, kind or step by its wire name (the core's `parse`).
pub fn wire<T: WireName>(s: &str) -> Result<T, ClientError> {
    T::parse(s).ok_or_else(|| ClientError::corrupt(format!("value {s:?}")))
}

/// A day as stored (`YYYY-MM-DD`).
pub fn date(s: &str) -> Result<NaiveDate, ClientError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ClientError::corrupt(s))
}

/// An instant as stored (RFC 3339).
pub fn time(s: &str) -> Result<DateTime<Utc>, ClientError> {
    Ok(DateTime::parse_from_rfc3339(s)
        .map_err(ClientError::corrupt)?
        .with_timezone(&Utc))
}

/// A currency by its code.
pub fn currency(code: &str) -> Result<Currency, ClientError> {
    Currency::parse(code).ok_or_else(|| ClientError::corrupt(format!("currency {code:?}")))
}

/// A count as SQLite gives it (never negative; a negative one reads as none).
pub fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Seats or months as a list row keeps them.
pub fn seats(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A value stored as JSON text (an op, an outcome, a server copy).
pub fn json<T: DeserializeOwned>(text: &str) -> Result<T, ClientError> {
    serde_json::from_str(text).map_err(ClientError::corrupt)
}

/// A record's body (a view or a server copy) as its domain type.
pub fn body<T: DeserializeOwned>(body: Value) -> Result<T, ClientError> {
    serde_json::from_value(body).map_err(ClientError::corrupt)
}

/// A record's body as the type its list row is made from; one that does not read is left out of
/// the lists (and logged), never fatal.
pub fn listed<T: DeserializeOwned>(entity: Entity, id: Uuid, body: &Value) -> Option<T> {
    logged(entity, id, T::deserialize(body))
}

/// As [`listed`], from the body's JSON text as the server sent it.
pub fn listed_text<T: DeserializeOwned>(entity: Entity, id: Uuid, body: &RawValue) -> Option<T> {
    logged(entity, id, serde_json::from_str(body.get()))
}

fn logged<T>(entity: Entity, id: Uuid, read: Result<T, serde_json::Error>) -> Option<T> {
    match read {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(entity = entity.as_str(), %id, error = %e, "record body does not read");
            None
        }
    }
}

/// The JSON text a value is stored as (what [`json`] reads back).
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("protocol types serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::order::OrderStatus;

    #[test]
    fn stored_text_reads_back_or_says_what_it_was() {
        assert_eq!(
            wire::<OrderStatus>(OrderStatus::Refused.as_str()).unwrap(),
            OrderStatus::Refused
        );
        let bad = wire::<OrderStatus>("lost in the post").unwrap_err();
        assert!(bad.to_string().contains("lost in the post"), "{bad}");
        assert_eq!(date("2026-03-09").unwrap().to_string(), "2026-03-09");
        assert!(date("9 March").is_err());
        assert!(uuid("not an id").is_err());
        assert_eq!(entity("order").unwrap(), Entity::Order);
        assert_eq!(count(-3), 0);
        assert_eq!(seats(i64::MAX), 0);
    }
}
