//! The template data of a flavour: the model, completed and sorted as that generator does it, turned
//! into Go values of that flavour's types. The model and the Go structs meet at the YAML keys (as
//! yaml.v3 decodes them): a struct field takes the model value under its key, converted to the
//! field's Go type (string, named string type, slice, struct value, pointer), or Go's zero value
//! when the key is absent. `ReportingWGs` (`yaml:"-"`) is derived.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock};

use super::types::TypeTree;
use super::{Flavour, Fork, Sorting};
use crate::model::walk::{FieldRef, Node};
use crate::model::{self, GroupKind, SigsYaml, Str};
use crate::template::value::{Method, NamedType, Struct, StructType, Value};

/// The flavour's types as the template engine sees them (built once per flavour, kept for the
/// process: a few kilobytes).
pub struct GoTypes {
    structs: HashMap<String, &'static StructType>,
    /// For each struct, how each field is filled: its YAML key and Go type, resolved once.
    plans: HashMap<String, Vec<(String, Conv)>>,
}

/// How a field's value is made from the model.
#[derive(Clone)]
enum Conv {
    /// A string or a named string type.
    Str(Option<&'static NamedType>),
    /// A slice of strings (or named strings) or of structs, with its Go type name.
    List(&'static str, Elem),
    Struct(String),
    Ptr(&'static StructType, String),
    /// A map (always empty: `KEPs` is never filled), with its Go type name.
    Map(&'static str),
}

#[derive(Clone)]
enum Elem {
    Str(Option<&'static NamedType>),
    Struct(String),
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Go's qualified spelling of a type of the generator's package (`[]Group` -> `[]main.Group`).
pub fn qualified(tree: &TypeTree, ty: &str) -> String {
    if let Some(rest) = ty.strip_prefix("[]") {
        return format!("[]{}", qualified(tree, rest));
    }
    if let Some(rest) = ty.strip_prefix('*') {
        return format!("*{}", qualified(tree, rest));
    }
    if tree.get(ty).is_some() {
        format!("main.{ty}")
    } else {
        ty.to_string()
    }
}

impl GoTypes {
    pub fn of(flavour: &'static Flavour) -> &'static GoTypes {
        static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static GoTypes>>> = OnceLock::new();
        let mut cache = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        cache
            .entry(flavour.id)
            .or_insert_with(|| Box::leak(Box::new(GoTypes::build(flavour))))
    }

    fn build(flavour: &'static Flavour) -> GoTypes {
        let tree = flavour.tree();
        let mut structs = HashMap::new();
        let mut named = HashMap::new();
        for t in &tree.types {
            let methods: Vec<Method> = tree
                .methods
                .iter()
                .filter(|m| m.recv == t.name)
                .map(|m| Method {
                    name: leak(m.name.clone()),
                    args: m.params,
                    ptr: m.ptr,
                    results: m.results,
                    call: method_impl(flavour, &m.recv, &m.name),
                })
                .collect();
            let methods: &'static [Method] = Box::leak(methods.into_boxed_slice());
            let name = leak(format!("main.{}", t.name));
            match &t.fields {
                Some(fields) => {
                    let fields: Vec<&'static str> =
                        fields.iter().map(|f| leak(f.name.clone())).collect();
                    let st: &'static StructType = Box::leak(Box::new(StructType {
                        name,
                        fields: Box::leak(fields.into_boxed_slice()),
                        methods,
                    }));
                    structs.insert(t.name.clone(), st);
                }
                None => {
                    named.insert(
                        t.name.clone(),
                        &*Box::leak(Box::new(NamedType { name, methods })),
                    );
                }
            }
        }
        let conv = |ty: &str| -> Conv {
            let str_of = |t: &str| named.get(t).copied();
            if let Some(elem) = ty.strip_prefix("[]") {
                let name = leak(qualified(tree, ty));
                if structs.contains_key(elem) {
                    Conv::List(name, Elem::Struct(elem.to_string()))
                } else {
                    Conv::List(name, Elem::Str(str_of(elem)))
                }
            } else if let Some(elem) = ty.strip_prefix('*') {
                Conv::Ptr(structs[elem], elem.to_string())
            } else if ty.starts_with("map[") {
                Conv::Map(leak(qualified(tree, ty)))
            } else if structs.contains_key(ty) {
                Conv::Struct(ty.to_string())
            } else {
                Conv::Str(str_of(ty))
            }
        };
        let plans = tree
            .types
            .iter()
            .filter_map(|t| {
                let fields = t.fields.as_ref()?;
                let plan = fields
                    .iter()
                    .map(|f| (f.key.clone(), conv(&f.ty)))
                    .collect();
                Some((t.name.clone(), plan))
            })
            .collect();
        GoTypes { structs, plans }
    }

    pub fn struct_type(&self, name: &str) -> Option<&'static StructType> {
        self.structs.get(name).copied()
    }
}

// ---------------------------------------------------------------------------------------------
// Methods.

type MethodFn = fn(&Value, &[Value]) -> Result<Value, String>;

fn method_impl(flavour: &Flavour, recv: &str, name: &str) -> MethodFn {
    match (recv, name) {
        ("Group", "DirName") => group_dir_name,
        ("Group", "LabelName") if flavour.fork == Fork::Kubeflow => kubeflow_label_name,
        ("Group", "LabelName") => label_name,
        ("SIGName", "DirName") => |r, _| Ok(Value::str(&dir_name("sig", r.as_str().unwrap_or("")))),
        ("WGName", "DirName") => |r, _| Ok(Value::str(&dir_name("wg", r.as_str().unwrap_or("")))),
        ("LeadershipGroup", "Owners") => owners,
        ("LeadershipGroup", "PrefixToPersonMap") => prefix_to_person_map,
        ("Context", "PrefixToGroupMap") => prefix_to_group_map,
        _ => unsupported,
    }
}

fn unsupported(_: &Value, _: &[Value]) -> Result<Value, String> {
    Err("sigs-lint does not implement this method (it has no use in a template)".into())
}

/// Go's `strings.ToLower`: rune by rune, the simple lower-case mapping (no final-sigma rule).
pub fn go_lower(s: &str) -> String {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// Go's `strings.ToUpper`: rune by rune, the simple upper-case mapping (`ß` stays `ß`).
pub fn go_upper(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut up = c.to_uppercase();
            match (up.next(), up.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        })
        .collect()
}

/// The generator's `DirName(prefix, name)`: `prefix-` + the name with each ASCII space turned to
/// `-`, lower-cased.
pub fn dir_name(prefix: &str, name: &str) -> String {
    format!("{prefix}-{}", go_lower(&name.replace(' ', "-")))
}

fn field_str<'a>(v: &'a Value, name: &str) -> &'a str {
    match v {
        Value::Struct(s, _) => s.field(name).and_then(Value::as_str).unwrap_or(""),
        Value::Ptr(_, Some(s)) => s.field(name).and_then(Value::as_str).unwrap_or(""),
        _ => "",
    }
}

fn struct_of(v: &Value) -> Option<&Rc<Struct>> {
    match v {
        Value::Struct(s, _) | Value::Ptr(_, Some(s)) => Some(s),
        _ => None,
    }
}

fn group_dir_name(recv: &Value, args: &[Value]) -> Result<Value, String> {
    let prefix = args.first().and_then(Value::as_str).unwrap_or("");
    Ok(Value::str(&dir_name(prefix, field_str(recv, "Name"))))
}

fn label_name(recv: &Value, args: &[Value]) -> Result<Value, String> {
    let prefix = args.first().and_then(Value::as_str).unwrap_or("");
    let dir = dir_name(prefix, field_str(recv, "Name"));
    Ok(Value::str(&dir.replacen(&format!("{prefix}-"), "", 1)))
}

/// kubeflow's `LabelName` removes `area/<prefix>`, which a dir never holds: the whole dir.
fn kubeflow_label_name(recv: &Value, args: &[Value]) -> Result<Value, String> {
    let prefix = args.first().and_then(Value::as_str).unwrap_or("");
    let dir = dir_name(prefix, field_str(recv, "Name"));
    Ok(Value::str(&dir.replacen(&format!("area/{prefix}"), "", 1)))
}

fn list_field(s: &Struct, name: &str) -> (Vec<Value>, &'static str) {
    match s.field(name) {
        Some(Value::List(l, t)) => (l.to_vec(), t),
        _ => (Vec::new(), "[]main.Person"),
    }
}

/// Chairs then tech leads (never emeritus), sorted by GitHub login byte-wise, adjacent equal
/// logins removed.
fn owners(recv: &Value, _: &[Value]) -> Result<Value, String> {
    let s = struct_of(recv).ok_or("Owners on a non-struct")?;
    let (mut all, ty) = list_field(s, "Chairs");
    all.extend(list_field(s, "TechnicalLeads").0);
    all.sort_by(|a, b| field_str(a, "GitHub").cmp(field_str(b, "GitHub")));
    all.dedup_by(|b, a| field_str(a, "GitHub") == field_str(b, "GitHub"));
    Ok(Value::List(Rc::new(all), ty))
}

/// A `map[string][]T` of some list fields of a struct, keyed as the generator keys them.
fn prefix_map(recv: &Value, pairs: &[(&str, &str)], map_ty: &'static str) -> Result<Value, String> {
    let s = struct_of(recv).ok_or("a prefix map of a non-struct")?;
    let m = pairs
        .iter()
        .filter_map(|(key, field)| match s.field(field) {
            Some(v @ Value::List(..)) => Some((key.to_string(), v.clone())),
            _ => None,
        })
        .collect();
    Ok(Value::Map(Rc::new(m), map_ty))
}

fn prefix_to_person_map(recv: &Value, _: &[Value]) -> Result<Value, String> {
    prefix_map(
        recv,
        &[
            ("chair", "Chairs"),
            ("tech_lead", "TechnicalLeads"),
            ("emeritus_lead", "EmeritusLeads"),
        ],
        "map[string][]main.Person",
    )
}

fn prefix_to_group_map(recv: &Value, _: &[Value]) -> Result<Value, String> {
    prefix_map(
        recv,
        &[
            ("sig", "Sigs"),
            ("wg", "WorkingGroups"),
            ("ug", "UserGroups"),
            ("committee", "Committees"),
        ],
        "map[string][]main.Group",
    )
}

// ---------------------------------------------------------------------------------------------
// Completing and sorting, as the flavour's generator does before any template runs.

/// The value, or the empty string for an absent one (Go's zero value).
fn value_or_empty(s: &Option<Str>) -> &str {
    s.as_ref().map_or("", |s| s.value.as_ref())
}

/// `Context.Complete` (K26+): each SIG's reporting working groups, the WGs naming the SIG's exact
/// name in `stakeholder_sigs`, sorted byte-wise.
pub fn reporting_wgs(model: &SigsYaml) -> HashMap<String, Vec<Arc<str>>> {
    let mut out: HashMap<String, Vec<Arc<str>>> = HashMap::new();
    for wg in model.workinggroups.iter() {
        for s in wg.stakeholder_sigs.iter() {
            out.entry(s.value.to_string()).or_default().push(
                wg.name
                    .as_ref()
                    .map_or_else(|| Arc::from(""), |n| Arc::clone(&n.value)),
            );
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Building Go values from the model.

/// A model record, seen as a YAML mapping: its fields are looked up by YAML key through the
/// model's declaration ([`Node::get`]); a SIG also carries the generator's derived field (the
/// working groups that report to it, under the YAML key `-`).
#[derive(Clone, Copy)]
enum Src<'a> {
    Node(Node<'a>),
    Group(&'a model::Group, &'a [Arc<str>]),
}

/// What the model holds under one key.
enum Raw<'a> {
    Absent,
    Str(&'a Arc<str>),
    Strs(Vec<&'a Arc<str>>),
    One(Src<'a>),
    Many(Vec<Src<'a>>),
}

impl<'a> From<FieldRef<'a>> for Raw<'a> {
    fn from(f: FieldRef<'a>) -> Self {
        match f {
            FieldRef::Absent => Raw::Absent,
            FieldRef::Str(s) => Raw::Str(&s.value),
            FieldRef::Strs(l) => Raw::Strs(l.iter().map(|s| &s.value).collect()),
            FieldRef::One(n) => Raw::One(Src::Node(n)),
            FieldRef::Many(ns) => Raw::Many(ns.into_iter().map(Src::Node).collect()),
        }
    }
}

/// The field a list under `key` of a `parent` record is sorted by in the generator's `Context.Sort`
/// (K20+): `Some("")` for a list of strings, sorted by value.
fn sort_field(parent: &str, key: &str, sub_leads: bool) -> Option<&'static str> {
    Some(match (parent, key) {
        ("SigsYaml", "sigs" | "workinggroups" | "usergroups" | "committees") => "dir",
        ("Leadership", "chairs" | "tech_leads" | "emeritus_leads") => "github",
        ("Group" | "Subproject", "meetings") => "description",
        ("Contact", "teams") | ("Group", "subprojects") => "name",
        ("Subproject", "leads") if sub_leads => "github",
        ("Subproject", "owners") | ("Group", "stakeholder_sigs") => "",
        _ => return None,
    })
}

/// The string under `key` of a record ("" when absent).
fn src_str<'a>(src: &Src<'a>, key: &str) -> &'a str {
    let node = match *src {
        Src::Node(n) => n,
        Src::Group(g, _) => Node::Group(g),
    };
    match node.get(key) {
        FieldRef::Str(s) => &s.value,
        _ => "",
    }
}

/// The model's value under `key` of `src`, its lists in the order the generator sorts them into
/// (`sort`: the flavour's sorting; `None` keeps the model's order).
fn get<'a>(
    src: Src<'a>,
    key: &str,
    reporting: &'a HashMap<String, Vec<Arc<str>>>,
    sort: Option<(Sorting, bool)>,
) -> Raw<'a> {
    let mut raw = get_unsorted(src, key, reporting);
    let Some((sorting, sub_leads)) = sort else {
        return raw;
    };
    let parent = match src {
        Src::Node(n) => n.record().type_name,
        Src::Group(..) => "Group",
    };
    // Byte-wise and stable, as Go's sort.SliceStable over strings.
    match (&mut raw, sorting) {
        (Raw::Many(items), Sorting::LowerName) if parent == "SigsYaml" => {
            items.sort_by_cached_key(|g| go_lower(src_str(g, "name")).into_bytes());
        }
        (Raw::Many(items), Sorting::Full) => {
            if let Some(field) = sort_field(parent, key, sub_leads) {
                items.sort_by(|a, b| {
                    src_str(a, field)
                        .as_bytes()
                        .cmp(src_str(b, field).as_bytes())
                });
            }
        }
        (Raw::Strs(items), Sorting::Full) if sort_field(parent, key, sub_leads) == Some("") => {
            items.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        }
        _ => {}
    }
    raw
}

fn get_unsorted<'a>(
    src: Src<'a>,
    key: &str,
    reporting: &'a HashMap<String, Vec<Arc<str>>>,
) -> Raw<'a> {
    match src {
        Src::Node(Node::SigsYaml(c)) => match GroupKind::from_key(key) {
            Some(kind) => Raw::Many(
                c.groups_of(kind)
                    .iter()
                    .map(|g| {
                        let r = match kind {
                            GroupKind::Sig => reporting
                                .get(value_or_empty(&g.name))
                                .map(Vec::as_slice)
                                .unwrap_or(&[]),
                            _ => &[],
                        };
                        Src::Group(g, r)
                    })
                    .collect(),
            ),
            None => Node::SigsYaml(c).get(key).into(),
        },
        Src::Group(_, r) if key == "-" => Raw::Strs(r.iter().collect()),
        Src::Group(g, _) => Node::Group(g).get(key).into(),
        Src::Node(n) => n.get(key).into(),
    }
}

struct Builder<'a> {
    types: &'static GoTypes,
    reporting: &'a HashMap<String, Vec<Arc<str>>>,
    /// The flavour's sorting and whether it sorts subproject leads; `None`: the model's order.
    sort: Option<(Sorting, bool)>,
    /// The empty string, shared by every absent string field.
    empty: Arc<str>,
}

impl<'a> Builder<'a> {
    fn struct_value(&self, ty: &str, src: Option<Src<'a>>) -> Rc<Struct> {
        let st = self.types.structs[ty];
        let fields = self.types.plans[ty]
            .iter()
            .map(|(key, conv)| {
                let raw = src.map_or(Raw::Absent, |s| get(s, key, self.reporting, self.sort));
                self.value(conv, raw)
            })
            .collect();
        Rc::new(Struct { ty: st, fields })
    }

    fn value(&self, conv: &Conv, raw: Raw<'a>) -> Value {
        // The model's strings are shared, not copied.
        let string = |named: &Option<&'static NamedType>, text: &Arc<str>| match named {
            Some(n) => Value::Named(n, Arc::clone(text)),
            None => Value::Str(Arc::clone(text)),
        };
        match conv {
            Conv::Str(named) => match raw {
                Raw::Str(t) => string(named, t),
                _ => string(named, &self.empty),
            },
            Conv::List(name, elem) => {
                let items: Vec<Value> = match (raw, elem) {
                    (Raw::Strs(v), Elem::Str(named)) => {
                        v.into_iter().map(|t| string(named, t)).collect()
                    }
                    (Raw::Many(v), Elem::Struct(ty)) => v
                        .into_iter()
                        .map(|s| Value::Struct(self.struct_value(ty, Some(s)), false))
                        .collect(),
                    _ => Vec::new(),
                };
                Value::List(Rc::new(items), name)
            }
            Conv::Ptr(st, ty) => match raw {
                Raw::One(s) => Value::Ptr(st, Some(self.struct_value(ty, Some(s)))),
                _ => Value::Ptr(st, None),
            },
            Conv::Map(name) => Value::Map(Rc::new(BTreeMap::new()), name),
            Conv::Struct(ty) => {
                let src = match raw {
                    Raw::One(s) => Some(s),
                    _ => None,
                };
                Value::Struct(self.struct_value(ty, src), false)
            }
        }
    }
}

/// The data of list, aliases and liaisons templates: the whole `Context`, completed and sorted
/// (K20+ `Context.Sort`: each list's references sorted by the keys of [`sort_field`], byte-wise
/// and stable; K10-K19 only the groups, by lower-cased name).
pub fn context(flavour: &'static Flavour, model: &SigsYaml) -> Value {
    let sub_leads = flavour.tree().has_field("Subproject", "Leads");
    build_context(flavour, model, Some((flavour.sorting(), sub_leads)))
}

/// [`context`] in the model's own order.
pub fn context_of_sorted(flavour: &'static Flavour, m: &SigsYaml) -> Value {
    build_context(flavour, m, None)
}

fn build_context(flavour: &'static Flavour, m: &SigsYaml, sort: Option<(Sorting, bool)>) -> Value {
    let reporting = if flavour.tree().has_field("Group", "ReportingWGs") {
        reporting_wgs(m)
    } else {
        HashMap::new()
    };
    let b = Builder {
        types: GoTypes::of(flavour),
        reporting: &reporting,
        sort,
        empty: Arc::from(""),
    };
    Value::Struct(
        b.struct_value("Context", Some(Src::Node(Node::SigsYaml(m)))),
        false,
    )
}

/// The data of one README: the group (a copy, not addressable). Before K20 the copy's `Dir` is
/// `DirName(prefix)`.
pub fn readme_data(flavour: &Flavour, group: &Value, kind: GroupKind) -> Value {
    if flavour.readme_dir_from_yaml() {
        return group.clone();
    }
    let Value::Struct(s, _) = group else {
        return group.clone();
    };
    let mut fields = s.fields.clone();
    if let Some(i) = s.ty.fields.iter().position(|f| *f == "Dir") {
        fields[i] = Value::str(&dir_name(kind.prefix(), field_str(group, "Name")));
    }
    Value::Struct(Rc::new(Struct { ty: s.ty, fields }), false)
}

/// The groups of one kind in a context value (`Sigs`, `WorkingGroups`, …).
pub fn groups(context: &Value, kind: GroupKind) -> Vec<Value> {
    let field = match kind {
        GroupKind::Sig => "Sigs",
        GroupKind::WorkingGroup => "WorkingGroups",
        GroupKind::UserGroup => "UserGroups",
        GroupKind::Committee => "Committees",
    };
    match context {
        Value::Struct(s, _) => match s.field(field) {
            Some(Value::List(l, _)) => l.to_vec(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The `Dir` of a group value.
pub fn dir_of(group: &Value) -> String {
    field_str(group, "Dir").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| key(a).as_bytes().cmp(key(b).as_bytes()));
    }

    /// The model as the flavour's generator holds it when templates run, sorted as a copy (what
    /// [`context`] does by reference, kept as the reference it is tested against): K20+
    /// `Context.Sort` (groups by dir; people by GitHub login; meetings by description; teams,
    /// subprojects by name; owners; stakeholder SIGs), byte-wise and stable; K10-K19 only the
    /// groups, by lower-cased name.
    fn sorted(flavour: &'static Flavour, model: &SigsYaml) -> SigsYaml {
        let mut m = model.clone();
        let tree = flavour.tree();
        let sub_leads = tree.has_field("Subproject", "Leads");
        for kind in GroupKind::ALL {
            let groups = m.groups_of_mut(kind);
            if flavour.sorting() == Sorting::LowerName {
                groups.sort_by_cached_key(|g| go_lower(value_or_empty(&g.name)).into_bytes());
                continue;
            }
            sort_by_key(groups, |g| value_or_empty(&g.dir));
            for g in groups.iter_mut() {
                if let Some(l) = &mut g.leadership {
                    sort_by_key(&mut l.chairs, |p| value_or_empty(&p.github));
                    sort_by_key(&mut l.tech_leads, |p| value_or_empty(&p.github));
                    sort_by_key(&mut l.emeritus_leads, |p| value_or_empty(&p.github));
                }
                sort_by_key(&mut g.meetings, |x| value_or_empty(&x.description));
                if let Some(c) = &mut g.contact {
                    sort_by_key(&mut c.teams, |t| value_or_empty(&t.name));
                }
                sort_by_key(&mut g.subprojects, |s| value_or_empty(&s.name));
                for sp in g.subprojects.iter_mut() {
                    sort_by_key(&mut sp.owners, |o| o.value.as_ref());
                    if sub_leads {
                        sort_by_key(&mut sp.leads, |p| value_or_empty(&p.github));
                    }
                    sort_by_key(&mut sp.meetings, |x| value_or_empty(&x.description));
                    if let Some(c) = &mut sp.contact {
                        sort_by_key(&mut c.teams, |t| value_or_empty(&t.name));
                    }
                }
                sort_by_key(&mut g.stakeholder_sigs, |s| s.value.as_ref());
            }
        }
        m
    }

    /// Deep equality of two values (same kinds, types, fields and order).
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Invalid, Value::Invalid) | (Value::Nil, Value::Nil) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Uint(x), Value::Uint(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Named(t, x), Value::Named(u, y)) => t.name == u.name && x == y,
            (Value::List(x, t), Value::List(y, u)) => {
                t == u && x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same(a, b))
            }
            (Value::Map(x, t), Value::Map(y, u)) => {
                t == u
                    && x.len() == y.len()
                    && x.iter()
                        .zip(y.iter())
                        .all(|((k, a), (l, b))| k == l && same(a, b))
            }
            (Value::Struct(x, p), Value::Struct(y, q)) => p == q && same_struct(x, y),
            (Value::Ptr(t, x), Value::Ptr(u, y)) => {
                t.name == u.name
                    && match (x, y) {
                        (Some(x), Some(y)) => same_struct(x, y),
                        (None, None) => true,
                        _ => false,
                    }
            }
            _ => false,
        }
    }

    fn same_struct(x: &Struct, y: &Struct) -> bool {
        x.ty.name == y.ty.name
            && x.fields.len() == y.fields.len()
            && x.fields.iter().zip(&y.fields).all(|(a, b)| same(a, b))
    }

    /// The context sorts each list's references as `sorted` sorts a copy of the model: the same
    /// values, for every flavour, on every fixture's data file and the corpus's where present.
    #[test]
    fn context_sorts_as_sorted_does() {
        let dirs = crate::testutil::data_dirs();
        let mut compared = 0;
        for dir in dirs {
            for name in ["sigs.yaml", "wgs.yaml"] {
                let Ok(bytes) = std::fs::read(dir.join(name)) else {
                    continue;
                };
                let (file, _) = crate::model::load_file(name, bytes);
                let loaded = crate::model::load(&file);
                if !loaded.usable {
                    continue;
                }
                for flavour in super::super::KNOWN {
                    let direct = context(flavour, &loaded.model);
                    let copied = context_of_sorted(flavour, &sorted(flavour, &loaded.model));
                    assert!(
                        same(&direct, &copied),
                        "{} with {}: the contexts differ",
                        dir.join(name).display(),
                        flavour.id
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared >= 100, "{compared}");
    }
}
