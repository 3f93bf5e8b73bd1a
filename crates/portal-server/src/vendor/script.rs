//! `portal-server resources …`: the vendor's marketing library from a shell, for scripting against
//! the data directory (the same rules as the vendor API: files are stored by their SHA-256, items
//! reach exactly their audience, bad input is refused naming what is wrong). What each command did
//! is answered as text to print.

use crate::error::{Error, Result};
use crate::storage::Storage;
use crate::sync::resources::{self, files::Upload, uses};
use chrono::NaiveDate;
use portal_core::api::partner::Tier;
use portal_core::ids::ResourceId;
use portal_core::resources::publish::{
    NewResource, Replacement, UsageGrouping, UsageQuery, VendorResource,
};
use portal_core::resources::{Audience, Category, ResourceFile, Sha256};
use portal_core::wire::WireName;
use portal_core::Role;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tokio::io::AsyncReadExt;

/// How to call it.
pub const USAGE: &str = "\
usage:
  portal-server resources list     [--config FILE]
  portal-server resources publish  --category C --title T --summary S [--description D]
                                   [--product SKU]... [--role R]... [--tier T]...
                                   --file PATH... [--thumbnail PATH]
                                   [--review-on YYYY-MM-DD] [--expires-on YYYY-MM-DD] [--config FILE]
  portal-server resources replace  ID --file PATH... --note TEXT [--thumbnail PATH]
                                   [--expires-on YYYY-MM-DD] [--config FILE]
  portal-server resources withdraw ID [--config FILE]
  portal-server resources usage    [--by item|firm|month] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                   [--config FILE]

categories: sales_tools, branding_logos, customer_tools, campaign_assets
roles:      administrator, sales, marketing, deal_registration (none given: every role)
tiers:      registered, silver, gold, platinum (none given: every tier)
A file's media type is guessed from its extension (.pdf, .png, .zip, …).";

/// One command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Script {
    List,
    Publish {
        item: Draft,
        files: Vec<PathBuf>,
        thumbnail: Option<PathBuf>,
    },
    Replace {
        id: ResourceId,
        files: Vec<PathBuf>,
        note: String,
        thumbnail: Option<PathBuf>,
        expires_on: Option<NaiveDate>,
    },
    Withdraw(ResourceId),
    Usage(UsageQuery),
}

/// A new item's fields, before its files are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub category: Category,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub products: Vec<String>,
    pub audience: Audience,
    pub review_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

fn wire<T: WireName>(what: &str, s: &str) -> std::result::Result<T, String> {
    T::parse(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = T::VALUES.iter().map(|v| v.as_str()).collect();
        format!("{s:?} is not a {what}: use one of {}", names.join(", "))
    })
}

fn date(flag: &str, s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{flag} {s:?} is not a date: write it YYYY-MM-DD"))
}

fn id(s: Option<&String>) -> std::result::Result<ResourceId, String> {
    let s = s.ok_or("which item? give its id (see `portal-server resources list`)")?;
    s.parse()
        .map_err(|_| format!("{s:?} is not an item's id (see `portal-server resources list`)"))
}

/// The command in `args` (after `resources`) and the configuration file named by `--config`.
pub fn parse(args: &[String]) -> std::result::Result<(Script, Option<PathBuf>), String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(USAGE.into());
    };
    if matches!(command.as_str(), "--help" | "-h" | "help") {
        return Err(USAGE.into());
    }
    let mut config = None;
    let mut flags: Vec<(String, String)> = Vec::new();
    let mut plain = Vec::new();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        if let Some(flag) = arg.strip_prefix("--") {
            if flag == "help" {
                return Err(USAGE.into());
            }
            let value = it
                .next()
                .ok_or_else(|| format!("--{flag} needs a value"))?
                .clone();
            if flag == "config" {
                config = Some(PathBuf::from(value));
            } else {
                flags.push((flag.to_owned(), value));
            }
        } else {
            plain.push(arg.clone());
        }
    }
    let allowed: &[&str] = match command.as_str() {
        "list" => &[],
        "publish" => &[
            "category",
            "title",
            "summary",
            "description",
            "product",
            "role",
            "tier",
            "file",
            "thumbnail",
            "review-on",
            "expires-on",
        ],
        "replace" => &["file", "note", "thumbnail", "expires-on"],
        "withdraw" => &[],
        "usage" => &["by", "from", "to"],
        other => return Err(format!("unknown command `resources {other}`\n\n{USAGE}")),
    };
    if let Some((flag, _)) = flags.iter().find(|(f, _)| !allowed.contains(&f.as_str())) {
        return Err(format!(
            "`resources {command}` takes no --{flag}\n\n{USAGE}"
        ));
    }
    let takes_id = matches!(command.as_str(), "replace" | "withdraw");
    if plain.len() > usize::from(takes_id) {
        return Err(format!("unexpected argument {:?}\n\n{USAGE}", plain.last()));
    }
    let all = |name: &str| -> Vec<String> {
        flags
            .iter()
            .filter(|(f, _)| f == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let one = |name: &str| -> Option<String> { all(name).pop() };
    let needed = |name: &str| -> std::result::Result<String, String> {
        one(name).ok_or_else(|| format!("--{name} is required\n\n{USAGE}"))
    };
    let paths = |name: &str| all(name).into_iter().map(PathBuf::from).collect::<Vec<_>>();
    let dated = |name: &str| -> std::result::Result<Option<NaiveDate>, String> {
        one(name)
            .map(|d| date(&format!("--{name}"), &d))
            .transpose()
    };
    let files = paths("file");
    if matches!(command.as_str(), "publish" | "replace") && files.is_empty() {
        return Err(format!("at least one --file is required\n\n{USAGE}"));
    }
    let script = match command.as_str() {
        "list" => Script::List,
        "publish" => Script::Publish {
            item: Draft {
                category: wire("category", &needed("category")?)?,
                title: needed("title")?,
                summary: needed("summary")?,
                description: one("description").unwrap_or_default(),
                products: all("product"),
                audience: Audience {
                    roles: all("role")
                        .iter()
                        .map(|r| wire::<Role>("role", r))
                        .collect::<std::result::Result<_, _>>()?,
                    tiers: all("tier")
                        .iter()
                        .map(|t| wire::<Tier>("tier", t))
                        .collect::<std::result::Result<_, _>>()?,
                },
                review_on: dated("review-on")?,
                expires_on: dated("expires-on")?,
            },
            files,
            thumbnail: paths("thumbnail").pop(),
        },
        "replace" => Script::Replace {
            id: id(plain.first())?,
            files,
            note: needed("note")?,
            thumbnail: paths("thumbnail").pop(),
            expires_on: dated("expires-on")?,
        },
        "withdraw" => Script::Withdraw(id(plain.first())?),
        _ => Script::Usage(UsageQuery {
            by: one("by")
                .map(|b| wire::<UsageGrouping>("grouping", &b))
                .transpose()?
                .unwrap_or_default(),
            from: dated("from")?,
            to: dated("to")?,
        }),
    };
    Ok((script, config))
}

/// The media type of a file, from its extension.
pub fn media_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "zip" => "application/zip",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ppt" => "application/vnd.ms-powerpoint",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Stores the file at `path` (read a piece at a time); its hash.
async fn store(storage: &Storage, path: &Path) -> Result<ResourceFile> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let mut upload = Upload::begin(storage, name, media_type(path)).await?;
    let mut buf = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        upload.write(&buf[..n]).await?;
    }
    upload.finish(storage).await
}

async fn store_all(storage: &Storage, paths: &[PathBuf]) -> Result<Vec<Sha256>> {
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        out.push(store(storage, p).await?.sha256);
    }
    Ok(out)
}

async fn thumbnail(storage: &Storage, path: Option<&Path>) -> Result<Option<Sha256>> {
    Ok(match path {
        Some(p) => Some(store(storage, p).await?.sha256),
        None => None,
    })
}

fn describe(item: &VendorResource) -> String {
    let r = &item.resource;
    let files: Vec<String> = r
        .files
        .iter()
        .map(|f| format!("{} ({})", f.name, portal_core::words::file_size(f.size)))
        .collect();
    format!(
        "{} — {} ({}), version {}, for {}; files: {}",
        r.id,
        r.title,
        r.category.label(),
        r.version,
        item.audience.describe(),
        files.join(", ")
    )
}

/// Runs the command; what it did, to print.
pub async fn run(storage: &Storage, script: Script) -> Result<String> {
    let mut out = String::new();
    match script {
        Script::List => {
            let items = resources::list(storage).await?;
            for item in &items {
                let status = match item.withdrawn_at {
                    Some(at) => format!("withdrawn {}", at.format("%Y-%m-%d")),
                    None => "published".into(),
                };
                let _ = writeln!(out, "{} [{status}]", describe(item));
            }
            let _ = write!(out, "{} items", items.len());
        }
        Script::Publish {
            item,
            files,
            thumbnail: thumb,
        } => {
            let new = NewResource {
                category: item.category,
                title: item.title,
                summary: item.summary,
                description: item.description,
                products: item.products,
                audience: item.audience,
                files: store_all(storage, &files).await?,
                thumbnail: thumbnail(storage, thumb.as_deref()).await?,
                review_on: item.review_on,
                expires_on: item.expires_on,
            };
            let item = resources::publish(storage, new).await?;
            let _ = write!(out, "published {}", describe(&item));
        }
        Script::Replace {
            id,
            files,
            note,
            thumbnail: thumb,
            expires_on,
        } => {
            let next = Replacement {
                files: store_all(storage, &files).await?,
                note,
                thumbnail: thumbnail(storage, thumb.as_deref()).await?,
                expires_on,
                ..Replacement::default()
            };
            let item = resources::replace(storage, id, next).await?;
            let _ = write!(out, "published {}", describe(&item));
        }
        Script::Withdraw(id) => {
            let item = resources::withdraw(storage, id).await?;
            let _ = write!(
                out,
                "withdrew {} — {}: it leaves every app at its next sync",
                item.resource.id, item.resource.title
            );
        }
        Script::Usage(q) => {
            let rows = uses::usage(storage, &q).await?;
            let _ = writeln!(
                out,
                "{:<48} {:>9} {:>6} {:>6}",
                q.by.as_str(),
                "downloads",
                "opens",
                "shares"
            );
            for r in &rows {
                let key = r
                    .title
                    .clone()
                    .or_else(|| r.firm.clone())
                    .or_else(|| r.month.clone())
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{key:<48} {:>9} {:>6} {:>6}",
                    r.downloads, r.opens, r.shares
                );
            }
            let _ = write!(out, "{} rows", rows.len());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn commands_parse_and_bad_ones_say_why() {
        let (script, config) = parse(&args(
            "publish --category sales_tools --title Card --summary Short --product BM-GW \
             --product BM-ATP --role sales --tier gold --tier platinum --file a.pdf --file b.png \
             --thumbnail t.png --expires-on 2027-01-31 --config x.toml",
        ))
        .unwrap();
        assert_eq!(config, Some(PathBuf::from("x.toml")));
        let Script::Publish {
            item,
            files,
            thumbnail,
        } = script
        else {
            panic!("a publish");
        };
        assert_eq!(item.category, Category::SalesTools);
        assert_eq!(item.products, ["BM-GW", "BM-ATP"]);
        assert_eq!(item.audience.roles, [Role::Sales]);
        assert_eq!(item.audience.tiers, [Tier::Gold, Tier::Platinum]);
        assert_eq!(files, [PathBuf::from("a.pdf"), PathBuf::from("b.png")]);
        assert_eq!(thumbnail, Some(PathBuf::from("t.png")));
        assert_eq!(item.expires_on, NaiveDate::from_ymd_opt(2027, 1, 31));
        assert_eq!(parse(&args("list")).unwrap().0, Script::List);
        let usage = parse(&args("usage --by month --from 2026-01-01"))
            .unwrap()
            .0;
        assert!(matches!(
            usage,
            Script::Usage(UsageQuery {
                by: UsageGrouping::Month,
                ..
            })
        ));

        for (bad, says) in [
            (
                "publish --category whats_new --title T --summary S --file a.pdf",
                "use one of",
            ),
            (
                "publish --title T --summary S --file a.pdf",
                "--category is required",
            ),
            (
                "publish --category sales_tools --title T --summary S",
                "--file",
            ),
            (
                "publish --category sales_tools --title T --summary S --file a --role boss",
                "role",
            ),
            ("replace --file a.pdf --note N", "which item"),
            ("replace nope --file a.pdf --note N", "not an item's id"),
            (
                "withdraw 0191d2c0-0000-7000-8000-000000000001 --file a",
                "takes no --file",
            ),
            ("usage --by week", "grouping"),
            ("usage --from 1/2/2026", "YYYY-MM-DD"),
            ("usage --from", "needs a value"),
            ("launch", "unknown command"),
        ] {
            let e = parse(&args(bad)).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
        assert_eq!(media_type(Path::new("Deck.PDF")), "application/pdf");
        assert_eq!(media_type(Path::new("logo.svg")), "image/svg+xml");
        assert_eq!(media_type(Path::new("README")), "application/octet-stream");
    }
}
