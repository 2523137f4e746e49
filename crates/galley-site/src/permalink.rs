//! Where Jekyll writes a page: its permalink, expanded the way Jekyll expands it.

use serde_json::Value;

use crate::jekyll::{JekyllSettings, slugify};

/// The path, relative to the build folder, that Jekyll writes the page at `path`
/// to (`collections/_guides/a.md` → `a/index.html`), from its front matter's
/// `permalink`, else its collection's, else the site's permalink style.
pub fn output_path(path: &str, front_matter: &Value, settings: &JekyllSettings) -> String {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let (basename, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let output_ext = match extension {
        "md" | "markdown" => ".html".to_owned(),
        "" => String::new(),
        other => format!(".{other}"),
    };
    let field = |key: &str| front_matter.get(key).and_then(Value::as_str);
    let collection = settings.collection_of(path);
    let template = match (field("permalink"), collection) {
        (Some(permalink), _) => permalink.to_owned(),
        (None, Some((collection, _))) => match &collection.permalink {
            Some(permalink) => expand_style(permalink),
            None if collection.label == "posts" => expand_style(&settings.permalink),
            None => with_style_suffix("/:collection/:path", &settings.permalink),
        },
        (None, None) => page_template(&settings.permalink, basename, &output_ext),
    };
    let mut values = Placeholders {
        output_ext: &output_ext,
        ..Placeholders::default()
    };
    let date_title;
    let inner_path;
    match collection {
        Some((collection, inside)) => {
            inner_path = inside.rsplit_once('.').map_or(inside, |(p, _)| p);
            let name = inner_path.rsplit('/').next().unwrap_or(inner_path);
            date_title = post_date_and_title(name);
            let title = date_title
                .as_ref()
                .map_or(name, |(_, title)| title.as_str());
            values.collection = &collection.label;
            values.path = inner_path;
            values.name = name;
            values.title = field("slug").unwrap_or(title);
            values.date = date_title.as_ref().map(|(date, _)| date.clone());
        }
        None => {
            values.path = dir;
            values.name = basename;
            values.title = field("slug").unwrap_or(basename);
        }
    }
    // A post below other folders has them as its first categories (each once).
    let mut list: Vec<String> = settings
        .post_folder(path)
        .map(|(dir, _)| dir.split('/').map(str::to_lowercase).collect())
        .unwrap_or_default();
    for category in self::categories(front_matter) {
        if !list.contains(&category) {
            list.push(category);
        }
    }
    let categories = list.join("/");
    values.categories = &categories;
    let url = values.expand(&template);
    to_file_path(&url, &output_ext)
}

/// Where Jekyll copies a file without front matter inside an output
/// collection (its `StaticFile#url`): the collection's URL template with
/// `:path` the file's path in the collection less its extension, the end's
/// `/` dropped and the extension put back (`_guides/img/a.png` →
/// `guides/img/a.png`).
pub fn static_output_path(
    collection: &crate::jekyll::Collection,
    inside: &str,
    settings: &JekyllSettings,
) -> String {
    let (stem, extension) = match inside.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (inside, String::new()),
    };
    let name = stem.rsplit('/').next().unwrap_or(stem);
    let template = match &collection.permalink {
        Some(permalink) => expand_style(permalink),
        None => with_style_suffix("/:collection/:path", &settings.permalink),
    };
    let values = Placeholders {
        collection: &collection.label,
        path: stem,
        name,
        ..Placeholders::default()
    };
    let url = values.expand(&template);
    format!(
        "{}{extension}",
        url.trim_end_matches('/').trim_start_matches('/')
    )
}

/// The template for a page outside any collection (Jekyll's `Page#template`).
fn page_template(style: &str, basename: &str, output_ext: &str) -> String {
    if output_ext != ".html" {
        "/:path/:basename:output_ext".to_owned()
    } else if basename == "index" {
        "/:path/".to_owned()
    } else {
        with_style_suffix("/:path/:basename", style)
    }
}

/// Jekyll's `add_permalink_suffix`: pages and collection documents end like
/// the site's permalink style — in `/` (`pretty`, or a template ending in
/// `/`), in the output extension (`date`, `ordinal`, `none`, `weekdate`, or a
/// template ending in `:output_ext`), or as the template does.
fn with_style_suffix(template: &str, style: &str) -> String {
    match style {
        "pretty" => format!("{template}/"),
        "date" | "ordinal" | "none" | "weekdate" => format!("{template}:output_ext"),
        other => {
            let mut template = template.to_owned();
            if other.ends_with('/') {
                template.push('/');
            }
            if other.ends_with(":output_ext") {
                template.push_str(":output_ext");
            }
            template
        }
    }
}

/// A named permalink style as a template; a template is returned as written.
fn expand_style(style: &str) -> String {
    match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => template,
    }
    .to_owned()
}

/// `2021-09-14-welcome` → (`2021`, `09`, `14`) and `welcome`.
fn post_date_and_title(name: &str) -> Option<([String; 3], String)> {
    let mut parts = name.splitn(4, '-');
    let year = parts.next().filter(|p| p.len() == 4)?;
    let month = parts.next().filter(|p| p.len() == 2)?;
    let day = parts.next().filter(|p| p.len() == 2)?;
    let title = parts.next()?;
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(year) && all_digits(month) && all_digits(day)) {
        return None;
    }
    Some((
        [year.to_owned(), month.to_owned(), day.to_owned()],
        title.to_owned(),
    ))
}

/// The front matter's categories as Jekyll puts them in a URL: lower case,
/// otherwise as written (its `UrlDrop#categories`; not slugified).
fn categories(front_matter: &Value) -> Vec<String> {
    let value = front_matter
        .get("categories")
        .or_else(|| front_matter.get("category"));
    let list: Vec<String> = match value {
        Some(Value::String(s)) => s.split_whitespace().map(str::to_lowercase).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_lowercase)
            .collect(),
        _ => Vec::new(),
    };
    list
}

#[derive(Default)]
struct Placeholders<'a> {
    path: &'a str,
    name: &'a str,
    title: &'a str,
    collection: &'a str,
    categories: &'a str,
    output_ext: &'a str,
    date: Option<[String; 3]>,
}

impl Placeholders<'_> {
    /// Replaces every `:placeholder` (longest name first, so `:basename` is not
    /// read as `:base`…), then squeezes the `//` that empty values leave.
    fn expand(&self, template: &str) -> String {
        let [year, month, day] = self.date.clone().unwrap_or_default();
        let slug = slugify(self.title);
        let names: [(&str, &str); 11] = [
            ("output_ext", self.output_ext),
            ("categories", self.categories),
            ("collection", self.collection),
            ("basename", self.name),
            ("title", self.title),
            ("month", &month),
            ("slug", &slug),
            ("name", self.name),
            ("path", self.path),
            ("year", &year),
            ("day", &day),
        ];
        let mut url = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(colon) = rest.find(':') {
            url.push_str(&rest[..colon]);
            let after = &rest[colon + 1..];
            match names.iter().find(|(name, _)| after.starts_with(name)) {
                Some((name, value)) => {
                    url.push_str(value);
                    rest = &after[name.len()..];
                }
                None => {
                    url.push(':');
                    rest = after;
                }
            }
        }
        url.push_str(rest);
        let mut squeezed = String::with_capacity(url.len() + 1);
        if !url.starts_with('/') {
            squeezed.push('/');
        }
        for ch in url.chars() {
            if !(ch == '/' && squeezed.ends_with('/')) {
                squeezed.push(ch);
            }
        }
        squeezed
    }
}

/// The file a URL is written to: `/a/` → `a/index.html`, `/a` → `a.html`.
pub(crate) fn to_file_path(url: &str, output_ext: &str) -> String {
    let relative = url.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else if !output_ext.is_empty() && !relative.ends_with(output_ext) {
        format!("{relative}{output_ext}")
    } else {
        relative.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn settings(permalink: &str) -> JekyllSettings {
        JekyllSettings::from_config(&json!({
            "permalink": permalink,
            "collections_dir": "collections",
            "collections": {
                "evergreen": {"output": true, "permalink": "/:slug/"},
                "pages": {"output": true, "permalink": "/:path/"},
                "posts": {"permalink": "/blog/:year/:month/:day/:title/"},
            },
        }))
    }

    #[test]
    fn pages_follow_the_style() {
        let pretty = settings("pretty");
        let none = json!({});
        assert_eq!(output_path("about.md", &none, &pretty), "about/index.html");
        assert_eq!(output_path("index.html", &none, &pretty), "index.html");
        assert_eq!(
            output_path("docs/index.md", &none, &pretty),
            "docs/index.html"
        );
        assert_eq!(output_path("feed.xml", &none, &pretty), "feed.xml");
        let date = settings("date");
        assert_eq!(output_path("a/b.html", &none, &date), "a/b.html");
        assert_eq!(output_path("a/b.md", &none, &date), "a/b.html");
    }

    #[test]
    fn front_matter_permalink_wins() {
        let pretty = settings("pretty");
        let fm = json!({"permalink": "/software/email/"});
        assert_eq!(
            output_path("legacy_pages/software/email.html", &fm, &pretty),
            "software/email/index.html"
        );
        let fm = json!({"permalink": "/404.html"});
        assert_eq!(output_path("404.html", &fm, &pretty), "404.html");
        let fm = json!({"permalink": "/about"});
        assert_eq!(output_path("about.md", &fm, &pretty), "about.html");
    }

    #[test]
    fn collections_and_posts_use_their_templates() {
        let s = settings("pretty");
        let none = json!({});
        assert_eq!(
            output_path("collections/_evergreen/Real Time.md", &none, &s),
            "real-time/index.html"
        );
        assert_eq!(
            output_path("collections/_pages/a/b.md", &none, &s),
            "a/b/index.html"
        );
        assert_eq!(
            output_path("collections/_posts/2021-09-14-welcome-to-x.md", &none, &s),
            "blog/2021/09/14/welcome-to-x/index.html"
        );
        let plain = JekyllSettings::from_config(&json!({}));
        let fm = json!({"categories": ["News"]});
        assert_eq!(
            output_path("_posts/2020-01-02-hi.md", &fm, &plain),
            "news/2020/01/02/hi.html"
        );
    }
}
