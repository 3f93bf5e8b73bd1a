//! Logos placed in the letterhead.

use crate::*;

/// (page, width, height, type, encoding) of each image pdfimages lists.
fn images(pdf: &[u8], name: &str) -> Vec<(usize, u32, u32, String, String)> {
    poppler("pdfimages", &["-list"], pdf, name)
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            let n = |i: usize| c[i].parse::<u32>().expect("number");
            (n(0) as usize, n(3), n(4), c[2].to_owned(), c[8].to_owned())
        })
        .collect()
}

#[test]
fn a_logo_is_placed_in_the_letterhead_of_the_first_page_only() {
    let doc = quote(Audience::Customer, Currency::EUR, 60);
    assert!(images(&render(&doc), "no-logo.pdf").is_empty());

    let pdf = render_with_logo(&doc, &logo_png());
    assert!(page_count(&pdf) > 1);
    let listed = images(&pdf, "png-logo.pdf");
    // The picture, and its transparency as a soft mask.
    assert_eq!(
        listed,
        [
            (1, 560, 160, "image".to_owned(), "image".to_owned()),
            (1, 560, 160, "smask".to_owned(), "image".to_owned())
        ]
    );
    // The partner's name moves right of the logo; nothing else changes.
    let band = |pdf: &[u8], name: &str| -> f32 {
        words(pdf, name)[0]
            .iter()
            .find(|w| w.text == "Brightline" && w.y_max < 92.0)
            .map(|w| w.x_min)
            .expect("the partner's name in the band")
    };
    assert!((band(&render(&doc), "plain.pdf") - 48.0).abs() < 0.5);
    assert!(band(&pdf, "png-logo.pdf") > 48.0 + 150.0);
    assert_eq!(
        text(&pdf, "png-logo.pdf").replace(' ', ""),
        text(&render(&doc), "plain.pdf").replace(' ', "")
    );

    let jpeg = render_with_logo(&doc, &logo_jpeg());
    assert_eq!(
        images(&jpeg, "jpeg-logo.pdf"),
        [(1, 560, 160, "image".to_owned(), "jpeg".to_owned())]
    );
}
