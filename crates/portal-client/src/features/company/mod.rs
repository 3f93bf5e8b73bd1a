//! The Company menu group: News, read from the server and cached for offline use.

use crate::{error::ClientError, portal::NEWS, Portal};
use portal_core::{api::news::NewsItem, shell::Snapshot};

impl Portal {
    pub async fn news(&self) -> Result<Snapshot<Vec<NewsItem>>, ClientError> {
        self.snapshot(NEWS, |api, token| async move { api.news(&token).await })
            .await
    }
}
