//! Company news from the vendor.

use crate::ids::NewsId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsItem {
    pub id: NewsId,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub published_on: NaiveDate,
}
