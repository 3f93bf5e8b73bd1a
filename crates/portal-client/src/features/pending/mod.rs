//! Sales › Pending Changes: the user's changes and where each stands ([`changes`]), worded from
//! what they do ([`wording`]) with the values they carried ([`entered`]) made readable
//! ([`readable`]); and syncing ([`sync`]).

pub mod changes;
pub mod entered;
pub mod readable;
pub mod sync;
pub mod wording;
