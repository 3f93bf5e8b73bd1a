//! Wire names: every enum that travels or is stored by name gets them once, here, from
//! [`wire_enum!`]: its serde name, `as_str`, `parse` and `ALL` cannot disagree.
//!
//! Outside this crate no status, kind or step is spelled by hand: code asks the enum
//! (`OrderStatus::Refused.as_str()`), and SQL that filters on several names takes
//! [`sql_list`] of them.

use std::fmt;

/// An enum whose values travel by name.
pub trait WireName: Copy + Sized + 'static {
    /// Every value, in declaration order.
    const VALUES: &'static [Self];
    /// Its name on the wire, in JSON and in stored rows.
    fn as_str(self) -> &'static str;
    /// The value named `name`, if any.
    fn parse(name: &str) -> Option<Self> {
        Self::VALUES.iter().copied().find(|v| v.as_str() == name)
    }
}

/// A name that no value of the enum carries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not a known {what}")]
pub struct UnknownName {
    pub what: &'static str,
    pub name: String,
}

/// Whether `wire` is `variant` in serde's `snake_case` (`MarkWon` → `mark_won`, `Days30` →
/// `days30`), at compile time.
pub const fn is_snake_case_of(variant: &str, wire: &str) -> bool {
    let (v, w) = (variant.as_bytes(), wire.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < v.len() {
        let c = v[i];
        if c.is_ascii_uppercase() {
            if i > 0 {
                if j >= w.len() || w[j] != b'_' {
                    return false;
                }
                j += 1;
            }
            if j >= w.len() || w[j] != c.to_ascii_lowercase() {
                return false;
            }
        } else if j >= w.len() || w[j] != c {
            return false;
        }
        i += 1;
        j += 1;
    }
    j == w.len()
}

/// Names, quoted and comma-separated, for an SQL `IN (…)` list: `'submitted', 'approved'`.
/// Safe to splice: wire names are lower-case ASCII words, never user input.
pub fn sql_list<T: WireName>(values: &[T]) -> String {
    values
        .iter()
        .map(|v| {
            let name = v.as_str();
            debug_assert!(name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            format!("'{name}'")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Declares an enum with its wire names: derives (`Debug, Clone, Copy, PartialEq, Eq, Hash`,
/// serde in `snake_case`, which each name written must be — checked at compile time), `ALL`,
/// `as_str`, `parse`, [`WireName`] and `FromStr`. Attributes written before `enum` (docs,
/// `derive(Default)`, `cfg_attr(…)`) are kept, as are each variant's (docs, `#[default]`).
///
/// ```
/// portal_core::wire_enum! {
///     /// Where a thing stands.
///     pub enum Stage {
///         /// Just begun.
///         Started = "started",
///         Done = "done",
///     }
/// }
/// assert_eq!(Stage::parse("done"), Some(Stage::Done));
/// assert_eq!(Stage::Started.as_str(), "started");
/// assert_eq!(serde_json::to_string(&Stage::Done).unwrap(), "\"done\"");
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        // One rule for serde and the OpenAPI schemas alike (utoipa does not read a rename written
        // through a macro); the names written below are held to it at compile time.
        #[serde(rename_all = "snake_case")]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
        }

        $(
            const _: () = assert!(
                $crate::wire::is_snake_case_of(stringify!($variant), $wire),
                concat!("the wire name of ", stringify!($name), "::", stringify!($variant),
                        " must be its snake_case, as serde spells it"),
            );
        )+

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($wire),+].len()] = [$($name::$variant),+];

            /// Its name on the wire, in JSON and in stored rows.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }

            /// The value named `name`, if any.
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::wire::WireName for $name {
            const VALUES: &'static [Self] = &$name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::wire::UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| $crate::wire::UnknownName {
                    what: stringify!($name),
                    name: s.to_owned(),
                })
            }
        }

    };
}

/// Checks, for tests, that serde and `as_str` agree on every value and that `parse` inverts both.
pub fn check_round_trip<T>() -> Result<(), String>
where
    T: WireName + serde::Serialize + serde::de::DeserializeOwned + PartialEq + fmt::Debug,
{
    for &v in T::VALUES {
        let json = serde_json::to_value(v).map_err(|e| e.to_string())?;
        if json != serde_json::Value::String(v.as_str().to_owned()) {
            return Err(format!("{v:?} serializes as {json}, not {}", v.as_str()));
        }
        let back: T = serde_json::from_value(json).map_err(|e| e.to_string())?;
        if back != v || T::parse(v.as_str()) != Some(v) {
            return Err(format!("{v:?} does not come back from {}", v.as_str()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::wire_enum! {
        /// A test enum.
        #[derive(Default)]
        pub enum Sample {
            #[default]
            One = "one",
            /// The second.
            TwoWords = "two_words",
        }
    }

    #[test]
    fn names_round_trip_through_serde_as_str_and_parse() {
        check_round_trip::<Sample>().unwrap();
        assert_eq!(Sample::default(), Sample::One);
        assert_eq!("two_words".parse::<Sample>(), Ok(Sample::TwoWords));
        let err = "three".parse::<Sample>().unwrap_err();
        assert_eq!(err.to_string(), "`three` is not a known Sample");
    }

    #[test]
    fn every_wire_enum_of_the_crate_round_trips() {
        use crate::{api::partner::*, quoting::*, role::*, sales::*, shell::*, sync::*};
        use crate::{customers::*, deal::*, error::*, order::*, pending::*, prospect::*, quote::*};
        let checks = [
            check_round_trip::<CustomerSort>(),
            check_round_trip::<RenewalWindow>(),
            check_round_trip::<RenewalSort>(),
            check_round_trip::<InvoiceKind>(),
            check_round_trip::<InvoiceStatus>(),
            check_round_trip::<InvoiceSort>(),
            check_round_trip::<CaseStatus>(),
            check_round_trip::<CasePriority>(),
            check_round_trip::<SupportCaseSort>(),
            check_round_trip::<Tier>(),
            check_round_trip::<CertificationStatus>(),
            check_round_trip::<DealStatus>(),
            check_round_trip::<DealAction>(),
            check_round_trip::<ErrorKind>(),
            check_round_trip::<OrderStatus>(),
            check_round_trip::<OrderAction>(),
            check_round_trip::<ChangeState>(),
            check_round_trip::<Resolution>(),
            check_round_trip::<ProspectStatus>(),
            check_round_trip::<QuoteStatus>(),
            check_round_trip::<Approval>(),
            check_round_trip::<QuoteAction>(),
            check_round_trip::<QuoteSort>(),
            check_round_trip::<OrderSort>(),
            check_round_trip::<PdfAudience>(),
            check_round_trip::<Role>(),
            check_round_trip::<crate::resources::Category>(),
            check_round_trip::<crate::resources::FileType>(),
            check_round_trip::<crate::resources::UseKind>(),
            check_round_trip::<crate::resources::library::ResourceSort>(),
            check_round_trip::<crate::resources::library::OfflineState>(),
            check_round_trip::<crate::resources::publish::ResourceStatus>(),
            check_round_trip::<crate::resources::publish::UsageGrouping>(),
            check_round_trip::<ProspectSort>(),
            check_round_trip::<DealSort>(),
            check_round_trip::<Theme>(),
            check_round_trip::<Connection>(),
            check_round_trip::<ExternalLink>(),
            check_round_trip::<Entity>(),
            check_round_trip::<Step>(),
        ];
        for c in checks {
            c.unwrap();
        }
        // Names stored before the names were declared here read the same.
        assert_eq!(
            OrderStatus::PendingCustomerApproval.as_str(),
            "pending_customer_approval"
        );
        assert_eq!(DealAction::MarkWon.as_str(), "mark_won");
        assert_eq!(RenewalWindow::Days365.as_str(), "days365");
        assert_eq!(Entity::SupportCase.as_str(), "support_case");
    }

    #[test]
    fn snake_case_is_serdes() {
        assert!(is_snake_case_of("MarkWon", "mark_won"));
        assert!(is_snake_case_of("Days30", "days30"));
        assert!(is_snake_case_of("Open", "open"));
        assert!(!is_snake_case_of("MarkWon", "markwon"));
        assert!(!is_snake_case_of("MarkWon", "mark_won_"));
        assert!(!is_snake_case_of("Open", "opened"));
    }

    #[test]
    fn sql_lists_quote_each_name() {
        assert_eq!(
            sql_list(&[Sample::One, Sample::TwoWords]),
            "'one', 'two_words'"
        );
    }
}
