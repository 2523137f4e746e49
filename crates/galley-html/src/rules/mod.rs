//! The HTML rules, one module each. `check_file` runs them all on one file.

pub mod anchor_missing;
pub mod asset_missing;
pub mod fragment_missing;
pub mod html_syntax;
pub mod id_duplicate;
pub mod img_alt_missing;
pub mod img_alt_suspicious;
pub mod link_missing;
pub mod liquid_syntax;
pub mod liquid_target_missing;

use galley_core::limits::MAX_FINDINGS_PER_FILE;
use galley_core::{Finding, RuleMeta};
use galley_site::UrlTarget;

use crate::scan::{UrlRef, UrlRole};
use crate::{FileContext, PageAnchors};

/// The rules this crate declares (`asset-missing` is shared, declared by
/// `galley-site`).
pub static RULES: &[&RuleMeta] = &[
    &anchor_missing::ANCHOR_MISSING,
    &link_missing::LINK_MISSING,
    &fragment_missing::FRAGMENT_MISSING,
    &id_duplicate::ID_DUPLICATE,
    &img_alt_missing::IMG_ALT_MISSING,
    &img_alt_suspicious::IMG_ALT_SUSPICIOUS,
    &html_syntax::HTML_SYNTAX,
    &liquid_syntax::LIQUID_SYNTAX,
    &liquid_target_missing::LIQUID_TARGET_MISSING,
];

/// How every HTML rule checks a file: it reads the file's context and adds
/// its findings.
type Check = fn(&FileContext<'_>, &mut FileFindings);

/// A file's findings as its rules report them: at most
/// `MAX_FINDINGS_PER_FILE` of each severity are kept, the rest only counted.
/// The pipeline keeps the most severe `MAX_FINDINGS_PER_FILE` of all and
/// says how many more there were, so a page with a million defects costs the
/// findings that can be shown, not a million.
#[derive(Default)]
pub(crate) struct FileFindings {
    kept: Vec<Finding>,
    per_severity: [usize; 3],
    /// Findings reported past the cap of their severity.
    pub(crate) not_kept: usize,
}

impl FileFindings {
    pub(crate) fn push(&mut self, finding: Finding) {
        let slot = &mut self.per_severity[finding.severity as usize];
        if *slot < MAX_FINDINGS_PER_FILE {
            *slot += 1;
            self.kept.push(finding);
        } else {
            self.not_kept += 1;
        }
    }

    pub(crate) fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings {
            self.push(finding);
        }
    }

    pub(crate) fn into_parts(self) -> (Vec<Finding>, usize) {
        (self.kept, self.not_kept)
    }
}

/// Each rule with its check, in the order they run.
const CHECKS: &[(&RuleMeta, Check)] = &[
    (&anchor_missing::ANCHOR_MISSING, anchor_missing::check),
    (&link_missing::LINK_MISSING, link_missing::check),
    (&fragment_missing::FRAGMENT_MISSING, fragment_missing::check),
    (&galley_site::rules::ASSET_MISSING, asset_missing::check),
    (&id_duplicate::ID_DUPLICATE, id_duplicate::check),
    (&img_alt_missing::IMG_ALT_MISSING, img_alt_missing::check),
    (
        &img_alt_suspicious::IMG_ALT_SUSPICIOUS,
        img_alt_suspicious::check,
    ),
    (&html_syntax::HTML_SYNTAX, html_syntax::check),
    (&liquid_syntax::LIQUID_SYNTAX, liquid_syntax::check),
    (
        &liquid_target_missing::LIQUID_TARGET_MISSING,
        liquid_target_missing::check,
    ),
];

/// Runs every rule that is not `off` on one file, then the prose rules on its
/// text: the findings kept, and how many more there were.
pub(crate) fn check_file(cx: &FileContext<'_>) -> (Vec<Finding>, usize) {
    let mut findings = FileFindings::default();
    for (rule, check) in CHECKS {
        if cx.config.runs(rule) {
            check(cx, &mut findings);
        }
    }
    findings.extend(cx.prose.check(cx.source, &cx.scan.prose));
    findings.into_parts()
}

/// The link rules alone, for links written outside a page (the Markdown of
/// a data file's prose fields).
pub(crate) fn check_links(cx: &FileContext<'_>) -> (Vec<Finding>, usize) {
    let mut findings = FileFindings::default();
    if cx.config.runs(&link_missing::LINK_MISSING) {
        link_missing::check(cx, &mut findings);
    }
    if cx.config.runs(&fragment_missing::FRAGMENT_MISSING) {
        fragment_missing::check(cx, &mut findings);
    }
    findings.into_parts()
}

/// A URL as the reader wrote it, shortened for a one-line message.
pub(crate) fn shown(url: &str) -> String {
    galley_core::shortened(&galley_core::redacted(url), 80)
}

/// Why an internal URL leads nowhere.
pub(crate) enum Missing<'a> {
    /// No file is served at this path (relative to the build root).
    NotServed(&'a str),
    /// A root-relative path outside the `baseurl` the site is served under.
    OutsideBaseurl(&'a str),
}

/// The URLs of `role` in the file that lead nowhere in the site: what
/// `link-missing` and `asset-missing` report.
pub(crate) fn missing_urls<'a>(
    cx: &'a FileContext<'_>,
    role: UrlRole,
) -> impl Iterator<Item = (&'a UrlRef, Missing<'a>)> {
    cx.scan
        .urls
        .iter()
        .zip(&cx.targets)
        .filter(move |(url, _)| url.role == role)
        .filter_map(|(url, target)| match target {
            Some(UrlTarget::Internal { path, .. }) => (cx.map.lookup(path).is_none()
                && !elsewhere_on_host(cx, url, path))
            .then_some((url, Missing::NotServed(path.as_str()))),
            Some(UrlTarget::OutsideBaseurl { baseurl }) => {
                Some((url, Missing::OutsideBaseurl(baseurl.as_str())))
            }
            _ => None,
        })
}

/// Whether a link that the site does not serve may lead to a page Galley
/// cannot see: any, while a git submodule is not checked out; and, for a
/// root-relative link, another site on the same host: when the site is a
/// GitHub project page (served under `/repo/`, `Site::project_path`), a link
/// into that path is judged with the path taken off, and any other
/// root-relative link is another site's (unknown, not missing).
fn elsewhere_on_host(cx: &FileContext<'_>, url: &UrlRef, path: &str) -> bool {
    // A submodule that is not checked out may serve any page.
    if !cx.site.missing_submodules.is_empty() {
        return true;
    }
    let Some(prefix) = cx.site.project_path.as_deref() else {
        return false;
    };
    let written = url.url.trim_start();
    if !written.starts_with('/') || written.starts_with("//") {
        return false;
    }
    match path.strip_prefix(prefix) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            cx.map.lookup(rest.trim_start_matches('/')).is_some()
        }
        // Outside `/repo/` the host serves its other sites (an organisation's
        // own pages hold its 404 images): not this site's to judge.
        _ => true,
    }
}

/// A root-relative URL that misses the `baseurl` prefix works in a local preview
/// served at `/` and breaks once the site is served under its subpath.
pub(crate) fn outside_baseurl(
    rule: &RuleMeta,
    cx: &FileContext<'_>,
    url: &UrlRef,
    baseurl: &str,
) -> Finding {
    cx.source
        .report(
            rule,
            url.range.clone(),
            format!(
                "`{}` leads outside `{baseurl}`, the path the site is served under",
                shown(&url.url)
            ),
            format!(
                "start the path with `{baseurl}/`, or write it with Liquid's `relative_url` filter"
            ),
        )
        .with_target(url.url.trim())
}

/// "did you mean `#x`? Otherwise " when a page has an id close to `fragment`.
pub(crate) fn nearest_id_hint(anchors: &PageAnchors<'_>, fragment: &str) -> String {
    match anchors.closest(fragment) {
        Some(near) => format!("did you mean `#{near}`? Otherwise "),
        None => String::new(),
    }
}
