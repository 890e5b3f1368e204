//! The schema data (`model::schema`) that the lenient pass validates with lists exactly the fields
//! that the serde-derived model accepts: the two cannot drift apart.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use sigs_lint::model::schema::RECORDS;
use sigs_lint::model::*;

/// A deserializer that only records the field list a derived `Deserialize` asks for.
struct Recorder<'a>(&'a mut Vec<&'static str>);

impl<'de> Deserializer<'de> for Recorder<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend(fields);
        Err(de::Error::custom("recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

fn fields_of<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
    let mut out = Vec::new();
    assert!(T::deserialize(Recorder(&mut out)).is_err());
    out
}

#[test]
fn schema_lists_exactly_the_model_fields() {
    let model: Vec<(&str, Vec<&str>)> = vec![
        ("SigsYaml", fields_of::<SigsYaml>()),
        ("Group", fields_of::<Group>()),
        ("Leadership", fields_of::<Leadership>()),
        ("Person", fields_of::<Person>()),
        ("Meeting", fields_of::<Meeting>()),
        ("Contact", fields_of::<Contact>()),
        ("Discord", fields_of::<Discord>()),
        ("Team", fields_of::<Team>()),
        ("Subproject", fields_of::<Subproject>()),
    ];
    assert_eq!(model.len(), RECORDS.len());
    for (name, fields) in model {
        let record = RECORDS
            .iter()
            .find(|r| r.type_name == name)
            .unwrap_or_else(|| panic!("no schema record for {name}"));
        assert_eq!(record.keys().collect::<Vec<_>>(), fields, "{name}");
    }
}
