//! The external link checker: every `http(s)` URL a reader can click — in
//! pages (HTML, Markdown, templates: static URLs only) and in YAML data (a
//! field that is a URL, and the links of its Markdown) — fetched once per run
//! however often it is written, and reported at every place it is written.
//!
//! The network runs on tokio with one shared client: a global limit and a
//! per-host limit with a least interval between requests to one host (rayon,
//! which parses, would cap requests at the core count and cannot bound them
//! per host). See `fetch` for how one URL is asked, `address` for what may be
//! reached, `cache` for what is remembered between runs.

mod address;
mod cache;
mod fetch;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use galley_core::config::LinksConfig;
use galley_core::limits::MAX_LINK_BODY_BYTES;
use galley_core::{Config, ConfigError, Finding};
use galley_site::data::DataFiles;
use galley_site::{ExternalLink, Site, SiteMap, UrlTarget};
use reqwest::Url;

use cache::LinkCache;
use fetch::{Fetched, Fetcher, Outcome, Settings, status_text};
use rules::shown;

/// What checking the external links gave.
pub struct LinkCheck {
    pub findings: Vec<Finding>,
    /// Things to tell the user that are no finding (an unusable cache file,
    /// links left unchecked when the time budget ran out).
    pub warnings: Vec<String>,
    /// URLs fetched (not answered from the cache).
    pub fetched: usize,
    /// URLs answered from the cache.
    pub cached: usize,
    /// Findings past the per-file cap, counted but not kept, by file.
    pub not_kept: Vec<(String, usize)>,
}

/// A link's URL as the checker fetches it: parsed and normalised by the URL
/// standard, without its fragment, which is kept apart (decoded) when it names
/// an element that can be looked for in the page.
#[derive(Debug, Clone)]
pub struct LinkUrl {
    pub url: Url,
    /// The normalised URL without fragment: links that differ only in their
    /// fragment or in how they are written share one request.
    pub key: String,
    pub fragment: Option<String>,
}

impl LinkUrl {
    /// `None` for what cannot be fetched: not a URL, or not `http(s)`.
    pub fn parse(written: &str) -> Option<LinkUrl> {
        let mut url = Url::parse(written.trim()).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let fragment = url
            .fragment()
            .map(decode)
            .filter(|f| is_checkable_fragment(&url, f));
        url.set_fragment(None);
        let key = url.to_string();
        Some(LinkUrl { url, key, fragment })
    }
}

/// One URL to fetch, and the fragments links to it ask for.
struct Target {
    url: Url,
    fragments: BTreeSet<String>,
}

/// Checks the external links of `page_links` and of the site's data. At most
/// `MAX_EXTERNAL_URLS` distinct URLs are checked in a run (a warning counts
/// the links to the rest), and at most `MAX_FINDINGS_PER_FILE` findings of a
/// file are kept: what a page of a million links costs is bounded.
pub fn check(
    site: &Site,
    map: &SiteMap,
    data: &DataFiles,
    page_links: &[ExternalLink],
    config: &Config,
    root: &Path,
) -> Result<LinkCheck, ConfigError> {
    let settings = &config.links;
    let excludes = compile_excludes(config)?;
    let data_links = data_links(site, map, data);

    // Each URL once, without its fragment; links to it remember theirs.
    let mut targets: BTreeMap<String, Target> = BTreeMap::new();
    let mut placed: Vec<(&ExternalLink, String, Option<String>)> = Vec::new();
    let mut past_the_limit = 0;
    for link in page_links.iter().chain(&data_links) {
        let Some(LinkUrl { url, key, fragment }) = LinkUrl::parse(&link.url) else {
            continue;
        };
        if excludes.iter().any(|re| re.is_match(link.url.trim())) {
            continue;
        }
        if !targets.contains_key(&key) && targets.len() >= MAX_EXTERNAL_URLS {
            past_the_limit += 1;
            continue;
        }
        let target = targets.entry(key.clone()).or_insert_with(|| Target {
            url,
            fragments: BTreeSet::new(),
        });
        if let Some(fragment) = &fragment {
            target.fragments.insert(fragment.clone());
        }
        placed.push((link, key, fragment));
    }

    let cache_path = (!settings.cache.is_empty()).then(|| root.join(&settings.cache));
    let max_age = Duration::from_secs(settings.cache_max_age_hours.saturating_mul(3600));
    let (mut cache, cache_warning) = LinkCache::open(cache_path, max_age);
    let mut warnings: Vec<String> = cache_warning.into_iter().collect();
    if past_the_limit > 0 {
        warnings.push(format!(
            "{past_the_limit} external link{} not checked: a run checks at most {MAX_EXTERNAL_URLS} different URLs",
            if past_the_limit == 1 { " was" } else { "s were" }
        ));
    }

    // Answers already in the cache; the rest is fetched.
    let mut verdicts: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut to_fetch = Vec::new();
    for (key, target) in &targets {
        let page = cache.get(key).cloned();
        let fragments: Option<Vec<(String, Outcome)>> = target
            .fragments
            .iter()
            .map(|f| {
                let full = with_fragment(key, f);
                cache.get(&full).cloned().map(|v| (full, v))
            })
            .collect();
        match (page, fragments) {
            (Some(page), Some(fragments)) => {
                verdicts.insert(key.clone(), page);
                verdicts.extend(fragments);
            }
            _ => to_fetch.push(key.clone()),
        }
    }
    let cached = targets.len() - to_fetch.len();

    let fetched = fetch_all(&targets, &to_fetch, settings, &mut warnings)?;
    let fetched_count = fetched.len();
    for (key, result) in fetched {
        let target = &targets[&key];
        cache.put(&key, &result.outcome);
        for fragment in &target.fragments {
            let full = with_fragment(&key, fragment);
            let verdict = fragment_verdict(&result, fragment);
            cache.put(&full, &verdict);
            verdicts.insert(full, verdict);
        }
        verdicts.insert(key, result.outcome);
    }
    if let Err(warning) = cache.save() {
        warnings.push(warning);
    }

    let mut findings = Vec::new();
    // Per file: findings kept, and counted past the cap.
    let mut per_file: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (link, key, fragment) in &placed {
        let verdict = match fragment {
            Some(fragment) => verdicts.get(&with_fragment(key, fragment)),
            None => verdicts.get(key),
        };
        if let Some(verdict) = verdict
            && !matches!(verdict, Outcome::Ok)
        {
            let (kept, counted) = per_file.entry(link.file).or_default();
            if *kept < MAX_FINDINGS_PER_FILE {
                if let Some(finding) = finding(site, link, verdict) {
                    *kept += 1;
                    findings.push(finding);
                }
            } else {
                *counted += 1;
            }
        }
    }
    let not_kept = per_file
        .into_iter()
        .filter(|(_, (_, counted))| *counted > 0)
        .map(|(file, (_, counted))| (site.files[file].source.path().to_owned(), counted))
        .collect();
    Ok(LinkCheck {
        findings,
        warnings,
        fetched: fetched_count,
        cached,
        not_kept,
    })
}

fn compile_excludes(config: &Config) -> Result<Vec<regex::Regex>, ConfigError> {
    config
        .links
        .exclude
        .iter()
        .map(|pattern| {
            regex::Regex::new(pattern.get_ref()).map_err(|err| {
                config.error_at(
                    pattern.span(),
                    format!("`{}` is not a regular expression: {err}", pattern.get_ref()),
                    "write a regular expression (Rust's regex syntax), e.g. \"^https://example\\\\.org/private/\"",
                )
            })
        })
        .collect()
}

/// The URLs in the site's YAML data that lead to other sites.
fn data_links(site: &Site, map: &SiteMap, data: &DataFiles) -> Vec<ExternalLink> {
    let mut links = Vec::new();
    for (index, file, document) in data.documents(site) {
        for (range, url) in galley_markdown::yaml_links(&file.source, document) {
            if map.target(&url, None) == UrlTarget::External {
                links.push(ExternalLink {
                    file: index,
                    range,
                    url,
                });
            }
        }
    }
    links
}

use galley_core::limits::{MAX_EXTERNAL_URLS, MAX_FINDINGS_PER_FILE};
use galley_core::redacted;

/// Fetch tasks started at once (see `fetch_all`).
const TASKS_STARTED: usize = 4096;

/// The URLs left unchecked by the time budget that its warning names.
const UNCHECKED_NAMED: usize = 20;

/// Fetches the keys in `to_fetch`, in parallel within the limits, until the
/// time budget runs out.
fn fetch_all(
    targets: &BTreeMap<String, Target>,
    to_fetch: &[String],
    settings: &LinksConfig,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, Fetched)>, ConfigError> {
    if to_fetch.is_empty() {
        return Ok(Vec::new());
    }
    let fetcher = Fetcher::new(Settings {
        allow_private: settings.allow_private,
        accept: settings.accept.clone(),
        concurrency: settings.concurrency,
        per_host: settings.per_host,
        host_interval: Duration::from_millis(settings.host_interval_ms),
        connect_timeout: Duration::from_secs(settings.connect_timeout_secs.max(1)),
        timeout: Duration::from_secs(settings.timeout_secs.max(1)),
        retries: settings.retries,
        max_retry_after: Duration::from_secs(settings.max_retry_after_secs),
        max_redirects: settings.max_redirects,
        max_body: MAX_LINK_BODY_BYTES,
    })
    .map_err(|err| {
        ConfigError::unlocated(err, "external links cannot be checked on this machine")
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| {
            ConfigError::unlocated(
                format!("cannot start the network runtime: {err}"),
                "external links cannot be checked on this machine",
            )
        })?;
    let progress = if std::io::stderr().is_terminal() && to_fetch.len() > 1 {
        let bar = indicatif::ProgressBar::new(to_fetch.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} external links {pos}/{len} {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let fetcher = Arc::new(fetcher);
    let budget = Duration::from_secs(settings.budget_secs.max(1));
    let results = runtime.block_on(async {
        let deadline = tokio::time::Instant::now() + budget;
        let mut set = tokio::task::JoinSet::new();
        // Tasks are started as others finish, at most TASKS_STARTED at once
        // (each waits for its host's turn inside `fetch`): fifty thousand
        // futures at once cost more memory than the URLs themselves.
        let mut waiting = to_fetch.iter();
        let spawn = |set: &mut tokio::task::JoinSet<_>, key: &String| {
            let target = &targets[key];
            let fetcher = fetcher.clone();
            let url = target.url.clone();
            let want_body = !target.fragments.is_empty();
            let key = key.clone();
            set.spawn(async move {
                let fetched = fetcher.fetch(&url, want_body).await;
                (key, fetched)
            });
        };
        for key in waiting.by_ref().take(TASKS_STARTED) {
            spawn(&mut set, key);
        }
        let mut results = Vec::new();
        loop {
            match tokio::time::timeout_at(deadline, set.join_next()).await {
                Ok(Some(Ok(result))) => {
                    progress.inc(1);
                    results.push(result);
                    if let Some(key) = waiting.next() {
                        spawn(&mut set, key);
                    }
                }
                Ok(Some(Err(_))) => {
                    progress.inc(1);
                    if let Some(key) = waiting.next() {
                        spawn(&mut set, key);
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    set.abort_all();
                    break;
                }
            }
        }
        results
    });
    progress.finish_and_clear();
    // Stop at once: tasks cut off by the budget hold no state worth waiting for.
    runtime.shutdown_background();
    let left = to_fetch.len() - results.len();
    if left > 0 {
        let answered: std::collections::HashSet<&str> =
            results.iter().map(|(key, _)| key.as_str()).collect();
        let named: Vec<String> = to_fetch
            .iter()
            .filter(|key| !answered.contains(key.as_str()))
            .take(UNCHECKED_NAMED)
            .map(|key| galley_core::visible::single_line(&redacted(targets[key].url.as_str())))
            .collect();
        warnings.push(format!(
            "{left} external URL{} not checked: the time budget ([links] budget_secs = {}) ran out: {}{}",
            if left == 1 { " was" } else { "s were" },
            settings.budget_secs,
            named.join(", "),
            if left > named.len() {
                format!(" and {} more", left - named.len())
            } else {
                String::new()
            }
        ));
    }
    Ok(results)
}

/// A `#fragment` link's answer from its page's fetch.
fn fragment_verdict(fetched: &Fetched, fragment: &str) -> Outcome {
    match (&fetched.outcome, &fetched.ids) {
        (Outcome::Ok | Outcome::Redirected { .. }, Some(ids))
            if !ids.contains(fragment) && !fetched.truncated =>
        {
            Outcome::FragmentMissing {
                fragment: fragment.to_owned(),
            }
        }
        (outcome, _) => outcome.clone(),
    }
}

fn with_fragment(key: &str, fragment: &str) -> String {
    format!("{key}#{fragment}")
}

fn decode(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

/// Fragments that name no element: text fragments (`:~:text=`), client-side
/// routes (`#!/x`, `#/x`), and GitHub's line anchors, which scripts make.
fn is_checkable_fragment(url: &Url, fragment: &str) -> bool {
    if fragment.is_empty() || fragment.starts_with([':', '!', '/']) {
        return false;
    }
    let github_line = url.host_str() == Some("github.com")
        && fragment.starts_with('L')
        && fragment[1..].starts_with(|c: char| c.is_ascii_digit());
    !github_line
}

/// The finding for one place a link is written, by what its URL answered;
/// each rule's module says it in its words.
fn finding(site: &Site, link: &ExternalLink, verdict: &Outcome) -> Option<Finding> {
    let source = &site.files[link.file].source;
    let at = link.range.clone();
    let url = shown(link.url.trim());
    Some(match verdict {
        Outcome::Ok => return None,
        Outcome::Dead { status } => rules::link_dead::report(source, at, &url, *status),
        Outcome::Unreachable { reason } => {
            rules::link_unreachable::unreachable(source, at, &url, reason)
        }
        Outcome::Refused { reason } => rules::link_unreachable::refused(source, at, &url, reason),
        Outcome::Redirected { to } => rules::link_redirected::report(source, at, &url, to),
        Outcome::Blocked { status } => rules::link_blocked::report(source, at, &url, *status),
        Outcome::FragmentMissing { fragment } => {
            rules::link_fragment_missing::report(source, at, &url, fragment)
        }
    })
}

pub(crate) fn status_text_of(status: u16) -> String {
    match reqwest::StatusCode::from_u16(status) {
        Ok(code) => status_text(code),
        Err(_) => status.to_string(),
    }
}
