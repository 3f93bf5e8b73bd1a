//! The typed HTTP client of the central server's API: one method per endpoint, errors as [`ClientError`].

use crate::error::ClientError;
use portal_core::{
    api::{
        auth::{LoginRequest, LoginResponse, Profile},
        branding::Branding,
        news::NewsItem,
        partner::PartnerDetails,
        user::UserProfile,
        API_PREFIX,
    },
    ids::CampaignId,
    pims::{
        campaign::{Campaign, CampaignStep},
        logo::LogoKind,
        profile::MarketingProfile,
        results::ResultsResponse,
    },
    sales::DomainCheckResponse,
    secret::SessionToken,
    sync::{PullResponse, PushRequest, PushResponse},
    ApiError, ErrorKind,
};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// A client for one server address.
#[derive(Clone, Debug)]
pub struct ServerApi {
    base: String,
    http: reqwest::Client,
}

/// Turns what the user typed into a base address: trims, adds `http://` when no scheme is given,
/// drops a trailing slash. Refuses anything that is not an http(s) address.
pub fn normalize_server_url(input: &str) -> Result<String, ApiError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ApiError::invalid(
            "server_url",
            "Enter the server address, for example https://portal.example.com.",
        ));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("http://{trimmed}")
    };
    let parsed = reqwest::Url::parse(&with_scheme).map_err(|_| {
        ApiError::invalid(
            "server_url",
            format!("\"{trimmed}\" is not a valid server address."),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ApiError::invalid(
            "server_url",
            "The server address must start with http:// or https://.",
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(ApiError::invalid(
            "server_url",
            format!("\"{trimmed}\" names no server."),
        ));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

impl ServerApi {
    /// A client for `base` (already normalized).
    pub fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("ResellerPortal/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the HTTP client's fixed configuration is valid");
        Self {
            base: base.to_owned(),
            http,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn request(&self, method: Method, path: &str, token: Option<&SessionToken>) -> RequestBuilder {
        let req = self.http.request(method, format!("{}{path}", self.base));
        match token {
            Some(t) => req.bearer_auth(t.expose()),
            None => req,
        }
    }

    async fn send<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T, ClientError> {
        let resp = self.send_raw(req).await?;
        // Read the body first, then parse it: reqwest reports a connection dropped mid-body as a
        // decode error, which is the network failing (offline), not an answer the app does not
        // understand.
        let body = resp.bytes().await.map_err(|_| ClientError::Offline {
            url: self.base.clone(),
        })?;
        serde_json::from_slice(&body).map_err(|e| ClientError::Protocol(e.to_string()))
    }

    async fn send_raw(&self, req: RequestBuilder) -> Result<reqwest::Response, ClientError> {
        let resp = req.send().await.map_err(|e| self.transport_error(e))?;
        self.check(resp).await
    }

    /// A successful answer as it is; an error answer as the error it carries.
    async fn check(&self, resp: reqwest::Response) -> Result<reqwest::Response, ClientError> {
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let body = resp.bytes().await.map_err(|_| ClientError::Offline {
            url: self.base.clone(),
        })?;
        Err(match serde_json::from_slice::<ApiError>(&body) {
            Ok(api) => ClientError::Api(api),
            Err(_)
                if status == StatusCode::BAD_GATEWAY
                    || status == StatusCode::SERVICE_UNAVAILABLE
                    || status == StatusCode::GATEWAY_TIMEOUT =>
            {
                ClientError::Offline {
                    url: self.base.clone(),
                }
            }
            Err(_) => ClientError::Protocol(format!("HTTP {status} from {}", self.base)),
        })
    }

    fn transport_error(&self, e: reqwest::Error) -> ClientError {
        if e.is_connect() || e.is_timeout() || e.is_request() {
            ClientError::Offline {
                url: self.base.clone(),
            }
        } else if e.is_decode() {
            ClientError::Protocol(e.to_string())
        } else {
            ClientError::Offline {
                url: self.base.clone(),
            }
        }
    }

    /// Whether the server answers its health check (quickly: this drives the online indicator).
    pub async fn is_reachable(&self) -> bool {
        self.request(Method::GET, "/health", None)
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .map(|r| r.status().is_success())
            .unwrap_or(false)
    }

    pub async fn branding(&self) -> Result<Branding, ClientError> {
        self.send(self.request(Method::GET, &format!("{API_PREFIX}/branding"), None))
            .await
    }

    pub async fn login(&self, body: &LoginRequest) -> Result<LoginResponse, ClientError> {
        self.send(
            self.request(Method::POST, &format!("{API_PREFIX}/auth/login"), None)
                .json(body),
        )
        .await
    }

    pub async fn logout(&self, token: &SessionToken) -> Result<(), ClientError> {
        self.send_raw(self.request(
            Method::POST,
            &format!("{API_PREFIX}/auth/logout"),
            Some(token),
        ))
        .await?;
        Ok(())
    }

    pub async fn me(&self, token: &SessionToken) -> Result<Profile, ClientError> {
        self.send(self.request(Method::GET, &format!("{API_PREFIX}/me"), Some(token)))
            .await
    }

    pub async fn partner(&self, token: &SessionToken) -> Result<PartnerDetails, ClientError> {
        self.send(self.request(Method::GET, &format!("{API_PREFIX}/partner"), Some(token)))
            .await
    }

    pub async fn users(&self, token: &SessionToken) -> Result<Vec<UserProfile>, ClientError> {
        self.send(self.request(Method::GET, &format!("{API_PREFIX}/users"), Some(token)))
            .await
    }

    pub async fn news(&self, token: &SessionToken) -> Result<Vec<NewsItem>, ClientError> {
        self.send(self.request(Method::GET, &format!("{API_PREFIX}/news"), Some(token)))
            .await
    }

    /// One page of the firm's changes after `after`.
    pub async fn pull(
        &self,
        token: &SessionToken,
        after: i64,
        limit: u32,
    ) -> Result<PullResponse, ClientError> {
        self.pull_as(token, after, limit).await
    }

    /// [`ServerApi::pull`], read as `T` (the sync reads the page with its bodies left as text).
    pub async fn pull_as<T: DeserializeOwned>(
        &self,
        token: &SessionToken,
        after: i64,
        limit: u32,
    ) -> Result<T, ClientError> {
        self.send(
            self.request(
                Method::GET,
                &format!("{API_PREFIX}/sync/changes"),
                Some(token),
            )
            .query(&[("after", after), ("limit", i64::from(limit))]),
        )
        .await
    }

    /// A batch of queued mutations; the answer has one outcome per mutation.
    pub async fn push(
        &self,
        token: &SessionToken,
        body: &PushRequest,
    ) -> Result<PushResponse, ClientError> {
        self.send(
            self.request(
                Method::POST,
                &format!("{API_PREFIX}/sync/mutations"),
                Some(token),
            )
            .json(body),
        )
        .await
    }

    /// Uploads an attachment's content, addressed by its SHA-256 (lower-case hex). The server
    /// keeps one copy per content: uploading it again changes nothing, and content that does not
    /// hash to `sha256` is refused.
    pub async fn put_attachment(
        &self,
        token: &SessionToken,
        sha256: &str,
        content_type: &str,
        content: Vec<u8>,
    ) -> Result<(), ClientError> {
        self.send_raw(
            self.request(
                Method::PUT,
                &format!("{API_PREFIX}/attachments/{sha256}"),
                Some(token),
            )
            .header(reqwest::header::CONTENT_TYPE, content_type)
            // Up to 10 MB over a slow hotel connection: longer than the usual request.
            .timeout(Duration::from_secs(300))
            .body(content),
        )
        .await?;
        Ok(())
    }

    /// Whether a prospect domain is taken in the firm or registered by another firm.
    /// Starts a download of the file at `path` (an API path such as
    /// [`portal_core::resources::file_path`]) from byte `from` on, with a `Range` request when
    /// `from` is not 0. The answer says whether the server sent the rest (206) or the whole file
    /// again (200, which the caller writes from the start).
    pub async fn download(
        &self,
        token: &SessionToken,
        path: &str,
        from: u64,
    ) -> Result<Download, ClientError> {
        let mut req = self
            .request(
                Method::GET,
                &format!("{API_PREFIX}{}", api_relative(path)),
                Some(token),
            )
            // A file may be large: the whole-request timeout of the JSON calls does not apply,
            // only a stalled connection (each chunk is awaited with its own timeout).
            .timeout(Duration::from_secs(24 * 3600));
        if from > 0 {
            req = req.header(reqwest::header::RANGE, format!("bytes={from}-"));
        }
        let resp = req.send().await.map_err(|e| self.transport_error(e))?;
        if resp.status() == StatusCode::RANGE_NOT_SATISFIABLE {
            return Ok(Download {
                resp: None,
                from,
                base: self.base.clone(),
            });
        }
        let resp = self.check(resp).await?;
        let from = if resp.status() == StatusCode::PARTIAL_CONTENT {
            from
        } else {
            0
        };
        Ok(Download {
            resp: Some(resp),
            from,
            base: self.base.clone(),
        })
    }

    /// Uploads the profile's `kind` logo (raw bytes); the profile as the server now holds it.
    pub async fn put_logo(
        &self,
        token: &SessionToken,
        kind: LogoKind,
        media_type: &str,
        content: Vec<u8>,
    ) -> Result<MarketingProfile, ClientError> {
        self.send(
            self.request(
                Method::PUT,
                &format!("{API_PREFIX}/pims/profile/logos/{}", kind.as_str()),
                Some(token),
            )
            .header(reqwest::header::CONTENT_TYPE, media_type)
            .timeout(Duration::from_secs(300))
            .body(content),
        )
        .await
    }

    /// Takes a step of a campaign's life cycle on the server; the campaign it leaves.
    pub async fn campaign_step(
        &self,
        token: &SessionToken,
        id: CampaignId,
        step: CampaignStep,
    ) -> Result<Campaign, ClientError> {
        self.send(self.request(
            Method::POST,
            &format!("{API_PREFIX}/pims/campaigns/{id}/{}", step.as_str()),
            Some(token),
        ))
        .await
    }

    /// Who the caller may make the owner of a lead's prospect.
    pub async fn lead_owners(
        &self,
        token: &SessionToken,
    ) -> Result<Vec<portal_core::pims::app::OwnerOption>, ClientError> {
        self.send(self.request(
            Method::GET,
            &format!("{API_PREFIX}/pims/lead-owners"),
            Some(token),
        ))
        .await
    }

    /// The firm's campaign results as the server counts them now.
    pub async fn campaign_results(
        &self,
        token: &SessionToken,
    ) -> Result<ResultsResponse, ClientError> {
        self.send(self.request(
            Method::GET,
            &format!("{API_PREFIX}/pims/results"),
            Some(token),
        ))
        .await
    }

    pub async fn domain_check(
        &self,
        token: &SessionToken,
        domain: &str,
    ) -> Result<DomainCheckResponse, ClientError> {
        self.send(
            self.request(
                Method::GET,
                &format!("{API_PREFIX}/prospects/domain-check"),
                Some(token),
            )
            .query(&[("domain", domain)]),
        )
        .await
    }
}

impl From<ApiError> for ClientError {
    fn from(e: ApiError) -> Self {
        if e.kind == ErrorKind::InvalidInput {
            ClientError::Invalid(e)
        } else {
            ClientError::Api(e)
        }
    }
}

/// `path` without the API prefix, when it has it (the core's paths include it).
fn api_relative(path: &str) -> &str {
    path.strip_prefix(API_PREFIX).unwrap_or(path)
}

/// A file coming from the server: the bytes from [`Download::from`] on, chunk by chunk.
#[derive(Debug)]
pub struct Download {
    /// None when the server said the range asked for is past the end (the part held is whole or
    /// longer than the file).
    resp: Option<reqwest::Response>,
    from: u64,
    base: String,
}

impl Download {
    /// The offset the bytes start at: what was asked for, or 0 when the server sent the whole file.
    pub fn from(&self) -> u64 {
        self.from
    }

    /// Whether the server refused the range as past the end of the file.
    pub fn past_end(&self) -> bool {
        self.resp.is_none()
    }

    /// The next chunk, or None at the end. A connection that stalls for a minute or drops is
    /// the network failing (offline).
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, ClientError> {
        let Some(resp) = self.resp.as_mut() else {
            return Ok(None);
        };
        let offline = || ClientError::Offline {
            url: self.base.clone(),
        };
        match tokio::time::timeout(Duration::from_secs(60), resp.chunk()).await {
            Ok(Ok(chunk)) => Ok(chunk),
            Ok(Err(_)) | Err(_) => Err(offline()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses_are_normalized() {
        assert_eq!(
            normalize_server_url(" 127.0.0.1:8080/ ").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_server_url("https://portal.example.com").unwrap(),
            "https://portal.example.com"
        );
        assert_eq!(
            normalize_server_url("").unwrap_err().field.as_deref(),
            Some("server_url")
        );
        assert!(normalize_server_url("ftp://x.example").is_err());
        assert!(normalize_server_url("http://").is_err());
        assert_eq!(
            normalize_server_url("https://x.example/portal/").unwrap(),
            "https://x.example/portal"
        );
    }
}
