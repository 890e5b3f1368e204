//! No template can hang, exhaust the stack or fill the disk: recursion, nesting, steps, output
//! size and printf widths are bounded, each with a clear error.

use sigs_lint::generate::generator_funcs;
use sigs_lint::template::{Templates, Value};

fn run(src: &str, steps: Option<u64>) -> Result<String, String> {
    let mut t = Templates::new(generator_funcs());
    if let Some(s) = steps {
        t.set_step_limit(s);
    }
    t.parse("t", src).map_err(|e| e.to_string())?;
    let mut out = String::new();
    t.execute("t", &Value::Int(1), &mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Six levels, each calling the next ten times: a million calls, never deep.
fn million_calls() -> String {
    let mut src = String::from("{{define \"l6\"}}x{{end}}");
    for i in 0..6 {
        src.push_str(&format!(
            "{{{{define \"l{i}\"}}}}{}{{{{end}}}}",
            format!("{{{{template \"l{}\"}}}}", i + 1).repeat(10)
        ));
    }
    src.push_str("{{template \"l0\"}}");
    src
}

#[test]
fn infinite_recursion_stops_at_the_depth_limit() {
    let e = run(
        r#"{{define "a"}}{{template "a"}}{{end}}{{template "a"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(
        e,
        r#"template: t:1:25: executing "a" at <{{template "a"}}>: exceeded maximum template depth (200)"#
    );
}

#[test]
fn exponential_templates_stop_at_the_step_limit() {
    let e = run(&million_calls(), Some(100_000)).unwrap_err();
    assert!(e.ends_with("execution exceeded 100000 steps"), "{e}");
}

#[test]
fn deep_nesting_is_a_parse_error() {
    let src = format!("{{{{{}1{}}}}}", "(".repeat(5000), ")".repeat(5000));
    assert_eq!(
        run(&src, None).unwrap_err(),
        "template: t:1: nesting deeper than 200 levels"
    );
    let ifs = format!("{}x{}", "{{if 1}}".repeat(300), "{{end}}".repeat(300));
    assert_eq!(
        run(&ifs, None).unwrap_err(),
        "template: t:1: nesting deeper than 200 levels"
    );
    // 150 levels are fine.
    let ok = format!("{}x{}", "{{if 1}}".repeat(150), "{{end}}".repeat(150));
    assert_eq!(run(&ok, None).unwrap(), "x");
}

#[test]
fn output_is_bounded() {
    // Each call prints a megabyte of its own text, then calls itself twice: the output limit
    // stops it at the 64th level, before the depth limit.
    let text = "x".repeat(1_000_000);
    let e = run(
        &format!(r#"{{{{define "a"}}}}{text}{{{{template "a"}}}}{{{{template "a"}}}}{{{{end}}}}{{{{template "a"}}}}"#),
        None,
    )
    .unwrap_err();
    assert!(e.ends_with("output exceeds 67108864 bytes"), "{e}");
    // The same with the megabyte from `printf`: what the functions return is bounded first.
    let e = run(
        r#"{{define "a"}}{{printf "%1000000s" "x"}}{{template "a"}}{{template "a"}}{{end}}{{template "a"}}"#,
        None,
    )
    .unwrap_err();
    assert!(
        e.ends_with("error calling printf: the functions of this execution returned more than 67108864 bytes in all"),
        "{e}"
    );
}

#[test]
fn huge_printf_widths_are_refused_like_go() {
    assert_eq!(
        run(r#"{{printf "%*d" 2000000 1}}"#, None).unwrap(),
        "%!(BADWIDTH)1"
    );
    assert_eq!(
        run(r#"{{printf "%99999999d" 1}}"#, None).unwrap(),
        "%!(NOVERB)%!(EXTRA int=1)"
    );
}

#[test]
fn the_renders_of_a_run_share_one_deadline() {
    // Each render stops at 2 s, but 10,000 READMEs each just under it would take hours.
    let mut t = Templates::new(generator_funcs());
    t.parse("t", &million_calls()).expect("parses");
    // A deadline in 50 ms: the million calls (about a second unchecked) stop there.
    let started = std::time::Instant::now();
    t.set_run_deadline(started + std::time::Duration::from_millis(50));
    let mut out = String::new();
    let e = t.execute("t", &Value::Int(1), &mut out).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("the executions of this run exceeded 60 seconds in all"),
        "{e}"
    );
    assert!(out.len() < 1_000_000, "{}", out.len());
    // A render that starts past the deadline does not run a step.
    let mut out = String::new();
    let e = t.execute("t", &Value::Int(1), &mut out).unwrap_err();
    assert_eq!(
        e.to_string(),
        "template: t: the executions of this run exceeded 60 seconds in all"
    );
    assert_eq!(out, "");
}
