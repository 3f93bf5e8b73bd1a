//! `portal-server pims …`: the vendor's side of PIMS from a shell, against the data directory —
//! the same rules as the vendor API (`routes/vendor_pims.rs`): publish a kit from its JSON
//! (`portal_core::pims::vendor::NewKit`), withdraw one, give a firm a lead from its JSON
//! (`VendorLead`), withdraw a pending lead, list kits or leads, and expire leads past their window.

use crate::error::Result;
use crate::storage::Storage;
use crate::sync::pims::{kits, leads};
use chrono::Utc;
use portal_core::ids::{CampaignKitId, LeadId};
use portal_core::pims::lead::LeadState;
use portal_core::pims::vendor::{NewKit, VendorLead};
use portal_core::ApiError;
use std::fmt::Write as _;
use std::path::PathBuf;

/// How to call it.
pub const USAGE: &str = "\
usage:
  portal-server pims kits                         [--config FILE]
  portal-server pims publish-kit  KIT.json        [--config FILE]
  portal-server pims withdraw-kit ID              [--config FILE]
  portal-server pims give-lead    LEAD.json       [--config FILE]
  portal-server pims withdraw-lead ID             [--config FILE]
  portal-server pims leads        pending|accepted|declined|expired|withdrawn [--config FILE]
  portal-server pims expire-leads                 [--config FILE]

KIT.json is a portal_core::pims::vendor::NewKit, LEAD.json a VendorLead (as the vendor API takes
them); expired leads are the ones returned to the vendor.";

/// One command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PimsScript {
    Kits,
    PublishKit(PathBuf),
    WithdrawKit(CampaignKitId),
    GiveLead(PathBuf),
    WithdrawLead(LeadId),
    Leads(LeadState),
    ExpireLeads,
}

/// Reads the arguments after `pims`: the command and the `--config` file, or the words to print.
pub fn parse(args: &[String]) -> std::result::Result<(PimsScript, Option<PathBuf>), String> {
    let mut config = None;
    let mut words = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" => config = Some(PathBuf::from(it.next().ok_or("--config needs a file")?)),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ => words.push(a.as_str()),
        }
    }
    let id = |s: Option<&&str>, what: &str| -> std::result::Result<String, String> {
        s.map(|s| (*s).to_owned())
            .ok_or_else(|| format!("{what} needs an id\n\n{USAGE}"))
    };
    let script = match words.as_slice() {
        ["kits"] => PimsScript::Kits,
        ["publish-kit", file] => PimsScript::PublishKit(PathBuf::from(file)),
        ["withdraw-kit", rest @ ..] => PimsScript::WithdrawKit(
            id(rest.first(), "withdraw-kit")?
                .parse()
                .map_err(|_| "that is not a kit's id".to_owned())?,
        ),
        ["give-lead", file] => PimsScript::GiveLead(PathBuf::from(file)),
        ["withdraw-lead", rest @ ..] => PimsScript::WithdrawLead(
            id(rest.first(), "withdraw-lead")?
                .parse()
                .map_err(|_| "that is not a lead's id".to_owned())?,
        ),
        ["leads", state] => PimsScript::Leads(LeadState::parse(state).ok_or_else(|| {
            format!("{state:?} is not a state: pending, accepted, declined, expired or withdrawn")
        })?),
        ["expire-leads"] => PimsScript::ExpireLeads,
        _ => return Err(USAGE.to_owned()),
    };
    Ok((script, config))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &PathBuf) -> Result<T> {
    let text = std::fs::read_to_string(path)?;
    serde_json::from_str(&text).map_err(|e| {
        ApiError::invalid("file", format!("{} is not valid: {e}", path.display())).into()
    })
}

/// Runs a command (a lead given without a window gets `window_days`): what it did, as text to
/// print.
pub async fn run(storage: &Storage, script: PimsScript, window_days: u32) -> Result<String> {
    let mut out = String::new();
    match script {
        PimsScript::Kits => {
            for k in kits::list(storage).await? {
                let _ = writeln!(
                    out,
                    "{}  {}  {} to {}{}",
                    k.kit.id,
                    k.kit.name,
                    k.kit.starts_on,
                    k.kit.ends_on,
                    if k.withdrawn_at.is_some() {
                        "  (withdrawn)"
                    } else {
                        ""
                    }
                );
            }
        }
        PimsScript::PublishKit(path) => {
            let new: NewKit = read_json(&path)?;
            let k = kits::publish(storage, new).await?;
            let _ = write!(out, "published kit {} ({})", k.kit.name, k.kit.id);
        }
        PimsScript::WithdrawKit(id) => {
            let k = kits::withdraw(storage, id).await?;
            let _ = write!(out, "withdrew kit {} ({})", k.kit.name, k.kit.id);
        }
        PimsScript::GiveLead(path) => {
            let lead: VendorLead = read_json(&path)?;
            let l = leads::distribute(storage, lead, window_days).await?;
            let _ = write!(
                out,
                "gave the lead from {} ({}) to firm {}; open until {}",
                l.lead.name, l.lead.id, l.partner_id, l.lead.expires_at
            );
        }
        PimsScript::WithdrawLead(id) => {
            let l = leads::withdraw(storage, id).await?;
            let _ = write!(
                out,
                "withdrew the lead from {} ({})",
                l.lead.name, l.lead.id
            );
        }
        PimsScript::Leads(state) => {
            for l in leads::list(storage, state).await? {
                let _ = writeln!(
                    out,
                    "{}  firm {}  {} <{}>  {}  from {}",
                    l.lead.id,
                    l.partner_id,
                    l.lead.name,
                    l.lead.email,
                    l.lead.company,
                    l.lead.origin
                );
            }
        }
        PimsScript::ExpireLeads => {
            let n = leads::expire_leads(storage, Utc::now()).await?;
            let _ = write!(out, "expired {n} lead(s)");
        }
    }
    Ok(out.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn commands_parse_and_mistakes_get_the_usage_or_words() {
        assert_eq!(
            parse(&args("leads expired --config x.toml")),
            Ok((PimsScript::Leads(LeadState::Expired), Some("x.toml".into())))
        );
        assert_eq!(
            parse(&args("publish-kit kit.json")),
            Ok((PimsScript::PublishKit("kit.json".into()), None))
        );
        assert_eq!(parse(&args("--help")), Err(USAGE.to_owned()));
        assert_eq!(parse(&args("frobnicate")), Err(USAGE.to_owned()));
        assert!(parse(&args("leads lost"))
            .unwrap_err()
            .contains("is not a state"));
        assert!(parse(&args("withdraw-lead nope"))
            .unwrap_err()
            .contains("not a lead's id"));
    }
}
