use crate::FileContext;
use crate::rules::FileFindings;
use crate::rules::shown;

galley_core::declare_rule! {
    /// ## What it finds
    /// An `<img>` without an `alt` attribute, and a Markdown image with empty
    /// alt text (`![](x.png)`: Markdown has no way to leave alt out, so empty
    /// brackets are nearly always forgotten text). An image whose tag holds
    /// Liquid outside its attribute values (which may add the attribute) is not
    /// judged.
    ///
    /// ## Why it matters
    /// Screen readers then read the file name, or nothing, and the image's
    /// meaning is lost; search engines and text browsers lose it too. `alt=""` is
    /// the correct way to mark a purely decorative image.
    ///
    /// ## Example
    /// `<img src="/assets/img/layout/network-centralized.svg">` is reported at
    /// the `<img` tag. Add `alt="Centralized network"` (or `alt=""` for
    /// decoration).
    pub static IMG_ALT_MISSING = {
        id: "img-alt-missing",
        severity: Error,
        summary: "an `<img>` without an `alt` attribute",
        title: "An image without a description",
        why: "People using screen readers hear the file name instead of what the image shows.",
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for image in &cx.scan.images {
        if image.alt.is_some() || image.attributes_dynamic {
            continue;
        }
        let what = match image.src.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(src) => format!("image `{}`", shown(src)),
            None => "image".to_owned(),
        };
        let (message, help) = if image.markdown {
            (
                format!("{what} has no alt text"),
                "describe what the image shows between the brackets: ![what it shows](…)",
            )
        } else {
            (
                format!("{what} has no alt attribute"),
                "describe what the image shows in alt=\"…\", or write alt=\"\" if it is only decoration",
            )
        };
        out.push(
            cx.source
                .report(&IMG_ALT_MISSING, image.tag.clone(), message, help),
        );
    }
}
