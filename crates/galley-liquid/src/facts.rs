//! What a template's Liquid tags say about other files: the includes it pulls
//! in (for its ids), where it branches (for alternative ids), and every file a
//! tag names (`include`, `include_relative`, `link`, `post_url`, `site.data`
//! paths in `for` and `assign`), for `liquid-target-missing`.

use std::ops::Range;

use crate::MaskedTemplate;

/// A file a Liquid tag names.
#[derive(Debug, Clone)]
pub struct FileReference {
    pub kind: ReferenceKind,
    /// The name as written (`nav.html`, `_posts/a.md`, `software.messengers`).
    pub name: String,
    /// Where the name is written.
    pub range: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `{% include name %}`: `_includes/name`.
    Include,
    /// `{% include_relative name %}`: next to the file.
    IncludeRelative,
    /// `{% link path %}`: a source file.
    Link,
    /// `{% post_url name %}`: a post.
    PostUrl,
    /// `site.data.a.b` in `for`, `assign` or an output: `_data/a/b…`.
    Data,
}

#[derive(Debug)]
pub struct TemplateFacts {
    /// Site paths of the files it includes by a static name.
    pub includes: Vec<String>,
    /// Whether an include is named by Liquid: it may add any id.
    pub unknown_ids: bool,
    /// Whether it renders Markdown with `markdownify` (not stripped of its
    /// HTML): the headings of the site's Markdown strings may become ids.
    pub markdownify: bool,
    /// Where it branches (`else`, `elsif`, `when`).
    pub branch_points: Vec<usize>,
    pub references: Vec<FileReference>,
}

impl TemplateFacts {
    /// Reads the facts of the template at site path `path` from its Liquid.
    pub fn read(path: &str, text: &str, masked: &MaskedTemplate) -> TemplateFacts {
        let mut facts = TemplateFacts {
            includes: Vec::new(),
            unknown_ids: false,
            markdownify: false,
            branch_points: Vec::new(),
            references: Vec::new(),
        };
        for range in &masked.liquid {
            let tag = &text[range.clone()];
            if tag.starts_with("{{") && tag.contains("markdownify") && !tag.contains("strip_html") {
                facts.markdownify = true;
            }
            if tag.starts_with("{{") {
                // `{{ site.data.navigation.title }}` names a data file as
                // surely as a loop over it does.
                facts.references.extend(data_reference(tag, range.start));
                continue;
            }
            let Some(inner) = tag.strip_prefix("{%").and_then(|t| t.strip_suffix("%}")) else {
                continue;
            };
            let inner_start = range.start + 2;
            let mut words = inner.trim_matches('-').split_whitespace();
            let keyword = words.next();
            let name = words.next();
            match (keyword, name) {
                (Some("else" | "elsif" | "when"), _) => facts.branch_points.push(range.start),
                (
                    Some(keyword @ ("include" | "include_relative" | "link" | "post_url")),
                    Some(name),
                ) => {
                    if name.contains("{{") || name.contains('{') {
                        facts.unknown_ids |= keyword.starts_with("include");
                        continue;
                    }
                    let written = name.trim_matches(['"', '\'']);
                    let at = inner_start
                        + word_offset(inner, name)
                        + (name.len() - name.trim_start_matches(['"', '\'']).len());
                    let kind = match keyword {
                        "include" => ReferenceKind::Include,
                        "include_relative" => ReferenceKind::IncludeRelative,
                        "link" => ReferenceKind::Link,
                        _ => ReferenceKind::PostUrl,
                    };
                    match kind {
                        ReferenceKind::Include => {
                            facts.includes.push(format!("_includes/{written}"))
                        }
                        ReferenceKind::IncludeRelative => {
                            facts.includes.push(crate::next_to(path, written))
                        }
                        _ => {}
                    }
                    facts.references.push(FileReference {
                        kind,
                        name: written.to_owned(),
                        range: at..at + written.len(),
                    });
                }
                (Some("for" | "assign"), _) => {
                    facts.references.extend(data_reference(inner, inner_start));
                }
                _ => {}
            }
        }
        facts
    }
}

/// The first `site.data.a.b` in `inner` (which starts at byte `start` of the
/// file), as a reference to `_data/a/b…`.
fn data_reference(inner: &str, start: usize) -> Option<FileReference> {
    let found = inner.find("site.data.")?;
    let path_start = found + "site.data.".len();
    let path: String = inner[path_start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    let path = path.trim_end_matches('.').to_owned();
    if path.is_empty() {
        return None;
    }
    let at = start + path_start;
    Some(FileReference {
        kind: ReferenceKind::Data,
        range: at..at + path.len(),
        name: path,
    })
}

/// The byte offset of `word` (a slice of `text` from `split_whitespace`).
fn word_offset(text: &str, word: &str) -> usize {
    word.as_ptr() as usize - text.as_ptr() as usize
}
