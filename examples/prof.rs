use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("../shared/corpus/kubernetes-community/sigs.yaml").unwrap();
    let file = sigs_lint::source::SourceFile::new("x", text.as_str());
    let n = 200;
    let t = Instant::now();
    for _ in 0..n { let v: Option<sigs_lint::model::tree::Node> = serde_saphyr::from_str_with_options(&text, sigs_lint::model::tree::parse_options()).unwrap(); std::hint::black_box(v); }
    println!("tree raw {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n { let v: Option<sigs_lint::model::tree::Node> = serde_saphyr::from_str(&text).unwrap(); std::hint::black_box(v); }
    println!("tree raw default opts {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(sigs_lint::model::tree::parse(&file).unwrap()); }
    println!("tree+spans {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(sigs_lint::model::load(&file)); }
    println!("load {:?}", t.elapsed() / n);
}
