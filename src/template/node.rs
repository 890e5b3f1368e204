//! The parse tree, as in Go's text/template/parse/node.go. Every node carries the byte offset of the
//! token it starts at; `Display` gives Go's `String()` forms, which execution errors quote.

use std::fmt;

pub type Pos = usize;

#[derive(Clone, Debug)]
pub enum Node {
    Text(String),
    Action(Pipe),
    If(Branch),
    Range(Branch),
    With(Branch),
    Template {
        pos: Pos,
        name: String,
        pipe: Option<Pipe>,
    },
    Break(Pos),
    Continue(Pos),
}

/// `if`, `range` and `with`: a pipeline, a body and an optional else body.
#[derive(Clone, Debug)]
pub struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

#[derive(Clone, Debug)]
pub struct Pipe {
    pub pos: Pos,
    /// `=` rather than `:=`.
    pub is_assign: bool,
    /// Declared or assigned variables, `$x`.
    pub decl: Vec<String>,
    pub cmds: Vec<Command>,
}

#[derive(Clone, Debug)]
pub struct Command {
    pub pos: Pos,
    pub args: Vec<Arg>,
}

#[derive(Clone, Debug)]
pub enum Arg {
    /// `.A.B`: the identifiers without dots.
    Field(Pos, Vec<String>),
    /// `$x.A.B`: the variable name (with `$`) then the field names.
    Variable(Pos, Vec<String>),
    Dot(Pos),
    Nil(Pos),
    Bool(Pos, bool),
    Number(Pos, Box<Number>),
    /// The quoted source text and the unquoted value.
    String(Pos, String, String),
    /// A function name.
    Identifier(Pos, String),
    /// `(pipe).A.B` or `$x.A` where the base is not a plain field/variable.
    Chain(Pos, Box<Arg>, Vec<String>),
    Pipe(Box<Pipe>),
}

impl Arg {
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Field(p, _)
            | Arg::Variable(p, _)
            | Arg::Dot(p)
            | Arg::Nil(p)
            | Arg::Bool(p, _)
            | Arg::Number(p, _)
            | Arg::String(p, _, _)
            | Arg::Identifier(p, _)
            | Arg::Chain(p, _, _) => *p,
            Arg::Pipe(p) => p.pos,
        }
    }
}

/// A number constant with every interpretation Go's parser found for it.
#[derive(Clone, Debug, Default)]
pub struct Number {
    pub text: String,
    pub is_int: bool,
    pub is_uint: bool,
    pub is_float: bool,
    pub int: i64,
    pub uint: u64,
    pub float: f64,
    /// A character constant (`'a'`).
    pub is_char: bool,
}

impl fmt::Display for Pipe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            f.write_str(&self.decl.join(", "))?;
            f.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match a {
                Arg::Pipe(p) => write!(f, "({p})")?,
                a => write!(f, "{a}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Field(_, ids) => {
                for id in ids {
                    write!(f, ".{id}")?;
                }
                Ok(())
            }
            Arg::Variable(_, ids) => f.write_str(&ids.join(".")),
            Arg::Dot(_) => f.write_str("."),
            Arg::Nil(_) => f.write_str("nil"),
            Arg::Bool(_, b) => write!(f, "{b}"),
            Arg::Number(_, n) => f.write_str(&n.text),
            Arg::String(_, quoted, _) => f.write_str(quoted),
            Arg::Identifier(_, name) => f.write_str(name),
            Arg::Chain(_, node, fields) => {
                match node.as_ref() {
                    Arg::Pipe(p) => write!(f, "({p})")?,
                    n => write!(f, "{n}")?,
                }
                for field in fields {
                    write!(f, ".{field}")?;
                }
                Ok(())
            }
            Arg::Pipe(p) => write!(f, "{p}"),
        }
    }
}

/// Go's `{{...}}` string of a node, used in error contexts.
pub fn node_string(n: &Node) -> String {
    match n {
        Node::Text(t) => crate::template::fmt::quote(t),
        Node::Action(p) => format!("{{{{{p}}}}}"),
        Node::If(b) => branch_string("if", b),
        Node::Range(b) => branch_string("range", b),
        Node::With(b) => branch_string("with", b),
        Node::Template { name, pipe, .. } => match pipe {
            Some(p) => format!("{{{{template {} {p}}}}}", crate::template::fmt::quote(name)),
            None => format!("{{{{template {}}}}}", crate::template::fmt::quote(name)),
        },
        Node::Break(_) => "{{break}}".into(),
        Node::Continue(_) => "{{continue}}".into(),
    }
}

fn branch_string(kw: &str, b: &Branch) -> String {
    let list: String = b.list.iter().map(node_string).collect();
    match &b.else_list {
        Some(e) => {
            let e: String = e.iter().map(node_string).collect();
            format!("{{{{{kw} {}}}}}{list}{{{{else}}}}{e}{{{{end}}}}", b.pipe)
        }
        None => format!("{{{{{kw} {}}}}}{list}{{{{end}}}}", b.pipe),
    }
}

/// Whether a tree holds nothing but white space (Go's `IsEmptyTree`).
pub fn is_empty_tree(nodes: &[Node]) -> bool {
    nodes.iter().all(|n| match n {
        Node::Text(t) => t.trim_matches(|c: char| c.is_whitespace()).is_empty(),
        _ => false,
    })
}
