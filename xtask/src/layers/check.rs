//! Finds, in one crate, every name that points up a layer, from one menu group into another, or
//! round a circle of sibling modules.

use super::{
    rules::{CrateLayers, Layer},
    scan,
};
use anyhow::{Context, Result};
use std::{
    collections::{BTreeMap, BTreeSet},
    fmt, fs,
    path::{Path, PathBuf},
};

/// A module of the crate, by path (`["sync", "pull"]`), with the file that holds it.
struct Module {
    path: Vec<String>,
    file: PathBuf,
}

/// One name from one module to another.
struct Edge {
    from: Vec<String>,
    to: Vec<String>,
    file: PathBuf,
    line: usize,
    written: String,
}

/// What the check found wrong.
pub struct Finding {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

fn modules(src: &Path) -> Result<Vec<Module>> {
    let mut out = Vec::new();
    walk(src, src, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Module>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, out)?;
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let rel = path.strip_prefix(root)?;
        let mut segments: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // A binary target's own folder (`src/bin/`) is a crate of its own.
        if segments.first().is_some_and(|s| s == "bin") {
            continue;
        }
        let last = segments.last().cloned().unwrap_or_default();
        if last == "mod" || (segments.len() == 1 && (last == "lib" || last == "main")) {
            segments.pop();
        }
        out.push(Module {
            path: segments,
            file: path,
        });
    }
    Ok(())
}

/// Every place outside `allowed` (module prefixes) that names the external crate `external`.
fn confined(modules: &[Module], external: &str, allowed: &[&str]) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    for m in modules {
        let inside = allowed
            .iter()
            .any(|a| m.path.first().is_some_and(|first| first == a));
        if inside {
            continue;
        }
        let src = fs::read_to_string(&m.file)?;
        let mut lines = std::collections::BTreeSet::new();
        for named in scan::named_paths(&src, &[external.to_owned()]) {
            if named.segments.first().is_some_and(|s| s == external) && lines.insert(named.line) {
                out.push(Finding {
                    file: m.file.clone(),
                    line: named.line,
                    message: format!(
                        "`{}` names `{}` (`{}`), which only {} may name",
                        show(&m.path),
                        external,
                        named.segments.join("::"),
                        allowed.join(", ")
                    ),
                });
            }
        }
    }
    Ok(out)
}

/// The module a path lands in: the longest known module that begins it, after following the
/// crate root's re-exports.
fn resolve(
    segments: &[String],
    known: &BTreeSet<Vec<String>>,
    root_exports: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut best = Vec::new();
    for n in 1..=segments.len() {
        if known.contains(&segments[..n]) {
            best = segments[..n].to_vec();
        }
    }
    if best.is_empty() {
        if let Some(first) = segments.first() {
            if let Some(target) = root_exports.get(first) {
                return resolve(target, known, &BTreeMap::new());
            }
        }
    }
    best
}

/// Turns a path as written (`super::x`, `crate::a::b`, `child::c`) in `module` into absolute segments.
fn absolute(module: &[String], is_dir_module: bool, named: &scan::Named) -> Option<Vec<String>> {
    // The module the text is written in: the file's module, then any inline modules.
    let mut here: Vec<String> = module.to_vec();
    here.extend(named.inline.iter().cloned());
    let _ = is_dir_module;
    let mut segs = named.segments.iter().peekable();
    let mut base = match segs.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segs.next();
            Vec::new()
        }
        Some("self") => {
            segs.next();
            here.clone()
        }
        Some("super") => here.clone(),
        _ => here.clone(), // a child module, named bare
    };
    while segs.peek().map(|s| s.as_str()) == Some("super") {
        segs.next();
        base.pop()?;
    }
    base.extend(segs.cloned());
    Some(base)
}

fn root_exports(
    modules: &[Module],
    known: &BTreeSet<Vec<String>>,
) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    let Some(root) = modules.iter().find(|m| m.path.is_empty()) else {
        return Ok(out);
    };
    let src = fs::read_to_string(&root.file)?;
    let children: Vec<String> = known
        .iter()
        .filter(|p| p.len() == 1)
        .map(|p| p[0].clone())
        .collect();
    for named in scan::named_paths(&src, &children) {
        if !named.in_use || !named.inline.is_empty() {
            continue;
        }
        let mut segments = named.segments.clone();
        if segments.first().is_some_and(|s| s == "crate") {
            segments.remove(0);
        }
        if let Some(last) = segments.last() {
            if segments.len() > 1 {
                out.insert(last.clone(), segments.clone());
            }
        }
    }
    Ok(out)
}

fn edges(modules: &[Module]) -> Result<Vec<Edge>> {
    let known: BTreeSet<Vec<String>> = modules.iter().map(|m| m.path.clone()).collect();
    let exports = root_exports(modules, &known)?;
    let mut out = Vec::new();
    for m in modules {
        let src =
            fs::read_to_string(&m.file).with_context(|| format!("reading {}", m.file.display()))?;
        let children: Vec<String> = known
            .iter()
            .filter(|p| p.len() == m.path.len() + 1 && p.starts_with(&m.path))
            .map(|p| p[p.len() - 1].clone())
            .collect();
        let is_dir = m
            .file
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs");
        for named in scan::named_paths(&src, &children) {
            let Some(abs) = absolute(&m.path, is_dir, &named) else {
                continue;
            };
            let to = resolve(&abs, &known, &exports);
            if to == m.path || (to.is_empty() && !abs.is_empty() && m.path.is_empty()) {
                continue;
            }
            out.push(Edge {
                from: m.path.clone(),
                to,
                file: m.file.clone(),
                line: named.line,
                written: named.segments.join("::"),
            });
        }
    }
    Ok(out)
}

/// The layer a module sits in (index, layer), `None` for the crate root.
fn layer_of<'a>(layers: &'a [Layer], module: &[String]) -> Option<(usize, &'a Layer, usize)> {
    let mut best: Option<(usize, &Layer, usize)> = None;
    for (i, l) in layers.iter().enumerate() {
        for m in l.modules {
            let parts: Vec<&str> = m.split("::").collect();
            if module.len() >= parts.len()
                && module.iter().zip(&parts).all(|(a, b)| a == b)
                && best.is_none_or(|(_, _, len)| parts.len() > len)
            {
                best = Some((i, l, parts.len()));
            }
        }
    }
    best
}

fn show(path: &[String]) -> String {
    if path.is_empty() {
        "the crate root".into()
    } else {
        path.join("::")
    }
}

/// Checks one crate; returns what it found.
pub fn check(root: &Path, krate: &CrateLayers) -> Result<Vec<Finding>> {
    let modules = modules(&root.join(krate.src))?;
    let mut findings = Vec::new();
    for m in &modules {
        if !m.path.is_empty() && layer_of(krate.layers, &m.path).is_none() {
            findings.push(Finding {
                file: m.file.clone(),
                line: 1,
                message: format!(
                    "module `{}` is in no layer: add it to xtask/src/layers/rules.rs",
                    show(&m.path)
                ),
            });
        }
    }
    for (external, allowed) in krate.confined {
        findings.extend(confined(&modules, external, allowed)?);
    }
    let edges = edges(&modules)?;
    for e in &edges {
        if e.to.is_empty() {
            // Only the crate root (and its own items) sits above every layer.
            if !e.from.is_empty() {
                findings.push(Finding {
                    file: e.file.clone(),
                    line: e.line,
                    message: format!("`{}` names the crate root's own item `{}`: move it into a module of a layer", show(&e.from), e.written),
                });
            }
            continue;
        }
        let (Some((from_i, from_l, from_len)), Some((to_i, to_l, _))) = (
            layer_of(krate.layers, &e.from),
            layer_of(krate.layers, &e.to),
        ) else {
            continue;
        };
        if to_i > from_i {
            findings.push(Finding {
                file: e.file.clone(),
                line: e.line,
                message: format!(
                    "upward: `{}` ({}) names `{}` ({}), a layer above it (`{}`)",
                    show(&e.from),
                    from_l.name,
                    show(&e.to),
                    to_l.name,
                    e.written
                ),
            });
        } else if to_i == from_i && from_l.isolated {
            // Groups are the children of the layer's module: `features::sales` vs `features::customers`.
            let group = |p: &[String]| p.get(from_len).cloned();
            let same_root = e.from.get(..from_len) == e.to.get(..from_len);
            if same_root
                && group(&e.from).is_some()
                && group(&e.to).is_some()
                && group(&e.from) != group(&e.to)
            {
                findings.push(Finding {
                    file: e.file.clone(),
                    line: e.line,
                    message: format!(
                        "sideways: `{}` names `{}`, another group of {} (`{}`); what both need moves down a layer",
                        show(&e.from),
                        show(&e.to),
                        from_l.name,
                        e.written
                    ),
                });
            }
        }
    }
    findings.extend(circles(&edges));
    Ok(findings)
}

/// The modules of one folder, each with the siblings it names.
type Siblings = BTreeMap<String, BTreeSet<String>>;
/// One step between siblings: (their folder, from, to).
type Step = (Vec<String>, String, String);

/// Sibling modules (files of one folder) that name each other in a circle.
fn circles(edges: &[Edge]) -> Vec<Finding> {
    // Each name becomes a step between two siblings: the children of the deepest module both sit in.
    let mut graph: BTreeMap<Vec<String>, Siblings> = BTreeMap::new();
    let mut example: BTreeMap<Step, (PathBuf, usize, String)> = BTreeMap::new();
    for e in edges {
        let common = e.from.iter().zip(&e.to).take_while(|(a, b)| a == b).count();
        let (Some(a), Some(b)) = (e.from.get(common), e.to.get(common)) else {
            continue;
        };
        let parent = e.from[..common].to_vec();
        graph
            .entry(parent.clone())
            .or_default()
            .entry(a.clone())
            .or_default()
            .insert(b.clone());
        example.entry((parent, a.clone(), b.clone())).or_insert((
            e.file.clone(),
            e.line,
            e.written.clone(),
        ));
    }
    let mut out = Vec::new();
    for (parent, g) in &graph {
        for component in strongly_connected(g) {
            if component.len() < 2 {
                continue;
            }
            let members: Vec<&String> = component.iter().collect();
            let mut steps = Vec::new();
            let mut first = None;
            for a in &members {
                for b in g.get(*a).into_iter().flatten() {
                    if component.contains(b) {
                        if let Some((file, line, written)) =
                            example.get(&(parent.clone(), (*a).clone(), b.clone()))
                        {
                            steps
                                .push(format!("{a} → {b} ({}:{line} `{written}`)", file.display()));
                            first.get_or_insert((file.clone(), *line));
                        }
                    }
                }
            }
            let (file, line) = first.unwrap_or_default();
            out.push(Finding {
                file,
                line,
                message: format!(
                    "circle among the modules of `{}`: {}",
                    show(parent),
                    steps.join("; ")
                ),
            });
        }
    }
    out
}

/// Tarjan's strongly connected components.
fn strongly_connected(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let g = s.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = BTreeSet::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.insert(w.to_owned());
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v.as_str());
        }
    }
    s.out
}
