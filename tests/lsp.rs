//! `sigs-lint lsp` spoken to as an editor would, over JSON-RPC on stdio: a broken buffer gets
//! diagnostics at the right ranges (in the data file, and in the README it would make stale),
//! the fix comes as a code action whose edit repairs it, the fixed buffer clears every
//! diagnostic, hover shows the rule's page, and shutdown ends the server cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

mod support;

struct Client {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    messages: mpsc::Receiver<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().expect("a length");
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).expect("a body");
                if tx
                    .send(serde_json::from_slice(&body).expect("JSON"))
                    .is_err()
                {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, m: Value) {
        let body = m.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn next(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("a message from the server")
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.next();
            if m["id"] == json!(id) {
                return m;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The diagnostics published after a change, per URI, until every URI in `expect` has had one.
    fn diagnostics(&self, expect: &[&str]) -> std::collections::HashMap<String, Value> {
        let mut got = std::collections::HashMap::new();
        while !expect.iter().all(|u| got.contains_key(*u)) {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics" {
                got.insert(
                    m["params"]["uri"].as_str().expect("uri").to_string(),
                    m["params"]["diagnostics"].clone(),
                );
            }
        }
        got
    }
}

/// `text` with an LSP edit (ranges in UTF-16 units; this text is ASCII where edited) applied.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().expect("line") as usize;
        let ch = p["character"].as_u64().expect("character") as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + ch
    };
    let (a, b) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..a],
        edit["newText"].as_str().expect("text"),
        &text[b..]
    )
}

#[test]
fn the_language_server_publishes_fixes_and_clears() {
    let dir = std::env::temp_dir().join(format!("sigs-lint-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs-good"),
        &dir,
    );
    let dir = dir.canonicalize().expect("canonical");
    let data = url::Url::from_file_path(dir.join("sigs.yaml"))
        .expect("uri")
        .to_string();
    let readme = url::Url::from_file_path(dir.join("sig-docs/README.md"))
        .expect("uri")
        .to_string();
    let good = std::fs::read_to_string(dir.join("sigs.yaml")).expect("read");
    let bad = good.replace(
        "archive_url: https://docs.google.com",
        "archive_url: http://docs.google.com",
    );
    assert_ne!(good, bad);

    let mut c = Client::start();
    let init = c.request(1, "initialize", json!({"capabilities": {}}));
    assert_eq!(
        init["result"]["capabilities"],
        json!({"codeActionProvider": true, "hoverProvider": true, "textDocumentSync": 1})
    );
    c.notify("initialized", json!({}));

    // A broken buffer: the finding at its value, and the README it would make stale.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": data, "languageId": "yaml", "version": 1, "text": bad}}),
    );
    let got = c.diagnostics(&[&data, &readme]);
    let line = bad
        .lines()
        .position(|l| l.contains("archive_url: http://"))
        .expect("line") as u64;
    let col = bad
        .lines()
        .nth(line as usize)
        .expect("line")
        .find("http")
        .expect("col") as u64;
    let value_len = "http://docs.google.com/document/d/1a2b3c/edit".len() as u64;
    assert_eq!(
        got[&data],
        json!([{
            "code": "insecure-url",
            "codeDescription": {"href": "https://github.com/sigs-lint/sigs-lint/blob/main/rules/insecure-url.md"},
            "message": "`archive_url` uses http, not https\nhelp: use `https://docs.google.com/document/d/1a2b3c/edit`",
            "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + value_len}},
            "severity": 2,
            "source": "sigs-lint",
        }])
    );
    let stale = got[&readme].as_array().expect("README diagnostics");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["code"], "doc-stale");
    assert_eq!(stale[0]["severity"], 1);

    // Hover: the rule's page.
    let hover = c.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": data}, "position": {"line": line, "character": col + 3}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("# insecure-url\n")),
        "{hover}"
    );

    // The fix as a code action; its edit makes the buffer good again.
    let actions = c.request(
        3,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": data},
            "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = actions["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "write `https` (insecure-url)");
    assert_eq!(actions[0]["kind"], "quickfix");
    let edits = actions[0]["edit"]["changes"][&data]
        .as_array()
        .expect("edits");
    assert_eq!(edits.len(), 1);
    let fixed = apply(&bad, &edits[0]);
    assert_eq!(fixed, good);

    // The fixed buffer: every diagnostic cleared, the README's too.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": data, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let got = c.diagnostics(&[&data, &readme]);
    assert_eq!(got[&data], json!([]));
    assert_eq!(got[&readme], json!([]));

    let bye = c.request(4, "shutdown", json!(null));
    assert_eq!(bye["result"], Value::Null);
    c.notify("exit", json!(null));
    let status = c.child.wait().expect("exits");
    assert!(status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The server's exit code and standard error for `input` on its standard input.
fn raw(input: &[u8]) -> (Option<i32>, String, Vec<u8>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut stdin = child.stdin.take().expect("stdin");
    // A server that stops reading (a header line too long) closes the pipe.
    let _ = stdin.write_all(input);
    drop(stdin);
    let out = child.wait_with_output().expect("exits");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.stdout,
    )
}

fn framed(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn input_that_is_not_lsp_stops_the_server_with_its_reason() {
    // lsp-server's reader allocated what the Content-Length said: an abort (exit 134).
    let cases: &[(&[u8], &str)] = &[
        (
            b"Content-Length: 99999999999999\r\n\r\n{}",
            "a message of 99999999999999 bytes is announced, more than the server reads (256 MiB)",
        ),
        (
            b"Content-Length: 18446744073709551616\r\n\r\n{}",
            "the Content-Length is not a length: `Content-Length: 18446744073709551616`",
        ),
        (
            b"Content-Length: 2\n\n{}",
            "a header line does not end with CR LF: `Content-Length: 2\\u{a}`",
        ),
        (
            b"Content-Type: x\r\n\r\n{}",
            "a message has no Content-Length header",
        ),
        (
            b"Content-Length: 10\r\n\r\n{}",
            "the input ended inside a message (10 bytes were announced)",
        ),
        (
            b"Content-Length: 10\r\n",
            "the input ended inside a message's header",
        ),
        (b"", "the input ended before `shutdown`"),
    ];
    for (input, reason) in cases {
        let (code, err, out) = raw(input);
        assert_eq!(code, Some(2), "{reason}");
        assert_eq!(
            err,
            format!("error: the language server stopped: {reason}\n")
        );
        assert!(out.is_empty());
    }
    let long = format!("X-Long: {}\r\n\r\n", "a".repeat(1 << 20));
    let (code, err, _) = raw(long.as_bytes());
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: the language server stopped: a header line is longer than 8 KiB: this is not an LSP client\n"
    );
}

#[test]
fn a_message_that_is_not_json_rpc_is_skipped_and_the_server_goes_on() {
    let mut input = framed("{]");
    input.extend(framed(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    ));
    input.extend(framed(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    input.extend(framed(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#));
    input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let (code, err, out) = raw(&input);
    assert_eq!(
        err,
        "sigs-lint lsp: a message that is not JSON-RPC was skipped: key must be a string at line 1 column 2\n"
    );
    assert_eq!(code, Some(0));
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains(r#""id":1,"result":{"capabilities""#), "{out}");
    assert!(
        out.ends_with(r#"{"jsonrpc":"2.0","id":2,"result":null}"#),
        "{out}"
    );
}

#[test]
fn exit_before_shutdown_is_a_failure() {
    let mut input =
        framed(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    input.extend(framed(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let (code, err, _) = raw(&input);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: the language server stopped: the client said `exit` before `shutdown`\n"
    );
}

#[test]
fn an_open_buffer_past_the_data_files_cap_is_refused_not_checked() {
    // The buffer was checked at any size (a 100 MB one: 3.7 s, 495 MB).
    let dir = std::env::temp_dir().join(format!("sigs-lint-lsp-cap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let dir = dir.canonicalize().expect("canonical");
    let data = url::Url::from_file_path(dir.join("sigs.yaml"))
        .expect("uri")
        .to_string();
    let mut c = Client::start();
    c.request(1, "initialize", json!({"capabilities": {}}));
    c.notify("initialized", json!({}));
    let text = format!("sigs:\n{}", "# x\n".repeat((64 << 20) / 4));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": data, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let got = c.diagnostics(&[&data]);
    let messages: Vec<&str> = got[&data]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["message"].as_str().expect("message"))
        .collect();
    assert_eq!(
        messages,
        [format!(
            "cannot read `{}`: it is larger than 67108864 bytes",
            dir.join("sigs.yaml").display()
        )]
    );
    c.request(2, "shutdown", json!(null));
    c.notify("exit", json!(null));
    assert!(c.child.wait().expect("exits").success());
    let _ = std::fs::remove_dir_all(&dir);
}
