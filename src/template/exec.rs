//! The executor: a tree walk with Go 1.19's text/template semantics (exec.go): truth, field and
//! method lookup, map keys, `<no value>`, variables and their scopes, and/or short-circuiting, typed
//! function arguments, break/continue, template calls without dynamic scoping.

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use super::funcs::{Func, FuncMap, Param};
use super::node::*;
use super::parse::{ParseError, parse};
use super::value::Value;

/// Deepest `{{template}}` nesting and deepest parse nesting we accept (Go allows 100000 template
/// calls; we stop far earlier so that no input can exhaust the stack).
pub const MAX_EXEC_DEPTH: usize = 200;
/// Largest output we write before giving up (a runaway template cannot fill the disk).
pub const MAX_OUTPUT: usize = 64 << 20;
/// Largest string a function may take or return (generator values are a few kilobytes).
pub const MAX_STRING: usize = 16 << 20;
/// Most bytes of strings the functions of one execution may return in all. Each string is
/// bounded by [`MAX_STRING`], but variables hold them across 200 nested template calls
/// (`{{$x := printf "%s%s%s%s" . . . .}}{{template "a" .}}` held 3 GB); the generators' templates
/// return a few megabytes in all even at a hundred times kubernetes' data.
pub const MAX_PRODUCED: usize = 64 << 20;
/// Most nodes one execution may visit (`{{define "a"}}{{template "a"}}{{template "a"}}{{end}}`
/// would otherwise run for ever); far above what any generator template needs.
pub const DEFAULT_STEP_LIMIT: u64 = 50_000_000;

/// The longest one execution may run; checked every [`DEADLINE_EVERY`] steps. A template whose
/// steps each format megabytes is stopped by time when the step limit would take too long.
pub const DEADLINE: std::time::Duration = std::time::Duration::from_secs(2);

/// The longest all the executions of one run may take together ([`Templates::set_run_deadline`]):
/// each render stops at [`DEADLINE`], but 10,000 groups whose READMEs each run for just under it
/// would take hours (100 of them, each 0.27 s of nested ranges, took 27 s). Kubernetes renders
/// all its docs in milliseconds, 10,000 plain groups in about a second.
pub const RUN_DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);
const DEADLINE_EVERY: u64 = 1024;

/// A template error: parse or execution, worded as Go words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    Parse(Box<ParseError>),
    Exec(Box<ExecError>),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Parse(e) => e.fmt(f),
            TemplateError::Exec(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for TemplateError {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecError {
    /// The template being executed.
    pub name: String,
    /// The text the failing node was parsed from, and its byte offset there.
    pub parse_name: String,
    pub pos: Option<usize>,
    /// `NAME:LINE:COL` (COL 0-based, as Go prints it).
    pub location: String,
    /// Go's string of the failing node (`.Field`), cut at 20 characters.
    pub context: String,
    pub message: String,
}

impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pos.is_none() {
            return write!(f, "template: {}: {}", self.name, self.message);
        }
        write!(
            f,
            "template: {}: executing {} at <{}>: {}",
            self.location,
            super::fmt::quote(&self.name),
            self.context,
            self.message
        )
    }
}

/// One parsed template body and where it came from.
#[derive(Debug)]
struct Body {
    root: Vec<Node>,
    parse_name: String,
    text: Rc<str>,
}

/// A set of named templates sharing one function map, like Go's `*template.Template`.
pub struct Templates {
    trees: HashMap<String, Rc<Body>>,
    /// The body each parsed text gave its own name (Go's `*Template` object keeps its tree even
    /// when a later file `define`s the same name: only `{{template "name"}}` reaches that define).
    own: HashMap<String, Rc<Body>>,
    funcs: FuncMap,
    step_limit: u64,
    /// When the executions of this run must have ended ([`RUN_DEADLINE`] after the first).
    run_deadline: Option<std::time::Instant>,
}

impl Templates {
    pub fn new(funcs: FuncMap) -> Self {
        Templates {
            trees: HashMap::new(),
            own: HashMap::new(),
            funcs,
            step_limit: DEFAULT_STEP_LIMIT,
            run_deadline: None,
        }
    }

    /// Sets when every execution stops: a run's renders share one deadline ([`RUN_DEADLINE`]).
    pub fn set_run_deadline(&mut self, at: std::time::Instant) {
        self.run_deadline = Some(at);
    }

    /// Sets the most nodes one execution may visit.
    pub fn set_step_limit(&mut self, steps: u64) {
        self.step_limit = steps;
    }

    /// Parses `text` under the name `name` (`{{define}}`s in it add more templates), as Go's
    /// `t.New(name).Parse(text)`; a later definition replaces an earlier one unless it is empty.
    pub fn parse(&mut self, name: &str, text: &str) -> Result<(), TemplateError> {
        let funcs = &self.funcs;
        let has = |f: &str| funcs.get(f).is_some();
        let trees = parse(name, text, &has).map_err(|e| TemplateError::Parse(Box::new(e)))?;
        let text: Rc<str> = Rc::from(text);
        for (tname, root) in trees {
            let body = Rc::new(Body {
                root,
                parse_name: name.to_string(),
                text: text.clone(),
            });
            if tname == name && !self.own.contains_key(name) {
                self.own.insert(tname.clone(), body.clone());
            }
            if is_empty_tree(&body.root) && self.trees.contains_key(&tname) {
                continue;
            }
            self.trees.insert(tname, body);
        }
        Ok(())
    }

    /// Executes the template `name` with `data` as dot, appending to `out`.
    pub fn execute(&self, name: &str, data: &Value, out: &mut String) -> Result<(), TemplateError> {
        let Some(body) = self.own.get(name).or_else(|| self.trees.get(name)) else {
            return Err(TemplateError::Exec(Box::new(ExecError {
                name: name.to_string(),
                parse_name: name.to_string(),
                pos: None,
                location: String::new(),
                context: String::new(),
                message: format!(
                    "{} is an incomplete or empty template",
                    super::fmt::quote(name)
                ),
            })));
        };
        // Go's reflect.ValueOf(nil) is no value.
        let data = match data {
            Value::Nil => &Value::Invalid,
            d => d,
        };
        let mut s = State {
            templates: self,
            name: name.to_string(),
            body,
            out,
            vars: vec![("$".to_string(), data.clone())],
            depth: 0,
            steps: 0,
            produced: 0,
            at: None,
            started: std::time::Instant::now(),
        };
        if let Some(e) = s.past_run_deadline(s.started) {
            return Err(TemplateError::Exec(e));
        }
        s.walk_list(data, &body.root)
            .map(|_| ())
            .map_err(TemplateError::Exec)
    }
}

enum Flow {
    Normal,
    Break,
    Continue,
}

type EResult<T> = Result<T, Box<ExecError>>;

/// The node being evaluated, for error messages: its position and (only when an error is
/// reported) Go's string of it.
#[derive(Clone, Copy)]
enum At<'a> {
    Action(&'a Pipe),
    Range(&'a Pipe),
    Pipe(&'a Pipe),
    Node(usize, &'a Node),
    Arg(&'a Arg),
    /// A function call: Go names the whole command (`eq 1 "a"`) in its errors.
    Command(&'a Command),
}

impl At<'_> {
    fn pos(&self) -> usize {
        match self {
            At::Action(p) | At::Range(p) | At::Pipe(p) => p.pos,
            At::Node(pos, _) => *pos,
            At::Arg(a) => a.pos(),
            At::Command(c) => c.pos,
        }
    }

    fn context(&self) -> String {
        match self {
            At::Action(p) => format!("{{{{{p}}}}}"),
            At::Range(p) => format!("{{{{range {p}}}}}"),
            At::Pipe(p) => p.to_string(),
            At::Node(_, n) => node_string(n),
            At::Arg(a) => a.to_string(),
            At::Command(c) => c.to_string(),
        }
    }
}

/// The bytes of the strings a function returned: a string, or the strings of a list or map.
fn string_bytes(v: &Value) -> usize {
    match v {
        Value::Str(s) | Value::Named(_, s) => s.len(),
        Value::List(l, _) => l.iter().map(|v| v.as_str().map_or(0, str::len)).sum(),
        Value::Map(m, _) => m
            .iter()
            .map(|(k, v)| k.len() + v.as_str().map_or(0, str::len))
            .sum(),
        _ => 0,
    }
}

struct State<'a> {
    templates: &'a Templates,
    name: String,
    body: &'a Body,
    out: &'a mut String,
    vars: Vec<(String, Value)>,
    depth: usize,
    steps: u64,
    /// Bytes of strings the functions returned so far (see [`MAX_PRODUCED`]).
    produced: usize,
    at: Option<At<'a>>,
    started: std::time::Instant,
}

impl<'a> State<'a> {
    fn error<T>(&self, message: impl Into<String>) -> EResult<T> {
        let message = message.into();
        let Some(at) = &self.at else {
            return Err(Box::new(ExecError {
                name: self.name.clone(),
                parse_name: self.body.parse_name.clone(),
                pos: None,
                location: String::new(),
                context: String::new(),
                message,
            }));
        };
        let pos = at.pos();
        let text = &self.body.text[..pos.min(self.body.text.len())];
        let line = 1 + text.matches('\n').count();
        let col = match text.rfind('\n') {
            Some(i) => pos - (i + 1),
            None => pos,
        };
        let context = at.context();
        Err(Box::new(ExecError {
            name: self.name.clone(),
            parse_name: self.body.parse_name.clone(),
            pos: Some(pos),
            location: format!("{}:{line}:{col}", self.body.parse_name),
            context,
            message,
        }))
    }

    fn write(&mut self, s: &str) -> EResult<()> {
        if self.out.len() + s.len() > MAX_OUTPUT {
            return self.error(format!("output exceeds {} bytes", MAX_OUTPUT));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn walk_list(&mut self, dot: &Value, list: &'a [Node]) -> EResult<Flow> {
        for n in list {
            match self.walk(dot, n)? {
                Flow::Normal => {}
                flow => return Ok(flow),
            }
        }
        Ok(Flow::Normal)
    }

    /// The error of an execution at `now`, past the run's deadline.
    fn past_run_deadline(&self, now: std::time::Instant) -> Option<Box<ExecError>> {
        if self.templates.run_deadline.is_none_or(|d| now <= d) {
            return None;
        }
        self.error::<()>(format!(
            "the executions of this run exceeded {} seconds in all",
            RUN_DEADLINE.as_secs()
        ))
        .err()
    }

    fn walk(&mut self, dot: &Value, node: &'a Node) -> EResult<Flow> {
        self.steps += 1;
        if self.steps.is_multiple_of(DEADLINE_EVERY) {
            let now = std::time::Instant::now();
            if now - self.started > DEADLINE {
                return self.error(format!("execution exceeded {} seconds", DEADLINE.as_secs()));
            }
            if let Some(e) = self.past_run_deadline(now) {
                return Err(e);
            }
        }
        if self.steps > self.templates.step_limit {
            return self.error(format!(
                "execution exceeded {} steps",
                self.templates.step_limit
            ));
        }
        match node {
            Node::Text(t) => self.write(t)?,
            Node::Action(pipe) => {
                self.at = Some(At::Action(pipe));
                let val = self.eval_pipeline(dot, Some(pipe))?;
                if pipe.decl.is_empty() {
                    self.at = Some(At::Action(pipe));
                    self.print_value(&val)?;
                }
            }
            Node::If(b) | Node::With(b) => {
                let is_with = matches!(node, Node::With(_));
                let mark = self.vars.len();
                let val = self.eval_pipeline(dot, Some(&b.pipe))?;
                let flow = if val.truth() {
                    if is_with {
                        self.walk_list(&val, &b.list)?
                    } else {
                        self.walk_list(dot, &b.list)?
                    }
                } else if let Some(e) = &b.else_list {
                    self.walk_list(dot, e)?
                } else {
                    Flow::Normal
                };
                self.vars.truncate(mark);
                return Ok(flow);
            }
            Node::Range(b) => {
                let mark = self.vars.len();
                let r = self.walk_range(dot, b);
                self.vars.truncate(mark);
                r?;
            }
            Node::Template { pos, name, pipe } => {
                self.at = Some(At::Node(*pos, node));
                let templates: &'a Templates = self.templates;
                let Some(body) = templates.trees.get(name) else {
                    return self.error(format!("template {} not defined", super::fmt::quote(name)));
                };
                if self.depth >= MAX_EXEC_DEPTH {
                    return self.error(format!(
                        "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
                    ));
                }
                let new_dot = self.eval_pipeline(dot, pipe.as_ref())?;
                let saved_vars =
                    std::mem::replace(&mut self.vars, vec![("$".into(), new_dot.clone())]);
                let saved_body = std::mem::replace(&mut self.body, body);
                let saved_name = std::mem::replace(&mut self.name, name.clone());
                self.depth += 1;
                let r = self.walk_list(&new_dot, &body.root);
                self.depth -= 1;
                self.vars = saved_vars;
                self.body = saved_body;
                self.name = saved_name;
                r?;
            }
            Node::Break(_) => return Ok(Flow::Break),
            Node::Continue(_) => return Ok(Flow::Continue),
        }
        Ok(Flow::Normal)
    }

    fn walk_range(&mut self, dot: &Value, b: &'a Branch) -> EResult<()> {
        self.at = Some(At::Range(&b.pipe));
        let val = self.eval_pipeline(dot, Some(&b.pipe))?;
        let val = match val {
            Value::Ptr(_, Some(s)) => Value::Struct(s, true),
            v => v,
        };
        let mark = self.vars.len();
        let decls = b.pipe.decl.len();
        let one = |s: &mut Self, index: Value, elem: Value| -> EResult<bool> {
            if decls > 0 {
                let n = s.vars.len();
                s.vars[n - 1].1 = elem.clone();
            }
            if decls > 1 {
                let n = s.vars.len();
                s.vars[n - 2].1 = index;
            }
            let flow = s.walk_list(&elem, &b.list);
            s.vars.truncate(mark);
            Ok(!matches!(flow?, Flow::Break))
        };
        match &val {
            Value::List(items, _) => {
                if !items.is_empty() {
                    for (i, item) in items.iter().enumerate() {
                        // Slice elements are addressable: pointer methods work on them.
                        if !one(self, Value::Int(i as i64), item.clone().addressable())? {
                            break;
                        }
                    }
                    return Ok(());
                }
            }
            Value::Map(m, _) => {
                if !m.is_empty() {
                    for (k, item) in m.iter() {
                        if !one(self, Value::str(k), item.clone())? {
                            break;
                        }
                    }
                    return Ok(());
                }
            }
            Value::Invalid => {}
            v => {
                let shown = super::fmt::format_value(v, 'v', false);
                return self.error(format!("range can't iterate over {shown}"));
            }
        }
        if let Some(e) = &b.else_list {
            self.walk_list(dot, e)?;
        }
        Ok(())
    }

    fn print_value(&mut self, v: &Value) -> EResult<()> {
        let s = match v {
            // A string prints as itself (most of what templates print): nothing to format.
            Value::Str(s) | Value::Named(_, s) => return self.write(s),
            Value::Invalid => "<no value>".to_string(),
            // A pointer prints as what it points at.
            Value::Ptr(_, Some(s)) => {
                super::fmt::format_value(&Value::Struct(s.clone(), true), 'v', false)
            }
            v => super::fmt::format_value(v, 'v', false),
        };
        self.write(&s)
    }

    fn var_value(&self, name: &str) -> EResult<Value> {
        for (n, v) in self.vars.iter().rev() {
            if n == name {
                return Ok(v.clone());
            }
        }
        self.error(format!("undefined variable: {name}"))
    }

    fn set_var(&mut self, name: &str, value: Value) -> EResult<()> {
        for (n, v) in self.vars.iter_mut().rev() {
            if n == name {
                *v = value;
                return Ok(());
            }
        }
        self.error(format!("undefined variable: {name}"))
    }

    fn eval_pipeline(&mut self, dot: &Value, pipe: Option<&'a Pipe>) -> EResult<Value> {
        let Some(pipe) = pipe else {
            return Ok(Value::Invalid);
        };
        self.at = Some(At::Pipe(pipe));
        let mut value: Option<Value> = None;
        for cmd in &pipe.cmds {
            // A nil interface{} result is dug into: it becomes no value at all.
            value = Some(match self.eval_command(dot, cmd, value)? {
                Value::Nil => Value::Invalid,
                v => v,
            });
        }
        let value = value.unwrap_or(Value::Invalid);
        for v in &pipe.decl {
            if pipe.is_assign {
                self.set_var(v, value.clone())?;
            } else {
                self.vars.push((v.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], final_: &Option<Value>) -> EResult<()> {
        if args.len() > 1 || final_.is_some() {
            return self.error(format!("can't give argument to non-function {}", args[0]));
        }
        Ok(())
    }

    fn eval_command(
        &mut self,
        dot: &Value,
        cmd: &'a Command,
        final_: Option<Value>,
    ) -> EResult<Value> {
        let first = &cmd.args[0];
        match first {
            Arg::Field(_, ids) => {
                self.at = Some(At::Arg(first));
                return self.eval_field_chain(dot, dot.clone(), first, ids, &cmd.args, final_);
            }
            Arg::Chain(_, base, fields) => {
                return self.eval_chain(dot, first, base, fields, &cmd.args, final_);
            }
            Arg::Identifier(_, name) => {
                return self.eval_function(dot, first, At::Command(cmd), name, &cmd.args, final_);
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &final_)?;
                return self.eval_pipeline(dot, Some(p));
            }
            Arg::Variable(_, ids) => {
                self.at = Some(At::Arg(first));
                let value = self.var_value(&ids[0])?;
                if ids.len() == 1 {
                    self.not_a_function(&cmd.args, &final_)?;
                    return Ok(value);
                }
                return self.eval_field_chain(dot, value, first, &ids[1..], &cmd.args, final_);
            }
            _ => {}
        }
        self.at = Some(At::Arg(first));
        self.not_a_function(&cmd.args, &final_)?;
        match first {
            Arg::Bool(_, b) => Ok(Value::Bool(*b)),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => self.error("nil is not a command"),
            Arg::Number(_, n) => self.ideal_constant(n),
            Arg::String(_, _, s) => Ok(Value::str(s)),
            _ => self.error(format!(
                "can't evaluate command {}",
                super::fmt::quote(&first.to_string())
            )),
        }
    }

    fn ideal_constant(&self, n: &Number) -> EResult<Value> {
        let text = &n.text;
        let hex_int = {
            let t = text.trim_start_matches(['+', '-']);
            t.len() > 2
                && t.as_bytes()[0] == b'0'
                && matches!(t.as_bytes()[1], b'x' | b'X')
                && !t.contains(['p', 'P'])
        };
        if n.is_float && !hex_int && !n.is_char && text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(Value::Float(n.float));
        }
        if n.is_int {
            return Ok(Value::Int(n.int));
        }
        if n.is_uint {
            return self.error(format!("{text} overflows int"));
        }
        Ok(Value::Invalid)
    }

    fn eval_chain(
        &mut self,
        dot: &Value,
        node: &'a Arg,
        base: &'a Arg,
        fields: &[String],
        args: &'a [Arg],
        final_: Option<Value>,
    ) -> EResult<Value> {
        self.at = Some(At::Arg(node));
        if matches!(base, Arg::Nil(_)) {
            return self.error(format!("indirection through explicit nil in {node}"));
        }
        let pipe = self.eval_arg(dot, Param::Val, base)?;
        self.eval_field_chain(dot, pipe, node, fields, args, final_)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Value,
        mut receiver: Value,
        node: &'a Arg,
        ids: &[String],
        args: &'a [Arg],
        final_: Option<Value>,
    ) -> EResult<Value> {
        let n = ids.len();
        // A value looked up in a generic map is an `interface {}` to Go's error messages.
        let mut iface = false;
        for id in &ids[..n - 1] {
            let from_map = matches!(&receiver, Value::Map(_, t) if t.ends_with("interface {}"));
            receiver = self.eval_field(dot, id, node, &[], None, (receiver, iface))?;
            iface = from_map;
        }
        self.eval_field(dot, &ids[n - 1], node, args, final_, (receiver, iface))
    }

    fn eval_field(
        &mut self,
        dot: &Value,
        name: &str,
        node: &'a Arg,
        args: &'a [Arg],
        final_: Option<Value>,
        (receiver, iface): (Value, bool),
    ) -> EResult<Value> {
        if matches!(receiver, Value::Invalid) {
            return Ok(Value::Invalid);
        }
        // The receiver's type, for messages only (built when one is).
        let typ = |receiver: &Value| {
            if iface {
                "interface {}".to_string()
            } else {
                receiver.type_name()
            }
        };
        if matches!(receiver, Value::Nil) {
            return self.error(format!("nil pointer evaluating {}.{name}", typ(&receiver)));
        }
        if let Some(m) = receiver.method(name) {
            if m.results == 0 || m.results > 2 {
                return self.error(format!(
                    "can't call method/function {} with {} results",
                    super::fmt::quote(name),
                    m.results
                ));
            }
            // Arguments: the command's words after the first, then the piped value.
            let mut argv = Vec::new();
            let given = args.len().saturating_sub(1) + usize::from(final_.is_some());
            if given != m.args {
                return self.error(format!(
                    "wrong number of args for {name}: want {} got {given}",
                    m.args
                ));
            }
            for a in args.iter().skip(1) {
                argv.push(self.eval_arg(dot, Param::Str, a)?);
            }
            if let Some(f) = final_ {
                argv.push(f);
            }
            if let Value::Ptr(t, None) = &receiver {
                return self.error(format!("nil pointer evaluating *{}.{name}", t.name));
            }
            return (m.call)(&receiver, &argv).or_else(|e| {
                self.at = Some(At::Arg(node));
                self.error(format!("error calling {name}: {e}"))
            });
        }
        let has_args = args.len() > 1 || final_.is_some();
        match &receiver {
            Value::Struct(s, addr) => {
                if let Some(v) = s.field(name) {
                    if has_args {
                        return self.error(format!(
                            "{name} has arguments but cannot be invoked as function"
                        ));
                    }
                    // A field of an addressable struct is addressable.
                    return Ok(if *addr {
                        v.clone().addressable()
                    } else {
                        v.clone()
                    });
                }
            }
            Value::Ptr(t, p) if t.fields.contains(&name) => match p {
                Some(s) => {
                    if has_args {
                        return self.error(format!(
                            "{name} has arguments but cannot be invoked as function"
                        ));
                    }
                    // What a pointer points at is addressable, and so are its fields.
                    return Ok(s
                        .field(name)
                        .cloned()
                        .map_or(Value::Invalid, Value::addressable));
                }
                None => {
                    return self.error(format!("nil pointer evaluating {}.{name}", typ(&receiver)));
                }
            },
            Value::Map(m, _) => {
                if has_args {
                    return self.error(format!("{name} is not a method but has arguments"));
                }
                return Ok(m.get(name).cloned().unwrap_or(Value::Invalid));
            }
            _ => {}
        }
        self.error(format!(
            "can't evaluate field {name} in type {}",
            typ(&receiver)
        ))
    }

    fn eval_function(
        &mut self,
        dot: &Value,
        ident: &'a Arg,
        node: At<'a>,
        name: &str,
        args: &'a [Arg],
        final_: Option<Value>,
    ) -> EResult<Value> {
        self.at = Some(At::Arg(ident));
        let Some(f) = self.templates.funcs.get(name) else {
            return self.error(format!(
                "{} is not a defined function",
                super::fmt::quote(name)
            ));
        };
        self.eval_call(dot, f, node, name, args, final_)
    }

    fn eval_call(
        &mut self,
        dot: &Value,
        f: &Func,
        node: At<'a>,
        name: &str,
        args: &'a [Arg],
        final_: Option<Value>,
    ) -> EResult<Value> {
        let args = if args.is_empty() { args } else { &args[1..] };
        let num_in = args.len() + usize::from(final_.is_some());
        let fixed = f.params.len();
        match f.variadic {
            Some(_) if num_in < fixed => {
                return self.error(format!(
                    "wrong number of args for {name}: want at least {fixed} got {}",
                    args.len()
                ));
            }
            None if num_in != fixed => {
                return self.error(format!(
                    "wrong number of args for {name}: want {fixed} got {num_in}"
                ));
            }
            _ => {}
        }
        // and/or short-circuit and return the deciding operand.
        if f.builtin && (name == "and" || name == "or") {
            let want = name == "or";
            let mut v = Value::Invalid;
            for a in args {
                v = self.eval_arg(dot, Param::Val, a)?;
                if v.truth() == want {
                    return Ok(v);
                }
            }
            if let Some(fv) = final_ {
                v = fv;
            }
            return Ok(v);
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, a) in args.iter().enumerate() {
            let param = if i < fixed {
                f.params[i]
            } else {
                f.variadic.unwrap_or(Param::Val)
            };
            argv.push(self.eval_arg(dot, param, a)?);
        }
        if let Some(fv) = final_ {
            let param = if num_in - 1 < fixed {
                f.params[num_in - 1]
            } else {
                f.variadic.unwrap_or(Param::Val)
            };
            argv.push(self.validate_type(fv, param)?);
        }
        // Every intermediate string is bounded (`printf "%s%s"` doubling): the arguments before
        // the call, the result after it.
        let input: usize = argv.iter().map(|v| v.as_str().map_or(0, str::len)).sum();
        if input > MAX_STRING {
            self.at = Some(node);
            return self.error(format!(
                "error calling {name}: its arguments exceed {MAX_STRING} bytes"
            ));
        }
        let result = (f.call)(&argv).or_else(|e| {
            self.at = Some(node);
            self.error(format!("error calling {name}: {e}"))
        })?;
        if let Value::Str(s) = &result
            && s.len() > MAX_STRING
        {
            self.at = Some(node);
            return self.error(format!(
                "error calling {name}: its result exceeds {MAX_STRING} bytes"
            ));
        }
        self.produced += string_bytes(&result);
        if self.produced > MAX_PRODUCED {
            self.at = Some(node);
            return self.error(format!(
                "error calling {name}: the functions of this execution returned more than {MAX_PRODUCED} bytes in all"
            ));
        }
        Ok(result)
    }

    /// Go's `validateType`: a value passed where the parameter kind `param` is expected.
    fn validate_type(&self, v: Value, param: Param) -> EResult<Value> {
        match param {
            Param::Val => Ok(v),
            Param::Iface => Ok(match v {
                Value::Invalid => Value::Nil,
                v => v,
            }),
            Param::Str => match v {
                Value::Str(_) => Ok(v),
                Value::Invalid => self.error("invalid value; expected string"),
                v => self.error(format!(
                    "wrong type for value; expected string; got {}",
                    v.type_name()
                )),
            },
            Param::Int => match v {
                Value::Int(_) => Ok(v),
                Value::Invalid => self.error("invalid value; expected int"),
                v => self.error(format!(
                    "wrong type for value; expected int; got {}",
                    v.type_name()
                )),
            },
        }
    }

    fn eval_arg(&mut self, dot: &Value, param: Param, n: &'a Arg) -> EResult<Value> {
        self.at = Some(At::Arg(n));
        let v = match n {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => {
                return match param {
                    Param::Val => Ok(Value::Invalid),
                    Param::Iface => Ok(Value::Nil),
                    Param::Str => self.error("cannot assign nil to string"),
                    Param::Int => self.error("cannot assign nil to int"),
                };
            }
            Arg::Field(_, ids) => {
                self.eval_field_chain(dot, dot.clone(), n, ids, std::slice::from_ref(n), None)?
            }
            Arg::Variable(_, ids) => {
                let value = self.var_value(&ids[0])?;
                if ids.len() == 1 {
                    value
                } else {
                    self.eval_field_chain(dot, value, n, &ids[1..], &[], None)?
                }
            }
            Arg::Pipe(p) => self.eval_pipeline(dot, Some(p))?,
            Arg::Identifier(_, name) => self.eval_function(dot, n, At::Arg(n), name, &[], None)?,
            Arg::Chain(_, base, fields) => self.eval_chain(dot, n, base, fields, &[], None)?,
            Arg::Bool(_, b) => {
                return match param {
                    Param::Val | Param::Iface => Ok(Value::Bool(*b)),
                    Param::Str => self.error(format!("expected string; found {n}")),
                    Param::Int => self.error(format!("expected integer; found {n}")),
                };
            }
            Arg::String(_, _, s) => {
                return match param {
                    Param::Val | Param::Iface | Param::Str => Ok(Value::str(s)),
                    Param::Int => self.error(format!("expected integer; found {n}")),
                };
            }
            Arg::Number(_, num) => {
                return match param {
                    Param::Val | Param::Iface => self.ideal_constant(num),
                    Param::Int if num.is_int => Ok(Value::Int(num.int)),
                    Param::Int => self.error(format!("expected integer; found {n}")),
                    Param::Str => self.error(format!("expected string; found {n}")),
                };
            }
        };
        self.validate_type(v, param)
    }
}
