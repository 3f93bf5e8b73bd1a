//! The bytes of the marketing resources' files, on disk beside the database: `files/ab/abcd…` in
//! the data directory, named by their SHA-256 (so a file is stored once, however many items list
//! it, and what is read back can be checked against its name). A file is written to `files/tmp/`
//! first and renamed into place once whole, so a reader never sees half a file and a crash leaves
//! only a temporary file behind. What the database knows of each file is in [`super::resources`].

use crate::error::Result;
use portal_core::resources::Sha256;
use sha2::Digest;
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// The folder of the files.
#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
}

impl Blobs {
    /// The store in `<dir>/files`, beside a database in `dir`.
    pub fn beside(dir: &Path) -> Blobs {
        Blobs {
            root: dir.join("files"),
        }
    }

    /// Where the file with these bytes lives (whether it is there or not).
    pub fn path(&self, sha256: &Sha256) -> PathBuf {
        let hex = sha256.as_str();
        self.root.join(&hex[..2]).join(hex)
    }

    /// Whether the file is there.
    pub async fn has(&self, sha256: &Sha256) -> bool {
        tokio::fs::try_exists(self.path(sha256))
            .await
            .unwrap_or(false)
    }

    /// Opens the file for reading, with its length; `None` when it is not there.
    pub async fn open(&self, sha256: &Sha256) -> Result<Option<(tokio::fs::File, u64)>> {
        match tokio::fs::File::open(self.path(sha256)).await {
            Ok(file) => {
                let len = file.metadata().await?.len();
                Ok(Some((file, len)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Stores `bytes` (nothing is written when they are there already); their hash.
    pub async fn put(&self, bytes: &[u8]) -> Result<Sha256> {
        let sha256 = hash(bytes);
        if !self.has(&sha256).await {
            let mut w = self.writer().await?;
            w.write(bytes).await?;
            w.finish().await?;
        }
        Ok(sha256)
    }

    /// A file being written piece by piece (an upload as it arrives).
    pub async fn writer(&self) -> Result<BlobWriter> {
        let tmp = self.root.join("tmp");
        tokio::fs::create_dir_all(&tmp).await?;
        let path = tmp.join(uuid::Uuid::new_v4().to_string());
        let file = tokio::fs::File::create(&path).await?;
        Ok(BlobWriter {
            root: self.root.clone(),
            path,
            file: Some(file),
            hasher: sha2::Sha256::new(),
            size: 0,
        })
    }
}

/// The SHA-256 of `bytes`.
pub fn hash(bytes: &[u8]) -> Sha256 {
    Sha256::from_digest(&sha2::Sha256::digest(bytes).into())
}

/// A file being written: hashed as it goes, renamed to its hash by [`finish`](Self::finish).
/// Dropped unfinished, its temporary file is removed.
pub struct BlobWriter {
    root: PathBuf,
    path: PathBuf,
    file: Option<tokio::fs::File>,
    hasher: sha2::Sha256,
    size: u64,
}

impl BlobWriter {
    /// Appends `bytes`.
    pub async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(file) = &mut self.file {
            file.write_all(bytes).await?;
        }
        self.hasher.update(bytes);
        self.size += bytes.len() as u64;
        Ok(())
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Flushes the file to disk and moves it to its place; its hash and size.
    pub async fn finish(mut self) -> Result<(Sha256, u64)> {
        let sha256 = Sha256::from_digest(&std::mem::take(&mut self.hasher).finalize().into());
        if let Some(mut file) = self.file.take() {
            file.flush().await?;
            file.sync_all().await?;
        }
        let target = Blobs {
            root: self.root.clone(),
        }
        .path(&sha256);
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::rename(&self.path, &target).await?;
        Ok((sha256, self.size))
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        // After `finish` the temporary file has been renamed away and this finds nothing.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_stored_once_under_its_hash_and_half_a_file_is_never_seen() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::beside(dir.path());
        let a = blobs.put(b"abc").await.unwrap();
        assert_eq!(
            a.as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(std::fs::read(blobs.path(&a)).unwrap(), b"abc");
        assert!(blobs
            .path(&a)
            .ends_with("ba/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        assert_eq!(blobs.put(b"abc").await.unwrap(), a);

        let mut w = blobs.writer().await.unwrap();
        w.write(b"half").await.unwrap();
        let pending = hash(b"half a file");
        assert!(!blobs.has(&pending).await);
        drop(w);
        let tmp: Vec<_> = std::fs::read_dir(dir.path().join("files/tmp"))
            .unwrap()
            .collect();
        assert!(tmp.is_empty(), "an unfinished file leaves nothing behind");
    }
}
