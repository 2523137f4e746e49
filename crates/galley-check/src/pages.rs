//! What the editors' report says of a file besides its findings: a page's
//! title and URL, and for a layout or include the pages built with it.

use std::collections::{HashMap, HashSet};

use galley_report::{FileInfo, Part, SiteInfo};
use galley_site::{FileKind, Site, SiteMap};

/// The titles, URLs and shared parts of the files in `paths`.
pub(crate) fn describe<'a>(
    site: &Site,
    map: &SiteMap,
    used_by: &[(usize, Vec<usize>)],
    paths: impl Iterator<Item = &'a str>,
    configured_address: Option<&str>,
) -> SiteInfo {
    let mut wanted: HashSet<&str> = paths.collect();
    let used_by: HashMap<usize, &Vec<usize>> = used_by.iter().map(|(t, p)| (*t, p)).collect();
    // The pages a shared part with findings is in are named by their titles.
    for (index, file) in site.files.iter().enumerate() {
        if wanted.contains(file.source.path())
            && let Some(pages) = used_by.get(&index)
        {
            wanted.extend(pages.iter().map(|&page| site.files[page].source.path()));
        }
    }
    let mut files = HashMap::new();
    for (index, file) in site.files.iter().enumerate() {
        let path = file.source.path();
        if !wanted.contains(path) {
            continue;
        }
        let part = match file.kind {
            FileKind::Page => Part::Page,
            FileKind::Layout | FileKind::Include | FileKind::Data | FileKind::JekyllConfig => {
                Part::Shared
            }
            FileKind::Other => Part::Other,
        };
        let meta = map.page(index);
        let front_matter_title = meta
            .and_then(|m| m.front_matter.as_ref())
            .and_then(|fm| fm.value.get("title"))
            .and_then(|v| v.as_str())
            // Jekyll prints it into the page as it is: `Q&amp;A` reads `Q&A`.
            .map(plain)
            .filter(|title| !title.is_empty() && !title.contains("{{"));
        let title = front_matter_title.or_else(|| {
            (part == Part::Page)
                .then(|| title_in(file.source.text()))
                .flatten()
        });
        let url = (part == Part::Page)
            .then(|| map.output_of(site, path))
            .flatten()
            .map(|output| map.url_of(&output));
        let pages = used_by
            .get(&index)
            .map(|pages| {
                pages
                    .iter()
                    .map(|&page| site.files[page].source.path().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        files.insert(
            path.to_owned(),
            FileInfo {
                part,
                title,
                url,
                used_by: pages,
            },
        );
    }
    let address = configured_address
        .map(str::to_owned)
        .or_else(|| site.addresses().next().map(str::to_owned))
        .map(|a| a.trim_end_matches('/').to_owned());
    SiteInfo { files, address }
}

/// A page's title from its text: `<title>`, else the first `<h1>`, else the
/// first Markdown `# ` heading; tags dropped, entities for markup decoded,
/// white space collapsed.
fn title_in(text: &str) -> Option<String> {
    let element = |name: &str| -> Option<String> {
        let lower_open = format!("<{name}");
        let start = find_ascii_ci(text, &lower_open)?;
        let open_end = start + text[start..].find('>')? + 1;
        let close = open_end + find_ascii_ci(&text[open_end..], &format!("</{name}>"))?;
        Some(plain(&text[open_end..close]))
    };
    let heading = || {
        text.lines()
            .find_map(|line| line.strip_prefix("# "))
            .map(|h| plain(h.trim_end_matches('#')))
    };
    element("title")
        .or_else(|| element("h1"))
        .or_else(heading)
        .filter(|title| !title.is_empty() && !title.contains("{{") && !title.contains("{%"))
}

fn find_ascii_ci(text: &str, needle: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let needle = needle.as_bytes();
    // Bounded: titles are near the top; a minified page is not searched whole.
    let limit = bytes.len().min(64 * 1024);
    (0..limit.saturating_sub(needle.len() - 1))
        .find(|&i| bytes[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Text without tags, with the entities of markup decoded and runs of white
/// space as one space, at most 200 characters.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    galley_core::shortened(&collapsed, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_title_then_h1_then_a_heading() {
        assert_eq!(
            title_in("<html><head><TITLE>A &amp; B\n – docs</TITLE></head>").as_deref(),
            Some("A & B – docs")
        );
        assert_eq!(
            title_in("<h1 class=x>The <em>page</em></h1>").as_deref(),
            Some("The page")
        );
        assert_eq!(title_in("intro\n# Heading #\n").as_deref(), Some("Heading"));
        assert_eq!(title_in("<title>{{ page.title }}</title>"), None);
        assert_eq!(title_in("no title"), None);
    }
}
