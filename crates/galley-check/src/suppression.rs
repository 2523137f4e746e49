//! `galley-ignore` comments: a finding silenced in place, where the reader of
//! the file sees why, and the rule that reports an ignore silencing nothing.

use std::collections::HashMap;
use std::ops::Range;

use galley_core::{Config, Finding, Level, RuleRegistry, SourceFile};

galley_core::declare_rule! {
    /// ## What it finds
    /// A `galley-ignore` comment that silences nothing: no finding of the
    /// rule it names is on the line it applies to (or, for
    /// `galley-ignore-file`, in the file), or the name is not a rule. An
    /// ignore comment is
    /// - `<!-- galley-ignore RULE[,RULE] reason -->` in HTML and Markdown,
    /// - `{% comment %}galley-ignore RULE reason{% endcomment %}` in Liquid
    ///   templates,
    /// - `# galley-ignore RULE reason` in YAML (data files and front matter).
    ///
    /// On a line of its own it silences the rules it names on the next line;
    /// after other text on a line, on that line. `galley-ignore-file RULE`
    /// silences the rule in the whole file. Rules that did not run (set to
    /// `off`, or the external-link rules of an offline run) are not judged.
    ///
    /// ## Why it matters
    /// Once the defect is fixed or the line moved, the comment silences the
    /// next real finding there, or nothing at all: it is clutter that hides
    /// what it was written for (ruff's RUF100 does the same for `noqa`).
    ///
    /// ## Example
    /// ```html
    /// <!-- galley-ignore word-repeated the band's name -->
    /// <p>We saw Duran Duran live.</p>
    /// <!-- galley-ignore img-alt-missing -->
    /// <p>No image here.</p>
    /// ```
    /// The second comment is reported: nothing on the next line lacks alt text.
    pub static SUPPRESSION_UNUSED = {
        id: "suppression-unused",
        severity: Warning,
        summary: "a `galley-ignore` comment that silences no finding",
        title: "A galley-ignore note that hides nothing",
        why: "It no longer hides anything and may hide a real problem later: remove it.",
    };
}

const MARKER: &str = "galley-ignore";

/// One ignore comment.
#[derive(Debug)]
struct Directive {
    /// The rule names as written, each with its byte range in the file.
    rules: Vec<(String, Range<usize>)>,
    /// Where the comment's text starts (`galley-ignore`), for a comment that
    /// names no rule.
    at: Range<usize>,
    /// The line it applies to (1-based), or `None` for the whole file.
    line: Option<usize>,
    /// Which of `rules` silenced a finding.
    used: Vec<bool>,
}

/// What silences what: the directives of every file that has one.
pub(crate) struct Suppressions<'a> {
    files: HashMap<&'a str, (&'a SourceFile, Vec<Directive>)>,
}

impl<'a> Suppressions<'a> {
    /// Reads the ignore comments of every file (only files that mention
    /// `galley-ignore` are parsed).
    pub(crate) fn read(files: impl Iterator<Item = &'a SourceFile>) -> Suppressions<'a> {
        let finder = memchr::memmem::Finder::new(MARKER);
        let files = files
            .filter(|file| finder.find(file.text().as_bytes()).is_some())
            .filter_map(|file| {
                let directives = directives(file, &finder);
                (!directives.is_empty()).then(|| (file.path(), (file, directives)))
            })
            .collect();
        Suppressions { files }
    }

    /// Drops the findings an ignore comment silences and marks it used.
    pub(crate) fn apply(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.files.is_empty() {
            return findings;
        }
        findings
            .into_iter()
            .filter(|finding| !self.silences(finding))
            .collect()
    }

    fn silences(&mut self, finding: &Finding) -> bool {
        if finding.rule == SUPPRESSION_UNUSED.id
            || finding.rule == galley_core::internal_error::INTERNAL_ERROR.id
        {
            return false;
        }
        let Some((_, directives)) = self.files.get_mut(finding.path.as_str()) else {
            return false;
        };
        let mut silenced = false;
        for directive in directives {
            if directive
                .line
                .is_some_and(|line| line != finding.span.start.line)
            {
                continue;
            }
            for (index, (rule, _)) in directive.rules.iter().enumerate() {
                if rule == finding.rule {
                    directive.used[index] = true;
                    silenced = true;
                }
            }
        }
        silenced
    }

    /// A `suppression-unused` finding for every rule name that silenced
    /// nothing, except names of rules that did not run there (`ran`).
    pub(crate) fn unused(
        &self,
        registry: &RuleRegistry,
        config: &Config,
        ran: impl Fn(&str) -> bool,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for (path, (file, directives)) in &self.files {
            if config.level_at(SUPPRESSION_UNUSED.id, path) == Some(Level::Off) {
                continue;
            }
            for directive in directives {
                if directive.rules.is_empty() {
                    out.push(Finding::new(
                        &SUPPRESSION_UNUSED,
                        file,
                        file.span(directive.at.clone()),
                        "this `galley-ignore` names no rule, so it silences nothing",
                        "name the rules it is for: `galley-ignore word-repeated`; `galley rules` lists them",
                    ));
                }
                for ((rule, range), used) in directive.rules.iter().zip(&directive.used) {
                    if *used {
                        continue;
                    }
                    let Some(meta) = registry.get(rule) else {
                        let hint = registry
                            .closest(rule)
                            .map(|near| format!("did you mean `{near}`? "))
                            .unwrap_or_default();
                        out.push(Finding::new(
                            &SUPPRESSION_UNUSED,
                            file,
                            file.span(range.clone()),
                            format!("`galley-ignore` names `{rule}`, which is not a rule"),
                            format!("{hint}`galley rules` lists every rule"),
                        ));
                        continue;
                    };
                    if config.level_at(meta.id, path) == Some(Level::Off) || !ran(meta.id) {
                        continue;
                    }
                    let (message, help) = match directive.line {
                        Some(line) => (
                            format!(
                                "`galley-ignore {rule}` silences nothing: line {line} has no `{rule}` finding"
                            ),
                            "remove it, or put it on the line just before the finding",
                        ),
                        None => (
                            format!(
                                "`galley-ignore-file {rule}` silences nothing: this file has no `{rule}` finding"
                            ),
                            "remove it",
                        ),
                    };
                    out.push(Finding::new(
                        &SUPPRESSION_UNUSED,
                        file,
                        file.span(range.clone()),
                        message,
                        help,
                    ));
                }
            }
        }
        out
    }
}

/// The ignore comments of one file. `galley-ignore` counts only right after a
/// comment's opening (`<!--`, `{% comment %}`, `#` in YAML); in Markdown, not
/// inside a fenced code block (an example of the comment, not one).
fn directives(file: &SourceFile, finder: &memchr::memmem::Finder<'_>) -> Vec<Directive> {
    let text = file.text();
    let yaml = is_yaml(file.path());
    let fences = if is_markdown(file.path()) {
        fenced_blocks(text)
    } else {
        Vec::new()
    };
    let front_matter_end = galley_yaml::frontmatter::split(text)
        .front_matter
        .map_or(0, |yaml| yaml.end);
    let mut out = Vec::new();
    for at in finder.find_iter(text.as_bytes()) {
        if fences.iter().any(|block| block.contains(&at)) {
            continue;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let before = text[line_start..at].trim_end();
        let (opener, comment_end) = if let Some(opener) = before.strip_suffix("<!--") {
            let Some(end) = text[at..].find("-->") else {
                continue;
            };
            (opener, at + end)
        } else if let Some(opener) = liquid_comment_opener(before) {
            let Some(end) = text[at..].find("endcomment") else {
                continue;
            };
            // Back to the `{%` that opens `endcomment`.
            let end = text[..at + end]
                .rfind("{%")
                .filter(|&i| i >= at)
                .unwrap_or(at + end);
            (opener, end)
        } else if let Some(opener) = before.strip_suffix('#')
            && (yaml || at < front_matter_end)
        {
            (opener, line_end)
        } else {
            continue;
        };
        let mut rest_start = at + MARKER.len();
        let whole_file = text[rest_start..comment_end].starts_with("-file");
        if whole_file {
            rest_start += "-file".len();
        }
        // `galley-ignored` or `galley-ignore-next` are words, not the marker.
        if !text[rest_start..comment_end].starts_with(char::is_whitespace)
            && rest_start != comment_end
        {
            continue;
        }
        let rules = rule_names(text, rest_start..comment_end);
        let line = if whole_file {
            None
        } else if opener.trim().is_empty() {
            // On a line of its own: the line after the comment ends.
            Some(file.position(comment_end).line + 1)
        } else {
            Some(file.position(at).line)
        };
        out.push(Directive {
            used: vec![false; rules.len()],
            rules,
            at: at..at + MARKER.len(),
            line,
        });
    }
    out
}

/// `RULE[,RULE]` at the start of `range` (after blanks), each with its range;
/// what follows is the reason.
fn rule_names(text: &str, range: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut names = Vec::new();
    let mut at = range.start;
    loop {
        let rest = &text[at..range.end];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        let rest = &text[at..range.end];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        names.push((rest[..len].to_owned(), at..at + len));
        at += len;
        let after = &text[at..range.end];
        let trimmed = after.trim_start();
        if let Some(next) = trimmed.strip_prefix(',') {
            at = range.end - next.len();
        } else {
            break;
        }
    }
    names
}

/// The text before a Liquid `{% comment %}` (any whitespace control), if
/// `before` ends with one.
fn liquid_comment_opener(before: &str) -> Option<&str> {
    let inner = before.strip_suffix("%}")?;
    let inner = inner.strip_suffix('-').unwrap_or(inner).trim_end();
    let inner = inner.strip_suffix("comment")?.trim_end();
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    inner.strip_suffix("{%")
}

/// The byte ranges of fenced code blocks (```` ``` ```` or `~~~`).
fn fenced_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let fence = ['`', '~']
            .into_iter()
            .find(|&c| indent <= 3 && trimmed.starts_with(&c.to_string().repeat(3)));
        match (open, fence) {
            (None, Some(c)) => open = Some((offset, c)),
            (Some((start, c)), Some(close)) if c == close => {
                blocks.push(start..offset + line.len());
                open = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((start, _)) = open {
        blocks.push(start..text.len());
    }
    blocks
}

fn is_yaml(path: &str) -> bool {
    path.ends_with(".yml") || path.ends_with(".yaml")
}

fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_rules(path: &str, text: &str) -> Vec<(Option<usize>, Vec<String>)> {
        let file = SourceFile::new(path, text);
        let finder = memchr::memmem::Finder::new(MARKER);
        directives(&file, &finder)
            .into_iter()
            .map(|d| (d.line, d.rules.into_iter().map(|(r, _)| r).collect()))
            .collect()
    }

    #[test]
    fn each_comment_form_applies_to_its_line() {
        let html = "<p>a</p>\n<!-- galley-ignore word-repeated, misspelling the band -->\n<p>Duran Duran</p>\n<p>x</p> <!-- galley-ignore img-alt-missing -->\n";
        assert_eq!(
            lines_and_rules("a.html", html),
            vec![
                (Some(3), vec!["word-repeated".into(), "misspelling".into()]),
                (Some(4), vec!["img-alt-missing".into()]),
            ]
        );
        let liquid = "{%- comment -%} galley-ignore template-field-unknown old cards {%- endcomment -%}\n{{ x.y }}\n";
        assert_eq!(
            lines_and_rules("_includes/card.html", liquid),
            vec![(Some(2), vec!["template-field-unknown".into()])]
        );
        let yaml = "# galley-ignore-file schema\nname: x # galley-ignore yaml-duplicate-key\n# galley-ignore misspelling\ndescription: teh\n";
        assert_eq!(
            lines_and_rules("_data/a.yml", yaml),
            vec![
                (None, vec!["schema".into()]),
                (Some(2), vec!["yaml-duplicate-key".into()]),
                (Some(4), vec!["misspelling".into()]),
            ]
        );
    }

    #[test]
    fn mentions_that_are_not_comments_are_not_directives() {
        let markdown = "Write `galley-ignore` comments.\n\n```html\n<!-- galley-ignore word-repeated -->\n```\n# galley-ignore misspelling\n";
        assert_eq!(lines_and_rules("docs.md", markdown), vec![]);
        let front_matter = "---\ntitle: x # galley-ignore misspelling\n---\nbody\n";
        assert_eq!(
            lines_and_rules("page.md", front_matter),
            vec![(Some(2), vec!["misspelling".into()])]
        );
    }
}
