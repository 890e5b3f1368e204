//! The one walk over the model, in the style of actionlint's `Pass`: [`SigsYaml::walk`] visits
//! every record and every string value in declaration order, telling the [`Visitor`] where it is
//! ([`At`]: the enclosing group, the record and the key). It is generated from the declaration
//! in [`crate::model`], so a field added there is visited (and reaches `text-hygiene`, the URL
//! rules, the person rules) without another line. The collections the rules share are visitors
//! over it: [`SigsYaml::strings`], [`SigsYaml::persons`], [`SigsYaml::meetings`],
//! [`SigsYaml::contacts`], [`SigsYaml::url_fields`].

use std::borrow::Cow;

use super::schema::{Declared, Record, Shape, Text};
use super::{Contact, Group, List, Meeting, SigsYaml, Str};
use crate::source::Span;

pub use super::Node;

/// Where the walk is.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    /// The group the value belongs to (none at the top level and under `gb_rep`).
    pub group: Option<&'a Group>,
    /// The record that holds the key.
    pub record: &'static Record,
    /// The declared field (key and shape) the value stands under; the top level itself stands
    /// under [`TOP`].
    pub field: &'static (&'static str, Shape),
}

/// The field the whole file stands under.
pub static TOP: (&str, Shape) = ("", Shape::Record(SigsYaml::RECORD));

impl At<'_> {
    /// The key the value stands under.
    pub fn key(&self) -> &'static str {
        self.field.0
    }

    /// How the rules name the value in messages: the key, prefixed for records whose keys are
    /// ambiguous on their own (`discord.url`, `team name`, `subproject name`); list entries
    /// (`owners`) go by their key.
    pub fn label(&self) -> Cow<'static, str> {
        match self.field {
            (key, Shape::Str(_)) if !self.record.prefix.is_empty() => {
                Cow::Owned(format!("{}{key}", self.record.prefix))
            }
            (key, _) => Cow::Borrowed(key),
        }
    }

    /// How the value is read (a URL, a mailing list, free text).
    pub fn text(&self) -> Text {
        match self.field.1 {
            Shape::Str(t) | Shape::StrList(t) => t,
            _ => Text::Plain,
        }
    }
}

/// What a pass does at each place; both visits default to nothing.
pub trait Visitor<'a> {
    /// A record, before its values.
    fn record(&mut self, _at: &At<'a>, _node: Node<'a>) {}
    /// A string value (an entry of a list of strings included).
    fn value(&mut self, _at: &At<'a>, _value: &'a Str) {}
}

/// A declared record (implemented by the declaration).
pub trait Walk {
    fn node(&self) -> Node<'_>;
    /// Grows the record's span to cover its values (and its records' spans, computed first).
    fn extend_spans(&mut self);
    fn walk<'a>(&'a self, at: &At<'a>, v: &mut dyn Visitor<'a>);
}

/// What the model holds under one key (see [`Node::get`]).
pub enum FieldRef<'a> {
    Absent,
    Str(&'a Str),
    Strs(&'a [Str]),
    One(Node<'a>),
    Many(Vec<Node<'a>>),
}

/// A field's value, whatever its kind: how the walk, the extents and the key lookup treat it.
pub trait Part {
    fn walk<'a>(&'a self, at: &At<'a>, v: &mut dyn Visitor<'a>);
    fn extend_spans(&mut self, span: &mut Span);
    fn field_ref(&self) -> FieldRef<'_>;
}

impl Part for Option<Str> {
    fn walk<'a>(&'a self, at: &At<'a>, v: &mut dyn Visitor<'a>) {
        if let Some(s) = self {
            v.value(at, s);
        }
    }
    fn extend_spans(&mut self, span: &mut Span) {
        if let Some(s) = self {
            *span = span.cover(s.span);
        }
    }
    fn field_ref(&self) -> FieldRef<'_> {
        self.as_ref().map_or(FieldRef::Absent, FieldRef::Str)
    }
}

impl Part for List<Str> {
    fn walk<'a>(&'a self, at: &At<'a>, v: &mut dyn Visitor<'a>) {
        for s in self.iter() {
            v.value(at, s);
        }
    }
    fn extend_spans(&mut self, span: &mut Span) {
        for s in self.iter() {
            *span = span.cover(s.span);
        }
    }
    fn field_ref(&self) -> FieldRef<'_> {
        FieldRef::Strs(&self.items)
    }
}

impl<T: Walk> Part for Option<T> {
    fn walk<'a>(&'a self, at: &At<'a>, v: &mut dyn Visitor<'a>) {
        if let Some(r) = self {
            r.walk(at, v);
        }
    }
    fn extend_spans(&mut self, span: &mut Span) {
        if let Some(r) = self {
            r.extend_spans();
            *span = span.cover(r.node().span());
        }
    }
    fn field_ref(&self) -> FieldRef<'_> {
        self.as_ref()
            .map_or(FieldRef::Absent, |r| FieldRef::One(r.node()))
    }
}

impl<T: Walk> Part for List<T> {
    fn walk<'a>(&'a self, at: &At<'a>, v: &mut dyn Visitor<'a>) {
        for r in self.iter() {
            r.walk(at, v);
        }
    }
    fn extend_spans(&mut self, span: &mut Span) {
        for r in self.iter_mut() {
            r.extend_spans();
            *span = span.cover(r.node().span());
        }
    }
    fn field_ref(&self) -> FieldRef<'_> {
        FieldRef::Many(self.iter().map(Walk::node).collect())
    }
}

/// A visitor from a closure over the string values.
struct Values<F>(F);

impl<'a, F: FnMut(&At<'a>, &'a Str)> Visitor<'a> for Values<F> {
    fn value(&mut self, at: &At<'a>, value: &'a Str) {
        (self.0)(at, value)
    }
}

/// A visitor from a closure over the records.
struct Records<F>(F);

impl<'a, F: FnMut(&At<'a>, Node<'a>)> Visitor<'a> for Records<F> {
    fn record(&mut self, at: &At<'a>, node: Node<'a>) {
        (self.0)(at, node)
    }
}

/// An address without a scheme and with an `@`: `name@example.org` (also when malformed).
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    s.contains('@') && !s.contains("://") && !s.starts_with("mailto:")
}

/// The role of a person from the key it stands under.
fn role(key: &str) -> Option<super::Role> {
    use super::Role;
    Some(match key {
        "chairs" => Role::Chair,
        "tech_leads" => Role::TechLead,
        "emeritus_leads" => Role::EmeritusLead,
        "leads" => Role::SubprojectLead,
        "liaison" => Role::Liaison,
        "gb_rep" => Role::GbRep,
        _ => return None,
    })
}

/// Walks `model`, calling `f` on every string value.
fn each_value<'a>(model: &'a SigsYaml, f: impl FnMut(&At<'a>, &'a Str)) {
    model.walk(&mut Values(f));
}

/// Walks `model`, calling `f` on every record.
fn each_record<'a>(model: &'a SigsYaml, f: impl FnMut(&At<'a>, Node<'a>)) {
    model.walk(&mut Records(f));
}

impl SigsYaml {
    /// Walks the whole model.
    pub fn walk<'a>(&'a self, v: &mut dyn Visitor<'a>) {
        let at = At {
            group: None,
            record: SigsYaml::RECORD,
            field: &TOP,
        };
        Walk::walk(self, &at, v);
    }

    /// Calls `f` on every string value with where it stands (`At::label` names it in messages),
    /// in walk order (what [`SigsYaml::strings`] collects, without the list).
    pub fn each_string<'a>(&'a self, f: impl FnMut(&At<'a>, &'a Str)) {
        each_value(self, f);
    }

    /// Every string value with where it stands (`At::label` names it in messages), in walk
    /// order.
    pub fn strings(&self) -> Vec<(At<'_>, &Str)> {
        let mut out = Vec::new();
        each_value(self, |at, s| out.push((*at, s)));
        out
    }

    /// Every person entry with the role it appears in and its group, in walk order.
    pub fn persons(&self) -> Vec<super::PersonRef<'_>> {
        let mut out = Vec::new();
        each_record(self, |at, node| {
            if let Node::Person(person) = node {
                // Every key that holds persons has a role (a test walks the declaration).
                let role = role(at.key()).unwrap_or(super::Role::Liaison);
                out.push(super::PersonRef {
                    person,
                    role,
                    group: at.group,
                });
            }
        });
        out
    }

    /// Every meeting with its group (group meetings and subproject meetings).
    pub fn meetings(&self) -> Vec<(&Group, &Meeting)> {
        let mut out = Vec::new();
        each_record(self, |at, node| {
            if let (Node::Meeting(m), Some(g)) = (node, at.group) {
                out.push((g, m));
            }
        });
        out
    }

    /// Every contact (group and subproject contacts).
    pub fn contacts(&self) -> Vec<&Contact> {
        let mut out = Vec::new();
        each_record(self, |_, node| {
            if let Node::Contact(c) = node {
                out.push(c);
            }
        });
        out
    }

    /// Values that must be URLs, with how messages name them, in document order: every URL and
    /// link field, and a mailing list that does not look like an email address.
    pub fn url_fields(&self) -> Vec<(Cow<'static, str>, Text, &Str)> {
        let mut out = Vec::new();
        each_value(self, |at, s| {
            let url = match at.text() {
                Text::Url | Text::Link => true,
                Text::ListAddress => !looks_like_email(&s.value),
                Text::Plain => false,
            };
            if url {
                out.push((at.label(), at.text(), s));
            }
        });
        out.sort_by_key(|(_, _, s)| s.span.offset);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::Shape;

    /// YAML that sets every declared key once (one entry per list), each string a distinct
    /// value; returns the text and how many strings it holds.
    fn every_key(rec: &Record, indent: usize, n: &mut usize, out: &mut String) {
        let pad = " ".repeat(indent);
        for (key, shape) in rec.fields {
            match shape {
                Shape::Str(_) => {
                    *n += 1;
                    out.push_str(&format!("{pad}{key}: v{n}\n"));
                }
                Shape::StrList(_) => {
                    *n += 1;
                    out.push_str(&format!("{pad}{key}:\n{pad}- v{n}\n"));
                }
                Shape::Record(r) => {
                    out.push_str(&format!("{pad}{key}:\n"));
                    every_key(r, indent + 2, n, out);
                }
                Shape::List(r) => {
                    out.push_str(&format!("{pad}{key}:\n{pad}- \n"));
                    let mut item = String::new();
                    every_key(r, indent + 2, n, &mut item);
                    // The first key of the entry goes on the `- ` line.
                    out.pop();
                    out.push_str(item.trim_start());
                }
            }
        }
    }

    #[test]
    fn the_walk_visits_every_declared_value() {
        let (mut text, mut n) = (String::new(), 0);
        every_key(SigsYaml::RECORD, 0, &mut n, &mut text);
        let file = crate::source::SourceFile::new("sigs.yaml", text.as_str());
        let loaded = crate::model::load(&file);
        assert!(loaded.findings.is_empty(), "{:?}\n{text}", loaded.findings);
        let strings = loaded.model.strings();
        let values: Vec<&str> = strings.iter().map(|(_, s)| s.value.as_ref()).collect();
        let want: Vec<String> = (1..=n).map(|i| format!("v{i}")).collect();
        assert_eq!(values, want, "{text}");
        // Each value's span is its text; the group's extent runs from its first key to its
        // last value.
        for (_, s) in &strings {
            assert_eq!(file.slice(s.span), &*s.value);
        }
        let g = loaded.model.groups().next().expect("a group");
        let first = loaded.model.sigs[0].dir.as_ref().expect("dir").span;
        assert!(g.span.offset < first.offset, "{:?} {first:?}", g.span);
        struct LastInGroup<'a>(&'a Group, usize);
        impl<'a> Visitor<'a> for LastInGroup<'a> {
            fn value(&mut self, at: &At<'a>, value: &'a Str) {
                if at.group.is_some_and(|g| std::ptr::eq(g, self.0)) {
                    self.1 = self.1.max(value.span.offset + value.span.len);
                }
            }
        }
        let mut last = LastInGroup(g, 0);
        loaded.model.walk(&mut last);
        assert_eq!(g.span.offset + g.span.len, last.1);
        // The URL fields are exactly the declared URL, link and mailing-list values.
        let urls: Vec<String> = loaded
            .model
            .url_fields()
            .into_iter()
            .map(|(l, _, _)| l.into_owned())
            .collect();
        assert!(urls.contains(&"charter_link".to_string()), "{urls:?}");
        assert!(urls.contains(&"discord.url".to_string()), "{urls:?}");
        assert!(urls.contains(&"owners".to_string()), "{urls:?}");
        assert!(!urls.contains(&"name".to_string()), "{urls:?}");
        // Persons: every key that holds one, with its role.
        let roles: Vec<&str> = loaded
            .model
            .persons()
            .iter()
            .map(|p| p.role.name())
            .collect();
        for role in [
            "chair",
            "tech lead",
            "emeritus lead",
            "subproject lead",
            "liaison",
            "gb_rep",
        ] {
            assert!(roles.contains(&role), "{role} in {roles:?}");
        }
    }

    #[test]
    fn every_key_that_holds_persons_has_a_role() {
        for rec in crate::model::RECORDS {
            for (key, shape) in rec.fields {
                if let Shape::Record(r) | Shape::List(r) = shape
                    && r.type_name == "Person"
                {
                    assert!(role(key).is_some(), "{}.{key} has no role", rec.type_name);
                }
            }
        }
    }
}
