//! The resource rules: audience, new, expired, file types, hashes and the vendor's input.

use super::publish::{file_name, NewResource, Replacement};
use super::*;
use crate::ids::ResourceId;
use chrono::TimeZone;
use uuid::Uuid;

fn hash(c: char) -> Sha256 {
    c.to_string().repeat(64).parse().unwrap()
}

fn item() -> Resource {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    Resource {
        id: ResourceId::from_uuid(Uuid::from_u128(1)),
        category: Category::SalesTools,
        title: "Battle card".into(),
        summary: "How we win".into(),
        description: String::new(),
        products: vec![ProductTag {
            sku: "BM-GW".into(),
            name: "Security Gateway".into(),
        }],
        files: vec![ResourceFile {
            name: "card.pdf".into(),
            media_type: "application/pdf".into(),
            size: 1000,
            sha256: hash('a'),
        }],
        thumbnail: None,
        version: 1,
        versions: vec![VersionNote {
            version: 1,
            published_at: at,
            note: String::new(),
        }],
        published_at: at,
        review_on: None,
        expires_on: NaiveDate::from_ymd_opt(2026, 12, 31),
    }
}

#[test]
fn audience_admits_by_tier_and_role() {
    let everyone = Audience::everyone();
    assert!(everyone.admits(Role::Sales, Tier::Registered));
    let gold_sales = Audience {
        roles: vec![Role::Sales],
        tiers: vec![Tier::Gold, Tier::Platinum],
    };
    assert!(gold_sales.admits(Role::Sales, Tier::Gold));
    assert!(!gold_sales.admits(Role::Sales, Tier::Silver));
    assert!(!gold_sales.admits(Role::Marketing, Tier::Gold));
    assert!(gold_sales.admits_tier(Tier::Platinum));
    assert!(!gold_sales.admits_tier(Tier::Silver));
    assert_eq!(gold_sales.describe(), "Gold and Platinum firms; Sales");
    assert_eq!(everyone.describe(), "Everyone");
}

#[test]
fn new_expired_and_shareable_by_date() {
    let r = item();
    assert!(r.is_new(None));
    assert!(r.is_new(Some(r.published_at - chrono::Duration::seconds(1))));
    assert!(!r.is_new(Some(r.published_at)));
    let last = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    assert!(!r.is_expired(last));
    assert!(r.may_share(last));
    assert!(r.is_expired(last.succ_opt().unwrap()));
    assert!(!r.may_share(last.succ_opt().unwrap()));
    assert!(r.concerns_any(&["BM-GW".into()]));
    assert!(!r.concerns_any(&["BM-AR".into()]));
    assert_eq!(
        r.file(&hash('a')).map(|f| f.name.as_str()),
        Some("card.pdf")
    );
    assert!(r.file(&hash('b')).is_none());
}

#[test]
fn file_types_follow_media_types() {
    assert_eq!(FileType::of("application/pdf"), FileType::Pdf);
    assert_eq!(FileType::of("image/svg+xml"), FileType::Image);
    assert_eq!(FileType::of("IMAGE/PNG; charset=x"), FileType::Image);
    assert_eq!(FileType::of("application/zip"), FileType::Archive);
    assert_eq!(
        FileType::of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        FileType::Spreadsheet
    );
    assert_eq!(FileType::of("application/octet-stream"), FileType::Other);
    assert!(FileType::Pdf.previews() && !FileType::Archive.previews());
}

#[test]
fn hashes_are_64_hex_digits_lower_case() {
    let h: Sha256 = "AB".repeat(32).parse().unwrap();
    assert_eq!(h.as_str(), "ab".repeat(32));
    assert!("abc".parse::<Sha256>().is_err());
    assert!("zz".repeat(32).parse::<Sha256>().is_err());
    assert_eq!(Sha256::from_digest(&[0xab; 32]), h);
    assert!(serde_json::from_str::<Sha256>("\"nothex\"").is_err());
    assert_eq!(
        file_path(ResourceId::from_uuid(Uuid::nil()), &h),
        format!(
            "/api/v1/resources/00000000-0000-0000-0000-000000000000/files/{}",
            "ab".repeat(32)
        )
    );
}

#[test]
fn the_vendors_input_is_checked_field_by_field() {
    let mut new = NewResource {
        category: Category::BrandingLogos,
        title: "Logo pack".into(),
        summary: "Every logo".into(),
        description: String::new(),
        products: vec![],
        audience: Audience::everyone(),
        files: vec![hash('a')],
        thumbnail: None,
        review_on: None,
        expires_on: None,
    };
    assert!(new.validate().is_ok());
    new.title = "  ".into();
    assert_eq!(new.validate().unwrap_err().field.as_deref(), Some("title"));
    new.title = "Logo pack".into();
    new.files = vec![hash('a'), hash('a')];
    assert_eq!(new.validate().unwrap_err().field.as_deref(), Some("files"));
    new.files = vec![];
    assert_eq!(new.validate().unwrap_err().field.as_deref(), Some("files"));
    new.files = vec![hash('a')];
    new.review_on = NaiveDate::from_ymd_opt(2027, 2, 1);
    new.expires_on = NaiveDate::from_ymd_opt(2027, 1, 1);
    assert_eq!(
        new.validate().unwrap_err().field.as_deref(),
        Some("review_on")
    );

    let replacement = Replacement {
        files: vec![hash('b')],
        note: String::new(),
        ..Replacement::default()
    };
    assert_eq!(
        replacement.validate().unwrap_err().field.as_deref(),
        Some("note")
    );

    assert_eq!(file_name(" card.pdf ").unwrap(), "card.pdf");
    assert!(file_name("../etc/passwd").is_err());
    assert!(file_name("a\\b.pdf").is_err());
    assert!(file_name("").is_err());
}

#[test]
fn wire_names_round_trip() {
    for c in Category::ALL {
        assert_eq!(Category::parse(c.as_str()), Some(c));
    }
    assert_eq!(
        serde_json::to_value(Category::BrandingLogos).unwrap(),
        "branding_logos"
    );
    let r = item();
    let back: Resource = serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}
