//! How long the sample quote takes to render and how big the PDF is: the median of many renders
//! of each copy, against the figures of the engine this crate had before (see `BEFORE`).
//!
//! `cargo bench -p portal-pdf --bench render` (optionally followed by `-- RUNS`).

#[path = "../examples/sample/mod.rs"]
mod sample;

use portal_pdf::{render, Audience, QuoteDocument};
use std::time::{Duration, Instant};

/// The hand-written PDF 1.4 writer with standard Helvetica, measured with this program on the
/// same machine before it was replaced: (copy, median microseconds, bytes).
const BEFORE: [(&str, f64, usize); 2] =
    [("customer", 146.0, 9115), ("internal draft", 169.0, 11250)];

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(101);
    let customer = sample::quote();
    let internal = QuoteDocument {
        audience: Audience::Internal,
        draft: true,
        ..customer.clone()
    };
    println!("portal-pdf: the sample quote, median of {runs} renders");
    for ((name, doc), (_, before_us, before_bytes)) in
        [("customer", &customer), ("internal draft", &internal)]
            .into_iter()
            .zip(BEFORE)
    {
        // One render first, so the fonts are parsed and caches are warm, as in a running app.
        let bytes = render(doc).len();
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(render(std::hint::black_box(doc)));
                start.elapsed()
            })
            .collect();
        let us = median(times).as_secs_f64() * 1e6;
        print!("{name:>15}: {us:>9.1} µs {bytes:>8} bytes");
        if before_us > 0.0 {
            print!(
                "   before: {before_us:>7.1} µs {before_bytes:>7} bytes   ratio: {:.1}x time, {:.1}x size",
                us / before_us,
                bytes as f64 / before_bytes as f64
            );
        }
        println!();
    }
}
