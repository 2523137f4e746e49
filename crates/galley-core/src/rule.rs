//! Rule metadata and the registry the CLI builds from every checker's rules.
//!
//! A rule is declared once, with [`declare_rule!`], next to the code that finds it.
//! Its doc comment is both the Rust documentation and the text of
//! `galley explain RULE` and `docs/rules.md`, so it is never written twice.

use crate::finding::Severity;

/// What Galley knows about a rule besides the code that applies it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable identifier, used in config, suppressions and every output format.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// What it finds, for editors: a short title in plain words (the
    /// editors' report heads each finding with it).
    pub title: &'static str,
    /// Why it matters to a reader, in one sentence a non-programmer follows.
    pub why: &'static str,
    /// The rule's doc comment (Markdown): what it finds, why it matters, an example.
    pub docs: &'static str,
    /// Whether `galley check --fix` can repair its findings.
    pub fixable: bool,
    /// The settings that change what it finds.
    pub options: &'static [RuleOption],
}

/// A setting of `galley.toml` that changes what a rule finds.
#[derive(Debug)]
pub struct RuleOption {
    /// Where it is set: `[prose] allow_words`.
    pub name: &'static str,
    /// What it does to this rule.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation with the single leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The documentation with what else a reader of `galley explain` and
    /// `docs/rules.md` needs: whether `--fix` repairs it, and its options.
    /// Headings are `##`.
    pub fn explanation(&self) -> String {
        let mut out = self.documentation();
        out.push_str(&format!(
            "\n## For editors\n**{}.** {}\n",
            self.title, self.why
        ));
        if self.fixable {
            out.push_str("\n## Fix\n`galley check --fix` repairs these findings in place.\n");
        }
        if !self.options.is_empty() {
            out.push_str("\n## Options\n");
            for option in self.options {
                out.push_str(&format!("- `{}`: {}\n", option.name, option.doc));
            }
        }
        out
    }
}

/// Declares a rule: a `static` [`RuleMeta`] whose `docs` is the doc comment
/// above it. `title` and `why` are for editors (the report). `fixable`
/// (default `false`) and `options` (the `galley.toml` settings that change
/// it, default none) are optional, in that order.
///
/// ```
/// galley_core::declare_rule! {
///     /// ## What it finds
///     /// Something.
///     pub static SOMETHING = {
///         id: "something",
///         severity: Warning,
///         summary: "finds something",
///         title: "Something to fix",
///         why: "Readers would see it.",
///         fixable: true,
///         options: [("[prose] allow_words", "words never reported")],
///     };
/// }
/// assert_eq!(SOMETHING.id, "something");
/// assert!(SOMETHING.docs.contains("What it finds"));
/// assert!(SOMETHING.fixable);
/// assert!(SOMETHING.explanation().contains("## Options\n- `[prose] allow_words`: words never reported\n"));
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis static $name:ident = {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            title: $title:literal,
            why: $why:literal
            $(, fixable: $fixable:literal)?
            $(, options: [$(($option:literal, $option_doc:literal)),* $(,)?])?
            $(,)?
        };
    ) => {
        $(#[doc = $doc])+
        $vis static $name: $crate::RuleMeta = $crate::RuleMeta {
            id: $id,
            default_severity: $crate::Severity::$severity,
            summary: $summary,
            title: $title,
            why: $why,
            docs: concat!($($doc, "\n"),+),
            fixable: false $(|| $fixable)?,
            options: &[$($($crate::RuleOption { name: $option, doc: $option_doc }),*)?],
        };
    };
}

/// Every rule Galley knows, in the order they are listed to users.
pub struct RuleRegistry {
    rules: Vec<&'static RuleMeta>,
}

impl RuleRegistry {
    pub fn new(rules: Vec<&'static RuleMeta>) -> RuleRegistry {
        debug_assert!(
            {
                let mut ids: Vec<_> = rules.iter().map(|r| r.id).collect();
                ids.sort_unstable();
                ids.windows(2).all(|w| w[0] != w[1])
            },
            "two rules share an id"
        );
        RuleRegistry { rules }
    }

    pub fn get(&self, id: &str) -> Option<&'static RuleMeta> {
        self.rules.iter().copied().find(|rule| rule.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        self.rules.iter().copied()
    }

    /// The registered id closest to `id`, for "did you mean" hints.
    pub fn closest(&self, id: &str) -> Option<&'static str> {
        crate::closest(id, self.rules.iter().map(|rule| rule.id))
    }
}
