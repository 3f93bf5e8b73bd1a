//! Signing in and out: credentials, lockout, session expiry and revocation.

use crate::support::{database, Api};
use anyhow::Result;
use chrono::{Duration, Utc};
use portal_core::api::auth::Profile;
use portal_core::Role;
use portal_server::seed::DEMO_PASSWORD;
use portal_server::testing::TestServer;
use reqwest::Method;

#[tokio::test]
async fn sign_in_returns_a_token_and_the_profile() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);

    let before = Utc::now();
    // Email is case-folded and trimmed.
    let reply = api
        .try_login(" Admin@Northwind.Example ", DEMO_PASSWORD, false)
        .await?;
    assert_eq!(reply.status, 200, "{reply:?}");
    let login: portal_core::api::auth::LoginResponse = serde_json::from_value(reply.body)?;
    assert_eq!(login.token.expose().len(), 43, "32 random bytes, base64url");
    assert_eq!(login.profile.user.email, "admin@northwind.example");
    assert_eq!(login.profile.user.role, Role::Administrator);
    assert_eq!(login.profile.partner.name, "Northwind Solutions");
    let ttl = login.expires_at - before;
    assert!(
        ttl > Duration::hours(11) && ttl <= Duration::hours(12) + Duration::minutes(1),
        "{ttl}"
    );

    let me: Profile =
        serde_json::from_value(api.get("/api/v1/me", login.token.expose()).await?.body)?;
    assert_eq!(me.user.id, login.profile.user.id);
    assert!(me.user.last_sign_in.is_some(), "last sign-in is recorded");

    let remembered = api
        .try_login("sales@bluefin.example", DEMO_PASSWORD, true)
        .await?;
    let remembered: portal_core::api::auth::LoginResponse =
        serde_json::from_value(remembered.body)?;
    assert!(
        remembered.expires_at - before > Duration::days(29),
        "remember me lasts 30 days"
    );

    // Only the hash of the token is stored.
    let db = database(&server).await?;
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&db)
        .await?;
    assert!(!stored.iter().any(|h| h == login.token.expose()));
    assert!(stored.iter().all(|h| h.len() == 64));
    Ok(())
}

#[tokio::test]
async fn unknown_email_and_wrong_password_look_the_same() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let wrong = api
        .try_login("sales@northwind.example", "not-it", false)
        .await?;
    let unknown = api
        .try_login("nobody@northwind.example", DEMO_PASSWORD, false)
        .await?;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.kind(), "invalid_credentials");
    assert_eq!(wrong.body["message"], "The email or password is incorrect.");
    assert_eq!((unknown.status, &unknown.body), (wrong.status, &wrong.body));

    // A user who never registered has no password to match.
    let unregistered = api
        .try_login("jamie.lee@northwind.example", DEMO_PASSWORD, false)
        .await?;
    assert_eq!(unregistered.body, wrong.body);
    Ok(())
}

#[tokio::test]
async fn malformed_input_names_the_field() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let bad_email = api
        .try_login("sales-at-northwind", DEMO_PASSWORD, false)
        .await?;
    assert_eq!(bad_email.status, 422);
    assert_eq!(bad_email.kind(), "invalid_input");
    assert_eq!(bad_email.body["field"], "email");
    let no_password = api.try_login("sales@northwind.example", "", false).await?;
    assert_eq!(no_password.status, 422);
    assert_eq!(no_password.body["field"], "password");
    let not_json = api
        .call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({"email": 1})),
        )
        .await?;
    assert_eq!(not_json.status, 422);
    assert_eq!(not_json.kind(), "invalid_input");
    Ok(())
}

#[tokio::test]
async fn five_failures_lock_the_email_even_for_the_right_password() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let email = "sales@northwind.example";
    for attempt in 1..=5 {
        let r = api.try_login(email, "wrong", false).await?;
        assert_eq!(r.kind(), "invalid_credentials", "attempt {attempt}");
    }
    let locked = api.try_login(email, DEMO_PASSWORD, false).await?;
    assert_eq!(locked.status, 429);
    assert_eq!(locked.kind(), "locked_out");
    assert!(
        locked.body["message"]
            .as_str()
            .unwrap_or("")
            .contains("15 minutes"),
        "{locked:?}"
    );
    // Another email is not affected.
    assert_eq!(
        api.try_login("admin@northwind.example", DEMO_PASSWORD, false)
            .await?
            .status,
        200
    );
    // Unknown emails lock the same way, revealing nothing.
    for _ in 0..5 {
        api.try_login("ghost@northwind.example", "x", false).await?;
    }
    assert_eq!(
        api.try_login("ghost@northwind.example", "x", false)
            .await?
            .kind(),
        "locked_out"
    );

    // When the lockout has run out, the right password works again.
    let db = database(&server).await?;
    sqlx::query("UPDATE login_attempts SET locked_until = '2000-01-01T00:00:00.000Z'")
        .execute(&db)
        .await?;
    assert_eq!(
        api.try_login(email, DEMO_PASSWORD, false).await?.status,
        200
    );
    Ok(())
}

#[tokio::test]
async fn a_successful_sign_in_resets_the_failure_count() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let email = "admin@bluefin.example";
    for _ in 0..4 {
        api.try_login(email, "wrong", false).await?;
    }
    assert_eq!(
        api.try_login(email, DEMO_PASSWORD, false).await?.status,
        200
    );
    for _ in 0..4 {
        assert_eq!(
            api.try_login(email, "wrong", false).await?.kind(),
            "invalid_credentials"
        );
    }
    assert_eq!(
        api.try_login(email, DEMO_PASSWORD, false).await?.status,
        200,
        "4 + 4 is not 5 in a row"
    );
    Ok(())
}

#[tokio::test]
async fn logout_revokes_the_token() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("marketing@northwind.example").await?;
    let other = api.token("marketing@northwind.example").await?;
    let out = api
        .call(Method::POST, "/api/v1/auth/logout", Some(&token), None)
        .await?;
    assert_eq!(out.status, 204);
    let me = api.get("/api/v1/me", &token).await?;
    assert_eq!(me.status, 401);
    assert_eq!(me.kind(), "session_expired");
    let again = api
        .call(Method::POST, "/api/v1/auth/logout", Some(&token), None)
        .await?;
    assert_eq!(again.kind(), "session_expired");
    assert_eq!(
        api.get("/api/v1/me", &other).await?.status,
        200,
        "only that session is revoked"
    );
    Ok(())
}

#[tokio::test]
async fn an_expired_session_must_sign_in_again() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("dealreg@northwind.example").await?;
    assert_eq!(api.get("/api/v1/news", &token).await?.status, 200);
    let db = database(&server).await?;
    sqlx::query("UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z'")
        .execute(&db)
        .await?;
    let r = api.get("/api/v1/news", &token).await?;
    assert_eq!((r.status.as_u16(), r.kind()), (401, "session_expired"));
    Ok(())
}

#[tokio::test]
async fn the_session_lifetime_is_configurable() -> Result<()> {
    // A zero lifetime expires at once: no sleeping needed.
    let server = TestServer::spawn_seeded_with(|c| c.sessions.ttl_secs = 0).await?;
    let api = Api::new(&server);
    let token = api.token("sales@northwind.example").await?;
    assert_eq!(
        api.get("/api/v1/me", &token).await?.kind(),
        "session_expired"
    );
    Ok(())
}

#[tokio::test]
async fn missing_or_malformed_credentials_are_unauthenticated() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let none = api.call(Method::GET, "/api/v1/me", None, None).await?;
    assert_eq!(
        (none.status.as_u16(), none.kind()),
        (401, "unauthenticated")
    );
    let basic = reqwest::Client::new()
        .get(format!("{}/api/v1/me", api.base))
        .basic_auth("admin@northwind.example", Some(DEMO_PASSWORD))
        .send()
        .await?;
    assert_eq!(basic.status(), 401);
    let body: serde_json::Value = basic.json().await?;
    assert_eq!(body["kind"], "unauthenticated");
    let forged = api
        .get("/api/v1/me", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await?;
    assert_eq!(forged.kind(), "session_expired");
    Ok(())
}
