//! The spanned YAML node tree: serde-saphyr deserializes a document into [`Node`]s (every node
//! through `Spanned<T>`), so one parse gives every value, every key and their positions. The typed
//! model is deserialized directly (see `load.rs`); this tree serves what needs the YAML as it is
//! written: the lenient pass that reports every schema problem when the typed pass fails, the
//! config file, and generic YAML values (`flavour::generic`).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::source::{SourceFile, Span};

/// One YAML node. Spans are filled in by [`Node::resolve_spans`] after the parse: serde-saphyr reports
/// line and column in characters, which we convert to bytes through our own line index.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte span of a scalar's source text; for collections, from the start to the end of the last
    /// child (a whole mapping or sequence).
    pub span: Span,
    line: u32,
    col: u32,
    chars: u32,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    /// `~`, `null` or nothing at all.
    Null,
    /// Any other scalar. `text` is the decoded string for strings and the source text for numbers and
    /// booleans (as Go's yaml.v3 reads any scalar into a string field); `inferred` is true for values
    /// the YAML parser resolved to a number or a boolean.
    Scalar {
        text: String,
        inferred: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "null",
            NodeKind::Scalar { .. } => "a scalar",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The key text of a mapping key (any scalar), if it is one.
    pub fn key_text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Converts the parser's character positions into byte spans and computes collection extents.
    pub fn resolve_spans(&mut self, file: &SourceFile) {
        let start = file.offset_of(self.line as usize, self.col as usize);
        match &mut self.kind {
            NodeKind::Null | NodeKind::Scalar { .. } => {
                self.span =
                    file.char_span(self.line as usize, self.col as usize, self.chars as usize);
                if let NodeKind::Scalar {
                    text,
                    inferred: true,
                } = &mut self.kind
                {
                    *text = file.slice(self.span).to_string();
                }
            }
            NodeKind::Seq(items) => {
                let mut span = Span::new(start, 0);
                for item in items.iter_mut() {
                    item.resolve_spans(file);
                    span = span.cover(item.span);
                }
                self.span = span;
            }
            NodeKind::Map(entries) => {
                let mut span = Span::new(start, 0);
                for (k, v) in entries.iter_mut() {
                    k.resolve_spans(file);
                    v.resolve_spans(file);
                    span = span.cover(k.span).cover(v.span);
                }
                self.span = span;
            }
        }
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NodeKind, E> {
        Ok(plain())
    }
    fn visit_i64<E>(self, _: i64) -> Result<NodeKind, E> {
        Ok(plain())
    }
    fn visit_u64<E>(self, _: u64) -> Result<NodeKind, E> {
        Ok(plain())
    }
    fn visit_i128<E>(self, _: i128) -> Result<NodeKind, E> {
        Ok(plain())
    }
    fn visit_u128<E>(self, _: u128) -> Result<NodeKind, E> {
        Ok(plain())
    }
    fn visit_f64<E>(self, _: f64) -> Result<NodeKind, E> {
        Ok(plain())
    }
    fn visit_char<E>(self, v: char) -> Result<NodeKind, E> {
        Ok(string(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<NodeKind, E> {
        Ok(string(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<NodeKind, E> {
        Ok(string(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<NodeKind, E> {
        Ok(string(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_none<E>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeKind, D::Error> {
        d.deserialize_any(KindVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeKind, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(n) = seq.next_element()? {
            items.push(n);
        }
        Ok(NodeKind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(k) = map.next_key::<Node>()? {
            let v = map.next_value::<Node>()?;
            entries.push((k, v));
        }
        Ok(NodeKind::Map(entries))
    }
}

fn plain() -> NodeKind {
    // The text is filled from the source in `resolve_spans`.
    NodeKind::Scalar {
        text: String::new(),
        inferred: true,
    }
}

fn string(text: String) -> NodeKind {
    NodeKind::Scalar {
        text,
        inferred: false,
    }
}

struct KindSeed(NodeKind);

impl<'de> Deserialize<'de> for KindSeed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor).map(KindSeed)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Spanned<KindSeed> = Spanned::deserialize(d)?;
        let loc = s.referenced;
        let to_u32 = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        Ok(Node {
            kind: s.value.0,
            span: Span::default(),
            line: to_u32(loc.line()),
            col: to_u32(loc.column()),
            chars: to_u32(loc.span().len()),
        })
    }
}

/// Parse options shared by every YAML file we read: serde-saphyr's budgets guard against alias bombs
/// and deep nesting; duplicate keys are passed through so that the loader can report each of them.
pub fn parse_options() -> serde_saphyr::Options {
    let mut opts = serde_saphyr::Options::default();
    opts.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    opts.with_snippet = false;
    // `.inf` and `.nan` are strings to a string field: read them as text, as the typed pass does.
    opts.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    // Large communities are fine (a 100x kubernetes sigs.yaml has about 2 million nodes); alias
    // bombs are stopped by the alias replay limits, which stay at serde-saphyr's defaults.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_nodes = 20_000_000;
    budget.max_events = 50_000_000;
    budget.max_recorded_anchor_events = 100_000;
    opts.budget = Some(budget);
    opts
}

/// Parses YAML text into a spanned tree. `Ok(None)` for a document with no content at all.
pub fn parse(file: &SourceFile) -> Result<Option<Node>, serde_saphyr::Error> {
    let content = file.content();
    if content.trim().is_empty() {
        return Ok(None);
    }
    let node: Option<Node> = serde_saphyr::from_str_with_options(content, parse_options())?;
    Ok(node.map(|mut n| {
        n.resolve_spans(file);
        n
    }))
}
