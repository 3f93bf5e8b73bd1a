//! The marketing resources' files on this machine, addressed by their SHA-256 and shared by every
//! item (and user) that has the same file: the briefcase's (`kept/`), copies fetched to open, save
//! or preview an item that is not kept (`fetched/`), and list thumbnails (`thumbs/`).
//!
//! A file is downloaded into `<sha256>.part` beside its place, resumed with a range request after an
//! interruption or a restart, and checked against its SHA-256 before it is renamed into place; a
//! file in place is checked again before every use ([`Blobs::verified`]).

use crate::{error::ClientError, http::ServerApi};
use portal_core::resources::Sha256;
use portal_core::secret::SessionToken;
use sha2::Digest;
use std::{
    collections::{HashMap, HashSet},
    fs,
    io::{Read, Write},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// Where a file is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shelf {
    /// The briefcase: files of items kept offline.
    Kept,
    /// Copies fetched to open, save or preview an item that is not kept.
    Fetched,
    /// The lists' thumbnails.
    Thumbs,
    /// PIMS: the marketing profile's logos and the backgrounds of the kits' co-branded assets,
    /// which previews and co-branded assets need offline.
    Pims,
}

impl Shelf {
    fn dir(self) -> &'static str {
        match self {
            Shelf::Kept => "kept",
            Shelf::Fetched => "fetched",
            Shelf::Thumbs => "thumbs",
            Shelf::Pims => "pims",
        }
    }
}

/// The files' folder and what is downloading now.
#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
    /// Files downloading now, by hash: bytes here so far.
    in_flight: Arc<Mutex<HashMap<String, u64>>>,
    /// One briefcase fill at a time.
    pub fill: Arc<tokio::sync::Mutex<()>>,
}

/// An I/O failure on a file of the store, as the crate's error.
fn io(path: &Path, e: std::io::Error) -> ClientError {
    ClientError::File {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

impl Blobs {
    /// The store under `root` (created when first written).
    pub fn new(root: PathBuf) -> Self {
        Self {
            root,
            in_flight: Arc::default(),
            fill: Arc::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this hash is kept on `shelf` (whether or not it is there).
    pub fn path(&self, shelf: Shelf, sha: &Sha256) -> PathBuf {
        self.root.join(shelf.dir()).join(sha.as_str())
    }

    /// Where its download in progress is written.
    pub fn part_path(&self, shelf: Shelf, sha: &Sha256) -> PathBuf {
        self.root
            .join(shelf.dir())
            .join(format!("{}.part", sha.as_str()))
    }

    /// Whether the file is in place on `shelf` (it was checked when it was put there).
    pub fn holds(&self, shelf: Shelf, sha: &Sha256) -> bool {
        self.path(shelf, sha).is_file()
    }

    /// Bytes of the file here: the whole size when in place, else what its partial download holds.
    pub fn bytes_here(&self, shelf: Shelf, sha: &Sha256, size: u64) -> u64 {
        if self.holds(shelf, sha) {
            return size;
        }
        if let Some(n) = self.in_flight.lock().expect("lock").get(sha.as_str()) {
            return (*n).min(size);
        }
        fs::metadata(self.part_path(shelf, sha))
            .map(|m| m.len().min(size))
            .unwrap_or(0)
    }

    /// Whether the file is downloading now.
    pub fn downloading(&self, sha: &Sha256) -> bool {
        self.in_flight
            .lock()
            .expect("lock")
            .contains_key(sha.as_str())
    }

    /// The file's path on `shelf` when it is there and still matches its hash; a copy that no
    /// longer matches is deleted (and None answered).
    pub async fn verified(
        &self,
        shelf: Shelf,
        sha: &Sha256,
    ) -> Result<Option<PathBuf>, ClientError> {
        let path = self.path(shelf, sha);
        if !path.is_file() {
            return Ok(None);
        }
        if hash_file(&path).await?.as_ref() == Some(sha) {
            return Ok(Some(path));
        }
        tracing::warn!(path = %path.display(), "a resource file no longer matches its hash");
        fs::remove_file(&path).map_err(|e| io(&path, e))?;
        Ok(None)
    }

    /// Puts bytes the app already holds (a logo it just uploaded) in place on `shelf` under `sha`,
    /// after checking they hash to it.
    pub fn put(&self, shelf: Shelf, sha: &Sha256, bytes: &[u8]) -> Result<PathBuf, ClientError> {
        if sha256_of(bytes) != *sha {
            return Err(ClientError::Checksum {
                name: sha.as_str().to_owned(),
            });
        }
        let (part, path) = (self.part_path(shelf, sha), self.path(shelf, sha));
        make_dir(part.parent().expect("a shelf has a folder"))?;
        fs::write(&part, bytes).map_err(|e| io(&part, e))?;
        fs::rename(&part, &path).map_err(|e| io(&part, e))?;
        Ok(path)
    }

    /// Moves a file that is in place on `from` to `to` (a kept item's file fetched earlier).
    pub fn shelve(&self, sha: &Sha256, from: Shelf, to: Shelf) -> Result<bool, ClientError> {
        let (a, b) = (self.path(from, sha), self.path(to, sha));
        if !a.is_file() {
            return Ok(false);
        }
        make_dir(b.parent().expect("a shelf has a folder"))?;
        fs::rename(&a, &b).map_err(|e| io(&a, e))?;
        Ok(true)
    }

    /// Downloads the file into place on `shelf` from `from`: resumes a partial
    /// download, checks the whole against `sha` and renames it into place. `progress` hears the
    /// bytes here after each chunk. A file that does not match its hash is deleted and
    /// [`ClientError::Checksum`] answered (`name` names it).
    pub async fn download(
        &self,
        from: &Source<'_>,
        shelf: Shelf,
        sha: &Sha256,
        name: &str,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<PathBuf, ClientError> {
        let (part, path) = (self.part_path(shelf, sha), self.path(shelf, sha));
        make_dir(part.parent().expect("a shelf has a folder"))?;
        let _flight = InFlight::start(&self.in_flight, sha);
        let mut have = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
        let mut download = from.api.download(from.token, from.path, have).await?;
        if download.past_end() {
            // The part is whole (or longer than the file): check it as it is.
            tracing::debug!(sha = sha.as_str(), "the server has no bytes past the part");
        } else {
            let mut file = fs::OpenOptions::new()
                .create(true)
                .append(download.from() > 0)
                .write(true)
                .truncate(download.from() == 0)
                .open(&part)
                .map_err(|e| io(&part, e))?;
            have = download.from();
            self.note(sha, have);
            while let Some(chunk) = download.chunk().await? {
                file.write_all(&chunk).map_err(|e| io(&part, e))?;
                have += chunk.len() as u64;
                self.note(sha, have);
                progress(have);
            }
            file.sync_all().map_err(|e| io(&part, e))?;
        }
        if hash_file(&part).await?.as_ref() != Some(sha) {
            fs::remove_file(&part).map_err(|e| io(&part, e))?;
            return Err(ClientError::Checksum {
                name: name.to_owned(),
            });
        }
        fs::rename(&part, &path).map_err(|e| io(&part, e))?;
        Ok(path)
    }

    fn note(&self, sha: &Sha256, have: u64) {
        self.in_flight
            .lock()
            .expect("lock")
            .insert(sha.as_str().to_owned(), have);
    }

    /// Deletes every file (and partial download) on `shelf` whose hash is not in `keep`, and, when
    /// `older_than` is given, only those last changed before it. Answers the bytes freed.
    pub fn sweep(
        &self,
        shelf: Shelf,
        keep: &HashSet<String>,
        older_than: Option<std::time::SystemTime>,
    ) -> Result<u64, ClientError> {
        let dir = self.root.join(shelf.dir());
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(0);
        };
        let flying: HashSet<String> = self
            .in_flight
            .lock()
            .expect("lock")
            .keys()
            .cloned()
            .collect();
        let mut freed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let sha = name.strip_suffix(".part").unwrap_or(&name);
            if keep.contains(sha) || flying.contains(sha) {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            if let Some(limit) = older_than {
                if meta.modified().is_ok_and(|m| m >= limit) {
                    continue;
                }
            }
            fs::remove_file(entry.path()).map_err(|e| io(&entry.path(), e))?;
            freed += meta.len();
        }
        Ok(freed)
    }

    /// Bytes the files on `shelf` take (partial downloads included).
    pub fn bytes_on(&self, shelf: Shelf) -> u64 {
        fs::read_dir(self.root.join(shelf.dir()))
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Where a file is downloaded from: the server, the session's token and the file's API path
/// (such as [`portal_core::resources::file_path`]).
pub struct Source<'a> {
    pub api: &'a ServerApi,
    pub token: &'a SessionToken,
    pub path: &'a str,
}

/// Marks a file as downloading while it lives.
struct InFlight<'a> {
    map: &'a Mutex<HashMap<String, u64>>,
    sha: String,
}

impl<'a> InFlight<'a> {
    fn start(map: &'a Mutex<HashMap<String, u64>>, sha: &Sha256) -> Self {
        map.lock().expect("lock").insert(sha.as_str().to_owned(), 0);
        Self {
            map,
            sha: sha.as_str().to_owned(),
        }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.map.lock().expect("lock").remove(&self.sha);
    }
}

fn make_dir(dir: &Path) -> Result<(), ClientError> {
    fs::create_dir_all(dir).map_err(|e| io(dir, e))
}

/// The SHA-256 of bytes in memory.
pub fn sha256_of(bytes: &[u8]) -> Sha256 {
    Sha256::from_digest(&sha2::Sha256::digest(bytes).into())
}

/// The SHA-256 of a file's content (None when it cannot be read), read off the async threads.
pub async fn hash_file(path: &Path) -> Result<Option<Sha256>, ClientError> {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let Ok(mut file) = fs::File::open(&path) else {
            return None;
        };
        let mut hasher = sha2::Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buf[..n]),
                Err(_) => return None,
            }
        }
        Some(Sha256::from_digest(&hasher.finalize().into()))
    })
    .await
    .map_err(|e| ClientError::corrupt(format!("hashing a file failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha_of(content: &[u8]) -> Sha256 {
        Sha256::from_digest(&sha2::Sha256::digest(content).into())
    }

    #[tokio::test]
    async fn a_file_is_checked_before_use_and_a_damaged_copy_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::new(dir.path().to_owned());
        let sha = sha_of(b"hello");
        let path = blobs.path(Shelf::Kept, &sha);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"hello").unwrap();
        assert_eq!(
            blobs.verified(Shelf::Kept, &sha).await.unwrap(),
            Some(path.clone())
        );
        assert_eq!(blobs.bytes_on(Shelf::Kept), 5);
        fs::write(&path, b"hellO").unwrap();
        assert_eq!(blobs.verified(Shelf::Kept, &sha).await.unwrap(), None);
        assert!(!path.exists());
    }

    #[tokio::test]
    async fn a_sweep_keeps_what_is_needed() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::new(dir.path().to_owned());
        let (a, b) = (sha_of(b"a"), sha_of(b"b"));
        fs::create_dir_all(dir.path().join("kept")).unwrap();
        fs::write(blobs.path(Shelf::Kept, &a), b"a").unwrap();
        fs::write(blobs.part_path(Shelf::Kept, &b), b"bb").unwrap();
        let keep: HashSet<String> = [a.as_str().to_owned()].into();
        assert_eq!(blobs.sweep(Shelf::Kept, &keep, None).unwrap(), 2);
        assert!(blobs.holds(Shelf::Kept, &a));
        assert_eq!(blobs.bytes_on(Shelf::Kept), 1);
    }
}
