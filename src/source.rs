//! A loaded text file: its display name, its text and a line index that converts between byte offsets
//! and 1-based line/column positions (columns count characters, as YAML parsers report them).

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A byte span into a [`SourceFile`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

/// Zero-width and other invisible format characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

impl Span {
    pub const fn new(offset: usize, len: usize) -> Self {
        Span { offset, len }
    }

    pub const fn end(&self) -> usize {
        self.offset + self.len
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        let start = self.offset.min(other.offset);
        let end = self.end().max(other.end());
        Span::new(start, end - start)
    }
}

impl From<Span> for SourceSpan {
    fn from(s: Span) -> Self {
        SourceSpan::new(s.offset.into(), s.len)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name shown in diagnostics (a path relative to where the user pointed us, or `<stdin>`).
    pub name: String,
    /// The file's text. Invalid UTF-8 has been replaced (and reported) by the loader.
    pub text: String,
    /// Byte offset where YAML content starts (3 after a UTF-8 byte order mark, else 0).
    pub content_start: usize,
    line_starts: Vec<usize>,
    /// The text holds a carriage return not followed by a line feed (a line break to miette and
    /// to the line index): snippets are then read by miette's own scan (see `read_span`).
    lone_cr: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let content_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![content_start];
        let bytes = text.as_bytes();
        let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
        // Lines end where YAML ends them: at LF, CRLF, and a CR alone (so that the positions the
        // parser reports and the spans built from them agree).
        if lone_cr {
            line_starts.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| {
                        b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    })
                    .map(|(i, _)| i + 1),
            );
        } else {
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        }
        SourceFile {
            name: name.into(),
            text,
            content_start,
            line_starts,
            lone_cr,
        }
    }

    /// Whether the text holds a carriage return not followed by a line feed (a line break).
    pub fn has_lone_cr(&self) -> bool {
        self.lone_cr
    }

    /// The text the YAML parser sees (without a byte order mark).
    pub fn content(&self) -> &str {
        &self.text[self.content_start..]
    }

    /// The span of the first line's text (after a byte order mark): where a finding about the
    /// whole file points.
    pub fn first_line(&self) -> Span {
        Span::new(self.content_start, self.line_text(1).len())
    }

    /// The number of lines (a final line break ends the last line; it does not start another).
    pub fn line_count(&self) -> usize {
        let ends_with_break = self.text.len() > self.content_start
            && self.line_starts.last() == Some(&self.text.len());
        self.line_starts.len() - usize::from(ends_with_break)
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts[line].min(offset);
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and a 1-based character column; clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.advance_chars(start, col.saturating_sub(1))
    }

    /// The byte span of `chars` characters starting at a 1-based line and character column (how YAML
    /// parsers report positions).
    pub fn char_span(&self, line: usize, col: usize, chars: usize) -> Span {
        let start = self.offset_of(line, col);
        Span::new(start, self.advance_chars(start, chars) - start)
    }

    /// The byte offset reached by moving `chars` characters forward from `offset`.
    pub fn advance_chars(&self, offset: usize, chars: usize) -> usize {
        let rest = self.text.get(offset..).unwrap_or("");
        if rest.is_char_boundary(chars.min(rest.len()))
            && rest.as_bytes()[..chars.min(rest.len())].is_ascii()
        {
            return offset + chars.min(rest.len());
        }
        match rest.char_indices().nth(chars) {
            Some((i, _)) => offset + i,
            None => self.text.len(),
        }
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.offset..span.end()).unwrap_or("")
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if !self.lone_cr {
            return self.read_span_indexed(span, context_lines_before, context_lines_after);
        }
        // With a lone CR, miette's own scan, run from the start of the first line it can show
        // (the context lines before the span's line, and one more) instead of the text's start
        // (from there it cost findings x file size), and the line numbers shifted. The line
        // index breaks lines where miette's scan does (LF, CRLF, a lone CR), so a window starts
        // where the scan would start a line.
        let line = match self.line_starts.binary_search(&span.offset()) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        // One line more than shown: miette treats a span at offset 0 apart.
        let (window, lines_before) = match line.saturating_sub(context_lines_before + 1) {
            0 => (0, 0),
            n => (self.line_starts[n], n),
        };
        let shifted = SourceSpan::new((span.offset() - window).into(), span.len());
        let inner =
            self.text[window..].read_span(&shifted, context_lines_before, context_lines_after)?;
        let at = inner.span();
        let inner_span = SourceSpan::new((at.offset() + window).into(), at.len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            inner_span,
            inner.line() + lines_before,
            inner.column(),
            inner.line_count() + lines_before,
        )))
    }
}

impl SourceFile {
    /// What miette's scan (`context_info` for `[u8]`) finds, from the line index, for lines
    /// ended by LF or CRLF. Its scan, restated: with context lines before, the contents start
    /// at the line `before` lines above the span's (at 0 if there are fewer), column 0;
    /// without, at the span, its column the bytes from its line's start (a CR of a CRLF not
    /// counted). The line given is the span's line less `before`. The scan's positions are its
    /// bytes but a CR before an LF (read with its LF); from the first at or past the span's last
    /// byte, the line breaks after it are counted, the first closing the span's own line: the
    /// contents end after the break that makes `after` more (after every break if there are
    /// fewer), and a break counted sets the column to 0; without context lines after, they end
    /// after that first position. The line count is the number of breaks read, from the
    /// text's start. Tested against miette on
    /// every span of texts with CRLF, BOM, blank lines and no final break.
    fn read_span_indexed<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let bytes = self.text.as_bytes();
        let (offset, len) = (span.offset(), span.len());
        // Line k > 0 starts after the k-th line break (its LF).
        let starts = &self.line_starts;
        let breaks = starts.len() - 1;
        // Breaks before the span's first byte.
        let above = starts[1..].partition_point(|&s| s <= offset);
        let first_line = above.saturating_sub(before);
        let line_start = |line: usize| if line == 0 { 0 } else { starts[line] };
        let (start, column) = if before > 0 {
            (line_start(first_line), 0)
        } else {
            let crlf =
                offset > 0 && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r';
            (
                offset,
                offset - usize::from(crlf) - line_start(above).min(offset),
            )
        };
        let last = (offset + len).saturating_sub(1);
        let at_last = if bytes.get(last) == Some(&b'\r') && bytes.get(last + 1) == Some(&b'\n') {
            last + 1
        } else {
            last
        };
        let (end, read, column) = if at_last >= bytes.len() {
            (bytes.len(), breaks, column)
        } else if after == 0 {
            let read = starts[1..].partition_point(|&s| s <= at_last + 1);
            (at_last + 1, read, column)
        } else {
            // Breaks counted: LFs past `at_last` (miette also asks them to be at or past the
            // span's last byte, which they are); the (after + 1)-th ends the contents. A
            // counted break sets the column to 0.
            let first = starts[1..].partition_point(|&s| s < at_last + 2);
            let column = if first < breaks { 0 } else { column };
            match starts.get(1 + first + after) {
                Some(&s) => (s, first + after + 1, column),
                None => (bytes.len(), breaks, column),
            }
        };
        if end < last || start > end {
            return Err(MietteError::OutOfBounds);
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &bytes[start..end],
            SourceSpan::new(start.into(), end - start),
            first_line,
            column,
            read,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_where_yaml_ends_them() {
        let f = SourceFile::new("x", "a\rb\r\nc\nd");
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line_col(2), (2, 1));
        assert_eq!(f.line_col(5), (3, 1));
        assert_eq!(f.offset_of(4, 1), 7);
        assert_eq!(f.line_text(2), "b");
        assert_eq!(SourceFile::new("x", "a\n").line_count(), 1);
        assert_eq!(SourceFile::new("x", "").line_count(), 1);
    }

    #[test]
    fn snippets_read_through_the_line_index_are_miettes_own() {
        let mut texts: Vec<String> = [
            "a: b\nc: d\n\ne: f\ng: h\ni: j\n",
            "\u{feff}a: b\r\nc: Zürich\r\n\r\ne: f",
            "x\ry\nz\n",
            "",
            "one line",
            "\n\n\n",
            "\r\n\r\n",
            "a\r\n",
        ]
        .map(String::from)
        .to_vec();
        // Random texts of short lines ended by LF or CRLF, with or without a final break.
        let mut next = crate::testutil::xorshift(0x3c6e_f372_fe94_f82b_u64);
        let pieces = ["a", "bc", " ", "é", "\n", "\r\n", "\n\n", "\u{feff}"];
        for _ in 0..300 {
            texts.push((0..next(24)).map(|_| pieces[next(pieces.len())]).collect());
        }
        // And with lone carriage returns (read by miette's scan from a window).
        let pieces = ["a", "é", "\r", "\r\r", "\n", "\r\n", "\n\r", " "];
        for _ in 0..300 {
            texts.push((0..next(24)).map(|_| pieces[next(pieces.len())]).collect());
        }
        for text in &texts {
            let text = text.as_str();
            let file = SourceFile::new("f", text);
            for offset in 0..=text.len() {
                for len in [0, 1, 2, 3, 5, 9] {
                    if offset + len > text.len() {
                        continue;
                    }
                    for before in 0..4 {
                        for after in 0..3 {
                            let span = SourceSpan::new(offset.into(), len);
                            let ours = file.read_span(&span, before, after);
                            let theirs = text.read_span(&span, before, after);
                            match (ours, theirs) {
                                (Ok(a), Ok(b)) => {
                                    let at = (text, offset, len, before, after);
                                    assert_eq!(a.data(), b.data(), "{at:?}");
                                    assert_eq!(a.span(), b.span(), "{at:?}");
                                    assert_eq!(a.line(), b.line(), "{at:?}");
                                    assert_eq!(a.column(), b.column(), "{at:?}");
                                    assert_eq!(a.line_count(), b.line_count(), "{at:?}");
                                }
                                (a, b) => assert_eq!(a.is_err(), b.is_err(), "{text:?} {offset}"),
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn line_col_round_trip_with_non_ascii_and_bom() {
        let f = SourceFile::new("x", "\u{feff}a: Zürich\nb: ü-x\r\nc: d\n");
        // 'b' is on line 2, column 1.
        let b = f.text.find("b:").unwrap();
        assert_eq!(f.line_col(b), (2, 1));
        assert_eq!(f.offset_of(2, 1), b);
        // the 'x' after "ü-" is column 6 in characters but 7 bytes into the line.
        let x = f.text.find("-x").unwrap() + 1;
        assert_eq!(f.line_col(x), (2, 6));
        assert_eq!(f.offset_of(2, 6), x);
        // line 1 starts after the BOM.
        assert_eq!(f.offset_of(1, 1), 3);
        assert_eq!(f.line_text(2), "b: ü-x");
        assert_eq!(
            f.advance_chars(f.text.find('Z').unwrap(), 6),
            f.text.find('\n').unwrap()
        );
    }
}
