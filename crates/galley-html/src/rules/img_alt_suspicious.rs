use crate::FileContext;
use crate::rules::FileFindings;
use crate::rules::shown;
use crate::scan::{AttrValue, Image};
use galley_contract::Verdict;

galley_core::declare_rule! {
    /// ## What it finds
    /// Alt text that is there but tells the reader nothing:
    /// - empty (`alt=""`) on an image that is the only content of a link, so the
    ///   link has no name;
    /// - a file name (`alt="signal.svg"`);
    /// - a placeholder word such as "image", "logo" or "icon", or only punctuation;
    /// - a template value with only such words or punctuation around it
    ///   (`alt="{{ item.name }} logo"`): when the value is empty or missing from
    ///   the data, readers hear only "logo". Galley knows the records the
    ///   template is rendered with (see `template-field-unknown`): when none
    ///   of them has the field, the finding says the alt text is " logo" for
    ///   every one; when every one has a non-blank value, the alt text is
    ///   fine and nothing is reported. So is a `site` value `_config.yml`
    ///   sets (`{{ site.title }} logo`), and an image in a branch no record
    ///   reaches. A value with a fallback
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
        title: "An image description that says nothing",
        why: "People using screen readers get no idea of what the image shows.",
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

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for image in &cx.scan.images {
        let Some(alt) = &image.alt else { continue };
        // A range read from a template with its Liquid masked can end inside
        // a multi-byte character that Liquid held: then there is no text to judge.
        let Some(written) = cx.source.text().get(alt.range.clone()) else {
            continue;
        };
        let judged = if alt.dynamic {
            judge_from_data(cx, alt, written)
        } else {
            None
        };
        let Some((message, help)) = judged.unwrap_or_else(|| judge(image, alt, written)) else {
            continue;
        };
        out.push(
            cx.source
                .report(&IMG_ALT_SUSPICIOUS, alt.range.clone(), message, help),
        );
    }
}

/// What the data says of a templated alt text: `Some(None)` when every record
/// gives each value in it, `Some(Some(finding))` when a value is never set,
/// `None` when the data does not tell (the usual judgement applies).
fn judge_from_data(
    cx: &FileContext<'_>,
    alt: &AttrValue,
    written: &str,
) -> Option<Option<(String, String)>> {
    let outputs = outputs(written);
    if outputs.is_empty() {
        return None;
    }
    if cx.contract.never_rendered(cx.index, alt.range.clone()) {
        // In a branch no page or record reaches.
        return Some(None);
    }
    let mut never = Vec::new();
    let mut always = 0;
    for output in &outputs {
        let range = alt.range.start + output.start..alt.range.start + output.end;
        // The value printed is the output's first path (`{{ a | default: b }}`
        // prints `a` when it is set).
        if output_has_default(&written[output.clone()]) {
            // A fallback always prints something.
            always += 1;
            continue;
        }
        if site_text(cx, &written[output.clone()]).is_some_and(|t| !t.trim().is_empty()) {
            // `{{ site.title }}`: `_config.yml` says what it prints.
            always += 1;
            continue;
        }
        let read = cx.contract.reads_in(cx.index, range).next()?;
        match &read.verdict {
            Verdict::Unknown(unknown) => never.push((read, unknown)),
            Verdict::Defined { always_set: true } => always += 1,
            _ => {}
        }
    }
    if let Some(&(read, unknown)) = never.first() {
        let mut rendered = String::new();
        let mut at = 0;
        for output in &outputs {
            rendered.push_str(&written[at..output.start]);
            let range = alt.range.start + output.start..alt.range.start + output.end;
            let is_never = never.iter().any(|(r, _)| range.contains(&r.range.start));
            if !is_never {
                rendered.push_str(&written[output.clone()]);
            }
            at = output.end;
        }
        rendered.push_str(&written[at..]);
        let fix = match &unknown.suggestion {
            Some(suggestion) => format!("did you mean `{suggestion}`? "),
            None => String::new(),
        };
        return Some(Some((
            format!(
                "alt text `{}` is \"{}\" for every record it is rendered with: `{}` is never set (no record has `{}`)",
                shown(written),
                shown(&rendered),
                read.written,
                unknown.field
            ),
            format!("{fix}Read a field the records have, so the image is described"),
        )));
    }
    (always == outputs.len()).then_some(None)
}

/// What `{{ site.key }}` (no filters) prints, when `_config.yml` sets it.
fn site_text<'c>(cx: &FileContext<'c>, output: &str) -> Option<&'c str> {
    let key = galley_liquid::printed_variable(output)?.strip_prefix("site.")?;
    if key.contains('.') {
        return None;
    }
    cx.site.jekyll.as_ref()?.text(key)
}

/// The byte ranges of the `{{ … }}` outputs in a written value.
fn outputs(written: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = written[from..].find("{{") {
        let open = from + open;
        let Some(close) = written[open..].find("}}") else {
            break;
        };
        found.push(open..open + close + 2);
        from = open + close + 2;
    }
    found
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
    outputs(written)
        .into_iter()
        .all(|output| output_has_default(&written[output]))
}

fn output_has_default(output: &str) -> bool {
    output
        .split('|')
        .skip(1)
        .any(|filter| filter.trim_start().starts_with("default"))
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
