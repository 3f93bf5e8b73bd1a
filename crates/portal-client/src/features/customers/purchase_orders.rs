//! Customers › Orders: the customer's purchase-order file, kept in the cache by its SHA-256 and
//! attached to an order (the file goes to the server with the first sync that pushes an order
//! using it).

use super::orders::{current, editable, queue_edit};
use crate::{error::ClientError, store::files, Portal};
use portal_core::{ids::OrderId, order::Attachment};

impl Portal {
    /// Keeps a file in the cache and describes it for an order form's `po_attachment`. Nothing is
    /// sent now: the file goes to the server with the first sync that pushes an order using it.
    pub async fn attach_file(
        &self,
        file_name: &str,
        content_type: &str,
        content: Vec<u8>,
    ) -> Result<Attachment, ClientError> {
        let (scope, _) = self.me().await?;
        let attachment = files::describe(file_name, content_type, &content)?;
        let mut conn = self.cache.pool().acquire().await?;
        files::keep(&mut conn, &scope, &attachment, &content).await?;
        Ok(attachment)
    }

    /// Whether the server has been sent the file with this hash from this computer (tests and
    /// diagnostics); `None` when the cache does not hold it.
    pub async fn attachment_uploaded(&self, sha256: &str) -> Result<Option<bool>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        files::uploaded(&mut conn, &scope, sha256).await
    }

    /// Keeps a purchase-order file and, for an order (`order_id`), attaches it to that order at
    /// once (an edit queued, as saving the form with it would). Returns what the order form's
    /// `po_attachment` takes. The file goes to the server with the first sync that pushes an
    /// order using it.
    pub async fn attach_po(
        &self,
        order_id: Option<OrderId>,
        file_name: &str,
        content_type: &str,
        content: Vec<u8>,
    ) -> Result<Attachment, ClientError> {
        let Some(id) = order_id else {
            return self.attach_file(file_name, content_type, content).await;
        };
        let (scope, _) = self.me().await?;
        let attachment = files::describe(file_name, content_type, &content)?;
        let mut tx = self.cache.pool().begin().await?;
        let (before, version, body) = current(&mut tx, &scope, id).await?;
        editable(&before, "edited")?;
        files::keep(&mut tx, &scope, &attachment, &content).await?;
        let mut order = before;
        order.po_attachment = Some(attachment.clone());
        // The same file again queues nothing.
        queue_edit(self, tx, &scope, &order, &body, version).await?;
        Ok(attachment)
    }
}
