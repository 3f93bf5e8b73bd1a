//! The profile's logos: an upload checked here with the server's rules before it is sent (a
//! wrong file is refused without a round trip), and the PIMS files a sync makes necessary — the
//! profile's logos and the kits' asset backgrounds — fetched into the cache, checked by hash.

use crate::{error::ClientError, Portal};
use portal_core::pims::{app::ProfileView, logo::LogoKind};
use std::path::Path;

impl Portal {
    /// Uploads the logo in the file at `path` as the profile's `kind` logo; the profile as the
    /// server answers it. Needs the server: offline it is refused in words.
    pub async fn upload_logo(
        &self,
        kind: LogoKind,
        path: &Path,
    ) -> Result<ProfileView, ClientError> {
        let _ = (kind, path);
        todo!()
    }

    /// After a sync: fetches the logos the profile names and the background of every kit's
    /// assets that are not here yet, each checked against its SHA-256, so previews and co-branded
    /// assets work offline. Answers how many files were fetched.
    pub async fn fetch_pims_files(&self) -> Result<u32, ClientError> {
        todo!()
    }
}
