use crate::{Contract, Unknown, Verdict};
use galley_core::Finding;
use galley_site::Site;

use crate::FieldRead;

use super::{also_on, first_of_each, listed, squeezed};

galley_core::declare_rule! {
    /// ## What it finds
    /// A template reading a field (`{{ item.name }}`, `{% for a in page.author %}`)
    /// that none of the records it is rendered with defines, and that no JSON
    /// Schema bound to them allows. A field an `if` tests
    /// (`{% if item.warning %}`, and what a branch reads whose condition no
    /// record meets) is a hook for an optional feature, not a mistake, and is
    /// reported only when the records have a field of a near name
    /// (`{% if item.websit %}` over records with `website`). So are the
    /// reads in tags (`assign`, filter arguments) of a field the same file
    /// tests, a value printed as a whole class name (`class="card {{ x }}"`:
    /// an empty class hides nothing), and a value passed
    /// to an include that gives it a `default` or never prints it. An
    /// include no template uses is never rendered and is not judged.
    /// Galley follows the data into the template:
    /// `{% for item_hash in site.data.software.messengers %}` and
    /// `{% assign item = item_hash[1] %}` make `item` each record under
    /// `_data/software/messengers`, in the page and in every file it includes;
    /// `platform` in `{% for platform in item.downloads %}` each download;
    /// `page` in a layout or include the front matter of every page rendered
    /// with it; `post` in a loop over `site.posts` each post. A `page` field
    /// that Jekyll sets itself (`url`, `content`) or `_config.yml`'s
    /// `defaults:` gives is defined.
    ///
    /// ## Why it matters
    /// Liquid prints nothing for a missing field, so the build passes and
    /// readers get an empty heading, a button that never shows or an alt text
    /// of " logo". It is usually a field renamed in the data, or the name of
    /// another variable (`page.author` where the loop's `post.author` was
    /// meant).
    ///
    /// ## Example
    /// `_includes/recommendation-card.html` writing `alt="{{ item.name }} logo"`
    /// for messenger records that have `title` and no `name` is reported at
    /// `item.name`, with "did you mean `item.title`?" and the fields the
    /// records do have.
    pub static TEMPLATE_FIELD_UNKNOWN = {
        id: "template-field-unknown",
        severity: Warning,
        summary: "a template reads a field that no record it is rendered with defines",
        title: "A template that asks for information no entry has",
        why: "The page shows an empty spot where the information should be.",
    };
}

pub(crate) fn check(site: &Site, contract: &Contract, out: &mut Vec<Finding>) {
    // A read an `if` tests (`{% if item.x %}`, or inside a branch that never
    // renders) asks whether the field is set: an optional feature no record
    // uses yet, not a mistake. Unless the records have a field of a near name:
    // then the test itself is likely misspelt.
    // A site plugin (`_plugins/*.rb`) may set any page variable: a page
    // field no front matter has is unknown, not missing.
    let plugins = site.has_folder("_plugins");
    // A field a template tests anywhere is one it knows may be missing: its
    // reads in that file's tags (`{% assign v = color.default %}` before
    // `{% if color.default %}`) are hooks too. What it prints unguarded is
    // still judged: there the reader sees the gap.
    let tested: std::collections::HashSet<(usize, String)> = contract
        .reads
        .iter()
        .filter(|read| read.tested)
        .map(|read| (read.file, squeezed(&read.written)))
        .collect();
    let unknown = |read: &FieldRead| match &read.verdict {
        Verdict::Unknown(unknown) => {
            // `token_2` next to `token` is a numbered hook, not a typo of it.
            let misspelt = unknown.suggestion.as_deref().is_some_and(|near| {
                let near = near.rsplit('.').next().unwrap_or(near);
                !unknown.field.starts_with(near)
            });
            // A class that prints nothing, or a parameter the include does
            // not need, changes nothing a reader sees.
            let optional = read.tested
                || read.in_class
                || read.passed_unneeded
                || (!read.printed && tested.contains(&(read.file, squeezed(&read.written))));
            let hook = optional && !misspelt;
            let plugin_may_set = plugins && unknown.from_front_matter && !misspelt;
            !(read.defaulted || hook || plugin_may_set)
        }
        _ => false,
    };
    for (read, again) in first_of_each(site, contract, unknown) {
        let Verdict::Unknown(unknown) = &read.verdict else {
            continue;
        };
        let source = &site.files[read.file].source;
        let mut message = message(&read.written, unknown);
        message.push_str(&also_on(&again));
        out.push(source.report(
            &TEMPLATE_FIELD_UNKNOWN,
            read.range.clone(),
            message,
            help(unknown),
        ));
    }
}

/// What the records are: "no record of `_data/a`", "the front matter of `b.md`".
pub(crate) fn message(written: &str, unknown: &Unknown) -> String {
    let field = &unknown.field;
    if unknown.pairs {
        return format!(
            "`{written}` is never set: the loop gives `[name, record]` pairs from a hash, which have no `{field}`"
        );
    }
    let mut message = if unknown.from_front_matter {
        match unknown.sources.as_slice() {
            [one] => {
                format!("`{written}` is never set: the front matter of `{one}` has no `{field}`")
            }
            pages => format!(
                "`{written}` is never set: no front matter of the {} pages it is rendered for ({}) has `{field}`",
                pages.len(),
                listed(pages, 3, "page")
            ),
        }
    } else {
        format!(
            "`{written}` is never set: no record of {} defines `{field}`",
            listed(&unknown.sources, 2, "data source")
        )
    };
    if !unknown.allowed_by_schema_of.is_empty() {
        message.push_str(&format!(
            " (only the schema of {} allows it)",
            listed(&unknown.allowed_by_schema_of, 2, "source")
        ));
    }
    message
}

fn help(unknown: &Unknown) -> String {
    let have = match (unknown.fields.is_empty(), unknown.from_front_matter) {
        (true, _) => String::new(),
        (false, true) => format!(
            "; the front matter has {}",
            listed(&unknown.fields, 12, "field")
        ),
        (false, false) => format!(
            "; the records have {}",
            listed(&unknown.fields, 12, "field")
        ),
    };
    if unknown.pairs {
        return "read the record as the pair's second item: `{% assign record = item[1] %}`, then `record.field`".to_owned();
    }
    match &unknown.suggestion {
        Some(suggestion) => {
            format!("did you mean `{suggestion}`? Liquid prints nothing for a missing field{have}")
        }
        None => format!(
            "add `{}` to the data (and its schema), or read a field the records have{have}",
            unknown.field
        ),
    }
}
