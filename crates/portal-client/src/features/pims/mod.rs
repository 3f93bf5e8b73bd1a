//! The PIMS menu group (Campaigns, Lead Inbox, Campaign Results, Marketing Profile): the firm's
//! marketing profile and logos, the vendor's campaign kits co-branded and run as campaigns, their
//! co-branded assets and exported email rendered on this machine (offline too), the leads the
//! landing pages bring, and the results.
//!
//! - [`profile`]: the Marketing Profile page; saving is a queued update of the changed fields;
//! - [`logos`]: uploading a logo (checked here first, then sent), and the PIMS files a sync needs
//!   fetched (logos, the kits' asset backgrounds), checked by hash;
//! - [`campaigns`]: the kits list, drafts (saved offline), deleting a draft, the online steps;
//! - [`render`]: a kit opened: the email and landing page co-branded by portal-core's renderer;
//! - [`assets`]: co-branded PNGs and PDFs, rendered here; [`export`]: the email as `.eml`/`.html`;
//! - [`leads`]: the Lead Inbox, a lead's page, accepting and declining (queued offline);
//! - [`alerts`]: new leads to announce once; [`results`]: the funnel per campaign, kept offline.
//!
//! Below them [`crate::lists::pims`] reads the cached kits, campaigns, profile and leads.

pub mod alerts;
pub mod assets;
pub mod campaigns;
pub mod export;
pub mod leads;
pub mod logos;
pub mod profile;
pub mod render;
pub mod results;
