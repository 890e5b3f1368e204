//! Values as Go's reflect sees them, for the kinds templates meet: the generator's structs (and
//! pointers to them), slices, string-keyed maps, strings, numbers, booleans and nil.

use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

/// A Go method on a struct or named string type. `call` gets the receiver and the arguments.
pub struct Method {
    pub name: &'static str,
    /// Number of arguments after the receiver.
    pub args: usize,
    /// Declared on the pointer type (`func (g *Group) …`): Go's template can call it only on an
    /// addressable value or through a pointer (see [`Value::Struct`]).
    pub ptr: bool,
    /// Number of results (Go calls only methods with 1, or 2 with the second an error).
    pub results: usize,
    pub call: fn(&Value, &[Value]) -> Result<Value, String>,
}

/// A Go struct type: its qualified name (`main.Group`), its exported fields in declaration order
/// and its methods.
pub struct StructType {
    pub name: &'static str,
    pub fields: &'static [&'static str],
    pub methods: &'static [Method],
}

/// A named string type with methods (the generator's `WGName`).
pub struct NamedType {
    pub name: &'static str,
    pub methods: &'static [Method],
}

pub struct Struct {
    pub ty: &'static StructType,
    /// In the order of `ty.fields`.
    pub fields: Vec<Value>,
}

impl Struct {
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.ty
            .fields
            .iter()
            .position(|f| *f == name)
            .map(|i| &self.fields[i])
    }
}

#[derive(Clone)]
pub enum Value {
    /// Go's invalid (zero) reflect.Value: a missing map key, no dot. Prints `<no value>`.
    Invalid,
    /// A nil interface value (YAML null in generic data). Prints `<nil>`.
    Nil,
    Bool(bool),
    Int(i64),
    /// Unsigned integers (a byte from indexing a string).
    Uint(u64),
    Float(f64),
    Str(Arc<str>),
    /// A string of a named type with methods.
    Named(&'static NamedType, Arc<str>),
    /// A slice; the string is its Go type (`[]string`, `[]main.Person`, `[]interface {}`).
    List(Rc<Vec<Value>>, &'static str),
    /// A string-keyed map, keys sorted (Go ranges and prints maps in key order). The string is its
    /// Go type (`map[string]interface {}`).
    Map(Rc<BTreeMap<String, Value>>, &'static str),
    /// A struct value; the flag is reflect's `CanAddr`: true for elements reached by ranging over
    /// or indexing a slice, for fields of addressable structs and for what a pointer points at;
    /// false for the data passed to `Execute`, map values and results of functions and methods.
    /// Methods with a pointer receiver exist only on addressable structs.
    Struct(Rc<Struct>, bool),
    /// A pointer to a struct; `None` is a nil pointer of that type.
    Ptr(&'static StructType, Option<Rc<Struct>>),
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::template::fmt::format_value(self, 'v', false))
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::from(s))
    }

    /// Go's type name, for messages.
    pub fn type_name(&self) -> String {
        match self {
            Value::Invalid => "<invalid reflect.Value>".into(),
            Value::Nil => "interface {}".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Uint(_) => "uint8".into(),
            Value::Float(_) => "float64".into(),
            Value::Str(_) => "string".into(),
            Value::Named(t, _) => t.name.into(),
            Value::List(_, t) | Value::Map(_, t) => (*t).into(),
            Value::Struct(s, _) => s.ty.name.into(),
            Value::Ptr(t, _) => format!("*{}", t.name),
        }
    }

    /// Go's truth (`isTrue`): false, 0, nil, and empty strings, slices and maps are false; a struct
    /// is always true; `None` for values that have no truth (none here).
    pub fn truth(&self) -> bool {
        match self {
            Value::Invalid | Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Uint(u) => *u != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) | Value::Named(_, s) => !s.is_empty(),
            Value::List(l, _) => !l.is_empty(),
            Value::Map(m, _) => !m.is_empty(),
            Value::Struct(..) => true,
            Value::Ptr(_, p) => p.is_some(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Named(_, s) => Some(s),
            _ => None,
        }
    }

    /// The method `name` if Go's template would find it on this value: value-receiver methods
    /// always, pointer-receiver ones only through a pointer or on an addressable struct.
    pub fn method(&self, name: &str) -> Option<&'static Method> {
        let (methods, ptr_ok) = match self {
            Value::Struct(s, addr) => (s.ty.methods, *addr),
            Value::Ptr(t, _) => (t.methods, true),
            Value::Named(t, _) => (t.methods, false),
            _ => return None,
        };
        methods
            .iter()
            .find(|m| m.name == name && (ptr_ok || !m.ptr))
    }

    /// The same value marked addressable (a slice element, a field of an addressable struct).
    pub fn addressable(self) -> Value {
        match self {
            Value::Struct(s, _) => Value::Struct(s, true),
            v => v,
        }
    }

    /// A struct value as data passed to a template (not addressable).
    pub fn new_struct(ty: &'static StructType, fields: Vec<Value>) -> Value {
        Value::Struct(Rc::new(Struct { ty, fields }), false)
    }
}
