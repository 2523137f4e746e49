use crate::rules::FileFindings;
use galley_core::Finding;

use crate::{FileContext, ReferenceKind};

galley_core::declare_rule! {
    /// ## What it finds
    /// A file that a template names and the site does not have:
    /// `{% include name %}` (in `_includes/`), `{% include_relative name %}`
    /// (next to the file), `{% link path %}` (a source file),
    /// `{% post_url name %}` (a post), a front-matter `layout:` (in
    /// `_layouts/`), and `site.data.a.b` in `for`, `assign` and `{{ … }}` (a file or folder
    /// under `_data/`). Names built from Liquid are skipped, and so are
    /// includes and layouts when `_config.yml` names a `theme:` or
    /// `remote_theme:` (the theme may have them; Galley cannot see it).
    ///
    /// ## Why it matters
    /// A missing include, link target or layout stops `jekyll build` (or, for a
    /// layout, renders the page without its frame); a missing data path makes a
    /// `for` loop render nothing, so a section silently disappears.
    ///
    /// ## Example
    /// `{% include recomendation-card.html %}` is reported at the name, with
    /// "did you mean `recommendation-card.html`?" when the site has an include
    /// close to it.
    pub static LIQUID_TARGET_MISSING = {
        id: "liquid-target-missing",
        severity: Error,
        summary: "an include, layout, link, post or data path that Liquid names and the site lacks",
        title: "A template that names a file the site lacks",
        why: "The build fails, or the part of the page it should insert is missing.",
    };
}

/// Extensions layouts are written with.
const LAYOUT_EXTENSIONS: &[&str] = &["html", "htm", "md", "markdown", "xml", "json", "txt"];

/// Extensions Jekyll reads data files with.
const DATA_EXTENSIONS: &[&str] = &["yml", "yaml", "json", "csv", "tsv"];

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    let site = cx.site;
    // Where a name leads is Jekyll's rule; another generator's templates
    // (Eleventy's, in a folder read as HTML) resolve names their own way.
    if site.kind != galley_core::SiteKind::Jekyll {
        return;
    }
    // An include no page uses is never rendered: a stale name in it breaks
    // nothing (and is not worth an error).
    if cx.kind == galley_site::FileKind::Include && cx.anchors.users_of(cx.index).is_empty() {
        return;
    }
    // A site plugin (`_plugins/`) may write data files at build time
    // (jekyll_get, a fetched README): a missing one is unknown.
    let plugins_write_data = site.has_folder("_plugins");
    for reference in cx.references {
        let name = reference.name.as_str();
        let (found, wanted) = match reference.kind {
            ReferenceKind::Include => {
                // A leading `/` or `./` names the same file in `_includes/`.
                let path = format!(
                    "_includes/{}",
                    name.trim_start_matches("./").trim_start_matches('/')
                );
                // A theme outside the repository may have it: unknown, not missing.
                (site.has_file(&path) || has_theme(cx), path)
            }
            ReferenceKind::IncludeRelative => {
                let path = galley_liquid::next_to(cx.source.path(), name);
                (site.has_file(&path), path)
            }
            ReferenceKind::Link => {
                // Collection documents are named from `collections_dir`.
                let path = name.trim_start_matches('/').to_owned();
                let in_collections = site
                    .jekyll
                    .as_ref()
                    .filter(|j| !j.collections_dir.is_empty())
                    .is_some_and(|j| site.has_file(&format!("{}/{path}", j.collections_dir)));
                (site.has_file(&path) || in_collections, path)
            }
            ReferenceKind::PostUrl => (post_exists(cx, name), format!("a post named `{name}`")),
            ReferenceKind::Data if plugins_write_data => continue,
            ReferenceKind::Data => data_exists(cx, name),
        };
        if found {
            continue;
        }
        // Candidates for a did-you-mean: files in the same folder.
        let candidates: Vec<&str> = match reference.kind {
            ReferenceKind::Include | ReferenceKind::Link => {
                let folder = wanted
                    .rsplit_once('/')
                    .map_or(String::new(), |(dir, _)| format!("{dir}/"));
                siblings(cx, &folder)
                    .into_iter()
                    .filter(|p| !p[folder.len()..].contains('/'))
                    .collect()
            }
            _ => Vec::new(),
        };
        let hint = galley_core::closest(&wanted, candidates.iter().copied())
            .map(|near| {
                format!(
                    "did you mean `{}`? Otherwise ",
                    near.trim_start_matches("_includes/")
                )
            })
            .unwrap_or_default();
        let (tag, what) = match reference.kind {
            ReferenceKind::Include => ("include", format!("`{wanted}`")),
            ReferenceKind::IncludeRelative => ("include_relative", format!("`{wanted}`")),
            ReferenceKind::Link => ("link", format!("`{wanted}`")),
            ReferenceKind::PostUrl => ("post_url", wanted.clone()),
            ReferenceKind::Data => ("site.data", wanted.clone()),
        };
        let message = match reference.kind {
            ReferenceKind::Data => {
                format!("`site.data.{name}` names {what}, which the site does not have")
            }
            _ => format!("`{tag}` names {what}, which the site does not have"),
        };
        out.push(
            cx.source
                .report(
                    &LIQUID_TARGET_MISSING,
                    reference.range.clone(),
                    message,
                    format!("{hint}fix the name, or add the file"),
                )
                .with_target(format!("{tag} {wanted}")),
        );
    }
    layout(cx, out);
}

/// Whether `_config.yml` names a theme (`theme:`, `remote_theme:`), whose
/// layouts and includes are not in the repository: what it provides is unknown.
fn has_theme(cx: &FileContext<'_>) -> bool {
    cx.site.jekyll.as_ref().is_some_and(|j| j.theme.is_some())
}

/// A front-matter `layout:` must name a file in `_layouts/`.
fn layout(cx: &FileContext<'_>, out: &mut FileFindings) {
    let Some(front_matter) = cx.map.page(cx.index).and_then(|m| m.front_matter.as_ref()) else {
        return;
    };
    let Some(name) = front_matter.value.get("layout").and_then(|v| v.as_str()) else {
        return;
    };
    if name.is_empty() || name == "none" || name == "null" || name.contains('{') || has_theme(cx) {
        return;
    }
    if LAYOUT_EXTENSIONS
        .iter()
        .any(|ext| cx.site.has_file(&format!("_layouts/{name}.{ext}")))
    {
        return;
    }
    let layouts: Vec<&str> = cx
        .site
        .paths()
        .filter_map(|p| p.strip_prefix("_layouts/"))
        .filter_map(|p| p.rsplit_once('.').map(|(stem, _)| stem))
        .collect();
    let hint = galley_core::closest(name, layouts.iter().copied())
        .map(|near| format!("did you mean `{near}`? Otherwise "))
        .unwrap_or_default();
    out.push(
        Finding::new(
            &LIQUID_TARGET_MISSING,
            cx.source,
            front_matter.spans("/layout").value,
            format!("layout `{name}` is not in `_layouts/`"),
            format!("{hint}fix the name, or add `_layouts/{name}.html`"),
        )
        .with_target(format!("layout {name}")),
    );
}

/// The site's files under `prefix`, for a did-you-mean.
fn siblings<'a>(cx: &FileContext<'a>, prefix: &str) -> Vec<&'a str> {
    cx.site.paths().filter(|p| p.starts_with(prefix)).collect()
}

/// `{% post_url 2021-09-14-welcome %}` (or `category/2021-…`): a file of that
/// name, any extension, in the posts folder or a folder below it.
fn post_exists(cx: &FileContext<'_>, name: &str) -> bool {
    let posts = match cx.site.jekyll.as_ref().map(|j| j.collections_dir.as_str()) {
        Some(dir) if !dir.is_empty() => format!("{dir}/_posts/"),
        _ => "_posts/".to_owned(),
    };
    cx.site.paths().any(|path| {
        path.strip_prefix(&posts)
            .or_else(|| path.split_once("/_posts/").map(|(_, rest)| rest))
            .and_then(|rest| rest.rsplit_once('.'))
            .is_some_and(|(stem, _)| stem == name || stem.ends_with(&format!("/{name}")))
    })
}

/// `site.data.a.b`: folders `_data/a/…` then a data file; keys inside a file
/// are not checked. The second value is what was looked for.
fn data_exists(cx: &FileContext<'_>, name: &str) -> (bool, String) {
    let mut dir = "_data".to_owned();
    for segment in name.split('.') {
        if DATA_EXTENSIONS
            .iter()
            .any(|ext| cx.site.has_file(&format!("{dir}/{segment}.{ext}")))
        {
            return (true, String::new());
        }
        let folder = format!("{dir}/{segment}");
        if !cx.site.has_folder(&folder) {
            return (false, format!("`{folder}.yml` or the folder `{folder}/`"));
        }
        dir = folder;
    }
    (true, String::new())
}
