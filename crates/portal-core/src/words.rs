//! Counts, sizes, lists and month names as people read them, shared by the app's pages, its queue of
//! pending changes and its PDFs: `1,200 mailboxes`, `1.4 MB`, `Nov` / `November`.

const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month's name from its zero-based number: `month_long(10)` is `November`.
pub fn month_long(month0: u32) -> &'static str {
    MONTHS_LONG[month0 as usize % 12]
}

/// A month's first three letters: `month_short(10)` is `Nov`.
pub fn month_short(month0: u32) -> &'static str {
    &month_long(month0)[..3]
}

/// A whole number with its thousands grouped: `12,000`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun: `1 prospect`, `12,000 prospects`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// Words joined as a sentence lists them: `Gold`, `Gold and Platinum`, `Sales, Marketing and
/// Deal Registration`.
pub fn and_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A file's size: `812 bytes`, `84 KB`, `1.4 MB`.
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b < KB => plural(b, "byte", "bytes"),
        b if b < MB => format!("{} KB", (b + KB / 2) / KB),
        b => {
            let tenths = (b * 10 + MB / 2) / MB;
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sizes_and_months_read_as_people_write_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_200), "1,200");
        assert_eq!(count(12_345_678), "12,345,678");
        assert_eq!(plural(1, "mailbox", "mailboxes"), "1 mailbox");
        assert_eq!(plural(1_200, "mailbox", "mailboxes"), "1,200 mailboxes");
        assert_eq!(file_size(812), "812 bytes");
        assert_eq!(file_size(1), "1 byte");
        assert_eq!(file_size(84 * 1024 + 100), "84 KB");
        assert_eq!(file_size(1_468_006), "1.4 MB");
        assert_eq!(month_long(10), "November");
        assert_eq!(month_short(10), "Nov");
        assert_eq!(month_short(4), "May");
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["Gold"]), "Gold");
        assert_eq!(and_list(&["Gold", "Platinum"]), "Gold and Platinum");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }
}
