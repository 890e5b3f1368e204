//! Rendering a template file as the Go generator does: the file is parsed under its base name,
//! `header.tmpl` beside it is parsed too (it defines `header`), and the file's template is executed.

use std::path::Path;

use crate::template::{FuncMap, TemplateError, Templates, Value};

use super::generator_funcs;

/// A template file with its header, ready to execute.
pub struct TemplateFile {
    pub name: String,
    pub templates: Templates,
}

#[derive(Debug)]
pub enum LoadError {
    Io(String),
    Template(TemplateError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => f.write_str(e),
            LoadError::Template(e) => e.fmt(f),
        }
    }
}

/// Parses `path` (named by its file name) and, when it exists, `header.tmpl` in the same directory.
pub fn load_template(path: &Path) -> Result<TemplateFile, LoadError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut templates = Templates::new(generator_funcs());
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::Io(format!("cannot read {}: {e}", path.display())))?;
    templates.parse(&name, &text).map_err(LoadError::Template)?;
    let header = path.with_file_name("header.tmpl");
    if header != path && header.is_file() {
        let text = std::fs::read_to_string(&header)
            .map_err(|e| LoadError::Io(format!("cannot read {}: {e}", header.display())))?;
        templates
            .parse("header.tmpl", &text)
            .map_err(LoadError::Template)?;
    }
    Ok(TemplateFile { name, templates })
}

/// Parses template text named `name`, with the text of `header.tmpl` when there is one.
pub fn load_template_text(
    name: &str,
    text: &str,
    header: Option<&str>,
    funcs: &FuncMap,
) -> Result<TemplateFile, TemplateError> {
    let mut templates = Templates::new(funcs.clone());
    templates.parse(name, text)?;
    if let Some(h) = header.filter(|_| name != "header.tmpl") {
        templates.parse("header.tmpl", h)?;
    }
    Ok(TemplateFile {
        name: name.to_string(),
        templates,
    })
}

impl TemplateFile {
    /// Executes the file's template with `data`; on error, the output written so far comes with it.
    pub fn render(&self, data: &Value) -> Result<String, (String, TemplateError)> {
        let mut out = String::new();
        match self.templates.execute(&self.name, data, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err((out, e)),
        }
    }
}

/// The groups of one list of the template context (`Sigs`, `WorkingGroups`, …).
pub fn groups(context: &Value, field: &str) -> Vec<Value> {
    match context {
        Value::Struct(s, _) => match s.field(field) {
            Some(Value::List(l, _)) => l.to_vec(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_define_in_the_header_named_like_the_file_is_reached_only_through_template() {
        // Go: header.tmpl is parsed after the file, into one namespace; the executed template
        // keeps its own body, `{{template "list.tmpl"}}` reaches the header's define.
        let funcs = crate::generate::generator_funcs();
        let t = load_template_text(
            "list.tmpl",
            "own body{{if .}}|{{template \"list.tmpl\" false}}{{end}}",
            Some("{{define \"list.tmpl\"}}header's define{{end}}"),
            &funcs,
        )
        .expect("parses");
        assert_eq!(
            t.render(&Value::Bool(true)).expect("renders"),
            "own body|header's define"
        );
    }
}
