//! Co-branded assets, rendered on this machine (offline too): the kit's background with the
//! firm's logo fitted and centred in its zone, as a PNG, or as a one-page PDF of the kit's size
//! with the contact lines in their zone. The backgrounds are the files of `campaign_assets`
//! resources, fetched after a sync ([`Portal::fetch_pims_files`]).

use super::{data_url, logo_bytes, picture};
use crate::{error::ClientError, store::blobs::Shelf, Portal};
use portal_core::{
    ids::CampaignKitId,
    pims::{
        app::AssetView,
        kit::{AssetOutput, CampaignKit, KitAsset},
        logo::LogoFormat,
        profile::MarketingProfile,
    },
    ApiError, ErrorKind,
};
use portal_pdf::{
    cobrand::{render_cobranded, Cobranded},
    Image,
};
use std::path::{Path, PathBuf};

/// The longest side of a preview on the campaign page, in pixels.
const PREVIEW_SIDE: u32 = 640;
/// The longest side an SVG logo is rasterised to for a PDF (sharp in print at its zone's size).
const PDF_LOGO_SIDE: u32 = 1600;
/// Points per pixel of a background when the kit gives no page size (96 pixels per inch).
const POINTS_PER_PIXEL: f32 = 72.0 / 96.0;

/// Why an asset cannot be rendered while its background is not here.
pub(crate) const NO_BACKGROUND: &str =
    "The background picture has not been downloaded yet; connect once so the app can fetch it.";

/// The logo a co-branded asset carries: the high-resolution one when its file is here, else the
/// web one; None when the profile has neither here.
pub(crate) fn asset_logo(
    blobs: &crate::store::blobs::Blobs,
    profile: &MarketingProfile,
) -> Option<(Vec<u8>, LogoFormat)> {
    [profile.print_logo.as_ref(), profile.web_logo.as_ref()]
        .into_iter()
        .flatten()
        .find_map(|logo| logo_bytes(blobs, logo).map(|b| (b, logo.format)))
}

/// The asset's list entry on the campaign page, with its preview rendered here when it can be.
pub(crate) fn asset_view(
    blobs: &crate::store::blobs::Blobs,
    index: usize,
    asset: &KitAsset,
    profile: &MarketingProfile,
    logo: Option<&(Vec<u8>, LogoFormat)>,
) -> AssetView {
    let background = std::fs::read(blobs.path(Shelf::Pims, &asset.background)).ok();
    let rendered = match background {
        None => Err(NO_BACKGROUND.to_owned()),
        Some(bg) => picture::cobrand(
            asset,
            &bg,
            logo.map(|(b, f)| (b.as_slice(), *f)),
            Some(PREVIEW_SIDE),
        ),
    };
    let (preview, unavailable) = match rendered {
        Ok(png) => (Some(data_url("image/png", &png)), None),
        Err(why) => (None, Some(why)),
    };
    AssetView {
        index: u32::try_from(index).unwrap_or(u32::MAX),
        title: asset.title.clone(),
        output: asset.output,
        preview,
        unavailable,
        file_name: asset.file_name(&profile.company_name),
    }
}

fn no_asset(kit: &CampaignKit) -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::NotFound,
        format!(
            "The campaign kit \u{201c}{}\u{201d} no longer has this asset: the vendor changed it. \
             Reopen the kit for its current assets.",
            kit.name
        ),
    ))
}

fn unreadable(why: String) -> ClientError {
    ClientError::Refused(ApiError::new(ErrorKind::InvalidInput, why))
}

impl Portal {
    /// The kit and its asset `index`.
    async fn kit_asset(
        &self,
        kit_id: CampaignKitId,
        index: u32,
    ) -> Result<(CampaignKit, KitAsset), ClientError> {
        let kit = self.held_kit(kit_id).await?;
        let asset = kit
            .assets
            .get(index as usize)
            .cloned()
            .ok_or_else(|| no_asset(&kit))?;
        Ok((kit, asset))
    }

    /// The name the kit's asset `index` is saved under (for the save dialog).
    pub async fn campaign_asset_file_name(
        &self,
        kit_id: CampaignKitId,
        index: u32,
    ) -> Result<String, ClientError> {
        let (_, asset) = self.kit_asset(kit_id, index).await?;
        let profile = self.held_profile().await?.value;
        Ok(asset.file_name(&profile.company_name))
    }

    /// Renders the kit's asset `index` co-branded and writes it to `path`; the path written.
    pub async fn save_campaign_asset(
        &self,
        kit_id: CampaignKitId,
        index: u32,
        path: &Path,
    ) -> Result<PathBuf, ClientError> {
        let (_, asset) = self.kit_asset(kit_id, index).await?;
        let profile = self.held_profile().await?.value;
        let background = match self.blobs.verified(Shelf::Pims, &asset.background).await? {
            Some(p) => std::fs::read(&p).map_err(|e| ClientError::File {
                path: p.display().to_string(),
                message: e.to_string(),
            })?,
            None => {
                return Err(ClientError::Refused(ApiError::new(
                    ErrorKind::Offline,
                    NO_BACKGROUND,
                )))
            }
        };
        let logo = asset_logo(&self.blobs, &profile);
        let bytes = match asset.output {
            AssetOutput::Png => picture::cobrand(
                &asset,
                &background,
                logo.as_ref().map(|(b, f)| (b.as_slice(), *f)),
                None,
            )
            .map_err(unreadable)?,
            AssetOutput::Pdf => {
                let background = Image::from_bytes(background)
                    .map_err(|e| unreadable(format!("The background picture: {e}.")))?;
                let logo = match &logo {
                    Some((b, f)) => Some(
                        Image::from_bytes(
                            picture::logo_png(b, *f, PDF_LOGO_SIDE).map_err(unreadable)?,
                        )
                        .map_err(|e| unreadable(format!("The logo: {e}.")))?,
                    ),
                    None => None,
                };
                let px = |v: u32| v as f32 * POINTS_PER_PIXEL;
                let title = format!("{} \u{2014} {}", asset.title, profile.company_name);
                let lines = profile.contact_lines();
                render_cobranded(&Cobranded {
                    title: &title,
                    author: &profile.company_name,
                    width_pt: asset.page_width_pt.map_or(px(asset.width), |w| w as f32),
                    height_pt: asset.page_height_pt.map_or(px(asset.height), |h| h as f32),
                    background: &background,
                    logo: logo.as_ref(),
                    logo_zone: asset.logo_zone,
                    contact_zone: asset.contact_zone,
                    contact_lines: &lines,
                })
            }
        };
        std::fs::write(path, bytes).map_err(|e| ClientError::File {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Ok(path.to_owned())
    }
}
