//! The fast typed pass: the model built straight from the YAML parser's events (granit-parser,
//! the parser under serde-saphyr), without serde's layer. The events come from `scan` (a scanner
//! of plain block YAML that gives granit's events in a quarter of its instructions) where it
//! reads the file, from granit where it gives up.
//!
//! It handles the plain shape of a sound sigs.yaml and nothing else: one document whose root is
//! a mapping, declared keys each at most once, scalars without tags, anchors or aliases, records
//! and lists where the declaration has them. On anything else — a syntax error, an unknown or
//! repeated key, a value of the wrong shape, a tag, an anchor, a second document, a size near
//! serde-saphyr's budgets — it gives up (`None`) and the serde-saphyr pass decides, with its
//! errors. Where it succeeds it builds exactly the model that pass builds: the same strings, nulls
//! and spans (each span is resolved as serde-saphyr's `Spanned` location is: the event's line,
//! column and length in characters through the file's line index). `tests/robustness.rs` and the
//! unit tests below compare the two on every fixture, corpus file and mutant.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, StrInput};

use super::schema::Declared;
use super::{List, Str};
use crate::source::{SourceFile, Span};

/// Gives up before serde-saphyr's budgets could matter (its limits: 50 million events, 20 million
/// nodes, 64 MiB of scalar text; see `tree::parse_options`).
const MAX_EVENTS: usize = 10_000_000;
const MAX_SCALAR_BYTES: usize = 32 << 20;

/// Where the events come from: the fast scanner, or granit.
enum Source<'a> {
    Fast(super::scan::Scanner<'a>),
    Granit(Box<Parser<'a, StrInput<'a>>>),
}

/// The options serde-saphyr parses with (its budget's `parser_options`, depth limit 64).
fn granit_options() -> granit_parser::Options {
    let mut options = granit_parser::Options::default();
    options.block_nesting_limit = options.block_nesting_limit.max(65);
    options.simple_key_max_lookahead = 1024;
    options.flow_nesting_limit = 255;
    options.emit_comments = false;
    options
}

/// granit's events for `text`, as the event pass reads them.
pub(super) fn granit(text: &str) -> Parser<'_, StrInput<'_>> {
    Parser::with_options(StrInput::new(text), granit_options())
}

/// Reads the events of one file.
pub(super) struct Reader<'a> {
    source: Source<'a>,
    /// The fast scanner gave up (the file is read again with granit).
    scanner_gave_up: bool,
    file: &'a SourceFile,
    events: usize,
    scalar_bytes: usize,
    /// Skip keys the declaration does not have, with their values (yaml.v2's non-strict decode).
    skip_unknown: bool,
    /// Groups read so far, and where the first one past [`super::load::MAX_GROUPS`] starts
    /// (reading stops there: a million groups fit in the data file's cap and cost a gigabyte).
    groups: usize,
    too_many: Option<Span>,
}

/// An event with the bytes it covers in the file (`Spanned`'s span, see [`Reader::next`]).
type Ev<'a> = (Event<'a>, Span);

impl<'a> Reader<'a> {
    /// A reader through the fast scanner (`None` where it refuses the text at once), or granit.
    fn new(file: &'a SourceFile, skip_unknown: bool, fast: bool) -> Option<Self> {
        let source = if fast {
            Source::Fast(super::scan::Scanner::new(file.content())?)
        } else {
            Source::Granit(Box::new(granit(file.content())))
        };
        Some(Reader {
            source,
            scanner_gave_up: false,
            file,
            events: 0,
            scalar_bytes: 0,
            skip_unknown,
            groups: 0,
            too_many: None,
        })
    }

    /// Reads past one value (a scalar, or a collection with everything in it).
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.next()?.0 {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => depth = depth.checked_sub(1)?,
                Event::Scalar(..) => {}
                _ => return None,
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// The next event, or `None` (give up) on an error, a tag, an anchor or an alias.
    fn next(&mut self) -> Option<Ev<'a>> {
        let (event, span) = match &mut self.source {
            Source::Fast(scanner) => {
                let next = scanner.next();
                self.scanner_gave_up = next.is_none();
                let (event, at) = next?;
                let base = self.file.content_start;
                (event, Span::new(base + at.offset, at.len))
            }
            Source::Granit(parser) => {
                let (event, at) = parser.next_event()?.ok()?;
                (event, self.span(&at))
            }
        };
        self.events += 1;
        if self.events > MAX_EVENTS {
            return None;
        }
        match &event {
            Event::Scalar(text, _, anchor, tag) => {
                self.scalar_bytes += text.len();
                (*anchor == 0 && tag.is_none() && self.scalar_bytes <= MAX_SCALAR_BYTES)
                    .then_some((event, span))
            }
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                (*anchor == 0 && tag.is_none()).then_some((event, span))
            }
            Event::SequenceEnd | Event::MappingEnd => Some((event, span)),
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(..) => Some((event, span)),
            Event::DocumentEnd => Some((event, span)),
            _ => None,
        }
    }

    /// Where serde-saphyr's `Spanned` puts a value: its characters from the first one (a
    /// collection's start alone is used, see [`start`]). The parser's byte offsets give it
    /// directly; its line and column where it has none.
    fn span(&self, at: &granit_parser::Span) -> Span {
        let base = self.file.content_start;
        match (at.start.byte_offset(), at.end.byte_offset()) {
            (Some(start), Some(end)) if end >= start => Span::new(base + start, end - start),
            _ => self
                .file
                .char_span(at.start.line(), at.start.col() + 1, at.len()),
        }
    }

    /// A string value (a null is `None`).
    fn scalar(&self, text: Cow<'a, str>, style: ScalarStyle, at: Span) -> Option<Str> {
        (!is_null(&text, style)).then(|| Str {
            value: text.into(),
            span: at,
        })
    }
}

/// YAML's null as serde-saphyr reads it: a plain empty, `~`, `null`, `Null` or `NULL`.
fn is_null(text: &str, style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain && matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Where `Spanned` puts a collection: its first character, no length.
fn start(at: Span) -> Span {
    Span::new(at.offset, 0)
}

/// A record of the model, read from its mapping's events.
pub(super) trait Record: Default + Declared {
    /// Reads the value of `key` (a declared key) into its field.
    fn field(&mut self, key: &str, r: &mut Reader<'_>) -> Option<()>;
    fn set_start(&mut self, at: Span);
}

/// Reads a record's entries up to its `MappingEnd`; `None` on an unknown or repeated key.
fn record<T: Record>(r: &mut Reader<'_>, at: Span) -> Option<T> {
    if std::ptr::eq(T::RECORD, super::Group::RECORD) {
        r.groups += 1;
        if r.groups > super::load::MAX_GROUPS {
            r.too_many = Some(start(at));
            return None;
        }
    }
    let mut out = T::default();
    out.set_start(start(at));
    let keys = T::RECORD.fields;
    let mut seen = 0u64;
    loop {
        match r.next()? {
            (Event::MappingEnd, _) => return Some(out),
            (Event::Scalar(key, _, _, _), _) => {
                let Some(i) = keys.iter().position(|(k, _)| *k == key) else {
                    r.skip_unknown.then_some(())?;
                    r.skip_value()?;
                    continue;
                };
                if seen & (1 << i) != 0 {
                    return None;
                }
                seen |= 1 << i;
                out.field(&key, r)?;
            }
            _ => return None,
        }
    }
}

/// How a declared field's value is read.
pub(super) trait Field: Sized {
    fn read(r: &mut Reader<'_>) -> Option<Self>;
}

impl Field for Option<Str> {
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        match r.next()? {
            (Event::Scalar(text, style, _, _), at) => Some(r.scalar(text, style, at)),
            _ => None,
        }
    }
}

impl<T: Record> Field for Option<T> {
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        match r.next()? {
            (Event::Scalar(text, style, _, _), _) if is_null(&text, style) => Some(None),
            (Event::MappingStart(..), at) => record(r, at).map(Some),
            _ => None,
        }
    }
}

/// An element of a list: a string (a null is the empty string) or a record.
pub(super) trait Element: Sized {
    fn element(ev: Ev<'_>, r: &mut Reader<'_>) -> Option<Self>;
}

impl Element for Str {
    fn element((event, at): Ev<'_>, r: &mut Reader<'_>) -> Option<Self> {
        match event {
            Event::Scalar(text, style, _, _) => Some(r.scalar(text, style, at).unwrap_or(Str {
                value: "".into(),
                span: at,
            })),
            _ => None,
        }
    }
}

impl<T: Record> Element for T {
    fn element((event, at): Ev<'_>, r: &mut Reader<'_>) -> Option<Self> {
        match event {
            Event::MappingStart(..) => record(r, at),
            _ => None,
        }
    }
}

impl<T: Element> Field for List<T> {
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        match r.next()? {
            (Event::Scalar(text, style, _, _), _) if is_null(&text, style) => Some(List::default()),
            (Event::SequenceStart(..), at) => {
                let mut items = Vec::new();
                loop {
                    match r.next()? {
                        (Event::SequenceEnd, _) => break,
                        ev => items.push(T::element(ev, r)?),
                    }
                }
                // A list is read once and kept: without the spare room pushing left.
                items.shrink_to_fit();
                Some(List {
                    at: Some(start(at)),
                    items,
                })
            }
            _ => None,
        }
    }
}

/// Reads a declared field (what the generated [`Record::field`] calls).
pub(super) fn read<T: Field>(slot: &mut T, r: &mut Reader<'_>) -> Option<()> {
    *slot = T::read(r)?;
    Some(())
}

/// The model of `file`, or `None` where the serde-saphyr pass must decide (see the module doc).
/// With `skip_unknown`, keys the declaration does not have are passed over with their values.
pub(super) fn load(file: &SourceFile, skip_unknown: bool) -> Option<super::SigsYaml> {
    match load_outcome(file, skip_unknown) {
        Outcome::Model(m) => Some(*m),
        _ => None,
    }
}

/// What the event pass makes of a file.
pub(super) enum Outcome {
    Model(Box<super::SigsYaml>),
    /// More groups than [`super::load::MAX_GROUPS`]: where the first one past it starts.
    TooManyGroups(Span),
    /// The serde-saphyr pass decides.
    GiveUp,
}

/// [`load`], telling a file of too many groups from one the serde-saphyr pass must decide.
pub(super) fn load_outcome(file: &SourceFile, skip_unknown: bool) -> Outcome {
    if let Some(mut fast) = Reader::new(file, skip_unknown, true) {
        match (load_from(&mut fast), fast.too_many) {
            (Some(model), _) => return Outcome::Model(Box::new(model)),
            (None, Some(at)) => return Outcome::TooManyGroups(at),
            // The events were granit's: it would give up alike.
            (None, None) if !fast.scanner_gave_up => return Outcome::GiveUp,
            (None, None) => {}
        }
    }
    let Some(mut slow) = Reader::new(file, skip_unknown, false) else {
        return Outcome::GiveUp;
    };
    match (load_from(&mut slow), slow.too_many) {
        (Some(model), _) => Outcome::Model(Box::new(model)),
        (None, Some(at)) => Outcome::TooManyGroups(at),
        (None, None) => Outcome::GiveUp,
    }
}

fn load_from(r: &mut Reader<'_>) -> Option<super::SigsYaml> {
    let r = &mut *r;
    matches!(r.next()?, (Event::StreamStart, _)).then_some(())?;
    matches!(r.next()?, (Event::DocumentStart(..), _)).then_some(())?;
    let model = match r.next()? {
        (Event::MappingStart(..), at) => {
            // The top level is not read through `Spanned`: its start stays at 0.
            let mut m: super::SigsYaml = record(r, at)?;
            m.span = Span::default();
            m
        }
        _ => return None,
    };
    matches!(r.next()?, (Event::DocumentEnd, _)).then_some(())?;
    matches!(r.next()?, (Event::StreamEnd, _)).then_some(model)
}

#[cfg(test)]
mod tests {
    use crate::model::typed_passes_agree;
    use crate::source::SourceFile;

    fn agree(text: &str) -> bool {
        match typed_passes_agree(&SourceFile::new("sigs.yaml", text)) {
            Ok(taken) => taken,
            Err(e) => panic!("the typed passes disagree on {text:?}:\n{e}"),
        }
    }

    const PERSON: &str =
        "sigs:\n- dir: sig-a\n  leadership:\n    chairs:\n    - github: x\n      name: ";

    #[test]
    fn plain_files_are_built_as_serde_saphyr_builds_them() {
        for value in [
            "~",
            "",
            "null",
            "Null",
            "NULL",
            "nul",
            "\"\"",
            "''",
            "\"~\"",
            "'null'",
            "123",
            "0x10",
            "true",
            "no",
            ".inf",
            "-.NaN",
            "1e3",
            "2024-01-01",
            "${HOME}",
            "a # comment",
            "\"a\\tb\\u00e9\"",
            "'it''s'",
            "Zoë Ünal 漢字 😀",
            "|\n        two\n        lines\n",
            ">-\n        folded\n        text\n",
            "|+\n        kept\n\n",
            "plain\n        continued",
            "\"quoted\n        folded\"",
        ] {
            let text = format!("{PERSON}{value}\n");
            assert!(agree(&text), "left to serde-saphyr: {text:?}");
        }
        for text in [
            "sigs:\n",
            "sigs: ~\nworkinggroups: []\nusergroups:\ncommittees: null\n",
            "sigs: [{dir: a, name: b, stakeholder_sigs: [~, '', x, \"\"]}]\n",
            "sigs:\n  - dir: a\n    subprojects:\n      - name: s\n        owners:\n          -\n          - https://x\n",
            "---\nsigs: []\n...\n",
            "\u{feff}sigs:\n- name: a\n",
            "sigs:\r\n- name: a\r\n  label: b\r\n",
            "sigs:\r- name: a\r  label: b\r",
            "sigs:\n\t\n- name: a\n",
            "gb_rep: {github: a, name: b}\n",
            "gb_rep:\n",
            "\"sigs\":\n- 'name': a\n  \"dir\": b\n",
            "# only a comment\nsigs: [] # and another\n",
            "sigs:\n- contact:\n    discord: {name: a, url: https://d}\n    teams: [{name: t}]\n    liaison: ~\n",
        ] {
            assert!(agree(text), "left to serde-saphyr: {text:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_serde_saphyr() {
        for text in [
            "",
            "# nothing\n",
            "~\n",
            "[]\n",
            "sigs: [a]\n",
            "sigs:\n- name: !!str a\n",
            "sigs:\n- name: &n a\n  dir: *n\n",
            "sigs:\n- name: a\n  name: b\n",
            "sigs:\n- nmae: a\n",
            "sigs:\n- name: [a]\n",
            "sigs:\n- leadership: a\n",
            "sigs: []\n---\nsigs: []\n",
            "sigs: [\n",
            "? [a]\n: b\n",
            "sigs:\n- <<: {name: a}\n",
            "sigs:\n- {name: {value: a}}\n",
            "sigs:\n- {name: {}}\n",
            "sigs:\n- {name: []}\n",
        ] {
            assert!(!agree(text), "taken by the event pass: {text:?}");
        }
    }

    /// Every fixture's data file, and the corpus's where it is present, is taken by the event pass
    /// (and built alike): the speed of `check` depends on it.
    #[test]
    fn fixtures_and_corpora_take_the_event_pass() {
        let mut taken = 0;
        let dirs = crate::testutil::data_dirs();
        for dir in dirs {
            for name in ["sigs.yaml", "wgs.yaml"] {
                let Ok(bytes) = std::fs::read(dir.join(name)) else {
                    continue;
                };
                let (file, bad) = crate::model::load_file(name, bytes);
                let sound = bad.is_empty() && crate::model::validate(&file).is_empty();
                let text = &file.text;
                match typed_passes_agree(&file) {
                    Ok(true) => taken += 1,
                    Ok(false) => assert!(
                        !sound || text.contains('&') || text.contains('!'),
                        "{}: a sound file left to serde-saphyr",
                        dir.join(name).display()
                    ),
                    Err(e) => panic!("{}: {e}", dir.join(name).display()),
                }
            }
        }
        assert!(taken >= 10, "{taken}");
    }
}
