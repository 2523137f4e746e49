use crate::{Contract, Verdict};
use galley_core::Finding;
use galley_site::Site;

use crate::FieldRead;

use super::{also_on, first_of_each, listed};

galley_core::declare_rule! {
    /// ## What it finds
    /// A template reading a field that only some of the records it is
    /// rendered with define, without a guard: not inside
    /// `{% if item.field %}`, not given a `| default: …`, not itself a
    /// condition or a loop's list. The finding lists the records that lack
    /// it. Records an enclosing `{% if item.type == "Recommendation" %}`
    /// leaves out do not count.
    ///
    /// ## Why it matters
    /// For the records without the field the page shows an empty element: a
    /// link with no address, a badge with no text. Often the field is optional
    /// on purpose and the template only needs a guard; sometimes a record
    /// misses a field it should have.
    ///
    /// ## Example
    /// `<a href="{{ item.website }}">Website</a>` where one of four records
    /// has no `website` is reported at `item.website`, naming that record.
    /// Wrap it in `{% if item.website %}…{% endif %}`, or add the field.
    pub static TEMPLATE_FIELD_OPTIONAL = {
        id: "template-field-optional",
        severity: Info,
        summary: "a template reads, unguarded, a field that only some records define",
        title: "A template that shows information only some entries have",
        why: "On some pages that spot is empty; check that this is what you want.",
    };
}

pub(crate) fn check(site: &Site, contract: &Contract, out: &mut Vec<Finding>) {
    let unguarded =
        |read: &FieldRead| matches!(read.verdict, Verdict::Optional(_)) && !read.guarded;
    for (read, again) in first_of_each(site, contract, unguarded) {
        let Verdict::Optional(optional) = &read.verdict else {
            continue;
        };
        let source = &site.files[read.file].source;
        let lacking = optional.lacking.len();
        let written = &read.written;
        out.push(source.report(
            &TEMPLATE_FIELD_OPTIONAL,
            read.range.clone(),
            format!(
                "`{written}` is read unguarded, but {lacking} of the {} records it is rendered with {} no `{}`: {}",
                optional.total,
                if lacking == 1 { "has" } else { "have" },
                optional.field,
                listed(&optional.lacking, 3, "record")
            ) + &also_on(&again),
            format!(
                "wrap it in `{{% if {written} %}}…{{% endif %}}`, give it a fallback with `| default: …`, or set `{}` in every record",
                optional.field
            ),
        ));
    }
}
