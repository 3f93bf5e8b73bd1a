//! The names of the firm's users as far as this user knows them (their own from sign-in, the
//! others' from the user list): the owner column of the lists, a customer's owner, who prepared a
//! printed quote.

use crate::error::ClientError;
use sqlx::SqliteConnection;

/// Records a user's name, renaming the list rows of the prospects they own (the prospect list
/// carries the owner's name so that it sorts by it without a join).
pub async fn put_person(
    conn: &mut SqliteConnection,
    scope: &str,
    user_id: &str,
    name: &str,
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO person (scope, user_id, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (scope, user_id) DO UPDATE SET name = excluded.name",
    )
    .bind(scope)
    .bind(user_id)
    .bind(name)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE prospect SET owner_name = ?3 WHERE scope = ?1 AND owner_id = ?2 AND owner_name <> ?3",
    )
    .bind(scope)
    .bind(user_id)
    .bind(name)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The name of a firm's user, as the cache knows it.
pub async fn person(
    conn: &mut SqliteConnection,
    scope: &str,
    user_id: &str,
) -> Result<Option<String>, ClientError> {
    Ok(
        sqlx::query_scalar("SELECT name FROM person WHERE scope = ?1 AND user_id = ?2")
            .bind(scope)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}
