//! The ids each page will have once built, so that `#x` and `/page/#x` links can
//! be checked, built once and shared by every file's checks.
//!
//! A built page's ids are its own. A Jekyll page also gets the ids of its layout
//! chain and of the includes it (or they) name statically; an include named by
//! Liquid, or a missing layout, makes the page's ids incomplete, and its
//! fragments are then not judged.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::scan::{IdDecl, PageScan};

/// How many layouts or includes deep a chain is followed (Jekyll's own limit is
/// similar); deeper, and the page's ids count as incomplete.
const MAX_TEMPLATE_DEPTH: usize = 32;

/// The ids a page will have.
#[derive(Debug, Default)]
pub struct PageAnchors<'s> {
    /// Borrowed from the scans: a site's ids are never copied.
    ids: HashSet<&'s str>,
    /// Ids built from Liquid, as their literal parts.
    patterns: Vec<&'s [String]>,
    /// False when some ids cannot be known statically.
    complete: bool,
    /// The ids Markdown rendered by `markdownify` may add, when it does.
    rendered: Option<&'s HashSet<String>>,
}

impl PageAnchors<'_> {
    /// Whether `fragment` (as written in the URL) reaches an element, by the
    /// HTML standard's rules: the empty fragment and `top` mean the top of the
    /// page; ids match case-sensitively, first as written, then percent-decoded.
    /// `None` when the page's ids are not all known.
    pub fn reaches(&self, fragment: &str) -> Option<bool> {
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        let found = fragment.is_empty()
            || self.ids.contains(fragment)
            || self.ids.contains(decoded.as_ref())
            || decoded.eq_ignore_ascii_case("top")
            || self
                .rendered
                .is_some_and(|ids| ids.contains(fragment) || ids.contains(decoded.as_ref()))
            || self
                .patterns
                .iter()
                .any(|p| pattern_matches(p, fragment) || pattern_matches(p, &decoded));
        if found {
            Some(true)
        } else if self.complete {
            Some(false)
        } else {
            None
        }
    }

    /// The id closest to `fragment`, for a did-you-mean.
    pub fn closest(&self, fragment: &str) -> Option<&str> {
        galley_core::closest(fragment, self.ids.iter().copied())
    }
}

/// Whether `text` can be what an id made of these literal parts (with any text
/// between them) renders to.
fn pattern_matches(parts: &[String], text: &str) -> bool {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return true;
    };
    if parts.len() == 1 {
        return text == first;
    }
    if !text.starts_with(first.as_str())
        || !text.ends_with(last.as_str())
        || text.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle.as_str()) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// What one file contributes to the pages that use it.
pub struct TemplateParts<'a> {
    pub scan: Option<&'a PageScan>,
    /// The layout named in its front matter.
    pub layout: Option<&'a str>,
    /// Files it includes by a static name (site paths).
    pub includes: &'a [String],
    /// An include named by Liquid: it may add any id.
    pub unknown_ids: bool,
    /// Markdown rendered by `markdownify`: the site's Markdown headings may
    /// become ids.
    pub markdownify: bool,
}

/// Every page's ids, by index into `Site::files`.
#[derive(Default)]
pub struct AnchorIndex<'s> {
    pages: HashMap<usize, PageAnchors<'s>>,
    /// The pages each layout or include ends up in (directly or through other
    /// layouts and includes).
    used_by: HashMap<usize, Vec<usize>>,
}

impl<'s> AnchorIndex<'s> {
    /// Builds the index for `pages` (indexes of served pages); `parts` gives every
    /// file's template parts and `index_of` finds a file by its site path.
    pub fn build(
        pages: impl Iterator<Item = usize>,
        parts: &dyn Fn(usize) -> Option<TemplateParts<'s>>,
        index_of: &dyn Fn(&str) -> Option<usize>,
        rendered: &'s HashSet<String>,
    ) -> AnchorIndex<'s> {
        let mut index = AnchorIndex::default();
        for page in pages {
            let mut anchors = PageAnchors {
                complete: true,
                ..PageAnchors::default()
            };
            let mut seen = HashSet::default();
            collect(page, 0, parts, index_of, &mut anchors, &mut seen);
            if seen
                .iter()
                .any(|&file| parts(file).is_some_and(|p| p.markdownify))
            {
                anchors.rendered = Some(rendered);
            }
            index.pages.insert(page, anchors);
            for template in seen.into_iter().filter(|&file| file != page) {
                index.used_by.entry(template).or_default().push(page);
            }
        }
        for pages in index.used_by.values_mut() {
            pages.sort_unstable();
        }
        index
    }

    pub fn of(&self, page: usize) -> Option<&PageAnchors<'s>> {
        self.pages.get(&page)
    }

    /// Every layout and include with the pages it ends up in, by file order.
    pub fn used_by(&self) -> Vec<(usize, Vec<usize>)> {
        let mut all: Vec<(usize, Vec<usize>)> = self
            .used_by
            .iter()
            .map(|(template, pages)| (*template, pages.clone()))
            .collect();
        all.sort_unstable();
        all
    }

    /// The pages a layout or include ends up in, in file order.
    pub fn users_of(&self, template: usize) -> &[usize] {
        self.used_by.get(&template).map_or(&[], Vec::as_slice)
    }
}

fn collect<'s>(
    file: usize,
    depth: usize,
    parts: &dyn Fn(usize) -> Option<TemplateParts<'s>>,
    index_of: &dyn Fn(&str) -> Option<usize>,
    anchors: &mut PageAnchors<'s>,
    seen: &mut HashSet<usize>,
) {
    if !seen.insert(file) {
        return;
    }
    let Some(part) = parts(file).filter(|_| depth <= MAX_TEMPLATE_DEPTH) else {
        anchors.complete = false;
        return;
    };
    match part.scan {
        Some(scan) => {
            for decl in scan.ids.iter().chain(&scan.names) {
                add(anchors, decl);
            }
        }
        // A file Galley does not read as a page: its ids are unknown.
        None => anchors.complete = false,
    }
    if part.unknown_ids {
        anchors.complete = false;
    }
    let layout = part.layout.map(|name| format!("_layouts/{name}.html"));
    for path in part.includes.iter().chain(layout.as_ref()) {
        match index_of(path) {
            Some(included) => collect(included, depth + 1, parts, index_of, anchors, seen),
            None => anchors.complete = false,
        }
    }
}

fn add<'s>(anchors: &mut PageAnchors<'s>, decl: &'s IdDecl) {
    match &decl.pattern {
        Some(pattern) => anchors.patterns.push(pattern),
        None => {
            anchors.ids.insert(&decl.value);
        }
    }
}

/// Gives each heading without an id the id AnchorJS (4.x, 5.x) makes from its
/// text when the page loads (its `urlify`: entities decoded, `'` dropped,
/// unsafe characters to `-`, runs of `-` to one, 64 characters, no `-` at the
/// ends, lower case), made unique with `-1`, `-2`… as AnchorJS does.
pub(crate) fn add_anchor_js_ids(scan: &mut crate::scan::PageScan) {
    let mut taken: rustc_hash::FxHashSet<String> =
        scan.ids.iter().map(|id| id.value.clone()).collect();
    for (text, start) in std::mem::take(&mut scan.headings_without_id) {
        let base = anchor_js_slug(&text);
        if base.is_empty() {
            continue;
        }
        let mut id = base.clone();
        let mut n = 1;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        scan.ids.push(crate::scan::IdDecl {
            value: id,
            range: start..start + 1,
            pattern: None,
        });
    }
}

fn anchor_js_slug(text: &str) -> String {
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}");
    let unsafe_char = |c: char| {
        matches!(
            c,
            '&' | ' '
                | '+'
                | '$'
                | ','
                | ':'
                | ';'
                | '='
                | '?'
                | '@'
                | '"'
                | '#'
                | '{'
                | '}'
                | '|'
                | '^'
                | '~'
                | '['
                | '`'
                | '%'
                | '!'
                | '\''
                | '<'
                | '>'
                | ']'
                | '.'
                | '/'
                | '('
                | ')'
                | '*'
                | '\\'
                | '\n'
                | '\t'
                | '\u{8}'
                | '\u{b}'
                | '\u{a0}'
        )
    };
    let mut slug = String::new();
    for c in text.trim().chars().filter(|&c| c != '\'') {
        let c = if unsafe_char(c) { '-' } else { c };
        if c == '-' && slug.ends_with('-') {
            continue;
        }
        slug.push(c);
    }
    let slug: String = slug.chars().take(64).collect();
    slug.trim_matches('-').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors<'s>(
        ids: &[&'s str],
        patterns: &'s [Vec<String>],
        complete: bool,
    ) -> PageAnchors<'s> {
        PageAnchors {
            ids: ids.iter().copied().collect(),
            patterns: patterns.iter().map(Vec::as_slice).collect(),
            complete,
            rendered: None,
        }
    }

    fn owned(patterns: &[&[&str]]) -> Vec<Vec<String>> {
        patterns
            .iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn fragments_follow_the_html_standard() {
        let a = anchors(&["Intro", "a b", "é"], &[], true);
        assert_eq!(a.reaches("Intro"), Some(true));
        assert_eq!(a.reaches("intro"), Some(false), "ids are case-sensitive");
        assert_eq!(a.reaches("a%20b"), Some(true));
        assert_eq!(a.reaches("%C3%A9"), Some(true));
        assert_eq!(a.reaches(""), Some(true));
        assert_eq!(a.reaches("TOP"), Some(true));
        assert_eq!(a.closest("Intr"), Some("Intro"));
        let partial = anchors(&["x"], &[], false);
        assert_eq!(partial.reaches("y"), None);
    }

    #[test]
    fn liquid_ids_match_as_patterns() {
        let patterns = owned(&[&["", "-card"], &["sec-", "-", ""]]);
        let a = anchors(&[], &patterns, true);
        assert_eq!(a.reaches("signal-card"), Some(true));
        assert_eq!(a.reaches("sec-1-2"), Some(true));
        assert_eq!(a.reaches("card"), Some(false));
        assert_eq!(a.reaches("other"), Some(false));
    }
}
