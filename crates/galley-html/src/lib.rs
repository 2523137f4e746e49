//! The HTML checker: anchors, ids, internal links, assets and images in pages,
//! layouts and includes, whether Jekyll sources (Liquid masked, front matter
//! split off) or built HTML.
//!
//! Each file is read once and tokenised once (`scan`), in parallel; the ids of
//! every page are then gathered into one `AnchorIndex`, and every file's rules
//! run in parallel against it.

mod anchors;
mod markdown;
pub mod rules;
mod scan;

use rustc_hash::FxHashMap as HashMap;

use galley_contract::Contract;
use galley_core::limits::MAX_EXTERNAL_URLS;
use galley_core::{Config, Finding, SourceFile, internal_error};
use galley_liquid as liquid;
use galley_liquid::Template;
use galley_prose::rules::ProseRules;
use galley_site::data::DataFiles;
use galley_site::{ExternalLink, FileKind, Site, SiteMap, Templates, UrlTarget};
use rayon::prelude::*;

pub use anchors::{AnchorIndex, PageAnchors};
pub use scan::{PageScan, SyntaxProblem, UrlRef, UrlRole, scan};

use anchors::TemplateParts;
pub use galley_liquid::{FileReference, ReferenceKind};
use markdown::MarkdownRendering;

fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown")
}

/// One file's scan, and its Liquid when it is a template (what its tags say,
/// read once for the site: `galley_liquid::Template`).
pub(crate) struct FileScan<'t> {
    pub(crate) scan: PageScan,
    /// `None` for a file Jekyll copies as written.
    pub(crate) template: Option<&'t Template<'t>>,
}

impl FileScan<'_> {
    /// Site paths of the files it includes by a static name.
    pub(crate) fn includes(&self) -> &[String] {
        self.template.map_or(&[], |t| &t.facts.includes)
    }

    /// An include is named by Liquid: it may add any id.
    pub(crate) fn unknown_ids(&self) -> bool {
        self.template.is_some_and(|t| t.facts.unknown_ids)
    }

    /// It renders Markdown with `markdownify`.
    pub(crate) fn markdownify(&self) -> bool {
        self.template.is_some_and(|t| t.facts.markdownify)
    }

    /// Where Liquid branches (`else`, `elsif`, `when`): ids on either side of
    /// one may be alternatives rather than duplicates.
    pub(crate) fn branch_points(&self) -> &[usize] {
        self.template.map_or(&[], |t| &t.facts.branch_points)
    }

    /// Files its Liquid tags name.
    pub(crate) fn references(&self) -> &[FileReference] {
        self.template.map_or(&[], |t| &t.facts.references)
    }

    /// Liquid that Jekyll cannot parse.
    pub(crate) fn liquid(&self) -> &[liquid::LiquidProblem] {
        self.template.map_or(&[], |t| &t.problems)
    }

    /// Ranges inside `if`, `case` and `for` blocks.
    pub(crate) fn conditional(&self) -> &[std::ops::Range<usize>] {
        self.template.map_or(&[], |t| &t.conditional)
    }
}

impl FileContext<'_> {
    /// This page's own ids (with its layouts and includes); `None` for layouts
    /// and includes, whose ids depend on the page that uses them.
    pub fn own_anchors(&self) -> Option<&PageAnchors<'_>> {
        (self.kind == FileKind::Page)
            .then(|| self.anchors.of(self.index))
            .flatten()
    }
}

/// What a rule sees of one file.
pub struct FileContext<'a> {
    /// The file's index in `Site::files`.
    pub index: usize,
    pub source: &'a SourceFile,
    pub kind: FileKind,
    pub scan: &'a PageScan,
    pub map: &'a SiteMap,
    pub anchors: &'a AnchorIndex<'a>,
    /// Where each of `scan.urls` leads; `None` for URLs built from Liquid.
    pub targets: Vec<Option<UrlTarget>>,
    pub branch_points: &'a [usize],
    pub prose: &'a ProseRules,
    /// The config: which rules run.
    pub config: &'a Config,
    pub site: &'a Site,
    /// Files its Liquid tags name.
    pub references: &'a [FileReference],
    /// What templates read from the data, judged.
    pub contract: &'a Contract,
    /// Liquid that Jekyll cannot parse.
    pub liquid: &'a [liquid::LiquidProblem],
    /// Ranges inside `if`, `case` and `for` blocks: written on some renders only.
    pub conditional: &'a [std::ops::Range<usize>],
}

/// What the page checker gives: its findings, and the external URLs the pages
/// link to (for the external link checker).
pub struct PageCheck {
    pub findings: Vec<Finding>,
    pub external: Vec<ExternalLink>,
    /// The pages (indexes into `Site::files`) each layout or include ends up
    /// in, by the template's index: what a defect in it affects.
    pub used_by: Vec<(usize, Vec<usize>)>,
    /// Findings past the per-file cap of their severity, counted but not
    /// kept, by file.
    pub not_kept: Vec<(String, usize)>,
    /// External links of a file past `MAX_EXTERNAL_URLS`, counted but not
    /// collected (so never checked), by file.
    pub external_left: Vec<(String, usize)>,
}

/// Runs every HTML rule on the site.
pub fn check(
    site: &Site,
    map: &SiteMap,
    templates: &Templates<'_>,
    data: &DataFiles,
    config: &Config,
    contract: &Contract,
) -> PageCheck {
    let markdown = MarkdownRendering::of(site, config);
    let prose = ProseRules::new(config);
    // Largest files first, so that a few big pages do not leave one core
    // working alone at the end.
    let mut order: Vec<usize> = (0..site.files.len()).collect();
    order.sort_unstable_by_key(|&index| std::cmp::Reverse(site.files[index].source.text().len()));
    // A file's scan, `None` when it is not read as HTML, or its crash.
    type Scanned<'t> = Result<Option<FileScan<'t>>, Box<Finding>>;
    let scanned: Vec<(usize, Scanned<'_>)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|index| {
            let file = &site.files[index];
            let scan =
                internal_error::catch("reading this file's HTML", file.source.path(), || {
                    scan_file(
                        index,
                        &file.source,
                        file.kind,
                        map,
                        &markdown,
                        templates.get(index),
                    )
                });
            (index, scan)
        })
        .collect();
    let mut scans: Vec<Option<FileScan<'_>>> = Vec::with_capacity(scanned.len());
    scans.resize_with(scanned.len(), || None);
    let mut crashes = Vec::new();
    for (index, scan) in scanned {
        match scan {
            Ok(scan) => scans[index] = scan,
            Err(crash) => crashes.push(*crash),
        }
    }

    // AnchorJS gives id-less headings ids when the page loads (jasmine's
    // upgrade guides link to them): a site that ships or loads it has them.
    if uses_anchor_js(site, &scans) {
        for file_scan in scans.iter_mut().flatten() {
            anchors::add_anchor_js_ids(&mut file_scan.scan);
        }
    }

    let index_of: HashMap<&str, usize> = site
        .files
        .iter()
        .enumerate()
        .map(|(index, file)| (file.source.path(), index))
        .collect();
    let pages = site.files.iter().enumerate().filter_map(|(index, file)| {
        (file.kind == FileKind::Page && map.page(index).is_some_and(|p| p.output.is_some()))
            .then_some(index)
    });
    let parts = |index: usize| -> Option<TemplateParts<'_>> {
        let meta = map.page(index)?;
        let scan = scans.get(index)?.as_ref();
        Some(TemplateParts {
            scan: scan.map(|s| &s.scan),
            layout: meta.layout.as_deref(),
            includes: scan.map_or(&[][..], |s| s.includes()),
            unknown_ids: scan.is_some_and(|s| s.unknown_ids()),
            markdownify: scan.is_some_and(|s| s.markdownify()),
        })
    };
    // Reading the data again for its headings is needed only when a template
    // renders Markdown from Liquid.
    let rendered_ids = if scans.iter().flatten().any(|s| s.markdownify()) {
        markdown::markdownify_ids(site, map, data, &markdown)
    } else {
        Default::default()
    };
    let anchors = AnchorIndex::build(
        pages,
        &parts,
        &|path| index_of.get(path).copied(),
        &rendered_ids,
    );

    type Checked = (Vec<Finding>, Vec<ExternalLink>, (usize, usize, usize));
    let checked: Vec<Checked> = site
        .files
        .par_iter()
        .enumerate()
        .map(|(index, file)| {
            let Some(file_scan) = &scans[index] else {
                return (Vec::new(), Vec::new(), (index, 0, 0));
            };
            let base = map.base_of(index);
            let targets = file_scan
                .scan
                .urls
                .iter()
                .map(|url| (!url.dynamic).then(|| map.target(&url.url, base.as_deref())))
                .collect();
            let context = FileContext {
                index,
                source: &file.source,
                kind: file.kind,
                scan: &file_scan.scan,
                map,
                anchors: &anchors,
                targets,
                branch_points: file_scan.branch_points(),
                prose: &prose,
                config,
                site,
                references: file_scan.references(),
                liquid: file_scan.liquid(),
                conditional: file_scan.conditional(),
                contract,
            };
            // A run checks at most MAX_EXTERNAL_URLS URLs: a file's links past
            // that many are counted, not collected.
            let mut external: Vec<ExternalLink> = Vec::new();
            let mut external_left = 0;
            for (url, _) in file_scan
                .scan
                .urls
                .iter()
                .zip(&context.targets)
                .filter(|(_, target)| matches!(target, Some(UrlTarget::External)))
            {
                if external.len() < MAX_EXTERNAL_URLS {
                    external.push(ExternalLink {
                        file: index,
                        range: url.range.clone(),
                        url: url.url.clone(),
                    });
                } else {
                    external_left += 1;
                }
            }
            let (findings, not_kept) =
                internal_error::catch("checking this file", file.source.path(), || {
                    rules::check_file(&context)
                })
                .unwrap_or_else(|crash| (vec![*crash], 0));
            (findings, external, (index, not_kept, external_left))
        })
        .collect();
    let mut findings = crashes;
    let mut external = Vec::new();
    let mut not_kept = Vec::new();
    let mut external_left = Vec::new();
    for (file_findings, file_links, (index, dropped, left)) in checked {
        findings.extend(file_findings);
        external.extend(file_links);
        if dropped > 0 {
            not_kept.push((site.files[index].source.path().to_owned(), dropped));
        }
        if left > 0 {
            external_left.push((site.files[index].source.path().to_owned(), left));
        }
    }
    findings.extend(data_links(
        site, map, data, config, contract, &anchors, &prose,
    ));
    findings.par_extend(
        site.files
            .par_iter()
            .enumerate()
            .flat_map_iter(|(index, file)| {
                internal_error::catch("checking this file's prose", file.source.path(), || {
                    page_prose(index, &file.source, map, &markdown, &prose)
                })
                .unwrap_or_else(|crash| vec![*crash])
            }),
    );
    let used_by = anchors.used_by();
    drop(anchors);
    // A large site's scans hold millions of small strings: free them on every core.
    scans.into_par_iter().for_each(drop);
    PageCheck {
        findings,
        external,
        used_by,
        not_kept,
        external_left,
    }
}

/// The links written in the Markdown of data files' prose fields, checked as
/// a page's links are (`link-missing`, `fragment-missing`). Only those that
/// lead to the same page wherever the data is rendered: root-relative and
/// the site's own absolute URLs; a relative one depends on the page.
fn data_links(
    site: &Site,
    map: &SiteMap,
    data: &DataFiles,
    config: &Config,
    contract: &Contract,
    anchors: &AnchorIndex<'_>,
    prose: &ProseRules,
) -> Vec<Finding> {
    let is_prose = |key: &str| config.prose.is_data_field(key);
    let mut findings = Vec::new();
    for (index, file, document) in data.documents(site) {
        let links = galley_markdown::yaml_prose_links(&file.source, document, &is_prose);
        let mut scan = PageScan::default();
        let mut targets = Vec::new();
        for (range, url) in links {
            let trimmed = url.trim();
            let fixed = (trimmed.starts_with('/') && !trimmed.starts_with("//"))
                || trimmed.starts_with("http://")
                || trimmed.starts_with("https://");
            if !fixed {
                continue;
            }
            let target = map.target(trimmed, None);
            if !matches!(target, UrlTarget::Internal { .. }) {
                continue;
            }
            targets.push(Some(target));
            scan.urls.push(scan::UrlRef {
                url,
                range,
                element: "a",
                attribute: "href",
                role: scan::UrlRole::Link,
                dynamic: false,
            });
        }
        if scan.urls.is_empty() {
            continue;
        }
        let context = FileContext {
            index,
            source: &file.source,
            kind: file.kind,
            scan: &scan,
            map,
            anchors,
            targets,
            branch_points: &[],
            prose,
            config,
            site,
            references: &[],
            liquid: &[],
            conditional: &[],
            contract,
        };
        findings.extend(
            internal_error::catch("checking this file's links", file.source.path(), || {
                rules::check_links(&context).0
            })
            .unwrap_or_else(|crash| vec![*crash]),
        );
    }
    findings
}

/// Whether the site ships AnchorJS (`anchor.js`, `anchor.min.js`) or a page
/// loads it (`anchor-js` from a CDN).
fn uses_anchor_js(site: &Site, scans: &[Option<FileScan<'_>>]) -> bool {
    let is_anchor_js = |name: &str| name == "anchor.js" || name == "anchor.min.js";
    site.paths()
        .any(|path| is_anchor_js(path.rsplit('/').next().unwrap_or(path)))
        || scans.iter().flatten().any(|scan| {
            scan.scan.urls.iter().any(|url| {
                url.element == "script"
                    && (url.url.contains("anchor-js")
                        || is_anchor_js(url.url.rsplit('/').next().unwrap_or_default()))
            })
        })
}

/// The ids a file declares itself (not its layout's or includes'), in order;
/// an id built from Liquid is shown with `*` where Liquid stands. `None` when
/// the file is not a page, layout or include Galley reads.
pub fn ids_of(site: &Site, map: &SiteMap, config: &Config, path: &str) -> Option<Vec<String>> {
    let index = site.files.iter().position(|f| f.source.path() == path)?;
    let file = &site.files[index];
    let markdown = MarkdownRendering::of(site, config);
    let template = map
        .page(index)
        .filter(|meta| galley_site::runs_liquid(file.kind, meta))
        .map(|meta| Template::read(path, file.source.text(), meta.body.clone()));
    let scanned = scan_file(
        index,
        &file.source,
        file.kind,
        map,
        &markdown,
        template.as_ref(),
    )?;
    Some(
        scanned
            .scan
            .ids
            .iter()
            .map(|id| match &id.pattern {
                Some(parts) if parts.is_empty() => "*".to_owned(),
                Some(parts) => parts.join("*"),
                None => id.value.clone(),
            })
            .collect(),
    )
}

/// Tokenises a page, layout or include that is HTML or Markdown; `template`
/// is its Liquid, read once for the site (`None` when Jekyll copies it as
/// written, or Galley crashed reading it).
fn scan_file<'t>(
    index: usize,
    source: &SourceFile,
    kind: FileKind,
    map: &SiteMap,
    markdown: &MarkdownRendering,
    template: Option<&'t Template<'t>>,
) -> Option<FileScan<'t>> {
    let meta = map.page(index)?;
    let path = source.path();
    if is_markdown(path) {
        // Jekyll renders a Markdown page only with front matter, Liquid first.
        if !markdown.renders(meta.has_front_matter) {
            return None;
        }
        return Some(markdown::scan_page(
            source.text(),
            meta.body.clone(),
            markdown,
            template?,
        ));
    }
    let is_html = path.ends_with(".html") || path.ends_with(".htm");
    if !is_html {
        return None;
    }
    if !galley_site::runs_liquid(kind, meta) {
        return Some(FileScan {
            scan: scan::scan(source.text(), meta.body.clone(), None),
            template: None,
        });
    }
    let template = template?;
    let scan = scan::scan(
        &template.masked.text,
        meta.body.clone(),
        Some(&template.masked),
    );
    Some(FileScan {
        scan,
        template: Some(template),
    })
}

/// Front-matter keys whose values are not text a reader sees.
const FRONT_MATTER_NOT_PROSE: &[&str] = &[
    "layout",
    "permalink",
    "date",
    "last_modified_at",
    "categories",
    "category",
    "tags",
    "lang",
    "redirect_from",
    "redirect_to",
    "image",
    "logo",
    "icon",
    "slug",
    "published",
    "sitemap",
    "url",
    "canonical_url",
    "website",
    "link",
    "href",
    "src",
    "class",
    "id",
    "license",
];

/// The prose findings that no page scan reads: a page's front matter, and a
/// Markdown file that is served as it is.
fn page_prose(
    index: usize,
    source: &SourceFile,
    map: &SiteMap,
    markdown: &MarkdownRendering,
    prose_rules: &ProseRules,
) -> Vec<Finding> {
    let Some(meta) = map.page(index) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    if let Some(front_matter) = &meta.front_matter {
        let is_prose = |key: &str| !FRONT_MATTER_NOT_PROSE.contains(&key);
        let prose = galley_markdown::yaml_prose(source, front_matter, &is_prose);
        findings.extend(prose_rules.check(source, &prose));
    }
    if is_markdown(source.path()) && !markdown.renders(meta.has_front_matter) {
        let prose = markdown::unrendered_prose(source);
        findings.extend(prose_rules.check(source, &prose));
    }
    findings
}
