//! serde glue for the typed pass: every scalar and record goes through serde-saphyr's `Spanned<T>`,
//! whose character-based line/column we convert to byte spans through the file's own line index.
//! The file is made available to the `Deserialize` impls for the duration of one parse through a
//! thread-local (serde gives deserializers no other way to carry context).

use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer};
use serde_saphyr::{Location, Spanned};

use super::Str;
use crate::source::{SourceFile, Span};

thread_local! {
    static SOURCE: RefCell<Option<SourceFile>> = const { RefCell::new(None) };
}

/// Runs `f` with `file` as the source that spans are resolved against.
pub fn with_source<R>(file: &SourceFile, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            SOURCE.with(|s| s.borrow_mut().take());
        }
    }
    SOURCE.with(|s| *s.borrow_mut() = Some(file.clone()));
    let _reset = Reset;
    f()
}

/// The byte span of `chars` characters at a 1-based line and character column.
fn resolve(loc: Location, chars: bool) -> Span {
    SOURCE.with(|s| match s.borrow().as_ref() {
        Some(file) if loc.line() > 0 => {
            let len = if chars { loc.span().len() as usize } else { 0 };
            file.char_span(loc.line() as usize, loc.column() as usize, len)
        }
        _ => Span::default(),
    })
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A null where a string is expected (an empty list item) is the empty string, as in Go.
        let s: Spanned<Option<String>> = Spanned::deserialize(d)?;
        Ok(Str {
            span: resolve(s.referenced, true),
            value: s.value.unwrap_or_default().into(),
        })
    }
}

/// A mapping of the model that records where it starts (its extent is computed after the parse).
pub trait Located {
    fn set_start(&mut self, at: Span);
}

/// An element of a [`List`]: a string, or a record that learns where it starts.
pub trait Element<'de>: Sized {
    fn element<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

impl<'de> Element<'de> for Str {
    fn element<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Str::deserialize(d)
    }
}

/// Deserializes a record through `Spanned`, recording its start.
pub fn located<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Located,
{
    let s: Spanned<T> = Spanned::deserialize(d)?;
    let mut v = s.value;
    v.set_start(resolve(s.referenced, false));
    Ok(v)
}

/// For `#[serde(deserialize_with)]` on an optional record.
pub fn record<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Located,
{
    Ok(Option::<Wrap<T>>::deserialize(d)?.map(|w| w.0))
}

/// What a declared field's value is read with (`#[serde(deserialize_with = "de::field")]` on
/// every field of the declaration): a string, a list, or an optional record that learns where it
/// starts.
pub trait Field<'de>: Sized {
    fn field<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

impl<'de> Field<'de> for Option<Str> {
    fn field<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<Str>::deserialize(d)
    }
}

impl<'de, T: Element<'de>> Field<'de> for List<T> {
    fn field<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        List::deserialize(d)
    }
}

impl<'de, T: Deserialize<'de> + Located> Field<'de> for Option<T> {
    fn field<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        record(d)
    }
}

pub fn field<'de, D: Deserializer<'de>, T: Field<'de>>(d: D) -> Result<T, D::Error> {
    T::field(d)
}

struct Wrap<T>(T);

impl<'de, T: Deserialize<'de> + Located> Deserialize<'de> for Wrap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        located(d).map(Wrap)
    }
}

struct Item<T>(T);

impl<'de, T: Element<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::element(d).map(Item)
    }
}

/// A list in document order, with where it stands (`None` when the key is absent or null).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List<T> {
    /// Zero-width position of the list's value.
    pub at: Option<Span>,
    pub items: Vec<T>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            at: None,
            items: Vec::new(),
        }
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.items
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List { at: None, items }
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'de, T: Element<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Option<Spanned<Vec<Item<T>>>> = Option::deserialize(d)?;
        Ok(match s {
            None => List::default(),
            Some(s) => List {
                at: Some(resolve(s.referenced, false)),
                items: s.value.into_iter().map(|i| i.0).collect(),
            },
        })
    }
}
