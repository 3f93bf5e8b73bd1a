//! The pure fold: a record's server copy with the user's queued changes on top, as the UI sees
//! it. A life-cycle step folds by the core's rule of its record (`apply` of a deal's, quote's or
//! order's status), so the view shows at once what the server will say if it agrees.

use super::outbox::Queued;
use chrono::NaiveDate;
use portal_core::{
    actor::Actor,
    deal::DealStatus,
    order::OrderStatus,
    pending::ChangeState,
    quote::{Approval, QuoteStatus},
    sync::{apply_fields, Entity, MutationOp, Step},
};
use serde_json::Value;

/// The server's copy of a record: its version (0 when the server has sent nothing) and its body
/// (none for a tombstone or a record only made here).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerCopy {
    pub version: i64,
    pub body: Option<Value>,
}

/// What the UI sees of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    /// None: the record does not exist (deleted here, or never made).
    pub body: Option<Value>,
    /// Changes to it wait for the server.
    pub pending: bool,
    /// A life-cycle step (of a deal, quote or order) waits for the server's word.
    pub waiting: bool,
}

/// The server copy of a record of kind `entity` with the queued changes that belong on top of it,
/// in the order made. Pure, so the rule is tested without a database.
pub fn fold(entity: Entity, server: &ServerCopy, queued: &[Queued]) -> Folded {
    let mut body = server.body.clone();
    let mut pending = false;
    let mut waiting = false;
    for q in queued {
        pending |= q.state == ChangeState::Pending;
        if !q.in_view(server.version) {
            continue;
        }
        match &q.op {
            MutationOp::Create { body: created } => {
                if body.is_none() {
                    body = Some(created.clone());
                }
            }
            MutationOp::Update { fields, .. } => {
                if let Some(b) = body.as_mut() {
                    let mut fields = fields.clone();
                    for field in &q.conflicting {
                        fields.remove(field);
                    }
                    apply_fields(b, &fields);
                }
            }
            MutationOp::Delete { .. } => body = None,
            MutationOp::Act { action, .. } => {
                waiting = true;
                if let Some(b) = body.as_mut() {
                    let next = b.get("status").and_then(|s| stepped(entity, s, *action));
                    if let (Some(next), Value::Object(obj)) = (next, b) {
                        obj.insert("status".into(), next);
                    }
                }
            }
        }
    }
    Folded {
        body,
        pending,
        waiting,
    }
}

/// The status a partner's `step` leads to from `status` (a record of kind `entity`), as the server
/// would have it if it agrees; None when the step does not apply (the view keeps its status). Only
/// the life cycle counts here: whether the step may be taken (a quote's approval and validity) was
/// checked before it was queued, and the server has the last word.
fn stepped(entity: Entity, status: &Value, step: Step) -> Option<Value> {
    let status = status.as_str()?;
    let next = match entity {
        Entity::Deal => DealStatus::parse(status)?
            .apply(step.deal()?, Actor::Partner)
            .ok()?
            .as_str(),
        Entity::Quote => QuoteStatus::parse(status)?
            .apply(
                step.quote()?,
                Approval::Approved,
                NaiveDate::MAX,
                NaiveDate::MIN,
            )
            .ok()?
            .as_str(),
        Entity::Order => OrderStatus::parse(status)?
            .apply(step.order()?, Actor::Partner)
            .ok()?
            .as_str(),
        _ => return None,
    };
    Some(Value::String(next.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::deal::DealAction;
    use serde_json::json;

    fn queued(id: i64, op: MutationOp, state: ChangeState, applied: Option<i64>) -> Queued {
        Queued {
            mutation_id: id,
            op,
            state,
            applied_version: applied,
            conflicting: Vec::new(),
        }
    }

    fn update(fields: Value) -> MutationOp {
        MutationOp::Update {
            base_version: 3,
            fields: fields.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn pending_changes_lie_on_top_of_the_server_copy_in_order() {
        let server = ServerCopy {
            version: 3,
            body: Some(json!({"id": "x", "notes": "a", "sector": "Retail"})),
        };
        let f = fold(
            Entity::Prospect,
            &server,
            &[
                queued(1, update(json!({"notes": "b"})), ChangeState::Pending, None),
                queued(2, update(json!({"notes": "c"})), ChangeState::Pending, None),
            ],
        );
        assert_eq!(
            f.body,
            Some(json!({"id": "x", "notes": "c", "sector": "Retail"}))
        );
        assert!(f.pending && !f.waiting);
    }

    #[test]
    fn an_applied_change_stays_on_top_only_until_a_pull_brings_its_version() {
        let old = ServerCopy {
            version: 3,
            body: Some(json!({"notes": "a"})),
        };
        let applied = [queued(
            1,
            update(json!({"notes": "b"})),
            ChangeState::Synced,
            Some(5),
        )];
        let f = fold(Entity::Prospect, &old, &applied);
        assert_eq!(f.body, Some(json!({"notes": "b"})));
        assert!(!f.pending, "the server has it");
        let pulled = ServerCopy {
            version: 6,
            body: Some(json!({"notes": "z"})),
        };
        assert_eq!(
            fold(Entity::Prospect, &pulled, &applied).body,
            Some(json!({"notes": "z"}))
        );
    }

    #[test]
    fn refused_changes_and_conflicting_fields_leave_the_server_values() {
        let server = ServerCopy {
            version: 3,
            body: Some(json!({"notes": "a", "sector": "x"})),
        };
        let refused = queued(1, update(json!({"notes": "b"})), ChangeState::Refused, None);
        assert_eq!(
            fold(Entity::Prospect, &server, &[refused]).body,
            server.body
        );
        let mut conflict = queued(
            2,
            update(json!({"notes": "b", "sector": "y"})),
            ChangeState::Conflict,
            Some(4),
        );
        conflict.conflicting = vec!["notes".into()];
        assert_eq!(
            fold(Entity::Prospect, &server, &[conflict]).body,
            Some(json!({"notes": "a", "sector": "y"}))
        );
    }

    #[test]
    fn a_created_record_takes_edits_and_a_deal_step_waits_for_the_server() {
        let created = queued(
            1,
            MutationOp::Create {
                body: json!({"status": "draft", "notes": ""}),
            },
            ChangeState::Pending,
            None,
        );
        let edit = queued(2, update(json!({"notes": "n"})), ChangeState::Pending, None);
        let submit = queued(
            3,
            MutationOp::Act {
                base_version: 0,
                action: DealAction::Submit.into(),
            },
            ChangeState::Pending,
            None,
        );
        let f = fold(
            Entity::Deal,
            &ServerCopy::default(),
            &[created, edit, submit],
        );
        assert_eq!(f.body, Some(json!({"status": "submitted", "notes": "n"})));
        assert!(f.pending && f.waiting);
        let deleted = queued(
            4,
            MutationOp::Delete { base_version: 0 },
            ChangeState::Pending,
            None,
        );
        assert_eq!(
            fold(Entity::Deal, &ServerCopy::default(), &[deleted]).body,
            None
        );
    }

    #[test]
    fn steps_fold_by_the_life_cycle_of_their_record() {
        let act = |id, action: Step| {
            queued(
                id,
                MutationOp::Act {
                    base_version: 3,
                    action,
                },
                ChangeState::Pending,
                None,
            )
        };
        let server = |status: &str| ServerCopy {
            version: 3,
            body: Some(json!({"status": status})),
        };
        let status = |f: Folded| f.body.unwrap()["status"].clone();
        let sent = fold(Entity::Quote, &server("draft"), &[act(1, Step::Send)]);
        assert!(sent.waiting);
        assert_eq!(status(sent), json!("sent"));
        let accepted = fold(
            Entity::Quote,
            &server("draft"),
            &[act(1, Step::Send), act(2, Step::Accept)],
        );
        assert_eq!(status(accepted), json!("accepted"));
        // A step the life cycle does not allow leaves the status (the server will refuse it).
        let f = fold(
            Entity::Quote,
            &server("superseded"),
            &[act(1, Step::Accept)],
        );
        assert!(f.waiting);
        assert_eq!(status(f), json!("superseded"));
        // The same word, submit, by entity.
        let order = fold(
            Entity::Order,
            &server("pending_customer_approval"),
            &[act(1, Step::Submit)],
        );
        assert_eq!(status(order), json!("submitted"));
        // A refused order, corrected and submitted again, shows as submitted at once (the core's
        // life cycle allows it; the server has the last word).
        let again = fold(Entity::Order, &server("refused"), &[act(1, Step::Submit)]);
        assert!(again.waiting);
        assert_eq!(status(again), json!("submitted"));
        let provisioned = fold(
            Entity::Order,
            &server("provisioned"),
            &[act(1, Step::Submit)],
        );
        assert_eq!(status(provisioned), json!("provisioned"));
        let deal = fold(Entity::Deal, &server("draft"), &[act(1, Step::Submit)]);
        assert_eq!(status(deal), json!("submitted"));
        let not_a_quote_step = fold(Entity::Quote, &server("draft"), &[act(1, Step::Submit)]);
        assert_eq!(status(not_a_quote_step), json!("draft"));
    }
}
