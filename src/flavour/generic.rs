//! Generic YAML data as Go's yaml.v3 decodes it into `interface{}`: the data of the template
//! engine's differential tests and fuzzing, where no generator types apply.

use std::rc::Rc;

use crate::model::tree;
use crate::source::SourceFile;
use crate::template::Value;

/// Generic YAML data as Go's yaml.v3 decodes it into `interface{}`: mappings become
/// `map[string]interface {}`, sequences `[]interface {}`, plain scalars `int`, `float64`, `bool` or
/// nil where YAML 1.2 resolves them so, everything else a string.
pub fn from_yaml(text: &str) -> Result<Value, String> {
    let file = SourceFile::new("data.yaml", text);
    let root = tree::parse(&file).map_err(|e| e.to_string())?;
    Ok(root.map_or(Value::Nil, |n| from_node(&n)))
}

fn from_node(n: &tree::Node) -> Value {
    use tree::NodeKind;
    match &n.kind {
        NodeKind::Null => Value::Nil,
        NodeKind::Scalar {
            text,
            inferred: false,
        } => Value::str(text),
        NodeKind::Scalar { text, .. } => resolve_plain(text),
        NodeKind::Seq(items) => Value::List(
            Rc::new(items.iter().map(from_node).collect()),
            "[]interface {}",
        ),
        NodeKind::Map(entries) => Value::Map(
            Rc::new(
                entries
                    .iter()
                    .map(|(k, v)| (k.key_text().unwrap_or("").to_string(), from_node(v)))
                    .collect(),
            ),
            "map[string]interface {}",
        ),
    }
}

/// yaml.v3's resolution of a plain scalar that the parser did not take as a string.
fn resolve_plain(text: &str) -> Value {
    match text {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let plain = text.replace('_', "");
    let (neg, digits) = match plain.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, plain.strip_prefix('+').unwrap_or(&plain)),
    };
    let sign = if neg { "-" } else { "" };
    let parsed = if let Some(h) = digits.strip_prefix("0x") {
        i64::from_str_radix(&format!("{sign}{h}"), 16).ok()
    } else if let Some(o) = digits.strip_prefix("0o") {
        i64::from_str_radix(&format!("{sign}{o}"), 8).ok()
    } else if let Some(b) = digits.strip_prefix("0b") {
        i64::from_str_radix(&format!("{sign}{b}"), 2).ok()
    } else if digits.bytes().all(|b| b.is_ascii_digit()) && !digits.is_empty() {
        format!("{sign}{digits}").parse::<i64>().ok()
    } else {
        None
    };
    if let Some(i) = parsed {
        return Value::Int(i);
    }
    if let Ok(f) = plain.parse::<f64>()
        && plain.bytes().any(|b| b.is_ascii_digit())
    {
        return Value::Float(f);
    }
    Value::str(text)
}
