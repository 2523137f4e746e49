//! Source text with a line index, so that byte offsets, character columns and
//! parser markers can be converted into each other without searching the text.

use std::sync::Arc;

/// A 1-based line and column (columns count characters, not bytes), plus the byte
/// offset they stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// A half-open range of the source, from `start` up to (not including) `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    /// The start of the file: where findings that concern the whole file point.
    pub const FILE_START: Span = Span {
        start: Position {
            line: 1,
            column: 1,
            offset: 0,
        },
        end: Position {
            line: 1,
            column: 1,
            offset: 0,
        },
    };
}

/// A text file of the site, its path relative to the site root (with `/`
/// separators) and an index of where each line starts.
#[derive(Debug)]
pub struct SourceFile {
    path: String,
    /// An `Arc<String>` rather than `Arc<str>`: the file's buffer is shared as
    /// read, never copied.
    text: Arc<String>,
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = Arc::new(text.into());
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The shared text, for renderers that keep it beyond the file's lifetime.
    pub fn shared_text(&self) -> Arc<String> {
        Arc::clone(&self.text)
    }

    /// The position of a byte offset. Offsets past the end clamp to the end, and an
    /// offset inside a multi-byte character is moved back to that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position {
            line: line_index + 1,
            column,
            offset,
        }
    }

    /// The position of `offset`, counted on from `from` (an earlier position of
    /// this file) when both are on one line: findings on one long line, in
    /// order, then cost the distance between them, not the whole line each.
    pub fn position_after(&self, from: Position, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < from.offset
            || !self.text.is_char_boundary(offset)
            || memchr::memchr(b'\n', &self.text.as_bytes()[from.offset..offset]).is_some()
        {
            return self.position(offset);
        }
        Position {
            line: from.line,
            column: from.column + self.text[from.offset..offset].chars().count(),
            offset,
        }
    }

    /// A finding of `rule` at byte `range` of this file: how a rule reports.
    pub fn report(
        &self,
        rule: &crate::RuleMeta,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> crate::Finding {
        crate::Finding::new(rule, self, self.span(range), message, help)
    }

    /// The span of a byte range, as parsers that work on bytes report it.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span {
            start: self.position(range.start),
            end: self.position(range.end),
        }
    }

    /// The position of a 1-based line and a 0-based character column, as YAML
    /// parsers report them. Out-of-range values clamp to the end of the line or file.
    pub fn position_at_char(&self, line: usize, char_column: usize) -> Position {
        let Some(&line_start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.position(self.text.len());
        };
        let line_end = self.line_end(line_start);
        let byte_in_line = self.text[line_start..line_end]
            .char_indices()
            .nth(char_column)
            .map_or(line_end - line_start, |(i, _)| i);
        let offset = line_start + byte_in_line;
        Position {
            line: line.max(1),
            column: self.text[line_start..offset].chars().count() + 1,
            offset,
        }
    }

    /// The text of a 1-based line without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_end(start);
        self.text[start..end].trim_end_matches('\r')
    }

    /// A span over the content of a whole line (used where a finding concerns a
    /// line rather than a token, such as a missing key at the top of a file).
    pub fn line_span(&self, line: usize) -> Span {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return Span::FILE_START;
        };
        let end = start + self.line_text(line).len();
        Span {
            start: self.position(start),
            end: self.position(end),
        }
    }

    fn line_end(&self, line_start: usize) -> usize {
        self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let file = SourceFile::new("a.yml", "ab\né: x\n");
        assert_eq!(
            file.position(0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        // "x" is at byte 7 (é is two bytes) and character column 4.
        assert_eq!(
            file.position(7),
            Position {
                line: 2,
                column: 4,
                offset: 7
            }
        );
        assert_eq!(
            file.position_at_char(2, 3),
            Position {
                line: 2,
                column: 4,
                offset: 7
            }
        );
    }

    #[test]
    fn offsets_inside_a_character_move_back_to_its_start() {
        let file = SourceFile::new("a.yml", "é");
        assert_eq!(file.position(1).offset, 0);
    }

    #[test]
    fn out_of_range_clamps() {
        let file = SourceFile::new("a.yml", "ab\n");
        assert_eq!(
            file.position(99),
            Position {
                line: 2,
                column: 1,
                offset: 3
            }
        );
        assert_eq!(file.position_at_char(1, 99).offset, 2);
        assert_eq!(file.position_at_char(9, 0).offset, 3);
    }

    #[test]
    fn line_text_strips_carriage_returns() {
        let file = SourceFile::new("a.yml", "one\r\ntwo");
        assert_eq!(file.line_text(1), "one");
        assert_eq!(file.line_text(2), "two");
        assert_eq!(file.line_span(2).start.offset, 5);
    }
}
