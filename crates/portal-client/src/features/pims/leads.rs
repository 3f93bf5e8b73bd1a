//! The Lead Inbox: the firm's leads filtered and counted by state (as of now, with decisions made
//! here on top), a lead's page (a domain clash with a prospect shown before the user tries, the
//! owners the user may choose), and accepting or declining as a queued `lead_decision`.

use crate::{error::ClientError, Portal};
use portal_core::{
    ids::LeadId,
    pims::app::{AcceptForm, DeclineForm, LeadDetail, LeadList, LeadQuery},
};

impl Portal {
    /// The leads matching `query`, newest first, and how many are in each state.
    pub async fn leads(&self, query: &LeadQuery) -> Result<LeadList, ClientError> {
        let _ = query;
        todo!()
    }

    /// One lead; opening it counts as having looked at it.
    pub async fn lead(&self, id: LeadId) -> Result<LeadDetail, ClientError> {
        let _ = id;
        todo!()
    }

    /// Accepts the lead into a new prospect (queued; the server's answer wins).
    pub async fn accept_lead(
        &self,
        id: LeadId,
        form: AcceptForm,
    ) -> Result<LeadDetail, ClientError> {
        let _ = (id, form);
        todo!()
    }

    /// Declines the lead with a reason (queued).
    pub async fn decline_lead(
        &self,
        id: LeadId,
        form: DeclineForm,
    ) -> Result<LeadDetail, ClientError> {
        let _ = (id, form);
        todo!()
    }
}
