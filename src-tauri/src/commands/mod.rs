//! The commands the UI may invoke, one module per menu group. Each takes its arguments as the one
//! `args` value that `portal_core::shell::commands` declares, calls one `portal-client` method and
//! maps the error: a renamed argument fails to compile here and in the UI alike.

pub mod account;
pub mod company;
pub mod customers;
pub mod home;
pub mod pending;
pub mod pims;
pub mod quotes;
pub mod resources;
pub mod sales;
pub mod session;

use crate::error::ShellResult;
use portal_core::shell::commands::Command;

/// What command `C` answers.
pub type Answer<C> = ShellResult<<C as Command>::Output>;

/// Registers the handler of every command, checking at compile time that each function bears its
/// command's name, and lists the names registered (for the test that holds them to
/// `portal_core::shell::commands::NAMES`).
macro_rules! handlers {
    ($($module:ident :: $function:ident => $command:ty),+ $(,)?) => {{
        $(
            const _: () = assert!(
                $crate::commands::same(stringify!($function), <$command as portal_core::shell::commands::Command>::NAME),
                concat!("the handler `", stringify!($function), "` is not named after its command"),
            );
        )+
        (
            tauri::generate_handler![$($crate::commands::$module::$function),+],
            &[$(stringify!($function)),+] as &[&str],
        )
    }};
}
pub(crate) use handlers;

/// `a == b`, at compile time.
pub const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
