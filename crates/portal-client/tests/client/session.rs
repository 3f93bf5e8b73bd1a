//! The real client against the real server on 127.0.0.1:0 with a fresh, seeded database.

use anyhow::Result;
use portal_client::{http::ServerApi, Portal};
use portal_core::{
    shell::{commands::SignIn, Connection},
    ErrorKind, Role,
};
use portal_server::{seed::DEMO_PASSWORD, testing::TestServer};

fn args(server: &TestServer, email: &str, password: &str) -> SignIn {
    SignIn {
        server_url: server.base_url(),
        email: email.into(),
        password: password.into(),
        remember: true,
    }
}

#[tokio::test]
async fn sign_in_then_resume_online_and_offline_from_the_cache() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let portal = Portal::open(dir.path()).await?;

    let signed_in = portal
        .sign_in(args(&server, "  Admin@Northwind.Example ", DEMO_PASSWORD))
        .await?;
    assert_eq!(signed_in.view.profile.user.role, Role::Administrator);
    assert_eq!(signed_in.view.profile.partner.name, "Northwind Solutions");
    assert_eq!(signed_in.view.connection, Connection::Online);
    let partner = portal.partner_details().await?;
    assert!(!partner.from_cache);
    assert!(
        !partner.data.account_team.is_empty(),
        "the seeded firm has an account team"
    );
    assert_eq!(portal.connection().await, Connection::Online);

    // A fresh app instance on the same cache resumes online...
    drop(portal);
    let portal = Portal::open(dir.path()).await?;
    let view = portal.resume(signed_in.stored.clone()).await?;
    assert_eq!(view.connection, Connection::Online);

    // ...and, with the server down, offline from what it cached.
    server.stop().await?;
    drop(portal);
    let portal = Portal::open(dir.path()).await?;
    let view = portal.resume(signed_in.stored.clone()).await?;
    assert_eq!(view.connection, Connection::Offline);
    assert_eq!(view.profile.user.email, "admin@northwind.example");
    let cached = portal.partner_details().await?;
    assert!(cached.from_cache, "offline reads come from the cache");
    assert_eq!(cached.data, partner.data);
    assert_eq!(portal.connection().await, Connection::Offline);
    // Never fetched while online: nothing to show, and the error says why.
    assert_eq!(portal.news().await.unwrap_err().kind(), ErrorKind::Offline);
    Ok(())
}

#[tokio::test]
async fn bad_sign_ins_say_what_is_wrong() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let portal = Portal::open(dir.path()).await?;

    let wrong = portal
        .sign_in(args(&server, "sales@northwind.example", "wrong"))
        .await
        .unwrap_err();
    assert_eq!(wrong.kind(), ErrorKind::InvalidCredentials);
    assert!(wrong.to_string().contains("incorrect"), "{wrong}");

    let malformed = portal
        .sign_in(args(&server, "sales-at-northwind", DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(malformed.kind(), ErrorKind::InvalidInput);
    assert_eq!(malformed.to_api_error().field.as_deref(), Some("email"));

    let no_password = portal
        .sign_in(args(&server, "sales@northwind.example", ""))
        .await
        .unwrap_err();
    assert_eq!(
        no_password.to_api_error().field.as_deref(),
        Some("password")
    );

    server.stop().await?;
    let offline = portal
        .sign_in(args(&server, "sales@northwind.example", DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(offline.kind(), ErrorKind::Offline);
    assert!(offline.to_api_error().message.contains("cannot be reached"));
    Ok(())
}

#[tokio::test]
async fn sign_out_revokes_the_token_and_forgets_the_cache() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let portal = Portal::open(dir.path()).await?;
    let signed_in = portal
        .sign_in(args(&server, "sales@bluefin.example", DEMO_PASSWORD))
        .await?;
    portal.news().await?;

    portal.sign_out(false).await?;
    let api = ServerApi::new(&server.base_url());
    assert_eq!(
        api.me(&signed_in.stored.token).await.unwrap_err().kind(),
        ErrorKind::SessionExpired
    );

    // The revoked session cannot be resumed, and nothing of it is left to read offline.
    let err = portal.resume(signed_in.stored.clone()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SessionExpired);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM snapshot WHERE scope = ?1")
        .bind(signed_in.stored.user_id.to_string())
        .fetch_one(portal.cache().pool())
        .await?;
    assert_eq!(left, 0);
    Ok(())
}

#[tokio::test]
async fn only_administrators_read_the_user_list() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let portal = Portal::open(dir.path()).await?;
    portal
        .sign_in(args(&server, "sales@northwind.example", DEMO_PASSWORD))
        .await?;
    assert_eq!(
        portal.users().await.unwrap_err().kind(),
        ErrorKind::Forbidden
    );
    portal.sign_out(false).await?;

    portal
        .sign_in(args(&server, "admin@northwind.example", DEMO_PASSWORD))
        .await?;
    let users = portal.users().await?.data;
    assert!(users.iter().any(|u| u.role == Role::Sales));
    assert!(
        users
            .iter()
            .all(|u| u.email.ends_with("@northwind.example")),
        "only the caller's firm"
    );
    Ok(())
}
