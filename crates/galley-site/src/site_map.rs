//! The site as a reader's browser sees it: which file each URL serves, and where
//! a link written in a page leads.
//!
//! Built HTML is served as it lies (`/a/` → `a/index.html`, `/a` → `a.html` or
//! `a/index.html`). A Jekyll source tree is first mapped to the build it would
//! produce: every page at its permalink, every other file that Jekyll copies at
//! its own path (`.scss` → `.css`), and the files that plugins write.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::ops::Range;

use galley_core::{Finding, SiteKind, internal_error};
use rayon::prelude::*;

use crate::jekyll::JekyllSettings;
use crate::{FileKind, Site, permalink};
use galley_yaml::{self as yaml, YamlDocument, frontmatter};

/// What Galley knows about a page, layout or include beyond its text.
#[derive(Debug)]
pub struct PageMeta {
    /// The front matter's fields, when the file has front matter that parsed.
    pub front_matter: Option<YamlDocument>,
    /// Whether the file has a front matter block (Jekyll renders only those).
    pub has_front_matter: bool,
    /// The byte range of the text after the front matter.
    pub body: Range<usize>,
    /// Where the build serves it (`a/index.html`); `None` for layouts and includes.
    pub output: Option<String>,
    /// The layout it is rendered in: front-matter `layout`, else `_config.yml`'s
    /// `defaults:`; `None` for none (`layout: none` or `null` included).
    pub layout: Option<String>,
}

/// What a path of the build is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Served {
    /// A page: `Site::files[index]`.
    Page(usize),
    /// Any other file (an image, a stylesheet, a generated feed).
    File,
}

/// Where a URL written in a page leads.
#[derive(Debug, PartialEq, Eq)]
pub enum UrlTarget {
    /// `#x`: an element of the same page (the fragment is as written).
    SamePage { fragment: String },
    /// A path of this site, relative to the build root and percent-decoded, with
    /// the fragment as written.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// A root-relative path outside the `baseurl` the site is served under:
    /// it leads out of the site.
    OutsideBaseurl { baseurl: String },
    /// An `http(s)` URL of another site.
    External,
    /// Something other checks own or nobody can check: `mailto:`, `tel:`,
    /// `javascript:`, `data:`, an empty URL, or a relative URL in a file that has
    /// no address of its own (a layout or include).
    NotChecked,
}

/// The site's URL space, built once and shared by every checker.
pub struct SiteMap {
    /// By index into `Site::files`; `None` for files that are not pages, layouts
    /// or includes.
    pages: Vec<Option<PageMeta>>,
    served: HashMap<String, Served>,
    /// Page URLs (`a/b/`, `a/c.html`, without the leading `/`) by their folder
    /// (`a/`), for did-you-mean hints.
    pages_by_folder: HashMap<String, Vec<String>>,
    /// `[site] generated`: build outputs that are not in the folder.
    generated: globset::GlobSet,
    /// The root `.gitignore`: a path it lists is made by the build.
    ignored: ignore::gitignore::Gitignore,
    /// jekyll-paginate's `paginate_path`: its pages are written by the build.
    paginate_path: Option<String>,
    baseurl: String,
    /// `https://example.org` and its `www.` twin: absolute links to these are
    /// the site's own.
    own_origins: Vec<String>,
}

impl SiteMap {
    /// Maps the site; front matter that does not parse is reported (and the page
    /// is then served at its own path).
    pub fn build(site: &Site) -> (SiteMap, Vec<Finding>) {
        let jekyll = site
            .jekyll
            .as_ref()
            .filter(|_| site.kind == SiteKind::Jekyll);
        let parsed: Vec<(Option<PageMeta>, Vec<Finding>)> = site
            .files
            .par_iter()
            .map(|file| match file.kind {
                FileKind::Page | FileKind::Layout | FileKind::Include => {
                    let path = file.source.path();
                    match internal_error::catch("reading this file's front matter", path, || {
                        page_meta(file.kind, &file.source, jekyll)
                    }) {
                        Ok((meta, findings)) => (Some(meta), findings),
                        Err(crash) => (None, vec![*crash]),
                    }
                }
                _ => (None, Vec::new()),
            })
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        let mut findings = Vec::new();
        for (meta, file_findings) in parsed {
            pages.push(meta);
            findings.extend(file_findings);
        }

        let mut served = HashMap::with_capacity_and_hasher(site.paths.len(), Default::default());
        for path in site.paths.iter() {
            match jekyll {
                None => {
                    served.insert(path.clone(), Served::File);
                }
                Some(settings) => {
                    if let Some(output) = copied_path(&site.root, path, site.kind, settings) {
                        served.insert(output, Served::File);
                    }
                }
            }
        }
        if let Some(settings) = jekyll {
            for output in settings.plugin_outputs() {
                served.insert(output, Served::File);
            }
        }
        for (index, meta) in pages.iter().enumerate() {
            if let Some(output) = meta.as_ref().and_then(|m| m.output.clone()) {
                served.insert(output, Served::Page(index));
            }
        }
        if jekyll.is_some() {
            // jekyll-redirect-from writes a page at each `redirect_from` URL that
            // sends the reader on; a link to one arrives.
            for meta in pages.iter().flatten() {
                for url in redirect_from(meta) {
                    served
                        .entry(permalink::to_file_path(url, ".html"))
                        .or_insert(Served::File);
                }
            }
        }
        let mut pages_by_folder: HashMap<String, Vec<String>> = HashMap::default();
        for (key, served) in &served {
            if matches!(served, Served::Page(_)) {
                let url = key.strip_suffix("index.html").unwrap_or(key).to_owned();
                pages_by_folder
                    .entry(url_folder(&url).to_owned())
                    .or_default()
                    .push(url);
            }
        }
        for urls in pages_by_folder.values_mut() {
            urls.sort_unstable();
        }
        let own_origins = site
            .addresses()
            .flat_map(|address| own_origins(address.trim_end_matches('/')))
            .collect();
        let map = SiteMap {
            pages,
            served,
            pages_by_folder,
            generated: site.generated.clone(),
            ignored: ignore::gitignore::Gitignore::new(site.root.join(".gitignore")).0,
            paginate_path: jekyll.and_then(|s| s.paginate_path().map(str::to_owned)),
            baseurl: jekyll.map(|s| s.baseurl.clone()).unwrap_or_default(),
            own_origins,
        };
        (map, findings)
    }

    /// Where the build writes the file at `path` (relative to the site root;
    /// the result relative to the build folder): a page's permalink, or a
    /// file's own path where Jekyll copies it; `None` for what the build does
    /// not output (layouts, data, excluded files).
    pub fn output_of(&self, site: &Site, path: &str) -> Option<String> {
        let index = site.files.iter().position(|f| f.source.path() == path);
        if let Some(meta) = index.and_then(|index| self.page(index)) {
            return meta.output.clone();
        }
        match site
            .jekyll
            .as_ref()
            .filter(|_| site.kind == SiteKind::Jekyll)
        {
            Some(settings) => copied_path(&site.root, path, site.kind, settings),
            None => Some(path.to_owned()),
        }
    }

    /// The URL path that serves `output` (`a/index.html` → `/base/a/`).
    pub fn url_of(&self, output: &str) -> String {
        let path = output.strip_suffix("index.html").unwrap_or(output);
        format!("{}/{path}", self.baseurl)
    }

    /// The page metadata of `Site::files[index]`.
    pub fn page(&self, index: usize) -> Option<&PageMeta> {
        self.pages.get(index)?.as_ref()
    }

    /// The file served for a decoded path of the build, by the static-server
    /// rules: `a/` → `a/index.html`; `a` → `a`, `a.html` or `a/index.html`.
    pub fn lookup(&self, path: &str) -> Option<Served> {
        let mut key = String::with_capacity(path.len() + "/index.html".len());
        let mut with = |suffix: &str| {
            key.clear();
            key.push_str(path);
            key.push_str(suffix);
            self.served.get(&key)
        };
        let found = if path.is_empty() || path.ends_with('/') {
            with("index.html")
        } else {
            self.served
                .get(path)
                .or_else(|| with(".html"))
                .or_else(|| with("/index.html"))
        };
        match found {
            Some(served) => Some(*served),
            None if self.generated.is_match(path) => Some(Served::File),
            None if !path.is_empty()
                && self
                    .ignored
                    .matched_path_or_any_parents(path, false)
                    .is_ignore() =>
            {
                Some(Served::File)
            }
            None if self
                .paginate_path
                .as_deref()
                .is_some_and(|pattern| crate::jekyll::is_paginated(pattern, path)) =>
            {
                Some(Served::File)
            }
            None => None,
        }
    }

    /// The path the site is served under (`/docs`), empty for the root.
    pub fn baseurl(&self) -> &str {
        &self.baseurl
    }

    /// The URL of the served page nearest to `path` by edit distance, for a
    /// did-you-mean on a broken link.
    ///
    /// Only pages in the same folder are candidates: a typo is almost always in
    /// the last segment, and comparing with every page of a large site for each
    /// broken link would cost more than the whole check.
    pub fn closest_page(&self, path: &str) -> Option<String> {
        let wanted = path.trim_end_matches("index.html");
        let siblings = self.pages_by_folder.get(url_folder(wanted))?;
        galley_core::closest(wanted, siblings.iter().map(String::as_str))
            .map(|near| format!("/{near}"))
    }

    /// The folder URL that relative links of `Site::files[index]` resolve
    /// against (`/guides/a/` for `guides/a/index.html`), if it is served.
    pub fn base_of(&self, index: usize) -> Option<String> {
        let output = self.page(index)?.output.as_deref()?;
        let baseurl = &self.baseurl;
        Some(match output.rsplit_once('/') {
            Some((dir, _)) => format!("{baseurl}/{dir}/"),
            None => format!("{baseurl}/"),
        })
    }

    /// Where `url`, written in a page whose folder URL is `base`, leads.
    pub fn target(&self, url: &str, base: Option<&str>) -> UrlTarget {
        // Browsers strip ASCII whitespace around URLs in attributes.
        let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
        if url.is_empty() {
            return UrlTarget::NotChecked;
        }
        if let Some(fragment) = url.strip_prefix('#') {
            return UrlTarget::SamePage {
                fragment: fragment.to_owned(),
            };
        }
        // Browsers read `\` as `/` in http(s) URLs (WHATWG): `\\host` is
        // another site, `..\page` a relative path.
        let slashed: Cow<'_, str> = if url.contains('\\')
            && scheme_end(url).is_none_or(|end| {
                matches!(url[..end].to_ascii_lowercase().as_str(), "http" | "https")
            }) {
            let end = url.find(['?', '#']).unwrap_or(url.len());
            Cow::Owned(format!("{}{}", url[..end].replace('\\', "/"), &url[end..]))
        } else {
            Cow::Borrowed(url)
        };
        let url = slashed.as_ref();
        if url.starts_with("//") {
            let absolute = format!("https:{url}");
            return match self.strip_own_origin(&absolute) {
                Some(path) => self.internal(path, None),
                None => UrlTarget::External,
            };
        }
        if let Some(scheme_end) = scheme_end(url) {
            let scheme = url[..scheme_end].to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return UrlTarget::NotChecked;
            }
            return match self.strip_own_origin(url) {
                Some(path) => self.internal(path, None),
                None => UrlTarget::External,
            };
        }
        self.internal(url, base)
    }

    fn internal(&self, url: &str, base: Option<&str>) -> UrlTarget {
        let (before_fragment, fragment) = match url.split_once('#') {
            Some((before, fragment)) => (before, Some(fragment.to_owned())),
            None => (url, None),
        };
        let path = before_fragment.split('?').next().unwrap_or_default();
        if path.is_empty() {
            // `?q=1#x` or `#x` after an own-origin prefix: the page itself.
            return match (fragment, base) {
                (Some(fragment), Some(_)) => UrlTarget::SamePage { fragment },
                _ => UrlTarget::NotChecked,
            };
        }
        let absolute: Cow<'_, str> = if path.starts_with('/') {
            Cow::Borrowed(path)
        } else {
            match base {
                Some(base) => Cow::Owned(format!("{base}{path}")),
                None => return UrlTarget::NotChecked,
            }
        };
        // Most links have no `.` segments and no escapes: borrow them as written.
        let normalised = if has_dot_segment(&absolute) {
            Cow::Owned(remove_dot_segments(&absolute))
        } else {
            absolute
        };
        let decoded = percent_encoding::percent_decode_str(&normalised).decode_utf8_lossy();
        let mut path = decoded.as_ref();
        if !self.baseurl.is_empty() {
            match path.strip_prefix(self.baseurl.as_str()) {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => path = rest,
                _ => {
                    return UrlTarget::OutsideBaseurl {
                        baseurl: self.baseurl.clone(),
                    };
                }
            }
        }
        UrlTarget::Internal {
            path: path.trim_start_matches('/').to_owned(),
            fragment,
        }
    }

    /// `https://www.example.org/a` → `/a` when the origin is the site's own.
    fn strip_own_origin<'u>(&self, url: &'u str) -> Option<&'u str> {
        let lower = url.get(..url.len().min(256))?.to_ascii_lowercase();
        for origin in &self.own_origins {
            if lower.starts_with(origin.as_str()) {
                let rest = &url[origin.len()..];
                if rest.is_empty() {
                    return Some("/");
                }
                if rest.starts_with(['/', '?', '#']) {
                    return Some(rest);
                }
            }
        }
        None
    }
}

/// The URLs a page's `redirect_from` front matter names (a string or a list).
fn redirect_from(meta: &PageMeta) -> Vec<&str> {
    let Some(value) = meta
        .front_matter
        .as_ref()
        .and_then(|fm| fm.value.get("redirect_from"))
    else {
        return Vec::new();
    };
    match value {
        serde_json::Value::String(url) => vec![url.as_str()],
        serde_json::Value::Array(urls) => urls.iter().filter_map(|u| u.as_str()).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|url| !url.contains("{{") && !url.contains("://"))
    .collect()
}

/// Splits the front matter off a page, layout or include and works out where the
/// build serves it.
fn page_meta(
    kind: FileKind,
    source: &galley_core::SourceFile,
    jekyll: Option<&JekyllSettings>,
) -> (PageMeta, Vec<Finding>) {
    let Some(settings) = jekyll else {
        let meta = PageMeta {
            front_matter: None,
            has_front_matter: false,
            body: 0..source.text().len(),
            output: Some(source.path().to_owned()),
            layout: None,
        };
        return (meta, Vec::new());
    };
    let parts = frontmatter::split(source.text());
    let mut findings = Vec::new();
    let front_matter = parts.front_matter.clone().and_then(|range| {
        let loaded = yaml::load_range(source, range.start, range.end);
        findings.extend(loaded.findings(source));
        loaded.document
    });
    // `defaults:` apply to the pages Jekyll renders (with front matter): their
    // values (a permalink, a layout, a category) count as if written in the
    // front matter, which wins over them.
    let rendered = kind == FileKind::Page && parts.front_matter.is_some();
    let defaults = if rendered {
        settings.default_values(source.path())
    } else {
        serde_json::Map::new()
    };
    let output = (kind == FileKind::Page).then(|| {
        if parts.front_matter.is_none() {
            // Jekyll copies a file without front matter as it is.
            return source.path().to_owned();
        }
        let own = front_matter
            .as_ref()
            .map_or(&serde_json::Value::Null, |d| &d.value);
        if defaults.is_empty() {
            return permalink::output_path(source.path(), own, settings);
        }
        let mut fields = defaults.clone();
        if let serde_json::Value::Object(own) = own {
            for (key, value) in own {
                fields.insert(key.clone(), value.clone());
            }
        }
        permalink::output_path(source.path(), &serde_json::Value::Object(fields), settings)
    });
    // Jekyll applies a layout only to files it renders (with front matter).
    let layout = match front_matter.as_ref().and_then(|d| d.value.get("layout")) {
        Some(serde_json::Value::String(name)) => Some(name.clone()),
        Some(_) => None, // `layout: null`, or not a name
        None => match defaults.get("layout") {
            Some(serde_json::Value::String(name)) => Some(name.clone()),
            _ => None,
        },
    }
    .filter(|name| !name.is_empty() && name != "none" && name != "null");
    let meta = PageMeta {
        front_matter,
        has_front_matter: parts.front_matter.is_some(),
        body: parts.body,
        output,
        layout,
    };
    (meta, findings)
}

/// Where Jekyll writes a file that is not a page source (`.html`, `.md`), if
/// it does: a text file with front matter is rendered at its permalink
/// (`_licenses/mit.txt` at `/licenses/mit/`), any other file is copied, inside
/// an output collection to the collection's URL (Jekyll's `StaticFile#url`).
fn copied_path(
    root: &std::path::Path,
    path: &str,
    kind: SiteKind,
    settings: &JekyllSettings,
) -> Option<String> {
    if FileKind::of(path, kind, Some(settings)) != FileKind::Other || settings.is_excluded(path) {
        return None;
    }
    let collection = settings
        .collection_of(path)
        .filter(|(collection, _)| collection.output);
    if settings.is_hidden(path) && collection.is_none() {
        return None;
    }
    if let Some(front_matter) = rendered_front_matter(root, path) {
        return Some(permalink::output_path(path, &front_matter, settings));
    }
    for (source_ext, output_ext) in [(".scss", ".css"), (".sass", ".css")] {
        if let Some(stem) = path.strip_suffix(source_ext) {
            return Some(format!("{stem}{output_ext}"));
        }
    }
    match collection {
        Some((collection, inside)) => {
            Some(permalink::static_output_path(collection, inside, settings))
        }
        None => Some(path.to_owned()),
    }
}

/// Text files Jekyll renders when they start with front matter (feeds,
/// `robots.txt`, JSON for search, collection documents of any kind).
const RENDERED_TEXT_EXTENSIONS: &[&str] = &[
    "txt",
    "xml",
    "json",
    "js",
    "css",
    "csv",
    "webmanifest",
    "rss",
    "atom",
    "ics",
    "svg",
];

/// Files larger than this are not read for front matter: they are data or
/// assets, not documents.
const MAX_RENDERED_TEXT: u64 = 1 << 20;

/// The front matter of a text file that has one, read from disk (files of
/// these kinds are not read for checking).
fn rendered_front_matter(root: &std::path::Path, path: &str) -> Option<serde_json::Value> {
    let extension = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())?;
    if !RENDERED_TEXT_EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    let full = root.join(path);
    if std::fs::metadata(&full).ok()?.len() > MAX_RENDERED_TEXT {
        return None;
    }
    // Most such files (scripts, styles, icons) have no front matter: three
    // bytes tell, before the whole file is read.
    let mut start = [0u8; 3];
    std::io::Read::read_exact(&mut std::fs::File::open(&full).ok()?, &mut start).ok()?;
    if &start != b"---" {
        return None;
    }
    let text = std::fs::read_to_string(&full).ok()?;
    let range = frontmatter::split(&text).front_matter?;
    let source = galley_core::SourceFile::new(path, text);
    let loaded = yaml::load_range(&source, range.start, range.end);
    Some(
        loaded
            .document
            .map_or(serde_json::Value::Null, |document| document.value),
    )
}

/// `a/b/` → `a/`; `a/c.html` → `a/`; `b/` → ``.
fn url_folder(url: &str) -> &str {
    let trimmed = url.strip_suffix('/').unwrap_or(url);
    match trimmed.rfind('/') {
        Some(cut) => &url[..=cut],
        None => "",
    }
}

fn own_origins(url: &str) -> Vec<String> {
    let lower = url.to_ascii_lowercase();
    let Some((scheme, host)) = lower.split_once("://") else {
        return Vec::new();
    };
    let twin = match host.strip_prefix("www.") {
        Some(bare) => bare.to_owned(),
        None => format!("www.{host}"),
    };
    let mut origins = Vec::new();
    for scheme in [scheme, if scheme == "https" { "http" } else { "https" }] {
        origins.push(format!("{scheme}://{host}"));
        origins.push(format!("{scheme}://{twin}"));
    }
    origins
}

/// The end of a URL's scheme (`https` in `https://…`), if it has one.
fn scheme_end(url: &str) -> Option<usize> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(colon)
}

fn has_dot_segment(path: &str) -> bool {
    path.split('/')
        .any(|segment| dot_segment(segment).is_some())
}

/// A `.` or `..` segment as the WHATWG URL standard reads one: also written
/// with `%2e` (any case) for either dot, so `%2e%2e/` goes up as `../` does
/// in a browser.
fn dot_segment(segment: &str) -> Option<&'static str> {
    let lower = segment.to_ascii_lowercase();
    match lower.as_str() {
        "." | "%2e" => Some("."),
        ".." | ".%2e" | "%2e." | "%2e%2e" => Some(".."),
        _ => None,
    }
}

/// RFC 3986 §5.2.4 on a path that starts with `/`, with WHATWG's dot segments.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match dot_segment(segment).unwrap_or(segment) {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    format!("/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(baseurl: &str, url: Option<&str>) -> SiteMap {
        let mut served = HashMap::default();
        served.insert("a/index.html".to_owned(), Served::Page(0));
        served.insert("b.html".to_owned(), Served::Page(1));
        served.insert("img/x y.png".to_owned(), Served::File);
        SiteMap {
            pages: Vec::new(),
            served,
            pages_by_folder: HashMap::default(),
            generated: globset::GlobSet::empty(),
            ignored: ignore::gitignore::Gitignore::empty(),
            paginate_path: None,
            baseurl: baseurl.to_owned(),
            own_origins: url.map(own_origins).unwrap_or_default(),
        }
    }

    fn internal(path: &str, fragment: Option<&str>) -> UrlTarget {
        UrlTarget::Internal {
            path: path.to_owned(),
            fragment: fragment.map(str::to_owned),
        }
    }

    #[test]
    fn dot_segments_and_backslashes_resolve_as_browsers_resolve_them() {
        let m = map("", Some("https://www.example.org"));
        let base = Some("/guides/x/");
        assert_eq!(m.target("%2e%2e/a/", base), internal("guides/a/", None));
        assert_eq!(
            m.target("/a/.%2E/%2e/b.html", base),
            internal("b.html", None)
        );
        assert_eq!(
            m.target("..\\a\\#k\\x", base),
            internal("guides/a/", Some("k\\x"))
        );
        assert_eq!(
            m.target("\\\\cdn.example.com/x.js", base),
            UrlTarget::External
        );
        assert_eq!(
            m.target("https:\\\\www.example.org\\a\\", base),
            internal("a/", None)
        );
        // A `%2e` inside a name is a name.
        assert_eq!(m.target("/a%2ex.html", base), internal("a.x.html", None));
    }

    #[test]
    fn urls_are_classified_and_resolved() {
        let m = map("", Some("https://www.example.org"));
        let base = Some("/guides/x/");
        assert_eq!(
            m.target("#top", base),
            UrlTarget::SamePage {
                fragment: "top".into()
            }
        );
        assert_eq!(m.target("../a/#k", base), internal("guides/a/", Some("k")));
        assert_eq!(m.target("/a/b/../c?x=1", base), internal("a/c", None));
        assert_eq!(
            m.target("img/x%20y.png", Some("/")),
            internal("img/x y.png", None)
        );
        assert_eq!(
            m.target("https://example.org/a/#z", base),
            internal("a/", Some("z"))
        );
        assert_eq!(m.target("HTTP://WWW.example.org", base), internal("", None));
        assert_eq!(
            m.target("https://example.org.evil/a", base),
            UrlTarget::External
        );
        assert_eq!(
            m.target("//cdn.example.com/x.js", base),
            UrlTarget::External
        );
        assert_eq!(m.target("mailto:a@b.c", base), UrlTarget::NotChecked);
        assert_eq!(m.target("javascript:void(0)", base), UrlTarget::NotChecked);
        assert_eq!(m.target("  ", base), UrlTarget::NotChecked);
        assert_eq!(m.target("relative.html", None), UrlTarget::NotChecked);
        assert_eq!(m.target("/root.html", None), internal("root.html", None));
        assert_eq!(
            m.target("../../../../up", Some("/a/")),
            internal("up", None)
        );
    }

    #[test]
    fn baseurl_is_stripped_and_static_server_rules_apply() {
        let m = map("/docs", None);
        assert_eq!(m.target("/docs/a/", None), internal("a/", None));
        let outside = UrlTarget::OutsideBaseurl {
            baseurl: "/docs".to_owned(),
        };
        assert_eq!(m.target("/docsx/a/", None), outside);
        assert_eq!(m.target("../../x", Some("/docs/a/")), outside);
        assert_eq!(m.lookup("a/"), Some(Served::Page(0)));
        assert_eq!(m.lookup("a"), Some(Served::Page(0)));
        assert_eq!(m.lookup("b"), Some(Served::Page(1)));
        assert_eq!(m.lookup("b.html"), Some(Served::Page(1)));
        assert_eq!(m.lookup("b/"), None);
        assert_eq!(m.lookup("img/x y.png"), Some(Served::File));
    }
}
