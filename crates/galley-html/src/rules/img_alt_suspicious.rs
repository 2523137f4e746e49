use galley_core::Finding;

use crate::FileContext;
use crate::rules::shown;
use crate::scan::{AttrValue, Image};

galley_core::declare_rule! {
    /// ## What it finds
    /// Alt text that is there but tells the reader nothing:
    /// - empty (`alt=""`) on an image that is the only content of a link, so the
    ///   link has no name;
    /// - a file name (`alt="signal.svg"`);
    /// - a placeholder word such as "image", "logo" or "icon", or only punctuation;
    /// - a template value with only such words or punctuation around it
    ///   (`alt="{{ item.name }} logo"`): when the value is empty or missing from
    ///   the data, readers hear only "logo". A value with a fallback
    ///   (`{{ item.name | default: "App" }} logo`) is never empty and passes.
    ///
    /// An alt that is just a template value (`alt="{{ item.title }}"`) is not
    /// judged: what it says depends on the data.
    ///
    /// ## Why it matters
    /// Screen-reader users hear the file name or "image" instead of what the
    /// picture shows, and an unnamed link is announced only as "link".
    ///
    /// ## Example
    /// `<a href="/"><img src="/logo.svg" alt=""></a>` is reported at `alt`:
    /// write where the link goes, `alt="Home"`.
    pub static IMG_ALT_SUSPICIOUS = {
        id: "img-alt-suspicious",
        severity: Warning,
        summary: "alt text that says nothing: empty inside a link, a file name, \"image\", or only punctuation around a template value",
    };
}

/// Words that do not describe an image, and the small words that join them.
const PLACEHOLDER_WORDS: &[&str] = &[
    "alt",
    "banner",
    "graphic",
    "icon",
    "image",
    "img",
    "logo",
    "photo",
    "photograph",
    "pic",
    "picture",
    "placeholder",
    "screenshot",
    "spacer",
    "thumbnail",
    "untitled",
];
const JOINING_WORDS: &[&str] = &["a", "an", "and", "for", "of", "the"];
const IMAGE_EXTENSIONS: &[&str] = &[
    "avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "tif", "tiff", "webp",
];

pub(crate) fn check(cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    for image in &cx.scan.images {
        let Some(alt) = &image.alt else { continue };
        let written = &cx.source.text()[alt.range.clone()];
        let Some((message, help)) = judge(image, alt, written) else {
            continue;
        };
        out.push(Finding::new(
            &IMG_ALT_SUSPICIOUS,
            cx.source,
            cx.source.span(alt.range.clone()),
            message,
            help,
        ));
    }
}

fn judge(image: &Image, alt: &AttrValue, written: &str) -> Option<(String, String)> {
    let describe = "describe what the image shows".to_owned();
    if alt.dynamic {
        // The literal text around the template values (Liquid masked to spaces).
        let words = words(&alt.literal);
        let has_literal = alt.literal.chars().any(|c| !c.is_whitespace());
        let meaningless = words
            .iter()
            .all(|w| is_placeholder(w) || JOINING_WORDS.contains(&w.as_str()));
        if has_literal && meaningless && !every_output_has_default(written) {
            let left = alt.literal.split_whitespace().collect::<Vec<_>>().join(" ");
            return Some((
                format!(
                    "alt text `{}` is only \"{}\" around a template value; where the value is empty, readers hear just that",
                    shown(written),
                    shown(&left)
                ),
                "make sure the value is always set (check the field's name in the data), or give it a fallback: `| default: \"…\"`".to_owned(),
            ));
        }
        return None;
    }
    let value = alt.value.trim();
    if value.is_empty() {
        return image.sole_link_content.then(|| {
            (
                "this image is the only content of its link, and its empty alt leaves the link without a name".to_owned(),
                "write where the link leads in alt=\"…\"".to_owned(),
            )
        });
    }
    if is_file_name(value) {
        return Some((
            format!("alt text `{}` is a file name", shown(value)),
            describe,
        ));
    }
    let words = words(value);
    if words.is_empty() {
        return Some((
            format!("alt text `{}` is only punctuation", shown(value)),
            describe,
        ));
    }
    if words.iter().all(|w| is_placeholder(w)) {
        return Some((
            format!("alt text `{}` says nothing about the image", shown(value)),
            format!("{describe} (what would a reader miss without it?)"),
        ));
    }
    None
}

/// Whether every `{{ … }}` in the value has a `default` filter, so it is never
/// empty.
fn every_output_has_default(written: &str) -> bool {
    written.split("{{").skip(1).all(|output| {
        let inside = output.split("}}").next().unwrap_or_default();
        inside
            .split('|')
            .skip(1)
            .any(|filter| filter.trim_start().starts_with("default"))
    })
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_placeholder(word: &str) -> bool {
    PLACEHOLDER_WORDS.contains(&word)
        || PLACEHOLDER_WORDS
            .iter()
            .any(|p| word.strip_suffix('s') == Some(p))
}

fn is_file_name(value: &str) -> bool {
    !value.contains(char::is_whitespace)
        && value.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        })
}
