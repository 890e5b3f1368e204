//! A scanner for the plain block YAML that data files are written in, giving the events granit
//! gives for it in a quarter of its instructions (callgrind, `check` at 10x the kubernetes data:
//! 60 million against 250 million): block mappings with plain keys, block sequences, and plain,
//! quoted, literal and folded scalars, the empty `[]` and `{}`, comments.
//!
//! It reads nothing it is not sure of: at the first construct outside that subset (a tab, a
//! carriage return, a control or byte-order character, a flow collection with content, a quoted
//! or complex key, an anchor, alias, tag or directive, a document marker, a block scalar with an
//! indentation indicator, a more-indented folded line, an unusual escape, a doubtful indentation,
//! any YAML error) it gives up (`None`) and the events come from granit, from the start of the
//! file. Where it finishes, it has given granit's events: the same kinds, texts, styles and byte
//! spans. `model::scan_agrees` compares the two on any text; the tests run it on every fixture,
//! corpus file and robustness mutant, and `fuzz/fuzz_targets/sigs_yaml.rs` on whatever the fuzzer
//! makes.

use std::borrow::Cow;
use std::collections::VecDeque;

use granit_parser::{Event, ScalarStyle, StructureStyle};

use crate::source::Span;

/// An event with the bytes it covers in the text scanned.
pub(super) type Ev<'a> = (Event<'a>, Span);

/// Deeper than any data file; granit's own limit (65 block levels, as the event pass sets it)
/// stays out of reach.
const MAX_DEPTH: usize = 48;

#[derive(Clone, Copy)]
enum Block {
    /// A block mapping whose keys stand at this column.
    Map(usize),
    /// A block sequence whose `-` stand at this column.
    Seq(usize),
}

pub(super) struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Where reading goes on: the start of a line, or the end of the text.
    pos: usize,
    open: Vec<Block>,
    queue: VecDeque<Ev<'a>>,
    started: bool,
    done: bool,
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start, end.saturating_sub(start))
}

/// Whether `text` holds only what the scanner reads: printable characters (YAML's, less the
/// line and paragraph separators and the byte order mark), spaces and `\n`; no tab, no `\r`.
/// Runs of printable ASCII are passed 32 bytes at a time.
fn readable(text: &str) -> bool {
    let b = text.as_bytes();
    let ascii = |c: u8| c.wrapping_sub(0x20) < 0x5f || c == b'\n';
    let mut i = 0;
    while i < b.len() {
        let end = (i + 32).min(b.len());
        // Without an early exit the compiler tests the block in a few vector instructions.
        if b[i..end].iter().fold(true, |ok, &c| ok & ascii(c)) {
            i = end;
            continue;
        }
        // Character by character up to the end of the block (or just past it).
        while i < end {
            if b[i] < 0x80 {
                if !ascii(b[i]) {
                    return false;
                }
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                return false;
            };
            if matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ) {
                return false;
            }
            i += c.len_utf8();
        }
    }
    true
}

fn is_key_start(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn is_key_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'a> Scanner<'a> {
    /// A scanner of `text`, or `None` where it holds a character the scanner does not read.
    pub(super) fn new(text: &'a str) -> Option<Self> {
        readable(text).then(|| Scanner {
            text,
            b: text.as_bytes(),
            pos: 0,
            open: Vec::new(),
            queue: VecDeque::new(),
            started: false,
            done: false,
        })
    }

    /// The next event, or `None`: the text is not one the scanner reads (or the stream ended).
    pub(super) fn next(&mut self) -> Option<Ev<'a>> {
        loop {
            if let Some(ev) = self.queue.pop_front() {
                return Some(ev);
            }
            if self.done {
                return None;
            }
            if !self.started {
                self.started = true;
                self.push(Event::StreamStart, span(0, 0));
                self.push(Event::DocumentStart(false, None), span(0, 0));
                continue;
            }
            self.line()?;
        }
    }

    fn push(&mut self, event: Event<'a>, at: Span) {
        self.queue.push_back((event, at));
    }

    fn scalar(&mut self, text: Cow<'a, str>, style: ScalarStyle, start: usize, end: usize) {
        self.push(Event::Scalar(text, style, 0, None), span(start, end));
    }

    fn open(&mut self, block: Block, start: usize) -> Option<()> {
        self.open_at(block, start)
    }

    fn open_at(&mut self, block: Block, start: usize) -> Option<()> {
        (self.open.len() < MAX_DEPTH).then_some(())?;
        self.open.push(block);
        let ev = match block {
            Block::Map(_) => Event::MappingStart(StructureStyle::Block, 0, None),
            Block::Seq(_) => Event::SequenceStart(StructureStyle::Block, 0, None),
        };
        self.push(ev, span(start, start));
        Some(())
    }

    fn close(&mut self) {
        let at = span(self.pos, self.pos);
        match self.open.pop() {
            Some(Block::Map(_)) => self.push(Event::MappingEnd, at),
            Some(Block::Seq(_)) => self.push(Event::SequenceEnd, at),
            None => {}
        }
    }

    /// The end of the line that holds `i` (the `\n`, or the end of the text).
    fn line_end(&self, i: usize) -> usize {
        memchr::memchr(b'\n', &self.b[i..]).map_or(self.b.len(), |n| i + n)
    }

    /// The start of the line after the one that holds `i`.
    fn next_line(&self, i: usize) -> usize {
        (self.line_end(i) + 1).min(self.b.len())
    }

    /// The first character of the line at `from` past its indent, and the indent; `None` for a
    /// line of spaces only.
    fn first(&self, from: usize) -> Option<(usize, usize)> {
        let mut i = from;
        while self.b.get(i) == Some(&b' ') {
            i += 1;
        }
        match self.b.get(i) {
            None | Some(b'\n') => None,
            Some(_) => Some((i, i - from)),
        }
    }

    /// The next line with content from `self.pos` on, past blank and comment lines: its first
    /// character and indent (`self.pos` left at the line's start).
    fn content_line(&mut self) -> Option<(usize, usize)> {
        while self.pos < self.b.len() {
            match self.first(self.pos) {
                Some((i, _)) if self.b[i] == b'#' => {}
                Some(found) => return Some(found),
                None => {}
            }
            self.pos = self.next_line(self.pos);
        }
        None
    }

    /// Whether a block sequence entry (`-` then a space or the line's end) starts at `i`.
    fn is_dash(&self, i: usize) -> bool {
        self.b[i] == b'-' && matches!(self.b.get(i + 1), None | Some(b' ' | b'\n'))
    }

    /// Where the `:` of a plain key starting at `i` is (`None`: no such key there).
    fn key_colon(&self, i: usize) -> Option<usize> {
        is_key_start(self.b[i]).then_some(())?;
        let mut j = i + 1;
        while j < self.b.len() && is_key_char(self.b[j]) {
            j += 1;
        }
        (self.b.get(j) == Some(&b':') && matches!(self.b.get(j + 1), None | Some(b' ' | b'\n')))
            .then_some(j)
    }

    /// Reads the next line with content (and the lines its value spans).
    fn line(&mut self) -> Option<()> {
        let Some((start, indent)) = self.content_line() else {
            // The end: the root mapping must have been read.
            (!self.open.is_empty()).then_some(())?;
            while !self.open.is_empty() {
                self.close();
            }
            self.push(Event::DocumentEnd, span(self.pos, self.pos));
            self.push(Event::StreamEnd, span(self.pos, self.pos));
            self.done = true;
            return Some(());
        };
        let dash = self.is_dash(start);
        while let Some(&top) = self.open.last() {
            match top {
                Block::Map(i) if i > indent => self.close(),
                Block::Seq(i) if i > indent || (i == indent && !dash) => self.close(),
                _ => break,
            }
        }
        match self.open.last() {
            None if indent == 0 && !dash => {
                self.key_colon(start)?;
                self.open(Block::Map(0), start)?;
                self.entry(start, 0)
            }
            Some(Block::Map(i)) if *i == indent && !dash => self.entry(start, indent),
            Some(Block::Seq(i)) if *i == indent && dash => self.value(start + 1, indent, false),
            _ => None,
        }
    }

    /// A mapping entry whose key starts at `start`, at column `indent`.
    fn entry(&mut self, start: usize, indent: usize) -> Option<()> {
        let colon = self.key_colon(start)?;
        self.scalar(
            Cow::Borrowed(&self.text[start..colon]),
            ScalarStyle::Plain,
            start,
            colon,
        );
        self.value(colon + 1, indent, true)
    }

    /// The value after a key's `:` or a sequence entry's `-` at `after`; `parent` is the key's
    /// or the `-`'s column.
    fn value(&mut self, after: usize, parent: usize, in_map: bool) -> Option<()> {
        let mut p = after;
        while self.b.get(p) == Some(&b' ') {
            p += 1;
        }
        match self.b.get(p) {
            None | Some(b'\n') => return self.value_below(after, p, parent, in_map),
            Some(b'#') if p > after => return self.value_below(after, p, parent, in_map),
            _ => {}
        }
        let line_start = self.b[..p]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
        match self.b[p] {
            b'"' => self.quoted(p, parent, true),
            b'\'' => self.quoted(p, parent, false),
            b'|' | b'>' => self.block_scalar(p, parent),
            b'[' | b'{' => self.empty_flow(p),
            b'-' | b'?' | b':' if matches!(self.b.get(p + 1), None | Some(b' ' | b'\n')) => None,
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b',' | b']' | b'}' | b'#' => None,
            _ if !in_map && self.key_colon(p).is_some() => {
                let column = p - line_start;
                self.open(Block::Map(column), p)?;
                self.entry(p, column)
            }
            _ => self.plain(p, parent),
        }
    }

    /// A value on the lines below its key or `-` (or none: a null). `after` is just past the
    /// `:` or `-`, `p` past the spaces after it.
    fn value_below(&mut self, after: usize, p: usize, parent: usize, in_map: bool) -> Option<()> {
        self.pos = self.next_line(after);
        // granit puts a null at the key's `:`, or where the entry's value would start.
        let null_at = if in_map { after - 1 } else { self.line_end(p) };
        let null = |s: &mut Self| {
            s.scalar(Cow::Borrowed("~"), ScalarStyle::Plain, null_at, null_at);
            Some(())
        };
        let Some((start, indent)) = self.content_line() else {
            return null(self);
        };
        if self.is_dash(start) && (indent > parent || (in_map && indent == parent)) {
            // granit starts a sequence at its first `-`, or, where the `-` stand at the key's
            // column, at the first entry's value.
            let at = if indent == parent {
                let mut v = start + 1;
                while self.b.get(v) == Some(&b' ') {
                    v += 1;
                }
                if self.b.get(v) == Some(&b'#') {
                    self.line_end(v)
                } else {
                    v
                }
            } else {
                start
            };
            return self.open_at(Block::Seq(indent), at);
        }
        if indent > parent {
            self.key_colon(start)?;
            return self.open(Block::Map(indent), start);
        }
        null(self)
    }

    /// `[]` or `{}` alone (with a comment at most) on the rest of its line.
    fn empty_flow(&mut self, p: usize) -> Option<()> {
        let close = if self.b[p] == b'[' { b']' } else { b'}' };
        (self.b.get(p + 1) == Some(&close)).then_some(())?;
        self.rest_of_line(p + 2)?;
        let (start, end) = if close == b']' {
            (
                Event::SequenceStart(StructureStyle::Flow, 0, None),
                Event::SequenceEnd,
            )
        } else {
            (
                Event::MappingStart(StructureStyle::Flow, 0, None),
                Event::MappingEnd,
            )
        };
        self.push(start, span(p, p + 1));
        self.push(end, span(p + 1, p + 2));
        self.pos = self.next_line(p);
        Some(())
    }

    /// Past the end of a value at `i`: spaces, then the line's end or a comment.
    fn rest_of_line(&self, i: usize) -> Option<()> {
        let mut j = i;
        while self.b.get(j) == Some(&b' ') {
            j += 1;
        }
        match self.b.get(j) {
            None | Some(b'\n') => Some(()),
            Some(b'#') if j > i => Some(()),
            _ => None,
        }
    }

    /// The end of a plain scalar's text on the line from `i` (trailing spaces and a comment left
    /// out), and whether a comment ends the line; `None` where a `: ` makes it a key.
    fn plain_line(&self, i: usize) -> Option<(usize, bool)> {
        let end = self.line_end(i);
        // Only a `:` or a `#` can end the text early.
        let mut stop = end;
        let mut comment = false;
        let mut j = i;
        while let Some(k) = memchr::memchr2(b':', b'#', &self.b[j..end]) {
            let k = j + k;
            if self.b[k] == b':' {
                if k + 1 == end || self.b[k + 1] == b' ' {
                    return None;
                }
            } else if k > i && self.b[k - 1] == b' ' {
                stop = k;
                comment = true;
                break;
            }
            j = k + 1;
        }
        let mut last = stop;
        while last > i && self.b[last - 1] == b' ' {
            last -= 1;
        }
        Some((last, comment))
    }

    /// A plain scalar from `p`, continued on the lines indented past `parent`.
    fn plain(&mut self, p: usize, parent: usize) -> Option<()> {
        let (mut end, mut comment) = self.plain_line(p)?;
        let mut value = Cow::Borrowed(&self.text[p..end]);
        let mut next = self.next_line(p);
        while !comment && next < self.b.len() {
            // Blank lines, then a continuation line (or the scalar ends).
            let mut blanks = 0;
            let mut q = next;
            let found = loop {
                if q >= self.b.len() {
                    break None;
                }
                match self.first(q) {
                    Some(found) => break Some(found),
                    None => {
                        blanks += 1;
                        q = self.next_line(q);
                    }
                }
            };
            let Some((s, indent)) = found else { break };
            if indent <= parent || self.b[s] == b'#' {
                break;
            }
            if b"-?:,[]{}&*!|>'\"%@`".contains(&self.b[s]) {
                return None;
            }
            let (e, c) = self.plain_line(s)?;
            let v = value.to_mut();
            if blanks == 0 {
                v.push(' ');
            } else {
                v.extend(std::iter::repeat_n('\n', blanks));
            }
            v.push_str(&self.text[s..e]);
            end = e;
            comment = c;
            next = self.next_line(s);
        }
        self.pos = next;
        self.scalar(value, ScalarStyle::Plain, p, end);
        Some(())
    }

    /// A quoted scalar from its opening quote at `p`; its continuation lines are indented past
    /// `parent`.
    fn quoted(&mut self, p: usize, parent: usize, double: bool) -> Option<()> {
        let quote = if double { b'"' } else { b'\'' };
        let mut out: Option<String> = None;
        // Where the text not yet copied starts.
        let mut from = p + 1;
        let mut i = p + 1;
        loop {
            let c = *self.b.get(i)?;
            if c == quote {
                if !double && self.b.get(i + 1) == Some(&b'\'') {
                    let o = out.get_or_insert_with(String::new);
                    o.push_str(&self.text[from..=i]);
                    i += 2;
                    from = i;
                    continue;
                }
                break;
            }
            match c {
                b'\\' if double => {
                    let o = out.get_or_insert_with(String::new);
                    o.push_str(&self.text[from..i]);
                    let e = *self.b.get(i + 1)?;
                    i += 2;
                    let simple = match e {
                        b'0' => Some('\0'),
                        b'a' => Some('\u{7}'),
                        b'b' => Some('\u{8}'),
                        b't' => Some('\t'),
                        b'n' => Some('\n'),
                        b'v' => Some('\u{b}'),
                        b'f' => Some('\u{c}'),
                        b'r' => Some('\r'),
                        b'e' => Some('\u{1b}'),
                        b' ' => Some(' '),
                        b'"' => Some('"'),
                        b'/' => Some('/'),
                        b'\\' => Some('\\'),
                        _ => None,
                    };
                    match (simple, e) {
                        (Some(ch), _) => o.push(ch),
                        (None, b'x' | b'u' | b'U') => {
                            let n = match e {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            };
                            let hex = self.text.get(i..i + n)?;
                            hex.bytes().all(|h| h.is_ascii_hexdigit()).then_some(())?;
                            o.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            i += n;
                        }
                        (None, b'\n') => {
                            // An escaped line break: the break and the next line's indent go.
                            let (s, blanks) = self.continuation(i, parent, 0)?;
                            o.extend(std::iter::repeat_n('\n', blanks));
                            i = s;
                        }
                        _ => return None,
                    }
                    from = i;
                }
                b'\n' => {
                    let o = out.get_or_insert_with(String::new);
                    // Spaces before the break go, unless escaped (then copied already).
                    let mut keep = i;
                    while keep > from && self.b[keep - 1] == b' ' {
                        keep -= 1;
                    }
                    o.push_str(&self.text[from..keep]);
                    let (s, blanks) = self.continuation(i + 1, parent, 0)?;
                    if blanks == 0 {
                        o.push(' ');
                    } else {
                        o.extend(std::iter::repeat_n('\n', blanks));
                    }
                    i = s;
                    from = i;
                }
                _ => i += 1,
            }
        }
        let value = match out {
            Some(mut o) => {
                o.push_str(&self.text[from..i]);
                Cow::Owned(o)
            }
            None => Cow::Borrowed(&self.text[from..i]),
        };
        self.rest_of_line(i + 1)?;
        self.pos = self.next_line(i);
        let style = if double {
            ScalarStyle::DoubleQuoted
        } else {
            ScalarStyle::SingleQuoted
        };
        self.scalar(value, style, p, i + 1);
        Some(())
    }

    /// The next line of a quoted scalar from the line start `q`: past blank lines, the first
    /// character of a line indented past `parent` (that is not a document marker), and how many
    /// blank lines came before it.
    fn continuation(
        &self,
        mut q: usize,
        parent: usize,
        mut blanks: usize,
    ) -> Option<(usize, usize)> {
        loop {
            (q < self.b.len()).then_some(())?;
            match self.first(q) {
                Some((s, indent)) => {
                    (indent > parent).then_some(())?;
                    return Some((s, blanks));
                }
                None => {
                    blanks += 1;
                    q = self.next_line(q);
                }
            }
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar whose header starts at `p`, its content
    /// indented past `parent`.
    fn block_scalar(&mut self, p: usize, parent: usize) -> Option<()> {
        let literal = self.b[p] == b'|';
        let mut i = p + 1;
        // '-' strip, '+' keep, none clip.
        let chomp = match self.b.get(i) {
            Some(&c @ (b'-' | b'+')) => {
                i += 1;
                c
            }
            _ => b' ',
        };
        if self.b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        self.rest_of_line(i)?;
        let header_end = self.line_end(i);
        // The content lines: their start (past the content indent) and end.
        let mut lines: Vec<(usize, usize)> = Vec::new();
        // Blank lines before each content line, and after the last.
        let mut gaps: Vec<usize> = Vec::new();
        let mut blanks = 0;
        let mut indent = None;
        let mut q = (header_end + 1).min(self.b.len());
        while q < self.b.len() {
            let e = self.line_end(q);
            match self.first(q) {
                None => {
                    // Spaces only: past the content indent they would be content.
                    let spaces = e - q;
                    if spaces > indent.unwrap_or(parent + 1) {
                        return None;
                    }
                    blanks += 1;
                }
                Some((_, n)) => {
                    let ci = *indent.get_or_insert(n);
                    if n < ci || ci <= parent {
                        // The block ends; the line after it belongs to a parent.
                        if n > parent {
                            return None;
                        }
                        break;
                    }
                    if !literal && n > ci {
                        return None;
                    }
                    gaps.push(blanks);
                    blanks = 0;
                    lines.push((q + ci, e));
                }
            }
            // A block whose last line has no `\n` is left to granit.
            if e == self.b.len() {
                return None;
            }
            q = e + 1;
        }
        if q >= self.b.len() && self.b.last() != Some(&b'\n') {
            return None;
        }
        // granit's span of an empty block at the end differs; left to it.
        if lines.is_empty() && (chomp == b'+' || q >= self.b.len()) {
            return None;
        }
        let mut value = String::new();
        for (k, &(s, e)) in lines.iter().enumerate() {
            if k == 0 {
                value.extend(std::iter::repeat_n('\n', gaps[0]));
            } else {
                let n = gaps[k];
                if literal {
                    value.extend(std::iter::repeat_n('\n', n + 1));
                } else if n == 0 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', n));
                }
            }
            value.push_str(&self.text[s..e]);
        }
        if !lines.is_empty() {
            match chomp {
                b'-' => {}
                b'+' => value.extend(std::iter::repeat_n('\n', blanks + 1)),
                _ => value.push('\n'),
            }
        }
        self.pos = q.min(self.b.len());
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        // granit's span: from the first content character to the first character of the line
        // after the block (or the text's end).
        let after = self.first(self.pos).map_or(self.pos, |(s, _)| s);
        let first = lines.first().map_or(after, |&(s, _)| s);
        self.scalar(Cow::Owned(value), style, first, after);
        Some(())
    }
}

/// Whether the scanner reads `text` (`Ok(true)`), gives up (`Ok(false)`), or gives other events
/// than granit (`Err`, where they part): for tests and the fuzzer.
pub(super) fn agrees(text: &str) -> Result<bool, String> {
    let Some(mut scanner) = Scanner::new(text) else {
        return Ok(false);
    };
    let mut ours = Vec::new();
    loop {
        let Some(ev) = scanner.next() else {
            return Ok(false);
        };
        let end = matches!(ev.0, Event::StreamEnd);
        ours.push(ev);
        if end {
            break;
        }
    }
    let mut parser = super::events::granit(text);
    for (k, (event, at)) in ours.into_iter().enumerate() {
        let (theirs, their_at) = match parser.next_event() {
            Some(Ok(ev)) => ev,
            Some(Err(e)) => return Err(format!("event {k}: granit: {e}; scanner: {event:?}")),
            None => return Err(format!("event {k}: granit ended; scanner: {event:?}")),
        };
        let ours = (Some(at.offset), Some(at.offset + at.len));
        let their = (their_at.start.byte_offset(), their_at.end.byte_offset());
        let same_span = match event {
            Event::Scalar(..) => ours == their,
            Event::MappingStart(..) | Event::SequenceStart(..) => ours.0 == their.0,
            _ => true,
        };
        if event != theirs || !same_span {
            return Err(format!(
                "event {k}: scanner {event:?} at {ours:?}, granit {theirs:?} at {their:?}"
            ));
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::agrees;

    fn read(text: &str) {
        match agrees(text) {
            Ok(true) => {}
            Ok(false) => panic!("the scanner gave up on {text:?}"),
            Err(e) => panic!("the scanner and granit disagree on {text:?}: {e}"),
        }
    }

    /// The block-wise test of the characters the scanner reads is the character-wise one.
    #[test]
    fn readable_is_the_character_test() {
        let by_char = |t: &str| {
            t.chars().all(|c| match c {
                ' '..='~' | '\n' => true,
                '\u{0}'..='\u{9f}' => false,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => false,
                _ => true,
            })
        };
        let specials = [
            'a',
            ' ',
            '\n',
            '\t',
            '\r',
            '\u{0}',
            '\u{1f}',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9f}',
            '\u{a0}',
            'é',
            '漢',
            '😀',
            '\u{2028}',
            '\u{2029}',
            '\u{feff}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fffd}',
            '\u{10ffff}',
        ];
        let mut state = 7u64;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 58) as usize + 1;
            let mut t: String = "x".repeat(((state >> 40) % 70) as usize);
            for k in 0..len {
                let pick = ((state >> (k % 40)) as usize).wrapping_add(k * 7) % specials.len();
                t.push(specials[pick]);
                t.push_str(&"y".repeat(((state >> 20) as usize + k) % 40));
            }
            assert_eq!(super::readable(&t), by_char(&t), "{t:?}");
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let t = format!("{}{c}", "z".repeat(30));
            assert_eq!(super::readable(&t), by_char(&t), "{c:?}");
        }
    }

    /// What data files are written in: read, with granit's events (texts, styles, spans).
    #[test]
    fn reads_block_yaml_as_granit_does() {
        for text in [
            "a: b\n",
            "a: b",
            "a:",
            "a:\n",
            "a: ~\n",
            "a: b\n\n\nc:\n",
            "a: x # c\n# full\nb: y\n",
            "# first\n\na: b # c\n",
            "a:\n  b:\n    c: d\n",
            "a:\n  b:\n  c: d\n",
            "a:\n  b:   # c\n  c: d\n",
            // block sequences, indented and not, with nulls and comments
            "a:\n- x\n- \n-\n- y\nb: c\n",
            "a:\n- x",
            "a:\n-\n",
            "a:\n-   \n- x\n",
            "a:\n- # c\n- x\n",
            "a:\n- # c\n",
            "a:\n  -\n",
            "a:\n  -   # c\n",
            "a:\n  - x\n  - y: 1\n    z: 2\n",
            "a:\n- b: c\n",
            "a:\n-\n  b: c\n",
            "a:\n- b:\n  c: d\n",
            "a:\n- b\nc: d\n",
            "a:\n  - b:\n    - c\n    - d: e\n      f:\n      - g\n  - h\n",
            "a: []\nb: {}\n",
            "a: [] # c\n",
            // plain scalars
            "a: -1\nb: ?x\nc: :x\nd: x:y\ne: a,b]\nf: a#b\n",
            "a: plain\n  cont\n\n  more\nb: 1\n",
            "a: x\n  # c\n",
            "a: x\n\n",
            "a:\n  b: x\n   y\n",
            "a:\n- x\n y\n",
            "a:\n- x\n  y\n",
            "a:\n  - b: x\n     y\n",
            "a: Zoë Ünal 漢字 😀\n",
            // quoted scalars
            "a: 'x''y'\nb: \"q\\tz\"\n",
            "a: \"x\"",
            "a: \"x\\u00e9\\x41\\U0001F600\\\\\\\"\\/\\0\\ \"\n",
            "a: \"q\n  r\"\n",
            "a: 'q\n\n  r'\n",
            "a: \"esc\\\n  aped\"\n",
            "a: \"a \\ \n  b\"\n",
            "a: 'a  \n   b  '\n",
            "a: \"a\n\n\n  b\"\n",
            "a: \"a\n b\"\n",
            "a:\n  - \"x\n   y\"\n",
            "a: '' # c\n",
            // block scalars
            "a: |\n  one\n  two\n\nb: >\n  f1\n  f2\n\n  f3\n\n",
            "a: |-\n  x\n",
            "a: |+\n  x\n\n",
            "a: |\nb: c\n",
            "a: |\n\nb: c\n",
            "a: |\n\n  x\n",
            "a: >\n\n  x\n  y\n",
            "a: >\n  x\n\n\n  y\n",
            "a: >-\n  x\n\n\n  y\n\n",
            "a: |+\n  x\n\n\n  y\n\n",
            "a:\n  b: |\n    x\n  # c\n  d: e\n",
            "a:\n  b: |\n\n  d: e\n",
            "a:\n  b: |\n    x\n\n\n",
            "a:\n  b: >+\n    x\n\n\n  c: d\n",
            "a: |\n  x\n   y\n  z\n",
            "a: |\n  x\n  # y\n",
            "a: |\n  x\n  \n  y\n",
            "a: >\n  x\n  \n  y\n",
            "a: | # c\n  x\n",
            "a:\n- |\n  x\n- >-\n  y\n",
        ] {
            read(text);
        }
    }

    /// Outside the subset: left to granit (which reads some of these, and refuses others).
    #[test]
    fn gives_up_outside_the_subset() {
        for text in [
            "",
            "# only a comment\n",
            "- a\n",
            "  a: b\n",
            "a: b\n---\na: c\n",
            "---\na: b\n",
            "%YAML 1.2\n---\na: b\n",
            "a:\tb\n",
            "a: b\r\n",
            "\u{feff}a: b\n",
            "a: \u{1}\n",
            "a: \u{85}\n",
            "a: b\u{2028}c\n",
            "\"a\": b\n",
            "'a': b\n",
            "? a\n: b\n",
            "<<: {a: b}\n",
            "a: [b]\n",
            "a: {b: c}\n",
            "a: &x b\n",
            "a: *x\n",
            "a: !!str b\n",
            "a: @b\n",
            "a: b: c\n",
            "a: b:\n",
            "a: - b\n",
            "a:\n- - x\n",
            "a:\n  b\n",
            "a: x\n  # c\n  y\n",
            "a:\n  b: x\n  y\n",
            "a:\n  - b: x\n    y\n",
            "a: x\n  - y\n",
            "a: \"x\\N\"\n",
            "a: \"x\\ud800\"\n",
            "a: \"x\n",
            "a: \"x\" y\n",
            "a:\n  b: \"a\n  b\"\n",
            "a:\n  - \"x\n  y\"\n",
            "a: |2\n  x\n",
            "a: |\n  x",
            "a: |\n   \n  x\n",
            "a: |\n  x\n    \n  y\n",
            "a: |\n  x\n # c\n",
            "a: >\n  x\n   y\n",
            "a: |+\n\n",
            "a: b\n c: d\n",
            "a: 'x'y\n",
            "a: >\n",
            "a: |\n\n",
        ] {
            assert_eq!(agrees(text), Ok(false), "{text:?}");
        }
        let deep = (0..60).fold(String::new(), |mut s, i| {
            s.push_str(&" ".repeat(i));
            s.push_str("a:\n");
            s
        });
        assert_eq!(agrees(&deep), Ok(false));
    }

    fn granit_refuses(text: &str) -> bool {
        let mut parser = crate::model::events::granit(text);
        std::iter::from_fn(|| parser.next_event()).any(|e| e.is_err())
    }

    /// Every sound data file of the fixtures and corpora is read by the scanner (the speed of
    /// `check` depends on it), with granit's events.
    #[test]
    fn fixtures_and_corpora_are_read() {
        let dirs = crate::testutil::data_dirs();
        let mut read = 0;
        for dir in dirs {
            for name in ["sigs.yaml", "wgs.yaml"] {
                let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
                    continue;
                };
                let path = dir.join(name);
                match agrees(&text) {
                    Ok(true) => read += 1,
                    Ok(false) => assert!(
                        text.contains(['\r', '[', '&', '{', '\u{feff}'])
                            || text.trim().is_empty()
                            || text.starts_with('-')
                            || granit_refuses(&text),
                        "{}: left to granit",
                        path.display()
                    ),
                    Err(e) => panic!("{}: {e}", path.display()),
                }
            }
        }
        assert!(read >= 30, "{read}");
    }

    /// Edits of every kind YAML cares about, anywhere in real files: the scanner reads the
    /// result as granit does, or gives up.
    #[test]
    fn mutants_are_read_as_granit_reads_them_or_left_to_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = vec![
            std::fs::read_to_string(root.join("fixtures/k8s-style/sigs.yaml")).expect("fixture"),
        ];
        for slice in ["kubernetes-community-2019-05-03", "kubernetes-community"] {
            let path = root.join("../shared/corpus").join(slice).join("sigs.yaml");
            match std::fs::read_to_string(&path) {
                Ok(t) => texts.push(t),
                Err(_) => eprintln!(
                    "\n!!!!!!!! NOTICE: {} is absent: its mutants SKIPPED !!!!!!!!\n",
                    path.display()
                ),
            }
        }
        const EDITS: &[&str] = &[
            " ", "  ", "\n", "\n\n", ":", ": ", "- ", "-", "#", " #", "'", "\"", "''", "\\",
            "\\\n", "|", ">", "|-", ">+", "[]", "{}", "~", "a: b\n", "\n  ", "\n- ", "é",
            "\\u00e9",
        ];
        let mut rand = crate::testutil::xorshift(0x2545_f491_4f6c_dd1du64);
        let (mut taken, mut total) = (0, 0);
        for text in &texts {
            // Mutants of a list entry and what it holds (at most 60 lines), as the value of `x`,
            // to keep each check short.
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
            let entries: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with("- "))
                .collect();
            for _ in 0..3000 {
                let from = entries[rand(entries.len())];
                let n = indent(lines[from]);
                let mut t = String::from("x:\n");
                t.push_str(lines[from]);
                for l in lines[from + 1..].iter().take(59) {
                    let i = indent(l);
                    let dash = l.trim_start().starts_with('-');
                    if !l.trim().is_empty() && (i < n || (i == n && !dash)) {
                        break;
                    }
                    t.push_str(l);
                }
                for _ in 0..1 + rand(3) {
                    let mut at = rand(t.len() + 1);
                    while !t.is_char_boundary(at) {
                        at -= 1;
                    }
                    match rand(3) {
                        0 => t.insert_str(at, EDITS[rand(EDITS.len())]),
                        1 => {
                            let mut end = (at + 1 + rand(3)).min(t.len());
                            while !t.is_char_boundary(end) {
                                end += 1;
                            }
                            t.replace_range(at..end, "");
                        }
                        _ => {
                            let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
                            t.insert_str(start, &" ".repeat(1 + rand(4)));
                        }
                    }
                }
                total += 1;
                match agrees(&t) {
                    Ok(true) => taken += 1,
                    Ok(false) => {}
                    Err(e) => panic!("the scanner and granit disagree on {t:?}: {e}"),
                }
            }
        }
        // The mutants exercise the scanner, not only its giving up.
        assert!(taken * 4 > total, "{taken} of {total} read");
    }
}
