//! Functions: Go's builtins (funcs.go, Go 1.19), and the function map the engine calls them
//! through. Each generator's own functions (`tzUrlEncode`, `githubURL`, …) are in
//! `flavour::funcs`.

use std::collections::HashMap;

use super::fmt::{sprint, sprintf, sprintln};
use super::value::Value;

/// How an argument is passed: as Go's `reflect.Value` (builtins), as `interface{}` (print and
/// friends), or as a string or int parameter (the generator's functions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    Val,
    Iface,
    Str,
    Int,
}

#[derive(Clone)]
pub struct Func {
    pub params: &'static [Param],
    /// The element kind of a variadic last parameter.
    pub variadic: Option<Param>,
    pub builtin: bool,
    pub call: fn(&[Value]) -> Result<Value, String>,
}

#[derive(Default, Clone)]
pub struct FuncMap {
    funcs: HashMap<&'static str, Func>,
}

impl FuncMap {
    /// Whether `name` is one of Go's builtin functions.
    pub fn is_builtin(name: &str) -> bool {
        const NAMES: &[&str] = &[
            "and", "or", "not", "len", "index", "slice", "call", "print", "println", "printf",
            "html", "js", "urlquery", "eq", "ne", "lt", "le", "gt", "ge",
        ];
        NAMES.contains(&name)
    }

    /// Go's builtins.
    pub fn builtins() -> Self {
        use Param::*;
        let mut m = FuncMap::default();
        let mut add = |name, params, variadic, call| {
            m.funcs.insert(
                name,
                Func {
                    params,
                    variadic,
                    builtin: true,
                    call,
                },
            );
        };
        add("and", &[Val], Some(Val), |a| Ok(a[0].clone()));
        add("or", &[Val], Some(Val), |a| Ok(a[0].clone()));
        add("not", &[Val], None, |a| Ok(Value::Bool(!a[0].truth())));
        add("len", &[Val], None, len);
        add("index", &[Val], Some(Val), index);
        add("slice", &[Val], Some(Val), slice);
        add("call", &[Val], Some(Val), call);
        add("print", &[], Some(Iface), |a| Ok(Value::str(&sprint(a))));
        add("println", &[], Some(Iface), |a| {
            Ok(Value::str(&sprintln(a)))
        });
        add("printf", &[Str], Some(Iface), |a| {
            Ok(Value::str(&sprintf(a[0].as_str().unwrap_or(""), &a[1..])))
        });
        add("html", &[], Some(Iface), |a| {
            Ok(Value::str(&html_escape(&eval_args(a))))
        });
        add("js", &[], Some(Iface), |a| {
            Ok(Value::str(&js_escape(&eval_args(a))))
        });
        add("urlquery", &[], Some(Iface), |a| {
            Ok(Value::str(&query_escape(&eval_args(a))))
        });
        add("eq", &[Val], Some(Val), eq);
        add("ne", &[Val, Val], None, |a| {
            eq(a).map(|v| Value::Bool(!v.truth()))
        });
        add("lt", &[Val, Val], None, |a| {
            lt(&a[0], &a[1]).map(Value::Bool)
        });
        add("le", &[Val, Val], None, |a| {
            Ok(Value::Bool(lt(&a[0], &a[1])? || eq(a)?.truth()))
        });
        add("gt", &[Val, Val], None, |a| {
            Ok(Value::Bool(!lt(&a[0], &a[1])? && !eq(a)?.truth()))
        });
        add("ge", &[Val, Val], None, |a| {
            Ok(Value::Bool(!lt(&a[0], &a[1])?))
        });
        m
    }

    /// Adds (or replaces) a non-builtin function.
    pub fn add(
        &mut self,
        name: &'static str,
        params: &'static [Param],
        call: fn(&[Value]) -> Result<Value, String>,
    ) {
        self.funcs.insert(
            name,
            Func {
                params,
                variadic: None,
                builtin: false,
                call,
            },
        );
    }

    pub fn get(&self, name: &str) -> Option<&Func> {
        self.funcs.get(name)
    }
}

/// html, js and urlquery take their arguments as `fmt.Sprint` does, but a single string as is.
fn eval_args(args: &[Value]) -> String {
    if let [Value::Str(s)] = args {
        return s.to_string();
    }
    sprint(args)
}

fn len(a: &[Value]) -> Result<Value, String> {
    match &a[0] {
        Value::Str(s) | Value::Named(_, s) => Ok(Value::Int(s.len() as i64)),
        Value::List(l, _) => Ok(Value::Int(l.len() as i64)),
        Value::Map(m, _) => Ok(Value::Int(m.len() as i64)),
        Value::Ptr(_, None) => Err("len of nil pointer".into()),
        Value::Invalid => Err("reflect: call of reflect.Value.Type on zero Value".into()),
        Value::Nil => Err("len of type interface {}".into()),
        v => Err(format!("len of type {}", v.type_name())),
    }
}

fn index_arg(index: &Value, cap: usize) -> Result<usize, String> {
    let x = match index {
        Value::Int(i) => *i,
        Value::Uint(u) => i64::try_from(*u).unwrap_or(i64::MAX),
        Value::Invalid | Value::Nil => return Err("cannot index slice/array with nil".into()),
        v => {
            return Err(format!(
                "cannot index slice/array with type {}",
                v.type_name()
            ));
        }
    };
    if x < 0 || x as u64 > cap as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

fn index(a: &[Value]) -> Result<Value, String> {
    let mut item = a[0].clone();
    if matches!(item, Value::Invalid | Value::Nil) {
        return Err("index of untyped nil".into());
    }
    for idx in &a[1..] {
        item = match item {
            Value::Ptr(_, None) => return Err("index of nil pointer".into()),
            Value::List(l, _) => {
                let x = index_arg(idx, l.len())?;
                match l.get(x) {
                    // `index` hands back the slice element itself: addressable.
                    Some(v) => v.clone().addressable(),
                    None => return Err("reflect: slice index out of range".to_string()),
                }
            }
            Value::Str(s) | Value::Named(_, s) => {
                let x = index_arg(idx, s.len())?;
                match s.as_bytes().get(x) {
                    Some(b) => Value::Uint(*b as u64),
                    None => return Err("reflect: string index out of range".into()),
                }
            }
            Value::Map(m, _) => match idx {
                Value::Str(k) => m.get(k.as_ref()).cloned().unwrap_or(Value::Nil),
                Value::Invalid | Value::Nil => {
                    return Err("value is nil; should be of type string".into());
                }
                v => {
                    return Err(format!(
                        "value has type {}; should be string",
                        v.type_name()
                    ));
                }
            },
            v => return Err(format!("can't index item of type {}", v.type_name())),
        };
    }
    Ok(item)
}

fn slice(a: &[Value]) -> Result<Value, String> {
    let item = a[0].clone();
    if matches!(item, Value::Invalid | Value::Nil) {
        return Err("slice of untyped nil".into());
    }
    if a.len() > 4 {
        return Err(format!("too many slice indexes: {}", a.len() - 1));
    }
    let len = match &item {
        Value::Str(s) => s.len(),
        Value::List(l, _) => l.len(),
        v => return Err(format!("can't slice item of type {}", v.type_name())),
    };
    if let Value::Str(_) = item
        && a.len() == 4
    {
        return Err("cannot 3-index slice a string".into());
    }
    let mut idx = [0usize, len, len];
    for (i, v) in a[1..].iter().enumerate() {
        idx[i] = index_arg(v, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if a.len() == 4 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    match item {
        Value::Str(s) => match s.get(idx[0]..idx[1]) {
            Some(sub) => Ok(Value::str(sub)),
            // Go slices bytes; a cut inside a character makes invalid UTF-8, which we cannot hold.
            None => Err("slice cuts a multi-byte character".into()),
        },
        Value::List(l, t) => Ok(Value::List(std::rc::Rc::new(l[idx[0]..idx[1]].to_vec()), t)),
        _ => unreachable!("checked above"),
    }
}

fn call(a: &[Value]) -> Result<Value, String> {
    match &a[0] {
        Value::Invalid | Value::Nil => Err("call of nil".into()),
        v => Err(format!("non-function of type {}", v.type_name())),
    }
}

#[derive(PartialEq, Eq, Clone, Copy, Debug)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Uint,
    Float,
    String,
    Other,
}

fn basic_kind(v: &Value) -> Kind {
    match v {
        Value::Bool(_) => Kind::Bool,
        Value::Int(_) => Kind::Int,
        Value::Uint(_) => Kind::Uint,
        Value::Float(_) => Kind::Float,
        Value::Str(_) | Value::Named(..) => Kind::String,
        Value::Invalid | Value::Nil => Kind::Invalid,
        _ => Kind::Other,
    }
}

const BAD_COMPARISON: &str = "incompatible types for comparison";
const BAD_COMPARISON_TYPE: &str = "invalid type for comparison";

fn eq(a: &[Value]) -> Result<Value, String> {
    let arg1 = &a[0];
    if a.len() < 2 {
        return Err("missing argument for comparison".into());
    }
    let k1 = basic_kind(arg1);
    for arg in &a[1..] {
        let k2 = basic_kind(arg);
        let truth = if k1 != k2 {
            match (arg1, arg) {
                (Value::Int(i), Value::Uint(u)) | (Value::Uint(u), Value::Int(i)) => {
                    *i >= 0 && *i as u64 == *u
                }
                _ => {
                    // Different kinds: an error unless one side is nil or missing.
                    if !is_zero(arg1) && !is_zero(arg) {
                        return Err(BAD_COMPARISON.into());
                    }
                    false
                }
            }
        } else {
            match (arg1, arg) {
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::Int(x), Value::Int(y)) => x == y,
                (Value::Uint(x), Value::Uint(y)) => x == y,
                (Value::Float(x), Value::Float(y)) => x == y,
                _ if k1 == Kind::String => arg1.as_str() == arg.as_str(),
                _ => compare_other(arg1, arg)?,
            }
        };
        if truth {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// Go's zero `reflect.Value` after `indirectInterface`: missing values and nil interfaces.
fn is_zero(v: &Value) -> bool {
    matches!(v, Value::Invalid | Value::Nil)
}

fn reflect_kind(v: &Value) -> &'static str {
    match v {
        Value::Invalid | Value::Nil => "invalid",
        Value::Struct(..) => "struct",
        Value::Ptr(..) => "ptr",
        Value::List(..) => "slice",
        Value::Map(..) => "map",
        _ => "basic",
    }
}

/// eq on values without a basic kind: nil-ness, pointer identity, struct equality.
fn compare_other(x: &Value, y: &Value) -> Result<bool, String> {
    let (kx, ky) = (reflect_kind(x), reflect_kind(y));
    if kx != ky && kx != "invalid" && ky != "invalid" {
        return Err(format!(
            "non-comparable types {}: {}, {}: {}",
            super::fmt::format_value(x, 'v', false),
            x.type_name(),
            y.type_name(),
            super::fmt::format_value(y, 'v', false)
        ));
    }
    let is_nil = |v: &Value| matches!(v, Value::Invalid | Value::Nil | Value::Ptr(_, None));
    if is_nil(x) || is_nil(y) {
        return Ok(is_nil(x) == is_nil(y));
    }
    match (x, y) {
        (Value::Ptr(_, Some(p)), Value::Ptr(_, Some(q))) => Ok(std::rc::Rc::ptr_eq(p, q)),
        (Value::Struct(p, _), Value::Struct(q, _)) => struct_eq(p, q).ok_or_else(|| {
            format!(
                "non-comparable type {}: {}",
                super::fmt::format_value(y, 'v', false),
                y.type_name()
            )
        }),
        _ => Err(format!(
            "non-comparable type {}: {}",
            super::fmt::format_value(y, 'v', false),
            y.type_name()
        )),
    }
}

/// Go's `==` on structs: field by field; `None` when a field's type is not comparable.
fn struct_eq(p: &super::value::Struct, q: &super::value::Struct) -> Option<bool> {
    if p.ty.name != q.ty.name {
        return Some(false);
    }
    let mut equal = true;
    for (a, b) in p.fields.iter().zip(&q.fields) {
        let same = match (a, b) {
            (Value::List(..), _) | (Value::Map(..), _) => return None,
            (Value::Struct(x, _), Value::Struct(y, _)) => struct_eq(x, y)?,
            (Value::Ptr(_, x), Value::Ptr(_, y)) => match (x, y) {
                (None, None) => true,
                (Some(x), Some(y)) => std::rc::Rc::ptr_eq(x, y),
                _ => false,
            },
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => x == y,
            _ => false,
        };
        equal &= same;
    }
    Some(equal)
}

fn lt(a: &Value, b: &Value) -> Result<bool, String> {
    let (k1, k2) = (basic_kind(a), basic_kind(b));
    if matches!(k1, Kind::Invalid | Kind::Other) || matches!(k2, Kind::Invalid | Kind::Other) {
        return Err(BAD_COMPARISON_TYPE.into());
    }
    if k1 != k2 {
        return match (a, b) {
            (Value::Int(i), Value::Uint(u)) => Ok(*i < 0 || (*i as u64) < *u),
            (Value::Uint(u), Value::Int(i)) => Ok(*i >= 0 && *u < *i as u64),
            _ => Err(BAD_COMPARISON.into()),
        };
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Uint(x), Value::Uint(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ if k1 == Kind::String => Ok(a.as_str() < b.as_str()),
        _ => Err(BAD_COMPARISON_TYPE.into()),
    }
}

/// Go's `template.HTMLEscapeString`.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Go's `template.JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if c.is_ascii() => out.push(c),
            c if c.is_alphanumeric() || (!c.is_control() && !c.is_whitespace()) => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::query_escape;

    #[test]
    fn query_escape_is_gos() {
        // Every ASCII character and some wider ones: unreserved kept, space `+`, each other byte
        // `%XX` in upper case (url.QueryEscape).
        let mut s: String = (0u8..128).map(char::from).collect();
        s.push_str("é€😀");
        let mut want = String::new();
        for b in s.bytes() {
            match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    want.push(char::from(b))
                }
                b' ' => want.push('+'),
                b => want.push_str(&format!("%{b:02X}")),
            }
        }
        assert_eq!(query_escape(&s), want);
        assert_eq!(query_escape("10:00 PT/é"), "10%3A00+PT%2F%C3%A9");
    }
}
