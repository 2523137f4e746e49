use crate::Contract;
use galley_core::Finding;
use galley_site::Site;

use super::listed;

galley_core::declare_rule! {
    /// ## What it finds
    /// A field of a data record that no template rendering that data ever
    /// reads. Only data some template reads is judged (a `_data` folder no
    /// template loops over is not), and a record printed whole or turned into
    /// JSON (`| jsonify`) counts as read in full.
    ///
    /// ## Why it matters
    /// Editors keep such fields up to date for nothing, or believe readers
    /// see them. It is usually a field left over from an older template, or
    /// one the template spells differently (`name` in the data, `title` in
    /// the template).
    ///
    /// ## Example
    /// `source: https://…` in `_data/dns/quad9.yml`, whose records are shown
    /// by `_includes/table-row-dns.html`, which never reads `source`, is
    /// reported at the key. Remove it, or show it in the template. When
    /// something other than Liquid reads the data (JavaScript, a plugin),
    /// turn the rule off.
    pub static DATA_FIELD_UNUSED = {
        id: "data-field-unused",
        severity: Info,
        summary: "a data field that no template rendering the data reads",
        title: "Information that no page shows",
        why: "Someone wrote it for readers, but no page displays it.",
    };
}

pub(crate) fn check(site: &Site, contract: &Contract, out: &mut Vec<Finding>) {
    for unused in &contract.unused {
        let source = &site.files[unused.file].source;
        out.push(Finding::new(
            &DATA_FIELD_UNUSED,
            source,
            unused.span,
            format!(
                "`{}` is set here but no template reads it; `{}` is read by {}",
                readable(&unused.pattern),
                unused.origin,
                listed(&unused.readers, 3, "template")
            ),
            "remove the field, or show it in a template; if something other than Liquid reads it (JavaScript, a plugin), set `data-field-unused = \"off\"` under `[rules]`",
        ));
    }
}

/// `/downloads/*/name` → `downloads[].name`.
fn readable(pattern: &str) -> String {
    let mut out = String::new();
    for part in pattern.trim_start_matches('/').split('/') {
        if part == "*" {
            out.push_str("[]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part.replace("~1", "/").replace("~0", "~"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_read_as_template_paths() {
        assert_eq!(super::readable("/source"), "source");
        assert_eq!(super::readable("/downloads/*/name"), "downloads[].name");
        assert_eq!(super::readable("/a~1b"), "a/b");
    }
}
