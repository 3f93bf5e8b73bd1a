//! The vendor's staff endpoints: their own sign-in and sign-out, the channel managers' queue of
//! quote discounts waiting for approval across firms, their decisions, and refusing an order. Partner users' tokens
//! are refused here (403), and vendor tokens on partner endpoints.

use super::account::bad_body;
use crate::auth::{vendor, VendorCaller};
use crate::error::Result;
use crate::state::AppState;
use crate::vendor::{ApprovalDecision, ApprovalRequest, OrderRefusal, VendorLoginResponse};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use portal_core::api::auth::LoginRequest;
use portal_core::ids::{OrderId, QuoteId};
use portal_core::order::Order;
use portal_core::quote::Quote;
use portal_core::ApiError;

/// Signs a member of the vendor's staff in.
///
/// Vendor staff are not partner users: they sign in here, and their token opens the `vendor`
/// endpoints only. A partner user's email and password are refused like wrong ones.
#[utoipa::path(post, path = "/api/v1/vendor/auth/login", tag = "vendor",
    request_body = LoginRequest,
    responses(
        (status = 200, body = VendorLoginResponse),
        (status = 401, description = "`invalid_credentials`", body = ApiError),
        (status = 422, description = "`invalid_input` (with `field`)", body = ApiError),
        (status = 429, description = "`locked_out` after repeated failures", body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    body: std::result::Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<VendorLoginResponse>> {
    let Json(req) = body.map_err(bad_body)?;
    Ok(Json(vendor::login(&state, req).await?))
}

/// Revokes the vendor staff member's session.
#[utoipa::path(post, path = "/api/v1/vendor/auth/logout", tag = "vendor",
    security(("bearer" = [])),
    responses((status = 204, description = "Signed out"),
        (status = 401, body = ApiError),
        (status = 403, description = "A partner user's token", body = ApiError)))]
pub async fn logout(State(state): State<AppState>, caller: VendorCaller) -> Result<StatusCode> {
    vendor::logout(&state, &caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The quotes waiting for a channel manager's approval, across every partner firm.
///
/// A quote waits when a line's discount is deeper than its product's cap and than the automatic
/// limit (`quotes.auto_approve_up_to_bp`). Each comes with its firm, its lines (discount beside the
/// cap, `over_cap` marking the lines that need the decision) and its totals. Oldest number first.
#[utoipa::path(get, path = "/api/v1/vendor/approvals", tag = "vendor",
    security(("bearer" = [])),
    responses((status = 200, body = [ApprovalRequest]),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError)))]
pub async fn approvals(
    State(state): State<AppState>,
    _caller: VendorCaller,
) -> Result<Json<Vec<ApprovalRequest>>> {
    Ok(Json(crate::vendor::approval_queue(&state.storage).await?))
}

/// Approve or reject a waiting quote's discount.
///
/// The quote becomes `approved` or `rejected` with `approval_reason` (the reason given; when
/// approving without one, "Approved by <name>, Channel Manager."). It is a change of the partner's
/// quote: the partner's app pulls it. A rejected quote cannot be sent; the partner lowers the
/// discount (which asks again). 409 when the quote no longer waits (decided already, or no longer a
/// draft); 422 when rejecting without a reason.
#[utoipa::path(post, path = "/api/v1/vendor/approvals/{quote_id}", tag = "vendor",
    security(("bearer" = [])),
    params(("quote_id" = String, Path, description = "The quote's id", format = Uuid)),
    request_body = ApprovalDecision,
    responses((status = 200, description = "The quote as decided", body = Quote),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "The quote no longer waits for approval", body = ApiError),
        (status = 422, description = "A rejection without a reason, or a malformed body", body = ApiError)))]
pub async fn decide(
    State(state): State<AppState>,
    caller: VendorCaller,
    Path(quote_id): Path<String>,
    body: std::result::Result<Json<ApprovalDecision>, JsonRejection>,
) -> Result<Json<Quote>> {
    let quote_id: QuoteId = quote_id
        .parse()
        .map_err(|_| ApiError::not_found("The quote"))?;
    let Json(decision) = body.map_err(bad_body)?;
    Ok(Json(
        crate::vendor::decide(&state.storage, &caller.staff, quote_id, decision).await?,
    ))
}

/// Refuse a submitted order, with the reason the partner reads.
///
/// The order becomes `refused` with `status_reason`; its quote is accepted again. The partner's app
/// pulls the change, and the partner may correct the order (its details, purchase order) and submit
/// it again. 409 when the order is not with the vendor (pending the customer's approval, refused
/// already, or provisioned); 422 without a reason.
#[utoipa::path(post, path = "/api/v1/vendor/orders/{order_id}/refuse", tag = "vendor",
    security(("bearer" = [])),
    params(("order_id" = String, Path, description = "The order's id", format = Uuid)),
    request_body = OrderRefusal,
    responses((status = 200, description = "The order as refused", body = Order),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "The order is not with the vendor", body = ApiError),
        (status = 422, description = "No reason, or a malformed body", body = ApiError)))]
pub async fn refuse_order(
    State(state): State<AppState>,
    caller: VendorCaller,
    Path(order_id): Path<String>,
    body: std::result::Result<Json<OrderRefusal>, JsonRejection>,
) -> Result<Json<Order>> {
    let order_id: OrderId = order_id
        .parse()
        .map_err(|_| ApiError::not_found("The order"))?;
    let Json(refusal) = body.map_err(bad_body)?;
    Ok(Json(
        crate::vendor::refuse_order(&state.storage, &caller.staff, order_id, refusal).await?,
    ))
}
