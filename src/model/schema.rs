//! The shape of a sigs.yaml as data, and the one declaration everything about that shape comes
//! from.
//!
//! [`declare_records!`] is invoked once, in [`crate::model`], with every record (a YAML mapping)
//! and its fields. From that list it derives: the serde model (structs with spans, strict keys);
//! the [`Record`] table the lenient validator walks (every unknown key and wrong type reported)
//! and the JSON Schema is generated from; each record's extent (its span grows to cover its
//! values); the single walk over the model ([`super::walk`]) that the rules' collections (every
//! string, every URL field, every person, meeting and contact) are built on; and the lookup of a
//! field by its YAML key ([`super::walk::Node::get`]) that the generator's template data is built
//! through. Adding a field is one line there; a test proves the table and the serde structs agree.

/// How the rules read a string value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Free text (names, descriptions, days, logins).
    Plain,
    /// An absolute URL.
    Url,
    /// A URL that may be relative to the repository (`charter_link`).
    Link,
    /// A mailing list: a URL, or an email address.
    ListAddress,
}

#[derive(Debug)]
pub enum Shape {
    /// A scalar read as a string (numbers and booleans are read as their text, as Go's yaml.v3 does).
    Str(Text),
    /// A list of strings.
    StrList(Text),
    /// A mapping.
    Record(&'static Record),
    /// A list of mappings.
    List(&'static Record),
}

#[derive(Debug)]
pub struct Record {
    /// How the mapping is named in messages: `a person`.
    pub what: &'static str,
    /// The type name in the Rust model (and in the generated JSON Schema).
    pub type_name: &'static str,
    /// What a field's key is prefixed with when a message names one of its string values
    /// (`discord.url`, `subproject name`).
    pub prefix: &'static str,
    pub fields: &'static [(&'static str, Shape)],
    /// What the record is (its doc comment in the declaration).
    pub doc: &'static str,
    /// What each field holds (their doc comments), in the order of `fields`.
    pub docs: &'static [&'static str],
}

/// A declaration's doc comment as text: the lines trimmed and joined with spaces.
pub fn doc_text(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Record {
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|(k, _)| *k)
    }
}

/// A model type declared by [`declare_records!`].
pub trait Declared {
    const RECORD: &'static Record;
}

/// The Rust type of a field of each kind.
macro_rules! field_type {
    (text) => { Option<$crate::model::Str> };
    (url) => { Option<$crate::model::Str> };
    (link) => { Option<$crate::model::Str> };
    (list_address) => { Option<$crate::model::Str> };
    (texts) => { $crate::model::List<$crate::model::Str> };
    (urls) => { $crate::model::List<$crate::model::Str> };
    (one $t:ident) => { Option<$t> };
    (many $t:ident) => { $crate::model::List<$t> };
}

/// The [`Shape`] of a field of each kind.
macro_rules! field_shape {
    (text) => {
        $crate::model::schema::Shape::Str($crate::model::schema::Text::Plain)
    };
    (url) => {
        $crate::model::schema::Shape::Str($crate::model::schema::Text::Url)
    };
    (link) => {
        $crate::model::schema::Shape::Str($crate::model::schema::Text::Link)
    };
    (list_address) => {
        $crate::model::schema::Shape::Str($crate::model::schema::Text::ListAddress)
    };
    (texts) => {
        $crate::model::schema::Shape::StrList($crate::model::schema::Text::Plain)
    };
    (urls) => {
        $crate::model::schema::Shape::StrList($crate::model::schema::Text::Url)
    };
    (one $t:ident) => {
        $crate::model::schema::Shape::Record(<$t as $crate::model::schema::Declared>::RECORD)
    };
    (many $t:ident) => {
        $crate::model::schema::Shape::List(<$t as $crate::model::schema::Declared>::RECORD)
    };
}

/// Declares every record of the model; see the module documentation for what it derives.
///
/// ```text
/// /// What the record is (the JSON Schema's description).
/// Name "how messages name it" "message prefix" [extra: Type (not in the YAML)] {
///     /// What the field holds (the JSON Schema's description of the key).
///     key: text | url | link | list_address | texts | urls | one Record | many Record,
/// }
/// ```
macro_rules! declare_records {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $what:literal $prefix:literal [$($(#[$xmeta:meta])* $extra:ident : $xty:ty),*] {
            $($(#[doc = $fdoc:literal])* $field:ident : $kind:ident $($ty:ident)?),* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Clone, Debug, Default, serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $name {
                /// The whole mapping (from its first key to the end of its last value).
                #[serde(skip)]
                pub span: $crate::source::Span,
                $(
                    $(#[$xmeta])*
                    #[serde(skip)]
                    pub $extra: $xty,
                )*
                $(
                    $(#[doc = $fdoc])*
                    #[serde(default, deserialize_with = "de::field")]
                    pub $field: field_type!($kind $($ty)?),
                )*
            }

            impl $crate::model::schema::Declared for $name {
                const RECORD: &'static $crate::model::schema::Record =
                    &$crate::model::schema::Record {
                        what: $what,
                        type_name: stringify!($name),
                        prefix: $prefix,
                        fields: &[$((stringify!($field), field_shape!($kind $($ty)?))),*],
                        doc: concat!($($doc, "\n",)*),
                        docs: &[$(concat!($($fdoc, "\n",)*)),*],
                    };
            }

            impl de::Located for $name {
                fn set_start(&mut self, at: $crate::source::Span) {
                    self.span = at;
                }
            }

            impl events::Record for $name {
                fn field(&mut self, key: &str, r: &mut events::Reader<'_>) -> Option<()> {
                    match key {
                        $(stringify!($field) => events::read(&mut self.$field, r),)*
                        _ => None,
                    }
                }

                fn set_start(&mut self, at: $crate::source::Span) {
                    self.span = at;
                }
            }

            impl<'de> de::Element<'de> for $name {
                fn element<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    de::located(d)
                }
            }

            impl walk::Walk for $name {
                fn node(&self) -> walk::Node<'_> {
                    walk::Node::$name(self)
                }

                fn extend_spans(&mut self) {
                    let mut span = self.span;
                    $(walk::Part::extend_spans(&mut self.$field, &mut span);)*
                    self.span = span;
                }

                fn walk<'a>(&'a self, at: &walk::At<'a>, v: &mut dyn walk::Visitor<'a>) {
                    let node = walk::Node::$name(self);
                    v.record(at, node);
                    let group = match node {
                        walk::Node::Group(g) => Some(g),
                        _ => at.group,
                    };
                    let record = <$name as $crate::model::schema::Declared>::RECORD;
                    // The table lists the fields in the order they are declared here.
                    let mut fields = record.fields.iter();
                    $(
                        let field = fields.next().expect("the table lists every field");
                        let inner = walk::At { group, record, field };
                        walk::Part::walk(&self.$field, &inner, v);
                    )*
                }
            }
        )*

        /// A record of the model, seen from the walk.
        #[derive(Clone, Copy, Debug)]
        pub enum Node<'a> {
            $($name(&'a $name),)*
        }

        impl<'a> Node<'a> {
            /// The value under a YAML key of this record.
            pub fn get(self, key: &str) -> walk::FieldRef<'a> {
                match self {
                    $(Node::$name(r) => match key {
                        $(stringify!($field) => walk::Part::field_ref(&r.$field),)*
                        _ => walk::FieldRef::Absent,
                    },)*
                }
            }

            /// The record's span.
            pub fn span(self) -> $crate::source::Span {
                match self {
                    $(Node::$name(r) => r.span,)*
                }
            }

            /// The record's type in the schema.
            pub fn record(self) -> &'static $crate::model::schema::Record {
                match self {
                    $(Node::$name(_) => <$name as $crate::model::schema::Declared>::RECORD,)*
                }
            }
        }

        /// Every record, for tests and schema generation.
        pub static RECORDS: &[&$crate::model::schema::Record] =
            &[$(<$name as $crate::model::schema::Declared>::RECORD),*];
    };
}
