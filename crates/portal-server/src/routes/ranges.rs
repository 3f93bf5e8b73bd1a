//! HTTP range requests (RFC 9110 §14) over a file of known length, so that an interrupted download
//! resumes where it stopped: which bytes a `Range` header (with its `If-Range`) asks for. One
//! range per request: a header asking for several, or one that does not parse, is ignored and the
//! whole file is sent, as the RFC allows.

/// What to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 200: the whole file.
    Whole,
    /// 206: bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// 416: nothing of the file lies in the range asked for.
    Unsatisfiable,
}

/// The answer to `range` (the `Range` header, if any) over a file of `len` bytes whose entity tag
/// is `etag` (quoted). `if_range`, when given, must equal the tag for the range to be honoured;
/// otherwise the file changed since the client's first part, and it gets the whole file.
pub fn answer(range: Option<&str>, if_range: Option<&str>, etag: &str, len: u64) -> Answer {
    let Some(range) = range else {
        return Answer::Whole;
    };
    if if_range.is_some_and(|tag| tag.trim() != etag) {
        return Answer::Whole;
    }
    let Some(spec) = range.trim().strip_prefix("bytes=") else {
        return Answer::Whole;
    };
    if spec.contains(',') {
        return Answer::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Answer::Whole;
    };
    let number = |s: &str| -> Option<u64> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match (first.trim().is_empty(), last.trim().is_empty()) {
        // bytes=-S: the last S bytes.
        (true, false) => match number(last) {
            Some(0) => Answer::Unsatisfiable,
            Some(suffix) if len > 0 => Answer::Part {
                start: len.saturating_sub(suffix),
                end: len - 1,
            },
            Some(_) => Answer::Unsatisfiable,
            None => Answer::Whole,
        },
        // bytes=N-: from N to the end.
        (false, true) => match number(first) {
            Some(start) if start < len => Answer::Part {
                start,
                end: len - 1,
            },
            Some(_) => Answer::Unsatisfiable,
            None => Answer::Whole,
        },
        // bytes=N-M.
        (false, false) => match (number(first), number(last)) {
            (Some(start), Some(end)) if start <= end => {
                if start < len {
                    Answer::Part {
                        start,
                        end: end.min(len - 1),
                    }
                } else {
                    Answer::Unsatisfiable
                }
            }
            _ => Answer::Whole,
        },
        (true, true) => Answer::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAG: &str = "\"abc\"";

    fn a(range: &str) -> Answer {
        answer(Some(range), None, TAG, 1000)
    }

    #[test]
    fn ranges_are_read_as_the_rfc_says() {
        assert_eq!(answer(None, None, TAG, 1000), Answer::Whole);
        assert_eq!(a("bytes=0-99"), Answer::Part { start: 0, end: 99 });
        assert_eq!(
            a("bytes=500-"),
            Answer::Part {
                start: 500,
                end: 999
            }
        );
        assert_eq!(
            a("bytes=-100"),
            Answer::Part {
                start: 900,
                end: 999
            }
        );
        assert_eq!(a("bytes=-5000"), Answer::Part { start: 0, end: 999 });
        assert_eq!(
            a("bytes=900-5000"),
            Answer::Part {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            a("bytes=999-999"),
            Answer::Part {
                start: 999,
                end: 999
            }
        );
        assert_eq!(a("bytes=1000-"), Answer::Unsatisfiable);
        assert_eq!(a("bytes=1000-2000"), Answer::Unsatisfiable);
        assert_eq!(a("bytes=-0"), Answer::Unsatisfiable);
        // Not understood, or several ranges: the whole file.
        assert_eq!(a("bytes=5-1"), Answer::Whole);
        assert_eq!(a("bytes=a-b"), Answer::Whole);
        assert_eq!(a("lines=1-2"), Answer::Whole);
        assert_eq!(a("bytes=0-1,5-6"), Answer::Whole);
        assert_eq!(a("bytes=-"), Answer::Whole);
        assert_eq!(a("bytes=+1-2"), Answer::Whole);
    }

    #[test]
    fn if_range_keeps_a_resume_to_the_same_file() {
        let range = Some("bytes=10-");
        assert_eq!(
            answer(range, Some(TAG), TAG, 100),
            Answer::Part { start: 10, end: 99 }
        );
        assert_eq!(answer(range, Some("\"other\""), TAG, 100), Answer::Whole);
        assert_eq!(
            answer(range, Some("Tue, 01 Dec 2026 10:00:00 GMT"), TAG, 100),
            Answer::Whole
        );
    }
}
