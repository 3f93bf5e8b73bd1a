//! Reads a Rust source file into the module paths it names (`crate::…`, `super::…`, `self::…` and
//! child modules), with the line each is named on. Comments, strings and char literals are skipped.

/// A token of Rust source, as far as paths are concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

/// One path named in a file: where, and its segments as written (`crate`, `super`, `self` kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub line: usize,
    /// The inline modules (`mod tests { … }`) the path is written inside, outermost first.
    pub inline: Vec<String>,
    pub segments: Vec<String>,
    /// Written in a `use` item (as opposed to an expression or a type).
    pub in_use: bool,
}

fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if b[i] == b'\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push((Tok::Other, line));
            }
            b'r' | b'b' if is_raw_string(b, i) => {
                // r"…", r#"…"#, br#"…"#
                let mut j = i + 1;
                if b[i] == b'b' {
                    j += 1;
                }
                let mut hashes = 0;
                while b[j] == b'#' {
                    hashes += 1;
                    j += 1;
                }
                j += 1; // the opening quote
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == b'\n' {
                        line += 1;
                    }
                    if b[j] == b'"'
                        && b[j + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == b'#')
                            .count()
                            == hashes
                    {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                i = j;
                out.push((Tok::Other, line));
            }
            b'\'' => {
                // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else {
                    // A lifetime, or a multi-byte char literal.
                    let start = i + 1;
                    let rest = &src[start..];
                    let ch_len = rest.chars().next().map_or(1, char::len_utf8);
                    if b.get(start + ch_len) == Some(&b'\'') {
                        i = start + ch_len + 1;
                    } else {
                        i += 1;
                        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                            i += 1;
                        }
                    }
                }
                out.push((Tok::Other, line));
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &src[start..i];
                // `r#ident`
                if word == "r" && b.get(i) == Some(&b'#') {
                    i += 1;
                    continue;
                }
                out.push((Tok::Ident(word.to_owned()), line));
            }
            b':' if b.get(i + 1) == Some(&b':') => {
                out.push((Tok::PathSep, line));
                i += 2;
            }
            b'{' => {
                out.push((Tok::Open, line));
                i += 1;
            }
            b'}' => {
                out.push((Tok::Close, line));
                i += 1;
            }
            b',' => {
                out.push((Tok::Comma, line));
                i += 1;
            }
            b';' => {
                out.push((Tok::Semi, line));
                i += 1;
            }
            b'*' => {
                out.push((Tok::Star, line));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                out.push((Tok::Other, line));
                // Skip the rest of a multi-byte character.
                i += src[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

fn is_raw_string(b: &[u8], i: usize) -> bool {
    // The previous byte must not continue an identifier (`bar"` is not a raw string).
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return false;
    }
    let mut j = i;
    if b[j] == b'b' {
        j += 1;
        if b.get(j) == Some(&b'"') {
            return true; // b"…" is an ordinary string: handled as one by skipping the b.
        }
        if b.get(j) != Some(&b'r') {
            return false;
        }
    }
    j += 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    b.get(j) == Some(&b'"') && (j > i + 1 || b[i] == b'r' || b[i] == b'b')
}

/// Every path in `src` that starts with `crate`, `super`, `self` or one of `local` (names of the
/// file's child modules, which 2018 paths may use bare, or external crates asked about).
pub fn named_paths(src: &str, local: &[String]) -> Vec<Named> {
    let toks = tokenize(src);
    let mut out = Vec::new();
    // The inline modules open at this point, with the brace depth each was opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut in_use = false;
    while i < toks.len() {
        let (tok, line) = (&toks[i].0, toks[i].1);
        match tok {
            Tok::Ident(w) if w == "mod" => {
                if let (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    depth += 1;
                    inline.push((name.clone(), depth));
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(w) if w == "use" => in_use = true,
            Tok::Semi => in_use = false,
            Tok::Open => depth += 1,
            Tok::Close => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Tok::Ident(w) => {
                let starts_path = matches!(w.as_str(), "crate" | "super" | "self")
                    || local.iter().any(|l| l == w);
                let previous_is_sep = i > 0 && toks[i - 1].0 == Tok::PathSep;
                let next_is_sep = toks.get(i + 1).is_some_and(|(t, _)| *t == Tok::PathSep);
                if starts_path && !previous_is_sep && (next_is_sep || (in_use && w != "self")) {
                    let mut paths = Vec::new();
                    let end = parse_tree(&toks, i, Vec::new(), &mut paths);
                    let modules: Vec<String> = inline.iter().map(|(n, _)| n.clone()).collect();
                    for segments in paths {
                        out.push(Named {
                            line,
                            inline: modules.clone(),
                            segments,
                            in_use,
                        });
                    }
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Parses a path or use tree starting at `i`; pushes every full path onto `out`, returns the index
/// after it. Braces the tree opens are consumed here.
fn parse_tree(
    toks: &[(Tok, usize)],
    mut i: usize,
    prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    let mut path = prefix;
    loop {
        match toks.get(i).map(|t| &t.0) {
            Some(Tok::Ident(w)) => {
                if w == "self" && !path.is_empty() {
                    // `a::{self, b}` names `a` itself.
                } else {
                    path.push(w.clone());
                }
                i += 1;
                // `x as y`
                if matches!(toks.get(i).map(|t| &t.0), Some(Tok::Ident(a)) if a == "as") {
                    i += 2;
                }
                if toks.get(i).map(|t| &t.0) == Some(&Tok::PathSep) {
                    i += 1;
                    continue;
                }
                out.push(path);
                return i;
            }
            Some(Tok::Star) => {
                out.push(path);
                return i + 1;
            }
            Some(Tok::Open) => {
                i += 1;
                loop {
                    match toks.get(i).map(|t| &t.0) {
                        Some(Tok::Close) => return i + 1,
                        Some(Tok::Comma) => i += 1,
                        None => return i,
                        _ => i = parse_tree(toks, i, path.clone(), out),
                    }
                }
            }
            _ => {
                if !path.is_empty() {
                    out.push(path);
                }
                return i;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(src: &str) -> Vec<String> {
        named_paths(src, &["engine".to_owned()])
            .into_iter()
            .map(|n| {
                format!(
                    "{}{}@{}",
                    n.inline.iter().map(|m| format!("{m}/")).collect::<String>(),
                    n.segments.join("::"),
                    n.line
                )
            })
            .collect()
    }

    #[test]
    fn use_trees_expand_to_every_path() {
        let src = "use crate::{a::{b, c::D}, e as f, g::{self, h}};\nuse super::*;";
        assert_eq!(
            paths(src),
            [
                "crate::a::b@1",
                "crate::a::c::D@1",
                "crate::e@1",
                "crate::g@1",
                "crate::g::h@1",
                "super@2"
            ]
        );
    }

    #[test]
    fn inline_paths_and_child_modules_count() {
        let src = "fn f() { crate::x::y(); engine::run(); other::z(); }\nmod tests {\n use super::*;\n fn g() { super::super::q::r(); }\n}\nfn h() { self::w::v(); }";
        assert_eq!(
            paths(src),
            [
                "crate::x::y@1",
                "engine::run@1",
                "tests/super@3",
                "tests/super::super::q::r@4",
                "self::w::v@6"
            ]
        );
    }

    #[test]
    fn comments_strings_and_chars_are_skipped() {
        let src = "// crate::a::b\n/* crate::c /* nested */ crate::d */ let s = \"crate::e\"; let r = r#\"crate::f\"#; let c = '{'; fn l<'a>(x: &'a str) { crate::g::h }";
        assert_eq!(paths(src), ["crate::g::h@2"]);
    }

    #[test]
    fn a_path_continued_from_another_is_not_a_new_one() {
        assert!(paths("use portal_core::sync::Entity; let x = a::self_thing;").is_empty());
    }
}
