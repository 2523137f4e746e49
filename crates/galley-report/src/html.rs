//! `galley report`: one self-contained HTML page for editors. A summary (a bar
//! chart by kind of problem, the biggest causes, what changed since the
//! baseline), then the causes by where they are: on many pages, each page by
//! its title and URL, the shared parts with the pages they affect. A cause is
//! one card: the problem in plain words, its first place with the snippet (the
//! span marked), how to fix it, every place. Search and filters run on a small
//! inline script; without it the page is the full list.
//!
//! Every piece of content is escaped, and the page's Content-Security-Policy
//! allows no script but its own (by hash), so even a mistake in escaping could
//! not run content as code. Nothing is loaded from the network.

use std::collections::BTreeMap;
use std::fmt::Write;

use base64::Engine;
use galley_core::{Finding, RuleRegistry, Severity};

use crate::Part;
use sha2::{Digest, Sha256};

use crate::human::{back_chars, forward_chars, line_start, single_line, visible_source};
use crate::sarif::URI_PATH;
use crate::{Report, tally_line};

/// Where a finding's "source" link points.
pub enum SourceLinks {
    /// A URL template with `{path}` (from the repository root) and `{line}`.
    Template {
        template: String,
        path_prefix: String,
    },
    /// The file itself, by a path relative to the report (`prefix` leads from
    /// the report's folder to the site root).
    Relative { prefix: String },
}

impl SourceLinks {
    /// Where a finding's line is shown.
    fn href(&self, finding: &Finding) -> String {
        self.href_at(&finding.path, Some(finding.span.start.line))
    }

    /// Where a file is shown (its first line).
    fn file_href(&self, path: &str) -> String {
        self.href_at(path, None)
    }

    fn href_at(&self, path: &str, line: Option<usize>) -> String {
        match self {
            SourceLinks::Template {
                template,
                path_prefix,
            } => {
                let path = encode_path(&format!("{path_prefix}{path}"));
                template
                    .replace("{path}", &path)
                    .replace("{line}", &line.unwrap_or(1).to_string())
            }
            SourceLinks::Relative { prefix } => {
                let href = encode_path(&format!("{prefix}{path}"));
                // A file named `javascript:x.html` must stay a path, not
                // become a scheme.
                if href
                    .split('/')
                    .next()
                    .is_some_and(|first| first.contains(':'))
                {
                    format!("./{href}")
                } else {
                    href
                }
            }
        }
    }
}

fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_PATH).to_string()
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --error: #c62828; --warning: #a15c00; --info: #1565c0; --mark: #ffe08a; --muted: #666; }
@media (prefers-color-scheme: dark) { :root { --error: #ef7a7a; --warning: #e0a040; --info: #7fb2f0; --muted: #aaa; } }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 4rem; }
a { color: inherit; }
:focus-visible { outline: 3px solid #4a90d9; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: Canvas; padding: .25rem .5rem; }
h1 { margin-bottom: .25rem; }
h2 { margin-top: 2.5rem; }
.totals { font-size: 1.1rem; }
.error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); }
#summary { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem 2rem; }
@media (max-width: 48rem) { #summary { grid-template-columns: minmax(0, 1fr); } }
#summary h2 { margin: .5rem 0; font-size: 1.1rem; }
table.chart { width: 100%; border-collapse: collapse; font-size: .9rem; }
table.chart th { text-align: left; font-weight: normal; padding: .1rem .5rem .1rem 0; width: 55%; }
table.chart td.bar { width: 40%; } table.chart td.n { text-align: right; padding-left: .5rem; white-space: nowrap; }
table.chart svg { display: block; width: 100%; height: .8rem; }
.bar-error { fill: var(--error); } .bar-warning { fill: var(--warning); } .bar-info { fill: var(--info); }
#filters select { max-width: 100%; font: inherit; }
#filters label { max-width: 100%; }
#top-causes li { margin-bottom: .35rem; overflow-wrap: anywhere; }
#changes { grid-column: 1 / -1; padding: .5rem .75rem; border: 1px solid #8886; border-radius: .5rem; }
#filters { display: flex; gap: .75rem 1rem; flex-wrap: wrap; align-items: center; padding: .5rem .75rem; margin-top: 1.5rem; border: 1px solid #8884; border-radius: .5rem; position: sticky; top: 0; background: Canvas; z-index: 1; }
#filters input[type=search] { flex: 1 1 14rem; font: inherit; padding: .25rem .5rem; }
.page, .part { margin-top: 1.75rem; }
.page h3, .part h3 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
.where, .affects { margin: .1rem 0 .5rem; color: var(--muted); overflow-wrap: anywhere; }
.count { font-weight: normal; color: var(--muted); }
.card { margin: .75rem 0 1.25rem; padding: .25rem 0 .25rem .75rem; border-left: 4px solid #8886; }
.card[data-severity=error] { border-color: var(--error); }
.card[data-severity=warning] { border-color: var(--warning); }
.card[data-severity=info] { border-color: var(--info); }
.card p { margin: .25rem 0; overflow-wrap: anywhere; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .8rem; }
.new { font-weight: 600; font-size: .8rem; padding: 0 .35rem; border-radius: .25rem; background: #2e7d32; color: #fff; }
.title { font-weight: 600; }
.why, .rule { color: var(--muted); font-size: .9rem; }
.message { font-weight: 600; }
pre { background: #8881; padding: .5rem .75rem; overflow-x: auto; border-radius: .25rem; font-size: .9rem; }
.ln { display: inline-block; min-width: 3.5em; color: #888; user-select: none; }
mark { background: var(--mark); color: #000; border-radius: .15rem; }
.places ul { margin: .25rem 0; padding-left: 1.25rem; max-height: 20rem; overflow-y: auto; }
@media print {
  #filters, .skip { display: none; }
  [hidden] { display: none !important; }
  .places ul { max-height: none; overflow: visible; }
  .card { break-inside: avoid; }
  body { max-width: none; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('filters');
  form.hidden = false;
  document.documentElement.setAttribute('data-filters', 'on');
  var search = document.getElementById('search');
  // `report.html?q=words` opens with the search filled in (a view to share).
  var asked = /[?&]q=([^&]*)/.exec(location.search);
  if (asked) { search.value = decodeURIComponent(asked[1].replace(/\+/g, ' ')); }
  function apply() {
    var severities = {};
    form.querySelectorAll('input[name=severity]').forEach(function (box) { severities[box.value] = box.checked; });
    var rule = form.querySelector('select[name=rule]').value;
    var onlyNew = form.querySelector('input[name=new]');
    onlyNew = onlyNew && onlyNew.checked;
    var terms = search.value.toLowerCase().split(/\s+/).filter(function (t) { return t !== ''; });
    var shown = 0;
    document.querySelectorAll('.card').forEach(function (card) {
      var text = card.dataset.search;
      var visible = severities[card.dataset.severity]
        && (rule === '' || card.dataset.rule === rule)
        && (!onlyNew || card.dataset.new === 'true')
        && terms.every(function (t) { return text.indexOf(t) !== -1; });
      card.hidden = !visible;
      if (visible) { shown += Number(card.dataset.count); }
    });
    document.querySelectorAll('.page, .part, .section').forEach(function (section) {
      section.hidden = section.querySelector('.card:not([hidden])') === null;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  form.addEventListener('change', apply);
  search.addEventListener('input', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
"#;

/// Lines of context around a finding in its snippet.
const CONTEXT_LINES: usize = 1;
/// A line longer than this is cut around the span...
const MAX_LINE_CHARS: usize = 120;
/// ...to this many characters before the mark and this many after it.
const CHARS_BEFORE_MARK: usize = 30;
const CHARS_AFTER_MARK: usize = 90;
/// Places listed in a card; more are counted.
const MAX_PLACES_LISTED: usize = 100;
/// A card lists its places open when it has at most this many.
const PLACES_OPEN: usize = 5;
/// Pages named under a shared part before "and N more".
const USERS_LISTED: usize = 10;

/// One finding in the report, and whether it is new since the baseline.
struct Place<'a> {
    finding: &'a Finding,
    new: bool,
}

/// One cause: the findings of one group, in report order.
struct Card<'a> {
    places: Vec<Place<'a>>,
}

impl<'a> Card<'a> {
    fn first(&self) -> &'a Finding {
        self.places[0].finding
    }

    fn files(&self) -> Vec<&'a str> {
        let mut files: Vec<&str> = self
            .places
            .iter()
            .map(|p| p.finding.path.as_str())
            .collect();
        files.dedup();
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(*f));
        files
    }

    fn is_new(&self) -> bool {
        self.places.iter().any(|p| p.new)
    }

    /// Errors first, then the causes with most places.
    fn order(a: &Card<'_>, b: &Card<'_>) -> std::cmp::Ordering {
        a.first()
            .severity
            .cmp(&b.first().severity)
            .then(b.places.len().cmp(&a.places.len()))
            .then_with(|| Finding::report_order(a.first(), b.first()))
    }
}

/// Renders the report page.
pub fn render_html(report: &Report<'_>, registry: &RuleRegistry, links: &SourceLinks) -> String {
    let script_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    let tally = &report.tally;
    let baseline = report.baseline.is_some();
    let mut all: Vec<Place<'_>> = report
        .findings
        .iter()
        .map(|finding| Place {
            finding,
            new: baseline,
        })
        .chain(report.known.iter().map(|finding| Place {
            finding,
            new: false,
        }))
        .collect();
    all.sort_by(|a, b| Finding::report_order(a.finding, b.finding));
    let cards = cards(all);

    let mut out = String::with_capacity(32 * 1024 + cards.len() * 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'\">\n\
         <title>Galley report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#findings\">Skip to the findings</a>\n",
        escape(&tally_line(report))
    );
    let _ = write!(
        out,
        "<header>\n<h1>Galley report</h1>\n<p class=\"totals\"><span id=\"count-errors\" class=\"error\">{}</span> errors, \
         <span id=\"count-warnings\" class=\"warning\">{}</span> warnings, \
         <span id=\"count-infos\" class=\"info\">{}</span> infos in <span id=\"count-files\">{}</span> files \
         ({} site), from <span id=\"count-causes\">{}</span> causes</p>\n</header>\n",
        tally.errors + count_of(report.known, Severity::Error),
        tally.warnings + count_of(report.known, Severity::Warning),
        tally.infos + count_of(report.known, Severity::Info),
        tally.files,
        report.site_kind.as_str(),
        cards.len()
    );
    write_summary(&mut out, report, registry, &cards);
    write_filters(&mut out, report, registry, &cards);
    out.push_str("<main id=\"findings\">\n");
    if cards.is_empty() {
        out.push_str("<p id=\"clean\">No findings: nothing to fix.</p>\n");
    }
    write_sections(&mut out, report, registry, links, cards);
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

fn count_of(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

/// The places grouped into causes, in the order of their first place.
fn cards(places: Vec<Place<'_>>) -> Vec<Card<'_>> {
    crate::groups::by_cause(places, |place| place.finding)
        .into_iter()
        .map(|places| Card { places })
        .collect()
}

/// Totals by rule as a bar chart, the five biggest causes, and what changed
/// since the baseline.
fn write_summary(
    out: &mut String,
    report: &Report<'_>,
    registry: &RuleRegistry,
    cards: &[Card<'_>],
) {
    if cards.is_empty() && report.fixed.is_empty() {
        return;
    }
    out.push_str("<section id=\"summary\">\n<div>\n<h2>By kind of problem</h2>\n");
    let mut by_rule: Vec<(&str, Severity, usize)> = Vec::new();
    for card in cards {
        let f = card.first();
        match by_rule.iter_mut().find(|(rule, _, _)| *rule == f.rule) {
            Some(entry) => {
                entry.1 = entry.1.min(f.severity);
                entry.2 += card.places.len();
            }
            None => by_rule.push((f.rule, f.severity, card.places.len())),
        }
    }
    by_rule.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    let max = by_rule.iter().map(|r| r.2).max().unwrap_or(1).max(1);
    // A row per kind: its name as text (it wraps on a phone), its bar as a
    // small inline SVG, its count.
    out.push_str("<table class=\"chart\" aria-label=\"Findings by kind of problem\">\n");
    for (rule, severity, count) in &by_rule {
        let width = (count * 100).div_ceil(max).max(1);
        let title = registry.get(rule).map_or(*rule, |meta| meta.title);
        let _ = writeln!(
            out,
            "<tr data-rule=\"{}\"><th scope=\"row\">{}</th><td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect class=\"bar-{}\" width=\"{width}\" height=\"10\" rx=\"1\"></rect></svg></td><td class=\"n\">{}</td></tr>",
            escape(rule),
            escape(title),
            severity.as_str(),
            crate::groups::count(*count),
        );
    }
    out.push_str("</table>\n</div>\n<div>\n<h2>The biggest causes</h2>\n<ol id=\"top-causes\">\n");
    let mut biggest: Vec<&Card<'_>> = cards.iter().collect();
    biggest.sort_by(|a, b| {
        b.places
            .len()
            .cmp(&a.places.len())
            .then_with(|| Card::order(a, b))
    });
    for card in biggest.into_iter().take(5) {
        let f = card.first();
        let title = registry.get(f.rule).map_or(f.rule, |meta| meta.title);
        let _ = writeln!(
            out,
            "<li><a href=\"#cause-{}\">{}</a>: {} <span class=\"count\">({})</span></li>",
            cause_id(f),
            escape(title),
            markdown_inline(&single_line(&f.message)),
            places_phrase(card)
        );
    }
    out.push_str("</ol>\n</div>\n");
    if report.baseline.is_some() {
        let new: usize = report.findings.len();
        let _ = writeln!(
            out,
            "<div id=\"changes\"><p><strong id=\"count-new\">{}</strong> new since the baseline, \
             <strong id=\"count-fixed\">{}</strong> fixed.</p>",
            new,
            report.fixed.len()
        );
        if !report.fixed.is_empty() {
            let _ = writeln!(
                out,
                "<details id=\"fixed\"><summary>Fixed since the baseline ({})</summary>\n<ul>",
                report.fixed.len()
            );
            for entry in report.fixed {
                let title = registry
                    .get(&entry.rule)
                    .map_or(entry.rule.as_str(), |meta| meta.title);
                let _ = writeln!(
                    out,
                    "<li><span class=\"title\">{}</span>: {} <span class=\"count\">({}:{})</span></li>",
                    escape(title),
                    markdown_inline(&single_line(&entry.message)),
                    escape(&single_line(&entry.path)),
                    entry.line
                );
            }
            out.push_str("</ul>\n</details>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn write_filters(
    out: &mut String,
    report: &Report<'_>,
    registry: &RuleRegistry,
    cards: &[Card<'_>],
) {
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    let mut severities = [0usize; 3];
    for card in cards {
        *rules.entry(card.first().rule).or_default() += card.places.len();
        severities[card.first().severity as usize] += card.places.len();
    }
    // Hidden until the script runs: without it, every finding is listed.
    out.push_str(
        "<form id=\"filters\" hidden role=\"search\">\n<input type=\"search\" id=\"search\" placeholder=\"Find a page, a problem, a word\" aria-label=\"Find a page, a problem, a word\">\n",
    );
    for (severity, count) in [
        ("error", severities[0]),
        ("warning", severities[1]),
        ("info", severities[2]),
    ] {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{severity}\" checked> {severity}s ({count})</label>"
        );
    }
    if report.baseline.is_some() {
        out.push_str("<label><input type=\"checkbox\" name=\"new\"> only new</label>\n");
    }
    out.push_str("<label>problem <select name=\"rule\">\n<option value=\"\">all kinds</option>\n");
    for (rule, count) in rules {
        let title = registry.get(rule).map_or(rule, |meta| meta.title);
        let _ = writeln!(
            out,
            "<option value=\"{}\">{} ({count})</option>",
            escape(rule),
            escape(title)
        );
    }
    out.push_str("</select></label>\n<span><span id=\"shown\"></span> shown</span>\n</form>\n");
}

/// The causes by where they are: on many pages; each page by title; each
/// shared part with the pages it affects; other files.
fn write_sections(
    out: &mut String,
    report: &Report<'_>,
    registry: &RuleRegistry,
    links: &SourceLinks,
    mut cards: Vec<Card<'_>>,
) {
    cards.sort_by(Card::order);
    let mut across = Vec::new();
    let mut by_file: BTreeMap<&str, Vec<&Card<'_>>> = BTreeMap::new();
    for card in &cards {
        let files = card.files();
        if files.len() > 1 {
            across.push(card);
        } else {
            by_file.entry(files[0]).or_default().push(card);
        }
    }
    if !across.is_empty() {
        out.push_str("<section class=\"section\" id=\"across\">\n<h2>On many pages</h2>\n");
        for card in across {
            write_card(out, report, registry, links, card);
        }
        out.push_str("</section>\n");
    }
    let part_of = |path: &str| {
        report
            .site
            .files
            .get(path)
            .map_or(Part::Other, |info| info.part)
    };
    for (part, heading, id) in [
        (Part::Page, "Pages", "pages"),
        (Part::Shared, "Shared parts", "shared"),
        (Part::Other, "Other files", "other"),
    ] {
        let mut files: Vec<(&str, &Vec<&Card<'_>>)> = by_file
            .iter()
            .filter(|(path, _)| part_of(path) == part)
            .map(|(path, cards)| (*path, cards))
            .collect();
        if files.is_empty() {
            continue;
        }
        // The pages with the worst problems first, then the most findings.
        files.sort_by(|a, b| {
            let worst = |cards: &[&Card<'_>]| cards.iter().map(|c| c.first().severity).min();
            let total = |cards: &[&Card<'_>]| cards.iter().map(|c| c.places.len()).sum::<usize>();
            worst(a.1)
                .cmp(&worst(b.1))
                .then(total(b.1).cmp(&total(a.1)))
                .then_with(|| natord::compare(a.0, b.0))
        });
        let _ = writeln!(
            out,
            "<section class=\"section\" id=\"{id}\">\n<h2>{heading}</h2>"
        );
        for (path, file_cards) in files {
            write_file_heading(out, report, links, path, part);
            for card in file_cards {
                write_card(out, report, registry, links, card);
            }
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }
}

/// A page's or shared part's heading: its title, its URL on the site, its
/// source file; for a shared part, the pages built with it.
fn write_file_heading(
    out: &mut String,
    report: &Report<'_>,
    links: &SourceLinks,
    path: &str,
    part: Part,
) {
    let info = report.site.files.get(path);
    let class = if part == Part::Page { "page" } else { "part" };
    let title = info.and_then(|i| i.title.as_deref());
    let _ = writeln!(
        out,
        "<section class=\"{class}\" data-path=\"{}\">\n<h3>{}</h3>",
        escape(path),
        escape(&single_line(title.unwrap_or(path)))
    );
    let source = format!(
        "<a class=\"edit\" href=\"{}\">{}</a>",
        escape(&links.file_href(path)),
        escape(&single_line(path))
    );
    match info.and_then(|i| i.url.as_deref()) {
        Some(url) => {
            let url_html = match &report.site.address {
                Some(address) => format!(
                    "<a class=\"url\" href=\"{}\">{}</a>",
                    escape(&format!("{address}{url}")),
                    escape(url)
                ),
                None => format!("<span class=\"url\">{}</span>", escape(url)),
            };
            let _ = writeln!(out, "<p class=\"where\">{url_html} · source {source}</p>");
        }
        None => {
            let _ = writeln!(out, "<p class=\"where\">{source}</p>");
        }
    }
    if let Some(info) = info.filter(|i| !i.used_by.is_empty()) {
        let names: Vec<String> = info
            .used_by
            .iter()
            .take(USERS_LISTED)
            .map(|page| {
                let title = report
                    .site
                    .files
                    .get(page)
                    .and_then(|i| i.title.as_deref())
                    .unwrap_or(page);
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&links.file_href(page)),
                    escape(&single_line(title))
                )
            })
            .collect();
        let more = info.used_by.len().saturating_sub(USERS_LISTED);
        let _ = writeln!(
            out,
            "<p class=\"affects\">Used by {} page{}: {}{}</p>",
            info.used_by.len(),
            if info.used_by.len() == 1 { "" } else { "s" },
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
}

fn cause_id(finding: &Finding) -> String {
    format!(
        "{}-{}",
        finding.rule,
        galley_core::finding::key_hex(finding.group)
    )
}

fn places_phrase(card: &Card<'_>) -> String {
    let files = card.files().len();
    match (card.places.len(), files) {
        (1, _) => "1 place".to_owned(),
        (n, 1) => format!("{} places", crate::groups::count(n)),
        (n, f) => format!(
            "{} places on {} pages",
            crate::groups::count(n),
            crate::groups::count(f)
        ),
    }
}

fn write_card(
    out: &mut String,
    report: &Report<'_>,
    registry: &RuleRegistry,
    links: &SourceLinks,
    card: &Card<'_>,
) {
    let finding = card.first();
    let severity = finding.severity.as_str();
    let meta = registry.get(finding.rule);
    let title = meta.map_or(finding.rule, |m| m.title);
    let why = meta.map_or("", |m| m.why);
    // What search finds the card by: the problem, and every place's file,
    // title and URL.
    let mut search = format!(
        "{} {} {} {}",
        finding.rule, title, finding.message, finding.help
    );
    for path in card.files().into_iter().take(MAX_PLACES_LISTED) {
        search.push(' ');
        search.push_str(path);
        if let Some(info) = report.site.files.get(path) {
            for extra in [&info.title, &info.url].into_iter().flatten() {
                search.push(' ');
                search.push_str(extra);
            }
        }
    }
    let start = finding.span.start;
    let _ = write!(
        out,
        "<article class=\"card\" id=\"cause-{id}\" data-rule=\"{rule}\" data-severity=\"{severity}\" data-count=\"{count}\" data-new=\"{new}\" data-search=\"{search}\">\n\
         <p class=\"head\"><span class=\"sev {severity}\">{severity}</span> <span class=\"title\">{title}</span> \
         <span class=\"count\">{places}</span>{new_badge}</p>\n\
         <p class=\"why\">{why}</p>\n\
         <p class=\"message\">{message}</p>\n",
        id = cause_id(finding),
        rule = escape(finding.rule),
        count = card.places.len(),
        new = card.is_new(),
        search = escape(&single_line(&search).to_lowercase()),
        title = escape(title),
        places = places_phrase(card),
        new_badge = if card.is_new() {
            " <span class=\"new\">new</span>"
        } else {
            ""
        },
        why = escape(why),
        message = markdown_inline(&single_line(&finding.message)),
    );
    if let Some(text) = report.sources.get(&finding.path) {
        write_snippet(out, text, finding);
    }
    let _ = write!(
        out,
        "<p class=\"help\">How to fix: {}</p>\n\
         <p class=\"rule\">Rule <code>{}</code> at <a class=\"source\" href=\"{}\">{}:{}:{}</a></p>\n",
        markdown_inline(&single_line(&finding.help)),
        escape(finding.rule),
        escape(&links.href(finding)),
        escape(&single_line(&finding.path)),
        start.line,
        start.column,
    );
    if card.places.len() > 1 {
        let _ = writeln!(
            out,
            "<details class=\"places\"{}><summary>All {}</summary>\n<ul>",
            if card.places.len() <= PLACES_OPEN {
                " open"
            } else {
                ""
            },
            places_phrase(card)
        );
        for place in card.places.iter().take(MAX_PLACES_LISTED) {
            let f = place.finding;
            let page = report
                .site
                .files
                .get(&f.path)
                .and_then(|i| i.title.as_deref())
                .map(|t| format!(" <span class=\"count\">{}</span>", escape(&single_line(t))))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}:{}:{}</a>{page}{}</li>",
                escape(&links.href(f)),
                escape(&single_line(&f.path)),
                f.span.start.line,
                f.span.start.column,
                if place.new && report.baseline.is_some() {
                    " <span class=\"new\">new</span>"
                } else {
                    ""
                }
            );
        }
        out.push_str("</ul>\n");
        let more = card.places.len().saturating_sub(MAX_PLACES_LISTED);
        if more > 0 {
            let _ = writeln!(
                out,
                "<p>and {} more (<code>galley check --format short</code> lists every one)</p>",
                crate::groups::count(more)
            );
        }
        out.push_str("</details>\n");
    }
    out.push_str("</article>\n");
}

/// A message or help line with its Markdown code spans as code (escaped;
/// an unpaired backtick stays a backtick).
fn markdown_inline(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The finding's lines and one line around them, the span marked.
fn write_snippet(out: &mut String, text: &str, finding: &Finding) {
    let start = finding.span.start.offset.min(text.len());
    let end = finding.span.end.offset.clamp(start, text.len());
    let first_line = finding.span.start.line.saturating_sub(CONTEXT_LINES).max(1);
    let mut first_line_start = line_start(text, start);
    for _ in first_line..finding.span.start.line {
        first_line_start = line_start(text, first_line_start.saturating_sub(1));
    }
    let last_line = finding.span.end.line + CONTEXT_LINES;
    out.push_str("<pre class=\"snippet\"><code>");
    let mut at = first_line_start;
    for number in first_line..=last_line {
        if at > text.len() || (at == text.len() && number > finding.span.end.line) {
            break;
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..line_end].trim_end_matches('\r');
        let line_end_trimmed = at + line.len();
        // The part of the span on this line, as byte offsets into the line.
        let mark_from = start.clamp(at, line_end_trimmed) - at;
        let mark_to = end.clamp(at, line_end_trimmed) - at;
        let (from, to) = cut(line, mark_from, mark_to);
        let _ = write!(out, "<span class=\"ln\">{number}</span>");
        if from > 0 {
            out.push('…');
        }
        // Each part masked on its own: the offsets are the file's.
        let shown = |part: &str| escape(&visible_source(&galley_core::passwords_masked(part)));
        out.push_str(&shown(&line[from..mark_from]));
        if mark_to > mark_from || (start == end && number == finding.span.start.line) {
            let _ = write!(out, "<mark>{}</mark>", shown(&line[mark_from..mark_to]));
        }
        out.push_str(&shown(&line[mark_to..to]));
        if to < line.len() {
            out.push('…');
        }
        out.push('\n');
        at = line_end + 1;
    }
    out.push_str("</code></pre>\n");
}

/// The byte range of `line` to show: all of it, or for a long line the
/// marked part with a little before it and more after, so that the mark is in
/// view at the left of the snippet, not scrolled out to the right.
fn cut(line: &str, mark_from: usize, mark_to: usize) -> (usize, usize) {
    if line.chars().count() <= MAX_LINE_CHARS {
        return (0, line.len());
    }
    (
        back_chars(line, mark_from, CHARS_BEFORE_MARK),
        forward_chars(line, mark_to, CHARS_AFTER_MARK),
    )
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Shown, not obeyed: a file name cannot reorder the page's text.
            c if (c.is_control() && c != '\n' && c != '\t') || crate::human::is_bidi_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script>&'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
        // A file name cannot reorder the page's text or hide in it.
        assert_eq!(
            escape("gpj.\u{202E}exe\u{061C}\u{7}"),
            "gpj.\\u{202e}exe\\u{61c}\\u{7}"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let line = format!("{}MARK{}", "a".repeat(1000), "b".repeat(1000));
        let (from, to) = cut(&line, 1000, 1004);
        assert_eq!(&line[from..1000], "a".repeat(CHARS_BEFORE_MARK));
        assert_eq!(&line[1004..to], "b".repeat(CHARS_AFTER_MARK));
        // On a character boundary, however wide the characters.
        let wide = format!("{}MARK{}", "é".repeat(500), "ü".repeat(500));
        let (from, to) = cut(&wide, 1000, 1004);
        assert_eq!(wide[from..1000].chars().count(), CHARS_BEFORE_MARK);
        assert_eq!(wide[1004..to].chars().count(), CHARS_AFTER_MARK);
    }
}
