//! `sigs-lint lsp`: a language server over stdio (JSON-RPC, `lsp-server`). On open, change and
//! save of a data file it runs the same `check` as the command line on the editor's buffer (the
//! file's folder is the repository root: rules, upstream's validation and canonical form, and the
//! generated docs the edited data would change) and publishes the findings as diagnostics, for
//! the data file and for every other file a finding is about (a README that would go stale).
//! Fixes are code actions; hovering a finding shows its rule's page.
//!
//! Positions are UTF-16 code units, as LSP counts them by default.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticSeverity, HoverContents, HoverParams,
    HoverProviderCapability, MarkupContent, MarkupKind, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};

use crate::commands::check::{CheckOptions, check};
use crate::diagnostic::{Finding, Severity};
use crate::source::{SourceFile, Span};

/// The LSP position of a byte offset (line and UTF-16 column, both from 0).
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let (line, _) = file.line_col(offset);
    let start = file.offset_of(line, 1).min(offset);
    let character = file
        .text
        .get(start..offset)
        .map_or(0, |s| s.encode_utf16().count());
    Position::new((line - 1) as u32, character as u32)
}

/// The byte offset of an LSP position (clamped to the line and the text).
pub fn offset(file: &SourceFile, p: Position) -> usize {
    let start = file.offset_of(p.line as usize + 1, 1);
    let line = file.line_text(p.line as usize + 1);
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= p.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line.len()
}

fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(position(file, span.offset), position(file, span.end()))
}

fn uri_of(path: &Path) -> Option<Uri> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    url::Url::from_file_path(abs).ok()?.as_str().parse().ok()
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// A finding as a diagnostic of the file it is in.
fn diagnostic(file: &SourceFile, f: &Finding) -> Diagnostic {
    let span = f.primary().unwrap_or(Span::new(file.content_start, 0));
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range: range(file, span),
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: url::Url::parse(&format!(
            "{}{}.md",
            crate::report::sarif::DOCS_URI,
            f.rule
        ))
        .ok()
        .and_then(|u| u.as_str().parse().ok())
        .map(|href| lsp_types::CodeDescription { href }),
        source: Some("sigs-lint".into()),
        message,
        ..Diagnostic::default()
    }
}

/// Whether the document at `path` is a data file: named as some generator's (`sigs.yaml`,
/// `wgs.yaml`) or as the `data-file` of the config beside it. Other YAML files (workflows,
/// OWNERS files) get no diagnostics.
pub fn is_data_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if crate::flavour::KNOWN.iter().any(|f| f.data_file == name) {
        return true;
    }
    let Some(dir) = path.parent() else {
        return false;
    };
    let config = dir.join(crate::config::CONFIG_FILE);
    let Ok(text) = crate::fsutil::read_inside(dir, &config) else {
        return false;
    };
    let (config, _) =
        crate::config::Config::parse(&SourceFile::new("config", text), &crate::rules::ids());
    config.set.contains(&"data-file") && config.data_file == name
}

/// The state of the server: the open buffers and the last check's findings per file.
#[derive(Default)]
pub struct Server {
    /// Open documents: URI → text.
    open: HashMap<String, String>,
    /// The findings last published, per URI, with the file they are in.
    found: HashMap<String, (std::sync::Arc<SourceFile>, Vec<Finding>)>,
    /// URIs that have diagnostics published (to clear them when they are gone).
    published: BTreeSet<String>,
}

impl Server {
    /// Checks the buffer of `uri`; returns the diagnostics to publish (per URI, empty ones to
    /// clear what was there).
    pub fn check(&mut self, uri: &Uri) -> Vec<PublishDiagnosticsParams> {
        let Some(text) = self.open.get(uri.as_str()).cloned() else {
            return Vec::new();
        };
        let Some(path) = path_of(uri).filter(|p| is_data_file(p)) else {
            return Vec::new();
        };
        let checked = check(&CheckOptions {
            path,
            stdin: Some(text.into_bytes()),
            ..CheckOptions::default()
        });
        let mut by_uri: HashMap<String, (std::sync::Arc<SourceFile>, Vec<Finding>)> =
            HashMap::new();
        // The buffer's place when it was not loaded (past the data file's cap).
        let unread = std::sync::Arc::new(SourceFile::new(uri.as_str(), ""));
        for f in checked.run.findings {
            // sigs-lint's own failures and findings about no file go to the edited buffer.
            let file =
                (f.file.clone().or_else(|| checked.data.clone())).unwrap_or_else(|| unread.clone());
            let target = if checked.data.as_ref().is_some_and(|d| d.name == file.name)
                || std::sync::Arc::ptr_eq(&file, &unread)
            {
                Some(uri.clone())
            } else {
                uri_of(Path::new(&file.name))
            };
            let Some(target) = target else { continue };
            by_uri
                .entry(target.as_str().to_string())
                .or_insert_with(|| (file.clone(), Vec::new()))
                .1
                .push(f);
        }
        by_uri
            .entry(uri.as_str().to_string())
            .or_insert_with(|| (unread, Vec::new()));
        let mut out = Vec::new();
        let now: BTreeSet<String> = by_uri.keys().cloned().collect();
        for gone in self.published.difference(&now) {
            if let Ok(u) = gone.parse() {
                out.push(PublishDiagnosticsParams::new(u, Vec::new(), None));
            }
            self.found.remove(gone);
        }
        for (u, (file, findings)) in by_uri {
            let diagnostics = findings.iter().map(|f| diagnostic(&file, f)).collect();
            if let Ok(parsed) = u.parse() {
                out.push(PublishDiagnosticsParams::new(parsed, diagnostics, None));
            }
            self.found.insert(u, (file, findings));
        }
        self.published = now;
        out
    }

    /// The code actions (fixes) of the findings whose range meets `range` in `uri`.
    pub fn code_actions(&self, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
        let Some((file, findings)) = self.found.get(uri.as_str()) else {
            return Vec::new();
        };
        let (from, to) = (offset(file, range.start), offset(file, range.end));
        findings
            .iter()
            .filter(|f| {
                f.primary()
                    .is_some_and(|s| s.offset <= to && from <= s.end())
            })
            .filter_map(|f| {
                let fix = f.fix.as_ref()?;
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit::new(self::range(file, e.span), e.replacement.clone()))
                    .collect();
                // lsp-types keys the edit map by its `Uri`, whose lazily parsed parts clippy takes
                // for interior mutability; the key is never changed.
                #[allow(clippy::mutable_key_type)]
                let mut changes = HashMap::new();
                changes.insert(uri.clone(), edits);
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{} ({})", fix.title, f.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic(file, f)]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(changes),
                        ..WorkspaceEdit::default()
                    }),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }

    /// The page of the rule or check of the finding at `p` in `uri`.
    pub fn hover(&self, uri: &Uri, p: Position) -> Option<String> {
        let (file, findings) = self.found.get(uri.as_str())?;
        let at = offset(file, p);
        let f = findings
            .iter()
            .find(|f| f.primary().is_some_and(|s| s.offset <= at && at <= s.end()))?;
        crate::rules::find(f.rule)
            .map(|r| r.doc())
            .or_else(|| crate::diagnostic::check(f.rule).map(|c| c.doc()))
            .map(str::to_string)
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

fn send(conn: &Connection, m: impl Into<Message>) {
    let _ = conn.sender.send(m.into());
}

fn publish(conn: &Connection, all: Vec<PublishDiagnosticsParams>) {
    for p in all {
        send(
            conn,
            Notification::new(PublishDiagnostics::METHOD.to_string(), p),
        );
    }
}

fn respond(conn: &Connection, id: RequestId, result: Result<serde_json::Value, String>) {
    let r = match result {
        Ok(v) => Response::new_ok(id, v),
        Err(e) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, e),
    };
    send(conn, r);
}

fn request(conn: &Connection, server: &Server, req: Request) {
    match req.method.as_str() {
        CodeActionRequest::METHOD => {
            let r = serde_json::from_value::<CodeActionParams>(req.params)
                .map_err(|e| e.to_string())
                .map(|p| {
                    serde_json::to_value(server.code_actions(&p.text_document.uri, p.range))
                        .unwrap_or_default()
                });
            respond(conn, req.id, r);
        }
        HoverRequest::METHOD => {
            let r = serde_json::from_value::<HoverParams>(req.params)
                .map_err(|e| e.to_string())
                .map(|p| {
                    let at = p.text_document_position_params;
                    server
                        .hover(&at.text_document.uri, at.position)
                        .map(|doc| {
                            serde_json::to_value(lsp_types::Hover {
                                contents: HoverContents::Markup(MarkupContent {
                                    kind: MarkupKind::Markdown,
                                    value: doc,
                                }),
                                range: None,
                            })
                            .unwrap_or_default()
                        })
                        .unwrap_or(serde_json::Value::Null)
                });
            respond(conn, req.id, r);
        }
        _ => send(
            conn,
            Response::new_err(
                req.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("sigs-lint does not answer `{}`", req.method),
            ),
        ),
    }
}

fn notification(conn: &Connection, server: &mut Server, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
            {
                let uri = p.text_document.uri;
                server
                    .open
                    .insert(uri.as_str().to_string(), p.text_document.text);
                publish(conn, server.check(&uri));
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Ok(p) =
                serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                && let Some(change) = p.content_changes.into_iter().last()
            {
                let uri = p.text_document.uri;
                server.open.insert(uri.as_str().to_string(), change.text);
                publish(conn, server.check(&uri));
            }
        }
        DidSaveTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
            {
                let uri = p.text_document.uri;
                if let Some(text) = p.text {
                    server.open.insert(uri.as_str().to_string(), text);
                }
                publish(conn, server.check(&uri));
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
            {
                server.open.remove(p.text_document.uri.as_str());
            }
        }
        _ => {}
    }
}

/// The largest message the server reads. A data file may have 64 MiB, and its text sent as a
/// JSON string grows with its escapes; `lsp-server`'s own reader allocated whatever a
/// `Content-Length` said (99999999999999 bytes: an abort).
pub const MAX_MESSAGE: u64 = 256 << 20;

/// The longest header line the server reads.
const MAX_HEADER: u64 = 8 << 10;

/// The body of the client's next message; `None` when the input ends between messages.
pub fn read_frame(r: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut length = None;
    let mut lines = 0;
    loop {
        let mut line = Vec::new();
        let n = r
            .by_ref()
            .take(MAX_HEADER + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("standard input could not be read: {e}"))?;
        if n == 0 {
            return match lines {
                0 => Ok(None),
                _ => Err("the input ended inside a message's header".into()),
            };
        }
        lines += 1;
        if n as u64 > MAX_HEADER {
            return Err(format!(
                "a header line is longer than {} KiB: this is not an LSP client",
                MAX_HEADER >> 10
            ));
        }
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(format!(
                "a header line does not end with CR LF: {}",
                shown(&line)
            ));
        };
        if line.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(line);
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!("a header line has no `:`: {}", shown(line)));
        };
        if name.eq_ignore_ascii_case("Content-Length") {
            let n: u64 = value
                .trim()
                .parse()
                .map_err(|_| format!("the Content-Length is not a length: {}", shown(line)))?;
            if n > MAX_MESSAGE {
                return Err(format!(
                    "a message of {n} bytes is announced, more than the server reads ({} MiB)",
                    MAX_MESSAGE >> 20
                ));
            }
            length = Some(n as usize);
        }
    }
    let length = length.ok_or("a message has no Content-Length header")?;
    let mut body = vec![0; length];
    r.read_exact(&mut body).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            format!("the input ended inside a message ({length} bytes were announced)")
        }
        _ => format!("standard input could not be read: {e}"),
    })?;
    Ok(Some(body))
}

/// A header line as an error message shows it: escaped, and cut at 80 characters.
fn shown(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let cut: String = text.chars().take(80).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("`{}`{more}", crate::diagnostic::visible_name(&cut))
}

/// The server's end of a connection over stdin and stdout, read by [`read_frame`]: a message
/// that frames well but is not JSON-RPC is skipped with a line on standard error; one that
/// does not frame stops the server with the reason. The reader stops after `exit`.
struct Transport {
    reader: std::thread::JoinHandle<Result<(), String>>,
    writer: std::thread::JoinHandle<()>,
}

fn transport() -> (Connection, Transport) {
    let (server, client) = Connection::memory();
    let Connection { sender, receiver } = client;
    let reader = std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut stdin = stdin.lock();
        while let Some(body) = read_frame(&mut stdin)? {
            let msg = match serde_json::from_slice::<Message>(&body) {
                Ok(msg) => msg,
                Err(e) => {
                    eprintln!("sigs-lint lsp: a message that is not JSON-RPC was skipped: {e}");
                    continue;
                }
            };
            let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
            if sender.send(msg).is_err() || exit {
                break;
            }
        }
        Ok(())
    });
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut stdout = stdout.lock();
        for msg in receiver {
            if msg.write(&mut stdout).is_err() {
                break;
            }
        }
    });
    (server, Transport { reader, writer })
}

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run() -> Result<(), String> {
    let (conn, io) = transport();
    let served = serve(&conn);
    drop(conn);
    let _ = io.writer.join();
    // A reader that stopped (its input ended or did not frame) says why the server stopped; one
    // still waiting for input after `shutdown` is not waited for.
    if served.as_ref().is_err_and(|e| e.disconnected) || io.reader.is_finished() {
        match io.reader.join() {
            Ok(Err(e)) => return Err(e),
            Err(_) => return Err("the reader of standard input failed".into()),
            Ok(Ok(())) => {}
        }
    }
    served.map_err(|e| e.message)
}

struct Stopped {
    message: String,
    /// The client's end was gone (the input ended or did not frame).
    disconnected: bool,
}

fn serve(conn: &Connection) -> Result<(), Stopped> {
    // The transport's end: the input ended (or did not frame, which the reader says).
    let stopped = |e: lsp_server::ProtocolError| match e.channel_is_disconnected() {
        true => Stopped {
            message: "the input ended before `shutdown`".into(),
            disconnected: true,
        },
        false => Stopped {
            message: e.to_string(),
            disconnected: false,
        },
    };
    let caps = serde_json::to_value(capabilities()).map_err(|e| Stopped {
        message: e.to_string(),
        disconnected: false,
    })?;
    conn.initialize(caps).map_err(stopped)?;
    let mut server = Server::default();
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).map_err(stopped)? {
                    return Ok(());
                }
                request(conn, &server, req);
            }
            Message::Notification(n) if n.method == "exit" => {
                return Err(Stopped {
                    message: "the client said `exit` before `shutdown`".into(),
                    disconnected: false,
                });
            }
            Message::Notification(n) => notification(conn, &mut server, n),
            Message::Response(_) => {}
        }
    }
    Err(Stopped {
        message: "the input ended before `shutdown`".into(),
        disconnected: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_data_files_are_checked() {
        assert!(is_data_file(Path::new("/x/sigs.yaml")));
        assert!(is_data_file(Path::new("/x/wgs.yaml")));
        assert!(!is_data_file(Path::new("/nonexistent/ci.yml")));
        let mut server = Server::default();
        let uri: Uri = "file:///nonexistent/ci.yml".parse().expect("uri");
        server.open.insert(uri.as_str().into(), "on: push\n".into());
        assert!(server.check(&uri).is_empty());
    }

    #[test]
    fn positions_count_utf16_units() {
        let f = SourceFile::new("x", "a: b\nname: Zürich 𝄞 x\n");
        let x = f.text.find(" x").unwrap() + 1;
        // "name: Zürich " is 13 units, the clef is 2.
        assert_eq!(position(&f, x), Position::new(1, 16));
        assert_eq!(offset(&f, Position::new(1, 16)), x);
        assert_eq!(offset(&f, Position::new(1, 99)), f.text.len() - 1);
        assert_eq!(offset(&f, Position::new(0, 0)), 0);
    }
}
