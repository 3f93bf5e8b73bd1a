//! How long the sample quote takes to render and how big the PDF is: the median of many renders
//! of each copy, against the figures of the engine this crate had before (see `BEFORE`).
//!
//! `cargo bench -p portal-pdf --bench render` (optionally followed by `-- RUNS`).

#[path = "../examples/sample/mod.rs"]
mod sample;

use portal_pdf::{render, render_with_logo, Audience, Image, QuoteDocument};
use std::time::{Duration, Instant};

/// The hand-written PDF 1.4 writer with the standard Helvetica (nothing embedded, WinAnsi text),
/// measured with this program on the same machine just before it was replaced, at the commit
/// that added this benchmark: median microseconds and bytes.
const BEFORE_CUSTOMER: (f64, usize) = (146.0, 9115);
const BEFORE_INTERNAL: (f64, usize) = (169.0, 11250);

/// A row of the report: what is rendered, and the figures from before, if there are any.
type Case<'a> = (
    &'a str,
    &'a QuoteDocument,
    Option<&'a Image>,
    Option<(f64, usize)>,
);

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(101);
    let logo = Image::from_bytes(sample::LOGO_PNG.to_vec()).expect("the sample logo");
    let customer = sample::quote();
    let internal = QuoteDocument {
        audience: Audience::Internal,
        draft: true,
        ..customer.clone()
    };
    let cases: [Case<'_>; 3] = [
        ("customer", &customer, None, Some(BEFORE_CUSTOMER)),
        ("internal draft", &internal, None, Some(BEFORE_INTERNAL)),
        ("customer + logo", &customer, Some(&logo), None),
    ];
    println!("portal-pdf: the sample quote, median of {runs} renders");
    for (name, doc, logo, before) in cases {
        let once = || match logo {
            Some(logo) => render_with_logo(std::hint::black_box(doc), logo),
            None => render(std::hint::black_box(doc)),
        };
        // One render first, so the fonts are parsed, as they are in a running app after the
        // first quote; the very first one shows what that parsing costs.
        let start = Instant::now();
        let bytes = once().len();
        let first = start.elapsed().as_secs_f64() * 1e6;
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(once());
                start.elapsed()
            })
            .collect();
        let us = median(times).as_secs_f64() * 1e6;
        print!("{name:>16}: {us:>7.1} µs {bytes:>6} bytes (first: {first:>7.1} µs)");
        if let Some((before_us, before_bytes)) = before {
            print!(
                "   before: {before_us:>6.1} µs {before_bytes:>6} bytes   ratio: {:.1}x time, {:.1}x size",
                us / before_us,
                bytes as f64 / before_bytes as f64
            );
        }
        println!();
    }
}
