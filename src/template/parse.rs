//! The recursive-descent parser of Go's text/template/parse (Go 1.19), plus `else with` (Go 1.23).

use std::fmt;

use super::lex::{Item, ItemType, lex};
use super::node::*;
use super::strconv::{parse_float, parse_int, parse_uint, unquote};

/// A parsed template: its name, the name of the text it was parsed from, and its body.
#[derive(Clone, Debug)]
pub struct Tree {
    pub name: String,
    /// The name of the template text the tree was parsed from (a file name), for error locations.
    pub parse_name: String,
    pub root: Vec<Node>,
    /// The source text (shared by every tree parsed from it), for error locations.
    pub text: std::rc::Rc<str>,
}

/// A parse error, worded as Go words it: `template: NAME:LINE: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub parse_name: String,
    pub line: usize,
    /// Byte offset of the token at fault.
    pub pos: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "template: {}:{}: {}",
            self.parse_name, self.line, self.message
        )
    }
}

impl std::error::Error for ParseError {}

type PResult<T> = Result<T, ParseError>;

/// Deepest nesting of control structures and parentheses we parse (Go has no limit; no real
/// template comes near it, and it bounds the parser's and executor's recursion).
pub const MAX_PARSE_DEPTH: usize = 200;

struct Parser<'f, 'a> {
    depth: usize,
    items: Vec<Item<'a>>,
    idx: usize,
    /// The name of the tree being parsed (changes inside `define`).
    name: String,
    parse_name: String,
    vars: Vec<String>,
    range_depth: usize,
    action_line: usize,
    has_function: &'f dyn Fn(&str) -> bool,
    /// The last token handed out, for error lines.
    last_line: usize,
    last_pos: usize,
    /// The tree set (Go's `treeSet`): every tree parsed so far, keyed by name in the order met.
    trees: Vec<(String, Vec<Node>)>,
    /// Where each name is in `trees` (a define is found in constant time: 100k defines would
    /// otherwise take quadratic time).
    index: std::collections::HashMap<String, usize>,
}

/// Parses `text` as the template `name`; `{{define}}` and `{{block}}` add more trees. Returns every
/// tree keyed by name, the top-level one under `name` (Go's `parse.Parse`).
pub fn parse(
    name: &str,
    text: &str,
    has_function: &dyn Fn(&str) -> bool,
) -> PResult<Vec<(String, Vec<Node>)>> {
    let items = lex(text, !has_function("break"), !has_function("continue"));
    let mut p = Parser {
        depth: 0,
        items,
        idx: 0,
        name: name.to_string(),
        parse_name: name.to_string(),
        vars: vec!["$".into()],
        range_depth: 0,
        action_line: 0,
        has_function,
        last_line: 1,
        last_pos: 0,
        trees: Vec::new(),
        index: Default::default(),
    };
    let root = p.parse_top()?;
    p.add(name.to_string(), root)?;
    Ok(p.trees)
}

impl<'a> Parser<'_, 'a> {
    fn error<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(ParseError {
            parse_name: self.parse_name.clone(),
            line: self.last_line,
            pos: self.last_pos,
            message: message.into(),
        })
    }

    fn next(&mut self) -> Item<'a> {
        let item = self.items[self.idx.min(self.items.len() - 1)].clone();
        if self.idx < self.items.len() {
            self.idx += 1;
        }
        self.last_line = item.line;
        self.last_pos = item.pos;
        item
    }

    fn backup(&mut self) {
        self.idx -= 1;
    }

    fn peek(&mut self) -> Item<'a> {
        let item = self.next();
        self.backup();
        item
    }

    fn next_non_space(&mut self) -> Item<'a> {
        loop {
            let item = self.next();
            if item.typ != ItemType::Space {
                return item;
            }
        }
    }

    fn peek_non_space(&mut self) -> Item<'a> {
        let item = self.next_non_space();
        self.backup();
        item
    }

    fn expect(&mut self, typ: ItemType, context: &str) -> PResult<Item<'a>> {
        let token = self.next_non_space();
        if token.typ != typ {
            return self.unexpected(&token, context);
        }
        Ok(token)
    }

    fn unexpected<T>(&mut self, token: &Item, context: &str) -> PResult<T> {
        if token.typ == ItemType::Error {
            let mut extra = String::new();
            if self.action_line != 0 && self.action_line != token.line {
                extra = format!(
                    " in action started at {}:{}",
                    self.parse_name, self.action_line
                );
                if token.val.ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.error(format!("{token}{extra}"));
        }
        self.error(format!("unexpected {token} in {context}"))
    }

    /// Adds a tree to the set (Go's `Tree.add`): an empty tree does not replace a defined one.
    fn add(&mut self, name: String, root: Vec<Node>) -> PResult<()> {
        let at = self.index.get(&name).copied();
        match at.map(|i| &mut self.trees[i]) {
            None => {
                self.index.insert(name.clone(), self.trees.len());
                self.trees.push((name, root));
            }
            Some((_, existing)) if is_empty_tree(existing) => *existing = root,
            Some(_) if !is_empty_tree(&root) => {
                return self.error(format!(
                    "template: multiple definition of template {}",
                    super::fmt::quote(&name)
                ));
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// The top level: like `item_list`, but `{{define}}` is allowed and it runs to EOF.
    fn parse_top(&mut self) -> PResult<Vec<Node>> {
        let mut root = Vec::new();
        while self.peek().typ != ItemType::Eof {
            if self.peek().typ == ItemType::LeftDelim {
                let mark = self.idx;
                self.next();
                if self.next_non_space().typ == ItemType::Define {
                    self.parse_definition()?;
                    continue;
                }
                self.idx = mark;
            }
            match self.text_or_action()? {
                Ctl::Node(n) => root.push(n),
                Ctl::End => return self.error("unexpected {{end}}"),
                Ctl::Else(_) => return self.error("unexpected {{else}}"),
            }
        }
        Ok(root)
    }

    fn parse_definition(&mut self) -> PResult<()> {
        let context = "define clause";
        let token = self.next_non_space();
        if !matches!(token.typ, ItemType::String | ItemType::RawString) {
            return self.unexpected(&token, context);
        }
        let name = match unquote(&token.val) {
            Ok(n) => n,
            Err(e) => return self.error(e),
        };
        self.expect(ItemType::RightDelim, context)?;
        // A definition has its own variables.
        let saved_vars = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let saved_name = std::mem::replace(&mut self.name, name.clone());
        let (list, end) = self.item_list()?;
        if !matches!(end, Ctl::End) {
            return self.error(format!("unexpected {} in {context}", end.describe()));
        }
        self.add(name, list)?;
        self.vars = saved_vars;
        self.name = saved_name;
        Ok(())
    }

    fn item_list(&mut self) -> PResult<(Vec<Node>, Ctl)> {
        let mut list = Vec::new();
        while self.peek_non_space().typ != ItemType::Eof {
            match self.text_or_action()? {
                Ctl::Node(n) => list.push(n),
                end => return Ok((list, end)),
            }
        }
        self.error("unexpected EOF")
    }

    fn text_or_action(&mut self) -> PResult<Ctl> {
        let token = self.next_non_space();
        match token.typ {
            ItemType::Text => Ok(Ctl::Node(Node::Text(token.val.to_string()))),
            ItemType::LeftDelim => {
                self.action_line = token.line;
                let r = self.action();
                self.action_line = 0;
                r
            }
            ItemType::Comment => self.text_or_action(),
            _ => self.unexpected(&token, "input"),
        }
    }

    fn action(&mut self) -> PResult<Ctl> {
        let token = self.next_non_space();
        match token.typ {
            ItemType::Block => return self.block_control(),
            ItemType::Break => return self.break_control(token.pos, true),
            ItemType::Continue => return self.break_control(token.pos, false),
            ItemType::Else => return self.else_control(),
            ItemType::End => {
                self.expect(ItemType::RightDelim, "end")?;
                return Ok(Ctl::End);
            }
            ItemType::If => return self.control("if"),
            ItemType::Range => return self.control("range"),
            ItemType::Template => return self.template_control(),
            ItemType::With => return self.control("with"),
            _ => {}
        }
        self.backup();
        let pipe = self.pipeline("command", ItemType::RightDelim)?;
        Ok(Ctl::Node(Node::Action(pipe)))
    }

    fn break_control(&mut self, pos: Pos, is_break: bool) -> PResult<Ctl> {
        let what = if is_break {
            "{{break}}"
        } else {
            "{{continue}}"
        };
        let token = self.next_non_space();
        if token.typ != ItemType::RightDelim {
            return self.unexpected(&token, what);
        }
        if self.range_depth == 0 {
            return self.error(format!("{what} outside {{{{range}}}}"));
        }
        Ok(Ctl::Node(if is_break {
            Node::Break(pos)
        } else {
            Node::Continue(pos)
        }))
    }

    fn else_control(&mut self) -> PResult<Ctl> {
        // `{{else if …}}` and `{{else with …}}` leave the keyword pending.
        let peek = self.peek_non_space();
        if matches!(peek.typ, ItemType::If | ItemType::With) {
            return Ok(Ctl::Else(Some(peek.typ)));
        }
        self.expect(ItemType::RightDelim, "else")?;
        Ok(Ctl::Else(None))
    }

    fn control(&mut self, context: &str) -> PResult<Ctl> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            return self.error(format!("nesting deeper than {MAX_PARSE_DEPTH} levels"));
        }
        let r = self.control_inner(context);
        self.depth -= 1;
        r
    }

    fn control_inner(&mut self, context: &str) -> PResult<Ctl> {
        let vars = self.vars.len();
        let pipe = self.pipeline(context, ItemType::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let (list, next) = self.item_list()?;
        if context == "range" {
            self.range_depth -= 1;
        }
        let mut else_list = None;
        match next {
            Ctl::End => {}
            Ctl::Else(chained) => {
                let chain_ok = matches!(
                    (context, chained),
                    ("if", Some(ItemType::If)) | ("with", Some(ItemType::With))
                );
                if chain_ok {
                    // {{if a}}_{{else if b}}_{{end}} is {{if a}}_{{else}}{{if b}}_{{end}}{{end}}.
                    self.next_non_space();
                    match self.control(context)? {
                        Ctl::Node(n) => else_list = Some(vec![n]),
                        _ => unreachable!("control returns a node"),
                    }
                } else {
                    if chained.is_some() {
                        // `{{else if}}` in a range or `{{else with}}` in an if: Go 1.19 parses
                        // `{{else` then expects `}}`.
                        let token = self.next_non_space();
                        return self.unexpected(&token, "input");
                    }
                    let (l, end) = self.item_list()?;
                    if !matches!(end, Ctl::End) {
                        return self.error(format!("expected end; found {}", end.describe()));
                    }
                    else_list = Some(l);
                }
            }
            Ctl::Node(_) => unreachable!("item_list ends on end or else"),
        }
        self.vars.truncate(vars);
        let branch = Branch {
            pipe,
            list,
            else_list,
        };
        Ok(Ctl::Node(match context {
            "if" => Node::If(branch),
            "range" => Node::Range(branch),
            _ => Node::With(branch),
        }))
    }

    fn template_name(&mut self, token: &Item, context: &str) -> PResult<String> {
        match token.typ {
            ItemType::String | ItemType::RawString => match unquote(&token.val) {
                Ok(s) => Ok(s),
                Err(e) => self.error(e),
            },
            _ => self.unexpected(token, context),
        }
    }

    /// `"name" [pipeline]}}` of `{{template}}` and `{{block}}`.
    fn name_and_pipe(&mut self, context: &str) -> PResult<(Item<'a>, String, Option<Pipe>)> {
        let token = self.next_non_space();
        let name = self.template_name(&token, context)?;
        let pipe = if self.next_non_space().typ != ItemType::RightDelim {
            self.backup();
            Some(self.pipeline(context, ItemType::RightDelim)?)
        } else {
            None
        };
        Ok((token, name, pipe))
    }

    fn template_control(&mut self) -> PResult<Ctl> {
        let (token, name, pipe) = self.name_and_pipe("template clause")?;
        Ok(Ctl::Node(Node::Template {
            pos: token.pos,
            name,
            pipe,
        }))
    }

    fn block_control(&mut self) -> PResult<Ctl> {
        let context = "block clause";
        let (token, name, pipe) = self.name_and_pipe(context)?;
        let saved_vars = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let saved_depth = std::mem::replace(&mut self.range_depth, 0);
        let (list, end) = self.item_list()?;
        if !matches!(end, Ctl::End) {
            return self.error(format!("unexpected {} in {context}", end.describe()));
        }
        self.vars = saved_vars;
        self.range_depth = saved_depth;
        self.add(name.clone(), list)?;
        Ok(Ctl::Node(Node::Template {
            pos: token.pos,
            name,
            pipe,
        }))
    }

    fn pipeline(&mut self, context: &str, end: ItemType) -> PResult<Pipe> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            return self.error(format!("nesting deeper than {MAX_PARSE_DEPTH} levels"));
        }
        let r = self.pipeline_inner(context, end);
        self.depth -= 1;
        r
    }

    fn pipeline_inner(&mut self, context: &str, end: ItemType) -> PResult<Pipe> {
        let token = self.peek_non_space();
        let mut pipe = Pipe {
            pos: token.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        'decls: loop {
            let v = self.peek_non_space();
            if v.typ != ItemType::Variable {
                break;
            }
            let mark = self.idx;
            // position of v
            self.next_non_space();
            let next = self.peek_non_space();
            match next.typ {
                ItemType::Assign | ItemType::Declare => {
                    pipe.is_assign = next.typ == ItemType::Assign;
                    self.next_non_space();
                    pipe.decl.push(v.val.to_string());
                    self.vars.push(v.val.to_string());
                    break;
                }
                ItemType::Char if &*next.val == "," => {
                    self.next_non_space();
                    pipe.decl.push(v.val.to_string());
                    self.vars.push(v.val.to_string());
                    if context == "range" && pipe.decl.len() < 2 {
                        match self.peek_non_space().typ {
                            ItemType::Variable | ItemType::RightDelim | ItemType::RightParen => {
                                continue 'decls;
                            }
                            _ => return self.error("range can only initialize variables"),
                        }
                    }
                    return self.error(format!("too many declarations in {context}"));
                }
                _ => {
                    self.idx = mark;
                    break;
                }
            }
        }
        loop {
            let token = self.next_non_space();
            match token.typ {
                t if t == end => {
                    self.check_pipeline(&pipe, context)?;
                    return Ok(pipe);
                }
                ItemType::Bool
                | ItemType::CharConstant
                | ItemType::Complex
                | ItemType::Dot
                | ItemType::Field
                | ItemType::Identifier
                | ItemType::Number
                | ItemType::Nil
                | ItemType::RawString
                | ItemType::String
                | ItemType::Variable
                | ItemType::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return self.unexpected(&token, context),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return self.error(format!("missing value for {context}"));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args[0],
                Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(..) | Arg::String(..)
            ) {
                return self.error(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<Command> {
        let pos = self.peek_non_space().pos;
        let mut cmd = Command {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(operand) = self.operand()? {
                cmd.args.push(operand);
            }
            let token = self.next();
            match token.typ {
                ItemType::Space => continue,
                ItemType::RightDelim | ItemType::RightParen => self.backup(),
                ItemType::Pipe => {}
                _ => return self.unexpected(&token, "operand"),
            }
            break;
        }
        if cmd.args.is_empty() {
            return self.error("empty command");
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().typ != ItemType::Field {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek().typ == ItemType::Field {
            fields.push(self.next().val[1..].to_string());
        }
        // Go gives a field chain the position of its second field.
        Ok(Some(match node {
            Arg::Field(_, mut ids) => {
                ids.extend(fields);
                Arg::Field(pos, ids)
            }
            Arg::Variable(_, mut ids) => {
                ids.extend(fields);
                Arg::Variable(pos, ids)
            }
            Arg::Bool(..) | Arg::String(..) | Arg::Number(..) | Arg::Nil(_) | Arg::Dot(_) => {
                return self.error(format!(
                    "unexpected . after term {}",
                    super::fmt::quote(&node.to_string())
                ));
            }
            other => Arg::Chain(pos, Box::new(other), fields),
        }))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let token = self.next_non_space();
        Ok(Some(match token.typ {
            ItemType::Identifier => {
                if !(self.has_function)(&token.val) {
                    return self.error(format!(
                        "function {} not defined",
                        super::fmt::quote(&token.val)
                    ));
                }
                Arg::Identifier(token.pos, token.val.to_string())
            }
            ItemType::Dot => Arg::Dot(token.pos),
            ItemType::Nil => Arg::Nil(token.pos),
            ItemType::Variable => {
                if !self.vars.iter().any(|v| **v == *token.val) {
                    return self.error(format!(
                        "undefined variable {}",
                        super::fmt::quote(&token.val)
                    ));
                }
                Arg::Variable(token.pos, vec![token.val.to_string()])
            }
            ItemType::Field => Arg::Field(token.pos, vec![token.val[1..].to_string()]),
            ItemType::Bool => Arg::Bool(token.pos, &*token.val == "true"),
            ItemType::CharConstant | ItemType::Complex | ItemType::Number => {
                match new_number(&token.val, token.typ) {
                    Ok(n) => Arg::Number(token.pos, Box::new(n)),
                    Err(e) => return self.error(e),
                }
            }
            ItemType::LeftParen => Arg::Pipe(Box::new(
                self.pipeline("parenthesized pipeline", ItemType::RightParen)?,
            )),
            ItemType::String | ItemType::RawString => match unquote(&token.val) {
                Ok(s) => Arg::String(token.pos, token.val.to_string(), s),
                Err(e) => return self.error(e),
            },
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

/// What `text_or_action` found.
enum Ctl {
    Node(Node),
    End,
    /// `{{else}}`, or `{{else if`/`{{else with` with the keyword still pending.
    Else(Option<ItemType>),
}

impl Ctl {
    fn describe(&self) -> &'static str {
        match self {
            Ctl::End => "{{end}}",
            Ctl::Else(_) => "{{else}}",
            Ctl::Node(_) => "node",
        }
    }
}

/// Go's `newNumber`: every interpretation of a number constant.
fn new_number(text: &str, typ: ItemType) -> Result<Number, String> {
    let mut n = Number {
        text: text.to_string(),
        ..Default::default()
    };
    if typ == ItemType::CharConstant {
        let c = unquote(text)
            .map_err(|_| format!("malformed character constant: {text}"))?
            .chars()
            .next()
            .ok_or_else(|| format!("malformed character constant: {text}"))?;
        n.is_char = true;
        n.is_int = true;
        n.is_uint = true;
        n.is_float = true;
        n.int = c as i64;
        n.uint = c as u64;
        n.float = c as u32 as f64;
        return Ok(n);
    }
    if typ == ItemType::Complex || text.ends_with('i') {
        return Err(format!("complex constants are not supported: {text}"));
    }
    if let Some(u) = parse_uint(text) {
        n.is_uint = true;
        n.uint = u;
    }
    if let Some(i) = parse_int(text) {
        n.is_int = true;
        n.int = i;
        if i == 0 {
            n.is_uint = true;
        }
    }
    if n.is_int {
        n.is_float = true;
        n.float = n.int as f64;
    } else if n.is_uint {
        n.is_float = true;
        n.float = n.uint as f64;
    } else if let Some(f) = parse_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", super::fmt::quote(text)));
        }
        n.is_float = true;
        n.float = f;
        if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            n.is_int = true;
            n.int = f as i64;
        }
        if f.fract() == 0.0 && (0.0..1.844_674_407_370_955_2e19).contains(&f) {
            n.is_uint = true;
            n.uint = f as u64;
        }
    }
    if !n.is_int && !n.is_uint && !n.is_float {
        return Err(format!(
            "illegal number syntax: {}",
            super::fmt::quote(text)
        ));
    }
    Ok(n)
}
