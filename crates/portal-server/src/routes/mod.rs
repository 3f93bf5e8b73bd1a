//! The HTTP router and its OpenAPI document, built together so that they cannot drift apart.
//!
//! Every route is registered through utoipa-axum's `routes!`, which takes the method and path from
//! the handler's `#[utoipa::path]`: a handler is served exactly where the document says it is.

mod account;
mod attachments;
mod customers;
mod dashboard;
mod landing;
mod meta;
mod news;
mod pims;
mod prospects;
mod ranges;
mod resources;
mod sync;
mod users;
mod vendor;
mod vendor_pims;
mod vendor_resources;

use crate::error::Error;
use crate::state::AppState;
use axum::http::Uri;
use axum::Router;
use portal_core::ApiError;
use std::sync::OnceLock;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The name of the bearer-token security scheme in the document.
pub const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Reseller Portal API",
        description = "The vendor's central Reseller Portal server. Errors are `ApiError` bodies with \
                       a machine-readable `kind`; authenticated endpoints take `Authorization: Bearer <token>`."
    ),
    components(schemas(
        portal_core::ApiError,
        portal_core::ErrorKind,
        portal_core::sync::Entity,
        portal_core::sync::Change,
        portal_core::sync::PullResponse,
        portal_core::sync::PushRequest,
        portal_core::sync::PushResponse,
        portal_core::sync::Mutation,
        portal_core::sync::MutationOp,
        portal_core::sync::MutationResult,
        portal_core::sync::Outcome,
        portal_core::sync::FieldConflict,
        portal_core::prospect::Prospect,
        portal_core::prospect::ProspectStatus,
        portal_core::prospect::Contact,
        portal_core::registration::Deal,
        portal_core::deal::DealStatus,
        portal_core::deal::DealAction,
        portal_core::api::partner::Address,
        portal_core::api::news::NewsItem,
        portal_core::money::Money,
        portal_core::money::Currency,
        portal_core::sales::DomainCheckResponse,
        portal_core::sales::ExistingProspect,
        crate::sync::reference::CustomerRecord,
        crate::sync::reference::SubscriptionRecord,
        crate::sync::reference::RenewalRecord,
        crate::sync::reference::InvoiceRecord,
        crate::sync::reference::SupportCaseRecord,
        portal_core::pricebook::Product,
        portal_core::pricebook::PriceTier,
        portal_core::pricebook::TermDiscount,
        portal_core::quote::Quote,
        portal_core::quote::QuoteStatus,
        portal_core::quote::Approval,
        portal_core::quote::QuoteAction,
        portal_core::quote::QuoteFor,
        portal_core::pricing::QuoteLine,
        portal_core::pricing::QuoteTotals,
        portal_core::order::Order,
        portal_core::order::OrderStatus,
        portal_core::order::OrderAction,
        portal_core::order::Address,
        portal_core::order::Attachment,
        portal_core::sync::Step,
        crate::attachments::StoredAttachment,
        crate::vendor::VendorLoginResponse,
        crate::vendor::VendorStaff,
        crate::vendor::VendorRole,
        crate::vendor::ApprovalRequest,
        crate::vendor::ApprovalLine,
        crate::vendor::ApprovalDecision,
        crate::vendor::OrderRefusal,
        portal_core::resources::Resource,
        portal_core::resources::Category,
        portal_core::resources::FileType,
        portal_core::resources::Sha256,
        portal_core::resources::ResourceFile,
        portal_core::resources::ProductTag,
        portal_core::resources::VersionNote,
        portal_core::resources::Audience,
        portal_core::resources::ResourceUse,
        portal_core::resources::UseKind,
        portal_core::api::partner::Tier,
        portal_core::Role,
        portal_core::resources::publish::NewResource,
        portal_core::resources::publish::Replacement,
        portal_core::resources::publish::VendorResource,
        portal_core::resources::publish::ResourceStatus,
        portal_core::resources::publish::UsageGrouping,
        portal_core::resources::publish::UsageRow,
        crate::sync::reference::CourseRecord,
        portal_core::dashboard::Dashboard,
        portal_core::dashboard::Figures,
        portal_core::dashboard::Pipeline,
        portal_core::dashboard::PipelineStage,
        portal_core::dashboard::DealFigure,
        portal_core::dashboard::OrdersInProgress,
        portal_core::dashboard::OrderFigure,
        portal_core::dashboard::CustomerFigures,
        portal_core::dashboard::RenewalsDue,
        portal_core::dashboard::RenewalMonth,
        portal_core::pims::profile::MarketingProfile,
        portal_core::pims::profile::SocialLink,
        portal_core::pims::profile::Colour,
        portal_core::pims::logo::Logo,
        portal_core::pims::logo::LogoKind,
        portal_core::pims::logo::LogoFormat,
        portal_core::pims::kit::CampaignKit,
        portal_core::pims::kit::KitAsset,
        portal_core::pims::kit::Zone,
        portal_core::pims::kit::AssetOutput,
        portal_core::pims::template::EmailTemplate,
        portal_core::pims::template::LandingTemplate,
        portal_core::pims::template::Block,
        portal_core::pims::template::Href,
        portal_core::pims::campaign::Campaign,
        portal_core::pims::campaign::CampaignStatus,
        portal_core::pims::campaign::CampaignStep,
        portal_core::pims::lead::Lead,
        portal_core::pims::lead::LeadState,
        portal_core::pims::lead::LeadSource,
        portal_core::pims::lead::DeclineReason,
        portal_core::pims::lead::Decision,
        portal_core::pims::lead::LeadDecision,
        portal_core::pims::results::CampaignResults,
        portal_core::pims::results::ResultsResponse,
        portal_core::pims::app::OwnerOption,
        portal_core::pims::vendor::NewKit,
        portal_core::pims::vendor::VendorLead,
        crate::sync::pims::kits::VendorKit,
        crate::sync::pims::leads::FirmLead,
    )),
    tags(
        (name = "sync", description = include_str!("sync.md")),
        (name = "prospects", description = "Prospect questions only the server can answer. Prospects \
            themselves are created, changed and read through the `sync` endpoints."),
        (name = "orders", description = "Purchase-order files of orders. Quotes and orders themselves \
            are created, changed, submitted and read through the `sync` endpoints."),
        (name = "resources", description = "Marketing resources' files. The items themselves (\
            `portal_core::resources::Resource`) arrive through the `sync` endpoints as `resource` \
            changes, each naming its files by SHA-256; a file is fetched here, with range requests \
            so that an interrupted download resumes. Partners record what they do with a file by \
            pushing `resource_use` creates."),
        (name = "vendor", description = "The vendor's own staff (channel managers), who are not users \
            of any partner firm: their sign-in, the approval of quote discounts deeper than a \
            product's cap, refusing orders, and the marketing library (upload files, publish items \
            and new versions, withdraw them, count their use). Partner tokens are refused here (403), and vendor tokens on partner \
            endpoints."),
        (name = "dashboard", description = "The Dashboard's figures for the caller — the firm's for \
            an administrator, their own records' for everyone else; the Customers-area figures only \
            for roles that see the Customers area — computed by the same rule \
            (`portal_core::dashboard`) the app applies to its cache."),
        (name = "pims", description = "PIMS (campaigns, landing pages, leads) where the server \
            must be asked online: the marketing profile's logos, a campaign's launch, pause, \
            resume and end, and the campaigns' results. Kits, the profile, campaigns and leads \
            arrive through the `sync` endpoints (`campaign_kit`, `marketing_profile`, `campaign`, \
            `lead`); partners update the profile, create, edit and delete draft campaigns, and \
            decide on leads (`lead_decision` creates) by pushing mutations."),
        (name = "landing", description = "Public landing pages (no sign-in): a launched \
            campaign's page and lead form at `/c/<slug>`, answered as HTML pages in words under a \
            strict Content-Security-Policy."),
    ),
    modifiers(&BearerScheme)
)]
struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// Every endpoint, with its documentation.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(meta::health))
        .routes(routes!(meta::openapi_json))
        .routes(routes!(meta::branding))
        .routes(routes!(account::login))
        .routes(routes!(account::logout))
        .routes(routes!(account::me))
        .routes(routes!(account::partner))
        .routes(routes!(users::list))
        .routes(routes!(users::get))
        .routes(routes!(customers::list))
        .routes(routes!(customers::get))
        .routes(routes!(news::list))
        .routes(routes!(dashboard::get))
        .routes(routes!(prospects::domain_check))
        .routes(routes!(sync::changes))
        .routes(routes!(sync::mutations))
        .routes(routes!(resources::file))
        .routes(routes!(attachments::get))
        .routes(attachments_put())
        .routes(routes!(vendor::login))
        .routes(routes!(vendor::logout))
        .routes(routes!(vendor::approvals))
        .routes(routes!(vendor::decide))
        .routes(routes!(vendor::refuse_order))
        .routes(routes!(vendor_resources::upload))
        .routes(routes!(vendor_resources::list, vendor_resources::publish))
        .routes(routes!(vendor_resources::get))
        .routes(routes!(vendor_resources::replace))
        .routes(routes!(vendor_resources::withdraw))
        .routes(routes!(vendor_resources::usage))
        .routes(logo_put())
        .routes(routes!(pims::logo))
        .routes(routes!(pims::step))
        .routes(routes!(pims::campaign_results))
        .routes(routes!(pims::lead_owners))
        .routes(landing_routes())
        .routes(routes!(landing::logo))
        .routes(routes!(vendor_pims::list_kits, vendor_pims::publish_kit))
        .routes(routes!(vendor_pims::withdraw_kit))
        .routes(routes!(vendor_pims::list_leads, vendor_pims::distribute))
        .routes(routes!(vendor_pims::withdraw_lead))
}

/// The public landing page and its form, whose posts are capped at the form's limit.
fn landing_routes() -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    let (schemas, paths, method_router) = routes!(landing::show, landing::post);
    (
        schemas,
        paths,
        method_router.layer(axum::extract::DefaultBodyLimit::max(
            portal_core::pims::lead::MAX_FORM_BYTES,
        )),
    )
}

/// The logo upload, whose body may be up to the print logo's limit.
fn logo_put() -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    let (schemas, paths, method_router) = routes!(pims::upload_logo);
    (
        schemas,
        paths,
        method_router.layer(axum::extract::DefaultBodyLimit::max(pims::MAX_LOGO_BODY)),
    )
}

/// The upload route, the one route whose body may be larger than axum's 2 MB default: up to a
/// purchase-order file's limit.
fn attachments_put() -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    let (schemas, paths, method_router) = routes!(attachments::put);
    let limit = usize::try_from(portal_core::order::MAX_ATTACHMENT_BYTES).unwrap_or(usize::MAX);
    (
        schemas,
        paths,
        method_router.layer(axum::extract::DefaultBodyLimit::max(limit)),
    )
}

/// The OpenAPI document of the whole API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = api().into_openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").into();
    doc
}

/// The document as served, rendered once.
pub(crate) fn openapi_json_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        openapi()
            .to_pretty_json()
            .expect("the OpenAPI document serializes")
    })
}

/// The application's router.
pub fn router(state: AppState) -> Router {
    let (router, _doc) = api().split_for_parts();
    router
        .fallback(no_such_endpoint)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn no_such_endpoint(uri: Uri) -> Error {
    ApiError::not_found(&format!("The endpoint {}", uri.path())).into()
}
