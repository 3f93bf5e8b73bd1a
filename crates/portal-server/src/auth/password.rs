//! Password hashing with argon2id (PHC strings), run off the async threads because it is slow on purpose.

use crate::error::{Error, Result};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

/// Hashes a password into a PHC string (argon2id, default parameters, random salt).
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::PasswordHash(e.to_string()))
}

/// Whether `password` matches the PHC string `phc`. A malformed stored hash is an error, not a "no".
pub fn verify(password: &str, phc: &str) -> Result<bool> {
    let parsed = PasswordHash::new(phc).map_err(|e| Error::PasswordHash(e.to_string()))?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(Error::PasswordHash(e.to_string())),
    }
}

/// Checks `password` against the stored hash, or against a throwaway hash when there is none, so an
/// unknown email takes as long as a wrong password and the timing does not reveal who has an account.
pub async fn verify_or_waste_time(password: String, phc: Option<String>) -> Result<bool> {
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify(&password, &phc),
        None => {
            let _ = verify(&password, dummy_hash()?);
            Ok(false)
        }
    })
    .await
    .map_err(|e| Error::PasswordHash(format!("verification task failed: {e}")))?
}

fn dummy_hash() -> Result<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h);
    }
    let h = hash("not a real password; equalises timing")?;
    Ok(DUMMY.get_or_init(|| h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_salted() {
        let a = hash("Portal-Demo-2026").unwrap();
        let b = hash("Portal-Demo-2026").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("Portal-Demo-2026", &a).unwrap());
        assert!(!verify("portal-demo-2026", &a).unwrap());
        assert!(verify("x", "not a phc string").is_err());
    }
}
