//! Lex + parse + execute any template text against generic data and the sigs.yaml model:
//! no panic, no hang (a small step limit), bounded output.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sigs_lint::generate::{context, generator_funcs};
use sigs_lint::flavour::generic::from_yaml;
use sigs_lint::template::{Templates, Value};

const DATA: &str = "a: 1\nb: hello\nc: [x, y, z]\nd: {k1: v1, k2: [1, 2.5, null, true]}\ne: ''\nj: null\n";
const SIGS: &str = include_str!("../../fixtures/clean/sigs.yaml");

fn data() -> &'static [String] {
    static D: OnceLock<Vec<String>> = OnceLock::new();
    D.get_or_init(|| vec![DATA.to_string(), SIGS.to_string()])
}

fuzz_target!(|input: &[u8]| {
    let Ok(text) = std::str::from_utf8(input) else { return };
    let mut t = Templates::new(generator_funcs());
    t.set_step_limit(20_000);
    if t.parse("fuzz", text).is_err() {
        return;
    }
    let generic = from_yaml(&data()[0]).unwrap_or(Value::Invalid);
    let file = sigs_lint::source::SourceFile::new("sigs.yaml", data()[1].as_str());
    let sigs = context(&sigs_lint::model::load(&file).model);
    for d in [generic, sigs] {
        let mut out = String::new();
        let _ = t.execute("fuzz", &d, &mut out);
    }
});
