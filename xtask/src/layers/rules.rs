//! The layers of each crate, lowest first: a module may name modules of its own layer or below,
//! never above. Read `a ← b` as: b may use a.

/// One layer: the top-level modules (or module paths, such as `pages`) it holds.
pub struct Layer {
    pub name: &'static str,
    pub modules: &'static [&'static str],
    /// Each child of these modules is a world of its own (a menu group): it may not name a sibling
    /// group. What two groups need moves down a layer.
    pub isolated: bool,
}

/// A crate's source folder and its layers.
pub struct CrateLayers {
    pub name: &'static str,
    pub src: &'static str,
    pub layers: &'static [Layer],
    /// External crates only the modules listed may name: a seam (`sqlx` in the server's storage).
    pub confined: &'static [(&'static str, &'static [&'static str])],
}

const fn layer(name: &'static str, modules: &'static [&'static str]) -> Layer {
    Layer {
        name,
        modules,
        isolated: false,
    }
}

const fn groups(name: &'static str, modules: &'static [&'static str]) -> Layer {
    Layer {
        name,
        modules,
        isolated: true,
    }
}

/// Every crate the check reads. The crate root (`lib.rs`, `main.rs`) sits above every layer.
pub const CRATES: &[CrateLayers] = &[
    CrateLayers {
        name: "portal-client",
        src: "crates/portal-client/src",
        layers: &[
            layer("error and transport", &["error", "http"]),
            layer("store", &["store"]),
            layer("replica", &["replica"]),
            layer("lists", &["lists"]),
            layer("sync", &["sync"]),
            // The service, then signing in and out on it: session names the service's types
            // (`Portal`, the session it holds), never the reverse.
            layer("portal", &["portal"]),
            layer("session", &["session"]),
            groups("features", &["features"]),
            layer("test helpers", &["testing"]),
        ],
        confined: &[],
    },
    CrateLayers {
        name: "portal-ui",
        src: "ui/src",
        layers: &[
            // The typed calls into the shell, and what the shell gives every page: anything may use them.
            layer("context", &["api", "context", "format", "theme"]),
            layer("hooks", &["hooks"]),
            layer("components", &["components"]),
            groups("pages", &["pages"]),
            layer("shell", &["shell", "sign_in"]),
            layer("app", &["app"]),
        ],
        confined: &[],
    },
    CrateLayers {
        name: "portal-server",
        src: "crates/portal-server/src",
        layers: &[
            layer("settings", &["error", "config", "clock", "telemetry"]),
            layer("storage", &["storage"]),
            layer("state", &["state"]),
            layer(
                "rules and jobs",
                &["auth", "sync", "vendor", "attachments", "seed"],
            ),
            layer("routes", &["routes"]),
            layer("startup", &["startup"]),
            layer("test helpers", &["testing"]),
        ],
        // Every SQL statement sits behind the storage seam, so a second engine is a second
        // implementation of `storage`, not a rewrite of the handlers.
        confined: &[("sqlx", &["storage"])],
    },
];
