//! Search grams: the short-search counts of the prospect list (`prospect_gram`), for searches of
//! one or two characters that the trigram index cannot answer. Triggers on the prospect list stage
//! each arriving or leaving row (`prospect_gram_stage`); the stage is counted in memory and folded
//! into the counts with one statement, at the end of each pull page and before a search reads
//! them.

use crate::{error::ClientError, store::read};
use sqlx::SqliteConnection;
use std::hash::{BuildHasherDefault, Hasher};

/// Positions a gram may start at (search texts are cut to 1,000 characters plus the two U+0001;
/// the counts were once folded in SQL over a table of positions 1..=1024, and still agree with it).
const GRAM_POSITIONS: usize = 1_024;

/// A gram of one or two characters, or the empty one (which every row contains once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Gram(u32, u32);

impl Gram {
    const NONE: u32 = u32::MAX;
    const EMPTY: Gram = Gram(Self::NONE, Self::NONE);

    fn text(self) -> String {
        [self.0, self.1]
            .into_iter()
            .filter_map(char::from_u32)
            .collect()
    }
}

/// A hasher for small integer keys (the std one resists crafted keys, which these are not, at
/// several times the cost: it showed in a first sync's profile).
#[derive(Debug, Default, Clone, Copy)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Changes to the short-search counts (`prospect_gram`), added up in memory and stored with one
/// statement: each row adds (or, leaving, takes away) one for each distinct string of one or two
/// characters its search text contains, and one for the empty string.
#[derive(Debug, Default)]
pub struct GramCounts {
    /// (scope, owner) pairs, numbered, so that the keys below hold no strings.
    names: Vec<(String, String)>,
    index: std::collections::HashMap<(String, String), u32>,
    counts: std::collections::HashMap<(u32, Gram, i64), i64, BuildHasherDefault<FastHasher>>,
    grams: Vec<Gram>,
}

impl GramCounts {
    /// Counts one row's grams with `sign` (+1 arriving, -1 leaving).
    pub fn add(&mut self, scope: &str, search: &str, status_rank: i64, owner_id: &str, sign: i64) {
        let key = (scope.to_owned(), owner_id.to_owned());
        let who = match self.index.get(&key) {
            Some(i) => *i,
            None => {
                let i = self.names.len() as u32;
                self.names.push(key.clone());
                self.index.insert(key, i);
                i
            }
        };
        self.grams.clear();
        self.grams.push(Gram::EMPTY);
        let mut previous: Option<char> = None;
        for (n, c) in search.chars().enumerate() {
            if let Some(p) = previous {
                // The two characters starting at position n - 1.
                self.grams.push(Gram(p as u32, c as u32));
            }
            if n >= GRAM_POSITIONS {
                break;
            }
            self.grams.push(Gram(c as u32, Gram::NONE));
            previous = Some(c);
        }
        self.grams.sort_unstable();
        self.grams.dedup();
        for g in &self.grams {
            *self.counts.entry((who, *g, status_rank)).or_insert(0) += sign;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.values().all(|n| *n == 0)
    }

    /// The changed counts as a JSON array of `[scope, gram, status_rank, owner_id, n]`: what
    /// [`GramCounts::STORE_SQL`] takes.
    pub fn rows_json(&self) -> String {
        let rows: Vec<(&str, String, i64, &str, i64)> = self
            .counts
            .iter()
            .filter(|(_, n)| **n != 0)
            .map(|((who, gram, rank), n)| {
                let (scope, owner) = &self.names[*who as usize];
                (scope.as_str(), gram.text(), *rank, owner.as_str(), *n)
            })
            .collect();
        serde_json::to_string(&rows).expect("counts serialize")
    }

    /// The upsert that adds `?1` (see [`GramCounts::rows_json`]) to the counts.
    pub const STORE_SQL: &'static str =
        "INSERT INTO prospect_gram (scope, gram, status_rank, owner_id, n)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
           FROM json_each(?1) AS j WHERE true
         ON CONFLICT (scope, gram, status_rank, owner_id) DO UPDATE SET n = n + excluded.n";

    /// Adds the counted changes to `prospect_gram`.
    pub async fn store(&self, conn: &mut SqliteConnection) -> Result<(), ClientError> {
        if self.is_empty() {
            return Ok(());
        }
        sqlx::query(Self::STORE_SQL)
            .bind(self.rows_json())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

/// Folds the rows staged by the prospect triggers into the short-search counts: the grams are
/// counted in memory and stored with one upsert. Cheap when nothing is staged; run at the end of
/// each pull page and before a search reads the counts.
pub async fn settle_grams(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    // One text for the whole stage: far cheaper to read than a row per staged prospect.
    let staged: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(scope, search, status_rank, owner_id, sign))
         FROM prospect_gram_stage",
    )
    .fetch_one(&mut *conn)
    .await?;
    let staged: Vec<(String, String, i64, String, i64)> = read::json(&staged)?;
    if staged.is_empty() {
        return Ok(());
    }
    let mut counts = GramCounts::default();
    for (scope, search, status_rank, owner_id, sign) in &staged {
        counts.add(scope, search, *status_rank, owner_id, *sign);
    }
    counts.store(conn).await?;
    sqlx::query("DELETE FROM prospect_gram_stage")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether changed prospects wait to be folded into the short-search counts.
pub async fn grams_staged(conn: &mut SqliteConnection) -> Result<bool, ClientError> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM prospect_gram_stage)")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Forgets the scope's short-search counts and anything staged for them (its prospects are gone).
pub async fn forget_grams(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    for table in ["prospect_gram_stage", "prospect_gram"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1"))
            .bind(scope)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Cache;

    /// How the counts were folded before they were counted in memory, over a table of positions
    /// 1..=1024: the reference.
    const POSITIONS_SQL: &str = "CREATE TEMP TABLE position (n INTEGER PRIMARY KEY);
        INSERT INTO position (n)
            WITH RECURSIVE p (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 1024)
            SELECT n FROM p";
    const GRAM_FOLD_SQL: &str = "INSERT INTO prospect_gram (scope, gram, status_rank, owner_id, n)
         SELECT scope, gram, status_rank, owner_id, SUM(sign) FROM (
             SELECT DISTINCT s.rowid AS r, s.scope, substr(s.search, position.n, k.k) AS gram,
                    s.status_rank, s.owner_id, s.sign
               FROM prospect_gram_stage AS s, (SELECT 1 AS k UNION ALL SELECT 2) AS k, position
              WHERE position.n <= length(s.search) - k.k + 1
             UNION ALL
             SELECT s.rowid, s.scope, '', s.status_rank, s.owner_id, s.sign
               FROM prospect_gram_stage AS s
         ) WHERE true
         GROUP BY scope, gram, status_rank, owner_id HAVING SUM(sign) <> 0
         ON CONFLICT (scope, gram, status_rank, owner_id) DO UPDATE SET n = n + excluded.n";

    async fn counts(conn: &mut SqliteConnection) -> Vec<(String, String, i64, String, i64)> {
        sqlx::query_as(
            "SELECT scope, gram, status_rank, owner_id, n FROM prospect_gram WHERE n <> 0
             ORDER BY scope, gram, status_rank, owner_id",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn grams_counted_in_memory_equal_the_sql_fold() {
        let long: String = "ab\u{e9}".repeat(400) + "\u{1}\u{1}";
        let texts = [
            "contoso ltd contoso.example ann smith \u{1}\u{1}",
            "z\u{f6}e m\u{fc}ller \u{d8}ster aa aaa \u{1}\u{1}",
            "x",
            "",
            "\u{1f600}\u{1f600} emoji \u{1}\u{1}",
            long.as_str(),
        ];
        let mut results = Vec::new();
        for in_memory in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
            let mut conn = cache.pool().acquire().await.unwrap();
            sqlx::raw_sql(POSITIONS_SQL)
                .execute(&mut *conn)
                .await
                .unwrap();
            // Two rounds, the second taking some rows away again, as updates and deletes do.
            for (round, sign) in [(0, 1i64), (1, -1), (2, 1)] {
                for (i, text) in texts.iter().enumerate() {
                    if sign < 0 && i % 2 == 0 {
                        continue;
                    }
                    let scope = if i % 3 == 0 { "s1" } else { "s2" };
                    let owner = format!("owner-{}", (i + round) % 2);
                    sqlx::query("INSERT INTO prospect_gram_stage VALUES (?1, ?2, ?3, ?4, ?5)")
                        .bind(scope)
                        .bind(*text)
                        .bind((i % 4) as i64)
                        .bind(&owner)
                        .bind(sign)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
                if in_memory {
                    settle_grams(&mut conn).await.unwrap();
                } else {
                    sqlx::query(GRAM_FOLD_SQL)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                    sqlx::query("DELETE FROM prospect_gram_stage")
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
            }
            results.push(counts(&mut conn).await);
        }
        assert!(!results[0].is_empty());
        assert_eq!(results[0], results[1]);
    }
}
