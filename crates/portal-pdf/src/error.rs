//! What can go wrong when preparing something to print. Rendering itself cannot fail: the fonts
//! are bundled and an [`Image`](crate::Image) is checked when it is made.

/// Why an image cannot go on a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The bytes are not an image format the documents can hold.
    #[error("{0}")]
    UnsupportedImage(&'static str),
    /// The bytes claim to be an image but cannot be read as one.
    #[error("the image cannot be read: {0}")]
    BrokenImage(String),
}
