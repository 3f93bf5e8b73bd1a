//! Small inline SVG icons (no icon font or CDN: the app works offline).

use yew::prelude::*;

fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"
            focusable="false" fill="none" stroke="currentColor" stroke-width="2"
            stroke-linecap="round" stroke-linejoin="round">
            <path d={path} />
        </svg>
    }
}

pub fn menu() -> Html {
    icon("M4 6h16M4 12h16M4 18h16")
}
pub fn close() -> Html {
    icon("M6 6l12 12M18 6L6 18")
}
pub fn help() -> Html {
    icon("M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01")
}
pub fn chevron_down() -> Html {
    icon("M6 9l6 6 6-6")
}
pub fn chevron_right() -> Html {
    icon("M9 6l6 6-6 6")
}
pub fn external() -> Html {
    icon("M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5")
}
pub fn info() -> Html {
    icon("M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 16v-4M12 8h.01")
}
pub fn alert() -> Html {
    icon("M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z")
}
pub fn cloud_off() -> Html {
    icon("M2 2l20 20M5.8 5.8A7 7 0 0 0 6 19h11M21.5 16.5A4.5 4.5 0 0 0 17 10h-1.3A7 7 0 0 0 9 5.3")
}
pub fn construction() -> Html {
    icon("M3 21h18M5 21V8l7-5 7 5v13M9 21v-6h6v6")
}
pub fn home() -> Html {
    icon("M3 11l9-8 9 8M5 10v10h14V10")
}
pub fn log_out() -> Html {
    icon("M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9")
}
pub fn user() -> Html {
    icon("M20 21a8 8 0 0 0-16 0M12 13a4 4 0 1 0 0-8 4 4 0 0 0 0 8z")
}
pub fn building() -> Html {
    icon("M4 21V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v17M16 9h3a1 1 0 0 1 1 1v11M2 21h20M8 7h4M8 11h4M8 15h4")
}
pub fn users() -> Html {
    icon("M17 21a6 6 0 0 0-12 0M11 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM22 21a5 5 0 0 0-4-4.9M16 3.1a4 4 0 0 1 0 7.8")
}
pub fn mail() -> Html {
    icon("M3 5h18v14H3zM3 6l9 7 9-7")
}
pub fn phone() -> Html {
    icon("M22 16.9v3a2 2 0 0 1-2.2 2A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z")
}
pub fn trending() -> Html {
    icon("M3 17l6-6 4 4 8-8M15 7h6v6")
}
pub fn folder() -> Html {
    icon("M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z")
}
pub fn graduation() -> Html {
    icon("M22 9L12 4 2 9l10 5 10-5zM6 11v5c3 2 9 2 12 0v-5M22 9v6")
}
pub fn chat() -> Html {
    icon("M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z")
}
pub fn rss() -> Html {
    icon("M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16M5 19h.01")
}
pub fn search() -> Html {
    icon("M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.35-4.35")
}
pub fn refresh() -> Html {
    icon("M21 12a9 9 0 0 1-15.4 6.4L3 16M3 12a9 9 0 0 1 15.4-6.4L21 8M21 3v5h-5M3 21v-5h5")
}
pub fn plus() -> Html {
    icon("M12 5v14M5 12h14")
}
pub fn edit() -> Html {
    icon("M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z")
}
pub fn trash() -> Html {
    icon("M3 6h18M8 6V4a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v2M19 6l-1 14a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1L5 6M10 11v6M14 11v6")
}
pub fn check() -> Html {
    icon("M20 6L9 17l-5-5")
}
pub fn check_circle() -> Html {
    icon("M22 11.1V12a10 10 0 1 1-5.9-9.1M22 4L12 14l-3-3")
}
pub fn clock() -> Html {
    icon("M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2")
}
pub fn chevron_left() -> Html {
    icon("M15 6l-6 6 6 6")
}
pub fn send() -> Html {
    icon("M22 2L11 13M22 2l-7 20-4-9-9-4z")
}
pub fn sort() -> Html {
    icon("M8 9l4-4 4 4M8 15l4 4 4-4")
}
pub fn sort_up() -> Html {
    icon("M8 14l4-4 4 4")
}
pub fn sort_down() -> Html {
    icon("M8 10l4 4 4-4")
}
pub fn shield() -> Html {
    icon("M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10zM9 12l2 2 4-4")
}
pub fn download() -> Html {
    icon("M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M7 10l5 5 5-5M12 15V3")
}
pub fn file() -> Html {
    icon("M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6")
}
pub fn paperclip() -> Html {
    icon("M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5")
}
pub fn copy() -> Html {
    icon("M20 9h-9a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h9a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2zM5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1")
}
pub fn cart() -> Html {
    icon("M9 22a1 1 0 1 0 0-2 1 1 0 0 0 0 2zM20 22a1 1 0 1 0 0-2 1 1 0 0 0 0 2zM1 1h4l2.7 13.4a2 2 0 0 0 2 1.6h9.7a2 2 0 0 0 2-1.6L23 6H6")
}
pub fn file_text() -> Html {
    icon("M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6M16 13H8M16 17H8M10 9H8")
}
pub fn image() -> Html {
    icon("M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zM8.5 10a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM21 15l-5-5L5 21")
}
pub fn archive() -> Html {
    icon("M21 8v13H3V8M1 3h22v5H1zM10 12h4")
}
pub fn table_sheet() -> Html {
    icon("M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM3 9h18M3 15h18M9 3v18")
}
pub fn presentation() -> Html {
    icon("M2 3h20M4 3v11a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1V3M12 15v4M8 21l4-2 4 2")
}
pub fn video() -> Html {
    icon("M23 7l-7 5 7 5zM3 5h11a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z")
}
pub fn briefcase() -> Html {
    icon("M4 7h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2zM16 21V5a2 2 0 0 0-2-2h-4a2 2 0 0 0-2 2v16")
}
pub fn open_in() -> Html {
    icon("M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6M15 3h6v6M10 14L21 3")
}
pub fn share() -> Html {
    icon("M18 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 22a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8.6 13.5l6.8 4M15.4 6.5l-6.8 4")
}
pub fn bell() -> Html {
    icon("M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0")
}

pub fn megaphone() -> Html {
    icon("M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13")
}

pub fn inbox() -> Html {
    icon("M22 12h-6l-2 3h-4l-2-3H2M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11")
}

pub fn link() -> Html {
    icon("M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71")
}

pub fn upload() -> Html {
    icon("M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M17 8l-5-5-5 5M12 3v12")
}
