use galley_liquid::LiquidProblem;

use crate::FileContext;
use crate::rules::FileFindings;

galley_core::declare_rule! {
    /// ## What it finds
    /// Liquid that Jekyll cannot parse, in a layout, an include, or a page with
    /// front matter: a `{{` or `{%` never closed by `}}` or `%}`; a block tag
    /// (`if`, `unless`, `for`, `tablerow`, `case`, `capture`, `comment`, `raw`,
    /// `highlight`) without its end tag in the same file; an end tag that
    /// closes no open block. Tags from plugins are not judged.
    ///
    /// ## Why it matters
    /// Jekyll stops the build with "Liquid syntax error" (or, for an
    /// unterminated `{{`, renders the raw text into the page). A layout or
    /// include is parsed on its own, so a block opened in one file cannot be
    /// closed in another.
    ///
    /// ## Example
    /// ```liquid
    /// {% if item.website %}<a href="{{ item.website }}">Website</a>
    /// ```
    /// is reported at the `{% if %}`: "`{% if %}` is never closed". Add
    /// `{% endif %}` where the block ends.
    pub static LIQUID_SYNTAX = {
        id: "liquid-syntax",
        severity: Error,
        summary: "Liquid that Jekyll cannot parse: an unclosed `{{`/`{%`, a block without its end tag, a stray end tag",
        title: "Broken template code",
        why: "The site build fails, or prints the template code on the page.",
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for problem in cx.liquid {
        let (range, message, help) = match problem {
            LiquidProblem::Unterminated { at, output } => {
                let (open, close) = if *output { ("{{", "}}") } else { ("{%", "%}") };
                (
                    *at..*at + 2,
                    format!("`{open}` is never closed with `{close}`"),
                    format!(
                        "add `{close}` where the Liquid ends; until then everything after it is \
                         read as Liquid"
                    ),
                )
            }
            LiquidProblem::Unclosed { tag, name } => (
                tag.clone(),
                format!("`{{% {name} %}}` is never closed"),
                format!("add `{{% end{name} %}}` where the block ends, in this same file"),
            ),
            LiquidProblem::Stray { tag, name } => {
                let opened = name.trim_start_matches("end");
                (
                    tag.clone(),
                    format!("`{{% {name} %}}` closes no `{{% {opened} %}}` block"),
                    format!(
                        "remove it, or open the block with `{{% {opened} … %}}` before it in this file"
                    ),
                )
            }
        };
        out.push(cx.source.report(&LIQUID_SYNTAX, range, message, help));
    }
}
