//! PIMS as stored: the vendor's campaign kits ([`kits`]), each firm's marketing profile and its
//! logos ([`profiles`]), the firm's campaigns ([`campaigns`]), its leads and the decisions pushed
//! on them ([`leads`]), and what the public landing pages count and remember ([`landing`]: views,
//! recent form posts per address). Bodies are the portal-core types as JSON, what a pull carries.

pub mod campaigns;
pub mod kits;
pub mod landing;
pub mod leads;
pub mod profiles;
