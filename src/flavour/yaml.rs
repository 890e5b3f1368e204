//! The data file as the flavour's generator re-emits it (GENERATOR-API.md section 8): the sorted,
//! completed `Context` encoded by gopkg.in/yaml.v3 with indent 2. Our own emitter, built for this
//! schema: block mappings in struct field order, `omitempty` fields dropped when zero (a struct
//! when all its fields are), empty lists and structs as `[]` / `{}`, `FoldedString` in folded
//! block style, other multi-line strings in literal style, and yaml.v3's choice of plain, single-
//! or double-quoted scalars (a string that would resolve to another type is double-quoted;
//! libyaml's scalar analysis decides when plain or single quotes are not allowed). The layouts:
//! the 2019 and 2020 snapshots write list items at their key's indentation and fold plain, quoted
//! and folded scalars at spaces past column 80; v3.0.1 indents list items and never folds.
//!
//! Facts were established from the fact sheet, the committed data files of the corpus (fixed
//! points of their generators) and, for v3.0.1, the generators themselves (the differential test
//! in `tests/generator_oracle.rs`).

use super::types::{FieldDecl, TypeTree};
use super::{Flavour, YamlEmitter};
use crate::model::SigsYaml;
use crate::template::Value;
use crate::template::value::{Struct, StructType};

/// A value as the encoder sees it (a struct's entries are found as they are written).
enum Node<'v> {
    Str(&'v str),
    Folded(&'v str),
    /// A struct's fields; `None` for an empty map or a nil pointer.
    Map(Option<&'v Struct>),
    Seq(&'v [Value]),
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::Str(s) | Value::Named(_, s) => s.is_empty(),
        Value::List(l, _) => l.is_empty(),
        Value::Map(m, _) => m.is_empty(),
        Value::Ptr(_, p) => p.is_none(),
        Value::Struct(s, _) => s.fields.iter().all(is_zero),
        Value::Bool(b) => !b,
        Value::Int(i) => *i == 0,
        Value::Uint(u) => *u == 0,
        Value::Float(f) => *f == 0.0,
        Value::Invalid | Value::Nil => true,
    }
}

fn node(v: &Value) -> Node<'_> {
    match v {
        Value::Named(t, s) if t.name == "main.FoldedString" => Node::Folded(s),
        Value::Str(s) | Value::Named(_, s) => Node::Str(s),
        Value::List(l, _) => Node::Seq(l),
        Value::Struct(s, _) | Value::Ptr(_, Some(s)) => Node::Map(Some(s)),
        Value::Map(..) | Value::Ptr(_, None) | Value::Invalid | Value::Nil => Node::Map(None),
        // The generator's data holds no numbers or booleans.
        Value::Bool(true) => Node::Str("true"),
        Value::Bool(false) => Node::Str("false"),
        Value::Int(_) | Value::Uint(_) | Value::Float(_) => Node::Str(""),
    }
}

/// The entries a struct is written with: its fields that have a key and are not omitted as
/// empty, in declaration order.
fn entries<'v>(
    fields: &'v [FieldDecl],
    s: &'v Struct,
) -> impl Iterator<Item = (&'v str, &'v Value)> + 'v {
    fields
        .iter()
        .zip(&s.fields)
        .filter(|(f, value)| f.key != "-" && !(f.omitempty && is_zero(value)))
        .map(|(f, value)| (f.key.as_str(), value))
}

/// The data file as the flavour's generator writes it, or `None` for generators that never
/// rewrite it (before K20).
pub fn canonical(flavour: &'static Flavour, model: &SigsYaml) -> Option<String> {
    canonical_as(flavour, model, flavour.yaml)
}

/// [`canonical`] with another yaml.v3 version's layout (the oracle builds every generator with
/// Debian's v3.0.1).
pub fn canonical_as(
    flavour: &'static Flavour,
    model: &SigsYaml,
    emitter: YamlEmitter,
) -> Option<String> {
    if !rewrites(flavour, emitter) {
        return None;
    }
    let ctx = super::data::context(flavour, model);
    Some(text(flavour, &ctx, emitter, 0))
}

/// Whether the flavour's generator rewrites the data file.
fn rewrites(flavour: &'static Flavour, emitter: YamlEmitter) -> bool {
    emitter != YamlEmitter::None && flavour.epoch >= 20
}

/// [`canonical`] from the template data the templates run on ([`super::data::context`]: the
/// generator writes the data file from the same sorted `Context`), so a check builds it once.
/// `size_hint`: the expected length (the data file's), to write without regrowing.
pub fn canonical_of(flavour: &'static Flavour, ctx: &Value, size_hint: usize) -> Option<String> {
    rewrites(flavour, flavour.yaml).then(|| text(flavour, ctx, flavour.yaml, size_hint))
}

/// Whether `text` is what [`canonical_of`] writes (`None` where the generator never rewrites the
/// data file): compared as it is written, without building the text.
pub fn is_canonical(flavour: &'static Flavour, ctx: &Value, text: &str) -> Option<bool> {
    rewrites(flavour, flavour.yaml).then(|| {
        let mut out = Out::Expect {
            text,
            at: 0,
            differs: false,
        };
        write(flavour, ctx, flavour.yaml, &mut out);
        matches!(out, Out::Expect { at, differs: false, .. } if at == text.len())
    })
}

/// The model emitted in its own order (not sorted) with an emitter's layout: for tests that need
/// a data file the generator would reorder.
pub fn emit_in_order(flavour: &'static Flavour, model: &SigsYaml, emitter: YamlEmitter) -> String {
    let ctx = super::data::context_of_sorted(flavour, model);
    text(flavour, &ctx, emitter, 0)
}

/// The text the emitter writes for `ctx`.
fn text(flavour: &'static Flavour, ctx: &Value, emitter: YamlEmitter, size_hint: usize) -> String {
    let mut out = Out::Text(String::with_capacity(size_hint));
    write(flavour, ctx, emitter, &mut out);
    match out {
        Out::Text(text) => text,
        Out::Expect { .. } => String::new(),
    }
}

fn write(flavour: &'static Flavour, ctx: &Value, emitter: YamlEmitter, out: &mut Out<'_>) {
    let mut w = Writer {
        out,
        tree: flavour.tree(),
        fields: Vec::new(),
        column: 0,
        width: if emitter == YamlEmitter::V301 {
            usize::MAX
        } else {
            80
        },
        indent_seq: emitter == YamlEmitter::V301,
    };
    if let Node::Map(s) = node(ctx) {
        w.mapping(s, 0, false);
    }
}

/// Where the writer's text goes: a string, or a comparison with the text expected.
enum Out<'e> {
    Text(String),
    Expect {
        text: &'e str,
        /// How far the written text matched.
        at: usize,
        differs: bool,
    },
}

impl Out<'_> {
    fn push_str(&mut self, s: &str) {
        match self {
            Out::Text(out) => out.push_str(s),
            Out::Expect { text, at, differs } => {
                if !*differs && text.as_bytes()[*at..].starts_with(s.as_bytes()) {
                    *at += s.len();
                } else {
                    *differs = true;
                }
            }
        }
    }

    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
}

struct Writer<'w, 'e> {
    out: &'w mut Out<'e>,
    tree: &'static TypeTree,
    /// The declared fields of each struct type met so far (a type's fields looked up once).
    fields: Vec<(&'static StructType, &'static [FieldDecl])>,
    column: usize,
    /// libyaml's best width: a space past it breaks the line (plain, quoted, folded scalars).
    width: usize,
    /// v3.0.1 indents list items under their key; the snapshots do not.
    indent_seq: bool,
}

impl Writer<'_, '_> {
    fn put(&mut self, s: &str) {
        self.out.push_str(s);
        self.column += if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
    }

    /// Whether `s` written from the current column can need a fold (a space past the width).
    fn may_fold(&self, s: &str) -> bool {
        self.width != usize::MAX && self.column + s.len() > self.width
    }

    fn put_char(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn pad(&mut self, indent: usize) {
        const SPACES: &str = "                                                                ";
        while self.column < indent {
            let n = (indent - self.column).min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            self.column += n;
        }
    }

    /// The declared fields of `s`'s type.
    fn fields_of(&mut self, s: &Struct) -> &'static [FieldDecl] {
        if let Some((_, fields)) = self.fields.iter().find(|(t, _)| std::ptr::eq(*t, s.ty)) {
            return fields;
        }
        let fields = self.tree.fields(s.ty.name.trim_start_matches("main."));
        self.fields.push((s.ty, fields));
        fields
    }

    /// libyaml's `write_indent` when a scalar folds: a new line at `indent`.
    fn break_to(&mut self, indent: usize) {
        self.newline();
        self.pad(indent);
    }

    /// A block mapping whose keys stand at `indent`; the first key follows `- ` when `inline`.
    fn mapping(&mut self, s: Option<&Struct>, indent: usize, inline: bool) {
        let Some(s) = s else { return };
        let fields = self.fields_of(s);
        for (i, (key, value)) in entries(fields, s).enumerate() {
            if !(inline && i == 0) {
                self.pad(indent);
            }
            self.put(key);
            self.put_char(':');
            self.value(&node(value), indent);
        }
    }

    /// An empty mapping or list, written in flow style (`{}`, `[]`) as libyaml does; false for
    /// anything else.
    fn empty_flow(&mut self, node: &Node<'_>) -> bool {
        let text = match node {
            Node::Map(None) => " {}",
            Node::Map(Some(s)) if entries(self.fields_of(s), s).next().is_none() => " {}",
            Node::Seq([]) => " []",
            _ => return false,
        };
        self.put(text);
        self.newline();
        true
    }

    /// A scalar that ends its line.
    fn scalar_line(&mut self, s: &str, folded: bool, indent: usize) {
        self.scalar(s, folded, indent, true);
        if self.column != 0 {
            self.newline();
        }
    }

    /// The value of a key at `indent`, from just after its `:` to the end of its last line.
    fn value(&mut self, value: &Node<'_>, indent: usize) {
        if self.empty_flow(value) {
            return;
        }
        match value {
            Node::Map(s) => {
                self.newline();
                self.mapping(*s, indent + 2, false);
            }
            Node::Seq(items) => {
                self.newline();
                let at = if self.indent_seq { indent + 2 } else { indent };
                self.sequence(items, at);
            }
            Node::Str(s) => self.scalar_line(s, false, indent + 2),
            Node::Folded(s) => self.scalar_line(s, true, indent + 2),
        }
    }

    /// Block sequence items, `- ` at `indent`.
    fn sequence(&mut self, items: &[Value], indent: usize) {
        for item in items {
            let item = node(item);
            self.pad(indent);
            self.put_char('-');
            if self.empty_flow(&item) {
                continue;
            }
            match item {
                Node::Map(s) => {
                    self.put_char(' ');
                    self.mapping(s, indent + 2, true);
                }
                Node::Seq(inner) => {
                    self.newline();
                    self.sequence(inner, indent + 2);
                }
                Node::Str(s) => self.scalar_line(s, false, indent + 2),
                Node::Folded(s) => self.scalar_line(s, true, indent + 2),
            }
        }
    }

    /// A scalar after a `:` or `- ` (a space is written first where libyaml writes one), whose
    /// continuation lines and block content stand at `indent`.
    fn scalar(&mut self, s: &str, folded: bool, indent: usize, allow_breaks: bool) {
        // The common case: `simple` allows every style and has no line break, so the choice is
        // plain or double-quoted (what the general path below picks for it).
        if !folded && simple(s) {
            return if can_use_plain(s) {
                self.plain(s, indent, allow_breaks)
            } else {
                self.double(s, indent, allow_breaks)
            };
        }
        let a = analyze(s);
        let mut style = if folded {
            Style::Folded
        } else if s.contains('\n') {
            Style::Literal
        } else if can_use_plain(s) {
            Style::Plain
        } else {
            Style::Double
        };
        if style == Style::Plain && !a.block_plain_allowed {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if matches!(style, Style::Literal | Style::Folded) && !a.block_allowed {
            style = Style::Double;
        }
        match style {
            Style::Plain => self.plain(s, indent, allow_breaks),
            Style::Single => self.single(s, indent, allow_breaks),
            Style::Double => self.double(s, indent, allow_breaks),
            Style::Literal => self.block(s, '|', indent),
            Style::Folded => self.block(s, '>', indent),
        }
    }

    fn plain(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        if !s.is_empty() {
            self.put_char(' ');
        }
        if !self.may_fold(s) {
            self.put(s);
            return;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > self.width && !next_space {
                    self.break_to(indent);
                } else {
                    self.put_char(c);
                }
                spaces = true;
            } else {
                self.put_char(c);
                spaces = false;
            }
        }
    }

    fn single(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        self.put(" '");
        if !self.may_fold(s) {
            self.put(&s.replace('\'', "''"));
            self.put_char('\'');
            return;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > self.width
                    && i > 0
                    && i + 1 < chars.len()
                    && !next_space
                {
                    self.break_to(indent);
                } else {
                    self.put_char(c);
                }
                spaces = true;
            } else {
                if c == '\'' {
                    self.put_char('\'');
                }
                self.put_char(c);
                spaces = false;
            }
        }
        self.put_char('\'');
    }

    fn double(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        self.put(" \"");
        if !self.may_fold(s)
            && s.chars().all(|c| {
                is_printable(c) && c != '\u{FEFF}' && !is_break(c) && c != '"' && c != '\\'
            })
        {
            self.put(s);
            self.put_char('"');
            return;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
                self.put_char('\\');
                let esc = match c {
                    '\0' => "0".to_string(),
                    '\u{7}' => "a".into(),
                    '\u{8}' => "b".into(),
                    '\t' => "t".into(),
                    '\n' => "n".into(),
                    '\u{b}' => "v".into(),
                    '\u{c}' => "f".into(),
                    '\r' => "r".into(),
                    '\u{1b}' => "e".into(),
                    '"' => "\"".into(),
                    '\\' => "\\".into(),
                    '\u{85}' => "N".into(),
                    '\u{a0}' => "_".into(),
                    '\u{2028}' => "L".into(),
                    '\u{2029}' => "P".into(),
                    c if (c as u32) <= 0xFF => format!("x{:02X}", c as u32),
                    c if (c as u32) <= 0xFFFF => format!("u{:04X}", c as u32),
                    c => format!("U{:08X}", c as u32),
                };
                self.put(&esc);
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > self.width
                    && i != 0
                    && i + 1 != chars.len()
                {
                    self.break_to(indent);
                    if chars.get(i + 1) == Some(&' ') {
                        self.put_char('\\');
                    }
                } else {
                    self.put_char(c);
                }
                spaces = true;
            } else {
                self.put_char(c);
                spaces = false;
            }
        }
        self.put_char('"');
    }

    /// A literal (`|`) or folded (`>`) block scalar, content at `indent`. The folded writer is
    /// yaml.v3's port of libyaml's, including its test of the value's first character (not the
    /// one after the line break) before it doubles a break: a folded value ending in a newline
    /// gets an empty line after it.
    fn block(&mut self, s: &str, indicator: char, indent: usize) {
        self.put_char(' ');
        self.put_char(indicator);
        let chars: Vec<char> = s.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.put_char('2');
        }
        let last = chars.last().copied();
        match last {
            None => self.put_char('-'),
            Some(c) if !is_break(c) => self.put_char('-'),
            Some(_) if chars.len() == 1 || is_break(chars[chars.len() - 2]) => self.put_char('+'),
            Some(_) => {}
        }
        self.newline();
        // yaml.v3 looks at the value's start where libyaml looks after the breaks: whether the
        // first character that is no break is a blank (or there is none).
        let start_blankz = chars
            .iter()
            .find(|&&c| !is_break(c))
            .is_none_or(|&c| c == ' ' || c == '\t');
        // Where no space can break a line (literal, or no width), a run without breaks is
        // written at once.
        let no_fold = indicator == '|' || self.width == usize::MAX;
        let mut breaks = true;
        let mut leading_spaces = true;
        let mut rest = s;
        let mut i = 0;
        while let Some(c) = rest.chars().next() {
            if is_break(c) {
                if indicator == '>' && !breaks && !leading_spaces && c == '\n' && !start_blankz {
                    self.newline();
                }
                self.out.push(c);
                self.column = 0;
                breaks = true;
                rest = &rest[c.len_utf8()..];
                i += 1;
                continue;
            }
            if breaks {
                self.pad(indent);
                leading_spaces = c == ' ' || c == '\t';
            }
            if no_fold {
                let run = rest.find(is_break).unwrap_or(rest.len());
                self.put(&rest[..run]);
                i += rest[..run].chars().count();
                rest = &rest[run..];
            } else {
                if indicator == '>'
                    && !breaks
                    && c == ' '
                    && chars.get(i + 1) != Some(&' ')
                    && self.column > self.width
                {
                    self.break_to(indent);
                } else {
                    self.put_char(c);
                }
                rest = &rest[c.len_utf8()..];
                i += 1;
            }
            breaks = false;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's printable set (as yaml.v3 tests it, byte-wise: no character above U+FFFF).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || (0xA0..=0xD7FF).contains(&u)
        || ((0xE000..=0xFFFD).contains(&u) && u != 0xFEFF)
}

/// What libyaml's scalar analysis allows.
struct Analysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// The common case, decided on bytes: printable ASCII with no indicator where libyaml looks for
/// one, no leading or trailing space. Everything is allowed for it.
fn simple(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    // Printable ASCII, no `: ` and no ` #`: tested without early exits, which the compiler turns
    // into a few vector instructions per block of bytes.
    let printable = b
        .iter()
        .fold(true, |ok, &c| ok & (c.wrapping_sub(0x20) < 0x5f));
    let pairs = b.iter().zip(&b[1..]).fold(true, |ok, (&c, &d)| {
        ok & !((c == b':') & (d == b' ')) & !((c == b' ') & (d == b'#'))
    });
    printable
        && pairs
        && !matches!(
            first,
            b'#' | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
                | b'?'
                | b':'
                | b'-'
                | b' '
        )
        && last != b' '
        && last != b':'
        && !s.starts_with("...")
}

fn analyze(s: &str) -> Analysis {
    if simple(s) {
        return Analysis {
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: true,
        };
    }
    if s.is_empty() {
        return Analysis {
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = s.len() >= 3 && (s.starts_with("---") || s.starts_with("..."));
    let mut special = false;
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut line_breaks = false;
    let mut preceded_by_ws = true;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let last = next.is_none();
        let followed_by_ws = next.is_none_or(|n| n == ' ' || n == '\t');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' if followed_by_ws => block_indicators = true,
                '-' if followed_by_ws => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_ws => block_indicators = true,
                '#' if preceded_by_ws => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if last {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if last {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_ws = c == ' ' || c == '\t' || is_break(c) || c == '\0';
    }
    let mut a = Analysis {
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// yaml.v3's `stringv`: a string may be plain when it would resolve back to a string and is no
/// YAML 1.1 base-60 float or bool.
fn can_use_plain(s: &str) -> bool {
    resolves_to_string(s) && !is_base60_float(s) && !is_old_bool(s)
}

fn is_old_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    if i >= b.len() || !b[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        let start = i;
        if i < b.len()
            && (b'0'..=b'5').contains(&b[i])
            && i + 1 < b.len()
            && b[i + 1].is_ascii_digit()
        {
            i += 2;
        } else if i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// yaml.v3's `resolve` of an untagged plain scalar: does it stay a string?
fn resolves_to_string(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false; // "" is null
    };
    let hint = match first {
        b'+' | b'-' => 'S',
        b'0'..=b'9' => 'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' | b'<' => 'M',
        b'.' => '.',
        _ => return true,
    };
    const MAP: &[&str] = &[
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", ".nan",
        ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
        "-.INF", "<<",
    ];
    if MAP.contains(&s) {
        return false;
    }
    match hint {
        'M' => true,
        '.' => s.parse::<f64>().is_err() || !go_float_syntax(s),
        _ => {
            if is_timestamp(s) {
                return false;
            }
            let plain = s.replace('_', "");
            if go_parse_int(&plain) {
                return false;
            }
            if is_yaml_float(&plain) {
                return false;
            }
            for p in ["0b", "-0b", "0o", "-0o"] {
                if let Some(rest) = plain.strip_prefix(p) {
                    let radix = if p.ends_with('b') { 2 } else { 8 };
                    if !rest.is_empty() && u64::from_str_radix(rest, radix).is_ok() {
                        return false;
                    }
                }
            }
            true
        }
    }
}

/// Whether Go's `strconv.ParseFloat` accepts `s` (decimal, exponent, inf/nan spellings, hex
/// floats); used for scalars that start with `.`.
fn go_float_syntax(s: &str) -> bool {
    let t = s.trim_start_matches(['+', '-']);
    let digits = t.strip_prefix('.').unwrap_or(t);
    !digits.is_empty() && digits.as_bytes()[0].is_ascii_digit()
}

/// Go's `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` succeeds.
fn go_parse_int(s: &str) -> bool {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) =
        if let Some(r) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, r)
        } else if let Some(r) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, r)
        } else if let Some(r) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, r)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    match u64::from_str_radix(digits, radix) {
        Ok(v) => !neg || v <= 1 << 63,
        Err(_) => false,
    }
}

/// yaml.v3's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// yaml.v3's timestamp test: four digits, `-`, then one of the layouts `2006-1-2`,
/// `2006-1-2 15:4:5.999999999`, `2006-1-2T15:4:5.999999999Z07:00` (or `t`) with Go's ranges.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let num = |i: &mut usize, max_digits: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && *i - start < max_digits && b[*i].is_ascii_digit() {
            *i += 1;
        }
        (*i > start).then(|| s[start..*i].parse().ok()).flatten()
    };
    let mut i = 5;
    let Some(month) = num(&mut i, 2) else {
        return false;
    };
    if i >= b.len() || b[i] != b'-' {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i, 2) else {
        return false;
    };
    let year: u32 = s[..4].parse().unwrap_or(0);
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day == 0 || day > days[month as usize - 1] {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let t = b[i];
    if !(t == b'T' || t == b't' || t == b' ') {
        return false;
    }
    i += 1;
    // hh:mm:ss, each one or two digits within Go's ranges.
    for (k, max) in [23, 59, 59].into_iter().enumerate() {
        if k > 0 {
            if i >= b.len() || b[i] != b':' {
                return false;
            }
            i += 1;
        }
        match num(&mut i, 2) {
            Some(x) if x <= max => {}
            _ => return false,
        }
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if t == b' ' {
        return i == b.len();
    }
    // Zone: Z or ±hh:mm.
    if i < b.len() && b[i] == b'Z' {
        return i + 1 == b.len();
    }
    if i + 6 == b.len() && (b[i] == b'+' || b[i] == b'-') && b[i + 3] == b':' {
        return b[i + 1..i + 3].iter().all(u8::is_ascii_digit)
            && b[i + 4..i + 6].iter().all(u8::is_ascii_digit);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass test of the common case is the test it replaced.
    #[test]
    fn simple_is_the_plain_test() {
        let before = |s: &str| {
            let b = s.as_bytes();
            let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
                return false;
            };
            b.iter().all(|c| (0x20..0x7F).contains(c))
                && !b"#,[]{}&*!|>'\"%@`?:- ".contains(&first)
                && last != b' '
                && last != b':'
                && !s.contains(": ")
                && !s.contains(" #")
                && !s.starts_with("...")
        };
        let alphabet = [" ", ":", "#", "a", "-", ".", "é", "\t", "'", "b"];
        let mut state = 11u64;
        for _ in 0..50_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 60) as usize;
            let text: String = (0..len)
                .map(|k| alphabet[((state >> (4 * k + 3)) % 10) as usize])
                .collect();
            assert_eq!(simple(&text), before(&text), "{text:?}");
        }
    }

    fn emit(yaml: &str, flavour: &str, emitter: YamlEmitter) -> String {
        let file = crate::source::SourceFile::new("sigs.yaml", yaml);
        let loaded = crate::model::load(&file);
        assert!(!loaded.has_errors(), "{:?}", loaded.findings);
        let f = super::super::by_id(flavour).expect("flavour");
        canonical_as(f, &loaded.model, emitter).expect("a yaml.v3 flavour")
    }

    const DATA: &str = "sigs:\n- dir: sig-apps\n  name: Apps\n  mission_statement: >\n    Covers all aspects of API server, API registration and discovery, generic API CRUD semantics, admission control.\n  label: apps\n  leadership:\n    chairs:\n    - github: zed\n      name: Zed\n    - github: amy\n      name: Amy\n  meetings:\n  - description: Regular SIG Meeting\n    day: Monday\n    time: '11:00'\n    tz: PT (Pacific Time)\n    frequency: weekly\n  subprojects:\n  - name: workloads-api\n    description: The core workloads API, which is composed of the CronJob, DaemonSet, Deployment, Job, ReplicaSet, ReplicationController, PodDisruptionBudget and StatefulSet kinds\n    owners:\n    - https://raw.githubusercontent.com/kubernetes/kubernetes/master/pkg/OWNERS\n";

    /// The 2019/2020 snapshots. Expected bytes established from kubernetes/community's committed
    /// sigs.yaml of 2024-11-20 (`../shared/corpus/kubernetes-community-2024-11-20`, a fixed point
    /// of its generator): its lines 1-8 (the folded mission statement wrapped at the first space
    /// past column 80, then an empty line), 243-245 (the workloads-api description folded the
    /// same way, continuation two columns right of its key), the list items at their key's
    /// column, `time: "11:00"` double-quoted (a base-60 float to YAML 1.1), `label` and
    /// `meetings` always written, chairs sorted by login (the fact sheet, sections 8 and 9).
    #[test]
    fn snapshot_layout_as_committed_in_2024() {
        let want = "sigs:\n- dir: sig-apps\n  name: Apps\n  mission_statement: >\n    Covers all aspects of API server, API registration and discovery, generic API\n    CRUD semantics, admission control.\n\n  label: apps\n  leadership:\n    chairs:\n    - github: amy\n      name: Amy\n    - github: zed\n      name: Zed\n  meetings:\n  - description: Regular SIG Meeting\n    day: Monday\n    time: \"11:00\"\n    tz: PT (Pacific Time)\n    frequency: weekly\n  contact: {}\n  subprojects:\n  - name: workloads-api\n    description: The core workloads API, which is composed of the CronJob, DaemonSet,\n      Deployment, Job, ReplicaSet, ReplicationController, PodDisruptionBudget and\n      StatefulSet kinds\n    owners:\n    - https://raw.githubusercontent.com/kubernetes/kubernetes/master/pkg/OWNERS\nworkinggroups: []\nusergroups: []\ncommittees: []\n";
        assert_eq!(
            emit(DATA, "kubernetes-K33", YamlEmitter::Snapshot2020),
            want
        );
    }

    /// v3.0.1: the same data as kubernetes/community writes it since 2025-09-09
    /// (`../shared/corpus/kubernetes-community/sigs.yaml`, lines 1-8 and the layout of every
    /// list: items two columns right of their key, no folding); also checked against the
    /// generator itself in `tests/generator_oracle.rs`.
    #[test]
    fn v301_layout_as_committed_since_2025() {
        let want = "sigs:\n  - dir: sig-apps\n    name: Apps\n    mission_statement: >\n      Covers all aspects of API server, API registration and discovery, generic API CRUD semantics, admission control.\n\n    label: apps\n    leadership:\n      chairs:\n        - github: amy\n          name: Amy\n        - github: zed\n          name: Zed\n    meetings:\n      - description: Regular SIG Meeting\n        day: Monday\n        time: \"11:00\"\n        tz: PT (Pacific Time)\n        frequency: weekly\n    contact: {}\n    subprojects:\n      - name: workloads-api\n        description: The core workloads API, which is composed of the CronJob, DaemonSet, Deployment, Job, ReplicaSet, ReplicationController, PodDisruptionBudget and StatefulSet kinds\n        owners:\n          - https://raw.githubusercontent.com/kubernetes/kubernetes/master/pkg/OWNERS\nworkinggroups: []\nusergroups: []\ncommittees: []\n";
        assert_eq!(emit(DATA, "kubernetes-K35", YamlEmitter::V301), want);
    }

    #[test]
    fn quoting_follows_yaml_v3() {
        for plain in [
            "sig-docs",
            "PT (Pacific Time)",
            "Thursday",
            "a:b",
            "x#y",
            "1.2.3",
        ] {
            assert!(
                can_use_plain(plain) && analyze(plain).block_plain_allowed,
                "{plain}"
            );
        }
        for quoted in [
            "9:00", "11:00", "yes", "No", "010", "0x1F", "1e3", "", "true", "~",
        ] {
            assert!(!can_use_plain(quoted), "{quoted}");
        }
        for single in ["#x", "*", "& a", "- x", "a: b", " lead", "trail "] {
            assert!(can_use_plain(single), "{single}");
            assert!(!analyze(single).block_plain_allowed, "{single}");
        }
        assert!(is_timestamp("2024-02-29") && !is_timestamp("2023-02-29"));
        assert!(is_timestamp("2024-01-01 10:30:00") && is_timestamp("2024-1-2T3:04:05+01:00"));
        assert!(!is_timestamp("2024-01-01T25:00:00Z") && !is_timestamp("2024-01-01 10:30"));
        assert!(is_base60_float("1:30") && !is_base60_float("1:60") && !is_base60_float("12"));
    }
}
