//! Markdown pages, read into the same `PageScan` as HTML so that every page
//! rule applies: headings get the ids the site's renderer gives them, links
//! and images are URLs, and the HTML inside is read by the HTML scanner where
//! it stands in the file.

use galley_core::config::HeadingIdStyle;
use galley_core::{Config, SiteKind, SourceFile};
use galley_liquid::Template;
use galley_markdown::heading_ids::HeadingIds;
use galley_site::Site;
use galley_site::data::DataFiles;

use crate::FileScan;
use crate::scan::{self, AttrValue, IdDecl, Image, PageScan, UrlRef, UrlRole};

/// How the site renders Markdown.
pub(crate) struct MarkdownRendering {
    /// Jekyll renders a Markdown file only when it has front matter; other
    /// sites' Markdown files (and Jekyll's without front matter) are served
    /// as they are: their text is read, but they are not pages.
    jekyll: bool,
    style: HeadingIdStyle,
    prefix: String,
}

impl MarkdownRendering {
    /// Heading ids: `[site] heading_ids`, else `_config.yml`'s kramdown
    /// settings, else GitHub's.
    pub(crate) fn of(site: &Site, config: &Config) -> MarkdownRendering {
        let jekyll = site
            .jekyll
            .as_ref()
            .filter(|_| site.kind == SiteKind::Jekyll);
        MarkdownRendering {
            jekyll: site.kind == SiteKind::Jekyll,
            style: config
                .site
                .heading_ids
                .or(jekyll.map(|j| j.heading_ids))
                .unwrap_or(HeadingIdStyle::Github),
            prefix: jekyll
                .map(|j| j.heading_id_prefix.clone())
                .unwrap_or_default(),
        }
    }
}

impl MarkdownRendering {
    /// Whether kramdown renders the site's Markdown (Jekyll's default).
    pub(crate) fn kramdown(&self) -> bool {
        self.jekyll
            && matches!(
                self.style,
                HeadingIdStyle::Kramdown | HeadingIdStyle::KramdownGfm | HeadingIdStyle::None
            )
    }

    /// Whether a Markdown file is rendered into a page.
    pub(crate) fn renders(&self, has_front_matter: bool) -> bool {
        self.jekyll && has_front_matter
    }
}

/// The words of a Markdown file that is served as it is.
pub(crate) fn unrendered_prose(source: &SourceFile) -> galley_prose::Prose {
    let text = source.text();
    galley_markdown::scan(text, 0..text.len(), &[]).prose
}

/// Reads a Markdown page (Liquid masked, as Jekyll renders Liquid first).
pub(crate) fn scan_page<'t>(
    text: &str,
    body: std::ops::Range<usize>,
    style: &MarkdownRendering,
    template: &'t Template<'t>,
) -> FileScan<'t> {
    let masked = &template.masked;
    let body_range = body.clone();
    // `{{ site.url }}` prints the site's own address: a link that starts with
    // it (`[x]: {{ site.url }}/a`) leads to this site's `/a`, so it is read as
    // written text (masked to spaces), not as Liquid that builds the URL.
    let gaps: Vec<std::ops::Range<usize>> = masked
        .liquid
        .iter()
        .filter(|gap| {
            let liquid = text.get((*gap).clone()).unwrap_or_default();
            galley_liquid::printed_variable(liquid) != Some("site.url")
        })
        .cloned()
        .collect();
    let markdown = galley_markdown::scan(&masked.text, body.clone(), &gaps);
    let mut page = if markdown.html.is_empty() {
        PageScan::default()
    } else {
        scan::scan(
            &html_view(&masked.text, &markdown.html, body.clone()),
            body,
            Some(masked),
        )
    };
    let html_prose = std::mem::take(&mut page.prose);
    page.prose = markdown.prose;
    page.prose.absorb(html_prose, Some);

    let mut ids = HeadingIds::new(style.style, &style.prefix);
    for heading in &markdown.headings {
        let (value, pattern) = if heading.dynamic {
            // Liquid in the heading: any id may come out of it.
            (String::new(), Some(Vec::new()))
        } else {
            match ids.of(heading, &masked.text) {
                Some(id) => (id, None),
                None => continue,
            }
        };
        page.ids.push(IdDecl {
            value,
            range: heading.range.clone(),
            pattern,
        });
    }
    if style.kramdown() {
        page.ids.extend(
            galley_markdown::block_attribute_ids(&masked.text, body_range.clone())
                .into_iter()
                .map(|(value, range)| IdDecl {
                    value,
                    range,
                    pattern: None,
                }),
        );
    }
    page.ids.sort_by_key(|id| id.range.start);

    for link in markdown.links {
        let (element, attribute, role) = match link.image {
            Some(_) => ("img", "src", UrlRole::Asset),
            None => ("a", "href", UrlRole::Link),
        };
        if let Some(alt) = &link.image {
            let text = alt.text.trim();
            page.images.push(Image {
                tag: alt.whole.start..alt.whole.start + 2,
                alt: (!text.is_empty()).then(|| AttrValue {
                    value: alt.text.clone(),
                    range: alt.range.clone(),
                    literal: masked.text[alt.range.clone()].to_owned(),
                    dynamic: masked.has_liquid(alt.range.clone()),
                }),
                src: Some(link.dest.clone()),
                attributes_dynamic: false,
                sole_link_content: alt.sole_link_content,
                markdown: true,
            });
        }
        page.urls.push(UrlRef {
            url: link.dest,
            range: link.range,
            element,
            attribute,
            role,
            dynamic: link.dynamic,
        });
    }
    page.urls.sort_by_key(|url| url.range.start);
    page.images.sort_by_key(|image| image.tag.start);

    FileScan {
        scan: page,
        template: Some(template),
    }
}

/// The HTML of a Markdown page alone: every byte of Markdown becomes a space
/// (a `.` where it starts, so the text of HTML on either side is not joined),
/// keeping every offset of the file.
fn html_view(text: &str, html: &[std::ops::Range<usize>], body: std::ops::Range<usize>) -> String {
    let mut view = text.as_bytes().to_vec();
    let mut at = body.start;
    for range in html.iter().chain(std::iter::once(&(body.end..body.end))) {
        if range.start > at {
            for byte in &mut view[at..range.start] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
            view[at] = b'.';
        }
        at = at.max(range.end);
    }
    // Only whole characters were replaced, by ASCII: still UTF-8.
    String::from_utf8(view)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// The ids `markdownify` can give the headings of the site's Markdown strings
/// (every string of its data files and front matter that holds a heading),
/// each string numbered on its own as each call is. A page that renders
/// Markdown from Liquid may have any of them, and no other.
pub(crate) fn markdownify_ids(
    site: &Site,
    map: &galley_site::SiteMap,
    data: &DataFiles,
    style: &MarkdownRendering,
) -> rustc_hash::FxHashSet<String> {
    let mut ids = rustc_hash::FxHashSet::default();
    let mut add = |text: &str| {
        let has_heading = text.starts_with('#')
            || text.contains("\n#")
            || text.contains("\n==")
            || text.contains("\n--");
        if !has_heading {
            return;
        }
        let scan = galley_markdown::scan(text, 0..text.len(), &[]);
        let mut numbering = HeadingIds::new(style.style, &style.prefix);
        for heading in &scan.headings {
            ids.extend(numbering.of(heading, text));
        }
    };
    for (_, _, document) in data.documents(site) {
        galley_markdown::each_string(&document.value, &mut add);
    }
    for index in 0..site.files.len() {
        if let Some(front_matter) = map.page(index).and_then(|m| m.front_matter.as_ref()) {
            galley_markdown::each_string(&front_matter.value, &mut add);
        }
    }
    ids
}
