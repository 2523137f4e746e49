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
    /// Characters before every `CHECKPOINT_BYTES`-th byte (moved back to a
    /// character boundary), built the first time a column is asked for far
    /// into a long line: a column then costs at most a checkpoint's stride of
    /// counting, not the line from its start, so a one-line page with a
    /// million findings is linear, not quadratic.
    checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between two character-count checkpoints (see `SourceFile::checkpoints`).
const CHECKPOINT_BYTES: usize = 4096;

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = Arc::new(text.into());
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            checkpoints: std::sync::OnceLock::new(),
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
        Position {
            line: line_index + 1,
            column: self.chars_between(line_start, offset) + 1,
            offset,
        }
    }

    /// How many characters `text[from..to]` holds (both on boundaries).
    fn chars_between(&self, from: usize, to: usize) -> usize {
        if to - from <= 2 * CHECKPOINT_BYTES {
            return self.text[from..to].chars().count();
        }
        self.chars_before(to) - self.chars_before(from)
    }

    /// How many characters come before byte `at` (on a boundary).
    fn chars_before(&self, at: usize) -> usize {
        let checkpoints = self.checkpoints();
        let (byte, chars) = checkpoints[at / CHECKPOINT_BYTES];
        chars + self.text[byte..at].chars().count()
    }

    /// The byte offset of character `index` of the file (or its end).
    fn offset_of_char(&self, index: usize) -> usize {
        let checkpoints = self.checkpoints();
        let at = checkpoints.partition_point(|&(_, chars)| chars <= index) - 1;
        let (byte, chars) = checkpoints[at];
        self.text[byte..]
            .char_indices()
            .nth(index - chars)
            .map_or(self.text.len(), |(i, _)| byte + i)
    }

    fn checkpoints(&self) -> &[(usize, usize)] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::with_capacity(self.text.len() / CHECKPOINT_BYTES + 1);
            let (mut byte, mut chars) = (0, 0);
            for stride in 0..=self.text.len() / CHECKPOINT_BYTES {
                let mut at = (stride * CHECKPOINT_BYTES).min(self.text.len());
                while !self.text.is_char_boundary(at) {
                    at -= 1;
                }
                chars += self.text[byte..at].chars().count();
                byte = at;
                checkpoints.push((byte, chars));
            }
            checkpoints
        })
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
        let offset = if line_end - line_start <= 2 * CHECKPOINT_BYTES {
            line_start
                + self.text[line_start..line_end]
                    .char_indices()
                    .nth(char_column)
                    .map_or(line_end - line_start, |(i, _)| i)
        } else {
            self.offset_of_char(self.chars_before(line_start) + char_column)
                .min(line_end)
        };
        Position {
            line: line.max(1),
            column: self.chars_between(line_start, offset) + 1,
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
    fn columns_far_into_a_long_line_match_counting_from_its_start() {
        let line: String = (0..20_000)
            .map(|i| if i % 7 == 0 { 'é' } else { 'a' })
            .collect();
        let text = format!("first\n{line}\nlast");
        let file = SourceFile::new("a.html", text.clone());
        let start = text.find('\n').unwrap() + 1;
        for (char_column, (byte, _)) in text[start..].char_indices().enumerate().step_by(997) {
            let position = file.position(start + byte);
            assert_eq!((position.line, position.column), (2, char_column + 1));
            assert_eq!(file.position_at_char(2, char_column), position);
        }
        assert_eq!(file.position_at_char(2, 99_999).offset, start + line.len());
        assert_eq!(file.position(text.len()).line, 3);
    }

    #[test]
    fn columns_on_one_long_line_cost_linear_time() {
        // 100,000 positions on one 4 MB line: counted from the line's start
        // each, that is 200 GB of counting (hours); from the checkpoints,
        // well under a second. The bound is generous, not a benchmark.
        let text = "aé".repeat(1_400_000);
        let file = SourceFile::new("min.html", text.clone());
        let started = std::time::Instant::now();
        let mut last = 0;
        for offset in (0..text.len())
            .step_by(text.len() / 100_000)
            .filter(|&o| text.is_char_boundary(o))
        {
            let position = file.position(offset);
            assert!(position.column > last);
            last = position.column;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn line_text_strips_carriage_returns() {
        let file = SourceFile::new("a.yml", "one\r\ntwo");
        assert_eq!(file.line_text(1), "one");
        assert_eq!(file.line_text(2), "two");
        assert_eq!(file.line_span(2).start.offset, 5);
    }
}
