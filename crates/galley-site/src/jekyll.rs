//! The parts of Jekyll's `_config.yml` that decide which source files become
//! pages, and at which URL: `baseurl`, `url`, `permalink`, `collections`,
//! `collections_dir`, `exclude` and `plugins`.

use galley_core::config::HeadingIdStyle;
use serde_json::Value;

/// Jekyll's site settings, with Jekyll's defaults where `_config.yml` is silent.
#[derive(Debug, Clone)]
pub struct JekyllSettings {
    /// The site's own address (`https://example.org`), without a trailing `/`.
    pub url: Option<String>,
    /// The subpath the site is served under (`/blog`), without a trailing `/`;
    /// empty for a site served at the root.
    pub baseurl: String,
    /// Whether `_config.yml` sets `baseurl` at all (empty counts: the site
    /// says it is served at the root).
    pub baseurl_given: bool,
    /// A permalink style name (`date`, `pretty`, `ordinal`, `none`) or a template.
    pub permalink: String,
    /// The folder holding the `_label` folders of collections; empty for the root.
    pub collections_dir: String,
    pub collections: Vec<Collection>,
    exclude: Vec<String>,
    /// `include:`: names Jekyll builds although they start with `_` or `.`
    /// (`.htaccess`, `_redirects`); `include` wins over `exclude`.
    include: Vec<String>,
    pub plugins: Vec<String>,
    /// jekyll-feed's output path (`feed: path:`, default `feed.xml`).
    feed_path: String,
    /// `paginate_path` (jekyll-paginate) or `pagination: permalink`
    /// (jekyll-paginate-v2, with `:num`), when a paginator is a plugin.
    paginate_path: Option<String>,
    /// `theme:` or `remote_theme:`: layouts and includes from outside the
    /// repository.
    pub theme: Option<String>,
    /// `defaults:` entries, in the order given.
    front_matter_defaults: Vec<FrontMatterDefault>,
    /// How kramdown gives headings ids (`kramdown: input`, `auto_ids`).
    pub heading_ids: HeadingIdStyle,
    /// `kramdown: auto_id_prefix`.
    pub heading_id_prefix: String,
    /// The top-level values of `_config.yml` that print as text: what
    /// `{{ site.title }}` is on every page.
    texts: std::collections::HashMap<String, String>,
}

/// One `defaults:` entry of `_config.yml`: front-matter values for the files in
/// its scope.
#[derive(Debug, Clone)]
struct FrontMatterDefault {
    /// `scope.path`: a path prefix (empty for every file).
    path: String,
    /// `scope.type`: `pages`, `posts` or a collection label.
    kind: Option<String>,
    /// The front-matter values it sets.
    values: serde_json::Map<String, Value>,
}

impl FrontMatterDefault {
    fn applies_to(&self, path: &str, kind: &str) -> bool {
        let in_path = self.path.is_empty()
            || path == self.path
            || path
                .strip_prefix(self.path.as_str())
                .is_some_and(|r| r.starts_with('/'));
        in_path && self.kind.as_deref().is_none_or(|k| k == kind)
    }
}

/// A Jekyll collection (`posts` is always one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub label: String,
    /// Whether its documents are rendered as pages of their own.
    pub output: bool,
    pub permalink: Option<String>,
}

/// What Jekyll leaves out of every build, on top of the config's `exclude`.
pub(crate) const DEFAULT_EXCLUDE: &[&str] = &[
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle",
    "vendor/cache",
    "vendor/gems",
    "vendor/ruby",
];

impl JekyllSettings {
    /// Reads the settings from `_config.yml`'s document. Fields of the wrong type
    /// are ignored here (Jekyll would fail or ignore them too) and keep Jekyll's
    /// default.
    pub fn from_config(config: &Value) -> JekyllSettings {
        let text = |key: &str| config.get(key).and_then(Value::as_str).map(str::trim);
        let url = text("url")
            .filter(|url| !url.is_empty())
            .map(|url| url.trim_end_matches('/').to_owned());
        let baseurl = text("baseurl").unwrap_or_default();
        // `baseurl: //example.github.io` (or `https://…`) names a host, not a
        // path: pages are served under the URL's path only (often none).
        let baseurl = match baseurl.split_once("//") {
            Some((scheme, rest)) if scheme.is_empty() || scheme.ends_with(':') => {
                rest.find('/').map_or("", |slash| &rest[slash..])
            }
            _ => baseurl,
        };
        let baseurl = baseurl.trim_end_matches('/').to_owned();
        let baseurl = match baseurl.as_str() {
            "" => baseurl,
            b if b.starts_with('/') => baseurl,
            _ => format!("/{baseurl}"),
        };
        let permalink = text("permalink").unwrap_or("date").to_owned();
        let collections_dir = text("collections_dir")
            .unwrap_or_default()
            .trim_matches('/')
            .to_owned();
        let mut collections = Vec::new();
        match config.get("collections") {
            Some(Value::Object(map)) => {
                for (label, settings) in map {
                    collections.push(Collection {
                        label: label.clone(),
                        output: settings.get("output").and_then(Value::as_bool) == Some(true)
                            || label == "posts",
                        permalink: settings
                            .get("permalink")
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                    });
                }
            }
            Some(Value::Array(labels)) => {
                for label in labels.iter().filter_map(Value::as_str) {
                    collections.push(Collection {
                        label: label.to_owned(),
                        output: label == "posts",
                        permalink: None,
                    });
                }
            }
            _ => {}
        }
        if !collections.iter().any(|c| c.label == "posts") {
            collections.push(Collection {
                label: "posts".to_owned(),
                output: true,
                permalink: None,
            });
        }
        let strings = |key: &str| -> Vec<String> {
            config
                .get(key)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|s| s.trim_matches('/').to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut exclude: Vec<String> = DEFAULT_EXCLUDE.iter().map(|&s| s.to_owned()).collect();
        exclude.extend(strings("exclude"));
        let front_matter_defaults = config
            .get("defaults")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let values = entry.get("values")?.as_object()?;
                let scope = entry.get("scope");
                let field = |key: &str| scope.and_then(|s| s.get(key)).and_then(Value::as_str);
                Some(FrontMatterDefault {
                    path: field("path")
                        .unwrap_or_default()
                        .trim_matches('/')
                        .to_owned(),
                    kind: field("type").map(str::to_owned),
                    values: values.clone(),
                })
            })
            .collect();
        let kramdown = config.get("kramdown");
        let kramdown_text = |key: &str| kramdown.and_then(|k| k.get(key)).and_then(Value::as_str);
        let auto_ids = kramdown
            .and_then(|k| k.get("auto_ids"))
            .and_then(Value::as_bool)
            != Some(false);
        let heading_ids = match kramdown_text("input") {
            _ if !auto_ids => HeadingIdStyle::None,
            Some(input) if input.eq_ignore_ascii_case("kramdown") => HeadingIdStyle::Kramdown,
            _ => HeadingIdStyle::KramdownGfm,
        };
        JekyllSettings {
            url,
            baseurl,
            baseurl_given: config.get("baseurl").is_some(),
            permalink,
            collections_dir,
            collections,
            exclude,
            include: strings("include"),
            plugins: [strings("plugins"), strings("gems")].concat(),
            feed_path: config
                .get("feed")
                .and_then(|feed| feed.get("path"))
                .and_then(Value::as_str)
                .map_or_else(
                    || "feed.xml".to_owned(),
                    |p| p.trim_start_matches('/').to_owned(),
                ),
            paginate_path: text("paginate_path")
                .or_else(|| {
                    config
                        .get("pagination")
                        .and_then(|p| p.get("permalink"))
                        .and_then(Value::as_str)
                        .map(str::trim)
                })
                .or_else(|| config.get("paginate").map(|_| "/page:num/"))
                .map(str::to_owned),
            theme: text("theme")
                .or_else(|| text("remote_theme"))
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
            front_matter_defaults,
            heading_ids,
            heading_id_prefix: kramdown_text("auto_id_prefix")
                .unwrap_or_default()
                .to_owned(),
            texts: config
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(key, value)| {
                    let text = match value {
                        Value::String(text) => text.clone(),
                        Value::Number(number) => number.to_string(),
                        _ => return None,
                    };
                    Some((key.clone(), text))
                })
                .collect(),
        }
    }

    /// What `{{ site.<key> }}` prints, when `_config.yml` sets it to text or a
    /// number. (`url` and `baseurl` are the config's too: `jekyll serve`
    /// changes `url`, but never to nothing.)
    pub fn text(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// Jekyll's settings for an empty `_config.yml`.
    pub fn default_settings() -> JekyllSettings {
        JekyllSettings::from_config(&Value::Null)
    }

    /// Whether `exclude` keeps `path` out of the build.
    pub fn is_excluded(&self, path: &str) -> bool {
        !self.is_included(path) && self.is_listed_in_exclude(path)
    }

    /// Whether `include:` names the path, a folder above it, or a name in it.
    pub fn is_included(&self, path: &str) -> bool {
        self.include.iter().any(|entry| {
            path == entry
                || path
                    .strip_prefix(entry.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
                || path.split('/').any(|part| part == entry)
        })
    }

    /// Whether Jekyll leaves the path out of the build: a name starting with
    /// `_`, `.`, `#` or `~` anywhere in it, unless `include:` names it.
    pub fn is_hidden(&self, path: &str) -> bool {
        crate::discover::is_hidden_from_build(path) && !self.is_included(path)
    }

    fn is_listed_in_exclude(&self, path: &str) -> bool {
        self.exclude.iter().any(|entry| {
            path == entry
                || path
                    .strip_prefix(entry.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
                || (entry.contains('*')
                    && globset::Glob::new(entry)
                        .is_ok_and(|glob| glob.compile_matcher().is_match(path)))
        })
    }

    /// The collection a path belongs to, and the path inside the collection's
    /// folder (`_posts/2021-01-01-a.md` → `2021-01-01-a.md`).
    pub fn collection_of<'p>(&self, path: &'p str) -> Option<(&Collection, &'p str)> {
        let inside = if self.collections_dir.is_empty() {
            path
        } else {
            path.strip_prefix(self.collections_dir.as_str())?
                .strip_prefix('/')?
        };
        let (folder, rest) = inside.split_once('/')?;
        if let Some(label) = folder.strip_prefix('_') {
            let collection = self.collections.iter().find(|c| c.label == label)?;
            return Some((collection, rest));
        }
        // Jekyll also reads posts from a `_posts` folder below any folder it
        // builds (`en/news/_posts/…`); those folders are the posts' categories.
        let (_, rest) = self.post_folder(path)?;
        let posts = self.collections.iter().find(|c| c.label == "posts")?;
        Some((posts, rest))
    }

    /// For a post in a `_posts` folder below other folders (`en/news/_posts/a.md`),
    /// those folders (`en/news`) and the path inside `_posts`.
    pub fn post_folder<'p>(&self, path: &'p str) -> Option<(&'p str, &'p str)> {
        let at = path.find("/_posts/")?;
        let (dir, rest) = (&path[..at], &path[at + "/_posts/".len()..]);
        // `collections_dir/_posts` is the posts collection itself.
        (dir != self.collections_dir && !crate::discover::is_hidden_from_build(dir))
            .then_some((dir, rest))
    }

    /// The front-matter values `defaults:` gives the page at `path`, merged as
    /// Jekyll merges them: for each key, the entry with the most specific
    /// matching scope wins (a longer path, then a type), a later one on a tie.
    pub fn default_values(&self, path: &str) -> serde_json::Map<String, Value> {
        let kind = self.document_type(path);
        let mut matching: Vec<&FrontMatterDefault> = self
            .front_matter_defaults
            .iter()
            .filter(|d| d.applies_to(path, kind))
            .collect();
        matching.sort_by_key(|d| (d.path.len(), d.kind.is_some()));
        let mut merged = serde_json::Map::new();
        for default in matching {
            for (key, value) in &default.values {
                merged.insert(key.clone(), value.clone());
            }
        }
        merged
    }

    /// The front-matter fields `defaults:` sets for the page at `path` (every
    /// matching entry's, as Jekyll merges them).
    pub fn default_fields(&self, path: &str) -> Vec<String> {
        self.default_values(path).keys().cloned().collect()
    }

    /// `pages`, or the label of the collection the path belongs to.
    pub fn document_type(&self, path: &str) -> &str {
        match self.collection_of(path) {
            Some((collection, _)) => collection.label.as_str(),
            None => "pages",
        }
    }

    /// Files that plugins named in `plugins` (or `gems`) write into the
    /// build: jekyll-sitemap's `sitemap.xml` and `robots.txt`, jekyll-feed's
    /// `feed.xml` (or its `feed: path:`). jekyll-redirect-from's pages are
    /// the site map's (`redirect_from:`); jekyll-paginate's are `paginate_path`.
    pub fn plugin_outputs(&self) -> Vec<String> {
        let mut outputs = Vec::new();
        for plugin in &self.plugins {
            match plugin.as_str() {
                "jekyll-sitemap" => outputs.extend(["sitemap.xml".into(), "robots.txt".into()]),
                "jekyll-feed" => outputs.push(self.feed_path.clone()),
                _ => {}
            }
        }
        outputs
    }

    /// `paginate_path` (or jekyll-paginate-v2's `pagination: permalink`).
    pub fn paginate_path(&self) -> Option<&str> {
        self.paginate_path.as_deref()
    }
}

/// Whether `path` (`blog/page3/index.html`) is a page jekyll-paginate or
/// jekyll-paginate-v2 writes for `pattern` (`/blog/page:num/`): a number for
/// `:num`.
pub fn is_paginated(pattern: &str, path: &str) -> bool {
    let Some((before, after)) = pattern.trim_start_matches('/').split_once(":num") else {
        return false;
    };
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let after = after.trim_end_matches('/');
    path.strip_prefix(before)
        .map(|rest| rest.trim_end_matches('/'))
        .and_then(|rest| rest.strip_suffix(after))
        .is_some_and(|num| !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()))
}

/// Jekyll's default slug: lower case, every run of other characters than ASCII
/// letters and digits replaced by one `-`, no `-` at either end.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_settings_that_shape_urls() {
        let settings = JekyllSettings::from_config(&json!({
            "url": "https://www.example.org/",
            "baseurl": "docs/",
            "permalink": "pretty",
            "collections_dir": "collections",
            "collections": {"guides": {"output": true, "permalink": "/:slug/"}, "people": {}},
            "exclude": ["drafts/", "*.txt"],
            "plugins": ["jekyll-sitemap"],
        }));
        assert_eq!(settings.url.as_deref(), Some("https://www.example.org"));
        assert_eq!(settings.baseurl, "/docs");
        assert_eq!(settings.permalink, "pretty");
        let (guides, rest) = settings
            .collection_of("collections/_guides/a/b.md")
            .unwrap();
        assert_eq!(
            (guides.label.as_str(), guides.output, rest),
            ("guides", true, "a/b.md")
        );
        assert!(
            !settings
                .collection_of("collections/_people/x.md")
                .unwrap()
                .0
                .output
        );
        assert!(
            settings
                .collection_of("collections/_posts/x.md")
                .unwrap()
                .0
                .output
        );
        assert!(settings.collection_of("_guides/x.md").is_none());
        assert!(settings.is_excluded("drafts/x.html"));
        assert!(settings.is_excluded("notes.txt"));
        assert!(settings.is_excluded("Gemfile"));
        assert!(!settings.is_excluded("draftsman.html"));
        assert_eq!(settings.plugin_outputs(), ["sitemap.xml", "robots.txt"]);
    }

    #[test]
    fn include_brings_back_hidden_names_and_wins_over_exclude() {
        let settings = JekyllSettings::from_config(&json!({
            "include": [".htaccess", "_pages", "vendor"],
            "exclude": ["vendor"],
        }));
        assert!(!settings.is_hidden(".htaccess"));
        assert!(!settings.is_hidden("_pages/a.md"));
        assert!(settings.is_hidden("_drafts/a.md"));
        assert!(!settings.is_excluded("vendor/lib.js"));
    }

    #[test]
    fn layout_defaults_follow_the_most_specific_scope() {
        let settings = JekyllSettings::from_config(&json!({
            "defaults": [
                {"scope": {"path": ""}, "values": {"layout": "default"}},
                {"scope": {"path": "", "type": "posts"}, "values": {"layout": "post"}},
                {"scope": {"path": "docs"}, "values": {"layout": "docs"}},
                {"scope": {"path": "x"}, "values": {"title": "no layout"}},
            ],
        }));
        let layout = |path: &str| settings.default_values(path).get("layout").cloned();
        assert_eq!(
            layout("about.md").as_ref().and_then(Value::as_str),
            Some("default")
        );
        assert_eq!(
            layout("_posts/2020-01-01-a.md")
                .as_ref()
                .and_then(Value::as_str),
            Some("post")
        );
        assert_eq!(
            layout("docs/a.md").as_ref().and_then(Value::as_str),
            Some("docs")
        );
        assert_eq!(
            layout("docsx/a.md").as_ref().and_then(Value::as_str),
            Some("default")
        );
    }

    #[test]
    fn slugs_are_jekylls() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("--a__b--"), "a-b");
    }
}
