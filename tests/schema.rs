//! The schema data (`model::schema`) that the lenient pass validates with lists exactly the fields
//! that the serde-derived model accepts: the two cannot drift apart.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use sigs_lint::model::RECORDS;
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

/// A validator for the JSON Schema keywords `sigs-lint schema` uses: `type`, `properties`,
/// `additionalProperties: false`, `items`, `anyOf`, `$ref` to `#/$defs/…`. Returns the path of the
/// first violation.
fn validate(
    schema: &serde_json::Value,
    root: &serde_json::Value,
    v: &sigs_lint::template::Value,
    path: &str,
) -> Result<(), String> {
    use sigs_lint::template::Value as V;
    if let Some(r) = schema.get("$ref").and_then(|r| r.as_str()) {
        let name = r.strip_prefix("#/$defs/").expect("local ref");
        return validate(&root["$defs"][name], root, v, path);
    }
    if let Some(all) = schema.get("allOf").and_then(|a| a.as_array()) {
        for s in all {
            validate(s, root, v, path)?;
        }
    }
    if let (Some(req), V::Map(m, _)) = (schema.get("required").and_then(|r| r.as_array()), v) {
        for key in req.iter().filter_map(|k| k.as_str()) {
            if !m.iter().any(|(k, _)| k == key) {
                return Err(format!("{path}: no `{key}`"));
            }
        }
    }
    if let Some(any) = schema.get("anyOf").and_then(|a| a.as_array()) {
        let errors: Vec<String> = any
            .iter()
            .map(|s| validate(s, root, v, path))
            .filter_map(Result::err)
            .collect();
        return if errors.len() < any.len() {
            Ok(())
        } else {
            Err(format!("{path}: matches no alternative ({})", errors[0]))
        };
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
            _ => vec![],
        };
        let kind = match v {
            V::Nil | V::Invalid => "null",
            V::Str(_) => "string",
            V::Int(_) | V::Float(_) | V::Uint(_) => "number",
            V::Bool(_) => "boolean",
            V::List(..) => "array",
            V::Map(..) => "object",
            _ => "other",
        };
        if !types.contains(&kind) {
            return Err(format!("{path}: {kind} is not one of {types:?}"));
        }
    }
    match v {
        V::Map(m, _) => {
            let props = schema.get("properties").and_then(|p| p.as_object());
            for (k, item) in m.iter() {
                match props.and_then(|p| p.get(k)) {
                    Some(s) => validate(s, root, item, &format!("{path}.{k}"))?,
                    None if schema.get("additionalProperties")
                        == Some(&serde_json::Value::Bool(false)) =>
                    {
                        return Err(format!("{path}: unknown key `{k}`"));
                    }
                    None => {}
                }
            }
        }
        V::List(items, _) => {
            if let Some(s) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    validate(s, root, item, &format!("{path}[{i}]"))?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_against_schema(yaml: &str) -> Result<(), String> {
    check_with(yaml, true)
}

/// Validates against the schema, with or without its `required` lists (data from before the
/// generators validated need not have every required key).
fn check_with(yaml: &str, required: bool) -> Result<(), String> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                o.remove("required");
                o.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut schema = sigs_lint::model::json_schema::json_schema();
    if !required {
        strip(&mut schema);
    }
    let data = sigs_lint::flavour::generic::from_yaml(yaml).expect("valid YAML");
    validate(&schema, &schema, &data, "$")
}

#[test]
fn json_schema_accepts_real_data_and_rejects_unknown_keys() {
    let schema = sigs_lint::model::json_schema::json_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], sigs_lint::model::json_schema::SCHEMA_ID);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    // (file, written for a generator that validates: every required key is there)
    for (path, validated) in [
        ("../shared/corpus/kubernetes-community/sigs.yaml", true),
        (
            "../shared/corpus/kubernetes-community-2024-11-20/sigs.yaml",
            true,
        ),
        (
            "../shared/corpus/kubernetes-community-2022-02-07/sigs.yaml",
            true,
        ),
        (
            "../shared/corpus/kubernetes-community-2021-03-09/sigs.yaml",
            true,
        ),
        (
            "../shared/corpus/kubernetes-community-2019-05-06/sigs.yaml",
            false,
        ),
        (
            "../shared/corpus/kubernetes-community-2019-05-03/sigs.yaml",
            false,
        ),
        ("../shared/corpus/kubeflow-community/wgs.yaml", true),
        ("../shared/corpus/icon-community/sigs.yaml", true),
        ("fixtures/clean/sigs.yaml", true),
        ("fixtures/k8s-style/sigs.yaml", true),
        ("fixtures/icon-style/sigs.yaml", true),
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(path)) else {
            eprintln!("\n!!!!!!!! NOTICE: {path} is absent: not validated !!!!!!!!\n");
            continue;
        };
        check_with(&text, validated).unwrap_or_else(|e| panic!("{path}: {e}"));
        checked += 1;
    }
    assert!(checked >= 3);
    assert_eq!(
        check_against_schema("sigs:\n- dir: sig-a\n  nam: A\n"),
        Err("$.sigs[0]: no `name`".into())
    );
    assert_eq!(
        check_with("sigs:\n- dir: sig-a\n  nam: A\n", false),
        Err("$.sigs[0]: unknown key `nam`".into())
    );
    assert_eq!(
        check_with(
            "sigs:\n- dir: sig-a\n  leadership:\n    chairs:\n    - github: [a]\n",
            false
        ),
        Err("$.sigs[0].leadership: matches no alternative ($.sigs[0].leadership.chairs[0].github: array is not one of [\"string\", \"null\"])".into())
    );
    assert_eq!(
        check_against_schema("committees: 3\n"),
        Err("$.committees: number is not one of [\"array\", \"null\"]".into())
    );
    // What the generator requires: a SIG's charter, a chair's company.
    let sig = "- dir: sig-a\n  name: A\n  label: a\n";
    assert_eq!(
        check_against_schema(&format!("sigs:\n{sig}")),
        Err("$.sigs[0]: no `charter_link`".into())
    );
    assert_eq!(
        check_against_schema(&format!(
            "committees:\n{}  leadership:\n    chairs:\n    - github: x\n      name: X\n",
            sig.replace("sig-", "committee-")
        )),
        Err("$.committees[0].leadership: matches no alternative ($.committees[0].leadership.chairs[0]: no `company`)".into())
    );
    // A `day` is a string: a number is flagged.
    assert_eq!(
        check_with("sigs:\n- meetings:\n  - day: 5\n", false),
        Err("$.sigs[0].meetings[0].day: number is not one of [\"string\", \"null\"]".into())
    );
}

#[test]
fn every_key_of_the_json_schema_has_a_description() {
    let schema = sigs_lint::model::json_schema::json_schema();
    let defs = schema["$defs"].as_object().expect("defs");
    let mut keys = 0;
    for (name, def) in defs.iter().chain([(&"(root)".to_string(), &schema)]) {
        assert!(
            def["description"].as_str().is_some_and(|d| d.len() > 10),
            "{name} has no description"
        );
        for (key, prop) in def["properties"].as_object().into_iter().flatten() {
            let d = prop["description"].as_str().unwrap_or("");
            assert!(d.len() > 10 && !d.contains('\n'), "{name}.{key}: {d:?}");
            keys += 1;
        }
    }
    assert!(keys >= 40, "{keys}");
}

#[test]
fn the_published_schema_file_is_what_sigs_lint_schema_prints() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(root.join("sigs.schema.json")).expect("committed");
    let printed = serde_json::to_string_pretty(&sigs_lint::model::json_schema::json_schema())
        .expect("serializes")
        + "\n";
    assert!(
        committed == printed,
        "sigs.schema.json is stale: run `cargo run -- schema > sigs.schema.json`"
    );
}
