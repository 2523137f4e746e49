//! Liquid markup read into what it does with variables: the tags that bind,
//! branch and include, and every variable path (`item.downloads[0].url`) with
//! the byte range it is written at.
//!
//! The reader is forgiving: markup it cannot follow is kept as [`Markup::Other`]
//! with whatever paths could be read from it, so that a reference is never
//! judged on a misreading. Positions are byte offsets into the whole file.

use std::ops::Range;

use galley_core::limits::MAX_LIQUID_NESTING;

use super::MaskedTemplate;

/// One `{{ … }}` or `{% … %}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Markup<'t> {
    pub range: Range<usize>,
    pub kind: MarkupKind<'t>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MarkupKind<'t> {
    /// `{{ expr }}`.
    Output(Expr<'t>),
    /// `{% for var in collection %}` (and `tablerow`).
    For { var: &'t str, collection: Expr<'t> },
    /// `{% assign name = value %}`.
    Assign { name: &'t str, value: Expr<'t> },
    /// `{% capture name %}`: the name holds text from here on.
    Capture { name: &'t str },
    /// `{% if … %}`, `{% unless … %}`: opens a block whose first branch runs
    /// when the condition holds (`negated` for `unless`).
    If {
        condition: Vec<Comparison<'t>>,
        negated: bool,
    },
    /// `{% elsif … %}`: a new branch of the innermost block.
    Elsif(Vec<Comparison<'t>>),
    /// `{% case subject %}`.
    Case(Expr<'t>),
    /// `{% when a, b %}`: a new branch of the innermost `case`.
    When(Vec<Operand<'t>>),
    /// `{% else %}`: the last branch of the innermost block (`if`, `case` or `for`).
    Else,
    /// `{% endif %}`, `{% endfor %}` and every other `end…`.
    End(&'t str),
    /// `{% include name key=value … %}` and `include_relative`.
    Include {
        relative: bool,
        name: IncludeName<'t>,
        params: Vec<(&'t str, Expr<'t>)>,
    },
    /// Text Liquid does not read (`comment`, `raw`).
    Skipped,
    /// Any other tag: the variable paths read in it.
    Other {
        name: &'t str,
        reads: Vec<Operand<'t>>,
    },
}

/// An include's file name, as written or built from Liquid.
#[derive(Debug, Clone, PartialEq)]
pub enum IncludeName<'t> {
    Static(&'t str),
    /// `table-row-{{ include.data }}.html`: text and outputs, in order.
    Built(Vec<NamePart<'t>>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum NamePart<'t> {
    Text(&'t str),
    Output(Expr<'t>),
}

/// A value and the filters applied to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr<'t> {
    pub head: Operand<'t>,
    pub filters: Vec<Filter<'t>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Filter<'t> {
    pub name: &'t str,
    /// Positional and named arguments' values, in order.
    pub args: Vec<Operand<'t>>,
}

/// `left`, or `left op right`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'t> {
    pub left: Operand<'t>,
    pub op: Option<&'t str>,
    pub right: Option<Operand<'t>>,
    /// Joined to the comparison before it by `or` (else by `and`, or first).
    pub or: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'t> {
    Path(Path<'t>),
    Str(&'t str),
    Int(i64),
    /// A number with a fraction, `true`, `false`, `nil`, `empty`, a range.
    Other,
}

/// `root.a["b"][0][x]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path<'t> {
    pub root: &'t str,
    pub segments: Vec<Segment<'t>>,
    /// From the root to the end of the last segment.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment<'t> {
    /// `.name` or `["name"]`, with the range of the name.
    Field(&'t str, Range<usize>),
    /// `[0]`.
    Index(i64),
    /// `[expr]`: a key only known when the page is built.
    Dynamic(Box<Operand<'t>>),
}

impl<'t> Path<'t> {
    /// The paths inside `[…]` segments, which are read too.
    pub fn inner_paths(&self) -> impl Iterator<Item = &Path<'t>> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Dynamic(operand) => match operand.as_ref() {
                Operand::Path(path) => Some(path),
                _ => None,
            },
            _ => None,
        })
    }
}

/// Reads every Liquid markup of a masked template whose start lies in `body`.
pub fn read<'t>(text: &'t str, masked: &MaskedTemplate, body: Range<usize>) -> Vec<Markup<'t>> {
    masked
        .liquid
        .iter()
        .filter(|range| body.contains(&range.start))
        .map(|range| Markup {
            range: range.clone(),
            kind: read_markup(text, range.clone()),
        })
        .collect()
}

fn read_markup(text: &str, range: Range<usize>) -> MarkupKind<'_> {
    let whole = &text[range.clone()];
    let is_output = whole.starts_with("{{");
    let closed = whole.len() >= 4 && (whole.ends_with("}}") || whole.ends_with("%}"));
    let inner_end = if closed { range.end - 2 } else { range.end };
    let mut start = range.start + 2;
    let mut end = inner_end.max(start);
    // Whitespace control: `{%-` and `-%}`.
    if text[start..end].starts_with('-') {
        start += 1;
    }
    if text[start..end].ends_with('-') {
        end -= 1;
    }
    let tokens = tokenize(text, start..end);
    let mut cursor = Cursor {
        tokens: &tokens,
        at: 0,
        depth: 0,
    };
    if is_output {
        return match cursor.expr() {
            Some(expr) => MarkupKind::Output(expr),
            None => MarkupKind::Other {
                name: "",
                reads: cursor.all_paths(),
            },
        };
    }
    let Some(Token {
        kind: Kind::Word(name),
        range: name_range,
    }) = cursor.next()
    else {
        return MarkupKind::Other {
            name: "",
            reads: Vec::new(),
        };
    };
    let name = *name;
    match name {
        "comment" | "raw" | "endraw" | "endcomment" | "liquid" => MarkupKind::Skipped,
        "for" | "tablerow" => {
            let var = cursor.word();
            let is_in = cursor.word() == Some("in");
            match (var, is_in, cursor.expr()) {
                (Some(var), true, Some(collection)) => MarkupKind::For { var, collection },
                _ => other(name, &tokens[1..]),
            }
        }
        "assign" => {
            let target = cursor.word();
            let eq = cursor.punct() == Some("=");
            match (target, eq, cursor.expr()) {
                (Some(name), true, Some(value)) => MarkupKind::Assign { name, value },
                _ => other(name, &tokens[1..]),
            }
        }
        "capture" => match cursor.word().or_else(|| cursor.string()) {
            Some(name) => MarkupKind::Capture { name },
            None => MarkupKind::Skipped,
        },
        "if" | "unless" => MarkupKind::If {
            condition: cursor.condition(),
            negated: name == "unless",
        },
        "elsif" => MarkupKind::Elsif(cursor.condition()),
        "case" => match cursor.expr() {
            Some(subject) => MarkupKind::Case(subject),
            None => other(name, &tokens[1..]),
        },
        "when" => {
            let mut values = Vec::new();
            while let Some(operand) = cursor.operand() {
                values.push(operand);
                // `,` or `or` between values.
                if cursor.punct_is(",") || cursor.word_is("or") {
                    continue;
                }
                break;
            }
            MarkupKind::When(values)
        }
        "else" => MarkupKind::Else,
        "include" | "include_relative" => {
            include(text, name_range.end..end, name == "include_relative")
        }
        _ if name.starts_with("end") => MarkupKind::End(name),
        _ => other(name, &tokens[1..]),
    }
}

fn other<'t>(name: &'t str, tokens: &[Token<'t>]) -> MarkupKind<'t> {
    let mut cursor = Cursor {
        tokens,
        at: 0,
        depth: 0,
    };
    MarkupKind::Other {
        name,
        reads: cursor.all_paths(),
    }
}

/// `include NAME key=value …`: the name ends at the first space outside `{{ }}`.
fn include(text: &str, args: Range<usize>, relative: bool) -> MarkupKind<'_> {
    let rest = &text[args.clone()];
    let lead = rest.len() - rest.trim_start().len();
    let name_start = args.start + lead;
    let bytes = text.as_bytes();
    let mut at = name_start;
    while at < args.end && !bytes[at].is_ascii_whitespace() {
        // Bytes, not `str`: `at` steps over multi-byte characters a byte at a time.
        if bytes[at..args.end].starts_with(b"{{") {
            at = text[at..args.end]
                .find("}}")
                .map_or(args.end, |close| at + close + 2);
        } else {
            at += 1;
        }
    }
    let written = &text[name_start..at];
    let name = if written.contains("{{") {
        let mut parts = Vec::new();
        let mut from = name_start;
        while let Some(open) = text[from..at].find("{{") {
            let open = from + open;
            if open > from {
                parts.push(NamePart::Text(&text[from..open]));
            }
            let close = text[open..at].find("}}").map_or(at, |c| open + c);
            let tokens = tokenize(text, open + 2..close);
            if let Some(expr) = (Cursor {
                tokens: &tokens,
                at: 0,
                depth: 0,
            })
            .expr()
            {
                parts.push(NamePart::Output(expr));
            }
            from = (close + 2).min(at);
        }
        if from < at {
            parts.push(NamePart::Text(&text[from..at]));
        }
        IncludeName::Built(parts)
    } else {
        IncludeName::Static(written.trim_matches(['"', '\'']))
    };
    let tokens = tokenize(text, at..args.end);
    let mut cursor = Cursor {
        tokens: &tokens,
        at: 0,
        depth: 0,
    };
    let mut params = Vec::new();
    while cursor.at < tokens.len() {
        let key = cursor.word();
        let is_param = key.is_some() && cursor.punct_is("=");
        match (key, is_param) {
            (Some(key), true) => {
                if let Some(value) = cursor.operand() {
                    params.push((
                        key,
                        Expr {
                            head: value,
                            filters: Vec::new(),
                        },
                    ));
                }
            }
            _ => {
                if key.is_none() {
                    cursor.at += 1;
                }
            }
        }
    }
    MarkupKind::Include {
        relative,
        name,
        params,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind<'t> {
    /// A name: letters, digits, `_`, `-`, and a final `?`.
    Word(&'t str),
    /// The text between quotes.
    Str(&'t str),
    Number(&'t str),
    Punct(&'t str),
}

#[derive(Debug, Clone, PartialEq)]
struct Token<'t> {
    kind: Kind<'t>,
    range: Range<usize>,
}

fn tokenize(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = range.start;
    let end = range.end;
    while at < end {
        let byte = bytes[at];
        let start = at;
        let kind = if byte.is_ascii_whitespace() {
            at += 1;
            continue;
        } else if byte == b'"' || byte == b'\'' {
            let close = text[at + 1..end].find(byte as char).map(|c| at + 1 + c);
            let content_end = close.unwrap_or(end);
            at = close.map_or(end, |c| c + 1);
            Kind::Str(&text[start + 1..content_end])
        } else if byte.is_ascii_digit()
            || (byte == b'-' && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
        {
            at += 1;
            while at < end
                && (bytes[at].is_ascii_digit()
                    || (bytes[at] == b'.' && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)))
            {
                at += 1;
            }
            Kind::Number(&text[start..at])
        } else if byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80 {
            while at < end
                && (bytes[at].is_ascii_alphanumeric()
                    || matches!(bytes[at], b'_' | b'-')
                    || bytes[at] >= 0x80)
            {
                at += 1;
            }
            if at < end && bytes[at] == b'?' {
                at += 1;
            }
            Kind::Word(&text[start..at])
        } else {
            let two = text.get(at..(at + 2).min(end)).unwrap_or_default();
            let width = if matches!(two, "==" | "!=" | "<>" | "<=" | ">=" | ".." | "{{" | "}}") {
                2
            } else {
                // One character, whole (a stray non-ASCII byte cannot start one
                // here: those are read as words above).
                1
            };
            at += width;
            Kind::Punct(&text[start..at])
        };
        tokens.push(Token {
            kind,
            range: start..at,
        });
    }
    tokens
}

struct Cursor<'a, 't> {
    tokens: &'a [Token<'t>],
    at: usize,
    /// How deep `[…]` and `(…)` nest here: bounded, so hostile input cannot
    /// exhaust the stack.
    depth: usize,
}

const COMPARISONS: &[&str] = &["==", "!=", "<>", "<", ">", "<=", ">=", "contains"];

impl<'t> Cursor<'_, 't> {
    fn peek(&self) -> Option<&Token<'t>> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<&Token<'t>> {
        let token = self.tokens.get(self.at);
        self.at += usize::from(token.is_some());
        token
    }

    fn word(&mut self) -> Option<&'t str> {
        match self.peek()?.kind {
            Kind::Word(word) => {
                self.at += 1;
                Some(word)
            }
            _ => None,
        }
    }

    fn string(&mut self) -> Option<&'t str> {
        match self.peek()?.kind {
            Kind::Str(text) => {
                self.at += 1;
                Some(text)
            }
            _ => None,
        }
    }

    fn punct(&mut self) -> Option<&'t str> {
        match self.peek()?.kind {
            Kind::Punct(p) => {
                self.at += 1;
                Some(p)
            }
            _ => None,
        }
    }

    fn punct_is(&mut self, want: &str) -> bool {
        let is = matches!(self.peek(), Some(Token { kind: Kind::Punct(p), .. }) if *p == want);
        self.at += usize::from(is);
        is
    }

    fn word_is(&mut self, want: &str) -> bool {
        let is = matches!(self.peek(), Some(Token { kind: Kind::Word(w), .. }) if *w == want);
        self.at += usize::from(is);
        is
    }

    /// A value: a literal, a variable path or a range `(a..b)`.
    fn operand(&mut self) -> Option<Operand<'t>> {
        if self.depth >= MAX_LIQUID_NESTING {
            // Skip the rest: too deep to be a template anyone wrote.
            self.at = self.tokens.len();
            return Some(Operand::Other);
        }
        self.depth += 1;
        let operand = self.operand_within();
        self.depth -= 1;
        operand
    }

    fn operand_within(&mut self) -> Option<Operand<'t>> {
        let token = self.peek()?.clone();
        match token.kind {
            Kind::Str(text) => {
                self.at += 1;
                Some(Operand::Str(text))
            }
            Kind::Number(number) => {
                self.at += 1;
                Some(number.parse().map_or(Operand::Other, Operand::Int))
            }
            Kind::Word("true" | "false" | "nil" | "null" | "empty" | "blank") => {
                self.at += 1;
                Some(Operand::Other)
            }
            Kind::Word(root) => {
                self.at += 1;
                let mut segments = Vec::new();
                let mut end = token.range.end;
                loop {
                    if self.punct_is(".") {
                        match self.peek().cloned() {
                            Some(Token {
                                kind: Kind::Word(field),
                                range,
                            }) => {
                                self.at += 1;
                                end = range.end;
                                segments.push(Segment::Field(field, range));
                            }
                            _ => break,
                        }
                    } else if self.punct_is("[") {
                        let inner = self.peek().cloned();
                        let operand = self.operand();
                        let closed = self.peek().cloned();
                        if !self.punct_is("]") {
                            break;
                        }
                        end = closed.map_or(end, |t| t.range.end);
                        segments.push(match (operand, inner) {
                            (
                                Some(Operand::Str(field)),
                                Some(Token {
                                    kind: Kind::Str(_),
                                    range,
                                }),
                            ) => Segment::Field(field, range.start + 1..range.end - 1),
                            (Some(Operand::Int(index)), _) => Segment::Index(index),
                            (Some(operand), _) => Segment::Dynamic(Box::new(operand)),
                            (None, _) => Segment::Dynamic(Box::new(Operand::Other)),
                        });
                    } else {
                        break;
                    }
                }
                Some(Operand::Path(Path {
                    root,
                    segments,
                    range: token.range.start..end,
                }))
            }
            Kind::Punct("(") => {
                // `(1..n)`: a range; the paths in it are values only.
                self.at += 1;
                let _ = self.operand();
                self.punct_is("..");
                let _ = self.operand();
                self.punct_is(")");
                Some(Operand::Other)
            }
            Kind::Punct(_) => None,
        }
    }

    /// `operand | filter: arg, key: arg | …`.
    fn expr(&mut self) -> Option<Expr<'t>> {
        let head = self.operand()?;
        let mut filters = Vec::new();
        while self.punct_is("|") {
            let Some(name) = self.word() else { break };
            let mut args = Vec::new();
            if self.punct_is(":") {
                loop {
                    // A named argument: `key: value`.
                    if matches!(
                        self.peek(),
                        Some(Token {
                            kind: Kind::Word(_),
                            ..
                        })
                    ) && matches!(
                        self.tokens.get(self.at + 1),
                        Some(Token {
                            kind: Kind::Punct(":"),
                            ..
                        })
                    ) {
                        self.at += 2;
                    }
                    match self.operand() {
                        Some(arg) => args.push(arg),
                        None => break,
                    }
                    if !self.punct_is(",") {
                        break;
                    }
                }
            }
            filters.push(Filter { name, args });
        }
        Some(Expr { head, filters })
    }

    /// `a`, `a == b`, joined by `and` / `or`.
    fn condition(&mut self) -> Vec<Comparison<'t>> {
        let mut comparisons = Vec::new();
        let mut or = false;
        while let Some(left) = self.operand() {
            let op = match self.peek() {
                Some(Token {
                    kind: Kind::Punct(p) | Kind::Word(p),
                    ..
                }) if COMPARISONS.contains(p) => {
                    let op = *p;
                    self.at += 1;
                    Some(op)
                }
                _ => None,
            };
            let right = op.and_then(|_| self.operand());
            comparisons.push(Comparison {
                left,
                op,
                right,
                or,
            });
            or = self.word_is("or");
            if !or && !self.word_is("and") {
                break;
            }
        }
        comparisons
    }

    /// Every path in the rest of the tokens (for tags Galley does not model).
    fn all_paths(&mut self) -> Vec<Operand<'t>> {
        let mut reads = Vec::new();
        while self.at < self.tokens.len() {
            let before = self.at;
            let after_pipe = before > 0 && matches!(self.tokens[before - 1].kind, Kind::Punct("|"));
            match self.operand() {
                Some(Operand::Path(path)) if !after_pipe => reads.push(Operand::Path(path)),
                Some(_) => {}
                None => self.at += 1,
            }
            if self.at == before {
                self.at += 1;
            }
        }
        reads
    }
}

#[cfg(test)]
mod tests;
